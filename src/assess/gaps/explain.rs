//! Why a gap ranks above one of higher priority: the rank follows the order the work has to
//! happen in, the priority follows what is at stake, and where the two disagree one of the
//! two gaps says why.

use std::collections::BTreeSet;

use crate::model::Stage;

use super::super::report::Priority;
use super::Draft;

/// Opening words of every reason this module writes, so that readers (and tests) can tell an
/// ordering reason from the others.
pub const MARKERS: [&str; 5] = [
    "Comes before higher-priority work",
    "Foundation work:",
    "Assurance work:",
    "Builds on",
    "Starts at once:",
];

fn level(priority: Priority) -> u8 {
    match priority {
        Priority::Critical => 3,
        Priority::High => 2,
        Priority::Medium => 1,
        Priority::Low => 0,
    }
}

/// Titles for a sentence: up to three, then how many more.
fn titles(drafts: &[Draft], which: &BTreeSet<usize>) -> String {
    let mut names: Vec<&str> = which
        .iter()
        .map(|&d| drafts[d].gap.title.as_str())
        .collect();
    let more = names.len().saturating_sub(3);
    names.truncate(3);
    let mut text = names.join(", ");
    if more > 0 {
        text.push_str(&format!(" and {more} more"));
    }
    text
}

/// Adds the reasons that explain each disagreement between rank and priority.
pub(crate) fn order_reasons(drafts: &mut [Draft], order: &[usize], before: &[BTreeSet<usize>]) {
    let count = drafts.len();
    // Per gap: dependents it precedes, prerequisites it follows, stage explanations.
    let mut precedes: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); count];
    let mut follows: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); count];
    let mut foundation = vec![false; count];
    let mut at_once = vec![false; count];
    let mut assurance = vec![false; count];
    for (i, &upper) in order.iter().enumerate() {
        for &lower in &order[i + 1..] {
            let (up, low) = (&drafts[upper].gap, &drafts[lower].gap);
            if level(low.priority) <= level(up.priority) {
                continue;
            }
            if before[lower].contains(&upper) {
                precedes[upper].insert(lower);
            } else if up.stage == low.stage && drafts[upper].immediate && !drafts[lower].immediate {
                at_once[upper] = true;
            } else if up.stage < low.stage {
                if up.stage == Stage::Foundation {
                    foundation[upper] = true;
                } else {
                    assurance[lower] = true;
                }
            } else if let Some(dependents) = dependents_of(upper, before) {
                precedes[upper].extend(dependents);
            } else {
                // The lower one waited for its own prerequisites.
                follows[lower].extend(before[lower].iter().copied());
            }
        }
    }
    for d in 0..count {
        if !precedes[d].is_empty() {
            let text = format!(
                "Comes before higher-priority work that builds on it: {}.",
                titles(drafts, &precedes[d])
            );
            drafts[d].gap.reasons.push(text);
        }
        if foundation[d] {
            drafts[d].gap.reasons.push("Foundation work: it comes before higher-priority controls because they are chosen from it.".to_owned());
        }
        if at_once[d] {
            let text = if drafts[d].immediate_by_dependents {
                "Starts at once: work that must start at once builds on it, so it comes before higher-priority work that can wait."
            } else {
                "Starts at once: it protects sensitive information or people now, so it comes before higher-priority work that can wait."
            };
            drafts[d].gap.reasons.push(text.to_owned());
        }
        if assurance[d] {
            drafts[d].gap.reasons.push("Assurance work: it comes after the work it checks, whatever its priority; an audit needs a running system to audit.".to_owned());
        }
        if !follows[d].is_empty() {
            let text = format!(
                "Builds on {}: it follows them, although its own priority is higher.",
                titles(drafts, &follows[d])
            );
            drafts[d].gap.reasons.push(text);
        }
    }
}

/// The drafts that build on `upper`, if any.
fn dependents_of(upper: usize, before: &[BTreeSet<usize>]) -> Option<BTreeSet<usize>> {
    let found: BTreeSet<usize> = before
        .iter()
        .enumerate()
        .filter(|(_, needs)| needs.contains(&upper))
        .map(|(d, _)| d)
        .collect();
    (!found.is_empty()).then_some(found)
}
