//! Conditions on earlier answers that decide whether a question or section is asked.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::answers::{AnswerValue, Answers};
use super::standard::Standard;

/// A condition on answers. An unanswered question satisfies no comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// The answer equals a value (a string option, `true`/`false`, or a number).
    Equals(EqualsTest),
    /// The answer (single or multi) holds at least one of the values.
    AnyOf(SetTest),
    /// The answer (multi) holds all of the values; for a single answer, it is the only value.
    AllOf(SetTest),
    /// The inner condition is false.
    Not(Box<Condition>),
    /// Every inner condition is true (true when empty).
    And(Vec<Condition>),
    /// At least one inner condition is true (false when empty).
    Or(Vec<Condition>),
    /// The scoping answers put this standard in scope (the recommendation rules).
    InScope(Standard),
}

/// `{"question": ID, "value": V}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EqualsTest {
    /// An earlier question's ID.
    pub question: String,
    /// The value to compare with.
    pub value: AnswerValue,
}

/// `{"question": ID, "values": [..]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SetTest {
    /// An earlier question's ID.
    pub question: String,
    /// Option values.
    pub values: Vec<String>,
}

impl Condition {
    /// Evaluates the condition; `in_scope` answers `InScope` tests.
    pub fn eval(&self, answers: &Answers, in_scope: &dyn Fn(Standard) -> bool) -> bool {
        self.eval_with(&|id| answers.get(id), in_scope)
    }

    /// Evaluates the condition with `answer` looking up the answers that count (for example
    /// only those of questions actually asked).
    pub(crate) fn eval_with<'a>(
        &self,
        answer: &dyn Fn(&str) -> Option<&'a AnswerValue>,
        in_scope: &dyn Fn(Standard) -> bool,
    ) -> bool {
        match self {
            Condition::Equals(test) => answer(&test.question) == Some(&test.value),
            Condition::AnyOf(test) => {
                let given = answer(&test.question);
                test.values.iter().any(|value| holds(given, value))
            }
            Condition::AllOf(test) => {
                let given = answer(&test.question);
                matches!(given, Some(AnswerValue::Text(_) | AnswerValue::List(_)))
                    && test.values.iter().all(|value| holds(given, value))
            }
            Condition::Not(inner) => !inner.eval_with(answer, in_scope),
            Condition::And(all) => all.iter().all(|inner| inner.eval_with(answer, in_scope)),
            Condition::Or(any) => any.iter().any(|inner| inner.eval_with(answer, in_scope)),
            Condition::InScope(standard) => in_scope(*standard),
        }
    }

    /// Every question ID the condition reads, in order of appearance.
    pub fn questions(&self) -> Vec<&str> {
        let mut found = Vec::new();
        self.collect_questions(&mut found);
        found
    }

    fn collect_questions<'a>(&'a self, found: &mut Vec<&'a str>) {
        match self {
            Condition::Equals(test) => found.push(&test.question),
            Condition::AnyOf(test) | Condition::AllOf(test) => found.push(&test.question),
            Condition::Not(inner) => inner.collect_questions(found),
            Condition::And(list) | Condition::Or(list) => {
                list.iter().for_each(|inner| inner.collect_questions(found));
            }
            Condition::InScope(_) => {}
        }
    }

    /// Whether an `InScope` test appears anywhere in the condition.
    pub fn uses_scope(&self) -> bool {
        match self {
            Condition::InScope(_) => true,
            Condition::Not(inner) => inner.uses_scope(),
            Condition::And(list) | Condition::Or(list) => list.iter().any(Condition::uses_scope),
            Condition::Equals(_) | Condition::AnyOf(_) | Condition::AllOf(_) => false,
        }
    }
}

/// Whether a single or multi answer holds an option value (false when unanswered).
fn holds(given: Option<&AnswerValue>, value: &str) -> bool {
    match given {
        Some(AnswerValue::Text(chosen)) => chosen == value,
        Some(AnswerValue::List(chosen)) => chosen.iter().any(|held| held == value),
        Some(AnswerValue::Bool(_) | AnswerValue::Number(_)) | None => false,
    }
}
