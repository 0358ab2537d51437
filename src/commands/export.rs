//! `isoready export (ID | --answers FILE) --format … [--output PATH] [--force]`: render a
//! session summary for the client and write it to a file; the file's path goes to stdout.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::BadInput;
use crate::cli::{ExportArgs, ExportFormat};
use crate::export::oscal::OscalError;
use crate::export::{self, ExportInput, ExportSession};
use crate::model::problem::parse_json;
use crate::model::{AnswersDoc, Catalogs, Problems, Questionnaire, Session};

/// How the default file name is made when `--output` is not given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Naming {
    /// Used when the session names no client (an answers file's stem).
    pub fallback: String,
    /// The date in the name when the session has none (an answers file's modification date).
    pub date: Option<String>,
}

/// Runs `export`: loads the source, renders the format, writes the file, prints its path.
///
/// A stored session (`export ID`) needs the sessions storage; with it, this arm becomes
/// `let session = store.load(&store.resolve(id)?)?;` followed by [`export_stored`].
pub fn run(
    args: &ExportArgs,
    questionnaire: &Questionnaire,
    out: &mut impl Write,
    err: &mut impl Write,
) -> anyhow::Result<()> {
    let Some(file) = &args.answers else {
        return Err(BadInput(
            "export of stored sessions needs the sessions storage, which this build does not have yet: export the session file with --answers FILE"
                .to_owned(),
        )
        .into());
    };
    let (session, naming) = load_file(file, questionnaire)?;
    let name = file.display().to_string();
    export(&name, &session, &naming, args, questionnaire, out, err)
}

/// Exports a stored session: its client and last change name the default file.
pub fn export_stored(
    session: &Session,
    args: &ExportArgs,
    questionnaire: &Questionnaire,
    out: &mut impl Write,
    err: &mut impl Write,
) -> anyhow::Result<()> {
    let naming = Naming {
        fallback: String::new(),
        date: None,
    };
    let name = format!("session {}", session.id);
    let session = ExportSession::from_session(session);
    export(&name, &session, &naming, args, questionnaire, out, err)
}

/// Loads an answers or session file (a session is recognised by its `schema_version`; the JSON
/// export of an answers file is one without ID or dates).
pub fn load_file(
    file: &Path,
    questionnaire: &Questionnaire,
) -> anyhow::Result<(ExportSession, Naming)> {
    let name = file.display().to_string();
    let text = super::read_input(file)?;
    let doc = AnswersDoc::parse(&name, &text)?;
    let value: serde_json::Value = parse_json(&name, &text)?;
    let session = if value.get("schema_version").is_some() {
        let mut session: ExportSession = parse_json(&name, &text)?;
        if session.questionnaire.is_empty() {
            session.questionnaire.clone_from(&questionnaire.id);
        }
        session
    } else {
        ExportSession::from_answers(&doc, questionnaire)
    };
    let naming = Naming {
        fallback: file
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default(),
        date: modified_date(file),
    };
    Ok((session, naming))
}

/// The file's modification date, for the default file name only (never the content).
fn modified_date(file: &Path) -> Option<String> {
    let modified = std::fs::metadata(file).ok()?.modified().ok()?;
    jiff::Timestamp::try_from(modified)
        .ok()
        .map(export::iso_date)
}

/// Validates, renders and writes one session; `name` names the source in messages.
pub fn export(
    name: &str,
    session: &ExportSession,
    naming: &Naming,
    args: &ExportArgs,
    questionnaire: &Questionnaire,
    out: &mut impl Write,
    err: &mut impl Write,
) -> anyhow::Result<()> {
    Problems::check(name, session.answers_doc().validate(questionnaire))?;
    let input = ExportInput::new(session, questionnaire, Catalogs::embedded());
    for warning in input.warnings() {
        writeln!(err, "warning: {name}: {warning}")?;
    }
    let text = render(args.format, &input)?;
    let default_name = default_file_name(session, naming, args.format);
    let path = match &args.output {
        Some(path) if path.is_dir() => path.join(default_name),
        Some(path) => path.clone(),
        None => PathBuf::from(default_name),
    };
    write_file(&path, text.as_bytes(), args.force)?;
    writeln!(out, "{}", path.display())?;
    Ok(())
}

/// Renders one format.
pub fn render(format: ExportFormat, input: &ExportInput) -> anyhow::Result<String> {
    Ok(match format {
        ExportFormat::Md => export::summary::render(input),
        ExportFormat::Json => export::json::render(input)?,
        ExportFormat::Html => export::html::render(input)?,
        ExportFormat::Csv => export::csv::render(input)?,
        ExportFormat::Soa => export::soa::render_markdown(input),
        ExportFormat::SoaCsv => export::soa::render_csv(input)?,
        ExportFormat::Oscal => export::oscal::render(input).map_err(|error| match error {
            OscalError::Json(error) => anyhow::Error::new(error),
            other => BadInput(other.to_string()).into(),
        })?,
    })
}

/// The file extension of a format: formats that share a file type are told apart.
pub fn extension(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Md => "md",
        ExportFormat::Json => "json",
        ExportFormat::Html => "html",
        ExportFormat::Csv => "csv",
        ExportFormat::Soa => "soa.md",
        ExportFormat::SoaCsv => "soa.csv",
        ExportFormat::Oscal => "oscal.json",
    }
}

/// `<client>-<date>-isoready.<ext>`, safe on any file system; the client falls back to the
/// source file's stem, then to "assessment"; the date is left out when unknown.
pub fn default_file_name(session: &ExportSession, naming: &Naming, format: ExportFormat) -> String {
    let client = slug(&session.client)
        .or_else(|| slug(&naming.fallback))
        .unwrap_or_else(|| "assessment".to_owned());
    let date = session.date().or_else(|| naming.date.clone());
    match date {
        Some(date) => format!("{client}-{date}-isoready.{}", extension(format)),
        None => format!("{client}-isoready.{}", extension(format)),
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

/// Writes the export; an existing file is replaced only with `force`. New files are readable
/// by their owner only: an export holds the client's confidential answers.
fn write_file(path: &Path, bytes: &[u8], force: bool) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = match options.open(path) {
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(BadInput(format!(
                "{} already exists: pass --force to overwrite it, or choose another --output",
                path.display()
            ))
            .into());
        }
        other => other.with_context(|| format!("cannot create {}", path.display()))?,
    };
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write {}", path.display()))
}
