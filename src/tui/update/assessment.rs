//! The question screen: answering, moving, flags, notes and don't know.

use ratatui::layout::{Position, Rect};

use super::{go_home, refuse_read_only, save, step};
use crate::model::{AnswerValue, Maturity, QuestionKind};
use crate::tui::app::{App, Banner, Overlay, Screen};
use crate::tui::exclusions;
use crate::tui::input;
use crate::tui::layout;
use crate::tui::msg::{Effect, Msg};

pub(super) fn assessment(app: &mut App, msg: Msg) -> Vec<Effect> {
    let Some((section, question)) = app.current() else {
        return match msg {
            Msg::Home => go_home(app),
            _ => Vec::new(),
        };
    };
    let kind = question.kind;
    let id = question.id.clone();
    let section_id = section.id.clone();
    let options = input::options(question);
    let prompt = question.prompt.clone();
    // Leaving a text or number question keeps what was typed (Enter is not required).
    let mut kept = match msg {
        Msg::Next | Msg::Prev | Msg::NextSection | Msg::PrevSection | Msg::Results => {
            match commit_typed(app) {
                Some(effects) => effects,
                // A number that does not parse: stay, with the message shown.
                None => return Vec::new(),
            }
        }
        _ => Vec::new(),
    };
    kept.extend(answer_message(
        app,
        msg,
        &id,
        kind,
        &section_id,
        &options,
        &prompt,
    ));
    kept
}

/// Keeps the text typed into the current text or number question if it changed. `None` when
/// a number does not parse: it stays in the field, with a message.
pub(super) fn commit_typed(app: &mut App) -> Option<Vec<Effect>> {
    let Some((_, question)) = app.current() else {
        return Some(Vec::new());
    };
    if !matches!(question.kind, QuestionKind::Text | QuestionKind::Number) {
        return Some(Vec::new());
    }
    let id = question.id.clone();
    let assessment = app.assessment.as_ref()?;
    let typed = assessment.input.value().to_owned();
    if typed.trim() == input::text_of(assessment.session.answers.get(&id)).trim() {
        return Some(Vec::new());
    }
    match input::parse_typed(question.kind, &typed) {
        Ok(value) => Some(set_answer(app, &id, value)),
        Err(problem) => {
            app.banner = Some(Banner {
                text: problem,
                error: true,
            });
            None
        }
    }
}

fn answer_message(
    app: &mut App,
    msg: Msg,
    id: &str,
    kind: QuestionKind,
    section_id: &str,
    options: &[input::OptionItem],
    prompt: &str,
) -> Vec<Effect> {
    let id = id.to_owned();
    match msg {
        Msg::Up => with_assessment(app, |a| {
            a.option = Some(a.option.map_or(0, |o| o.saturating_sub(1)))
        }),
        Msg::Down => with_assessment(app, |a| {
            a.option = Some(
                a.option
                    .map_or(0, |o| (o + 1).min(options.len().saturating_sub(1))),
            )
        }),
        Msg::Scroll(delta) => with_assessment(app, |a| {
            a.option = Some(a.option.map_or(0, |o| step(o, delta, options.len())))
        }),
        Msg::ScrollHelp(delta) => scroll_help(app, delta),
        Msg::Next => move_to(app, Some(1)),
        Msg::Prev => move_to(app, Some(-1)),
        Msg::NextSection => jump_section(app, section_id, true),
        Msg::PrevSection => jump_section(app, section_id, false),
        Msg::NextUnanswered => next_unanswered(app),
        Msg::NextToConfirm => super::follow_up::next_to_confirm(app),
        Msg::Pick(number) => return pick(app, &id, kind, number, options.len()),
        Msg::Toggle => {
            return match app.assessment.as_ref().and_then(|a| a.option) {
                Some(option) => choose(app, &id, option, false),
                None => Vec::new(),
            };
        }
        Msg::YesNo(value) => {
            let effects = set_answer(app, &id, Some(AnswerValue::Bool(value)));
            if !effects.is_empty() {
                move_to(app, Some(1));
            }
            return effects;
        }
        Msg::Confirm => return confirm(app, &id, kind),
        Msg::DontKnow | Msg::Flag | Msg::Notes | Msg::EditExclusions if refuse_read_only(app) => {}
        Msg::EditExclusions => {
            let opened = super::exclusions::open_checklist(app, &id, None, false);
            if !opened {
                app.banner = Some(Banner {
                    text: NOTHING_TO_EXCLUDE.to_owned(),
                    error: true,
                });
            }
        }
        Msg::DontKnow => return dont_know(app, &id, kind),
        Msg::Flag => {
            if let Some(assessment) = app.assessment.as_mut()
                && !assessment.session.flagged.remove(&id)
            {
                assessment.session.flagged.insert(id);
            }
            return save(app);
        }
        Msg::Notes => {
            let note = app
                .assessment
                .as_ref()
                .and_then(|a| a.session.notes.get(&id).cloned())
                .unwrap_or_default();
            app.overlay = Some(Overlay::Notes {
                question: id,
                editor: super::notes::editor(&note),
            });
        }
        Msg::Edit(key) => {
            with_assessment(app, |a| a.input.input(key));
        }
        Msg::Help => app.overlay = Some(Overlay::Help),
        Msg::Results => {
            app.screen = Screen::Results;
            return save(app);
        }
        Msg::Home | Msg::Back => return go_home(app),
        Msg::Click { column, row } => return click(app, &id, kind, prompt, column, row),
        _ => {}
    }
    Vec::new()
}

