//! `isoready assess --answers FILE [--format json|md]` on good and bad input.

#[path = "support/report_schema.rs"]
mod report_schema;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use report_schema::assert_valid_report;
use serde_json::Value;

fn answers_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/answers")
}

/// `isoready assess --answers FIXTURE ARGS…`, run from the fixture folder.
fn assess(fixture: &str, args: &[&str]) -> Command {
    let mut command = assert_cmd::cargo::cargo_bin_cmd!("isoready");
    command
        .env("NO_COLOR", "1")
        .env_remove("ISOREADY_QUESTIONNAIRE")
        .current_dir(answers_dir())
        .args(["assess", "--answers", fixture])
        .args(args);
    command
}

fn json_report(fixture: &str) -> Value {
    let output = assess(fixture, &[]).assert().success().get_output().clone();
    let report: Value = serde_json::from_slice(&output.stdout).expect("a JSON report");
    assert_valid_report(&report);
    report
}

#[test]
fn the_json_report_follows_the_contract_and_is_deterministic() {
    let report = json_report("healthcare.json");
    assert_eq!(report["tool"]["name"], "isoready");
    assert_eq!(report["questionnaire"]["id"], "isoready-default");
    assert_eq!(report["recommendation"], "both");
    let first = assess("healthcare.json", &[])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let second = assess("healthcare.json", &["--format", "json"])
        .assert()
        .success()
        .stderr(predicate::str::is_empty())
        .get_output()
        .stdout
        .clone();
    assert_eq!(first, second, "byte-identical output");
    let gap = &report["gaps"][0];
    for field in [
        "rank",
        "key",
        "priority",
        "score",
        "title",
        "standards",
        "controls",
        "status",
        "reasons",
        "action",
        "effort",
        "phase",
        "supplementary",
        "questions",
    ] {
        assert!(gap.get(field).is_some(), "gap field {field}");
    }
}

#[test]
fn the_markdown_report_has_the_reader_sections() {
    let output = assess("healthcare.json", &["--format", "md"])
        .assert()
        .success();
    let text = String::from_utf8(output.get_output().stdout.clone()).expect("UTF-8");
    let headings: Vec<&str> = text
        .lines()
        .filter(|line| line.starts_with("## "))
        .collect();
    assert_eq!(
        headings,
        [
            "## Why",
            "## How to go about it",
            "## Start here",
            "## Readiness",
            "## Gaps, most important first",
            "## Roadmap",
            "## Still unanswered"
        ]
    );
    assert!(text.contains("**Recommendation: Both ISO/IEC 27001 and ISO/IEC 42001"));
    assert!(text.contains("| Management system (clauses 4–10) |"));
    // Start here names ten gaps, each with one sentence why.
    let start: Vec<&str> = text
        .split("## Start here\n\n")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .map(|list| list.lines().collect())
        .unwrap_or_default();
    assert_eq!(start.len(), 10, "{start:?}");
    assert!(start.iter().all(|line| line.contains(") — ")), "{start:?}");
    assert!(text.contains("- **ISO 42001: required.**"));
}

#[test]
fn a_session_file_is_accepted_like_an_answers_file() {
    let report = json_report("session.json");
    assert_eq!(report["recommendation"], "iso27001");
    let access = report["gaps"]
        .as_array()
        .map(|gaps| {
            gaps.iter()
                .any(|gap| gap["questions"] == serde_json::json!(["sec.org.access_rights"]))
        })
        .unwrap_or_default();
    assert!(
        !access,
        "the session's implemented answer closes those gaps"
    );
}

#[test]
fn a_value_outside_the_options_names_the_question_and_the_allowed_values() {
    assess("bad-value.json", &[])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(
            "isoready: bad-value.json: 1 problem:\n  answers[\"ai.autonomy\"]: \"sometimes\" is not an option of ai.autonomy; allowed: assistive, human_in_the_loop, human_on_the_loop, autonomous\n",
        );
}

