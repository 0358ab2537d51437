//! Rendering: `impl Widget for &App`. Views read the state and never change it.

mod assessment;
mod exclusions;
mod home;
mod overlay;
mod results;

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::app::{App, Screen};
use super::keymap;
use super::layout;
use super::theme::Theme;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if layout::too_small(area) {
            too_small(area, buf, &self.theme);
            return;
        }
        let frame = layout::frame(area);
        header(self, frame.header, buf);
        match self.screen {
            Screen::Home => home::render(self, frame.body, buf),
            Screen::NewSession => home::render_form(self, frame.body, buf),
            Screen::Assessment => assessment::render(self, frame.body, buf),
            Screen::Results => results::render(self, frame.body, buf),
        }
        if let Some(banner) = &self.banner {
            let style = if banner.error {
                self.theme.error
            } else {
                self.theme.good
            };
            Line::styled(format!(" {}", banner.text), style).render(frame.banner, buf);
        }
        footer(self, frame.footer, buf);
        overlay::render(self, area, buf);
        strip_unsafe(area, buf);
    }
}

/// Clears what ratatui lets through but must not reach the terminal either (bidirectional
/// controls and line separators in a name or a note): one pass over the cells drawn.
fn strip_unsafe(area: Rect, buf: &mut Buffer) {
    for position in area.positions() {
        let cell = &mut buf[position];
        if cell.symbol().contains(crate::text::is_unsafe_control) {
            let kept = crate::text::strip_controls(cell.symbol()).into_owned();
            cell.set_symbol(if kept.is_empty() { " " } else { &kept });
        }
    }
}

fn too_small(area: Rect, buf: &mut Buffer, theme: &Theme) {
    let (width, height) = layout::MIN_SIZE;
    let text = vec![
        Line::styled("Terminal too small", theme.title),
        Line::raw(format!(
            "isoready needs {width}×{height}; this one is {}×{}.",
            area.width, area.height
        )),
        Line::raw("Enlarge the window; your answers are saved."),
    ];
    Paragraph::new(text)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

fn header(app: &App, area: Rect, buf: &mut Buffer) {
    let mut spans = vec![Span::styled(" isoready ", app.theme.title)];
    if let Some(assessment) = &app.assessment
        && matches!(app.screen, Screen::Assessment | Screen::Results)
    {
        let client = if assessment.session.client.is_empty() {
            "unnamed client"
        } else {
            &assessment.session.client
        };
        spans.push(Span::styled(
            format!("· {client} · {} depth", assessment.session.depth.key()),
            app.theme.muted,
        ));
        if assessment.read_only.is_some() {
            spans.push(Span::styled(" · READ-ONLY", app.theme.warn));
        }
    }
    Line::from(spans).render(area, buf);
}

/// The footer: the context's key hints that fit, from the same table as the help overlay.
fn footer(app: &App, area: Rect, buf: &mut Buffer) {
    let mut spans = Vec::new();
    let mut used = 0usize;
    let width = usize::from(area.width);
    for binding in keymap::bindings(keymap::context(app)).filter(|binding| binding.footer) {
        let piece = binding.footer_width();
        if used + piece > width {
            break;
        }
        used += piece;
        spans.push(Span::styled(format!(" {}", binding.label), app.theme.key));
        spans.push(Span::styled(
            format!(" {} ", binding.action),
            app.theme.muted,
        ));
    }
    Line::from(spans).render(area, buf);
}
