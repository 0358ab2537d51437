//! Answers saved for questions that a later version of the questionnaire replaced.
//!
//! A question may list, in `replaces`, IDs of earlier versions. An answer, note or flag saved
//! under such an ID (one that is no longer a question) is carried to every question that
//! replaces it, unless that question has its own; the old ID is then dropped, so a session
//! saved afterwards holds only current IDs. When a question replaces several old IDs that were
//! all answered, the first one in its `replaces` list gives the answer; notes are joined.
//! Every old ID found gives one warning naming it and where its content went.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use super::answers::{Answers, AnswersDoc, Notes};
use super::questionnaire::Questionnaire;
use super::session::Session;

/// The saved parts of a session or answers file that carrying may change.
pub struct Saved<'s> {
    /// Answers by question ID.
    pub answers: &'s mut Answers,
    /// Notes by question ID.
    pub notes: &'s mut Notes,
    /// Flagged question IDs (a session's; none for an answers file).
    pub flagged: Option<&'s mut BTreeSet<String>>,
    /// The question to resume at (a session's; none for an answers file).
    pub position: Option<&'s mut Option<String>>,
}

/// What became of one old ID.
#[derive(Default)]
struct Fate {
    had_answer: bool,
    had_note: bool,
    had_flag: bool,
    /// Questions its content was carried to.
    carried_to: Vec<String>,
    /// Questions that kept their own answer instead.
    kept_own: Vec<String>,
    /// Questions that took another old ID's answer instead: (question, other old ID).
    took_other: Vec<(String, String)>,
}

/// Carries the content of replaced IDs to the questions replacing them; returns one warning
/// per old ID found, in ID order (none when the saved parts use only current IDs).
pub fn carry(questionnaire: &Questionnaire, saved: Saved) -> Vec<String> {
    let Saved {
        answers,
        notes,
        mut flagged,
        position,
    } = saved;
    let is_old = |id: &str| !questionnaire.replacing(id).is_empty();
    let mut fates: BTreeMap<String, Fate> = BTreeMap::new();
    for id in answers.keys().filter(|id| is_old(id)) {
        fates.entry(id.clone()).or_default().had_answer = true;
    }
    for (id, _) in notes.iter().filter(|(id, _)| is_old(id)) {
        fates.entry(id.clone()).or_default().had_note = true;
    }
    for id in flagged
        .iter()
        .flat_map(|set| set.iter())
        .filter(|id| is_old(id))
    {
        fates.entry(id.clone()).or_default().had_flag = true;
    }
    let old_position = position
        .as_deref()
        .and_then(Option::as_deref)
        .filter(|id| is_old(id))
        .map(str::to_owned);
    if fates.is_empty() && old_position.is_none() {
        return Vec::new();
    }
    for (_, question) in questionnaire.questions() {
        let sources: Vec<&str> = question
            .replaces
            .iter()
            .map(String::as_str)
            .filter(|old| fates.contains_key(*old))
            .collect();
        if sources.is_empty() {
            continue;
        }
        let id = &question.id;
        let mut reached: Vec<&str> = Vec::new();
        let answered: Vec<&str> = sources
            .iter()
            .copied()
            .filter(|old| answers.contains_key(*old))
            .collect();
        if let Some((first, others)) = answered.split_first() {
            if answers.contains_key(id) {
                for old in &answered {
                    fate(&mut fates, old).kept_own.push(id.clone());
                }
            } else {
                let answer = answers[*first].clone();
                answers.insert(id.clone(), answer);
                reached.push(first);
                for old in others {
                    fate(&mut fates, old)
                        .took_other
                        .push((id.clone(), (*first).to_owned()));
                }
            }
        }
        let noted: Vec<&str> = sources
            .iter()
            .copied()
            .filter(|old| notes.contains_key(*old))
            .collect();
        if !noted.is_empty() && !notes.contains_key(id) {
            let mut texts: Vec<&str> = Vec::new();
            for old in &noted {
                let text = notes[*old].as_str();
                if !texts.contains(&text) {
                    texts.push(text);
                }
            }
            notes.insert(id.clone(), texts.join("\n"));
            reached.extend(noted.iter().copied());
        }
        if let Some(set) = flagged.as_deref_mut()
            && sources.iter().any(|old| set.contains(*old))
        {
            set.insert(id.clone());
            reached.extend(sources.iter().copied().filter(|old| set.contains(*old)));
        }
        reached.sort_unstable();
        reached.dedup();
        for old in reached {
            fate(&mut fates, old).carried_to.push(id.clone());
        }
    }
    for old in fates.keys() {
        answers.remove(old);
        notes.remove(old);
        if let Some(set) = flagged.as_deref_mut() {
            set.remove(old);
        }
    }
    if let (Some(position), Some(old)) = (position, old_position) {
        *position = questionnaire
            .replacing(&old)
            .first()
            .map(|question| question.id.clone());
    }
    fates
        .iter()
        .map(|(old, fate)| warning(questionnaire, old, fate))
        .collect()
}

