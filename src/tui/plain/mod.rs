//! The accessible mode: plain line-by-line prompts, no alternate screen, for screen readers and
//! `TERM=dumb`. It drives the same `App` and `update` as the TUI, so questions, conditions and
//! saving are the same.

use std::io::{BufRead, Write};

mod exclusions;

use crate::model::{AnswerValue, QuestionKind};

use super::app::{App, Screen};
use super::exclusions::{self as applicability, NotApplicable};
use super::input;
use super::msg::{Effect, Msg};
use super::update::{answer_current, note_current, update};

const HELP: &str = "Answer with the option's number (several numbers for \"all that apply\"), \
y or n, or text. Enter alone keeps the current answer and moves on. \
Commands: b back, h help for this question, note (or n, except on yes/no questions, where n \
means no), f flag, d don't know, x exclusions from the Statement of Applicability, \
u next unanswered, r results, q quit. Every answer is saved at once.";

/// What the plain loop needs from its driver: saving a session.
pub trait Saver {
    /// Saves the session; an error is shown and the answer stays in memory.
    fn save(&mut self, session: &crate::model::Session) -> Result<(), String>;
}

/// Runs the plain mode on an app with an open session until the user quits or input ends.
pub fn run(
    app: &mut App,
    saver: &mut impl Saver,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> std::io::Result<()> {
    // Client names, notes and questionnaire text are printed: none of it may drive the terminal.
    let out = &mut crate::text::ControlFilter::new(out);
    writeln!(out, "isoready, plain mode. {HELP}")?;
    if let Some(assessment) = app.assessment.as_ref() {
        let session = &assessment.session;
        let client = if session.client.is_empty() {
            "an unnamed client"
        } else {
            &session.client
        };
        let progress = app
            .progress()
            .map(|stage| stage.describe())
            .unwrap_or_default();
        writeln!(
            out,
            "Assessment of {client}, {} depth. {progress}.",
            super::view::depth_label(session.depth),
        )?;
    }
    loop {
        if app.screen == Screen::Results {
            results(app, out)?;
            return Ok(());
        }
        let Some((section, question)) = app.current() else {
            writeln!(out, "No questions to ask.")?;
            return Ok(());
        };
        let kind = question.kind;
        let id = question.id.clone();
        writeln!(out)?;
        writeln!(
            out,
            "[{} · screen {}] {}",
            section.title,
            app.screen_label(),
            question.id
        )?;
        if let Some(lead) = app.visible_lead() {
            let answered = app
                .assessment
                .as_ref()
                .and_then(|a| a.session.answers.get(&lead.id));
            writeln!(
                out,
                "(Follows: {} Answered: {}.)",
                lead.prompt,
                input::describe(&input::options(lead), answered)
            )?;
        }
        writeln!(out, "{}", question.prompt)?;
        let options = input::options(question);
        for (index, item) in options.iter().enumerate() {
            writeln!(out, "  {}) {}", index + 1, item.label)?;
        }
        if kind == QuestionKind::Multi {
            writeln!(
                out,
                "(All that apply: type every number that fits, such as 1 3.)"
            )?;
        }
        let current = app
            .assessment
            .as_ref()
            .and_then(|a| a.session.answers.get(&question.id));
        // A grouped question's answer, which Enter takes on an unanswered question.
        let grouped = match current {
            None => applicability::grouped_answer(app, question)
                .map(|(_, level)| AnswerValue::Text(level.key().to_owned())),
            Some(_) => None,
        };
        match &grouped {
            Some(value) => writeln!(
                out,
                "Current answer: none yet; Enter takes the grouped answer, {}.",
                input::describe(&options, Some(value))
            )?,
            None => writeln!(
                out,
                "Current answer: {}",
                input::describe(&options, current)
            )?,
        }
        for line in applicability::context_lines(app) {
            writeln!(out, "{}", line.shown())?;
        }
        write!(out, "> ")?;
        out.flush()?;
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            writeln!(out)?;
            let effects = update(app, Msg::Quit);
            perform(app, saver, effects, out)?;
            return Ok(());
        }
        let line = line.trim().to_owned();
        let effects = match line.as_str() {
            "q" => {
                let effects = update(app, Msg::Quit);
                perform(app, saver, effects, out)?;
                writeln!(out, "Saved. Resume with: isoready resume")?;
                return Ok(());
            }
            "n" | "no" if kind == QuestionKind::YesNo => {
                answer(app, &id, AnswerValue::Bool(false), input, out)?
            }
            "b" => update(app, Msg::Prev),
            "u" => update(app, Msg::NextUnanswered),
            "r" => {
                results(app, out)?;
                Vec::new()
            }
            "f" => {
                let effects = update(app, Msg::Flag);
                let flagged = app
                    .assessment
                    .as_ref()
                    .is_some_and(|a| a.session.flagged.contains(&id));
                writeln!(
                    out,
                    "{}",
                    if flagged {
                        "Flagged for follow-up."
                    } else {
                        "Flag removed."
                    }
                )?;
                effects
            }
            "d" => update(app, Msg::DontKnow),
            "h" | "?" => {
                if let Some((_, question)) = app.current() {
                    let guidance = if question.kind == QuestionKind::Maturity {
                        "What good looks like"
                    } else {
                        "How to answer"
                    };
                    writeln!(out, "Why it matters: {}", question.help)?;
                    writeln!(out, "{guidance}: {}", question.guidance)?;
                }
                Vec::new()
            }
            "note" | "n" => {
                write!(out, "Note (one line, empty to remove): ")?;
                out.flush()?;
                let mut note = String::new();
                input.read_line(&mut note)?;
                let note = note.trim();
                match note_current(app, note) {
                    Some(effects) => {
                        let done = if note.is_empty() {
                            "Note removed."
                        } else {
                            "Note saved."
                        };
                        writeln!(out, "{done}")?;
                        effects
                    }
                    None => {
                        let why = app
                            .banner
                            .as_ref()
                            .map_or("Not saved.", |b| b.text.as_str());
                        writeln!(out, "{why}")?;
                        Vec::new()
                    }
                }
            }
            "x" => edit_exclusions(app, &id, input, out)?,
            "" => match grouped {
                Some(value) => answer(app, &id, value, input, out)?,
                None => update(app, Msg::Next),
            },
            typed => match parse(kind, &options, typed) {
                Ok(value) => answer(app, &id, value, input, out)?,
                Err(problem) => {
                    writeln!(out, "{problem}")?;
                    Vec::new()
                }
            },
        };
        perform(app, saver, effects, out)?;
    }
}

