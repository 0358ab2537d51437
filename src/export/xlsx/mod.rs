//! The client workbook (xlsx): a summary, the gap register to track, the draft Statement of
//! Applicability and the evidence an auditor will ask to see, one sheet each.
//!
//! Everything a person typed is written as a string cell, never as a formula, with control
//! characters left out. The workbook's creation date is the session's, so the same session
//! gives the same bytes.

mod evidence;
mod gaps;
mod progress;
mod soa;
mod summary;

use std::collections::BTreeMap;

use rust_xlsxwriter::{
    Chart, Color, DataValidation, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder,
    Workbook, Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

use super::ExportInput;

/// The sheet names, in order.
pub const SHEETS: [&str; 4] = ["Summary", "Gaps", "SoA", "Evidence"];

/// Renders the workbook as the bytes of an .xlsx file.
pub fn render(input: &ExportInput) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties(input)?);
    let styles = Styles::new();
    summary::write(add_sheet(&mut workbook, SHEETS[0])?, input, &styles)?;
    gaps::write(add_sheet(&mut workbook, SHEETS[1])?, input, &styles)?;
    soa::write(add_sheet(&mut workbook, SHEETS[2])?, input, &styles)?;
    evidence::write(add_sheet(&mut workbook, SHEETS[3])?, input, &styles)?;
    workbook.save_to_buffer()
}

fn add_sheet<'w>(workbook: &'w mut Workbook, name: &str) -> Result<Sheet<'w>, XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(name)?;
    Ok(Sheet::new(sheet))
}

/// The document properties: dated by the session (a fixed date when it has none), so that
/// exporting twice gives the same file.
fn properties(input: &ExportInput) -> Result<DocProperties, XlsxError> {
    let date = match input.session.updated.or(input.session.created) {
        Some(timestamp) => {
            let date = jiff::tz::TimeZone::UTC.to_datetime(timestamp).date();
            // jiff dates are years -9999..=9999; Excel's start in 1900.
            let year = u16::try_from(date.year()).unwrap_or(2000).max(1900);
            ExcelDateTime::from_ymd(year, date.month().unsigned_abs(), date.day().unsigned_abs())?
        }
        None => ExcelDateTime::from_ymd(2000, 1, 1)?,
    };
    Ok(DocProperties::new()
        .set_creation_datetime(&date)
        .set_comment("Draft from an isoready readiness assessment: review before use"))
}

/// The cell styles every sheet shares.
pub(crate) struct Styles {
    /// A sheet's title.
    title: Format,
    /// The "draft, review before use" notice.
    notice: Format,
    /// A table's header row.
    header: Format,
    /// A section label on the summary.
    label: Format,
    /// Text aligned to the top, wrapped in the wide columns.
    text: Format,
    /// An empty cell for the client to fill in.
    to_fill: Format,
    /// An empty date cell for the client to fill in.
    to_fill_date: Format,
    /// A share shown as a percentage.
    percent: Format,
    /// Priority cells, coloured from critical to low.
    critical: Format,
    high: Format,
    medium: Format,
    low: Format,
}

impl Styles {
    fn new() -> Styles {
        let top = Format::new().set_align(FormatAlign::Top);
        let to_fill = top
            .clone()
            .set_background_color(Color::RGB(0x00FF_F8DC))
            .set_border_bottom(FormatBorder::Hair);
        let band = |fill: u32, font: u32| {
            top.clone()
                .set_background_color(Color::RGB(fill))
                .set_font_color(Color::RGB(font))
                .set_bold()
        };
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            notice: Format::new()
                .set_italic()
                .set_bold()
                .set_font_color(Color::RGB(0x009C_0006)),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(0x00D9_E1F2))
                .set_border_bottom(FormatBorder::Thin),
            label: top.clone().set_bold(),
            text: top.clone().set_text_wrap(),
            to_fill_date: to_fill.clone().set_num_format("yyyy-mm-dd"),
            to_fill,
            percent: top.clone().set_num_format("0.0%"),
            critical: band(0x00FF_C7CE, 0x009C_0006),
            high: band(0x00FC_E4D6, 0x0083_3C0B),
            medium: band(0x00FF_EB9C, 0x009C_5700),
            low: band(0x00C6_EFCE, 0x0000_6100),
        }
    }
}