/// Said when `x` is pressed on a question that maps no Annex A control.
const NOTHING_TO_EXCLUDE: &str =
    "This question maps no Annex A control: nothing to exclude (clauses 4–10 never are).";

/// Option `number` (from 1) of the current question, of `count`; a single answer moves on.
fn pick(app: &mut App, id: &str, kind: QuestionKind, number: usize, count: usize) -> Vec<Effect> {
    if number == 0 || number > count {
        return Vec::new();
    }
    with_assessment(app, |a| a.option = Some(number - 1));
    let effects = choose(app, id, number - 1, kind != QuestionKind::Multi);
    if kind != QuestionKind::Multi && !effects.is_empty() {
        move_to(app, Some(1));
    }
    effects
}

/// Don't know, and move on: "unknown" on a readiness question; elsewhere the question is left
/// open and flagged, in one save.
fn dont_know(app: &mut App, id: &str, kind: QuestionKind) -> Vec<Effect> {
    let effects = if kind == QuestionKind::Maturity {
        set_answer(
            app,
            id,
            Some(AnswerValue::Text(Maturity::Unknown.key().to_owned())),
        )
    } else {
        if let Some(assessment) = app.assessment.as_mut() {
            assessment.session.answers.remove(id);
            assessment.session.flagged.insert(id.to_owned());
        }
        app.refresh();
        let effects = save(app);
        app.banner = Some(Banner {
            text: "Left unanswered and flagged for follow-up.".to_owned(),
            error: false,
        });
        effects
    };
    move_to(app, Some(1));
    effects
}

fn with_assessment(app: &mut App, change: impl FnOnce(&mut crate::tui::app::Assessment)) {
    if let Some(assessment) = app.assessment.as_mut() {
        change(assessment);
    }
}

/// Answers the current question directly, without moving on.
pub(super) fn answer_current(app: &mut App, value: Option<AnswerValue>) -> Vec<Effect> {
    match app.current().map(|(_, question)| question.id.clone()) {
        Some(id) => set_answer(app, &id, value),
        None => Vec::new(),
    }
}

/// Stores an answer (or removes it), recomputes what is asked, and saves.
fn set_answer(app: &mut App, id: &str, value: Option<AnswerValue>) -> Vec<Effect> {
    if refuse_read_only(app) {
        return Vec::new();
    }
    let Some(assessment) = app.assessment.as_mut() else {
        return Vec::new();
    };
    assessment.record_answer(id, value);
    app.refresh();
    if !app.banner.as_ref().is_some_and(|banner| banner.error) {
        app.banner = None;
    }
    save(app)
}

/// Answers with option `option`. "Not applicable" on a question that maps Annex A controls
/// first asks which are excluded and why; the answer changes once that is confirmed (and then
/// moves on if `advance`).
fn choose(app: &mut App, id: &str, option: usize, advance: bool) -> Vec<Effect> {
    let Some((_, question)) = app.current() else {
        return Vec::new();
    };
    let current = app
        .assessment
        .as_ref()
        .and_then(|a| a.session.answers.get(id));
    let covers_clauses = exclusions::covers_clauses(question);
    let Some(value) = input::pick(question, current, option) else {
        return Vec::new();
    };
    let not_applicable = exclusions::is_not_applicable(value.as_ref());
    if not_applicable && super::exclusions::ask(app, id, advance) {
        return Vec::new();
    }
    let effects = set_answer(app, id, value);
    if covers_clauses && not_applicable && !effects.is_empty() {
        app.banner = Some(Banner {
            text: exclusions::CLAUSE_WARNING.to_owned(),
            error: true,
        });
    }
    effects
}

fn confirm(app: &mut App, id: &str, kind: QuestionKind) -> Vec<Effect> {
    let effects = match kind {
        QuestionKind::Text | QuestionKind::Number => {
            let Some((_, question)) = app.current() else {
                return Vec::new();
            };
            let typed = app
                .assessment
                .as_ref()
                .map(|a| a.input.value().to_owned())
                .unwrap_or_default();
            match input::parse_typed(question.kind, &typed) {
                Ok(value) => set_answer(app, id, value),
                Err(problem) => {
                    app.banner = Some(Banner {
                        text: problem,
                        error: true,
                    });
                    return Vec::new();
                }
            }
        }
        // A multi answer is toggled with Space; Enter moves on.
        QuestionKind::Multi => Vec::new(),
        // Enter answers with the highlighted option; with none highlighted it only moves on.
        _ => match app.assessment.as_ref().and_then(|a| a.option) {
            Some(option) => choose(app, id, option, true),
            None => Vec::new(),
        },
    };
    // A window asking what "not applicable" excludes moves on once it is confirmed.
    if app.overlay.is_none() {
        move_to(app, Some(1));
    }
    effects
}

