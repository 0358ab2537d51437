//! The score, priority, status and reasons of one piece of work.
//!
//! Score (0–100, one decimal) =
//! - impact: 40 × the highest catalog weight among its open items ÷ 5;
//! - current state: not started +15, unknown +12 (verify first), planned +9, partial +5;
//! - a required clause (4–10) among its open items: +10, capped so that clauses do not crowd
//!   out the controls;
//! - profile relevance: +15 when an open item carries a topic the answers raise (see
//!   `profile`);
//! - breach controls while sensitive information is held, the controls that protect people an
//!   AI affects, privacy and the AI supplier when AI processes sensitive information, and
//!   continuity when NIS2 or DORA applies: +10 more each; these are also work to start at once;
//! - leverage: +7 when it closes items of both standards;
//! - effort: S +3, M +1.5, L 0 (quick wins first among equals);
//!
//! capped at 100. Priority: critical ≥ 75, high ≥ 60, medium ≥ 45, low below.

use std::collections::BTreeSet;

use crate::model::{Effort, ItemKind, Stage, Standard, Tag};

use super::super::report::{GapStatus, Priority};
use super::Open;
use super::profile::{self, Raised};

/// What the score rests on, before the rank is known.
pub struct Scored {
    pub score: f64,
    pub priority: Priority,
    pub status: GapStatus,
    pub why: String,
    pub reasons: Vec<String>,
    /// Stops common breaches of sensitive information, protects people an AI affects now,
    /// controls where sensitive information in an AI goes, or keeps services running where a law
    /// requires it:
    /// to start in the first 30 days whatever its score.
    pub immediate: bool,
}

/// The work a gap stands for, as the score needs it.
pub struct Work<'w, 'a> {
    pub stage: Stage,
    pub effort: Effort,
    pub open: &'w [Open<'a>],
    /// Weights of the items in place of the standards this gap has open items in.
    pub in_place: &'w [u8],
    /// Items of this work excluded from the Statement of Applicability.
    pub excluded: usize,
    /// The standard whose part of this work is already in place while none of its items is
    /// open here (an ISMS to extend to AI, say).
    pub extends: Option<Standard>,
    pub standards: &'w [Standard],
    pub supplementary: bool,
    pub builders_only: bool,
}

/// One status for the whole piece of work, read from its core items (those of the highest
/// weight, open or in place): partial as soon as part of the core is done, unknown when nothing
/// about it is known, else the most advanced open status.
pub fn summary(open: &[Open], in_place: &[u8]) -> GapStatus {
    let core = open
        .iter()
        .map(|o| o.item.weight)
        .chain(in_place.iter().copied())
        .max()
        .unwrap_or(0);
    let open: Vec<&Open> = open.iter().filter(|o| o.item.weight == core).collect();
    let any = |status: GapStatus| open.iter().any(|o| o.status == status);
    if in_place.contains(&core) || any(GapStatus::Partial) {
        GapStatus::Partial
    } else if open.iter().all(|o| o.status == GapStatus::Unknown) {
        GapStatus::Unknown
    } else if any(GapStatus::Planned) {
        GapStatus::Planned
    } else {
        GapStatus::NotStarted
    }
}

fn status_points(status: GapStatus) -> f64 {
    match status {
        GapStatus::NotStarted => 15.0,
        GapStatus::Unknown => 12.0,
        GapStatus::Planned => 9.0,
        GapStatus::Partial => 5.0,
    }
}

fn effort_points(effort: Effort) -> f64 {
    match effort {
        Effort::S => 3.0,
        Effort::M => 1.5,
        Effort::L => 0.0,
    }
}

/// The priority band of a score.
pub fn priority(score: f64) -> Priority {
    if score >= 75.0 {
        Priority::Critical
    } else if score >= 60.0 {
        Priority::High
    } else if score >= 45.0 {
        Priority::Medium
    } else {
        Priority::Low
    }
}

fn status_reason(open: &[Open], in_place: usize, status: GapStatus) -> String {
    let answered = open.iter().any(|o| o.answered);
    let base = match status {
        GapStatus::Unknown if !answered => "Not answered yet: verify first.",
        GapStatus::Unknown => "Nobody could say where this stands: verify first.",
        GapStatus::NotStarted => "Not started.",
        GapStatus::Planned => "Planned, but not in place yet.",
        GapStatus::Partial => "Partly in place.",
    };
    let total = in_place + open.len();
    let started = open
        .iter()
        .filter(|o| matches!(o.status, GapStatus::Partial | GapStatus::Planned))
        .count();
    let verb = |count: usize| if count == 1 { "is" } else { "are" };
    match (in_place, started) {
        (0, 0) => base.to_owned(),
        (0, _) if total == 1 => base.to_owned(),
        (0, _) => format!(
            "{base} Of its {total} items, {started} {} partly in place or planned, none complete.",
            verb(started)
        ),
        (_, 0) => format!(
            "{base} Of its {total} items, {in_place} {} already in place.",
            verb(in_place)
        ),
        _ => format!(
            "{base} Of its {total} items, {in_place} {} already in place and {started} more partly in place or planned.",
            verb(in_place)
        ),
    }
}

