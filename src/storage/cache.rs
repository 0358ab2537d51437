//! The summary cache of a data directory: one hidden file per machine that remembers, for
//! each session file, its stamp (size, times, inode) and its summary, so that listing a large
//! archive reads only the files that changed.
//!
//! The cache is disposable: a missing, unreadable, corrupt or foreign one (another program
//! version, a planted link) counts as empty and is written anew, atomically and 0600. Each
//! machine keeps its own file, named after its host, because stamps (inodes, change times)
//! mean nothing on another machine sharing the folder.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::listing::Summary;
use super::{StagedSave, StorageError, guarded};

/// Bumped whenever the cache's layout changes; a cache of another format is not read.
const FORMAT: u32 = 2;

/// The largest cache read (10,000 sessions take about 5 MiB).
const MAX_CACHE_BYTES: u64 = 256 * 1024 * 1024;

/// How long after its modification time a file is cached. A file changed twice within one tick
/// of the file system's clock can keep its stamp, so a file modified this recently is read
/// again each time instead (most clocks tick in milliseconds; some network and FAT file
/// systems, in seconds).
const SETTLE: Duration = Duration::from_secs(3);

/// The cache file of this machine in `dir`: `.listing-<host>.cache`.
pub(super) fn path(dir: &Path) -> PathBuf {
    let host = gethostname::gethostname();
    let host: String = host
        .to_string_lossy()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .take(64)
        .collect();
    let host = if host.is_empty() { "local" } else { &host };
    dir.join(format!(".listing-{host}.cache"))
}

/// Whether `name` is a machine's cache file.
fn is_cache_name(name: &str) -> bool {
    name.starts_with(".listing-") && name.ends_with(".cache")
}

/// The bytes of the cache file at `path`, read as the data directory's files are (no link
/// followed, ours, within the size limit); none when that fails.
fn read_bytes(path: &Path) -> Option<Vec<u8>> {
    let file = guarded::open_read_up_to(path, MAX_CACHE_BYTES).ok()?;
    let mut bytes = Vec::new();
    (&file)
        .take(MAX_CACHE_BYTES + 1)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(bytes)
}

/// Drops session `id` from every machine's cache in `dir`, so that a deleted session's summary
/// (its client's name) does not outlive it. A cache that cannot be read or rewritten is removed
/// instead: it is rebuilt at the next listing.
pub(super) fn forget(dir: &Path, id: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if !is_cache_name(&entry.file_name().to_string_lossy()) {
            continue;
        }
        let path = entry.path();
        let read = read_bytes(&path).and_then(|bytes| serde_json::from_slice(&bytes).ok());
        let rewritten = read.and_then(|mut cache: serde_json::Value| {
            let entries = cache.get_mut("entries")?.as_object_mut()?;
            if entries.remove(id).is_none() {
                return Some(());
            }
            let bytes = serde_json::to_vec(&cache).ok()?;
            StagedSave::write(path.clone(), &bytes)
                .and_then(StagedSave::commit)
                .ok()
        });
        if rewritten.is_none() {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Whether `name` is a temp file a cache save left (`..listing-<host>.cache.<random>.tmp`).
pub(super) fn is_staged_name(name: &str) -> bool {
    name.strip_prefix("..listing-")
        .and_then(|rest| rest.strip_suffix(".tmp"))
        .is_some_and(|rest| rest.contains(".cache."))
}

/// What identifies one version of a file: any save, rename or change of permissions changes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Stamp {
    len: u64,
    /// Modification time: seconds and nanoseconds since the epoch.
    modified: (i64, u32),
    /// Status change time (Unix; zero elsewhere), which no program can set back.
    changed: (i64, u32),
    /// Inode (Unix; zero elsewhere): a file replaced by a rename has a new one.
    inode: u64,
}

impl Stamp {
    /// The stamp of a directory entry that may be cached: a regular file, owned by this user,
    /// linked once and within the size limit — what reading it would check. Anything else is
    /// read each time and reported as it is.
    pub(super) fn of(metadata: &std::fs::Metadata) -> Option<Stamp> {
        if !metadata.is_file() || metadata.len() > guarded::MAX_SESSION_BYTES {
            return None;
        }
        let since_epoch = |time: SystemTime| {
            let since = time.duration_since(SystemTime::UNIX_EPOCH).ok()?;
            Some((i64::try_from(since.as_secs()).ok()?, since.subsec_nanos()))
        };
        let modified = since_epoch(metadata.modified().ok()?)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            if metadata.uid() != rustix::process::geteuid().as_raw() || metadata.nlink() != 1 {
                return None;
            }
            let changed_nanos = u32::try_from(metadata.ctime_nsec()).ok()?;
            Some(Stamp {
                len: metadata.len(),
                modified,
                changed: (metadata.ctime(), changed_nanos),
                inode: metadata.ino(),
            })
        }
        #[cfg(not(unix))]
        Some(Stamp {
            len: metadata.len(),
            modified,
            changed: (0, 0),
            inode: 0,
        })
    }

    /// Whether the file was modified long enough before `now` to be cached.
    pub(super) fn is_settled(&self, now: SystemTime) -> bool {
        let Ok(seconds) = u64::try_from(self.modified.0) else {
            return false;
        };
        let modified = SystemTime::UNIX_EPOCH + Duration::new(seconds, self.modified.1);
        modified + SETTLE < now
    }
}

