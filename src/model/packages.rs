//! Work packages (`assets/work-packages.json`): the pieces of work a consultant scopes as one.
//!
//! Every assessable item of both standards belongs to exactly one package; a gap is a package
//! with open items. `builds_on` names the packages whose work has to exist first.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::catalog::{Catalogs, Effort};
use super::standard::{ControlRef, Standard};

/// When in an implementation a package's work happens.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Scope, context, leadership and policy, the risk method, risk assessment and treatment:
    /// everything else is chosen from these.
    Foundation,
    /// The controls and supporting processes the risk treatment calls for.
    Implementation,
    /// Monitoring, internal audit, management review and improvement: they check a system
    /// that already runs.
    Assurance,
}

impl Stage {
    /// The word shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Foundation => "foundation",
            Stage::Implementation => "implementation",
            Stage::Assurance => "assurance",
        }
    }
}

/// One piece of work.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkPackage {
    /// Stable identifier, kept across versions so that sessions can be compared.
    pub key: String,
    /// Short title, e.g. "Risk assessment".
    pub title: String,
    /// When the work happens.
    pub stage: Stage,
    /// What done looks like, in the project's words.
    pub summary: String,
    /// The next concrete step.
    pub action: String,
    /// Size of the whole package.
    pub effort: Effort,
    /// The clauses and controls it closes, of one or both standards.
    pub items: Vec<ControlRef>,
    /// Keys of the packages whose work has to exist first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub builds_on: Vec<String>,
    /// Work that falls mostly on whoever builds the AI system: an organisation that only uses
    /// AI agrees it with its supplier or excludes it with a justification.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub builders_only: bool,
}

/// All packages, in the file's order.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkPackages {
    /// The packages.
    pub packages: Vec<WorkPackage>,
}

impl WorkPackages {
    /// The position of the package holding each item.
    pub fn package_of(&self) -> BTreeMap<&ControlRef, usize> {
        self.packages
            .iter()
            .enumerate()
            .flat_map(|(position, package)| package.items.iter().map(move |item| (item, position)))
            .collect()
    }

    /// The package with this key.
    pub fn get(&self, key: &str) -> Option<&WorkPackage> {
        self.packages.iter().find(|package| package.key == key)
    }

    /// Everything wrong with the packages against the catalogs, one line each: unknown or
    /// duplicate keys, items that are unknown, not assessable, in two packages or in none,
    /// prerequisites that are unknown, of a later stage, or form a cycle.
    pub fn problems(&self, catalogs: &Catalogs) -> Vec<String> {
        let mut problems = Vec::new();
        let mut keys = BTreeMap::new();
        for package in &self.packages {
            if keys.insert(package.key.as_str(), package.stage).is_some() {
                problems.push(format!("package key {} is used twice", package.key));
            }
        }
        let mut seen: BTreeMap<&ControlRef, &str> = BTreeMap::new();
        for package in &self.packages {
            if package.items.is_empty() {
                problems.push(format!("package {} has no items", package.key));
            }
            for item in &package.items {
                match catalogs.item(item) {
                    None => problems.push(format!("package {}: unknown item {item}", package.key)),
                    Some(found) if !found.assessable => problems.push(format!(
                        "package {}: {item} is a heading, not an assessable item",
                        package.key
                    )),
                    Some(_) => {}
                }
                if let Some(other) = seen.insert(item, &package.key) {
                    problems.push(format!(
                        "{item} is in two packages: {other} and {}",
                        package.key
                    ));
                }
            }
            for before in &package.builds_on {
                match keys.get(before.as_str()) {
                    None => problems.push(format!(
                        "package {} builds on unknown package {before}",
                        package.key
                    )),
                    Some(stage) if *stage > package.stage => problems.push(format!(
                        "package {} builds on {before}, which comes at a later stage",
                        package.key
                    )),
                    Some(_) => {}
                }
            }
        }
        for standard in Standard::ALL {
            for item in catalogs.catalog(standard).assessable() {
                let reference = ControlRef::new(standard, item.id.clone());
                if !seen.contains_key(&reference) {
                    problems.push(format!("{reference} is in no package"));
                }
            }
        }
        if let Some(key) = self.cycle() {
            problems.push(format!(
                "package {key} builds on itself through its prerequisites"
            ));
        }
        problems
    }

    /// A package on a `builds_on` cycle, if there is one.
    fn cycle(&self) -> Option<&str> {
        let mut placed: BTreeSet<&str> = BTreeSet::new();
        let mut left: Vec<&WorkPackage> = self.packages.iter().collect();
        while !left.is_empty() {
            let before = left.len();
            left.retain(|package| {
                let ready = package
                    .builds_on
                    .iter()
                    .all(|key| placed.contains(key.as_str()) || self.get(key).is_none());
                if ready {
                    placed.insert(&package.key);
                }
                !ready
            });
            if left.len() == before {
                return left.first().map(|package| package.key.as_str());
            }
        }
        None
    }
}
