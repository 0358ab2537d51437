//! Line prompts for "not applicable": which of a grouped question's Annex A controls are
//! excluded and why, and the justification of a control's own question.

use std::io::{BufRead, Write};

use crate::model::ControlRef;
use crate::tui::app::App;
use crate::tui::exclusions::{self, Control};
use crate::tui::update::{NEEDS_JUSTIFICATION, NEEDS_OWN_JUSTIFICATION};

/// Writes a prompt and reads a trimmed line; `None` at the end of input.
fn ask(
    input: &mut impl BufRead,
    out: &mut impl Write,
    prompt: &str,
) -> std::io::Result<Option<String>> {
    write!(out, "{prompt} ")?;
    out.flush()?;
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        writeln!(out)?;
        return Ok(None);
    }
    Ok(Some(line.trim().to_owned()))
}

/// Asks which of the Annex A controls of question `id` are excluded and, when any is, one
/// justification for all of them. `None` when cancelled (`b` or the end of input).
pub(crate) fn ask_exclusions(
    app: &App,
    id: &str,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> std::io::Result<Option<(Vec<ControlRef>, String)>> {
    let controls: Vec<Control> = app
        .questionnaire
        .question(id)
        .map(exclusions::controls)
        .unwrap_or_default();
    let (recorded, kept, differing) = exclusions::recorded(app, &controls);
    writeln!(
        out,
        "{id} covers {} Annex A controls. Each one excluded from the Statement of Applicability needs a justification; the others stay to confirm. b cancels.",
        controls.len()
    )?;
    if !recorded.is_empty() {
        writeln!(
            out,
            "The numbers given replace the exclusions recorded now (marked below)."
        )?;
    }
    for (index, control) in controls.iter().enumerate() {
        let mark = if recorded.contains(&control.reference) {
            " (excluded now)"
        } else {
            ""
        };
        writeln!(out, "  {}) {}{mark}", index + 1, control.label())?;
    }
    let chosen = loop {
        let Some(line) = ask(
            input,
            out,
            "Which of these are excluded? (numbers separated by spaces, 'all', or Enter for none)",
        )?
        else {
            return Ok(None);
        };
        match line.to_lowercase().as_str() {
            "b" => return Ok(None),
            "" => break Vec::new(),
            "all" => break controls.iter().map(|c| c.reference.clone()).collect(),
            numbers => match pick(&controls, numbers) {
                Ok(chosen) => break chosen,
                Err(problem) => writeln!(out, "{problem}")?,
            },
        }
    };
    if chosen.is_empty() {
        return Ok(Some((chosen, String::new())));
    }
    if !kept.is_empty() {
        let replaced = if differing {
            " (they differ: the one given replaces them)"
        } else {
            ""
        };
        writeln!(
            out,
            "Current justification: {kept}{replaced}. Enter keeps it."
        )?;
    }
    loop {
        let Some(line) = ask(input, out, "Why? (one justification for all of them)")? else {
            return Ok(None);
        };
        match line.as_str() {
            "b" => return Ok(None),
            "" if !kept.is_empty() => return Ok(Some((chosen, kept))),
            "" => writeln!(out, "{NEEDS_JUSTIFICATION}")?,
            text => return Ok(Some((chosen, text.to_owned()))),
        }
    }
}

/// The controls numbered in `typed` ("1 3", "1,3"), each once, in the question's order.
fn pick(controls: &[Control], typed: &str) -> Result<Vec<ControlRef>, String> {
    let mut chosen = vec![false; controls.len()];
    for word in typed
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|word| !word.is_empty())
    {
        let index = word
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .filter(|&index| index < controls.len())
            .ok_or_else(|| {
                format!(
                    "\"{word}\" is not a control number: type 1 to {}, 'all', or Enter for none.",
                    controls.len()
                )
            })?;
        chosen[index] = true;
    }
    Ok(controls
        .iter()
        .zip(chosen)
        .filter(|(_, on)| *on)
        .map(|(control, _)| control.reference.clone())
        .collect())
}

/// Asks why the one Annex A control of question `id` does not apply. `None` when cancelled.
pub(crate) fn ask_justification(
    app: &App,
    id: &str,
    control: &Control,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> std::io::Result<Option<String>> {
    let session = app.assessment.as_ref().map(|a| &a.session);
    let kept = session
        .and_then(|s| s.notes.get(id))
        .or_else(|| session.and_then(|s| s.exclusions.get(&control.reference.to_string())))
        .map(|text| text.trim().replace('\n', " "))
        .unwrap_or_default();
    writeln!(
        out,
        "{id} maps one Annex A control, {} {}. Excluding it needs a justification: it is kept as the note and the Statement of Applicability states it.",
        control.reference.standard.short_name(),
        control.label()
    )?;
    if !kept.is_empty() {
        writeln!(out, "Current justification: {kept}. Enter keeps it.")?;
    }
    loop {
        let Some(line) = ask(input, out, "Why does it not apply here? (b cancels)")? else {
            return Ok(None);
        };
        match line.as_str() {
            "b" => return Ok(None),
            "" if !kept.is_empty() => return Ok(Some(kept)),
            "" => writeln!(out, "{NEEDS_OWN_JUSTIFICATION}")?,
            text => return Ok(Some(text.to_owned())),
        }
    }
}
