//! `isoready import` and `isoready sessions list | show | delete`, run as a user would.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

use isoready::storage::Store;

const V1_ID: &str = "0196f2a0-1c2b-7a3d-8e4f-5a6b7c8d9e0f";

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// A data directory in a fresh temp dir, nested so that "../../x" stays inside the temp dir.
struct Env {
    tmp: tempfile::TempDir,
    data: PathBuf,
}

impl Env {
    fn new() -> Env {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("home").join("user").join("data");
        Env { tmp, data }
    }

    fn isoready(&self) -> Command {
        let mut command = assert_cmd::cargo::cargo_bin_cmd!("isoready");
        command
            .env("NO_COLOR", "1")
            .env_remove("ISOREADY_QUESTIONNAIRE")
            .arg("--data-dir")
            .arg(&self.data);
        command
    }

    /// Imports a file and returns the new session's ID.
    fn import(&self, file: &Path) -> String {
        let output = self.isoready().arg("import").arg(file).output().unwrap();
        assert!(output.status.success(), "{output:?}");
        let text = String::from_utf8(output.stdout).unwrap();
        let id = text
            .lines()
            .next()
            .unwrap_or_default()
            .trim_end_matches('.')
            .rsplit(' ')
            .next()
            .unwrap();
        assert!(text.starts_with("Imported "), "{text}");
        id.to_owned()
    }

    fn list_json(&self) -> Value {
        let output = self
            .isoready()
            .args(["sessions", "list", "--format", "json"])
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        serde_json::from_slice(&output.stdout).unwrap()
    }

    fn session_files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.data)
            .map(|entries| {
                entries
                    .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
                    .filter(|name| name.ends_with(".json"))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }
}

fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap()
}

