//! The SoA sheet: the draft Statement of Applicability, every Annex A control of each
//! recommended standard, with drop-downs for applicability and implementation and empty
//! evidence and owner columns.

use rust_xlsxwriter::XlsxError;

use super::{Sheet, Styles};
use crate::export::ExportInput;
use crate::export::soa::{self, Applicability};
use crate::model::Maturity;

/// The columns of the sheet.
pub const COLUMNS: [&str; 9] = [
    "Standard",
    "Control",
    "Title",
    "Applicable",
    "Justification",
    "Implementation",
    "Evidence / documentation",
    "Owner",
    "Assessment note",
];

/// Writes the Statement of Applicability (headers only when no standard is recommended).
pub(super) fn write(
    mut sheet: Sheet,
    input: &ExportInput,
    styles: &Styles,
) -> Result<(), XlsxError> {
    sheet.header(0, &COLUMNS, styles)?;
    let mut row = 0;
    for standard in soa::standards(input) {
        let name = &input.catalogs().catalog(standard).name;
        for line in soa::rows(input, standard) {
            row += 1;
            let justification = match line.applicability {
                Applicability::Applicable => &line.inclusion,
                Applicability::NotApplicable | Applicability::ToConfirm => &line.exclusion,
            };
            sheet.text(row, 0, name, &styles.text)?;
            sheet.text(row, 1, &line.control.id, &styles.text)?;
            sheet.text(row, 2, line.title, &styles.text)?;
            sheet.text(row, 3, line.applicability.label(), &styles.text)?;
            sheet.text(row, 4, justification, &styles.text)?;
            sheet.text(row, 5, line.status, &styles.text)?;
            sheet.text(row, 8, line.note.unwrap_or_default(), &styles.text)?;
        }
    }
    let rows = row;
    sheet.blanks_to_fill(rows, &[(6, &styles.to_fill), (7, &styles.to_fill)])?;
    let applicable = [
        Applicability::Applicable,
        Applicability::NotApplicable,
        Applicability::ToConfirm,
    ]
    .map(Applicability::label);
    sheet.drop_down(rows, 3, &applicable)?;
    sheet.drop_down(rows, 5, &implementation_choices())?;
    sheet.width(6, 30);
    sheet.width(7, 20);
    sheet.finish_table(rows, &COLUMNS)
}

/// Every implementation status the draft can show, so that each written value is a choice.
fn implementation_choices() -> Vec<&'static str> {
    let mut choices: Vec<&str> = Vec::new();
    for label in Maturity::ALL
        .into_iter()
        .map(Some)
        .chain([None])
        .map(soa::status_label)
    {
        if !choices.contains(&label) {
            choices.push(label);
        }
    }
    choices
}
