//! The session store: round trip, atomic saves, unreadable and newer files, migration, locks,
//! permissions, IDs that cannot leave the data directory, and a listing of 1,000 sessions.
//! (Locks and saves cut short in another process: `storage_processes.rs`.)

use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Duration;

use isoready::model::{AnswerValue, Depth, Questionnaire, Session};
use isoready::storage::{Listing, StorageError, Store, Summary, migrate};

const V1_ID: &str = "0196f2a0-1c2b-7a3d-8e4f-5a6b7c8d9e0f";

static QUESTIONNAIRE: LazyLock<Questionnaire> = LazyLock::new(|| {
    Questionnaire::parse("default", Questionnaire::embedded_text()).expect("default questionnaire")
});

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sessions")
        .join(name)
}

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(Some(&dir.path().join("data"))).unwrap();
    (dir, store)
}

fn new_session(client: &str) -> Session {
    let mut session = Session::new(
        Store::new_id(),
        &QUESTIONNAIRE,
        Depth::Quick,
        jiff::Timestamp::now(),
    );
    session.client = client.to_owned();
    session
}

/// Copies a fixture into the store as the file of session `id`.
fn place(store: &Store, fixture_name: &str, id: &str) -> PathBuf {
    let path = store.dir().join(format!("{id}.json"));
    std::fs::copy(fixture(fixture_name), &path).unwrap();
    path
}

fn sessions(listed: &Listing) -> Vec<&Summary> {
    listed.sessions.iter().collect()
}

fn broken(listed: &Listing) -> Vec<&isoready::storage::Broken> {
    listed.broken.iter().collect()
}

/// What a listing shows of `session`.
fn summary(session: &Session) -> Summary {
    Summary::of(session, ())
}

fn dir_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_saved_session_loads_back_equal() {
    let (_tmp, store) = temp_store();
    let mut session = new_session("Ærø Kommune — 北京 \"quoted\"");
    session.assessor = "J. Doe".to_owned();
    session.depth = Depth::Full;
    session.answers.insert(
        "org.sector".to_owned(),
        AnswerValue::Text("public_sector".to_owned()),
    );
    session.answers.insert(
        "data.categories".to_owned(),
        AnswerValue::List(vec!["personal".to_owned(), "government".to_owned()]),
    );
    session.answers.insert(
        "ai.affects_individuals".to_owned(),
        AnswerValue::Bool(false),
    );
    session.notes.insert(
        "org.sector".to_owned(),
        "municipality\nwith two lines".to_owned(),
    );
    session.flagged.insert("data.categories".to_owned());
    session.position = Some("ai.use".to_owned());
    session.exclusions.insert(
        "iso27001:A.7.4".to_owned(),
        "No premises of our own: the landlord runs CCTV — \"serviced\"\noffice".to_owned(),
    );
    store.save(&session).unwrap();

    assert_eq!(store.load(&session.id).unwrap(), session);
    assert_eq!(dir_names(store.dir()), [format!("{}.json", session.id)]);
    let listed = store.list().unwrap();
    assert_eq!(sessions(&listed), [&summary(&session)]);
}

#[test]
fn a_session_without_exclusions_writes_no_exclusions_block() {
    let (_tmp, store) = temp_store();
    let session = new_session("Acme");
    store.save(&session).unwrap();
    let text = std::fs::read_to_string(store.path(&session.id).unwrap()).unwrap();
    assert!(!text.contains("exclusions"), "{text}");
    assert!(store.load(&session.id).unwrap().exclusions.is_empty());
}

#[test]
fn saving_again_replaces_the_file_and_leaves_nothing_behind() {
    let (_tmp, store) = temp_store();
    let mut session = new_session("first");
    store.save(&session).unwrap();
    session.client = "second".to_owned();
    session
        .answers
        .insert("org.size".to_owned(), AnswerValue::Text("small".to_owned()));
    store.save(&session).unwrap();
    assert_eq!(store.load(&session.id).unwrap().client, "second");
    assert_eq!(dir_names(store.dir()), [format!("{}.json", session.id)]);
}

#[test]
fn a_staged_save_dropped_before_the_rename_changes_nothing() {
    let (_tmp, store) = temp_store();
    let mut session = new_session("saved");
    store.save(&session).unwrap();
    let before = std::fs::read(store.path(&session.id).unwrap()).unwrap();
    session.client = "never committed".to_owned();
    let staged = store.stage(&session).unwrap();
    assert_eq!(
        dir_names(store.dir()).len(),
        2,
        "the temp file sits beside it"
    );
    drop(staged);
    assert_eq!(
        std::fs::read(store.path(&session.id).unwrap()).unwrap(),
        before
    );
    assert_eq!(dir_names(store.dir()), [format!("{}.json", session.id)]);
}

