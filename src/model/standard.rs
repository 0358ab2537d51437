//! The two standards and references to their items.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A management-system standard isoready assesses.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Standard {
    /// ISO/IEC 27001:2022, information security management.
    Iso27001,
    /// ISO/IEC 42001:2023, AI management.
    Iso42001,
}

impl Standard {
    /// Both standards, in report order.
    pub const ALL: [Standard; 2] = [Standard::Iso27001, Standard::Iso42001];

    /// The identifier used in files and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Standard::Iso27001 => "iso27001",
            Standard::Iso42001 => "iso42001",
        }
    }

    /// A short human name, e.g. "ISO 27001".
    pub(crate) fn short_name(self) -> &'static str {
        match self {
            Standard::Iso27001 => "ISO 27001",
            Standard::Iso42001 => "ISO 42001",
        }
    }

    /// The standard's number alone, e.g. "27001", where the context says it is an ISO standard.
    pub(crate) fn number(self) -> &'static str {
        match self {
            Standard::Iso27001 => "27001",
            Standard::Iso42001 => "42001",
        }
    }

    /// The other standard.
    pub fn other(self) -> Standard {
        match self {
            Standard::Iso27001 => Standard::Iso42001,
            Standard::Iso42001 => Standard::Iso27001,
        }
    }
}

impl fmt::Display for Standard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for Standard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "iso27001" => Ok(Standard::Iso27001),
            "iso42001" => Ok(Standard::Iso42001),
            other => Err(format!(
                "unknown standard '{other}': expected iso27001 or iso42001"
            )),
        }
    }
}

/// A reference to one catalog item: a clause or an Annex A control of one standard.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct ControlRef {
    /// The standard the item belongs to.
    pub standard: Standard,
    /// The item's ID as in the catalog: "6.1.2", "A.8.15" (27001), "A.6.2.8" (42001).
    pub id: String,
}

impl ControlRef {
    /// Builds a reference.
    pub fn new(standard: Standard, id: impl Into<String>) -> Self {
        Self {
            standard,
            id: id.into(),
        }
    }
}

impl fmt::Display for ControlRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.standard, self.id)
    }
}
