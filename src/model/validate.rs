//! Semantic checks of a questionnaire: every problem, with its JSON path.

use std::collections::{HashMap, HashSet};

use super::answers::AnswerValue;
use super::catalog::Catalogs;
use super::condition::Condition;
use super::problem::Problem;
use super::questionnaire::{QuestionKind, Questionnaire};

/// The scoping question IDs the recommendation rules read (DESIGN §2). A condition that
/// tests the scope may only come after those the questionnaire has, and they may not test it.
pub const SCOPING_IDS: [&str; 6] = [
    "org.certifications",
    "data.categories",
    "ai.use",
    "ai.autonomy",
    "ai.affects_individuals",
    "drivers.requests",
];

struct Seen<'a> {
    kind: QuestionKind,
    question: &'a super::questionnaire::Question,
}

/// Returns every problem of the questionnaire (empty when valid).
pub fn questionnaire(questionnaire: &Questionnaire) -> Vec<Problem> {
    let catalogs = Catalogs::embedded();
    let mut problems = Vec::new();
    if questionnaire.id.trim().is_empty() {
        problems.push(Problem::new("id", "expected a non-empty questionnaire ID"));
    }
    if questionnaire.version.trim().is_empty() {
        problems.push(Problem::new("version", "expected a non-empty version"));
    }
    if questionnaire.sections.is_empty() {
        problems.push(Problem::new("sections", "expected at least one section"));
    }
    let all_ids: HashSet<&str> = questionnaire
        .questions()
        .map(|(_, question)| question.id.as_str())
        .collect();
    let scoping_present: Vec<&str> = SCOPING_IDS
        .into_iter()
        .filter(|id| all_ids.contains(id))
        .collect();
    let mut earlier: HashMap<&str, Seen> = HashMap::new();
    let mut section_ids = HashSet::new();
    for (s, section) in questionnaire.sections.iter().enumerate() {
        let at = format!("sections[{s}]");
        if !section_ids.insert(section.id.as_str()) {
            problems.push(Problem::new(
                format!("{at}.id"),
                format!("duplicate section ID \"{}\"", section.id),
            ));
        }
        if section.questions.is_empty() {
            problems.push(Problem::new(
                format!("{at}.questions"),
                format!(
                    "section \"{}\" is empty: expected at least one question",
                    section.id
                ),
            ));
        }
        if let Some(when) = &section.when {
            check_condition(
                when,
                &format!("{at}.when"),
                &earlier,
                &all_ids,
                &mut problems,
            );
            check_scope_use(
                when,
                &format!("{at}.when"),
                &scoping_present,
                &earlier,
                &mut problems,
            );
        }
        for (q, question) in section.questions.iter().enumerate() {
            let at = format!("{at}.questions[{q}]");
            if let Some(when) = &question.when {
                check_condition(
                    when,
                    &format!("{at}.when"),
                    &earlier,
                    &all_ids,
                    &mut problems,
                );
                check_scope_use(
                    when,
                    &format!("{at}.when"),
                    &scoping_present,
                    &earlier,
                    &mut problems,
                );
            }
            check_question(question, &at, catalogs, &mut problems);
            if earlier.contains_key(question.id.as_str()) {
                problems.push(Problem::new(
                    format!("{at}.id"),
                    format!("duplicate question ID \"{}\"", question.id),
                ));
            } else {
                earlier.insert(
                    &question.id,
                    Seen {
                        kind: question.kind,
                        question,
                    },
                );
            }
        }
    }
    problems
}

fn check_question(
    question: &super::questionnaire::Question,
    at: &str,
    catalogs: &Catalogs,
    problems: &mut Vec<Problem>,
) {
    let id_ok = !question.id.is_empty()
        && question
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_');
    if !id_ok {
        problems.push(Problem::new(
            format!("{at}.id"),
            format!(
                "invalid question ID \"{}\": expected lower-case letters, digits, '.' and '_'",
                question.id
            ),
        ));
    }
    if question.prompt.trim().is_empty() {
        problems.push(Problem::new(
            format!("{at}.prompt"),
            "expected a non-empty prompt",
        ));
    }
    if question.kind.has_options() {
        if question.options.len() < 2 {
            problems.push(Problem::new(
                format!("{at}.options"),
                format!("a {:?} question needs at least two options", question.kind).to_lowercase(),
            ));
        }
    } else if !question.options.is_empty() {
        problems.push(Problem::new(
            format!("{at}.options"),
            "only single and multi questions take options",
        ));
    }
    let mut values = HashSet::new();
    for (o, choice) in question.options.iter().enumerate() {
        if !values.insert(choice.value.as_str()) {
            problems.push(Problem::new(
                format!("{at}.options[{o}].value"),
                format!(
                    "duplicate option value \"{}\" in {}",
                    choice.value, question.id
                ),
            ));
        }
        if choice.exclusive && question.kind != QuestionKind::Multi {
            problems.push(Problem::new(
                format!("{at}.options[{o}].exclusive"),
                "only options of a multi question can be exclusive",
            ));
        }
    }
    if question.kind == QuestionKind::Maturity && question.maps.is_empty() {
        problems.push(Problem::new(
            format!("{at}.maps"),
            format!(
                "maturity question \"{}\" maps no clause or control: expected at least one",
                question.id
            ),
        ));
    }
    for (m, reference) in question.maps.iter().enumerate() {
        match catalogs.item(reference) {
            None => problems.push(Problem::new(
                format!("{at}.maps[{m}].id"),
                format!(
                    "unknown control \"{}\" in {} (27001 Annex A IDs take the \"A.\" prefix, e.g. A.5.24)",
                    reference.id, reference.standard
                ),
            )),
            Some(item) if !item.assessable => problems.push(Problem::new(
                format!("{at}.maps[{m}].id"),
                format!(
                    "{} {} is a heading, not an assessable item: map its sub-clauses",
                    reference.standard, reference.id
                ),
            )),
            Some(_) => {}
        }
    }
}

