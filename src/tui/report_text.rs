//! The results' summary and roadmap as text, and how far each scrolls: shared by the view
//! that draws them and the update that scrolls them, so both agree on where the text ends.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::assess::compare::Comparison;
use crate::assess::report::START_HERE;
use crate::assess::{Gap, Phase, Priority};
use crate::export::compare_md::signed;
use crate::model::Catalogs;
use crate::text::fit;
use crate::tui::app::{App, ResultsTab};
use crate::tui::layout;

/// How far the summary or roadmap tab can scroll: its wrapped rows beyond the pane.
pub(crate) fn scroll_limit(app: &App) -> usize {
    let body = layout::frame(Rect::new(0, 0, app.size.0, app.size.1)).body;
    let area = layout::results(body).body;
    let inner = Block::new().borders(Borders::ALL).inner(area);
    let paragraph = match app.assessment.as_ref().map(|assessment| assessment.tab) {
        Some(ResultsTab::Summary) => summary(app, area),
        Some(ResultsTab::Roadmap) => roadmap(app, area),
        _ => return 0,
    };
    paragraph
        .line_count(inner.width)
        .saturating_sub(usize::from(inner.height))
}

/// A text bar such as "██████░░░░" for a percentage.
fn bar(percent: f64, width: usize) -> String {
    let filled = ((percent / 100.0) * width as f64)
        .round()
        .clamp(0.0, width as f64) as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// The summary tab's text for a pane of `area`.
pub(crate) fn summary(app: &App, area: Rect) -> Paragraph<'_> {
    let Some(report) = app.report() else {
        return Paragraph::default();
    };
    let catalogs = Catalogs::embedded();
    let inner = Block::new().borders(Borders::ALL).inner(area);
    let mut lines = vec![Line::styled(
        report.recommendation.headline(),
        app.theme.chosen,
    )];
    for (standard, strength) in &report.strength {
        lines.push(Line::from(vec![
            Span::styled(
                format!("{}: {}. ", standard.short_name(), strength.label()),
                app.theme.title,
            ),
            Span::raw(
                report
                    .strength_reasons
                    .get(standard)
                    .cloned()
                    .unwrap_or_default(),
            ),
        ]));
    }
    if !report.gaps.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Start here", app.theme.title));
        let title_width = 34.min(usize::from(inner.width) / 2);
        let why_width = usize::from(inner.width).saturating_sub(title_width + 5);
        for gap in report.gaps.iter().take(START_HERE) {
            lines.push(Line::from(vec![
                Span::raw(format!("{:>3} ", gap.rank)),
                Span::styled(fit(&gap.title, title_width), app.theme.text),
                Span::styled(format!(" {}", fit(&gap.why, why_width)), app.theme.muted),
            ]));
        }
        lines.push(Line::raw(""));
    }
    // Bullets wrap under their own text, not under the bullet.
    for finding in &report.rationale {
        let wrapped = crate::tui::layout::wrap(&finding.finding, inner.width.saturating_sub(2));
        for (n, part) in wrapped.into_iter().enumerate() {
            let bullet = if n == 0 { "• " } else { "  " };
            lines.push(Line::raw(format!("{bullet}{part}")));
        }
    }
    lines.push(Line::styled(report.sequencing.clone(), app.theme.muted));
    lines.push(Line::raw(""));
    let comparison = app.comparison();
    if let Some(comparison) = comparison {
        lines.extend(since(app, comparison, usize::from(inner.width)));
    }
    let label_width = 34.min(usize::from(inner.width) / 2);
    let delta_width = if comparison.is_some() { 7 } else { 0 };
    let bar_width = usize::from(inner.width)
        .saturating_sub(label_width + 8 + delta_width)
        .min(40);
    for (standard, readiness) in &report.readiness {
        let change = comparison.and_then(|comparison| comparison.readiness.get(standard));
        lines.push(Line::from(vec![
            Span::styled(
                fit(&catalogs.catalog(*standard).name, label_width),
                app.theme.title,
            ),
            Span::raw(" "),
            Span::styled(bar(readiness.percent, bar_width), app.theme.bar),
            Span::raw(format!(" {:>5.1}%", readiness.percent)),
            delta(app, change.and_then(|change| change.delta)),
        ]));
        for domain in &readiness.domains {
            let domain_delta = change
                .and_then(|change| change.domains.iter().find(|d| d.id == domain.id))
                .and_then(|change| change.delta);
            lines.push(Line::from(vec![
                Span::raw(fit(&format!("  {}", domain.title), label_width)),
                Span::raw(" "),
                Span::styled(bar(domain.percent, bar_width), app.theme.bar),
                Span::raw(format!(" {:>5.1}%", domain.percent)),
                delta(app, domain_delta),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            "Overlap: {} gaps close items of both standards with one piece of work. {}",
            report.overlap.shared_gaps,
            report.overlap.reuse_sentence()
        ),
        app.theme.muted,
    ));
    if !report.complete {
        lines.push(Line::styled(
            format!(
                "{} questions are still open: they count as not ready.",
                report.missing.len()
            ),
            app.theme.warn,
        ));
    }
    Paragraph::new(lines).wrap(Wrap { trim: false })
}

/// A readiness change beside its bar, written as in the exports (" +16.6", " 0.0"), in the
/// colour of its direction.
fn delta(app: &App, delta: Option<f64>) -> Span<'static> {
    let style = match delta {
        Some(delta) if delta > 0.0 => app.theme.chosen,
        Some(delta) if delta < 0.0 => app.theme.warn,
        Some(_) => app.theme.muted,
        None => return Span::raw(""),
    };
    Span::styled(format!(" {}", signed(delta)), style)
}

