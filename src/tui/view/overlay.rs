//! Windows over the screen: key help, notes, export dialog, delete confirmation.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use crate::export::Format;
use crate::tui::app::{App, Overlay};
use crate::tui::keymap;

use super::exclusions;

pub(super) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [area] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(area);
    let [area] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    area
}

pub(super) fn window(app: &App, title: &str, area: Rect, buf: &mut Buffer) -> Rect {
    Clear.render(area, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.title)
        .title(Span::styled(format!(" {title} "), app.theme.title));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// Renders the overlay, if any, over everything else.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    match &app.overlay {
        None => {}
        Some(Overlay::Help) => help(app, area, buf),
        Some(Overlay::Notes { question, editor }) => {
            let rect = centered(area, 70, 12);
            let inner = window(app, &format!("Note on {question} — Esc saves"), rect, buf);
            editor.as_ref().render(inner, buf);
        }
        Some(Overlay::Export(dialog)) => {
            let rect = centered(area, 72, 14);
            let inner = window(app, "Export", rect, buf);
            let mut lines: Vec<Line> = Format::ALL
                .iter()
                .enumerate()
                .map(|(index, format)| {
                    let label = format.label();
                    let style = if index == dialog.format && !dialog.editing_path {
                        app.theme.focus
                    } else if index == dialog.format {
                        app.theme.chosen
                    } else {
                        app.theme.text
                    };
                    Line::styled(format!(" {label}"), style)
                })
                .collect();
            lines.push(Line::raw(""));
            let path_style = if dialog.editing_path {
                app.theme.focus
            } else {
                app.theme.text
            };
            // The path field is drawn over this row, so a long path scrolls to its cursor.
            let path_row = lines.len();
            lines.push(Line::styled(" File: ", app.theme.key));
            lines.push(Line::styled(
                " Tab edits the file name · Enter exports · Esc cancels",
                app.theme.muted,
            ));
            Paragraph::new(lines).render(inner, buf);
            if let Ok(row) = u16::try_from(path_row)
                && row < inner.height
            {
                let field = Rect::new(inner.x + 7, inner.y + row, inner.width.saturating_sub(8), 1);
                dialog
                    .path
                    .render(field, buf, path_style, dialog.editing_path);
            }
        }
        Some(Overlay::Exclusions(dialog)) => exclusions::checklist(app, dialog, area, buf),
        Some(Overlay::Justify(dialog)) => exclusions::justify(app, dialog, area, buf),
        Some(Overlay::ConfirmDelete { client, id }) => {
            let rect = centered(area, 60, 6);
            let inner = window(app, "Delete assessment?", rect, buf);
            let name = if client.is_empty() {
                id.as_str()
            } else {
                client.as_str()
            };
            Paragraph::new(vec![
                Line::raw(format!("Delete the assessment of {name}?")),
                Line::styled(
                    "Its answers and notes are removed from disk.",
                    app.theme.muted,
                ),
                Line::styled("y deletes · n keeps it", app.theme.key),
            ])
            .wrap(Wrap { trim: true })
            .render(inner, buf);
        }
    }
}

/// The key help: every binding of the screen underneath, from the same table as the footer.
fn help(app: &App, area: Rect, buf: &mut Buffer) {
    let underneath = keymap::screen_context(app);
    let bindings: Vec<_> = keymap::bindings(underneath)
        .filter(|binding| !binding.label.is_empty())
        .collect();
    let height = u16::try_from(bindings.len()).unwrap_or(20) + 4;
    let rect = centered(area, 60, height);
    let inner = window(app, "Keys — Esc closes", rect, buf);
    let mut lines: Vec<Line> = bindings
        .iter()
        .map(|binding| {
            Line::from(vec![
                Span::styled(format!(" {:<14}", binding.label), app.theme.key),
                Span::raw(binding.action),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        " The mouse works too: click an option or a section.",
        app.theme.muted,
    ));
    Paragraph::new(lines).render(inner, buf);
}
