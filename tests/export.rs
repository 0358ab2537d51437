//! The export renderers on fixture sessions: snapshots of every format, escaping, the JSON
//! round trip, the Statement of Applicability and the OSCAL structure.

use std::collections::BTreeSet;
use std::path::PathBuf;

use isoready::assess::Report;
use isoready::assess::ToConfirmReason;
use isoready::export::soa::{self, Applicability};
use isoready::export::{self, ExportInput, ExportSession};
use isoready::model::problem::parse_json;
use isoready::model::{AnswersDoc, Catalogs, Questionnaire, Session, Standard};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_json::Value;

fn fixture(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

fn questionnaire() -> Questionnaire {
    Questionnaire::parse("default", Questionnaire::embedded_text()).unwrap()
}

fn session_file(name: &str) -> (Session, ExportSession) {
    let text = std::fs::read_to_string(fixture(&format!("sessions/{name}.json"))).unwrap();
    let session: Session = parse_json(name, &text).unwrap();
    let export = ExportSession::from_session(&session);
    (session, export)
}

fn answers_file(name: &str, questionnaire: &Questionnaire) -> ExportSession {
    let text = std::fs::read_to_string(fixture(&format!("answers/{name}.json"))).unwrap();
    let doc = AnswersDoc::parse(name, &text).unwrap();
    ExportSession::from_answers(&doc, questionnaire)
}

/// Runs `check` on the input built from a fixture session.
fn with_session(name: &str, check: impl FnOnce(&ExportInput)) {
    let questionnaire = questionnaire();
    let (_, session) = session_file(name);
    let input = ExportInput::new(&session, &questionnaire, Catalogs::embedded());
    check(&input);
}

#[test]
fn snapshots_of_every_format() {
    with_session("export-both", |input| {
        insta::assert_snapshot!("both.md", export::summary::render(input));
        insta::assert_snapshot!("both.json", export::json::render(input).unwrap());
        insta::assert_snapshot!("both.html", export::html::render(input).unwrap());
        insta::assert_snapshot!("both.csv", export::csv::render(input).unwrap());
        insta::assert_snapshot!("both.soa.md", soa::render_markdown(input));
        insta::assert_snapshot!("both.soa.csv", soa::render_csv(input).unwrap());
        insta::assert_snapshot!("both.oscal.json", export::oscal::render(input).unwrap());
    });
    with_session("export-27001", |input| {
        insta::assert_snapshot!("27001.soa.md", soa::render_markdown(input));
        insta::assert_snapshot!("27001.csv", export::csv::render(input).unwrap());
    });
}

#[test]
fn html_keeps_a_script_in_a_note_inert_and_loads_nothing() {
    with_session("export-both", |input| {
        let html = export::html::render(input).unwrap();
        assert!(html.contains("&#60;script&#62;alert(&#39;owned&#39;)&#60;/script&#62;"));
        let lower = html.to_lowercase();
        for forbidden in [
            "<script", "<link", "<img", "<iframe", "src=", "@import", "url(",
        ] {
            assert!(!lower.contains(forbidden), "found {forbidden}");
        }
        // The client's name is escaped in the title and the header.
        assert!(html.contains(
            "<title>Readiness assessment — St. Mary&#39;s Clinics | North &#38; West</title>"
        ));
        assert!(html.contains("<svg class=\"chart\""));
        assert!(html.contains("@media print"));
    });
}

fn read_csv(text: &str) -> Vec<Vec<String>> {
    let body = text
        .strip_prefix('\u{feff}')
        .expect("a UTF-8 byte order mark");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|record| record.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn csv_has_a_bom_crlf_records_and_neutralised_cells() {
    with_session("export-both", |input| {
        let text = export::csv::render(input).unwrap();
        assert!(text.starts_with("\u{feff}Rank,Priority,Standards,Controls,Title,"));
        assert!(text.contains("\r\n"));
        let rows = read_csv(&text);
        assert_eq!(rows.len(), input.report.gaps.len() + 1);
        assert!(rows.iter().all(|row| row.len() == 11));
        let cells: Vec<&String> = rows.iter().flatten().collect();
        for cell in &cells {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "not neutralised: {cell:?}"
            );
        }
        for expected in [
            "'=HYPERLINK(\"http://attacker.example/\",\"Click for the supplier list\")",
            "'+44 20 7946 0000 is the on-call number",
            "'-1 days of log retention on the EHR; backups untested",
            "'@it-team owns joiner/mover/leaver reviews",
            "'\tEncryption at rest on laptops only",
        ] {
            assert!(
                cells.iter().any(|cell| cell.as_str() == expected),
                "{expected:?}"
            );
        }
    });
}

#[test]
fn neutralise_only_touches_formula_starts() {
    use isoready::export::csv::neutralise;
    assert_eq!(neutralise("=1+1"), "'=1+1");
    // A lone CR is dropped before the check, as from every export.
    assert_eq!(neutralise("\rx"), "x");
    for hidden in [
        " =1+1",
        "\n=cmd",
        "\u{200B}=HYPERLINK(\"x\")",
        "\u{FEFF}\u{A0}+1",
        "\u{FF1D}1+1",
        "\u{FF20}SUM(A1)",
        "\u{2212}1",
    ] {
        assert_eq!(neutralise(hidden), format!("'{hidden}"), "{hidden:?}");
    }
    assert_eq!(neutralise("a=1"), "a=1");
    assert_eq!(neutralise("  plain text"), "  plain text");
    assert_eq!(neutralise("Müller"), "Müller");
    assert_eq!(neutralise(""), "");
}

/// Every table of a Markdown document as rows of cell texts, header row first.
fn tables(markdown: &str) -> (Vec<Vec<Vec<String>>>, usize) {
    let mut tables = Vec::new();
    let mut raw_html = 0;
    let mut cell: Option<String> = None;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Table(_)) => tables.push(Vec::new()),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                if let Some(table) = tables.last_mut() {
                    table.push(Vec::new());
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                if let (Some(text), Some(row)) = (
                    cell.take(),
                    tables.last_mut().and_then(|table| table.last_mut()),
                ) {
                    row.push(text);
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(cell) = cell.as_mut() {
                    cell.push_str(&text);
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => raw_html += 1,
            _ => {}
        }
    }
    (tables, raw_html)
}

#[test]
fn markdown_summary_parses_back_with_intact_tables() {
    with_session("export-both", |input| {
        let markdown = export::summary::render(input);
        let (tables, raw_html) = tables(&markdown);
        assert_eq!(raw_html, 0, "user text must not become raw HTML");
        for table in &tables {
            let width = table[0].len();
            assert!(table.iter().all(|row| row.len() == width));
        }
        let gaps = tables
            .iter()
            .find(|table| table[0][0] == "#")
            .expect("the gap table");
        assert_eq!(gaps.len(), input.report.gaps.len() + 1);
        let answers: usize = tables
            .iter()
            .filter(|table| table[0] == ["ID", "Question", "Answer", "Note"])
            .map(|table| table.len() - 1)
            .sum();
        assert_eq!(answers, input.session.answers.len());
        let cells: Vec<&String> = tables.iter().flatten().flatten().collect();
        assert!(cells.iter().any(|cell| {
            cell.as_str()
                == "Policy draft | v0.3 is with the board. IT says <script>alert('owned')</script> is \"fine\" & *done*"
        }));
        assert!(
            cells
                .iter()
                .any(|cell| cell.as_str() == "ai.affects_individuals")
        );
        assert!(markdown.contains("- **Client:** St. Mary's Clinics \\| North \\& West"));
    });
}

#[test]
fn json_export_round_trips_answers_notes_and_flags() {
    let questionnaire = questionnaire();
    let (original, session) = session_file("export-both");
    let input = ExportInput::new(&session, &questionnaire, Catalogs::embedded());
    let text = export::json::render(&input).unwrap();
    let doc = AnswersDoc::parse("export.json", &text).unwrap();
    assert_eq!(doc.answers, original.answers);
    assert_eq!(doc.notes, original.notes);
    assert!(doc.validate(&questionnaire).is_empty());
    let back: Session = serde_json::from_str(&text).unwrap();
    assert_eq!(back, original);
    let value: Value = serde_json::from_str(&text).unwrap();
    let report: Report = serde_json::from_value(value["report"].clone()).unwrap();
    assert_eq!(report, input.report);
}

#[test]
fn json_export_of_an_answers_file_has_no_invented_id_or_dates() {
    let questionnaire = questionnaire();
    let session = answers_file("healthcare", &questionnaire);
    let input = ExportInput::new(&session, &questionnaire, Catalogs::embedded());
    let text = export::json::render(&input).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["schema_version"], 1);
    for absent in ["id", "created", "updated"] {
        assert!(value.get(absent).is_none(), "{absent}");
    }
    let doc = AnswersDoc::parse("export.json", &text).unwrap();
    assert_eq!(doc.answers, session.answers);
    assert_eq!(doc.notes, session.notes);
}

