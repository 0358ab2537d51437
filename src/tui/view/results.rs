//! The results screen: summary with readiness bars, the ranked gaps, the roadmap.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Tabs, Widget, Wrap};

use crate::export::markdown::{
    START_HERE, controls, gap_items, phase_label, priority_label, reuse_sentence, status_label,
};
use crate::model::Catalogs;
use crate::tui::app::{App, ResultsTab};

use crate::text::fit;

/// Renders the results screen.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(assessment) = app.assessment.as_ref() else {
        return;
    };
    let [tabs, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let selected = match assessment.tab {
        ResultsTab::Summary => 0,
        ResultsTab::Gaps => 1,
        ResultsTab::Roadmap => 2,
    };
    Tabs::new(["Summary", "Gaps", "Roadmap"])
        .select(selected)
        .style(app.theme.muted)
        .highlight_style(app.theme.focus)
        .render(tabs, buf);
    match assessment.tab {
        ResultsTab::Summary => summary(app, body, buf),
        ResultsTab::Gaps => gaps(app, body, buf),
        ResultsTab::Roadmap => roadmap(app, body, buf),
    }
}

fn block<'a>(app: &App, title: &'a str) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.border)
        .title(Span::styled(format!(" {title} "), app.theme.title))
}

/// A text bar such as "██████░░░░" for a percentage.
pub fn bar(percent: f64, width: usize) -> String {
    let filled = ((percent / 100.0) * width as f64)
        .round()
        .clamp(0.0, width as f64) as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

fn summary(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(assessment) = app.assessment.as_ref() else {
        return;
    };
    let report = &assessment.report;
    let catalogs = Catalogs::embedded();
    let block = block(app, "Recommendation");
    let inner = block.inner(area);
    block.render(area, buf);
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
    let label_width = 34.min(usize::from(inner.width) / 2);
    let bar_width = usize::from(inner.width)
        .saturating_sub(label_width + 8)
        .min(40);
    for (standard, readiness) in &report.readiness {
        lines.push(Line::from(vec![
            Span::styled(
                fit(&catalogs.catalog(*standard).name, label_width),
                app.theme.title,
            ),
            Span::raw(" "),
            Span::styled(bar(readiness.percent, bar_width), app.theme.bar),
            Span::raw(format!(" {:>5.1}%", readiness.percent)),
        ]));
        for domain in &readiness.domains {
            lines.push(Line::from(vec![
                Span::raw(fit(&format!("  {}", domain.title), label_width)),
                Span::raw(" "),
                Span::styled(bar(domain.percent, bar_width), app.theme.bar),
                Span::raw(format!(" {:>5.1}%", domain.percent)),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            "Overlap: {} gaps close items of both standards with one piece of work. {}",
            report.overlap.shared_gaps,
            reuse_sentence(report.overlap.iso42001_covered_by_iso27001_percent)
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
    let scroll = u16::try_from(assessment.scroll).unwrap_or(u16::MAX);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .render(inner, buf);
}

fn gaps(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(assessment) = app.assessment.as_ref() else {
        return;
    };
    let report = &assessment.report;
    let [list_area, detail_area] = if area.width >= 120 {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area)
    } else {
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area)
    };
    let title = format!("{} gaps, most important first", report.gaps.len());
    let list = block(app, &title);
    let inner = list.inner(list_area);
    list.render(list_area, buf);
    if report.gaps.is_empty() {
        Paragraph::new("No open gaps for the recommended standards.").render(inner, buf);
        return;
    }
    let width = usize::from(inner.width);
    let rows = usize::from(inner.height);
    let skip = assessment.gap.saturating_sub(rows.saturating_sub(1));
    let lines: Vec<Line> = report
        .gaps
        .iter()
        .enumerate()
        .skip(skip)
        .take(rows)
        .map(|(index, gap)| {
            let text = format!(
                "{:>3} {:<8} {} {} {:?} P{}",
                gap.rank,
                priority_label(gap.priority),
                fit(&short_controls(gap), 18),
                fit(&gap.title, width.saturating_sub(38)),
                gap.effort,
                gap.phase
            );
            let style = if index == assessment.gap {
                app.theme.focus
            } else {
                app.theme.text
            };
            Line::styled(fit(&text, width), style)
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);

    let Some(gap) = report.gaps.get(assessment.gap) else {
        return;
    };
    let detail = block(app, "Detail");
    let inner = detail.inner(detail_area);
    detail.render(detail_area, buf);
    let mut lines = vec![
        Line::styled(
            format!("{} ({})", gap.title, controls(&gap.controls)),
            app.theme.title,
        ),
        Line::styled(
            format!(
                "{} · score {:.1} · {} · effort {:?} · {}",
                priority_label(gap.priority),
                gap.score,
                status_label(gap.status),
                gap.effort,
                phase_label(gap.phase)
            ),
            app.theme.muted,
        ),
    ];
    lines.push(Line::raw(gap.why.clone()));
    lines.push(Line::from(vec![
        Span::styled("Next: ", app.theme.key),
        Span::raw(gap.action.clone()),
    ]));
    if let Some(items) = gap_items(gap) {
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
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(inner, buf);
}

/// "27001 A.8.15", or "27001+42001 9.2.2" when one ID is closed in both standards.
fn short_controls(gap: &crate::assess::Gap) -> String {
    let Some(first) = gap.controls.first() else {
        return String::new();
    };
    let number = |reference: &crate::model::ControlRef| {
        reference
            .standard
            .key()
            .trim_start_matches("iso")
            .to_owned()
    };
    if gap
        .controls
        .iter()
        .all(|reference| reference.id == first.id)
    {
        let standards: Vec<String> = gap.controls.iter().map(number).collect();
        format!("{} {}", standards.join("+"), first.id)
    } else {
        let more = gap.controls.len() - 1;
        let suffix = if more > 0 {
            format!(" +{more}")
        } else {
            String::new()
        };
        format!("{} {}{suffix}", number(first), first.id)
    }
}

fn roadmap(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(assessment) = app.assessment.as_ref() else {
        return;
    };
    let block = block(app, "Roadmap");
    let inner = block.inner(area);
    block.render(area, buf);
    let width = usize::from(inner.width);
    let mut lines = Vec::new();
    for phase in 1..=3u8 {
        let in_phase: Vec<_> = assessment
            .report
            .gaps
            .iter()
            .filter(|gap| gap.phase == phase)
            .collect();
        lines.push(Line::styled(
            format!("{} — {} gaps", phase_label(phase), in_phase.len()),
            app.theme.title,
        ));
        for gap in in_phase {
            let text = format!(
                "  #{:<3} {} ({})",
                gap.rank,
                gap.title,
                controls(&gap.controls)
            );
            lines.push(Line::raw(fit(&text, width)));
        }
        lines.push(Line::raw(""));
    }
    let skip = assessment.scroll.min(lines.len().saturating_sub(1));
    Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()).render(inner, buf);
}
