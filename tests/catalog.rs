//! The embedded catalogs and crosswalk against the reference identifiers and titles of both
//! standards (`tests/fixtures/reference/`, each checked against two public catalogs) and the
//! project's rules (counts, IDs, titles, per-item ranking data, crosswalk coverage).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use isoready::model::{Catalog, Catalogs, ItemKind, Relation, Standard, Tag};
use serde_json::Value;

/// Reads `tests/fixtures/reference/NAME`: the standards' identifiers and short titles.
fn reference(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reference")
        .join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read the reference {} ({error})", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|error| panic!("{} is not valid JSON: {error}", path.display()))
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("reference entry without \"{key}\": {value}"))
}

fn list<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value[key]
        .as_array()
        .unwrap_or_else(|| panic!("reference without a \"{key}\" list"))
}

fn catalogs() -> &'static Catalogs {
    Catalogs::embedded()
}

fn count_by(catalog: &Catalog, kind: ItemKind) -> BTreeMap<&str, usize> {
    let mut counts = BTreeMap::new();
    for item in catalog.items.iter().filter(|item| item.kind == kind) {
        *counts.entry(item.domain.as_str()).or_default() += 1;
    }
    counts
}

fn headings(catalog: &Catalog) -> Vec<&str> {
    catalog
        .items
        .iter()
        .filter(|item| !item.assessable)
        .map(|item| item.id.as_str())
        .collect()
}

#[test]
fn iso27001_has_30_assessable_clauses_4_headings_and_93_controls_by_theme() {
    let catalog = &catalogs().iso27001;
    let clauses: Vec<_> = catalog
        .items
        .iter()
        .filter(|item| item.kind == ItemKind::Clause)
        .collect();
    assert_eq!(clauses.iter().filter(|item| item.assessable).count(), 30);
    assert_eq!(headings(catalog), ["6.1", "7.5", "9.2", "9.3"]);
    let controls = count_by(catalog, ItemKind::Control);
    let expected = BTreeMap::from([
        ("organizational", 37),
        ("people", 8),
        ("physical", 14),
        ("technological", 34),
    ]);
    assert_eq!(controls, expected);
    assert_eq!(controls.values().sum::<usize>(), 93);
    assert!(
        catalog
            .items
            .iter()
            .filter(|item| item.kind == ItemKind::Control)
            .all(|item| item.assessable)
    );
}

#[test]
fn iso42001_has_32_assessable_clauses_4_headings_and_38_controls_in_9_objectives() {
    let catalog = &catalogs().iso42001;
    let assessable_clauses = catalog
        .items
        .iter()
        .filter(|item| item.kind == ItemKind::Clause && item.assessable)
        .count();
    assert_eq!(assessable_clauses, 32);
    assert_eq!(headings(catalog), ["6.1", "7.5", "9.2", "9.3"]);
    let controls = count_by(catalog, ItemKind::Control);
    let expected = BTreeMap::from([
        ("A.2", 3),
        ("A.3", 2),
        ("A.4", 5),
        ("A.5", 4),
        ("A.6", 9),
        ("A.7", 5),
        ("A.8", 4),
        ("A.9", 3),
        ("A.10", 3),
    ]);
    assert_eq!(controls, expected);
    assert_eq!(controls.values().sum::<usize>(), 38);
}

#[test]
fn iso27001_ids_titles_and_attributes_equal_the_reference() {
    let reference = reference("iso27001-2022.json");
    let catalog = &catalogs().iso27001;
    let mut expected: Vec<(String, String, bool)> = list(&reference, "clauses")
        .iter()
        .map(|clause| {
            let assessable = clause["assessable"].as_bool().unwrap_or(true);
            (
                text(clause, "id").to_owned(),
                text(clause, "title").to_owned(),
                assessable,
            )
        })
        .collect();
    for control in list(&reference, "annex_a") {
        expected.push((
            text(control, "ref").to_owned(),
            text(control, "title").to_owned(),
            true,
        ));
        let item = catalog
            .item(text(control, "ref"))
            .unwrap_or_else(|| panic!("27001 {} missing", text(control, "ref")));
        assert_eq!(item.domain, text(control, "theme"), "theme of {}", item.id);
        let types: Vec<&str> = list(control, "control_type")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(item.control_type, types, "control type of {}", item.id);
    }
    let actual: Vec<(String, String, bool)> = catalog
        .items
        .iter()
        .map(|item| (item.id.clone(), item.title.clone(), item.assessable))
        .collect();
    assert_eq!(actual, expected);
    for clause in list(&reference, "clauses") {
        let item = catalog
            .item(text(clause, "id"))
            .map(|item| item.parent.as_deref());
        assert_eq!(
            item,
            Some(clause["parent"].as_str()),
            "parent of {}",
            clause["id"]
        );
    }
}

