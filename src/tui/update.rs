//! `update(&mut App, Msg) -> Vec<Effect>`: every state change, no I/O.

use ratatui::crossterm::event::Event;
use ratatui::layout::{Position, Rect};
use ratatui_textarea::TextArea;
use tui_input::Input;
use tui_input::backend::crossterm::to_input_request;

use crate::export::{ExportSession, Format, Naming, default_file_name};
use crate::model::{AnswerValue, Catalogs, ItemKind, Maturity, QuestionKind};

use super::app::{App, Banner, ExportDialog, FormField, Overlay, ResultsTab, Screen};
use super::input;
use super::layout;
use super::msg::{Effect, Msg};

/// Applies a message to the state and returns the effects the driver must perform.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Quit => return quit(app),
        Msg::Resize { width, height } => {
            app.size = (width, height);
            return Vec::new();
        }
        Msg::SessionsLoaded(rows) => {
            app.sessions = rows;
            app.home.selected = app.home.selected.min(app.filtered_sessions().len());
            return Vec::new();
        }
        Msg::Opened { session, read_only } => {
            app.open(*session, read_only.clone());
            if let Some(holder) = read_only {
                app.banner = Some(Banner {
                    text: format!("Read-only: {holder}"),
                    error: true,
                });
            }
            if std::mem::take(&mut app.pending_export) {
                app.screen = Screen::Results;
                open_export(app);
            }
            return Vec::new();
        }
        Msg::Saved => {
            if let Some(assessment) = app.assessment.as_mut()
                && std::mem::take(&mut assessment.unsaved)
            {
                app.banner = Some(Banner {
                    text: "Saved again: every answer is on disk.".to_owned(),
                    error: false,
                });
            }
            return Vec::new();
        }
        Msg::SaveFailed(reason) => {
            if let Some(assessment) = app.assessment.as_mut() {
                assessment.unsaved = true;
            }
            app.banner = Some(Banner {
                text: format!("Not saved ({reason}). Your answers are kept and saving is retried."),
                error: true,
            });
            return Vec::new();
        }
        Msg::Tick => {
            return match app.assessment.as_ref() {
                Some(assessment) if assessment.unsaved => save(app),
                _ => Vec::new(),
            };
        }
        Msg::Notice(text) => {
            app.banner = Some(Banner { text, error: false });
            return Vec::new();
        }
        Msg::Exported(path) => {
            if matches!(app.overlay, Some(Overlay::Export(_))) {
                app.overlay = None;
            }
            app.banner = Some(Banner {
                text: format!("Exported to {}", path.display()),
                error: false,
            });
            return Vec::new();
        }
        Msg::Failed(reason) => {
            app.pending_export = false;
            app.banner = Some(Banner {
                text: reason,
                error: true,
            });
            return Vec::new();
        }
        _ => {}
    }
    if app.overlay.is_some() {
        return overlay(app, msg);
    }
    match app.screen {
        Screen::Home => home(app, msg),
        Screen::NewSession => new_session(app, msg),
        Screen::Assessment => assessment(app, msg),
        Screen::Results => results(app, msg),
    }
}

fn quit(app: &mut App) -> Vec<Effect> {
    commit_open_note(app);
    let mut effects = save(app);
    effects.push(Effect::Quit);
    effects
}

/// A note still open in the editor is kept when the program quits or goes home.
fn commit_open_note(app: &mut App) {
    if let Some(Overlay::Notes { question, editor }) = app.overlay.take() {
        store_note(app, question, &editor.lines().join("\n"));
    }
}

/// Stores a note (an empty one removes it); read-only sessions are left alone.
fn store_note(app: &mut App, question: String, note: &str) -> bool {
    let Some(assessment) = app.assessment.as_mut() else {
        return false;
    };
    if assessment.read_only.is_some() {
        return false;
    }
    let note = note.trim();
    if note.is_empty() {
        assessment.session.notes.remove(&question);
    } else {
        assessment.session.notes.insert(question, note.to_owned());
    }
    true
}

