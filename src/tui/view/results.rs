//! The results screen: summary with readiness bars, the ranked gaps, the roadmap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Tabs, Widget};

use crate::assess::Gap;
use crate::tui::app::{App, ResultsTab};
use crate::tui::layout;
use crate::tui::report_text;

use crate::text::fit;

/// Renders the results screen.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(assessment) = app.assessment.as_ref() else {
        return;
    };
    let panes = layout::results(area);
    let selected = match assessment.tab {
        ResultsTab::Summary => 0,
        ResultsTab::Gaps => 1,
        ResultsTab::Roadmap => 2,
    };
    Tabs::new(["Summary", "Gaps", "Roadmap"])
        .select(selected)
        .style(app.theme.muted)
        .highlight_style(app.theme.focus)
        .render(panes.tabs, buf);
    match assessment.tab {
        ResultsTab::Summary => scrolled(
            app,
            "Recommendation",
            report_text::summary(app, panes.body),
            panes.body,
            buf,
        ),
        ResultsTab::Gaps => gaps(app, &panes, buf),
        ResultsTab::Roadmap => scrolled(
            app,
            "Roadmap",
            report_text::roadmap(app, panes.body),
            panes.body,
            buf,
        ),
    }
}

/// A tab's text in a box, scrolled as far as the user asked and no further.
fn scrolled(app: &App, title: &str, text: Paragraph, area: Rect, buf: &mut Buffer) {
    let inner = Block::new().borders(Borders::ALL).inner(area);
    // The limit the update keeps to, measured on the text at hand rather than built again.
    let limit = text
        .line_count(inner.width)
        .saturating_sub(usize::from(inner.height));
    let scroll = app.assessment.as_ref().map_or(0, |a| a.scroll).min(limit);
    let title = if limit == 0 {
        title.to_owned()
    } else {
        format!("{title} · ↑↓ PgDn PgUp scroll")
    };
    block(app, &title).render(area, buf);
    text.scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
        .render(inner, buf);
}

fn block<'a>(app: &App, title: &'a str) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.border)
        .title(Span::styled(format!(" {title} "), app.theme.title))
}

fn gaps(app: &App, panes: &layout::Results, buf: &mut Buffer) {
    let Some(assessment) = app.assessment.as_ref() else {
        return;
    };
    let Some(report) = app.report() else {
        return;
    };
    let shown = app.shown_gaps();
    let search = assessment.gap_search.value();
    // In a follow-up, gaps that were not open last time are marked "+".
    let opened: Vec<&str> = app.comparison().map_or_else(Vec::new, |comparison| {
        comparison
            .gaps
            .opened
            .iter()
            .map(|gap| gap.key.as_str())
            .collect()
    });
    let title = if search.is_empty() && !assessment.searching {
        let new = if opened.is_empty() {
            String::new()
        } else {
            format!(" · +{} new since the last call", opened.len())
        };
        format!(
            "{} gaps, most important first{new} · / searches",
            report.gaps.len()
        )
    } else {
        format!("{} of {} gaps match", shown.len(), report.gaps.len())
    };
    let list = block(app, &title);
    let inner = list.inner(panes.list);
    list.render(panes.list, buf);
    let width = usize::from(inner.width);
    let mut lines = Vec::new();
    let search_row = assessment.searching || !search.is_empty();
    if search_row {
        // The search field is drawn over this row once the list is laid out.
        lines.push(Line::raw(""));
    }
    if shown.is_empty() {
        lines.push(Line::raw(if report.gaps.is_empty() {
            "No open gaps for the recommended standards."
        } else {
            "No gap matches the search."
        }));
        Paragraph::new(lines).render(inner, buf);
        if search_row {
            search_field(app, Rect::new(inner.x, inner.y, inner.width, 1), buf);
        }
        return;
    }
    let rows = usize::from(inner.height).saturating_sub(lines.len());
    let skip = assessment.gap.saturating_sub(rows.saturating_sub(1));
    for (index, gap) in shown.iter().enumerate().skip(skip).take(rows) {
        let text = format!(
            "{:>3}{}{:<8} {} {} {} P{}",
            gap.rank,
            if opened.contains(&gap.key.as_str()) {
                '+'
            } else {
                ' '
            },
            gap.priority.label(),
            fit(&short_controls(gap), 18),
            fit(&gap.title, width.saturating_sub(38)),
            gap.effort.short(),
            gap.phase.number()
        );
        let style = if index == assessment.gap {
            app.theme.focus
        } else {
            report_text::priority_style(app, gap)
        };
        lines.push(Line::styled(fit(&text, width), style));
    }
    Paragraph::new(lines).render(inner, buf);
    if search_row {
        search_field(app, Rect::new(inner.x, inner.y, inner.width, 1), buf);
    }

    if let Some(gap) = shown.get(assessment.gap) {
        detail(app, gap, panes.detail, buf);
    }
}

/// "Search: <field>  Enter keeps it, Esc clears" on one row.
fn search_field(app: &App, row: Rect, buf: &mut Buffer) {
    let Some(assessment) = app.assessment.as_ref() else {
        return;
    };
    let hint = if assessment.searching {
        "  Enter keeps it, Esc clears"
    } else {
        "  / changes it"
    };
    let [label, field, note] = ratatui::layout::Layout::horizontal([
        ratatui::layout::Constraint::Length(8),
        ratatui::layout::Constraint::Min(1),
        ratatui::layout::Constraint::Length(u16::try_from(hint.chars().count()).unwrap_or(0)),
    ])
    .areas(row);
    Span::styled("Search: ", app.theme.key).render(label, buf);
    assessment
        .gap_search
        .render(field, buf, app.theme.focus, assessment.searching);
    Span::styled(hint, app.theme.muted).render(note, buf);
}

/// The highlighted gap: what, why, what next, and the notes and flags on its questions.
fn detail(app: &App, gap: &Gap, area: Rect, buf: &mut Buffer) {
    let Some(assessment) = app.assessment.as_ref() else {
        return;
    };
    let text = report_text::gap_detail(app, gap);
    let inner = Block::new().borders(Borders::ALL).inner(area);
    let limit = text
        .line_count(inner.width)
        .saturating_sub(usize::from(inner.height));
    let scroll = usize::from(assessment.detail_scroll).min(limit);
    let title = if limit == 0 {
        "Detail".to_owned()
    } else {
        format!("Detail · Shift-↑↓ scrolls ({} more)", limit - scroll)
    };
    block(app, &title).render(area, buf);
    text.scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
        .render(inner, buf);
}

/// "27001 A.8.15", or "27001+42001 9.2.2" when one ID is closed in both standards.
fn short_controls(gap: &Gap) -> String {
    let Some(first) = gap.controls.first() else {
        return String::new();
    };
    let number = |reference: &crate::model::ControlRef| reference.standard.number().to_owned();
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
