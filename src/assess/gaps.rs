//! The gap list: open items of the standards in scope, merged where one piece of work closes
//! items of both, scored, ranked and put into phases.
//!
//! Score (0–100, one decimal) =
//! - impact: 40 × the highest catalog weight among its items ÷ 5;
//! - certification blocking: +20 when it includes a mandatory clause (4–10): a missing clause
//!   is a major nonconformity at the certification audit;
//! - profile relevance: +15 when an item carries a topic this organisation's answers raise
//!   (sensitive data: access control, cryptography, privacy, suppliers, incidents; AI that
//!   affects individuals or acts on its own: impact assessment, human oversight, transparency;
//!   developing AI: life cycle and data quality; AI in products: transparency; AI on sensitive
//!   data: data quality and privacy);
//! - current state: not started +15, unknown +12 (verify first), planned +9, partial +5;
//! - leverage: +7 when it closes items of both standards;
//! - effort: S +3, M +1.5, L 0 (quick wins first among equals).
//!
//! Priority: critical ≥ 75, high ≥ 60, medium ≥ 45, low below. Ranking is by score, except that
//! a gap another gap depends on (scope 4.3 and the risk method 6.1.2 before risk treatment and
//! the Statement of Applicability 6.1.3) is ranked just before it; ties go by control ID.
//! Phase: critical 1; high 1 if small, else 2; medium 2; low 3; a foundation that other gaps
//! build on (scope, risk method, impact assessment, audit programme) always starts in phase 1.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Catalogs, ControlRef, Effort, Item, ItemKind, Standard, Tag};

use super::order::{Key, rank_order};
use super::report::{Gap, GapStatus, Priority};
use super::scope::{Profile, Tri};
use super::{Evaluation, round1};

/// One open item before merging.
struct Open<'a> {
    reference: ControlRef,
    item: &'a Item,
    status: GapStatus,
    answered: bool,
    excluded_clause: bool,
    questions: Vec<&'a str>,
    supplementary: bool,
}

/// A merged, scored gap before ranking.
struct Draft {
    members: Vec<usize>,
    score: f64,
    gap: Gap,
}

/// The topics the organisation's answers raise, each with the reason shown to the user.
fn raised_topics(evaluation: &Evaluation) -> BTreeMap<Tag, &'static str> {
    let profile = Profile::new(&evaluation.effective);
    let mut raised = BTreeMap::new();
    if !profile.sensitive_data().is_empty() {
        for tag in [
            Tag::AccessControl,
            Tag::Cryptography,
            Tag::Privacy,
            Tag::Suppliers,
            Tag::Incidents,
        ] {
            raised.insert(tag, "you hold sensitive information");
        }
    }
    if profile.has_any("ai.use", &["in_products"]) == Tri::Yes {
        raised.insert(
            Tag::Transparency,
            "AI is part of what you deliver to others",
        );
    }
    if profile.has_any("ai.use", &["develops"]) == Tri::Yes {
        for tag in [Tag::AiLifecycle, Tag::DataQuality] {
            raised.insert(tag, "you build or train AI systems");
        }
    }
    if profile.uses_ai() == Tri::Yes
        && evaluation
            .effective
            .get("ai.sensitive_data")
            .and_then(|answer| answer.as_bool())
            == Some(true)
    {
        raised.insert(Tag::DataQuality, "your AI processes sensitive information");
        raised
            .entry(Tag::Privacy)
            .or_insert("your AI processes sensitive information");
    }
    if profile.high_stakes_ai() == Tri::Yes {
        for tag in [Tag::AiImpact, Tag::HumanOversight, Tag::Transparency] {
            raised.insert(
                tag,
                "your AI affects individuals or acts without a person approving each outcome",
            );
        }
    }
    raised
}

/// The open items of the standards in scope, plus the supplementary 42001 baseline.
fn open_items<'a>(evaluation: &Evaluation<'a>) -> Vec<Open<'a>> {
    let catalogs = evaluation.catalogs;
    let supplementary = evaluation.scope.iso27001 == Tri::Yes
        && evaluation.scope.iso42001 == Tri::No
        && Profile::new(&evaluation.effective).uses_ai() == Tri::Yes;
    let mut open = Vec::new();
    for standard in Standard::ALL {
        let in_scope = evaluation.scope.includes(standard);
        if !(in_scope || (supplementary && standard == Standard::Iso42001)) {
            continue;
        }
        for item in catalogs.catalog(standard).assessable() {
            if !in_scope && !item.tags.contains(&Tag::AiBaseline) {
                continue;
            }
            let reference = ControlRef::new(standard, item.id.clone());
            let status = &evaluation.statuses[&reference];
            if let Some(gap_status) = GapStatus::of(status.level) {
                open.push(Open {
                    reference,
                    item,
                    status: gap_status,
                    answered: status.level.is_some(),
                    excluded_clause: status.excluded_clause,
                    questions: status.questions.clone(),
                    supplementary: !in_scope,
                });
            }
        }
    }
    open
}

