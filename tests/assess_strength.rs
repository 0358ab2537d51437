//! How strongly each standard in scope is called for, and why.

#[path = "support/profiles.rs"]
mod profiles;
#[path = "support/report_schema.rs"]
mod report_schema;

use isoready::assess::Strength;
use isoready::model::Standard;
use profiles::{assess, profile};
use rstest::rstest;
use serde_json::{Value, json};

#[rstest]
// A small firm whose only sensitive data is personal, with no demand: advisable, lighter route.
#[case::small_personal_data(json!({"data.categories": ["personal"]}), Standard::Iso27001, Strength::Advisable, "a lighter route")]
// A large organisation with health data and no demand: the risk calls for it.
#[case::large_health_data(json!({"org.size": "large", "data.categories": ["special_category"]}), Standard::Iso27001, Strength::Advisable, "calls for managed security")]
// Customers ask for the certificate.
#[case::asked_for(json!({"data.categories": ["personal"], "drivers.requests": ["iso27001"]}), Standard::Iso27001, Strength::Required, "ask you for it")]
// NIS2 obliges the measures an ISMS organises: required, naming only the law given, and the
// certificate itself said to be optional.
#[case::nis2(json!({"drivers.requests": ["nis2"]}), Standard::Iso27001, Strength::Required, "NIS2 obliges you to manage these security measures")]
// Already held: keep it.
#[case::held(json!({"org.certifications": ["iso27001"]}), Standard::Iso27001, Strength::Required, "You hold the certificate")]
// An assistive AI feature in a product, nobody asking: adopt the controls, certify when asked.
#[case::ancillary_feature(json!({"ai.use": ["in_products"], "ai.autonomy": "assistive", "ai.affects_individuals": false}), Standard::Iso42001, Strength::Optional, "certify when customers ask")]
// AI that decides about people: required, and not the same as EU AI Act conformity.
#[case::affects_people(json!({"ai.use": ["internal_operations"], "ai.autonomy": "human_in_the_loop", "ai.affects_individuals": true}), Standard::Iso42001, Strength::Required, "not EU AI Act conformity")]
// The EU AI Act is a driver: required, with the same caution.
#[case::eu_ai_act(json!({"drivers.requests": ["eu_ai_act"]}), Standard::Iso42001, Strength::Required, "not EU AI Act conformity")]
// The EU AI Act is not a request for the certificate: the reason says what ISO 42001 does for it.
#[case::eu_ai_act_reason(json!({"drivers.requests": ["eu_ai_act"]}), Standard::Iso42001, Strength::Required, "The EU AI Act applies to your AI")]
// Building AI for internal use only: advisable.
#[case::builds_ai(json!({"ai.use": ["develops"], "ai.autonomy": "assistive", "ai.affects_individuals": false}), Standard::Iso42001, Strength::Advisable, "build or train")]
// Building AI and selling it: AI is what the organisation sells.
#[case::sells_ai(json!({"ai.use": ["develops", "in_products"], "ai.autonomy": "assistive", "ai.affects_individuals": false}), Standard::Iso42001, Strength::Required, "AI is what you sell")]
fn each_standard_in_scope_has_a_strength_with_its_reason(
    #[case] changes: Value,
    #[case] standard: Standard,
    #[case] expected: Strength,
    #[case] reason: &str,
) {
    let (report, _) = assess(profile(changes));
    assert_eq!(report.strength.get(&standard), Some(&expected));
    let text = &report.strength_reasons[&standard];
    assert!(text.contains(reason), "{text}");
}

#[test]
fn strength_is_given_for_the_standards_in_scope_only() {
    let (report, _) = assess(profile(json!({"data.categories": ["personal"]})));
    assert_eq!(
        report.strength.keys().copied().collect::<Vec<_>>(),
        [Standard::Iso27001]
    );
    assert_eq!(
        report.strength_reasons.keys().copied().collect::<Vec<_>>(),
        [Standard::Iso27001]
    );
    let (none, _) = assess(profile(json!({})));
    assert!(none.strength.is_empty() && none.strength_reasons.is_empty());
}

#[test]
fn an_assistive_feature_without_people_or_demand_does_not_mention_the_ai_act() {
    let (report, _) = assess(profile(
        json!({"ai.use": ["in_products"], "ai.autonomy": "assistive", "ai.affects_individuals": false}),
    ));
    assert!(!report.strength_reasons[&Standard::Iso42001].contains("EU AI Act"));
}
