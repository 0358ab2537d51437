//! `isoready export` end to end: file names, overwriting, exit codes and determinism.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use isoready::cli::{ExportArgs, ExportFormat};
use isoready::commands::export::export_stored;
use isoready::export::ExportSession;
use isoready::export::{Format, Naming, default_file_name};
use isoready::model::problem::parse_json;
use isoready::model::{Questionnaire, Session};
use predicates::prelude::*;

fn fixture(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

fn isoready(dir: &Path) -> Command {
    let mut command = assert_cmd::cargo::cargo_bin_cmd!("isoready");
    command.env("NO_COLOR", "1").current_dir(dir);
    command
}

fn both() -> PathBuf {
    fixture("sessions/export-both.json")
}

const FORMATS: [(&str, &str); 8] = [
    ("md", "md"),
    ("json", "json"),
    ("html", "html"),
    ("csv", "csv"),
    ("soa", "soa.md"),
    ("soa-csv", "soa.csv"),
    ("oscal", "oscal.json"),
    ("xlsx", "xlsx"),
];

#[test]
fn every_format_gets_its_default_name_and_the_path_is_printed() {
    let dir = tempfile::tempdir().unwrap();
    for (format, extension) in FORMATS {
        let name = format!("st-marys-clinics-north-west-2026-01-15-isoready.{extension}");
        isoready(dir.path())
            .args(["export", "--answers"])
            .arg(both())
            .args(["--format", format])
            .assert()
            .success()
            .stdout(format!("{name}\n"))
            .stderr(predicate::str::contains("aims.data.management"));
        assert!(dir.path().join(&name).is_file(), "{name}");
    }
}

#[test]
fn an_existing_file_is_kept_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("summary.md");
    std::fs::write(&output, "keep me").unwrap();
    isoready(dir.path())
        .args(["export", "--format", "md", "--answers"])
        .arg(both())
        .arg("--output")
        .arg(&output)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("already exists: pass --force"));
    assert_eq!(std::fs::read_to_string(&output).unwrap(), "keep me");
    isoready(dir.path())
        .args(["export", "--format", "md", "--force", "--answers"])
        .arg(both())
        .arg("--output")
        .arg(&output)
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&output)
            .unwrap()
            .starts_with("# Readiness assessment — St. Mary's Clinics")
    );
}

#[test]
fn exporting_twice_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    for (format, _) in FORMATS {
        let mut outputs = Vec::new();
        for run in 0..2 {
            let output = dir.path().join(format!("{format}-{run}"));
            isoready(dir.path())
                .args(["export", "--format", format, "--answers"])
                .arg(both())
                .arg("--output")
                .arg(&output)
                .assert()
                .success();
            outputs.push(std::fs::read(&output).unwrap());
        }
        assert_eq!(outputs[0], outputs[1], "{format}");
    }
}

#[test]
fn a_json_export_exports_again_to_the_same_json() {
    let dir = tempfile::tempdir().unwrap();
    for source in [both(), fixture("answers/healthcare.json")] {
        let first = dir.path().join("first.json");
        let second = dir.path().join("second.json");
        for (input, output) in [(&source, &first), (&first, &second)] {
            isoready(dir.path())
                .args(["export", "--format", "json", "--force", "--answers"])
                .arg(input)
                .arg("--output")
                .arg(output)
                .assert()
                .success();
        }
        assert_eq!(
            std::fs::read_to_string(&first).unwrap(),
            std::fs::read_to_string(&second).unwrap(),
            "{}",
            source.display()
        );
    }
}

#[test]
fn an_output_directory_gets_the_default_name() {
    let dir = tempfile::tempdir().unwrap();
    isoready(dir.path())
        .args(["export", "--format", "csv", "--output", ".", "--answers"])
        .arg(fixture("sessions/export-27001.json"))
        .assert()
        .success()
        .stdout("./müller-söhne-gmbh-zürich-2026-02-03-isoready.csv\n");
}

