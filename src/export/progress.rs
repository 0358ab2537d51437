//! The "Progress since" section of a follow-up session's Markdown and HTML exports, first in
//! them: readiness then and now, the gaps closed, opened and changed in status, and the first
//! gaps that have not moved, to take on before the next call.

use std::fmt::Write;

use super::ExportInput;
use super::compare_md::{
    joined_note, percent, signed, version_note, write_gap_lists, write_readiness,
    write_version_note,
};
use super::markdown::cell;
use crate::assess::compare::Comparison;
use crate::assess::report::Gap;

/// How many open gaps "Before the next call" names.
const NEXT_CALL: usize = 5;

/// Width of a full bar in the chart's coordinate system (340 wide), as in the readiness chart.
const CHART_WIDTH: f64 = 280.0;
/// Height of one domain in the chart: its label, then its bar then and its bar now.
const ROW_HEIGHT: u32 = 44;

/// "Progress since 2026-03-02", or without a date when the previous session has none.
fn heading(comparison: &Comparison) -> String {
    match &comparison.old.date {
        Some(date) => format!("Progress since {date}"),
        None => "Progress since the previous session".to_owned(),
    }
}

/// The open gaps to take on before the next call: the first of the ranked list that have not
/// moved since the last one (neither new nor changed in status).
fn next_call<'i>(input: &'i ExportInput, comparison: &Comparison) -> Vec<&'i Gap> {
    let moved = |gap: &Gap| {
        comparison
            .gaps
            .opened
            .iter()
            .any(|opened| opened.key == gap.key)
            || comparison
                .gaps
                .changed
                .iter()
                .any(|change| change.gap.key == gap.key)
    };
    input
        .report
        .gaps
        .iter()
        .filter(|gap| !moved(gap))
        .take(NEXT_CALL)
        .collect()
}

/// "Not moved since 2026-03-02", or without a date when the previous session has none.
fn not_moved_heading(comparison: &Comparison) -> String {
    match &comparison.old.date {
        Some(date) => format!("Not moved since {date}: the first to take on before the next call"),
        None => "Not moved since the previous session: the first to take on before the next call"
            .to_owned(),
    }
}

/// Writes the section, if the session is a follow-up whose previous session was read.
pub(crate) fn write_markdown(md: &mut String, input: &ExportInput) {
    let Some(comparison) = &input.session.progress else {
        return;
    };
    let _ = writeln!(md, "## {}\n", heading(comparison));
    let (old, new) = (comparison.old.recommendation, comparison.new.recommendation);
    if old != new {
        let _ = writeln!(
            md,
            "The recommendation changed: then {}, now {}.\n",
            old.headline(),
            new.headline()
        );
    }
    write_version_note(md, comparison);
    write_readiness(md, comparison, input.catalogs(), "###");
    write_gap_lists(md, comparison, "###", true);
    let gaps = next_call(input, comparison);
    if !gaps.is_empty() {
        let _ = writeln!(md, "### {}\n", not_moved_heading(comparison));
        for gap in gaps {
            let _ = writeln!(
                md,
                "- #{} **{}**: {}",
                gap.rank,
                cell(&gap.title),
                cell(&gap.action)
            );
        }
        let _ = writeln!(md);
    }
}

/// The section as the HTML template shows it.
pub(crate) struct ProgressView {
    pub(crate) heading: String,
    pub(crate) recommendation: Option<String>,
    pub(crate) version_note: String,
    pub(crate) standards: Vec<StandardChart>,
    pub(crate) closed: Vec<GapLine>,
    pub(crate) opened: Vec<GapLine>,
    pub(crate) changed: Vec<GapLine>,
    pub(crate) next_heading: String,
    pub(crate) next: Vec<GapLine>,
}

/// One standard's before/after chart.
pub(crate) struct StandardChart {
    pub(crate) name: String,
    pub(crate) change: String,
    pub(crate) height: u32,
    pub(crate) rows: Vec<ChartRow>,
}