/// Writes a note on the current question (the plain mode's path); `None` when the session is
/// read-only, with the reason in the banner.
pub fn note_current(app: &mut App, note: &str) -> Option<Vec<Effect>> {
    let id = app.current().map(|(_, question)| question.id.clone())?;
    if refuse_read_only(app) || !store_note(app, id, note) {
        return None;
    }
    Some(save(app))
}

/// Whether the open session is read-only; if so, says so in the banner.
fn refuse_read_only(app: &mut App) -> bool {
    let Some(holder) = app.assessment.as_ref().and_then(|a| a.read_only.clone()) else {
        return false;
    };
    app.banner = Some(Banner {
        text: format!("Read-only, nothing is changed: {holder}"),
        error: true,
    });
    true
}

/// A save of the open session, unless it is read-only.
fn save(app: &App) -> Vec<Effect> {
    match app.assessment.as_ref() {
        Some(assessment) if assessment.read_only.is_none() => {
            vec![Effect::Save(Box::new(assessment.session.clone()))]
        }
        _ => Vec::new(),
    }
}

fn go_home(app: &mut App) -> Vec<Effect> {
    commit_open_note(app);
    let mut effects = save(app);
    app.assessment = None;
    app.overlay = None;
    app.pending_export = false;
    app.screen = Screen::Home;
    app.banner = None;
    effects.push(Effect::LoadSessions);
    effects
}

fn home(app: &mut App, msg: Msg) -> Vec<Effect> {
    let rows = app.filtered_sessions().len();
    let selected_id = app.home.selected.checked_sub(1).and_then(|index| {
        app.filtered_sessions()
            .get(index)
            .map(|row| (row.id.clone(), row.client.clone()))
    });
    match msg {
        Msg::Up => app.home.selected = app.home.selected.saturating_sub(1),
        Msg::Down => app.home.selected = (app.home.selected + 1).min(rows),
        Msg::Scroll(delta) => {
            app.home.selected = step(app.home.selected, delta, rows + 1);
        }
        Msg::New => app.screen = Screen::NewSession,
        Msg::Confirm if app.home.editing_filter => app.home.editing_filter = false,
        Msg::Confirm => match selected_id {
            None => app.screen = Screen::NewSession,
            Some((id, _)) => return vec![Effect::Open(id)],
        },
        Msg::Export => {
            if let Some((id, _)) = selected_id {
                app.pending_export = true;
                return vec![Effect::Open(id)];
            }
        }
        Msg::Delete => {
            if let Some((id, client)) = selected_id {
                app.overlay = Some(Overlay::ConfirmDelete { id, client });
            }
        }
        Msg::Filter => app.home.editing_filter = true,
        Msg::Back if app.home.editing_filter || !app.home.filter.value().is_empty() => {
            app.home.filter.reset();
            app.home.editing_filter = false;
        }
        Msg::Back => return vec![Effect::Quit],
        Msg::Edit(key) => {
            if let Some(request) = to_input_request(&Event::Key(key)) {
                app.home.filter.handle(request);
                app.home.selected = usize::from(!app.filtered_sessions().is_empty());
            }
        }
        Msg::Help => app.overlay = Some(Overlay::Help),
        Msg::Click { row, .. } => {
            let body = layout::frame(Rect::new(0, 0, app.size.0, app.size.1)).body;
            // The list starts below the border and the intro line, scrolled like the view.
            let inner_height = body.height.saturating_sub(2);
            let skip = layout::home_scroll(app.home.selected, inner_height);
            if let Some(offset) = row.checked_sub(body.y + 2) {
                let index = skip + usize::from(offset);
                if index <= rows {
                    app.home.selected = index;
                }
            }
        }
        _ => {}
    }
    Vec::new()
}

