//! The accessible mode: plain line-by-line prompts, no alternate screen, for screen readers and
//! `TERM=dumb`. It sends the same messages through the same `update` and driver as the TUI, so
//! questions, conditions and saving are the same.

use std::io::{BufRead, Write};

mod exclusions;
mod typed;

use typed::parse;

use crate::model::{AnswerValue, QuestionKind};

use super::app::{App, Screen};
use super::driver::{Perform, drive};
use super::exclusions::{self as applicability, NotApplicable};
use super::input;
use super::msg::Msg;

const HELP: &str = "Answer with the option's number (several numbers for \"all that apply\"), \
y or n, or text. Enter alone keeps the current answer and moves on. \
Commands: b back, h help for this question, note (or n, except on yes/no questions, where n \
means no), f flag, d don't know, x exclusions from the Statement of Applicability, \
u next unanswered, r results, q quit. Every answer is saved at once.";

/// Sends messages through `update` and has their effects performed; reads out an error the
/// banner shows afterwards (a refusal, or a save that failed). Returns true when quitting.
fn send(
    app: &mut App,
    performer: &mut impl Perform,
    msgs: impl IntoIterator<Item = Msg>,
    out: &mut impl Write,
) -> std::io::Result<bool> {
    let before = app.banner.clone();
    let quit = drive(app, performer, msgs);
    if app.banner != before
        && let Some(banner) = app.banner.as_ref().filter(|banner| banner.error)
    {
        writeln!(out, "{}", banner.text)?;
    }
    Ok(quit)
}

/// The note on question `id`, if any.
fn note_of(app: &App, id: &str) -> Option<String> {
    app.assessment
        .as_ref()
        .and_then(|assessment| assessment.session.notes.get(id).cloned())
}

/// Runs the plain mode on an app with an open session until the user quits or input ends.
pub fn run(
    app: &mut App,
    performer: &mut impl Perform,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> std::io::Result<()> {
    // Client names, notes and questionnaire text are printed: none of it may drive the terminal.
    let out = &mut crate::text::ControlFilter::new(out);
    greet(app, out)?;
    loop {
        if app.screen == Screen::Results {
            // The last question is answered: the results, then the same ending as `q`.
            results(app, out)?;
            send(app, performer, [Msg::Quit], out)?;
            farewell(app, out)?;
            return Ok(());
        }
        let Some(asked) = ask(app, out)? else {
            writeln!(out, "No questions to ask.")?;
            return Ok(());
        };
        write!(out, "> ")?;
        out.flush()?;
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            writeln!(out)?;
            send(app, performer, [Msg::Quit], out)?;
            return Ok(());
        }
        if command(app, performer, &asked, line.trim(), input, out)? == Flow::Quit {
            return Ok(());
        }
    }
}

/// The last line: saved, with how to come back (naming the session), or that nothing changed.
fn farewell(app: &App, out: &mut impl Write) -> std::io::Result<()> {
    match app.assessment.as_ref() {
        Some(assessment) if assessment.read_only.is_some() => {
            writeln!(out, "Nothing was changed: the session is open elsewhere.")
        }
        Some(assessment) => writeln!(
            out,
            "Saved. Resume with: isoready resume {}",
            &assessment.session.id[..8.min(assessment.session.id.len())]
        ),
        None => Ok(()),
    }
}

/// The question on screen, as a command reads it.
struct Asked {
    id: String,
    kind: QuestionKind,
    options: Vec<input::OptionItem>,
    /// A grouped question's answer, which Enter takes on an unanswered question.
    grouped: Option<AnswerValue>,
}

/// Whether the loop goes on.
#[derive(Debug, PartialEq, Eq)]
enum Flow {
    Continue,
    Quit,
}

/// The opening lines: the help, and whose assessment this is and how far it has got.
fn greet(app: &App, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "isoready, plain mode. {HELP}")?;
    let Some(assessment) = app.assessment.as_ref() else {
        return Ok(());
    };
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
        session.depth.key(),
    )?;
    if let Some(holder) = &assessment.read_only {
        writeln!(
            out,
            "Read-only: {holder}. You can read every question and the results; nothing is changed."
        )?;
    }
    Ok(())
}

/// Reads out the current question: where it is, the question it follows, its options and its
/// answer. `None` when no question is asked.
fn ask(app: &App, out: &mut impl Write) -> std::io::Result<Option<Asked>> {
    let Some((section, question)) = app.current() else {
        return Ok(None);
    };
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
    if question.kind == QuestionKind::Multi {
        writeln!(
            out,
            "(All that apply: type every number that fits, such as 1 3.)"
        )?;
    }
    let current = app
        .assessment
        .as_ref()
        .and_then(|a| a.session.answers.get(&question.id));
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
    Ok(Some(Asked {
        id: question.id.clone(),
        kind: question.kind,
        options,
        grouped,
    }))
}

