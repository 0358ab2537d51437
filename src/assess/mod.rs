//! The pure, deterministic decision engine: (questionnaire, answers) → report.
//!
//! Nothing here reads files, the clock or the environment; the same input gives the same report.
//!
//! Cost grows linearly with the questionnaire: asked questions and item levels are looked up
//! through hash indexes, and the gap order is a heap-based topological sort (`order`)
//! (`cargo bench --bench assess`).

pub mod compare;
mod gaps;
pub mod inclusion;
mod order;
mod progress;
mod readiness;
pub mod report;
pub mod scope;
mod sequencing;
mod statuses;
mod strength;

use std::collections::{BTreeMap, HashSet};

use crate::model::{
    Answers, AnswersDoc, Catalogs, ControlRef, Depth, Exclusions, Item, ItemKind, Maturity, Notes,
    Questionnaire, SCOPING_IDS, Standard,
};

pub use gaps::ORDER_REASON_MARKERS;
pub use progress::{Progress, Stage};
pub use report::{
    Exclusion, Gap, GapItem, GapStatus, Phase, Priority, Recommendation, Report, Strength,
    ToConfirm, ToConfirmReason,
};
use scope::Profile;
pub use scope::{Scope, Tri};
pub use statuses::{Applicability, ItemStatus};
use statuses::{Levels, item_statuses};

/// What the engine knows about the answers: which questions are asked, and each item's status.
pub struct Evaluation<'a> {
    /// The questionnaire.
    pub questionnaire: &'a Questionnaire,
    /// Both catalogs and the crosswalk.
    pub catalogs: &'a Catalogs,
    /// The scope decided by the scoping answers.
    pub scope: Scope,
    /// IDs of the questions asked, in order.
    pub asked: Vec<&'a str>,
    /// The same IDs, for look-ups.
    asked_set: HashSet<&'a str>,
    /// Answers to asked questions only.
    pub effective: Answers,
    /// Each assessable item's status and the question that decided it.
    pub statuses: BTreeMap<ControlRef, ItemStatus<'a>>,
    /// Each assessable item's level, keyed by the catalog's own IDs, for look-ups.
    levels: Levels<'a>,
    /// The effective scoping answers, read once.
    profile: Profile,
}

/// The assessment depth an answers file implies: full when any full-depth question is answered.
pub fn implied_depth(questionnaire: &Questionnaire, answers: &Answers) -> Depth {
    let any_full = questionnaire
        .questions()
        .any(|(_, question)| question.depth == Depth::Full && answers.contains_key(&question.id));
    if any_full { Depth::Full } else { Depth::Quick }
}

