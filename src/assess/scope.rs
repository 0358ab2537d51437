//! The recommendation rules: which standards the scoping answers put in scope.
//!
//! Each rule is a three-valued test (yes, no, not yet known) so that an answer the rules need
//! but do not have makes the outcome `undetermined` only when it could change it.

use serde::Serialize;

use crate::model::{Answers, Standard};

use super::report::Finding;

/// A three-valued truth: a rule can hold, fail, or wait for an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Tri {
    /// The rule holds.
    Yes,
    /// The rule fails.
    No,
    /// An answer the rule needs is missing.
    Unknown,
}

impl Tri {
    fn from_bool(value: bool) -> Tri {
        if value { Tri::Yes } else { Tri::No }
    }

    fn or(self, other: Tri) -> Tri {
        match (self, other) {
            (Tri::Yes, _) | (_, Tri::Yes) => Tri::Yes,
            (Tri::No, Tri::No) => Tri::No,
            _ => Tri::Unknown,
        }
    }

    fn and(self, other: Tri) -> Tri {
        match (self, other) {
            (Tri::No, _) | (_, Tri::No) => Tri::No,
            (Tri::Yes, Tri::Yes) => Tri::Yes,
            _ => Tri::Unknown,
        }
    }
}

/// AI uses other than "none".
pub const AI_USES: [&str; 4] = [
    "internal_productivity",
    "internal_operations",
    "in_products",
    "develops",
];

/// Which standards are in scope, why, and which scoping answers are still needed.
#[derive(Debug, Clone, PartialEq)]
pub struct Scope {
    /// Information security management (27001).
    pub iso27001: Tri,
    /// AI management (42001).
    pub iso42001: Tri,
    /// The answers that drove the outcome.
    pub findings: Vec<Finding>,
    /// Scoping questions whose answers could still change the outcome.
    pub missing: Vec<String>,
}

impl Scope {
    /// Whether a standard is in scope for certain.
    pub fn includes(&self, standard: Standard) -> bool {
        self.of(standard) == Tri::Yes
    }

    /// The rule outcome for one standard.
    pub fn of(&self, standard: Standard) -> Tri {
        match standard {
            Standard::Iso27001 => self.iso27001,
            Standard::Iso42001 => self.iso42001,
        }
    }
}

/// Reads the scoping answers the rules need.
pub struct Profile<'a> {
    answers: &'a Answers,
}

impl<'a> Profile<'a> {
    /// Wraps the effective answers (those of questions actually asked).
    pub fn new(answers: &'a Answers) -> Self {
        Self { answers }
    }

