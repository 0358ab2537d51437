//! `isoready controls`: list, search and show the clauses and controls of both standards.

use std::io::Write;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::cli::{ControlsArgs, ListFormat};
use crate::model::{Catalogs, Effort, Item, ItemKind, Relation, Standard, Tag};

use super::BadInput;

/// One catalog item as listed in JSON.
#[derive(Serialize)]
struct Listed<'a> {
    standard: Standard,
    id: &'a str,
    title: &'a str,
    kind: ItemKind,
    assessable: bool,
    domain: &'a str,
    domain_title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    control_type: &'a [String],
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    action: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    weight: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    effort: Option<Effort>,
    #[serde(skip_serializing_if = "<[Tag]>::is_empty")]
    tags: &'a [Tag],
    partners: Vec<Partner<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ai_specific: Option<&'a str>,
}

/// A crosswalk partner of an item.
#[derive(Serialize)]
struct Partner<'a> {
    standard: Standard,
    id: &'a str,
    title: &'a str,
    /// The 42001 item relative to the 27001 item.
    relation: Relation,
    rationale: &'a str,
}

fn listed<'a>(catalogs: &'a Catalogs, standard: Standard, item: &'a Item) -> Listed<'a> {
    let catalog = catalogs.catalog(standard);
    let partners = catalogs
        .crosswalk
        .partners(standard, &item.id)
        .map(|pair| {
            let other = standard.other();
            let id = pair.id(other);
            Partner {
                standard: other,
                id,
                title: catalogs
                    .catalog(other)
                    .item(id)
                    .map_or("", |i| i.title.as_str()),
                relation: pair.relation,
                rationale: &pair.rationale,
            }
        })
        .collect();
    let ai_specific = (standard == Standard::Iso42001)
        .then(|| catalogs.crosswalk.ai_specific(&item.id))
        .flatten()
        .map(|entry| entry.rationale.as_str());
    Listed {
        standard,
        id: &item.id,
        title: &item.title,
        kind: item.kind,
        assessable: item.assessable,
        domain: &item.domain,
        domain_title: catalog.domain_title(&item.domain),
        parent: item.parent.as_deref(),
        control_type: &item.control_type,
        summary: &item.summary,
        action: &item.action,
        weight: item.assessable.then_some(item.weight),
        effort: item.effort,
        tags: &item.tags,
        partners,
        ai_specific,
    }
}

/// Splits "iso42001:A.6.2.8" into a standard and an ID; a bare ID matches both standards.
fn parse_id(query: &str) -> Result<(Option<Standard>, String), BadInput> {
    let (standard, id) = match query.split_once(':') {
        Some((standard, id)) => (Some(standard.parse().map_err(BadInput)?), id),
        None => (None, query),
    };
    let id = id.trim();
    let id = match id.strip_prefix("a.") {
        Some(rest) => format!("A.{rest}"),
        None => id.to_owned(),
    };
    Ok((standard, id))
}

/// Runs `controls`.
pub fn run(args: &ControlsArgs, out: &mut impl Write) -> anyhow::Result<()> {
    let catalogs = Catalogs::embedded();
    let standards: Vec<Standard> = match args.standard {
        Some(standard) => vec![standard],
        None => Standard::ALL.to_vec(),
    };
    let selected: Vec<Listed> = match &args.id {
        Some(query) => show(catalogs, query, &standards)?,
        None => {
            let needle = args.search.as_deref().map(str::to_lowercase);
            standards
                .iter()
                .flat_map(|&standard| {
                    catalogs
                        .catalog(standard)
                        .items
                        .iter()
                        .map(move |item| (standard, item))
                })
                .filter(|(_, item)| {
                    needle.as_deref().is_none_or(|needle| {
                        [&item.id, &item.title, &item.summary]
                            .iter()
                            .any(|text| text.to_lowercase().contains(needle))
                    })
                })
                .map(|(standard, item)| listed(catalogs, standard, item))
                .collect()
        }
    };
    match args.format {
        ListFormat::Json => {
            // Serialised first: serde_json would hide a broken pipe inside its own error type.
            let mut text = serde_json::to_string_pretty(&selected)?;
            text.push('\n');
            out.write_all(text.as_bytes())?;
        }
        ListFormat::Table if args.id.is_some() => write_details(&selected, out)?,
        ListFormat::Table => write_table(&selected, out)?,
    }
    Ok(())
}

