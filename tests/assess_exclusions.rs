//! Exclusions from the Statement of Applicability in the engine: the `exclusions` block,
//! not-applicable answers on grouped and per-control questions, readiness without the excluded
//! controls, and "don't know" never overriding a known answer.

#[path = "support/report_schema.rs"]
mod report_schema;

use std::sync::LazyLock;

use isoready::assess::{Exclusion, Report, ToConfirmReason};
use isoready::commands::assess::evaluate;
use isoready::model::{AnswersDoc, ControlRef, Depth, ItemKind, Questionnaire, Standard};
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
fn assess(answers: Value, notes: Value, exclusions: Value) -> (Report, Vec<String>) {
    let text = json!({
        "questionnaire": "isoready-default", "answers": answers, "notes": notes,
        "exclusions": exclusions,
    })
    .to_string();
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

/// The 27001 controls a question maps.
fn controls_of(question: &str) -> Vec<String> {
    QUESTIONNAIRE
        .question(question)
        .expect("a question")
        .maps
        .iter()
        .map(|reference| reference.id.clone())
        .collect()
}

fn readiness(report: &Report) -> f64 {
    report.readiness[&Standard::Iso27001].percent
}

/// How many 27001 items count in readiness.
fn applicable(report: &Report) -> usize {
    report.readiness[&Standard::Iso27001]
        .domains
        .iter()
        .map(|domain| domain.applicable)
        .sum()
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
    let (baseline, _) = assess(
        answers("implemented", json!({ own.clone(): Value::Null })),
        json!({}),
        json!({}),
    );
    // The per-control question says "don't know": the grouped "implemented" still decides.
    let (report, _) = assess(
        answers("implemented", json!({ own.clone(): "unknown" })),
        json!({}),
        json!({}),
    );
    assert_eq!(readiness(&report), 100.0);
    assert_eq!(readiness(&report), readiness(&baseline));
    assert!(report.gaps.is_empty(), "{:?}", gap_controls(&report));
    // A known per-control answer is still more specific than the grouped one.
    let (report, _) = assess(
        answers("implemented", json!({ own.clone(): "not_started" })),
        json!({}),
        json!({}),
    );
    assert_eq!(gap_controls(&report), ["iso27001:A.7.4"]);
    // When nothing known is said, "don't know" decides: the most specific one.
    let (report, _) = assess(
        answers(
            "implemented",
            json!({ grouped.clone(): "unknown", own.clone(): "unknown" }),
        ),
        json!({}),
        json!({}),
    );
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
    let (report, _) = assess(
        answers(
            "implemented",
            json!({ grouped.clone(): "partial", own: "unknown" }),
        ),
        json!({}),
        json!({}),
    );
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

#[test]
fn a_grouped_not_applicable_leaves_its_controls_to_confirm_and_excludes_none() {
    let (grouped, _) = questions_of("A.7.4");
    let members = controls_of(&grouped);
    // Only the grouped question is answered for these controls, with a note.
    let mut changes = json!({ grouped.clone(): "not_applicable" });
    for id in &members {
        changes[questions_of(id).1] = Value::Null;
    }
    let (report, warnings) = assess(
        answers("implemented", changes),
        json!({ grouped.clone(): "Serviced office" }),
        json!({}),
    );
    assert!(
        report.exclusions.is_empty(),
        "a grouped answer excludes nothing"
    );
    let confirm: Vec<&str> = report.to_confirm.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(confirm, members);
    assert!(report.to_confirm.iter().all(|c| c.question == grouped
        && c.reason == ToConfirmReason::GroupedAnswer
        && c.standard == Standard::Iso27001));
    // Not excluded: they still count (at 0 until settled) and form a gap that says what to do.
    assert_eq!(report.gaps.len(), 1, "{:?}", report.gaps);
    let gap = &report.gaps[0];
    let open: Vec<&str> = gap.controls.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(open, members);
    assert!(
        gap.reasons
            .iter()
            .any(|r| r.contains("without a justification that excludes")),
        "{:?}",
        gap.reasons
    );
    assert!(readiness(&report) < 100.0);
    let all: usize = isoready::model::Catalogs::embedded()
        .iso27001
        .assessable()
        .count();
    assert_eq!(applicable(&report), all);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].starts_with(&format!(
        "answers[\"{grouped}\"] is not_applicable, but it covers several controls and excludes none of them by itself: iso27001:{}",
        members[0]
    )));
}