    /// The values of a multi answer, if answered.
    pub fn list(&self, id: &str) -> Option<&'a [String]> {
        self.answers.get(id).and_then(|answer| answer.as_list())
    }

    /// Whether a multi answer holds any of `values` (`Unknown` when unanswered).
    pub fn has_any(&self, id: &str, values: &[&str]) -> Tri {
        match self.list(id) {
            Some(held) => Tri::from_bool(held.iter().any(|value| values.contains(&value.as_str()))),
            None => Tri::Unknown,
        }
    }

    /// Whether the organisation uses AI in any way.
    pub fn uses_ai(&self) -> Tri {
        self.has_any("ai.use", &AI_USES)
    }

    /// The data categories held, other than "none".
    pub fn sensitive_data(&self) -> Vec<&'a str> {
        self.list("data.categories")
            .unwrap_or_default()
            .iter()
            .map(String::as_str)
            .filter(|value| *value != "none")
            .collect()
    }

    /// A yes/no answer (`Unknown` when unanswered).
    pub fn yes_no(&self, id: &str) -> Tri {
        match self.answers.get(id).and_then(|answer| answer.as_bool()) {
            Some(value) => Tri::from_bool(value),
            None => Tri::Unknown,
        }
    }

    /// Whether a single answer is one of `values` (`Unknown` when unanswered).
    pub fn single_in(&self, id: &str, values: &[&str]) -> Tri {
        match self.answers.get(id).and_then(|answer| answer.as_text()) {
            Some(value) => Tri::from_bool(values.contains(&value)),
            None => Tri::Unknown,
        }
    }

    /// What customers, regulators, tenders or the sector ask the organisation to meet, other
    /// than "none" (empty when unanswered).
    pub fn requests(&self) -> Vec<&'a str> {
        self.list("drivers.requests")
            .unwrap_or_default()
            .iter()
            .map(String::as_str)
            .filter(|value| *value != "none")
            .collect()
    }

    /// The security laws and schemes the organisation must meet, by name ("NIS2", "DORA",
    /// "PCI DSS"), in the answer's order.
    pub fn security_laws(&self) -> Vec<&'static str> {
        self.requests()
            .into_iter()
            .filter_map(|value| match value {
                "nis2" => Some("NIS2"),
                "dora" => Some("DORA"),
                "pci_dss" => Some("PCI DSS"),
                _ => None,
            })
            .collect()
    }

    /// Whether the organisation already holds a standard's certificate.
    pub fn holds(&self, standard: Standard) -> Tri {
        self.has_any("org.certifications", &[standard.key()])
    }

    /// The AI uses, other than "none" (empty when unanswered).
    pub fn ai_uses(&self) -> Vec<&'a str> {
        self.list("ai.use")
            .unwrap_or_default()
            .iter()
            .map(String::as_str)
            .filter(|value| AI_USES.contains(value))
            .collect()
    }

    /// Why the AI is high-stakes, in a few words: it affects people, acts on its own, or both.
    pub fn stakes(&self) -> &'static str {
        let affects = self.yes_no("ai.affects_individuals") == Tri::Yes;
        let acts = self.single_in("ai.autonomy", &["human_on_the_loop", "autonomous"]) == Tri::Yes;
        match (affects, acts) {
            (true, true) => {
                "your AI affects individuals and acts without a person approving each outcome"
            }
            (true, false) => "your AI affects individuals",
            _ => "your AI acts without a person approving each outcome",
        }
    }

    /// AI that affects individuals or acts without a person approving each outcome.
    pub fn high_stakes_ai(&self) -> Tri {
        let affects = self.yes_no("ai.affects_individuals");
        let autonomy = self.single_in("ai.autonomy", &["human_on_the_loop", "autonomous"]);
        self.uses_ai().and(affects.or(autonomy))
    }
}

/// Plain words for the data categories of the scoping questions.
pub(crate) fn data_label(value: &str) -> &str {
    match value {
        "personal" => "personal data",
        "special_category" => "special-category data such as health",
        "financial" => "financial data",
        "confidential_business" => "confidential business information",
        "government" => "government information",
        other => other,
    }
}

fn finding(question: &str, text: impl Into<String>) -> Finding {
    Finding {
        question: question.to_owned(),
        finding: text.into(),
    }
}