#[test]
fn an_empty_store_says_so() {
    let env = Env::new();
    env.isoready()
        .args(["sessions", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No saved sessions"));
    assert_eq!(
        env.list_json(),
        serde_json::json!({"sessions": [], "unreadable": []})
    );
}

#[test]
fn an_imported_session_file_keeps_its_people_notes_and_flags_under_a_new_id() {
    let env = Env::new();
    let id = env.import(&fixture("sessions/v1.json"));
    assert_ne!(id, V1_ID);
    assert_eq!(uuid::Uuid::parse_str(&id).unwrap().get_version_num(), 7);
    assert_eq!(env.session_files(), [format!("{id}.json")]);

    let session = Store::open(Some(&env.data)).unwrap().load(&id).unwrap();
    assert_eq!(session.client, "Northwind Clinics");
    assert_eq!(session.assessor, "R. Patel");
    assert_eq!(
        session.notes["ai.use"],
        "triage assistant from a vendor, piloted in two wards"
    );
    assert!(session.flagged.contains("ai.autonomy"));
    assert_eq!(session.position.as_deref(), Some("ai.sensitive_data"));
    assert_eq!(session.created, "2025-05-20T09:00:00Z".parse().unwrap());
    assert!(session.updated > session.created);

    let listing = env.list_json();
    let row = &listing["sessions"][0];
    assert_eq!(row["id"], id.as_str());
    assert_eq!(row["client"], "Northwind Clinics");
    assert_eq!(row["recommendation"], "both");
    let (asked, answered) = (
        row["asked"].as_f64().unwrap(),
        row["answered"].as_f64().unwrap(),
    );
    assert_eq!(answered, 11.0);
    let percent = (1000.0 * answered / asked).round() / 10.0;
    assert_eq!(row["progress"].as_f64().unwrap(), percent);

    env.isoready()
        .args(["sessions", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Northwind Clinics"))
        // The table shows progress as the TUI does: the fixture answers all six scoping
        // questions, so the share is of the other questions, rounded down.
        .stdout(predicate::str::contains(format!(
            "  {}%  both standards",
            (answered as usize - 6) * 100 / (asked as usize - 6)
        )))
        .stdout(predicate::str::contains(&id[..8]));
}

#[test]
fn exclusions_survive_import_and_show_in_the_stored_session_report() {
    let env = Env::new();
    let answers = fixture("answers/exclusions.json");
    let id = env.import(&answers);
    let session = Store::open(Some(&env.data)).unwrap().load(&id).unwrap();
    assert_eq!(
        session.exclusions.keys().collect::<Vec<_>>(),
        ["iso27001:A.7.1", "iso27001:A.7.2"]
    );
    // The stored session gives the report `assess` gives for the file.
    let assessed = env
        .isoready()
        .args(["assess", "--answers"])
        .arg(&answers)
        .output()
        .unwrap();
    assert!(assessed.status.success());
    let shown = env
        .isoready()
        .args(["sessions", "show", &id, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(shown.stdout, assessed.stdout);
    let report = json(&shown.stdout);
    assert_eq!(report["exclusions"].as_array().unwrap().len(), 3);
    env.isoready()
        .args(["sessions", "show", &id])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "## Statement of Applicability: exclusions",
        ))
        .stdout(predicate::str::contains("No premises of our own"));
    // A session file with exclusions imports with them too.
    let export = env.tmp.path().join("export.json");
    env.isoready()
        .args(["export", &id, "--format", "json", "--output"])
        .arg(&export)
        .assert()
        .success();
    let again = env.import(&export);
    let copy = Store::open(Some(&env.data)).unwrap().load(&again).unwrap();
    assert_eq!(copy.exclusions, session.exclusions);
}

#[test]
fn bad_exclusions_are_refused_on_import_and_in_stored_sessions() {
    let env = Env::new();
    env.isoready()
        .arg("import")
        .arg(fixture("answers/exclusions-clause.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "exclusions[\"iso27001:9.2.1\"]: exclusion \"iso27001:9.2.1\" names clause 9.2.1",
        ));
    assert!(env.session_files().is_empty());
    // A stored session edited by hand is checked when shown or exported.
    let id = env.import(&fixture("answers/exclusions.json"));
    let store = Store::open(Some(&env.data)).unwrap();
    let mut session = store.load(&id).unwrap();
    session
        .exclusions
        .insert("iso42001:A.99".to_owned(), "Not ours".to_owned());
    store.save(&session).unwrap();
    for args in [
        vec!["sessions", "show", id.as_str()],
        vec!["export", id.as_str(), "--format", "soa"],
    ] {
        env.isoready()
            .current_dir(env.tmp.path())
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("exclusions[\"iso42001:A.99\"]"));
    }
}

#[test]
fn the_list_shows_the_progress_the_report_counts() {
    let env = Env::new();
    let id = env.import(&fixture("answers/healthcare.json"));
    let row = env.list_json()["sessions"][0].clone();
    let output = env
        .isoready()
        .args(["sessions", "show", &id, "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let report = json(&output.stdout);
    let missing = report["missing"].as_array().unwrap().len() as u64;
    assert_eq!(
        row["asked"].as_u64().unwrap() - row["answered"].as_u64().unwrap(),
        missing
    );
    assert_eq!(row["recommendation"], report["recommendation"]);
}

#[test]
fn show_gives_the_same_report_as_assess_by_prefix_or_latest() {
    let env = Env::new();
    let answers = fixture("answers/healthcare.json");
    let id = env.import(&answers);
    let assessed = env
        .isoready()
        .args(["assess", "--answers"])
        .arg(&answers)
        .output()
        .unwrap();
    assert!(assessed.status.success());
    for query in [id.as_str(), &id[..30], "latest"] {
        env.isoready()
            .args(["sessions", "show", query, "--format", "json"])
            .assert()
            .success()
            .stdout(assessed.stdout.clone());
    }
    env.isoready()
        .args(["sessions", "show", &id])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("# Readiness assessment"))
        .stdout(predicate::str::contains("**Date:** "))
        .stdout(predicate::str::contains("## Appendix: every answer"));
}

#[test]
fn unknown_ambiguous_and_malformed_ids_are_bad_input() {
    let env = Env::new();
    let first = env.import(&fixture("answers/healthcare.json"));
    let second = env.import(&fixture("answers/healthcare.json"));
    let shared = first
        .chars()
        .zip(second.chars())
        .take_while(|(a, b)| a == b)
        .count();
    env.isoready()
        .args(["sessions", "show", &first[..shared]])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("matches 2 sessions"))
        .stderr(predicate::str::contains(&first))
        .stderr(predicate::str::contains(&second));
    env.isoready()
        .args(["sessions", "show", "ffffffff"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no session matches \"ffffffff\""));
    env.isoready()
        .args(["sessions", "delete", "../x", "--yes"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a session ID"));
    assert_eq!(env.session_files().len(), 2);
}

#[test]
fn an_imported_file_cannot_choose_where_it_is_written() {
    let env = Env::new();
    let id = env.import(&fixture("sessions/traversal.json"));
    assert_eq!(env.session_files(), [format!("{id}.json")]);
    let mut files = Vec::new();
    let mut stack = vec![env.tmp.path().to_path_buf()];
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
    assert_eq!(files, [env.data.join(format!("{id}.json"))]);
}

#[test]
fn invalid_answers_are_refused_naming_the_file_and_place() {
    let env = Env::new();
    let file = env.tmp.path().join("bad answers.json");
    std::fs::write(
        &file,
        r#"{"answers": {"org.sector": "farming", "ai.use": ["none", "develops"]}}"#,
    )
    .unwrap();
    env.isoready()
        .arg("import")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad answers.json"))
        .stderr(predicate::str::contains("answers[\"org.sector\"]"))
        .stderr(predicate::str::contains("allowed: healthcare"))
        .stderr(predicate::str::contains("answers[\"ai.use\"]"));
    assert_eq!(env.session_files(), Vec::<String>::new());
}

#[test]
fn a_bad_flag_in_a_session_file_is_refused() {
    let env = Env::new();
    let mut session = json(&std::fs::read(fixture("sessions/v1.json")).unwrap());
    session["flagged"] = serde_json::json!(["ai.autonomy", "no.such.question"]);
    let file = env.tmp.path().join("flags.json");
    std::fs::write(&file, session.to_string()).unwrap();
    env.isoready()
        .arg("import")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("flagged"))
        .stderr(predicate::str::contains("no.such.question"));
    assert_eq!(env.session_files(), Vec::<String>::new());
}

#[test]
fn malformed_and_newer_files_are_refused_on_import() {
    let env = Env::new();
    env.isoready()
        .arg("import")
        .arg(fixture("sessions/corrupt.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::is_match(r"corrupt\.json:5:\d+: EOF while parsing").unwrap());
    env.isoready()
        .arg("import")
        .arg(fixture("sessions/future.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("future.json"))
        .stderr(predicate::str::contains("newer isoready"));
    assert_eq!(env.session_files(), Vec::<String>::new());
}

#[test]
fn unreadable_files_are_listed_with_their_reasons_and_left_alone() {
    let env = Env::new();
    let id = env.import(&fixture("sessions/v1.json"));
    let corrupt = env.data.join("0196f2a0-1c2b-7a3d-8e4f-5a6b7c8d9e11.json");
    let future = env.data.join("0196f2a0-1c2b-7a3d-8e4f-5a6b7c8d9e10.json");
    std::fs::copy(fixture("sessions/corrupt.json"), &corrupt).unwrap();
    std::fs::copy(fixture("sessions/future.json"), &future).unwrap();
    let before = std::fs::read(&corrupt).unwrap();

    env.isoready()
        .args(["sessions", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Northwind Clinics"))
        .stdout(predicate::str::contains(
            "Unreadable files (left untouched)",
        ))
        .stdout(predicate::str::contains("not valid JSON"))
        .stdout(predicate::str::contains("newer isoready"));
    let listing = env.list_json();
    assert_eq!(listing["sessions"][0]["id"], id.as_str());
    assert_eq!(listing["unreadable"].as_array().unwrap().len(), 2);
    env.isoready()
        .args(["sessions", "show", "0196f2a0-1c2b-7a3d-8e4f-5a6b7c8d9e10"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("upgrade isoready"));
    assert_eq!(std::fs::read(&corrupt).unwrap(), before);
}

#[test]
fn delete_without_a_terminal_needs_yes() {
    let env = Env::new();
    let id = env.import(&fixture("answers/healthcare.json"));
    env.isoready()
        .args(["sessions", "delete", "latest"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--yes"));
    assert_eq!(env.session_files(), [format!("{id}.json")]);
    env.isoready()
        .args(["sessions", "delete", &id[..30], "--yes"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("Deleted session {id}")));
    assert_eq!(env.session_files(), Vec::<String>::new());
}

#[test]
fn a_session_open_for_editing_can_be_shown_but_not_deleted() {
    let env = Env::new();
    let id = env.import(&fixture("answers/healthcare.json"));
    let store = Store::open(Some(&env.data)).unwrap();
    let _lock = store.lock(&id).unwrap();
    env.isoready()
        .args(["sessions", "show", &id, "--format", "json"])
        .assert()
        .success();
    env.isoready()
        .args(["sessions", "delete", &id, "--yes"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("open for editing"))
        .stderr(predicate::str::contains(format!(
            "process {}",
            std::process::id()
        )));
    assert_eq!(env.session_files(), [format!("{id}.json")]);
}

#[test]
fn importing_a_client_that_already_has_a_session_says_so_and_keeps_both() {
    let env = Env::new();
    let first = env.import(&fixture("sessions/v1.json"));
    let output = env
        .isoready()
        .arg("import")
        .arg(fixture("sessions/v1.json"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains(&format!(
            "Note: Northwind Clinics already has session {}",
            &first[..8]
        )),
        "{text}"
    );
    assert_eq!(env.session_files().len(), 2, "both are kept");
}