/// Moves by `delta` questions; past the last one, shows the results.
pub(super) fn move_to(app: &mut App, delta: Option<isize>) {
    let Some(assessment) = app.assessment.as_mut() else {
        return;
    };
    let last = assessment.visible.len().saturating_sub(1);
    match delta {
        Some(delta) if delta > 0 && assessment.cursor >= last => {
            app.screen = Screen::Results;
            app.banner = Some(Banner {
                text: "End of the questions: here are the results. Esc goes back.".to_owned(),
                error: false,
            });
            return;
        }
        Some(delta) => {
            assessment.cursor = assessment.cursor.saturating_add_signed(delta).min(last);
        }
        None => {}
    }
    app.sync_cursor();
}

fn jump_section(app: &mut App, section_id: &str, forward: bool) {
    let section_of = |app: &App, flat: usize| app.flat[flat].0;
    let Some(assessment) = app.assessment.as_ref() else {
        return;
    };
    let cursor = assessment.cursor;
    let current = app
        .questionnaire
        .sections
        .iter()
        .position(|section| section.id == section_id)
        .unwrap_or(0);
    let visible = &assessment.visible;
    let target = if forward {
        visible
            .iter()
            .position(|&flat| section_of(app, flat) > current)
    } else {
        let start = visible
            .iter()
            .position(|&flat| section_of(app, flat) == current)
            .unwrap_or(0);
        if start < cursor {
            Some(start)
        } else {
            let previous = visible[..start].last().map(|&flat| section_of(app, flat));
            previous.and_then(|p| visible.iter().position(|&flat| section_of(app, flat) == p))
        }
    };
    if let Some(target) = target {
        with_assessment(app, |a| a.cursor = target);
        app.sync_cursor();
    }
}

fn next_unanswered(app: &mut App) {
    let Some(assessment) = app.assessment.as_ref() else {
        return;
    };
    let count = assessment.visible.len();
    let found = (1..=count)
        .map(|offset| (assessment.cursor + offset) % count)
        .find(|&position| {
            let (_, question) = app.entry(assessment.visible[position]);
            !assessment.session.answers.contains_key(&question.id)
        });
    match found {
        Some(position) => {
            with_assessment(app, |a| a.cursor = position);
            app.sync_cursor();
        }
        None => {
            app.banner = Some(Banner {
                text: "Every question asked has an answer. Press r for the results.".to_owned(),
                error: false,
            });
        }
    }
}

fn click(
    app: &mut App,
    id: &str,
    kind: QuestionKind,
    prompt: &str,
    column: u16,
    row: u16,
) -> Vec<Effect> {
    let body = layout::frame(Rect::new(0, 0, app.size.0, app.size.1)).body;
    let lead_rows = app.lead_rows();
    let context = exclusions::shown_context(app);
    let panes = layout::assessment(
        body,
        app.current().map(|(_, question)| question),
        lead_rows,
        &context,
    );
    let position = Position::new(column, row);
    if panes.sections.contains(position) {
        // One row per section below the border, from the first one in view.
        let first = layout::sections_scroll(
            app.current_section(),
            app.questionnaire.sections.len(),
            panes.sections.height.saturating_sub(2),
        );
        let index = first + usize::from(row.saturating_sub(panes.sections.y + 1));
        let target = app
            .assessment
            .as_ref()
            .and_then(|a| a.visible.iter().position(|&flat| app.flat[flat].0 == index));
        if let Some(target) = target {
            with_assessment(app, |a| a.cursor = target);
            app.sync_cursor();
        }
        return Vec::new();
    }
    let options = layout::options_area(panes.question, prompt, lead_rows, &context);
    if options.contains(position) && kind != QuestionKind::Text && kind != QuestionKind::Number {
        // Each option takes as many rows as its wrapped label.
        let heights = app
            .current()
            .map(|(_, question)| {
                layout::option_heights(question, panes.question, lead_rows, &context)
            })
            .unwrap_or_default();
        let mut top = options.y;
        let hit = heights.iter().position(|&height| {
            let inside = row >= top && row < top.saturating_add(height);
            top = top.saturating_add(height);
            inside
        });
        if let Some(index) = hit {
            with_assessment(app, |a| a.option = Some(index));
            return choose(app, id, index, false);
        }
    }
    Vec::new()
}

/// Scrolls the current question's help by `delta` rows, within what the pane can show.
fn scroll_help(app: &mut App, delta: i16) {
    let body = layout::frame(Rect::new(0, 0, app.size.0, app.size.1)).body;
    let context = exclusions::shown_context(app);
    let Some((_, question)) = app.current() else {
        return;
    };
    let help = layout::assessment(body, Some(question), app.lead_rows(), &context).help;
    let note = app
        .assessment
        .as_ref()
        .and_then(|a| a.session.notes.get(&question.id))
        .map(String::as_str);
    let rows = layout::help_rows(question, note, help.width.saturating_sub(2)).len();
    let max = layout::help_scroll_max(rows, help.height.saturating_sub(2));
    with_assessment(app, |a| {
        a.help_scroll = a.help_scroll.saturating_add_signed(delta).min(max);
    });
}
