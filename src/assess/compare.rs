//! What moved between two assessments of one organisation: the recommendation, readiness per
//! standard and domain, the gaps closed, opened and changed (matched by their `key`), and the
//! answers that changed (matched by question ID). The contract of `compare --format json`.
//!
//! An answer given to an earlier form of a question (saved under an ID that a later
//! questionnaire replaced, or in a session made with an earlier questionnaire version when the
//! question replaced something since), compared with an answer to its current form, is marked
//! `reassessed`: the question itself changed, so the difference is a new judgement, not
//! progress.

use std::collections::{BTreeMap, BTreeSet};

use schemars::{JsonSchema, Schema};
use serde::Serialize;

use super::report::{Gap, GapStatus, Recommendation, Report};
use crate::model::{AnswerValue, Answers, Notes, Question, Questionnaire, Standard};

/// One side of a comparison: an assessment's answers, notes and report.
#[derive(Debug, Clone, Copy)]
pub struct CompareInput<'a> {
    /// The session ID; none for a file without one.
    pub id: Option<&'a str>,
    /// The assessment date ("2026-09-01"); none when not known.
    pub date: Option<&'a str>,
    /// The questionnaire version the answers were given to, when known.
    pub questionnaire_version: Option<&'a str>,
    /// Answers by question ID, with answers to replaced questions carried forward.
    pub answers: &'a Answers,
    /// Notes by question ID, carried forward likewise.
    pub notes: &'a Notes,
    /// The questions asked ([`super::Evaluation::asked`]): answers to questions asked on
    /// neither side (hidden by scoping) are not compared.
    pub asked: &'a [&'a str],
    /// For each answer carried from a question the questionnaire replaced, the replaced ID
    /// (`model::migrate_answers::carried_sources`, read before carrying).
    pub carried_from: &'a BTreeMap<String, String>,
    /// The report of these answers.
    pub report: &'a Report,
}

/// The comparison of two assessments, old and new.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    /// The earlier assessment.
    pub old: Side,
    /// The later assessment.
    pub new: Side,
    /// Readiness of every standard in scope on either side.
    pub readiness: BTreeMap<Standard, ReadinessChange>,
    /// Gaps closed, opened and changed.
    pub gaps: GapChanges,
    /// Answers or notes that differ, of the questions asked on either side, in questionnaire
    /// order.
    pub answers: Vec<AnswerChange>,
}

/// Who and when one side is.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = |schema: &mut Schema| require(schema, &["id", "date", "questionnaire_version"]))]
pub struct Side {
    /// The session ID; null for a file without one.
    pub id: Option<String>,
    /// The assessment date; null when not known.
    pub date: Option<String>,
    /// The recommendation of that assessment.
    pub recommendation: Recommendation,
    /// The questionnaire version its answers were given to; null when not known.
    pub questionnaire_version: Option<String>,
}

/// Readiness of one standard then and now; null where it was not in scope.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = |schema: &mut Schema| require(schema, &["old", "new", "delta"]))]
pub struct ReadinessChange {
    /// Readiness, 0–100, in the old assessment.
    pub old: Option<f64>,
    /// Readiness, 0–100, in the new assessment.
    pub new: Option<f64>,
    /// New minus old, one decimal; null unless both are known.
    pub delta: Option<f64>,
    /// Per domain, in the new assessment's order, then domains only the old one had.
    pub domains: Vec<DomainChange>,
}

/// Readiness of one domain then and now.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = |schema: &mut Schema| require(schema, &["old", "new", "delta"]))]
pub struct DomainChange {
    /// Domain ID.
    pub id: String,
    /// Domain title.
    pub title: String,
    /// Readiness in the old assessment.
    pub old: Option<f64>,
    /// Readiness in the new assessment.
    pub new: Option<f64>,
    /// New minus old, one decimal; null unless both are known.
    pub delta: Option<f64>,
}

/// The gaps, matched by key.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GapChanges {
    /// Gaps of the old assessment that are no longer open, as they were then, in their old
    /// order.
    pub closed: Vec<Gap>,
    /// Gaps open now that were not then, in their new order.
    pub opened: Vec<Gap>,
    /// Gaps open on both sides whose status changed, as they are now, in their new order.
    pub changed: Vec<StatusChange>,
}

