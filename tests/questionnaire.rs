//! The default questionnaire — valid, covering both standards, with the scoping block
//! of the contract and AI sections asked only when the scoping answers call for them.

use std::collections::BTreeMap;

use isoready::assess::Evaluation;
use isoready::model::{
    Answers, Catalogs, Condition, ControlRef, Depth, Question, QuestionKind, Questionnaire,
    Standard, Tag,
};
use serde_json::json;

fn default_questionnaire() -> Questionnaire {
    Questionnaire::parse(
        "questionnaires/default.json",
        Questionnaire::embedded_text(),
    )
    .unwrap_or_else(|problems| panic!("the embedded questionnaire is invalid: {problems}"))
}

fn answers(value: serde_json::Value) -> Answers {
    serde_json::from_value(value).expect("answers literal")
}

fn maturity_questions(questionnaire: &Questionnaire) -> impl Iterator<Item = &Question> {
    questionnaire
        .questions()
        .map(|(_, question)| question)
        .filter(|question| question.kind == QuestionKind::Maturity)
}

#[test]
fn the_embedded_questionnaire_validates() {
    let questionnaire = default_questionnaire();
    assert_eq!(questionnaire.id, "isoready-default");
    assert_eq!(questionnaire.schema.as_deref(), Some("./schema.json"));
}

#[test]
fn every_assessable_item_has_a_quick_question_and_exactly_one_full_question() {
    let questionnaire = default_questionnaire();
    let mut quick: BTreeMap<ControlRef, usize> = BTreeMap::new();
    let mut full: BTreeMap<ControlRef, Vec<&str>> = BTreeMap::new();
    for question in maturity_questions(&questionnaire) {
        for reference in &question.maps {
            match question.depth {
                Depth::Quick => *quick.entry(reference.clone()).or_default() += 1,
                Depth::Full => full
                    .entry(reference.clone())
                    .or_default()
                    .push(&question.id),
            }
        }
    }
    let catalogs = Catalogs::embedded();
    let mut checked = 0;
    for standard in Standard::ALL {
        for item in catalogs.catalog(standard).assessable() {
            let reference = ControlRef::new(standard, item.id.clone());
            assert!(
                quick.contains_key(&reference),
                "{reference}: no quick question"
            );
            let by = full.get(&reference).cloned().unwrap_or_default();
            assert_eq!(by.len(), 1, "{reference}: full-depth questions {by:?}");
            checked += 1;
        }
    }
    assert_eq!(checked, 30 + 93 + 32 + 38);
}

#[test]
fn every_question_has_help_and_guidance_and_every_full_question_refines_a_quick_one() {
    let questionnaire = default_questionnaire();
    for (section, question) in questionnaire.questions() {
        assert!(!question.help.trim().is_empty(), "{}: no help", question.id);
        assert!(
            !question.guidance.trim().is_empty(),
            "{}: no guidance",
            question.id
        );
        if question.depth == Depth::Full {
            let refined = section.questions.iter().any(|quick| {
                quick.depth == Depth::Quick
                    && question.maps.iter().all(|item| quick.maps.contains(item))
            });
            assert!(
                refined,
                "{}: no quick question of its section maps its items",
                question.id
            );
        }
    }
}

/// The scoping block: (id, kind, option values).
const SCOPING: [(&str, QuestionKind, &[&str]); 9] = [
    (
        "org.sector",
        QuestionKind::Single,
        &[
            "healthcare",
            "finance",
            "public_sector",
            "technology",
            "education",
            "retail",
            "manufacturing",
            "professional_services",
            "other",
        ],
    ),
    (
        "org.size",
        QuestionKind::Single,
        &["micro", "small", "medium", "large"],
    ),
    (
        "org.certifications",
        QuestionKind::Multi,
        &[
            "iso27001", "iso42001", "iso27701", "iso9001", "soc2", "none",
        ],
    ),
    (
        "data.categories",
        QuestionKind::Multi,
        &[
            "personal",
            "special_category",
            "financial",
            "confidential_business",
            "government",
            "none",
        ],
    ),
    (
        "ai.use",
        QuestionKind::Multi,
        &[
            "internal_productivity",
            "internal_operations",
            "in_products",
            "develops",
            "none",
        ],
    ),
    (
        "ai.autonomy",
        QuestionKind::Single,
        &[
            "assistive",
            "human_in_the_loop",
            "human_on_the_loop",
            "autonomous",
        ],
    ),
    ("ai.affects_individuals", QuestionKind::YesNo, &[]),
    ("ai.sensitive_data", QuestionKind::YesNo, &[]),
    (
        "drivers.requests",
        QuestionKind::Multi,
        &[
            "iso27001",
            "iso42001",
            "eu_ai_act",
            "soc2",
            "nis2",
            "dora",
            "pci_dss",
            "other",
            "none",
        ],
    ),
];

#[test]
fn the_scoping_block_has_the_ids_kinds_and_values_of_the_design() {
    let questionnaire = default_questionnaire();
    let first = &questionnaire.sections[0];
    let ids: Vec<&str> = first.questions.iter().map(|q| q.id.as_str()).collect();
    let expected: Vec<&str> = SCOPING.iter().map(|(id, _, _)| *id).collect();
    assert_eq!(
        ids, expected,
        "the first section is the scoping block, in order"
    );
    assert!(first.when.is_none());
    for (question, (id, kind, values)) in first.questions.iter().zip(SCOPING) {
        assert_eq!(question.kind, kind, "{id}");
        let options: Vec<&str> = question.options.iter().map(|o| o.value.as_str()).collect();
        assert_eq!(options, values, "{id}");
        let exclusive: Vec<&str> = question
            .options
            .iter()
            .filter(|o| o.exclusive)
            .map(|o| o.value.as_str())
            .collect();
        let expected_exclusive: &[&str] = if kind == QuestionKind::Multi {
            &["none"]
        } else {
            &[]
        };
        assert_eq!(exclusive, expected_exclusive, "{id}: \"none\" stands alone");
        assert!(question.maps.is_empty(), "{id}");
        assert_eq!(question.depth, Depth::Quick, "{id}");
    }
}