#[test]
fn soa_lists_every_annex_a_control_with_justifications() {
    with_session("export-both", |input| {
        assert_eq!(
            soa::standards(input),
            [Standard::Iso27001, Standard::Iso42001]
        );
        let iso27001 = soa::rows(input, Standard::Iso27001);
        let iso42001 = soa::rows(input, Standard::Iso42001);
        assert_eq!(iso27001.len(), 93);
        assert_eq!(iso42001.len(), 38);
        let ids: BTreeSet<&str> = iso27001.iter().map(|row| row.control.id.as_str()).collect();
        assert_eq!(ids.len(), 93);
        // A grouped question answered not applicable, with a note: its controls are to
        // confirm, and the note is offered as the starting point of a justification.
        let premises = iso27001
            .iter()
            .find(|row| row.control.id == "A.7.1")
            .unwrap();
        assert_eq!(premises.applicability, Applicability::ToConfirm);
        assert_eq!(premises.to_confirm, Some(ToConfirmReason::GroupedAnswer));
        assert!(premises.exclusion.starts_with(
            "To confirm: sec.physical.perimeters_entry was answered not applicable for a group of controls"
        ));
        assert!(premises.exclusion.contains("\"Fully remote since 2023"));
        assert!(
            premises.inclusion.is_empty(),
            "no reason to include while the exclusion is undecided"
        );
        // Applicable: the reasons come from the scoping answers; the note stays with the
        // implementation.
        let policies = iso27001
            .iter()
            .find(|row| row.control.id == "A.5.1")
            .unwrap();
        // No risk treatment plan yet: the risk reason is a proposal; a certificate asked for is
        // not a reason a control applies.
        assert_eq!(
            policies.inclusion,
            "Risk treatment (proposed until the risk assessment confirms it): part of protecting the personal data and special-category data such as health you hold. \
             Good practice: a reference control that any information security management system weighs."
        );
        assert!(policies.exclusion.is_empty());
        assert!(policies.note.unwrap().starts_with("Policy draft | v0.3"));
        // A grouped not-applicable without a note: to confirm as well.
        let data = iso42001
            .iter()
            .find(|row| row.control.id == "A.7.2")
            .unwrap();
        assert_eq!(data.applicability, Applicability::ToConfirm);
        assert_eq!(data.to_confirm, Some(ToConfirmReason::GroupedAnswer));
        assert!(data.inclusion.is_empty());
        // Implemented: applicable.
        let screening = iso27001
            .iter()
            .find(|row| row.control.id == "A.6.1")
            .unwrap();
        assert_eq!(screening.applicability, Applicability::Applicable);
        assert_eq!(screening.status, "Implemented");
        for row in iso27001.iter().chain(&iso42001) {
            assert!(!row.inclusion.contains("no reason to exclude"));
            assert_eq!(
                row.inclusion.is_empty(),
                row.applicability != Applicability::Applicable
            );
        }
        let csv = read_csv(&soa::render_csv(input).unwrap());
        assert_eq!(csv.len(), SOA_CSV_HEADER_ROWS + 93 + 38);
        assert!(csv.iter().all(|row| row.len() == 12));
        let (tables, _) = tables(&soa::render_markdown(input));
        let rows: Vec<usize> = tables.iter().map(|table| table.len() - 1).collect();
        assert_eq!(rows, [93, 38]);
    });
    with_session("export-27001", |input| {
        assert_eq!(soa::standards(input), [Standard::Iso27001]);
        assert_eq!(
            read_csv(&soa::render_csv(input).unwrap()).len(),
            SOA_CSV_HEADER_ROWS + 93
        );
    });
}

