//! The listing cache: files changed, added, removed or corrupted behind its back are always
//! listed as they are now, a broken cache is rebuilt without a word, and a read-only data
//! directory still lists (without a cache).
//!
//! Each test counts how many sessions a listing read from their files (the figures are derived
//! only from a file's content), so that "taken from the cache" is observed, not assumed.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

use isoready::model::{Depth, Questionnaire, Session};
use isoready::storage::{Listing, Store};

static QUESTIONNAIRE: LazyLock<Questionnaire> = LazyLock::new(|| {
    Questionnaire::parse("default", Questionnaire::embedded_text()).expect("default questionnaire")
});

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(Some(&dir.path().join("data"))).unwrap();
    (dir, store)
}

fn session(client: &str) -> Session {
    let mut session = Session::new(
        Store::new_id(),
        &QUESTIONNAIRE,
        Depth::Quick,
        jiff::Timestamp::now(),
    );
    session.client = client.to_owned();
    session
}

/// Sets a file's modification time an hour back, as for a session saved on an earlier day
/// (a file modified moments ago is never cached: its clock may not have ticked yet).
fn age(path: &Path) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
}

fn save_aged(store: &Store, session: &Session) -> PathBuf {
    store.save(session).unwrap();
    let path = store.path(&session.id).unwrap();
    age(&path);
    path
}

/// Lists with figures (the client in capitals), counting the sessions read from their files.
fn list(store: &Store) -> (Listing<String>, usize) {
    list_under(store, "key one")
}

fn list_under(store: &Store, key: &str) -> (Listing<String>, usize) {
    let reads = AtomicUsize::new(0);
    let listing = store
        .list_with(key, |session| {
            reads.fetch_add(1, Ordering::Relaxed);
            session.client.to_uppercase()
        })
        .unwrap();
    assert_eq!(listing.cache_problem, None);
    (listing, reads.into_inner())
}

fn clients(listing: &Listing<String>) -> Vec<(&str, &str)> {
    let mut clients: Vec<(&str, &str)> = listing
        .sessions
        .iter()
        .map(|summary| (summary.client.as_str(), summary.figures.as_str()))
        .collect();
    clients.sort_unstable();
    clients
}

fn cache_files(store: &Store) -> Vec<PathBuf> {
    std::fs::read_dir(store.dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            name.starts_with(".listing-") && name.ends_with(".cache")
        })
        .collect()
}

/// Replaces a file's bytes through a rename (as isoready, editors and sync tools save) and
/// gives it back `modified`, as a sync tool that keeps the other machine's times does.
fn replace_keeping_time(path: &Path, bytes: &[u8], modified: SystemTime) {
    let staged = path.with_extension("staged");
    std::fs::write(&staged, bytes).unwrap();
    let file = std::fs::File::options().write(true).open(&staged).unwrap();
    file.set_modified(modified).unwrap();
    drop(file);
    std::fs::rename(&staged, path).unwrap();
}

#[test]
fn unchanged_sessions_come_from_the_private_cache() {
    let (_tmp, store) = temp_store();
    for client in ["Acme", "Globex", "Initech"] {
        save_aged(&store, &session(client));
    }
    let (first, reads) = list(&store);
    assert_eq!(reads, 3);
    let (second, reads) = list(&store);
    assert_eq!(reads, 0, "nothing changed, so nothing is read");
    assert_eq!(first.sessions, second.sessions);
    assert_eq!(
        clients(&second),
        [
            ("Acme", "ACME"),
            ("Globex", "GLOBEX"),
            ("Initech", "INITECH")
        ]
    );
    let cache = cache_files(&store);
    assert_eq!(cache.len(), 1, "one cache for this machine");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&cache[0]).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn a_session_changed_behind_the_cache_shows_its_new_summary() {
    let (_tmp, store) = temp_store();
    let mut changed = session("Acme");
    save_aged(&store, &changed);
    save_aged(&store, &session("Globex"));
    list(&store);

    changed.client = "Acme Holdings".to_owned();
    store.save(&changed).unwrap();
    let (listing, reads) = list(&store);
    assert_eq!(reads, 1);
    assert_eq!(
        clients(&listing),
        [("Acme Holdings", "ACME HOLDINGS"), ("Globex", "GLOBEX")]
    );
}

