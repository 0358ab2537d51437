//! The home screen (saved sessions) and the new-session form.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use crate::model::Depth;
use crate::text::fit;
use crate::tui::app::{App, FormField};
use crate::tui::msg::RowState;
use unicode_width::UnicodeWidthStr;

/// Renders the session list.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.border)
        .title(Span::styled(" Assessments ", app.theme.title))
        .title(Span::styled(
            " client (↺ follow-up) · last change · answered · recommendation ",
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
    } else {
        "Enter opens an assessment where you left it; every answer is saved as you go."
    };
    let filtering = app.home.editing_filter || !app.home.filter.is_empty();
    let intro_style = if app.home.list_error.is_some() {
        app.theme.error
    } else {
        app.theme.muted
    };
    // While a filter is typed or kept, the first line is its field (drawn below).
    let intro = if filtering {
        Line::raw("")
    } else {
        Line::styled(intro, intro_style)
    };
    let width = usize::from(inner.width);
    let client_width = width.saturating_sub(55).max(12);
    let new_style = if app.home.selected == 0 {
        app.theme.focus
    } else {
        app.theme.chosen
    };
    // The list under the intro: the new-assessment line, then the sessions; only the lines in
    // view are formatted, so a list of thousands costs what a screenful does.
    let entry = |index: usize| -> Line {
        let Some(row) = index.checked_sub(1).and_then(|row| rows.get(row)) else {
            return Line::styled(fit("  + New assessment", width), new_style);
        };
        let style = if app.home.selected == index {
            app.theme.focus
        } else if !matches!(row.state, RowState::Unreadable(_)) {
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
                follow_up,
            } => format!(
                "{}{}  {}  {:>14}  {}",
                if *follow_up { "↺ " } else { "  " },
                fit(client, client_width),
                fit(updated, 16),
                stage.short(),
                fit(recommendation.short(), 14)
            ),
            RowState::OtherQuestionnaire {
                updated,
                questionnaire,
            } => format!(
                "  {}  {}  {:>14}  questionnaire {questionnaire}",
                fit(client, client_width),
                fit(updated, 16),
                "-",
            ),
            RowState::Unreadable(reason) => {
                format!("  {}  unreadable: {reason}", fit(&row.id, client_width))
            }
        };
        Line::styled(fit(&text, width), style)
    };
    // Keep the highlighted row in view: the intro line stays, the list scrolls.
    let skip = crate::tui::layout::home_scroll(app.home.selected, inner.height);
    let room = usize::from(inner.height).saturating_sub(1);
    let mut shown: Vec<Line> = std::iter::once(intro)
        .chain((skip..(rows.len() + 1).min(skip + room)).map(entry))
        .collect();
    if app.sessions.is_empty() {
        shown.push(Line::raw(""));
        shown.push(Line::styled(
            "Tip: isoready assess --answers FILE evaluates an answers file without the TUI.",
            app.theme.muted,
        ));
    }
    Paragraph::new(shown).render(inner, buf);
    if filtering {
        let count = if app.home.filter.is_empty() {
            "  type part of a client name · Esc clears".to_owned()
        } else {
            format!("  {} of {} · Esc clears", rows.len(), app.sessions.len())
        };
        let [label, field, note] = Layout::horizontal([
            Constraint::Length(8),
            Constraint::Min(1),
            Constraint::Length(u16::try_from(UnicodeWidthStr::width(count.as_str())).unwrap_or(0)),
        ])
        .areas(Rect::new(inner.x, inner.y, inner.width, 1));
        Span::styled("Filter: ", app.theme.muted).render(label, buf);
        app.home
            .filter
            .render(field, buf, app.theme.key, app.home.editing_filter);
        Span::styled(count, app.theme.muted).render(note, buf);
    }
}

/// Renders the new-session form.
pub(crate) fn render_form(app: &App, area: Rect, buf: &mut Buffer) {
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
    let style = |focused: bool| {
        if focused {
            app.theme.focus
        } else {
            app.theme.text
        }
    };
    // A label column, then the field on the first row of its two.
    let split = |area: Rect| {
        Layout::horizontal([Constraint::Length(23), Constraint::Min(1)])
            .areas::<2>(Rect::new(area.x, area.y, area.width, 1))
    };
    let form = &app.form;
    for (label, field, focus, area) in [
        (
            "Client / organisation",
            &form.client,
            FormField::Client,
            client,
        ),
        ("Assessor", &form.assessor, FormField::Assessor, assessor),
    ] {
        let [label_area, field_area] = split(area);
        Span::styled(label, app.theme.title).render(label_area, buf);
        let focused = form.focus == focus;
        field.render(field_area, buf, style(focused), focused);
    }
    let field = |label: &str, value: &str, focused: bool, area: Rect, buf: &mut Buffer| {
        let [label_area, value_area] = split(area);
        Span::styled(label.to_owned(), app.theme.title).render(label_area, buf);
        Span::styled(value.to_owned(), style(focused)).render(value_area, buf);
    };
    let choice = |value: Depth| {
        let marker = if form.depth == value { "(•)" } else { "( )" };
        format!("{marker} {}", value.key())
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
