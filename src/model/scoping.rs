//! The scoping block: fixed IDs, kinds and option values. The recommendation
//! rules read these answers, so a questionnaire that has one of these IDs must keep its shape.

use super::problem::Problem;
use super::questionnaire::{Question, QuestionKind};
use super::scoping_answers::{
    AiUse, Autonomy, Certification, DataCategory, Request, Sector, Size, keys,
};

/// The organisation's sector.
pub(crate) const SECTOR: &str = "org.sector";
/// The organisation's size.
pub(crate) const SIZE: &str = "org.size";
/// The certificates the organisation holds.
pub(crate) const CERTIFICATIONS: &str = "org.certifications";
/// The categories of information the organisation holds.
pub(crate) const DATA_CATEGORIES: &str = "data.categories";
/// How the organisation uses AI.
pub(crate) const AI_USE: &str = "ai.use";
/// How far the AI acts on its own.
pub(crate) const AI_AUTONOMY: &str = "ai.autonomy";
/// Whether the AI's outputs affect individuals.
pub(crate) const AFFECTS_INDIVIDUALS: &str = "ai.affects_individuals";
/// Whether the AI processes sensitive information.
pub(crate) const AI_SENSITIVE_DATA: &str = "ai.sensitive_data";
/// What customers, regulators, tenders or the sector ask for.
pub(crate) const REQUESTS: &str = "drivers.requests";

/// The scoping question IDs the recommendation rules read. A condition that
/// tests the scope may only come after those the questionnaire has, and they may not test it.
pub(crate) const SCOPING_IDS: [&str; 6] = [
    CERTIFICATIONS,
    DATA_CATEGORIES,
    AI_USE,
    AI_AUTONOMY,
    AFFECTS_INDIVIDUALS,
    REQUESTS,
];

/// One scoping question as the contract fixes it.
struct Fixed {
    id: &'static str,
    kind: QuestionKind,
    /// The option values, in the questionnaire's order.
    values: fn() -> Vec<&'static str>,
}

const BLOCK: [Fixed; 9] = [
    Fixed {
        id: SECTOR,
        kind: QuestionKind::Single,
        values: keys::<Sector>,
    },
    Fixed {
        id: SIZE,
        kind: QuestionKind::Single,
        values: keys::<Size>,
    },
    Fixed {
        id: CERTIFICATIONS,
        kind: QuestionKind::Multi,
        values: keys::<Certification>,
    },
    Fixed {
        id: DATA_CATEGORIES,
        kind: QuestionKind::Multi,
        values: keys::<DataCategory>,
    },
    Fixed {
        id: AI_USE,
        kind: QuestionKind::Multi,
        values: keys::<AiUse>,
    },
    Fixed {
        id: AI_AUTONOMY,
        kind: QuestionKind::Single,
        values: keys::<Autonomy>,
    },
    Fixed {
        id: AFFECTS_INDIVIDUALS,
        kind: QuestionKind::YesNo,
        values: Vec::new,
    },
    Fixed {
        id: AI_SENSITIVE_DATA,
        kind: QuestionKind::YesNo,
        values: Vec::new,
    },
    Fixed {
        id: REQUESTS,
        kind: QuestionKind::Multi,
        values: keys::<Request>,
    },
];

/// Problems of a question that has a scoping ID but not the contract's kind and values.
pub fn check(question: &Question, at: &str) -> Vec<Problem> {
    let Some(fixed) = BLOCK.iter().find(|fixed| fixed.id == question.id) else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    if question.kind != fixed.kind {
        problems.push(Problem::new(
            format!("{at}.kind"),
            format!(
                "scoping question {} must be {} (the recommendation rules read it), found {}",
                fixed.id,
                fixed.kind.name(),
                question.kind.name()
            ),
        ));
        return problems;
    }
    let mut found: Vec<&str> = question
        .options
        .iter()
        .map(|choice| choice.value.as_str())
        .collect();
    let values = (fixed.values)();
    let mut expected = values.clone();
    found.sort_unstable();
    expected.sort_unstable();
    if found != expected {
        problems.push(Problem::new(
            format!("{at}.options"),
            format!(
                "scoping question {} must offer exactly these values: {}",
                fixed.id,
                values.join(", ")
            ),
        ));
    }
    if let Some((o, _)) = question
        .options
        .iter()
        .enumerate()
        .find(|(_, choice)| choice.value == "none" && !choice.exclusive)
    {
        problems.push(Problem::new(
            format!("{at}.options[{o}].exclusive"),
            format!("\"none\" of {} must be exclusive", fixed.id),
        ));
    }
    problems
}