#[test]
fn a_same_size_rewrite_within_the_same_second_is_noticed() {
    let (_tmp, store) = temp_store();
    let mut rewritten = session("Acme A");
    store.save(&rewritten).unwrap();
    let (listing, _) = list(&store);
    assert_eq!(clients(&listing), [("Acme A", "ACME A")]);
    let size = std::fs::metadata(store.path(&rewritten.id).unwrap())
        .unwrap()
        .len();

    rewritten.client = "Acme B".to_owned();
    store.save(&rewritten).unwrap();
    let path = store.path(&rewritten.id).unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().len(), size);
    let (listing, _) = list(&store);
    assert_eq!(clients(&listing), [("Acme B", "ACME B")]);
}

#[test]
fn a_session_synced_from_another_machine_with_its_old_times_is_read_again() {
    let (_tmp, store) = temp_store();
    let mut synced = session("Acme A");
    let path = save_aged(&store, &synced);
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    list(&store);

    // The other machine's edit has the same size and arrives with the same modification time.
    synced.client = "Acme B".to_owned();
    let mut bytes = serde_json::to_vec_pretty(&synced).unwrap();
    bytes.push(b'\n');
    assert_eq!(bytes.len() as u64, std::fs::metadata(&path).unwrap().len());
    replace_keeping_time(&path, &bytes, modified);
    let (listing, reads) = list(&store);
    assert_eq!(reads, 1);
    assert_eq!(clients(&listing), [("Acme B", "ACME B")]);
}

#[test]
fn added_and_deleted_sessions_are_noticed() {
    let (_tmp, store) = temp_store();
    let gone = session("Acme");
    save_aged(&store, &gone);
    save_aged(&store, &session("Globex"));
    list(&store);

    std::fs::remove_file(store.path(&gone.id).unwrap()).unwrap();
    save_aged(&store, &session("Initech"));
    let (listing, reads) = list(&store);
    assert_eq!(reads, 1, "only the new file is read");
    assert_eq!(
        clients(&listing),
        [("Globex", "GLOBEX"), ("Initech", "INITECH")]
    );
    let (_, reads) = list(&store);
    assert_eq!(reads, 0);
}

#[test]
fn a_session_corrupted_behind_the_cache_is_listed_as_unreadable() {
    let (_tmp, store) = temp_store();
    let damaged = session("Acme");
    let path = save_aged(&store, &damaged);
    list(&store);

    let mut bytes = std::fs::read(&path).unwrap();
    bytes[0] = b'[';
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    replace_keeping_time(&path, &bytes, modified);
    let (listing, _) = list(&store);
    assert!(listing.sessions.is_empty());
    assert_eq!(listing.broken.len(), 1);
    assert_eq!(listing.broken[0].id.as_deref(), Some(damaged.id.as_str()));
    assert!(
        listing.broken[0].reason.contains("not valid JSON"),
        "{}",
        listing.broken[0].reason
    );
}

#[test]
fn a_corrupt_or_planted_cache_is_rebuilt_silently() {
    let (_tmp, store) = temp_store();
    save_aged(&store, &session("Acme"));
    save_aged(&store, &session("Globex"));
    list(&store);
    let cache = cache_files(&store).remove(0);

    std::fs::write(&cache, b"{\"format\": 1, \"entries\": {\"x\": ").unwrap();
    let (listing, reads) = list(&store);
    assert_eq!(reads, 2);
    assert_eq!(listing.sessions.len(), 2);
    let rebuilt: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&cache).unwrap()).unwrap();
    assert_eq!(rebuilt["entries"].as_object().unwrap().len(), 2);
    let (_, reads) = list(&store);
    assert_eq!(reads, 0);

    // A link planted in its place is neither followed nor written through.
    #[cfg(unix)]
    {
        let elsewhere = store.dir().parent().unwrap().join("elsewhere");
        std::fs::write(&elsewhere, b"not yours").unwrap();
        std::fs::remove_file(&cache).unwrap();
        std::os::unix::fs::symlink(&elsewhere, &cache).unwrap();
        let (listing, reads) = list(&store);
        assert_eq!((listing.sessions.len(), reads), (2, 2));
        assert_eq!(std::fs::read(&elsewhere).unwrap(), b"not yours");
        assert!(!std::fs::symlink_metadata(&cache).unwrap().is_symlink());
    }
}