/// Groups open items that one piece of work closes (crosswalk equal or subset pairs).
fn merge(open: &[Open], catalogs: &Catalogs) -> Vec<Vec<usize>> {
    let index: BTreeMap<&ControlRef, usize> = open
        .iter()
        .enumerate()
        .map(|(i, o)| (&o.reference, i))
        .collect();
    let mut group_of: Vec<usize> = (0..open.len()).collect();
    for pair in catalogs
        .crosswalk
        .pairs
        .iter()
        .filter(|pair| pair.relation.closes_both())
    {
        let a = ControlRef::new(Standard::Iso27001, pair.iso27001.clone());
        let b = ControlRef::new(Standard::Iso42001, pair.iso42001.clone());
        if let (Some(&i), Some(&j)) = (index.get(&a), index.get(&b)) {
            let (keep, replace) = (group_of[i].min(group_of[j]), group_of[i].max(group_of[j]));
            group_of
                .iter_mut()
                .filter(|g| **g == replace)
                .for_each(|g| *g = keep);
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (member, group) in group_of.into_iter().enumerate() {
        groups.entry(group).or_default().push(member);
    }
    groups.into_values().collect()
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

fn priority(score: f64) -> Priority {
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

fn status_reason(status: GapStatus, answered: bool) -> &'static str {
    match status {
        GapStatus::Unknown if !answered => "Not answered yet: verify first.",
        GapStatus::NotStarted => "Not started.",
        GapStatus::Planned => "Planned, but not in place yet.",
        GapStatus::Partial => "Partly in place.",
        GapStatus::Unknown => "Nobody could say where this stands: verify first.",
    }
}

fn action_prefix(status: GapStatus) -> &'static str {
    match status {
        GapStatus::NotStarted => "Start:",
        GapStatus::Planned => "Carry out the plan:",
        GapStatus::Partial => "Complete what exists:",
        GapStatus::Unknown => "Verify the current state first, then if needed:",
    }
}

fn draft(
    members: Vec<usize>,
    open: &[Open],
    raised: &BTreeMap<Tag, &'static str>,
    catalogs: &Catalogs,
) -> Draft {
    let items: Vec<&Open> = members.iter().map(|&m| &open[m]).collect();
    let lead = items[0];
    let least_advanced = items
        .iter()
        .copied()
        .max_by(|a, b| status_points(a.status).total_cmp(&status_points(b.status)))
        .unwrap_or(lead);
    let status = least_advanced.status;
    let weight = items.iter().map(|o| o.item.weight).max().unwrap_or(0);
    let effort = items
        .iter()
        .filter_map(|o| o.item.effort)
        .max()
        .unwrap_or(Effort::M);
    let standards: Vec<Standard> = items
        .iter()
        .map(|o| o.reference.standard)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let blocking = items.iter().any(|o| o.item.kind == ItemKind::Clause);
    let relevance: Option<&str> = items
        .iter()
        .flat_map(|o| o.item.tags.iter())
        .find_map(|tag| raised.get(tag).copied());
    let both = standards.len() > 1;

    let mut score = 40.0 * f64::from(weight) / 5.0 + status_points(status) + effort_points(effort);
    let mut reasons = Vec::new();
    if blocking {
        score += 20.0;
        reasons.push(
            "Required for certification: until it is in place, the audit would record a major nonconformity."
                .to_owned(),
        );
    } else if weight >= 4 {
        reasons.push(format!(
            "A high-impact control (weight {weight} of 5): auditors and attackers look here early."
        ));
    }
    if items.iter().any(|o| o.excluded_clause) {
        reasons.push(
            "Answered \"not applicable\", but clauses 4–10 cannot be excluded from a certified management system: find out how it is done, and verify.".to_owned(),
        );
    } else {
        reasons.push(status_reason(status, least_advanced.answered).to_owned());
    }
    if let Some(why) = relevance {
        score += 15.0;
        reasons.push(format!("Relevant to your profile: {why}."));
    }
    if both {
        score += 7.0;
        reasons.push("One piece of work closes it for both ISO 27001 and ISO 42001.".to_owned());
    }
    if effort == Effort::S {
        reasons.push("Quick win: a small effort.".to_owned());
    }
    let supplementary = items.iter().all(|o| o.supplementary);
    if supplementary {
        reasons.push("You use AI: even under an ISO 27001-only scope, this ISO 42001 control is worth having.".to_owned());
    }
    let score = round1(score);

    let mut action = format!("{} {}", action_prefix(status), lead.item.action);
    if both {
        action.push_str(" Do it once for both standards.");
    }
    let mut questions: Vec<&str> = Vec::new();
    for question in items.iter().flat_map(|o| o.questions.iter()) {
        if !questions.contains(question) {
            questions.push(question);
        }
    }
    let mut controls: Vec<ControlRef> = items.iter().map(|o| o.reference.clone()).collect();
    controls.sort_by_key(|reference| catalogs.sort_key(reference));
    Draft {
        members,
        score,
        gap: Gap {
            rank: 0,
            priority: priority(score),
            score,
            title: catalogs.display_title(lead.reference.standard, lead.item),
            standards,
            controls,
            status,
            reasons,
            action,
            effort,
            phase: 3,
            supplementary,
            questions: questions.into_iter().map(str::to_owned).collect(),
        },
    }
}

fn phase(priority: Priority, effort: Effort) -> u8 {
    match (priority, effort) {
        (Priority::Critical, _) | (Priority::High, Effort::S) => 1,
        (Priority::High | Priority::Medium, _) => 2,
        (Priority::Low, _) => 3,
    }
}

/// Builds, scores and ranks the gap list.
pub fn rank(evaluation: &Evaluation) -> Vec<Gap> {
    let catalogs = evaluation.catalogs;
    let open = open_items(evaluation);
    let raised = raised_topics(evaluation);
    let mut drafts: Vec<Draft> = merge(&open, catalogs)
        .into_iter()
        .map(|members| draft(members, &open, &raised, catalogs))
        .collect();

    // Which draft holds each open item, to resolve prerequisites between gaps.
    let mut draft_of = BTreeMap::new();
    for (d, draft) in drafts.iter().enumerate() {
        for &member in &draft.members {
            draft_of.insert(&open[member].reference, d);
        }
    }
    // prerequisites[d]: the drafts that must come before draft d.
    let prerequisites: Vec<BTreeSet<usize>> = drafts
        .iter()
        .enumerate()
        .map(|(d, draft)| {
            draft
                .members
                .iter()
                .flat_map(|&member| {
                    let o = &open[member];
                    o.item.prerequisites.iter().filter_map(|id| {
                        draft_of
                            .get(&ControlRef::new(o.reference.standard, id.clone()))
                            .copied()
                    })
                })
                .filter(|&p| p != d)
                .collect()
        })
        .collect();

    // A prerequisite inherits the urgency of what depends on it (repeated to a fixed point,
    // bounded by the number of drafts).
    let mut urgency: Vec<f64> = drafts.iter().map(|draft| draft.score).collect();
    for _ in 0..drafts.len() {
        let mut changed = false;
        for (d, before) in prerequisites.iter().enumerate() {
            for &p in before {
                if urgency[p] < urgency[d] {
                    urgency[p] = urgency[d];
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }

    let keys: Vec<Key> = drafts
        .iter()
        .zip(&urgency)
        .map(|(draft, &urgency)| Key {
            urgency,
            score: draft.score,
            tie: catalogs.sort_key(&draft.gap.controls[0]),
        })
        .collect();
    let order = rank_order(&keys, &prerequisites);

    // Phases: by priority and effort; a foundation other gaps build on starts in phase 1.
    let mut phases: Vec<u8> = drafts
        .iter()
        .map(|draft| phase(draft.gap.priority, draft.gap.effort))
        .collect();
    for before in &prerequisites {
        for &p in before {
            phases[p] = 1;
        }
    }
    let mut dependents: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (d, before) in prerequisites.iter().enumerate() {
        for &p in before {
            dependents
                .entry(p)
                .or_default()
                .push(drafts[d].gap.controls[0].id.clone());
        }
    }
    for (p, ids) in dependents {
        drafts[p].gap.reasons.push(format!(
            "Comes first: {} build{} on it.",
            ids.join(", "),
            if ids.len() == 1 { "s" } else { "" }
        ));
    }
    for (d, phase) in phases.into_iter().enumerate() {
        drafts[d].gap.phase = phase;
    }

    let mut slots: Vec<Option<Gap>> = drafts.into_iter().map(|draft| Some(draft.gap)).collect();
    order
        .into_iter()
        .enumerate()
        .filter_map(|(position, d)| {
            slots[d].take().map(|mut gap| {
                gap.rank = position + 1;
                gap
            })
        })
        .collect()
}
