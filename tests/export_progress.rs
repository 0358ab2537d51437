//! The "Progress since" section of a follow-up session's Markdown, HTML and workbook exports.

use std::path::{Path, PathBuf};

use isoready::commands::compare::file;
use isoready::export::follow_up::comparison;
use isoready::export::{self, ExportInput};
use isoready::model::{Catalogs, Questionnaire, Session};
use isoready::storage::Store;
use predicates::prelude::*;

const FIRST: &str = "0190a0b0-0000-7000-8000-00000000000a";
const FOLLOW_UP: &str = "0190a0b0-0000-7000-8000-00000000000b";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/compare")
        .join(name)
}

fn questionnaire() -> Questionnaire {
    Questionnaire::parse("default", Questionnaire::embedded_text()).unwrap()
}

/// The text from the line starting with `start` to the line starting with `end` (excluded).
fn section<'t>(text: &'t str, start: &str, end: &str) -> &'t str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{start} in {text}"));
    let rest = &text[from..];
    let to = rest[start.len()..]
        .find(end)
        .map_or(rest.len(), |at| at + start.len());
    &rest[..to]
}

/// Renders the follow-up fixture with its progress since the first session.
fn render(format: export::Format) -> String {
    let questionnaire = questionnaire();
    let first = file(&fixture("v1-session.json"), &questionnaire).unwrap();
    let mut follow_up = file(&fixture("v2-session.json"), &questionnaire).unwrap();
    follow_up.session.progress = Some(comparison(&first, &follow_up, &questionnaire));
    let input = ExportInput::new(&follow_up.session, &questionnaire, Catalogs::embedded());
    String::from_utf8(export::render(format, &input).unwrap()).expect("text export")
}

#[test]
fn the_markdown_summary_of_a_follow_up_shows_its_progress() {
    let md = render(export::Format::Md);
    let progress = section(&md, "## Progress since 2026-03-02", "\n## ");
    assert!(
        progress
            .contains("### Not moved since 2026-03-02: the first to take on before the next call")
    );
    assert!(progress.contains("### Gaps whose status changed"));
    assert!(
        md.find("## Progress since").unwrap() < md.find("## Recommendation").unwrap(),
        "a follow-up's news comes first"
    );
    insta::assert_snapshot!("progress.md", progress);
}

#[test]
fn the_html_summary_of_a_follow_up_charts_readiness_then_and_now() {
    let html = render(export::Format::Html);
    let start = html
        .find("<section>\n<h2>Progress since")
        .expect("the section");
    let progress = section(&html[start..], "<section>", "</section>");
    assert!(progress.contains(r#"<rect class="then""#), "a bar for then");
    insta::assert_snapshot!("progress.html", progress);
}

#[test]
fn a_session_that_follows_up_nothing_has_no_progress_section() {
    let questionnaire = questionnaire();
    let first = file(&fixture("v1-session.json"), &questionnaire).unwrap();
    let input = ExportInput::new(&first.session, &questionnaire, Catalogs::embedded());
    assert!(!export::summary::render(&input).contains("Progress since"));
    assert!(
        !export::html::render(&input)
            .unwrap()
            .contains("Progress since")
    );
}

fn stored(data: &Path) -> Store {
    let store = Store::open(Some(data)).unwrap();
    for name in ["v1-session.json", "v2-session.json"] {
        let text = std::fs::read_to_string(fixture(name)).unwrap();
        let session: Session = serde_json::from_str(&text).unwrap();
        store.save(&session).unwrap();
    }
    store
}

fn export_md(data: &Path, dir: &Path) -> assert_cmd::assert::Assert {
    assert_cmd::cargo::cargo_bin_cmd!("isoready")
        .env("NO_COLOR", "1")
        .env_remove("ISOREADY_QUESTIONNAIRE")
        .current_dir(dir)
        .arg("--data-dir")
        .arg(data)
        .args([
            "export", FOLLOW_UP, "--format", "md", "--force", "-o", "out.md",
        ])
        .assert()
}

#[test]
fn exporting_a_stored_follow_up_loads_the_previous_session_and_works_without_it() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let store = stored(&data);
    export_md(&data, tmp.path()).success().stderr("");
    let md = std::fs::read_to_string(tmp.path().join("out.md")).unwrap();
    assert!(md.contains("## Progress since 2026-03-02"), "{md}");
    store.delete(FIRST).unwrap();
    export_md(&data, tmp.path())
        .success()
        .stderr(predicate::str::contains(format!(
            "note: session {FIRST}, which this one follows up, cannot be read"
        )));
    let md = std::fs::read_to_string(tmp.path().join("out.md")).unwrap();
    assert!(
        !md.contains("Progress since"),
        "nothing is claimed without it"
    );
}

#[test]
fn the_workbook_of_a_follow_up_has_its_progress_on_the_summary_sheet() {
    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

    let questionnaire = questionnaire();
    let first = file(&fixture("v1-session.json"), &questionnaire).unwrap();
    let mut follow_up = file(&fixture("v2-session.json"), &questionnaire).unwrap();
    let progress = comparison(&first, &follow_up, &questionnaire);
    follow_up.session.progress = Some(progress.clone());
    let input = ExportInput::new(&follow_up.session, &questionnaire, Catalogs::embedded());
    let bytes = export::render(export::Format::Xlsx, &input).unwrap();
    let mut workbook: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let summary = workbook.worksheet_range("Summary").unwrap();
    let text = |row: usize, col: usize| match summary.get((row, col)) {
        Some(Data::String(text)) => text.clone(),
        _ => String::new(),
    };
    let heading = (0..summary.height())
        .find(|&row| text(row, 0) == "Progress since 2026-03-02")
        .expect("a progress block");
    assert_eq!(
        (1..5).map(|col| text(heading + 1, col)).collect::<Vec<_>>(),
        ["Domain", "Then", "Now", "Change (points)"]
    );
    let (standard, change) = progress.readiness.iter().next().unwrap();
    let first_row = heading + 2;
    assert_eq!(text(first_row, 1), "Overall");
    assert_eq!(
        text(first_row, 0),
        Catalogs::embedded().catalog(*standard).name
    );
    assert_eq!(text(first_row, 4), format!("{:+.1}", change.delta.unwrap()));
    assert!(matches!(summary.get((first_row, 3)), Some(Data::Float(_))));
    let changed = &progress.gaps.changed[0];
    let status_row = (heading..summary.height())
        .find(|&row| text(row, 0) == "Status changed")
        .expect("the gaps whose status changed");
    assert!(text(status_row, 1).starts_with(&changed.gap.title));
}
