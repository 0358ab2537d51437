//! Conditions evaluate as specified — a table of conditions, answers and outcomes.

use isoready::model::{Answers, Condition, Standard};
use rstest::rstest;
use serde_json::json;

/// The answers every case reads: a single, a multi, a yes/no, a number and a maturity answer.
fn answers() -> Answers {
    serde_json::from_value(json!({
        "org.sector": "healthcare",
        "ai.use": ["internal_operations", "in_products"],
        "ai.affects_individuals": true,
        "org.sites": 3,
        "sec.policy": "partial",
        "data.categories": ["none"],
    }))
    .expect("answers literal")
}

fn condition(value: serde_json::Value) -> Condition {
    serde_json::from_value(value).expect("condition literal")
}

/// Scope for `in_scope` tests: 27001 in scope, 42001 not.
fn scope(standard: Standard) -> bool {
    standard == Standard::Iso27001
}

#[rstest]
// equals: strings, booleans, numbers and maturity levels; an unanswered question never equals.
#[case::equals_single(json!({"equals": {"question": "org.sector", "value": "healthcare"}}), true)]
#[case::equals_single_other(json!({"equals": {"question": "org.sector", "value": "finance"}}), false)]
#[case::equals_yes(json!({"equals": {"question": "ai.affects_individuals", "value": true}}), true)]
#[case::equals_no(json!({"equals": {"question": "ai.affects_individuals", "value": false}}), false)]
#[case::equals_number(json!({"equals": {"question": "org.sites", "value": 3}}), true)]
#[case::equals_level(json!({"equals": {"question": "sec.policy", "value": "partial"}}), true)]
#[case::equals_unanswered(json!({"equals": {"question": "ai.autonomy", "value": "assistive"}}), false)]
#[case::equals_unanswered_no(json!({"equals": {"question": "ai.sensitive_data", "value": false}}), false)]
// any_of: at least one value held, by a single or a multi answer.
#[case::any_of_multi(json!({"any_of": {"question": "ai.use", "values": ["develops", "in_products"]}}), true)]
#[case::any_of_multi_none(json!({"any_of": {"question": "ai.use", "values": ["develops", "none"]}}), false)]
#[case::any_of_single(json!({"any_of": {"question": "org.sector", "values": ["finance", "healthcare"]}}), true)]
#[case::any_of_empty(json!({"any_of": {"question": "ai.use", "values": []}}), false)]
#[case::any_of_unanswered(json!({"any_of": {"question": "drivers.requests", "values": ["iso27001"]}}), false)]
#[case::any_of_yes_no(json!({"any_of": {"question": "ai.affects_individuals", "values": ["true"]}}), false)]
// all_of: every value held; for a single answer, the one value.
#[case::all_of_multi(json!({"all_of": {"question": "ai.use", "values": ["in_products", "internal_operations"]}}), true)]
#[case::all_of_multi_missing(json!({"all_of": {"question": "ai.use", "values": ["in_products", "develops"]}}), false)]
#[case::all_of_single(json!({"all_of": {"question": "org.sector", "values": ["healthcare"]}}), true)]
#[case::all_of_single_two(json!({"all_of": {"question": "org.sector", "values": ["healthcare", "finance"]}}), false)]
#[case::all_of_unanswered(json!({"all_of": {"question": "drivers.requests", "values": []}}), false)]
// not, and, or — including their empty forms and an unanswered question under `not`.
#[case::not_true(json!({"not": {"equals": {"question": "org.sector", "value": "healthcare"}}}), false)]
#[case::not_false(json!({"not": {"any_of": {"question": "data.categories", "values": ["personal"]}}}), true)]
#[case::not_unanswered(json!({"not": {"equals": {"question": "ai.autonomy", "value": "assistive"}}}), true)]
#[case::and_all(json!({"and": [{"equals": {"question": "org.sector", "value": "healthcare"}}, {"any_of": {"question": "ai.use", "values": ["in_products"]}}]}), true)]
#[case::and_one_false(json!({"and": [{"equals": {"question": "org.sector", "value": "healthcare"}}, {"equals": {"question": "org.sites", "value": 4}}]}), false)]
#[case::and_empty(json!({"and": []}), true)]
#[case::or_one(json!({"or": [{"equals": {"question": "org.sites", "value": 4}}, {"any_of": {"question": "ai.use", "values": ["in_products"]}}]}), true)]
#[case::or_none(json!({"or": [{"equals": {"question": "org.sites", "value": 4}}, {"equals": {"question": "ai.autonomy", "value": "autonomous"}}]}), false)]
#[case::or_empty(json!({"or": []}), false)]
#[case::nested(json!({"and": [{"not": {"any_of": {"question": "data.categories", "values": ["none"]}}}, {"or": [{"in_scope": "iso27001"}]}]}), false)]
// in_scope: answered by the scope the recommendation rules decide.
#[case::in_scope_yes(json!({"in_scope": "iso27001"}), true)]
#[case::in_scope_no(json!({"in_scope": "iso42001"}), false)]
#[case::in_scope_either(json!({"or": [{"in_scope": "iso42001"}, {"in_scope": "iso27001"}]}), true)]
fn conditions_evaluate_as_specified(#[case] when: serde_json::Value, #[case] expected: bool) {
    assert_eq!(
        condition(when.clone()).eval(&answers(), &scope),
        expected,
        "{when}"
    );
}

#[test]
fn a_condition_lists_the_questions_it_reads_and_whether_it_uses_the_scope() {
    let when = condition(json!({"and": [
        {"equals": {"question": "a", "value": true}},
        {"not": {"or": [{"any_of": {"question": "b", "values": ["x"]}}, {"in_scope": "iso42001"}]}},
        {"all_of": {"question": "c", "values": ["y"]}},
    ]}));
    assert_eq!(when.questions(), ["a", "b", "c"]);
    assert!(when.uses_scope());
    let plain = condition(json!({"not": {"equals": {"question": "a", "value": 1}}}));
    assert!(!plain.uses_scope());
}

#[test]
fn conditions_reject_unknown_operators_and_fields() {
    for bad in [
        json!({"none_of": {"question": "a", "values": ["x"]}}),
        json!({"equals": {"question": "a", "value": "x", "extra": 1}}),
        json!({"in_scope": "iso9001"}),
    ] {
        assert!(
            serde_json::from_value::<Condition>(bad.clone()).is_err(),
            "{bad}"
        );
    }
}