#[test]
fn temp_files_of_abandoned_saves_are_removed_after_an_hour() {
    let (tmp, store) = temp_store();
    let id = Store::new_id();
    let name = |suffix: &str| store.dir().join(format!(".{id}.json.{suffix}.tmp"));
    let two_hours_ago = std::time::SystemTime::now() - Duration::from_secs(7200);
    let age = |path: &Path| {
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(two_hours_ago)
            .unwrap();
    };
    std::fs::write(name("old123"), "{}").unwrap();
    age(&name("old123"));
    std::fs::write(name("new456"), "{}").unwrap();
    let foreign = store.dir().join(".someone-elses.tmp");
    std::fs::write(&foreign, "").unwrap();
    age(&foreign);

    Store::open(Some(store.dir())).unwrap();
    assert!(!name("old123").exists());
    assert!(name("new456").exists(), "a save may still be under way");
    assert!(
        foreign.exists(),
        "only isoready's own temp files are touched"
    );
    drop(tmp);
}

#[test]
fn a_corrupt_file_is_listed_with_its_reason_and_left_untouched() {
    let (_tmp, store) = temp_store();
    let good = new_session("good");
    store.save(&good).unwrap();
    let id = "0196f2a0-1c2b-7a3d-8e4f-5a6b7c8d9e11";
    let path = place(&store, "corrupt.json", id);
    let before = std::fs::read(&path).unwrap();

    let listed = store.list().unwrap();
    assert_eq!(sessions(&listed), [&summary(&good)]);
    let bad = broken(&listed);
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].id.as_deref(), Some(id));
    assert_eq!(bad[0].path, path);
    assert!(
        bad[0].reason.contains("not valid JSON"),
        "{}",
        bad[0].reason
    );
    assert!(
        matches!(store.load(id), Err(StorageError::Corrupt { reason, .. }) if reason.contains("line 5"))
    );
    // Resolving "latest" skips it; nothing rewrote it.
    assert_eq!(store.resolve("latest").unwrap(), good.id);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_file_from_a_newer_version_is_refused_and_not_rewritten() {
    let (_tmp, store) = temp_store();
    let id = "0196f2a0-1c2b-7a3d-8e4f-5a6b7c8d9e10";
    let path = place(&store, "future.json", id);
    let before = std::fs::read(&path).unwrap();
    let error = store.load(id).unwrap_err();
    assert!(matches!(error, StorageError::Newer { .. }), "{error:?}");
    let message = error.to_string();
    assert!(message.contains("newer isoready"), "{message}");
    assert!(message.contains("schema version 2"), "{message}");
    assert!(message.contains("upgrade isoready"), "{message}");
    let listed = store.list().unwrap();
    assert!(broken(&listed)[0].reason.contains("newer isoready"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn version_0_is_migrated_in_memory_and_written_as_version_1_on_save() {
    let (_tmp, store) = temp_store();
    let id = "0196f2a0-1c2b-7a3d-8e4f-5a6b7c8d9e12";
    let path = place(&store, "v0.json", id);
    let before = std::fs::read(&path).unwrap();
    let modified =
        jiff::Timestamp::try_from(std::fs::metadata(&path).unwrap().modified().unwrap()).unwrap();

    let session = store.load(id).unwrap();
    assert_eq!(session.schema_version, 1);
    assert_eq!(session.id, id);
    assert_eq!(session.client, "Fabrikam Health");
    assert_eq!(session.created, modified);
    assert_eq!(session.updated, modified);
    assert_eq!(session.depth, Depth::Full);
    assert_eq!(session.questionnaire, migrate::V0_QUESTIONNAIRE);
    assert_eq!(migrate::V0_QUESTIONNAIRE, QUESTIONNAIRE.id);
    assert_eq!(session.notes["org.sector"], "two hospitals and a lab");
    assert_eq!(
        session.answers["ai.use"],
        AnswerValue::List(vec!["none".to_owned()])
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "loading never writes"
    );

    store.save(&session).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\"schema_version\": 1"), "{text}");
    assert_eq!(store.load(id).unwrap(), session);
}

#[test]
fn the_version_1_fixture_loads_as_written() {
    let (_tmp, store) = temp_store();
    place(&store, "v1.json", V1_ID);
    let session = store.load(V1_ID).unwrap();
    assert_eq!(session.client, "Northwind Clinics");
    assert_eq!(session.assessor, "R. Patel");
    assert_eq!(session.depth, Depth::Quick);
    assert_eq!(session.updated, "2025-05-20T10:15:30Z".parse().unwrap());
    assert!(session.flagged.contains("ai.autonomy"));
    assert_eq!(session.position.as_deref(), Some("ai.sensitive_data"));
    assert_eq!(session.answers.len(), 11);
}

#[test]
fn a_file_whose_id_is_not_its_name_is_reported() {
    let (_tmp, store) = temp_store();
    let other = "0196f2a0-1c2b-7a3d-8e4f-5a6b7c8d9e13";
    place(&store, "v1.json", other);
    let Err(StorageError::Corrupt { reason, .. }) = store.load(other) else {
        panic!("expected a mismatch");
    };
    assert!(reason.contains(V1_ID) && reason.contains(other), "{reason}");
}

#[test]
fn other_files_in_the_directory_are_skipped_or_reported() {
    let (_tmp, store) = temp_store();
    let session = new_session("kept");
    store.save(&session).unwrap();
    let _lock = store.lock(&session.id).unwrap();
    std::fs::write(store.dir().join("notes.txt"), "not a session").unwrap();
    std::fs::write(store.dir().join(".half-written.json"), "{").unwrap();
    std::fs::write(store.dir().join("backup.json"), "{}").unwrap();
    let listed = store.list().unwrap();
    assert_eq!(sessions(&listed), [&summary(&session)]);
    let bad = broken(&listed);
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].id, None);
    assert!(
        bad[0].reason.contains("not a session ID"),
        "{}",
        bad[0].reason
    );
}