#[test]
fn a_per_control_not_applicable_with_a_note_excludes_the_control_with_the_note() {
    let (_, own) = questions_of("A.7.4");
    let (report, warnings) = assess(
        answers("implemented", json!({ own.clone(): "not_applicable" })),
        json!({ own.clone(): "  No premises of our own: the landlord runs CCTV. " }),
        json!({}),
    );
    assert_eq!(
        report.exclusions,
        [Exclusion {
            standard: Standard::Iso27001,
            id: "A.7.4".to_owned(),
            justification: "No premises of our own: the landlord runs CCTV.".to_owned(),
            question: Some(own.clone()),
        }]
    );
    assert!(report.to_confirm.is_empty());
    assert!(warnings.is_empty(), "{warnings:?}");
    // Without a note: to confirm, with a warning that says what to do.
    let (report, warnings) = assess(
        answers("implemented", json!({ own.clone(): "not_applicable" })),
        json!({ own.clone(): "   " }),
        json!({}),
    );
    assert!(report.exclusions.is_empty());
    assert_eq!(report.to_confirm.len(), 1);
    assert_eq!(
        report.to_confirm[0].reason,
        ToConfirmReason::NoJustification
    );
    assert_eq!(
        warnings,
        [format!(
            "answers[\"{own}\"] is not_applicable without a note: the Statement of Applicability needs a justification, so iso27001:A.7.4 stays to confirm until a note or an entry in \"exclusions\" gives one"
        )]
    );
}

#[test]
fn an_exclusion_overrides_any_answer_and_leaves_readiness() {
    let (grouped, own) = questions_of("A.7.4");
    let catalogs = isoready::model::Catalogs::embedded();
    let weight = |id: &str| f64::from(catalogs.iso27001.item(id).map_or(0, |item| item.weight));
    let total: f64 = catalogs
        .iso27001
        .assessable()
        .map(|item| f64::from(item.weight))
        .sum();
    // Everything not started except A.5.1; excluding A.7.4 takes it out of the denominator.
    let (policy_grouped, policy) = questions_of("A.5.1");
    let base = answers(
        "not_started",
        json!({ policy.clone(): "implemented", policy_grouped: "not_started" }),
    );
    let (before, _) = assess(base.clone(), json!({}), json!({}));
    let (after, warnings) = assess(
        base,
        json!({}),
        json!({ "iso27001:A.7.4": "Serviced office: the landlord runs the CCTV" }),
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    let round = |value: f64| (value * 10.0).round() / 10.0;
    assert_eq!(readiness(&before), round(weight("A.5.1") / total * 100.0));
    assert_eq!(
        readiness(&after),
        round(weight("A.5.1") / (total - weight("A.7.4")) * 100.0)
    );
    assert_eq!(applicable(&after), applicable(&before) - 1);
    assert!(!gap_controls(&after).contains(&"iso27001:A.7.4".to_owned()));
    assert_eq!(
        after.exclusions,
        [Exclusion {
            standard: Standard::Iso27001,
            id: "A.7.4".to_owned(),
            justification: "Serviced office: the landlord runs the CCTV".to_owned(),
            question: None,
        }]
    );
    // It also settles a control a grouped not-applicable left to confirm, and wins over the
    // control's own answer.
    let (report, _) = assess(
        answers(
            "implemented",
            json!({ grouped.clone(): "not_applicable", own: "implemented" }),
        ),
        json!({}),
        json!({ "iso27001:A.7.1": "No perimeter of our own", "iso27001:A.7.4": "Not ours" }),
    );
    let excluded: Vec<&str> = report.exclusions.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(excluded, ["A.7.1", "A.7.4"]);
    assert!(
        report
            .to_confirm
            .iter()
            .all(|c| c.id != "A.7.1" && c.id != "A.7.4")
    );
}

#[test]
fn exclusions_of_a_standard_out_of_scope_stay_out_of_the_report() {
    let (report, _) = assess(
        answers("implemented", json!({})),
        json!({}),
        json!({ "iso42001:A.5.2": "No AI" }),
    );
    assert!(!report.readiness.contains_key(&Standard::Iso42001));
    assert!(report.exclusions.is_empty());
}

#[test]
fn clauses_answered_not_applicable_are_never_excluded_nor_to_confirm() {
    let clause = QUESTIONNAIRE
        .questions()
        .map(|(_, question)| question)
        .find(|question| {
            question.depth == Depth::Full
                && question.maps.len() == 1
                && question.maps[0].standard == Standard::Iso27001
                && isoready::model::Catalogs::embedded()
                    .item(&question.maps[0])
                    .is_some_and(|item| item.kind == ItemKind::Clause)
        })
        .expect("a clause question");
    let (report, warnings) = assess(
        answers(
            "implemented",
            json!({ clause.id.clone(): "not_applicable" }),
        ),
        json!({ clause.id.clone(): "We think so" }),
        json!({}),
    );
    assert!(report.exclusions.is_empty() && report.to_confirm.is_empty());
    assert!(warnings.iter().any(|w| w.contains("cannot be excluded")));
}
