//! Files outside the store that hold clients' answers (exports, rescue copies): owner-only.

use std::io::Write;
use std::path::Path;

use super::StorageError;

/// Writes `bytes` to `path` atomically (a temp file beside it, synced, then renamed), so the
/// result is always readable by its owner only (0600), whatever an older file's mode was, and
/// a crash never leaves half a file. An existing file is replaced only when `overwrite` is set;
/// otherwise the result is [`StorageError::Exists`] and the file is left untouched.
///
/// Only a regular file is ever replaced: a symbolic link, a FIFO, a device or a directory at
/// `path` is [`StorageError::Refused`], overwrite or not.
pub(crate) fn write_private(
    path: &Path,
    bytes: &[u8],
    overwrite: bool,
) -> Result<(), StorageError> {
    match std::fs::symlink_metadata(path) {
        Ok(metadata) if !metadata.is_file() => {
            return Err(StorageError::Refused {
                path: path.to_path_buf(),
                reason: format!(
                    "is {}, not a regular file; only a regular file is ever replaced: choose another path",
                    super::guarded::kind(&metadata)
                ),
            });
        }
        _ => {}
    }
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".isoready-")
        .tempfile_in(dir)
        .map_err(|source| StorageError::io("create", path, source))?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|source| StorageError::io("write", path, source))?;
    let persisted = if overwrite {
        temp.persist(path)
    } else {
        temp.persist_noclobber(path)
    };
    persisted.map_err(|error| match error.error.kind() {
        std::io::ErrorKind::AlreadyExists => StorageError::Exists(path.to_path_buf()),
        _ => StorageError::io("write", path, error.error),
    })?;
    Ok(())
}