#[test]
fn a_plain_answers_file_is_named_after_its_file_and_date() {
    let dir = tempfile::tempdir().unwrap();
    let assert = isoready(dir.path())
        .args(["export", "--format", "html", "--answers"])
        .arg(fixture("answers/healthcare.json"))
        .assert()
        .success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let name = stdout.trim_end();
    assert!(name.starts_with("healthcare-20") && name.ends_with("-isoready.html"));
    let html = std::fs::read_to_string(dir.path().join(name)).unwrap();
    assert!(html.contains("<dt>Date</dt><dd>—</dd>"));
}

#[test]
fn oscal_of_a_plain_answers_file_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    isoready(dir.path())
        .args(["export", "--format", "oscal", "--answers"])
        .arg(fixture("answers/healthcare.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "OSCAL needs the session's ID and dates",
        ));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn invalid_answers_are_bad_input_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("bad.json");
    std::fs::write(&answers, r#"{"answers": {"org.sector": "farming"}}"#).unwrap();
    isoready(dir.path())
        .args(["export", "--format", "md", "--answers"])
        .arg(&answers)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("org.sector").and(predicate::str::contains("healthcare")));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn export_latest_without_sessions_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    isoready(dir.path())
        .args(["export", "latest", "--format", "md", "--data-dir"])
        .arg(dir.path().join("data"))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("there is no saved session yet"));
}

#[test]
fn an_imported_session_exports_by_id_prefix_like_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let imported = isoready(dir.path())
        .arg("import")
        .arg(both())
        .arg("--data-dir")
        .arg(&data)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let imported = String::from_utf8(imported).unwrap();
    let id = imported
        .split_whitespace()
        .map(|word| word.trim_end_matches('.'))
        .find(|word| word.len() == 36 && word.chars().filter(|c| *c == '-').count() == 4)
        .unwrap_or_else(|| panic!("no session ID in {imported:?}"))
        .to_owned();
    isoready(dir.path())
        .args([
            "export",
            &id[..8],
            "--format",
            "csv",
            "--output",
            "stored.csv",
            "--data-dir",
        ])
        .arg(&data)
        .assert()
        .success()
        .stdout("stored.csv\n");
    isoready(dir.path())
        .args([
            "export",
            "--format",
            "csv",
            "--output",
            "file.csv",
            "--answers",
        ])
        .arg(both())
        .assert()
        .success();
    let stored = std::fs::read_to_string(dir.path().join("stored.csv")).unwrap();
    let file = std::fs::read_to_string(dir.path().join("file.csv")).unwrap();
    assert_eq!(
        stored, file,
        "the gap list of the stored copy equals that of its file"
    );
}

#[test]
fn a_stored_session_exports_like_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(both()).unwrap();
    let session: Session = parse_json("both", &text).unwrap();
    let questionnaire = Questionnaire::parse("default", Questionnaire::embedded_text()).unwrap();
    let stored = dir.path().join("stored.html");
    let args = ExportArgs {
        id: Some(session.id.clone()),
        answers: None,
        format: ExportFormat::Html,
        output: Some(stored.clone()),
        force: false,
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    export_stored(&session, None, &args, &questionnaire, &mut out, &mut err).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        format!("{}\n", stored.display())
    );
    assert!(String::from_utf8(err).unwrap().contains("session 01943a7e"));
    let from_file = dir.path().join("file.html");
    isoready(dir.path())
        .args(["export", "--format", "html", "--answers"])
        .arg(both())
        .arg("--output")
        .arg(&from_file)
        .assert()
        .success();
    assert_eq!(
        std::fs::read(stored).unwrap(),
        std::fs::read(from_file).unwrap()
    );
}

