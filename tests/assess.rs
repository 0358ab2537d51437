//! The recommendation rules on organisation profiles, the rationale,
//! `missing`, sequencing advice, supplementary AI controls and ignored answers.

#[path = "support/profiles.rs"]
mod profiles;
#[path = "support/report_schema.rs"]
mod report_schema;

use isoready::assess::{Recommendation, Report};
use isoready::commands::assess::evaluate;
use isoready::model::{AnswersDoc, Standard};
use profiles::{QUESTIONNAIRE, assess, profile};
use report_schema::assert_valid_report;
use rstest::rstest;
use serde_json::{Value, json};

fn rationale_questions(report: &Report) -> Vec<&str> {
    report
        .rationale
        .iter()
        .map(|f| f.question.as_str())
        .collect()
}

fn readiness_keys(report: &Report) -> Vec<Standard> {
    report.readiness.keys().copied().collect()
}

#[rstest]
#[case::nothing_in_scope(json!({}), Recommendation::None, &["data.categories", "ai.use"])]
#[case::sensitive_data(json!({"data.categories": ["personal"]}), Recommendation::Iso27001, &["data.categories"])]
#[case::holds_27001(json!({"org.certifications": ["iso27001", "iso9001"]}), Recommendation::Iso27001, &["org.certifications"])]
#[case::asked_for_27001(json!({"drivers.requests": ["iso27001", "soc2"]}), Recommendation::Iso27001, &["drivers.requests"])]
#[case::nis2_entity(json!({"drivers.requests": ["nis2"]}), Recommendation::Iso27001, &["drivers.requests"])]
#[case::dora_financial_entity(json!({"drivers.requests": ["dora", "other"]}), Recommendation::Iso27001, &["drivers.requests"])]
#[case::card_payments(json!({"drivers.requests": ["pci_dss"]}), Recommendation::Iso27001, &["drivers.requests"])]
#[case::other_framework_alone(json!({"drivers.requests": ["other"]}), Recommendation::None, &["data.categories"])]
#[case::ai_in_products(json!({"ai.use": ["in_products"], "ai.autonomy": "assistive", "ai.affects_individuals": false}), Recommendation::Iso42001, &["ai.use"])]
#[case::develops_ai(json!({"ai.use": ["develops"], "ai.autonomy": "assistive", "ai.affects_individuals": false}), Recommendation::Iso42001, &["ai.use"])]
#[case::internal_ai_affecting_people(json!({"ai.use": ["internal_operations"], "ai.autonomy": "human_in_the_loop", "ai.affects_individuals": true}), Recommendation::Iso42001, &["ai.affects_individuals"])]
#[case::ai_on_the_loop(json!({"ai.use": ["internal_productivity"], "ai.autonomy": "human_on_the_loop", "ai.affects_individuals": false}), Recommendation::Iso42001, &["ai.autonomy"])]
#[case::autonomous_ai(json!({"ai.use": ["internal_operations"], "ai.autonomy": "autonomous", "ai.affects_individuals": false}), Recommendation::Iso42001, &["ai.autonomy"])]
#[case::assistive_internal_ai_only(json!({"ai.use": ["internal_productivity", "internal_operations"], "ai.autonomy": "assistive", "ai.affects_individuals": false}), Recommendation::None, &["ai.use"])]
#[case::in_the_loop_internal_ai(json!({"ai.use": ["internal_operations"], "ai.autonomy": "human_in_the_loop", "ai.affects_individuals": false}), Recommendation::None, &["ai.use"])]
#[case::assistive_ai_and_data(json!({"data.categories": ["financial"], "ai.use": ["internal_productivity"], "ai.autonomy": "assistive", "ai.affects_individuals": false, "ai.sensitive_data": true}), Recommendation::Iso27001, &["data.categories", "ai.use"])]
#[case::asked_for_42001(json!({"drivers.requests": ["iso42001"]}), Recommendation::Iso42001, &["drivers.requests"])]
#[case::eu_ai_act(json!({"drivers.requests": ["eu_ai_act"]}), Recommendation::Iso42001, &["drivers.requests"])]
#[case::holds_42001(json!({"org.certifications": ["iso42001"]}), Recommendation::Iso42001, &["org.certifications"])]
#[case::both_by_data_and_products(json!({"data.categories": ["personal"], "ai.use": ["in_products"], "ai.autonomy": "assistive", "ai.affects_individuals": false, "ai.sensitive_data": false}), Recommendation::Both, &["data.categories", "ai.use"])]
#[case::both_by_demand(json!({"drivers.requests": ["iso27001", "eu_ai_act"]}), Recommendation::Both, &["drivers.requests"])]
#[case::both_needs_no_more_answers(json!({"data.categories": ["government"], "ai.use": ["develops"], "org.certifications": null, "drivers.requests": null, "ai.autonomy": null}), Recommendation::Both, &["data.categories", "ai.use"])]
#[case::undetermined_without_answers(json!({"org.certifications": null, "data.categories": null, "ai.use": null, "drivers.requests": null}), Recommendation::Undetermined, &["org.certifications", "data.categories", "ai.use", "drivers.requests"])]
#[case::undetermined_autonomy(json!({"data.categories": ["personal"], "ai.use": ["internal_productivity"], "ai.affects_individuals": false, "ai.sensitive_data": false}), Recommendation::Undetermined, &["data.categories", "ai.autonomy"])]
#[case::undetermined_data(json!({"data.categories": null, "ai.use": ["in_products"], "ai.autonomy": "assistive", "ai.affects_individuals": false}), Recommendation::Undetermined, &["ai.use", "data.categories"])]
fn profiles_get_the_recommendation_of_the_rules(
    #[case] changes: Value,
    #[case] expected: Recommendation,
    #[case] driven_by: &[&str],
) {
    let (report, _) = assess(profile(changes));
    assert_eq!(report.recommendation, expected);
    let named = rationale_questions(&report);
    for question in driven_by {
        assert!(
            named.contains(question),
            "rationale {named:?} lacks {question}"
        );
    }
    let expected_keys: &[Standard] = match expected {
        Recommendation::Iso27001 => &[Standard::Iso27001],
        Recommendation::Iso42001 => &[Standard::Iso42001],
        Recommendation::Both => &Standard::ALL,
        Recommendation::None => &[],
        Recommendation::Undetermined => return,
    };
    assert_eq!(readiness_keys(&report), expected_keys);
    assert!(
        report.gaps.iter().all(
            |gap| gap.standards.iter().all(|s| expected_keys.contains(s)) || gap.supplementary
        )
    );
}

