//! A data directory someone else could write to: planted symlinks, FIFOs, hard links and huge
//! files are refused without touching what they point at, and a directory others can write to
//! is not used. FIFOs and files live in temporary directories; no device of the machine is used.
#![cfg(unix)]

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::process::Command;
use std::sync::LazyLock;
use std::sync::mpsc;
use std::time::Duration;

use isoready::model::{Depth, Questionnaire, Session};
use isoready::storage::{StorageError, Store};

static QUESTIONNAIRE: LazyLock<Questionnaire> = LazyLock::new(|| {
    Questionnaire::parse("default", Questionnaire::embedded_text()).expect("default questionnaire")
});

const PRECIOUS: &str = "the owner's other file\n";

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(Some(&dir.path().join("data"))).unwrap();
    (dir, store)
}

fn saved_session(store: &Store) -> Session {
    let mut session = Session::new(
        Store::new_id(),
        &QUESTIONNAIRE,
        Depth::Quick,
        jiff::Timestamp::now(),
    );
    session.client = "Acme".to_owned();
    store.save(&session).unwrap();
    session
}

/// A file outside the data directory that an attacker would like destroyed.
fn precious(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("precious.txt");
    std::fs::write(&path, PRECIOUS).unwrap();
    path
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

fn refused_reason(error: StorageError) -> String {
    match error {
        StorageError::Refused { reason, .. } => reason,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_symlinked_lock_sidecar_is_refused_and_its_target_untouched() {
    let (dir, store) = temp_store();
    let target = precious(dir.path());
    let session = saved_session(&store);
    symlink(&target, store.dir().join(format!("{}.lock", session.id))).unwrap();

    let reason = refused_reason(store.lock(&session.id).unwrap_err());
    assert!(reason.contains("symbolic link"), "{reason}");
    let reason = refused_reason(store.delete(&session.id).unwrap_err());
    assert!(reason.contains("symbolic link"), "{reason}");

    assert_eq!(std::fs::read_to_string(&target).unwrap(), PRECIOUS);
    assert!(
        store.load(&session.id).is_ok(),
        "the session is still there"
    );
}

#[test]
fn a_dangling_symlinked_lock_sidecar_creates_nothing() {
    let (dir, store) = temp_store();
    let session = saved_session(&store);
    let target = dir.path().join("created-by-attacker");
    symlink(&target, store.dir().join(format!("{}.lock", session.id))).unwrap();

    assert!(matches!(
        store.lock(&session.id),
        Err(StorageError::Refused { .. })
    ));
    assert!(!target.exists(), "the link's target was created");
}

#[test]
fn a_symlinked_session_file_is_listed_as_unreadable_and_not_followed() {
    let (dir, store) = temp_store();
    let elsewhere = Store::open(Some(&dir.path().join("elsewhere"))).unwrap();
    let other = saved_session(&elsewhere);
    let id = Store::new_id();
    let link = store.dir().join(format!("{id}.json"));
    symlink(elsewhere.path(&other.id).unwrap(), &link).unwrap();

    let reason = refused_reason(store.load(&id).unwrap_err());
    assert!(reason.contains("symbolic link"), "{reason}");
    let listed = store.list().unwrap();
    assert!(
        listed.sessions.is_empty()
            && matches!(&listed.broken[..], [broken] if broken.reason.contains("symbolic link")),
        "{listed:?}"
    );
    assert!(elsewhere.load(&other.id).is_ok());
}

#[test]
fn a_fifo_named_like_a_session_is_listed_as_unreadable_instead_of_hanging() {
    let (_dir, store) = temp_store();
    let session = saved_session(&store);
    let fifo_id = Store::new_id();
    mkfifo(&store.dir().join(format!("{fifo_id}.json")));

    // A reader blocked on the FIFO would never return: wait in another thread, with a
    // deadline far beyond any honest listing, so a regression fails instead of hanging.
    let (sender, receiver) = mpsc::channel();
    let lister = store.clone();
    std::thread::spawn(move || {
        let _ = sender.send((lister.list(), lister.load(&fifo_id)));
    });
    let (listed, loaded) = receiver
        .recv_timeout(Duration::from_secs(30))
        .expect("listing a FIFO must not block");

    let listed = listed.unwrap();
    assert!(matches!(&listed.sessions[..], [found] if found.id == session.id));
    assert!(
        matches!(&listed.broken[..], [broken] if broken.reason.contains("FIFO")),
        "{listed:?}"
    );
    let reason = refused_reason(loaded.unwrap_err());
    assert!(reason.contains("not a regular file (a FIFO)"), "{reason}");
}

#[test]
fn a_hard_linked_session_file_is_refused() {
    let (_dir, store) = temp_store();
    let session = saved_session(&store);
    let path = store.path(&session.id).unwrap();
    std::fs::hard_link(&path, path.with_extension("copy")).unwrap();

    let reason = refused_reason(store.load(&session.id).unwrap_err());
    assert!(reason.contains("2 hard links"), "{reason}");
}

#[test]
fn a_session_file_over_the_size_limit_is_refused_unread() {
    let (_dir, store) = temp_store();
    let id = Store::new_id();
    let file = std::fs::File::create(store.dir().join(format!("{id}.json"))).unwrap();
    // Sparse: no disk space is used.
    file.set_len(64 * 1024 * 1024).unwrap();

    let reason = refused_reason(store.load(&id).unwrap_err());
    assert!(reason.contains("at most"), "{reason}");
}

#[test]
fn a_data_directory_others_can_write_to_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o777)).unwrap();

    let reason = refused_reason(Store::open(Some(&data)).unwrap_err());
    assert!(reason.contains("mode 777"), "{reason}");
    assert!(reason.contains("chmod 700"), "{reason}");

    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o700)).unwrap();
    assert!(Store::open(Some(&data)).is_ok());
}

#[test]
fn a_symlinked_note_draft_is_neither_read_nor_written_through() {
    let (dir, store) = temp_store();
    let target = precious(dir.path());
    let session = saved_session(&store);
    let link = store.dir().join(format!("{}.draft", session.id));
    symlink(&target, &link).unwrap();

    assert_eq!(store.load_draft(&session.id), None);
    let draft = isoready::model::NoteDraft {
        question: "ai.use".to_owned(),
        text: "typed".to_owned(),
    };
    store.save_draft(&session.id, &draft).unwrap();
    assert_eq!(
        store.load_draft(&session.id),
        Some(draft),
        "the link was replaced"
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), PRECIOUS);

    store.delete(&session.id).unwrap();
    assert!(!link.exists(), "a deleted session leaves no draft");
}

#[test]
fn a_holder_on_another_machine_is_believed_for_a_day() {
    let (_dir, store) = temp_store();
    let session = saved_session(&store);
    let sidecar = store.dir().join(format!("{}.lock", session.id));
    let written = |since: jiff::Timestamp| {
        let holder = serde_json::json!({ "pid": 1234, "host": "laptop2", "since": since });
        std::fs::write(&sidecar, holder.to_string()).unwrap();
    };

    // A shared folder: the other machine's lock is not visible to this one's system.
    written(jiff::Timestamp::now());
    match store.lock(&session.id) {
        Err(StorageError::Locked {
            holder: Some(holder),
            ..
        }) => assert_eq!(holder.host, "laptop2"),
        other => panic!("expected the remote holder, got {other:?}"),
    }

    // Details two days old were left by a holder that is gone.
    written(jiff::Timestamp::now() - jiff::SignedDuration::from_hours(48));
    assert!(store.lock(&session.id).is_ok());
}