#[test]
fn iso42001_ids_titles_and_objectives_equal_the_reference() {
    let reference = reference("iso42001-2023.json");
    let catalog = &catalogs().iso42001;
    let mut expected: Vec<(String, String, bool)> = list(&reference, "clauses")
        .iter()
        .map(|clause| {
            let assessable = clause["assessable"].as_bool().unwrap_or(true);
            (
                text(clause, "id").to_owned(),
                text(clause, "title").to_owned(),
                assessable,
            )
        })
        .collect();
    for control in list(&reference, "annex_a") {
        let id = text(control, "id");
        expected.push((id.to_owned(), text(control, "title").to_owned(), true));
        let item = catalog
            .item(id)
            .unwrap_or_else(|| panic!("42001 {id} missing"));
        assert_eq!(
            item.domain,
            text(control, "objective_id"),
            "objective of {id}"
        );
        assert_eq!(
            item.parent.as_deref(),
            control["sub_objective_id"].as_str(),
            "sub-objective of {id}"
        );
    }
    let actual: Vec<(String, String, bool)> = catalog
        .items
        .iter()
        .map(|item| (item.id.clone(), item.title.clone(), item.assessable))
        .collect();
    assert_eq!(actual, expected);
    let objectives: Vec<(&str, &str)> = list(&reference, "annex_a_objectives")
        .iter()
        .map(|objective| (text(objective, "id"), text(objective, "title")))
        .collect();
    let domains: Vec<(&str, &str)> = catalog
        .domains
        .iter()
        .filter(|domain| domain.id != "clauses")
        .map(|domain| (domain.id.as_str(), domain.title.as_str()))
        .collect();
    assert_eq!(domains, objectives);
}

#[test]
fn ids_are_unique_and_every_domain_and_parent_exists() {
    for standard in Standard::ALL {
        let catalog = catalogs().catalog(standard);
        let mut seen = BTreeSet::new();
        for item in &catalog.items {
            assert!(
                seen.insert(&item.id),
                "{standard}: duplicate ID {}",
                item.id
            );
            assert!(
                catalog
                    .domains
                    .iter()
                    .any(|domain| domain.id == item.domain),
                "{standard} {}: unknown domain {}",
                item.id,
                item.domain
            );
            if let Some(parent) = &item.parent {
                let known = catalog.headings.iter().any(|heading| &heading.id == parent)
                    || catalog.item(parent).is_some_and(|p| !p.assessable);
                assert!(known, "{standard} {}: unknown parent {parent}", item.id);
            }
        }
    }
}

#[test]
fn every_assessable_item_has_summary_action_weight_and_effort() {
    for standard in Standard::ALL {
        for item in &catalogs().catalog(standard).items {
            let at = format!("{standard} {}", item.id);
            if item.assessable {
                assert!(!item.summary.trim().is_empty(), "{at}: no summary");
                assert!(!item.action.trim().is_empty(), "{at}: no action");
                assert!(
                    (1..=5).contains(&item.weight),
                    "{at}: weight {}",
                    item.weight
                );
                assert!(item.effort.is_some(), "{at}: no effort");
            } else {
                assert_eq!(item.weight, 0, "{at}: a heading carries no weight");
                assert!(item.effort.is_none(), "{at}: a heading carries no effort");
            }
        }
    }
}

