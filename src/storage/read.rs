//! Reading a session file: the bytes as they are, parsed, migrated when older, and every
//! refusal said with its place.

use std::io::Read;
use std::path::Path;

use super::{StorageError, guarded, migrate};
use crate::model::encoding::decode;
use crate::model::problem::{clip, parse_json};
use crate::model::session::{SCHEMA_VERSION, VersionError};
use crate::model::{Problems, Session};

/// The text a listing shows for an unreadable file.
pub(super) fn reason(error: &StorageError) -> String {
    match error {
        StorageError::Corrupt { reason, .. }
        | StorageError::Newer { reason, .. }
        | StorageError::Refused { reason, .. } => reason.clone(),
        StorageError::Io { source, .. } => format!("cannot be read: {source}"),
        other => other.to_string(),
    }
}

pub(super) fn read_entry(path: &Path, id: Option<&str>) -> Result<Session, StorageError> {
    match id {
        Some(id) => read_session(path, id),
        None => Err(StorageError::Corrupt {
            path: path.to_path_buf(),
            reason: "the file name is not a session ID (expected <uuid>.json)".to_owned(),
        }),
    }
}

pub(super) fn read_session(path: &Path, id: &str) -> Result<Session, StorageError> {
    let file = guarded::open_read(path).map_err(|error| match error {
        guarded::OpenError::Io(source) if source.kind() == std::io::ErrorKind::NotFound => {
            StorageError::NotFound(id.to_owned())
        }
        other => StorageError::opening(path, other),
    })?;
    let mut bytes = Vec::new();
    // The size was checked when the file was opened; `take` holds if it grows meanwhile.
    (&file)
        .take(guarded::MAX_SESSION_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| StorageError::io("read", path, source))?;
    let modified = file
        .metadata()
        .and_then(|metadata| metadata.modified())
        .ok()
        .and_then(|time| jiff::Timestamp::try_from(time).ok());
    parse_session_bytes(path, id, &bytes, modified)
}

/// Reads the bytes of `path`, the file of session `id`, as a session, migrating an older file.
/// `modified` is the file's modification time (now when unknown), which dates a file that does
/// not say when it was made.
fn parse_session_bytes(
    path: &Path,
    id: &str,
    bytes: &[u8],
    modified: Option<jiff::Timestamp>,
) -> Result<Session, StorageError> {
    let corrupt = |reason: String| StorageError::Corrupt {
        path: path.to_path_buf(),
        reason,
    };
    let text = decode(&path.display().to_string(), bytes)
        .map_err(|problems| corrupt(format!("at {}", located(problems))))?;
    let session = match serde_json::from_str::<Session>(text) {
        // The common case, read in one pass; anything else takes the path that migrates
        // older files and explains what is wrong.
        Ok(session) if session.schema_version == SCHEMA_VERSION => session,
        _ => upgrade(text, path, id, modified)?,
    };
    if session.id != id {
        return Err(corrupt(format!(
            "at id: the file holds session \"{}\" but is named {id}.json",
            clip(&session.id)
        )));
    }
    Ok(session)
}

fn upgrade(
    text: &str,
    path: &Path,
    id: &str,
    modified: Option<jiff::Timestamp>,
) -> Result<Session, StorageError> {
    let corrupt = |reason: String| StorageError::Corrupt {
        path: path.to_path_buf(),
        reason,
    };
    let value: serde_json::Value = parse_json(&path.display().to_string(), text)
        .map_err(|problems| corrupt(format!("not valid JSON at {}", located(problems))))?;
    let fallback = migrate::Fallback {
        id: id.to_owned(),
        time: modified.unwrap_or_else(jiff::Timestamp::now),
    };
    migrate::upgrade(value, &fallback).map_err(|error| match error {
        migrate::SchemaError::Version(newer @ VersionError::Newer { .. }) => StorageError::Newer {
            path: path.to_path_buf(),
            reason: newer.to_string(),
        },
        other => corrupt(other.to_string()),
    })
}

/// "line L, column C: what is wrong", from a problem of the text or the JSON syntax.
fn located(problems: Problems) -> String {
    match problems {
        Problems::Syntax {
            line,
            column,
            message,
            ..
        } => format!("line {line}, column {column}: {message}"),
        other => other.to_string(),
    }
}
