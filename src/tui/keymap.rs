//! Keys → messages. One table per context feeds the key handling, the footer and the `?` help.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::model::QuestionKind;

use super::app::{App, FormField, Overlay, Screen};
use super::exclusions;
use super::msg::Msg;

/// A key a binding answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Key {
    /// A character key (shift included in the character).
    Ch(char),
    /// A special key.
    Code(KeyCode),
    /// Ctrl plus a letter.
    Ctrl(char),
    /// Shift plus a special key.
    Shift(KeyCode),
    /// Any digit 1–9.
    Digit,
}

/// One line of the key table.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Binding {
    /// The keys.
    pub keys: &'static [Key],
    /// How the keys are written in the footer and help.
    pub label: &'static str,
    /// What they do.
    pub action: &'static str,
    /// Shown in the footer (all bindings are shown in the help).
    pub footer: bool,
    /// The message; digit bindings receive the digit.
    pub msg: fn(u32) -> Msg,
}

impl Binding {
    /// Columns the binding takes in the footer: " label action ".
    pub(crate) fn footer_width(&self) -> usize {
        use unicode_width::UnicodeWidthStr;
        self.label.width() + self.action.width() + 3
    }
}

/// Where the keys go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The session list.
    Home,
    /// Typing a filter on the session list.
    HomeFilter,
    /// A text field of the new-session form.
    NewSession,
    /// The depth field of the new-session form.
    NewSessionDepth,
    /// A question answered by options.
    Choice,
    /// A readiness question that maps Annex A controls, which can be excluded.
    Controls,
    /// A yes/no question.
    YesNo,
    /// A text or number question.
    Typing,
    /// A question of a session open read-only elsewhere: moving and reading only.
    ReadOnly,
    /// The results screen.
    Results,
    /// Typing a search on the results' gap list.
    ResultsSearch,
    /// The notes editor.
    Notes,
    /// The export dialog.
    Export,
    /// Confirming a deletion.
    ConfirmDelete,
    /// The exclusion checklist, keys on the list of controls.
    ExclusionList,
    /// The exclusion checklist, keys on the justification.
    ExclusionText,
    /// The justification of a control's own question.
    Justify,
    /// The help overlay.
    Help,
}

use Key::{Ch, Code, Ctrl, Digit, Shift};

/// One binding; a table line reads like the help it produces.
const fn bind(
    keys: &'static [Key],
    label: &'static str,
    action: &'static str,
    footer: bool,
    msg: fn(u32) -> Msg,
) -> Binding {
    Binding {
        keys,
        label,
        action,
        footer,
        msg,
    }
}

/// A key that shares the help line of the binding before it ("↑↓"): listed nowhere itself.
const fn hidden(keys: &'static [Key], msg: fn(u32) -> Msg) -> Binding {
    bind(keys, "", "", false, msg)
}

#[rustfmt::skip]
const QUIT: &[Binding] = &[
    bind(&[Ctrl('c')], "Ctrl-C", "quit (answers are saved)", false, |_| Msg::Quit),
];

#[rustfmt::skip]
const HOME: &[Binding] = &[
    bind(&[Code(KeyCode::Up), Ch('k')], "↑↓", "move", true, |_| Msg::Up),
    hidden(&[Code(KeyCode::Down), Ch('j')], |_| Msg::Down),
    bind(&[Code(KeyCode::Enter)], "Enter", "open", true, |_| Msg::Confirm),
    bind(&[Ch('n')], "n", "new", true, |_| Msg::New),
    bind(&[Ch('e')], "e", "export", true, |_| Msg::Export),
    bind(&[Ch('f')], "f", "follow-up", true, |_| Msg::FollowUp),
    bind(&[Ch('d'), Code(KeyCode::Delete)], "d", "delete", false, |_| Msg::Delete),
    bind(&[Ch('/')], "/", "filter", true, |_| Msg::Filter),
    bind(&[Ch('q')], "q", "quit", true, |_| Msg::Quit),
    bind(&[Ch('?')], "?", "help", true, |_| Msg::Help),
    bind(&[Code(KeyCode::Esc)], "Esc", "clear the filter, or quit", false, |_| Msg::Back),
];

#[rustfmt::skip]
const HOME_FILTER: &[Binding] = &[
    bind(&[Code(KeyCode::Up)], "↑↓", "move", true, |_| Msg::Up),
    hidden(&[Code(KeyCode::Down)], |_| Msg::Down),
    bind(&[Code(KeyCode::Enter)], "Enter", "keep filter", true, |_| Msg::Confirm),
    bind(&[Code(KeyCode::Esc)], "Esc", "clear filter", true, |_| Msg::Back),
];

