//! `isoready controls`: listing, searching and showing catalog items.

use std::io::{self, Write};
use std::path::PathBuf;

use assert_cmd::Command;
use isoready::cli::{ControlsArgs, ListFormat};
use predicates::prelude::*;
use serde_json::Value;

fn isoready() -> Command {
    let mut command = assert_cmd::cargo::cargo_bin_cmd!("isoready");
    command.env("NO_COLOR", "1");
    command.env_remove("ISOREADY_QUESTIONNAIRE");
    command
}

fn stdout_of(args: &[&str]) -> String {
    let output = isoready()
        .args(args)
        .assert()
        .success()
        .get_output()
        .clone();
    String::from_utf8(output.stdout).expect("stdout is UTF-8")
}

fn json_of(args: &[&str]) -> Vec<Value> {
    serde_json::from_str(&stdout_of(args)).expect("controls --format json prints a JSON list")
}

fn reference(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reference")
        .join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read the reference {} ({error})", path.display()));
    serde_json::from_str(&text).expect("reference JSON")
}

fn str_of<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key].as_str().unwrap_or_default()
}

#[test]
fn the_table_lists_both_catalogs_with_headings_marked() {
    let out = stdout_of(&["controls"]);
    let mut lines = out.lines();
    let header = lines.next().unwrap_or_default();
    assert!(header.starts_with("STANDARD  ID"), "{header}");
    assert!(header.ends_with("TITLE"), "{header}");
    assert!(out.contains("iso27001  A.5.23   Information security for use of cloud services"));
    assert!(out.contains("iso42001  A.6.2.8  AI system recording of event logs"));
    assert!(out.contains("Actions to address risks and opportunities (heading)"));
    // 27001: 34 clauses + 93 controls; 42001: 36 clauses + 38 controls.
    assert_eq!(out.lines().last(), Some("201 items"));
}

#[test]
fn the_standard_option_keeps_one_catalog() {
    let out = stdout_of(&["controls", "--standard", "iso27001"]);
    assert_eq!(out.lines().last(), Some("127 items"));
    assert!(!out.contains("iso42001"));
}

#[test]
fn iso42001_json_lists_every_clause_and_control_with_the_reference_ids_and_titles() {
    let reference = reference("iso42001-2023.json");
    let expected: Vec<(String, String)> = ["clauses", "annex_a"]
        .iter()
        .flat_map(|key| reference[*key].as_array().cloned().unwrap_or_default())
        .map(|entry| {
            (
                str_of(&entry, "id").to_owned(),
                str_of(&entry, "title").to_owned(),
            )
        })
        .collect();
    assert_eq!(expected.len(), 36 + 38, "reference shape changed");
    let listed = json_of(&["controls", "--standard", "iso42001", "--format", "json"]);
    let actual: Vec<(String, String)> = listed
        .iter()
        .map(|entry| {
            (
                str_of(entry, "id").to_owned(),
                str_of(entry, "title").to_owned(),
            )
        })
        .collect();
    assert_eq!(actual, expected);
    assert!(listed.iter().all(|entry| entry["standard"] == "iso42001"));
    let impact = listed.iter().find(|entry| entry["id"] == "6.1.4");
    assert_eq!(
        impact.map(|entry| entry["kind"].clone()),
        Some("clause".into())
    );
    assert!(impact.is_some_and(|entry| entry["ai_specific"].is_string()));
}

#[test]
fn iso27001_json_uses_the_a_prefix_of_the_reference() {
    let reference = reference("iso27001-2022.json");
    let refs: Vec<&str> = reference["annex_a"]
        .as_array()
        .map(|controls| controls.iter().map(|c| str_of(c, "ref")).collect())
        .unwrap_or_default();
    let listed = json_of(&["controls", "--standard", "iso27001", "--format", "json"]);
    let controls: Vec<&str> = listed
        .iter()
        .filter(|entry| entry["kind"] == "control")
        .map(|entry| str_of(entry, "id"))
        .collect();
    assert_eq!(controls, refs);
}

