//! The gap list (one gap per work package, ranking, reasons), readiness and overlap.

#[path = "support/profiles.rs"]
mod profiles;
#[path = "support/report_schema.rs"]
mod report_schema;

use std::collections::BTreeSet;

use isoready::assess::{Gap, GapStatus, Priority, Report};
use isoready::model::{Catalogs, ControlRef, Depth, QuestionKind, Stage, Standard};
use profiles::{QUESTIONNAIRE, assess, profile};
use serde_json::{Value, json};

/// Both standards in scope through sensitive data and AI in products, nothing else raised.
fn both() -> Value {
    profile(json!({
        "data.categories": ["personal"], "ai.use": ["in_products"], "ai.autonomy": "assistive",
        "ai.affects_individuals": false, "ai.sensitive_data": false,
    }))
}

/// `answers` with every maturity question answered `level`, then `changes` on top.
fn every_question(answers: Value, level: &str, changes: Value) -> Value {
    let mut answers = answers;
    for (_, question) in QUESTIONNAIRE.questions() {
        if question.kind == QuestionKind::Maturity {
            answers[question.id.as_str()] = json!(level);
        }
    }
    for (id, value) in changes.as_object().cloned().unwrap_or_default() {
        answers[id] = value;
    }
    answers
}

/// The full-depth question of one item.
fn full_question(standard: Standard, id: &str) -> String {
    let reference = ControlRef::new(standard, id);
    QUESTIONNAIRE
        .questions()
        .map(|(_, question)| question)
        .find(|question| question.depth == Depth::Full && question.maps.contains(&reference))
        .map(|question| question.id.clone())
        .unwrap_or_else(|| panic!("no full question for {reference}"))
}

fn gap_of<'a>(report: &'a Report, standard: Standard, id: &str) -> &'a Gap {
    let reference = ControlRef::new(standard, id);
    report
        .gaps
        .iter()
        .find(|gap| gap.controls.contains(&reference))
        .unwrap_or_else(|| panic!("no gap for {reference}"))
}

/// The gap holding a piece of work, by its package key.
fn gap_keyed<'a>(report: &'a Report, key: &str) -> &'a Gap {
    report
        .gaps
        .iter()
        .find(|gap| gap.key == key)
        .unwrap_or_else(|| panic!("no gap {key}: {:?}", keys(report)))
}

fn keys(report: &Report) -> Vec<&str> {
    report.gaps.iter().map(|gap| gap.key.as_str()).collect()
}

/// A hospital deploying a vendor's triage AI that affects patients, nothing in place.
fn hospital() -> Value {
    every_question(
        profile(json!({
            "org.sector": "healthcare", "org.size": "large",
            "data.categories": ["personal", "special_category"],
            "ai.use": ["internal_operations"], "ai.autonomy": "human_in_the_loop",
            "ai.affects_individuals": true, "ai.sensitive_data": true,
        })),
        "not_started",
        json!({}),
    )
}

#[test]
fn one_gap_per_piece_of_work_and_well_under_seventy_for_both_standards() {
    let (report, _) = assess(every_question(both(), "not_started", json!({})));
    assert!(report.gaps.len() < 70, "{} gaps", report.gaps.len());
    let mut seen = BTreeSet::new();
    for gap in &report.gaps {
        for item in &gap.controls {
            assert!(seen.insert(item.clone()), "{item} in two gaps");
        }
        assert_eq!(
            gap.items.iter().filter(|item| item.open).count(),
            gap.controls.len()
        );
    }
    // Work that closes both standards is one gap, done once.
    let risk = gap_keyed(&report, "risk-assessment");
    assert_eq!(risk.standards, Standard::ALL);
    assert!(
        risk.controls
            .contains(&ControlRef::new(Standard::Iso27001, "6.1.2"))
    );
    assert!(
        risk.controls
            .contains(&ControlRef::new(Standard::Iso42001, "6.1.2"))
    );
    assert!(risk.action.ends_with("Do it once for both standards."));
    let impact = gap_keyed(&report, "ai-impact-assessment");
    for id in ["6.1.4", "8.4", "A.5.2", "A.5.3"] {
        assert!(
            impact
                .controls
                .contains(&ControlRef::new(Standard::Iso42001, id)),
            "{id}"
        );
    }
    let shared = report
        .gaps
        .iter()
        .filter(|gap| gap.standards.len() == 2)
        .count();
    assert_eq!(report.overlap.shared_gaps, shared);
}

