//! How strongly each standard in scope is called for, with the reason.
//!
//! - **Required**: customers, regulators or tenders ask for the certificate, the organisation
//!   already holds it, a law or scheme obliges the measures it organises (NIS2, DORA, PCI DSS;
//!   the EU AI Act for ISO 42001), or (ISO 42001) its AI affects people's rights, safety or
//!   access to services, or it builds AI that it puts in products. The reason says where the
//!   certificate itself is optional.
//! - **Advisable**: the risk profile calls for it (sensitive information; AI that acts on its
//!   own, that the organisation builds, or that processes sensitive information in a product).
//! - **Optional**: adopt the controls and certify when asked (an ancillary AI feature nobody
//!   asks about).
//!
//! ISO 42001 certification is not EU AI Act conformity: the reason says so whenever the EU AI
//! Act is a driver or AI affects individuals.

use std::collections::BTreeMap;

use crate::model::{AiUse, Certification, DataCategory, Request, Standard};

use super::Evaluation;
use super::report::Strength;
use super::scope::{Profile, Tri};

/// Said whenever the EU AI Act is a driver or AI affects individuals.
pub const NOT_AI_ACT: &str = "ISO 42001 certification is not EU AI Act conformity: it gives you the management system (risk and impact assessment, oversight, records) the Act's obligations build on, but the Act's own requirements, classification and conformity assessment are separate.";

/// The strength and its reason for each standard in scope.
pub fn of(evaluation: &Evaluation) -> (BTreeMap<Standard, Strength>, BTreeMap<Standard, String>) {
    let profile = &evaluation.profile;
    let mut strengths = BTreeMap::new();
    let mut reasons = BTreeMap::new();
    for standard in Standard::ALL {
        if !evaluation.scope.includes(standard) {
            continue;
        }
        let (strength, reason) = match standard {
            Standard::Iso27001 => iso27001(profile),
            Standard::Iso42001 => iso42001(profile),
        };
        strengths.insert(standard, strength);
        reasons.insert(standard, reason);
    }
    (strengths, reasons)
}

fn yes(tri: Tri) -> bool {
    tri == Tri::Yes
}

fn iso27001(profile: &Profile) -> (Strength, String) {
    if yes(profile.holds(&[Certification::Iso27001])) {
        return (
            Strength::Required,
            "You hold the certificate: keep the management system running to keep it.".to_owned(),
        );
    }
    if yes(profile.asked_for(&[Request::Iso27001])) {
        return (
            Strength::Required,
            "Customers, regulators or tenders ask you for it.".to_owned(),
        );
    }
    let laws = profile.security_laws();
    if !laws.is_empty() {
        let named = laws.join(" and ");
        return (
            Strength::Required,
            format!(
                "{named} obliges you to manage these security measures, and an ISMS is the usual way to meet and show that; the certificate itself is optional until customers or the supervisor expect proof."
            ),
        );
    }
    let data = profile.sensitive_data();
    let small = yes(profile.is_small());
    let light = data.iter().all(|category| {
        matches!(
            category,
            DataCategory::Personal | DataCategory::ConfidentialBusiness
        )
    });
    if small && light {
        return (Strength::Advisable, "You hold personal or confidential information, but nobody asks for a certificate yet: a lighter route fits a small organisation first — a security baseline such as Cyber Essentials or the CIS Controls Implementation Group 1 — and ISO 27001 when a customer or tender asks.".to_owned());
    }
    (Strength::Advisable, "The sensitive information you hold calls for managed security, though nobody demands the certificate yet.".to_owned())
}

fn iso42001(profile: &Profile) -> (Strength, String) {
    let eu_act = yes(profile.asked_for(&[Request::EuAiAct]));
    let affects = yes(profile.affects_individuals());
    let (strength, mut reason) = if yes(profile.holds(&[Certification::Iso42001])) {
        (
            Strength::Required,
            "You hold the certificate: keep the management system running to keep it.".to_owned(),
        )
    } else if yes(profile.asked_for(&[Request::Iso42001])) {
        (
            Strength::Required,
            "Customers, regulators or tenders ask you for it.".to_owned(),
        )
    } else if eu_act {
        (Strength::Required, "The EU AI Act applies to your AI: ISO 42001 organises the work its obligations call for (risk management, human oversight, monitoring, records); which duties apply depends on your role and your AI's risk class, and no law requires the certificate itself.".to_owned())
    } else if affects {
        (Strength::Required, "Your AI affects people's rights, opportunities, safety or access to services: managing its risks and impacts is expected by regulators and by the people affected, and ISO 42001 is the recognised way to run and show that work, though no law requires the certificate itself.".to_owned())
    } else if yes(profile.uses(&[AiUse::Develops])) && yes(profile.uses(&[AiUse::InProducts])) {
        (Strength::Required, "You build AI and deliver it to others: AI is what you sell, and your customers will ask how you manage it.".to_owned())
    } else if yes(profile.acts_alone()) {
        (Strength::Advisable, "Your AI acts without a person approving each outcome, though nobody asks for the certificate yet.".to_owned())
    } else if yes(profile.uses(&[AiUse::Develops])) {
        (
            Strength::Advisable,
            "You build or train AI systems yourself, though nobody asks for the certificate yet."
                .to_owned(),
        )
    } else if yes(profile.ai_sensitive_data()) {
        (
            Strength::Advisable,
            "Your AI processes sensitive information, though nobody asks for the certificate yet."
                .to_owned(),
        )
    } else {
        (Strength::Optional, "An AI feature in what you deliver, assistive and not affecting people's rights, that nobody asks about: adopt the controls now, and certify when customers ask.".to_owned())
    };
    if eu_act || affects {
        reason.push(' ');
        reason.push_str(NOT_AI_ACT);
    }
    (strength, reason)
}
