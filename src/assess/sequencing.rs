//! Sequencing advice: which standard to start with and how to combine them.

use crate::model::{AiUse, Certification, Request, Stage, Standard};

use super::Evaluation;
use super::report::{Gap, Recommendation};
use super::scope::{Profile, Tri};

/// Plain-words advice on the order of work for the recommendation, consistent with the top of
/// the ranked gap list (or saying why not).
pub fn advice(evaluation: &Evaluation, recommendation: Recommendation, gaps: &[Gap]) -> String {
    let profile = &evaluation.profile;
    let holds = |standard: Standard| profile.holds(&[Certification::of(standard)]) == Tri::Yes;
    // EU AI Act conformity is a demand for what ISO 42001 provides.
    let requested = |standard: Standard| {
        let asked: &[Request] = match standard {
            Standard::Iso27001 => &[Request::Iso27001],
            Standard::Iso42001 => &[Request::Iso42001, Request::EuAiAct],
        };
        profile.asked_for(asked) == Tri::Yes
    };
    match recommendation {
        Recommendation::Undetermined => format!(
            "Answer the missing scoping questions first ({}): the recommendation depends on them.",
            evaluation.scope.missing.join(", ")
        ),
        Recommendation::None => {
            let mut text = "Neither standard is needed now. Revisit this assessment when you start handling sensitive information, when AI enters your products or decisions, or when a customer or tender asks for a certificate.".to_owned();
            if gaps.iter().any(|gap| gap.supplementary) {
                text.push_str(" You use AI, though: the AI basics you answered (AI policy, responsible use, AI suppliers) are listed below as supplementary gaps, worth closing without any certificate.");
            }
            text
        }
        Recommendation::Iso27001 | Recommendation::Iso42001 => {
            let target = if recommendation == Recommendation::Iso27001 {
                Standard::Iso27001
            } else {
                Standard::Iso42001
            };
            // Holding the other standard would put it in scope too, so only `target` can be held.
            if holds(target) {
                format!(
                    "You already hold {}: keep the management system running (internal audit, management review, surveillance audits) and close the gaps below before the next audit.",
                    target.short_name()
                )
            } else {
                let mut text = format!(
                    "Build one management system for {}: start with scope (4.3) and the risk method (6.1.2), because the Statement of Applicability and most controls follow from them.",
                    target.short_name()
                );
                if target == Standard::Iso27001 && profile.uses_ai() == Tri::Yes {
                    text.push_str(" Your AI use is covered by a few supplementary ISO 42001 controls in the gap list (AI policy, responsible use, AI suppliers); a full ISO 42001 system is not needed yet.");
                }
                text
            }
        }
        Recommendation::Both => both(holds, requested, profile, gaps),
    }
}

/// Which standard's controls lead the list: the one with more gaps of its own among the first
/// eight pieces of control work (ISO 27001 on a tie).
fn control_lead(gaps: &[Gap]) -> Option<Standard> {
    let first: Vec<&Gap> = gaps
        .iter()
        .filter(|gap| gap.stage == Stage::Implementation)
        .take(8)
        .collect();
    let only = |standard: Standard| {
        first
            .iter()
            .filter(|gap| gap.standards == [standard])
            .count()
    };
    if first.is_empty() {
        None
    } else if only(Standard::Iso42001) > only(Standard::Iso27001) {
        Some(Standard::Iso42001)
    } else {
        Some(Standard::Iso27001)
    }
}

fn both(
    holds: impl Fn(Standard) -> bool,
    requested: impl Fn(Standard) -> bool,
    profile: &Profile,
    gaps: &[Gap],
) -> String {
    let shared = "Clauses 4–10 are shared: do context, leadership, risk method, internal audit and management review once for both standards.";
    match (holds(Standard::Iso27001), holds(Standard::Iso42001)) {
        (true, true) => "You hold both certificates: keep one integrated management system running and close the gaps below before the next audits.".to_owned(),
        (true, false) => format!("You already hold ISO 27001: extend that management system to AI rather than building a second one. {shared} Add AI to the risk assessment (6.1.2, 8.2), the AI system impact assessment (6.1.4, 8.4) and the ISO 42001 Annex A controls; treat the AI feature as a change to the certified ISMS too (its risks, its AI supplier); a combined audit is possible."),
        (false, true) => format!("You already hold ISO 42001: extend that management system to information security. {shared} Add the information security risk work and the ISO 27001 Annex A controls."),
        (false, false) => {
            let foundation = "Lay the shared foundation first, once for both (the top of the gap list): context and scope, leadership and policies, the risk method, the risk assessment and treatment, and the AI impact assessment.";
            let lead = control_lead(gaps);
            let asked_42001_only = profile.asked_for(&[Request::Iso42001]) == Tri::Yes
                && !requested(Standard::Iso27001);
            let first: Vec<String> = gaps
                .iter()
                .filter(|gap| gap.stage == Stage::Implementation)
                .take(3)
                .map(|gap| gap.title.clone())
                .collect();
            let starts = match first.as_slice() {
                [] => String::new(),
                [one] => format!(", which starts with {one}"),
                [rest @ .., last] => format!(", which starts with {} and {last}", rest.join(", ")),
            };
            let mut then = match lead {
                Some(Standard::Iso42001) => format!("Then the controls in the order of the list{starts}; the first eight of them are mostly AI controls, because your AI already needs them, and the ISO 27001 controls follow within the same system."),
                _ => format!("Then the controls in the order of the list{starts}; the first eight of them are mostly ISO 27001 work that protects the information you hold and that ISO 42001 reuses, and the AI controls follow within the same system."),
            };
            if asked_42001_only {
                then.push_str(" Customers ask for ISO 42001, so certify it first and add ISO 27001 certification on the same system.");
            } else if profile.uses(&[AiUse::InProducts, AiUse::Develops]) == Tri::Yes
                && profile.sensitive_data().is_empty()
            {
                then.push_str(" AI is at the heart of what you deliver, so ISO 42001 can be certified first.");
            }
            if lead != Some(Standard::Iso42001) && profile.high_stakes_ai() == Tri::Yes {
                let what = if profile.affects_individuals() == Tri::Yes {
                    "affects people"
                } else {
                    "acts without a person approving each outcome"
                };
                then.push_str(&format!(" Your AI already {what}: the controls that keep it in check (intended use, human oversight, the AI supplier) start in the first 30 days as well."));
            }
            if profile.asked_for(&[Request::EuAiAct]) == Tri::Yes {
                then.push_str(" For the EU AI Act, ISO 42001 organises the work (risk and impact assessment, oversight, records, transparency) but gives no presumption of conformity: check the Act's own obligations for your role and your AI's risk class.");
            }
            format!("Build one integrated management system. {shared} {foundation} {then}")
        }
    }
}
