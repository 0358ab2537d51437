//! Files that are not clean JSON documents, refused alike by every command that reads them.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn isoready(dir: &Path) -> Command {
    let mut command = assert_cmd::cargo::cargo_bin_cmd!("isoready");
    command
        .env("NO_COLOR", "1")
        .env_remove("ISOREADY_QUESTIONNAIRE")
        .current_dir(dir)
        .arg("--data-dir")
        .arg(dir.join("data"));
    command
}

/// `file` given to every command that reads an answers or session file: each command's name,
/// exit code and stderr.
fn answers_commands(dir: &Path, file: &Path) -> Vec<(&'static str, Option<i32>, String)> {
    let runs: [(&str, Vec<&std::ffi::OsStr>); 3] = [
        ("assess", vec!["assess".as_ref(), "--answers".as_ref()]),
        (
            "export",
            vec![
                "export".as_ref(),
                "--format".as_ref(),
                "md".as_ref(),
                "--force".as_ref(),
                "--output".as_ref(),
                "out.md".as_ref(),
                "--answers".as_ref(),
            ],
        ),
        ("import", vec!["import".as_ref()]),
    ];
    runs.into_iter()
        .map(|(name, args)| {
            let output = isoready(dir).args(args).arg(file).output().unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
            (name, output.status.code(), stderr)
        })
        .collect()
}

/// `file` given as a questionnaire to `questionnaire validate` and to `--questionnaire`.
fn questionnaire_commands(dir: &Path, file: &Path) -> Vec<(&'static str, Option<i32>, String)> {
    let answers = fixture("tests/fixtures/answers/healthcare.json");
    let validate = isoready(dir)
        .args(["questionnaire", "validate"])
        .arg(file)
        .output()
        .unwrap();
    let assess = isoready(dir)
        .arg("--questionnaire")
        .arg(file)
        .args(["assess", "--answers"])
        .arg(answers)
        .output()
        .unwrap();
    [
        ("questionnaire validate", validate),
        ("--questionnaire", assess),
    ]
    .into_iter()
    .map(|(name, output)| {
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        (name, output.status.code(), stderr)
    })
    .collect()
}

/// Every run exited 2 with a message matching `pattern`.
fn assert_bad_input(runs: &[(&str, Option<i32>, String)], pattern: &str) {
    let pattern = predicate::str::is_match(pattern).unwrap();
    for (name, code, stderr) in runs {
        assert_eq!(*code, Some(2), "{name}: {stderr}");
        assert!(pattern.eval(stderr.as_str()), "{name}: {stderr}");
    }
}

const TRAILING: [(&str, &[u8]); 3] = [
    ("garbage", b" garbage"),
    ("a second document", b"{\"answers\": {}}"),
    ("a NUL", b"\0"),
];

#[test]
fn trailing_data_after_an_answers_or_session_file_is_refused_where_it_starts() {
    let dir = tempfile::tempdir().unwrap();
    let answers = br#"{"answers": {"org.sector": "healthcare"}}"#.to_vec();
    let session = std::fs::read(fixture("tests/fixtures/sessions/v1.json")).unwrap();
    for (kind, document) in [("answers", answers), ("session", session)] {
        let line = document.iter().filter(|byte| **byte == b'\n').count() + 1;
        for (what, tail) in TRAILING {
            let file = dir.path().join("trailing.json");
            std::fs::write(&file, [document.as_slice(), tail].concat()).unwrap();
            let runs = answers_commands(dir.path(), &file);
            assert_bad_input(
                &runs,
                &format!(r"trailing\.json:{line}:\d+: trailing characters after the JSON document"),
            );
            assert!(
                runs.iter().all(|run| run.2 == runs[0].2),
                "{kind} with {what}: {runs:?}"
            );
        }
    }
    assert_eq!(stored(dir.path()), 0, "nothing was imported");
}

/// How many session files the data directory holds.
fn stored(dir: &Path) -> usize {
    std::fs::read_dir(dir.join("data")).map_or(0, |entries| {
        entries
            .filter_map(Result::ok)
            .filter(|entry| entry.file_name().to_string_lossy().ends_with(".json"))
            .count()
    })
}

#[test]
fn trailing_data_after_a_questionnaire_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read(fixture("questionnaires/default.json")).unwrap();
    let line = text.iter().filter(|byte| **byte == b'\n').count() + 1;
    for (_, tail) in TRAILING {
        let file = dir.path().join("questions.json");
        std::fs::write(&file, [text.as_slice(), tail].concat()).unwrap();
        assert_bad_input(
            &questionnaire_commands(dir.path(), &file),
            &format!(r"questions\.json:{line}:\d+: trailing characters after the JSON document"),
        );
    }
}