/// How many titles of closed or new gaps the summary names before "and N more".
const SINCE_NAMED: usize = 5;

/// A follow-up's "Since <date>" lines: the gaps closed and opened since the session followed up.
fn since(app: &App, comparison: &Comparison, width: usize) -> Vec<Line<'static>> {
    let date = comparison
        .old
        .date
        .as_deref()
        .unwrap_or("the previous session");
    let gaps = &comparison.gaps;
    let mut lines = vec![Line::styled(
        format!(
            "Since {date}: {} gap{} closed, {} new, {} changed status",
            gaps.closed.len(),
            if gaps.closed.len() == 1 { "" } else { "s" },
            gaps.opened.len(),
            gaps.changed.len()
        ),
        app.theme.title,
    )];
    for (mark, list, style) in [
        ("✓ closed", &gaps.closed, app.theme.chosen),
        ("+ new", &gaps.opened, app.theme.warn),
    ] {
        for gap in list.iter().take(SINCE_NAMED) {
            lines.push(Line::styled(
                fit(&format!("  {mark}: {}", gap.title), width),
                style,
            ));
        }
        if list.len() > SINCE_NAMED {
            lines.push(Line::styled(
                format!("  {mark}: and {} more", list.len() - SINCE_NAMED),
                style,
            ));
        }
    }
    lines.push(Line::raw(""));
    lines
}

/// The detail of a gap on the results' gap list: what it is, where it stands, the notes and
/// flags of its questions, why, what to do next, its items and reasons.
pub(crate) fn gap_detail<'a>(app: &'a App, gap: &Gap) -> Paragraph<'a> {
    let Some(assessment) = app.assessment.as_ref() else {
        return Paragraph::default();
    };
    let mut lines = vec![
        Line::styled(
            format!("{} ({})", gap.title, gap.controls_label()),
            app.theme.title,
        ),
        Line::styled(
            format!(
                "{} · score {:.1} · {} · effort {} · {}",
                gap.priority.label(),
                gap.score,
                gap.status.label(),
                gap.effort.label(),
                gap.phase.label()
            ),
            app.theme.muted,
        ),
    ];
    let session = &assessment.session;
    let flagged: Vec<&str> = gap
        .questions
        .iter()
        .filter(|question| session.flagged.contains(*question))
        .map(String::as_str)
        .collect();
    if !flagged.is_empty() {
        lines.push(Line::styled(
            format!("⚑ Flagged for follow-up: {}", flagged.join(", ")),
            app.theme.warn,
        ));
    }
    for question in &gap.questions {
        if let Some(note) = session.notes.get(question) {
            lines.push(Line::from(vec![
                Span::styled(format!("Note ({question}): "), app.theme.key),
                Span::raw(note.replace('\n', " / ")),
            ]));
        }
    }
    lines.push(Line::raw(gap.why.clone()));
    lines.push(Line::from(vec![
        Span::styled("Next: ", app.theme.key),
        Span::raw(gap.action.clone()),
    ]));
    if let Some(items) = gap.items_label() {
        lines.push(Line::styled(format!("Items: {items}"), app.theme.muted));
    }
    for reason in &gap.reasons {
        lines.push(Line::raw(format!("• {reason}")));
    }
    if !gap.questions.is_empty() {
        lines.push(Line::styled(
            format!("Questions: {} (Enter goes there)", gap.questions.join(", ")),
            app.theme.muted,
        ));
    }
    Paragraph::new(lines).wrap(Wrap { trim: true })
}

/// How far the highlighted gap's detail can scroll: its wrapped rows beyond the pane.
pub(crate) fn detail_scroll_limit(app: &App) -> u16 {
    let Some(assessment) = app.assessment.as_ref() else {
        return 0;
    };
    let shown = app.shown_gaps();
    let Some(gap) = shown.get(assessment.gap) else {
        return 0;
    };
    let body = layout::frame(Rect::new(0, 0, app.size.0, app.size.1)).body;
    let inner = Block::new()
        .borders(Borders::ALL)
        .inner(layout::results(body).detail);
    let rows = gap_detail(app, gap)
        .line_count(inner.width)
        .saturating_sub(usize::from(inner.height));
    u16::try_from(rows).unwrap_or(u16::MAX)
}

/// High priority stands out, low recedes.
pub(crate) fn priority_style(app: &App, gap: &Gap) -> Style {
    match gap.priority {
        Priority::Critical => app.theme.error,
        Priority::High => app.theme.warn,
        Priority::Medium => app.theme.text,
        Priority::Low => app.theme.muted,
    }
}

/// The roadmap tab's text for a pane of `area`.
pub(crate) fn roadmap(app: &App, area: Rect) -> Paragraph<'_> {
    let Some(report) = app.report() else {
        return Paragraph::default();
    };
    let width = usize::from(area.width.saturating_sub(2));
    let mut lines = Vec::new();
    for phase in Phase::ALL {
        let in_phase: Vec<_> = report
            .gaps
            .iter()
            .filter(|gap| gap.phase == phase)
            .collect();
        lines.push(Line::styled(
            format!("{} — {} gaps", phase.label(), in_phase.len()),
            app.theme.title,
        ));
        for gap in in_phase {
            let text = format!(
                "  #{:<3} {} ({})",
                gap.rank,
                gap.title,
                gap.controls_label()
            );
            lines.push(Line::styled(fit(&text, width), priority_style(app, gap)));
        }
        lines.push(Line::raw(""));
    }
    Paragraph::new(lines)
}