/// `missing` starts with the scoping answers the recommendation still needs, in the order of
/// the questionnaire, and the rationale says each is needed.
#[rstest]
#[case::nothing(json!({"org.certifications": null, "data.categories": null, "ai.use": null, "drivers.requests": null}), &["org.certifications", "data.categories", "ai.use", "drivers.requests"])]
#[case::oversight(json!({"data.categories": ["personal"], "ai.use": ["internal_productivity"], "ai.sensitive_data": false}), &["ai.autonomy", "ai.affects_individuals"])]
#[case::one_of_two(json!({"ai.use": ["internal_productivity"], "ai.autonomy": "assistive"}), &["ai.affects_individuals"])]
#[case::data_only(json!({"data.categories": null, "ai.use": ["develops"], "ai.autonomy": null, "ai.affects_individuals": null}), &["data.categories"])]
#[case::demand_only(json!({"drivers.requests": null}), &["drivers.requests"])]
#[case::needed_before_unneeded(json!({"org.certifications": ["iso27001"], "data.categories": null, "ai.use": null}), &["ai.use"])]
fn undetermined_lists_the_missing_scoping_answers_first(
    #[case] changes: Value,
    #[case] needed: &[&str],
) {
    let (report, _) = assess(profile(changes));
    assert_eq!(report.recommendation, Recommendation::Undetermined);
    assert!(!report.complete);
    assert_eq!(
        &report.missing[..needed.len()],
        needed,
        "{:?}",
        report.missing
    );
    let unanswered: Vec<&str> = report
        .rationale
        .iter()
        .filter(|f| f.finding.starts_with("Not answered yet"))
        .map(|f| f.question.as_str())
        .collect();
    assert_eq!(unanswered, needed);
    assert!(
        report.sequencing.contains(&needed.join(", ")),
        "{}",
        report.sequencing
    );
}

