//! Semantic checks of a questionnaire: every problem, with its JSON path.

use std::collections::{HashMap, HashSet};

use super::answers::AnswerValue;
use super::answers::Maturity;
use super::catalog::Catalogs;
use super::condition::Condition;
use super::problem::Problem;
use super::questionnaire::{Question, QuestionKind, Questionnaire};
use super::scoping::SCOPING_IDS;
use super::standard::Standard;

struct Seen<'a> {
    question: &'a Question,
    /// JSON path of the question, for "first at" hints.
    at: String,
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
    let links = super::validate_links::Links::new(questionnaire);
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
            let context = WhenContext {
                earlier: &earlier,
                all_ids: &all_ids,
                scoping_present: &scoping_present,
            };
            check_when(when, &format!("{at}.when"), &context, &mut problems);
        }
        for (q, question) in section.questions.iter().enumerate() {
            let at = format!("{at}.questions[{q}]");
            if let Some(when) = &question.when {
                let context = WhenContext {
                    earlier: &earlier,
                    all_ids: &all_ids,
                    scoping_present: &scoping_present,
                };
                check_when(when, &format!("{at}.when"), &context, &mut problems);
            }
            check_question(question, &at, catalogs, &mut problems);
            links.check(s, q, &at, &mut problems);
            problems.extend(super::scoping::check(question, &at));
            if let Some(first) = earlier.get(question.id.as_str()) {
                problems.push(Problem::new(
                    format!("{at}.id"),
                    format!(
                        "duplicate question ID \"{}\" (first at {}): expected unique IDs",
                        question.id, first.at
                    ),
                ));
            } else {
                earlier.insert(&question.id, Seen { question, at });
            }
        }
    }
    problems
}

/// What a `when` is checked against: the questions before it, every question, and the
/// scoping questions the questionnaire has.
struct WhenContext<'c, 'a> {
    earlier: &'c HashMap<&'a str, Seen<'a>>,
    all_ids: &'c HashSet<&'a str>,
    scoping_present: &'c [&'a str],
}

/// Checks a section's or a question's condition: its references and its use of the scope.
fn check_when(when: &Condition, at: &str, context: &WhenContext, problems: &mut Vec<Problem>) {
    check_condition(when, at, context.earlier, context.all_ids, problems);
    check_scope_use(when, at, context.scoping_present, context.earlier, problems);
}

fn check_question(question: &Question, at: &str, catalogs: &Catalogs, problems: &mut Vec<Problem>) {
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
                format!(
                    "a {} question needs at least two options",
                    question.kind.name()
                ),
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
                    "duplicate option value \"{}\" in \"{}\": expected unique values",
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
        if !question.standards.is_empty() && !question.standards.contains(&reference.standard) {
            problems.push(Problem::new(
                format!("{at}.maps[{m}].standard"),
                format!(
                    "maps {} {}, but the question's standards ({}) do not include {}",
                    reference.standard,
                    reference.id,
                    question
                        .standards
                        .iter()
                        .map(|standard| standard.key())
                        .collect::<Vec<_>>()
                        .join(", "),
                    reference.standard
                ),
            ));
        }
        match catalogs.item(reference) {
            None => problems.push(Problem::new(
                format!("{at}.maps[{m}].id"),
                unknown_control(catalogs, reference.standard, &reference.id),
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

/// An unknown item, with a hint when a 27001 control was written without its "A." prefix.
fn unknown_control(catalogs: &Catalogs, standard: Standard, id: &str) -> String {
    let prefixed = format!("A.{id}");
    if standard == Standard::Iso27001 && catalogs.iso27001.item(&prefixed).is_some() {
        format!(
            "unknown clause \"{id}\" in iso27001: ISO 27001 Annex A controls take the \"A.\" prefix, did you mean \"{prefixed}\"?"
        )
    } else {
        format!(
            "unknown clause or control \"{id}\" in {standard}: expected a clause such as 6.1.2 or an Annex A control such as {}",
            match standard {
                Standard::Iso27001 => "A.5.24",
                Standard::Iso42001 => "A.6.2.8",
            }
        )
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
            let at = format!("{at}.equals");
            let Some(seen) = known(&test.question, &at, earlier, all_ids, problems) else {
                return;
            };
            let question = seen.question;
            let value_at = format!("{at}.value");
            match (question.kind, &test.value) {
                (QuestionKind::YesNo, AnswerValue::Bool(_))
                | (QuestionKind::Number, AnswerValue::Number(_))
                | (QuestionKind::Text, AnswerValue::Text(_)) => {}
                (QuestionKind::Single, AnswerValue::Text(value)) => {
                    check_option(question, value, &value_at, problems);
                }
                (QuestionKind::Maturity, AnswerValue::Text(value))
                    if value.parse::<Maturity>().is_ok() => {}
                (kind, _) => problems.push(Problem::new(
                    value_at,
                    format!(
                        "the value does not fit {} question \"{}\": expected {}",
                        kind.name(),
                        question.id,
                        expected_value(question)
                    ),
                )),
            }
        }
        Condition::AnyOf(test) | Condition::AllOf(test) => {
            let key = if matches!(condition, Condition::AnyOf(_)) {
                "any_of"
            } else {
                "all_of"
            };
            let at = format!("{at}.{key}");
            let Some(seen) = known(&test.question, &at, earlier, all_ids, problems) else {
                return;
            };
            if !seen.question.kind.has_options() {
                problems.push(Problem::new(
                    format!("{at}.question"),
                    format!(
                        "{key} needs a single or multi question, and \"{}\" is a {} question: use equals",
                        test.question,
                        seen.question.kind.name()
                    ),
                ));
                return;
            }
            if test.values.is_empty() {
                problems.push(Problem::new(
                    format!("{at}.values"),
                    format!(
                        "expected at least one value; allowed: {}",
                        seen.question.allowed_values()
                    ),
                ));
            }
            for (v, value) in test.values.iter().enumerate() {
                check_option(seen.question, value, &format!("{at}.values[{v}]"), problems);
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

/// What an `equals` test on this question compares with.
fn expected_value(question: &Question) -> String {
    match question.kind {
        QuestionKind::Single => format!("one of its options ({})", question.allowed_values()),
        QuestionKind::Multi => format!(
            "any_of or all_of, not equals, with its options ({})",
            question.allowed_values()
        ),
        QuestionKind::YesNo => "true or false".to_owned(),
        QuestionKind::Maturity => format!("a readiness level ({})", Maturity::allowed_values()),
        QuestionKind::Text => "a string".to_owned(),
        QuestionKind::Number => "a number".to_owned(),
    }
}

/// The question a test reads, if it is asked earlier; reports the problem at `{at}.question`.
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
        problems.push(Problem::new(format!("{at}.question"), message));
    }
    seen
}

fn check_option(question: &Question, value: &str, at: &str, problems: &mut Vec<Problem>) {
    if question.choice(value).is_none() {
        problems.push(Problem::new(
            at,
            format!(
                "\"{value}\" is not an option of \"{}\"; allowed: {}",
                question.id,
                question.allowed_values()
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
