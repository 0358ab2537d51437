//! Issue 4: the gap list (merging, scoring, dependency order, ties), readiness and overlap.

#[path = "support/profiles.rs"]
mod profiles;
#[path = "support/report_schema.rs"]
mod report_schema;

use isoready::assess::{Gap, GapStatus, Priority, Report};
use isoready::model::{Catalogs, ControlRef, Depth, QuestionKind, Standard};
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

fn ids(report: &Report) -> Vec<String> {
    report
        .gaps
        .iter()
        .map(|gap| gap.controls[0].to_string())
        .collect()
}

#[test]
fn clauses_the_crosswalk_marks_equal_become_one_gap_for_both_standards() {
    let (report, _) = assess(both());
    for clause in ["6.3", "7.4", "7.5.1", "9.2.2", "10.2"] {
        let gap = gap_of(&report, Standard::Iso27001, clause);
        assert_eq!(gap.standards, Standard::ALL, "{clause}");
        assert_eq!(
            gap.controls,
            [
                ControlRef::new(Standard::Iso27001, clause),
                ControlRef::new(Standard::Iso42001, clause)
            ]
        );
        assert!(
            gap.reasons.iter().any(|r| r.contains("closes it for both")),
            "{clause}"
        );
        assert!(gap.action.ends_with("Do it once for both standards."));
    }
    // An intersecting pair is two pieces of work.
    let security = gap_of(&report, Standard::Iso27001, "4.1");
    let ai = gap_of(&report, Standard::Iso42001, "4.1");
    assert_ne!(security.rank, ai.rank);
    assert_eq!(security.standards, [Standard::Iso27001]);
    let shared = report
        .gaps
        .iter()
        .filter(|gap| gap.standards.len() == 2)
        .count();
    assert_eq!(report.overlap.shared_gaps, shared);
    assert_eq!(shared, 12, "the twelve equal clause pairs");
}

#[test]
fn scope_and_risk_method_rank_before_the_statement_of_applicability() {
    // 6.1.3 not started outscores 4.3 and 6.1.2 partly done, yet depends on them.
    let mut changes = json!({});
    for standard in Standard::ALL {
        changes[full_question(standard, "4.3")] = json!("partial");
        changes[full_question(standard, "6.1.2")] = json!("partial");
        changes[full_question(standard, "6.1.3")] = json!("not_started");
    }
    let (report, _) = assess(every_question(both(), "implemented", changes));
    assert_eq!(report.gaps.len(), 6, "{:?}", ids(&report));
    for standard in Standard::ALL {
        let scope = gap_of(&report, standard, "4.3");
        let method = gap_of(&report, standard, "6.1.2");
        let soa = gap_of(&report, standard, "6.1.3");
        assert!(
            soa.score > scope.score && soa.score > method.score,
            "the test needs this"
        );
        assert!(
            scope.rank < soa.rank && method.rank < soa.rank,
            "{standard}: {:?}",
            ids(&report)
        );
        assert!(scope.phase <= soa.phase && method.phase <= soa.phase);
        assert!(
            scope
                .reasons
                .iter()
                .any(|r| r.starts_with("Comes first:") && r.contains("6.1.3"))
        );
    }
}

#[test]
fn equal_scores_are_ordered_by_control_id_in_the_standard_order() {
    let certified = profile(json!({"org.certifications": ["iso27001"]}));
    let mut changes = json!({});
    for id in ["A.5.10", "A.5.8", "A.5.2"] {
        changes[full_question(Standard::Iso27001, id)] = json!("not_started");
    }
    let (report, _) = assess(every_question(certified, "implemented", changes));
    assert_eq!(
        ids(&report),
        ["iso27001:A.5.2", "iso27001:A.5.8", "iso27001:A.5.10"]
    );
    assert!(
        report
            .gaps
            .iter()
            .all(|gap| gap.score == report.gaps[0].score)
    );
}

