//! The Evidence sheet: what an auditor will ask to see, one row per open item of each gap in
//! rank order (for a control answered not applicable, the grounds to exclude it), then one row
//! per exclusion (what supports its justification), with empty Owner and Due columns and a
//! Received drop-down.

use rust_xlsxwriter::XlsxError;

use super::{Sheet, Styles};
use crate::export::ExportInput;
use crate::export::markdown::control_label;

/// The columns of the sheet.
pub const COLUMNS: [&str; 6] = [
    "Gap rank",
    "Control",
    "Evidence to provide",
    "Owner",
    "Due",
    "Received",
];

/// The choices of the Received column.
pub const RECEIVED: [&str; 2] = ["yes", "no"];

/// Writes the evidence request list.
pub(super) fn write(
    mut sheet: Sheet,
    input: &ExportInput,
    styles: &Styles,
) -> Result<(), XlsxError> {
    sheet.header(0, &COLUMNS, styles)?;
    let catalogs = input.catalogs();
    let mut row = 0;
    let report = &input.report;
    for gap in &report.gaps {
        for control in &gap.controls {
            row += 1;
            let evidence = catalogs
                .item(control)
                .map_or("", |item| item.evidence.as_str());
            let to_confirm = report
                .to_confirm
                .iter()
                .any(|item| item.standard == control.standard && item.id == control.id);
            let evidence = if to_confirm {
                format!(
                    "Answered not applicable: the reasons it does not apply and what shows them, to record the exclusion. If it does apply after all: {evidence}"
                )
            } else {
                evidence.to_owned()
            };
            sheet.number(row, 0, gap.rank, &styles.text)?;
            let label = control_label(catalogs, control.standard, &control.id);
            sheet.text(row, 1, &label, &styles.text)?;
            sheet.text(row, 2, &evidence, &styles.text)?;
        }
    }
    for exclusion in &report.exclusions {
        row += 1;
        sheet.text(row, 0, "excluded", &styles.text)?;
        let label = control_label(catalogs, exclusion.standard, &exclusion.id);
        sheet.text(row, 1, &label, &styles.text)?;
        let request = format!(
            "What supports the exclusion from the Statement of Applicability (a contract, a supplier's report, a site plan): \"{}\"",
            exclusion.justification.trim()
        );
        sheet.text(row, 2, &request, &styles.text)?;
    }
    sheet.client_columns(row, 3, &RECEIVED, 10, styles)?;
    sheet.finish_table(row, &COLUMNS)
}