/// The widest a column grows to fit its text, in characters; longer text wraps.
const WIDEST: usize = 60;

/// The narrowest a fitted column is, in characters.
const NARROWEST: usize = 6;

/// The height of one line of text, in points.
const LINE_HEIGHT: f64 = 15.0;

/// Excel's limit on the length of one cell, in UTF-16 units.
const CELL_LIMIT: usize = 32_767;

/// A worksheet being written, which measures the text it writes so that columns fit their
/// content (up to [`WIDEST`]) and each row is tall enough for its wrapped text: neither Excel
/// nor LibreOffice sizes rows for wrapped text when it opens a file.
pub(crate) struct Sheet<'w> {
    sheet: &'w mut Worksheet,
    /// Widths set by the sheet itself, which fitting leaves alone.
    fixed: BTreeMap<u16, usize>,
    /// The widest line written in each column, in characters.
    widest: BTreeMap<u16, usize>,
    /// The widths of the lines of each measured cell, by row and column.
    lines: BTreeMap<u32, Vec<(u16, Vec<usize>)>>,
}

impl<'w> Sheet<'w> {
    fn new(sheet: &'w mut Worksheet) -> Sheet<'w> {
        Sheet {
            sheet,
            fixed: BTreeMap::new(),
            widest: BTreeMap::new(),
            lines: BTreeMap::new(),
        }
    }

    /// Writes text as a string cell (never a formula), without control characters and cut to
    /// what one cell holds; it counts in the column's width and the row's height.
    pub(crate) fn text(
        &mut self,
        row: u32,
        col: u16,
        value: &str,
        format: &Format,
    ) -> Result<(), XlsxError> {
        let clean = self.unmeasured(row, col, value, format)?;
        let widths: Vec<usize> = clean.lines().map(UnicodeWidthStr::width).collect();
        let widest = widths.iter().copied().max().unwrap_or(0);
        let column = self.widest.entry(col).or_default();
        *column = (*column).max(widest);
        self.lines.entry(row).or_default().push((col, widths));
        Ok(())
    }

    /// Writes text as [`Sheet::text`] does, but as a line that may run over the cells beside
    /// it (a title, a notice): it counts in no width or height. Returns the text written.
    pub(crate) fn unmeasured(
        &mut self,
        row: u32,
        col: u16,
        value: &str,
        format: &Format,
    ) -> Result<String, XlsxError> {
        let clean = crate::text::strip_controls(value);
        let mut units = 0;
        let end = clean
            .char_indices()
            .find(|(_, c)| {
                units += c.len_utf16();
                units > CELL_LIMIT
            })
            .map_or(clean.len(), |(at, _)| at);
        let clean = clean[..end].to_owned();
        self.sheet
            .write_string_with_format(row, col, &clean, format)?;
        Ok(clean)
    }

    /// Writes a whole number, measured as its digits.
    pub(crate) fn number(
        &mut self,
        row: u32,
        col: u16,
        value: usize,
        format: &Format,
    ) -> Result<(), XlsxError> {
        let digits = value.to_string();
        self.sheet.write_number_with_format(
            row,
            col,
            f64::from(u32::try_from(value).unwrap_or(u32::MAX)),
            format,
        )?;
        let column = self.widest.entry(col).or_default();
        *column = (*column).max(digits.len());
        Ok(())
    }

    /// Writes a share (0.0–1.0) shown as a percentage.
    pub(crate) fn percent(
        &mut self,
        row: u32,
        col: u16,
        share: f64,
        format: &Format,
    ) -> Result<(), XlsxError> {
        self.sheet
            .write_number_with_format(row, col, share, format)?;
        let column = self.widest.entry(col).or_default();
        *column = (*column).max("100.0%".len());
        Ok(())
    }

    /// Writes a header row at `row`.
    pub(crate) fn header(
        &mut self,
        row: u32,
        names: &[&str],
        styles: &Styles,
    ) -> Result<(), XlsxError> {
        for (col, name) in (0..).zip(names) {
            self.text(row, col, name, &styles.header)?;
        }
        Ok(())
    }

    /// Places a chart with its top left corner in a cell.
    pub(crate) fn chart(&mut self, row: u32, col: u16, chart: &Chart) -> Result<(), XlsxError> {
        self.sheet.insert_chart(row, col, chart)?;
        Ok(())
    }

    /// Starts a new printed page at a row.
    pub(crate) fn page_break_before(&mut self, row: u32) -> Result<(), XlsxError> {
        self.sheet.set_page_breaks(&[row])?;
        Ok(())
    }

    /// Gives a column a width of its own, in characters.
    pub(crate) fn width(&mut self, col: u16, width: usize) {
        self.fixed.insert(col, width);
    }

    /// A drop-down list on rows `1..=rows` of a column (none when the table is empty).
    pub(crate) fn drop_down(
        &mut self,
        rows: u32,
        col: u16,
        choices: &[&str],
    ) -> Result<(), XlsxError> {
        if rows == 0 {
            return Ok(());
        }
        let validation = DataValidation::new().allow_list_strings(choices)?;
        self.sheet
            .add_data_validation(1, col, rows, col, &validation)?;
        Ok(())
    }

    /// Empty cells styled for the client to fill in, on rows `1..=rows` of each column.
    pub(crate) fn blanks_to_fill(
        &mut self,
        rows: u32,
        columns: &[(u16, &Format)],
    ) -> Result<(), XlsxError> {
        for row in 1..=rows {
            for (col, format) in columns {
                self.sheet.write_blank(row, *col, format)?;
            }
        }
        Ok(())
    }

    /// The columns the client fills in, from `first` on rows `1..=rows`: an owner, a due date
    /// and a status chosen from `choices`, `status_width` characters wide; empty and styled to
    /// be filled.
    pub(crate) fn client_columns(
        &mut self,
        rows: u32,
        first: u16,
        choices: &[&str],
        status_width: usize,
        styles: &Styles,
    ) -> Result<(), XlsxError> {
        let (owner, due, status) = (first, first + 1, first + 2);
        self.blanks_to_fill(
            rows,
            &[
                (owner, &styles.to_fill),
                (due, &styles.to_fill_date),
                (status, &styles.to_fill),
            ],
        )?;
        self.drop_down(rows, status, choices)?;
        self.width(owner, 20);
        self.width(due, 12);
        self.width(status, status_width);
        Ok(())
    }

    /// A table sheet: header frozen, filters on, printed landscape with the header on every
    /// page; then [`Sheet::fit`].
    pub(crate) fn finish_table(self, rows: u32, columns: &[&str]) -> Result<(), XlsxError> {
        let last_col = u16::try_from(columns.len().saturating_sub(1)).unwrap_or(u16::MAX);
        self.sheet.set_freeze_panes(1, 0)?;
        self.sheet.autofilter(0, 0, rows, last_col)?;
        self.sheet.set_repeat_rows(0, 0)?;
        self.fit()
    }

    /// Sizes each column to its widest line (from [`NARROWEST`] to [`WIDEST`] characters, or
    /// its own width) and each row to the lines its text wraps to; prints landscape, one page
    /// wide.
    pub(crate) fn fit(mut self) -> Result<(), XlsxError> {
        let mut widths = BTreeMap::new();
        for (&col, &widest) in &self.widest {
            // Room for the filter button beside a header, and a little margin.
            widths.insert(col, (widest + 2).clamp(NARROWEST, WIDEST));
        }
        widths.extend(&self.fixed);
        for (&col, &width) in &widths {
            self.sheet.set_column_width(col, width as f64)?;
        }
        for (row, cells) in std::mem::take(&mut self.lines) {
            let lines = cells
                .iter()
                .map(|(col, lines)| {
                    // Proportional type fits about a fifth more letters than a column's
                    // width in digits.
                    let width = widths.get(col).copied().unwrap_or(WIDEST).max(1);
                    let room = width + width / 5;
                    lines
                        .iter()
                        .map(|width| width.div_ceil(room).max(1))
                        .sum::<usize>()
                })
                .max()
                .unwrap_or(1);
            if lines > 1 {
                let lines = u32::try_from(lines).unwrap_or(u32::MAX).min(400);
                self.sheet
                    .set_row_height(row, f64::from(lines) * LINE_HEIGHT)?;
            }
        }
        self.sheet.set_landscape().set_print_fit_to_pages(1, 0);
        Ok(())
    }
}

/// A row count as a worksheet row number.
pub(crate) fn row_number(count: usize) -> u32 {
    u32::try_from(count).unwrap_or(u32::MAX)
}