/// The records of the SoA CSV before its first control: the document header, a blank record
/// and the column names.
const SOA_CSV_HEADER_ROWS: usize = 9;

#[test]
fn soa_with_exclusions_and_controls_to_confirm() {
    let questionnaire = questionnaire();
    let session = answers_file("exclusions", &questionnaire);
    let input = ExportInput::new(&session, &questionnaire, Catalogs::embedded());
    insta::assert_snapshot!("exclusions.soa.md", soa::render_markdown(&input));
    insta::assert_snapshot!("exclusions.soa.csv", soa::render_csv(&input).unwrap());
    let rows = soa::rows(&input, Standard::Iso27001);
    let row = |id: &str| rows.iter().find(|row| row.control.id == id).unwrap();
    // Two exclusions of the block, one per-control not-applicable with a note.
    for (id, starts) in [
        ("A.7.1", "No premises of our own"),
        ("A.7.2", "Entry to the building"),
        ("A.7.4", "The landlord's CCTV"),
    ] {
        assert_eq!(row(id).applicability, Applicability::NotApplicable, "{id}");
        assert!(row(id).exclusion.starts_with(starts), "{id}");
        assert!(row(id).inclusion.is_empty(), "{id}");
    }
    assert_eq!(row("A.7.4").question, Some("sec.physical.monitoring"));
    assert_eq!(row("A.7.1").question, None);
    // The rest of the grouped not-applicable: to confirm.
    assert_eq!(row("A.7.3").applicability, Applicability::ToConfirm);
    assert_eq!(
        row("A.7.3").to_confirm,
        Some(ToConfirmReason::GroupedAnswer)
    );
    // Inclusion names the data held and the laws and contracts asked for.
    let access = row("A.5.15");
    assert_eq!(access.applicability, Applicability::Applicable);
    assert!(access.inclusion.starts_with(
        "Risk treatment (proposed until the risk assessment confirms it): directly protects the personal data and financial data you hold. Legal or regulatory: NIS2"
    ));
    assert!(access.inclusion.contains("Contractual: PCI DSS"));
    let markdown = soa::render_markdown(&input);
    assert!(markdown.contains("- **Approved by:** ____________________ (name, role, date)"));
    assert!(markdown.contains("- **Version:** Draft 0.1"));
    assert!(
        markdown.contains("- **Standards covered:** ISO/IEC 27001:2022, Annex A (93 controls)")
    );
    assert!(
        // Applicable unless excluded; only the grouped not-applicable left open is to confirm.
        markdown.contains("93 controls: 89 applicable, 3 excluded, 1 to confirm."),
        "{markdown}"
    );
}

