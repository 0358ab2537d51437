//! The project's own 42001 ↔ 27001 crosswalk (`assets/crosswalk.json`).
//!
//! The crosswalk gives coverage credit: how much of a 42001 item implemented 27001 work already
//! covers. Which items one piece of work closes together is the work packages' business
//! (`assets/work-packages.json`). Pairs that were considered and turned down are kept with the
//! reason, so that they are not proposed again.

use serde::{Deserialize, Serialize};

use super::standard::Standard;

/// How a 42001 item relates to a 27001 item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// The same piece of work satisfies both.
    Equal,
    /// The 42001 item is contained in the 27001 item.
    Subset,
    /// The 42001 item asks for more than the 27001 item.
    Superset,
    /// Partial overlap both ways.
    Intersect,
}

impl Relation {
    /// Share of the 42001 item that implemented 27001 work covers: equal and subset fully,
    /// superset and intersect half.
    pub fn coverage(self) -> f64 {
        match self {
            Relation::Equal | Relation::Subset => 1.0,
            Relation::Superset | Relation::Intersect => 0.5,
        }
    }

    /// The relation in one word, as the crosswalk stores it.
    pub fn label(self) -> &'static str {
        match self {
            Relation::Equal => "equal",
            Relation::Subset => "subset",
            Relation::Superset => "superset",
            Relation::Intersect => "intersect",
        }
    }
}

/// One pair of the crosswalk.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pair {
    /// The 42001 item ID.
    pub iso42001: String,
    /// The 27001 item ID.
    pub iso27001: String,
    /// The 42001 item relative to the 27001 item.
    pub relation: Relation,
    /// Why the pair holds, in one line.
    pub rationale: String,
}

impl Pair {
    /// This pair's ID on one side.
    pub fn id(&self, standard: Standard) -> &str {
        match standard {
            Standard::Iso27001 => &self.iso27001,
            Standard::Iso42001 => &self.iso42001,
        }
    }
}

/// A 42001 item with no 27001 counterpart.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AiSpecific {
    /// The 42001 item ID.
    pub iso42001: String,
    /// Why no 27001 item carries it.
    pub rationale: String,
}

/// A pair that was considered and turned down.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rejected {
    /// The 42001 item ID.
    pub iso42001: String,
    /// The 27001 item ID.
    pub iso27001: String,
    /// Why implemented 27001 work earns no coverage of the 42001 item here.
    pub reason: String,
}

/// All pairs and AI-specific items.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Crosswalk {
    /// 42001 ↔ 27001 pairs.
    pub pairs: Vec<Pair>,
    /// 42001 items with no counterpart.
    pub ai_specific: Vec<AiSpecific>,
    /// Pairs considered and turned down.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<Rejected>,
}

impl Crosswalk {
    /// The pairs an item of `standard` takes part in.
    pub fn partners<'a>(
        &'a self,
        standard: Standard,
        id: &'a str,
    ) -> impl Iterator<Item = &'a Pair> + 'a {
        self.pairs
            .iter()
            .filter(move |pair| pair.id(standard) == id)
    }

    /// Why a pair was turned down, if it was.
    pub fn rejected(&self, iso42001_id: &str, iso27001_id: &str) -> Option<&Rejected> {
        self.rejected
            .iter()
            .find(|entry| entry.iso42001 == iso42001_id && entry.iso27001 == iso27001_id)
    }

    /// Why a 42001 item has no 27001 counterpart, if the crosswalk says so.
    pub fn ai_specific(&self, iso42001_id: &str) -> Option<&AiSpecific> {
        self.ai_specific
            .iter()
            .find(|entry| entry.iso42001 == iso42001_id)
    }
}
