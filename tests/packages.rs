//! The work packages (`assets/work-packages.json`): every assessable item of both standards in
//! exactly one package, prerequisites that hold, the checker that guards this, and the crosswalk
//! corrections made alongside.

use std::collections::BTreeSet;

use isoready::model::{
    Catalogs, ControlRef, Effort, ItemKind, Relation, Stage, Standard, WorkPackage, WorkPackages,
};

const A: Standard = Standard::Iso27001;
const B: Standard = Standard::Iso42001;

fn catalogs() -> &'static Catalogs {
    Catalogs::embedded()
}

fn packages() -> &'static WorkPackages {
    &catalogs().packages
}

/// The package holding an item.
fn package_of(standard: Standard, id: &str) -> &'static WorkPackage {
    let reference = ControlRef::new(standard, id);
    packages()
        .packages
        .iter()
        .find(|package| package.items.contains(&reference))
        .unwrap_or_else(|| panic!("{reference} is in no package"))
}

fn key_of(standard: Standard, id: &str) -> &'static str {
    &package_of(standard, id).key
}

/// The problems of the embedded packages after one change.
fn problems_after(change: impl FnOnce(&mut WorkPackages)) -> Vec<String> {
    let mut packages = packages().clone();
    change(&mut packages);
    packages.problems(catalogs())
}

fn package_mut<'a>(packages: &'a mut WorkPackages, key: &str) -> &'a mut WorkPackage {
    packages
        .packages
        .iter_mut()
        .find(|package| package.key == key)
        .unwrap_or_else(|| panic!("no package {key}"))
}

// ---------------------------------------------------------------- the embedded packages

