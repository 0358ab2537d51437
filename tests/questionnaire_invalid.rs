//! Each invalid questionnaire fixture names its problem and its place, and the
//! `questionnaire validate` command reports them with exit code 2.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use isoready::model::{Problem, Problems, Questionnaire};
use predicates::prelude::*;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/questionnaires")
}

fn parse(name: &str) -> Result<Questionnaire, Problems> {
    let file = format!("invalid/{name}.json");
    let text = std::fs::read_to_string(fixtures().join(&file)).expect("fixture exists");
    Questionnaire::parse(&file, &text)
}

fn invalid(name: &str) -> Vec<Problem> {
    match parse(name) {
        Err(Problems::Invalid { file, problems }) => {
            assert_eq!(file, format!("invalid/{name}.json"));
            problems
        }
        other => panic!("{name}: expected content problems, got {other:?}"),
    }
}

/// One test per fixture whose content parses but breaks a rule: the JSON path of its one
/// problem and part of the message.
macro_rules! content_fixtures {
    ($($name:ident: $path:literal, $message:literal;)*) => {
        const CONTENT: &[&str] = &[$(stringify!($name)),*];
        $(
            #[test]
            fn $name() {
                let problems = invalid(stringify!($name));
                assert_eq!(problems.len(), 1, "{problems:?}");
                assert_eq!(problems[0].path, $path);
                assert!(problems[0].message.contains($message), "{}", problems[0].message);
            }
        )*
    };
}

content_fixtures! {
    duplicate_question_ids: "sections[1].questions[0].id", "duplicate question ID \"a.b\" (first at sections[0].questions[0])";
    duplicate_section_ids: "sections[1].id", "duplicate section ID \"s\"";
    unknown_control: "sections[0].questions[0].maps[0].id", "unknown clause or control \"A.9.9\" in iso27001";
    missing_a_prefix: "sections[0].questions[0].maps[1].id", "take the \"A.\" prefix, did you mean \"A.5.23\"?";
    heading_mapped: "sections[0].questions[0].maps[0].id", "iso42001 6.1 is a heading, not an assessable item";
    map_outside_standards: "sections[0].questions[0].maps[0].standard", "maps iso42001 A.2.2, but the question's standards (iso27001) do not include iso42001";
    condition_unknown_question: "sections[0].questions[1].when.equals.question", "condition refers to unknown question \"x.y\"";
    condition_later_question: "sections[0].questions[0].when.not.equals.question", "\"b\", which is not asked before this point";
    duplicate_option_values: "sections[0].questions[0].options[2].value", "duplicate option value \"x\" in \"a\"";
    empty_section: "sections[1].questions", "section \"later\" is empty: expected at least one question";
    maturity_without_maps: "sections[0].questions[0].maps", "maturity question \"m\" maps no clause or control";
    scoping_block_changed: "sections[0].questions[0].kind", "scoping question ai.use must be multi (the recommendation rules read it), found single";
    in_scope_before_scoping: "sections[0].questions[0].when", "in_scope is used before the scoping question(s) it depends on: org.certifications, data.categories, ai.use";
    in_scope_without_scoping: "sections[0].when", "in_scope needs the scoping questions";
    condition_value_not_an_option: "sections[0].questions[1].when.or[0].any_of.values[1]", "\"maybe\" is not an option of \"a\"; allowed: x, y";
    exclusive_in_single: "sections[0].questions[0].options[1].exclusive", "only options of a multi question can be exclusive";
    equals_wrong_type: "sections[0].questions[1].when.equals.value", "does not fit single question \"a\": expected one of its options (x, y)";
    equals_on_multi: "sections[0].questions[1].when.equals.value", "expected any_of or all_of, not equals";
    equals_not_a_level: "sections[0].questions[1].when.equals.value", "expected a readiness level (not_started, planned";
    any_of_on_yes_no: "sections[0].questions[1].when.any_of.question", "any_of needs a single or multi question";
    options_on_yes_no: "sections[0].questions[0].options", "only single and multi questions take options";
    too_few_options: "sections[0].questions[0].options", "a single question needs at least two options";
    invalid_question_id: "sections[0].questions[0].id", "invalid question ID \"Org Sector\"";
    pairs_with_unknown: "sections[0].questions[1].pairs_with", "pairs_with refers to unknown question \"x.y\"";
    pairs_with_not_preceding: "sections[0].questions[2].pairs_with", "pairs_with \"a\" is not the question immediately before this one (\"b\" is)";
    pairs_with_other_section: "sections[1].questions[0].pairs_with", "pairs_with \"a\" is in section \"s\", not \"t\"";
    pairs_with_paired_lead: "sections[0].questions[2].pairs_with", "\"b\" is itself paired with \"a\": the lead of a pair may not be paired";
    pairs_with_other_depth: "sections[0].questions[1].depth", "a paired question has its lead's depth: \"a\" is quick, this one full";
    replaces_current_id: "sections[0].questions[1].replaces[1]", "\"a\" is a question of this questionnaire";
    replaces_overlap: "sections[0].questions[1].replaces[0]", "\"old.ab\" is also replaced by \"a\" (sections[0].questions[0]) and both map iso27001 A.5.2";
}

