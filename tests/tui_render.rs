//! Snapshots of every screen at 80×24 and 120×40, and style checks for focus.

mod common;

use common::{app, app_with, press, render, session, text};
use isoready::assess::{Recommendation, Stage};
use isoready::model::AnswerValue;
use isoready::tui::app::App;
use isoready::tui::msg::{Msg, RowState, SessionRow};
use isoready::tui::theme::Theme;
use isoready::tui::update::update;
use ratatui::style::Modifier;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn snapshot(name: &str, app: &App) {
    for (width, height) in SIZES {
        insta::assert_snapshot!(
            format!("{name}_{width}x{height}"),
            text(&render(app, width, height))
        );
    }
}

fn answered_session() -> isoready::model::Session {
    let mut session = session();
    for (id, value) in [
        ("org.sector", AnswerValue::Text("healthcare".into())),
        ("org.size", AnswerValue::Text("medium".into())),
        ("org.certifications", AnswerValue::List(vec!["none".into()])),
        (
            "data.categories",
            AnswerValue::List(vec!["personal".into(), "special_category".into()]),
        ),
        (
            "ai.use",
            AnswerValue::List(vec!["internal_operations".into()]),
        ),
        ("ai.autonomy", AnswerValue::Text("human_in_the_loop".into())),
        ("ai.affects_individuals", AnswerValue::Bool(true)),
        ("ai.sensitive_data", AnswerValue::Bool(true)),
        ("drivers.requests", AnswerValue::List(vec!["none".into()])),
        ("ms.planning.risk_isms", AnswerValue::Text("partial".into())),
    ] {
        session.answers.insert(id.into(), value);
    }
    session.flagged.insert("ms.planning.risk_isms".into());
    session.notes.insert(
        "ms.planning.risk_isms".into(),
        "Register exists for IT only".into(),
    );
    session
}

fn rows() -> Vec<SessionRow> {
    vec![
        SessionRow {
            id: "01900000-0000-7000-8000-000000000001".into(),
            client: "Northwind Clinics".into(),
            state: RowState::Readable {
                updated: "2026-11-28 10:00".into(),
                stage: Stage::Readiness {
                    answered: 20,
                    asked: 57,
                },
                recommendation: Recommendation::Both,
                follow_up: true,
            },
        },
        SessionRow {
            id: "01900000-0000-7000-8000-000000000002".into(),
            client: String::new(),
            state: RowState::Unreadable("not valid JSON at line 3 column 1".into()),
        },
    ]
}

#[test]
fn home_first_run() {
    snapshot("home_first_run", &app());
}

#[test]
fn home_with_sessions() {
    let mut app = app();
    update(&mut app, Msg::SessionsLoaded(rows()));
    press(&mut app, &["<Down>"]);
    snapshot("home_with_sessions", &app);
}

#[test]
fn new_session_form() {
    let mut app = app();
    press(&mut app, &["n", "Northwind Clinics"]);
    snapshot("new_session", &app);
}

#[test]
fn question_single_choice() {
    snapshot("question_single", &app_with(session()));
}

#[test]
fn question_multi_choice() {
    let mut app = app_with(answered_session());
    assert!(app.go_to_question("data.categories"));
    snapshot("question_multi", &app);
}

#[test]
fn question_maturity_with_note_and_flag() {
    let mut app = app_with(answered_session());
    assert!(app.go_to_question("ms.planning.risk_isms"));
    snapshot("question_maturity", &app);
}

#[test]
fn question_paired_with_its_lead() {
    let mut app = app_with(answered_session());
    assert!(app.go_to_question("ms.planning.risk_aims"));
    snapshot("question_paired", &app);
    let screen = text(&render(&app, 80, 24));
    assert!(screen.contains("answered: Partly in place"), "{screen}");
    assert!(screen.contains(", part 2"), "{screen}");
}

#[test]
fn results_tabs() {
    let mut app = app_with(answered_session());
    press(&mut app, &["r"]);
    snapshot("results_summary", &app);
    press(&mut app, &["<Tab>", "<Down>"]);
    snapshot("results_gaps", &app);
    press(&mut app, &["<Tab>"]);
    snapshot("results_roadmap", &app);
}

