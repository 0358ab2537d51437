//! The gap list: one gap per piece of work (a work package of `assets/work-packages.json`)
//! with open items in scope, scored (`score`), ranked in the order the work has to happen and
//! put into phases. An item no package holds (only possible with other catalog data) is a
//! piece of work of its own.
//!
//! Order: stage first (foundation, then implementation, then assurance: an audit needs
//! something to audit), never before a package it builds on; within a stage, work to start at
//! once first (see `score`: common breaches, people an AI affects, sensitive data in AI,
//! continuity a law requires, and what such work builds on), then by urgency (its score, raised
//! to that of the most urgent gap of its stage that builds on it), then by score, then by the
//! position of its first item.
//!
//! Phase: foundation and work to start at once 1; other implementation by the priority of its
//! urgency (critical 1, high 1 if small else 2, medium 2, low 3); assurance 3 while foundation
//! work is open, else like implementation. Phases never go down the list. Where a gap ranks
//! above one of higher priority, one of the two says why (`explain`).

mod explain;
mod profile;
mod score;

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{
    Catalogs, ControlRef, Effort, Item, ItemKind, Maturity, Stage, Standard, Tag, WorkPackage,
    WorkPackages,
};

use super::order::{Key, rank_order};
use super::report::{Gap, GapItem, GapStatus, Phase, Priority};
use super::scope::Tri;
use super::{Applicability, Evaluation, ItemStatus};
pub use explain::MARKERS as ORDER_REASON_MARKERS;
use profile::Raised;
use score::Work;

/// One open item of a piece of work.
pub struct Open<'a> {
    reference: ControlRef,
    item: &'a Item,
    status: GapStatus,
    answered: bool,
    excluded_clause: bool,
    /// Answered not applicable, but no justification excludes it yet.
    to_confirm: bool,
    questions: Vec<&'a str>,
}

/// The piece of work an item belongs to: its package, or the item alone when no package
/// holds it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Unit {
    Package(usize),
    Alone(ControlRef),
}

/// The items of one piece of work in scope.
#[derive(Default)]
struct Members<'a> {
    open: Vec<Open<'a>>,
    all: Vec<GapItem>,
}

/// A scored gap before ranking, with what the ranking needs.
pub struct Draft<'a> {
    package: Option<&'a WorkPackage>,
    urgency: f64,
    immediate: bool,
    /// Starts at once only because work that must start at once builds on it.
    immediate_by_dependents: bool,
    gap: Gap,
}

/// Whether the work of `standard` counts here, and whether only as a supplement (the AI
/// basics of an organisation that uses AI without ISO 42001 in scope).
fn counted(evaluation: &Evaluation, standard: Standard, item: &Item) -> Option<bool> {
    if evaluation.scope.includes(standard) {
        return Some(false);
    }
    // AI basics worth having without ISO 42001, when a question asked about them: work that
    // nothing asked about (its question hidden at this depth or by the answers) is not proposed.
    let supplement = standard == Standard::Iso42001
        && evaluation.scope.iso42001 == Tri::No
        && evaluation.profile.uses_ai() == Tri::Yes
        && item.tags.contains(&Tag::AiBaseline)
        && evaluation
            .statuses
            .get(&ControlRef::new(standard, item.id.clone()))
            .is_some_and(|status| !status.questions.is_empty());
    supplement.then_some(true)
}

fn open_item<'a>(
    reference: &ControlRef,
    item: &'a Item,
    status: &ItemStatus<'a>,
) -> Option<Open<'a>> {
    GapStatus::of(status.level).map(|gap_status| Open {
        reference: reference.clone(),
        item,
        status: gap_status,
        answered: status.level.is_some(),
        excluded_clause: status.excluded_clause,
        to_confirm: matches!(status.applicability, Applicability::ToConfirm { .. }),
        questions: status.questions.clone(),
    })
}

/// Every counted item, grouped by the piece of work it belongs to; whether all of a unit's
/// items are supplementary.
fn members<'a>(evaluation: &Evaluation<'a>) -> BTreeMap<Unit, (Members<'a>, bool)> {
    let catalogs = evaluation.catalogs;
    let package_of = catalogs.packages.package_of();
    let mut units: BTreeMap<Unit, (Members<'a>, bool)> = BTreeMap::new();
    for standard in Standard::ALL {
        for item in catalogs.catalog(standard).assessable() {
            let Some(supplementary) = counted(evaluation, standard, item) else {
                continue;
            };
            let reference = ControlRef::new(standard, item.id.clone());
            let status = &evaluation.statuses[&reference];
            let unit = match package_of.get(&reference) {
                Some(&position) => Unit::Package(position),
                None => Unit::Alone(reference.clone()),
            };
            let (members, all_supplementary) = units
                .entry(unit)
                .or_insert_with(|| (Members::default(), true));
            *all_supplementary &= supplementary;
            let open = open_item(&reference, item, status);
            members.all.push(GapItem {
                standard,
                id: item.id.clone(),
                status: status.level.unwrap_or(Maturity::Unknown),
                open: open.is_some(),
            });
            members.open.extend(open);
        }
    }
    units.retain(|_, (members, _)| !members.open.is_empty());
    units
}

/// The stage of an item no package holds: clauses 4–6 are foundation, 9–10 assurance.
fn stage_alone(item: &Item) -> Stage {
    if item.kind == ItemKind::Control {
        return Stage::Implementation;
    }
    match item.id.split('.').next() {
        Some("4" | "5" | "6") => Stage::Foundation,
        Some("9" | "10") => Stage::Assurance,
        _ => Stage::Implementation,
    }
}

fn status_prefix(status: GapStatus) -> &'static str {
    match status {
        GapStatus::NotStarted => "Start:",
        GapStatus::Planned => "Carry out the plan:",
        GapStatus::Partial => "Complete what exists:",
        GapStatus::Unknown => "Verify the current state first, then if needed:",
    }
}