#[rustfmt::skip]
const FORM: &[Binding] = &[
    bind(&[Code(KeyCode::Tab), Code(KeyCode::Down)], "Tab/↓", "next field", true, |_| Msg::Next),
    bind(&[Code(KeyCode::BackTab), Code(KeyCode::Up)], "Shift-Tab/↑", "previous field", false, |_| Msg::Prev),
    bind(&[Code(KeyCode::Enter)], "Enter", "next field / start", true, |_| Msg::Confirm),
    bind(&[Code(KeyCode::Esc)], "Esc", "cancel", true, |_| Msg::Back),
];

#[rustfmt::skip]
const FORM_DEPTH: &[Binding] = &[
    bind(&[Ch(' '), Code(KeyCode::Left), Code(KeyCode::Right)], "Space/←→", "quick or full", true, |_| Msg::Toggle),
];

#[rustfmt::skip]
const CHOICE: &[Binding] = &[
    bind(&[Code(KeyCode::Up), Ch('k')], "↑↓", "highlight", false, |_| Msg::Up),
    hidden(&[Code(KeyCode::Down), Ch('j')], |_| Msg::Down),
    bind(&[Digit], "1-9", "pick", true, |digit| Msg::Pick(digit as usize)),
    bind(&[Ch(' ')], "Space", "toggle (all that apply)", false, |_| Msg::Toggle),
    bind(&[Code(KeyCode::Enter)], "Enter", "answer", false, |_| Msg::Confirm),
    bind(&[Ch('n')], "n", "notes", true, |_| Msg::Notes),
];

#[rustfmt::skip]
const YES_NO: &[Binding] = &[
    bind(&[Ch('y')], "y", "yes", true, |_| Msg::YesNo(true)),
    bind(&[Ch('n')], "n", "no", true, |_| Msg::YesNo(false)),
    bind(&[Ch('N')], "N", "notes", true, |_| Msg::Notes),
    bind(&[Code(KeyCode::Up), Ch('k')], "↑↓", "highlight", false, |_| Msg::Up),
    hidden(&[Code(KeyCode::Down), Ch('j')], |_| Msg::Down),
    bind(&[Digit], "1-2", "pick", false, |digit| Msg::Pick(digit as usize)),
    bind(&[Code(KeyCode::Enter), Ch(' ')], "Enter", "answer", false, |_| Msg::Confirm),
];

/// Moving between questions, shared by the option and yes/no questions.
#[rustfmt::skip]
const NAVIGATION: &[Binding] = &[
    bind(&[Code(KeyCode::Right), Ch('l'), Code(KeyCode::Tab)], "→", "next", true, |_| Msg::Next),
    bind(&[Code(KeyCode::Left), Ch('h'), Code(KeyCode::BackTab), Ch('b')], "←", "back", true, |_| Msg::Prev),
    bind(&[Code(KeyCode::PageDown), Ch(']')], "PgDn/]", "next section", false, |_| Msg::NextSection),
    bind(&[Code(KeyCode::PageUp), Ch('[')], "PgUp/[", "previous section", false, |_| Msg::PrevSection),
    bind(&[Ch('u')], "u", "next unanswered", false, |_| Msg::NextUnanswered),
    bind(&[Ch('c')], "c", "next answer to confirm (follow-up call)", false, |_| Msg::NextToConfirm),
    bind(&[Ch('r')], "r", "results", true, |_| Msg::Results),
    bind(&[Ch('q'), Code(KeyCode::Esc)], "q", "home", true, |_| Msg::Home),
    bind(&[Ch('d')], "d", "don't know", false, |_| Msg::DontKnow),
    bind(&[Ch('f')], "f", "flag for follow-up", false, |_| Msg::Flag),
    bind(&[Ch('N')], "N", "notes", false, |_| Msg::Notes),
    bind(&[Ch('?')], "?", "help", true, |_| Msg::Help),
];

/// Moving through a session that another isoready holds: nothing can be answered.
#[rustfmt::skip]
const READ_ONLY: &[Binding] = &[
    bind(&[Code(KeyCode::Right), Ch('l'), Code(KeyCode::Tab), Code(KeyCode::Enter)], "→", "next", true, |_| Msg::Next),
    bind(&[Code(KeyCode::Left), Ch('h'), Code(KeyCode::BackTab), Ch('b')], "←", "back", true, |_| Msg::Prev),
    bind(&[Code(KeyCode::PageDown), Ch(']')], "PgDn/]", "next section", true, |_| Msg::NextSection),
    bind(&[Code(KeyCode::PageUp), Ch('[')], "PgUp/[", "previous section", false, |_| Msg::PrevSection),
    bind(&[Ch('r')], "r", "results", true, |_| Msg::Results),
    bind(&[Ch('q'), Code(KeyCode::Esc)], "q", "home", true, |_| Msg::Home),
    bind(&[Ch('?')], "?", "help", true, |_| Msg::Help),
];

