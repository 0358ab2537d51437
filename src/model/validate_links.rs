//! Checks of the links between questions: `pairs_with` (a question asked on its lead's
//! screen) and `replaces` (IDs of earlier versions whose answers are carried forward).

use std::collections::{HashMap, HashSet};

use super::problem::Problem;
use super::questionnaire::{Question, Questionnaire};

/// The look-ups the link checks need, built once per questionnaire.
pub struct Links<'a> {
    questionnaire: &'a Questionnaire,
    /// Question ID → (section, position) of its first occurrence.
    at: HashMap<&'a str, (usize, usize)>,
    /// Replaced ID → the questions listing it, in order.
    replacing: HashMap<&'a str, Vec<(usize, usize)>>,
}

impl<'a> Links<'a> {
    /// Indexes the questionnaire's questions and replaced IDs.
    pub fn new(questionnaire: &'a Questionnaire) -> Links<'a> {
        let mut at = HashMap::new();
        let mut replacing: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
        for (s, section) in questionnaire.sections.iter().enumerate() {
            for (q, question) in section.questions.iter().enumerate() {
                at.entry(question.id.as_str()).or_insert((s, q));
                for old in &question.replaces {
                    let by = replacing.entry(old.as_str()).or_default();
                    if !by.contains(&(s, q)) {
                        by.push((s, q));
                    }
                }
            }
        }
        Links {
            questionnaire,
            at,
            replacing,
        }
    }

    fn question(&self, (s, q): (usize, usize)) -> &'a Question {
        &self.questionnaire.sections[s].questions[q]
    }

    /// Problems of the question at section `s`, position `q`, whose JSON path is `at`.
    pub fn check(&self, s: usize, q: usize, at: &str, problems: &mut Vec<Problem>) {
        let question = self.question((s, q));
        if let Some(lead) = &question.pairs_with {
            problems.extend(self.check_pair(s, q, lead, at));
        }
        let mut listed = HashSet::new();
        for (i, old) in question.replaces.iter().enumerate() {
            let path = format!("{at}.replaces[{i}]");
            if !listed.insert(old.as_str()) {
                problems.push(Problem::new(path, format!("\"{old}\" is listed twice")));
            } else if self.at.contains_key(old.as_str()) {
                problems.push(Problem::new(
                    path,
                    format!(
                        "\"{old}\" is a question of this questionnaire: replaces names only IDs of earlier versions that are no longer asked"
                    ),
                ));
            } else if let Some(message) = self.overlap(s, q, old) {
                problems.push(Problem::new(path, message));
            }
        }
    }

    /// The problem of a `pairs_with` link, if any: the lead must exist, come immediately
    /// before in the same section, have the same depth and not be paired itself.
    fn check_pair(&self, s: usize, q: usize, lead: &str, at: &str) -> Option<Problem> {
        let question = self.question((s, q));
        let path = format!("{at}.pairs_with");
        let Some(&(lead_s, lead_q)) = self.at.get(lead) else {
            return Some(Problem::new(
                path,
                format!("pairs_with refers to unknown question \"{lead}\""),
            ));
        };
        let section = &self.questionnaire.sections[s];
        if lead_s != s {
            return Some(Problem::new(
                path,
                format!(
                    "pairs_with \"{lead}\" is in section \"{}\", not \"{}\": a paired question follows its lead in the same section",
                    self.questionnaire.sections[lead_s].id, section.id
                ),
            ));
        }
        if lead_q + 1 != q {
            let before = match q.checked_sub(1) {
                Some(previous) => format!("\"{}\" is", section.questions[previous].id),
                None => "no question is".to_owned(),
            };
            return Some(Problem::new(
                path,
                format!(
                    "pairs_with \"{lead}\" is not the question immediately before this one ({before}): a paired question follows its lead directly"
                ),
            ));
        }
        let lead_question = self.question((lead_s, lead_q));
        if let Some(its_lead) = &lead_question.pairs_with {
            return Some(Problem::new(
                path,
                format!(
                    "\"{lead}\" is itself paired with \"{its_lead}\": the lead of a pair may not be paired"
                ),
            ));
        }
        if lead_question.depth != question.depth {
            return Some(Problem::new(
                format!("{at}.depth"),
                format!(
                    "a paired question has its lead's depth: \"{lead}\" is {}, this one {}",
                    lead_question.depth.key(),
                    question.depth.key()
                ),
            ));
        }
        None
    }

    /// The rule of overlapping replacements: the questions replacing one old ID must map
    /// different items, so that a carried answer sets each item once; a question that maps
    /// nothing cannot share an old ID with another.
    fn overlap(&self, s: usize, q: usize, old: &str) -> Option<String> {
        let question = self.question((s, q));
        let earlier = self
            .replacing
            .get(old)?
            .iter()
            .take_while(|&&other| other != (s, q));
        for &(other_s, other_q) in earlier {
            let other = self.question((other_s, other_q));
            let shared = question
                .maps
                .iter()
                .find(|reference| other.maps.contains(reference));
            let reason = match shared {
                Some(reference) => format!("both map {} {}", reference.standard, reference.id),
                None if question.maps.is_empty() || other.maps.is_empty() => {
                    "a question that maps nothing cannot share an old ID".to_owned()
                }
                None => continue,
            };
            return Some(format!(
                "\"{old}\" is also replaced by \"{}\" (sections[{other_s}].questions[{other_q}]) and {reason}: questions replacing one ID must map different items (overlapping replacements)",
                other.id
            ));
        }
        None
    }
}
