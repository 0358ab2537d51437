//! Styles in one place: a colour theme and a monochrome one (bold, reversed, underlined only).

use ratatui::style::{Color, Modifier, Style};

/// Every style the views use.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    /// Ordinary text.
    pub text: Style,
    /// Secondary text: hints, help, counts.
    pub muted: Style,
    /// Titles and headings.
    pub title: Style,
    /// The focused row or option.
    pub focus: Style,
    /// A chosen option.
    pub chosen: Style,
    /// Keys in hints.
    pub key: Style,
    /// Good news: implemented, saved.
    pub good: Style,
    /// Warnings: flags, unanswered.
    pub warn: Style,
    /// Errors: failed saves.
    pub error: Style,
    /// Filled part of bars and gauges.
    pub bar: Style,
    /// Borders.
    pub border: Style,
}

impl Theme {
    /// The colour theme.
    pub fn color() -> Theme {
        Theme {
            text: Style::new(),
            muted: Style::new().fg(Color::Gray),
            title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            focus: Style::new().fg(Color::Black).bg(Color::Cyan),
            chosen: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            key: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            good: Style::new().fg(Color::Green),
            warn: Style::new().fg(Color::Yellow),
            error: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            bar: Style::new().fg(Color::Cyan),
            border: Style::new().fg(Color::DarkGray),
        }
    }

    /// The monochrome theme for `NO_COLOR` and `--color never`.
    pub fn monochrome() -> Theme {
        let plain = Style::new();
        Theme {
            text: plain,
            muted: plain,
            title: plain.add_modifier(Modifier::BOLD),
            focus: plain.add_modifier(Modifier::REVERSED),
            chosen: plain.add_modifier(Modifier::BOLD),
            key: plain.add_modifier(Modifier::BOLD),
            good: plain,
            warn: plain.add_modifier(Modifier::UNDERLINED),
            error: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            bar: plain,
            border: plain,
        }
    }
}
