//! Atomic replacement of a file: temp file in the same directory, fsync, rename, fsync the directory.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use tempfile::NamedTempFile;

use super::StorageError;

/// New content written and synced beside its file; the file itself is untouched until
/// [`StagedSave::commit`]. Dropped without a commit, the temp file is removed; a process killed
/// before the commit leaves the old file intact and a hidden `.*.tmp` file that listings ignore.
#[derive(Debug)]
pub struct StagedSave {
    temp: NamedTempFile,
    target: PathBuf,
}

impl StagedSave {
    /// Writes `bytes` to a private (0600) temp file in `target`'s directory and syncs it.
    pub(crate) fn write(target: PathBuf, bytes: &[u8]) -> Result<StagedSave, StorageError> {
        let dir = parent(&target);
        let prefix = match target.file_name() {
            Some(name) => format!(".{}.", name.to_string_lossy()),
            None => ".".to_owned(),
        };
        // tempfile creates the file with mode 0600 on Unix.
        let mut temp = tempfile::Builder::new()
            .prefix(&prefix)
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|source| StorageError::io("create a temp file in", dir, source))?;
        temp.write_all(bytes)
            .and_then(|()| temp.as_file().sync_all())
            .map_err(|source| StorageError::io("write", temp.path(), source))?;
        Ok(StagedSave { temp, target })
    }

    /// Renames the temp file over the target and syncs the directory, so that the new
    /// content survives a crash.
    pub fn commit(self) -> Result<(), StorageError> {
        let target = self.target;
        self.temp
            .persist(&target)
            .map_err(|error| StorageError::io("replace", &target, error.error))?;
        sync_dir(parent(&target))
    }
}

/// How old an unfinished save must be before it counts as abandoned: a live one lasts
/// milliseconds.
const ABANDONED_AFTER: Duration = Duration::from_secs(3600);

/// Removes the temp files of saves that a killed process left in `dir` (they hold client
/// answers too) once they are an hour old. Only names this module makes
/// (`.<session id>.json.<random>.tmp`, `.<session id>.draft.<random>.tmp`, and the listing
/// cache's `..listing-<host>.cache.<random>.tmp`) are touched; failures are ignored, as the
/// files are hidden and harmless.
pub(crate) fn remove_abandoned(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let cutoff = SystemTime::now()
        .checked_sub(ABANDONED_AFTER)
        .unwrap_or(SystemTime::UNIX_EPOCH);
    for entry in entries.flatten() {
        let name = entry.file_name();
        let ours = name.to_str().is_some_and(|name| {
            name.strip_prefix('.')
                .and_then(|name| name.strip_suffix(".tmp"))
                .and_then(|staged| {
                    staged
                        .split_once(".json.")
                        .or_else(|| staged.split_once(".draft."))
                })
                .is_some_and(|(id, _)| super::is_session_id(id))
                || super::cache::is_staged_name(name)
        });
        // Only the few names that match are looked at further.
        let old = ours
            && entry
                .metadata()
                .and_then(|metadata| metadata.modified())
                .is_ok_and(|modified| modified < cutoff);
        if old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn parent(path: &Path) -> &Path {
    path.parent().unwrap_or(Path::new("."))
}

/// Makes a rename or removal in `dir` durable.
#[cfg(unix)]
pub(crate) fn sync_dir(dir: &Path) -> Result<(), StorageError> {
    std::fs::File::open(dir)
        .and_then(|handle| handle.sync_all())
        .map_err(|source| StorageError::io("sync", dir, source))
}

/// Directories cannot be opened for syncing on this platform; the rename itself is atomic.
#[cfg(not(unix))]
pub(crate) fn sync_dir(_dir: &Path) -> Result<(), StorageError> {
    Ok(())
}