#[test]
fn overlays() {
    let mut app = app_with(answered_session());
    press(&mut app, &["?"]);
    snapshot("help_overlay", &app);
    press(&mut app, &["<Esc>", "n", "Seen the register"]);
    snapshot("notes_overlay", &app);
    press(&mut app, &["<Esc>", "r", "e"]);
    snapshot("export_overlay", &app);
}

#[test]
fn terminal_too_small() {
    let app = app_with(session());
    let screen = text(&render(&app, 60, 20));
    assert!(screen.contains("Terminal too small"), "{screen}");
    assert!(screen.contains("60×20"), "{screen}");
}

#[test]
fn focus_is_reversed_in_monochrome_and_coloured_otherwise() {
    let mut app = app_with(session());
    let buffer = render(&app, 80, 24);
    let first = (0..24)
        .find(|&y| {
            text(&buffer)
                .lines()
                .nth(usize::from(y))
                .is_some_and(|l| l.contains("1 ( ) Healthcare"))
        })
        .expect("first option row");
    assert!(
        !buffer[(26, first)].modifier.contains(Modifier::REVERSED),
        "nothing is highlighted on an unanswered question"
    );
    press(&mut app, &["<Down>", "<Down>"]);
    let buffer = render(&app, 80, 24);
    let row = (0..24)
        .find(|&y| {
            text(&buffer)
                .lines()
                .nth(usize::from(y))
                .is_some_and(|l| l.contains("2 ( ) Finance"))
        })
        .expect("option row");
    let cell = &buffer[(26, row)];
    assert!(
        cell.modifier.contains(Modifier::REVERSED),
        "focused option is reversed"
    );
    assert_eq!(
        cell.fg,
        ratatui::style::Color::Reset,
        "no colour in monochrome"
    );
    let other = &buffer[(26, row + 1)];
    assert!(
        !other.modifier.contains(Modifier::REVERSED),
        "other options are not"
    );

    app.theme = Theme::color();
    let buffer = render(&app, 80, 24);
    assert_eq!(buffer[(26, row)].bg, ratatui::style::Color::Cyan);
}

/// An app on the physical premises question of a session with ISO 27001 in scope.
fn premises(prepare: impl FnOnce(&mut isoready::model::Session)) -> App {
    let mut session = common::scoped_session();
    prepare(&mut session);
    let mut app = app_with(session);
    assert!(app.go_to_question("sec.physical.perimeters_entry"));
    app
}

#[test]
fn exclusion_checklist() {
    let mut app = premises(|_| {});
    press(&mut app, &["5", " ", "<Down>", "<Down>", " ", "<Tab>"]);
    press(&mut app, &["Shared floor, the landlord runs the building"]);
    insta::assert_snapshot!("exclusion_checklist_80x24", text(&render(&app, 80, 24)));
    // An empty justification is refused in the window.
    let mut app = premises(|_| {});
    press(&mut app, &["5", "a", "<Enter>"]);
    let screen = text(&render(&app, 80, 24));
    assert!(
        screen.contains(isoready::tui::update::NEEDS_JUSTIFICATION),
        "{screen}"
    );
    // x on another answer edits the exclusions under their own title, answer kept.
    let mut app = premises(|session| {
        session.answers.insert(
            "sec.physical.perimeters_entry".into(),
            AnswerValue::Text("partial".into()),
        );
    });
    press(&mut app, &["x"]);
    let screen = text(&render(&app, 80, 24));
    assert!(
        screen.contains("Exclusions from the Statement of Applicability")
            && screen.contains("its answer stays \"Partly in")
            && !screen.contains("stay to confirm"),
        "{screen}"
    );
}

#[test]
fn justification_prompt() {
    let mut session = common::scoped_session();
    session.depth = isoready::model::Depth::Full;
    let mut app = app_with(session);
    assert!(app.go_to_question("sec.physical.monitoring"));
    press(&mut app, &["5", "No premises of our own"]);
    insta::assert_snapshot!("justification_prompt_80x24", text(&render(&app, 80, 24)));
}