fn fate<'f>(fates: &'f mut BTreeMap<String, Fate>, old: &str) -> &'f mut Fate {
    fates.entry(old.to_owned()).or_default()
}

fn warning(questionnaire: &Questionnaire, old: &str, fate: &Fate) -> String {
    let mut parts = Vec::new();
    if fate.had_answer {
        parts.push("answer");
    }
    if fate.had_note {
        parts.push("note");
    }
    if fate.had_flag {
        parts.push("flag");
    }
    let place = if fate.had_answer {
        format!("answers[\"{old}\"]")
    } else if fate.had_note {
        format!("notes[\"{old}\"]")
    } else {
        format!("flagged \"{old}\"")
    };
    let mut text = format!(
        "{place} is for a question that questionnaire {} version {} replaced",
        questionnaire.id, questionnaire.version
    );
    if fate.carried_to.is_empty() {
        text.push_str(": nothing was carried");
    } else {
        text.push_str(&format!(
            ": its {} carried to {}",
            join(&parts),
            join(&fate.carried_to)
        ));
    }
    if !fate.kept_own.is_empty() {
        text.push_str(&format!(
            "; {} kept {} own answer",
            join(&fate.kept_own),
            if fate.kept_own.len() == 1 {
                "its"
            } else {
                "their"
            }
        ));
    }
    for (question, other) in &fate.took_other {
        text.push_str(&format!(
            "; {question} took the answer of \"{other}\" instead"
        ));
    }
    text
}

/// "a", "a and b", "a, b and c".
fn join<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [rest @ .., last] => format!(
            "{} and {}",
            rest.iter()
                .map(AsRef::as_ref)
                .collect::<Vec<_>>()
                .join(", "),
            last.as_ref()
        ),
    }
}

/// The answers with replaced IDs carried forward, borrowed when there are none: for counting
/// progress without changing what is stored.
pub(crate) fn carried_answers<'a>(
    questionnaire: &Questionnaire,
    answers: &'a Answers,
) -> Cow<'a, Answers> {
    if answers
        .keys()
        .all(|id| questionnaire.replacing(id).is_empty())
    {
        return Cow::Borrowed(answers);
    }
    let mut answers = answers.clone();
    let saved = Saved {
        answers: &mut answers,
        notes: &mut Notes::new(),
        flagged: None,
        position: None,
    };
    carry(questionnaire, saved);
    Cow::Owned(answers)
}

/// For each question that [`carry`] would give an answer saved under a replaced ID, that ID:
/// the first of its `replaces` answered, when the question has no answer of its own. Read
/// before carrying, it tells which answers were given to a question that has since changed.
pub fn carried_sources(
    questionnaire: &Questionnaire,
    answers: &Answers,
) -> BTreeMap<String, String> {
    let mut sources = BTreeMap::new();
    if answers
        .keys()
        .all(|id| questionnaire.replacing(id).is_empty())
    {
        return sources;
    }
    for (_, question) in questionnaire.questions() {
        if answers.contains_key(&question.id) {
            continue;
        }
        let first = question
            .replaces
            .iter()
            .find(|old| answers.contains_key(*old) && questionnaire.question(old).is_none());
        if let Some(old) = first {
            sources.insert(question.id.clone(), old.clone());
        }
    }
    sources
}

impl AnswersDoc {
    /// Carries answers and notes of replaced IDs forward; the warnings are kept in
    /// [`AnswersDoc::carried`] and also returned.
    pub fn carry_replaced(&mut self, questionnaire: &Questionnaire) -> Vec<String> {
        let warnings = carry(
            questionnaire,
            Saved {
                answers: &mut self.answers,
                notes: &mut self.notes,
                flagged: None,
                position: None,
            },
        );
        self.carried.extend(warnings.iter().cloned());
        warnings
    }
}

impl Session {
    /// Carries answers, notes, flags and the resume position of replaced IDs forward;
    /// returns the warnings. The next save writes only current IDs.
    pub fn carry_replaced(&mut self, questionnaire: &Questionnaire) -> Vec<String> {
        carry(
            questionnaire,
            Saved {
                answers: &mut self.answers,
                notes: &mut self.notes,
                flagged: Some(&mut self.flagged),
                position: Some(&mut self.position),
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AnswerValue;

    /// Version 2 of a questionnaire whose version 1 had "old.both" (27001 A.5.1 and 42001
    /// A.2.2) and "old.a", "old.b".
    fn questionnaire() -> Questionnaire {
        let text = r#"{"id": "q", "version": "2", "title": "Q", "sections": [{"id": "s", "title": "S",
          "questions": [
            {"id": "new.isms", "kind": "maturity", "prompt": "ISMS?", "replaces": ["old.both"],
             "maps": [{"standard": "iso27001", "id": "A.5.1"}]},
            {"id": "new.aims", "kind": "maturity", "prompt": "AIMS?", "replaces": ["old.both"],
             "pairs_with": "new.isms", "maps": [{"standard": "iso42001", "id": "A.2.2"}]},
            {"id": "new.ab", "kind": "maturity", "prompt": "AB?", "replaces": ["old.a", "old.b"],
             "maps": [{"standard": "iso27001", "id": "A.5.2"}]}]}]}"#;
        Questionnaire::parse("q.json", text).expect("valid")
    }

