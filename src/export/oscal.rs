//! OSCAL 1.1.2 assessment results: one result, the assessed items as reviewed controls (the
//! controls excluded from the Statement of Applicability as excluded controls, with their
//! justifications in the selection's remarks), one observation per answer and one finding per
//! assessed item.
//!
//! Deterministic: every UUID is a v5 UUID of the session ID and the object it names, and every
//! timestamp comes from the session, never the clock. Control IDs are OSCAL tokens made from the
//! standard and the item ID: "iso27001-a.5.24", "iso42001-6.1.2".

use std::collections::BTreeSet;

use serde::Serialize;
use uuid::Uuid;

use super::ExportInput;
use crate::model::{ControlRef, Maturity, Standard};

/// The OSCAL version the document conforms to.
pub const OSCAL_VERSION: &str = "1.1.2";

/// The namespace of every UUID isoready derives for OSCAL.
const NAMESPACE: Uuid = Uuid::from_u128(0x6f1c_2a4e_8b7d_4c3a_9e51_d0b2_a7c4_e913);

/// Why a session cannot be exported as OSCAL.
#[derive(Debug, thiserror::Error)]
pub enum OscalError {
    /// A plain answers file has no ID or dates, which OSCAL requires.
    #[error(
        "OSCAL needs the session's ID and dates, which a plain answers file does not have: export a session file or a stored session"
    )]
    NotASession,
    /// No clause or control of a recommended standard has an answer.
    #[error(
        "nothing to report in OSCAL: no clause or control of a recommended standard is answered"
    )]
    NothingAssessed,
    /// Serialisation failed.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

