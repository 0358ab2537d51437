//! Invariants of the decision engine over generated answers to the default questionnaire.

#[path = "support/report_schema.rs"]
mod report_schema;

use std::sync::LazyLock;

use std::collections::{BTreeMap, BTreeSet};

use isoready::assess::{self, Evaluation, ORDER_REASON_MARKERS, Priority, Recommendation, Report};
use isoready::model::{
    Answers, Catalogs, ControlRef, Question, QuestionKind, Questionnaire, Stage,
};
use proptest::prelude::*;
use proptest::sample::{Index, subsequence};
use report_schema::assert_valid_report;
use serde_json::{Value, json};

static QUESTIONNAIRE: LazyLock<Questionnaire> = LazyLock::new(|| {
    Questionnaire::parse("default", Questionnaire::embedded_text()).expect("valid default")
});

fn maturity_questions() -> Vec<&'static Question> {
    QUESTIONNAIRE
        .questions()
        .map(|(_, question)| question)
        .filter(|question| question.kind == QuestionKind::Maturity)
        .collect()
}

/// The readiness scale from least to most advanced. Not applicable stands outside it, and so
/// does "don't know": it defers to a known answer of a grouped question, which may be higher or
/// lower than any level the specific question is then given.
const ORDER: [&str; 4] = ["not_started", "planned", "partial", "implemented"];

/// A multi answer: "none" alone, or a set of the other values.
fn multi(values: &'static [&'static str]) -> impl Strategy<Value = Value> {
    prop_oneof![
        1 => Just(json!(["none"])),
        4 => subsequence(values, 1..=values.len()).prop_map(|held| json!(held)),
    ]
}

/// Scoping answers, each sometimes missing.
fn scoping() -> impl Strategy<Value = Value> {
    (
        prop::option::weighted(0.9, multi(&["iso27001", "iso42001", "iso27701", "soc2"])),
        prop::option::weighted(0.9, multi(&["personal", "special_category", "financial"])),
        prop::option::weighted(
            0.9,
            multi(&[
                "internal_productivity",
                "internal_operations",
                "in_products",
                "develops",
            ]),
        ),
        prop::option::weighted(
            0.9,
            prop::sample::select(
                &[
                    "assistive",
                    "human_in_the_loop",
                    "human_on_the_loop",
                    "autonomous",
                ][..],
            ),
        ),
        prop::option::weighted(0.9, any::<bool>()),
        prop::option::weighted(0.9, any::<bool>()),
        prop::option::weighted(
            0.9,
            multi(&[
                "iso27001",
                "iso42001",
                "eu_ai_act",
                "soc2",
                "nis2",
                "dora",
                "pci_dss",
                "other",
            ]),
        ),
    )
        .prop_map(
            |(certifications, data, ai, autonomy, affects, sensitive, drivers)| {
                let mut answers = json!({"org.sector": "finance", "org.size": "medium"});
                let given = [
                    ("org.certifications", certifications),
                    ("data.categories", data),
                    ("ai.use", ai),
                    ("ai.autonomy", autonomy.map(|level| json!(level))),
                    ("ai.affects_individuals", affects.map(|flag| json!(flag))),
                    ("ai.sensitive_data", sensitive.map(|flag| json!(flag))),
                    ("drivers.requests", drivers),
                ];
                for (id, value) in given {
                    if let Some(value) = value {
                        answers[id] = value;
                    }
                }
                answers
            },
        )
}

/// Scoping answers plus a level (or nothing) for every maturity question.
fn answers() -> impl Strategy<Value = Answers> {
    let count = maturity_questions().len();
    let level = prop::option::weighted(
        0.8,
        prop::sample::select(
            &[
                "not_started",
                "unknown",
                "planned",
                "partial",
                "implemented",
                "not_applicable",
            ][..],
        ),
    );
    (scoping(), prop::collection::vec(level, count)).prop_map(|(mut answers, levels)| {
        for (question, level) in maturity_questions().into_iter().zip(levels) {
            if let Some(level) = level {
                answers[question.id.as_str()] = json!(level);
            }
        }
        serde_json::from_value(answers).expect("answers")
    })
}