#[test]
fn ids_resolve_in_full_by_unique_prefix_and_as_latest() {
    let (_tmp, store) = temp_store();
    assert!(matches!(
        store.resolve("latest"),
        Err(StorageError::NoSessions)
    ));
    let base: jiff::Timestamp = "2025-01-01T00:00:00Z".parse().unwrap();
    let ids = [
        "0196aaaa-0000-7000-8000-000000000001",
        "0196aaaa-0000-7000-8000-000000000002",
        "0196bbbb-0000-7000-8000-000000000003",
    ];
    // The oldest ID was changed last: "latest" follows the last change, not creation.
    for (hours, id) in [(5, ids[0]), (1, ids[1]), (3, ids[2])] {
        let mut session = new_session(id);
        session.id = id.to_owned();
        session.updated = base + jiff::SignedDuration::from_hours(hours);
        store.save(&session).unwrap();
    }
    assert_eq!(store.resolve(ids[2]).unwrap(), ids[2]);
    assert_eq!(store.resolve("0196b").unwrap(), ids[2]);
    assert_eq!(
        store
            .resolve("0196AAAA-0000-7000-8000-000000000002")
            .unwrap(),
        ids[1]
    );
    assert_eq!(store.resolve("latest").unwrap(), ids[0]);
    assert_eq!(store.resolve("LATEST").unwrap(), ids[0]);

    let error = store.resolve("0196a").unwrap_err();
    let StorageError::Ambiguous { candidates, .. } = &error else {
        panic!("expected ambiguity, got {error:?}");
    };
    assert_eq!(candidates, &ids[..2]);
    assert!(error.to_string().contains(ids[0]) && error.to_string().contains(ids[1]));
    assert!(error.is_bad_input());

    assert!(matches!(
        store.resolve("ffff"),
        Err(StorageError::NotFound(_))
    ));
    for bad in ["", "../x", "0196a/..", "latest2"] {
        assert!(
            matches!(store.resolve(bad), Err(StorageError::InvalidId(_))),
            "{bad:?}"
        );
    }
}

#[test]
fn an_id_that_is_not_a_canonical_uuid_never_becomes_a_path() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("a").join("b").join("data");
    let store = Store::open(Some(&data)).unwrap();
    let mut session = new_session("escape");
    for id in [
        "../../x",
        "../../../etc/passwd",
        "/tmp/x",
        "{0196f2a0-1c2b-7a3d-8e4f-5a6b7c8d9e0f}",
        "urn:uuid:0196f2a0-1c2b-7a3d-8e4f-5a6b7c8d9e0f",
        "0196F2A0-1C2B-7A3D-8E4F-5A6B7C8D9E0F",
        "0196f2a01c2b7a3d8e4f5a6b7c8d9e0f",
    ] {
        session.id = id.to_owned();
        assert!(
            matches!(store.save(&session), Err(StorageError::InvalidId(_))),
            "{id}"
        );
        assert!(matches!(store.load(id), Err(StorageError::InvalidId(_))));
        assert!(matches!(store.lock(id), Err(StorageError::InvalidId(_))));
        assert!(matches!(store.delete(id), Err(StorageError::InvalidId(_))));
    }
    let mut files = Vec::new();
    let mut stack = vec![tmp.path().to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    assert_eq!(files, Vec::<PathBuf>::new());
}