#[test]
fn default_names_are_safe_on_any_file_system() {
    let text = std::fs::read_to_string(both()).unwrap();
    let session: Session = parse_json("both", &text).unwrap();
    let mut export = ExportSession::from_session(&session);
    let naming = Naming {
        fallback: "answers".to_owned(),
        date: Some("2020-01-01".to_owned()),
    };
    let name = |export: &ExportSession| default_file_name(export, &naming, Format::Json);
    export.client = "  CON: <Acme>/\\ \"Data\" *?|  ".to_owned();
    assert_eq!(name(&export), "con-acme-data-2026-01-15-isoready.json");
    export.client = "O’Brien & Co.".to_owned();
    assert_eq!(name(&export), "obrien-co-2026-01-15-isoready.json");
    export.client = "東京 AI ラボ".to_owned();
    assert_eq!(name(&export), "東京-ai-ラボ-2026-01-15-isoready.json");
    export.client = "x".repeat(200);
    assert_eq!(
        name(&export),
        format!("{}-2026-01-15-isoready.json", "x".repeat(60))
    );
    export.client = "../..".to_owned();
    export.updated = None;
    export.created = None;
    assert_eq!(name(&export), "answers-2020-01-01-isoready.json");
    let nothing = Naming {
        fallback: "…".to_owned(),
        date: None,
    };
    assert_eq!(
        default_file_name(&export, &nothing, Format::Oscal),
        "assessment-isoready.oscal.json"
    );
}

#[test]
fn an_export_reports_at_the_session_depth_like_sessions_show() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(both()).unwrap();
    let mut session: serde_json::Value = serde_json::from_str(&text).unwrap();
    session["depth"] = serde_json::json!("full");
    let answers = session["answers"].as_object_mut().unwrap();
    answers.retain(|id, _| {
        !id.starts_with("ms.") && !id.starts_with("sec.") && !id.starts_with("aims.")
    });
    let file = dir.path().join("full.json");
    std::fs::write(&file, session.to_string()).unwrap();
    let data = dir.path().join("data");
    isoready(dir.path())
        .arg("import")
        .arg(&file)
        .arg("--data-dir")
        .arg(&data)
        .assert()
        .success();
    let shown = isoready(dir.path())
        .args([
            "sessions",
            "show",
            "latest",
            "--format",
            "json",
            "--data-dir",
        ])
        .arg(&data)
        .output()
        .unwrap();
    let shown: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    isoready(dir.path())
        .args([
            "export",
            "latest",
            "--format",
            "json",
            "--output",
            "out.json",
            "--data-dir",
        ])
        .arg(&data)
        .assert()
        .success();
    let exported: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.json")).unwrap())
            .unwrap();
    let missing = |report: &serde_json::Value| report["missing"].as_array().map(Vec::len);
    assert!(
        missing(&shown).unwrap_or(0) > 100,
        "a full-depth session asks every item"
    );
    assert_eq!(missing(&exported["report"]), missing(&shown));
}

#[cfg(unix)]
#[test]
fn force_replaces_an_open_file_with_a_private_one() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("report.md");
    std::fs::write(&target, "old").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644)).unwrap();
    isoready(dir.path())
        .args([
            "export",
            "--format",
            "md",
            "--output",
            "report.md",
            "--force",
            "--answers",
        ])
        .arg(both())
        .assert()
        .success();
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        mode, 0o600,
        "the client's answers are not left readable by others"
    );
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("# Readiness assessment")
    );
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|entry| {
            entry
                .as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".isoready-")
        })
        .count();
    assert_eq!(leftovers, 0, "no temp file is left behind");
}

#[cfg(unix)]
#[test]
fn a_workbook_is_written_private_and_never_over_a_file_without_force() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("client.xlsx");
    std::fs::write(&target, "the client's own edits").unwrap();
    let export = |force: bool| {
        let mut command = isoready(dir.path());
        command
            .args(["export", "--format", "xlsx", "--output", "client.xlsx"])
            .arg("--answers")
            .arg(both());
        if force {
            command.arg("--force");
        }
        command.assert()
    };
    export(false)
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("already exists: pass --force"));
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "the client's own edits"
    );
    export(true).success().stdout("client.xlsx\n");
    let bytes = std::fs::read(&target).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip package");
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}