/// The report, checked against the report schema like every report the tests produce.
fn report(answers: &Answers) -> Report {
    let depth = assess::implied_depth(&QUESTIONNAIRE, answers);
    let report = assess::assess(&QUESTIONNAIRE, Catalogs::embedded(), answers, depth);
    assert_valid_report(&report);
    report
}

/// The rank of the gap holding an item, if it is open.
fn rank_of(report: &Report, item: &ControlRef) -> Option<usize> {
    report
        .gaps
        .iter()
        .find(|gap| gap.controls.contains(item))
        .map(|gap| gap.rank)
}

/// Every readiness figure of a report, by a stable label.
fn figures(report: &Report) -> Vec<(String, f64)> {
    let mut all = vec![(
        "overlap".to_owned(),
        report.overlap.iso42001_covered_by_iso27001_percent,
    )];
    for (standard, readiness) in &report.readiness {
        all.push((standard.to_string(), readiness.percent));
        for domain in &readiness.domains {
            all.push((format!("{standard} {}", domain.id), domain.percent));
        }
    }
    all
}

/// Every package a package builds on, directly or through others.
fn ancestors(key: &str) -> BTreeSet<&'static str> {
    let packages = &Catalogs::embedded().packages;
    let mut found = BTreeSet::new();
    let mut stack = vec![key];
    while let Some(key) = stack.pop() {
        for before in packages
            .get(key)
            .map(|p| p.builds_on.as_slice())
            .unwrap_or_default()
        {
            if found.insert(before.as_str()) {
                stack.push(before.as_str());
            }
        }
    }
    found
}

