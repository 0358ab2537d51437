//! The home screen (saved sessions) and the new-session form.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use crate::model::Depth;
use crate::text::fit;
use crate::tui::app::{App, FormField};
use crate::tui::msg::RowState;

use super::depth_label;

/// Renders the session list.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.border)
        .title(Span::styled(" Assessments ", app.theme.title))
        .title(Span::styled(
            " client · last change · answered · recommendation ",
            app.theme.muted,
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    let rows = app.filtered_sessions();
    let unavailable;
    let intro = if let Some(reason) = &app.home.list_error {
        unavailable = format!("The saved assessments cannot be listed: {reason}");
        unavailable.as_str()
    } else if app.sessions.is_empty() {
        "No assessments yet. Press Enter or n to start one: scoping questions first, then readiness."
    } else if app.home.editing_filter && app.home.filter.value().is_empty() {
        "Filter: type part of a client name"
    } else {
        "Enter opens an assessment where you left it; every answer is saved as you go."
    };
    let filter = app.home.filter.value();
    let intro_style = if app.home.list_error.is_some() {
        app.theme.error
    } else {
        app.theme.muted
    };
    let mut lines = vec![if filter.is_empty() {
        Line::styled(intro, intro_style)
    } else {
        Line::from(vec![
            Span::styled("Filter: ", app.theme.muted),
            Span::styled(filter.to_owned(), app.theme.key),
            Span::styled(
                format!("  ({} of {}; Esc clears)", rows.len(), app.sessions.len()),
                app.theme.muted,
            ),
        ])
    }];
    let width = usize::from(inner.width);
    let client_width = width.saturating_sub(55).max(12);
    let new_style = if app.home.selected == 0 {
        app.theme.focus
    } else {
        app.theme.chosen
    };
    lines.push(Line::styled(fit("  + New assessment", width), new_style));
    for (index, row) in rows.iter().enumerate() {
        let style = if app.home.selected == index + 1 {
            app.theme.focus
        } else if matches!(row.state, RowState::Readable { .. }) {
            app.theme.text
        } else {
            app.theme.warn
        };
        let client = if row.client.is_empty() {
            "(no client)"
        } else {
            &row.client
        };
        let text = match &row.state {
            RowState::Readable {
                updated,
                stage,
                recommendation,
            } => format!(
                "  {}  {}  {:>14}  {}",
                fit(client, client_width),
                fit(updated, 16),
                stage.short(),
                fit(recommendation.short(), 14)
            ),
            RowState::Unreadable(reason) => {
                format!("  {}  unreadable: {reason}", fit(&row.id, client_width))
            }
        };
        lines.push(Line::styled(fit(&text, width), style));
    }
    if app.sessions.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "Tip: isoready assess --answers FILE evaluates an answers file without the TUI.",
            app.theme.muted,
        ));
    }
    // Keep the highlighted row in view: the intro line stays, the list scrolls.
    let skip = crate::tui::layout::home_scroll(app.home.selected, inner.height);
    let intro = lines.remove(0);
    let shown: Vec<Line> = std::iter::once(intro)
        .chain(lines.into_iter().skip(skip))
        .collect();
    Paragraph::new(shown).render(inner, buf);
}

/// Renders the new-session form.
pub fn render_form(app: &App, area: Rect, buf: &mut Buffer) {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.border)
        .title(Span::styled(" New assessment ", app.theme.title));
    let inner = block.inner(area);
    block.render(area, buf);
    let [intro, client, assessor, depth, about] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(2),
        Constraint::Length(2),
        Constraint::Length(2),
        Constraint::Min(0),
    ])
    .areas(inner);
    Paragraph::new("Who is assessed, who runs it, and how deep. Everything is saved as you go.")
        .style(app.theme.muted)
        .render(intro, buf);
    let field = |label: &str, value: &str, focused: bool, area: Rect, buf: &mut Buffer| {
        let style = if focused {
            app.theme.focus
        } else {
            app.theme.text
        };
        Line::from(vec![
            Span::styled(format!("{label:<22}"), app.theme.title),
            Span::styled(
                fit(value, usize::from(area.width).saturating_sub(23)),
                style,
            ),
        ])
        .render(area, buf);
    };
    let form = &app.form;
    field(
        "Client / organisation",
        form.client.value(),
        form.focus == FormField::Client,
        client,
        buf,
    );
    field(
        "Assessor",
        form.assessor.value(),
        form.focus == FormField::Assessor,
        assessor,
        buf,
    );
    let choice = |value: Depth| {
        let marker = if form.depth == value { "(•)" } else { "( )" };
        format!("{marker} {}", depth_label(value))
    };
    field(
        "Depth",
        &format!("{}   {}", choice(Depth::Quick), choice(Depth::Full)),
        form.focus == FormField::Depth,
        depth,
        buf,
    );
    let text = match form.depth {
        Depth::Quick => {
            "Quick: about 60 screens of grouped questions covering every clause and control — a 45-minute call."
        }
        Depth::Full => {
            "Full: the grouped questions plus one per clause and Annex A control (about 220) — a workshop."
        }
    };
    Paragraph::new(text)
        .style(app.theme.muted)
        .wrap(Wrap { trim: true })
        .render(about, buf);
}