/// A cached file: its stamp and its summary, with the figures derived from it as they were
/// written (JSON, parsed only when a listing asks for them).
#[derive(Debug, Deserialize)]
pub(super) struct Entry {
    pub stamp: Stamp,
    pub summary: Summary<Box<RawValue>>,
}

/// A cached file as it is written: the summary with its figures.
#[derive(Serialize)]
struct EntryRef<'a, F> {
    stamp: Stamp,
    summary: &'a Summary<F>,
}

/// The cache file's content, as read.
#[derive(Debug, Default, Deserialize)]
pub(super) struct Cache {
    format: u32,
    /// The version of the program that wrote it: another version may read sessions differently.
    program: String,
    /// What the cached figures were derived under.
    key: Option<String>,
    /// Session ID → cached file.
    pub entries: HashMap<String, Entry>,
}

/// The cache file's content, as written.
#[derive(Serialize)]
struct CacheRef<'a, F> {
    format: u32,
    program: &'a str,
    key: &'a str,
    entries: HashMap<&'a str, EntryRef<'a, F>>,
}

impl Cache {
    /// The cache at `path`; an empty one when it is missing or cannot be used for any reason.
    pub(super) fn load(path: &Path) -> Cache {
        read_bytes(path)
            .and_then(|bytes| serde_json::from_slice::<Cache>(&bytes).ok())
            .filter(|cache| cache.format == FORMAT && cache.program == env!("CARGO_PKG_VERSION"))
            .unwrap_or_default()
    }

    /// Whether the cached figures were derived under `key`.
    pub(super) fn is_current(&self, key: Option<&str>) -> bool {
        self.key.as_deref() == key
    }

    /// Writes a cache of `entries` (summaries with figures derived under `key`, and the
    /// stamps of their files) to `path` atomically (0600). Returns why it could not, unless the
    /// directory is read-only, which only means listings stay as slow as without a cache.
    pub(super) fn save<'a, F: Serialize + 'a>(
        path: &Path,
        key: &str,
        entries: impl Iterator<Item = (&'a Summary<F>, Stamp)>,
    ) -> Option<String> {
        let cache = CacheRef {
            format: FORMAT,
            program: env!("CARGO_PKG_VERSION"),
            key,
            entries: entries
                .map(|(summary, stamp)| (summary.id.as_str(), EntryRef { stamp, summary }))
                .collect(),
        };
        let bytes = match serde_json::to_vec(&cache) {
            Ok(bytes) => bytes,
            Err(error) => return Some(format!("cannot serialise the listing cache: {error}")),
        };
        match StagedSave::write(path.to_path_buf(), &bytes).and_then(StagedSave::commit) {
            Ok(()) => None,
            Err(StorageError::Io { source, .. })
                if matches!(
                    source.kind(),
                    std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
                ) =>
            {
                None
            }
            Err(error) => Some(format!("cannot update the listing cache: {error}")),
        }
    }
}
