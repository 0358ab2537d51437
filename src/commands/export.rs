//! `isoready export (ID | --answers FILE) --format … [--output PATH] [--force]`: render a
//! session summary for the client and write it to a file; the file's path goes to stdout.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::BadInput;
use crate::assess::compare::Comparison;
use crate::cli::ExportArgs;
use crate::export::oscal::OscalError;
use crate::export::{self, ExportInput, ExportSession, Format, Naming, RenderError};
use crate::model::{Catalogs, Problems, Questionnaire, Session};
use crate::storage::{StorageError, Store};

/// Runs `export`: loads the source, renders the format, writes the file, prints its path.
///
/// A stored session (`export ID`) is read from `store`, which the caller opens only then.
pub fn run(
    args: &ExportArgs,
    store: Option<&Store>,
    questionnaire: &Questionnaire,
    out: &mut impl Write,
    err: &mut impl Write,
) -> anyhow::Result<()> {
    let file = match (&args.answers, store, &args.id) {
        (Some(file), _, _) => file,
        (None, Some(store), Some(id)) => {
            let session = store.load(&store.resolve(id)?)?;
            let progress = super::compare::progress(&session, store, questionnaire, err)?;
            return export_stored(&session, progress, args, questionnaire, out, err);
        }
        _ => return Err(BadInput("give a session ID or --answers FILE".to_owned()).into()),
    };
    let (session, naming) = load_file(file, questionnaire)?;
    let name = file.display().to_string();
    export(&name, &session, &naming, args, questionnaire, out, err)
}

/// Exports a stored session: its client and last change name the default file. A follow-up
/// session's `progress` since the session it follows up gets its own section.
pub fn export_stored(
    session: &Session,
    progress: Option<Comparison>,
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
    let mut session = ExportSession::from_session(session);
    session.carry_replaced(questionnaire);
    session.progress = progress;
    export(&name, &session, &naming, args, questionnaire, out, err)
}

/// Loads an answers or session file (a session is recognised by its `schema_version`; the JSON
/// export of an answers file is one without ID or dates), checked against the questionnaire.
pub(crate) fn load_file(
    file: &Path,
    questionnaire: &Questionnaire,
) -> anyhow::Result<(ExportSession, Naming)> {
    let loaded = super::load_answers_file(file, questionnaire)?;
    let session = ExportSession::from_file(&loaded, questionnaire);
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
    let format = Format::from(args.format);
    let bytes = export::render(format, &input).map_err(|error| match error {
        RenderError::Oscal(OscalError::Json(error)) => anyhow::Error::new(error),
        RenderError::Oscal(other) => BadInput(other.to_string()).into(),
        other => anyhow::Error::new(other),
    })?;
    let default_name = export::default_file_name(session, naming, format);
    let path = match &args.output {
        Some(path) if path.is_dir() => path.join(default_name),
        Some(path) => path.clone(),
        None => PathBuf::from(default_name),
    };
    crate::storage::write_private(&path, &bytes, args.force).map_err(|error| match error {
        StorageError::Exists(path) => BadInput(format!(
            "{} already exists: pass --force to overwrite it, or choose another --output",
            path.display()
        ))
        .into(),
        refused @ StorageError::Refused { .. } => BadInput(refused.to_string()).into(),
        other => anyhow::Error::new(other),
    })?;
    writeln!(out, "{}", path.display())?;
    Ok(())
}
