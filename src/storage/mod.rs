//! Session storage: one JSON file per session in a private data directory.
//!
//! - Layout: `<dir>/<uuid>.json` per session, `<dir>/<uuid>.lock` while (or after) it is open
//!   for editing, `<dir>/<uuid>.draft` while a note is being typed, `<dir>/.<uuid>.json.*.tmp`
//!   while a save is under way (one left by a killed process is removed an hour later). The
//!   directory is created 0700, files are 0600.
//! - IDs are uuid v7 in canonical form, checked before an ID becomes a path, so no file content
//!   or argument can name a file outside the directory.
//! - Saves are atomic ([`StagedSave`]); reads never write: a file that cannot be read is
//!   reported with its reason and left exactly as it is.
//! - Older session files are migrated on load ([`migrate`]); newer ones are refused.
//! - Listings read each file only when it changed since the last listing on this machine: a
//!   hidden `.listing-<host>.cache` keeps the summaries of unchanged files (see [`Listing`]).

mod atomic;
mod cache;
mod error;
mod guarded;
mod listing;
mod lock;
pub mod migrate;
pub(crate) mod parallel;
mod private_file;
mod read;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use atomic::StagedSave;
pub use error::StorageError;
pub use listing::{Listing, Summary};
pub use lock::{LockInfo, SessionLock};
pub(crate) use private_file::write_private;
use read::read_session;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use crate::model::{NoteDraft, Session};

/// A file in the data directory that could not be read as a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// The session ID its name gives, if it is named like a session.
    pub id: Option<String>,
    /// The file.
    pub path: PathBuf,
    /// Why it cannot be read.
    pub reason: String,
}

/// Whether `text` is a session ID in canonical form (a hyphenated lower-case uuid), the only
/// form that ever becomes a file name.
pub(crate) fn is_session_id(text: &str) -> bool {
    uuid::Uuid::try_parse(text).is_ok_and(|uuid| uuid.hyphenated().to_string() == text)
}

