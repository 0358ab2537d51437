//! Why an Annex A control belongs in the Statement of Applicability: the reasons for including
//! it, drawn from what the scoping answers say about the organisation.
//!
//! Every control gets at least one reason: treating the risks to the information or AI the
//! organisation has, the laws, regulations and contracts it is asked to meet, and, always last,
//! good practice. A certificate held or asked for is not a reason a control applies, so it is
//! never given as one.

use crate::model::{Item, Request, Standard, Tag};

use super::scope::{Profile, Tri};

/// What a reason for including a control rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Basis {
    /// The control treats a risk the organisation has.
    RiskTreatment,
    /// The control would treat a risk the organisation has, but no risk treatment plan has
    /// confirmed it yet.
    ProposedRiskTreatment,
    /// A law or regulation asks for it.
    Legal,
    /// Customers, tenders or a card scheme ask for it.
    Contractual,
    /// Good practice for any such management system.
    GoodPractice,
}

impl Basis {
    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Basis::RiskTreatment => "Risk treatment",
            Basis::ProposedRiskTreatment => {
                "Risk treatment (proposed until the risk assessment confirms it)"
            }
            Basis::Legal => "Legal or regulatory",
            Basis::Contractual => "Contractual",
            Basis::GoodPractice => "Good practice",
        }
    }
}

/// One reason for including a control.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// What it rests on.
    pub basis: Basis,
    /// The reason in plain words, without a final full stop.
    pub text: String,
}

impl Reason {
    fn new(basis: Basis, text: impl Into<String>) -> Reason {
        Reason {
            basis,
            text: text.into(),
        }
    }
}

