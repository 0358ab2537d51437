//! Listing the data directory: what each session is (client, dates, depth) and the figures a
//! caller derives from its answers, read from the summary cache where the file is unchanged and
//! from the session file where it is not.
//!
//! The session files stay the only source of truth. A file is taken from the cache only when
//! its name, size, modification and change times and inode all match what was cached, and it
//! passes the same checks a read would (a regular file of this user's, linked once, within the
//! size limit); anything else is read and parsed again. Unreadable files are never cached: they
//! are read each time, so their reason is always today's.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::value::RawValue;

use super::cache::{Cache, Stamp};
use super::read::{read_entry, reason};
use super::{Broken, StorageError, parallel};
use crate::model::{Depth, Session};

/// What a listing shows of a readable session: everything but its answers, with the figures the
/// caller derived from them (`()` when it asked for none).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Summary<F = ()> {
    /// The session ID.
    pub id: String,
    /// The client or organisation assessed.
    pub client: String,
    /// Who ran the assessment.
    pub assessor: String,
    /// When the session was created.
    pub created: jiff::Timestamp,
    /// When anything last changed.
    pub updated: jiff::Timestamp,
    /// The questionnaire ID.
    pub questionnaire: String,
    /// The questionnaire's version.
    pub questionnaire_version: String,
    /// Quick or full.
    pub depth: Depth,
    /// The session this one follows up, if any.
    #[serde(default)]
    pub previous: Option<String>,
    /// What the caller derived from the session's answers.
    pub figures: F,
}

impl<F> Summary<F> {
    /// The summary of `session`, with `figures` derived from it.
    pub fn of(session: &Session, figures: F) -> Summary<F> {
        Summary {
            id: session.id.clone(),
            client: session.client.clone(),
            assessor: session.assessor.clone(),
            created: session.created,
            updated: session.updated,
            questionnaire: session.questionnaire.clone(),
            questionnaire_version: session.questionnaire_version.clone(),
            depth: session.depth,
            previous: session.previous.clone(),
            figures,
        }
    }
}

/// Every file of the data directory: readable sessions, newest change first, then the files
/// that cannot be read, by name.
#[derive(Debug, Clone)]
pub struct Listing<F = ()> {
    /// The readable sessions, newest change first.
    pub sessions: Vec<Summary<F>>,
    /// The files that are not readable sessions, with their reasons, left untouched.
    pub broken: Vec<Broken>,
    /// Why the summary cache could not be brought up to date, when that failed for a reason
    /// other than a read-only data directory. The listing itself is right either way.
    pub cache_problem: Option<String>,
}

/// What a listing derives from each session besides its summary.
pub(super) struct Figures<'f, F> {
    /// Names everything the figures depend on (the program's version, the questionnaire's
    /// content): figures cached under another key are computed again. `None` for a listing
    /// without figures, which only reads the cache.
    pub key: Option<&'f str>,
    /// Derives the figures from a session read from its file.
    pub derive: &'f (dyn Fn(&Session) -> F + Sync),
    /// The figures as cached (`None` when they no longer parse).
    pub cached: fn(&RawValue) -> Option<F>,
}

/// One `*.json` file of the data directory, as the directory entry describes it.
pub(super) struct File {
    path: PathBuf,
    /// The session ID its name gives, if it is named like a session.
    pub id: Option<String>,
    /// Its stamp, when it may be taken from the cache at all.
    stamp: Option<Stamp>,
}

/// Lists `dir`, reusing the cache at `cache_path`, which is brought up to date afterwards when
/// anything changed (only by a listing with figures: one without has no figures to cache).
pub(super) fn list<F>(
    dir: &Path,
    cache_path: &Path,
    figures: &Figures<'_, F>,
) -> Result<Listing<F>, StorageError>
where
    F: Serialize + Send,
{
    let files = session_files(dir)?;
    let started = std::time::SystemTime::now();
    let cache = Cache::load(cache_path);
    let mut cache_changed = figures.key.is_some() && !cache.is_current(figures.key);
    let mut cached = if figures.key.is_none() || cache.is_current(figures.key) {
        cache.entries
    } else {
        HashMap::new()
    };
    // Each session with the stamp it may be cached under.
    let mut sessions: Vec<(Summary<F>, Option<Stamp>)> = Vec::with_capacity(files.len());
    let mut to_read = Vec::new();
    for file in files {
        let entry = file.id.as_ref().and_then(|id| cached.remove(id));
        let hit = entry.and_then(|entry| {
            let current = file.stamp == Some(entry.stamp);
            let derived = current
                .then(|| (figures.cached)(&entry.summary.figures))
                .flatten();
            // A stale entry is dropped from the cache even if its file cannot be cached now.
            cache_changed |= derived.is_none();
            Some(entry.summary.with_figures(derived?))
        });
        match hit {
            Some(summary) => sessions.push((summary, file.stamp)),
            None => to_read.push(file),
        }
    }
    // Whatever is left in the cache is gone from the directory.
    cache_changed |= !cached.is_empty();
    // Reading and parsing dominate; spread them over the cores.
    let read = parallel::map(&to_read, |file| {
        read_entry(&file.path, file.id.as_deref())
            .map(|session| Summary::of(&session, (figures.derive)(&session)))
    });
    let mut broken = Vec::new();
    for (file, result) in to_read.into_iter().zip(read) {
        match result {
            Ok(summary) => {
                let settled = file.stamp.filter(|stamp| stamp.is_settled(started));
                cache_changed |= settled.is_some();
                sessions.push((summary, settled));
            }
            Err(error) => broken.push(Broken {
                id: file.id,
                reason: reason(&error),
                path: file.path,
            }),
        }
    }
    let cache_problem = match figures.key {
        Some(key) if cache_changed => Cache::save(
            cache_path,
            key,
            sessions
                .iter()
                .filter_map(|(summary, stamp)| Some((summary, (*stamp)?))),
        ),
        _ => None,
    };
    let mut sessions: Vec<Summary<F>> = sessions.into_iter().map(|(summary, _)| summary).collect();
    sessions.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| b.id.cmp(&a.id)));
    broken.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Listing {
        sessions,
        broken,
        cache_problem,
    })
}

impl<F> Summary<F> {
    /// The same summary with other figures.
    fn with_figures<G>(self, figures: G) -> Summary<G> {
        Summary {
            id: self.id,
            client: self.client,
            assessor: self.assessor,
            created: self.created,
            updated: self.updated,
            questionnaire: self.questionnaire,
            questionnaire_version: self.questionnaire_version,
            depth: self.depth,
            previous: self.previous,
            figures,
        }
    }
}

/// Every `*.json` file of `dir` with its ID if named like a session; hidden files (unfinished
/// saves) are skipped.
pub(super) fn session_files(dir: &Path) -> Result<Vec<File>, StorageError> {
    let entries = fs::read_dir(dir).map_err(|source| StorageError::io("list", dir, source))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| StorageError::io("list", dir, source))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Some(stem) = name.strip_suffix(".json") else {
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        let id = super::is_session_id(stem).then(|| stem.to_owned());
        // The entry's metadata describes the entry itself, never a link's target.
        let stamp = entry
            .metadata()
            .ok()
            .and_then(|metadata| Stamp::of(&metadata));
        files.push(File {
            path: entry.path(),
            id,
            stamp,
        });
    }
    Ok(files)
}
