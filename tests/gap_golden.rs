//! Golden orders: the first gaps of three named profiles, each position defensible in one
//! sentence (the comment beside it). A change here is a change of advice: review it as such.

#[path = "support/profiles.rs"]
mod profiles;
#[path = "support/report_schema.rs"]
mod report_schema;

use isoready::model::{QuestionKind, Standard};
use profiles::{QUESTIONNAIRE, assess, profile};
use serde_json::{Value, json};

/// `scoping` with every readiness question answered: "implemented" where the question maps
/// only items of a standard in `in_place`, else "not_started".
fn answered(scoping: Value, in_place: &[Standard]) -> Value {
    let mut answers = profile(scoping);
    for (_, question) in QUESTIONNAIRE.questions() {
        if question.kind != QuestionKind::Maturity {
            continue;
        }
        let done = !question.maps.is_empty()
            && question
                .maps
                .iter()
                .all(|item| in_place.contains(&item.standard));
        answers[question.id.as_str()] = json!(if done { "implemented" } else { "not_started" });
    }
    answers
}

fn first_keys(answers: Value, count: usize) -> Vec<String> {
    let (report, _) = assess(answers);
    report
        .gaps
        .iter()
        .take(count)
        .map(|gap| gap.key.clone())
        .collect()
}

#[test]
fn finance_with_ai_in_its_products() {
    let keys = first_keys(
        answered(
            json!({"org.sector": "finance", "org.size": "medium",
                   "data.categories": ["personal", "financial"],
                   "ai.use": ["in_products", "internal_productivity"], "ai.autonomy": "human_on_the_loop",
                   "ai.affects_individuals": true, "ai.sensitive_data": true, "drivers.requests": ["dora"]}),
            &[],
        ),
        GOLDEN_FINANCE.len(),
    );
    assert_eq!(keys, GOLDEN_FINANCE);
}

#[test]
fn hospital_deploying_a_vendor_triage_ai() {
    let keys = first_keys(
        answered(
            json!({"org.sector": "healthcare", "org.size": "large",
                   "data.categories": ["personal", "special_category"],
                   "ai.use": ["internal_operations"], "ai.autonomy": "human_in_the_loop",
                   "ai.affects_individuals": true, "ai.sensitive_data": true}),
            &[],
        ),
        GOLDEN_HOSPITAL.len(),
    );
    assert_eq!(keys, GOLDEN_HOSPITAL);
}

#[test]
fn certified_saas_adding_an_ai_feature() {
    let keys = first_keys(
        answered(
            json!({"org.sector": "technology", "org.size": "medium",
                   "org.certifications": ["iso27001"],
                   "data.categories": ["personal", "confidential_business"],
                   "ai.use": ["in_products"], "ai.autonomy": "assistive",
                   "ai.affects_individuals": false, "ai.sensitive_data": true,
                   "drivers.requests": ["iso27001"]}),
            &[Standard::Iso27001],
        ),
        GOLDEN_SAAS.len(),
    );
    assert_eq!(keys, GOLDEN_SAAS);
}

/// Finance, AI in its products that affects customers, DORA, nothing in place.
const GOLDEN_FINANCE: [&str; 15] = [
    "context-and-interested-parties", // what the system must respond to, before anything else
    "leadership-and-roles",           // a sponsor and owners, before scope and policies
    "legal-and-regulatory",           // DORA, data protection and contracts: duties known first
    "scope-and-management-system",    // every later decision is "in scope or not"
    "ai-system-inventory",            // which AI systems there are: scope and impact name them
    "ai-impact-assessment",           // AI affects customers: its impacts feed the risk work
    "ai-policy",                      // direction for AI, approved by leadership
    "security-policy",                // its security counterpart; both frame the risk criteria
    "risk-assessment",                // one method and one assessment for both standards
    "risk-treatment-and-soa",         // the controls below are chosen here
    "incident-response",              // DORA and sensitive data: breaches must be handled
    "secure-authentication",          // stolen credentials are the most common way in
    "privileged-access",              // admin rights turn one breach into a total one
    "vulnerability-management",       // unpatched systems are the next most common way in
    "backup",                         // what survives ransomware
];

/// A hospital deploying a vendor's triage AI on patients, nothing in place: the same
/// foundation, then the breach controls for patient data, then the oversight of the triage AI
/// (see the assess_gaps tests for its place before societal impact).
const GOLDEN_HOSPITAL: [&str; 15] = [
    "context-and-interested-parties", // what the system must respond to
    "leadership-and-roles",           // a sponsor and owners
    "ai-system-inventory",            // the triage AI and its resources, named
    "legal-and-regulatory",           // data protection and sector duties known before scope
    "scope-and-management-system",    // wards, systems and the triage AI in or out
    "ai-impact-assessment",           // the triage AI affects patients
    "ai-policy",                      // rules for using AI on patients
    "security-policy",                // its security counterpart
    "risk-assessment",                // one method for both standards
    "risk-treatment-and-soa",         // the controls below are chosen here
    "incident-response",              // health data: breaches must be handled and reported
    "secure-authentication",          // stolen credentials
    "privileged-access",              // admin rights
    "vulnerability-management",       // unpatched systems
    "backup",                         // ransomware in hospitals
];

/// An ISO 27001-certified SaaS adding an assistive AI feature that processes customer data:
/// its ISMS answers are all implemented, so every gap is the AI extension, foundation first.
const GOLDEN_SAAS: [&str; 15] = [
    "context-and-interested-parties", // the AI role and AI issues added to the context
    "leadership-and-roles",           // AI roles and sponsorship
    "scope-and-management-system",    // the AI feature brought into the scope
    "ai-policy",                      // direction for AI, before AI risks are judged
    "ai-system-inventory",            // the AI systems, data and suppliers the risk work names
    "risk-assessment",                // AI risks added to the existing method
    "ai-impact-assessment",           // the new work an ISMS has no counterpart for
    "risk-treatment-and-soa",         // the ISO 42001 Annex A controls chosen
    "ai-suppliers-and-customers",     // customer data reaches the AI supplier: start at once
    "ai-data-governance",             // customer data in the AI: provenance and use, at once
    "ai-verification-and-release",    // release checks before the feature reaches customers
    "ai-data-quality",                // the quality of the customer data the feature relies on
    "incident-response",              // AI incidents added to the existing process
    "ai-development",                 // objectives and specification of the AI feature
    "ai-operation-and-monitoring",    // watching the feature in use
];
