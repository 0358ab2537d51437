//! The TUI's `update`, driven by key and message sequences: state and effects.

mod common;

use common::{app, app_with, current_id, press, session};
use isoready::assess::{Recommendation, Stage};
use isoready::model::{AnswerValue, NoteDraft};
use isoready::tui::app::{Overlay, ResultsTab, Screen};
use isoready::tui::msg::{Effect, Msg, RowState, SessionRow};
use isoready::tui::update::update;

fn saves(effects: &[Effect]) -> usize {
    effects
        .iter()
        .filter(|e| matches!(e, Effect::Save(_)))
        .count()
}

fn answer<'a>(app: &'a isoready::tui::app::App, id: &str) -> Option<&'a AnswerValue> {
    app.assessment
        .as_ref()
        .and_then(|a| a.session.answers.get(id))
}

#[test]
fn a_digit_answers_saves_and_moves_on() {
    let mut app = app_with(session());
    assert_eq!(current_id(&app), "org.sector");
    let effects = press(&mut app, &["1"]);
    assert_eq!(
        answer(&app, "org.sector"),
        Some(&AnswerValue::Text("healthcare".into()))
    );
    assert_eq!(saves(&effects), 1);
    assert_eq!(current_id(&app), "org.size");
    // The saved session carries the answer.
    let Some(Effect::Save(saved)) = effects.first() else {
        panic!("no save: {effects:?}")
    };
    assert!(saved.answers.contains_key("org.sector"));
}

#[test]
fn arrows_and_enter_pick_the_highlighted_option() {
    let mut app = app_with(session());
    // Nothing is highlighted at first: a stray Enter moves on and records nothing.
    press(&mut app, &["<Enter>"]);
    assert!(answer(&app, "org.sector").is_none());
    assert_eq!(current_id(&app), "org.size");
    press(&mut app, &["<Left>", "<Down>", "<Down>", "<Enter>"]);
    assert_eq!(
        answer(&app, "org.sector"),
        Some(&AnswerValue::Text("finance".into()))
    );
}

#[test]
fn a_stray_enter_on_a_yes_no_question_records_nothing() {
    let mut app = common::app_at_with_ai("internal_productivity", "ai.affects_individuals");
    let effects = press(&mut app, &["<Enter>"]);
    assert!(effects.is_empty(), "{effects:?}");
    assert!(answer(&app, "ai.affects_individuals").is_none());
}

#[test]
fn back_works_from_an_unanswered_question() {
    let mut app = app_with(session());
    press(&mut app, &["<Right>", "<Right>"]);
    assert_eq!(current_id(&app), "org.certifications");
    assert!(answer(&app, "org.certifications").is_none());
    press(&mut app, &["<Left>"]);
    assert_eq!(current_id(&app), "org.size");
    press(&mut app, &["<Left>", "<Left>"]);
    assert_eq!(
        current_id(&app),
        "org.sector",
        "back stops at the first question"
    );
}

#[test]
fn multi_choice_toggles_and_none_is_exclusive() {
    let mut app = app_with(session());
    press(&mut app, &["<Right>", "<Right>", "<Right>"]);
    assert_eq!(current_id(&app), "data.categories");
    press(&mut app, &["1", "3"]);
    assert_eq!(
        answer(&app, "data.categories"),
        Some(&AnswerValue::List(vec![
            "personal".into(),
            "financial".into()
        ]))
    );
    assert_eq!(
        current_id(&app),
        "data.categories",
        "a multi pick stays on the question"
    );
    press(&mut app, &["6"]);
    assert_eq!(
        answer(&app, "data.categories"),
        Some(&AnswerValue::List(vec!["none".into()]))
    );
    press(&mut app, &["2"]);
    assert_eq!(
        answer(&app, "data.categories"),
        Some(&AnswerValue::List(vec!["special_category".into()])),
        "picking another option clears the exclusive one"
    );
    press(&mut app, &["2"]);
    assert!(
        answer(&app, "data.categories").is_none(),
        "untoggling the last option clears the answer"
    );
}

#[test]
fn conditional_questions_appear_and_disappear_with_scoping_answers() {
    let mut app = app_with(session());
    let asked =
        |app: &isoready::tui::app::App| app.assessment.as_ref().map_or(0, |a| a.visible.len());
    let before = asked(&app);
    press(&mut app, &["<Right>", "<Right>", "<Right>", "<Right>"]);
    assert_eq!(current_id(&app), "ai.use");
    press(&mut app, &["3"]);
    let with_ai = asked(&app);
    assert!(
        with_ai > before,
        "AI questions appear: {before} → {with_ai}"
    );
    press(&mut app, &["<Right>"]);
    assert_eq!(current_id(&app), "ai.autonomy");
    press(&mut app, &["<Left>", "5"]);
    assert_eq!(
        answer(&app, "ai.use"),
        Some(&AnswerValue::List(vec!["none".into()]))
    );
    press(&mut app, &["<Right>"]);
    assert_eq!(
        current_id(&app),
        "drivers.requests",
        "AI follow-ups are hidden again"
    );
}

#[test]
fn yes_no_takes_y_and_n() {
    let mut app = common::app_at_with_ai("in_products", "ai.affects_individuals");
    press(&mut app, &["y"]);
    assert_eq!(
        answer(&app, "ai.affects_individuals"),
        Some(&AnswerValue::Bool(true))
    );
    press(&mut app, &["<Left>", "n"]);
    assert_eq!(
        answer(&app, "ai.affects_individuals"),
        Some(&AnswerValue::Bool(false))
    );
}