/// Carries out what was typed at the prompt of question `asked`.
fn command(
    app: &mut App,
    performer: &mut impl Perform,
    asked: &Asked,
    line: &str,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> std::io::Result<Flow> {
    let Asked {
        id,
        kind,
        options,
        grouped,
    } = asked;
    let (id, kind) = (id.as_str(), *kind);
    match line {
        "q" => {
            send(app, performer, [Msg::Quit], out)?;
            farewell(app, out)?;
            return Ok(Flow::Quit);
        }
        "n" | "no" if kind == QuestionKind::YesNo => {
            answer(app, performer, id, AnswerValue::Bool(false), input, out)?;
        }
        "b" => {
            send(app, performer, [Msg::Prev], out)?;
        }
        "u" => {
            send(app, performer, [Msg::NextUnanswered], out)?;
        }
        "r" => results(app, out)?,
        "f" => {
            send(app, performer, [Msg::Flag], out)?;
            let flagged = app
                .assessment
                .as_ref()
                .is_some_and(|a| a.session.flagged.contains(id));
            writeln!(
                out,
                "{}",
                if flagged {
                    "Flagged for follow-up."
                } else {
                    "Flag removed."
                }
            )?;
        }
        "d" => {
            send(app, performer, [Msg::DontKnow], out)?;
        }
        "h" | "?" => explain(app, out)?,
        "note" | "n" => write_note(app, performer, id, input, out)?,
        "x" => edit_exclusions(app, performer, id, input, out)?,
        "" => match grouped {
            Some(value) => answer(app, performer, id, value.clone(), input, out)?,
            None => {
                send(app, performer, [Msg::Next], out)?;
            }
        },
        typed => match parse(kind, options, typed) {
            Ok(value) => answer(app, performer, id, value, input, out)?,
            Err(problem) => writeln!(out, "{problem}")?,
        },
    }
    Ok(Flow::Continue)
}

/// Reads out why the current question matters and how to answer it.
fn explain(app: &App, out: &mut impl Write) -> std::io::Result<()> {
    let Some((_, question)) = app.current() else {
        return Ok(());
    };
    let guidance = if question.kind == QuestionKind::Maturity {
        "What good looks like"
    } else {
        "How to answer"
    };
    writeln!(out, "Why it matters: {}", question.help)?;
    writeln!(out, "{guidance}: {}", question.guidance)
}

/// Asks for a one-line note on question `id` and writes it (an empty one removes it).
fn write_note(
    app: &mut App,
    performer: &mut impl Perform,
    id: &str,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> std::io::Result<()> {
    write!(out, "Note (one line, empty to remove): ")?;
    out.flush()?;
    let mut note = String::new();
    input.read_line(&mut note)?;
    let note = note.trim();
    let before = note_of(app, id);
    send(app, performer, [Msg::SetNote(note.to_owned())], out)?;
    let after = note_of(app, id);
    // A refusal (read-only) was read out by `send`; the note is as it was.
    if after != before || after.as_deref() == Some(note) {
        let done = if note.is_empty() {
            "Note removed."
        } else {
            "Note saved."
        };
        writeln!(out, "{done}")?;
    }
    Ok(())
}

/// Records an answer to question `id` and moves on. "Not applicable" on a question that maps
/// Annex A controls first asks what it excludes and why; cancelled, nothing changes.
fn answer(
    app: &mut App,
    performer: &mut impl Perform,
    id: &str,
    value: AnswerValue,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let Some(question) = app.questionnaire.question(id) else {
        return Ok(());
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
            send(app, performer, [Msg::Answer(Some(value.clone()))], out)?;
            if answer_of(app, id) == Some(value) {
                writeln!(out, "Answered: {taken}.")?;
                if clauses {
                    writeln!(out, "{}", applicability::CLAUSE_WARNING)?;
                }
            }
            send(app, performer, [Msg::Next], out)?;
            return Ok(());
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
        return Ok(());
    };
    if decide(app, performer, msg, out)? {
        send(app, performer, [Msg::Next], out)?;
    }
    Ok(())
}

/// The answer question `id` has now.
fn answer_of(app: &App, id: &str) -> Option<AnswerValue> {
    app.assessment
        .as_ref()
        .and_then(|assessment| assessment.session.answers.get(id).cloned())
}

/// Edits the exclusions of question `id`, keeping its answer (the `x` command).
fn edit_exclusions(
    app: &mut App,
    performer: &mut impl Perform,
    id: &str,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let maps_controls = app.questionnaire.question(id).is_some_and(|question| {
        question.kind == QuestionKind::Maturity && !applicability::controls(question).is_empty()
    });
    if !maps_controls {
        writeln!(
            out,
            "This question maps no Annex A control: nothing to exclude (clauses 4–10 never are)."
        )?;
        return Ok(());
    }
    if let Some(holder) = app.assessment.as_ref().and_then(|a| a.read_only.clone()) {
        writeln!(out, "Read-only, nothing is changed: {holder}")?;
        return Ok(());
    }
    match exclusions::ask_exclusions(app, id, input, out)? {
        Some((excluded, justification)) => {
            let msg = Msg::Exclude {
                question: id.to_owned(),
                answer: None,
                excluded,
                justification,
            };
            decide(app, performer, msg, out)?;
        }
        None => writeln!(out, "Cancelled: the exclusions are as they were.")?,
    }
    Ok(())
}

/// Sends a decision on exclusions and reads out what `update` says of it; true when it was
/// taken (the session changed).
fn decide(
    app: &mut App,
    performer: &mut impl Perform,
    msg: Msg,
    out: &mut impl Write,
) -> std::io::Result<bool> {
    let before = app.assessment.as_ref().map(|a| a.session.clone());
    let quiet = &mut Vec::new();
    send(app, performer, [msg], quiet)?;
    if let Some(banner) = &app.banner {
        writeln!(out, "{}", banner.text)?;
    }
    Ok(app.assessment.as_ref().map(|a| &a.session) != before.as_ref())
}

fn results(app: &App, out: &mut impl Write) -> std::io::Result<()> {
    let Some(report) = app.report() else {
        return Ok(());
    };
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
