//! The Markdown rendering of a comparison (`compare --format md`), and the pieces of it that a
//! follow-up session's summary shows under "Progress since".

use std::fmt::Write;

use super::answer_words;
use super::markdown::cell;
use crate::assess::compare::{AnswerChange, Comparison};
use crate::assess::report::Gap;
use crate::model::{Catalogs, Questionnaire};

/// Renders the whole comparison for people.
pub fn render(
    comparison: &Comparison,
    questionnaire: &Questionnaire,
    catalogs: &Catalogs,
) -> String {
    let mut md = String::new();
    match (&comparison.old.date, &comparison.new.date) {
        (Some(old), Some(new)) => {
            let _ = writeln!(md, "# What moved: {old} to {new}\n");
        }
        _ => {
            let _ = writeln!(md, "# What moved between two assessments\n");
        }
    }
    for (label, side) in [("Then", &comparison.old), ("Now", &comparison.new)] {
        let said: Vec<String> = [
            side.date.clone(),
            side.id.as_ref().map(|id| format!("session `{id}`")),
        ]
        .into_iter()
        .flatten()
        .collect();
        let said = if said.is_empty() {
            "a file without a date or session ID".to_owned()
        } else {
            said.join(", ")
        };
        let _ = writeln!(md, "- **{label}:** {said}");
    }
    let _ = writeln!(md);
    write_recommendation(&mut md, comparison);
    write_version_note(&mut md, comparison);
    let _ = writeln!(md, "## Readiness\n");
    write_readiness(&mut md, comparison, catalogs, "###");
    write_gap_lists(&mut md, comparison, "##", true);
    write_answers(&mut md, comparison, questionnaire);
    md
}

/// The two column headings: "Then (2026-03-02)" and "Now (2026-06-01)", or without dates.
fn dates(comparison: &Comparison) -> (String, String) {
    let heading = |label: &str, date: &Option<String>| match date {
        Some(date) => format!("{label} ({date})"),
        None => label.to_owned(),
    };
    (
        heading("Then", &comparison.old.date),
        heading("Now", &comparison.new.date),
    )
}

/// A change in percentage points: "+16.6", "-3.0", "0.0"; "—" when one side is unknown.
pub(crate) fn signed(delta: Option<f64>) -> String {
    match delta {
        Some(delta) if delta > 0.0 => format!("+{delta:.1}"),
        Some(delta) if delta < 0.0 => format!("{delta:.1}"),
        Some(_) => "0.0".to_owned(),
        None => "—".to_owned(),
    }
}

/// A percentage, or "not in scope".
pub(crate) fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "not in scope".to_owned(), |value| format!("{value:.1}%"))
}

fn write_recommendation(md: &mut String, comparison: &Comparison) {
    let (old, new) = (comparison.old.recommendation, comparison.new.recommendation);
    if old == new {
        let _ = writeln!(md, "**Recommendation, unchanged:** {}\n", new.headline());
    } else {
        let _ = writeln!(
            md,
            "**Recommendation then:** {}  \n**Recommendation now:** {}\n",
            old.headline(),
            new.headline()
        );
    }
}

/// Says that the questionnaire changed between the two, and what that means for the figures
/// (plain text).
pub(crate) fn version_note(comparison: &Comparison) -> Option<String> {
    if !comparison.questionnaire_changed() {
        return None;
    }
    let versions = match (
        &comparison.old.questionnaire_version,
        &comparison.new.questionnaire_version,
    ) {
        (Some(old), Some(new)) if old != new => format!(" from version {old} to version {new}"),
        _ => String::new(),
    };
    let text = match comparison.reassessed().len() {
        0 => "no answer differs on a question that changed".to_owned(),
        1 => "1 answer differs on a question that changed: a new judgement, not progress (marked re-assessed)".to_owned(),
        n => format!("{n} answers differ on questions that changed: new judgements, not progress (marked re-assessed)"),
    };
    Some(format!("The questionnaire changed{versions}; {text}."))
}

/// Writes [`version_note`] in italics, if there is one.
pub(crate) fn write_version_note(md: &mut String, comparison: &Comparison) {
    if let Some(note) = version_note(comparison) {
        let _ = writeln!(md, "_{}_\n", cell(&note));
    }
}

/// Writes one table of domains per standard in scope on either side; `level` is the heading
/// level of each standard.
pub(crate) fn write_readiness(
    md: &mut String,
    comparison: &Comparison,
    catalogs: &Catalogs,
    level: &str,
) {
    if comparison.readiness.is_empty() {
        let _ = writeln!(md, "No standard was in scope on either side.\n");
        return;
    }
    let (then, now) = dates(comparison);
    for (standard, change) in &comparison.readiness {
        let _ = writeln!(
            md,
            "{level} {}: {} → {} ({})\n",
            catalogs.catalog(*standard).name,
            percent(change.old),
            percent(change.new),
            signed(change.delta)
        );
        let _ = writeln!(
            md,
            "| Domain | {then} | {now} | Change |\n|---|---:|---:|---:|"
        );
        for domain in &change.domains {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} |",
                cell(&domain.title),
                percent(domain.old),
                percent(domain.new),
                signed(domain.delta)
            );
        }
        let _ = writeln!(md);
    }
}