/// Records an answer to question `id` and moves on. "Not applicable" on a question that maps
/// Annex A controls first asks what it excludes and why; cancelled, nothing changes.
fn answer(
    app: &mut App,
    id: &str,
    value: AnswerValue,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> std::io::Result<Vec<Effect>> {
    let Some(question) = app.questionnaire.question(id) else {
        return Ok(Vec::new());
    };
    let writable = app
        .assessment
        .as_ref()
        .is_some_and(|a| a.read_only.is_none());
    let not_applicable = applicability::is_not_applicable(Some(&value));
    let asks = if not_applicable && writable {
        applicability::not_applicable(question)
    } else {
        NotApplicable::Nothing
    };
    let clauses = not_applicable && applicability::covers_clauses(question);
    let msg = match asks {
        NotApplicable::Nothing => {
            let taken = input::describe(&input::options(question), Some(&value));
            let mut effects = answer_current(app, Some(value));
            if !effects.is_empty() {
                writeln!(out, "Answered: {taken}.")?;
            }
            if clauses && !effects.is_empty() {
                writeln!(out, "{}", applicability::CLAUSE_WARNING)?;
            }
            effects.extend(update(app, Msg::Next));
            return Ok(effects);
        }
        NotApplicable::Grouped(_) => {
            exclusions::ask_exclusions(app, id, input, out)?.map(|(excluded, justification)| {
                Msg::Exclude {
                    question: id.to_owned(),
                    answer: Some(value),
                    excluded,
                    justification,
                }
            })
        }
        NotApplicable::OwnControl(control) => {
            exclusions::ask_justification(app, id, &control, input, out)?.map(|justification| {
                Msg::Justify {
                    question: id.to_owned(),
                    justification,
                }
            })
        }
    };
    let Some(msg) = msg else {
        writeln!(out, "Cancelled: the answer is as it was.")?;
        return Ok(Vec::new());
    };
    let mut effects = decide(app, msg, out)?;
    if !effects.is_empty() {
        effects.extend(update(app, Msg::Next));
    }
    Ok(effects)
}

/// Edits the exclusions of question `id`, keeping its answer (the `x` command).
fn edit_exclusions(
    app: &mut App,
    id: &str,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> std::io::Result<Vec<Effect>> {
    let maps_controls = app.questionnaire.question(id).is_some_and(|question| {
        question.kind == QuestionKind::Maturity && !applicability::controls(question).is_empty()
    });
    if !maps_controls {
        writeln!(
            out,
            "This question maps no Annex A control: nothing to exclude (clauses 4–10 never are)."
        )?;
        return Ok(Vec::new());
    }
    if let Some(holder) = app.assessment.as_ref().and_then(|a| a.read_only.clone()) {
        writeln!(out, "Read-only, nothing is changed: {holder}")?;
        return Ok(Vec::new());
    }
    match exclusions::ask_exclusions(app, id, input, out)? {
        Some((excluded, justification)) => decide(
            app,
            Msg::Exclude {
                question: id.to_owned(),
                answer: None,
                excluded,
                justification,
            },
            out,
        ),
        None => {
            writeln!(out, "Cancelled: the exclusions are as they were.")?;
            Ok(Vec::new())
        }
    }
}

/// Sends a decision on exclusions and reads out what `update` says of it.
fn decide(app: &mut App, msg: Msg, out: &mut impl Write) -> std::io::Result<Vec<Effect>> {
    let effects = update(app, msg);
    if let Some(banner) = &app.banner {
        writeln!(out, "{}", banner.text)?;
    }
    Ok(effects)
}

/// Parses a typed answer for a question kind.
fn parse(
    kind: QuestionKind,
    options: &[input::OptionItem],
    typed: &str,
) -> Result<AnswerValue, String> {
    let number = |word: &str| -> Result<&input::OptionItem, String> {
        word.parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|index| options.get(index))
            .ok_or_else(|| {
                format!(
                    "\"{word}\" is not an option number: type 1 to {}.",
                    options.len()
                )
            })
    };
    match kind {
        QuestionKind::YesNo => match typed.to_lowercase().as_str() {
            "y" | "yes" | "1" => Ok(AnswerValue::Bool(true)),
            "n" | "no" | "2" => Ok(AnswerValue::Bool(false)),
            _ => Err("Type y or n.".to_owned()),
        },
        QuestionKind::Single | QuestionKind::Maturity => {
            number(typed).map(|item| item.value.clone())
        }
        QuestionKind::Multi => {
            let chosen = typed
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|word| !word.is_empty())
                .map(number)
                .collect::<Result<Vec<_>, _>>()?;
            // In the questionnaire's order, each option once ("1,1" is "1").
            let mut chosen = chosen;
            chosen.sort_by_key(|item| options.iter().position(|option| option.value == item.value));
            chosen.dedup_by(|a, b| a.value == b.value);
            if chosen.len() > 1
                && let Some(alone) = chosen.iter().find(|item| item.exclusive)
            {
                return Err(format!(
                    "\"{}\" stands alone: pick it without the others.",
                    alone.label
                ));
            }
            Ok(AnswerValue::List(
                chosen
                    .iter()
                    .filter_map(|item| item.value.as_text().map(str::to_owned))
                    .collect(),
            ))
        }
        QuestionKind::Number => typed
            .replace(',', "")
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(AnswerValue::Number)
            .ok_or_else(|| format!("\"{typed}\" is not a number.")),
        QuestionKind::Text => Ok(AnswerValue::Text(typed.to_owned())),
    }
}