#[test]
fn an_unknown_question_id_suggests_the_closest() {
    assess("unknown-question.json", &["--format", "md"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(
            "answers[\"ai.usage\"]: unknown question ID \"ai.usage\" in questionnaire isoready-default (did you mean \"ai.use\"?)",
        ));
}

#[test]
fn wrong_json_types_are_all_reported_with_what_each_question_takes() {
    assess("wrong-types.json", &[])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::starts_with("isoready: wrong-types.json: 4 problems:\n"))
        .stderr(predicate::str::contains(
            "answers[\"ai.affects_individuals\"]: ai.affects_individuals is a yes/no question: expected true or false, found \"yes\"",
        ))
        .stderr(predicate::str::contains(
            "answers[\"data.categories\"]: data.categories takes a list of options, found \"personal\"; allowed: personal, special_category",
        ))
        .stderr(predicate::str::contains(
            "answers[\"ms.planning.risk_isms\"]: the number 3 is not a readiness level; allowed: not_started, planned",
        ))
        .stderr(predicate::str::contains(
            "answers[\"org.sector\"]: org.sector takes one option as a string, found an object; allowed: healthcare,",
        ));
    assess("answers-not-an-object.json", &[])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr("isoready: answers-not-an-object.json:1:13: invalid type: sequence, expected a map (at answers)\n");
}

#[test]
fn a_file_that_is_not_an_object_or_has_an_empty_choice_is_bad_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    let list = dir.path().join("list.json");
    std::fs::write(
        &list,
        "[\"isoready-default\", {\"ai.use\": [\"develops\"]}]",
    )
    .expect("write");
    let mut command = assert_cmd::cargo::cargo_bin_cmd!("isoready");
    command
        .env("NO_COLOR", "1")
        .args(["assess", "--answers"])
        .arg(&list)
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(
            "$: expected a JSON object with \"answers\"",
        ))
        .stderr(predicate::str::contains("found a list"));
    let empty = dir.path().join("empty.json");
    std::fs::write(&empty, r#"{"answers": {"data.categories": []}}"#).expect("write");
    let mut command = assert_cmd::cargo::cargo_bin_cmd!("isoready");
    command
        .env("NO_COLOR", "1")
        .args(["assess", "--answers"])
        .arg(&empty)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "answers[\"data.categories\"]: data.categories needs at least one option (\"none\" says none applies)",
        ));
}

#[test]
fn malformed_json_reports_line_and_column() {
    assess("malformed.json", &[])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::starts_with(
            "isoready: malformed.json:3:5: expected `,` or `}`",
        ));
}

#[test]
fn none_cannot_be_combined_and_answers_belong_to_their_questionnaire() {
    assess("exclusive.json", &[])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(
            "\"none\" cannot be combined with other options of data.categories",
        ));
    assess("other-questionnaire.json", &[])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(
            "answers were given to questionnaire \"someone-elses\"",
        ));
}

#[test]
fn an_ignored_answer_is_a_warning_on_stderr_and_the_report_still_goes_to_stdout() {
    let output = assess("hidden-answer.json", &[])
        .assert()
        .success()
        .stderr("warning: hidden-answer.json: answers[\"ai.autonomy\"] is ignored: the question is not asked for these answers or at this depth\n")
        .get_output()
        .clone();
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(report["recommendation"], "none");
    assert_valid_report(&report);
}

#[test]
fn a_missing_answers_file_is_a_run_time_failure_naming_it() {
    assess("no-such-file.json", &[])
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("cannot read no-such-file.json"));
}

