//! Organisation profiles as answers to the default questionnaire, evaluated as `isoready assess`
//! does, with every report checked against the report schema and its ranks.

use std::sync::LazyLock;

use isoready::assess::Report;
use isoready::commands::assess::evaluate;
use isoready::model::{AnswersDoc, Questionnaire};
use serde_json::{Value, json};

use super::report_schema::assert_valid_report;

/// The embedded default questionnaire.
pub static QUESTIONNAIRE: LazyLock<Questionnaire> = LazyLock::new(|| {
    Questionnaire::parse("default", Questionnaire::embedded_text()).expect("valid default")
});

/// An organisation with no sensitive data, no AI, no certificate and no demand.
fn base() -> Value {
    json!({
        "org.sector": "technology", "org.size": "small", "org.certifications": ["none"],
        "data.categories": ["none"], "ai.use": ["none"], "drivers.requests": ["none"],
    })
}

/// The base profile with `changes` applied; a `null` removes the answer.
pub fn profile(changes: Value) -> Value {
    let mut answers = base();
    for (id, value) in changes.as_object().cloned().unwrap_or_default() {
        match value {
            Value::Null => {
                if let Some(all) = answers.as_object_mut() {
                    all.remove(&id);
                }
            }
            value => answers[id] = value,
        }
    }
    answers
}

/// Evaluates answers as `isoready assess` does: validated, at the depth they imply.
pub fn assess(answers: Value) -> (Report, Vec<String>) {
    let text = json!({"questionnaire": "isoready-default", "answers": answers}).to_string();
    let doc = AnswersDoc::parse("profile.json", &text).expect("well-formed answers");
    let problems = doc.validate(&QUESTIONNAIRE);
    assert!(problems.is_empty(), "{problems:?}");
    let (report, warnings) = evaluate(&QUESTIONNAIRE, &doc);
    assert_valid_report(&report);
    let ranks: Vec<usize> = report.gaps.iter().map(|gap| gap.rank).collect();
    assert_eq!(
        ranks,
        (1..=report.gaps.len()).collect::<Vec<_>>(),
        "ranks run 1..n"
    );
    (report, warnings)
}