#[test]
fn flag_dont_know_and_notes() {
    let mut app = app_with(session());
    let effects = press(&mut app, &["f"]);
    assert_eq!(saves(&effects), 1);
    assert!(
        app.assessment
            .as_ref()
            .is_some_and(|a| a.session.flagged.contains("org.sector"))
    );
    press(&mut app, &["f"]);
    assert!(
        app.assessment
            .as_ref()
            .is_some_and(|a| a.session.flagged.is_empty())
    );

    press(&mut app, &["n"]);
    assert!(matches!(app.overlay, Some(Overlay::Notes { .. })));
    press(&mut app, &["Two wards", "<Esc>"]);
    assert!(app.overlay.is_none());
    assert_eq!(
        app.assessment
            .as_ref()
            .and_then(|a| a.session.notes.get("org.sector"))
            .map(String::as_str),
        Some("Two wards")
    );

    // Don't know on a scoping question leaves it open and flags it, in one save.
    let effects = press(&mut app, &["d"]);
    assert_eq!(saves(&effects), 1, "{effects:?}");
    assert!(answer(&app, "org.sector").is_none());
    assert!(
        app.assessment
            .as_ref()
            .is_some_and(|a| a.session.flagged.contains("org.sector"))
    );
}

#[test]
fn dont_know_on_a_readiness_question_records_unknown() {
    let mut app = app_with(common::scoped_session());
    assert!(app.go_to_question("ms.planning.risk_isms"));
    press(&mut app, &["d"]);
    assert_eq!(
        answer(&app, "ms.planning.risk_isms"),
        Some(&AnswerValue::Text("unknown".into()))
    );
}

#[test]
fn quitting_saves_first() {
    let mut app = app_with(session());
    let effects = press(&mut app, &["<C-c>"]);
    assert!(
        matches!(effects.as_slice(), [Effect::Save(_), Effect::Quit]),
        "{effects:?}"
    );
    let mut app = app_with(session());
    let effects = press(&mut app, &["q"]);
    assert_eq!(saves(&effects), 1);
    assert!(effects.contains(&Effect::LoadSessions));
    assert_eq!(app.screen, Screen::Home);
}

#[test]
fn a_failed_save_is_shown_kept_and_retried() {
    let mut app = app_with(session());
    press(&mut app, &["1"]);
    update(&mut app, Msg::SaveFailed("disk full".into()));
    assert!(
        app.banner
            .as_ref()
            .is_some_and(|b| b.error && b.text.contains("disk full"))
    );
    assert_eq!(
        answer(&app, "org.sector"),
        Some(&AnswerValue::Text("healthcare".into()))
    );
    let retry = update(&mut app, Msg::Tick);
    assert_eq!(saves(&retry), 1, "the tick retries the save");
    update(&mut app, Msg::Saved);
    assert!(app.banner.as_ref().is_some_and(|b| !b.error));
    assert!(
        update(&mut app, Msg::Tick).is_empty(),
        "nothing left to retry"
    );
}

#[test]
fn read_only_sessions_refuse_changes() {
    let mut app = app();
    update(
        &mut app,
        Msg::Opened {
            session: Box::new(session()),
            read_only: Some("pid 42 on host-a since 10:00".into()),
        },
    );
    let effects = press(&mut app, &["1"]);
    assert_eq!(saves(&effects), 0);
    assert!(answer(&app, "org.sector").is_none());
    assert!(
        app.banner
            .as_ref()
            .is_some_and(|b| b.text.contains("Read-only"))
    );
}

#[test]
fn results_list_gaps_and_enter_goes_to_the_question() {
    let mut app = app_with(common::scoped_session());
    press(&mut app, &["r"]);
    assert_eq!(app.screen, Screen::Results);
    press(&mut app, &["<Tab>"]);
    assert_eq!(
        app.assessment.as_ref().map(|a| a.tab),
        Some(ResultsTab::Gaps)
    );
    let first_question = app
        .report()
        .and_then(|report| report.gaps[0].questions.first().cloned());
    press(&mut app, &["<Enter>"]);
    assert_eq!(app.screen, Screen::Assessment);
    assert_eq!(Some(current_id(&app)), first_question);
}

#[test]
fn the_last_answer_leads_to_the_results() {
    let mut app = app_with(session());
    let count = app.assessment.as_ref().map_or(0, |a| a.visible.len());
    for _ in 1..count {
        press(&mut app, &["<Right>"]);
    }
    assert_eq!(app.screen, Screen::Assessment);
    press(&mut app, &["<Right>"]);
    assert_eq!(app.screen, Screen::Results);
}

#[test]
fn new_session_form_creates_a_session() {
    let mut app = app();
    press(&mut app, &["n"]);
    assert_eq!(app.screen, Screen::NewSession);
    press(&mut app, &["Acme Ltd", "<Enter>"]);
    assert_eq!(
        app.form.assessor.value(),
        "A. Auditor",
        "the assessor is remembered"
    );
    press(&mut app, &["<Enter>", " "]);
    let effects = press(&mut app, &["<Enter>"]);
    assert_eq!(
        effects,
        vec![Effect::Create {
            client: "Acme Ltd".into(),
            assessor: "A. Auditor".into(),
            depth: isoready::model::Depth::Full
        }]
    );
}

fn rows() -> Vec<SessionRow> {
    ["Acme Ltd", "Borealis", "Cobalt"]
        .iter()
        .enumerate()
        .map(|(i, client)| SessionRow {
            id: format!("0190000{i}-0000-7000-8000-000000000000"),
            client: (*client).into(),
            state: RowState::Readable {
                updated: "2026-11-28 10:00".into(),
                stage: Stage::Readiness {
                    answered: 20,
                    asked: 50,
                },
                recommendation: Recommendation::Both,
                follow_up: false,
            },
        })
        .collect()
}