/// Applies the recommendation rules to the effective scoping answers.
pub fn evaluate(answers: &Answers) -> Scope {
    let profile = Profile::new(answers);
    let mut findings = Vec::new();

    // Information security (27001).
    let data = match profile.list("data.categories") {
        Some(_) => Tri::from_bool(!profile.sensitive_data().is_empty()),
        None => Tri::Unknown,
    };
    if data == Tri::Yes {
        findings.push(finding(
            "data.categories",
            format!(
                "You hold sensitive information ({}): protecting it is what ISO 27001 certifies",
                profile
                    .sensitive_data()
                    .iter()
                    .map(|value| data_label(value))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    let holds_27001 = profile.has_any("org.certifications", &["iso27001"]);
    if holds_27001 == Tri::Yes {
        findings.push(finding(
            "org.certifications",
            "You already hold ISO 27001: keeping it means keeping its management system running",
        ));
    }
    let asked_27001 = profile.has_any("drivers.requests", &["iso27001"]);
    if asked_27001 == Tri::Yes {
        findings.push(finding(
            "drivers.requests",
            "Customers, regulators or tenders ask you for ISO 27001",
        ));
    }
    let security_law = profile.has_any("drivers.requests", &["nis2", "dora", "pci_dss"]);
    if security_law == Tri::Yes {
        let named = profile.security_laws();
        findings.push(finding(
            "drivers.requests",
            format!(
                "You must meet {}: {} security obligations are most often met and shown through an ISMS",
                named.join(" and "),
                if named.len() == 1 { "its" } else { "their" }
            ),
        ));
    }
    let iso27001 = data.or(holds_27001).or(asked_27001).or(security_law);

    // AI management (42001).
    let builds = profile.has_any("ai.use", &["in_products", "develops"]);
    if builds == Tri::Yes {
        let uses = profile.list("ai.use").unwrap_or_default();
        let text = match (
            uses.iter().any(|u| u == "in_products"),
            uses.iter().any(|u| u == "develops"),
        ) {
            (true, true) => {
                "AI is part of the products you deliver, and you build AI systems yourself"
            }
            (true, false) => "AI is part of the products or services you deliver to others",
            _ => "You build, train or fine-tune AI systems yourself",
        };
        findings.push(finding("ai.use", text));
    }
    let high_stakes = profile.high_stakes_ai();
    if high_stakes == Tri::Yes {
        if profile.yes_no("ai.affects_individuals") == Tri::Yes {
            findings.push(finding(
                "ai.affects_individuals",
                "Your AI outputs affect people's rights, opportunities, safety or access to services",
            ));
        }
        if profile.single_in("ai.autonomy", &["human_on_the_loop", "autonomous"]) == Tri::Yes {
            findings.push(finding(
                "ai.autonomy",
                "Your AI acts without a person approving each outcome",
            ));
        }
    }
    let asked_42001 = profile.has_any("drivers.requests", &["iso42001", "eu_ai_act"]);
    if profile.has_any("drivers.requests", &["iso42001"]) == Tri::Yes {
        findings.push(finding(
            "drivers.requests",
            "Customers, regulators or tenders ask you for ISO 42001",
        ));
    }
    if profile.has_any("drivers.requests", &["eu_ai_act"]) == Tri::Yes {
        findings.push(finding(
            "drivers.requests",
            "The EU AI Act applies to your AI: ISO 42001 organises the work its obligations call for",
        ));
    }
    let holds_42001 = profile.has_any("org.certifications", &["iso42001"]);
    if holds_42001 == Tri::Yes {
        findings.push(finding(
            "org.certifications",
            "You already hold ISO 42001: keeping it means keeping its management system running",
        ));
    }
    let iso42001 = builds.or(high_stakes).or(asked_42001).or(holds_42001);

    if iso27001 == Tri::No {
        findings.push(finding(
            "data.categories",
            "You hold no sensitive information, no ISO 27001 certificate, and nobody asks you for one",
        ));
    }
    if iso42001 == Tri::No {
        let text = if profile.uses_ai() == Tri::No {
            "You do not use AI, and nobody asks you for ISO 42001"
        } else {
            "Your AI use is internal and low-stakes (no effect on individuals, a person decides), and nobody asks you for ISO 42001"
        };
        findings.push(finding("ai.use", text));
    }

    let missing = missing_inputs(&profile, answers, iso27001, iso42001);
    Scope {
        iso27001,
        iso42001,
        findings,
        missing,
    }
}

/// Unanswered scoping questions that could still change an undetermined outcome.
fn missing_inputs(
    profile: &Profile,
    answers: &Answers,
    iso27001: Tri,
    iso42001: Tri,
) -> Vec<String> {
    let mut needed: Vec<&str> = Vec::new();
    if iso27001 == Tri::Unknown {
        needed.extend(["org.certifications", "data.categories", "drivers.requests"]);
    }
    if iso42001 == Tri::Unknown {
        needed.extend(["org.certifications", "ai.use", "drivers.requests"]);
        if profile.uses_ai() == Tri::Yes {
            needed.extend(["ai.autonomy", "ai.affects_individuals"]);
        }
    }
    crate::model::SCOPING_IDS
        .into_iter()
        .filter(|id| needed.contains(id) && !answers.contains_key(*id))
        .map(str::to_owned)
        .collect()
}