    fn level(text: &str) -> AnswerValue {
        AnswerValue::Text(text.to_owned())
    }

    #[test]
    fn an_answer_note_flag_and_position_go_to_every_question_replacing_them() {
        let questionnaire = questionnaire();
        let mut session = Session::new(
            "id".to_owned(),
            &questionnaire,
            crate::model::Depth::Quick,
            jiff::Timestamp::UNIX_EPOCH,
        );
        session.answers.insert("old.both".into(), level("partial"));
        session.notes.insert("old.both".into(), "one policy".into());
        session.flagged.insert("old.both".into());
        session.position = Some("old.both".into());
        let warnings = session.carry_replaced(&questionnaire);
        assert_eq!(session.answers["new.isms"], level("partial"));
        assert_eq!(session.answers["new.aims"], level("partial"));
        assert!(!session.answers.contains_key("old.both"));
        assert_eq!(session.notes["new.aims"], "one policy");
        assert!(!session.notes.contains_key("old.both"));
        let flagged: Vec<&str> = session.flagged.iter().map(String::as_str).collect();
        assert_eq!(flagged, ["new.aims", "new.isms"]);
        assert_eq!(session.position.as_deref(), Some("new.isms"));
        assert_eq!(
            warnings,
            [
                "answers[\"old.both\"] is for a question that questionnaire q version 2 replaced: its answer, note and flag carried to new.isms and new.aims"
            ]
        );
    }

    #[test]
    fn a_question_keeps_its_own_answer_and_the_first_replaced_id_wins() {
        let questionnaire = questionnaire();
        let mut doc = AnswersDoc::default();
        doc.answers.insert("old.both".into(), level("partial"));
        doc.answers.insert("new.aims".into(), level("planned"));
        doc.answers.insert("old.b".into(), level("implemented"));
        doc.answers.insert("old.a".into(), level("not_started"));
        doc.notes.insert("old.a".into(), "first".into());
        doc.notes.insert("old.b".into(), "second".into());
        let warnings = doc.carry_replaced(&questionnaire);
        assert_eq!(doc.answers["new.isms"], level("partial"));
        assert_eq!(doc.answers["new.aims"], level("planned"), "its own answer");
        assert_eq!(
            doc.answers["new.ab"],
            level("not_started"),
            "old.a is listed first"
        );
        assert_eq!(doc.notes["new.ab"], "first\nsecond");
        assert_eq!(doc.answers.len(), 3);
        assert_eq!(doc.carried, warnings);
        assert_eq!(
            warnings,
            [
                "answers[\"old.a\"] is for a question that questionnaire q version 2 replaced: its answer and note carried to new.ab",
                "answers[\"old.b\"] is for a question that questionnaire q version 2 replaced: its answer and note carried to new.ab; new.ab took the answer of \"old.a\" instead",
                "answers[\"old.both\"] is for a question that questionnaire q version 2 replaced: its answer carried to new.isms; new.aims kept its own answer",
            ]
        );
    }

    #[test]
    fn the_sources_of_carried_answers_are_the_answers_carry_would_take() {
        let questionnaire = questionnaire();
        let mut answers = Answers::new();
        answers.insert("old.both".into(), level("partial"));
        answers.insert("new.aims".into(), level("planned"));
        answers.insert("old.b".into(), level("implemented"));
        answers.insert("old.a".into(), level("not_started"));
        let sources = carried_sources(&questionnaire, &answers);
        let expected: BTreeMap<String, String> = [("new.isms", "old.both"), ("new.ab", "old.a")]
            .into_iter()
            .map(|(new, old)| (new.to_owned(), old.to_owned()))
            .collect();
        assert_eq!(sources, expected, "new.aims keeps its own answer");
        answers.remove("old.both");
        answers.remove("old.a");
        answers.remove("old.b");
        assert!(carried_sources(&questionnaire, &answers).is_empty());
    }

    #[test]
    fn current_and_unknown_ids_are_left_alone() {
        let questionnaire = questionnaire();
        let mut answers = Answers::new();
        answers.insert("new.isms".into(), level("partial"));
        answers.insert("nobody.knows".into(), level("partial"));
        assert!(matches!(
            carried_answers(&questionnaire, &answers),
            Cow::Borrowed(_)
        ));
        let mut doc = AnswersDoc {
            answers: answers.clone(),
            ..AnswersDoc::default()
        };
        assert!(doc.carry_replaced(&questionnaire).is_empty());
        assert_eq!(doc.answers, answers);
        answers.insert("old.both".into(), level("planned"));
        let carried = carried_answers(&questionnaire, &answers);
        assert_eq!(carried["new.aims"], level("planned"));
        assert_eq!(carried["new.isms"], level("partial"));
    }
}
