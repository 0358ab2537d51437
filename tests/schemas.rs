//! The JSON Schemas kept in the repository stay in sync with the types they describe, and the
//! files they describe validate against them.
//!
//! To regenerate both schema files after changing a type:
//! `UPDATE_SCHEMAS=1 cargo test --test schemas` (or, for the questionnaire schema,
//! `cargo run -- questionnaire schema > questionnaires/schema.json`).

use std::path::{Path, PathBuf};

use isoready::assess::Report;
use isoready::assess::compare::Comparison;
use isoready::commands::questionnaire::schema_text;
use isoready::model::Questionnaire;
use serde_json::Value;

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn report_schema_text() -> String {
    let mut text =
        serde_json::to_string_pretty(&schemars::schema_for!(Report)).expect("a schema serialises");
    text.push('\n');
    text
}

fn compare_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&schemars::schema_for!(Comparison))
        .expect("a schema serialises");
    text.push('\n');
    text
}

/// Compares a schema file with its generated text, or rewrites it under `UPDATE_SCHEMAS=1`.
fn check_in_sync(path: &str, generated: &str) {
    let file = repo(path);
    if std::env::var_os("UPDATE_SCHEMAS").is_some() {
        std::fs::write(&file, generated).expect("write the schema file");
        return;
    }
    let stored = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        stored == generated,
        "{path} is out of date with the Rust types: regenerate it with \
         `UPDATE_SCHEMAS=1 cargo test --test schemas` and commit the result"
    );
}

fn json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).expect("readable JSON file");
    serde_json::from_str(&text).expect("well-formed JSON")
}

fn validator(schema_path: &str) -> jsonschema::Validator {
    jsonschema::validator_for(&json(&repo(schema_path))).expect("a valid JSON Schema")
}

fn schema_errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect()
}

#[test]
fn the_questionnaire_schema_file_is_in_sync() {
    check_in_sync("questionnaires/schema.json", &schema_text());
}

#[test]
fn the_report_schema_file_is_in_sync() {
    check_in_sync("schemas/report.schema.json", &report_schema_text());
}

#[test]
fn the_compare_schema_file_is_in_sync() {
    check_in_sync("schemas/compare.schema.json", &compare_schema_text());
}

#[test]
fn the_compare_schema_requires_the_fields_of_the_contract() {
    let schema = json(&repo("schemas/compare.schema.json"));
    let required = |node: &Value| -> Vec<String> {
        node["required"]
            .as_array()
            .map(|fields| {
                fields
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let defs = &schema["$defs"];
    for (node, fields) in [
        (&schema, &["old", "new", "readiness", "gaps", "answers"][..]),
        (&defs["Side"], &["id", "date", "recommendation"][..]),
        (
            &defs["ReadinessChange"],
            &["old", "new", "delta", "domains"][..],
        ),
        (
            &defs["DomainChange"],
            &["id", "title", "old", "new", "delta"][..],
        ),
        (&defs["GapChanges"], &["closed", "opened", "changed"][..]),
        (
            &defs["StatusChange"],
            &["gap", "old_status", "new_status"][..],
        ),
        (&defs["AnswerChange"], &["question", "old", "new"][..]),
    ] {
        let required = required(node);
        for field in fields {
            assert!(
                required.iter().any(|r| r == field),
                "{field} is required in {node}"
            );
        }
    }
}

#[test]
fn the_schema_command_prints_the_schema_file() {
    let stored = std::fs::read_to_string(repo("questionnaires/schema.json")).expect("schema");
    assert_cmd::cargo::cargo_bin_cmd!("isoready")
        .env("NO_COLOR", "1")
        .args(["questionnaire", "schema"])
        .assert()
        .success()
        .stdout(stored);
}

#[test]
fn the_default_questionnaire_and_the_valid_fixture_validate_against_the_schema() {
    let validator = validator("questionnaires/schema.json");
    for path in [
        "questionnaires/default.json",
        "tests/fixtures/questionnaires/valid/minimal.json",
    ] {
        let errors = schema_errors(&validator, &json(&repo(path)));
        assert!(errors.is_empty(), "{path}: {errors:#?}");
    }
    let embedded: Value =
        serde_json::from_str(Questionnaire::embedded_text()).expect("embedded JSON");
    assert!(validator.is_valid(&embedded));
}

#[test]
fn the_schema_rejects_what_the_loader_rejects_for_shape() {
    let validator = validator("questionnaires/schema.json");
    let invalid = repo("tests/fixtures/questionnaires/invalid");
    for (name, place) in [
        ("wrong_type.json", "/version"),
        ("unknown_kind.json", "/sections/0/questions/0/kind"),
        ("unknown_field.json", "/sections/0/questions/0"),
    ] {
        let errors = schema_errors(&validator, &json(&invalid.join(name)));
        assert!(
            errors.iter().any(|error| error.starts_with(place)),
            "{name}: {errors:#?}"
        );
    }
}

#[test]
fn the_report_schema_requires_the_fields_of_the_contract() {
    let schema = json(&repo("schemas/report.schema.json"));
    let required: Vec<&str> = schema["required"]
        .as_array()
        .map(|fields| fields.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    for field in [
        "tool",
        "questionnaire",
        "recommendation",
        "complete",
        "missing",
        "rationale",
        "sequencing",
        "strength",
        "strength_reasons",
        "readiness",
        "overlap",
        "gaps",
    ] {
        assert!(required.contains(&field), "{field} is required");
    }
    let validator = validator("schemas/report.schema.json");
    let not_a_report = serde_json::json!({"tool": {"name": "isoready"}});
    assert!(!validator.is_valid(&not_a_report));
}