/// Why a required clause among the open items matters at the audit, in honest words.
fn nonconformity(open: &[Open], extends: Option<Standard>) -> Option<String> {
    let clauses: Vec<&Open> = open
        .iter()
        .filter(|o| o.item.kind == ItemKind::Clause)
        .collect();
    if clauses.is_empty() {
        return None;
    }
    let ids = |filter: &dyn Fn(&&&Open) -> bool| -> String {
        let ids: BTreeSet<(Standard, &str)> = clauses
            .iter()
            .filter(filter)
            .map(|o| (o.reference.standard, o.reference.id.as_str()))
            .collect();
        ids.into_iter()
            .map(|(standard, id)| format!("{} {id}", standard.short_name()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let missing = ids(&|o| o.status == GapStatus::NotStarted);
    // "Don't know" is an answer; a clause nobody was asked about yet is only unanswered.
    let unknown = ids(&|o| o.status == GapStatus::Unknown && o.answered);
    let unanswered = ids(&|o| o.status == GapStatus::Unknown && !o.answered);
    let partly = ids(&|o| matches!(o.status, GapStatus::Planned | GapStatus::Partial));
    // "clause 4.3 is" or "clauses 4.3, 4.4 are".
    let plural = |list: &str| {
        if list.contains(',') {
            ("s", "are")
        } else {
            ("", "is")
        }
    };
    Some(
        if let Some(standard) = extends.filter(|_| partly.is_empty()) {
            let all = [missing, unknown, unanswered]
                .into_iter()
                .filter(|list| !list.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            let (s, verb) = plural(&all);
            format!(
                "Required clause{s} {all} {verb} not yet extended from the {} work in place: until it covers AI, a certification audit would likely record a major nonconformity.",
                standard.short_name()
            )
        } else if !missing.is_empty() {
            let (s, verb) = plural(&missing);
            format!(
                "Required clause{s} {missing} {verb} missing: at a certification audit that is likely a major nonconformity."
            )
        } else if !unknown.is_empty() {
            let (s, verb) = plural(&unknown);
            format!(
                "Nobody could say whether required clause{s} {unknown} {verb} in place: missing at the audit, that would likely be a major nonconformity."
            )
        } else if !unanswered.is_empty() {
            let (s, verb) = plural(&unanswered);
            format!(
                "Required clause{s} {unanswered} {verb} not answered yet: missing at the audit, that would likely be a major nonconformity."
            )
        } else {
            let (s, verb) = plural(&partly);
            format!(
                "Required clause{s} {partly} {verb} only partly in place: at a certification audit that is likely a minor nonconformity."
            )
        },
    )
}

/// Scores one piece of work and says why.
pub fn score(work: &Work, raised: &Raised) -> Scored {
    let open = work.open;
    let status = summary(open, work.in_place);
    let in_place = work.in_place.len();
    let weight = open.iter().map(|o| o.item.weight).max().unwrap_or(0);
    let has = |tag: Tag| open.iter().any(|o| o.item.tags.contains(&tag));
    let both = work.standards.len() > 1;

    let mut score =
        40.0 * f64::from(weight) / 5.0 + status_points(status) + effort_points(work.effort);
    let mut reasons = Vec::new();
    if open.iter().any(|o| o.excluded_clause) {
        reasons.push("Answered \"not applicable\", but clauses 4–10 cannot be excluded from a certified management system: find out how it is done, and verify.".to_owned());
    } else {
        reasons.push(status_reason(open, in_place, status));
    }
    let to_confirm: Vec<&str> = open
        .iter()
        .filter(|o| o.to_confirm)
        .map(|o| o.reference.id.as_str())
        .collect();
    if !to_confirm.is_empty() {
        reasons.push(format!(
            "Answered \"not applicable\" without a justification that excludes {}: exclude each with its own justification in the Statement of Applicability, or implement it.",
            to_confirm.join(", ")
        ));
    }
    if work.excluded > 0 {
        let (count, verb) = match work.excluded {
            1 => ("One of its items".to_owned(), "is"),
            n => (format!("{n} of its items"), "are"),
        };
        reasons.push(format!(
            "{count} {verb} excluded from the Statement of Applicability, with a justification."
        ));
    }
    if let Some(standard) = work.extends {
        reasons.push(format!(
            "The {} part of this work is in place: extend it rather than start again.",
            standard.short_name()
        ));
    }
    let nonconformity = nonconformity(open, work.extends);
    if let Some(text) = &nonconformity {
        score += 10.0;
        reasons.push(text.clone());
    }
    let boosted = |tag: Tag| raised.topics.contains_key(&tag) && has(tag);
    let breach = boosted(Tag::Breach);
    let people = raised.people && has(Tag::AffectsPeople);
    let ai_data = raised.ai_data && has(Tag::AiSensitiveData);
    if breach {
        score += 10.0;
        reasons.push(profile::BREACH.to_owned());
    }
    if people {
        score += 10.0;
        reasons.push(profile::PEOPLE.to_owned());
    }
    if ai_data && !people {
        score += 10.0;
        reasons.push(profile::AI_DATA.to_owned());
    }
    let resilience = boosted(Tag::Continuity);
    if resilience {
        score += 10.0;
        reasons.push(profile::RESILIENCE.to_owned());
    }
    let mut relevance: Vec<&str> = open
        .iter()
        .flat_map(|o| o.item.tags.iter())
        .filter(|tag| !matches!(tag, Tag::Breach | Tag::AffectsPeople | Tag::AiSensitiveData))
        .filter_map(|tag| raised.topics.get(tag).copied())
        .collect();
    relevance.sort_unstable();
    relevance.dedup();
    if !relevance.is_empty() || breach || people || ai_data || resilience {
        score += 15.0;
    }
    if !relevance.is_empty() {
        reasons.push(format!(
            "Relevant to your profile: {}.",
            relevance.join("; ")
        ));
    }
    if nonconformity.is_none() && !breach && weight >= 4 {
        reasons.push(format!("A high-impact control (weight {weight} of 5)."));
    }
    if both {
        score += 7.0;
        reasons.push("One piece of work closes it for both ISO 27001 and ISO 42001.".to_owned());
    }
    if work.effort == Effort::S {
        reasons.push("Quick win: a small effort.".to_owned());
    }
    if work.supplementary {
        reasons.push(SUPPLEMENTARY.to_owned());
    }
    let supplier_work = work.builders_only && raised.deploys_only;
    if supplier_work {
        reasons.push(profile::DEPLOYS_ONLY.to_owned());
    }
    let score = super::super::round1(score.min(100.0));
    let why = if supplier_work {
        "You only use AI: mostly your supplier's work; agree it or exclude it with a reason."
            .to_owned()
    } else if ai_data && !breach && !people && !work.supplementary {
        "Your AI processes sensitive information: control where it goes and who sees it.".to_owned()
    } else {
        why(
            work,
            breach,
            people,
            nonconformity.is_some(),
            &relevance,
            weight,
        )
    };
    // The one sentence says it already: the list of reasons does not say it again.
    reasons.retain(|reason| *reason != why);
    Scored {
        immediate: breach || people || ai_data || resilience,
        score,
        priority: priority(score),
        status,
        why,
        reasons,
    }
}

/// Why an AI control is on the list when ISO 42001 is not in scope.
const SUPPLEMENTARY: &str =
    "You use AI: even without ISO 42001 in scope, this AI control is worth having.";

/// Why a foundation piece of work comes early, before the rank knows what builds on it.
pub const FOUNDATION: &str = "Foundation: the risk work, the Statement of Applicability and the controls are chosen from it.";

/// One sentence: why this piece of work is on the list where it is.
fn why(
    work: &Work,
    breach: bool,
    people: bool,
    clause: bool,
    relevance: &[&str],
    weight: u8,
) -> String {
    if work.supplementary {
        SUPPLEMENTARY.to_owned()
    } else if breach {
        "Stops the breaches seen most often, and you hold sensitive information.".to_owned()
    } else if people {
        "Protects the people your AI affects.".to_owned()
    } else if work.stage == Stage::Foundation {
        FOUNDATION.to_owned()
    } else if work.stage == Stage::Assurance {
        "Checks that the system works; the certification audit expects it to have run once."
            .to_owned()
    } else if clause {
        "Required by the standard: missing, it is likely a nonconformity at the audit.".to_owned()
    } else if !relevance.is_empty() {
        format!("Relevant to your profile: {}.", relevance.join("; "))
    } else if weight >= 4 {
        format!("A high-impact control (weight {weight} of 5).")
    } else {
        "Needed for certification; less urgent than the gaps above.".to_owned()
    }
}
