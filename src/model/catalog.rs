//! The catalogs of both standards (clauses 4–10 and Annex A), embedded from `assets/`.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::crosswalk::Crosswalk;
use super::packages::WorkPackages;
use super::standard::{ControlRef, Standard};

/// Whether an item is a management-system clause or an Annex A control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// A clause of 4–10 (mandatory for certification).
    Clause,
    /// An Annex A control (applicability decided in the Statement of Applicability).
    Control,
}

/// Rough size of the work to close a gap on an item.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
pub enum Effort {
    /// Days: mostly writing or a decision.
    S,
    /// Weeks: a process to set up.
    M,
    /// Months: a technical rollout or organisation-wide change.
    L,
}

impl Effort {
    /// "S", "M" or "L".
    pub fn short(self) -> &'static str {
        match self {
            Effort::S => "S",
            Effort::M => "M",
            Effort::L => "L",
        }
    }

    /// "S (days)", "M (weeks)" or "L (months)".
    pub fn label(self) -> &'static str {
        match self {
            Effort::S => "S (days)",
            Effort::M => "M (weeks)",
            Effort::L => "L (months)",
        }
    }
}

/// Topics that make an item more relevant to some organisation profiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tag {
    /// Identity, access rights, authentication.
    AccessControl,
    /// Encryption and key management.
    Cryptography,
    /// Personal data protection, classification, leakage.
    Privacy,
    /// Third parties, cloud and AI suppliers.
    Suppliers,
    /// Incident management and communication.
    Incidents,
    /// AI system impact assessment.
    AiImpact,
    /// People overseeing and able to override AI outcomes.
    HumanOversight,
    /// Information about AI to users and interested parties.
    Transparency,
    /// AI system design, development, deployment and operation.
    AiLifecycle,
    /// Data for AI: acquisition, quality, provenance, preparation.
    DataQuality,
    /// The 42001 controls that any use of AI needs, even under a 27001-only scope.
    AiBaseline,
    /// The security controls that stop the breaches seen most often: access, authentication,
    /// privileged rights, malware, patching, backup, incident response, logging.
    Breach,
    /// The AI controls that protect the people an AI's outputs affect: impact on individuals,
    /// intended use, human oversight, verification, monitoring in operation, the AI supplier.
    AffectsPeople,
    /// Legal, statutory, regulatory and contractual duties and their register.
    Legal,
    /// Continuity and resilience of information and services.
    Continuity,
    /// The controls that keep sensitive information safe inside AI systems: data for AI
    /// development and its acquisition, the AI supplier, privacy.
    AiSensitiveData,
}

/// A clause or control with what the gap ranking needs to know about it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// "4.3", "6.1.2", "A.5.24", "A.6.2.8".
    pub id: String,
    /// The standard's short title (a fact, not requirement text).
    pub title: String,
    /// Clause or control.
    pub kind: ItemKind,
    /// Readiness domain: "clauses", a 27001 theme or a 42001 objective.
    pub domain: String,
    /// Parent heading, if any ("6.1", "A.6.2").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Headings (6.1, 7.5, 9.2, 9.3) are not assessed.
    pub assessable: bool,
    /// 27001 control type attribute (preventive, detective, corrective).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub control_type: Vec<String>,
    /// What an auditor looks for, in the project's words.
    #[serde(default)]
    pub summary: String,
    /// The next action that closes a gap here, in the project's words.
    #[serde(default)]
    pub action: String,
    /// The records and artefacts an auditor asks to see for it, in the project's words (empty
    /// for headings).
    #[serde(default)]
    pub evidence: String,
    /// How much an open gap here matters, 1–5 (0 for headings).
    #[serde(default)]
    pub weight: u8,
    /// Effort to close a gap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effort: Option<Effort>,
    /// Profile topics.
    #[serde(default)]
    pub tags: Vec<Tag>,
}

/// A readiness domain: the clauses, a 27001 theme or a 42001 objective.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    /// "clauses", "organizational", "A.6".
    pub id: String,
    /// Display title.
    pub title: String,
}

/// A heading that groups items (clause groups 4–10, 42001 sub-objectives).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Heading {
    /// "4", "A.6.1".
    pub id: String,
    /// Display title.
    pub title: String,
}

