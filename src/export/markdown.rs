//! The Markdown rendering of a report (GitHub-flavoured tables).

use std::fmt::Write;

use crate::assess::Report;
use crate::assess::report::{Gap, Phase, START_HERE};
use crate::model::{Catalogs, ControlRef, Standard};

/// How many gaps get a detailed paragraph; the table lists them all.
const DETAILED_GAPS: usize = 10;

/// Escapes text for one line of Markdown or a table cell: pipes, backslashes and the
/// characters that start emphasis, code, links or raw HTML are escaped; line breaks are folded.
pub fn cell(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '&' | '~' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => escaped.push(' '),
            _ => escaped.push(c),
        }
    }
    escaped
}

/// Renders the whole report.
pub fn report(report: &Report, catalogs: &Catalogs) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# Readiness report: ISO/IEC 27001 and ISO/IEC 42001\n");
    write_recommendation(&mut md, report, "##");
    write_start_here(&mut md, &report.gaps, "##");
    write_readiness(&mut md, report, catalogs);
    write_gaps(&mut md, &report.gaps, DETAILED_GAPS);
    write_roadmap(&mut md, &report.gaps);
    write_applicability(&mut md, report, catalogs);
    write_missing(&mut md, report);
    write_footer(&mut md, report);
    md
}

/// "ISO 27001 A.7.4 Physical security monitoring".
pub(crate) fn control_label(catalogs: &Catalogs, standard: Standard, id: &str) -> String {
    let reference = ControlRef::new(standard, id);
    match catalogs.item(&reference) {
        Some(item) => format!(
            "{} {id} {}",
            standard.short_name(),
            catalogs.display_title(standard, item)
        ),
        None => format!("{} {id}", standard.short_name()),
    }
}

/// Writes the Annex A controls excluded from the Statement of Applicability with their
/// justifications, and those answered not applicable whose exclusion is still to confirm.
pub(crate) fn write_applicability(md: &mut String, report: &Report, catalogs: &Catalogs) {
    if report.exclusions.is_empty() && report.to_confirm.is_empty() {
        return;
    }
    let _ = writeln!(md, "## Statement of Applicability: exclusions\n");
    if !report.exclusions.is_empty() {
        let _ = writeln!(
            md,
            "Excluded Annex A controls count neither in readiness nor as gaps.\n\n| Control | Justification for exclusion | Recorded as |\n|---|---|---|"
        );
        for exclusion in &report.exclusions {
            let source = match &exclusion.question {
                Some(question) => format!("note on `{question}`"),
                None => "exclusion".to_owned(),
            };
            let _ = writeln!(
                md,
                "| {} | {} | {source} |",
                cell(&control_label(catalogs, exclusion.standard, &exclusion.id)),
                cell(&exclusion.justification)
            );
        }
        let _ = writeln!(md);
    }
    if !report.to_confirm.is_empty() {
        let _ = writeln!(
            md,
            "**To confirm:** these controls were answered not applicable, but nothing excludes them yet. Until each is excluded with its own justification, or assessed, it counts as not ready in readiness and stays open in its gap.\n"
        );
        for control in &report.to_confirm {
            let _ = writeln!(
                md,
                "- {}: {} (`{}`)",
                cell(&control_label(catalogs, control.standard, &control.id)),
                control.reason.advice(),
                control.question
            );
        }
        let _ = writeln!(md);
    }
}

/// Writes the recommendation, the unanswered count, its reasons and the sequencing advice;
/// `level` is the heading level of "Why" and "How to go about it".
pub(crate) fn write_recommendation(md: &mut String, report: &Report, level: &str) {
    let _ = writeln!(
        md,
        "**Recommendation: {}**\n",
        report.recommendation.headline()
    );
    for (standard, strength) in &report.strength {
        let reason = report
            .strength_reasons
            .get(standard)
            .map(String::as_str)
            .unwrap_or_default();
        let _ = writeln!(
            md,
            "- **{}: {}.** {}",
            standard.short_name(),
            strength.label(),
            cell(reason)
        );
    }
    if !report.strength.is_empty() {
        let _ = writeln!(md);
    }
    if !report.complete {
        let _ = writeln!(
            md,
            "_{} question{} still unanswered: the figures below count them as not ready._\n",
            report.missing.len(),
            if report.missing.len() == 1 {
                " is"
            } else {
                "s are"
            }
        );
    }
    let _ = writeln!(md, "{level} Why\n");
    for finding in &report.rationale {
        let _ = writeln!(md, "- {} (`{}`)", finding.finding, finding.question);
    }
    let _ = writeln!(
        md,
        "\n{level} How to go about it\n\n{}\n",
        report.sequencing
    );
}

