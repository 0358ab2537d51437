//! The client workbook read back: sheets and headers, row counts against the report, the
//! drop-downs and frozen headers in the sheet XML, user text kept as text, and a snapshot of the
//! Summary sheet's values.

use std::io::{Cursor, Read};
use std::path::PathBuf;

use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};
use isoready::export::{self, ExportInput, ExportSession, Format};
use isoready::model::problem::parse_json;
use isoready::model::{AnswersDoc, Catalogs, Questionnaire, Session, Standard};

fn fixture(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

fn questionnaire() -> Questionnaire {
    Questionnaire::parse("default", Questionnaire::embedded_text()).unwrap()
}

/// The session file `tests/fixtures/sessions/NAME.json`.
fn session(name: &str) -> ExportSession {
    let text = std::fs::read_to_string(fixture(&format!("sessions/{name}.json"))).unwrap();
    let session: Session = parse_json(name, &text).unwrap();
    ExportSession::from_session(&session)
}

/// The answers file `tests/fixtures/answers/NAME.json`.
fn answers(name: &str, questionnaire: &Questionnaire) -> ExportSession {
    let text = std::fs::read_to_string(fixture(&format!("answers/{name}.json"))).unwrap();
    let doc = AnswersDoc::parse(name, &text).unwrap();
    ExportSession::from_answers(&doc, questionnaire)
}

/// A rendered workbook with the input it came from.
struct Book<'a> {
    input: ExportInput<'a>,
    bytes: Vec<u8>,
}

impl Book<'_> {
    fn sheet(&self, name: &str) -> Range<Data> {
        let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(&self.bytes)).unwrap();
        workbook.worksheet_range(name).unwrap()
    }

    fn sheet_names(&self) -> Vec<String> {
        let workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(&self.bytes)).unwrap();
        workbook.sheet_names()
    }

    /// The XML of a file in the package, e.g. "xl/worksheets/sheet2.xml".
    fn xml(&self, path: &str) -> String {
        let mut archive = zip::ZipArchive::new(Cursor::new(&self.bytes)).unwrap();
        let mut text = String::new();
        archive
            .by_name(path)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    }
}

fn with_book(session: &ExportSession, check: impl FnOnce(&Book)) {
    let questionnaire = questionnaire();
    let input = ExportInput::new(session, &questionnaire, Catalogs::embedded());
    let bytes = export::render(Format::Xlsx, &input).unwrap();
    check(&Book { input, bytes });
}

/// The text cells of a row, "" for any other cell.
fn row_text(range: &Range<Data>, row: usize) -> Vec<String> {
    (0..range.width())
        .map(|col| match range.get((row, col)) {
            Some(Data::String(text)) => text.clone(),
            _ => String::new(),
        })
        .collect()
}

/// The data rows of a table sheet: those with a value in the first column, header excluded.
fn data_rows(range: &Range<Data>) -> Vec<&[Data]> {
    range
        .rows()
        .skip(1)
        .filter(|row| !matches!(row.first(), None | Some(Data::Empty)))
        .collect()
}

#[test]
fn four_sheets_in_order_with_their_headers() {
    with_book(&session("export-both"), |book| {
        assert_eq!(book.sheet_names(), ["Summary", "Gaps", "SoA", "Evidence"]);
        let header = |name| row_text(&book.sheet(name), 0);
        assert_eq!(
            header("Gaps"),
            [
                "Rank", "Priority", "Controls", "Title", "Status", "Effort", "Phase", "Action",
                "Reasons", "Notes", "Owner", "Due", "Progress"
            ]
        );
        assert_eq!(
            header("SoA"),
            [
                "Standard",
                "Control",
                "Title",
                "Applicable",
                "Justification",
                "Implementation",
                "Evidence / documentation",
                "Owner",
                "Assessment note"
            ]
        );
        assert_eq!(
            header("Evidence"),
            [
                "Gap rank",
                "Control",
                "Evidence to provide",
                "Owner",
                "Due",
                "Received"
            ]
        );
    });
}