#[test]
fn a_questionnaire_file_replaces_the_default() {
    let questionnaire = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/questionnaires/valid/minimal.json");
    let dir = tempfile::tempdir().expect("temp dir");
    let answers = dir.path().join("answers.json");
    std::fs::write(
        &answers,
        r#"{"answers": {"org.certifications": ["none"], "data.categories": ["personal"],
            "ai.use": ["none"], "drivers.requests": ["none"], "sec.policy": "partial"}}"#,
    )
    .expect("write answers");
    let output = assert_cmd::cargo::cargo_bin_cmd!("isoready")
        .env("NO_COLOR", "1")
        .env("ISOREADY_QUESTIONNAIRE", &questionnaire)
        .args(["assess", "--answers"])
        .arg(&answers)
        .assert()
        .success()
        .get_output()
        .clone();
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_valid_report(&report);
    assert_eq!(report["questionnaire"]["id"], "fixture");
    assert_eq!(report["recommendation"], "iso27001");
    assert_eq!(
        report["missing"],
        serde_json::json!(["ai.autonomy", "ai.affects_individuals", "sec.cloud"])
    );
}

#[test]
fn every_bad_exclusion_is_bad_input_naming_exclusions_and_the_key() {
    for (fixture, place, expected) in [
        (
            "exclusions-unknown-control.json",
            "exclusions[\"iso27001:A.7.99\"]",
            "names no Annex A control of ISO/IEC 27001:2022",
        ),
        (
            "exclusions-clause.json",
            "exclusions[\"iso27001:9.2.1\"]",
            "clauses 4–10 are required for certification and cannot be excluded",
        ),
        (
            "exclusions-bad-key.json",
            "exclusions[\"A.7.4\"]",
            "does not name its standard: expected \"<standard>:<Annex A control>\"",
        ),
        (
            "exclusions-empty-justification.json",
            "exclusions[\"iso27001:A.7.4\"]",
            "the justification of exclusion \"iso27001:A.7.4\" is empty",
        ),
        (
            "exclusions-wrong-type.json",
            "exclusions[\"iso27001:A.7.4\"]",
            "takes its justification as text, found a boolean",
        ),
        (
            "exclusions-not-an-object.json",
            "exclusions",
            "expected an object of \"<standard>:<Annex A control>\": \"justification\" pairs",
        ),
    ] {
        assess(fixture, &[])
            .assert()
            .code(2)
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::starts_with(format!(
                "isoready: {fixture}: 1 problem:\n  {place}: "
            )))
            .stderr(predicate::str::contains(expected));
    }
}

#[test]
fn exclusions_and_controls_to_confirm_are_in_the_report() {
    let report = json_report("exclusions.json");
    let excluded: Vec<(&str, &str)> = report["exclusions"]
        .as_array()
        .expect("exclusions")
        .iter()
        .map(|e| {
            (
                e["id"].as_str().unwrap(),
                e["question"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        excluded,
        [
            ("A.7.1", "-"),
            ("A.7.2", "-"),
            ("A.7.4", "sec.physical.monitoring")
        ]
    );
    let confirm: Vec<&str> = report["to_confirm"]
        .as_array()
        .expect("to_confirm")
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    // The grouped question covers A.7.1–A.7.3; two are excluded with their own reasons.
    assert_eq!(confirm, ["A.7.3"]);
    assert!(
        report["to_confirm"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["reason"] == "grouped_answer"
                && c["question"] == "sec.physical.perimeters_entry")
    );
    // The grouped answer is explained on stderr; the report still goes to stdout.
    assess("exclusions.json", &[])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "answers[\"sec.physical.perimeters_entry\"] is not_applicable, but it covers several controls and excludes none of them by itself: iso27001:A.7.3 stays to confirm",
        ));
    let output = assess("exclusions.json", &["--format", "md"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let markdown = String::from_utf8(output).expect("UTF-8");
    assert!(markdown.contains("## Statement of Applicability: exclusions"));
    assert!(markdown.contains("| ISO 27001 A.7.4 Physical security monitoring | The landlord's CCTV covers the building; there is nothing of ours to monitor. | note on `sec.physical.monitoring` |"), "{markdown}");
    assert!(markdown.contains("- ISO 27001 A.7.3 Securing offices, rooms and facilities: answered not applicable for a group of controls;"));
}
