//! The Summary sheet: who, when and with which questionnaire; the recommendation with its
//! strength and reasons; the gaps to start with; for a follow-up, the progress since the last
//! call; readiness per standard and domain with a bar chart each; and a notice that the
//! workbook is a draft to review.

use rust_xlsxwriter::{Chart, ChartAxisCrossing, ChartType, XlsxError};

use super::{SHEETS, Sheet, Styles};
use crate::assess::report::START_HERE;
use crate::export::ExportInput;

/// What the workbook is, on its first page.
pub const NOTICE: &str = "Draft — review before use: drawn from the answers of a readiness \
assessment, not an audit. Check every gap, owner and date with the people responsible.";

/// Column widths in characters: labels, main text, short values, controls, reasons.
const WIDTHS: [usize; 5] = [22, 60, 12, 28, 60];

/// Rows a chart takes on the sheet.
const CHART_ROWS: u32 = 16;

/// Writes the summary.
pub(super) fn write(
    mut sheet: Sheet,
    input: &ExportInput,
    styles: &Styles,
) -> Result<(), XlsxError> {
    for (col, width) in (0..).zip(WIDTHS) {
        sheet.width(col, width);
    }
    sheet.unmeasured(0, 0, &input.title(), &styles.title)?;
    sheet.unmeasured(1, 0, NOTICE, &styles.notice)?;
    let mut row = 3;
    row = metadata(&mut sheet, row, input, styles)?;
    row = recommendation(&mut sheet, row + 1, input, styles)?;
    row = start_here(&mut sheet, row + 1, input, styles)?;
    if input.session.progress.is_some() {
        row = super::progress::write(&mut sheet, row + 1, input, styles)?;
    }
    readiness(&mut sheet, row + 1, input, styles)?;
    sheet.fit()
}

/// A label in the first column and its value in the second; returns the next row.
fn pair(
    sheet: &mut Sheet,
    row: u32,
    label: &str,
    value: &str,
    styles: &Styles,
) -> Result<u32, XlsxError> {
    sheet.unmeasured(row, 0, label, &styles.label)?;
    sheet.text(row, 1, value, &styles.text)?;
    Ok(row + 1)
}

fn metadata(
    sheet: &mut Sheet,
    row: u32,
    input: &ExportInput,
    styles: &Styles,
) -> Result<u32, XlsxError> {
    let session = input.session;
    let known = |text: &str| {
        let text = text.trim();
        if text.is_empty() { "—" } else { text }.to_owned()
    };
    let questionnaire = &input.report.questionnaire;
    let mut row = pair(sheet, row, "Client", &known(&session.client), styles)?;
    row = pair(sheet, row, "Assessor", &known(&session.assessor), styles)?;
    row = pair(
        sheet,
        row,
        "Date",
        &known(&session.date().unwrap_or_default()),
        styles,
    )?;
    let version = format!("{} version {}", questionnaire.id, questionnaire.version);
    row = pair(sheet, row, "Questionnaire", &version, styles)?;
    pair(sheet, row, "Depth", session.depth.key(), styles)
}

fn recommendation(
    sheet: &mut Sheet,
    row: u32,
    input: &ExportInput,
    styles: &Styles,
) -> Result<u32, XlsxError> {
    let report = &input.report;
    let mut row = pair(
        sheet,
        row,
        "Recommendation",
        report.recommendation.headline(),
        styles,
    )?;
    for (standard, strength) in &report.strength {
        let reason = report
            .strength_reasons
            .get(standard)
            .map_or("", String::as_str);
        let value = format!("{}. {reason}", capitalised(strength.label()));
        row = pair(sheet, row, standard.short_name(), &value, styles)?;
    }
    if !report.complete {
        let count = report.missing.len();
        let value = format!(
            "{count} question{} still unanswered: the figures count {} as not ready.",
            if count == 1 { " is" } else { "s are" },
            if count == 1 { "it" } else { "them" }
        );
        row = pair(sheet, row, "Unanswered", &value, styles)?;
    }
    for (index, finding) in report.rationale.iter().enumerate() {
        let label = if index == 0 { "Why" } else { "" };
        let value = format!("{} ({})", finding.finding, finding.question);
        row = pair(sheet, row, label, &value, styles)?;
    }
    pair(sheet, row, "How to go about it", &report.sequencing, styles)
}

