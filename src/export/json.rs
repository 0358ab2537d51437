//! The JSON export: a session file (a superset of the answers file) with the report added.
//!
//! It is lossless: reading it back as a session or answers file gives the same answers, notes
//! and flags. A plain answers file has no ID or dates, so its export has none either.

use serde::Serialize;

use super::{ExportInput, ExportSession};
use crate::assess::Report;
use crate::model::session::SCHEMA_VERSION;

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    #[serde(flatten)]
    session: &'a ExportSession,
    report: &'a Report,
}

/// Renders the session and its report as pretty-printed JSON with a final newline.
pub fn render(input: &ExportInput) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(&Document {
        schema_version: SCHEMA_VERSION,
        session: input.session,
        report: &input.report,
    })?;
    text.push('\n');
    Ok(text)
}