/// The session store: a directory of session files.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// Opens the store in `dir`, or in the platform's data directory when `None`, creating the
    /// directory (mode 0700) if needed. An existing directory's permissions are left as they are,
    /// but one that belongs to another user or that others can write to is refused: whoever can
    /// write there can delete or replace clients' answers. Temp files of saves abandoned over an
    /// hour ago are removed.
    pub fn open(dir: Option<&Path>) -> Result<Store, StorageError> {
        let dir = match dir {
            Some(dir) => dir.to_path_buf(),
            None => directories::ProjectDirs::from("", "", "isoready")
                .ok_or(StorageError::NoDataDir)?
                .data_dir()
                .to_path_buf(),
        };
        create_private_dir(&dir).map_err(|source| StorageError::io("create", &dir, source))?;
        check_private_dir(&dir)?;
        atomic::remove_abandoned(&dir);
        Ok(Store { dir })
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A fresh session ID (uuid v7: IDs sort by creation time).
    pub fn new_id() -> String {
        uuid::Uuid::now_v7().to_string()
    }

    /// The file of session `id`; fails unless `id` is a canonical session ID.
    pub fn path(&self, id: &str) -> Result<PathBuf, StorageError> {
        self.file(id, "json")
    }

    fn file(&self, id: &str, extension: &str) -> Result<PathBuf, StorageError> {
        if is_session_id(id) {
            Ok(self.dir.join(format!("{id}.{extension}")))
        } else {
            Err(StorageError::InvalidId(id.to_owned()))
        }
    }

    /// Saves a session atomically (creating or replacing its file, mode 0600). Saving does not
    /// check the edit lock: an editor takes it with [`Store::lock`] before its first change.
    pub fn save(&self, session: &Session) -> Result<(), StorageError> {
        self.stage(session)?.commit()
    }

    /// The first half of [`Store::save`]: the new content is written and synced beside the
    /// session's file, which stays as it was until [`StagedSave::commit`].
    pub fn stage(&self, session: &Session) -> Result<StagedSave, StorageError> {
        let path = self.path(&session.id)?;
        let mut bytes = serde_json::to_vec_pretty(session)
            .map_err(|error| StorageError::io("serialise", &path, std::io::Error::other(error)))?;
        bytes.push(b'\n');
        // Never write what the store would refuse to read back.
        if bytes.len() as u64 > guarded::MAX_SESSION_BYTES {
            return Err(StorageError::TooLarge {
                id: session.id.clone(),
                bytes: bytes.len(),
            });
        }
        StagedSave::write(path, &bytes)
    }

    /// Loads a session, migrating an older file in memory; the file is never written.
    pub fn load(&self, id: &str) -> Result<Session, StorageError> {
        let path = self.path(id)?;
        read_session(&path, id)
    }

    /// Resolves what a user typed: a full ID, a unique prefix of one (any case), or "latest"
    /// (the readable session changed most recently).
    pub fn resolve(&self, query: &str) -> Result<String, StorageError> {
        let query = query.trim();
        if query.eq_ignore_ascii_case("latest") {
            return self
                .list()?
                .sessions
                .into_iter()
                .next()
                .map(|summary| summary.id)
                .ok_or(StorageError::NoSessions);
        }
        let prefix = query.to_ascii_lowercase();
        if prefix.is_empty() || !prefix.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Err(StorageError::InvalidId(query.to_owned()));
        }
        let candidates: Vec<String> = self
            .ids()?
            .into_iter()
            .filter(|id| id.starts_with(&prefix))
            .collect();
        match <[String; 1]>::try_from(candidates) {
            Ok([id]) => Ok(id),
            Err(candidates) if candidates.is_empty() => {
                Err(StorageError::NotFound(query.to_owned()))
            }
            Err(candidates) => Err(StorageError::Ambiguous {
                query: query.to_owned(),
                candidates,
            }),
        }
    }

    /// The IDs of every file named like a session, readable or not, sorted.
    fn ids(&self) -> Result<Vec<String>, StorageError> {
        let mut ids: Vec<String> = listing::session_files(&self.dir)?
            .into_iter()
            .filter_map(|file| file.id)
            .collect();
        ids.sort();
        Ok(ids)
    }

    /// Every session file: readable sessions newest change first, then unreadable files by name.
    /// One bad file never stops the listing. Unchanged files are taken from the summary cache,
    /// which this listing only reads.
    pub fn list(&self) -> Result<Listing, StorageError> {
        listing::list(
            &self.dir,
            &cache::path(&self.dir),
            &listing::Figures {
                key: None,
                derive: &|_| (),
                cached: |_| Some(()),
            },
        )
    }

    /// [`Store::list`] with figures derived from each session's answers by `derive`, which
    /// the summary cache keeps under `key` (name in it everything the figures depend on).
    /// The cache is brought up to date when anything changed.
    pub fn list_with<F>(
        &self,
        key: &str,
        derive: impl Fn(&Session) -> F + Sync,
    ) -> Result<Listing<F>, StorageError>
    where
        F: Serialize + DeserializeOwned + Send,
    {
        listing::list(
            &self.dir,
            &cache::path(&self.dir),
            &listing::Figures {
                key: Some(key),
                derive: &derive,
                cached: cached_figures::<F>,
            },
        )
    }

    /// Deletes a session's file (readable or not). Fails with [`StorageError::Locked`] while
    /// any isoready, this one included, has it open for editing.
    pub fn delete(&self, id: &str) -> Result<(), StorageError> {
        let path = self.path(id)?;
        let lock_path = self.file(id, "lock")?;
        let lock = self.lock(id)?;
        fs::remove_file(&path).map_err(|source| match source.kind() {
            std::io::ErrorKind::NotFound => StorageError::NotFound(id.to_owned()),
            _ => StorageError::io("delete", &path, source),
        })?;
        atomic::sync_dir(&self.dir)?;
        cache::forget(&self.dir, id);
        let _ = self.discard_draft(id);
        drop(lock);
        // The sidecar only names a holder; a leftover one is harmless.
        let _ = fs::remove_file(lock_path);
        Ok(())
    }

    /// Keeps a note being typed in session `id` beside its file (`<id>.draft`), replacing any
    /// earlier draft. The session itself is untouched.
    pub fn save_draft(&self, id: &str, draft: &NoteDraft) -> Result<(), StorageError> {
        let path = self.file(id, "draft")?;
        let bytes = serde_json::to_vec(draft)
            .map_err(|error| StorageError::io("serialise", &path, std::io::Error::other(error)))?;
        StagedSave::write(path, &bytes)?.commit()
    }

    /// The note draft of session `id`, if one was left. A draft that cannot be read (or was
    /// planted: a link, a FIFO, another user's file) counts as none and is left as it is.
    pub fn load_draft(&self, id: &str) -> Option<NoteDraft> {
        let path = self.file(id, "draft").ok()?;
        let file = guarded::open_read(&path).ok()?;
        let mut bytes = Vec::new();
        (&file)
            .take(guarded::MAX_SESSION_BYTES)
            .read_to_end(&mut bytes)
            .ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Removes session `id`'s note draft, if any (the note was saved or given up).
    pub(crate) fn discard_draft(&self, id: &str) -> Result<(), StorageError> {
        let path = self.file(id, "draft")?;
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(error) => Err(StorageError::io("delete", &path, error)),
        }
    }

    /// Takes the edit lock of session `id` (which need not be saved yet). Another holder, in
    /// this process or another, is reported as [`StorageError::Locked`]; the session can still
    /// be loaded read-only. The lock is released when the [`SessionLock`] is dropped or the
    /// process ends.
    pub fn lock(&self, id: &str) -> Result<SessionLock, StorageError> {
        SessionLock::acquire(&self.file(id, "lock")?, id)
    }
}

/// Figures as a listing cached them.
fn cached_figures<F: DeserializeOwned>(raw: &RawValue) -> Option<F> {
    serde_json::from_str(raw.get()).ok()
}

/// Refuses a data directory that another user owns or that others can write to.
#[cfg(unix)]
fn check_private_dir(dir: &Path) -> Result<(), StorageError> {
    use std::os::unix::fs::MetadataExt;
    let metadata = fs::metadata(dir).map_err(|source| StorageError::io("open", dir, source))?;
    let refuse = |reason: String| StorageError::Refused {
        path: dir.to_path_buf(),
        reason,
    };
    let me = rustix::process::geteuid().as_raw();
    if metadata.uid() != me {
        return Err(refuse(format!(
            "the data directory belongs to another user (uid {}, not {me}); choose your own with --data-dir",
            metadata.uid()
        )));
    }
    if metadata.mode() & 0o002 != 0 {
        return Err(refuse(format!(
            "anyone on this machine can write to the data directory (mode {:o}), so anyone could delete or replace clients' answers; run `chmod 700 {}` or choose another with --data-dir",
            metadata.mode() & 0o7777,
            dir.display()
        )));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private_dir(_dir: &Path) -> Result<(), StorageError> {
    Ok(())
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    fs::create_dir_all(dir)
}