impl<'a> Evaluation<'a> {
    /// Decides scope, visibility and item statuses from the answers alone: without notes and
    /// exclusions no Annex A control is excluded, and one answered not applicable is to
    /// confirm. [`Evaluation::of_doc`] takes a whole answers document.
    pub fn new(
        questionnaire: &'a Questionnaire,
        catalogs: &'a Catalogs,
        answers: &Answers,
        depth: Depth,
    ) -> Evaluation<'a> {
        Evaluation::with_justifications(
            questionnaire,
            catalogs,
            answers,
            &Notes::new(),
            &Exclusions::new(),
            depth,
        )
    }

    /// Evaluates an answers document (or a session's answers part): its answers, the notes that
    /// justify per-control not-applicable answers, and its exclusions.
    pub(crate) fn of_doc(
        questionnaire: &'a Questionnaire,
        catalogs: &'a Catalogs,
        doc: &AnswersDoc,
        depth: Depth,
    ) -> Evaluation<'a> {
        Evaluation::with_justifications(
            questionnaire,
            catalogs,
            &doc.answers,
            &doc.notes,
            &doc.exclusions,
            depth,
        )
    }

    /// Decides scope, visibility and item statuses; `notes` and `exclusions` decide which Annex
    /// A controls are excluded. Exclusion keys that name no Annex A control, and blank
    /// justifications, are ignored here (validation reports them).
    pub(crate) fn with_justifications(
        questionnaire: &'a Questionnaire,
        catalogs: &'a Catalogs,
        answers: &Answers,
        notes: &Notes,
        exclusions: &Exclusions,
        depth: Depth,
    ) -> Evaluation<'a> {
        let (scope, asked) = visibility(questionnaire, answers, depth);
        let asked_set: HashSet<&'a str> = asked.iter().copied().collect();
        let effective: Answers = answers
            .iter()
            .filter(|(id, _)| asked_set.contains(id.as_str()))
            .map(|(id, answer)| (id.clone(), answer.clone()))
            .collect();
        let (statuses, levels) = item_statuses(
            questionnaire,
            catalogs,
            &asked_set,
            &effective,
            notes,
            exclusions,
        );
        Evaluation {
            questionnaire,
            catalogs,
            scope,
            asked,
            asked_set,
            statuses,
            levels,
            profile: Profile::new(&effective),
            effective,
        }
    }

    /// Whether a question is asked for these answers and this depth.
    pub fn is_asked(&self, id: &str) -> bool {
        self.asked_set.contains(id)
    }

    /// The screens the asked questions take: a question asked together with its lead
    /// (`pairs_with`) shares the lead's screen.
    pub fn screens(&self) -> usize {
        self.asked
            .iter()
            .filter_map(|id| self.questionnaire.question(id))
            .filter(|question| !question.joins_lead(|lead| self.is_asked(lead)))
            .count()
    }

    /// The level of one item (`None` when unanswered or not an assessable item).
    pub fn level(&self, standard: Standard, id: &str) -> Option<Maturity> {
        self.levels.get(&(standard, id)).copied().flatten()
    }

    /// Why an Annex A control belongs in the Statement of Applicability, from the scoping
    /// answers; never empty.
    pub fn inclusion_reasons(&self, standard: Standard, item: &Item) -> Vec<inclusion::Reason> {
        let mut reasons = inclusion::reasons(&self.profile, standard, item);
        // Until a risk treatment plan exists, treating a risk is a proposal, not a decision.
        if self.level(standard, "6.1.3") != Some(Maturity::Implemented) {
            for reason in &mut reasons {
                if reason.basis == inclusion::Basis::RiskTreatment {
                    reason.basis = inclusion::Basis::ProposedRiskTreatment;
                }
            }
        }
        reasons
    }

    /// The recommendation the scope gives.
    pub fn recommendation(&self) -> Recommendation {
        recommend(&self.scope)
    }

    /// The standards readiness is reported for: those in scope, or not ruled out while undetermined.
    pub(crate) fn reported_standards(&self) -> Vec<Standard> {
        let undetermined = self.recommendation() == Recommendation::Undetermined;
        Standard::ALL
            .into_iter()
            .filter(|standard| match self.scope.of(*standard) {
                Tri::Yes => true,
                Tri::Unknown => undetermined,
                Tri::No => false,
            })
            .collect()
    }

    /// The Annex A controls whose exclusion matters to this report: those of the standards it
    /// covers, and others that an asked question maps (the supplementary 42001 controls of a
    /// 27001-only scope), with their statuses, in the standards' order.
    fn considered(&self) -> impl Iterator<Item = (&ControlRef, &ItemStatus<'a>)> + '_ {
        let reported = self.reported_standards();
        Standard::ALL.into_iter().flat_map(move |standard| {
            let covered = reported.contains(&standard);
            self.catalogs
                .catalog(standard)
                .assessable()
                .filter(|item| item.kind == ItemKind::Control)
                .filter_map(move |item| {
                    self.statuses
                        .get_key_value(&ControlRef::new(standard, item.id.clone()))
                })
                .filter(move |(_, status)| covered || !status.questions.is_empty())
        })
    }

    /// The excluded Annex A controls of the report, with their justifications.
    pub fn exclusions(&self) -> Vec<report::Exclusion> {
        self.considered()
            .filter_map(|(reference, status)| match &status.applicability {
                Applicability::Excluded {
                    justification,
                    question,
                } => Some(report::Exclusion {
                    standard: reference.standard,
                    id: reference.id.clone(),
                    justification: justification.clone(),
                    question: question.map(str::to_owned),
                }),
                _ => None,
            })
            .collect()
    }

    /// The Annex A controls of the report answered not applicable that nothing excludes yet.
    pub fn to_confirm(&self) -> Vec<report::ToConfirm> {
        self.considered()
            .filter_map(|(reference, status)| match status.applicability {
                Applicability::ToConfirm { question, grouped } => Some(report::ToConfirm {
                    standard: reference.standard,
                    id: reference.id.clone(),
                    question: question.to_owned(),
                    reason: if grouped {
                        ToConfirmReason::GroupedAnswer
                    } else {
                        ToConfirmReason::NoJustification
                    },
                }),
                _ => None,
            })
            .collect()
    }

    /// Asked questions without an answer: first the scoping answers the recommendation still
    /// needs (so that an `undetermined` report starts with what to ask next), then every other
    /// one in questionnaire order.
    pub fn missing(&self) -> Vec<String> {
        let needed: Vec<&str> = self
            .scope
            .missing
            .iter()
            .map(String::as_str)
            .filter(|id| self.is_asked(id))
            .collect();
        let others = self
            .asked
            .iter()
            .copied()
            .filter(|id| !self.effective.contains_key(*id) && !needed.contains(id));
        needed
            .iter()
            .copied()
            .chain(others)
            .map(str::to_owned)
            .collect()
    }

    /// Answers carried from questions a later version replaced; answers that were given but do
    /// not count (their question is not asked); not-applicable
    /// answers that exclude nothing: on a question that covers several controls, or on a
    /// control's own question without the note that justifies it; and not-applicable answers
    /// on clauses, which cannot be excluded. `doc` names the ignored answers; the rest comes
    /// from the item statuses, so the evaluation must be of the same document.
    pub fn warnings(&self, doc: &AnswersDoc) -> Vec<String> {
        let mut warnings = doc.carried.clone();
        warnings.extend(
            doc.answers
                .keys()
                .filter(|id| !self.is_asked(id))
                .filter(|id| self.questionnaire.question(id).is_some())
                .map(|id| format!("answers[\"{id}\"] is ignored: the question is not asked for these answers or at this depth")),
        );
        // The controls each not-applicable answer leaves to confirm, by question.
        let mut to_confirm: BTreeMap<&str, (bool, Vec<&ControlRef>)> = BTreeMap::new();
        for (reference, status) in &self.statuses {
            if let Applicability::ToConfirm { question, grouped } = status.applicability {
                to_confirm
                    .entry(question)
                    .or_insert((grouped, Vec::new()))
                    .1
                    .push(reference);
            }
        }
        for (id, (grouped, mut controls)) in to_confirm {
            controls.sort_by_key(|reference| self.catalogs.sort_key(reference));
            let listed = controls
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            let verb = if controls.len() == 1 { "stays" } else { "stay" };
            warnings.push(if grouped {
                format!("answers[\"{id}\"] is not_applicable, but it covers several controls and excludes none of them by itself: {listed} {verb} to confirm until each is excluded in \"exclusions\" with its own justification, or answered on its own")
            } else {
                format!("answers[\"{id}\"] is not_applicable without a note: the Statement of Applicability needs a justification, so {listed} stays to confirm until a note or an entry in \"exclusions\" gives one")
            });
        }
        let mut excluded: Vec<&str> = self
            .statuses
            .values()
            .filter(|status| status.excluded_clause)
            .flat_map(|status| status.questions.iter().copied())
            .collect();
        excluded.sort_unstable();
        excluded.dedup();
        warnings.extend(excluded.into_iter().map(|id| {
            format!("answers[\"{id}\"] is not_applicable, but it covers clauses 4–10, which cannot be excluded: they count as unknown")
        }));
        warnings
    }
}

