//! One stored answer and how it is read from JSON.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::answers::Maturity;

// Read by a visitor rather than serde's `untagged`, which tries each variant in turn and
// formats an error for each miss: that dominated the time to list many sessions.
/// One answer as stored: its meaning depends on the question's kind.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum AnswerValue {
    /// A yes/no answer.
    Bool(bool),
    /// A number answer.
    Number(f64),
    /// A single choice, a maturity level or free text.
    Text(String),
    /// A multi choice.
    List(Vec<String>),
}

impl AnswerValue {
    /// The string of a single, maturity or text answer.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            AnswerValue::Text(text) => Some(text),
            _ => None,
        }
    }

    /// The values of a multi answer.
    pub(crate) fn as_list(&self) -> Option<&[String]> {
        match self {
            AnswerValue::List(values) => Some(values),
            _ => None,
        }
    }

    /// The value of a yes/no answer.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            AnswerValue::Bool(value) => Some(*value),
            _ => None,
        }
    }

    /// The level of a maturity answer.
    pub fn as_maturity(&self) -> Option<Maturity> {
        self.as_text().and_then(|text| text.parse().ok())
    }

    pub(super) fn describe(&self) -> String {
        match self {
            AnswerValue::Bool(value) => format!("{value}"),
            AnswerValue::Number(value) => format!("the number {value}"),
            AnswerValue::Text(text) => format!("\"{}\"", super::problem::clip(text)),
            AnswerValue::List(_) => "a list".to_owned(),
        }
    }
}

impl<'de> Deserialize<'de> for AnswerValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AnswerVisitor)
    }
}

struct AnswerVisitor;

impl<'de> serde::de::Visitor<'de> for AnswerVisitor {
    type Value = AnswerValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string, a list of strings, true/false or a number")
    }

    fn visit_bool<E>(self, value: bool) -> Result<AnswerValue, E> {
        Ok(AnswerValue::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<AnswerValue, E> {
        Ok(AnswerValue::Number(value as f64))
    }

    fn visit_u64<E>(self, value: u64) -> Result<AnswerValue, E> {
        Ok(AnswerValue::Number(value as f64))
    }

    fn visit_f64<E>(self, value: f64) -> Result<AnswerValue, E> {
        Ok(AnswerValue::Number(value))
    }

    fn visit_str<E>(self, value: &str) -> Result<AnswerValue, E> {
        Ok(AnswerValue::Text(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<AnswerValue, E> {
        Ok(AnswerValue::Text(value))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<AnswerValue, A::Error> {
        let mut values = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(value) = seq.next_element::<String>()? {
            values.push(value);
        }
        Ok(AnswerValue::List(values))
    }
}