fn strings<'a>(value: &'a Value, pointer: &str, field: &str) -> Vec<&'a str> {
    value
        .pointer(pointer)
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item[field].as_str())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn oscal_assessment_results_are_complete_consistent_and_deterministic() {
    with_session("export-both", |input| {
        let text = export::oscal::render(input).unwrap();
        assert_eq!(text, export::oscal::render(input).unwrap());
        let doc: Value = serde_json::from_str(&text).unwrap();
        let ar = &doc["assessment-results"];
        assert_eq!(ar["metadata"]["oscal-version"], "1.1.2");
        assert_eq!(ar["metadata"]["last-modified"], "2026-01-15T16:45:12Z");
        let results = ar["results"].as_array().unwrap();
        assert_eq!(results.len(), 1);
        assert_eq!(results[0]["start"], "2026-01-12T09:30:00Z");
        let result = "/assessment-results/results/0";
        let included = strings(
            &doc,
            &format!("{result}/reviewed-controls/control-selections/0/include-controls"),
            "control-id",
        );
        let excluded = strings(
            &doc,
            &format!("{result}/reviewed-controls/control-selections/0/exclude-controls"),
            "control-id",
        );
        assert!(included.contains(&"iso27001-a.5.9") && included.contains(&"iso42001-6.1.4"));
        // Grouped not-applicable answers exclude nothing: their controls are to confirm. The
        // environmental-threats question covers A.7.5 alone: its note is the justification.
        assert_eq!(excluded, ["iso27001-a.7.5"]);
        assert!(!included.contains(&"iso27001-a.7.1") && !included.contains(&"iso42001-a.7.2"));
        let findings = results[0]["findings"].as_array().unwrap();
        let targets: Vec<&str> = findings
            .iter()
            .map(|finding| finding["target"]["target-id"].as_str().unwrap())
            .collect();
        assert_eq!(targets, included);
        let observations = strings(&doc, &format!("{result}/observations"), "uuid");
        assert_eq!(observations.len(), input.session.answers.len());
        for finding in findings {
            let state = finding["target"]["status"]["state"].as_str().unwrap();
            assert!(state == "satisfied" || state == "not-satisfied");
            let related = finding["related-observations"][0]["observation-uuid"]
                .as_str()
                .unwrap();
            assert!(observations.contains(&related));
        }
        let assets = findings
            .iter()
            .find(|finding| finding["target"]["target-id"] == "iso27001-a.5.9")
            .unwrap();
        assert_eq!(assets["target"]["status"]["state"], "satisfied");
        let mut uuids: Vec<&str> = observations.clone();
        uuids.extend(findings.iter().map(|f| f["uuid"].as_str().unwrap()));
        uuids.push(ar["uuid"].as_str().unwrap());
        uuids.push(results[0]["uuid"].as_str().unwrap());
        let unique: BTreeSet<&str> = uuids.iter().copied().collect();
        assert_eq!(unique.len(), uuids.len());
        assert!(
            uuids
                .iter()
                .all(|uuid| { uuid::Uuid::parse_str(uuid).unwrap().get_version_num() == 5 })
        );
        let note = "Ask the clinical safety officer whether the DCB0129 assessment counts.";
        assert!(text.contains(note));
    });
}