#[test]
fn search_matches_id_title_or_summary_case_insensitively() {
    let listed = json_of(&["controls", "--search", "LOGGING", "--format", "json"]);
    assert!(!listed.is_empty());
    for entry in &listed {
        let haystack = format!(
            "{} {} {}",
            str_of(entry, "id"),
            str_of(entry, "title"),
            str_of(entry, "summary")
        )
        .to_lowercase();
        assert!(haystack.contains("logging"), "{entry}");
    }
    assert!(listed.iter().any(|entry| entry["id"] == "A.8.15"));
    let table = stdout_of(&["controls", "--search", "logging"]);
    assert_eq!(
        table.lines().count(),
        listed.len() + 2,
        "header, rows, count"
    );
}

#[test]
fn a_search_without_match_says_so_and_succeeds() {
    let out = stdout_of(&["controls", "--search", "no such words anywhere"]);
    assert_eq!(out.lines().last(), Some("0 items"));
}

#[test]
fn showing_a_27001_control_lists_its_42001_partner() {
    let out = stdout_of(&["controls", "A.8.15"]);
    assert!(out.starts_with("ISO 27001 A.8.15 — Logging\n"), "{out}");
    assert!(out.contains("Auditor looks for:"));
    assert!(out.contains("Next action:"));
    assert!(
        out.contains("ISO 42001 A.6.2.8 AI system recording of event logs (intersect)"),
        "{out}"
    );
    assert!(
        !out.contains("ISO 42001 A.6.2.8 —"),
        "only the 27001 control is shown"
    );
}

#[test]
fn a_prefixed_42001_id_shows_only_that_item_and_lower_case_works() {
    for query in ["iso42001:A.6.2.8", "ISO42001:a.6.2.8"] {
        let out = stdout_of(&["controls", query]);
        assert!(out.starts_with("ISO 42001 A.6.2.8 — AI system recording of event logs\n"));
        assert!(
            out.contains("ISO 27001 A.8.15 Logging (intersect)"),
            "{out}"
        );
        assert!(!out.contains("ISO 27001 A.8.15 —"));
    }
}

#[test]
fn a_shared_clause_number_shows_both_standards() {
    let listed = json_of(&["controls", "6.1.2", "--format", "json"]);
    let standards: Vec<&str> = listed.iter().map(|e| str_of(e, "standard")).collect();
    assert_eq!(standards, ["iso27001", "iso42001"]);
    let partner = &listed[0]["partners"][0];
    assert_eq!(
        (str_of(partner, "standard"), str_of(partner, "id")),
        ("iso42001", "6.1.2")
    );
}

#[test]
fn an_ai_specific_control_says_it_has_no_counterpart() {
    let out = stdout_of(&["controls", "A.5.2"]);
    assert!(
        out.contains("Crosswalk: AI-specific, no ISO 27001 counterpart"),
        "{out}"
    );
}

#[test]
fn an_unknown_id_exits_2_with_a_clear_message_and_nothing_on_stdout() {
    isoready()
        .args(["controls", "Z.9"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(
            "unknown clause or control \"Z.9\"",
        ))
        .stderr(predicate::str::contains("A.5.23"));
}

#[test]
fn a_27001_control_without_its_prefix_hints_the_prefixed_id() {
    isoready()
        .args(["controls", "5.23"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("try A.5.23"));
}

#[test]
fn an_unknown_standard_prefix_exits_2() {
    isoready()
        .args(["controls", "iso9001:4.1"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("unknown standard 'iso9001'"));
}

/// A reader that went away (`isoready controls --format json | head`).
struct ClosedPipe;

impl Write for ClosedPipe {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::ErrorKind::BrokenPipe.into())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_closed_pipe_surfaces_as_an_io_error_in_every_format() {
    for format in [ListFormat::Table, ListFormat::Json] {
        let args = ControlsArgs {
            id: None,
            standard: None,
            search: None,
            format,
        };
        let error = isoready::commands::controls::run(&args, &mut ClosedPipe)
            .expect_err("writing to a closed pipe fails");
        // main treats an io::Error of kind BrokenPipe in the chain as a normal exit.
        let broken = error.chain().any(|cause| {
            cause
                .downcast_ref::<io::Error>()
                .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
        });
        assert!(broken, "{format:?}: {error:#}");
    }
}