fn show<'a>(
    catalogs: &'a Catalogs,
    query: &str,
    standards: &[Standard],
) -> Result<Vec<Listed<'a>>, BadInput> {
    let (only, id) = parse_id(query)?;
    let found: Vec<Listed> = standards
        .iter()
        .filter(|standard| only.is_none_or(|only| only == **standard))
        .filter_map(|&standard| {
            catalogs
                .catalog(standard)
                .item(&id)
                .map(|item| listed(catalogs, standard, item))
        })
        .collect();
    if found.is_empty() {
        let hint = if catalogs.iso27001.item(&format!("A.{id}")).is_some() {
            format!(" (ISO 27001 Annex A controls take the \"A.\" prefix: try A.{id})")
        } else {
            String::new()
        };
        return Err(BadInput(format!(
            "unknown clause or control \"{query}\"{hint}: expected a clause ID (4.1 … 10.2), an Annex A control ID such as A.5.23 (ISO 27001) or A.6.2.8 (ISO 42001), optionally prefixed by iso27001: or iso42001:"
        )));
    }
    Ok(found)
}

fn pad(text: &str, width: usize) -> String {
    let fill = width.saturating_sub(text.width());
    format!("{text}{}", " ".repeat(fill))
}

fn write_table(items: &[Listed], out: &mut impl Write) -> std::io::Result<()> {
    let id_width = items
        .iter()
        .map(|item| item.id.width())
        .max()
        .unwrap_or(2)
        .max(2);
    writeln!(
        out,
        "{}  {}  TITLE",
        pad("STANDARD", 8),
        pad("ID", id_width)
    )?;
    for item in items {
        let title = if item.assessable {
            item.title.to_owned()
        } else {
            format!("{} (heading)", item.title)
        };
        writeln!(
            out,
            "{}  {}  {title}",
            pad(item.standard.key(), 8),
            pad(item.id, id_width)
        )?;
    }
    writeln!(
        out,
        "{} item{}",
        items.len(),
        if items.len() == 1 { "" } else { "s" }
    )?;
    Ok(())
}

fn write_details(items: &[Listed], out: &mut impl Write) -> std::io::Result<()> {
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            writeln!(out)?;
        }
        let kind = match item.kind {
            ItemKind::Clause => "clause",
            ItemKind::Control => "Annex A control",
        };
        writeln!(
            out,
            "{} {} — {}",
            item.standard.short_name(),
            item.id,
            item.title
        )?;
        writeln!(out, "  {kind} · {}", item.domain_title)?;
        if !item.summary.is_empty() {
            writeln!(out, "  Auditor looks for: {}", item.summary)?;
        }
        if let (Some(weight), Some(effort)) = (item.weight, item.effort) {
            writeln!(out, "  Weight {weight}/5 · effort {}", effort.short())?;
        }
        if !item.action.is_empty() {
            writeln!(out, "  Next action: {}", item.action)?;
        }
        if !item.partners.is_empty() {
            writeln!(out, "  Crosswalk:")?;
            for partner in &item.partners {
                writeln!(
                    out,
                    "    {} {} {} ({}) — {}",
                    partner.standard.short_name(),
                    partner.id,
                    partner.title,
                    partner.relation.label(),
                    partner.rationale
                )?;
            }
        } else if let Some(rationale) = item.ai_specific {
            writeln!(
                out,
                "  Crosswalk: AI-specific, no ISO 27001 counterpart — {rationale}"
            )?;
        } else if item.assessable {
            writeln!(out, "  Crosswalk: no partner")?;
        }
    }
    Ok(())
}
