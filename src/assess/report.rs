//! The report: the contract of `assess --format json`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{ControlRef, Effort, Maturity, Stage, Standard};

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// The tool that wrote the report.
    pub tool: Tool,
    /// The questionnaire the answers were given to.
    pub questionnaire: QuestionnaireRef,
    /// Which standard to pursue.
    pub recommendation: Recommendation,
    /// Whether every question asked has an answer.
    pub complete: bool,
    /// IDs of questions asked but not answered: the scoping answers the recommendation still
    /// needs first, then the others in questionnaire order.
    pub missing: Vec<String>,
    /// The answers that drove the recommendation.
    pub rationale: Vec<Finding>,
    /// Which standard to start with, and how to combine them.
    pub sequencing: String,
    /// How strongly each standard in scope is called for.
    pub strength: BTreeMap<Standard, Strength>,
    /// Why each standard in scope has its strength, in plain words.
    pub strength_reasons: BTreeMap<Standard, String>,
    /// Readiness of each standard in scope.
    pub readiness: BTreeMap<Standard, StandardReadiness>,
    /// How much work counts for both standards.
    pub overlap: Overlap,
    /// Open gaps, ranked.
    pub gaps: Vec<Gap>,
    /// Annex A controls excluded from the Statement of Applicability, each with its
    /// justification, in the standards' order. They count neither in readiness nor as gaps.
    pub exclusions: Vec<Exclusion>,
    /// Annex A controls answered not applicable that nothing excludes yet: their applicability
    /// is to confirm. Until then they count as not ready and stay open in their gap, and are
    /// not excluded.
    pub to_confirm: Vec<ToConfirm>,
}

/// One Annex A control excluded from the Statement of Applicability.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    /// The standard of the control.
    pub standard: Standard,
    /// The control's ID, e.g. "A.7.4".
    pub id: String,
    /// Why the control does not apply.
    pub justification: String,
    /// The control's own question, answered not applicable with this justification as its
    /// note; absent when the exclusion comes from the `exclusions` block of the answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
}

/// One Annex A control whose applicability is to confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ToConfirm {
    /// The standard of the control.
    pub standard: Standard,
    /// The control's ID, e.g. "A.7.1".
    pub id: String,
    /// The question answered not applicable.
    pub question: String,
    /// Why that answer does not exclude the control.
    pub reason: ToConfirmReason,
}

/// Why a not-applicable answer does not exclude a control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ToConfirmReason {
    /// The question covers several items: each control needs its own justification.
    GroupedAnswer,
    /// The control's own question was answered without a note to justify it.
    NoJustification,
}

impl ToConfirmReason {
    /// What to do, in plain words.
    pub fn advice(self) -> &'static str {
        match self {
            ToConfirmReason::GroupedAnswer => {
                "answered not applicable for a group of controls; confirm it for this control and record why, or assess it"
            }
            ToConfirmReason::NoJustification => {
                "answered not applicable without a justification; record why, or assess it"
            }
        }
    }
}

/// Name and version of the tool.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    /// Always "isoready".
    pub name: String,
    /// The crate version.
    pub version: String,
}

/// A questionnaire's ID and version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireRef {
    /// Questionnaire ID.
    pub id: String,
    /// Questionnaire version.
    pub version: String,
}

/// The outcome of the recommendation rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Recommendation {
    /// ISO 27001 only.
    Iso27001,
    /// ISO 42001 only.
    Iso42001,
    /// Both standards, as one integrated management system.
    Both,
    /// Neither standard is needed yet.
    None,
    /// A scoping answer the rules need is missing.
    Undetermined,
}

impl Recommendation {
    /// The stored value.
    pub fn key(self) -> &'static str {
        match self {
            Recommendation::Iso27001 => "iso27001",
            Recommendation::Iso42001 => "iso42001",
            Recommendation::Both => "both",
            Recommendation::None => "none",
            Recommendation::Undetermined => "undetermined",
        }
    }

    /// A few words for a list or a status line, the same wherever one is shown.
    pub fn short(self) -> &'static str {
        match self {
            Recommendation::Iso27001 => "ISO 27001",
            Recommendation::Iso42001 => "ISO 42001",
            Recommendation::Both => "both standards",
            Recommendation::None => "neither yet",
            Recommendation::Undetermined => "undecided",
        }
    }

    /// A short sentence for people.
    pub(crate) fn headline(self) -> &'static str {
        match self {
            Recommendation::Iso27001 => "ISO/IEC 27001 (information security)",
            Recommendation::Iso42001 => "ISO/IEC 42001 (AI management)",
            Recommendation::Both => {
                "Both ISO/IEC 27001 and ISO/IEC 42001, as one management system"
            }
            Recommendation::None => "Neither standard yet",
            Recommendation::Undetermined => "Not yet determined: scoping answers are missing",
        }
    }
}

