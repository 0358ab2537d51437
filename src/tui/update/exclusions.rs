//! "Not applicable" on readiness questions: the exclusion checklist of a grouped question, the
//! justification prompt of a control's own question, and recording both with the answer in
//! one save.

use ratatui::style::Style;
use ratatui::widgets::{Block, Borders};
use ratatui_textarea::{TextArea, WrapMode};

use super::assessment::move_to;
use super::{refuse_read_only, save, step};
use crate::model::{AnswerValue, ControlRef, Maturity, QuestionKind};
use crate::tui::app::{App, Banner, ExclusionDialog, JustifyDialog, Overlay};
use crate::tui::exclusions::{self, CLAUSE_WARNING, NotApplicable};
use crate::tui::msg::{Effect, Msg};
use crate::tui::theme::Theme;

/// Said when a control is ticked and no justification is given.
pub const NEEDS_JUSTIFICATION: &str =
    "Type a justification first: the Statement of Applicability needs one.";

/// Said when a control's own question is answered not applicable without a justification.
pub const NEEDS_OWN_JUSTIFICATION: &str =
    "Type a justification first: it is kept as the question's note.";

/// A justification field: wrapped, in a box that shows whether it has focus.
fn field(text: &str, placeholder: &str) -> Box<TextArea<'static>> {
    let mut editor = TextArea::new(vec![text.to_owned()]);
    editor.move_cursor(ratatui_textarea::CursorMove::End);
    editor.set_placeholder_text(placeholder);
    editor.set_wrap_mode(WrapMode::WordOrGlyph);
    editor.set_cursor_line_style(Style::new());
    Box::new(editor)
}

/// Shows focus on a justification field: its border and its cursor.
fn focus(editor: &mut TextArea<'static>, focused: bool, theme: &Theme) {
    let border = if focused { theme.title } else { theme.border };
    editor.set_block(
        Block::new()
            .borders(Borders::ALL)
            .border_style(border)
            .title(" Justification "),
    );
    editor.set_cursor_style(if focused { theme.focus } else { Style::new() });
}

