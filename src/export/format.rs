//! The export formats, their file names, and rendering one format.

use std::borrow::Cow;

use super::ExportInput;
use super::oscal::OscalError;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown session summary.
    Md,
    /// JSON: the session plus the report (re-importable).
    Json,
    /// Self-contained HTML that prints to PDF.
    Html,
    /// CSV gap list.
    Csv,
    /// Draft Statement of Applicability, Markdown.
    Soa,
    /// Draft Statement of Applicability, CSV.
    SoaCsv,
    /// OSCAL assessment results.
    Oscal,
    /// The client workbook: summary, gap register, SoA and evidence requests.
    Xlsx,
}

impl Format {
    /// Every format, in the order the TUI offers them.
    pub const ALL: [Format; 8] = [
        Format::Md,
        Format::Html,
        Format::Json,
        Format::Csv,
        Format::Soa,
        Format::SoaCsv,
        Format::Oscal,
        Format::Xlsx,
    ];

    /// The file extension: formats that share a file type are told apart.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Json => "json",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Soa => "soa.md",
            Format::SoaCsv => "soa.csv",
            Format::Oscal => "oscal.json",
            Format::Xlsx => "xlsx",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Format::Md => "Markdown summary",
            Format::Json => "JSON (session + report, re-importable)",
            Format::Html => "HTML report (prints to PDF)",
            Format::Csv => "CSV gap list (Excel, LibreOffice)",
            Format::Soa => "Statement of Applicability (Markdown)",
            Format::SoaCsv => "Statement of Applicability (CSV)",
            Format::Oscal => "OSCAL assessment results (JSON)",
            Format::Xlsx => "Client workbook: gaps, SoA, evidence (Excel)",
        }
    }
}

/// Why a format could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// JSON serialisation failed.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    /// The HTML template failed.
    #[error(transparent)]
    Html(#[from] askama::Error),
    /// CSV writing failed.
    #[error(transparent)]
    Csv(#[from] csv::Error),
    /// The input cannot be expressed in OSCAL.
    #[error(transparent)]
    Oscal(#[from] OscalError),
    /// The workbook could not be written.
    #[error(transparent)]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}

/// Renders one format as the bytes of its file. Control characters in what people typed are
/// left out (see [`crate::text`]): an exported text file may be printed to a terminal, and the
/// workbook strips them from each cell it writes.
pub fn render(format: Format, input: &ExportInput) -> Result<Vec<u8>, RenderError> {
    let text = match format {
        Format::Md => super::summary::render(input),
        Format::Json => super::json::render(input)?,
        Format::Html => super::html::render(input)?,
        Format::Csv => super::csv::render(input)?,
        Format::Soa => super::soa::render_markdown(input),
        Format::SoaCsv => super::soa::render_csv(input)?,
        Format::Oscal => super::oscal::render(input)?,
        Format::Xlsx => return Ok(super::xlsx::render(input)?),
    };
    Ok(match crate::text::strip_controls(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(stripped) => stripped,
    }
    .into_bytes())
}

/// What names an export when no output path is given.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Naming {
    /// Used when the session names no client (an answers file's stem).
    pub fallback: String,
    /// The date in the name when the session has none (an answers file's modification date).
    pub date: Option<String>,
}

/// `<client>-<date>-isoready.<ext>`, safe on any file system; the client falls back to the
/// source file's stem, then to "assessment"; the date is left out when unknown.
pub fn default_file_name(
    session: &super::ExportSession,
    naming: &Naming,
    format: Format,
) -> String {
    let client = slug(&session.client)
        .or_else(|| slug(&naming.fallback))
        .unwrap_or_else(|| "assessment".to_owned());
    let date = session.date().or_else(|| naming.date.clone());
    match date {
        Some(date) => format!("{client}-{date}-isoready.{}", format.extension()),
        None => format!("{client}-isoready.{}", format.extension()),
    }
}

/// Lower-case letters and digits (any script), apostrophes dropped, other runs of characters
/// folded into one "-", at most 60 characters; none when nothing is left.
fn slug(text: &str) -> Option<String> {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if matches!(c, '\'' | '’') {
            continue;
        }
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.chars().count() >= 60 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    (!slug.is_empty()).then(|| slug.to_owned())
}
