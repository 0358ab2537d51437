//! The draft Statement of Applicability: every Annex A control of each recommended standard,
//! applicable or not, why, and how far it is implemented (Markdown and CSV).

use std::fmt::Write;

use super::ExportInput;
use super::markdown::cell;
use crate::assess;
use crate::model::{ControlRef, ItemKind, Maturity, Standard};

/// Whether a control is in the organisation's scope of controls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applicability {
    /// The control applies.
    Applicable,
    /// Excluded; the justification says why.
    NotApplicable,
    /// Not assessed, or nobody knew: decide before the SoA is final.
    ToConfirm,
}

impl Applicability {
    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Applicability::Applicable => "Yes",
            Applicability::NotApplicable => "No",
            Applicability::ToConfirm => "To confirm",
        }
    }
}

/// One line of the Statement of Applicability.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<'a> {
    /// The control.
    pub control: ControlRef,
    /// Its short title.
    pub title: &'a str,
    /// Applicable or not.
    pub applicability: Applicability,
    /// Why, from the answers and notes.
    pub justification: String,
    /// How far it is implemented.
    pub status: &'static str,
    /// The question whose answer decided it, if answered.
    pub question: Option<&'a str>,
    /// A not-applicable answer that excludes nothing yet: it needs a justification.
    pub missing_justification: bool,
}

/// The standards that get a Statement of Applicability: those the report covers (none when
/// neither standard is recommended).
pub fn standards(input: &ExportInput) -> Vec<Standard> {
    input.report.readiness.keys().copied().collect()
}

/// Every Annex A control of a standard, in the standard's order.
pub fn rows<'a>(input: &ExportInput<'a>, standard: Standard) -> Vec<Row<'a>> {
    input
        .catalogs()
        .catalog(standard)
        .items
        .iter()
        .filter(|item| item.kind == ItemKind::Control)
        .map(|item| {
            let control = ControlRef::new(standard, item.id.clone());
            let status = input.evaluation.statuses.get(&control);
            let level = status.and_then(|status| status.level);
            let question = status
                .filter(|status| status.level.is_some())
                .and_then(|status| status.questions.first().copied());
            let note = question.and_then(|id| input.session.note(id));
            let (applicability, justification, missing_justification) =
                match status.map(|status| &status.applicability) {
                    Some(assess::Applicability::Excluded { justification, .. }) => {
                        (Applicability::NotApplicable, justification.clone(), false)
                    }
                    Some(assess::Applicability::ToConfirm { grouped, .. }) => {
                        let reason = if *grouped {
                            "Answered not applicable for a group of controls, which excludes none of them: confirm for this control and record why."
                        } else {
                            "Answered not applicable without a justification: record why, or assess it."
                        };
                        let justification = match note {
                            Some(note) => format!("{reason} Note: {note}"),
                            None => reason.to_owned(),
                        };
                        (Applicability::ToConfirm, justification, true)
                    }
                    _ => {
                        let (applicability, justification) = decide(level, note);
                        (applicability, justification, false)
                    }
                };
            Row {
                control,
                title: &item.title,
                applicability,
                justification,
                status: status_label(level),
                question,
                missing_justification,
            }
        })
        .collect()
}

/// Applicability and justification: a not-applicable answer is justified by its note; for the
/// others the note, if any, follows the reason.
fn decide(level: Option<Maturity>, note: Option<&str>) -> (Applicability, String) {
    let (applicability, reason) = match level {
        Some(Maturity::NotApplicable) => {
            return (
                Applicability::NotApplicable,
                note.map_or_else(
                    || {
                        "Justification missing: a not-applicable answer needs a note saying why"
                            .to_owned()
                    },
                    str::to_owned,
                ),
            );
        }
        Some(Maturity::Unknown) => (
            Applicability::ToConfirm,
            "Nobody present knew: confirm before the SoA is final.",
        ),
        None => (
            Applicability::ToConfirm,
            "Not assessed yet: decide before the SoA is final.",
        ),
        Some(_) => (
            Applicability::Applicable,
            "Applicable: no reason to exclude it was recorded.",
        ),
    };
    let justification = match note {
        Some(note) => format!("{reason} Note: {note}"),
        None => reason.to_owned(),
    };
    (applicability, justification)
}