#[test]
fn items_in_place_show_in_the_gap_and_its_status_is_summarised() {
    // Risk assessment: everything missing except ISO 27001 6.1.2, which is in place.
    let question = full_question(Standard::Iso27001, "6.1.2");
    let (report, _) = assess(every_question(
        both(),
        "not_started",
        json!({ question: "implemented" }),
    ));
    let risk = gap_keyed(&report, "risk-assessment");
    let done = ControlRef::new(Standard::Iso27001, "6.1.2");
    assert!(
        !risk.controls.contains(&done),
        "an item in place is not open"
    );
    let item = risk
        .items
        .iter()
        .find(|item| item.standard == Standard::Iso27001 && item.id == "6.1.2")
        .expect("shown in the details");
    assert!(!item.open);
    assert_eq!(
        risk.status,
        GapStatus::Partial,
        "partly done, not 'not started'"
    );
    assert!(
        risk.reasons
            .iter()
            .any(|r| r.contains("is already in place"))
    );
}

#[test]
fn foundations_come_first_and_audit_waits_for_what_it_audits() {
    let (report, _) = assess(every_question(both(), "not_started", json!({})));
    let foundation: Vec<&str> = report
        .gaps
        .iter()
        .take_while(|gap| gap.stage == Stage::Foundation)
        .map(|gap| gap.key.as_str())
        .collect();
    for key in [
        "scope-and-management-system",
        "risk-assessment",
        "risk-treatment-and-soa",
    ] {
        assert!(foundation.contains(&key), "{key} not in {foundation:?}");
    }
    let risk = gap_keyed(&report, "risk-assessment");
    for key in ["internal-audit", "management-review"] {
        let gap = gap_keyed(&report, key);
        assert!(gap.rank > risk.rank && gap.phase.number() > 1, "{key}");
        assert!(
            gap.reasons.iter().any(|r| r.starts_with("Assurance work:"))
                || gap.priority != Priority::Critical
        );
    }
    // Clauses do not crowd out the controls: at most half of the top ten are clause-only.
    let clause_only = report.gaps[..10]
        .iter()
        .filter(|gap| gap.controls.iter().all(|c| !c.id.starts_with('A')))
        .count();
    assert!(clause_only <= 7, "{:?}", keys(&report));
}

#[test]
fn breach_controls_rank_in_the_first_half_whenever_sensitive_data_is_held() {
    for answers in [
        hospital(),
        every_question(
            profile(
                json!({"org.sector": "public_sector", "data.categories": ["personal", "government"], "drivers.requests": ["nis2"]}),
            ),
            "not_started",
            json!({}),
        ),
    ] {
        let (report, _) = assess(answers);
        let half = report.gaps.len() / 2;
        for id in ["A.5.15", "A.8.5", "A.8.8", "A.8.13", "A.5.24", "A.8.15"] {
            let gap = gap_of(&report, Standard::Iso27001, id);
            assert!(
                gap.rank <= half,
                "{id} at {} of {}",
                gap.rank,
                report.gaps.len()
            );
        }
    }
}

#[test]
fn where_ai_affects_people_the_controls_that_protect_them_come_before_societal_impact() {
    let (report, _) = assess(hospital());
    let societal = gap_of(&report, Standard::Iso42001, "A.5.5").rank;
    for id in ["A.5.4", "A.9.2", "A.9.4", "A.10.3", "A.6.2.4"] {
        let gap = gap_of(&report, Standard::Iso42001, id);
        assert!(
            gap.rank < societal,
            "{id} at {} after A.5.5 at {societal}",
            gap.rank
        );
    }
}

