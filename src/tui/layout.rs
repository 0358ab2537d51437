//! Screen geometry shared by the views and by mouse handling.

use ratatui::layout::{Constraint, Layout, Rect};

use crate::model::{Question, QuestionKind};

/// The smallest terminal the TUI draws in.
pub(crate) const MIN_SIZE: (u16, u16) = (80, 24);

/// Whether the terminal is too small to draw the screens.
pub(crate) fn too_small(area: Rect) -> bool {
    area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1
}

/// The frame every screen shares: header, body, banner line, footer.
pub struct Frame {
    /// Title line.
    pub header: Rect,
    /// Screen content.
    pub body: Rect,
    /// Status or error line.
    pub banner: Rect,
    /// Key hints.
    pub footer: Rect,
}

/// Splits the whole area into header, body, banner and footer.
pub fn frame(area: Rect) -> Frame {
    let [header, body, banner, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    Frame {
        header,
        body,
        banner,
        footer,
    }
}

/// How many rows of the home list scroll out of view so that the highlighted row stays
/// visible; the list sits under one intro line in a box of `inner_height` rows.
pub(crate) fn home_scroll(selected: usize, inner_height: u16) -> usize {
    let room = usize::from(inner_height).saturating_sub(1).max(1);
    selected.saturating_sub(room - 1)
}

/// The question screen's panes.
pub struct Assessment {
    /// Sections with progress.
    pub sections: Rect,
    /// Question prompt and answer input.
    pub question: Rect,
    /// Help, guidance and mapped controls.
    pub help: Rect,
    /// Live recommendation and overall progress.
    pub status: Rect,
}

/// Rows above the prompt that recall the lead of a paired question: its prompt and answer.
pub(crate) const LEAD_ROWS: u16 = 2;

/// Columns before an option's label: its number and marker, "1 ( ) ".
pub(crate) const OPTION_PREFIX: u16 = 6;

/// An option's label wrapped to the question pane's inner width, after its prefix.
pub(crate) fn option_lines(label: &str, inner_width: u16) -> Vec<String> {
    wrap(label, inner_width.saturating_sub(OPTION_PREFIX))
}

/// Rows the answer input of `question` takes: its options' wrapped labels, or one text line.
pub(crate) fn input_rows(question: &Question, inner_width: u16) -> Vec<u16> {
    match question.kind {
        QuestionKind::Text | QuestionKind::Number => vec![1],
        _ => super::input::options(question)
            .iter()
            .map(|item| u16::try_from(option_lines(&item.label, inner_width).len()).unwrap_or(1))
            .collect(),
    }
}

/// Rows each option gets in the question pane: its wrapped label when everything fits, else
/// one row each (labels cut), so that every option stays on screen. `lead_rows` are the rows
/// above the prompt (0, or [`LEAD_ROWS`] when a paired question recalls its lead); the
/// `context` lines sit between the prompt and the options.
pub(crate) fn option_heights(
    question: &Question,
    question_pane: Rect,
    lead_rows: u16,
    context: &[String],
) -> Vec<u16> {
    let inner = question_pane.width.saturating_sub(2);
    let wrapped = input_rows(question, inner);
    let prompt = prompt_lines(&question.prompt, context, inner).saturating_add(lead_rows);
    let needed = prompt_height(prompt)
        .saturating_add(wrapped.iter().sum::<u16>())
        .saturating_add(1);
    if needed <= question_pane.height {
        wrapped
    } else {
        vec![1; wrapped.len()]
    }
}

/// Splits the body of the question screen. Wide terminals get a help column; narrow ones
/// give the question pane the rows the prompt, the `context` lines and the options of
/// `question` need and the help pane the rest; `lead_rows` are the rows above the prompt, as
/// for [`option_heights`].
pub fn assessment(
    body: Rect,
    question: Option<&Question>,
    lead_rows: u16,
    context: &[String],
) -> Assessment {
    let [main, status] = Layout::vertical([Constraint::Min(0), Constraint::Length(2)]).areas(body);
    let sections_width = if body.width >= 120 { 30 } else { 24 };
    let [sections, rest] =
        Layout::horizontal([Constraint::Length(sections_width), Constraint::Min(0)]).areas(main);
    let (question, help) = if body.width >= 120 {
        let [question, help] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(rest);
        (question, help)
    } else {
        let inner = rest.width.saturating_sub(2);
        let (prompt_lines, wrapped, compact) = question.map_or((0, 0, 0), |question| {
            let prompt = prompt_lines(&question.prompt, context, inner).saturating_add(lead_rows);
            let rows = input_rows(question, inner);
            let compact = u16::try_from(rows.len()).unwrap_or(u16::MAX);
            (prompt, rows.iter().sum::<u16>(), compact)
        });
        // Wrapped option labels when they fit beside a minimal help pane, else one row each.
        let with = |options: u16| {
            prompt_height(prompt_lines)
                .saturating_add(options)
                .saturating_add(1)
        };
        let wanted = if with(wrapped) <= rest.height.saturating_sub(3) {
            with(wrapped)
        } else {
            with(compact)
        };
        // The options come first; help keeps at least a line (it shows in full when wider).
        let help_rows = rest.height.saturating_sub(wanted).max(3);
        let [question, help] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(help_rows)]).areas(rest);
        (question, help)
    };
    Assessment {
        sections,
        question,
        help,
        status,
    }
}

/// Rows a context line may take under the prompt; the rest is cut.
pub(crate) const CONTEXT_ROWS: usize = 2;