#[test]
fn the_gap_register_has_every_gap_in_rank_order() {
    with_book(&session("export-both"), |book| {
        let gaps = &book.input.report.gaps;
        assert!(gaps.len() > 10, "a fixture with real work to track");
        let range = book.sheet("Gaps");
        let rows = data_rows(&range);
        assert_eq!(rows.len(), gaps.len());
        for (row, gap) in rows.iter().zip(gaps) {
            assert_eq!(row[0], Data::Float(gap.rank as f64));
            assert_eq!(row[1], Data::String(gap.priority.label().to_owned()));
            assert!(
                matches!(&row[3], Data::String(title) if title.starts_with(&gap.title)),
                "{:?}",
                row[3]
            );
            assert_eq!(row[6], Data::Float(f64::from(gap.phase.number())));
            for empty in &row[10..13] {
                assert_eq!(
                    *empty,
                    Data::Empty,
                    "Owner, Due and Progress are the client's"
                );
            }
        }
    });
}

#[test]
fn the_soa_lists_every_annex_a_control_of_each_recommended_standard() {
    with_book(&session("export-both"), |book| {
        let range = book.sheet("SoA");
        let rows = data_rows(&range);
        let count = |standard: Standard| {
            let name = &Catalogs::embedded().catalog(standard).name;
            rows.iter()
                .filter(|row| row[0] == Data::String(name.clone()))
                .count()
        };
        assert_eq!(count(Standard::Iso27001), 93);
        assert_eq!(count(Standard::Iso42001), 38);
        assert_eq!(rows.len(), 93 + 38);
    });
    let questionnaire = questionnaire();
    with_book(&answers("exclusions", &questionnaire), |book| {
        let range = book.sheet("SoA");
        let rows = data_rows(&range);
        assert_eq!(rows.len(), 93, "27001 only");
        let a_7_1 = rows
            .iter()
            .find(|row| row[1] == Data::String("A.7.1".to_owned()))
            .unwrap();
        assert_eq!(a_7_1[3], Data::String("No".to_owned()));
        assert_eq!(
            a_7_1[4],
            Data::String(
                "No premises of our own: the serviced office's perimeter belongs to the landlord."
                    .to_owned()
            ),
            "an exclusion carries its own justification"
        );
    });
}

#[test]
fn the_evidence_list_has_a_row_per_open_item_of_each_gap_then_per_exclusion() {
    let questionnaire = questionnaire();
    for session in [
        session("export-both"),
        answers("exclusions", &questionnaire),
    ] {
        with_book(&session, |book| {
            // Both fixtures hold exclusions and controls to confirm.
            assert!(!book.input.report.exclusions.is_empty());
            assert!(!book.input.report.to_confirm.is_empty());
            check_evidence(book);
        });
    }
}

fn check_evidence(book: &Book) {
    let report = &book.input.report;
    let range = book.sheet("Evidence");
    let rows = data_rows(&range);
    let open: usize = report.gaps.iter().map(|gap| gap.controls.len()).sum();
    assert_eq!(rows.len(), open + report.exclusions.len());
    let expected = report
        .gaps
        .iter()
        .flat_map(|gap| gap.controls.iter().map(move |control| (gap.rank, control)));
    for (row, (rank, control)) in rows.iter().zip(expected) {
        assert_eq!(row[0], Data::Float(rank as f64));
        let Data::String(label) = &row[1] else {
            panic!("{row:?}")
        };
        assert!(label.contains(&control.id), "{label} for {control:?}");
        let evidence = &Catalogs::embedded().item(control).unwrap().evidence;
        let to_confirm = report
            .to_confirm
            .iter()
            .any(|item| item.standard == control.standard && item.id == control.id);
        let Data::String(text) = &row[2] else {
            panic!("{row:?}")
        };
        if to_confirm {
            assert!(text.starts_with("Answered not applicable"), "{text}");
            assert!(text.ends_with(evidence.as_str()), "{text}");
        } else {
            assert_eq!(text, evidence, "{label}");
        }
    }
    for (row, exclusion) in rows[open..].iter().zip(&report.exclusions) {
        assert_eq!(row[0], Data::String("excluded".to_owned()));
        let Data::String(text) = &row[2] else {
            panic!("{row:?}")
        };
        assert!(text.contains(exclusion.justification.trim()), "{text}");
    }
}