/// One standard's catalog, items in the standard's own order.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// Which standard.
    pub standard: Standard,
    /// Full name with edition, e.g. "ISO/IEC 27001:2022".
    pub name: String,
    /// Group headings.
    pub headings: Vec<Heading>,
    /// Readiness domains in display order.
    pub domains: Vec<Domain>,
    /// Every clause (headings included) and Annex A control.
    pub items: Vec<Item>,
    #[serde(skip)]
    index: HashMap<String, usize>,
}

impl Catalog {
    /// Parses a catalog from JSON and indexes it.
    pub(crate) fn from_json(text: &str) -> Result<Self, serde_json::Error> {
        let mut catalog: Catalog = serde_json::from_str(text)?;
        catalog.index = catalog
            .items
            .iter()
            .enumerate()
            .map(|(position, item)| (item.id.clone(), position))
            .collect();
        Ok(catalog)
    }

    /// The item with this exact ID.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.index.get(id).map(|&position| &self.items[position])
    }

    /// The position of an item in the standard's order (for sorting).
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// Items that are assessed (headings excluded).
    pub fn assessable(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|item| item.assessable)
    }

    /// The title of a domain, or its ID when unknown.
    pub(crate) fn domain_title<'a>(&'a self, id: &'a str) -> &'a str {
        self.domains
            .iter()
            .find(|domain| domain.id == id)
            .map_or(id, |domain| domain.title.as_str())
    }
}

/// Both catalogs and the crosswalk between them.
#[derive(Debug, Clone)]
pub struct Catalogs {
    /// ISO/IEC 27001:2022.
    pub iso27001: Catalog,
    /// ISO/IEC 42001:2023.
    pub iso42001: Catalog,
    /// 42001 ↔ 27001 pairs.
    pub crosswalk: Crosswalk,
    /// The pieces of work that close the items of both standards.
    pub packages: WorkPackages,
}

static EMBEDDED: LazyLock<Catalogs> = LazyLock::new(|| {
    let parse = |name: &str, text: &str| {
        Catalog::from_json(text)
            .unwrap_or_else(|error| panic!("embedded {name} is invalid: {error}"))
    };
    Catalogs {
        iso27001: parse("iso27001.json", include_str!("../../assets/iso27001.json")),
        iso42001: parse("iso42001.json", include_str!("../../assets/iso42001.json")),
        crosswalk: serde_json::from_str(include_str!("../../assets/crosswalk.json"))
            .unwrap_or_else(|error| panic!("embedded crosswalk.json is invalid: {error}")),
        packages: serde_json::from_str(include_str!("../../assets/work-packages.json"))
            .unwrap_or_else(|error| panic!("embedded work-packages.json is invalid: {error}")),
    }
});

impl Catalogs {
    /// The catalogs embedded in the binary (validated by the test suite).
    pub fn embedded() -> &'static Catalogs {
        &EMBEDDED
    }

    /// One standard's catalog.
    pub fn catalog(&self, standard: Standard) -> &Catalog {
        match standard {
            Standard::Iso27001 => &self.iso27001,
            Standard::Iso42001 => &self.iso42001,
        }
    }

    /// The item a reference points to.
    pub fn item(&self, reference: &ControlRef) -> Option<&Item> {
        self.catalog(reference.standard).item(&reference.id)
    }

    /// An item's title made meaningful on its own: "General" sub-clauses carry their
    /// heading's title, e.g. "Internal audit (general)".
    pub(crate) fn display_title(&self, standard: Standard, item: &Item) -> String {
        let catalog = self.catalog(standard);
        match item
            .parent
            .as_deref()
            .and_then(|parent| catalog.item(parent))
        {
            Some(parent) if item.title == "General" => format!("{} (general)", parent.title),
            // Clause 8 repeats the titles of 6.1.x for the work done in operation.
            _ if item.parent.as_deref() == Some("8")
                && catalog
                    .items
                    .iter()
                    .any(|other| other.id != item.id && other.title == item.title) =>
            {
                format!("{} (in operation)", item.title)
            }
            _ => item.title.clone(),
        }
    }

    /// A sort key that puts 27001 before 42001 and items in the standards' order.
    pub(crate) fn sort_key(&self, reference: &ControlRef) -> (Standard, usize) {
        let position = self
            .catalog(reference.standard)
            .position(&reference.id)
            .unwrap_or(usize::MAX);
        (reference.standard, position)
    }
}
