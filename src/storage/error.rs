//! Why a storage operation failed, in words that name the file or the session.

use std::path::{Path, PathBuf};

use super::LockInfo;
use super::guarded;

/// Why a storage operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The platform has no data directory (no home directory).
    #[error("cannot find a data directory on this system: set --data-dir or ISOREADY_DATA_DIR")]
    NoDataDir,
    /// An operating system call failed.
    #[error("cannot {action} {}", path.display())]
    Io {
        /// What was attempted, e.g. "read".
        action: &'static str,
        /// The file or directory.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The text is not a session ID (or a prefix of one, or "latest").
    #[error("\"{0}\" is not a session ID: expected a uuid, a unique prefix of one, or \"latest\"")]
    InvalidId(String),
    /// No session has this ID or prefix.
    #[error("no session matches \"{0}\" (see `isoready sessions list`)")]
    NotFound(String),
    /// "latest" was asked for, but there is no readable session.
    #[error("there is no saved session yet")]
    NoSessions,
    /// A prefix matches several sessions.
    #[error("\"{query}\" matches {} sessions: {}; type more of the ID", candidates.len(), list_some(candidates))]
    Ambiguous {
        /// The prefix given.
        query: String,
        /// Every matching ID, sorted.
        candidates: Vec<String>,
    },
    /// The file is not a readable session.
    #[error("{}: {reason}", path.display())]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// The file was written by a newer isoready.
    #[error("{}: {reason}", path.display())]
    Newer {
        /// The file.
        path: PathBuf,
        /// The message of [`VersionError::Newer`].
        reason: String,
    },
    /// A file or directory isoready will not use: a symbolic link, a FIFO or device, another
    /// user's file, one over the size limit, or a data directory others can write to.
    #[error("{}: {reason}", path.display())]
    Refused {
        /// The file or directory.
        path: PathBuf,
        /// What it is, and what was expected.
        reason: String,
    },
    /// A session too large to store (it would be refused when read back).
    #[error(
        "session {id} would take {bytes} bytes; a session file is at most {} MiB (shorten the longest notes)",
        guarded::MAX_SESSION_BYTES / 1024 / 1024
    )]
    TooLarge {
        /// The session.
        id: String,
        /// Its size as a file.
        bytes: usize,
    },
    /// A file that would be replaced exists, and replacing it was not asked for.
    #[error("{} already exists", .0.display())]
    Exists(PathBuf),
    /// Another isoready (or another part of this one) has the session open for editing.
    #[error("session {id} is open for editing by {}", holder_text(holder))]
    Locked {
        /// The session.
        id: String,
        /// Who holds it, when the sidecar could be read.
        holder: Option<LockInfo>,
    },
}

fn list_some(candidates: &[String]) -> String {
    const SHOWN: usize = 10;
    let mut text = candidates
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if candidates.len() > SHOWN {
        text.push_str(&format!(" and {} more", candidates.len() - SHOWN));
    }
    text
}

fn holder_text(holder: &Option<LockInfo>) -> String {
    match holder {
        Some(info) => format!("another isoready ({info})"),
        None => "another isoready".to_owned(),
    }
}

impl StorageError {
    pub(super) fn opening(path: &Path, error: guarded::OpenError) -> StorageError {
        match error {
            guarded::OpenError::Io(source) => StorageError::io("open", path, source),
            guarded::OpenError::Refused(reason) => StorageError::Refused {
                path: path.to_path_buf(),
                reason,
            },
        }
    }

    pub(super) fn io(action: &'static str, path: &Path, source: std::io::Error) -> StorageError {
        StorageError::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }

    /// Whether the user asked for something that does not exist or is not an ID, or the file is
    /// invalid or newer (it must be corrected, or needs a newer isoready): exit 2, rather than
    /// the store failing (I/O, locks: exit 1).
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            StorageError::InvalidId(_)
                | StorageError::NotFound(_)
                | StorageError::NoSessions
                | StorageError::Ambiguous { .. }
                | StorageError::Exists(_)
                | StorageError::Corrupt { .. }
                | StorageError::Newer { .. }
                | StorageError::TooLarge { .. }
        )
    }
}