/// Scrolling the help of a question; before the tables that take ↑↓ without Shift.
#[rustfmt::skip]
const HELP_SCROLL: &[Binding] = &[
    bind(&[Shift(KeyCode::Down)], "Shift-↑↓", "scroll the help", false, |_| Msg::ScrollHelp(1)),
    hidden(&[Shift(KeyCode::Up)], |_| Msg::ScrollHelp(-1)),
];

/// The exclusions of a question that maps Annex A controls.
#[rustfmt::skip]
const EXCLUDE: &[Binding] = &[
    bind(&[Ch('x')], "x", "exclusions", true, |_| Msg::EditExclusions),
];

#[rustfmt::skip]
const EXCLUSION_LIST: &[Binding] = &[
    bind(&[Code(KeyCode::Up), Ch('k')], "↑↓", "move", true, |_| Msg::Up),
    hidden(&[Code(KeyCode::Down), Ch('j')], |_| Msg::Down),
    bind(&[Ch(' ')], "Space", "tick", true, |_| Msg::Toggle),
    bind(&[Ch('a')], "a", "all", true, |_| Msg::SelectAll),
    bind(&[Ch('n')], "n", "none", true, |_| Msg::SelectNone),
    bind(&[Code(KeyCode::Tab), Code(KeyCode::BackTab)], "Tab", "reason", true, |_| Msg::Next),
    bind(&[Code(KeyCode::Enter)], "Enter", "confirm", true, |_| Msg::Confirm),
    bind(&[Code(KeyCode::Esc)], "Esc", "cancel", true, |_| Msg::Back),
];

#[rustfmt::skip]
const EXCLUSION_TEXT: &[Binding] = &[
    bind(&[Code(KeyCode::Enter)], "Enter", "confirm", true, |_| Msg::Confirm),
    bind(&[Code(KeyCode::Tab), Code(KeyCode::BackTab)], "Tab", "back to the controls", true, |_| Msg::Next),
    bind(&[Code(KeyCode::Esc)], "Esc", "cancel", true, |_| Msg::Back),
];

#[rustfmt::skip]
const JUSTIFY: &[Binding] = &[
    bind(&[Code(KeyCode::Enter)], "Enter", "confirm", true, |_| Msg::Confirm),
    bind(&[Code(KeyCode::Esc)], "Esc", "cancel (answer unchanged)", true, |_| Msg::Back),
];

#[rustfmt::skip]
const TYPING: &[Binding] = &[
    bind(&[Code(KeyCode::Enter)], "Enter", "save & next", true, |_| Msg::Confirm),
    bind(&[Code(KeyCode::Tab)], "Tab", "next", true, |_| Msg::Next),
    bind(&[Code(KeyCode::BackTab)], "Shift-Tab", "back", true, |_| Msg::Prev),
    bind(&[Code(KeyCode::PageDown)], "PgDn", "next section", false, |_| Msg::NextSection),
    bind(&[Code(KeyCode::PageUp)], "PgUp", "previous section", false, |_| Msg::PrevSection),
    bind(&[Ctrl('n')], "Ctrl-N", "notes", true, |_| Msg::Notes),
    bind(&[Ctrl('f')], "Ctrl-F", "flag", false, |_| Msg::Flag),
    bind(&[Code(KeyCode::F(1))], "F1", "help", true, |_| Msg::Help),
    bind(&[Code(KeyCode::Esc)], "Esc", "home", true, |_| Msg::Home),
];

