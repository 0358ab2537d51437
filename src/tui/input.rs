//! Answer inputs by question kind: the options shown, what is chosen, and what a pick stores.

use crate::model::{AnswerValue, Maturity, Question, QuestionKind};

/// One option as shown: its stored value and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionItem {
    /// The value stored when picked.
    pub value: AnswerValue,
    /// The label shown.
    pub label: String,
    /// In a multi question, the option stands alone ("none").
    pub exclusive: bool,
}

/// The options of a question: its choices, the readiness scale, or yes/no; none for text.
pub fn options(question: &Question) -> Vec<OptionItem> {
    match question.kind {
        QuestionKind::Single | QuestionKind::Multi => question
            .options
            .iter()
            .map(|choice| OptionItem {
                value: AnswerValue::Text(choice.value.clone()),
                label: choice.label.clone(),
                exclusive: choice.exclusive,
            })
            .collect(),
        QuestionKind::Maturity => Maturity::ALL
            .into_iter()
            .map(|level| OptionItem {
                value: AnswerValue::Text(level.key().to_owned()),
                label: level.label().to_owned(),
                exclusive: false,
            })
            .collect(),
        QuestionKind::YesNo => [(true, "Yes"), (false, "No")]
            .into_iter()
            .map(|(value, label)| OptionItem {
                value: AnswerValue::Bool(value),
                label: label.to_owned(),
                exclusive: false,
            })
            .collect(),
        QuestionKind::Text | QuestionKind::Number => Vec::new(),
    }
}

/// An answer in words: the labels of the chosen options, or the text typed; "none yet"
/// when unanswered.
pub fn describe(options: &[OptionItem], answer: Option<&AnswerValue>) -> String {
    let Some(answer) = answer else {
        return "none yet".to_owned();
    };
    let labels: Vec<&str> = options
        .iter()
        .filter(|item| is_chosen(item, Some(answer)))
        .map(|item| item.label.as_str())
        .collect();
    if labels.is_empty() {
        text_of(Some(answer))
    } else {
        labels.join(", ")
    }
}

/// Whether option `item` is part of the answer.
pub(crate) fn is_chosen(item: &OptionItem, answer: Option<&AnswerValue>) -> bool {
    match (answer, &item.value) {
        (Some(AnswerValue::List(values)), AnswerValue::Text(value)) => values.contains(value),
        (Some(answer), value) => answer == value,
        (None, _) => false,
    }
}

/// The option to highlight: the first chosen one; none on an unanswered question, so that a
/// stray Enter or Space records nothing.
pub fn highlighted(options: &[OptionItem], answer: Option<&AnswerValue>) -> Option<usize> {
    options.iter().position(|item| is_chosen(item, answer))
}

/// The text of a text or number answer, for editing.
pub(crate) fn text_of(answer: Option<&AnswerValue>) -> String {
    match answer {
        Some(AnswerValue::Text(text)) => text.clone(),
        Some(AnswerValue::Number(number)) => number.to_string(),
        _ => String::new(),
    }
}

/// The answer after picking option `index`: single, maturity and yes/no replace the answer;
/// multi toggles it, an exclusive option clearing the others and any other option clearing
/// the exclusive ones. `None` when the multi answer becomes empty.
pub fn pick(
    question: &Question,
    answer: Option<&AnswerValue>,
    index: usize,
) -> Option<Option<AnswerValue>> {
    let options = options(question);
    let item = options.get(index)?;
    if question.kind != QuestionKind::Multi {
        return Some(Some(item.value.clone()));
    }
    let AnswerValue::Text(value) = &item.value else {
        return None;
    };
    let mut values: Vec<String> = answer
        .and_then(AnswerValue::as_list)
        .map(<[String]>::to_vec)
        .unwrap_or_default();
    if let Some(position) = values.iter().position(|held| held == value) {
        values.remove(position);
    } else if item.exclusive {
        values = vec![value.clone()];
    } else {
        let exclusive: Vec<&str> = options
            .iter()
            .filter(|option| option.exclusive)
            .filter_map(|option| option.value.as_text())
            .collect();
        values.retain(|held| !exclusive.contains(&held.as_str()));
        values.push(value.clone());
        // Keep the questionnaire's order, so files read naturally.
        values.sort_by_key(|held| {
            options
                .iter()
                .position(|option| option.value.as_text() == Some(held.as_str()))
        });
    }
    Some((!values.is_empty()).then_some(AnswerValue::List(values)))
}

/// Parses typed text into an answer for a text or number question.
pub(crate) fn parse_typed(kind: QuestionKind, typed: &str) -> Result<Option<AnswerValue>, String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    match kind {
        QuestionKind::Number => typed
            .replace(',', "")
            .parse::<f64>()
            .ok()
            .filter(|number| number.is_finite())
            .map(|number| Some(AnswerValue::Number(number)))
            .ok_or_else(|| format!("\"{typed}\" is not a number")),
        _ => Ok(Some(AnswerValue::Text(typed.to_owned()))),
    }
}