#[test]
fn whitespace_after_the_document_is_fine() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answers.json");
    std::fs::write(
        &file,
        "{\"answers\": {\"org.sector\": \"healthcare\"}}\n \t\r\n\n",
    )
    .unwrap();
    for (name, code, stderr) in answers_commands(dir.path(), &file) {
        assert_eq!(code, Some(0), "{name}: {stderr}");
    }
    isoready(dir.path())
        .args(["questionnaire", "validate"])
        .arg(fixture("questionnaires/default.json"))
        .assert()
        .success();
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// `text` as UTF-16, little or big endian, with or without a byte order mark.
fn utf16(text: &str, little_endian: bool, bom: bool) -> Vec<u8> {
    let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
    units
        .flat_map(|unit| {
            if little_endian {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            }
        })
        .collect()
}

#[test]
fn a_utf8_byte_order_mark_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answers.json");
    let answers = std::fs::read(fixture("tests/fixtures/answers/healthcare.json")).unwrap();
    std::fs::write(&file, [UTF8_BOM, &answers].concat()).unwrap();
    for (name, code, stderr) in answers_commands(dir.path(), &file) {
        assert_eq!(code, Some(0), "{name}: {stderr}");
    }
    let questions = dir.path().join("questions.json");
    let text = std::fs::read(fixture("questionnaires/default.json")).unwrap();
    std::fs::write(&questions, [UTF8_BOM, &text].concat()).unwrap();
    for (name, code, stderr) in questionnaire_commands(dir.path(), &questions) {
        assert_eq!(code, Some(0), "{name}: {stderr}");
    }
}

#[test]
fn utf16_is_refused_asking_for_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let answers =
        std::fs::read_to_string(fixture("tests/fixtures/answers/healthcare.json")).unwrap();
    let questions = std::fs::read_to_string(fixture("questionnaires/default.json")).unwrap();
    for (little_endian, bom) in [(true, true), (false, true), (true, false), (false, false)] {
        let file = dir.path().join("utf16.json");
        std::fs::write(&file, utf16(&answers, little_endian, bom)).unwrap();
        assert_bad_input(
            &answers_commands(dir.path(), &file),
            r"utf16\.json:1:1: encoded as UTF-16; save it as UTF-8",
        );
        std::fs::write(&file, utf16(&questions, little_endian, bom)).unwrap();
        assert_bad_input(
            &questionnaire_commands(dir.path(), &file),
            r"utf16\.json:1:1: encoded as UTF-16; save it as UTF-8",
        );
    }
    assert_eq!(stored(dir.path()), 0, "nothing was imported");
}

#[test]
fn invalid_utf8_is_refused_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("latin1.json");
    // "é" is one column, two bytes; 0xE9 is "é" in Latin-1.
    let text = b"{\"answers\": {\n  \"org.sector\": \"\xC3\xA9\xE9\"}}";
    for (bom, offset) in [(&b""[..], 33), (UTF8_BOM, 36)] {
        std::fs::write(&file, [bom, text].concat()).unwrap();
        assert_bad_input(
            &answers_commands(dir.path(), &file),
            &format!(
                r"latin1\.json:2:19: not valid UTF-8 \(byte 0xE9 at offset {offset}\); save it as UTF-8"
            ),
        );
        assert_bad_input(
            &questionnaire_commands(dir.path(), &file),
            &format!(r"latin1\.json:2:19: not valid UTF-8 \(byte 0xE9 at offset {offset}\)"),
        );
    }
}

/// The version 1 session fixture with `change` made to it, written to `dir/session.json`.
fn session_file(dir: &Path, change: impl FnOnce(&mut serde_json::Value)) -> PathBuf {
    let text = std::fs::read(fixture("tests/fixtures/sessions/v1.json")).unwrap();
    let mut session: serde_json::Value = serde_json::from_slice(&text).unwrap();
    change(&mut session);
    let file = dir.join("session.json");
    std::fs::write(&file, serde_json::to_string_pretty(&session).unwrap()).unwrap();
    file
}

