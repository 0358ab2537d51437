//! "Not applicable" and the Statement of Applicability, as the question screen and the plain
//! mode see them: what choosing it asks for, the answer a grouped question already gives, and
//! the lines that tell a question's exclusions. Pure functions of the state, shared by
//! `update`, the views and the plain mode.

use crate::model::{AnswerValue, Catalogs, ControlRef, ItemKind, Maturity, Question, QuestionKind};

use super::app::App;

/// One Annex A control a question maps, as the checklist lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Control {
    /// The control; its `Display` is the key of the exclusions block ("iso27001:A.7.4").
    pub reference: ControlRef,
    /// Its title in the catalog.
    pub title: String,
}

impl Control {
    /// "A.7.4 Physical security monitoring".
    pub fn label(&self) -> String {
        format!("{} {}", self.reference.id, self.title)
    }
}

/// What choosing "not applicable" on a readiness question asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotApplicable {
    /// The question maps no Annex A control: nothing can be excluded (clauses 4–10 never are).
    Nothing,
    /// The question maps one Annex A control and nothing else: its note is the justification.
    OwnControl(Control),
    /// The question maps Annex A controls among other items: its answer excludes none of them
    /// by itself, each is excluded on its own with a justification.
    Grouped(Vec<Control>),
}

/// The Annex A controls a question maps, in its order.
pub fn controls(question: &Question) -> Vec<Control> {
    let catalogs = Catalogs::embedded();
    question
        .maps
        .iter()
        .filter_map(|reference| {
            let item = catalogs.item(reference)?;
            (item.kind == ItemKind::Control).then(|| Control {
                reference: reference.clone(),
                title: item.title.clone(),
            })
        })
        .collect()
}

/// Whether a question maps clauses 4–10, which cannot be excluded.
pub(crate) fn covers_clauses(question: &Question) -> bool {
    question.maps.iter().any(|reference| {
        Catalogs::embedded()
            .item(reference)
            .is_some_and(|item| item.kind == ItemKind::Clause)
    })
}

/// What "not applicable" on a readiness question asks for (`Nothing` on other kinds).
pub fn not_applicable(question: &Question) -> NotApplicable {
    if question.kind != QuestionKind::Maturity {
        return NotApplicable::Nothing;
    }
    let mut controls = controls(question);
    match controls.len() {
        0 => NotApplicable::Nothing,
        1 if question.maps.len() == 1 => NotApplicable::OwnControl(controls.remove(0)),
        _ => NotApplicable::Grouped(controls),
    }
}

/// Whether an answer is "not applicable".
pub(crate) fn is_not_applicable(value: Option<&AnswerValue>) -> bool {
    value.and_then(AnswerValue::as_maturity) == Some(Maturity::NotApplicable)
}

/// The message shown when a question that covers clauses is answered not applicable.
pub const CLAUSE_WARNING: &str = "Clauses 4–10 cannot be excluded: this counts as unknown until you confirm how it is done (n adds a note).";

/// The answer an asked, answered question that groups this one's items gives them: the most
/// specific such question (fewest items, the later one on a tie), as the engine picks it. Only
/// for readiness questions; none when no grouped question covering every item is answered.
pub fn grouped_answer<'a>(app: &'a App, question: &Question) -> Option<(&'a Question, Maturity)> {
    if question.kind != QuestionKind::Maturity || question.maps.is_empty() {
        return None;
    }
    let assessment = app.assessment.as_ref()?;
    assessment
        .visible
        .iter()
        .map(|&flat| app.entry(flat).1)
        .filter(|other| other.kind == QuestionKind::Maturity && other.id != question.id)
        .filter(|other| other.maps.len() > question.maps.len())
        .filter(|other| question.maps.iter().all(|item| other.maps.contains(item)))
        .filter_map(|other| {
            let level = assessment.session.answers.get(&other.id)?.as_maturity()?;
            Some((other, level))
        })
        .fold(
            None,
            |best: Option<(&Question, Maturity)>, candidate| match best {
                Some(held) if held.0.maps.len() < candidate.0.maps.len() => Some(held),
                _ => Some(candidate),
            },
        )
}