#[test]
fn exclusions_reach_the_json_and_oscal_exports() {
    let questionnaire = questionnaire();
    let mut session = answers_file("exclusions", &questionnaire);
    session.id = Some("01960000-0000-7000-8000-0000000000aa".to_owned());
    session.created = Some("2026-03-02T09:00:00Z".parse().unwrap());
    session.updated = session.created;
    let input = ExportInput::new(&session, &questionnaire, Catalogs::embedded());
    // OSCAL: the excluded controls are excluded, with their justifications in the remarks;
    // those to confirm are neither included nor excluded.
    let doc: Value = serde_json::from_str(&export::oscal::render(&input).unwrap()).unwrap();
    let selection = "/assessment-results/results/0/reviewed-controls/control-selections/0";
    let excluded = strings(&doc, &format!("{selection}/exclude-controls"), "control-id");
    assert_eq!(
        excluded,
        ["iso27001-a.7.1", "iso27001-a.7.2", "iso27001-a.7.4"]
    );
    let included = strings(&doc, &format!("{selection}/include-controls"), "control-id");
    assert!(!included.contains(&"iso27001-a.7.3"));
    let remarks = doc
        .pointer(&format!("{selection}/remarks"))
        .and_then(Value::as_str)
        .unwrap();
    assert!(remarks.starts_with("Excluded iso27001-a.7.1: No premises of our own"));
    assert!(
        remarks.contains("exclusion to confirm (neither included nor excluded): iso27001-a.7.3")
    );
    // The JSON export keeps the exclusions block, and reads back as the same answers.
    let text = export::json::render(&input).unwrap();
    let back = AnswersDoc::parse("export.json", &text).unwrap();
    assert_eq!(back.exclusions, session.exclusions);
    assert_eq!(back.exclusions.len(), 2);
    // The summaries list the exclusions with their justifications.
    let markdown = export::summary::render(&input);
    assert!(markdown.contains("## Statement of Applicability: exclusions"));
    let html = export::html::render(&input).unwrap();
    assert!(html.contains("<h2>Statement of Applicability: exclusions</h2>"));
    assert!(html.contains("Entry to the building is run by the landlord&#39;s reception"));
}

#[test]
fn oscal_needs_a_session() {
    let questionnaire = questionnaire();
    let session = answers_file("healthcare", &questionnaire);
    let input = ExportInput::new(&session, &questionnaire, Catalogs::embedded());
    assert!(matches!(
        export::oscal::render(&input),
        Err(export::oscal::OscalError::NotASession)
    ));
}

#[test]
fn a_control_character_cannot_hide_a_formula_from_neutralisation() {
    use isoready::export::csv::neutralise;
    for hidden in [
        "\u{0}=HYPERLINK(\"x\")",
        "\u{1b}=1+1",
        "\u{7f}@SUM(A1)",
        "\u{9b}+1",
        "\u{202E}=1",
    ] {
        let cell = neutralise(hidden);
        assert!(cell.starts_with("'"), "{hidden:?} became {cell:?}");
        assert!(!cell.contains(char::is_control), "{cell:?}");
    }
}