#[test]
fn headers_are_frozen_filtered_and_the_client_columns_are_drop_downs() {
    with_book(&session("export-both"), |book| {
        for sheet in 2..=4 {
            let xml = book.xml(&format!("xl/worksheets/sheet{sheet}.xml"));
            assert!(
                xml.contains(
                    r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
                ),
                "sheet {sheet}"
            );
            assert!(xml.contains("<autoFilter ref=\"A1:"), "sheet {sheet}");
            assert!(!xml.contains("<f>"), "sheet {sheet} holds no formula");
        }
        let gaps = book.xml("xl/worksheets/sheet2.xml");
        let last = book.input.report.gaps.len() + 1;
        assert!(gaps.contains(&format!(
            r#"<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="M2:M{last}"><formula1>"not started,in progress,done"</formula1>"#
        )), "{gaps}");
        let soa = book.xml("xl/worksheets/sheet3.xml");
        assert!(soa.contains(r#"sqref="D2:D132"><formula1>"Yes,No,To confirm"</formula1>"#));
        assert!(soa.contains(r#"sqref="F2:F132"><formula1>"Not started,Planned,Partly in place,Implemented,—,Not known,Not assessed"</formula1>"#), "{soa}");
        let evidence = book.xml("xl/worksheets/sheet4.xml");
        assert!(evidence.contains(r#"<formula1>"yes,no"</formula1>"#));
    });
}

#[test]
fn what_people_typed_stays_text_even_when_it_looks_like_a_formula() {
    let mut session = session("export-both");
    session.client = "=cmd|' /C calc'!A0 \u{1b}]0;owned\u{7}".to_owned();
    with_book(&session, |book| {
        let gaps = book.sheet("Gaps");
        let notes: Vec<String> = data_rows(&gaps)
            .iter()
            .filter_map(|row| match &row[9] {
                Data::String(note) => Some(note.clone()),
                _ => None,
            })
            .collect();
        for typed in [
            "=HYPERLINK(",
            "+44 20",
            "-1 days",
            "@it-team",
            "\tEncryption",
        ] {
            assert!(
                notes.iter().any(|note| note.starts_with(typed)),
                "{typed} in {notes:?}"
            );
        }
        let summary = book.sheet("Summary");
        let client = row_text(&summary, 3);
        assert_eq!(client[..2], ["Client", "=cmd|' /C calc'!A0 ]0;owned"]);
        for sheet in 1..=4 {
            let xml = book.xml(&format!("xl/worksheets/sheet{sheet}.xml"));
            assert!(!xml.contains("<f>"), "sheet {sheet} holds no formula");
        }
        assert!(!book.xml("xl/sharedStrings.xml").contains('\u{1b}'));
    });
}

#[test]
fn the_same_session_gives_the_same_bytes() {
    let session = session("export-both");
    let mut first = Vec::new();
    with_book(&session, |book| first.clone_from(&book.bytes));
    with_book(&session, |book| assert_eq!(book.bytes, first));
}

#[test]
fn summary_sheet_values() {
    with_book(&session("export-both"), |book| {
        let range = book.sheet("Summary");
        let mut lines = Vec::new();
        for (at, row) in range.rows().enumerate() {
            let cells: Vec<String> = row
                .iter()
                .map(|cell| match cell {
                    Data::Empty => String::new(),
                    Data::Float(number) => format!("{number}"),
                    other => other.to_string().replace('\n', "⏎"),
                })
                .collect();
            if cells.iter().any(|cell| !cell.is_empty()) {
                lines.push(format!(
                    "{at:>3}: {}",
                    cells.join(" | ").trim_end_matches([' ', '|'])
                ));
            }
        }
        insta::assert_snapshot!("summary", lines.join("\n"));
    });
}

#[test]
fn a_note_longer_than_a_cell_holds_is_cut_not_refused() {
    let mut session = session("export-both");
    session
        .notes
        .insert("sec.org.incident_response".to_owned(), "é".repeat(40_000));
    with_book(&session, |book| {
        let gaps = book.sheet("Gaps");
        let longest = data_rows(&gaps)
            .iter()
            .filter_map(|row| match &row[9] {
                Data::String(note) => Some(note.encode_utf16().count()),
                _ => None,
            })
            .max();
        assert_eq!(longest, Some(32_767), "Excel's limit for one cell");
    });
}