/// The text of a justification field, on one line.
fn text(editor: &TextArea<'static>) -> String {
    editor
        .lines()
        .iter()
        .map(|line| line.trim())
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Asks what "not applicable" excludes on question `id`, if its controls can be: opens the
/// checklist or the justification prompt and returns true; the answer changes only when it is
/// confirmed. False when nothing needs asking (no Annex A control, or a read-only session).
pub(super) fn ask(app: &mut App, id: &str, advance: bool) -> bool {
    let Some(question) = app.questionnaire.question(id) else {
        return false;
    };
    if app
        .assessment
        .as_ref()
        .is_none_or(|a| a.read_only.is_some())
    {
        return false;
    }
    match exclusions::not_applicable(question) {
        NotApplicable::Nothing => false,
        NotApplicable::Grouped(_) => {
            let answer = Some(AnswerValue::Text(Maturity::NotApplicable.key().to_owned()));
            open_checklist(app, id, answer, advance)
        }
        NotApplicable::OwnControl(control) => {
            let session = app.assessment.as_ref().map(|a| &a.session);
            // The note is offered as the justification only when it already is one (the answer
            // is already not applicable): a note written for another answer says something else.
            let already = session
                .and_then(|s| s.answers.get(id))
                .and_then(AnswerValue::as_maturity)
                == Some(Maturity::NotApplicable);
            let note = session
                .filter(|_| already)
                .and_then(|s| s.notes.get(id))
                .or_else(|| session.and_then(|s| s.exclusions.get(&control.reference.to_string())))
                .map(|text| text.trim().replace('\n', " "))
                .unwrap_or_default();
            let mut justification = field(
                &note,
                "Why it does not apply here, and who covers the risk instead, if anyone",
            );
            focus(&mut justification, true, &app.theme);
            app.overlay = Some(Overlay::Justify(Box::new(JustifyDialog {
                question: id.to_owned(),
                control,
                justification,
                problem: None,
                advance,
            })));
            true
        }
    }
}

/// Opens the exclusion checklist of question `id` from the exclusions it has; `answer` is
/// stored with them on confirming. False when the question maps no Annex A control.
pub(super) fn open_checklist(
    app: &mut App,
    id: &str,
    answer: Option<AnswerValue>,
    advance: bool,
) -> bool {
    let Some(question) = app.questionnaire.question(id) else {
        return false;
    };
    if question.kind != QuestionKind::Maturity {
        return false;
    }
    let controls = exclusions::controls(question);
    if controls.is_empty() {
        return false;
    }
    let (ticked, justification, differing) = exclusions::recorded(app, &controls);
    let mut justification = field(
        &justification,
        "Why they do not apply here, and who covers the risk instead, if anyone",
    );
    focus(&mut justification, false, &app.theme);
    let controls = controls
        .into_iter()
        .map(|control| {
            let on = ticked.contains(&control.reference);
            (control, on)
        })
        .collect();
    app.overlay = Some(Overlay::Exclusions(Box::new(ExclusionDialog {
        question: id.to_owned(),
        answer,
        controls,
        highlighted: 0,
        justification,
        editing: false,
        differing,
        problem: None,
        advance,
    })));
    true
}

/// Keys in the checklist.
pub(super) fn checklist(app: &mut App, mut dialog: Box<ExclusionDialog>, msg: Msg) -> Vec<Effect> {
    let count = dialog.controls.len();
    match msg {
        Msg::Back => {
            app.banner = Some(Banner {
                text: "Cancelled: the answer and the exclusions are as they were.".to_owned(),
                error: false,
            });
            return Vec::new();
        }
        Msg::Up if !dialog.editing => dialog.highlighted = dialog.highlighted.saturating_sub(1),
        Msg::Down if !dialog.editing => {
            dialog.highlighted = (dialog.highlighted + 1).min(count.saturating_sub(1));
        }
        Msg::Scroll(delta) if !dialog.editing => {
            dialog.highlighted = step(dialog.highlighted, delta, count);
        }
        Msg::Toggle if !dialog.editing => {
            if let Some((_, ticked)) = dialog.controls.get_mut(dialog.highlighted) {
                *ticked = !*ticked;
            }
        }
        Msg::SelectAll | Msg::SelectNone if !dialog.editing => {
            let on = msg == Msg::SelectAll;
            for (_, ticked) in &mut dialog.controls {
                *ticked = on;
            }
        }
        Msg::Next | Msg::Prev => {
            dialog.editing = !dialog.editing;
            focus(&mut dialog.justification, dialog.editing, &app.theme);
        }
        Msg::Edit(key) if dialog.editing => {
            dialog.justification.input(key);
            dialog.problem = None;
        }
        Msg::Confirm => {
            let excluded: Vec<ControlRef> = dialog
                .controls
                .iter()
                .filter(|(_, ticked)| *ticked)
                .map(|(control, _)| control.reference.clone())
                .collect();
            let justification = text(&dialog.justification);
            match exclude(
                app,
                &dialog.question,
                dialog.answer.clone(),
                &excluded,
                &justification,
            ) {
                Ok(effects) => {
                    if dialog.advance && !effects.is_empty() {
                        move_to(app, Some(1));
                    }
                    return effects;
                }
                Err(problem) => {
                    dialog.problem = Some(problem);
                    dialog.editing = true;
                    focus(&mut dialog.justification, true, &app.theme);
                }
            }
        }
        _ => {}
    }
    app.overlay = Some(Overlay::Exclusions(dialog));
    Vec::new()
}

/// Keys in the justification prompt.
pub(super) fn justify_prompt(
    app: &mut App,
    mut dialog: Box<JustifyDialog>,
    msg: Msg,
) -> Vec<Effect> {
    match msg {
        Msg::Back => {
            app.banner = Some(Banner {
                text: "Cancelled: the answer is as it was.".to_owned(),
                error: false,
            });
            return Vec::new();
        }
        Msg::Edit(key) => {
            dialog.justification.input(key);
            dialog.problem = None;
        }
        Msg::Confirm => {
            let justification = text(&dialog.justification);
            match justify(app, &dialog.question, &justification) {
                Ok(effects) => {
                    if dialog.advance && !effects.is_empty() {
                        move_to(app, Some(1));
                    }
                    return effects;
                }
                Err(problem) => dialog.problem = Some(problem),
            }
        }
        _ => {}
    }
    app.overlay = Some(Overlay::Justify(dialog));
    Vec::new()
}

/// Stores the exclusions of question `id` (and its answer, if given) and saves once. `Err`
/// says why nothing was changed.
pub(super) fn exclude(
    app: &mut App,
    id: &str,
    answer: Option<AnswerValue>,
    excluded: &[ControlRef],
    justification: &str,
) -> Result<Vec<Effect>, String> {
    let Some(question) = app.questionnaire.question(id) else {
        return Err(format!("No question \"{id}\" in this questionnaire."));
    };
    let controls = exclusions::controls(question);
    if question.kind != QuestionKind::Maturity || controls.is_empty() {
        return Err(format!("{id} maps no Annex A control: nothing to exclude."));
    }
    if let Some(unknown) = excluded
        .iter()
        .find(|reference| !controls.iter().any(|c| &c.reference == *reference))
    {
        return Err(format!("{id} does not map {unknown}."));
    }
    if answer.as_ref().is_some_and(|a| a.as_maturity().is_none()) {
        return Err("That is not a readiness answer.".to_owned());
    }
    let justification = justification.trim();
    if !excluded.is_empty() && !crate::model::exclusions::is_justified(justification) {
        return Err(NEEDS_JUSTIFICATION.to_owned());
    }
    let clauses =
        exclusions::covers_clauses(question) && exclusions::is_not_applicable(answer.as_ref());
    if refuse_read_only(app) {
        return Err("Read-only: nothing is changed.".to_owned());
    }
    let Some(assessment) = app.assessment.as_mut() else {
        return Err("No assessment is open.".to_owned());
    };
    if let Some(answer) = answer {
        assessment.record_answer(id, Some(answer));
    }
    let session = &mut assessment.session;
    let mut kept = 0;
    for control in &controls {
        let key = control.reference.to_string();
        if excluded.contains(&control.reference) {
            session.exclusions.insert(key, justification.to_owned());
        } else {
            session.exclusions.remove(&key);
            kept += 1;
        }
    }
    let pending = exclusions::is_not_applicable(session.answers.get(id));
    let total = controls.len();
    let mut told = match (excluded.len(), kept) {
        (0, _) if pending && total == 1 => {
            "Nothing excluded: its control stays to confirm.".to_owned()
        }
        (0, _) if pending => format!("Nothing excluded: its {total} controls stay to confirm."),
        (0, _) => "Nothing excluded.".to_owned(),
        (1, 0) => "Excluded its control from the Statement of Applicability.".to_owned(),
        (n, 0) => format!("Excluded all {n} controls from the Statement of Applicability."),
        (n, kept) if pending => format!(
            "Excluded {n} of {total} controls from the Statement of Applicability; the other {kept} stay to confirm."
        ),
        (n, _) => format!("Excluded {n} of {total} controls from the Statement of Applicability."),
    };
    if clauses {
        told = format!("{told} {CLAUSE_WARNING}");
    }
    app.refresh();
    app.banner = Some(Banner {
        text: told,
        error: clauses,
    });
    Ok(save(app))
}

/// Answers question `id` not applicable with `justification` as its note, and saves once.
pub(super) fn justify(app: &mut App, id: &str, justification: &str) -> Result<Vec<Effect>, String> {
    let Some(question) = app.questionnaire.question(id) else {
        return Err(format!("No question \"{id}\" in this questionnaire."));
    };
    let NotApplicable::OwnControl(control) = exclusions::not_applicable(question) else {
        return Err(format!(
            "{id} does not map one Annex A control alone: its answer cannot exclude one."
        ));
    };
    let justification = justification.trim();
    if !crate::model::exclusions::is_justified(justification) {
        return Err(NEEDS_OWN_JUSTIFICATION.to_owned());
    }
    if refuse_read_only(app) {
        return Err("Read-only: nothing is changed.".to_owned());
    }
    let Some(assessment) = app.assessment.as_mut() else {
        return Err("No assessment is open.".to_owned());
    };
    assessment.record_answer(
        id,
        Some(AnswerValue::Text(Maturity::NotApplicable.key().to_owned())),
    );
    assessment
        .session
        .notes
        .insert(id.to_owned(), justification.to_owned());
    app.refresh();
    app.banner = Some(Banner {
        text: format!(
            "{} excluded from the Statement of Applicability; the note is the justification.",
            control.reference.id
        ),
        error: false,
    });
    Ok(save(app))
}