#[test]
fn a_session_file_is_refused_alike_by_assess_export_and_import() {
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, serde_json::Value, &str); 10] = [
        (
            "schema_version",
            json!(2),
            r"session\.json: 1 problem:\n  schema_version: written by a newer isoready \(session schema version 2; this build reads versions up to 1\): upgrade isoready",
        ),
        ("schema_version", json!(99), "session schema version 99"),
        (
            "schema_version",
            json!("1"),
            r"schema_version: expected a whole number, found .1.",
        ),
        (
            "client",
            json!(5),
            r"session\.json:\d+:\d+: invalid type: integer `5`, expected a string \(at client\)",
        ),
        (
            "id",
            json!(5),
            r"session\.json:\d+:\d+: invalid type: integer `5`, expected a string \(at id\)",
        ),
        (
            "depth",
            json!("deep"),
            r"session\.json:\d+:\d+: unknown variant `deep`, expected `quick` or `full` \(at depth\)",
        ),
        (
            "created",
            json!("yesterday"),
            r"session\.json:\d+:\d+: .* \(at created\)",
        ),
        (
            "updated",
            json!("2025-13-40T00:00:00Z"),
            r"session\.json:\d+:\d+: .* \(at updated\)",
        ),
        (
            "flagged",
            json!(["ai.autonomy", "no.such.question"]),
            r#"flagged: unknown question ID "no.such.question""#,
        ),
        (
            "position",
            json!("no.such.question"),
            r#"position: unknown question ID "no.such.question""#,
        ),
    ];
    for (field, value, pattern) in cases {
        let file = session_file(dir.path(), |session| session[field] = value.clone());
        let runs = answers_commands(dir.path(), &file);
        assert_bad_input(&runs, pattern);
        assert!(
            runs.iter().all(|run| run.2 == runs[0].2),
            "{field}: {value}: {runs:#?}"
        );
    }
    assert_eq!(stored(dir.path()), 0, "nothing was imported");
}

#[test]
fn a_session_file_without_id_or_dates_is_taken_alike_by_assess_export_and_import() {
    let dir = tempfile::tempdir().unwrap();
    // The JSON export of a plain answers file is one.
    isoready(dir.path())
        .args([
            "export",
            "--format",
            "json",
            "--output",
            "export.json",
            "--answers",
        ])
        .arg(fixture("tests/fixtures/answers/healthcare.json"))
        .assert()
        .success();
    let export = dir.path().join("export.json");
    let text = std::fs::read_to_string(&export).unwrap();
    assert!(text.contains("\"schema_version\": 1") && !text.contains("\"created\""));
    for (name, code, stderr) in answers_commands(dir.path(), &export) {
        assert_eq!(code, Some(0), "{name}: {stderr}");
    }
    let file = session_file(dir.path(), |session| {
        let map = session.as_object_mut().unwrap();
        for field in ["id", "created", "updated", "depth"] {
            map.remove(field);
        }
    });
    for (name, code, stderr) in answers_commands(dir.path(), &file) {
        assert_eq!(code, Some(0), "{name}: {stderr}");
    }
    assert_eq!(stored(dir.path()), 2);
}

#[test]
fn a_stored_session_that_is_invalid_or_newer_is_bad_input_as_the_same_file_imported() {
    let dir = tempfile::tempdir().unwrap();
    let id = "0196f2a0-1c2b-7a3d-8e4f-5a6b7c8d9e0f";
    let v1 = std::fs::read(fixture("tests/fixtures/sessions/v1.json")).unwrap();
    let newer = String::from_utf8(v1.clone())
        .unwrap()
        .replace("\"schema_version\": 1", "\"schema_version\": 2");
    for (what, bytes, pattern) in [
        (
            "trailing data",
            [v1.as_slice(), b"x"].concat(),
            "trailing characters after the JSON document",
        ),
        (
            "UTF-16",
            utf16(&String::from_utf8(v1.clone()).unwrap(), true, true),
            "encoded as UTF-16",
        ),
        (
            "a newer schema",
            newer.into_bytes(),
            "written by a newer isoready",
        ),
    ] {
        std::fs::create_dir_all(dir.path().join("data")).unwrap();
        let stored = dir.path().join("data").join(format!("{id}.json"));
        std::fs::write(&stored, &bytes).unwrap();
        for args in [
            vec!["sessions", "show", id],
            vec!["sessions", "show", &id[..8], "--format", "json"],
            vec!["export", id, "--format", "md", "--output", "out.md"],
        ] {
            isoready(dir.path())
                .args(&args)
                .assert()
                .code(2)
                .stderr(predicate::str::contains(stored.display().to_string()))
                .stderr(predicate::str::contains(pattern));
            assert!(!dir.path().join("out.md").exists(), "{what}: {args:?}");
        }
        let file = dir.path().join("copy.json");
        std::fs::write(&file, &bytes).unwrap();
        isoready(dir.path())
            .arg("import")
            .arg(&file)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(pattern));
        std::fs::remove_file(&stored).unwrap();
    }
}
