//! The CSV gap list, and the cell handling every CSV export shares: a UTF-8 byte order mark
//! so that Excel reads UTF-8, CRLF records, and cells neutralised against formula injection.

use super::ExportInput;
use crate::assess::Gap;

/// The byte order mark that makes Excel read the file as UTF-8.
const BOM: &str = "\u{feff}";

/// A cell a spreadsheet could run as a formula gets a leading apostrophe, so it shows as text:
/// one that starts with tab or CR, or whose first visible character (after spaces, line breaks
/// and invisible format characters such as U+200B) is `=`, `+`, `-` or `@`, in their ASCII,
/// fullwidth or small forms. Control characters are dropped first (as from every export), so
/// none can hide a formula from this check.
pub fn neutralise(text: &str) -> String {
    let text = crate::text::strip_controls(text);
    let first_visible = text
        .chars()
        .find(|&c| !c.is_whitespace() && !is_invisible(c));
    if text.starts_with(['\t', '\r']) || first_visible.is_some_and(starts_formula) {
        format!("'{text}")
    } else {
        text.into_owned()
    }
}

/// `=`, `+`, `-`, `@` and the forms a spreadsheet may fold into them.
fn starts_formula(c: char) -> bool {
    matches!(
        c,
        '=' | '+' | '-' | '@'
            | '\u{FF1D}' // fullwidth =
            | '\u{FF0B}' // fullwidth +
            | '\u{FF0D}' // fullwidth -
            | '\u{FF20}' // fullwidth @
            | '\u{FE66}' // small =
            | '\u{FE62}' // small +
            | '\u{FE63}' // small -
            | '\u{FE6B}' // small @
            | '\u{2212}' // minus sign
    )
}

/// Format characters that take no space: soft hyphen, zero-width spaces and joiners,
/// direction marks and overrides, word joiner and invisible operators, the byte order mark.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
    )
}

/// Writes records as CSV text with a BOM; every cell is neutralised.
pub(crate) fn write_records(header: &[&str], rows: &[Vec<String>]) -> Result<String, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.as_bytes().to_vec());
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(row.iter().map(|cell| neutralise(cell)))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| csv::Error::from(error.into_error()))?;
    // Every cell came from a &str, so the bytes are UTF-8.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

const HEADER: [&str; 11] = [
    "Rank",
    "Priority",
    "Standards",
    "Controls",
    "Title",
    "Status",
    "Effort",
    "Phase",
    "Action",
    "Reasons",
    "Notes",
];

/// Renders the gap list, one row per gap, most important first.
pub fn render(input: &ExportInput) -> Result<String, csv::Error> {
    let rows: Vec<Vec<String>> = input
        .report
        .gaps
        .iter()
        .map(|gap| row(input, gap))
        .collect();
    write_records(&HEADER, &rows)
}

fn row(input: &ExportInput, gap: &Gap) -> Vec<String> {
    let standards = gap
        .standards
        .iter()
        .map(|standard| standard.short_name())
        .collect::<Vec<_>>()
        .join("; ");
    let controls = gap
        .controls
        .iter()
        .map(|reference| format!("{} {}", reference.standard.short_name(), reference.id))
        .collect::<Vec<_>>()
        .join("; ");
    vec![
        gap.rank.to_string(),
        gap.priority.label().to_owned(),
        standards,
        controls,
        title(gap),
        gap.status.label().to_owned(),
        gap.effort.label().to_owned(),
        gap.phase.label().to_owned(),
        gap.action.clone(),
        reasons(gap),
        notes(input, &gap.questions),
    ]
}

/// A gap's title, marked when the work is supplementary.
pub(crate) fn title(gap: &Gap) -> String {
    if gap.supplementary {
        format!("{} (supplementary)", gap.title)
    } else {
        gap.title.clone()
    }
}

/// A gap's one sentence, then its reasons (which do not repeat it), as one text.
pub(crate) fn reasons(gap: &Gap) -> String {
    std::iter::once(gap.why.as_str())
        .chain(gap.reasons.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The notes on a gap's questions: the note alone for one question, "id: note" for several.
pub(crate) fn notes(input: &ExportInput, questions: &[String]) -> String {
    let noted: Vec<(&str, &str)> = questions
        .iter()
        .filter_map(|id| input.session.note(id).map(|note| (id.as_str(), note)))
        .collect();
    match noted.as_slice() {
        [(_, note)] => (*note).to_owned(),
        _ => noted
            .iter()
            .map(|(id, note)| format!("{id}: {note}"))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}
