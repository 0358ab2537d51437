//! Sequencing advice: which standard to start with and how to combine them.

use crate::model::Standard;

use super::Evaluation;
use super::report::Recommendation;
use super::scope::{Profile, Tri};

/// Plain-words advice on the order of work for the recommendation.
pub fn advice(evaluation: &Evaluation, recommendation: Recommendation) -> String {
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
        Recommendation::None => "Neither standard is needed now. Revisit this assessment when you start handling sensitive information, when AI enters your products or decisions, or when a customer or tender asks for a certificate.".to_owned(),
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
        Recommendation::Both => both(holds, requested, &profile),
    }
}

fn both(
    holds: impl Fn(Standard) -> bool,
    requested: impl Fn(Standard) -> bool,
    profile: &Profile,
) -> String {
    let shared = "Clauses 4–10 are shared: do context, leadership, risk method, internal audit and management review once for both standards.";
    match (holds(Standard::Iso27001), holds(Standard::Iso42001)) {
        (true, true) => "You hold both certificates: keep one integrated management system running and close the gaps below before the next audits.".to_owned(),
        (true, false) => format!("You already hold ISO 27001: extend that management system to AI rather than building a second one. {shared} Add the AI risk and impact assessment (6.1.4, 8.4) and the ISO 42001 Annex A controls; a combined audit is possible."),
        (false, true) => format!("You already hold ISO 42001: extend that management system to information security. {shared} Add the information security risk work and the ISO 27001 Annex A controls."),
        (false, false) => {
            let first = if requested(Standard::Iso42001) && !requested(Standard::Iso27001) {
                "Start with ISO 42001, because that is what your customers or regulators ask for, and add ISO 27001 on the same foundation."
            } else if profile.has_any("ai.use", &["in_products", "develops"]) == Tri::Yes
                && profile.sensitive_data().is_empty()
            {
                "Start with ISO 42001: AI is at the heart of what you deliver, and add ISO 27001 on the same foundation."
            } else {
                "Start with ISO 27001: many of its controls (access, logging, suppliers, incidents) are the base that ISO 42001 reuses, then extend to AI within the same system."
            };
            format!("Build one integrated management system. {shared} {first}")
        }
    }
}