/// One domain: its label, its bar then and its bar now.
pub(crate) struct ChartRow {
    pub(crate) label: String,
    pub(crate) label_y: u32,
    pub(crate) then_y: u32,
    pub(crate) now_y: u32,
    pub(crate) then_width: String,
    pub(crate) now_width: String,
    pub(crate) level: &'static str,
    pub(crate) delta: String,
}

/// One gap in a list: rank (now), title, items and what to do or how it stood.
pub(crate) struct GapLine {
    pub(crate) rank: usize,
    pub(crate) title: String,
    pub(crate) controls: String,
    pub(crate) detail: String,
}

/// The section's view, if the session is a follow-up whose previous session was read.
pub(crate) fn view(input: &ExportInput) -> Option<ProgressView> {
    let comparison = input.session.progress.as_ref()?;
    let (old, new) = (comparison.old.recommendation, comparison.new.recommendation);
    let width = |value: Option<f64>| {
        format!(
            "{:.1}",
            value.unwrap_or(0.0).clamp(0.0, 100.0) / 100.0 * CHART_WIDTH
        )
    };
    let standards = comparison
        .readiness
        .iter()
        .map(|(standard, change)| {
            let rows: Vec<ChartRow> = change
                .domains
                .iter()
                .zip(0u32..)
                .map(|(domain, row)| ChartRow {
                    label: format!(
                        "{}: {} → {}",
                        domain.title,
                        percent(domain.old),
                        percent(domain.new)
                    ),
                    label_y: row * ROW_HEIGHT + 13,
                    then_y: row * ROW_HEIGHT + 18,
                    now_y: row * ROW_HEIGHT + 27,
                    then_width: width(domain.old),
                    now_width: width(domain.new),
                    level: match domain.new.unwrap_or(0.0) {
                        p if p >= 70.0 => "good",
                        p if p >= 40.0 => "fair",
                        _ => "poor",
                    },
                    delta: signed(domain.delta),
                })
                .collect();
            StandardChart {
                name: input.catalogs().catalog(*standard).name.clone(),
                change: format!(
                    "{} → {} ({})",
                    percent(change.old),
                    percent(change.new),
                    signed(change.delta)
                ),
                height: u32::try_from(rows.len()).unwrap_or(0) * ROW_HEIGHT + 4,
                rows,
            }
        })
        .collect();
    let line = |gap: &Gap, detail: String| GapLine {
        rank: gap.rank,
        title: gap.title.clone(),
        controls: gap.controls_label(),
        detail,
    };
    Some(ProgressView {
        heading: heading(comparison),
        recommendation: (old != new).then(|| {
            format!(
                "The recommendation changed: then {}, now {}.",
                old.headline(),
                new.headline()
            )
        }),
        version_note: version_note(comparison).unwrap_or_default(),
        standards,
        closed: comparison
            .gaps
            .closed
            .iter()
            .map(|gap| {
                let scope = if comparison.closed_by_scope(gap) {
                    " (no longer in scope)"
                } else {
                    ""
                };
                line(gap, format!("{} then{scope}", gap.status.label()))
            })
            .collect(),
        opened: comparison
            .gaps
            .opened
            .iter()
            .map(|gap| {
                let scope = if comparison.opened_by_scope(gap) {
                    " (newly in scope)"
                } else {
                    ""
                };
                let detail = format!(
                    "{}, priority {}{scope}",
                    gap.status.label(),
                    gap.priority.label()
                );
                line(gap, detail)
            })
            .collect(),
        changed: comparison
            .gaps
            .changed
            .iter()
            .map(|change| {
                let detail = format!(
                    "{} then, {} now{}",
                    change.old_status.label(),
                    change.new_status.label(),
                    joined_note(comparison, &change.gap)
                );
                line(&change.gap, detail)
            })
            .collect(),
        next_heading: not_moved_heading(comparison),
        next: next_call(input, comparison)
            .into_iter()
            .map(|gap| line(gap, gap.action.clone()))
            .collect(),
    })
}
