//! The edit lock of a session: `File::try_lock` on a sidecar `<id>.lock`.
//!
//! The operating system holds the lock and releases it when the holder's process ends, however it
//! ends, so a lock left by a killed process never blocks. The sidecar's content tells a second
//! isoready who holds the lock; on a folder shared between machines, where the operating
//! system's lock does not reach, details written within the last day by another machine are
//! taken as a lock too. (On Windows the lock is
//! mandatory, so the content cannot be read while locked and the holder is reported as unknown.)

use std::fmt;
use std::fs::{File, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{StorageError, guarded};

/// Who holds a session's lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockInfo {
    /// Process ID of the holder.
    pub pid: u32,
    /// Host name of the holder's machine.
    pub host: String,
    /// When the lock was taken.
    pub since: jiff::Timestamp,
}

impl fmt::Display for LockInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let since = self
            .since
            .to_zoned_datetime(jiff::tz::TimeZone::system())
            .strftime("%Y-%m-%d %H:%M:%S %Z");
        write!(f, "process {} on {} since {since}", self.pid, self.host)
    }
}

/// A session held open for editing; the lock is released when this is dropped.
#[derive(Debug)]
pub struct SessionLock {
    file: File,
    id: String,
    info: LockInfo,
}

impl SessionLock {
    /// Takes the lock on `path` for session `id`, or reports who holds it.
    pub(crate) fn acquire(path: &Path, id: &str) -> Result<SessionLock, StorageError> {
        // Never through a symlink, and never truncated before it is known to be ours.
        let mut file =
            guarded::open_or_create(path).map_err(|error| StorageError::opening(path, error))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(StorageError::Locked {
                    id: id.to_owned(),
                    holder: read_holder(&mut file),
                });
            }
            Err(TryLockError::Error(source)) => return Err(StorageError::io("lock", path, source)),
        }
        let host = gethostname::gethostname().to_string_lossy().into_owned();
        let now = jiff::Timestamp::now();
        // The operating system's lock only covers this machine. On a folder shared with
        // another machine, a holder there is known only by what it wrote: believed for a day
        // (a holder that was killed leaves its details behind).
        if let Some(holder) = read_written_holder(&mut file)
            && holder.host != host
            && now.duration_since(holder.since) < REMOTE_HOLDER_TRUSTED
        {
            return Err(StorageError::Locked {
                id: id.to_owned(),
                holder: Some(holder),
            });
        }
        let info = LockInfo {
            pid: std::process::id(),
            host,
            since: now,
        };
        write_holder(&mut file, &info).map_err(|source| StorageError::io("write", path, source))?;
        Ok(SessionLock {
            file,
            id: id.to_owned(),
            info,
        })
    }

    /// The locked session's ID.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// This process's lock details, as others see them.
    pub fn info(&self) -> &LockInfo {
        &self.info
    }
}

impl Drop for SessionLock {
    fn drop(&mut self) {
        // Clearing the holder is a courtesy; closing the file releases the lock.
        let _ = self.file.set_len(0);
    }
}

/// How long a holder on another machine is believed without the operating system's word.
const REMOTE_HOLDER_TRUSTED: jiff::SignedDuration = jiff::SignedDuration::from_hours(24);

/// The details a holder left in the sidecar, if it holds any (read once, without waiting).
fn read_written_holder(file: &mut File) -> Option<LockInfo> {
    let mut text = String::new();
    file.seek(SeekFrom::Start(0)).ok()?;
    file.take(HOLDER_MAX_BYTES).read_to_string(&mut text).ok()?;
    serde_json::from_str(&text).ok()
}

fn write_holder(file: &mut File, info: &LockInfo) -> std::io::Result<()> {
    let text = serde_json::to_vec(info)?;
    file.set_len(0)?;
    file.seek(SeekFrom::Start(0))?;
    file.write_all(&text)?;
    file.flush()
}

/// The most read of a sidecar: the holder's details are under 200 bytes.
const HOLDER_MAX_BYTES: u64 = 4096;

/// The holder's details; the holder writes them just after taking the lock, so an empty
/// sidecar is read again a few times before giving up.
fn read_holder(file: &mut File) -> Option<LockInfo> {
    for attempt in 0..5 {
        if attempt > 0 {
            std::thread::sleep(Duration::from_millis(20));
        }
        let mut text = String::new();
        if file.seek(SeekFrom::Start(0)).is_err()
            || file
                .take(HOLDER_MAX_BYTES)
                .read_to_string(&mut text)
                .is_err()
        {
            return None;
        }
        if let Ok(info) = serde_json::from_str(&text) {
            return Some(info);
        }
    }
    None
}
