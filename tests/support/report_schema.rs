//! Checks a report against the JSON Schema kept in `schemas/report.schema.json`.

use std::sync::LazyLock;

static VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/report.schema.json");
    let text = std::fs::read_to_string(&path).expect("schemas/report.schema.json");
    let schema = serde_json::from_str(&text).expect("the report schema is JSON");
    jsonschema::validator_for(&schema).expect("the report schema is a valid JSON Schema")
});

/// Panics with every schema error when the report (a `Report` or its JSON) does not validate.
pub fn assert_valid_report(report: &impl serde::Serialize) {
    let value = serde_json::to_value(report).expect("a report serialises");
    let errors: Vec<String> = VALIDATOR
        .iter_errors(&value)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "the report breaks schemas/report.schema.json: {errors:#?}"
    );
}
