//! `isoready compare OLD NEW`: fixture pairs of files and stored sessions, the JSON checked
//! against `schemas/compare.schema.json`, the Markdown as people read it.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/compare")
        .join(name)
}

/// `isoready` with its own data directory.
fn isoready(data: &Path) -> Command {
    let mut command = assert_cmd::cargo::cargo_bin_cmd!("isoready");
    command
        .env("NO_COLOR", "1")
        .env_remove("ISOREADY_QUESTIONNAIRE")
        .arg("--data-dir")
        .arg(data);
    command
}

static VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/compare.schema.json");
    let schema = serde_json::from_str(&std::fs::read_to_string(path).expect("schema")).unwrap();
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
});

/// Runs `compare --format json` and checks the output against the schema.
fn compare_json(data: &Path, old: &str, new: &str) -> Value {
    let output = isoready(data)
        .args(["compare", old, new, "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let value: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let errors: Vec<String> = VALIDATOR
        .iter_errors(&value)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    value
}

fn files(old: &str, new: &str) -> (tempfile::TempDir, Value) {
    let data = tempfile::tempdir().unwrap();
    let (old, new) = (fixture(old), fixture(new));
    let value = compare_json(data.path(), old.to_str().unwrap(), new.to_str().unwrap());
    (data, value)
}

fn keys(gaps: &Value) -> Vec<&str> {
    gaps.as_array()
        .unwrap()
        .iter()
        .map(|gap| gap["key"].as_str().unwrap())
        .collect()
}

fn markdown(old: &str, new: &str) -> String {
    let data = tempfile::tempdir().unwrap();
    let output = isoready(data.path())
        .current_dir(fixture(""))
        .args(["compare", old, new])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn when_every_gap_is_closed_each_is_listed_closed_and_readiness_is_full() {
    let (data, before) = files("first-call.json", "first-call.json");
    assert_eq!(before["answers"], Value::Array(Vec::new()), "nothing moved");
    let (_, value) = files("first-call.json", "all-closed.json");
    for side in ["old", "new"] {
        assert_eq!(value[side]["id"], Value::Null, "an answers file has no ID");
        assert_eq!(value[side]["date"], Value::Null, "nor a date");
        assert_eq!(value[side]["questionnaire_version"], Value::Null);
    }
    let readiness = &value["readiness"]["iso27001"];
    assert_eq!(readiness["new"], 100.0);
    let (old, new) = (readiness["old"].as_f64().unwrap(), 100.0);
    assert!((readiness["delta"].as_f64().unwrap() - (new - old)).abs() < 0.06);
    assert!(
        value["readiness"].get("iso42001").is_none(),
        "in scope on neither side"
    );
    let first = isoready(data.path())
        .args(["assess", "--answers"])
        .arg(fixture("first-call.json"))
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&first.stdout).unwrap();
    assert_eq!(keys(&value["gaps"]["closed"]), keys(&report["gaps"]));
    assert_eq!(value["gaps"]["opened"], Value::Array(Vec::new()));
    assert_eq!(value["gaps"]["changed"], Value::Array(Vec::new()));
    let risk = value["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|change| change["question"] == "ms.planning.risk_isms")
        .expect("a changed answer");
    assert_eq!(
        (&risk["old"], &risk["new"]),
        (&"partial".into(), &"implemented".into())
    );
    assert_eq!(
        risk["note"]["new"],
        "risk register reviewed by the board in May"
    );
    assert_eq!(risk["reassessed"], false);
}

#[test]
fn adding_ai_to_the_products_opens_the_ai_gaps_and_puts_iso_42001_in_scope() {
    let (_, value) = files("first-call.json", "ai-added.json");
    assert_eq!(value["old"]["recommendation"], "iso27001");
    assert_eq!(value["new"]["recommendation"], "both");
    let aims = &value["readiness"]["iso42001"];
    assert_eq!(aims["old"], Value::Null, "not in scope then");
    assert!(aims["new"].is_number());
    assert_eq!(aims["delta"], Value::Null);
    assert!(
        aims["domains"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["old"].is_null())
    );
    let opened = value["gaps"]["opened"].as_array().unwrap();
    assert!(!opened.is_empty());
    for gap in opened {
        let standards = gap["standards"].as_array().unwrap();
        assert!(standards.contains(&"iso42001".into()), "{gap}");
    }
    let ai_use = &value["answers"].as_array().unwrap()[0];
    assert_eq!(
        ai_use["question"], "ai.use",
        "questionnaire order: scoping first"
    );
    assert_eq!(ai_use["new"], serde_json::json!(["in_products"]));
    assert_eq!(ai_use["note"]["old"], Value::Null);
}

#[test]
fn a_question_that_changed_between_versions_is_reassessed_not_progress() {
    let (_, value) = files("v1-session.json", "v2-session.json");
    assert_eq!(value["old"]["id"], "0190a0b0-0000-7000-8000-00000000000a");
    assert_eq!(value["old"]["date"], "2026-03-02");
    assert_eq!(value["old"]["questionnaire_version"], "1");
    assert_eq!(value["new"]["questionnaire_version"], "2");
    let answers = value["answers"].as_array().unwrap();
    let questions: Vec<(&str, bool)> = answers
        .iter()
        .map(|a| {
            (
                a["question"].as_str().unwrap(),
                a["reassessed"].as_bool().unwrap(),
            )
        })
        .collect();
    // The issues-and-parties answer was carried unchanged; the hidden AI halves of the old
    // questions are not asked on either side.
    assert_eq!(
        questions,
        [
            ("ms.planning.risk_isms", true),
            ("sec.org.continuity", false)
        ]
    );
    let markdown = markdown("v1-session.json", "v2-session.json");
    insta::assert_snapshot!("v1-to-v2.md", markdown);
}

#[test]
fn the_markdown_tells_the_story_of_the_follow_up() {
    insta::assert_snapshot!(
        "first-call-to-ai-added.md",
        markdown("first-call.json", "ai-added.json")
    );
}

#[test]
fn the_output_is_the_same_byte_for_byte_every_time() {
    let data = tempfile::tempdir().unwrap();
    let run = || {
        isoready(data.path())
            .arg("compare")
            .arg(fixture("first-call.json"))
            .arg(fixture("ai-added.json"))
            .args(["--format", "json"])
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run(), run());
}

/// Imports a file into the data directory and returns the new session's ID.
fn import(data: &Path, file: &Path) -> String {
    let output = isoready(data).arg("import").arg(file).output().unwrap();
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    let id = text
        .lines()
        .next()
        .unwrap()
        .trim_end_matches('.')
        .rsplit(' ')
        .next()
        .unwrap();
    id.to_owned()
}

#[test]
fn stored_sessions_compare_by_id_prefix_and_latest_like_their_files() {
    let data = tempfile::tempdir().unwrap();
    let old = import(data.path(), &fixture("v1-session.json"));
    let new = import(data.path(), &fixture("v2-session.json"));
    let stored = compare_json(data.path(), &old[..13], "latest");
    assert_eq!(stored["old"]["id"], old.as_str());
    assert_eq!(stored["new"]["id"], new.as_str());
    let (_, from_files) = files("v1-session.json", "v2-session.json");
    assert_eq!(stored["answers"], from_files["answers"]);
    assert_eq!(stored["gaps"], from_files["gaps"]);
    assert_eq!(stored["readiness"], from_files["readiness"]);
    // A stored session against a file.
    let mixed = compare_json(
        data.path(),
        &new,
        fixture("v1-session.json").to_str().unwrap(),
    );
    assert_eq!(mixed["old"]["id"], new.as_str());
}

#[test]
fn an_unknown_session_or_a_missing_file_is_bad_input_that_says_so() {
    let data = tempfile::tempdir().unwrap();
    let file = fixture("first-call.json");
    isoready(data.path())
        .arg("compare")
        .arg(&file)
        .arg("0190ffff")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "NEW \"0190ffff\" is no file, so it was looked up as a saved session: no session matches \"0190ffff\"",
        ));
    isoready(data.path())
        .args(["compare", "missing.json"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("OLD \"missing.json\" is no file"))
        .stderr(predicate::str::contains("is not a session ID"));
    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/answers/bad-value.json");
    isoready(data.path())
        .arg("compare")
        .arg(&bad)
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad-value.json"));
}