#[test]
fn the_embedded_packages_have_no_problems() {
    let problems = packages().problems(catalogs());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_assessable_item_of_both_standards_is_in_exactly_one_package() {
    let mut placed = BTreeSet::new();
    for package in &packages().packages {
        for item in &package.items {
            assert!(placed.insert(item.clone()), "{item} placed twice");
        }
    }
    let assessable: BTreeSet<ControlRef> = Standard::ALL
        .into_iter()
        .flat_map(|standard| {
            catalogs()
                .catalog(standard)
                .assessable()
                .map(move |item| ControlRef::new(standard, item.id.clone()))
        })
        .collect();
    assert_eq!(placed, assessable);
    assert_eq!(assessable.len(), 123 + 70);
}

#[test]
fn an_organisation_in_scope_for_both_with_nothing_in_place_sees_well_under_70_packages() {
    let count = packages().packages.len();
    assert!((50..70).contains(&count), "{count} packages");
    let with = |standard: Standard| {
        packages()
            .packages
            .iter()
            .filter(|package| package.items.iter().any(|item| item.standard == standard))
            .count()
    };
    assert!(with(A) < 50, "27001 alone: {} packages", with(A));
    assert!(with(B) < 35, "42001 alone: {} packages", with(B));
}

#[test]
fn keys_are_kebab_case_and_every_package_says_what_done_looks_like_and_what_to_do_next() {
    let mut titles = BTreeSet::new();
    for package in &packages().packages {
        let key = &package.key;
        assert!(
            !key.is_empty()
                && !key.starts_with('-')
                && !key.ends_with('-')
                && !key.contains("--")
                && key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "key {key} is not kebab-case"
        );
        assert!(
            titles.insert(&package.title),
            "title {} twice",
            package.title
        );
        for (field, text) in [("summary", &package.summary), ("action", &package.action)] {
            assert!(text.ends_with('.'), "{key}: {field} is not a sentence");
            let sentences = text.matches(". ").count() + 1;
            assert!(sentences <= 2, "{key}: {field} has {sentences} sentences");
        }
        assert!(package.title.len() <= 60, "{key}: title too long");
    }
}

#[test]
fn prerequisites_come_from_the_same_or_an_earlier_stage() {
    for package in &packages().packages {
        for before in &package.builds_on {
            let before = packages().get(before).expect("checked by problems()");
            assert!(before.stage <= package.stage, "{}", package.key);
            assert_ne!(before.key, package.key);
        }
    }
}

// ---------------------------------------------------------------- named expectations

#[test]
fn the_packages_a_lead_implementer_would_scope() {
    // The AI impact assessment process, its repetition in operation and its records: one job.
    let impact = key_of(B, "6.1.4");
    for id in ["8.4", "A.5.2", "A.5.3"] {
        assert_eq!(key_of(B, id), impact, "42001 {id}");
    }
    assert_eq!(package_of(B, "6.1.4").stage, Stage::Foundation);
    // The AI policy clause and its Annex A control are one policy to write.
    assert_eq!(key_of(B, "5.2"), key_of(B, "A.2.2"));
    assert_eq!(key_of(B, "A.2.2"), "ai-policy");
    // The security policy clause and the topic-specific policies are one policy set.
    assert_eq!(key_of(A, "5.2"), key_of(A, "A.5.1"));
    assert_eq!(key_of(A, "5.2"), "security-policy");
    // One audit programme for both management systems, in assurance.
    let audit = package_of(A, "9.2.1");
    assert_eq!(audit.key, "internal-audit");
    assert_eq!(audit.stage, Stage::Assurance);
    for (standard, id) in [(A, "9.2.2"), (B, "9.2.1"), (B, "9.2.2")] {
        assert_eq!(key_of(standard, id), audit.key, "{standard} {id}");
    }
    assert!(
        audit
            .builds_on
            .iter()
            .any(|key| key == "risk-treatment-and-soa")
    );
    // Management review looks at audit and measurement results.
    let review = packages()
        .get("management-review")
        .expect("management-review");
    assert_eq!(key_of(A, "9.3.1"), review.key);
    assert_eq!(key_of(B, "9.3.3"), review.key);
    for key in ["internal-audit", "monitoring-and-measurement"] {
        assert!(review.builds_on.iter().any(|k| k == key), "{key}");
    }
    // Patching and backup stop common breaches: each is its own focused package.
    for id in ["A.8.8", "A.8.13"] {
        let package = package_of(A, id);
        assert_eq!(package.items.len(), 1, "{id} shares {}", package.key);
    }
    // Backup is immediate hygiene, not held behind the Statement of Applicability.
    assert!(package_of(A, "A.8.13").builds_on.is_empty());
    // Impact on individuals and on society are ranked differently, so they are apart.
    assert_ne!(key_of(B, "A.5.4"), key_of(B, "A.5.5"));
    // One risk method and register for both standards.
    let risk = package_of(A, "6.1.2");
    assert_eq!(risk.key, "risk-assessment");
    assert_eq!(key_of(B, "6.1.2"), risk.key);
    assert_eq!(key_of(A, "8.2"), risk.key);
    assert_eq!(key_of(B, "8.2"), risk.key);
    // Treatment and the Statement of Applicability come after the assessment.
    let treatment = package_of(A, "6.1.3");
    assert_eq!(treatment.key, "risk-treatment-and-soa");
    assert_eq!(key_of(B, "6.1.3"), treatment.key);
    assert!(
        treatment
            .builds_on
            .iter()
            .any(|key| key == "risk-assessment")
    );
    // The same document control serves both management systems.
    for id in ["7.5.1", "7.5.2", "7.5.3"] {
        assert_eq!(key_of(A, id), key_of(B, id), "{id}");
    }
    // Access control, authentication, privileged access, malware, incidents and logging are
    // separate pieces of work.
    let focused = [
        key_of(A, "A.5.15"),
        key_of(A, "A.8.5"),
        key_of(A, "A.8.2"),
        key_of(A, "A.8.7"),
        key_of(A, "A.5.24"),
        key_of(A, "A.8.15"),
    ];
    assert_eq!(BTreeSet::from(focused).len(), focused.len(), "{focused:?}");
    // The AI life cycle is split: building, testing before release, running.
    let lifecycle = BTreeSet::from([
        key_of(B, "A.6.2.3"),
        key_of(B, "A.6.2.4"),
        key_of(B, "A.6.2.6"),
    ]);
    assert_eq!(lifecycle.len(), 3);
    // Intended use and responsible use processes are one job.
    assert_eq!(key_of(B, "A.9.2"), key_of(B, "A.9.4"));
}

#[test]
fn stages_follow_the_order_of_an_implementation() {
    for (standard, id, stage) in [
        (A, "4.3", Stage::Foundation),
        (B, "4.3", Stage::Foundation),
        (A, "5.1", Stage::Foundation),
        (A, "6.1.2", Stage::Foundation),
        (A, "6.1.3", Stage::Foundation),
        (B, "6.1.4", Stage::Foundation),
        (B, "A.2.2", Stage::Foundation),
        (A, "7.5.3", Stage::Implementation),
        (A, "A.8.13", Stage::Implementation),
        (B, "A.6.2.4", Stage::Implementation),
        (A, "9.1", Stage::Assurance),
        (B, "9.3.2", Stage::Assurance),
        (A, "10.2", Stage::Assurance),
    ] {
        assert_eq!(package_of(standard, id).stage, stage, "{standard} {id}");
    }
    // Every Annex A control of 27001 sits in implementation, but for the policy set, the roles
    // and the register of legal and contractual duties (foundation) and the checks of the system
    // (assurance).
    for item in catalogs().iso27001.items.iter() {
        if item.kind != ItemKind::Control {
            continue;
        }
        let package = package_of(A, &item.id);
        let expected = match item.id.as_str() {
            "A.5.1" | "A.5.2" | "A.5.4" | "A.5.31" | "A.5.32" | "A.5.33" => Stage::Foundation,
            "A.5.35" | "A.5.36" | "A.8.34" => Stage::Assurance,
            _ => Stage::Implementation,
        };
        assert_eq!(package.stage, expected, "{} in {}", item.id, package.key);
    }
}

#[test]
fn package_effort_is_at_least_that_of_its_largest_item() {
    for package in &packages().packages {
        let largest = package
            .items
            .iter()
            .filter_map(|item| catalogs().item(item).and_then(|found| found.effort))
            .max()
            .unwrap_or(Effort::S);
        assert!(
            package.effort >= largest,
            "{}: effort {:?} below an item's {largest:?}",
            package.key,
            package.effort
        );
    }
}

// ---------------------------------------------------------------- the checker

#[test]
fn the_checker_catches_a_key_used_twice() {
    let problems = problems_after(|packages| {
        package_mut(packages, "malware-protection").key = "backup".to_owned();
    });
    assert_eq!(problems, ["package key backup is used twice"]);
}

#[test]
fn the_checker_catches_an_unknown_item() {
    let problems = problems_after(|packages| {
        let backup = package_mut(packages, "backup");
        backup.items.push(ControlRef::new(A, "A.9.9"));
    });
    assert_eq!(problems, ["package backup: unknown item iso27001:A.9.9"]);
}

#[test]
fn the_checker_catches_a_heading() {
    let problems = problems_after(|packages| {
        let risk = package_mut(packages, "risk-assessment");
        risk.items.push(ControlRef::new(B, "6.1"));
    });
    assert_eq!(
        problems,
        ["package risk-assessment: iso42001:6.1 is a heading, not an assessable item"]
    );
}

#[test]
fn the_checker_catches_an_item_in_no_package() {
    let problems = problems_after(|packages| {
        let privileged = package_mut(packages, "privileged-access");
        privileged.items.retain(|item| item.id != "A.8.18");
    });
    assert_eq!(problems, ["iso27001:A.8.18 is in no package"]);
}

#[test]
fn the_checker_catches_an_item_in_two_packages() {
    let problems = problems_after(|packages| {
        let malware = package_mut(packages, "malware-protection");
        malware.items.push(ControlRef::new(A, "A.8.13"));
    });
    // The file lists malware protection before backup.
    assert_eq!(
        problems,
        ["iso27001:A.8.13 is in two packages: malware-protection and backup"]
    );
}

#[test]
fn the_checker_catches_a_package_without_items() {
    let problems = problems_after(|packages| {
        let mut empty = packages.packages[0].clone();
        empty.key = "empty".to_owned();
        empty.items.clear();
        empty.builds_on.clear();
        packages.packages.push(empty);
    });
    assert_eq!(problems, ["package empty has no items"]);
}

#[test]
fn the_checker_catches_an_unknown_prerequisite() {
    let problems = problems_after(|packages| {
        package_mut(packages, "backup")
            .builds_on
            .push("disaster-recovery".to_owned());
    });
    assert_eq!(
        problems,
        ["package backup builds on unknown package disaster-recovery"]
    );
}

#[test]
fn the_checker_catches_a_prerequisite_of_a_later_stage() {
    let problems = problems_after(|packages| {
        package_mut(packages, "risk-assessment")
            .builds_on
            .push("improvement".to_owned());
    });
    assert_eq!(
        problems,
        ["package risk-assessment builds on improvement, which comes at a later stage"]
    );
}

#[test]
fn the_checker_catches_a_cycle() {
    // Scope builds on context; context building on scope closes the loop.
    let problems = problems_after(|packages| {
        package_mut(packages, "context-and-interested-parties")
            .builds_on
            .push("scope-and-management-system".to_owned());
    });
    assert_eq!(
        problems,
        ["package context-and-interested-parties builds on itself through its prerequisites"]
    );
}

#[test]
fn the_checker_reports_every_kind_in_a_small_bad_set() {
    let package =
        |key: &str, stage: Stage, items: &[(Standard, &str)], builds_on: &[&str]| WorkPackage {
            key: key.to_owned(),
            title: key.to_owned(),
            stage,
            summary: "Done.".to_owned(),
            action: "Do it.".to_owned(),
            effort: Effort::S,
            items: items
                .iter()
                .map(|(standard, id)| ControlRef::new(*standard, *id))
                .collect(),
            builds_on: builds_on.iter().map(|key| (*key).to_owned()).collect(),
            builders_only: false,
        };
    let bad = WorkPackages {
        packages: vec![
            package("a", Stage::Foundation, &[(A, "4.1")], &["b"]),
            package("b", Stage::Foundation, &[(A, "4.1")], &["a"]),
            package("e", Stage::Implementation, &[(A, "9.2")], &["gone"]),
            package("e", Stage::Implementation, &[(A, "4.3")], &[]),
            package("c", Stage::Foundation, &[(B, "A.99")], &["d"]),
            package("d", Stage::Assurance, &[(B, "9.1")], &[]),
        ],
    };
    let problems = bad.problems(catalogs());
    for expected in [
        "package key e is used twice",
        "iso27001:4.1 is in two packages: a and b",
        "package e: iso27001:9.2 is a heading, not an assessable item",
        "package e builds on unknown package gone",
        "package c: unknown item iso42001:A.99",
        "package c builds on d, which comes at a later stage",
        "iso27001:4.2 is in no package",
        "iso42001:A.10.4 is in no package",
        "package a builds on itself through its prerequisites",
    ] {
        assert!(
            problems.iter().any(|problem| problem == expected),
            "missing {expected:?} in\n{}",
            problems.join("\n")
        );
    }
}

// ---------------------------------------------------------------- the crosswalk

fn relation(iso42001: &str, iso27001: &str) -> Option<Relation> {
    catalogs()
        .crosswalk
        .pairs
        .iter()
        .find(|pair| pair.iso42001 == iso42001 && pair.iso27001 == iso27001)
        .map(|pair| pair.relation)
}

#[test]
fn clauses_where_ai_has_to_be_added_are_supersets() {
    // The 42001 item asks for more: the shared process has to be widened for AI.
    for id in ["7.4", "9.2.2", "9.3.1"] {
        assert_eq!(relation(id, id), Some(Relation::Superset), "{id}");
    }
    // Where the same process serves both unchanged, the pair stays equal.
    for id in ["6.3", "7.5.1", "7.5.2", "7.5.3", "9.2.1", "10.1", "10.2"] {
        assert_eq!(relation(id, id), Some(Relation::Equal), "{id}");
    }
}

#[test]
fn the_added_pairs_are_partial_overlaps_with_a_reason() {
    for (iso42001, iso27001) in [
        ("A.10.3", "A.5.21"),
        ("A.10.3", "A.8.30"),
        ("A.10.2", "A.5.23"),
        ("A.6.2.5", "A.8.29"),
        ("A.5.4", "A.5.34"),
        ("A.5.3", "A.5.33"),
        ("A.4.6", "7.2"),
    ] {
        assert_eq!(
            relation(iso42001, iso27001),
            Some(Relation::Intersect),
            "{iso42001} ↔ {iso27001}"
        );
        // Paired now, so no longer listed as without a counterpart.
        assert!(
            catalogs().crosswalk.ai_specific(iso42001).is_none(),
            "{iso42001}"
        );
    }
}

#[test]
fn rejected_pairs_carry_a_reason_and_are_not_pairs() {
    let crosswalk = &catalogs().crosswalk;
    let assessable = |standard: Standard, id: &str| {
        catalogs()
            .catalog(standard)
            .item(id)
            .is_some_and(|item| item.assessable)
    };
    for entry in &crosswalk.rejected {
        let at = format!("{} ↔ {}", entry.iso42001, entry.iso27001);
        assert!(assessable(B, &entry.iso42001), "{at}");
        assert!(assessable(A, &entry.iso27001), "{at}");
        assert!(!entry.reason.trim().is_empty(), "{at}");
        assert!(
            relation(&entry.iso42001, &entry.iso27001).is_none(),
            "{at} is rejected and paired"
        );
    }
    let rejected: BTreeSet<(&str, &str)> = crosswalk
        .rejected
        .iter()
        .map(|entry| (entry.iso42001.as_str(), entry.iso27001.as_str()))
        .collect();
    assert_eq!(
        rejected,
        BTreeSet::from([
            // The impact assessment contains no security risk assessment: no coverage.
            ("6.1.4", "6.1.2"),
            ("8.4", "8.2"),
            // Separate environments produce no deployment plan or release check.
            ("A.6.2.5", "A.8.31"),
            // The supplier risk process does not split duties between the parties.
            ("A.10.2", "A.5.19"),
        ])
    );
    assert!(crosswalk.rejected("6.1.4", "6.1.2").is_some());
    // The impact assessment clauses stay without a 27001 counterpart.
    for id in ["6.1.4", "8.4"] {
        assert!(crosswalk.ai_specific(id).is_some(), "{id}");
        assert_eq!(crosswalk.partners(B, id).count(), 0, "{id}");
    }
}