#[test]
fn ai_on_sensitive_data_raises_privacy_and_the_ai_supplier() {
    let score = |sensitive: bool, standard: Standard, id: &str| {
        let mut answers = hospital();
        answers["ai.sensitive_data"] = json!(sensitive);
        answers["ai.affects_individuals"] = json!(false);
        answers["ai.autonomy"] = json!("human_on_the_loop");
        let (report, _) = assess(answers);
        gap_of(&report, standard, id).score
    };
    for (standard, id) in [
        (Standard::Iso42001, "A.7.2"),
        (Standard::Iso42001, "A.10.3"),
    ] {
        assert!(
            score(true, standard, id) > score(false, standard, id),
            "{standard} {id}"
        );
    }
}

#[test]
fn reasons_are_honest_about_nonconformities_and_never_speak_of_attackers() {
    let (report, _) = assess(every_question(both(), "not_started", json!({})));
    let scope = gap_keyed(&report, "scope-and-management-system");
    assert!(
        scope
            .reasons
            .iter()
            .any(|r| r.contains("likely a major nonconformity"))
    );
    let question = full_question(Standard::Iso27001, "4.3");
    let mut partly = json!({});
    for item in &scope.controls {
        partly[full_question(item.standard, &item.id)] = json!("partial");
    }
    partly[question] = json!("partial");
    let (report, _) = assess(every_question(both(), "not_started", partly));
    let scope = gap_keyed(&report, "scope-and-management-system");
    assert!(
        scope
            .reasons
            .iter()
            .any(|r| r.contains("likely a minor nonconformity")),
        "{:?}",
        scope.reasons
    );
    for gap in &report.gaps {
        assert!(
            !gap.reasons.iter().any(|r| r.contains("ttacker")),
            "{}",
            gap.key
        );
        assert!(!gap.why.is_empty());
    }
}

#[test]
fn the_profile_raises_the_controls_it_makes_relevant() {
    let certified = profile(json!({"org.certifications": ["iso27001"]}));
    let sensitive =
        profile(json!({"org.certifications": ["iso27001"], "data.categories": ["personal"]}));
    let access = |answers: Value| {
        let (report, _) = assess(every_question(answers, "not_started", json!({})));
        gap_of(&report, Standard::Iso27001, "A.5.15").clone()
    };
    let (plain, raised) = (access(certified), access(sensitive));
    assert_eq!(
        raised.score - plain.score,
        25.0,
        "relevance and the breach boost"
    );
    assert!(
        raised
            .reasons
            .iter()
            .any(|r| r.starts_with("Relevant to your profile: you hold sensitive information"))
    );
    assert!(raised.rank <= plain.rank);
}

fn percent(report: &Report, standard: Standard) -> f64 {
    report.readiness[&standard].percent
}

#[test]
fn readiness_weighs_items_by_catalog_weight_and_leaves_out_not_applicable() {
    let catalogs = Catalogs::embedded();
    let certified = profile(json!({"org.certifications": ["iso27001"]}));
    let (report, _) = assess(every_question(certified.clone(), "implemented", json!({})));
    assert_eq!(percent(&report, Standard::Iso27001), 100.0);
    assert!(report.gaps.is_empty());
    let question = full_question(Standard::Iso27001, "A.5.1");
    let weight = |id: &str| f64::from(catalogs.iso27001.item(id).map_or(0, |item| item.weight));
    let total: f64 = catalogs
        .iso27001
        .assessable()
        .map(|item| f64::from(item.weight))
        .sum();
    let organizational: f64 = catalogs
        .iso27001
        .assessable()
        .filter(|item| item.domain == "organizational")
        .map(|item| f64::from(item.weight))
        .sum();
    let round = |value: f64| (value * 10.0).round() / 10.0;
    // "Don't know" on the control's own question leaves the grouped "implemented" in charge.
    let (report, _) = assess(every_question(
        certified.clone(),
        "implemented",
        json!({ question.clone(): "unknown" }),
    ));
    assert_eq!(percent(&report, Standard::Iso27001), 100.0);
    for (level, score) in [("not_started", 0.0), ("planned", 0.2), ("partial", 0.5)] {
        let answers = every_question(
            certified.clone(),
            "implemented",
            json!({ question.clone(): level }),
        );
        let (report, _) = assess(answers);
        let expected = round((total - weight("A.5.1") * (1.0 - score)) / total * 100.0);
        assert_eq!(percent(&report, Standard::Iso27001), expected, "{level}");
        let domain = &report.readiness[&Standard::Iso27001].domains[1];
        assert_eq!(domain.id, "organizational");
        let expected =
            round((organizational - weight("A.5.1") * (1.0 - score)) / organizational * 100.0);
        assert_eq!(domain.percent, expected, "{level}");
        assert_eq!(domain.answered, 37);
    }
    // Not applicable without the note that justifies it still counts, at 0, and stays a gap
    // until it is justified (the exclusion tests cover the justified case).
    let (report, _) = assess(every_question(
        certified,
        "not_started",
        json!({ question.clone(): "not_applicable" }),
    ));
    let domain = &report.readiness[&Standard::Iso27001].domains[1];
    assert_eq!((domain.applicable, domain.percent), (37, 0.0));
    assert!(
        report
            .gaps
            .iter()
            .any(|gap| gap.controls.iter().any(|c| c.id == "A.5.1"))
    );
}