/// Writes "Start here": the first gaps of the list, each with one sentence why; `level` is
/// the heading level.
pub(crate) fn write_start_here(md: &mut String, gaps: &[Gap], level: &str) {
    if gaps.is_empty() {
        return;
    }
    let _ = writeln!(
        md,
        "{level} Start here
"
    );
    for gap in gaps.iter().take(START_HERE) {
        let _ = writeln!(
            md,
            "{}. **{}** ({}) — {}",
            gap.rank,
            cell(&gap.title),
            gap.controls_label(),
            cell(&gap.why)
        );
    }
    let _ = writeln!(md);
}

/// Writes the questions still unanswered, if any.
pub(crate) fn write_missing(md: &mut String, report: &Report) {
    if !report.missing.is_empty() {
        let _ = writeln!(md, "## Still unanswered\n");
        let listed: Vec<String> = report.missing.iter().map(|id| format!("`{id}`")).collect();
        let _ = writeln!(md, "{}\n", listed.join(", "));
    }
}

/// Writes the closing line: tool and questionnaire versions.
pub(crate) fn write_footer(md: &mut String, report: &Report) {
    let _ = writeln!(
        md,
        "---\n_{} {} · questionnaire {} version {}_",
        report.tool.name,
        report.tool.version,
        report.questionnaire.id,
        report.questionnaire.version
    );
}

/// Writes the readiness section: one table of domains per standard, and the overlap.
pub(crate) fn write_readiness(md: &mut String, report: &Report, catalogs: &Catalogs) {
    if report.readiness.is_empty() {
        return;
    }
    let _ = writeln!(md, "## Readiness\n");
    for (standard, readiness) in &report.readiness {
        let _ = writeln!(
            md,
            "### {}: {:.1}%\n",
            catalogs.catalog(*standard).name,
            readiness.percent
        );
        let _ = writeln!(
            md,
            "| Domain | Readiness | Items assessed |\n|---|---:|---:|"
        );
        for domain in &readiness.domains {
            let _ = writeln!(
                md,
                "| {} | {:.1}% | {} of {} |",
                cell(&domain.title),
                domain.percent,
                domain.answered,
                domain.applicable
            );
        }
        let _ = writeln!(md);
    }
    let _ = writeln!(
        md,
        "**Overlap:** {} gap{} close items of both standards with one piece of work. {}\n",
        report.overlap.shared_gaps,
        if report.overlap.shared_gaps == 1 {
            ""
        } else {
            "s"
        },
        report.overlap.reuse_sentence()
    );
}

/// Writes the gap table and a paragraph for each of the first `detailed` gaps.
pub(crate) fn write_gaps(md: &mut String, gaps: &[Gap], detailed: usize) {
    let _ = writeln!(md, "## Gaps, most important first\n");
    if gaps.is_empty() {
        let _ = writeln!(md, "No open gaps for the recommended standards.\n");
        return;
    }
    let _ = writeln!(
        md,
        "| # | Priority | Work | Open items | Status | Effort | Phase |\n|---:|---|---|---|---|---|---:|"
    );
    for gap in gaps {
        let _ = writeln!(
            md,
            "| {} | {} | {}{} | {} | {} | {} | {} |",
            gap.rank,
            gap.priority.label(),
            cell(&gap.title),
            if gap.supplementary {
                " (supplementary)"
            } else {
                ""
            },
            cell(&gap.controls_label()),
            gap.status.label(),
            gap.effort.short(),
            gap.phase.number()
        );
    }
    let _ = writeln!(md);
    for gap in gaps.iter().take(detailed) {
        let _ = writeln!(
            md,
            "### {}. {} ({})\n",
            gap.rank,
            gap.title,
            gap.controls_label()
        );
        let _ = writeln!(
            md,
            "Priority {} (score {:.1}) · {} · {} · effort {} · phase {}\n",
            gap.priority.label(),
            gap.score,
            gap.stage.label(),
            gap.status.label(),
            gap.effort.short(),
            gap.phase.number()
        );
        let _ = writeln!(md, "{}\n", cell(&gap.why));
        if let Some(items) = gap.items_label() {
            let _ = writeln!(md, "Items: {items}\n");
        }
        for reason in &gap.reasons {
            let _ = writeln!(md, "- {reason}");
        }
        let _ = writeln!(md, "\n**Next action:** {}\n", gap.action);
    }
}

/// Writes the roadmap: the gaps of each phase.
pub(crate) fn write_roadmap(md: &mut String, gaps: &[Gap]) {
    if gaps.is_empty() {
        return;
    }
    let _ = writeln!(md, "## Roadmap\n");
    for phase in Phase::ALL {
        let in_phase: Vec<&Gap> = gaps.iter().filter(|gap| gap.phase == phase).collect();
        if in_phase.is_empty() {
            continue;
        }
        let _ = writeln!(md, "### {}\n", phase.label());
        for gap in in_phase {
            // A bullet, not an ordered list: renderers renumber "5." to "1.", and the rank
            // must stay the rank of the gap table.
            let _ = writeln!(
                md,
                "- #{} {} ({})",
                gap.rank,
                cell(&gap.title),
                gap.controls_label()
            );
        }
        let _ = writeln!(md);
    }
}
