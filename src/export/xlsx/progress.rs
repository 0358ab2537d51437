//! The Summary sheet's "Progress since" block for a follow-up session: readiness then and now
//! per standard and domain, and the gaps closed and opened since the session followed up.

use rust_xlsxwriter::XlsxError;

use super::summary::share;
use super::{Sheet, Styles};
use crate::assess::compare::{Comparison, GapChanges};
use crate::export::ExportInput;
use crate::export::compare_md::{joined_note, signed};

/// Writes the block at `row` when the session is a follow-up whose previous session was read;
/// returns the next free row.
pub(super) fn write(
    sheet: &mut Sheet,
    row: u32,
    input: &ExportInput,
    styles: &Styles,
) -> Result<u32, XlsxError> {
    let Some(comparison) = &input.session.progress else {
        return Ok(row);
    };
    let then = comparison
        .old
        .date
        .as_deref()
        .unwrap_or("the previous session");
    sheet.unmeasured(row, 0, &format!("Progress since {then}"), &styles.label)?;
    sheet.header(
        row + 1,
        &["Standard", "Domain", "Then", "Now", "Change (points)"],
        styles,
    )?;
    let mut row = row + 2;
    for (standard, change) in &comparison.readiness {
        let name = &input.catalogs().catalog(*standard).name;
        let lines = std::iter::once(("Overall", change.old, change.new, change.delta)).chain(
            change
                .domains
                .iter()
                .map(|domain| (domain.title.as_str(), domain.old, domain.new, domain.delta)),
        );
        for (domain, old, new, delta) in lines {
            sheet.text(row, 0, name, &styles.text)?;
            sheet.text(row, 1, domain, &styles.text)?;
            for (col, value) in [(2, old), (3, new)] {
                match value {
                    Some(percent) => sheet.percent(row, col, share(percent), &styles.percent)?,
                    None => sheet.text(row, col, "—", &styles.text)?,
                }
            }
            sheet.text(row, 4, &signed(delta), &styles.text)?;
            row += 1;
        }
    }
    gap_lists(sheet, row + 1, comparison, then, styles)
}

/// The gaps closed, opened and changed, one per row under a label.
fn gap_lists(
    sheet: &mut Sheet,
    mut row: u32,
    comparison: &Comparison,
    then: &str,
    styles: &Styles,
) -> Result<u32, XlsxError> {
    let GapChanges {
        closed,
        opened,
        changed,
    } = &comparison.gaps;
    let closed = closed.iter().map(|gap| gap.title.clone());
    let opened = opened.iter().map(|gap| gap.title.clone());
    let changed = changed.iter().map(|change| {
        format!(
            "{}: {} → {}{}",
            change.gap.title,
            change.old_status.label(),
            change.new_status.label(),
            joined_note(comparison, &change.gap)
        )
    });
    let lists: [(String, Vec<String>); 3] = [
        (format!("Closed since {then}"), closed.collect()),
        (format!("New since {then}"), opened.collect()),
        ("Status changed".to_owned(), changed.collect()),
    ];
    for (label, items) in lists {
        if items.is_empty() {
            continue;
        }
        for (index, item) in items.iter().enumerate() {
            let label = if index == 0 { label.as_str() } else { "" };
            sheet.unmeasured(row, 0, label, &styles.label)?;
            sheet.text(row, 1, item, &styles.text)?;
            row += 1;
        }
    }
    Ok(row)
}