#[test]
fn the_healthcare_example_of_the_design_needs_both_standards() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/answers/design-example.json");
    let text = std::fs::read_to_string(path).expect("fixture");
    let doc = AnswersDoc::parse("design-example.json", &text).expect("well-formed");
    assert!(doc.validate(&QUESTIONNAIRE).is_empty());
    let (report, warnings) = evaluate(&QUESTIONNAIRE, &doc);
    assert_valid_report(&report);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(report.recommendation, Recommendation::Both);
    assert_eq!(
        rationale_questions(&report),
        ["data.categories", "ai.affects_individuals"]
    );
    assert!(!report.complete);
    // Asked but unanswered: the scoping answers not given, then the readiness questions.
    assert_eq!(
        report.missing[..4],
        [
            "org.size",
            "org.certifications",
            "ai.sensitive_data",
            "drivers.requests"
        ]
    );
    assert!(
        report
            .sequencing
            .starts_with("Build one integrated management system.")
    );
    assert_eq!(readiness_keys(&report), Standard::ALL);
}

#[test]
fn assistive_internal_ai_under_27001_adds_only_the_four_supplementary_42001_controls() {
    let (report, _) = assess(profile(json!({
        "data.categories": ["personal"], "ai.use": ["internal_productivity"],
        "ai.autonomy": "assistive", "ai.affects_individuals": false, "ai.sensitive_data": false,
    })));
    assert_eq!(report.recommendation, Recommendation::Iso27001);
    let mut supplementary: Vec<&str> = Vec::new();
    for gap in &report.gaps {
        let is_42001 = gap.standards == [Standard::Iso42001];
        assert_eq!(gap.supplementary, is_42001, "{}", gap.title);
        if is_42001 {
            supplementary.extend(gap.controls.iter().map(|c| c.id.as_str()));
            // Said once, in the gap's sentence or among its reasons.
            assert!(
                std::iter::once(&gap.why)
                    .chain(&gap.reasons)
                    .filter(|r| r.starts_with("You use AI"))
                    .count()
                    == 1,
                "{}: {} {:?}",
                gap.title,
                gap.why,
                gap.reasons
            );
        }
    }
    supplementary.sort();
    assert_eq!(supplementary, ["A.10.3", "A.2.2", "A.9.2", "A.9.4"]);
    assert_eq!(readiness_keys(&report), [Standard::Iso27001]);
    assert!(
        report
            .sequencing
            .contains("supplementary ISO 42001 controls")
    );
    // Without AI, the same organisation gets no 42001 work at all.
    let (report, _) = assess(profile(json!({"data.categories": ["personal"]})));
    assert!(
        report
            .gaps
            .iter()
            .all(|gap| gap.standards == [Standard::Iso27001])
    );
}

#[test]
fn implemented_supplementary_controls_leave_the_gap_list() {
    let (report, _) = assess(profile(json!({
        "data.categories": ["personal"], "ai.use": ["internal_productivity"],
        "ai.autonomy": "assistive", "ai.affects_individuals": false, "ai.sensitive_data": false,
        "aims.governance.policy.approved": "implemented", "aims.governance.use.process": "implemented",
        "aims.governance.use.intended_use": "implemented",
        "aims.governance.third_parties.suppliers": "partial",
    })));
    let left: Vec<&str> = report
        .gaps
        .iter()
        .filter(|gap| gap.supplementary)
        .flat_map(|gap| gap.controls.iter().map(|c| c.id.as_str()))
        .collect();
    assert_eq!(left, ["A.10.3"]);
}

#[rstest]
#[case::keeps_27001(json!({"org.certifications": ["iso27001"]}), "You already hold ISO 27001: keep the management system running")]
#[case::extends_27001_to_ai(json!({"org.certifications": ["iso27001"], "ai.use": ["develops"], "ai.autonomy": "assistive", "ai.affects_individuals": false}), "You already hold ISO 27001: extend that management system to AI")]
#[case::extends_42001_to_security(json!({"org.certifications": ["iso42001"], "data.categories": ["personal"]}), "You already hold ISO 42001: extend that management system to information security")]
#[case::holds_both(json!({"org.certifications": ["iso27001", "iso42001"]}), "You hold both certificates")]
#[case::certifies_42001_first_on_demand(json!({"data.categories": ["personal"], "drivers.requests": ["iso42001"]}), "Customers ask for ISO 42001, so certify it first")]
#[case::ai_act_is_not_42001(json!({"data.categories": ["personal"], "drivers.requests": ["eu_ai_act"]}), "gives no presumption of conformity")]
#[case::starts_with_27001(json!({"data.categories": ["personal"], "ai.use": ["in_products"], "ai.autonomy": "assistive", "ai.affects_individuals": false, "ai.sensitive_data": true}), "mostly ISO 27001 work that protects the information you hold")]
#[case::one_system(json!({"data.categories": ["personal"]}), "Build one management system for ISO 27001: start with scope (4.3) and the risk method (6.1.2)")]
#[case::nothing_yet(json!({}), "Neither standard is needed now.")]
#[case::nothing_yet_but_ai_basics(json!({"data.categories": ["none"], "ai.use": ["internal_productivity"], "ai.autonomy": "assistive", "ai.affects_individuals": false}), "the AI basics you answered (AI policy, responsible use, AI suppliers) are listed below as supplementary gaps")]
fn sequencing_advice_follows_certificates_and_demand(#[case] changes: Value, #[case] advice: &str) {
    let (report, _) = assess(profile(changes));
    assert!(report.sequencing.contains(advice), "{}", report.sequencing);
}

