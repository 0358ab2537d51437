//! One-line text fields (filters, the new-session form, typed answers, the export path): a
//! ratatui-textarea underneath, so every field edits, scrolls sideways and shows its cursor the
//! way the note editor does.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;
use ratatui_textarea::{CursorMove, TextArea};

/// A one-line text field.
#[derive(Debug, Clone)]
pub struct TextField {
    area: TextArea<'static>,
}

impl Default for TextField {
    fn default() -> Self {
        TextField::new("")
    }
}

impl TextField {
    /// A field holding `value`, the cursor at its end.
    pub fn new(value: impl Into<String>) -> TextField {
        let mut area = TextArea::new(vec![value.into()]);
        area.move_cursor(CursorMove::End);
        area.set_cursor_line_style(Style::new());
        TextField { area }
    }

    /// The text typed.
    pub fn value(&self) -> &str {
        self.area.lines().first().map_or("", String::as_str)
    }

    /// Whether nothing is typed.
    pub fn is_empty(&self) -> bool {
        self.value().is_empty()
    }

    /// Empties the field.
    pub fn reset(&mut self) {
        *self = TextField::default();
    }

    /// Applies a key: typing, deleting, moving the cursor. Keys that would break the line are
    /// ignored: a field holds one line.
    pub fn input(&mut self, key: KeyEvent) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let breaks_line = matches!(key.code, KeyCode::Enter)
            || (ctrl && matches!(key.code, KeyCode::Char('m' | 'j')));
        if ctrl && key.code == KeyCode::Char('u') {
            // As in a shell: Ctrl-U clears what is before the cursor (the text area undoes).
            self.area.delete_line_by_head();
        } else if !breaks_line {
            self.area.input(key);
        }
    }

    /// Column of the cursor within the text, in characters.
    pub fn cursor(&self) -> usize {
        self.area.cursor().1
    }

    /// Renders the field in `area` with `style`; a focused field shows its cursor as a cell
    /// drawn the other way round (plain in a reversed field) and keeps it in view when the text
    /// is wider than the field.
    pub fn render(&self, area: Rect, buf: &mut Buffer, style: Style, focused: bool) {
        let mut shown = self.area.clone();
        shown.set_style(style);
        shown.set_cursor_style(if !focused {
            style
        } else if style.add_modifier.contains(Modifier::REVERSED) {
            style
                .remove_modifier(Modifier::REVERSED)
                .add_modifier(Modifier::UNDERLINED)
        } else {
            style.add_modifier(Modifier::REVERSED)
        });
        shown.render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn typing_edits_one_line_and_enter_never_breaks_it() {
        let mut field = TextField::new("Acme");
        for c in " Ltd".chars() {
            field.input(key(KeyCode::Char(c)));
        }
        field.input(key(KeyCode::Enter));
        field.input(KeyEvent::new(KeyCode::Char('m'), KeyModifiers::CONTROL));
        assert_eq!(field.value(), "Acme Ltd");
        field.input(key(KeyCode::Home));
        assert_eq!(field.cursor(), 0);
        field.input(key(KeyCode::Delete));
        assert_eq!(field.value(), "cme Ltd");
        field.reset();
        assert!(field.is_empty());
    }

    #[test]
    fn ctrl_u_clears_before_the_cursor_as_in_a_shell() {
        let mut field = TextField::new("A. Auditor, remembered from last time");
        field.input(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert!(field.is_empty());
        for c in "Jo Smith".chars() {
            field.input(key(KeyCode::Char(c)));
        }
        field.input(key(KeyCode::Left));
        field.input(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(field.value(), "h");
    }

    #[test]
    fn a_long_value_keeps_its_end_and_the_cursor_in_view() {
        let path = "/home/consultant/clients/northwind-clinics/2026/readiness-summary.md";
        let field = TextField::new(path);
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 1));
        field.render(buf.area, &mut buf, Style::new(), true);
        let shown: String = buf.content().iter().map(|cell| cell.symbol()).collect();
        assert!(shown.trim_end().ends_with("summary.md"), "{shown:?}");
        let cursor = buf
            .content()
            .iter()
            .position(|cell| cell.modifier.contains(Modifier::REVERSED));
        assert!(cursor.is_some(), "the cursor shows");
    }
}
