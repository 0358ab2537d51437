//! The question screen: sections with progress, the question and its input, help, live status.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Gauge, Paragraph, Widget};

use crate::model::QuestionKind;
use crate::tui::app::App;
use crate::tui::exclusions::{self, ContextLine};
use crate::tui::input;
use crate::tui::layout;

use crate::text::fit;

/// Renders the question screen.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let context = exclusions::context_lines(app);
    let shown: Vec<String> = context.iter().map(ContextLine::shown).collect();
    let panes = layout::assessment(
        area,
        app.current().map(|(_, question)| question),
        app.lead_rows(),
        &shown,
    );
    sections(app, panes.sections, buf);
    question(app, panes.question, &context, buf);
    help(app, panes.help, buf);
    status(app, panes.status, buf);
}

fn block<'a>(app: &App, title: &'a str) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.border)
        .title(Span::styled(format!(" {title} "), app.theme.title))
}

fn sections(app: &App, area: Rect, buf: &mut Buffer) {
    let rows = area.height.saturating_sub(2);
    let count = app.questionnaire.sections.len();
    let first = layout::sections_scroll(app.current_section(), count, rows);
    let below = count.saturating_sub(first + usize::from(rows));
    // Sections out of view are counted on the borders.
    let mut block = block(app, "Sections");
    if first > 0 {
        block =
            block.title(Line::styled(format!(" ↑ {first} more "), app.theme.muted).right_aligned());
    }
    if below > 0 {
        block = block.title_bottom(Span::styled(format!(" ↓ {below} more "), app.theme.muted));
    }
    let inner = block.inner(area);
    block.render(area, buf);
    let current = app.current().map(|(section, _)| section.id.as_str());
    let width = usize::from(inner.width);
    let lines: Vec<Line> = app
        .questionnaire
        .sections
        .iter()
        .enumerate()
        .skip(first)
        .take(usize::from(rows))
        .map(|(index, section)| {
            let (answered, asked) = app.section_progress(index);
            let count = if asked == 0 {
                "—".to_owned()
            } else {
                format!("{answered}/{asked}")
            };
            let title_width = width.saturating_sub(count.len() + 3);
            let text = format!(" {} {count} ", fit(&section.title, title_width));
            let style = if Some(section.id.as_str()) == current {
                app.theme.focus
            } else if asked == 0 {
                app.theme.muted
            } else if answered == asked {
                app.theme.good
            } else {
                app.theme.text
            };
            Line::styled(text, style)
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}

fn question(app: &App, area: Rect, context: &[ContextLine], buf: &mut Buffer) {
    let Some(assessment) = app.assessment.as_ref() else {
        return;
    };
    let Some((section, question)) = app.current() else {
        block(app, "Question").render(area, buf);
        return;
    };
    // The counter keeps its place on the right; the section title gets what is left.
    let counter = format!(" {} ", app.screen_label());
    let room = usize::from(area.width)
        .saturating_sub(counter.chars().count() + 6)
        .max(8);
    let title = crate::text::cut(&section.title, room);
    let block = block(app, &title).title(Line::styled(counter, app.theme.title).right_aligned());
    let inner = block.inner(area);
    block.render(area, buf);
    let answer = assessment.session.answers.get(&question.id);
    let mut marks = vec![Span::styled(question.id.clone(), app.theme.muted)];
    if assessment.session.flagged.contains(&question.id) {
        marks.push(Span::styled("  ⚑ flagged", app.theme.warn));
    }
    if assessment.session.notes.contains_key(&question.id) {
        marks.push(Span::styled("  ✎ note", app.theme.muted));
    }
    // In a follow-up, once the answer differs from last time's: the options chosen then are
    // marked; a typed or unanswered answer of then is named here.
    let previous = app.previous_answer(&question.id);
    if let Some((date, then)) = previous {
        let options = input::options(question);
        let marked = options.iter().any(|item| input::is_chosen(item, then));
        let text = if marked {
            format!("  ↺ changed since {date}")
        } else {
            let then = then.map_or_else(
                || "not answered".to_owned(),
                |then| input::describe(&options, Some(then)),
            );
            format!("  ↺ {date}: {then}")
        };
        marks.push(Span::styled(text, app.theme.warn));
    }
    if question.kind == QuestionKind::Multi {
        marks.push(Span::styled(
            "  (all that apply: Space toggles)",
            app.theme.muted,
        ));
    }
    let mut lines = vec![Line::from(marks)];
    if let Some(lead) = app.visible_lead() {
        // The lead's prompt and answer, dimmed, so this question reads as its follow-up.
        let width = usize::from(inner.width);
        let answered = input::describe(
            &input::options(lead),
            assessment.session.answers.get(&lead.id),
        );
        lines.push(Line::styled(fit(&lead.prompt, width), app.theme.muted));
        lines.push(Line::styled(
            fit(&format!("  ↳ answered: {answered}"), width),
            app.theme.muted,
        ));
    }
    for line in layout::wrap(&question.prompt, inner.width) {
        lines.push(Line::styled(line, app.theme.title));
    }
    // Wrapped and cut as the layout counts them.
    for line in context {
        let style = if line.exclusions {
            app.theme.warn
        } else {
            app.theme.key
        };
        for row in layout::context_rows(&line.shown(), inner.width) {
            lines.push(Line::styled(row, style));
        }
    }
    lines.push(Line::raw(""));
    let mut typing = None;
    match question.kind {
        QuestionKind::Text | QuestionKind::Number => {
            // The field itself is drawn over this row once the lines are laid out.
            typing = Some(lines.len());
            let hint = if assessment.input.is_empty() {
                "  type your answer, Enter saves"
            } else {
                ""
            };
            lines.push(Line::from(vec![
                Span::styled("> ", app.theme.key),
                Span::styled(hint, app.theme.muted),
            ]));
        }
        _ => {
            let shown: Vec<String> = context.iter().map(ContextLine::shown).collect();
            let heights = layout::option_heights(question, area, app.lead_rows(), &shown);
            for (index, item) in input::options(question).iter().enumerate() {
                let chosen = input::is_chosen(item, answer);
                let marker = match (question.kind, chosen) {
                    (QuestionKind::Multi, true) => "[x]",
                    (QuestionKind::Multi, false) => "[ ]",
                    (_, true) => "(•)",
                    (_, false) => "( )",
                };
                let style = if Some(index) == assessment.option {
                    app.theme.focus
                } else if chosen {
                    app.theme.chosen
                } else {
                    app.theme.text
                };
                // Long labels wrap under themselves, after the number and marker, when there is
                // room for every option; otherwise each keeps one (cut) line.
                let width = usize::from(inner.width);
                let parts = if heights.get(index).copied().unwrap_or(1) > 1 {
                    layout::option_lines(&item.label, inner.width)
                } else {
                    vec![item.label.clone()]
                };
                let then = previous
                    .filter(|(_, then)| input::is_chosen(item, *then))
                    .map(|(date, _)| format!("  ↺ {date}"));
                for (n, part) in parts.iter().enumerate() {
                    let prefix = if n == 0 {
                        format!("{} {marker} ", index + 1)
                    } else {
                        " ".repeat(usize::from(layout::OPTION_PREFIX))
                    };
                    // Last call's choice is marked at the end of its label.
                    let suffix = match &then {
                        Some(then) if n + 1 == parts.len() => then.as_str(),
                        _ => "",
                    };
                    let text = format!("{prefix}{part}{suffix}");
                    lines.push(Line::styled(fit(&text, width), style));
                }
            }
        }
    }
    Paragraph::new(lines).render(inner, buf);
    if let Some(row) = typing.and_then(|row| u16::try_from(row).ok())
        && row < inner.height
    {
        let width = if assessment.input.is_empty() {
            1
        } else {
            inner.width.saturating_sub(2)
        };
        let field = Rect::new(inner.x + 2, inner.y + row, width, 1);
        let focused = assessment.read_only.is_none() && app.overlay.is_none();
        assessment
            .input
            .render(field, buf, app.theme.focus, focused);
    }
}

fn help(app: &App, area: Rect, buf: &mut Buffer) {
    let (Some((_, question)), Some(assessment)) = (app.current(), app.assessment.as_ref()) else {
        return;
    };
    let note = assessment.session.notes.get(&question.id);
    let rows = layout::help_rows(
        question,
        note.map(String::as_str),
        area.width.saturating_sub(2),
    );
    let max = layout::help_scroll_max(rows.len(), area.height.saturating_sub(2));
    let first = assessment.help_scroll.min(max);
    let title = if max == 0 {
        "Why it matters".to_owned()
    } else {
        format!(
            "Why it matters · rows {}–{} of {} · Shift-↑↓ scrolls",
            first + 1,
            (usize::from(first) + usize::from(area.height.saturating_sub(2))).min(rows.len()),
            rows.len()
        )
    };
    let block = block(app, &title);
    let inner = block.inner(area);
    block.render(area, buf);
    let lines: Vec<Line> = rows
        .into_iter()
        .skip(usize::from(first))
        .map(|row| {
            Line::from(vec![
                Span::styled(row.label, app.theme.key),
                Span::raw(row.text),
            ])
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}

fn status(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(assessment) = app.assessment.as_ref() else {
        return;
    };
    let [line, gauge] = ratatui::layout::Layout::vertical([
        ratatui::layout::Constraint::Length(1),
        ratatui::layout::Constraint::Length(1),
    ])
    .areas(area);
    let live = &assessment.live;
    let mut spans = vec![
        Span::styled(" Recommendation: ", app.theme.muted),
        Span::styled(live.recommendation.short(), app.theme.chosen),
    ];
    let determined = live.recommendation != crate::assess::Recommendation::Undetermined;
    let ready: Vec<String> = live
        .readiness
        .iter()
        .filter(|_| determined)
        .map(|(standard, percent)| format!("{} {percent:.0}%", standard.number(),))
        .collect();
    if !ready.is_empty() {
        spans.push(Span::styled(
            format!("   ready: {}", ready.join(" · ")),
            app.theme.muted,
        ));
    }
    Line::from(spans).render(line, buf);
    let Some(stage) = app.progress() else {
        return;
    };
    Gauge::default()
        .gauge_style(app.theme.bar)
        .percent(u16::from(stage.percent()))
        .label(stage.describe())
        .render(gauge, buf);
}
