//! Each assessable item's status: the level from the most specific known answer, and for
//! Annex A controls whether they are excluded from the Statement of Applicability.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::model::exclusions;
use crate::model::{
    Answers, Catalogs, ControlRef, Exclusions, ItemKind, Maturity, Notes, Question, QuestionKind,
    Questionnaire, Standard,
};

/// The status of one item.
#[derive(Debug, Clone)]
pub struct ItemStatus<'a> {
    /// The level from the most specific answered question with a known answer (a "don't know"
    /// only when no question that maps it has a known answer), if any. An excluded control is
    /// `NotApplicable` (it neither counts in readiness nor opens a gap); a control answered not
    /// applicable whose exclusion is still to confirm is `Unknown` (0 in readiness, a gap to
    /// settle); `applicability` tells which.
    pub level: Option<Maturity>,
    /// The question that decided it, or every asked question that maps it when unanswered or
    /// excluded through the `exclusions` block.
    pub questions: Vec<&'a str>,
    /// A clause answered "not applicable": clauses 4–10 cannot be excluded, so its level is
    /// taken as unknown (verify) instead.
    pub excluded_clause: bool,
    /// Whether an Annex A control is excluded from the Statement of Applicability.
    pub applicability: Applicability<'a>,
}

/// Whether an Annex A control is excluded from the Statement of Applicability, and on what
/// grounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applicability<'a> {
    /// Nothing excludes it (clauses are never excluded).
    NotExcluded,
    /// Excluded, with its justification: from the `exclusions` block (`question` is `None`),
    /// or the note on a not-applicable answer to the question that maps this control alone.
    Excluded {
        /// Why the control does not apply (trimmed).
        justification: String,
        /// The question whose note is the justification, if it came from an answer.
        question: Option<&'a str>,
    },
    /// Answered not applicable, but nothing justifies excluding it yet.
    ToConfirm {
        /// The question answered not applicable.
        question: &'a str,
        /// The question covers several items: its answer cannot exclude any one of them. When
        /// false, the control's own question was answered without a note.
        grouped: bool,
    },
}

/// Item statuses by reference.
pub(super) type Statuses<'a> = BTreeMap<ControlRef, ItemStatus<'a>>;

/// Item levels by (standard, catalog ID), for look-ups without allocating a reference.
pub(super) type Levels<'a> = HashMap<(Standard, &'a str), Option<Maturity>>;

/// One answered question that maps an item: how many items it maps, its position (later wins
/// a tie), its level and the question.
#[derive(Clone, Copy)]
struct Candidate<'a> {
    maps: usize,
    position: usize,
    level: Maturity,
    question: &'a Question,
}

impl Candidate<'_> {
    /// Whether this candidate is more specific than `other`: it maps fewer items, or as many
    /// and comes later.
    fn beats(&self, other: &Candidate) -> bool {
        (self.maps, usize::MAX - self.position) < (other.maps, usize::MAX - other.position)
    }
}