/// What names a piece of work and sizes it: its package's, or its lead item's when no
/// package holds it.
struct Identity {
    key: String,
    title: String,
    stage: Stage,
    effort: Effort,
    action: String,
}

impl Identity {
    fn of(package: Option<&WorkPackage>, lead: &Open, catalogs: &Catalogs) -> Identity {
        match package {
            Some(package) => Identity {
                key: package.key.clone(),
                title: package.title.clone(),
                stage: package.stage,
                effort: package.effort,
                action: package.action.clone(),
            },
            None => Identity {
                key: format!(
                    "{}-{}",
                    lead.reference.standard.key(),
                    lead.item.id.to_lowercase().replace('.', "-")
                ),
                title: catalogs.display_title(lead.reference.standard, lead.item),
                stage: stage_alone(lead.item),
                effort: lead.item.effort.unwrap_or(Effort::M),
                action: lead.item.action.clone(),
            },
        }
    }
}

/// The next action: how to start, given what is in place, then the package's action.
fn next_action(
    extends: Option<Standard>,
    status: GapStatus,
    action: &str,
    standards: &[Standard],
) -> String {
    let prefix = match extends {
        Some(standard) if status != GapStatus::Partial => {
            format!(
                "Extend the {} work already in place:",
                standard.short_name()
            )
        }
        _ => status_prefix(status).to_owned(),
    };
    let mut action = format!("{prefix} {action}");
    if standards.len() > 1 {
        action.push_str(" Do it once for both standards.");
    }
    action
}

/// The questions behind the open items, each once, in order.
fn question_ids(open: &[Open]) -> Vec<String> {
    let mut questions: Vec<String> = Vec::new();
    for question in open.iter().flat_map(|o| o.questions.iter()) {
        if !questions.iter().any(|known| known == question) {
            questions.push((*question).to_owned());
        }
    }
    questions
}

fn draft<'a>(
    evaluation: &Evaluation<'a>,
    unit: &Unit,
    members: Members<'a>,
    supplementary: bool,
    raised: &Raised,
) -> Draft<'a> {
    let catalogs = evaluation.catalogs;
    let package = match unit {
        Unit::Package(position) => catalogs.packages.packages.get(*position),
        Unit::Alone(_) => None,
    };
    let identity = Identity::of(package, &members.open[0], catalogs);
    let standards: Vec<Standard> = members
        .open
        .iter()
        .map(|o| o.reference.standard)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    // Items in place count for the status only within the standards that still have open
    // items here; another standard's part in place is work to extend.
    let weight = |item: &GapItem| {
        catalogs
            .catalog(item.standard)
            .item(&item.id)
            .map_or(0, |found| found.weight)
    };
    let done = |item: &&GapItem| item.status == Maturity::Implemented;
    let in_place: Vec<u8> = members
        .all
        .iter()
        .filter(done)
        .filter(|item| standards.contains(&item.standard))
        .map(weight)
        .collect();
    let excluded = members
        .all
        .iter()
        .filter(|item| item.status == Maturity::NotApplicable)
        .count();
    let extends = members
        .all
        .iter()
        .filter(done)
        .find(|item| !standards.contains(&item.standard))
        .map(|item| item.standard);
    let scored = score::score(
        &Work {
            stage: identity.stage,
            effort: identity.effort,
            open: &members.open,
            in_place: &in_place,
            excluded,
            extends,
            standards: &standards,
            supplementary,
            builders_only: package.is_some_and(|package| package.builders_only),
        },
        raised,
    );
    let action = next_action(extends, scored.status, &identity.action, &standards);
    let questions = question_ids(&members.open);
    let mut controls: Vec<ControlRef> = members.open.iter().map(|o| o.reference.clone()).collect();
    controls.sort_by_key(|reference| catalogs.sort_key(reference));
    let mut items = members.all;
    items.sort_by_key(|item| catalogs.sort_key(&ControlRef::new(item.standard, item.id.clone())));
    Draft {
        package,
        urgency: scored.score,
        immediate: scored.immediate,
        immediate_by_dependents: false,
        gap: Gap {
            rank: 0,
            key: identity.key,
            priority: scored.priority,
            score: scored.score,
            title: identity.title,
            stage: identity.stage,
            standards,
            controls,
            items,
            status: scored.status,
            why: scored.why,
            reasons: scored.reasons,
            action,
            effort: identity.effort,
            phase: Phase::Days90To180,
            supplementary,
            questions,
        },
    }
}