#[test]
fn every_assessable_item_names_the_evidence_an_auditor_asks_for() {
    let normalise = |text: &str| text.trim().trim_end_matches('.').to_lowercase();
    let mut seen = BTreeSet::new();
    for standard in Standard::ALL {
        for item in &catalogs().catalog(standard).items {
            let at = format!("{standard} {}", item.id);
            let evidence = item.evidence.trim();
            if !item.assessable {
                assert!(evidence.is_empty(), "{at}: a heading needs no evidence");
                continue;
            }
            assert!(!evidence.is_empty(), "{at}: no evidence");
            assert_ne!(
                normalise(evidence),
                normalise(&item.title),
                "{at}: the title again"
            );
            assert_ne!(evidence, item.summary.trim(), "{at}: the summary again");
            assert!(
                !normalise(evidence).starts_with(&normalise(&item.title)),
                "{at}: starts with its title"
            );
            // One or two sentences: enough to know what to gather, short enough for a cell.
            assert!(
                (40..=260).contains(&evidence.chars().count()),
                "{at}: {} characters",
                evidence.chars().count()
            );
            assert!(evidence.ends_with('.'), "{at}: a sentence");
            assert!(
                seen.insert(evidence.to_owned()),
                "{at}: the same text as another item"
            );
        }
    }
}

#[test]
fn the_ai_baseline_tag_is_on_exactly_the_four_supplementary_42001_controls() {
    let tagged = |standard: Standard| -> Vec<&str> {
        catalogs()
            .catalog(standard)
            .items
            .iter()
            .filter(|item| item.tags.contains(&Tag::AiBaseline))
            .map(|item| item.id.as_str())
            .collect()
    };
    assert_eq!(
        tagged(Standard::Iso42001),
        ["A.2.2", "A.9.2", "A.9.4", "A.10.3"]
    );
    assert!(tagged(Standard::Iso27001).is_empty());
}

/// The IDs of one catalog's items that carry a tag, in catalog order.
fn with_tag(standard: Standard, tag: Tag) -> Vec<&'static str> {
    catalogs()
        .catalog(standard)
        .items
        .iter()
        .filter(|item| item.tags.contains(&tag))
        .map(|item| item.id.as_str())
        .collect()
}

#[test]
fn the_breach_controls_are_the_security_controls_that_stop_common_breaches() {
    // Access rights, privileged access, authentication, malware, patching, backup, incident
    // response and logging: the controls a sensitive-data profile must see early.
    assert_eq!(
        with_tag(Standard::Iso27001, Tag::Breach),
        [
            "A.5.15", "A.5.18", "A.5.24", "A.5.26", "A.8.2", "A.8.5", "A.8.7", "A.8.8", "A.8.13",
            "A.8.15", "A.8.16"
        ]
    );
    assert!(with_tag(Standard::Iso42001, Tag::Breach).is_empty());
}

#[test]
fn the_controls_that_protect_people_an_ai_affects_are_tagged_and_societal_impact_is_not() {
    let tagged = with_tag(Standard::Iso42001, Tag::AffectsPeople);
    assert_eq!(
        tagged,
        ["A.5.4", "A.6.2.4", "A.6.2.6", "A.9.2", "A.9.4", "A.10.3"]
    );
    assert!(!tagged.contains(&"A.5.5"));
    assert!(with_tag(Standard::Iso27001, Tag::AffectsPeople).is_empty());
}

#[test]
fn every_crosswalk_id_is_an_assessable_item_of_its_catalog() {
    let crosswalk = &catalogs().crosswalk;
    let assessable = |standard: Standard, id: &str| {
        catalogs()
            .catalog(standard)
            .item(id)
            .is_some_and(|item| item.assessable)
    };
    for pair in &crosswalk.pairs {
        assert!(
            assessable(Standard::Iso42001, &pair.iso42001),
            "42001 {}",
            pair.iso42001
        );
        assert!(
            assessable(Standard::Iso27001, &pair.iso27001),
            "27001 {}",
            pair.iso27001
        );
        assert!(
            !pair.rationale.trim().is_empty(),
            "{} ↔ {}",
            pair.iso42001,
            pair.iso27001
        );
    }
    for entry in &crosswalk.ai_specific {
        assert!(
            assessable(Standard::Iso42001, &entry.iso42001),
            "42001 {}",
            entry.iso42001
        );
        assert!(!entry.rationale.trim().is_empty(), "{}", entry.iso42001);
    }
    let mut pairs = BTreeSet::new();
    for pair in &crosswalk.pairs {
        assert!(
            pairs.insert((&pair.iso42001, &pair.iso27001)),
            "pair {} ↔ {} listed twice",
            pair.iso42001,
            pair.iso27001
        );
    }
}