fn new_session(app: &mut App, msg: Msg) -> Vec<Effect> {
    let form = &mut app.form;
    match msg {
        Msg::Next | Msg::Down => {
            form.focus = match form.focus {
                FormField::Client => FormField::Assessor,
                FormField::Assessor | FormField::Depth => FormField::Depth,
            }
        }
        Msg::Prev | Msg::Up => {
            form.focus = match form.focus {
                FormField::Client | FormField::Assessor => FormField::Client,
                FormField::Depth => FormField::Assessor,
            }
        }
        Msg::Toggle => {
            form.depth = match form.depth {
                crate::model::Depth::Quick => crate::model::Depth::Full,
                crate::model::Depth::Full => crate::model::Depth::Quick,
            }
        }
        Msg::Confirm if form.focus != FormField::Depth => {
            form.focus = match form.focus {
                FormField::Client => FormField::Assessor,
                _ => FormField::Depth,
            }
        }
        Msg::Confirm => {
            let effect = Effect::Create {
                client: form.client.value().trim().to_owned(),
                assessor: form.assessor.value().trim().to_owned(),
                depth: form.depth,
            };
            form.client.reset();
            form.focus = FormField::Client;
            return vec![effect];
        }
        Msg::Back => {
            app.screen = Screen::Home;
            return vec![Effect::LoadSessions];
        }
        Msg::Edit(key) => {
            let field = match form.focus {
                FormField::Client => &mut form.client,
                FormField::Assessor => &mut form.assessor,
                FormField::Depth => return Vec::new(),
            };
            if let Some(request) = to_input_request(&Event::Key(key)) {
                field.handle(request);
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Moves `current` by `delta` within `0..len`.
fn step(current: usize, delta: i16, len: usize) -> usize {
    let moved = if delta < 0 {
        current.saturating_sub(usize::from(delta.unsigned_abs()))
    } else {
        current.saturating_add(usize::from(delta.unsigned_abs()))
    };
    moved.min(len.saturating_sub(1))
}

fn assessment(app: &mut App, msg: Msg) -> Vec<Effect> {
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
        Msg::Next => move_to(app, Some(1)),
        Msg::Prev => move_to(app, Some(-1)),
        Msg::NextSection => jump_section(app, &section_id, true),
        Msg::PrevSection => jump_section(app, &section_id, false),
        Msg::NextUnanswered => next_unanswered(app),
        Msg::Pick(number) => {
            if number == 0 || number > options.len() {
                return Vec::new();
            }
            with_assessment(app, |a| a.option = Some(number - 1));
            let effects = choose(app, &id, number - 1);
            if kind != QuestionKind::Multi && !effects.is_empty() {
                move_to(app, Some(1));
            }
            return effects;
        }
        Msg::Toggle => {
            return match app.assessment.as_ref().and_then(|a| a.option) {
                Some(option) => choose(app, &id, option),
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
        Msg::DontKnow | Msg::Flag | Msg::Notes if refuse_read_only(app) => {}
        Msg::DontKnow => {
            let effects = if kind == QuestionKind::Maturity {
                set_answer(
                    app,
                    &id,
                    Some(AnswerValue::Text(Maturity::Unknown.key().to_owned())),
                )
            } else {
                let mut effects = set_answer(app, &id, None);
                if let Some(assessment) = app.assessment.as_mut() {
                    assessment.session.flagged.insert(id.clone());
                }
                effects.extend(save(app));
                effects.dedup();
                app.banner = Some(Banner {
                    text: "Left unanswered and flagged for follow-up.".to_owned(),
                    error: false,
                });
                effects
            };
            move_to(app, Some(1));
            return effects;
        }
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
            let mut editor = TextArea::new(note.lines().map(str::to_owned).collect());
            editor.set_placeholder_text("Type a note: context, evidence seen, who to ask…");
            app.overlay = Some(Overlay::Notes {
                question: id,
                editor: Box::new(editor),
            });
        }
        Msg::Edit(key) => {
            if let Some(request) = to_input_request(&Event::Key(key)) {
                with_assessment(app, |a| {
                    a.input.handle(request);
                });
            }
        }
        Msg::Help => app.overlay = Some(Overlay::Help),
        Msg::Results => {
            app.screen = Screen::Results;
            return save(app);
        }
        Msg::Home | Msg::Back => return go_home(app),
        Msg::Click { column, row } => return click(app, &id, kind, &prompt, column, row),
        _ => {}
    }
    Vec::new()
}

fn with_assessment(app: &mut App, change: impl FnOnce(&mut super::app::Assessment)) {
    if let Some(assessment) = app.assessment.as_mut() {
        change(assessment);
    }
}

/// Answers the current question directly (the plain mode's path), without moving on.
pub fn answer_current(app: &mut App, value: Option<AnswerValue>) -> Vec<Effect> {
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
    match value {
        Some(value) => assessment.session.answers.insert(id.to_owned(), value),
        None => assessment.session.answers.remove(id),
    };
    app.refresh();
    if !app.banner.as_ref().is_some_and(|banner| banner.error) {
        app.banner = None;
    }
    save(app)
}

fn choose(app: &mut App, id: &str, option: usize) -> Vec<Effect> {
    let Some((_, question)) = app.current() else {
        return Vec::new();
    };
    let current = app
        .assessment
        .as_ref()
        .and_then(|a| a.session.answers.get(id));
    let covers_clauses = question.maps.iter().any(|reference| {
        Catalogs::embedded()
            .item(reference)
            .is_some_and(|item| item.kind == ItemKind::Clause)
    });
    let Some(value) = input::pick(question, current, option) else {
        return Vec::new();
    };
    let excluded = covers_clauses
        && value.as_ref().and_then(AnswerValue::as_maturity) == Some(Maturity::NotApplicable);
    let effects = set_answer(app, id, value);
    if excluded && !effects.is_empty() {
        app.banner = Some(Banner {
            text: "Clauses 4–10 cannot be excluded: this counts as unknown until you confirm how it is done (n adds a note)."
                .to_owned(),
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
            match input::parse_typed(question, &typed) {
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
            Some(option) => choose(app, id, option),
            None => Vec::new(),
        },
    };
    move_to(app, Some(1));
    effects
}

/// Moves by `delta` questions; past the last one, shows the results.
fn move_to(app: &mut App, delta: Option<isize>) {
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
    let rows = app
        .current()
        .map_or(0, |(_, question)| input::rows(question));
    let panes = layout::assessment(body, prompt, rows);
    let position = Position::new(column, row);
    if panes.sections.contains(position) {
        // One row per section below the border.
        let index = usize::from(row.saturating_sub(panes.sections.y + 1));
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
    let options = layout::options_area(panes.question, prompt);
    if options.contains(position) && kind != QuestionKind::Text && kind != QuestionKind::Number {
        let index = usize::from(row - options.y);
        let count = app.current().map_or(0, |(_, q)| input::options(q).len());
        if index < count {
            with_assessment(app, |a| a.option = Some(index));
            return choose(app, id, index);
        }
    }
    Vec::new()
}

fn results(app: &mut App, msg: Msg) -> Vec<Effect> {
    let Some(assessment) = app.assessment.as_mut() else {
        app.screen = Screen::Home;
        return Vec::new();
    };
    let gaps = assessment.report.gaps.len();
    match msg {
        Msg::Next => {
            assessment.scroll = 0;
            assessment.tab = match assessment.tab {
                ResultsTab::Summary => ResultsTab::Gaps,
                ResultsTab::Gaps => ResultsTab::Roadmap,
                ResultsTab::Roadmap => ResultsTab::Summary,
            }
        }
        Msg::Prev => {
            assessment.scroll = 0;
            assessment.tab = match assessment.tab {
                ResultsTab::Summary => ResultsTab::Roadmap,
                ResultsTab::Gaps => ResultsTab::Summary,
                ResultsTab::Roadmap => ResultsTab::Gaps,
            }
        }
        Msg::Up | Msg::Down | Msg::Scroll(_) => {
            let delta = match msg {
                Msg::Up => -1,
                Msg::Scroll(delta) => delta,
                _ => 1,
            };
            if assessment.tab == ResultsTab::Gaps {
                assessment.gap = step(assessment.gap, delta, gaps);
            } else {
                // The view stops at the end of the text; 500 lines is beyond any report.
                assessment.scroll = step(assessment.scroll, delta, 500);
            }
        }
        Msg::Confirm => {
            let target = assessment
                .report
                .gaps
                .get(assessment.gap)
                .and_then(|gap| gap.questions.first().cloned());
            if let Some(question) = target
                && app.go_to_question(&question)
            {
                app.sync_cursor();
                app.screen = Screen::Assessment;
            }
        }
        Msg::Export => open_export(app),
        Msg::Back => {
            app.screen = Screen::Assessment;
            app.sync_cursor();
        }
        Msg::Home => return go_home(app),
        Msg::Help => app.overlay = Some(Overlay::Help),
        _ => {}
    }
    Vec::new()
}

fn open_export(app: &mut App) {
    let path = export_path(app, 0);
    app.overlay = Some(Overlay::Export(ExportDialog {
        format: 0,
        path: Input::new(path),
        editing_path: false,
        custom_path: false,
    }));
}

/// The default export file name for the open session and a format of `Format::ALL`.
fn export_path(app: &App, format: usize) -> String {
    let Some(assessment) = app.assessment.as_ref() else {
        return String::new();
    };
    let format = Format::ALL[format.min(Format::ALL.len() - 1)];
    let session = ExportSession::from_session(&assessment.session);
    let name = default_file_name(&session, &Naming::default(), format);
    app.export_dir.join(name).display().to_string()
}

fn overlay(app: &mut App, msg: Msg) -> Vec<Effect> {
    let Some(current) = app.overlay.take() else {
        return Vec::new();
    };
    match current {
        Overlay::Help => {
            if msg != Msg::Back {
                app.overlay = Some(Overlay::Help);
            }
            Vec::new()
        }
        Overlay::ConfirmDelete { id, client } => match msg {
            Msg::Confirm => vec![Effect::Delete(id), Effect::LoadSessions],
            Msg::Back => Vec::new(),
            _ => {
                app.overlay = Some(Overlay::ConfirmDelete { id, client });
                Vec::new()
            }
        },
        Overlay::Notes {
            question,
            mut editor,
        } => match msg {
            Msg::Back => {
                if store_note(app, question, &editor.lines().join("\n")) {
                    save(app)
                } else {
                    Vec::new()
                }
            }
            Msg::Edit(key) => {
                editor.input(key);
                app.overlay = Some(Overlay::Notes { question, editor });
                Vec::new()
            }
            _ => {
                app.overlay = Some(Overlay::Notes { question, editor });
                Vec::new()
            }
        },
        Overlay::Export(mut dialog) => {
            match msg {
                Msg::Up if !dialog.editing_path => dialog.format = dialog.format.saturating_sub(1),
                Msg::Down if !dialog.editing_path => {
                    dialog.format = (dialog.format + 1).min(Format::ALL.len() - 1);
                }
                Msg::Next => dialog.editing_path = !dialog.editing_path,
                Msg::Edit(key) if dialog.editing_path => {
                    if let Some(request) = to_input_request(&Event::Key(key)) {
                        dialog.path.handle(request);
                        dialog.custom_path = true;
                    }
                }
                Msg::Confirm => {
                    let format = Format::ALL[dialog.format];
                    let path = dialog.path.value().trim();
                    if path.is_empty() {
                        app.banner = Some(Banner {
                            text: "Give a file name to export to.".to_owned(),
                            error: true,
                        });
                    } else {
                        // The dialog stays open until the export is confirmed, so a failed
                        // write keeps the path for correction.
                        let effect = Effect::Export {
                            format,
                            path: path.into(),
                        };
                        app.overlay = Some(Overlay::Export(dialog));
                        return vec![effect];
                    }
                }
                Msg::Back => return Vec::new(),
                _ => {}
            }
            if !dialog.custom_path {
                dialog.path = Input::new(export_path(app, dialog.format));
            }
            app.overlay = Some(Overlay::Export(dialog));
            Vec::new()
        }
    }
}