#[cfg(unix)]
#[test]
fn the_directory_is_private_and_so_is_every_file() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let (tmp, store) = temp_store();
    assert_eq!(mode(store.dir()), 0o700);
    let mut session = new_session("private");
    let path = store.path(&session.id).unwrap();
    std::fs::write(&path, "{}").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    store.save(&session).unwrap();
    assert_eq!(
        mode(&path),
        0o600,
        "a save replaces a wider file with a private one"
    );
    session.client = "again".to_owned();
    store.save(&session).unwrap();
    assert_eq!(mode(&path), 0o600);
    let _lock = store.lock(&session.id).unwrap();
    assert_eq!(
        mode(&store.dir().join(format!("{}.lock", session.id))),
        0o600
    );
    drop(tmp);
}

#[cfg(unix)]
#[test]
fn a_second_lock_is_refused_naming_the_holder_and_reading_still_works() {
    let (_tmp, store) = temp_store();
    let session = new_session("busy");
    store.save(&session).unwrap();
    let before = jiff::Timestamp::now();
    let held = store.lock(&session.id).unwrap();
    assert_eq!(held.id(), session.id);
    let Err(StorageError::Locked { id, holder }) = store.lock(&session.id) else {
        panic!("a second lock must be refused");
    };
    assert_eq!(id, session.id);
    let holder = holder.expect("the holder is named");
    assert_eq!(&holder, held.info());
    assert_eq!(holder.pid, std::process::id());
    assert_eq!(
        holder.host,
        gethostname::gethostname().to_string_lossy().into_owned()
    );
    assert!(holder.since >= before);
    assert_eq!(store.load(&session.id).unwrap(), session, "read-only open");
    drop(held);
    assert!(store.lock(&session.id).is_ok());
}

#[test]
fn delete_removes_the_session_but_not_while_it_is_open() {
    let (_tmp, store) = temp_store();
    let session = new_session("to delete");
    store.save(&session).unwrap();
    let held = store.lock(&session.id).unwrap();
    assert!(matches!(
        store.delete(&session.id),
        Err(StorageError::Locked { .. })
    ));
    assert!(store.load(&session.id).is_ok());
    drop(held);
    store.delete(&session.id).unwrap();
    assert_eq!(dir_names(store.dir()), Vec::<String>::new());
    assert!(matches!(
        store.load(&session.id),
        Err(StorageError::NotFound(_))
    ));
    assert!(matches!(
        store.delete(&session.id),
        Err(StorageError::NotFound(_))
    ));
}

#[test]
fn an_unreadable_file_can_be_deleted() {
    let (_tmp, store) = temp_store();
    let id = "0196f2a0-1c2b-7a3d-8e4f-5a6b7c8d9e11";
    place(&store, "corrupt.json", id);
    store.delete(&store.resolve("0196f2a0").unwrap()).unwrap();
    let listed = store.list().unwrap();
    assert!(listed.sessions.is_empty() && listed.broken.is_empty());
}

#[test]
fn a_thousand_sessions_are_listed_newest_change_first() {
    let (_tmp, store) = temp_store();
    let base: jiff::Timestamp = "2025-01-01T00:00:00Z".parse().unwrap();
    for index in 0..1000i64 {
        let mut session = new_session(&format!("client {index}"));
        // Creation order and change order differ.
        session.updated = base + jiff::SignedDuration::from_mins((index * 7919) % 1000);
        store.save(&session).unwrap();
    }
    place(
        &store,
        "corrupt.json",
        "0196f2a0-1c2b-7a3d-8e4f-5a6b7c8d9e11",
    );
    let listed = store.list().unwrap();
    let found = sessions(&listed);
    assert_eq!(found.len(), 1000);
    assert_eq!(listed.broken.len(), 1);
    assert!(
        found
            .windows(2)
            .all(|pair| pair[0].updated > pair[1].updated)
    );
    let mut clients: Vec<&str> = found
        .iter()
        .map(|session| session.client.as_str())
        .collect();
    clients.sort_unstable();
    clients.dedup();
    assert_eq!(clients.len(), 1000);
}