/// " (now with ISO 42001 items, newly in scope)" for a gap whose status changed because a
/// standard that came into scope joined it; empty otherwise.
pub(crate) fn joined_note(comparison: &Comparison, gap: &Gap) -> String {
    let joined = comparison.newly_in_scope(gap);
    if joined.is_empty() {
        return String::new();
    }
    let names: Vec<&str> = joined
        .iter()
        .map(|standard| standard.short_name())
        .collect();
    format!(" (now with {} items, newly in scope)", names.join(" and "))
}

/// Writes the gaps closed, opened and (with `changed`) those whose status changed; `level` is
/// the heading level of each list.
pub(crate) fn write_gap_lists(
    md: &mut String,
    comparison: &Comparison,
    level: &str,
    changed: bool,
) {
    let reassessed = comparison.reassessed();
    let marker = |gap: &Gap, closed: bool| {
        if closed && comparison.closed_by_scope(gap) {
            " _(no longer in scope)_"
        } else if !closed && comparison.opened_by_scope(gap) {
            " _(newly in scope)_"
        } else if gap
            .questions
            .iter()
            .any(|q| reassessed.contains(q.as_str()))
        {
            " _(re-assessed: its question changed)_"
        } else {
            ""
        }
    };
    let gaps = &comparison.gaps;
    let _ = writeln!(md, "{level} Gaps closed ({})\n", gaps.closed.len());
    if gaps.closed.is_empty() {
        let _ = writeln!(md, "None.\n");
    }
    for gap in &gaps.closed {
        let _ = writeln!(
            md,
            "- **{}** ({}), {} then{}",
            cell(&gap.title),
            gap.controls_label(),
            gap.status.label(),
            marker(gap, true)
        );
    }
    if !gaps.closed.is_empty() {
        let _ = writeln!(md);
    }
    let _ = writeln!(md, "{level} Gaps opened ({})\n", gaps.opened.len());
    if gaps.opened.is_empty() {
        let _ = writeln!(md, "None.\n");
    }
    for gap in &gaps.opened {
        let _ = writeln!(
            md,
            "- #{} **{}** ({}), {}, priority {}{}",
            gap.rank,
            cell(&gap.title),
            gap.controls_label(),
            gap.status.label(),
            gap.priority.label(),
            marker(gap, false)
        );
    }
    if !gaps.opened.is_empty() {
        let _ = writeln!(md);
    }
    if !changed || gaps.changed.is_empty() {
        return;
    }
    let _ = writeln!(
        md,
        "{level} Gaps whose status changed ({})\n\n| # | Work | Then | Now |\n|---:|---|---|---|",
        gaps.changed.len()
    );
    for change in &gaps.changed {
        let reassessed = if change.reassessed {
            " (re-assessed)"
        } else {
            ""
        };
        let notes = format!("{reassessed}{}", joined_note(comparison, &change.gap));
        let _ = writeln!(
            md,
            "| {} | {}{notes} | {} | {} |",
            change.gap.rank,
            cell(&change.gap.title),
            change.old_status.label(),
            change.new_status.label()
        );
    }
    let _ = writeln!(md);
}

fn write_answers(md: &mut String, comparison: &Comparison, questionnaire: &Questionnaire) {
    let _ = writeln!(
        md,
        "## Answers that changed ({})\n",
        comparison.answers.len()
    );
    if comparison.answers.is_empty() {
        let _ = writeln!(md, "None.\n");
        return;
    }
    for change in &comparison.answers {
        let prompt = questionnaire
            .question(&change.question)
            .map_or(change.question.as_str(), |question| {
                question.prompt.as_str()
            });
        let (old, new) = (
            answer(questionnaire, change, change.old.as_ref()),
            answer(questionnaire, change, change.new.as_ref()),
        );
        let moved = if old == new {
            format!("{new} (unchanged)")
        } else {
            format!("{old} → {new}")
        };
        let _ = writeln!(
            md,
            "- **{moved}**{} · {} (`{}`)",
            if change.reassessed {
                " _(re-assessed: the question changed)_"
            } else {
                ""
            },
            cell(prompt),
            change.question
        );
        if let Some(note) = &change.note {
            for (when, text) in [("then", &note.old), ("now", &note.new)] {
                let text = text.as_deref().map_or_else(|| "none".to_owned(), cell);
                let _ = writeln!(md, "  - Note {when}: {text}");
            }
        }
    }
    let _ = writeln!(md);
}

fn answer(
    questionnaire: &Questionnaire,
    change: &AnswerChange,
    value: Option<&crate::model::AnswerValue>,
) -> String {
    value.map_or_else(
        || "Not answered".to_owned(),
        |value| cell(&answer_words(questionnaire, &change.question, value)),
    )
}