#[derive(Serialize)]
struct Document {
    #[serde(rename = "assessment-results")]
    assessment_results: AssessmentResults,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct AssessmentResults {
    uuid: Uuid,
    metadata: Metadata,
    import_ap: ImportAp,
    results: Vec<AssessmentResult>,
    back_matter: BackMatter,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Metadata {
    title: String,
    last_modified: jiff::Timestamp,
    version: String,
    oscal_version: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    parties: Vec<Party>,
}

#[derive(Serialize)]
struct Party {
    uuid: Uuid,
    #[serde(rename = "type")]
    kind: &'static str,
    name: String,
}

#[derive(Serialize)]
struct ImportAp {
    href: String,
    remarks: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct AssessmentResult {
    uuid: Uuid,
    title: String,
    description: String,
    start: jiff::Timestamp,
    end: jiff::Timestamp,
    reviewed_controls: ReviewedControls,
    observations: Vec<Observation>,
    findings: Vec<Finding>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct ReviewedControls {
    control_selections: Vec<ControlSelection>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct ControlSelection {
    description: &'static str,
    include_controls: Vec<SelectControl>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    exclude_controls: Vec<SelectControl>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remarks: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct SelectControl {
    control_id: String,
}

#[derive(Serialize)]
struct Observation {
    uuid: Uuid,
    title: String,
    description: String,
    methods: [&'static str; 1],
    collected: jiff::Timestamp,
    #[serde(skip_serializing_if = "Option::is_none")]
    remarks: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Finding {
    uuid: Uuid,
    title: String,
    description: String,
    target: Target,
    related_observations: Vec<RelatedObservation>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Target {
    #[serde(rename = "type")]
    kind: &'static str,
    target_id: String,
    title: String,
    status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    implementation_status: Option<State>,
}

#[derive(Serialize)]
struct Status {
    state: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
}

#[derive(Serialize)]
struct State {
    state: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct RelatedObservation {
    observation_uuid: Uuid,
}

#[derive(Serialize)]
struct BackMatter {
    resources: Vec<Resource>,
}

#[derive(Serialize)]
struct Resource {
    uuid: Uuid,
    title: String,
    description: String,
}

/// The OSCAL token for an item: "iso27001-a.5.24".
pub(crate) fn control_id(reference: &ControlRef) -> String {
    format!(
        "{}-{}",
        reference.standard.key(),
        reference.id.to_lowercase()
    )
}

/// Text on one line, trimmed: OSCAL titles and names allow no line breaks.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Renders the session as an OSCAL assessment-results document.
pub fn render(input: &ExportInput) -> Result<String, OscalError> {
    let session = input.session;
    let (Some(id), Some(created), Some(updated)) = (&session.id, session.created, session.updated)
    else {
        return Err(OscalError::NotASession);
    };
    let uuid = |name: &str| Uuid::new_v5(&NAMESPACE, format!("{id}/{name}").as_bytes());
    let (assessed, excluded) = items(input);
    if assessed.is_empty() {
        return Err(OscalError::NothingAssessed);
    }
    let observations: Vec<Observation> = input
        .answered()
        .map(|(_, question)| Observation {
            uuid: uuid(&format!("observation/{question}")),
            title: one_line(question),
            description: format!(
                "{} Answer: {}",
                input.prompt(question),
                input.answer_text(question).unwrap_or_default()
            ),
            methods: ["INTERVIEW"],
            collected: updated,
            remarks: session.note(question).map(str::to_owned),
        })
        .collect();
    let findings = assessed
        .iter()
        .map(|reference| finding(input, reference, &uuid))
        .collect();
    let client = one_line(&session.client);
    let questionnaire_resource = uuid("resource/questionnaire");
    let mut parties = Vec::new();
    if !client.is_empty() {
        parties.push(Party {
            uuid: uuid("party/client"),
            kind: "organization",
            name: client.clone(),
        });
    }
    let assessor = one_line(&session.assessor);
    if !assessor.is_empty() {
        parties.push(Party {
            uuid: uuid("party/assessor"),
            kind: "person",
            name: assessor,
        });
    }
    let report = &input.report;
    let document = Document {
        assessment_results: AssessmentResults {
            uuid: uuid("assessment-results"),
            metadata: Metadata {
                title: if client.is_empty() {
                    "isoready readiness assessment".to_owned()
                } else {
                    format!("isoready readiness assessment: {client}")
                },
                last_modified: updated,
                version: updated.to_string(),
                oscal_version: OSCAL_VERSION,
                parties,
            },
            import_ap: ImportAp {
                href: format!("#{questionnaire_resource}"),
                remarks: "isoready has no separate assessment plan: the questionnaire is the plan",
            },
            results: vec![AssessmentResult {
                uuid: uuid("result"),
                title: "Readiness assessment: ISO/IEC 27001 and ISO/IEC 42001".to_owned(),
                description: format!(
                    "Recommendation: {}. {}",
                    report.recommendation.headline(),
                    report.sequencing
                ),
                start: created,
                end: updated,
                reviewed_controls: ReviewedControls {
                    control_selections: vec![ControlSelection {
                        description: "The clauses and controls answered in the assessment; the Annex A controls excluded from the Statement of Applicability are excluded",
                        include_controls: select(&assessed),
                        exclude_controls: select(&excluded),
                        remarks: selection_remarks(input),
                    }],
                },
                observations,
                findings,
            }],
            back_matter: BackMatter {
                resources: vec![Resource {
                    uuid: questionnaire_resource,
                    title: format!(
                        "isoready questionnaire {} version {}",
                        one_line(&report.questionnaire.id),
                        one_line(&report.questionnaire.version)
                    ),
                    description:
                        "The questions asked, each mapped to the clauses and controls it assesses."
                            .to_owned(),
                }],
            },
        },
    };
    let mut text = serde_json::to_string_pretty(&document)?;
    text.push('\n');
    Ok(text)
}

fn select(references: &[ControlRef]) -> Vec<SelectControl> {
    references
        .iter()
        .map(|reference| SelectControl {
            control_id: control_id(reference),
        })
        .collect()
}

/// The answered items of the recommended standards (and supplementary gaps), in the standards'
/// order: those assessed, and the Annex A controls excluded from the Statement of
/// Applicability. Controls answered not applicable whose exclusion is still to confirm are in
/// neither list (the selection's remarks name them).
fn items(input: &ExportInput) -> (Vec<ControlRef>, Vec<ControlRef>) {
    let reported: BTreeSet<Standard> = input.report.readiness.keys().copied().collect();
    let in_gaps: BTreeSet<&ControlRef> = input
        .report
        .gaps
        .iter()
        .flat_map(|gap| &gap.controls)
        .collect();
    let excluded: BTreeSet<ControlRef> = input
        .report
        .exclusions
        .iter()
        .map(|exclusion| ControlRef::new(exclusion.standard, exclusion.id.clone()))
        .collect();
    // Answered not applicable without a justification: neither included nor excluded yet.
    let to_confirm: BTreeSet<ControlRef> = input
        .report
        .to_confirm
        .iter()
        .map(|control| ControlRef::new(control.standard, control.id.clone()))
        .collect();
    let mut assessed = Vec::new();
    let mut left_out = Vec::new();
    for standard in Standard::ALL {
        for item in input.catalogs().catalog(standard).assessable() {
            let reference = ControlRef::new(standard, item.id.clone());
            if excluded.contains(&reference) {
                left_out.push(reference);
                continue;
            }
            if to_confirm.contains(&reference)
                || (!reported.contains(&standard) && !in_gaps.contains(&reference))
            {
                continue;
            }
            match input.evaluation.level(reference.standard, &reference.id) {
                Some(Maturity::NotApplicable) | None => {}
                Some(_) => assessed.push(reference),
            }
        }
    }
    (assessed, left_out)
}

/// The justification of each excluded control, and the controls whose exclusion is to confirm.
fn selection_remarks(input: &ExportInput) -> Option<String> {
    let report = &input.report;
    let mut lines: Vec<String> = report
        .exclusions
        .iter()
        .map(|exclusion| {
            let reference = ControlRef::new(exclusion.standard, exclusion.id.clone());
            format!(
                "Excluded {}: {}",
                control_id(&reference),
                one_line(&exclusion.justification)
            )
        })
        .collect();
    if !report.to_confirm.is_empty() {
        let listed: Vec<String> = report
            .to_confirm
            .iter()
            .map(|control| control_id(&ControlRef::new(control.standard, control.id.clone())))
            .collect();
        lines.push(format!(
            "Answered not applicable, exclusion to confirm (neither included nor excluded): {}",
            listed.join(", ")
        ));
    }
    (!lines.is_empty()).then(|| lines.join("\n\n"))
}

fn finding(input: &ExportInput, reference: &ControlRef, uuid: &impl Fn(&str) -> Uuid) -> Finding {
    let level = input.evaluation.level(reference.standard, &reference.id);
    let question = input
        .evaluation
        .statuses
        .get(reference)
        .and_then(|status| status.questions.first().copied())
        .unwrap_or_default();
    let title = input
        .catalogs()
        .item(reference)
        .map(|item| input.catalogs().display_title(reference.standard, item))
        .unwrap_or_default();
    let label = format!(
        "{} {} {}",
        reference.standard.short_name(),
        reference.id,
        one_line(&title)
    );
    let (state, reason, implementation) = match level {
        Some(Maturity::Implemented) => ("satisfied", Some("pass"), Some("implemented")),
        Some(Maturity::Partial) => ("not-satisfied", Some("fail"), Some("partial")),
        Some(Maturity::Planned) => ("not-satisfied", Some("fail"), Some("planned")),
        Some(Maturity::Unknown) => ("not-satisfied", Some("other"), None),
        _ => ("not-satisfied", Some("fail"), None),
    };
    Finding {
        uuid: uuid(&format!("finding/{reference}")),
        title: label.clone(),
        description: format!(
            "Readiness: {}, from the answer to {question}.",
            level.map_or("not answered", Maturity::label)
        ),
        target: Target {
            kind: "objective-id",
            target_id: control_id(reference),
            title: label,
            status: Status { state, reason },
            implementation_status: implementation.map(|state| State { state }),
        },
        related_observations: vec![RelatedObservation {
            observation_uuid: uuid(&format!("observation/{question}")),
        }],
    }
}