/// One answer that drove the recommendation, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// The question answered.
    pub question: String,
    /// What the answer means for the recommendation.
    pub finding: String,
}

/// How strongly a standard in scope is called for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Strength {
    /// Asked for by customers, regulators or tenders, already held, or AI that is what the
    /// organisation sells or that decides about people.
    Required,
    /// The risk profile calls for it, though nobody demands the certificate yet.
    Advisable,
    /// Adopt the controls; certify when someone asks.
    Optional,
}

impl Strength {
    /// The word shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Strength::Required => "required",
            Strength::Advisable => "advisable",
            Strength::Optional => "optional",
        }
    }
}

/// Readiness of one standard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StandardReadiness {
    /// Weighted readiness, 0–100, one decimal.
    pub percent: f64,
    /// Readiness per domain.
    pub domains: Vec<DomainReadiness>,
}

/// Readiness of one domain: the clauses, a 27001 theme or a 42001 objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DomainReadiness {
    /// Domain ID.
    pub id: String,
    /// Domain title.
    pub title: String,
    /// Weighted readiness, 0–100, one decimal.
    pub percent: f64,
    /// Items that count (not marked not applicable).
    pub applicable: usize,
    /// Applicable items with an answer other than "don't know".
    pub answered: usize,
}

/// Work that counts for both standards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Overlap {
    /// Gaps whose one piece of work closes items of both standards.
    pub shared_gaps: usize,
    /// Share of the assessable ISO 42001 items whose work the implemented ISO 27001 items
    /// already do, through the crosswalk: full credit where one piece of work serves both
    /// (equal, subset), half where the ISMS does part of it (superset, intersect); each ISO
    /// 42001 item counted once, by its best pair.
    pub iso42001_covered_by_iso27001_percent: f64,
}

impl Overlap {
    /// What the reuse figure means, in one paragraph: an estimate, not progress.
    pub(crate) fn reuse_sentence(&self) -> String {
        format!(
            "Reuse potential from ISO 27001: extending the implemented ISO 27001 work could cover {:.1}% of the ISO 42001 items' work (full credit where it covers the item, half where the two only partly overlap). An estimate, not progress: none of it counts in readiness until the work is extended to AI.",
            self.iso42001_covered_by_iso27001_percent
        )
    }
}

/// How many gaps "Start here" names, in every view and export.
pub const START_HERE: usize = 10;

/// Priority band of a gap, from its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    /// Score 75 and above.
    Critical,
    /// Score 60 to 75.
    High,
    /// Score 45 to 60.
    Medium,
    /// Below 45.
    Low,
}

impl Priority {
    /// The word shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Priority::Critical => "critical",
            Priority::High => "high",
            Priority::Medium => "medium",
            Priority::Low => "low",
        }
    }
}

/// Where an open item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GapStatus {
    /// Nothing in place.
    NotStarted,
    /// Planned, not in place.
    Planned,
    /// Partly in place.
    Partial,
    /// Not known or not answered: verify first.
    Unknown,
}

impl GapStatus {
    /// The gap status of a maturity level; `None` when the item is not a gap.
    pub fn of(level: Option<Maturity>) -> Option<GapStatus> {
        match level {
            Some(Maturity::Implemented | Maturity::NotApplicable) => None,
            Some(Maturity::NotStarted) => Some(GapStatus::NotStarted),
            Some(Maturity::Planned) => Some(GapStatus::Planned),
            Some(Maturity::Partial) => Some(GapStatus::Partial),
            Some(Maturity::Unknown) | None => Some(GapStatus::Unknown),
        }
    }

    /// The status shown to people.
    pub fn label(self) -> &'static str {
        match self {
            GapStatus::NotStarted => "not started",
            GapStatus::Planned => "planned",
            GapStatus::Partial => "partial",
            GapStatus::Unknown => "unknown — verify",
        }
    }
}