fn start_here(
    sheet: &mut Sheet,
    row: u32,
    input: &ExportInput,
    styles: &Styles,
) -> Result<u32, XlsxError> {
    let gaps = &input.report.gaps;
    if gaps.is_empty() {
        return pair(
            sheet,
            row,
            "Start here",
            "No open gaps for the recommended standards.",
            styles,
        );
    }
    sheet.unmeasured(row, 0, "Start here", &styles.label)?;
    sheet.header(
        row + 1,
        &["Rank", "Gap", "Priority", "Controls", "Why"],
        styles,
    )?;
    let mut row = row + 2;
    for gap in gaps.iter().take(START_HERE) {
        sheet.number(row, 0, gap.rank, &styles.label)?;
        sheet.text(row, 1, &crate::export::csv::title(gap), &styles.text)?;
        sheet.text(row, 2, gap.priority.label(), &styles.text)?;
        sheet.text(row, 3, &gap.controls_label(), &styles.text)?;
        sheet.text(row, 4, &gap.why, &styles.text)?;
        row += 1;
    }
    Ok(row)
}

/// The readiness table (each standard overall, then its domains) and a bar chart of each
/// standard's domains below it.
fn readiness(
    sheet: &mut Sheet,
    row: u32,
    input: &ExportInput,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let report = &input.report;
    if report.readiness.is_empty() {
        return Ok(());
    }
    sheet.unmeasured(row, 0, "Readiness", &styles.label)?;
    sheet.header(
        row + 1,
        &["Standard", "Domain", "Readiness", "Items assessed"],
        styles,
    )?;
    let mut row = row + 2;
    let mut charts = Vec::new();
    for (standard, readiness) in &report.readiness {
        let name = &input.catalogs().catalog(*standard).name;
        sheet.text(row, 0, name, &styles.label)?;
        sheet.text(row, 1, "Overall", &styles.label)?;
        sheet.percent(row, 2, share(readiness.percent), &styles.percent)?;
        row += 1;
        let first = row;
        for domain in &readiness.domains {
            sheet.text(row, 0, name, &styles.text)?;
            sheet.text(row, 1, &domain.title, &styles.text)?;
            sheet.percent(row, 2, share(domain.percent), &styles.percent)?;
            let assessed = format!("{} of {}", domain.answered, domain.applicable);
            sheet.text(row, 3, &assessed, &styles.text)?;
            row += 1;
        }
        if row > first {
            charts.push(chart(
                &format!("{name}: readiness by domain"),
                first,
                row - 1,
            ));
        }
    }
    let sentence = report.overlap.reuse_sentence();
    row = pair(sheet, row + 1, "Overlap", &sentence, styles)?;
    // The charts start a printed page of their own, so none is cut in two.
    sheet.page_break_before(row + 1)?;
    for (index, chart) in (0..).zip(&charts) {
        sheet.chart(row + 1 + index * CHART_ROWS, 1, chart)?;
    }
    Ok(())
}

/// A horizontal bar chart of the domains on rows `first..=last` of the summary.
fn chart(title: &str, first: u32, last: u32) -> Chart {
    let mut chart = Chart::new(ChartType::Bar);
    chart
        .add_series()
        .set_categories((SHEETS[0], first, 1, last, 1))
        .set_values((SHEETS[0], first, 2, last, 2))
        .set_name("Readiness");
    chart.title().set_name(title);
    chart.legend().set_hidden();
    chart.x_axis().set_min(0).set_max(1).set_num_format("0%");
    // Domains read top to bottom in the table's order.
    chart
        .y_axis()
        .set_reverse()
        .set_crossing(ChartAxisCrossing::Max);
    chart.set_width(640).set_height(300);
    chart
}

/// A percentage with one decimal as the share a percent-formatted cell shows: 22.4 → 0.224.
pub(super) fn share(percent: f64) -> f64 {
    (percent * 10.0).round() / 1000.0
}

/// "required" → "Required".
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