/// For each draft, every other draft it builds on, directly or through packages that have no
/// gap of their own.
fn prerequisites(drafts: &[Draft], packages: &WorkPackages) -> Vec<BTreeSet<usize>> {
    let by_key: BTreeMap<&str, usize> = drafts
        .iter()
        .enumerate()
        .filter_map(|(d, draft)| draft.package.map(|package| (package.key.as_str(), d)))
        .collect();
    drafts
        .iter()
        .enumerate()
        .map(|(d, draft)| {
            let mut found = BTreeSet::new();
            let mut seen: BTreeSet<&str> = BTreeSet::new();
            let mut stack: Vec<&str> = draft
                .package
                .map(|package| package.builds_on.iter().map(String::as_str).collect())
                .unwrap_or_default();
            while let Some(key) = stack.pop() {
                if !seen.insert(key) {
                    continue;
                }
                if let Some(&p) = by_key.get(key) {
                    found.insert(p);
                }
                if let Some(before) = packages.get(key) {
                    stack.extend(before.builds_on.iter().map(String::as_str));
                }
            }
            found.remove(&d);
            found
        })
        .collect()
}

fn phase_of(priority: Priority, effort: Effort) -> Phase {
    match (priority, effort) {
        (Priority::Critical, _) | (Priority::High, Effort::S) => Phase::First30Days,
        (Priority::High | Priority::Medium, _) => Phase::Days30To90,
        (Priority::Low, _) => Phase::Days90To180,
    }
}

/// Builds, scores and ranks the gap list.
pub fn rank(evaluation: &Evaluation) -> Vec<Gap> {
    let catalogs = evaluation.catalogs;
    let raised = Raised::of(evaluation);
    let mut drafts: Vec<Draft> = members(evaluation)
        .into_iter()
        .map(|(unit, (members, supplementary))| {
            draft(evaluation, &unit, members, supplementary, &raised)
        })
        .collect();
    let before = prerequisites(&drafts, &catalogs.packages);
    count_dependents(&mut drafts, &before);
    inherit_urgency(&mut drafts, &before);
    let order = rank_positions(&drafts, &before, catalogs);
    assign_phases(&mut drafts, &order);
    explain::order_reasons(&mut drafts, &order, &before);
    numbered(drafts, order)
}

/// A foundation gap that other gaps build on says how many.
fn count_dependents(drafts: &mut [Draft], before: &[BTreeSet<usize>]) {
    for (d, draft) in drafts.iter_mut().enumerate() {
        let dependents = before.iter().filter(|needs| needs.contains(&d)).count();
        if dependents > 0 && draft.gap.why == score::FOUNDATION {
            draft.gap.why = format!(
                "Foundation: {dependents} gap{} below build{} on it.",
                if dependents == 1 { "" } else { "s" },
                if dependents == 1 { "s" } else { "" }
            );
        }
    }
}

/// A prerequisite inherits the urgency of what builds on it at the same stage (the sets are
/// transitive); later stages come after it anyway.
fn inherit_urgency(drafts: &mut [Draft], before: &[BTreeSet<usize>]) {
    for (d, needs) in before.iter().enumerate() {
        let (urgency, stage, immediate) =
            (drafts[d].urgency, drafts[d].gap.stage, drafts[d].immediate);
        for &p in needs {
            if drafts[p].gap.stage == stage {
                drafts[p].urgency = drafts[p].urgency.max(urgency);
                if immediate && !drafts[p].immediate {
                    drafts[p].immediate = true;
                    drafts[p].immediate_by_dependents = true;
                }
            }
        }
    }
}

/// The drafts' positions in rank order (see the module documentation).
fn rank_positions(drafts: &[Draft], before: &[BTreeSet<usize>], catalogs: &Catalogs) -> Vec<usize> {
    let keys: Vec<Key> = drafts
        .iter()
        .map(|draft| Key {
            stage: draft.gap.stage,
            immediate: draft.immediate,
            urgency: draft.urgency,
            score: draft.gap.score,
            tie: catalogs.sort_key(&draft.gap.controls[0]),
        })
        .collect();
    rank_order(&keys, before)
}

/// Puts each gap, in `order`, into its phase; phases never go down the list.
fn assign_phases(drafts: &mut [Draft], order: &[usize]) {
    let foundation_open = drafts
        .iter()
        .any(|draft| draft.gap.stage == Stage::Foundation);
    let mut phase = Phase::First30Days;
    for &d in order {
        let gap = &drafts[d].gap;
        let own = match gap.stage {
            Stage::Foundation => Phase::First30Days,
            Stage::Assurance if foundation_open => Phase::Days90To180,
            _ if drafts[d].immediate => Phase::First30Days,
            _ => phase_of(score::priority(drafts[d].urgency), gap.effort),
        };
        phase = phase.max(own);
        drafts[d].gap.phase = phase;
    }
}

/// The gaps in `order`, ranked from 1.
fn numbered(drafts: Vec<Draft>, order: Vec<usize>) -> Vec<Gap> {
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