#[test]
fn home_filters_opens_and_deletes_after_confirmation() {
    let mut app = app();
    update(&mut app, Msg::SessionsLoaded(rows()));
    press(&mut app, &["/", "bor"]);
    assert_eq!(app.filtered_sessions().len(), 1);
    let effects = press(&mut app, &["<Enter>", "<Enter>"]);
    assert_eq!(
        effects,
        vec![Effect::Open("01900001-0000-7000-8000-000000000000".into())]
    );

    let mut app = common::app();
    update(&mut app, Msg::SessionsLoaded(rows()));
    press(&mut app, &["<Down>", "<Down>", "d"]);
    assert!(matches!(app.overlay, Some(Overlay::ConfirmDelete { .. })));
    assert!(press(&mut app, &["n"]).is_empty(), "n keeps the session");
    press(&mut app, &["d"]);
    let effects = press(&mut app, &["y"]);
    assert_eq!(
        effects[0],
        Effect::Delete("01900001-0000-7000-8000-000000000000".into())
    );
}

#[test]
fn export_dialog_prefills_a_safe_path_and_exports() {
    let mut app = app_with(session());
    press(&mut app, &["r", "e"]);
    let Some(Overlay::Export(dialog)) = &app.overlay else {
        panic!("no export dialog")
    };
    assert_eq!(
        dialog.path.value(),
        "northwind-clinics-2026-11-28-isoready.md"
    );
    press(&mut app, &["<Down>"]);
    let Some(Overlay::Export(dialog)) = &app.overlay else {
        panic!("no export dialog")
    };
    assert!(
        dialog.path.value().ends_with(".html"),
        "the extension follows the format"
    );
    let effects = press(&mut app, &["<Enter>"]);
    assert!(
        matches!(&effects[..], [Effect::Export { path, .. }] if path.ends_with("northwind-clinics-2026-11-28-isoready.html"))
    );
}

