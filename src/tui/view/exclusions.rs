//! The windows of "not applicable": the exclusion checklist and the justification prompt.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::overlay::{centered, window};
use crate::model::Maturity;
use crate::text::fit;
use crate::tui::app::{App, ExclusionDialog, JustifyDialog};
use crate::tui::exclusions;
use crate::tui::layout;

/// Rows of the justification box: its border and two lines of text.
const FIELD_ROWS: u16 = 4;

/// The answer a checklist keeps or sets, as the intro tells it.
fn intro(app: &App, dialog: &ExclusionDialog) -> String {
    match &dialog.answer {
        Some(_) => format!(
            "{} answered \"{}\". Tick each control that does not apply to this organisation; the others stay to confirm.",
            dialog.question,
            Maturity::NotApplicable.label()
        ),
        None => {
            let answer = app
                .assessment
                .as_ref()
                .and_then(|a| a.session.answers.get(&dialog.question))
                .and_then(|answer| answer.as_maturity())
                .map_or("unanswered", Maturity::label);
            format!(
                "Exclusions of {}; its answer stays \"{answer}\". Tick each control that does not apply to this organisation.",
                dialog.question
            )
        }
    }
}

/// The hint or problem line under a justification field.
fn hint<'a>(app: &App, problem: Option<&'a str>, hint: &'a str) -> Line<'a> {
    match problem {
        Some(problem) => Line::styled(problem, app.theme.error),
        None => Line::styled(hint, app.theme.muted),
    }
}

/// The exclusion checklist.
pub fn checklist(app: &App, dialog: &ExclusionDialog, area: Rect, buf: &mut Buffer) {
    let width = 76.min(area.width);
    let intro = layout::wrap(&intro(app, dialog), width.saturating_sub(2));
    let intro_rows = u16::try_from(intro.len()).unwrap_or(2);
    let rows = u16::try_from(dialog.controls.len()).unwrap_or(u16::MAX);
    let height = rows
        .saturating_add(intro_rows)
        .saturating_add(FIELD_ROWS + 4);
    let rect = centered(area, width, height);
    let title = match dialog.answer {
        Some(_) => "Not applicable: which controls are excluded?",
        None => "Exclusions from the Statement of Applicability",
    };
    let inner = window(app, title, rect, buf);
    let [intro_area, list, _, field, hint_area] = Layout::vertical([
        Constraint::Length(intro_rows),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(FIELD_ROWS),
        Constraint::Length(1),
    ])
    .areas(inner);
    Paragraph::new(intro.into_iter().map(Line::raw).collect::<Vec<_>>()).render(intro_area, buf);

    // The controls, scrolled so that the highlighted one shows.
    let visible = usize::from(list.height.max(1));
    let skip = dialog.highlighted.saturating_sub(visible - 1);
    let mixed = dialog
        .controls
        .windows(2)
        .any(|pair| pair[0].0.reference.standard != pair[1].0.reference.standard);
    let id_width = dialog
        .controls
        .iter()
        .map(|(control, _)| control.reference.id.chars().count())
        .max()
        .unwrap_or(0);
    let lines: Vec<Line> = dialog
        .controls
        .iter()
        .enumerate()
        .skip(skip)
        .take(visible)
        .map(|(index, (control, ticked))| {
            let mark = if *ticked { "[x]" } else { "[ ]" };
            let standard = if mixed {
                format!("{} ", control.reference.standard.short_name())
            } else {
                String::new()
            };
            let text = format!(
                " {mark} {standard}{:<id_width$}  {}",
                control.reference.id, control.title
            );
            let style = if index == dialog.highlighted && !dialog.editing {
                app.theme.focus
            } else if *ticked {
                app.theme.chosen
            } else {
                app.theme.text
            };
            Line::styled(fit(&text, usize::from(list.width)), style)
        })
        .collect();
    Paragraph::new(lines).render(list, buf);

    dialog.justification.as_ref().render(field, buf);
    // Unticked controls are to confirm only under a "not applicable" answer.
    let pending = dialog.answer.is_some()
        || exclusions::is_not_applicable(
            app.assessment
                .as_ref()
                .and_then(|a| a.session.answers.get(&dialog.question)),
        );
    let text = match (dialog.differing, pending) {
        (true, _) => "These controls had different justifications: the one above replaces them.",
        (false, true) => {
            "One justification for all ticked controls; unticked ones stay to confirm."
        }
        (false, false) => "One justification for all ticked controls.",
    };
    hint(app, dialog.problem.as_deref(), text).render(hint_area, buf);
}

/// The justification prompt of a control's own question.
pub(crate) fn justify(app: &App, dialog: &JustifyDialog, area: Rect, buf: &mut Buffer) {
    let width = 72.min(area.width);
    let control = &dialog.control;
    let intro = layout::wrap(
        &format!(
            "{} maps one Annex A control, {} {}. Why does it not apply to this organisation? The note on the question keeps it and the Statement of Applicability states it.",
            dialog.question,
            control.reference.standard.short_name(),
            control.label()
        ),
        width.saturating_sub(2),
    );
    let intro_rows = u16::try_from(intro.len()).unwrap_or(3);
    let rect = centered(area, width, intro_rows.saturating_add(FIELD_ROWS + 4));
    let title = format!("Not applicable: why not {}?", control.reference.id);
    let inner = window(app, &title, rect, buf);
    let [intro_area, _, field, hint_area] = Layout::vertical([
        Constraint::Length(intro_rows),
        Constraint::Length(1),
        Constraint::Length(FIELD_ROWS),
        Constraint::Length(1),
    ])
    .areas(inner);
    Paragraph::new(intro.into_iter().map(Line::raw).collect::<Vec<_>>()).render(intro_area, buf);
    dialog.justification.as_ref().render(field, buf);
    hint(
        app,
        dialog.problem.as_deref(),
        "Enter answers not applicable with this justification · Esc cancels",
    )
    .render(hint_area, buf);
}
