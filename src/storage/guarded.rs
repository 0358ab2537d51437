//! Opening files in the data directory so that nothing planted there works against its owner.
//!
//! Anyone who can write to a data directory could plant a symbolic link named like a session
//! or a lock (to the owner's other files, or to a device that never ends), a FIFO that blocks
//! every reader, or a hard link to a file elsewhere. So files there are opened without
//! following a final symlink and without blocking (`O_NOFOLLOW | O_NONBLOCK` on Unix), then
//! checked on the open handle: a regular file, owned by this user, with one link, of a
//! bounded size. Nothing is truncated or written before those checks pass.

use std::fs::{File, Metadata, OpenOptions};
use std::path::Path;

/// The largest session file read (a full assessment with long notes is well under 1 MiB).
pub(crate) const MAX_SESSION_BYTES: u64 = 16 * 1024 * 1024;

/// Why a file in the data directory was not opened.
#[derive(Debug, thiserror::Error)]
pub(crate) enum OpenError {
    /// The operating system refused or failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The file is something isoready never reads or writes there.
    #[error("{0}")]
    Refused(String),
}

/// Opens an existing file for reading.
pub(crate) fn open_read(path: &Path) -> Result<File, OpenError> {
    open_read_up_to(path, MAX_SESSION_BYTES)
}

/// Opens an existing file of at most `max_bytes` for reading.
pub(crate) fn open_read_up_to(path: &Path, max_bytes: u64) -> Result<File, OpenError> {
    let mut options = OpenOptions::new();
    options.read(true);
    open_checked(path, &mut options, max_bytes)
}

/// Opens a file for reading and writing, creating it (owner-only) if it does not exist.
pub(crate) fn open_or_create(path: &Path) -> Result<File, OpenError> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    open_checked(path, &mut options, MAX_SESSION_BYTES)
}

#[cfg(unix)]
fn open_checked(path: &Path, options: &mut OpenOptions, max_bytes: u64) -> Result<File, OpenError> {
    use rustix::fs::OFlags;
    use std::os::unix::fs::OpenOptionsExt;

    let flags = OFlags::NOFOLLOW | OFlags::NONBLOCK;
    options.custom_flags(flags.bits().cast_signed());
    let file = options.open(path).map_err(|error| {
        if error.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) {
            OpenError::Refused(
                "is a symbolic link; isoready never follows links in its data directory".to_owned(),
            )
        } else {
            OpenError::Io(error)
        }
    })?;
    check(&file.metadata()?, max_bytes)?;
    Ok(file)
}

#[cfg(not(unix))]
fn open_checked(path: &Path, options: &mut OpenOptions, max_bytes: u64) -> Result<File, OpenError> {
    // No O_NOFOLLOW: look before opening, then check the handle.
    match std::fs::symlink_metadata(path) {
        Ok(metadata) if metadata.file_type().is_symlink() => {
            return Err(OpenError::Refused(
                "is a symbolic link; isoready never follows links in its data directory".to_owned(),
            ));
        }
        _ => {}
    }
    let file = options.open(path)?;
    check(&file.metadata()?, max_bytes)?;
    Ok(file)
}

/// A regular file of this user's, linked once, of at most `max_bytes`.
fn check(metadata: &Metadata, max_bytes: u64) -> Result<(), OpenError> {
    if !metadata.is_file() {
        return Err(OpenError::Refused(format!(
            "is not a regular file ({}); isoready only reads regular files in its data directory",
            kind(metadata)
        )));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let me = rustix::process::geteuid().as_raw();
        if metadata.uid() != me {
            return Err(OpenError::Refused(format!(
                "belongs to another user (uid {}, not {me}); isoready only uses its owner's files",
                metadata.uid()
            )));
        }
        if metadata.nlink() > 1 {
            return Err(OpenError::Refused(format!(
                "has {} hard links; a file of the data directory has one",
                metadata.nlink()
            )));
        }
    }
    if metadata.len() > max_bytes {
        return Err(OpenError::Refused(format!(
            "is {} bytes; isoready reads at most {max_bytes} bytes here",
            metadata.len()
        )));
    }
    Ok(())
}

/// What kind of file this is, in words.
pub(crate) fn kind(metadata: &Metadata) -> &'static str {
    let file_type = metadata.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}
