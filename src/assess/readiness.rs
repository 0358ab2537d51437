//! Readiness per standard and domain, and the 42001 share covered by 27001 work.
//!
//! Each applicable item counts with its catalog weight (1–5) and a score for its level:
//! implemented 1, partial 0.5, planned 0.2, not started 0, unknown or unanswered 0 (not ready).
//! Items marked not applicable are left out. Percent = Σ weight·score / Σ weight × 100.

use std::collections::BTreeMap;

use crate::model::{Maturity, Standard};

use super::report::{DomainReadiness, StandardReadiness};
use super::{Evaluation, round1};

/// The score of a level on the readiness scale; `None` for not applicable.
pub(crate) fn level_score(level: Option<Maturity>) -> Option<f64> {
    match level {
        Some(Maturity::Implemented) => Some(1.0),
        Some(Maturity::Partial) => Some(0.5),
        Some(Maturity::Planned) => Some(0.2),
        Some(Maturity::NotStarted | Maturity::Unknown) | None => Some(0.0),
        Some(Maturity::NotApplicable) => None,
    }
}

#[derive(Default)]
struct Tally {
    earned: f64,
    possible: f64,
    applicable: usize,
    answered: usize,
}

impl Tally {
    fn percent(&self) -> f64 {
        if self.possible > 0.0 {
            round1(self.earned / self.possible * 100.0)
        } else {
            100.0
        }
    }
}

/// Readiness of one standard, overall and per domain.
pub(crate) fn of_standard(evaluation: &Evaluation, standard: Standard) -> StandardReadiness {
    let catalog = evaluation.catalogs.catalog(standard);
    let mut total = Tally::default();
    let domains = catalog
        .domains
        .iter()
        .map(|domain| {
            let mut tally = Tally::default();
            for item in catalog.assessable().filter(|item| item.domain == domain.id) {
                let level = evaluation.level(standard, &item.id);
                let Some(score) = level_score(level) else {
                    continue;
                };
                let weight = f64::from(item.weight);
                for bucket in [&mut tally, &mut total] {
                    bucket.earned += weight * score;
                    bucket.possible += weight;
                    bucket.applicable += 1;
                    if !matches!(level, None | Some(Maturity::Unknown)) {
                        bucket.answered += 1;
                    }
                }
            }
            DomainReadiness {
                id: domain.id.clone(),
                title: domain.title.clone(),
                percent: tally.percent(),
                applicable: tally.applicable,
                answered: tally.answered,
            }
        })
        .collect();
    StandardReadiness {
        percent: total.percent(),
        domains,
    }
}

/// Share of the assessable 42001 items already covered by implemented 27001 items: an item
/// counts fully through an equal or subset pair, half through a superset or intersect pair,
/// by its best pair.
pub(crate) fn covered_by_27001(evaluation: &Evaluation) -> f64 {
    let catalogs = evaluation.catalogs;
    let items = catalogs.iso42001.assessable().count();
    if items == 0 {
        return 0.0;
    }
    // One pass over the pairs: the best coverage of each 42001 item.
    let mut best: BTreeMap<&str, f64> = BTreeMap::new();
    for pair in &catalogs.crosswalk.pairs {
        if evaluation.level(Standard::Iso27001, &pair.iso27001) == Some(Maturity::Implemented) {
            let coverage = best.entry(pair.iso42001.as_str()).or_default();
            *coverage = coverage.max(pair.relation.coverage());
        }
    }
    let covered: f64 = catalogs
        .iso42001
        .assessable()
        .filter_map(|item| best.get(item.id.as_str()))
        .sum();
    round1(covered / items as f64 * 100.0)
}
