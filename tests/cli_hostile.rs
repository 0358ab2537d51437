//! Hostile content through the command line: control characters in what a file or a person
//! supplied never reach stdout, stderr or an exported file, and an export never replaces
//! anything but a regular file.
#![cfg(unix)]

use std::os::unix::fs::{FileTypeExt, symlink};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

/// Terminal reset, an OSC title change, a DCS string, C1 CSI, DEL, a lone CR and NUL.
const HOSTILE: &str = "Evil\u{1b}c\u{1b}]0;owned\u{7}\u{1b}Pq\u{1b}\\\u{9b}2J\u{7f}\rX\u{0}Co";

fn isoready(data: &Path) -> Command {
    let mut command = assert_cmd::cargo::cargo_bin_cmd!("isoready");
    command
        .env("NO_COLOR", "1")
        .env("ISOREADY_DATA_DIR", data)
        .current_dir(data.parent().unwrap());
    command
}

fn fixture(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// Whether `bytes` hold a control character a terminal would act on: C0 but tab, newline and
/// the CR of CRLF, DEL, or C1 (U+0080..U+009F in UTF-8).
fn has_controls(bytes: &[u8]) -> bool {
    bytes.iter().enumerate().any(|(at, &byte)| match byte {
        b'\t' | b'\n' => false,
        b'\r' => bytes.get(at + 1) != Some(&b'\n'),
        0x00..=0x1F | 0x7F => true,
        0xC2 => bytes
            .get(at + 1)
            .is_some_and(|next| (0x80..=0x9F).contains(next)),
        _ => false,
    })
}

/// The text of every file in a workbook (a zip package of XML), one after the other.
fn workbook_text(path: &Path) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = Vec::new();
    for index in 0..archive.len() {
        std::io::Read::read_to_end(&mut archive.by_index(index).unwrap(), &mut text).unwrap();
    }
    text
}

/// A session file whose client, assessor and a note carry [`HOSTILE`], imported into `data`.
fn import_hostile(dir: &Path, data: &Path) -> String {
    let text = std::fs::read_to_string(fixture("sessions/export-both.json")).unwrap();
    let mut session: serde_json::Value = serde_json::from_str(&text).unwrap();
    session["client"] = HOSTILE.into();
    session["assessor"] = HOSTILE.into();
    session["notes"]["ai.use"] = HOSTILE.into();
    let file = dir.join("hostile.json");
    std::fs::write(&file, serde_json::to_vec(&session).unwrap()).unwrap();
    let output = isoready(data).arg("import").arg(&file).output().unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(!has_controls(&output.stdout), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    text.split("session ")
        .nth(1)
        .and_then(|rest| rest.strip_suffix(".\n"))
        .unwrap()
        .to_owned()
}

#[test]
fn the_detector_sees_every_attack() {
    for attack in ["\u{1b}c", "\u{9b}", "\u{7f}", "a\rb", "\u{0}"] {
        assert!(has_controls(attack.as_bytes()), "{attack:?}");
    }
    assert!(!has_controls("a\tb\r\nc\u{e9}\u{a0}".as_bytes()));
}

#[test]
fn stored_text_reaches_no_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let id = import_hostile(dir.path(), &data);
    for args in [
        vec!["sessions", "show", &id],
        vec!["sessions", "show", &id, "--format", "json"],
        vec!["sessions", "list"],
        vec!["sessions", "list", "--format", "json"],
    ] {
        let output = isoready(&data).args(&args).output().unwrap();
        assert!(!has_controls(&output.stdout), "{args:?}: {output:?}");
        assert!(!has_controls(&output.stderr), "{args:?}: {output:?}");
        assert!(output.status.success(), "{args:?}: {output:?}");
    }
}

#[test]
fn exported_files_hold_no_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let id = import_hostile(dir.path(), &data);
    for format in [
        "md", "json", "html", "csv", "soa", "soa-csv", "oscal", "xlsx",
    ] {
        let output = dir.path().join(format!("out.{format}"));
        isoready(&data)
            .args(["export", &id, "--format", format, "--output"])
            .arg(&output)
            .assert()
            .success();
        let bytes = match format {
            "xlsx" => workbook_text(&output),
            _ => std::fs::read(&output).unwrap(),
        };
        assert!(!has_controls(&bytes), "{format}");
        // The printable part of the name survives where the format names the client.
        if ["md", "json", "html", "soa", "xlsx"].contains(&format) {
            assert!(String::from_utf8_lossy(&bytes).contains("Evil"), "{format}");
        }
    }
}

#[test]
fn errors_echo_file_content_without_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answers.json");
    let answers = serde_json::json!({ "answers": { HOSTILE: "yes", "org.sector": HOSTILE } });
    std::fs::write(&file, answers.to_string()).unwrap();
    let output = isoready(&dir.path().join("data"))
        .args(["assess", "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(!has_controls(&output.stderr), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains(r"Evilc]0;ownedPq\2JXCo"));
}

#[test]
fn an_export_never_replaces_a_fifo_or_a_symlink_even_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let fifo = dir.path().join("pipe.md");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let target = dir.path().join("target.md");
    std::fs::write(&target, "keep me").unwrap();
    let link = dir.path().join("link.md");
    symlink(&target, &link).unwrap();

    for (path, kind) in [(&fifo, "a FIFO"), (&link, "a symbolic link")] {
        isoready(&data)
            .args(["export", "--format", "md", "--force", "--answers"])
            .arg(fixture("sessions/export-both.json"))
            .arg("--output")
            .arg(path)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "is {kind}, not a regular file"
            )));
    }
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
}

/// Runs isoready with a reader that goes away before anything is written: exit 0, nothing on
/// stderr.
fn assert_ends_quietly_into_a_closed_pipe(args: &[&str], data: &Path) {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("isoready"))
        .args(args)
        .env("ISOREADY_DATA_DIR", data)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{args:?}: {output:?}");
    assert!(output.stderr.is_empty(), "{args:?}: {output:?}");
}

#[test]
fn completions_into_a_closed_pipe_end_quietly() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["fish", "bash", "zsh"] {
        assert_ends_quietly_into_a_closed_pipe(&["completions", shell], &dir.path().join("data"));
    }
}

#[test]
fn an_input_file_past_the_size_limit_is_refused_without_reading_it_all() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("huge.json");
    // Sparse: no disk space is used; it stands in for a link to an endless device.
    std::fs::File::create(&file)
        .unwrap()
        .set_len(65 * 1024 * 1024)
        .unwrap();
    isoready(&dir.path().join("data"))
        .args(["assess", "--answers"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("larger than 64 MiB"));
}

#[test]
fn an_import_the_store_could_not_read_back_is_refused_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("long-note.json");
    let answers = serde_json::json!({
        "answers": { "org.sector": "healthcare" },
        "notes": { "org.sector": "x".repeat(20 * 1024 * 1024) }
    });
    std::fs::write(&file, answers.to_string()).unwrap();
    isoready(&data)
        .arg("import")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a session file is at most 16 MiB"));
    let stored = std::fs::read_dir(&data).map_or(0, |entries| entries.count());
    assert_eq!(stored, 0, "nothing half-stored");
}

#[test]
fn every_listing_into_a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    import_hostile(dir.path(), &data);
    for args in [
        &["sessions", "list", "--format", "json"][..],
        &["sessions", "list"],
        &["controls", "--format", "json"],
    ] {
        assert_ends_quietly_into_a_closed_pipe(args, &data);
    }
}