#[test]
fn every_gap_carries_its_reasons_an_action_a_phase_and_a_consistent_priority() {
    let (report, _) = assess(every_question(both(), "not_started", json!({})));
    assert!(!report.gaps.is_empty());
    for gap in &report.gaps {
        assert!((0.0..=100.0).contains(&gap.score), "{}", gap.score);
        let band = match gap.score {
            s if s >= 75.0 => Priority::Critical,
            s if s >= 60.0 => Priority::High,
            s if s >= 45.0 => Priority::Medium,
            _ => Priority::Low,
        };
        assert_eq!(gap.priority, band, "{}", gap.title);
        assert!((1..=3).contains(&gap.phase));
        assert!(
            !gap.reasons.is_empty() && gap.action.starts_with("Start:"),
            "{}",
            gap.title
        );
        assert_eq!(gap.status, GapStatus::NotStarted);
        assert!(!gap.questions.is_empty());
    }
    let clause = gap_of(&report, Standard::Iso27001, "9.2.1");
    assert!(clause.reasons[0].starts_with("Required for certification"));
    let scores: Vec<f64> = report.gaps.iter().map(|gap| gap.score).collect();
    assert!(scores.first() >= scores.last());
}

#[test]
fn the_status_comes_from_the_most_specific_answer() {
    let (report, _) = assess(profile(json!({
        "data.categories": ["personal"],
        "ms.planning.risk_isms": "implemented",
        "ms.planning.treatment_security": "not_started",
        "sec.org.supplier_selection": "partial",
    })));
    let treatment = gap_of(&report, Standard::Iso27001, "6.1.3");
    assert_eq!(treatment.status, GapStatus::NotStarted);
    assert_eq!(treatment.questions, ["ms.planning.treatment_security"]);
    let listed = |id: &str| report.gaps.iter().any(|gap| gap.controls[0].id == id);
    assert!(
        !listed("6.1.1") && !listed("6.1.2"),
        "the grouped answer holds for the rest"
    );
    let suppliers = gap_of(&report, Standard::Iso27001, "A.5.19");
    assert_eq!(
        (suppliers.status, suppliers.questions.as_slice()),
        (
            GapStatus::Partial,
            &["sec.org.supplier_selection".to_owned()][..]
        )
    );
    assert!(suppliers.action.starts_with("Complete what exists:"));
    let unanswered = gap_of(&report, Standard::Iso27001, "A.8.20");
    assert_eq!(unanswered.status, GapStatus::Unknown);
    assert!(
        unanswered
            .reasons
            .iter()
            .any(|r| r == "Not answered yet: verify first.")
    );
    assert!(
        unanswered
            .action
            .starts_with("Verify the current state first")
    );
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
    assert_eq!(raised.score - plain.score, 15.0);
    assert!(
        raised
            .reasons
            .iter()
            .any(|r| r == "Relevant to your profile: you hold sensitive information.")
    );
    assert!(raised.rank < plain.rank || raised.rank == 1);
    // Individual-affecting AI raises the AI impact assessment.
    let (report, _) = assess(profile(json!({
        "ai.use": ["internal_operations"], "ai.autonomy": "human_in_the_loop", "ai.affects_individuals": true,
    })));
    let impact = gap_of(&report, Standard::Iso42001, "6.1.4");
    assert!(
        impact
            .reasons
            .iter()
            .any(|r| r.starts_with("Relevant to your profile: your AI affects individuals"))
    );
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
    for (level, score) in [
        ("not_started", 0.0),
        ("unknown", 0.0),
        ("planned", 0.2),
        ("partial", 0.5),
    ] {
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
        assert_eq!(domain.answered, if level == "unknown" { 36 } else { 37 });
    }
    let answers = every_question(
        certified,
        "not_started",
        json!({ question: "not_applicable" }),
    );
    let (report, _) = assess(answers);
    let domain = &report.readiness[&Standard::Iso27001].domains[1];
    assert_eq!((domain.applicable, domain.percent), (36, 0.0));
    assert!(report.gaps.iter().all(|gap| gap.controls[0].id != "A.5.1"));
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
    assert_eq!(gap.status, GapStatus::Unknown);
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