#[test]
fn a_click_on_an_option_picks_it() {
    let mut app = app_with(session());
    update(
        &mut app,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    // Options start below the border, the ID line, one prompt line and a blank line.
    let body_top = 1;
    let first_option_row = body_top + 1 + 1 + 1 + 1;
    update(
        &mut app,
        Msg::Click {
            column: 30,
            row: first_option_row + 1,
        },
    );
    assert_eq!(
        answer(&app, "org.sector"),
        Some(&AnswerValue::Text("finance".into()))
    );
}

#[test]
fn a_click_on_a_scrolled_home_list_picks_the_row_under_the_pointer() {
    let mut app = app();
    update(
        &mut app,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    let many: Vec<SessionRow> = (0..40)
        .map(|i| SessionRow {
            id: format!("01900000-0000-7000-8000-{i:012}"),
            client: format!("Client {i:02}"),
            state: RowState::Readable {
                updated: "2026-11-28 10:00".into(),
                stage: Stage::Scoping { done: 0, total: 9 },
                recommendation: Recommendation::Undetermined,
                follow_up: false,
            },
        })
        .collect();
    update(&mut app, Msg::SessionsLoaded(many));
    for _ in 0..30 {
        press(&mut app, &["<Down>"]);
    }
    assert_eq!(app.home.selected, 30);
    let screen = common::text(&common::render(&app, 80, 24));
    let row = screen
        .lines()
        .position(|line| line.contains("Client 25"))
        .expect("Client 25 is on screen");
    update(
        &mut app,
        Msg::Click {
            column: 10,
            row: row as u16,
        },
    );
    assert_eq!(
        app.filtered_sessions()[app.home.selected - 1].client,
        "Client 25"
    );
}

#[test]
fn not_applicable_on_a_clause_question_warns_that_clauses_cannot_be_excluded() {
    let mut app = app_with(common::scoped_session());
    assert!(app.go_to_question("ms.planning.risk_isms"));
    press(&mut app, &["5"]);
    assert!(app.overlay.is_none(), "clauses ask for no justification");
    assert_eq!(
        answer(&app, "ms.planning.risk_isms"),
        Some(&AnswerValue::Text("not_applicable".into()))
    );
    assert!(
        app.banner
            .as_ref()
            .is_some_and(|b| b.text.contains("cannot be excluded")),
        "{:?}",
        app.banner
    );
    // Shown on the question the answer moved to, gone once the user moves on from there.
    press(&mut app, &["<PageDown>"]);
    assert_eq!(app.banner, None);
}

#[test]
fn scrolling_the_summary_leaves_the_gap_selection_alone() {
    let mut app = app_with(common::scoped_session());
    press(&mut app, &["r", "<Down>", "<Down>", "<Down>"]);
    let assessment = app.assessment.as_ref().expect("open");
    assert_eq!((assessment.scroll, assessment.gap), (3, 0));
    press(&mut app, &["<Tab>", "<Down>"]);
    let assessment = app.assessment.as_ref().expect("open");
    assert_eq!((assessment.scroll, assessment.gap), (0, 1));
}

#[test]
fn the_export_dialog_stays_open_until_the_file_is_written() {
    let mut app = app_with(session());
    app.export_dir = std::path::PathBuf::from("/reports");
    press(&mut app, &["r", "e"]);
    let Some(Overlay::Export(dialog)) = &app.overlay else {
        panic!("no export dialog")
    };
    assert_eq!(
        dialog.path.value(),
        "/reports/northwind-clinics-2026-11-28-isoready.md"
    );
    let effects = press(&mut app, &["<Enter>"]);
    assert!(
        matches!(&effects[..], [Effect::Export { .. }]),
        "{effects:?}"
    );
    update(
        &mut app,
        Msg::Failed("Not exported: /reports does not exist".into()),
    );
    assert!(
        matches!(app.overlay, Some(Overlay::Export(_))),
        "a failed write keeps the dialog and its path"
    );
    update(&mut app, Msg::Exported("/tmp/x.md".into()));
    assert!(app.overlay.is_none());
    assert!(
        app.banner
            .as_ref()
            .is_some_and(|b| b.text == "Exported to /tmp/x.md")
    );
}

#[test]
fn ctrl_c_in_the_notes_editor_keeps_the_note() {
    let mut app = app_with(session());
    press(&mut app, &["n", "Seen the register"]);
    let effects = press(&mut app, &["<C-c>"]);
    let Some(Effect::Save(saved)) = effects.first() else {
        panic!("no save: {effects:?}")
    };
    assert_eq!(
        saved.notes.get("org.sector").map(String::as_str),
        Some("Seen the register")
    );
    assert_eq!(effects.last(), Some(&Effect::Quit));
}

#[test]
fn read_only_sessions_refuse_flags_notes_and_dont_know() {
    let mut app = app();
    update(
        &mut app,
        Msg::Opened {
            session: Box::new(session()),
            read_only: Some("process 42 on host-a".into()),
        },
    );
    for key in ["f", "n", "d"] {
        let effects = press(&mut app, &[key]);
        assert!(effects.is_empty(), "{key}: {effects:?}");
        assert!(app.overlay.is_none(), "{key} opens nothing");
        assert!(
            app.banner
                .as_ref()
                .is_some_and(|b| b.text.contains("Read-only")),
            "{key}"
        );
    }
    assert!(
        app.assessment
            .as_ref()
            .is_some_and(|a| a.session.flagged.is_empty())
    );
}

#[test]
fn escape_on_home_clears_the_filter_before_it_quits() {
    let mut app = app();
    update(&mut app, Msg::SessionsLoaded(rows()));
    press(&mut app, &["/", "bor", "<Enter>"]);
    assert_eq!(app.filtered_sessions().len(), 1);
    assert!(
        press(&mut app, &["<Esc>"]).is_empty(),
        "the first Esc clears the filter"
    );
    assert_eq!(app.filtered_sessions().len(), 3);
    assert_eq!(press(&mut app, &["<Esc>"]), vec![Effect::Quit]);
}

#[test]
fn leaving_the_new_session_form_reloads_the_list_and_a_failed_open_clears_a_pending_export() {
    let mut app = app();
    press(&mut app, &["n"]);
    assert_eq!(press(&mut app, &["<Esc>"]), vec![Effect::LoadSessions]);
    assert_eq!(app.screen, Screen::Home);

    update(&mut app, Msg::SessionsLoaded(rows()));
    press(&mut app, &["<Down>", "e"]);
    assert!(app.pending_export);
    update(&mut app, Msg::Failed("Cannot open: unreadable".into()));
    assert!(!app.pending_export);
    update(
        &mut app,
        Msg::Opened {
            session: Box::new(session()),
            read_only: None,
        },
    );
    assert_eq!(
        app.screen,
        Screen::Assessment,
        "a later open does not jump to an export"
    );
}

#[test]
fn a_click_on_a_wrapped_label_picks_its_option() {
    let mut app = app_with(session());
    update(
        &mut app,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    let screen = common::text(&common::render(&app, 80, 24));
    let lines: Vec<&str> = screen.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.contains("8 ( ) Professional services"))
        .expect("option 8");
    assert!(
        lines[first + 1].contains("accounting)"),
        "option 8 wraps onto a second row:\n{screen}"
    );
    update(
        &mut app,
        Msg::Click {
            column: 40,
            row: (first + 1) as u16,
        },
    );
    assert_eq!(
        answer(&app, "org.sector"),
        Some(&AnswerValue::Text("professional_services".into()))
    );
    let mut app = app_with(session());
    update(
        &mut app,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    update(
        &mut app,
        Msg::Click {
            column: 40,
            row: (first + 2) as u16,
        },
    );
    assert_eq!(
        answer(&app, "org.sector"),
        Some(&AnswerValue::Text("other".into()))
    );
}

#[test]
fn typed_text_is_kept_when_moving_on_or_quitting_without_enter() {
    use isoready::model::{Depth, Questionnaire, Session};
    let text = r#"{"id": "typed", "version": "1", "title": "Typed answers",
      "sections": [{"id": "s", "title": "S", "questions": [
        {"id": "name", "kind": "text", "prompt": "Who owns security?"},
        {"id": "staff", "kind": "number", "prompt": "How many staff?"}]}]}"#;
    let questionnaire = Questionnaire::parse("typed.json", text).expect("valid");
    let created: jiff::Timestamp = "2026-11-28T10:00:00Z".parse().expect("timestamp");
    let session = Session::new("typed".into(), &questionnaire, Depth::Quick, created);
    let mut app =
        isoready::tui::app::App::new(questionnaire, isoready::tui::theme::Theme::monochrome(), "");
    update(
        &mut app,
        Msg::Opened {
            session: Box::new(session),
            read_only: None,
        },
    );
    let effects = press(&mut app, &["Dana", "<Tab>"]);
    assert_eq!(saves(&effects), 1, "moving on saves what was typed");
    assert_eq!(
        answer(&app, "name"),
        Some(&AnswerValue::Text("Dana".into()))
    );
    assert_eq!(current_id(&app), "staff");
    press(&mut app, &["12x", "<Tab>"]);
    assert!(
        app.banner
            .as_ref()
            .is_some_and(|b| b.error && b.text.contains("not a number"))
    );
    assert_eq!(
        current_id(&app),
        "staff",
        "a bad number keeps the question open"
    );
    let Some(assessment) = app.assessment.as_mut() else {
        panic!("open")
    };
    assessment.input = isoready::tui::text_field::TextField::new("42");
    let effects = press(&mut app, &["<C-c>"]);
    let Some(Effect::Save(saved)) = effects.first() else {
        panic!("no save: {effects:?}")
    };
    assert_eq!(saved.answers.get("staff"), Some(&AnswerValue::Number(42.0)));
}

#[test]
fn live_results_read_the_exclusions_and_the_notes_that_justify() {
    let mut session = common::scoped_session();
    session
        .exclusions
        .insert("iso27001:A.7.4".into(), "No premises of our own".into());
    let app = app_with(session);
    let report = app.report().expect("open");
    assert!(
        report
            .exclusions
            .iter()
            .any(|e| e.id == "A.7.4" && e.justification == "No premises of our own"),
        "{:?}",
        report.exclusions
    );

    // A per-control question answered not applicable is excluded once its note says why.
    let mut session = common::scoped_session();
    session.depth = isoready::model::Depth::Full;
    session.answers.insert(
        "sec.physical.monitoring".into(),
        AnswerValue::Text("not_applicable".into()),
    );
    let mut app = app_with(session);
    let excluded = |app: &isoready::tui::app::App| {
        app.report()
            .is_some_and(|report| report.exclusions.iter().any(|e| e.id == "A.7.4"))
    };
    assert!(!excluded(&app), "no note, no justification");
    assert!(app.go_to_question("sec.physical.monitoring"));
    press(
        &mut app,
        &["N", "Shared office, no monitoring of our own", "<Esc>"],
    );
    assert!(excluded(&app), "the note justifies the exclusion at once");
}

/// An app on `id` of a session with ISO 27001 in scope, at `depth`, after `prepare`.
fn app_on(
    id: &str,
    depth: isoready::model::Depth,
    prepare: impl FnOnce(&mut isoready::model::Session),
) -> isoready::tui::app::App {
    let mut session = common::scoped_session();
    session.depth = depth;
    prepare(&mut session);
    let mut app = app_with(session);
    assert!(app.go_to_question(id), "{id} is asked");
    app
}

fn session_of(app: &isoready::tui::app::App) -> &isoready::model::Session {
    &app.assessment.as_ref().expect("open").session
}

fn checklist(app: &isoready::tui::app::App) -> &isoready::tui::app::ExclusionDialog {
    match &app.overlay {
        Some(Overlay::Exclusions(dialog)) => dialog,
        other => panic!("no checklist: {other:?}"),
    }
}

fn na() -> AnswerValue {
    AnswerValue::Text("not_applicable".into())
}

const PREMISES: &str = "sec.physical.perimeters_entry";

#[test]
fn a_grouped_not_applicable_opens_the_checklist_and_saves_answer_and_exclusions_at_once() {
    let mut app = app_on(PREMISES, isoready::model::Depth::Quick, |_| {});
    let effects = press(&mut app, &["5"]);
    assert!(effects.is_empty(), "nothing is saved yet: {effects:?}");
    assert!(answer(&app, PREMISES).is_none(), "the answer waits");
    let dialog = checklist(&app);
    let ids: Vec<&str> = dialog
        .controls
        .iter()
        .map(|(control, _)| control.reference.id.as_str())
        .collect();
    assert_eq!(ids, ["A.7.1", "A.7.2", "A.7.3"]);
    assert!(dialog.controls.iter().all(|(_, ticked)| !ticked));
    assert!(
        !dialog.controls[0].0.title.is_empty(),
        "titles from the catalog"
    );

    let effects = press(
        &mut app,
        &[
            " ",
            "<Down>",
            "<Down>",
            " ",
            "<Tab>",
            "Shared floor, the landlord runs the building",
            "<Enter>",
        ],
    );
    assert_eq!(saves(&effects), 1, "{effects:?}");
    let Some(Effect::Save(saved)) = effects.first() else {
        panic!("no save: {effects:?}")
    };
    assert_eq!(saved.answers.get(PREMISES), Some(&na()));
    let justification = "Shared floor, the landlord runs the building";
    assert_eq!(
        saved.exclusions,
        [
            ("iso27001:A.7.1".to_owned(), justification.to_owned()),
            ("iso27001:A.7.3".to_owned(), justification.to_owned()),
        ]
        .into()
    );
    assert!(app.overlay.is_none());
    assert_ne!(current_id(&app), PREMISES, "moved on");
    let report = app.report().expect("open");
    assert!(report.exclusions.iter().any(|e| e.id == "A.7.3"));
    assert!(
        report.to_confirm.iter().any(|c| c.id == "A.7.2"),
        "unticked controls stay to confirm: {:?}",
        report.to_confirm
    );
    assert!(!report.to_confirm.iter().any(|c| c.id == "A.7.1"));
}

#[test]
fn a_ticked_control_needs_a_justification() {
    let mut app = app_on(PREMISES, isoready::model::Depth::Quick, |_| {});
    let effects = press(&mut app, &["5", "a", "<Enter>"]);
    assert!(effects.is_empty(), "{effects:?}");
    let dialog = checklist(&app);
    assert_eq!(
        dialog.problem.as_deref(),
        Some(isoready::tui::update::NEEDS_JUSTIFICATION)
    );
    assert!(dialog.editing, "the justification has focus");
    assert!(
        dialog.controls.iter().all(|(_, ticked)| *ticked),
        "a ticks all"
    );
    let effects = press(&mut app, &["   ", "<Enter>"]);
    assert!(effects.is_empty(), "blanks are no justification");
    assert!(answer(&app, PREMISES).is_none());
    assert!(session_of(&app).exclusions.is_empty());

    // With nothing ticked, the answer is kept and every control stays to confirm.
    let effects = press(&mut app, &["<Tab>", "n", "<Enter>"]);
    assert_eq!(saves(&effects), 1);
    assert_eq!(answer(&app, PREMISES), Some(&na()));
    assert!(session_of(&app).exclusions.is_empty());
}

#[test]
fn escape_leaves_the_answer_and_the_exclusions_as_they_were() {
    let mut app = app_on(PREMISES, isoready::model::Depth::Quick, |session| {
        session
            .answers
            .insert(PREMISES.into(), AnswerValue::Text("partial".into()));
        session
            .exclusions
            .insert("iso27001:A.7.3".into(), "No CCTV needed".into());
    });
    let before = session_of(&app).clone();
    let effects = press(&mut app, &["5", "a", "<Tab>", "changed my mind", "<Esc>"]);
    assert!(effects.is_empty(), "{effects:?}");
    assert!(app.overlay.is_none());
    assert_eq!(session_of(&app), &before);
    assert_eq!(current_id(&app), PREMISES, "stays on the question");
}

#[test]
fn the_checklist_reopens_from_the_recorded_exclusions_and_they_outlive_a_changed_answer() {
    let mut app = app_on(PREMISES, isoready::model::Depth::Quick, |session| {
        session.answers.insert(PREMISES.into(), na());
        for id in ["A.7.1", "A.7.3"] {
            session
                .exclusions
                .insert(format!("iso27001:{id}"), "Landlord's building".into());
        }
    });
    press(&mut app, &["5"]);
    let dialog = checklist(&app);
    let ticked: Vec<&str> = dialog
        .controls
        .iter()
        .filter(|(_, ticked)| *ticked)
        .map(|(control, _)| control.reference.id.as_str())
        .collect();
    assert_eq!(ticked, ["A.7.1", "A.7.3"]);
    assert_eq!(dialog.justification.lines(), ["Landlord's building"]);
    press(&mut app, &["<Esc>"]);

    // Another answer keeps the exclusions, and the question says so.
    let effects = press(&mut app, &["3"]);
    assert_eq!(saves(&effects), 1);
    assert_eq!(session_of(&app).exclusions.len(), 2);
    press(&mut app, &["<Left>"]);
    assert_eq!(current_id(&app), PREMISES);
    let lines = isoready::tui::exclusions::context_lines(&app);
    assert!(
        lines
            .iter()
            .any(|line| line.text == "Excluded: A.7.1, A.7.3 — Landlord's building"),
        "{lines:?}"
    );

    // x edits them and keeps the answer.
    press(&mut app, &["x"]);
    assert!(checklist(&app).answer.is_none());
    let effects = press(&mut app, &["<Down>", "<Down>", " ", "<Enter>"]);
    assert_eq!(saves(&effects), 1);
    assert_eq!(
        answer(&app, PREMISES),
        Some(&AnswerValue::Text("partial".into()))
    );
    let kept: Vec<&String> = session_of(&app).exclusions.keys().collect();
    assert_eq!(
        kept,
        ["iso27001:A.7.1"],
        "unticked A.7.3 is no longer excluded"
    );
    assert_eq!(current_id(&app), PREMISES, "x does not move on");
}

#[test]
fn a_per_control_not_applicable_asks_for_its_justification_as_the_note() {
    let id = "sec.physical.monitoring";
    let mut app = app_on(id, isoready::model::Depth::Full, |_| {});
    let effects = press(&mut app, &["5"]);
    assert!(effects.is_empty());
    assert!(matches!(app.overlay, Some(Overlay::Justify(_))));
    let effects = press(&mut app, &["<Enter>"]);
    assert!(effects.is_empty());
    let Some(Overlay::Justify(dialog)) = &app.overlay else {
        panic!("the prompt stays open")
    };
    assert_eq!(
        dialog.problem.as_deref(),
        Some(isoready::tui::update::NEEDS_OWN_JUSTIFICATION)
    );
    assert!(answer(&app, id).is_none());

    // Esc cancels: nothing changes.
    press(&mut app, &["No cameras", "<Esc>"]);
    assert!(app.overlay.is_none() && answer(&app, id).is_none());
    assert!(!session_of(&app).notes.contains_key(id));

    let effects = press(
        &mut app,
        &["5", "No premises of our own to monitor", "<Enter>"],
    );
    assert_eq!(saves(&effects), 1);
    let Some(Effect::Save(saved)) = effects.first() else {
        panic!("no save")
    };
    assert_eq!(saved.answers.get(id), Some(&na()));
    assert_eq!(
        saved.notes.get(id).map(String::as_str),
        Some("No premises of our own to monitor")
    );
    assert_ne!(current_id(&app), id, "moved on");
    let report = app.report().expect("open");
    assert!(
        report
            .exclusions
            .iter()
            .any(|e| e.id == "A.7.4" && e.question.as_deref() == Some(id)),
        "{:?}",
        report.exclusions
    );
    press(&mut app, &["<Left>"]);
    let lines = isoready::tui::exclusions::context_lines(&app);
    assert!(
        lines.iter().any(|line| !line.exclusions
            && line.text == "Excluded: A.7.4 — No premises of our own to monitor (the note)"),
        "{lines:?}"
    );
}

#[test]
fn full_depth_starts_from_the_grouped_answer() {
    let mut app = app_on(
        "sec.physical.perimeters",
        isoready::model::Depth::Full,
        |session| {
            session
                .answers
                .insert(PREMISES.into(), AnswerValue::Text("partial".into()));
        },
    );
    assert_eq!(app.assessment.as_ref().and_then(|a| a.option), Some(2));
    let lines = isoready::tui::exclusions::context_lines(&app);
    assert_eq!(
        lines.first().map(|line| line.text.as_str()),
        Some("Grouped answer: Partly in place (sec.physical.perimeters_entry)")
    );
    let effects = press(&mut app, &["<Enter>"]);
    assert_eq!(saves(&effects), 1);
    assert_eq!(
        answer(&app, "sec.physical.perimeters"),
        Some(&AnswerValue::Text("partial".into())),
        "Enter keeps the grouped answer as this question's own"
    );
    assert_eq!(current_id(&app), "sec.physical.entry");
    assert_eq!(
        app.assessment.as_ref().and_then(|a| a.option),
        Some(2),
        "the next one starts there too"
    );
}

#[test]
fn a_note_being_typed_is_kept_as_a_draft_and_removed_once_saved() {
    let mut app = app_with(session());
    let id = session().id;
    let effects = press(&mut app, &["n", "Tw"]);
    assert_eq!(
        effects.last(),
        Some(&Effect::SaveDraft {
            id: id.clone(),
            draft: NoteDraft {
                question: "org.sector".into(),
                text: "Tw".into()
            }
        })
    );
    let effects = press(&mut app, &["<Esc>"]);
    assert!(
        matches!(&effects[..], [Effect::Save(saved), Effect::DiscardDraft(discarded)]
            if saved.notes.get("org.sector").map(String::as_str) == Some("Tw") && *discarded == id),
        "the draft goes only after the save: {effects:?}"
    );
    // Quitting with the editor open saves the note, then drops the draft, then quits.
    press(&mut app, &["n", "x"]);
    let effects = press(&mut app, &["<C-c>"]);
    assert!(
        matches!(
            &effects[..],
            [Effect::Save(_), Effect::DiscardDraft(_), Effect::Quit]
        ),
        "{effects:?}"
    );
}

#[test]
fn a_draft_left_behind_reopens_in_the_editor_on_its_question() {
    let mut app = app_with(session());
    let effects = update(
        &mut app,
        Msg::DraftFound(NoteDraft {
            question: "org.size".into(),
            text: "About 60 staff, two sites".into(),
        }),
    );
    assert!(effects.is_empty(), "{effects:?}");
    let Some(Overlay::Notes { question, editor }) = &app.overlay else {
        panic!("no editor: {:?}", app.overlay)
    };
    assert_eq!(question, "org.size");
    assert_eq!(editor.lines().join("\n"), "About 60 staff, two sites");
    assert_eq!(
        app.current().map(|(_, q)| q.id.as_str()),
        Some("org.size"),
        "the question the note belongs to is shown"
    );
    assert!(
        app.banner
            .as_ref()
            .is_some_and(|b| b.text.contains("Restored"))
    );
    let effects = press(&mut app, &["<Esc>"]);
    assert!(
        matches!(&effects[..], [Effect::Save(saved), Effect::DiscardDraft(_)]
            if saved.notes.get("org.size").map(String::as_str) == Some("About 60 staff, two sites")),
        "{effects:?}"
    );
}

#[test]
fn a_draft_already_saved_or_for_an_unknown_question_is_discarded() {
    let mut noted = session();
    noted.notes.insert("org.sector".into(), "Two wards".into());
    for (session, question, text) in [
        (noted, "org.sector", "Two wards"),
        (session(), "no.such.question", "text"),
    ] {
        let id = session.id.clone();
        let mut app = app_with(session);
        let effects = update(
            &mut app,
            Msg::DraftFound(NoteDraft {
                question: question.into(),
                text: text.into(),
            }),
        );
        assert_eq!(effects, vec![Effect::DiscardDraft(id)], "{question}");
        assert!(app.overlay.is_none());
    }
}

#[test]
fn the_home_highlight_follows_its_session_when_the_list_is_reordered() {
    let mut app = app();
    update(&mut app, Msg::SessionsLoaded(rows()));
    press(&mut app, &["<Down>", "<Down>", "<Down>"]);
    assert_eq!(
        app.selected_session_id().as_deref(),
        Some("01900002-0000-7000-8000-000000000000")
    );
    // Cobalt changed last and moves to the top.
    let mut reordered = rows();
    reordered.rotate_right(1);
    update(&mut app, Msg::SessionsLoaded(reordered));
    assert_eq!(app.home.selected, 1);
    assert_eq!(
        app.selected_session_id().as_deref(),
        Some("01900002-0000-7000-8000-000000000000")
    );
}

#[test]
fn home_highlights_the_session_just_closed() {
    let mut app = app();
    update(&mut app, Msg::SessionsLoaded(rows()));
    let mut closed = session();
    closed.id = "01900001-0000-7000-8000-000000000000".into();
    update(
        &mut app,
        Msg::Opened {
            session: Box::new(closed),
            read_only: None,
        },
    );
    let effects = press(&mut app, &["q"]);
    assert_eq!(effects.last(), Some(&Effect::LoadSessions));
    update(&mut app, Msg::SessionsLoaded(rows()));
    assert_eq!(
        app.selected_session_id().as_deref(),
        Some("01900001-0000-7000-8000-000000000000")
    );
    let effects = press(&mut app, &["<Enter>"]);
    assert_eq!(
        effects,
        vec![Effect::Open("01900001-0000-7000-8000-000000000000".into())]
    );
}

#[test]
fn an_existing_export_file_is_replaced_only_after_a_second_enter() {
    let mut app = app_with(session());
    app.export_dir = std::path::PathBuf::from("/reports");
    press(&mut app, &["r", "e"]);
    let effects = press(&mut app, &["<Enter>"]);
    let [
        Effect::Export {
            path,
            overwrite: false,
            ..
        },
    ] = &effects[..]
    else {
        panic!("{effects:?}")
    };
    update(&mut app, Msg::ExportExists(path.clone()));
    assert!(
        app.banner
            .as_ref()
            .is_some_and(|b| b.text.contains("already exists: Enter again replaces it")),
        "{:?}",
        app.banner
    );
    let effects = press(&mut app, &["<Enter>"]);
    assert!(
        matches!(&effects[..], [Effect::Export { overwrite: true, path: again, .. }] if again == path),
        "{effects:?}"
    );
    // Changing the format withdraws the offer: the next Enter asks again.
    update(&mut app, Msg::ExportExists(path.clone()));
    press(&mut app, &["<Down>"]);
    let effects = press(&mut app, &["<Enter>"]);
    assert!(
        matches!(
            &effects[..],
            [Effect::Export {
                overwrite: false,
                ..
            }]
        ),
        "{effects:?}"
    );
}

/// The results' gap list of a scoped session, at 80×24.
fn on_gap_list() -> isoready::tui::app::App {
    let mut app = app_with(common::scoped_session());
    update(
        &mut app,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    press(&mut app, &["r", "<Tab>"]);
    assert_eq!(
        app.assessment.as_ref().map(|a| a.tab),
        Some(ResultsTab::Gaps)
    );
    app
}

fn highlighted(app: &isoready::tui::app::App) -> usize {
    app.assessment.as_ref().map_or(usize::MAX, |a| a.gap)
}

#[test]
fn the_gap_list_pages_jumps_to_its_ends_and_stops_there() {
    let mut app = on_gap_list();
    let count = app.shown_gaps().len();
    assert!(count > 20, "{count}");
    press(&mut app, &["<PageDown>"]);
    let page = highlighted(&app);
    assert!(page > 1, "a page is more than a row: {page}");
    press(&mut app, &["<End>"]);
    assert_eq!(highlighted(&app), count - 1);
    press(&mut app, &["<Down>", "<PageDown>"]);
    assert_eq!(highlighted(&app), count - 1, "nothing past the end");
    press(&mut app, &["<PageUp>"]);
    assert_eq!(highlighted(&app), count - 1 - page);
    press(&mut app, &["<Home>"]);
    assert_eq!(highlighted(&app), 0);
}

#[test]
fn the_gap_search_narrows_the_list_and_enter_opens_the_match() {
    let mut app = on_gap_list();
    let all = app.shown_gaps().len();
    press(&mut app, &["/", "supplier"]);
    let shown = app.shown_gaps();
    assert!(!shown.is_empty() && shown.len() < all, "{}", shown.len());
    for gap in shown {
        let text = format!("{} {}", gap.title, gap.why).to_lowercase();
        assert!(text.contains("supplier"), "{text}");
    }
    // Enter keeps the search; a second Enter goes to the highlighted gap's question.
    press(&mut app, &["<Enter>"]);
    let question = app.shown_gaps()[0].questions[0].clone();
    press(&mut app, &["<Enter>"]);
    assert_eq!(app.screen, Screen::Assessment);
    assert_eq!(current_id(&app), question);
    // Esc while searching clears it.
    press(&mut app, &["r", "/", "zzz-nothing"]);
    assert!(app.shown_gaps().is_empty());
    press(&mut app, &["<Esc>"]);
    assert_eq!(app.shown_gaps().len(), all);
}

#[test]
fn the_summary_scrolls_to_its_end_and_no_further() {
    let mut app = app_with(common::scoped_session());
    update(
        &mut app,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    press(&mut app, &["r"]);
    for _ in 0..300 {
        press(&mut app, &["<Down>"]);
    }
    let at_end = app.assessment.as_ref().map_or(0, |a| a.scroll);
    assert!(at_end > 0 && at_end < 300, "{at_end}");
    press(&mut app, &["<Up>"]);
    assert_eq!(
        app.assessment.as_ref().map(|a| a.scroll),
        Some(at_end - 1),
        "one key back from the end"
    );
}

#[test]
fn a_session_that_fails_to_open_at_start_leaves_the_list_loaded() {
    let mut app = app();
    let effects = update(&mut app, Msg::Failed("Cannot open 0190…: locked".into()));
    assert_eq!(effects, vec![Effect::LoadSessions]);
    assert!(app.banner.as_ref().is_some_and(|b| b.error));
}

#[test]
fn the_live_figures_match_the_report_with_notes_and_exclusions() {
    let mut session = common::scoped_session();
    session.answers.insert(
        "sec.physical.perimeters_entry".into(),
        AnswerValue::Text("not_applicable".into()),
    );
    session
        .exclusions
        .insert("iso27001:A.7.2".into(), "No premises of our own".into());
    session.answers.insert(
        "sec.physical.monitoring".into(),
        AnswerValue::Text("not_applicable".into()),
    );
    session.notes.insert(
        "sec.physical.monitoring".into(),
        "The landlord runs CCTV".into(),
    );
    let app = app_with(session);
    let live = app
        .assessment
        .as_ref()
        .map(|a| a.live.clone())
        .expect("open");
    let report = app.report().expect("open");
    assert!(!live.to_confirm.is_empty(), "the case under test: {live:?}");
    assert_eq!(live.to_confirm, report.to_confirm);
    assert_eq!(live.missing, report.missing.len());
    assert_eq!(live.recommendation, report.recommendation);
    let readiness: Vec<_> = report
        .readiness
        .iter()
        .map(|(standard, readiness)| (*standard, readiness.percent))
        .collect();
    assert_eq!(live.readiness, readiness);
}

#[test]
fn the_arrival_banner_on_the_results_goes_with_the_next_key() {
    let mut app = app_with(common::scoped_session());
    update(
        &mut app,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    press(&mut app, &["r"]);
    app.banner = Some(isoready::tui::app::Banner {
        text: "End of the questions: here are the results. Esc goes back.".into(),
        error: false,
    });
    press(&mut app, &["<Tab>"]);
    assert_eq!(app.banner, None);
}

#[test]
fn each_slash_starts_a_new_gap_search() {
    let mut app = app_with(common::scoped_session());
    update(
        &mut app,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    press(
        &mut app,
        &["r", "<Tab>", "/", "supplier", "<Enter>", "/", "backup"],
    );
    assert_eq!(
        app.assessment
            .as_ref()
            .map(|a| a.gap_search.value().to_owned()),
        Some("backup".to_owned())
    );
}