/// The scope the scoping answers decide, and the IDs of the questions asked, in order.
fn visibility<'a>(
    questionnaire: &'a Questionnaire,
    answers: &Answers,
    depth: Depth,
) -> (Scope, Vec<&'a str>) {
    // Scoping questions never test the scope (the validator ensures it), so their
    // visibility is decided first; the scope then decides every other question.
    let scoping_asked = asked_in_order(questionnaire, answers, depth, &|_| false);
    let scoping_answers: Answers = scoping_asked
        .into_iter()
        .filter(|id| SCOPING_IDS.contains(id))
        .filter_map(|id| {
            answers
                .get(id)
                .map(|answer| (id.to_owned(), answer.clone()))
        })
        .collect();
    let scope = scope::evaluate(&scoping_answers);
    let asked = asked_in_order(questionnaire, answers, depth, &|standard| {
        scope.includes(standard)
    });
    (scope, asked)
}

/// The questions asked, in order. A condition sees only the answers of questions asked before
/// it, so an answer kept for a question that is hidden now never shows another one.
fn asked_in_order<'a>(
    questionnaire: &'a Questionnaire,
    answers: &Answers,
    depth: Depth,
    in_scope: &dyn Fn(Standard) -> bool,
) -> Vec<&'a str> {
    let mut asked: Vec<&'a str> = Vec::new();
    let mut counted: HashSet<&'a str> = HashSet::new();
    for section in &questionnaire.sections {
        let lookup = |id: &str| counted.contains(id).then(|| answers.get(id)).flatten();
        if !section
            .when
            .as_ref()
            .is_none_or(|when| when.eval_with(&lookup, in_scope))
        {
            continue;
        }
        for question in &section.questions {
            let lookup = |id: &str| counted.contains(id).then(|| answers.get(id)).flatten();
            let shown = question.depth.asked_at(depth)
                && question
                    .when
                    .as_ref()
                    .is_none_or(|when| when.eval_with(&lookup, in_scope));
            if shown {
                asked.push(question.id.as_str());
                counted.insert(question.id.as_str());
            }
        }
    }
    asked
}