#[test]
fn question_with_exclusions_and_a_grouped_answer() {
    let app = premises(|session| {
        session.answers.insert(
            "sec.physical.perimeters_entry".into(),
            AnswerValue::Text("not_applicable".into()),
        );
        session
            .exclusions
            .insert("iso27001:A.7.2".into(), "No premises of our own".into());
    });
    snapshot("question_exclusions", &app);

    let mut session = common::scoped_session();
    session.depth = isoready::model::Depth::Full;
    session.answers.insert(
        "sec.physical.perimeters_entry".into(),
        AnswerValue::Text("partial".into()),
    );
    let mut app = app_with(session);
    assert!(app.go_to_question("sec.physical.perimeters"));
    snapshot("question_grouped_answer", &app);
}

#[test]
fn a_client_name_with_control_characters_renders_without_them() {
    let mut hostile = common::session();
    hostile.client = "Evil\u{1b}]0;owned\u{7}\u{9b}2J Co".to_owned();
    let app = common::app_with(hostile);
    let buffer = common::render(&app, 100, 30);
    let cells: String = buffer.content().iter().map(|cell| cell.symbol()).collect();
    assert!(cells.contains("Evil]0;owned2J Co"), "{cells}");
    assert!(!cells.contains(char::is_control), "{cells:?}");
}

#[test]
fn a_session_list_that_cannot_be_read_says_so_instead_of_no_assessments() {
    let mut app = app();
    update(
        &mut app,
        Msg::SessionsUnavailable("cannot list /data: permission denied".into()),
    );
    let screen = text(&render(&app, 100, 30));
    assert!(
        screen.contains("cannot be listed: cannot list /data: permission denied"),
        "{screen}"
    );
    assert!(!screen.contains("No assessments yet"), "{screen}");
}