/// The exclusions a question's checklist starts from: its controls that the exclusions block
/// excludes, and their justification (the first one's when they differ, with `true`).
pub(crate) fn recorded(app: &App, controls: &[Control]) -> (Vec<ControlRef>, String, bool) {
    let Some(assessment) = app.assessment.as_ref() else {
        return (Vec::new(), String::new(), false);
    };
    let found: Vec<(&ControlRef, &str)> = controls
        .iter()
        .filter_map(|control| {
            let justification = assessment
                .session
                .exclusions
                .get(&control.reference.to_string())?;
            Some((&control.reference, justification.trim()))
        })
        .collect();
    let justification = found.first().map(|(_, text)| *text).unwrap_or_default();
    let differing = found.iter().any(|(_, text)| *text != justification);
    (
        found
            .iter()
            .map(|(reference, _)| (*reference).clone())
            .collect(),
        justification.to_owned(),
        differing,
    )
}

/// One line about the current question's applicability.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextLine {
    /// The text.
    pub text: String,
    /// Whether it tells exclusions, which the checklist edits.
    pub exclusions: bool,
}

impl ContextLine {
    /// The line as the question screen shows it: exclusions say which key edits them.
    pub fn shown(&self) -> String {
        if self.exclusions {
            format!("{} (x edits)", self.text)
        } else {
            self.text.clone()
        }
    }
}

/// The current question's context lines as the question screen shows them.
pub(crate) fn shown_context(app: &App) -> Vec<String> {
    context_lines(app).iter().map(ContextLine::shown).collect()
}

/// What the question screen tells about the current question's applicability, one line each:
/// the answer a grouped question gives its items, its controls that are excluded (with the
/// justification) and those still to confirm.
pub fn context_lines(app: &App) -> Vec<ContextLine> {
    let (Some(assessment), Some((_, question))) = (app.assessment.as_ref(), app.current()) else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    if let Some((grouped, level)) = grouped_answer(app, question) {
        lines.push(ContextLine {
            text: format!("Grouped answer: {} ({})", level.label(), grouped.id),
            exclusions: false,
        });
    }
    let controls = controls(question);
    if controls.is_empty() {
        return lines;
    }
    // Excluded controls, one line per justification, in the question's order: by the
    // exclusions block (the checklist edits them), else by the note on a not-applicable answer
    // to the control's own question (the note is the justification).
    let mut excluded: Vec<(String, bool, Vec<&str>)> = Vec::new();
    let own_note = match not_applicable(question) {
        NotApplicable::OwnControl(_)
            if is_not_applicable(assessment.session.answers.get(&question.id)) =>
        {
            assessment
                .session
                .notes
                .get(&question.id)
                .map(|note| note.trim().replace('\n', " "))
                .filter(|note| !note.is_empty())
        }
        _ => None,
    };
    for control in &controls {
        let justification = assessment
            .session
            .exclusions
            .get(&control.reference.to_string())
            .map(|text| text.trim().to_owned())
            .filter(|text| !text.is_empty())
            .map(|text| (text, true))
            .or_else(|| own_note.clone().map(|note| (note, false)));
        if let Some((justification, block)) = justification {
            match excluded
                .iter_mut()
                .find(|(text, from, _)| *text == justification && *from == block)
            {
                Some((_, _, ids)) => ids.push(&control.reference.id),
                None => excluded.push((justification, block, vec![&control.reference.id])),
            }
        }
    }
    for (justification, block, ids) in excluded {
        let source = if block { "" } else { " (the note)" };
        lines.push(ContextLine {
            text: format!("Excluded: {} — {justification}{source}", ids.join(", ")),
            exclusions: block,
        });
    }
    let to_confirm: Vec<&str> = controls
        .iter()
        .filter(|control| {
            assessment.live.to_confirm.iter().any(|pending| {
                pending.standard == control.reference.standard && pending.id == control.reference.id
            })
        })
        .map(|control| control.reference.id.as_str())
        .collect();
    if !to_confirm.is_empty() {
        lines.push(ContextLine {
            text: format!(
                "To confirm: {} — no justification yet",
                to_confirm.join(", ")
            ),
            exclusions: true,
        });
    }
    lines
}