#[test]
fn figures_cached_under_another_key_are_derived_again() {
    let (_tmp, store) = temp_store();
    save_aged(&store, &session("Acme"));
    list_under(&store, "questionnaire 1");
    let (_, reads) = list_under(&store, "questionnaire 2");
    assert_eq!(reads, 1);
    let (_, reads) = list_under(&store, "questionnaire 2");
    assert_eq!(reads, 0);
}

#[test]
fn a_listing_without_figures_reads_the_cache_but_never_writes_it() {
    let (_tmp, store) = temp_store();
    save_aged(&store, &session("Acme"));
    assert!(store.list().unwrap().cache_problem.is_none());
    assert!(cache_files(&store).is_empty());
    list(&store);
    let cache = cache_files(&store).remove(0);
    let before = std::fs::read(&cache).unwrap();
    save_aged(&store, &session("Globex"));
    let listing = store.list().unwrap();
    assert_eq!(listing.sessions.len(), 2);
    assert_eq!(std::fs::read(&cache).unwrap(), before);
}

/// Run as another user when the tests run as root, whom permissions do not stop.
#[cfg(unix)]
#[test]
fn a_read_only_data_directory_still_lists_without_a_cache() {
    use std::os::unix::fs::PermissionsExt;

    let (tmp, store) = temp_store();
    save_aged(&store, &session("Acme"));
    save_aged(&store, &session("Globex"));
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_isoready"));
    if rustix::process::geteuid().is_root() {
        // Hand the directory to "nobody", and list as nobody, with a copy of the program that
        // nobody can reach wherever the build directory is.
        let program = tmp.path().join("isoready");
        std::fs::copy(env!("CARGO_BIN_EXE_isoready"), &program).unwrap();
        for path in [tmp.path(), store.dir()]
            .into_iter()
            .map(Path::to_path_buf)
            .chain(
                std::fs::read_dir(store.dir())
                    .unwrap()
                    .map(|e| e.unwrap().path()),
            )
        {
            std::os::unix::fs::chown(&path, Some(65534), Some(65534)).unwrap();
        }
        command = std::process::Command::new("setpriv");
        command.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
        command.arg(&program);
    }
    std::fs::set_permissions(store.dir(), std::fs::Permissions::from_mode(0o500)).unwrap();
    let output = command
        .arg("--data-dir")
        .arg(store.dir())
        .args(["sessions", "list"])
        .env("NO_COLOR", "1")
        .output()
        .expect("run isoready");
    std::fs::set_permissions(store.dir(), std::fs::Permissions::from_mode(0o700)).unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("Acme") && stdout.contains("Globex"),
        "{stdout}"
    );
    assert_eq!(
        stderr, "",
        "a read-only directory is not a problem to report"
    );
    assert!(cache_files(&store).is_empty());
}

#[test]
fn a_deleted_session_leaves_no_summary_in_any_cache() {
    let (_tmp, store) = temp_store();
    let deleted = session("Confidential Client Ltd");
    save_aged(&store, &deleted);
    save_aged(&store, &session("Globex"));
    list(&store);
    // Another machine's cache in a shared folder holds it too.
    let ours = cache_files(&store).remove(0);
    let theirs = store.dir().join(".listing-other-host.cache");
    std::fs::copy(&ours, &theirs).unwrap();

    store.delete(&deleted.id).unwrap();
    for cache in [&ours, &theirs] {
        let text = std::fs::read_to_string(cache).unwrap();
        assert!(!text.contains("Confidential Client Ltd"), "{text}");
        assert!(text.contains("Globex"), "other summaries are kept");
    }
    let (listing, reads) = list(&store);
    assert_eq!(reads, 0, "the cache is still good");
    assert_eq!(clients(&listing), [("Globex", "GLOBEX")]);
}