fn status_label(level: Option<Maturity>) -> &'static str {
    match level {
        None => "Not assessed",
        Some(Maturity::NotApplicable) => "—",
        Some(Maturity::Unknown) => "Not known",
        Some(level) => level.label(),
    }
}

/// Renders the draft SoA as Markdown: a summary and a table per standard.
pub fn render_markdown(input: &ExportInput) -> String {
    let mut md = String::new();
    let client = input.session.client.trim();
    let _ = writeln!(md, "# Statement of Applicability (draft)\n");
    if !client.is_empty() {
        let _ = writeln!(md, "- **Client:** {}", cell(client));
    }
    if let Some(date) = input.session.date() {
        let _ = writeln!(md, "- **Date:** {date}");
    }
    let _ = writeln!(
        md,
        "- **Recommendation:** {}\n",
        input.report.recommendation.headline()
    );
    let _ = writeln!(
        md,
        "_A draft from a readiness assessment: review every line with the risk owners before it becomes the organisation's Statement of Applicability._\n"
    );
    let standards = standards(input);
    if standards.is_empty() {
        let _ = writeln!(
            md,
            "No standard is recommended for these answers, so there is no Statement of Applicability to draft."
        );
        return md;
    }
    for standard in standards {
        let rows = rows(input, standard);
        write_standard(&mut md, input, standard, &rows);
    }
    md
}

fn write_standard(md: &mut String, input: &ExportInput, standard: Standard, rows: &[Row]) {
    let count = |applicability| {
        rows.iter()
            .filter(|row| row.applicability == applicability)
            .count()
    };
    let missing = rows.iter().filter(|row| row.missing_justification).count();
    let _ = writeln!(
        md,
        "## {}, Annex A\n\n{} controls: {} applicable, {} not applicable, {} to confirm.\n",
        input.catalogs().catalog(standard).name,
        rows.len(),
        count(Applicability::Applicable),
        count(Applicability::NotApplicable),
        count(Applicability::ToConfirm)
    );
    if missing > 0 {
        let _ = writeln!(
            md,
            "**{missing} control{} answered not applicable without a justification that excludes {}:** record why in the exclusions, or assess {}.\n",
            if missing == 1 { "" } else { "s" },
            if missing == 1 { "it" } else { "them" },
            if missing == 1 { "it" } else { "them" }
        );
    }
    let _ = writeln!(
        md,
        "| Control | Title | Applicable | Implementation | Justification | Question |\n|---|---|---|---|---|---|"
    );
    for row in rows {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {}{} | {} |",
            cell(&row.control.id),
            cell(row.title),
            row.applicability.label(),
            row.status,
            if row.missing_justification {
                "⚠ "
            } else {
                ""
            },
            cell(&row.justification),
            cell(row.question.unwrap_or("—"))
        );
    }
    let _ = writeln!(md);
}

/// Renders the draft SoA as CSV: one row per control of each recommended standard.
pub fn render_csv(input: &ExportInput) -> Result<String, csv::Error> {
    let header = [
        "Standard",
        "Control",
        "Title",
        "Applicable",
        "Implementation",
        "Justification",
        "Question",
        "Check",
    ];
    let mut records = Vec::new();
    for standard in standards(input) {
        let name = &input.catalogs().catalog(standard).name;
        for row in rows(input, standard) {
            records.push(vec![
                name.clone(),
                row.control.id.clone(),
                row.title.to_owned(),
                row.applicability.label().to_owned(),
                row.status.to_owned(),
                row.justification,
                row.question.unwrap_or("").to_owned(),
                if row.missing_justification {
                    "Justification missing".to_owned()
                } else {
                    String::new()
                },
            ]);
        }
    }
    super::csv::write_records(&header, &records)
}
