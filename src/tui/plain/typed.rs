//! What is typed at a plain-mode prompt, read as an answer to a question of a given kind.

use crate::model::{AnswerValue, QuestionKind};
use crate::tui::input;

/// Parses a typed answer for a question kind.
pub(super) fn parse(
    kind: QuestionKind,
    options: &[input::OptionItem],
    typed: &str,
) -> Result<AnswerValue, String> {
    let number = |word: &str| -> Result<&input::OptionItem, String> {
        word.parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|index| options.get(index))
            .ok_or_else(|| {
                format!(
                    "\"{word}\" is not an option number: type 1 to {}.",
                    options.len()
                )
            })
    };
    match kind {
        QuestionKind::YesNo => match typed.to_lowercase().as_str() {
            "y" | "yes" | "1" => Ok(AnswerValue::Bool(true)),
            "n" | "no" | "2" => Ok(AnswerValue::Bool(false)),
            _ => Err("Type y or n.".to_owned()),
        },
        QuestionKind::Single | QuestionKind::Maturity => {
            number(typed).map(|item| item.value.clone())
        }
        QuestionKind::Multi => {
            let chosen = typed
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|word| !word.is_empty())
                .map(number)
                .collect::<Result<Vec<_>, _>>()?;
            // In the questionnaire's order, each option once ("1,1" is "1").
            let mut chosen = chosen;
            chosen.sort_by_key(|item| options.iter().position(|option| option.value == item.value));
            chosen.dedup_by(|a, b| a.value == b.value);
            if chosen.len() > 1
                && let Some(alone) = chosen.iter().find(|item| item.exclusive)
            {
                return Err(format!(
                    "\"{}\" stands alone: pick it without the others.",
                    alone.label
                ));
            }
            Ok(AnswerValue::List(
                chosen
                    .iter()
                    .filter_map(|item| item.value.as_text().map(str::to_owned))
                    .collect(),
            ))
        }
        // The same reading as the full-screen field; the prompt never passes an empty line.
        QuestionKind::Number | QuestionKind::Text => input::parse_typed(kind, typed)
            .map_err(|problem| format!("{problem}."))?
            .ok_or_else(|| "Type an answer.".to_owned()),
    }
}