/// Keeps the more specific of a candidate already held and a new one.
fn keep_best<'a>(
    best: &mut HashMap<(Standard, &'a str), Candidate<'a>>,
    key: (Standard, &'a str),
    candidate: Candidate<'a>,
) {
    best.entry(key)
        .and_modify(|current| {
            if candidate.beats(current) {
                *current = candidate;
            }
        })
        .or_insert(candidate);
}

/// Each item's level from the most specific answered question that maps it (the one mapping the
/// fewest items, the later one on a tie), preferring a known answer: a "don't know" decides only
/// when no question that maps the item has a known answer. Then, for Annex A controls, whether
/// they are excluded: an entry of `exclusions` overrides any answer; a not-applicable answer
/// excludes a control only from a question that maps that control alone and carries a note (the
/// justification); otherwise the control is left to confirm.
pub(super) fn item_statuses<'a>(
    questionnaire: &'a Questionnaire,
    catalogs: &'a Catalogs,
    asked: &HashSet<&'a str>,
    answers: &Answers,
    notes: &Notes,
    exclusions: &Exclusions,
) -> (Statuses<'a>, Levels<'a>) {
    // Keyed by (standard, ID) borrowed from the questionnaire: no allocation per mapping.
    let items = catalogs.iso27001.items.len() + catalogs.iso42001.items.len();
    let mut known: HashMap<(Standard, &'a str), Candidate<'a>> = HashMap::with_capacity(items);
    let mut unknown: HashMap<(Standard, &'a str), Candidate<'a>> = HashMap::new();
    let mut mapped_by: HashMap<(Standard, &'a str), Vec<&'a str>> = HashMap::with_capacity(items);
    let maturity_questions = questionnaire
        .questions()
        .map(|(_, question)| question)
        .filter(|question| question.kind == QuestionKind::Maturity)
        .filter(|question| asked.contains(question.id.as_str()))
        .enumerate();
    for (position, question) in maturity_questions {
        let level = answers
            .get(&question.id)
            .and_then(|answer| answer.as_maturity());
        for reference in &question.maps {
            let key = (reference.standard, reference.id.as_str());
            mapped_by.entry(key).or_default().push(question.id.as_str());
            if let Some(level) = level {
                let candidate = Candidate {
                    maps: question.maps.len(),
                    position,
                    level,
                    question,
                };
                let best = if level == Maturity::Unknown {
                    &mut unknown
                } else {
                    &mut known
                };
                keep_best(best, key, candidate);
            }
        }
    }
    let excluded: HashMap<ControlRef, &str> = exclusions
        .iter()
        .filter(|(_, justification)| exclusions::is_justified(justification))
        .filter_map(|(key, justification)| {
            exclusions::excluded_control(catalogs, key)
                .map(|reference| (reference, justification.trim()))
        })
        .collect();
    let note = |id: &str| {
        notes
            .get(id)
            .map(|note| note.trim())
            .filter(|note| !note.is_empty())
    };
    let mut statuses = BTreeMap::new();
    let mut levels = HashMap::with_capacity(items);
    for standard in Standard::ALL {
        for item in catalogs.catalog(standard).assessable() {
            let key = (standard, item.id.as_str());
            let reference = ControlRef::new(standard, item.id.clone());
            let mapped = || mapped_by.get(&key).cloned().unwrap_or_default();
            let chosen = known.get(&key).or_else(|| unknown.get(&key));
            let status = match (excluded.get(&reference), chosen) {
                (Some(justification), _) => ItemStatus {
                    level: Some(Maturity::NotApplicable),
                    questions: mapped(),
                    excluded_clause: false,
                    applicability: Applicability::Excluded {
                        justification: (*justification).to_owned(),
                        question: None,
                    },
                },
                (None, Some(chosen)) if chosen.level == Maturity::NotApplicable => {
                    let question = chosen.question.id.as_str();
                    let (level, excluded_clause, applicability) = match item.kind {
                        // Clauses 4–10 cannot be excluded: the level is taken as unknown.
                        ItemKind::Clause => (Maturity::Unknown, true, Applicability::NotExcluded),
                        ItemKind::Control => {
                            let own_question = chosen.question.maps.len() == 1;
                            match note(question) {
                                Some(justification) if own_question => (
                                    Maturity::NotApplicable,
                                    false,
                                    Applicability::Excluded {
                                        justification: justification.to_owned(),
                                        question: Some(question),
                                    },
                                ),
                                // Nothing justifies leaving it out yet: it stays in readiness
                                // (at 0) and in the gaps until excluded or answered.
                                _ => (
                                    Maturity::Unknown,
                                    false,
                                    Applicability::ToConfirm {
                                        question,
                                        grouped: !own_question,
                                    },
                                ),
                            }
                        }
                    };
                    ItemStatus {
                        level: Some(level),
                        questions: vec![question],
                        excluded_clause,
                        applicability,
                    }
                }
                (None, Some(chosen)) => ItemStatus {
                    level: Some(chosen.level),
                    questions: vec![chosen.question.id.as_str()],
                    excluded_clause: false,
                    applicability: Applicability::NotExcluded,
                },
                (None, None) => ItemStatus {
                    level: None,
                    questions: mapped(),
                    excluded_clause: false,
                    applicability: Applicability::NotExcluded,
                },
            };
            levels.insert((standard, item.id.as_str()), status.level);
            statuses.insert(reference, status);
        }
    }
    (statuses, levels)
}