fn level(priority: Priority) -> u8 {
    match priority {
        Priority::Critical => 3,
        Priority::High => 2,
        Priority::Medium => 1,
        Priority::Low => 0,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn no_item_is_in_two_gaps_and_each_gap_is_one_package(answers in answers()) {
        let report = report(&answers);
        let mut seen = BTreeSet::new();
        let mut keys = BTreeSet::new();
        for gap in &report.gaps {
            prop_assert!(keys.insert(gap.key.clone()), "key {} twice", gap.key);
            let package = Catalogs::embedded().packages.get(&gap.key);
            prop_assert!(package.is_some(), "{} is no package", gap.key);
            for item in &gap.controls {
                prop_assert!(seen.insert(item.clone()), "{} in two gaps", item);
                prop_assert!(package.is_some_and(|p| p.items.contains(item)), "{} not in {}", item, gap.key);
            }
        }
    }

    #[test]
    fn a_gap_never_ranks_above_a_package_it_builds_on(answers in answers()) {
        let report = report(&answers);
        let rank: BTreeMap<&str, usize> = report.gaps.iter().map(|gap| (gap.key.as_str(), gap.rank)).collect();
        for gap in &report.gaps {
            for before in ancestors(&gap.key) {
                if let Some(&earlier) = rank.get(before) {
                    prop_assert!(earlier < gap.rank, "{} (#{}) above {} (#{}) it builds on", gap.key, gap.rank, before, earlier);
                }
            }
        }
    }

    #[test]
    fn stages_never_go_back_and_assurance_waits_for_the_foundation(answers in answers()) {
        let report = report(&answers);
        let stages: Vec<Stage> = report.gaps.iter().map(|gap| gap.stage).collect();
        prop_assert!(stages.windows(2).all(|pair| pair[0] <= pair[1]), "{:?}", stages);
        let phases: Vec<u8> = report.gaps.iter().map(|gap| gap.phase.number()).collect();
        prop_assert!(phases.windows(2).all(|pair| pair[0] <= pair[1]), "{:?}", phases);
        if report.gaps.iter().any(|gap| gap.key == "risk-assessment") {
            for gap in report.gaps.iter().filter(|gap| gap.stage == Stage::Assurance) {
                prop_assert!(gap.phase.number() > 1, "{} in phase 1 before the risk assessment", gap.key);
            }
        }
    }

    #[test]
    fn where_rank_and_priority_disagree_one_of_the_two_gaps_says_why(answers in answers()) {
        let report = report(&answers);
        let explained = |reasons: &[String]| {
            reasons.iter().any(|r| ORDER_REASON_MARKERS.iter().any(|m| r.starts_with(m)))
        };
        for (i, upper) in report.gaps.iter().enumerate() {
            for lower in &report.gaps[i + 1..] {
                if level(lower.priority) > level(upper.priority) {
                    prop_assert!(
                        explained(&upper.reasons) || explained(&lower.reasons),
                        "#{} {} ({:?}) above #{} {} ({:?}) with no reason",
                        upper.rank, upper.key, upper.priority, lower.rank, lower.key, lower.priority
                    );
                }
            }
        }
    }

    #[test]
    fn the_report_is_a_pure_function_of_the_answers(answers in answers()) {
        let first = serde_json::to_string(&report(&answers)).expect("serialises");
        let second = serde_json::to_string(&report(&answers.clone())).expect("serialises");
        prop_assert_eq!(first, second);
    }

    #[test]
    fn ranks_run_from_one_and_scores_stay_within_bounds(answers in answers()) {
        let report = report(&answers);
        for (position, gap) in report.gaps.iter().enumerate() {
            prop_assert_eq!(gap.rank, position + 1);
            prop_assert!((0.0..=100.0).contains(&gap.score), "score {}", gap.score);
            prop_assert!((1..=3).contains(&gap.phase.number()));
        }
        for (label, percent) in figures(&report) {
            prop_assert!((0.0..=100.0).contains(&percent), "{} = {}", label, percent);
        }
    }

    #[test]
    fn improving_one_answer_never_lowers_readiness_nor_raises_its_gaps_past_others(
        answers in answers(), pick in any::<Index>(), step in any::<Index>(),
    ) {
        let depth = assess::implied_depth(&QUESTIONNAIRE, &answers);
        let evaluation = Evaluation::new(&QUESTIONNAIRE, Catalogs::embedded(), &answers, depth);
        // Asked maturity questions with an answer that can still improve.
        let improvable: Vec<(&str, usize)> = maturity_questions()
            .into_iter()
            .filter(|q| evaluation.is_asked(&q.id))
            .filter_map(|q| {
                let level = answers.get(&q.id)?.as_text()?;
                let at = ORDER.iter().position(|known| *known == level)?;
                (at + 1 < ORDER.len()).then_some((q.id.as_str(), at))
            })
            .collect();
        prop_assume!(!improvable.is_empty());
        let (question, at) = improvable[pick.index(improvable.len())];
        let better = ORDER[at + 1 + step.index(ORDER.len() - at - 1)];
        // The items whose status this question decides.
        let decided: Vec<&ControlRef> = evaluation
            .statuses
            .iter()
            .filter(|(_, status)| status.level.is_some() && status.questions == [question])
            .map(|(item, _)| item)
            .collect();
        let before = report(&answers);
        let mut improved = answers.clone();
        improved.insert(question.to_owned(), isoready::model::AnswerValue::Text(better.to_owned()));
        let after = report(&improved);
        let (old, new) = (figures(&before), figures(&after));
        prop_assert_eq!(old.len(), new.len());
        for ((label, was), (_, now)) in old.iter().zip(&new) {
            prop_assert!(now >= was, "{} {} → {}: {} fell from {} to {}", question, ORDER[at], better, label, was, now);
        }
        // Gaps whose score or inherited urgency the answer can move: those holding a decided
        // item, and what they build on. Every other gap ranked above an improved item stays
        // above it.
        let mut moved: BTreeSet<&str> = BTreeSet::new();
        for gap in &before.gaps {
            if gap.controls.iter().any(|item| decided.contains(&item)) {
                moved.insert(gap.key.as_str());
                moved.extend(ancestors(&gap.key));
            }
        }
        let above = |report: &Report, item: &ControlRef| -> Option<BTreeSet<String>> {
            let rank = rank_of(report, item)?;
            Some(
                report.gaps[..rank - 1]
                    .iter()
                    .filter(|gap| !moved.contains(gap.key.as_str()))
                    .map(|gap| gap.key.clone())
                    .collect(),
            )
        };
        for item in decided {
            if let (Some(was), Some(now)) = (above(&before, item), above(&after, item)) {
                prop_assert!(was.is_subset(&now), "{} {} → {}: {} rose above {:?}", question, ORDER[at], better, item, was.difference(&now).collect::<Vec<_>>());
            }
        }
    }

    #[test]
    fn a_fully_implemented_answer_set_has_no_gaps(scoping in scoping()) {
        let mut answers = scoping;
        for question in maturity_questions() {
            answers[question.id.as_str()] = json!("implemented");
        }
        let answers: Answers = serde_json::from_value(answers).expect("answers");
        let report = report(&answers);
        prop_assert!(report.gaps.is_empty(), "{:?}", report.gaps.first().map(|gap| &gap.title));
        // While undetermined, a standard not yet ruled out is reported without its Annex A
        // questions having been asked; the recommended standards are fully ready.
        if report.recommendation != Recommendation::Undetermined {
            for (standard, readiness) in &report.readiness {
                prop_assert_eq!(readiness.percent, 100.0, "{}", standard);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Answered in the questionnaire's order, as the TUI asks, progress moves from scoping to
    /// readiness once and never falls within a stage, however many questions an answer opens.
    #[test]
    fn progress_never_falls_as_questions_are_answered(target in answers()) {
        let depth = isoready::model::Depth::Full;
        let mut answers = Answers::new();
        let mut last = assess::Progress::new(&QUESTIONNAIRE, &answers, depth).stage;
        for (_, question) in QUESTIONNAIRE.questions() {
            let Some(value) = target.get(&question.id) else { continue };
            answers.insert(question.id.clone(), value.clone());
            let stage = assess::Progress::new(&QUESTIONNAIRE, &answers, depth).stage;
            match (last, stage) {
                (assess::Stage::Readiness { .. }, assess::Stage::Scoping { .. }) => {
                    prop_assert!(false, "back to scoping after {}", question.id);
                }
                (assess::Stage::Scoping { .. }, assess::Stage::Scoping { .. })
                | (assess::Stage::Readiness { .. }, assess::Stage::Readiness { .. }) => {
                    prop_assert!(
                        stage.percent() >= last.percent(),
                        "{} fell from {last:?} to {stage:?}", question.id
                    );
                }
                _ => {}
            }
            last = stage;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// What the question screen shows after every answer is what the full report says.
    #[test]
    fn the_live_figures_match_the_report(answers in answers()) {
        let depth = assess::implied_depth(&QUESTIONNAIRE, &answers);
        let catalogs = Catalogs::embedded();
        let evaluation = Evaluation::new(&QUESTIONNAIRE, catalogs, &answers, depth);
        let live = assess::Live::of(&evaluation);
        let report = assess::assess(&QUESTIONNAIRE, catalogs, &answers, depth);
        prop_assert_eq!(live.recommendation, report.recommendation);
        let readiness: Vec<_> = report
            .readiness
            .iter()
            .map(|(standard, readiness)| (*standard, readiness.percent))
            .collect();
        prop_assert_eq!(live.readiness, readiness);
        prop_assert_eq!(live.missing, report.missing.len());
        prop_assert_eq!(live.to_confirm, report.to_confirm);
    }
}