/// A context line wrapped to `width`, at most [`CONTEXT_ROWS`] rows.
pub(crate) fn context_rows(line: &str, width: u16) -> Vec<String> {
    let mut rows = wrap(line, width);
    if rows.len() > CONTEXT_ROWS {
        rows.truncate(CONTEXT_ROWS);
        if let Some(last) = rows.last_mut() {
            last.push('…');
        }
    }
    rows
}

/// Rows of the prompt and the context lines under it, wrapped to `width`.
fn prompt_lines(prompt: &str, context: &[String], width: u16) -> u16 {
    let rows = wrap(prompt, width).len()
        + context
            .iter()
            .map(|line| context_rows(line, width).len())
            .sum::<usize>();
    u16::try_from(rows).unwrap_or(u16::MAX)
}

/// Rows of the question pane: the prompt block's height, then the options start.
pub(crate) fn prompt_height(prompt_lines: u16) -> u16 {
    // Border (1) + section/question line (1) + prompt and context lines + blank line.
    1 + 1 + prompt_lines + 1
}

/// Word-wraps text to `width` columns (display width), keeping words whole where they fit.
pub(crate) fn wrap(text: &str, width: u16) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let width = usize::from(width.max(1));
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let needed = if line.is_empty() {
                word.width()
            } else {
                line.width() + 1 + word.width()
            };
            if needed > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}

/// Where the options of the current question start and how many rows they may use, given the
/// question pane, the prompt text, the rows above it and the context lines under it (as for
/// [`option_heights`]).
pub(crate) fn options_area(
    question_pane: Rect,
    prompt: &str,
    lead_rows: u16,
    context: &[String],
) -> Rect {
    let inner_width = question_pane.width.saturating_sub(2);
    let prompt_lines = prompt_lines(prompt, context, inner_width).saturating_add(lead_rows);
    let top = question_pane.y.saturating_add(prompt_height(prompt_lines));
    let bottom = question_pane.y + question_pane.height.saturating_sub(1);
    Rect {
        x: question_pane.x + 1,
        y: top.min(bottom),
        width: inner_width,
        height: bottom.saturating_sub(top),
    }
}

/// The first of `count` sections shown in a sections pane with `rows` rows inside its border,
/// so that the `current` section is on screen (near the middle when the list scrolls).
pub(crate) fn sections_scroll(current: Option<usize>, count: usize, rows: u16) -> usize {
    let rows = usize::from(rows).max(1);
    if count <= rows {
        return 0;
    }
    current
        .unwrap_or(0)
        .saturating_sub(rows / 2)
        .min(count - rows)
}

/// One row of the "Why it matters" pane: the label that starts an entry ("Maps to: "), empty
/// on the rows that continue it, and the rest of the row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpRow {
    /// The entry's label, on its first row only.
    pub label: &'static str,
    /// The text after the label.
    pub text: String,
}

/// The help of `question` (and its `note`) wrapped to `width` columns, row by row, so that
/// the view and the scrolling agree on how many rows there are.
pub(crate) fn help_rows(question: &Question, note: Option<&str>, width: u16) -> Vec<HelpRow> {
    let catalogs = crate::model::Catalogs::embedded();
    let guidance_label = if question.kind == QuestionKind::Maturity {
        "Implemented looks like: "
    } else {
        "How to answer: "
    };
    let maps: Vec<String> = question
        .maps
        .iter()
        .map(|reference| {
            let title = catalogs
                .item(reference)
                .map(|item| item.title.as_str())
                .unwrap_or_default();
            format!(
                "{} {} {title}",
                reference.standard.short_name(),
                reference.id
            )
        })
        .collect();
    let entries = [
        ("", question.help.clone()),
        (guidance_label, question.guidance.clone()),
        ("Maps to: ", maps.join(" · ")),
        ("Note: ", note.unwrap_or_default().replace('\n', " / ")),
    ];
    let mut rows = Vec::new();
    for (label, text) in entries {
        if text.trim().is_empty() {
            continue;
        }
        // Wrapped with the label in front, which is then split off again.
        for (index, line) in wrap(&format!("{label}{text}"), width)
            .into_iter()
            .enumerate()
        {
            let labelled = line
                .strip_prefix(label.trim_end())
                .filter(|_| index == 0)
                .map(|rest| rest.trim_start().to_owned());
            rows.push(match labelled {
                Some(text) => HelpRow { label, text },
                None => HelpRow {
                    label: "",
                    text: line,
                },
            });
        }
    }
    rows
}

/// How far the help pane can scroll: its rows beyond the `height` on screen.
pub(crate) fn help_scroll_max(rows: usize, height: u16) -> u16 {
    u16::try_from(rows.saturating_sub(usize::from(height))).unwrap_or(u16::MAX)
}

/// The results screen's panes.
pub struct Results {
    /// The tab line.
    pub tabs: Rect,
    /// The tab's content (summary and roadmap use all of it).
    pub body: Rect,
    /// The gaps tab: the list.
    pub list: Rect,
    /// The gaps tab: the highlighted gap's detail.
    pub detail: Rect,
}

/// Splits the body of the results screen; wide terminals put the gap detail beside the list.
pub fn results(area: Rect) -> Results {
    let [tabs, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let [list, detail] = if body.width >= 120 {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body)
    } else {
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body)
    };
    Results {
        tabs,
        body,
        list,
        detail,
    }
}