#[test]
fn every_42001_annex_a_control_is_paired_or_ai_specific_never_both() {
    let crosswalk = &catalogs().crosswalk;
    let controls = catalogs()
        .iso42001
        .items
        .iter()
        .filter(|item| item.kind == ItemKind::Control);
    let mut considered = 0;
    for control in controls {
        let paired = crosswalk.partners(Standard::Iso42001, &control.id).count();
        let specific = crosswalk
            .ai_specific
            .iter()
            .filter(|entry| entry.iso42001 == control.id)
            .count();
        assert!(
            (paired > 0) != (specific > 0) && specific <= 1,
            "42001 {}: {paired} pair(s) and {specific} AI-specific entr(ies); expected one or the other",
            control.id
        );
        considered += 1;
    }
    assert_eq!(considered, 38);
}

#[test]
fn clauses_pair_by_number_and_the_impact_assessment_is_ai_specific() {
    let crosswalk = &catalogs().crosswalk;
    let kind = |standard: Standard, id: &str| catalogs().catalog(standard).item(id).map(|i| i.kind);
    // The one control-to-clause pair: the AI human resources record builds on the 27001
    // competence process.
    let control_to_clause = [("A.4.6", "7.2")];
    for pair in &crosswalk.pairs {
        let clause_42001 = kind(Standard::Iso42001, &pair.iso42001) == Some(ItemKind::Clause);
        let clause_27001 = kind(Standard::Iso27001, &pair.iso27001) == Some(ItemKind::Clause);
        if control_to_clause.contains(&(pair.iso42001.as_str(), pair.iso27001.as_str())) {
            assert!(!clause_42001 && clause_27001);
        } else if clause_42001 || clause_27001 {
            assert_eq!(
                pair.iso42001, pair.iso27001,
                "a clause pairs with the same number"
            );
        }
    }
    for clause in catalogs()
        .iso42001
        .assessable()
        .filter(|i| i.kind == ItemKind::Clause)
    {
        let partners: Vec<&str> = crosswalk
            .partners(Standard::Iso42001, &clause.id)
            .map(|pair| pair.iso27001.as_str())
            .collect();
        if ["6.1.4", "8.4"].contains(&clause.id.as_str()) {
            assert!(
                partners.is_empty(),
                "42001 {} has no 27001 counterpart",
                clause.id
            );
            assert!(
                crosswalk.ai_specific(&clause.id).is_some(),
                "42001 {}",
                clause.id
            );
        } else {
            assert_eq!(partners, [clause.id.as_str()], "42001 clause {}", clause.id);
        }
    }
    // Coverage counts equal and subset fully, the others half.
    assert_eq!(Relation::Equal.coverage(), 1.0);
    assert_eq!(Relation::Intersect.coverage(), 0.5);
    assert_eq!(Relation::Subset.coverage(), 1.0);
    assert_eq!(Relation::Superset.coverage(), 0.5);
}

#[test]
fn the_catalog_names_carry_the_editions_of_the_reference() {
    let name = |file: &str| text(&reference(file), "standard").to_owned();
    assert_eq!(catalogs().iso27001.name, name("iso27001-2022.json"));
    assert_eq!(catalogs().iso42001.name, name("iso42001-2023.json"));
    assert_eq!(catalogs().iso27001.standard, Standard::Iso27001);
    assert_eq!(catalogs().iso42001.standard, Standard::Iso42001);
}

#[test]
fn ai_on_sensitive_data_tags_privacy_and_the_ai_supplier_not_data_quality_alone() {
    assert_eq!(
        with_tag(Standard::Iso42001, Tag::AiSensitiveData),
        ["A.7.2", "A.7.3", "A.10.3"]
    );
    assert_eq!(
        with_tag(Standard::Iso27001, Tag::AiSensitiveData),
        ["A.5.34"]
    );
}
