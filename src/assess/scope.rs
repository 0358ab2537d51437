//! The recommendation rules: which standards the scoping answers put in scope.
//!
//! Each rule is a three-valued test (yes, no, not yet known) so that an answer the rules need
//! but do not have makes the outcome `undetermined` only when it could change it.

use serde::Serialize;

use crate::model::{
    AiUse, Answers, Autonomy, Certification, DataCategory, Request, SCOPING_IDS, ScopingAnswers,
    Size, Standard, scoping,
};

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
    pub(crate) fn includes(&self, standard: Standard) -> bool {
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

/// The scoping answers, as the rules ask about them.
pub(crate) struct Profile {
    answers: ScopingAnswers,
}

/// Whether an answered list holds any of `values` (`Unknown` when unanswered).
fn any_of<T: PartialEq>(held: Option<&[T]>, values: &[T]) -> Tri {
    match held {
        Some(held) => Tri::from_bool(held.iter().any(|value| values.contains(value))),
        None => Tri::Unknown,
    }
}

/// A yes/no answer, or whether a single answer holds (`Unknown` when unanswered).
fn known(answer: Option<bool>) -> Tri {
    answer.map_or(Tri::Unknown, Tri::from_bool)
}

/// The laws and schemes whose security obligations an ISMS meets.
const SECURITY_LAWS: [Request; 3] = [Request::Nis2, Request::Dora, Request::PciDss];

impl Profile {
    /// Reads the scoping answers among the effective answers (those of questions actually asked).
    pub(crate) fn new(answers: &Answers) -> Self {
        Self {
            answers: ScopingAnswers::parse(answers),
        }
    }

    /// Whether the organisation holds any of these certificates.
    pub(crate) fn holds(&self, certifications: &[Certification]) -> Tri {
        any_of(self.answers.certifications.as_deref(), certifications)
    }

    /// Whether the organisation is asked to meet any of these.
    pub(crate) fn asked_for(&self, requests: &[Request]) -> Tri {
        any_of(self.answers.requests.as_deref(), requests)
    }

    /// Whether the organisation uses AI in any of these ways.
    pub(crate) fn uses(&self, uses: &[AiUse]) -> Tri {
        any_of(self.answers.ai_use.as_deref(), uses)
    }

    /// Whether the organisation uses AI in any way.
    pub(crate) fn uses_ai(&self) -> Tri {
        self.uses(&[
            AiUse::InternalProductivity,
            AiUse::InternalOperations,
            AiUse::InProducts,
            AiUse::Develops,
        ])
    }

    /// Whether the organisation holds sensitive information (`Unknown` when unanswered).
    pub(crate) fn holds_sensitive_data(&self) -> Tri {
        match self.answers.data {
            Some(_) => Tri::from_bool(!self.sensitive_data().is_empty()),
            None => Tri::Unknown,
        }
    }

    /// The data categories held, other than "none".
    pub(crate) fn sensitive_data(&self) -> Vec<DataCategory> {
        self.answers
            .data
            .iter()
            .flatten()
            .copied()
            .filter(|category| *category != DataCategory::None)
            .collect()
    }

    /// Whether the AI's outputs affect individuals.
    pub(crate) fn affects_individuals(&self) -> Tri {
        known(self.answers.affects_individuals)
    }

    /// Whether the AI processes sensitive information.
    pub(crate) fn ai_sensitive_data(&self) -> Tri {
        known(self.answers.ai_sensitive_data)
    }

    /// Whether the AI acts without a person approving each outcome.
    pub(crate) fn acts_alone(&self) -> Tri {
        known(self.answers.autonomy.map(Autonomy::acts_alone))
    }

    /// Whether the organisation is micro or small.
    pub(crate) fn is_small(&self) -> Tri {
        known(self.answers.size.map(Size::is_small))
    }

    /// What customers, regulators, tenders or the sector ask the organisation to meet, other
    /// than "none" (empty when unanswered).
    pub(crate) fn requests(&self) -> Vec<Request> {
        self.answers
            .requests
            .iter()
            .flatten()
            .copied()
            .filter(|request| *request != Request::None)
            .collect()
    }

    /// Whether a law or scheme whose security obligations an ISMS meets applies.
    pub(crate) fn security_law(&self) -> Tri {
        self.asked_for(&SECURITY_LAWS)
    }

    /// The security laws and schemes the organisation must meet, by name ("NIS2", "DORA",
    /// "PCI DSS"), in the answer's order.
    pub(crate) fn security_laws(&self) -> Vec<&'static str> {
        self.requests()
            .into_iter()
            .filter_map(|request| match request {
                Request::Nis2 => Some("NIS2"),
                Request::Dora => Some("DORA"),
                Request::PciDss => Some("PCI DSS"),
                _ => None,
            })
            .collect()
    }

    /// The AI uses, other than "none" (empty when unanswered).
    pub(crate) fn ai_uses(&self) -> Vec<AiUse> {
        self.answers
            .ai_use
            .iter()
            .flatten()
            .copied()
            .filter(|ai_use| *ai_use != AiUse::None)
            .collect()
    }

    /// Why the AI is high-stakes, in a few words: it affects people, acts on its own, or both.
    pub(crate) fn stakes(&self) -> &'static str {
        let affects = self.affects_individuals() == Tri::Yes;
        let acts = self.acts_alone() == Tri::Yes;
        match (affects, acts) {
            (true, true) => {
                "your AI affects individuals and acts without a person approving each outcome"
            }
            (true, false) => "your AI affects individuals",
            _ => "your AI acts without a person approving each outcome",
        }
    }

    /// AI that affects individuals or acts without a person approving each outcome.
    pub(crate) fn high_stakes_ai(&self) -> Tri {
        self.uses_ai()
            .and(self.affects_individuals().or(self.acts_alone()))
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
    let data = profile.holds_sensitive_data();
    if data == Tri::Yes {
        findings.push(finding(
            scoping::DATA_CATEGORIES,
            format!(
                "You hold sensitive information ({}): protecting it is what ISO 27001 certifies",
                profile
                    .sensitive_data()
                    .iter()
                    .map(|category| category.label())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    let holds_27001 = profile.holds(&[Certification::Iso27001]);
    if holds_27001 == Tri::Yes {
        findings.push(finding(
            scoping::CERTIFICATIONS,
            "You already hold ISO 27001: keeping it means keeping its management system running",
        ));
    }
    let asked_27001 = profile.asked_for(&[Request::Iso27001]);
    if asked_27001 == Tri::Yes {
        findings.push(finding(
            scoping::REQUESTS,
            "Customers, regulators or tenders ask you for ISO 27001",
        ));
    }
    let security_law = profile.security_law();
    if security_law == Tri::Yes {
        let named = profile.security_laws();
        findings.push(finding(
            scoping::REQUESTS,
            format!(
                "You must meet {}: {} security obligations are most often met and shown through an ISMS",
                named.join(" and "),
                if named.len() == 1 { "its" } else { "their" }
            ),
        ));
    }
    let iso27001 = data.or(holds_27001).or(asked_27001).or(security_law);

    // AI management (42001).
    let builds = profile.uses(&[AiUse::InProducts, AiUse::Develops]);
    if builds == Tri::Yes {
        let text = match (
            profile.uses(&[AiUse::InProducts]) == Tri::Yes,
            profile.uses(&[AiUse::Develops]) == Tri::Yes,
        ) {
            (true, true) => {
                "AI is part of the products you deliver, and you build AI systems yourself"
            }
            (true, false) => "AI is part of the products or services you deliver to others",
            _ => "You build, train or fine-tune AI systems yourself",
        };
        findings.push(finding(scoping::AI_USE, text));
    }
    let high_stakes = profile.high_stakes_ai();
    if high_stakes == Tri::Yes {
        if profile.affects_individuals() == Tri::Yes {
            findings.push(finding(
                scoping::AFFECTS_INDIVIDUALS,
                "Your AI outputs affect people's rights, opportunities, safety or access to services",
            ));
        }
        if profile.acts_alone() == Tri::Yes {
            findings.push(finding(
                scoping::AI_AUTONOMY,
                "Your AI acts without a person approving each outcome",
            ));
        }
    }
    let asked_42001 = profile.asked_for(&[Request::Iso42001, Request::EuAiAct]);
    if profile.asked_for(&[Request::Iso42001]) == Tri::Yes {
        findings.push(finding(
            scoping::REQUESTS,
            "Customers, regulators or tenders ask you for ISO 42001",
        ));
    }
    if profile.asked_for(&[Request::EuAiAct]) == Tri::Yes {
        findings.push(finding(
            scoping::REQUESTS,
            "The EU AI Act applies to your AI: ISO 42001 organises the work its obligations call for",
        ));
    }
    let holds_42001 = profile.holds(&[Certification::Iso42001]);
    if holds_42001 == Tri::Yes {
        findings.push(finding(
            scoping::CERTIFICATIONS,
            "You already hold ISO 42001: keeping it means keeping its management system running",
        ));
    }
    let iso42001 = builds.or(high_stakes).or(asked_42001).or(holds_42001);

    if iso27001 == Tri::No {
        findings.push(finding(
            scoping::DATA_CATEGORIES,
            "You hold no sensitive information, no ISO 27001 certificate, and nobody asks you for one",
        ));
    }
    if iso42001 == Tri::No {
        let text = if profile.uses_ai() == Tri::No {
            "You do not use AI, and nobody asks you for ISO 42001"
        } else {
            "Your AI use is internal and low-stakes (no effect on individuals, a person decides), and nobody asks you for ISO 42001"
        };
        findings.push(finding(scoping::AI_USE, text));
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
        needed.extend([
            scoping::CERTIFICATIONS,
            scoping::DATA_CATEGORIES,
            scoping::REQUESTS,
        ]);
    }
    if iso42001 == Tri::Unknown {
        needed.extend([scoping::CERTIFICATIONS, scoping::AI_USE, scoping::REQUESTS]);
        if profile.uses_ai() == Tri::Yes {
            needed.extend([scoping::AI_AUTONOMY, scoping::AFFECTS_INDIVIDUALS]);
        }
    }
    SCOPING_IDS
        .into_iter()
        .filter(|id| needed.contains(id) && !answers.contains_key(*id))
        .map(str::to_owned)
        .collect()
}
