//! `isoready assess --answers FILE [--format json|md]`: evaluate without storing anything.

use std::io::Write;
use std::path::Path;

use crate::assess::{self, Report};
use crate::cli::ReportFormat;
use crate::export;
use crate::model::{AnswersDoc, Catalogs, Depth, Questionnaire};

/// Evaluates a validated answers document; returns the report and the warnings to show.
pub fn evaluate(questionnaire: &Questionnaire, doc: &AnswersDoc) -> (Report, Vec<String>) {
    let depth = assess::implied_depth(questionnaire, &doc.answers);
    evaluate_at(questionnaire, doc, depth)
}

/// Evaluates a validated answers document at a given depth (a stored session records its own).
pub(crate) fn evaluate_at(
    questionnaire: &Questionnaire,
    doc: &AnswersDoc,
    depth: Depth,
) -> (Report, Vec<String>) {
    let catalogs = Catalogs::embedded();
    let evaluation = assess::Evaluation::of_doc(questionnaire, catalogs, doc, depth);
    let warnings = evaluation.warnings(doc);
    (assess::build_report(&evaluation), warnings)
}

/// Renders a report in the requested format.
pub fn render(report: &Report, format: ReportFormat) -> anyhow::Result<String> {
    Ok(match format {
        ReportFormat::Json => {
            let mut text = serde_json::to_string_pretty(report)?;
            text.push('\n');
            text
        }
        ReportFormat::Md => export::markdown::report(report, Catalogs::embedded()),
    })
}

/// Runs `assess`: the report goes to `out`, warnings to `err`; invalid input prints nothing on `out`.
pub fn run(
    file: &Path,
    format: ReportFormat,
    questionnaire: &Questionnaire,
    out: &mut impl Write,
    err: &mut impl Write,
) -> anyhow::Result<()> {
    let doc = super::load_answers_file(file, questionnaire)?.doc;
    let (report, warnings) = evaluate(questionnaire, &doc);
    for warning in warnings {
        writeln!(err, "warning: {}: {warning}", file.display())?;
    }
    out.write_all(render(&report, format)?.as_bytes())?;
    Ok(())
}
