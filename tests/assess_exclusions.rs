//! How the engine decides an item's level when several answered questions map it: "don't know"
//! never overrides a known answer.

#[path = "support/report_schema.rs"]
mod report_schema;

use std::sync::LazyLock;

use isoready::assess::Report;
use isoready::commands::assess::evaluate;
use isoready::model::{AnswersDoc, ControlRef, Depth, Questionnaire, Standard};
use report_schema::assert_valid_report;
use serde_json::{Value, json};

static QUESTIONNAIRE: LazyLock<Questionnaire> = LazyLock::new(|| {
    Questionnaire::parse("default", Questionnaire::embedded_text()).expect("valid default")
});

/// A 27001-only organisation (confidential data, no AI), every maturity question of ISO 27001
/// answered `level`, then `changes` on top (`null` removes an answer).
fn answers(level: &str, changes: Value) -> Value {
    let mut answers = json!({
        "org.sector": "technology", "org.size": "small", "org.certifications": ["none"],
        "data.categories": ["confidential_business"], "ai.use": ["none"],
        "drivers.requests": ["nis2"],
    });
    for (_, question) in QUESTIONNAIRE.questions() {
        let serves_27001 = question
            .maps
            .iter()
            .any(|reference| reference.standard == Standard::Iso27001);
        if serves_27001 {
            answers[question.id.as_str()] = json!(level);
        }
    }
    for (id, value) in changes.as_object().cloned().unwrap_or_default() {
        match value {
            Value::Null => {
                answers.as_object_mut().map(|all| all.remove(&id));
            }
            value => answers[id] = value,
        }
    }
    answers
}

/// Evaluates a whole answers file as `isoready assess` does: validated, then assessed.
fn assess(answers: Value) -> (Report, Vec<String>) {
    let text = json!({"questionnaire": "isoready-default", "answers": answers}).to_string();
    let doc = AnswersDoc::parse("answers.json", &text).expect("well-formed");
    let problems = doc.validate(&QUESTIONNAIRE);
    assert!(problems.is_empty(), "{problems:?}");
    let (report, warnings) = evaluate(&QUESTIONNAIRE, &doc);
    assert_valid_report(&report);
    (report, warnings)
}

/// The grouped (quick) question and the per-control (full) question of a 27001 control.
fn questions_of(id: &str) -> (String, String) {
    let reference = ControlRef::new(Standard::Iso27001, id);
    let mut grouped = None;
    let mut own = None;
    for (_, question) in QUESTIONNAIRE.questions() {
        if question.maps.contains(&reference) {
            if question.maps.len() == 1 {
                own = Some(question.id.clone());
            } else if question.depth == Depth::Quick {
                grouped = Some(question.id.clone());
            }
        }
    }
    (
        grouped.expect("a grouped question"),
        own.expect("a per-control question"),
    )
}

fn readiness(report: &Report) -> f64 {
    report.readiness[&Standard::Iso27001].percent
}

fn gap_controls(report: &Report) -> Vec<String> {
    report
        .gaps
        .iter()
        .flat_map(|gap| gap.controls.iter().map(ToString::to_string))
        .collect()
}

#[test]
fn a_dont_know_on_a_specific_question_never_overrides_a_known_grouped_answer() {
    let (grouped, own) = questions_of("A.7.4");
    let (baseline, _) = assess(answers("implemented", json!({ own.clone(): Value::Null })));
    // The per-control question says "don't know": the grouped "implemented" still decides.
    let (report, _) = assess(answers("implemented", json!({ own.clone(): "unknown" })));
    assert_eq!(readiness(&report), 100.0);
    assert_eq!(readiness(&report), readiness(&baseline));
    assert!(report.gaps.is_empty(), "{:?}", gap_controls(&report));
    // A known per-control answer is still more specific than the grouped one.
    let (report, _) = assess(answers(
        "implemented",
        json!({ own.clone(): "not_started" }),
    ));
    assert_eq!(gap_controls(&report), ["iso27001:A.7.4"]);
    // When nothing known is said, "don't know" decides: the most specific one.
    let (report, _) = assess(answers(
        "implemented",
        json!({ grouped.clone(): "unknown", own.clone(): "unknown" }),
    ));
    let gap = report
        .gaps
        .iter()
        .find(|gap| {
            gap.controls
                .contains(&ControlRef::new(Standard::Iso27001, "A.7.4"))
        })
        .expect("a gap to verify");
    assert_eq!(gap.questions, std::slice::from_ref(&own));
    // Whatever the known grouped answer is, it is the one that counts.
    let (report, _) = assess(answers(
        "implemented",
        json!({ grouped.clone(): "partial", own: "unknown" }),
    ));
    let gap = report
        .gaps
        .iter()
        .find(|gap| {
            gap.controls
                .contains(&ControlRef::new(Standard::Iso27001, "A.7.4"))
        })
        .expect("a partial gap");
    assert_eq!(gap.status, isoready::assess::GapStatus::Partial);
    assert_eq!(gap.questions, [grouped]);
}