/// A gap whose status changed.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    /// The gap as it is now.
    pub gap: Gap,
    /// Its status then.
    pub old_status: GapStatus,
    /// Its status now.
    pub new_status: GapStatus,
    /// Whether one of its questions was re-assessed under a changed question.
    pub reassessed: bool,
}

/// An answer or note that differs.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = |schema: &mut Schema| require(schema, &["old", "new"]))]
pub struct AnswerChange {
    /// The question ID (the current one).
    pub question: String,
    /// The old answer; null when not answered.
    pub old: Option<AnswerValue>,
    /// The new answer; null when not answered.
    pub new: Option<AnswerValue>,
    /// The notes, when they differ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<NoteChange>,
    /// Whether the two answers were given to different versions of the question (the old one
    /// to a question the questionnaire has since replaced): a new judgement, not progress.
    pub reassessed: bool,
}

/// A note then and now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = |schema: &mut Schema| require(schema, &["old", "new"]))]
pub struct NoteChange {
    /// The old note; null when there was none.
    pub old: Option<String>,
    /// The new note; null when there is none.
    pub new: Option<String>,
}

/// Marks optional fields as required in a schema: they are always written, null when unknown.
fn require(schema: &mut Schema, fields: &[&str]) {
    let mut required: Vec<serde_json::Value> = schema
        .get("required")
        .and_then(serde_json::Value::as_array)
        .cloned()
        .unwrap_or_default();
    for field in fields {
        if !required.iter().any(|known| known == field) {
            required.push((*field).into());
        }
    }
    schema.insert("required".to_owned(), required.into());
}

impl Comparison {
    /// The questions whose answers were given to different versions of the question.
    pub fn reassessed(&self) -> BTreeSet<&str> {
        reassessed(&self.answers)
    }

    /// Whether a closed gap closed because none of its standards is in scope any more: it
    /// moved with the scope, not with the work.
    pub fn closed_by_scope(&self, gap: &Gap) -> bool {
        !self.in_scope(gap, |change| change.new)
    }

    /// Whether an opened gap opened because none of its standards was in scope before.
    pub fn opened_by_scope(&self, gap: &Gap) -> bool {
        !self.in_scope(gap, |change| change.old)
    }

    /// The standards of a gap that came into scope since: a gap whose status fell may only
    /// have taken in their items, which is scope, not regression.
    pub fn newly_in_scope(&self, gap: &Gap) -> Vec<Standard> {
        gap.standards
            .iter()
            .copied()
            .filter(|standard| {
                self.readiness
                    .get(standard)
                    .is_some_and(|change| change.old.is_none() && change.new.is_some())
            })
            .collect()
    }

    fn in_scope(&self, gap: &Gap, side: impl Fn(&ReadinessChange) -> Option<f64>) -> bool {
        gap.standards.iter().any(|standard| {
            self.readiness
                .get(standard)
                .is_some_and(|change| side(change).is_some())
        })
    }

    /// Whether the two sides answered different questionnaire versions (as far as known).
    pub fn questionnaire_changed(&self) -> bool {
        match (
            &self.old.questionnaire_version,
            &self.new.questionnaire_version,
        ) {
            (Some(old), Some(new)) => old != new,
            _ => self.answers.iter().any(|change| change.reassessed),
        }
    }
}

/// Compares two assessments made with `questionnaire` (answers carried forward to it).
/// Deterministic: the same input gives the same comparison.
pub fn compare(
    old: &CompareInput,
    new: &CompareInput,
    questionnaire: &Questionnaire,
) -> Comparison {
    let answers = answer_changes(old, new, questionnaire);
    let gaps = gap_changes(&old.report.gaps, &new.report.gaps, &reassessed(&answers));
    Comparison {
        old: side(old),
        new: side(new),
        readiness: readiness(old.report, new.report),
        gaps,
        answers,
    }
}

fn reassessed(answers: &[AnswerChange]) -> BTreeSet<&str> {
    answers
        .iter()
        .filter(|change| change.reassessed)
        .map(|change| change.question.as_str())
        .collect()
}

fn side(input: &CompareInput) -> Side {
    Side {
        id: input.id.map(str::to_owned),
        date: input.date.map(str::to_owned),
        recommendation: input.report.recommendation,
        questionnaire_version: input.questionnaire_version.map(str::to_owned),
    }
}