#[test]
fn an_answer_to_a_question_that_is_not_asked_is_ignored_with_a_warning() {
    let (report, warnings) = assess(profile(json!({"ai.autonomy": "autonomous"})));
    assert_eq!(
        report.recommendation,
        Recommendation::None,
        "the hidden answer counts for nothing"
    );
    assert_eq!(
        warnings,
        [
            "answers[\"ai.autonomy\"] is ignored: the question is not asked for these answers or at this depth"
        ]
    );
    // A readiness answer for a standard out of scope is ignored the same way.
    let (report, warnings) = assess(profile(json!({"sec.tech.network": "implemented"})));
    assert!(report.gaps.is_empty());
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].starts_with("answers[\"sec.tech.network\"] is ignored"));
}

#[test]
fn a_grouped_not_applicable_is_flagged_for_the_statement_of_applicability() {
    let (report, warnings) = assess(profile(json!({
        "data.categories": ["personal"], "sec.physical.perimeters_entry": "not_applicable",
    })));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with(
            "answers[\"sec.physical.perimeters_entry\"] is not_applicable, but it covers several controls and excludes none of them by itself: iso27001:A.7.1, iso27001:A.7.2,"
        ),
        "{warnings:?}"
    );
    assert!(report.exclusions.is_empty());
    assert!(!report.to_confirm.is_empty());
}

#[test]
fn figures_with_nothing_implemented_are_plain_zero_not_negative_zero() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/answers/design-example.json");
    let text = std::fs::read_to_string(path).expect("fixture");
    let doc = AnswersDoc::parse("design-example.json", &text).expect("well-formed");
    let (report, _) = evaluate(&QUESTIONNAIRE, &doc);
    let covered = report.overlap.iso42001_covered_by_iso27001_percent;
    assert!(covered == 0.0 && covered.is_sign_positive(), "{covered}");
    let json = serde_json::to_string(&report).expect("json");
    assert!(!json.contains("-0.0"), "a report never shows -0.0");
}

#[test]
fn an_answer_kept_for_a_hidden_question_does_not_show_the_questions_that_follow_from_it() {
    use isoready::model::{AnswerValue, Answers, Catalogs, Depth, Questionnaire};
    let text = r#"{"id": "chain", "version": "1", "title": "Chained conditions",
      "sections": [{"id": "s", "title": "S", "questions": [
        {"id": "q1", "kind": "yes_no", "prompt": "First?"},
        {"id": "q2", "kind": "yes_no", "prompt": "Second?",
         "when": {"equals": {"question": "q1", "value": true}}},
        {"id": "q3", "kind": "text", "prompt": "Third?",
         "when": {"equals": {"question": "q2", "value": true}}}]}]}"#;
    let questionnaire = Questionnaire::parse("chain.json", text).expect("valid");
    let mut answers = Answers::new();
    answers.insert("q1".into(), AnswerValue::Bool(true));
    answers.insert("q2".into(), AnswerValue::Bool(true));
    let asked = |answers: &Answers| {
        isoready::assess::Evaluation::new(
            &questionnaire,
            Catalogs::embedded(),
            answers,
            Depth::Quick,
        )
        .asked
        .iter()
        .map(|id| (*id).to_owned())
        .collect::<Vec<_>>()
    };
    assert_eq!(asked(&answers), ["q1", "q2", "q3"]);
    // q1 changes: q2 is hidden, its answer kept, and q3 must not appear because of it.
    answers.insert("q1".into(), AnswerValue::Bool(false));
    assert_eq!(asked(&answers), ["q1"]);
}