/// When to start a gap's work; stored as its number (1, 2 or 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "u8", try_from = "u8")]
pub enum Phase {
    /// Phase 1: start in the first 30 days.
    First30Days,
    /// Phase 2: start in days 30 to 90.
    Days30To90,
    /// Phase 3: start in days 90 to 180.
    Days90To180,
}

impl Phase {
    /// The phases in order.
    pub const ALL: [Phase; 3] = [Phase::First30Days, Phase::Days30To90, Phase::Days90To180];

    /// 1, 2 or 3.
    pub fn number(self) -> u8 {
        match self {
            Phase::First30Days => 1,
            Phase::Days30To90 => 2,
            Phase::Days90To180 => 3,
        }
    }

    /// The phase shown to people: its number and when it starts.
    pub fn label(self) -> &'static str {
        match self {
            Phase::First30Days => "Phase 1 — start in the first 30 days",
            Phase::Days30To90 => "Phase 2 — start in days 30 to 90",
            Phase::Days90To180 => "Phase 3 — start in days 90 to 180",
        }
    }
}

impl From<Phase> for u8 {
    fn from(phase: Phase) -> u8 {
        phase.number()
    }
}

impl TryFrom<u8> for Phase {
    type Error = String;

    fn try_from(number: u8) -> Result<Phase, String> {
        Phase::ALL
            .into_iter()
            .find(|phase| phase.number() == number)
            .ok_or_else(|| format!("phase {number} is not 1, 2 or 3"))
    }
}

/// One open piece of work (a work package), possibly closing items of both standards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Gap {
    /// 1..n in order.
    pub rank: usize,
    /// Stable identifier of the piece of work, the same across versions and sessions.
    pub key: String,
    /// Band of the score.
    pub priority: Priority,
    /// 0–100, one decimal; see `assess::gaps` for the formula.
    pub score: f64,
    /// Title of the piece of work.
    pub title: String,
    /// When in an implementation the work happens.
    pub stage: Stage,
    /// Standards whose items this gap closes.
    pub standards: Vec<Standard>,
    /// The open items it closes.
    pub controls: Vec<ControlRef>,
    /// Every item of the piece of work in scope, open or already in place, with its own status.
    pub items: Vec<GapItem>,
    /// One status for the whole piece of work, summarised from its open items.
    pub status: GapStatus,
    /// One sentence: why it ranks where it does.
    pub why: String,
    /// Why it ranks where it does and what its priority rests on, in plain words.
    pub reasons: Vec<String>,
    /// The next concrete step.
    pub action: String,
    /// Size of the work.
    pub effort: Effort,
    /// When to start it: 1 in the first 30 days, 2 in days 30–90, 3 in days 90–180.
    #[schemars(with = "u8")]
    pub phase: Phase,
    /// Work added outside the recommended scope because the organisation uses AI.
    pub supplementary: bool,
    /// The questions behind the status, to correct an answer.
    pub questions: Vec<String>,
}

impl Gap {
    /// The open items it closes, for people: "ISO 27001 6.1.2, ISO 42001 6.1.2".
    pub(crate) fn controls_label(&self) -> String {
        self.controls
            .iter()
            .map(|reference| format!("{} {}", reference.standard.short_name(), reference.id))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Every item of the piece of work with its own status ("ISO 27001 4.3 in place · …"),
    /// when it has more than one.
    pub(crate) fn items_label(&self) -> Option<String> {
        (self.items.len() > 1).then(|| {
            self.items
                .iter()
                .map(|item| {
                    format!(
                        "{} {} {}",
                        item.standard.short_name(),
                        item.id,
                        item.status_label()
                    )
                })
                .collect::<Vec<_>>()
                .join(" · ")
        })
    }
}

/// One item of a gap's piece of work and where it stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GapItem {
    /// Its standard.
    pub standard: Standard,
    /// Its clause or control ID.
    pub id: String,
    /// Its answer; `unknown` when not answered.
    pub status: Maturity,
    /// Whether it is still open (part of `controls`).
    pub open: bool,
}

impl GapItem {
    /// Where the item stands, for people.
    pub(crate) fn status_label(&self) -> &'static str {
        match self.status {
            Maturity::NotStarted => "not started",
            Maturity::Planned => "planned",
            Maturity::Partial => "partly in place",
            Maturity::Implemented => "in place",
            Maturity::NotApplicable => "not applicable",
            Maturity::Unknown => "unknown",
        }
    }
}
