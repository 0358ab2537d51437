//! What the organisation's answers make more relevant: the catalog topics they raise, each
//! with the reason shown to the user, and what decides the strong boosts (breach controls for
//! sensitive information, the controls that protect people an AI affects, sensitive data in AI,
//! continuity a law requires).

use std::collections::BTreeMap;

use crate::model::{AiUse, Request, Tag};

use super::super::Evaluation;
use super::super::scope::Tri;

/// The topics raised for one assessment.
pub struct Raised {
    /// Each raised topic with its reason. `Breach` is raised when sensitive information is
    /// held and `Continuity` when NIS2 or DORA applies; both also earn a further boost.
    pub topics: BTreeMap<Tag, &'static str>,
    /// AI affects people: the controls that protect them get a further boost.
    pub people: bool,
    /// AI processes sensitive information: privacy and the AI supplier get a further boost.
    pub ai_data: bool,
    /// The organisation uses AI internally only (neither builds it nor puts it in what it
    /// delivers): work for builders falls to the supplier.
    pub deploys_only: bool,
}

/// Reason of the breach boost.
pub const BREACH: &str = "One of the controls that stop the breaches seen most often, and you hold sensitive information.";

/// Reason of the AI-data boost.
pub const AI_DATA: &str = "Your AI processes sensitive information: where that data goes, who sees it and what the AI supplier does with it must be controlled.";

/// Reason of the resilience boost.
pub const RESILIENCE: &str =
    "Continuity and recovery are obligations of the law you must meet, not only good practice.";

/// Reason for builders' work when the organisation only uses AI.
pub const DEPLOYS_ONLY: &str = "You do not build AI yourself: much of this falls to your supplier. Agree in writing what they do, and exclude with a justification what does not apply to you.";

/// Reason of the people boost.
pub const PEOPLE: &str = "Your AI affects people: this protects them directly, so it comes before wider societal effects.";

impl Raised {
    /// The topics the answers of this evaluation raise.
    pub fn of(evaluation: &Evaluation) -> Raised {
        let profile = &evaluation.profile;
        let mut topics = BTreeMap::new();
        let sensitive = !profile.sensitive_data().is_empty();
        if sensitive {
            for tag in [
                Tag::AccessControl,
                Tag::Cryptography,
                Tag::Privacy,
                Tag::Suppliers,
                Tag::Incidents,
                Tag::Breach,
            ] {
                topics.insert(tag, "you hold sensitive information");
            }
        }
        if profile.asked_for(&[
            Request::Nis2,
            Request::Dora,
            Request::PciDss,
            Request::EuAiAct,
        ]) == Tri::Yes
        {
            topics.insert(Tag::Legal, "the laws you must meet name duties to track");
            topics
                .entry(Tag::Suppliers)
                .or_insert("the laws you must meet cover your suppliers");
        }
        let resilience = match (
            profile.asked_for(&[Request::Nis2]) == Tri::Yes,
            profile.asked_for(&[Request::Dora]) == Tri::Yes,
        ) {
            (true, true) => Some("NIS2 and DORA require business continuity and recovery"),
            (true, false) => Some("NIS2 requires business continuity and recovery"),
            (false, true) => Some("DORA requires business continuity and recovery"),
            (false, false) => None,
        };
        if let Some(reason) = resilience {
            topics.insert(Tag::Continuity, reason);
        }
        if profile.uses(&[AiUse::InProducts]) == Tri::Yes {
            for tag in [Tag::Transparency, Tag::AiLifecycle] {
                topics.insert(tag, "AI is part of what you deliver to others");
            }
        }
        if profile.uses(&[AiUse::Develops]) == Tri::Yes {
            for tag in [Tag::AiLifecycle, Tag::DataQuality] {
                topics.insert(tag, "you build or train AI systems");
            }
        }
        let ai_data = profile.uses_ai() == Tri::Yes && profile.ai_sensitive_data() == Tri::Yes;
        if ai_data {
            // Sensitive data in AI is first a privacy and supplier question (who sees it,
            // where it goes), then one of data quality.
            for tag in [Tag::Privacy, Tag::Suppliers, Tag::DataQuality] {
                topics
                    .entry(tag)
                    .or_insert("your AI processes sensitive information");
            }
        }
        let people = profile.uses_ai() == Tri::Yes && profile.affects_individuals() == Tri::Yes;
        if profile.high_stakes_ai() == Tri::Yes {
            for tag in [
                Tag::AiImpact,
                Tag::HumanOversight,
                Tag::Transparency,
                Tag::AffectsPeople,
            ] {
                topics.insert(tag, profile.stakes());
            }
        }
        Raised {
            topics,
            people,
            ai_data,
            deploys_only: profile.uses_ai() == Tri::Yes
                && profile.uses(&[AiUse::Develops, AiUse::InProducts]) == Tri::No,
        }
    }
}