#[test]
fn overlap_measures_the_42001_share_covered_by_implemented_27001_work() {
    let catalogs = Catalogs::embedded();
    let mut changes = json!({});
    for (_, question) in QUESTIONNAIRE.questions() {
        if question
            .maps
            .iter()
            .any(|m| m.standard == Standard::Iso42001)
        {
            changes[question.id.as_str()] = json!("not_started");
        }
    }
    let (report, _) = assess(every_question(both(), "implemented", changes));
    // A 27001 item is implemented when its full-depth question serves 27001 alone: all Annex A
    // controls, and the clauses with a separate question per standard (4.3, 5.2, 6.1.2, …).
    let implemented = |id: &str| {
        let question = full_question(Standard::Iso27001, id);
        QUESTIONNAIRE
            .question(&question)
            .is_some_and(|q| q.maps.iter().all(|m| m.standard == Standard::Iso27001))
    };
    let covered: f64 = catalogs
        .iso42001
        .assessable()
        .map(|item| {
            catalogs
                .crosswalk
                .partners(Standard::Iso42001, &item.id)
                .filter(|pair| implemented(&pair.iso27001))
                .map(|pair| pair.relation.coverage())
                .fold(0.0, f64::max)
        })
        .sum();
    let expected = (covered / 70.0 * 1000.0).round() / 10.0;
    assert!(expected > 0.0);
    assert_eq!(
        report.overlap.iso42001_covered_by_iso27001_percent,
        expected
    );
    let (nothing, _) = assess(every_question(both(), "not_started", json!({})));
    assert_eq!(nothing.overlap.iso42001_covered_by_iso27001_percent, 0.0);
    assert_eq!(percent(&nothing, Standard::Iso42001), 0.0);
}

#[test]
fn a_clause_answered_not_applicable_stays_a_gap_to_verify() {
    let question = full_question(Standard::Iso27001, "6.1.1");
    let answers = every_question(
        both(),
        "implemented",
        json!({ question.clone(): "not_applicable" }),
    );
    let (report, warnings) = assess(answers);
    let gap = gap_of(&report, Standard::Iso27001, "6.1.1");
    let item = gap
        .items
        .iter()
        .find(|item| item.standard == Standard::Iso27001 && item.id == "6.1.1")
        .expect("listed");
    assert!(item.open && item.status == isoready::model::Maturity::Unknown);
    assert_eq!(
        gap.status,
        GapStatus::Partial,
        "the rest of the risk work is done"
    );
    assert!(
        gap.reasons
            .iter()
            .any(|reason| reason.contains("cannot be excluded")),
        "{:?}",
        gap.reasons
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains(&question) && w.contains("cannot be excluded")),
        "{warnings:?}"
    );
    let clauses = &report.readiness[&Standard::Iso27001].domains[0];
    assert!(
        clauses.percent < 100.0,
        "an excluded clause does not count as ready"
    );
    assert_eq!(clauses.applicable, 30, "no clause leaves the count");
}