#[test]
fn at_80x24_the_last_section_scrolls_into_view_and_a_click_opens_it() {
    let mut app = common::app_at_with_ai("in_products", "aims.transparency.user_information");
    update(
        &mut app,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    let screen = text(&render(&app, 80, 24));
    assert!(screen.contains("Information for"), "{screen}");
    assert!(
        screen.contains("↑ 1 more"),
        "the hidden first section is counted: {screen}"
    );
    assert!(!screen.contains("↓ 1 more"), "{screen}");

    // The first row under the border is the second section while the first is scrolled away.
    update(&mut app, Msg::Click { column: 5, row: 2 });
    assert_eq!(
        app.current().map(|(section, _)| section.title.as_str()),
        Some("Context of the organisation")
    );

    // Back at the top, the last section is counted below.
    assert!(app.go_to_question("org.sector"));
    let screen = text(&render(&app, 80, 24));
    assert!(screen.contains("↓ 1 more"), "{screen}");
    assert!(!screen.contains("Information for"), "{screen}");
}

#[test]
fn at_80x24_the_help_scrolls_to_its_last_row_and_no_further() {
    let mut noted = session();
    noted.notes.insert(
        "org.sector".into(),
        "Seen: the sector register of the board".into(),
    );
    let mut app = app_with(noted);
    update(
        &mut app,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    let screen = text(&render(&app, 80, 24));
    assert!(
        !screen.contains("Note: Seen"),
        "the note starts out of view: {screen}"
    );
    for _ in 0..40 {
        update(&mut app, Msg::ScrollHelp(1));
    }
    let scrolled = app.assessment.as_ref().map(|a| a.help_scroll);
    let screen = text(&render(&app, 80, 24));
    assert!(
        screen.contains("Note: Seen: the sector register"),
        "{screen}"
    );
    assert!(screen.contains("Why it matters · rows"), "{screen}");
    update(&mut app, Msg::ScrollHelp(1));
    assert_eq!(
        app.assessment.as_ref().map(|a| a.help_scroll),
        scrolled,
        "clamped at the end"
    );
    // Moving to another question starts its help at the top.
    press(&mut app, &["1"]);
    assert_eq!(app.assessment.as_ref().map(|a| a.help_scroll), Some(0));
}

#[test]
fn a_read_only_session_offers_only_moving_and_reading() {
    let mut app = common::app();
    update(
        &mut app,
        Msg::Opened {
            session: Box::new(session()),
            read_only: Some("process 42 on host-a".into()),
        },
    );
    let screen = text(&render(&app, 80, 24));
    let footer = screen.lines().last().unwrap_or_default();
    assert!(
        footer.contains("→ next") && footer.contains("q home"),
        "{footer}"
    );
    assert!(
        !footer.contains("pick") && !footer.contains("notes"),
        "{footer}"
    );
    // The number keys do nothing rather than being refused one by one.
    let effects = press(&mut app, &["1"]);
    assert!(effects.is_empty());
}

/// Where the text cursor shows on `row`: the one cell of the field drawn the other way round
/// from the cell before it (reversed in a plain field, plain in a reversed one).
fn cursor_column(buffer: &ratatui::buffer::Buffer, row: u16, from: u16) -> Option<u16> {
    let reversed = |x: u16| buffer[(x, row)].modifier.contains(Modifier::REVERSED);
    let underlined = |x: u16| buffer[(x, row)].modifier.contains(Modifier::UNDERLINED);
    (from + 1..buffer.area.width)
        .find(|&x| reversed(x) != reversed(x - 1) || (underlined(x) && !underlined(x - 1)))
}

fn row_of(buffer: &ratatui::buffer::Buffer, needle: &str) -> u16 {
    let screen = text(buffer);
    let index = screen
        .lines()
        .position(|line| line.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not on screen:\n{screen}"));
    u16::try_from(index).unwrap()
}

#[test]
fn every_text_field_shows_its_cursor_where_the_next_character_goes() {
    // The new-session form: after the typed client name.
    let mut form = app();
    press(&mut form, &["n", "Acme"]);
    let buffer = render(&form, 80, 24);
    let row = row_of(&buffer, "Client / organisation");
    let start = column_of(&buffer, row, "Acme");
    assert_eq!(cursor_column(&buffer, row, start), Some(start + 4), "form");

    // The home filter.
    let mut home = app();
    update(&mut home, Msg::SessionsLoaded(rows()));
    press(&mut home, &["/", "north"]);
    let buffer = render(&home, 80, 24);
    let row = row_of(&buffer, "Filter: north");
    let start = column_of(&buffer, row, "north");
    assert_eq!(
        cursor_column(&buffer, row, start),
        Some(start + 5),
        "filter"
    );

    // A typed answer: the cursor follows Home.
    let mut typed = typed_answers_app();
    press(&mut typed, &["ab", "<Home>"]);
    let buffer = render(&typed, 80, 24);
    let row = row_of(&buffer, "> ab");
    let start = column_of(&buffer, row, "ab");
    assert_eq!(
        cursor_column(&buffer, row, start - 1),
        Some(start),
        "typed answer"
    );
}

/// The column where `needle` starts on `row`, in cells.
fn column_of(buffer: &ratatui::buffer::Buffer, row: u16, needle: &str) -> u16 {
    let line = text(buffer)
        .lines()
        .nth(usize::from(row))
        .unwrap_or_default()
        .to_owned();
    let byte = line
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {line:?}"));
    u16::try_from(line[..byte].chars().count()).unwrap()
}

/// An app on a questionnaire of typed answers (the default one has none).
fn typed_answers_app() -> App {
    use isoready::model::{Depth, Questionnaire, Session};
    let text = r#"{"id": "typed", "version": "1", "title": "Typed answers",
      "sections": [{"id": "s", "title": "S", "questions": [
        {"id": "name", "kind": "text", "prompt": "Who owns security?"}]}]}"#;
    let questionnaire = Questionnaire::parse("typed.json", text).expect("valid");
    let created: jiff::Timestamp = "2026-11-28T10:00:00Z".parse().expect("timestamp");
    let session = Session::new("typed".into(), &questionnaire, Depth::Quick, created);
    let mut app = App::new(questionnaire, Theme::monochrome(), "");
    update(
        &mut app,
        Msg::Opened {
            session: Box::new(session),
            read_only: None,
        },
    );
    app
}

#[test]
fn a_long_export_path_scrolls_to_the_cursor_while_edited() {
    let mut app = app_with(session());
    app.export_dir = std::path::PathBuf::from(
        "/home/consultant/clients/northwind-clinics/2026/readiness/exports",
    );
    press(&mut app, &["r", "e", "<Tab>"]);
    let screen = text(&render(&app, 80, 24));
    assert!(
        screen.contains("isoready.md"),
        "the end of the path shows:\n{screen}"
    );
}