/// The reasons, joined into one justification: "Risk treatment: …. Contractual: …."
pub fn justification(reasons: &[Reason]) -> String {
    // Reasons of one basis read as one sentence: "Risk treatment: a; b."
    let mut sentences: Vec<(Basis, Vec<&str>)> = Vec::new();
    for reason in reasons {
        match sentences.last_mut() {
            Some((basis, texts)) if *basis == reason.basis => texts.push(&reason.text),
            _ => sentences.push((reason.basis, vec![&reason.text])),
        }
    }
    sentences
        .iter()
        .map(|(basis, texts)| format!("{}: {}.", basis.label(), texts.join("; ")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The 27001 topics that protect held information most directly.
const DATA_TAGS: [Tag; 5] = [
    Tag::AccessControl,
    Tag::Cryptography,
    Tag::Privacy,
    Tag::Suppliers,
    Tag::Incidents,
];

/// The 42001 topics that matter most when AI affects people or acts on its own.
const STAKES_TAGS: [Tag; 3] = [Tag::AiImpact, Tag::HumanOversight, Tag::Transparency];

/// Why a control of `standard` is included, from the scoping answers in `profile`; never empty.
pub(crate) fn reasons(profile: &Profile, standard: Standard, item: &Item) -> Vec<Reason> {
    let mut reasons = Vec::new();
    match standard {
        Standard::Iso27001 => risks_27001(profile, item, &mut reasons),
        Standard::Iso42001 => risks_42001(profile, item, &mut reasons),
    }
    for request in profile.requests() {
        if let Some(reason) = obligation(standard, request) {
            reasons.push(reason);
        }
    }
    reasons.push(Reason::new(
        Basis::GoodPractice,
        match standard {
            Standard::Iso27001 => {
                "a reference control that any information security management system weighs"
            }
            Standard::Iso42001 => "a reference control that any AI management system weighs",
        },
    ));
    reasons
}

fn risks_27001(profile: &Profile, item: &Item, reasons: &mut Vec<Reason>) {
    let data = profile.sensitive_data();
    if data.is_empty() {
        return;
    }
    let held = list(
        &data
            .iter()
            .map(|category| category.label())
            .collect::<Vec<_>>(),
    );
    let direct = item.tags.iter().any(|tag| DATA_TAGS.contains(tag));
    reasons.push(Reason::new(
        Basis::RiskTreatment,
        if direct {
            format!("directly protects the {held} you hold")
        } else {
            format!("part of protecting the {held} you hold")
        },
    ));
}

fn risks_42001(profile: &Profile, item: &Item, reasons: &mut Vec<Reason>) {
    let uses = profile.ai_uses();
    if !uses.is_empty() {
        let described: Vec<&str> = uses.iter().map(|ai_use| ai_use.label()).collect();
        reasons.push(Reason::new(
            Basis::RiskTreatment,
            format!("addresses the risks of {}", list(&described)),
        ));
    }
    if profile.high_stakes_ai() == Tri::Yes && item.tags.iter().any(|tag| STAKES_TAGS.contains(tag))
    {
        reasons.push(Reason::new(Basis::RiskTreatment, profile.stakes()));
    }
}

/// The reason a requested standard, law or framework gives for a control of `standard`.
fn obligation(standard: Standard, request: Request) -> Option<Reason> {
    let (basis, text) = match (standard, request) {
        (Standard::Iso27001, Request::Nis2) => (
            Basis::Legal,
            "NIS2 requires cyber security risk-management measures",
        ),
        (Standard::Iso27001, Request::Dora) => (
            Basis::Legal,
            "DORA requires the management of ICT risk and operational resilience",
        ),
        (Standard::Iso27001, Request::PciDss) => (
            Basis::Contractual,
            "PCI DSS applies to the card payments you handle",
        ),
        (Standard::Iso27001, Request::Soc2) => (
            Basis::Contractual,
            "customers ask for a SOC 2 report, whose criteria overlap these controls",
        ),
        (Standard::Iso42001, Request::EuAiAct) => (
            Basis::Legal,
            "the EU AI Act sets obligations for the AI systems you provide or use",
        ),
        _ => return None,
    };
    Some(Reason::new(basis, text))
}

/// "a", "a and b", "a, b and c".
fn list(parts: &[&str]) -> String {
    match parts {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Answers, Catalogs};

    fn profile_of(value: serde_json::Value) -> Answers {
        serde_json::from_value(value).expect("answers")
    }

    fn item(standard: Standard, id: &str) -> &'static Item {
        Catalogs::embedded()
            .catalog(standard)
            .item(id)
            .expect("a catalog item")
    }

    fn bases(reasons: &[Reason]) -> Vec<Basis> {
        reasons.iter().map(|reason| reason.basis).collect()
    }

    #[test]
    fn data_held_names_the_categories_and_drivers_name_the_law_or_contract() {
        let answers = profile_of(serde_json::json!({
            "data.categories": ["personal", "financial"],
            "drivers.requests": ["nis2", "pci_dss", "eu_ai_act"],
        }));
        let profile = Profile::new(&answers);
        // Access control protects held data directly.
        let reasons = reasons(
            &profile,
            Standard::Iso27001,
            item(Standard::Iso27001, "A.5.15"),
        );
        assert_eq!(
            bases(&reasons),
            [
                Basis::RiskTreatment,
                Basis::Legal,
                Basis::Contractual,
                Basis::GoodPractice
            ]
        );
        assert_eq!(
            reasons[0].text,
            "directly protects the personal data and financial data you hold"
        );
        assert!(reasons[1].text.starts_with("NIS2"));
        assert!(reasons[2].text.starts_with("PCI DSS"));
        // The EU AI Act is a reason for 42001 controls, not for 27001 ones.
        assert!(!justification(&reasons).contains("AI Act"));
        let text = justification(&reasons);
        assert!(
            text.starts_with("Risk treatment: directly protects"),
            "{text}"
        );
        assert!(text.ends_with("management system weighs."), "{text}");
    }

    #[test]
    fn a_control_away_from_the_data_is_part_of_protecting_it() {
        let answers = profile_of(serde_json::json!({"data.categories": ["special_category"]}));
        let reasons = reasons(
            &Profile::new(&answers),
            Standard::Iso27001,
            item(Standard::Iso27001, "A.7.4"),
        );
        assert_eq!(
            reasons[0].text,
            "part of protecting the special-category data such as health you hold"
        );
    }

    #[test]
    fn ai_controls_rest_on_the_ai_use_the_stakes_and_the_ai_act() {
        let answers = profile_of(serde_json::json!({
            "ai.use": ["in_products", "develops"], "ai.affects_individuals": true,
            "drivers.requests": ["eu_ai_act", "iso42001"], "org.certifications": ["iso42001"],
        }));
        let profile = Profile::new(&answers);
        let impact = Catalogs::embedded()
            .iso42001
            .items
            .iter()
            .find(|item| item.tags.contains(&Tag::AiImpact))
            .expect("an impact control");
        let reasons = reasons(&profile, Standard::Iso42001, impact);
        assert_eq!(
            bases(&reasons),
            // The certificate held and the one asked for give no reason of their own.
            [
                Basis::RiskTreatment,
                Basis::RiskTreatment,
                Basis::Legal,
                Basis::GoodPractice
            ]
        );
        assert_eq!(
            reasons[0].text,
            "addresses the risks of AI in the products and services you deliver and the AI systems you build or train"
        );
    }

    #[test]
    fn without_scoping_answers_good_practice_still_gives_a_reason() {
        let answers = Answers::new();
        for standard in Standard::ALL {
            for item in Catalogs::embedded().catalog(standard).items.iter() {
                let reasons = reasons(&Profile::new(&answers), standard, item);
                assert_eq!(bases(&reasons), [Basis::GoodPractice]);
                assert!(!justification(&reasons).contains("no reason"));
            }
        }
    }

    #[test]
    fn lists_read_as_prose() {
        assert_eq!(list(&["a"]), "a");
        assert_eq!(list(&["a", "b"]), "a and b");
        assert_eq!(list(&["a", "b", "c"]), "a, b and c");
    }
}
