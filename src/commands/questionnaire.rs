//! `isoready questionnaire validate FILE | schema`.

use std::io::Write;
use std::path::Path;

use crate::model::{Depth, Questionnaire};

/// Validates a questionnaire file and prints a one-line summary; every problem is an error.
pub fn validate(file: &Path, out: &mut impl Write) -> anyhow::Result<()> {
    let text = super::read_input(file)?;
    let questionnaire = Questionnaire::parse(&file.display().to_string(), &text)?;
    let (quick, full) = questionnaire
        .questions()
        .fold((0, 0), |(quick, full), (_, question)| {
            match question.depth {
                Depth::Quick => (quick + 1, full),
                Depth::Full => (quick, full + 1),
            }
        });
    writeln!(
        out,
        "{}: valid — questionnaire {} version {}, {} sections, {} questions ({quick} quick, {full} full depth)",
        file.display(),
        questionnaire.id,
        questionnaire.version,
        questionnaire.sections.len(),
        quick + full
    )?;
    Ok(())
}

/// The JSON Schema of questionnaire files, as pretty JSON with a final newline.
pub fn schema_text() -> String {
    let schema = schemars::schema_for!(Questionnaire);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Prints the JSON Schema of questionnaire files.
pub fn schema(out: &mut impl Write) -> anyhow::Result<()> {
    out.write_all(schema_text().as_bytes())?;
    Ok(())
}