#[rustfmt::skip]
const RESULTS: &[Binding] = &[
    bind(&[Code(KeyCode::Tab), Code(KeyCode::Right), Ch('l')], "Tab/→", "tabs", true, |_| Msg::Next),
    bind(&[Code(KeyCode::BackTab), Code(KeyCode::Left), Ch('h')], "Shift-Tab/←", "previous tab", false, |_| Msg::Prev),
    // Before ↑↓, which would take the shifted arrows too.
    bind(&[Shift(KeyCode::Down)], "Shift-↑↓", "scroll the gap's detail", false, |_| Msg::ScrollHelp(1)),
    hidden(&[Shift(KeyCode::Up)], |_| Msg::ScrollHelp(-1)),
    bind(&[Code(KeyCode::Up), Ch('k')], "↑↓", "move", true, |_| Msg::Up),
    hidden(&[Code(KeyCode::Down), Ch('j')], |_| Msg::Down),
    bind(&[Code(KeyCode::Enter)], "Enter", "question", true, |_| Msg::Confirm),
    bind(&[Code(KeyCode::Esc), Ch('b')], "Esc", "questions", true, |_| Msg::Back),
    bind(&[Ch('q')], "q", "home", true, |_| Msg::Home),
    bind(&[Ch('e')], "e", "export", true, |_| Msg::Export),
    bind(&[Ch('?')], "?", "help", true, |_| Msg::Help),
    bind(&[Code(KeyCode::PageDown)], "PgDn/PgUp", "page down / up", false, |_| Msg::Page(1)),
    hidden(&[Code(KeyCode::PageUp)], |_| Msg::Page(-1)),
    bind(&[Code(KeyCode::Home)], "Home/End", "first / last", false, |_| Msg::Edge(false)),
    hidden(&[Code(KeyCode::End)], |_| Msg::Edge(true)),
    bind(&[Ch('/')], "/", "search the gaps", false, |_| Msg::Filter),
];

#[rustfmt::skip]
const RESULTS_SEARCH: &[Binding] = &[
    bind(&[Code(KeyCode::Up)], "↑↓", "move", true, |_| Msg::Up),
    hidden(&[Code(KeyCode::Down)], |_| Msg::Down),
    bind(&[Code(KeyCode::Enter)], "Enter", "keep the search", true, |_| Msg::Confirm),
    bind(&[Code(KeyCode::Esc)], "Esc", "clear the search", true, |_| Msg::Back),
];

#[rustfmt::skip]
const NOTES: &[Binding] = &[
    bind(&[Code(KeyCode::Esc)], "Esc", "save note and close", true, |_| Msg::Back),
];

#[rustfmt::skip]
const EXPORT: &[Binding] = &[
    bind(&[Code(KeyCode::Up)], "↑↓", "format", true, |_| Msg::Up),
    hidden(&[Code(KeyCode::Down)], |_| Msg::Down),
    bind(&[Code(KeyCode::Tab)], "Tab", "edit path", true, |_| Msg::Next),
    bind(&[Code(KeyCode::Enter)], "Enter", "export", true, |_| Msg::Confirm),
    bind(&[Code(KeyCode::Esc)], "Esc", "cancel", true, |_| Msg::Back),
];

#[rustfmt::skip]
const CONFIRM_DELETE: &[Binding] = &[
    bind(&[Ch('y')], "y", "delete", true, |_| Msg::Confirm),
    bind(&[Ch('n'), Code(KeyCode::Esc)], "n/Esc", "keep", true, |_| Msg::Back),
];

#[rustfmt::skip]
const HELP: &[Binding] = &[
    bind(&[Code(KeyCode::Esc), Ch('?'), Ch('q'), Code(KeyCode::F(1))], "Esc", "close help", true, |_| Msg::Back),
];

/// The context the keys go to now.
pub fn context(app: &App) -> Context {
    match &app.overlay {
        Some(Overlay::Help) => Context::Help,
        Some(Overlay::Notes { .. }) => Context::Notes,
        Some(Overlay::Export(_)) => Context::Export,
        Some(Overlay::ConfirmDelete { .. }) => Context::ConfirmDelete,
        Some(Overlay::Exclusions(dialog)) if dialog.editing => Context::ExclusionText,
        Some(Overlay::Exclusions(_)) => Context::ExclusionList,
        Some(Overlay::Justify(_)) => Context::Justify,
        None => screen_context(app),
    }
}

/// The context of the screen under any overlay (the key help lists it).
pub(crate) fn screen_context(app: &App) -> Context {
    match app.screen {
        Screen::Home if app.home.editing_filter => Context::HomeFilter,
        Screen::Home => Context::Home,
        Screen::NewSession if app.form.focus == FormField::Depth => Context::NewSessionDepth,
        Screen::NewSession => Context::NewSession,
        Screen::Results
            if app
                .assessment
                .as_ref()
                .is_some_and(|assessment| assessment.searching) =>
        {
            Context::ResultsSearch
        }
        Screen::Results => Context::Results,
        Screen::Assessment
            if app
                .assessment
                .as_ref()
                .is_some_and(|assessment| assessment.read_only.is_some()) =>
        {
            Context::ReadOnly
        }
        Screen::Assessment => match app.current().map(|(_, question)| question) {
            Some(question)
                if matches!(question.kind, QuestionKind::Text | QuestionKind::Number) =>
            {
                Context::Typing
            }
            Some(question) if question.kind == QuestionKind::YesNo => Context::YesNo,
            Some(question)
                if question.kind == QuestionKind::Maturity
                    && !exclusions::controls(question).is_empty() =>
            {
                Context::Controls
            }
            _ => Context::Choice,
        },
    }
}