/// Every valid `ai.use` answer: "none" alone, or any non-empty set of the four uses.
fn ai_uses() -> Vec<Vec<&'static str>> {
    let uses = [
        "internal_productivity",
        "internal_operations",
        "in_products",
        "develops",
    ];
    let mut all = vec![vec!["none"]];
    for mask in 1..16 {
        all.push(
            (0..4)
                .filter(|bit| mask & (1 << bit) != 0)
                .map(|bit| uses[bit])
                .collect(),
        );
    }
    all
}

fn condition_of(questionnaire: &Questionnaire, id: &str) -> Option<Condition> {
    questionnaire
        .question(id)
        .and_then(|question| question.when.clone())
}

#[test]
fn scoping_conditions_are_those_of_the_design() {
    let questionnaire = default_questionnaire();
    for id in [
        "org.sector",
        "org.size",
        "org.certifications",
        "data.categories",
        "ai.use",
        "drivers.requests",
    ] {
        assert!(
            condition_of(&questionnaire, id).is_none(),
            "{id} is always asked"
        );
    }
    let no_scope = |_: Standard| false;
    let categories: [&[&str]; 3] = [&["none"], &["personal"], &["financial", "government"]];
    for uses in ai_uses() {
        for held in categories {
            let given = answers(json!({ "ai.use": uses, "data.categories": held }));
            let uses_ai = uses != ["none"];
            for id in ["ai.autonomy", "ai.affects_individuals"] {
                let when = condition_of(&questionnaire, id).expect("conditional");
                assert_eq!(when.eval(&given, &no_scope), uses_ai, "{id} for {uses:?}");
            }
            let when = condition_of(&questionnaire, "ai.sensitive_data").expect("conditional");
            let expected = uses_ai && held != ["none"];
            assert_eq!(when.eval(&given, &no_scope), expected, "{uses:?} {held:?}");
        }
    }
}

/// The questions a profile is asked at full depth.
fn asked_for(questionnaire: &Questionnaire, profile: serde_json::Value) -> Vec<&Question> {
    let given = answers(profile);
    let evaluation = Evaluation::new(questionnaire, Catalogs::embedded(), &given, Depth::Full);
    questionnaire
        .questions()
        .map(|(_, question)| question)
        .filter(|question| evaluation.is_asked(&question.id))
        .collect()
}

fn maps_only_42001(question: &Question) -> bool {
    !question.maps.is_empty()
        && question
            .maps
            .iter()
            .all(|m| m.standard == Standard::Iso42001)
}

#[test]
fn ai_sections_are_asked_only_when_the_scoping_answers_call_for_them() {
    let questionnaire = default_questionnaire();
    let base = json!({ "org.certifications": ["none"], "data.categories": ["personal"],
                       "drivers.requests": ["none"] });
    let with = |extra: serde_json::Value| {
        let mut profile = base.clone();
        for (key, value) in extra.as_object().cloned().unwrap_or_default() {
            profile[key] = value;
        }
        profile
    };
    // No AI: no AI-management question at all.
    let asked = asked_for(&questionnaire, with(json!({ "ai.use": ["none"] })));
    assert!(
        asked.iter().all(|q| !maps_only_42001(q)),
        "asked without AI"
    );
    // Assistive internal AI under a 27001-only scope: only the supplementary baseline.
    let profile = with(
        json!({ "ai.use": ["internal_productivity"], "ai.autonomy": "assistive",
                               "ai.affects_individuals": false, "ai.sensitive_data": false }),
    );
    let catalogs = Catalogs::embedded();
    let baseline = |m: &ControlRef| {
        catalogs
            .item(m)
            .is_some_and(|item| item.tags.contains(&Tag::AiBaseline))
    };
    let supplementary: Vec<&str> = asked_for(&questionnaire, profile)
        .into_iter()
        .filter(|q| maps_only_42001(q))
        .inspect(|q| assert!(q.maps.iter().any(baseline), "{} is not baseline work", q.id))
        .map(|q| q.id.as_str())
        .collect();
    assert!(supplementary.contains(&"aims.governance.policy.approved"));
    // AI in products: the whole AI management system.
    let profile = with(
        json!({ "ai.use": ["in_products"], "ai.autonomy": "assistive",
                               "ai.affects_individuals": false, "ai.sensitive_data": false }),
    );
    let asked = asked_for(&questionnaire, profile);
    let covered: usize = asked.iter().filter(|q| maps_only_42001(q)).count();
    let all: usize = questionnaire
        .questions()
        .filter(|(_, q)| maps_only_42001(q))
        .count();
    assert_eq!(covered, all);
}

#[test]
fn prompts_and_help_read_well_aloud() {
    let questionnaire = default_questionnaire();
    for (_, question) in questionnaire.questions() {
        for (field, text) in [("prompt", &question.prompt), ("help", &question.help)] {
            for stumble in ["e.g.", "i.e.", "etc.", "A mandatory clause"] {
                assert!(
                    !text.contains(stumble),
                    "{} {field}: \"{stumble}\"",
                    question.id
                );
            }
        }
        assert!(
            question.prompt.ends_with('?'),
            "{}: a prompt is a question",
            question.id
        );
    }
}
