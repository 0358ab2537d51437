//! The draft Statement of Applicability (Markdown and CSV): a document header to complete and
//! approve, then every Annex A control of each recommended standard with whether it applies,
//! why it is included (from the scoping answers) or excluded (the exclusion's own
//! justification), how far it is implemented, and blank evidence and owner columns for the
//! client.

use std::fmt::Write;

use super::ExportInput;
use super::markdown::cell;
use crate::assess::inclusion;
use crate::assess::report::ToConfirmReason;
use crate::model::{ControlRef, ItemKind, Maturity, Standard};

/// The version a generated draft carries until the organisation reviews it.
pub const DRAFT_VERSION: &str = "Draft 0.1";

/// What a blank to fill by hand looks like.
const BLANK: &str = "____________________";

/// Whether a control is in the organisation's scope of controls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applicability {
    /// The control applies.
    Applicable,
    /// Excluded; the justification for exclusion says why.
    NotApplicable,
    /// Answered not applicable without a justification that excludes it: decide before the SoA
    /// is approved.
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
    /// Applicable, excluded, or to confirm.
    pub applicability: Applicability,
    /// Why the control is included: risk treatment, legal, contractual and certification
    /// drivers, good practice. Empty when the control is excluded.
    pub inclusion: String,
    /// Why the control is excluded (the exclusion's own text), or what is left to confirm
    /// about a not-applicable answer; empty otherwise.
    pub exclusion: String,
    /// How far it is implemented, from the answers.
    pub status: &'static str,
    /// The question whose answer decided it, if answered.
    pub question: Option<&'a str>,
    /// The assessment note on that answer, unless it is the justification for exclusion.
    pub note: Option<&'a str>,
    /// Answered not applicable, but not excluded: why, when so.
    pub to_confirm: Option<ToConfirmReason>,
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
            let applicability = status.map(|status| &status.applicability);
            let answered = status
                .filter(|status| status.level.is_some())
                .and_then(|status| status.questions.first().copied());
            let note = |id: Option<&str>| id.and_then(|id| input.session.note(id));
            let inclusion =
                || inclusion::justification(&input.evaluation.inclusion_reasons(standard, item));
            let mut row = Row {
                control,
                title: &item.title,
                applicability: Applicability::ToConfirm,
                inclusion: String::new(),
                exclusion: String::new(),
                status: status_label(level),
                question: answered,
                note: note(answered),
                to_confirm: None,
            };
            match applicability {
                Some(crate::assess::Applicability::Excluded {
                    justification,
                    question,
                }) => {
                    row.applicability = Applicability::NotApplicable;
                    row.exclusion.clone_from(justification);
                    row.status = "—";
                    row.question = *question;
                    row.note = None;
                }
                Some(crate::assess::Applicability::ToConfirm { question, grouped }) => {
                    let reason = if *grouped {
                        ToConfirmReason::GroupedAnswer
                    } else {
                        ToConfirmReason::NoJustification
                    };
                    row.exclusion = confirm_text(reason, question, row.note);
                    row.status = "Not assessed";
                    row.note = None;
                    row.to_confirm = Some(reason);
                }
                // Applicable unless excluded: a "don't know" or a missing answer is about how far
                // the control is implemented, not whether it applies.
                _ => {
                    row.inclusion = inclusion();
                    row.applicability = Applicability::Applicable;
                }
            }
            row
        })
        .collect()
}

/// What is left to decide about a control answered not applicable without an exclusion.
fn confirm_text(reason: ToConfirmReason, question: &str, note: Option<&str>) -> String {
    let mut text = match reason {
        ToConfirmReason::GroupedAnswer => format!(
            "To confirm: {question} was answered not applicable for a group of controls, which excludes none of them by itself."
        ),
        ToConfirmReason::NoJustification => {
            format!("To confirm: {question} was answered not applicable without a justification.")
        }
    };
    if let Some(note) = note {
        let _ = write!(text, " Its note: \"{note}\"");
    }
    text.push_str(" Record why this control does not apply, or assess it.");
    text
}

/// How far a control is implemented, in words; `None` when its question is unanswered.
pub(crate) fn status_label(level: Option<Maturity>) -> &'static str {
    match level {
        None => "Not assessed",
        Some(Maturity::NotApplicable) => "—",
        Some(Maturity::Unknown) => "Not known",
        Some(level) => level.label(),
    }
}

