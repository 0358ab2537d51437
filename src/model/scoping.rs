//! The scoping block: fixed IDs, kinds and option values. The recommendation
//! rules read these answers, so a questionnaire that has one of these IDs must keep its shape.

use super::problem::Problem;
use super::questionnaire::{Question, QuestionKind};

/// One scoping question as the contract fixes it.
struct Fixed {
    id: &'static str,
    kind: QuestionKind,
    values: &'static [&'static str],
}

const BLOCK: [Fixed; 9] = [
    Fixed {
        id: "org.sector",
        kind: QuestionKind::Single,
        values: &[
            "healthcare",
            "finance",
            "public_sector",
            "technology",
            "education",
            "retail",
            "manufacturing",
            "professional_services",
            "other",
        ],
    },
    Fixed {
        id: "org.size",
        kind: QuestionKind::Single,
        values: &["micro", "small", "medium", "large"],
    },
    Fixed {
        id: "org.certifications",
        kind: QuestionKind::Multi,
        values: &[
            "iso27001", "iso42001", "iso27701", "iso9001", "soc2", "none",
        ],
    },
    Fixed {
        id: "data.categories",
        kind: QuestionKind::Multi,
        values: &[
            "personal",
            "special_category",
            "financial",
            "confidential_business",
            "government",
            "none",
        ],
    },
    Fixed {
        id: "ai.use",
        kind: QuestionKind::Multi,
        values: &[
            "internal_productivity",
            "internal_operations",
            "in_products",
            "develops",
            "none",
        ],
    },
    Fixed {
        id: "ai.autonomy",
        kind: QuestionKind::Single,
        values: &[
            "assistive",
            "human_in_the_loop",
            "human_on_the_loop",
            "autonomous",
        ],
    },
    Fixed {
        id: "ai.affects_individuals",
        kind: QuestionKind::YesNo,
        values: &[],
    },
    Fixed {
        id: "ai.sensitive_data",
        kind: QuestionKind::YesNo,
        values: &[],
    },
    Fixed {
        id: "drivers.requests",
        kind: QuestionKind::Multi,
        values: &[
            "iso27001",
            "iso42001",
            "eu_ai_act",
            "soc2",
            "nis2",
            "dora",
            "pci_dss",
            "other",
            "none",
        ],
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
    let mut expected = fixed.values.to_vec();
    found.sort_unstable();
    expected.sort_unstable();
    if found != expected {
        problems.push(Problem::new(
            format!("{at}.options"),
            format!(
                "scoping question {} must offer exactly these values: {}",
                fixed.id,
                fixed.values.join(", ")
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
