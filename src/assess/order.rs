//! The order of the gap list: most urgent first, but never before a gap it depends on.
//!
//! A greedy topological sort (Kahn's algorithm with a priority queue): among the gaps whose
//! prerequisites are placed, take the earliest stage, then work to start at once, then the most
//! urgent, then the higher own score, then the lower control ID. A cycle in the data cannot block the list: when no gap is free, the best unplaced
//! one goes next. O(n log n + edges).

use std::cmp::Ordering;
use std::collections::{BTreeSet, BinaryHeap};

use crate::model::{Stage, Standard};

/// What decides which free gap goes next.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    /// Its stage: earlier stages go first.
    pub stage: Stage,
    /// Work to start at once (common breaches, people affected by AI): first within its stage.
    pub immediate: bool,
    /// Its own score, raised to that of the most urgent gap depending on it.
    pub urgency: f64,
    /// Its own score.
    pub score: f64,
    /// The position of its first control in the standards' order.
    pub tie: (Standard, usize),
}

/// A free gap in the queue; the greatest goes first.
struct Free {
    key: Key,
    index: usize,
}

impl Ord for Free {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .key
            .stage
            .cmp(&self.key.stage)
            .then(self.key.immediate.cmp(&other.key.immediate))
            .then(self.key.urgency.total_cmp(&other.key.urgency))
            .then(self.key.score.total_cmp(&other.key.score))
            .then(other.key.tie.cmp(&self.key.tie))
            .then(other.index.cmp(&self.index))
    }
}

impl PartialOrd for Free {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Free {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Free {}

/// The indices of `keys` in ranking order; `prerequisites[d]` must come before `d`.
pub(crate) fn rank_order(keys: &[Key], prerequisites: &[BTreeSet<usize>]) -> Vec<usize> {
    let count = keys.len();
    let mut waiting: Vec<usize> = prerequisites.iter().map(BTreeSet::len).collect();
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (d, before) in prerequisites.iter().enumerate() {
        for &p in before {
            dependents[p].push(d);
        }
    }
    let free = |index: usize| Free {
        key: keys[index],
        index,
    };
    let mut queue: BinaryHeap<Free> = (0..count).filter(|&d| waiting[d] == 0).map(free).collect();
    let mut placed = vec![false; count];
    let mut order = Vec::with_capacity(count);
    while order.len() < count {
        let next = match queue.pop() {
            Some(entry) if placed[entry.index] => continue,
            Some(entry) => entry.index,
            // Only a cycle leaves gaps unplaced with none free.
            None => match (0..count).filter(|&d| !placed[d]).map(free).max() {
                Some(entry) => entry.index,
                None => break,
            },
        };
        placed[next] = true;
        order.push(next);
        for &d in &dependents[next] {
            waiting[d] = waiting[d].saturating_sub(1);
            if waiting[d] == 0 && !placed[d] {
                queue.push(free(d));
            }
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(urgency: f64, position: usize) -> Key {
        Key {
            stage: Stage::Implementation,
            immediate: false,
            urgency,
            score: urgency,
            tie: (Standard::Iso27001, position),
        }
    }

    #[test]
    fn urgency_then_position_and_prerequisites_first() {
        let keys = [key(50.0, 0), key(90.0, 1), key(70.0, 2), key(70.0, 3)];
        let none = vec![BTreeSet::new(); 4];
        assert_eq!(rank_order(&keys, &none), [1, 2, 3, 0]);
        let mut needs = none.clone();
        needs[1].insert(0);
        assert_eq!(rank_order(&keys, &needs), [2, 3, 0, 1]);
    }

    #[test]
    fn an_earlier_stage_goes_first_whatever_its_urgency() {
        let mut keys = [key(90.0, 0), key(10.0, 1), key(50.0, 2)];
        keys[1].stage = Stage::Foundation;
        keys[2].stage = Stage::Assurance;
        keys[2].urgency = 99.0;
        let none = vec![BTreeSet::new(); 3];
        assert_eq!(rank_order(&keys, &none), [1, 0, 2]);
    }

    #[test]
    fn a_cycle_does_not_block_the_list() {
        let keys = [key(10.0, 0), key(20.0, 1), key(30.0, 2)];
        let mut needs = vec![BTreeSet::new(); 3];
        needs[0].insert(1);
        needs[1].insert(0);
        assert_eq!(rank_order(&keys, &needs), [2, 1, 0]);
    }
}