/// Each standard covered with its catalog edition and number of Annex A controls.
fn covered(input: &ExportInput, standards: &[Standard]) -> String {
    standards
        .iter()
        .map(|standard| {
            let catalog = input.catalogs().catalog(*standard);
            let controls = catalog
                .items
                .iter()
                .filter(|item| item.kind == ItemKind::Control)
                .count();
            format!("{}, Annex A ({controls} controls)", catalog.name)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Where the draft comes from: the tool and the questionnaire.
fn prepared_from(input: &ExportInput) -> String {
    let report = &input.report;
    format!(
        "a readiness assessment with {} {}, questionnaire {} version {}",
        report.tool.name,
        report.tool.version,
        report.questionnaire.id,
        report.questionnaire.version
    )
}

/// The document title: "Statement of Applicability — Client", or without a client.
fn title(input: &ExportInput) -> String {
    let client = input.session.client.trim();
    if client.is_empty() {
        "Statement of Applicability".to_owned()
    } else {
        format!("Statement of Applicability — {client}")
    }
}

/// Renders the draft SoA as Markdown: the document header, then a table per standard and the
/// controls whose applicability is to confirm.
pub fn render_markdown(input: &ExportInput) -> String {
    let mut md = String::new();
    let filled = |text: &str| {
        let text = text.trim();
        if text.is_empty() {
            BLANK.to_owned()
        } else {
            cell(text)
        }
    };
    let standards = standards(input);
    let _ = writeln!(md, "# {}\n", cell(&title(input)));
    let _ = writeln!(md, "- **Organisation:** {}", filled(&input.session.client));
    let _ = writeln!(md, "- **Version:** {DRAFT_VERSION}");
    let _ = writeln!(
        md,
        "- **Date:** {}",
        input.session.date().unwrap_or_else(|| BLANK.to_owned())
    );
    let _ = writeln!(md, "- **Approved by:** {BLANK} (name, role, date)");
    if !standards.is_empty() {
        let _ = writeln!(
            md,
            "- **Standards covered:** {}",
            covered(input, &standards)
        );
    }
    let _ = writeln!(md, "- **Prepared from:** {}", cell(&prepared_from(input)));
    let _ = writeln!(
        md,
        "- **Recommendation:** {}\n",
        input.report.recommendation.headline()
    );
    let _ = writeln!(
        md,
        "_A draft from a readiness assessment: the risk owners review every line, fill in the evidence and owners, and settle every control marked \"To confirm\" before management approves it as the organisation's Statement of Applicability._\n"
    );
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
    let _ = writeln!(
        md,
        "## {}, Annex A\n\n{} controls: {} applicable, {} excluded, {} to confirm.\n",
        input.catalogs().catalog(standard).name,
        rows.len(),
        count(Applicability::Applicable),
        count(Applicability::NotApplicable),
        count(Applicability::ToConfirm)
    );
    let _ = writeln!(
        md,
        "| Control | Title | Applicable | Justification for inclusion | Justification for exclusion | Implementation | Evidence / documentation | Owner |\n|---|---|---|---|---|---|---|---|"
    );
    for row in rows {
        let implementation = match row.note {
            Some(note) => format!("{}. Note: {note}", row.status),
            None => row.status.to_owned(),
        };
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {}{} | {} |  |  |",
            cell(&row.control.id),
            cell(row.title),
            row.applicability.label(),
            cell(&row.inclusion),
            if row.to_confirm.is_some() { "⚠ " } else { "" },
            cell(&row.exclusion),
            cell(&implementation),
        );
    }
    let _ = writeln!(md);
    let confirm: Vec<&Row> = rows.iter().filter(|row| row.to_confirm.is_some()).collect();
    if !confirm.is_empty() {
        let _ = writeln!(
            md,
            "### Not-applicable answers to confirm ({})\n\nEach of these was answered not applicable, but nothing excludes it yet: record its own justification (or answer its own question not applicable with a note), or assess it.\n",
            confirm.len()
        );
        for row in confirm {
            let _ = writeln!(
                md,
                "- **{}** {}: {} (`{}`)",
                cell(&row.control.id),
                cell(row.title),
                row.to_confirm.map_or("", ToConfirmReason::advice),
                row.question.unwrap_or_default()
            );
        }
        let _ = writeln!(md);
    }
}

/// The columns of the CSV table.
const HEADER: [&str; 12] = [
    "Standard",
    "Control",
    "Title",
    "Applicable",
    "Justification for inclusion",
    "Justification for exclusion",
    "Implementation",
    "Evidence / documentation",
    "Owner",
    "Assessment question",
    "Assessment note",
    "Check",
];

/// Renders the draft SoA as CSV: the document header as label/value records, a blank record,
/// then one record per control of each recommended standard. Every record has the same number
/// of cells, so a spreadsheet shows one table.
pub fn render_csv(input: &ExportInput) -> Result<String, csv::Error> {
    let standards = standards(input);
    let pad = |cells: Vec<String>| {
        let mut cells = cells;
        cells.resize(HEADER.len(), String::new());
        cells
    };
    let first = pad(vec![title(input)]);
    let mut records = vec![
        pad(vec![
            "Organisation".to_owned(),
            input.session.client.trim().to_owned(),
        ]),
        pad(vec!["Version".to_owned(), DRAFT_VERSION.to_owned()]),
        pad(vec![
            "Date".to_owned(),
            input.session.date().unwrap_or_default(),
        ]),
        pad(vec!["Approved by".to_owned()]),
        pad(vec![
            "Standards covered".to_owned(),
            covered(input, &standards),
        ]),
        pad(vec!["Prepared from".to_owned(), prepared_from(input)]),
        pad(Vec::new()),
        HEADER.iter().map(|cell| (*cell).to_owned()).collect(),
    ];
    for standard in standards {
        let name = &input.catalogs().catalog(standard).name;
        for row in rows(input, standard) {
            records.push(vec![
                name.clone(),
                row.control.id.clone(),
                row.title.to_owned(),
                row.applicability.label().to_owned(),
                row.inclusion,
                row.exclusion,
                row.status.to_owned(),
                String::new(),
                String::new(),
                row.question.unwrap_or_default().to_owned(),
                row.note.unwrap_or_default().to_owned(),
                match row.to_confirm {
                    Some(_) => "Not-applicable answer to confirm".to_owned(),
                    None => String::new(),
                },
            ]);
        }
    }
    let first: Vec<&str> = first.iter().map(String::as_str).collect();
    super::csv::write_records(&first, &records)
}