#[test]
fn laws_raise_the_legal_register_suppliers_and_continuity() {
    let answers = |requests: Value| {
        every_question(
            profile(json!({"data.categories": ["personal"], "drivers.requests": requests})),
            "not_started",
            json!({}),
        )
    };
    let (nis2, _) = assess(answers(json!(["nis2"])));
    let (none, _) = assess(answers(json!(["none"])));
    for (key, reason) in [
        (
            "legal-and-regulatory",
            "the laws you must meet name duties to track",
        ),
        ("business-continuity", "NIS2 requires business continuity"),
    ] {
        let raised = gap_keyed(&nis2, key);
        // Said once: in the gap's one sentence, or among its reasons.
        assert!(
            std::iter::once(&raised.why)
                .chain(&raised.reasons)
                .any(|r| r.contains(reason)),
            "{key}: {} {:?}",
            raised.why,
            raised.reasons
        );
        assert!(raised.score > gap_keyed(&none, key).score, "{key}");
    }
}

#[test]
fn an_isms_in_place_is_extended_to_ai_not_started_again() {
    // ISO 27001 certified, every question that maps only ISO 27001 implemented, AI not started.
    let mut changes = json!({});
    for (_, question) in QUESTIONNAIRE.questions() {
        if question.kind == QuestionKind::Maturity
            && !question.maps.is_empty()
            && question
                .maps
                .iter()
                .all(|m| m.standard == Standard::Iso27001)
        {
            changes[question.id.as_str()] = json!("implemented");
        }
    }
    let certified = profile(json!({
        "org.certifications": ["iso27001"], "data.categories": ["personal"],
        "ai.use": ["in_products"], "ai.autonomy": "assistive", "ai.affects_individuals": false,
        "ai.sensitive_data": false,
    }));
    let (report, _) = assess(every_question(certified, "not_started", changes));
    assert_eq!(report.readiness[&Standard::Iso27001].percent, 100.0);
    let context = gap_keyed(&report, "context-and-interested-parties");
    assert_eq!(context.standards, [Standard::Iso42001]);
    // The ISO 27001 half in place does not make the AI half "partial".
    assert_eq!(context.status, GapStatus::NotStarted);
    assert!(
        context
            .action
            .starts_with("Extend the ISO 27001 work already in place:")
    );
    assert!(
        context.reasons.iter().any(|r| r
            .contains("not yet extended from the ISO 27001 work in place")
            && r.contains("major nonconformity")),
        "{:?}",
        context.reasons
    );
}

#[test]
fn risk_treatment_is_a_proposal_in_the_soa_until_the_treatment_plan_exists() {
    let catalogs = Catalogs::embedded();
    let control = catalogs.iso27001.item("A.5.15").expect("A.5.15");
    let basis = |level: &str| {
        let answers = every_question(
            profile(json!({"data.categories": ["personal"]})),
            "not_started",
            json!({ full_question(Standard::Iso27001, "6.1.3"): level }),
        );
        let answers: isoready::model::Answers = serde_json::from_value(answers).expect("answers");
        let evaluation =
            isoready::assess::Evaluation::new(&QUESTIONNAIRE, catalogs, &answers, Depth::Full);
        evaluation.inclusion_reasons(Standard::Iso27001, control)[0].basis
    };
    use isoready::assess::inclusion::Basis;
    assert_eq!(basis("partial"), Basis::ProposedRiskTreatment);
    assert_eq!(basis("implemented"), Basis::RiskTreatment);
}

#[test]
fn an_item_no_package_holds_is_a_piece_of_work_of_its_own() {
    // Other catalog data could leave an item out of every package: it is not lost.
    let mut catalogs = Catalogs::embedded().clone();
    catalogs
        .packages
        .packages
        .retain(|package| package.key != "backup");
    let answers = every_question(
        profile(json!({"data.categories": ["personal"]})),
        "not_started",
        json!({}),
    );
    let answers: isoready::model::Answers = serde_json::from_value(answers).expect("answers");
    let report = isoready::assess::assess(&QUESTIONNAIRE, &catalogs, &answers, Depth::Quick);
    let alone = report
        .gaps
        .iter()
        .find(|gap| gap.key == "iso27001-a-8-13")
        .expect("A.8.13 on its own");
    assert_eq!(
        alone.controls,
        [ControlRef::new(Standard::Iso27001, "A.8.13")]
    );
    assert_eq!(alone.stage, Stage::Implementation);
}