/// One test per fixture that is not well-formed or has a wrong type: line, column, JSON path
/// and part of the message.
macro_rules! syntax_fixtures {
    ($($name:ident: $line:literal : $column:literal, $path:literal, $message:literal;)*) => {
        const SYNTAX: &[&str] = &[$(stringify!($name)),*];
        $(
            #[test]
            fn $name() {
                check_syntax(stringify!($name), ($line, $column), $path, $message);
            }
        )*
    };
}

syntax_fixtures! {
    malformed: 4:3, "", "expected `,` or `}`";
    wrong_type: 3:14, "version", "invalid type: integer `1`, expected a string";
    unknown_kind: 12:26, "sections[0].questions[0].kind", "unknown variant `slider`";
    unknown_field: 13:17, "sections[0].questions[0].promt", "unknown field `promt`";
}

fn check_syntax(name: &str, place: (usize, usize), path: &str, message: &str) {
    let error = parse(name).expect_err("an invalid fixture");
    let shown = error.to_string();
    let Problems::Syntax {
        file,
        line,
        column,
        path: at,
        message: what,
    } = error
    else {
        panic!("{name}: expected a syntax problem, got {shown}");
    };
    assert_eq!(file, format!("invalid/{name}.json"));
    assert_eq!((line, column), place, "line:column");
    assert_eq!(at, path, "JSON path");
    assert!(what.contains(message), "{what}");
    assert!(
        shown.starts_with(&format!("{file}:{line}:{column}: ")),
        "{shown}"
    );
}

/// Fixtures with several problems, tested on their own below.
const SEVERAL: &[&str] = &["several_errors", "empty_id_and_prompt"];

#[test]
fn a_file_with_several_problems_reports_all_of_them_in_order() {
    let problems = invalid("several_errors");
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "sections[0].questions[1].id",
            "sections[0].questions[2].options[1].value",
            "sections[0].questions[3].maps[0].id",
            "sections[0].questions[4].when.equals.question",
            "sections[1].questions",
        ]
    );
    let shown = Problems::Invalid {
        file: "f.json".into(),
        problems,
    }
    .to_string();
    assert!(shown.starts_with("f.json: 5 problems:\n  sections[0].questions[1].id: duplicate"));
    let problems = invalid("empty_id_and_prompt");
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["id", "sections[0].questions[0].prompt"]);
}

#[test]
fn every_invalid_fixture_has_a_case() {
    let covered: BTreeSet<String> = CONTENT
        .iter()
        .chain(SYNTAX)
        .chain(SEVERAL)
        .map(|name| format!("{name}.json"))
        .collect();
    let present: BTreeSet<String> = std::fs::read_dir(fixtures().join("invalid"))
        .expect("fixture folder")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(present, covered);
}

#[test]
fn the_valid_fixture_parses() {
    let text = std::fs::read_to_string(fixtures().join("valid/minimal.json")).expect("fixture");
    let questionnaire = Questionnaire::parse("minimal.json", &text).expect("valid");
    assert_eq!(questionnaire.questions().count(), 8);
}

fn isoready() -> Command {
    let mut command = assert_cmd::cargo::cargo_bin_cmd!("isoready");
    command
        .env("NO_COLOR", "1")
        .env_remove("ISOREADY_QUESTIONNAIRE");
    command.current_dir(fixtures());
    command
}

#[test]
fn validate_accepts_the_default_and_a_valid_file() {
    let default = Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires/default.json");
    isoready()
        .args(["questionnaire", "validate"])
        .arg(&default)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "valid — questionnaire isoready-default version 2",
        ))
        .stderr(predicate::str::is_empty());
    isoready()
        .args(["questionnaire", "validate", "valid/minimal.json"])
        .assert()
        .success()
        .stdout("valid/minimal.json: valid — questionnaire fixture version 1, 2 sections, 8 questions (8 quick, 0 full depth)\n");
}

#[test]
fn validate_exits_2_naming_the_file_and_every_problem() {
    isoready()
        .args(["questionnaire", "validate", "invalid/several_errors.json"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::starts_with(
            "isoready: invalid/several_errors.json: 5 problems:\n",
        ))
        .stderr(predicate::str::contains(
            "  sections[1].questions: section \"empty\" is empty",
        ));
    isoready()
        .args(["questionnaire", "validate", "invalid/malformed.json"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr("isoready: invalid/malformed.json:4:3: expected `,` or `}`\n");
}

#[test]
fn validate_of_a_missing_file_is_a_run_time_failure_naming_it() {
    isoready()
        .args(["questionnaire", "validate", "no/such/file.json"])
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("cannot read no/such/file.json"));
}

#[test]
fn an_invalid_questionnaire_option_or_variable_stops_every_command_that_uses_it() {
    let answers =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/answers/healthcare.json");
    isoready()
        .args([
            "--questionnaire",
            "invalid/empty_section.json",
            "assess",
            "--answers",
        ])
        .arg(&answers)
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(
            "invalid/empty_section.json: 1 problem",
        ));
    isoready()
        .env("ISOREADY_QUESTIONNAIRE", "invalid/wrong_type.json")
        .args(["assess", "--answers"])
        .arg(&answers)
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("invalid/wrong_type.json:3:14:"));
}