/// New minus old, rounded to one decimal as the percentages are.
fn delta(old: Option<f64>, new: Option<f64>) -> Option<f64> {
    Some(((new? - old?) * 10.0).round() / 10.0)
}

fn readiness(old: &Report, new: &Report) -> BTreeMap<Standard, ReadinessChange> {
    let standards: BTreeSet<Standard> = old
        .readiness
        .keys()
        .chain(new.readiness.keys())
        .copied()
        .collect();
    standards
        .into_iter()
        .map(|standard| {
            let then = old.readiness.get(&standard);
            let now = new.readiness.get(&standard);
            let mut domains: Vec<DomainChange> = Vec::new();
            for domain in now
                .iter()
                .flat_map(|r| &r.domains)
                .chain(then.iter().flat_map(|r| &r.domains))
            {
                if domains.iter().any(|known| known.id == domain.id) {
                    continue;
                }
                let percent = |side: Option<&super::report::StandardReadiness>| {
                    side.and_then(|r| r.domains.iter().find(|d| d.id == domain.id))
                        .map(|d| d.percent)
                };
                let (old, new) = (percent(then), percent(now));
                domains.push(DomainChange {
                    id: domain.id.clone(),
                    title: domain.title.clone(),
                    old,
                    new,
                    delta: delta(old, new),
                });
            }
            let (old, new) = (then.map(|r| r.percent), now.map(|r| r.percent));
            let change = ReadinessChange {
                old,
                new,
                delta: delta(old, new),
                domains,
            };
            (standard, change)
        })
        .collect()
}

fn gap_changes(old: &[Gap], new: &[Gap], reassessed: &BTreeSet<&str>) -> GapChanges {
    let find = |gaps: &[Gap], key: &str| gaps.iter().position(|gap| gap.key == key);
    GapChanges {
        closed: old
            .iter()
            .filter(|gap| find(new, &gap.key).is_none())
            .cloned()
            .collect(),
        opened: new
            .iter()
            .filter(|gap| find(old, &gap.key).is_none())
            .cloned()
            .collect(),
        changed: new
            .iter()
            .filter_map(|gap| {
                let before = &old[find(old, &gap.key)?];
                (before.status != gap.status).then(|| StatusChange {
                    gap: gap.clone(),
                    old_status: before.status,
                    new_status: gap.status,
                    reassessed: gap
                        .questions
                        .iter()
                        .chain(&before.questions)
                        .any(|question| reassessed.contains(question.as_str())),
                })
            })
            .collect(),
    }
}

fn answer_changes(
    old: &CompareInput,
    new: &CompareInput,
    questionnaire: &Questionnaire,
) -> Vec<AnswerChange> {
    let asked: BTreeSet<&str> = old.asked.iter().chain(new.asked).copied().collect();
    let note = |side: &CompareInput, id: &str| {
        side.notes
            .get(id)
            .map(|note| note.trim())
            .filter(|note| !note.is_empty())
            .map(str::to_owned)
    };
    // Whether a side's answer was given to an earlier form of the question: it was carried
    // from a replaced ID, or the side was made with another questionnaire version and the
    // question replaced something since.
    let earlier = |side: &CompareInput, question: &Question| -> Option<String> {
        side.carried_from.get(&question.id).cloned().or_else(|| {
            let other_version = side
                .questionnaire_version
                .is_some_and(|version| version != questionnaire.version);
            (other_version && !question.replaces.is_empty()).then(String::new)
        })
    };
    questionnaire
        .questions()
        .map(|(_, question)| question)
        .filter(|question| asked.contains(question.id.as_str()))
        .filter_map(|question| {
            let id = question.id.as_str();
            let (then, now) = (old.answers.get(id), new.answers.get(id));
            let (old_note, new_note) = (note(old, id), note(new, id));
            if then == now && old_note == new_note {
                return None;
            }
            Some(AnswerChange {
                question: id.to_owned(),
                old: then.cloned(),
                new: now.cloned(),
                note: (old_note != new_note).then_some(NoteChange {
                    old: old_note,
                    new: new_note,
                }),
                reassessed: then.is_some()
                    && now.is_some()
                    && then != now
                    && earlier(old, question) != earlier(new, question),
            })
        })
        .collect()
}