/// Performs the saves among the effects; a failure is reported and retried with the next save
/// (every save writes the whole session).
fn perform(
    app: &mut App,
    saver: &mut impl Saver,
    effects: Vec<Effect>,
    out: &mut impl Write,
) -> std::io::Result<()> {
    for effect in effects {
        if let Effect::Save(session) = effect {
            let msg = match saver.save(&session) {
                Ok(()) => Msg::Saved,
                Err(reason) => {
                    writeln!(out, "Not saved ({reason}). The answer is kept in memory.")?;
                    Msg::SaveFailed(reason)
                }
            };
            update(app, msg);
        }
    }
    Ok(())
}

fn results(app: &App, out: &mut impl Write) -> std::io::Result<()> {
    let Some(assessment) = app.assessment.as_ref() else {
        return Ok(());
    };
    let report = &assessment.report;
    writeln!(out)?;
    writeln!(out, "Recommendation: {}.", report.recommendation.headline())?;
    for finding in &report.rationale {
        writeln!(out, "- {}", finding.finding)?;
    }
    writeln!(out, "{}", report.sequencing)?;
    for (standard, readiness) in &report.readiness {
        writeln!(
            out,
            "{} readiness: {:.1} percent.",
            standard.short_name(),
            readiness.percent
        )?;
    }
    writeln!(out, "Top gaps:")?;
    for gap in report.gaps.iter().take(10) {
        writeln!(
            out,
            "{}. {} priority: {} ({}). {}",
            gap.rank,
            gap.priority.label(),
            gap.title,
            gap.controls_label(),
            gap.action
        )?;
    }
    if !report.missing.is_empty() {
        writeln!(
            out,
            "{} questions are still open: they count as not ready.",
            report.missing.len()
        )?;
    }
    Ok(())
}