fn check_condition(
    condition: &Condition,
    at: &str,
    earlier: &HashMap<&str, Seen>,
    all_ids: &HashSet<&str>,
    problems: &mut Vec<Problem>,
) {
    match condition {
        Condition::Equals(test) => {
            if let Some(seen) = known(&test.question, at, earlier, all_ids, problems) {
                let fits = match (seen.kind, &test.value) {
                    (QuestionKind::YesNo, AnswerValue::Bool(_)) => true,
                    (QuestionKind::Number, AnswerValue::Number(_)) => true,
                    (QuestionKind::Single, AnswerValue::Text(value)) => {
                        check_option(seen, value, at, problems);
                        true
                    }
                    (QuestionKind::Maturity | QuestionKind::Text, AnswerValue::Text(_)) => true,
                    _ => false,
                };
                if !fits {
                    problems.push(Problem::new(
                        format!("{at}.equals.value"),
                        format!(
                            "the value does not fit {} question \"{}\"",
                            format!("{:?}", seen.kind).to_lowercase(),
                            test.question
                        ),
                    ));
                }
            }
        }
        Condition::AnyOf(test) | Condition::AllOf(test) => {
            if let Some(seen) = known(&test.question, at, earlier, all_ids, problems) {
                if seen.kind.has_options() {
                    for value in &test.values {
                        check_option(seen, value, at, problems);
                    }
                } else {
                    problems.push(Problem::new(
                        at,
                        format!(
                            "any_of/all_of need a single or multi question, \"{}\" is not one",
                            test.question
                        ),
                    ));
                }
            }
        }
        Condition::Not(inner) => {
            check_condition(inner, &format!("{at}.not"), earlier, all_ids, problems)
        }
        Condition::And(list) | Condition::Or(list) => {
            let key = if matches!(condition, Condition::And(_)) {
                "and"
            } else {
                "or"
            };
            for (i, inner) in list.iter().enumerate() {
                check_condition(
                    inner,
                    &format!("{at}.{key}[{i}]"),
                    earlier,
                    all_ids,
                    problems,
                );
            }
        }
        Condition::InScope(_) => {}
    }
}

fn known<'a>(
    question: &str,
    at: &str,
    earlier: &'a HashMap<&str, Seen>,
    all_ids: &HashSet<&str>,
    problems: &mut Vec<Problem>,
) -> Option<&'a Seen<'a>> {
    let seen = earlier.get(question);
    if seen.is_none() {
        let message = if all_ids.contains(question) {
            format!(
                "condition refers to \"{question}\", which is not asked before this point: conditions may only use earlier answers"
            )
        } else {
            format!("condition refers to unknown question \"{question}\"")
        };
        problems.push(Problem::new(at, message));
    }
    seen
}

fn check_option(seen: &Seen, value: &str, at: &str, problems: &mut Vec<Problem>) {
    if seen.question.choice(value).is_none() {
        problems.push(Problem::new(
            at,
            format!(
                "\"{value}\" is not an option of \"{}\"; allowed: {}",
                seen.question.id,
                seen.question.allowed_values()
            ),
        ));
    }
}

fn check_scope_use(
    condition: &Condition,
    at: &str,
    scoping_present: &[&str],
    earlier: &HashMap<&str, Seen>,
    problems: &mut Vec<Problem>,
) {
    if !condition.uses_scope() {
        return;
    }
    if scoping_present.is_empty() {
        problems.push(Problem::new(
            at,
            format!(
                "in_scope needs the scoping questions ({}), and this questionnaire has none",
                SCOPING_IDS.join(", ")
            ),
        ));
        return;
    }
    let not_yet: Vec<&str> = scoping_present
        .iter()
        .copied()
        .filter(|id| !earlier.contains_key(id))
        .collect();
    if !not_yet.is_empty() {
        problems.push(Problem::new(
            at,
            format!(
                "in_scope is used before the scoping question(s) it depends on: {}",
                not_yet.join(", ")
            ),
        ));
    }
}
