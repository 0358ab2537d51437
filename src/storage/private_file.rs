//! Files outside the store that hold clients' answers (exports, rescue copies): owner-only.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;

use super::StorageError;

/// Writes `bytes` to `path`, readable by its owner only (0600 for a new file). An existing
/// file is replaced only when `overwrite` is set; otherwise the result is
/// [`StorageError::Exists`] and the file is left untouched.
pub fn write_private(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), StorageError> {
    let mut options = OpenOptions::new();
    options.write(true);
    if overwrite {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::AlreadyExists => StorageError::Exists(path.to_path_buf()),
        _ => StorageError::io("create", path, source),
    })?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|source| StorageError::io("write", path, source))
}