fn recommend(scope: &Scope) -> Recommendation {
    match (scope.iso27001, scope.iso42001) {
        (Tri::Yes, Tri::Yes) => Recommendation::Both,
        (Tri::Yes, Tri::No) => Recommendation::Iso27001,
        (Tri::No, Tri::Yes) => Recommendation::Iso42001,
        (Tri::No, Tri::No) => Recommendation::None,
        _ => Recommendation::Undetermined,
    }
}

/// Evaluates answers against a questionnaire and builds the report.
pub fn assess(
    questionnaire: &Questionnaire,
    catalogs: &Catalogs,
    answers: &Answers,
    depth: Depth,
) -> Report {
    let evaluation = Evaluation::new(questionnaire, catalogs, answers, depth);
    build_report(&evaluation)
}

/// The figures an assessment screen shows after every answer: the recommendation, each
/// standard's readiness, what is still open and what is to confirm. A small part of the
/// [`Report`], quick to compute; the gaps and their ranking are left for when they are shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Live {
    /// The recommendation so far.
    pub recommendation: Recommendation,
    /// Readiness of each standard reported, in percent.
    pub readiness: Vec<(Standard, f64)>,
    /// Questions asked and not answered.
    pub missing: usize,
    /// Controls answered not applicable whose exclusion is still to confirm.
    pub to_confirm: Vec<report::ToConfirm>,
}

impl Live {
    /// The live figures of an evaluation, equal to the matching parts of its report.
    pub fn of(evaluation: &Evaluation) -> Live {
        Live {
            recommendation: evaluation.recommendation(),
            readiness: evaluation
                .reported_standards()
                .into_iter()
                .map(|standard| {
                    let readiness = readiness::of_standard(evaluation, standard);
                    (standard, readiness.percent)
                })
                .collect(),
            missing: evaluation.missing().len(),
            to_confirm: evaluation.to_confirm(),
        }
    }
}

/// Builds the report from an evaluation.
pub(crate) fn build_report(evaluation: &Evaluation) -> Report {
    let recommendation = evaluation.recommendation();
    let missing = evaluation.missing();
    let mut rationale = evaluation.scope.findings.clone();
    for id in &evaluation.scope.missing {
        rationale.push(report::Finding {
            question: id.clone(),
            finding: "Not answered yet: the recommendation needs this answer".to_owned(),
        });
    }
    let gaps = gaps::rank(evaluation);
    let (strength, strength_reasons) = strength::of(evaluation);
    let shared_gaps = gaps.iter().filter(|gap| gap.standards.len() > 1).count();
    Report {
        tool: report::Tool {
            name: "isoready".to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
        },
        questionnaire: report::QuestionnaireRef {
            id: evaluation.questionnaire.id.clone(),
            version: evaluation.questionnaire.version.clone(),
        },
        recommendation,
        complete: missing.is_empty(),
        missing,
        rationale,
        sequencing: sequencing::advice(evaluation, recommendation, &gaps),
        strength,
        strength_reasons,
        readiness: evaluation
            .reported_standards()
            .into_iter()
            .map(|standard| (standard, readiness::of_standard(evaluation, standard)))
            .collect(),
        overlap: report::Overlap {
            shared_gaps,
            iso42001_covered_by_iso27001_percent: readiness::covered_by_27001(evaluation),
        },
        gaps,
        exclusions: evaluation.exclusions(),
        to_confirm: evaluation.to_confirm(),
    }
}

/// Rounds to one decimal, the precision of every figure in the report.
/// Negative zero (an empty float sum is -0.0) becomes 0.0, so reports never show "-0.0".
pub(crate) fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0 + 0.0
}