/// The key table of a context: its own keys, then those it shares, then Ctrl-C.
pub(crate) fn bindings(context: Context) -> impl Iterator<Item = &'static Binding> {
    let parts: [&'static [Binding]; 4] = match context {
        Context::Home => [HOME, &[], &[], &[]],
        Context::HomeFilter => [HOME_FILTER, &[], &[], &[]],
        Context::NewSession => [FORM, &[], &[], &[]],
        Context::NewSessionDepth => [FORM_DEPTH, FORM, &[], &[]],
        Context::Choice => [HELP_SCROLL, CHOICE, NAVIGATION, &[]],
        Context::Controls => [HELP_SCROLL, CHOICE, NAVIGATION, EXCLUDE],
        Context::YesNo => [HELP_SCROLL, YES_NO, NAVIGATION, &[]],
        Context::Typing => [HELP_SCROLL, TYPING, &[], &[]],
        Context::ReadOnly => [HELP_SCROLL, READ_ONLY, &[], &[]],
        Context::Results => [RESULTS, &[], &[], &[]],
        Context::ResultsSearch => [RESULTS_SEARCH, &[], &[], &[]],
        Context::Notes => [NOTES, &[], &[], &[]],
        Context::Export => [EXPORT, &[], &[], &[]],
        Context::ConfirmDelete => [CONFIRM_DELETE, &[], &[], &[]],
        Context::ExclusionList => [EXCLUSION_LIST, &[], &[], &[]],
        Context::ExclusionText => [EXCLUSION_TEXT, &[], &[], &[]],
        Context::Justify => [JUSTIFY, &[], &[], &[]],
        Context::Help => [HELP, &[], &[], &[]],
    };
    parts.into_iter().chain([QUIT]).flatten()
}

/// Whether text typed in this context goes to a field.
fn takes_text(context: Context) -> bool {
    matches!(
        context,
        Context::HomeFilter
            | Context::ResultsSearch
            | Context::NewSession
            | Context::Typing
            | Context::Notes
            | Context::Export
            | Context::ExclusionText
            | Context::Justify
    )
}

fn matches(key: Key, event: &KeyEvent) -> Option<u32> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    match (key, event.code) {
        (Key::Ctrl(c), KeyCode::Char(pressed)) if ctrl && pressed.eq_ignore_ascii_case(&c) => {
            Some(0)
        }
        (_, _) if ctrl => None,
        (Key::Shift(code), pressed) if event.modifiers.contains(KeyModifiers::SHIFT) => {
            (pressed == code).then_some(0)
        }
        (Key::Ch(c), KeyCode::Char(pressed)) if pressed == c => Some(0),
        (Key::Digit, KeyCode::Char(pressed)) => pressed.to_digit(10).filter(|d| *d > 0),
        (Key::Code(code), pressed) if pressed == code => Some(0),
        _ => None,
    }
}

/// The message for a key press in the app's current context.
pub fn to_msg(app: &App, event: KeyEvent) -> Option<Msg> {
    let context = context(app);
    let found = bindings(context).find_map(|binding| {
        binding
            .keys
            .iter()
            .find_map(|&key| matches(key, &event))
            .map(|digit| (binding, digit))
    });
    match found {
        Some((binding, digit)) => Some((binding.msg)(digit)),
        None if takes_text(context) => Some(Msg::Edit(event)),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_footer_fits_the_smallest_terminal() {
        use Context::*;
        // A context added to the enum and not to the list below does not compile.
        let _every_context_is_listed = |context: Context| match context {
            Home | HomeFilter | NewSession | NewSessionDepth | Choice | Controls | YesNo
            | Typing | ReadOnly | Results | ResultsSearch | Notes | Export | ConfirmDelete
            | ExclusionList | ExclusionText | Justify | Help => (),
        };
        for context in [
            Home,
            HomeFilter,
            NewSession,
            NewSessionDepth,
            Choice,
            Controls,
            YesNo,
            Typing,
            ReadOnly,
            Results,
            ResultsSearch,
            Notes,
            Export,
            ConfirmDelete,
            ExclusionList,
            ExclusionText,
            Justify,
            Help,
        ] {
            let width: usize = bindings(context)
                .filter(|binding| binding.footer)
                .map(Binding::footer_width)
                .sum();
            assert!(
                width <= usize::from(crate::tui::layout::MIN_SIZE.0),
                "{context:?}: {width}"
            );
        }
    }
}
