//! The Gaps sheet: the gap register, one row per gap in rank order, with empty Owner, Due and
//! Progress columns for the client to track the work.

use rust_xlsxwriter::{Format, XlsxError};

use super::{Sheet, Styles, row_number};
use crate::assess::report::Priority;
use crate::export::ExportInput;
use crate::export::csv;

/// The columns of the sheet.
pub const COLUMNS: [&str; 13] = [
    "Rank", "Priority", "Controls", "Title", "Status", "Effort", "Phase", "Action", "Reasons",
    "Notes", "Owner", "Due", "Progress",
];

/// The choices of the Progress column.
pub const PROGRESS: [&str; 3] = ["not started", "in progress", "done"];

/// Writes the gap register.
pub(super) fn write(
    mut sheet: Sheet,
    input: &ExportInput,
    styles: &Styles,
) -> Result<(), XlsxError> {
    sheet.header(0, &COLUMNS, styles)?;
    let gaps = &input.report.gaps;
    for (row, gap) in (1..).zip(gaps) {
        let priority = priority_style(styles, gap.priority);
        sheet.number(row, 0, gap.rank, &styles.text)?;
        sheet.text(row, 1, gap.priority.label(), priority)?;
        sheet.text(row, 2, &gap.controls_label(), &styles.text)?;
        sheet.text(row, 3, &csv::title(gap), &styles.text)?;
        sheet.text(row, 4, gap.status.label(), &styles.text)?;
        sheet.text(row, 5, gap.effort.label(), &styles.text)?;
        sheet.number(row, 6, gap.phase.number().into(), &styles.text)?;
        sheet.text(row, 7, &gap.action, &styles.text)?;
        sheet.text(row, 8, &csv::reasons(gap), &styles.text)?;
        sheet.text(row, 9, &csv::notes(input, &gap.questions), &styles.text)?;
    }
    let rows = row_number(gaps.len());
    sheet.client_columns(rows, 10, &PROGRESS, 14, styles)?;
    sheet.finish_table(rows, &COLUMNS)
}

/// The cell colour of a priority.
fn priority_style(styles: &Styles, priority: Priority) -> &Format {
    match priority {
        Priority::Critical => &styles.critical,
        Priority::High => &styles.high,
        Priority::Medium => &styles.medium,
        Priority::Low => &styles.low,
    }
}
