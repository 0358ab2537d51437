//! Sequencing advice: which standard to start with and how to combine them.

use crate::model::{Stage, Standard};

use super::Evaluation;
use super::report::{Gap, Recommendation};
use super::scope::{Profile, Tri};

/// Plain-words advice on the order of work for the recommendation, consistent with the top of
/// the ranked gap list (or saying why not).
pub fn advice(evaluation: &Evaluation, recommendation: Recommendation, gaps: &[Gap]) -> String {
    let profile = Profile::new(&evaluation.effective);
    let holds =
        |standard: Standard| profile.has_any("org.certifications", &[standard.key()]) == Tri::Yes;
    // EU AI Act conformity is a demand for what ISO 42001 provides.
    let requested = |standard: Standard| {
        let asked: &[&str] = match standard {
            Standard::Iso27001 => &["iso27001"],
            Standard::Iso42001 => &["iso42001", "eu_ai_act"],
        };
        profile.has_any("drivers.requests", asked) == Tri::Yes
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
        Recommendation::Both => both(holds, requested, &profile, gaps),
    }
}

/// The first control work of the list, and whether it is for ISO 42001 alone.
fn first_controls(gaps: &[Gap]) -> Option<&Gap> {
    gaps.iter().find(|gap| gap.stage == Stage::Implementation)
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
        (true, false) => format!("You already hold ISO 27001: extend that management system to AI rather than building a second one. {shared} Add the AI risk and impact assessment (6.1.4, 8.4) and the ISO 42001 Annex A controls; a combined audit is possible."),
        (false, true) => format!("You already hold ISO 42001: extend that management system to information security. {shared} Add the information security risk work and the ISO 27001 Annex A controls."),
        (false, false) => {
            let foundation = "Lay the shared foundation first, once for both (the top of the gap list): context and scope, leadership and policies, the risk method, the risk assessment and treatment, and the AI impact assessment.";
            let ai_first = first_controls(gaps)
                .is_some_and(|gap| gap.standards == [Standard::Iso42001]);
            let certify_42001_first =
                requested(Standard::Iso42001) && !requested(Standard::Iso27001);
            let then = if ai_first {
                let why = first_controls(gaps).map(|gap| gap.why.as_str()).unwrap_or_default();
                format!("Then start the controls with the AI ones, as the list does ({why}), and build the ISO 27001 controls alongside.")
            } else if certify_42001_first {
                "Then implement the controls in the order of the list: it starts with the security controls your information needs, which ISO 42001 reuses. Customers or regulators ask for ISO 42001, so you can certify it first and add ISO 27001 certification on the same system.".to_owned()
            } else if profile.has_any("ai.use", &["in_products", "develops"]) == Tri::Yes
                && profile.sensitive_data().is_empty()
            {
                "Then implement the controls in the order of the list; AI is at the heart of what you deliver, so ISO 42001 can be certified first.".to_owned()
            } else {
                "Then implement the ISO 27001 controls first, as the list does: access, logging, suppliers and incidents are the base ISO 42001 reuses; the AI controls follow within the same system.".to_owned()
            };
            let mut text = format!("Build one integrated management system. {shared} {foundation} {then}");
            if !ai_first && profile.high_stakes_ai() == Tri::Yes {
                text.push_str(" Your AI already affects people or acts on its own: the controls that protect them (impact on individuals, intended use and human oversight) are placed early in the list as well.");
            }
            text
        }
    }
}
