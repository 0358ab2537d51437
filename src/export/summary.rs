//! The Markdown session summary: the report with who, when, flagged questions and every answer.

use std::fmt::Write;

use super::ExportInput;
use super::markdown::{
    cell, write_applicability, write_footer, write_gaps, write_missing, write_readiness,
    write_recommendation, write_roadmap, write_start_here,
};

/// Renders the session summary as GitHub-flavoured Markdown.
pub fn render(input: &ExportInput) -> String {
    let report = &input.report;
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", cell(&input.title()));
    write_metadata(&mut md, input);
    // A follow-up's news comes first: what moved since the last call.
    super::progress::write_markdown(&mut md, input);
    let _ = writeln!(md, "## Recommendation\n");
    write_recommendation(&mut md, report, "###");
    write_start_here(&mut md, &report.gaps, "##");
    write_readiness(&mut md, report, input.catalogs());
    write_gaps(&mut md, &report.gaps, report.gaps.len());
    write_roadmap(&mut md, &report.gaps);
    write_applicability(&mut md, report, input.catalogs());
    write_flagged(&mut md, input);
    write_missing(&mut md, report);
    write_answers(&mut md, input);
    write_footer(&mut md, report);
    md
}

fn write_metadata(md: &mut String, input: &ExportInput) {
    let session = input.session;
    let known = |text: &str| {
        if text.trim().is_empty() {
            "—".to_owned()
        } else {
            cell(text.trim())
        }
    };
    let _ = writeln!(md, "- **Client:** {}", known(&session.client));
    let _ = writeln!(md, "- **Assessor:** {}", known(&session.assessor));
    let _ = writeln!(
        md,
        "- **Date:** {}",
        session.date().as_deref().unwrap_or("—")
    );
    let _ = writeln!(
        md,
        "- **Questionnaire:** {} version {}, {} assessment\n",
        cell(&input.report.questionnaire.id),
        cell(&input.report.questionnaire.version),
        input.session.depth.key()
    );
}

/// The flagged question IDs in questionnaire order, then any the questionnaire does not know.
pub(crate) fn flagged_in_order<'s>(input: &'s ExportInput) -> Vec<&'s str> {
    let flagged = &input.session.flagged;
    let mut ordered: Vec<&str> = input
        .questionnaire()
        .questions()
        .map(|(_, question)| question.id.as_str())
        .filter(|id| flagged.contains(*id))
        .collect();
    ordered.extend(
        flagged
            .iter()
            .map(String::as_str)
            .filter(|id| input.questionnaire().question(id).is_none()),
    );
    ordered
}

fn write_flagged(md: &mut String, input: &ExportInput) {
    let flagged = flagged_in_order(input);
    if flagged.is_empty() {
        return;
    }
    let _ = writeln!(md, "## Flagged for follow-up\n");
    for id in flagged {
        let answer = input
            .answer_text(id)
            .map_or_else(|| "not answered".to_owned(), |answer| cell(&answer));
        let _ = write!(
            md,
            "- **{}** ({}): {answer}",
            cell(input.prompt(id)),
            cell(id)
        );
        match input.session.note(id) {
            Some(note) => {
                let _ = writeln!(md, ". Note: {}", cell(note));
            }
            None => {
                let _ = writeln!(md);
            }
        }
    }
    let _ = writeln!(md);
}

fn write_answers(md: &mut String, input: &ExportInput) {
    let _ = writeln!(md, "## Appendix: every answer\n");
    let mut current = None;
    for (section, id) in input.answered() {
        if current != Some(section) {
            if current.is_some() {
                let _ = writeln!(md);
            }
            current = Some(section);
            let _ = writeln!(
                md,
                "### {}\n\n| ID | Question | Answer | Note |\n|---|---|---|---|",
                cell(section)
            );
        }
        let flag = if input.session.flagged.contains(id) {
            " — **flagged**"
        } else {
            ""
        };
        let _ = writeln!(
            md,
            "| {} | {} | {}{flag} | {} |",
            cell(id),
            cell(input.prompt(id)),
            cell(&input.answer_text(id).unwrap_or_default()),
            cell(input.session.note(id).unwrap_or(""))
        );
    }
    if current.is_none() {
        let _ = writeln!(md, "No answers yet.");
    }
    let _ = writeln!(md);
}
