//! The HTML export: one self-contained page (inline CSS and SVG, no network) that reads on a
//! phone and prints cleanly to PDF. Everything a user typed is escaped by the askama template
//! (`assets/templates/summary.html`).

use askama::Template;

use super::ExportInput;
use super::markdown::control_label;
use super::progress::ProgressView;
use super::summary::flagged_in_order;
use crate::assess::Report;
use crate::assess::report::{Finding, Phase, START_HERE, StandardReadiness};

/// Width of a full bar in the chart's coordinate system (340 wide); the SVG scales to the page.
const CHART_WIDTH: f64 = 280.0;
/// Height of one domain in the chart: its label above its bar.
const ROW_HEIGHT: u32 = 38;

#[derive(Template)]
#[template(path = "summary.html")]
struct Page<'a> {
    title: String,
    client: String,
    assessor: String,
    date: String,
    questionnaire: String,
    recommendation: &'static str,
    recommendation_key: &'static str,
    unanswered: usize,
    rationale: &'a [Finding],
    sequencing: &'a str,
    strengths: Vec<StrengthView>,
    progress: Option<ProgressView>,
    start_here: Vec<StartView>,
    standards: Vec<StandardView>,
    overlap: String,
    gaps: Vec<GapView>,
    phases: Vec<PhaseView>,
    exclusions: Vec<ExclusionView>,
    to_confirm: Vec<ConfirmView>,
    flagged: Vec<AnswerView>,
    missing: Vec<AnswerView>,
    sections: Vec<SectionView>,
    footer: String,
}

struct StrengthView {
    standard: &'static str,
    strength: &'static str,
    reason: String,
}

struct StartView {
    rank: usize,
    title: String,
    controls: String,
    why: String,
}

struct StandardView {
    name: String,
    percent: String,
    height: u32,
    bars: Vec<Bar>,
}

struct Bar {
    label: String,
    value: String,
    label_y: u32,
    bar_y: u32,
    width: String,
    level: &'static str,
}

struct GapView {
    rank: usize,
    priority: &'static str,
    title: String,
    controls: String,
    status: &'static str,
    effort: &'static str,
    phase: u8,
    action: String,
    why: String,
    stage: &'static str,
    items: String,
    reasons: Vec<String>,
    notes: String,
}

struct PhaseView {
    label: &'static str,
    gaps: Vec<RoadmapItem>,
}

struct RoadmapItem {
    rank: usize,
    title: String,
    controls: String,
}

struct ExclusionView {
    control: String,
    justification: String,
    source: String,
}

struct ConfirmView {
    control: String,
    advice: &'static str,
    question: String,
}

struct AnswerView {
    id: String,
    prompt: String,
    answer: String,
    note: String,
    flagged: bool,
}

struct SectionView {
    title: String,
    answers: Vec<AnswerView>,
}

/// Renders the session summary as one HTML page.
pub fn render(input: &ExportInput) -> Result<String, askama::Error> {
    let report = &input.report;
    let known = |text: &str| {
        let text = text.trim();
        if text.is_empty() { "—" } else { text }.to_owned()
    };
    let page = Page {
        title: input.title(),
        client: known(&input.session.client),
        assessor: known(&input.session.assessor),
        date: input.session.date().unwrap_or_else(|| "—".to_owned()),
        questionnaire: format!(
            "{} version {}, {} assessment",
            report.questionnaire.id,
            report.questionnaire.version,
            input.session.depth.key()
        ),
        recommendation: report.recommendation.headline(),
        recommendation_key: report.recommendation.key(),
        unanswered: report.missing.len(),
        rationale: &report.rationale,
        sequencing: &report.sequencing,
        strengths: report
            .strength
            .iter()
            .map(|(standard, strength)| StrengthView {
                standard: standard.short_name(),
                strength: strength.label(),
                reason: report
                    .strength_reasons
                    .get(standard)
                    .cloned()
                    .unwrap_or_default(),
            })
            .collect(),
        progress: super::progress::view(input),
        start_here: report
            .gaps
            .iter()
            .take(START_HERE)
            .map(|gap| StartView {
                rank: gap.rank,
                title: gap.title.clone(),
                controls: gap.controls_label(),
                why: gap.why.clone(),
            })
            .collect(),
        standards: report
            .readiness
            .iter()
            .map(|(standard, readiness)| {
                standard_view(&input.catalogs().catalog(*standard).name, readiness)
            })
            .collect(),
        overlap: overlap(report),
        gaps: report
            .gaps
            .iter()
            .map(|gap| GapView {
                rank: gap.rank,
                priority: gap.priority.label(),
                title: if gap.supplementary {
                    format!("{} (supplementary)", gap.title)
                } else {
                    gap.title.clone()
                },
                controls: gap.controls_label(),
                status: gap.status.label(),
                effort: gap.effort.label(),
                phase: gap.phase.number(),
                action: gap.action.clone(),
                why: gap.why.clone(),
                stage: gap.stage.label(),
                items: gap.items_label().unwrap_or_default(),
                reasons: gap.reasons.clone(),
                notes: super::csv::notes(input, &gap.questions),
            })
            .collect(),
        phases: Phase::ALL
            .into_iter()
            .map(|phase| PhaseView {
                label: phase.label(),
                gaps: report
                    .gaps
                    .iter()
                    .filter(|gap| gap.phase == phase)
                    .map(|gap| RoadmapItem {
                        rank: gap.rank,
                        title: gap.title.clone(),
                        controls: gap.controls_label(),
                    })
                    .collect(),
            })
            .filter(|phase| !phase.gaps.is_empty())
            .collect(),
        exclusions: report
            .exclusions
            .iter()
            .map(|exclusion| ExclusionView {
                control: control_label(input.catalogs(), exclusion.standard, &exclusion.id),
                justification: exclusion.justification.clone(),
                source: match &exclusion.question {
                    Some(question) => format!("note on {question}"),
                    None => "exclusion".to_owned(),
                },
            })
            .collect(),
        to_confirm: report
            .to_confirm
            .iter()
            .map(|control| ConfirmView {
                control: control_label(input.catalogs(), control.standard, &control.id),
                advice: control.reason.advice(),
                question: control.question.clone(),
            })
            .collect(),
        flagged: flagged_in_order(input)
            .into_iter()
            .map(|id| answer_view(input, id))
            .collect(),
        missing: report
            .missing
            .iter()
            .map(|id| answer_view(input, id))
            .collect(),
        sections: sections(input),
        footer: format!(
            "{} {} · questionnaire {} version {}",
            report.tool.name,
            report.tool.version,
            report.questionnaire.id,
            report.questionnaire.version
        ),
    };
    page.render()
}

/// The overlap in words; the count of shared gaps only when there are any.
fn overlap(report: &Report) -> String {
    let covered = report.overlap.reuse_sentence();
    match report.overlap.shared_gaps {
        0 => covered,
        1 => format!("1 gap closes items of both standards with one piece of work. {covered}"),
        shared => {
            format!("{shared} gaps close items of both standards with one piece of work. {covered}")
        }
    }
}

fn standard_view(name: &str, readiness: &StandardReadiness) -> StandardView {
    let bars = readiness
        .domains
        .iter()
        .zip(0u32..)
        .map(|(domain, row)| Bar {
            label: if domain.applicable == 0 {
                format!("{} (not applicable)", domain.title)
            } else {
                domain.title.clone()
            },
            value: if domain.applicable == 0 {
                "n/a".to_owned()
            } else {
                format!("{:.1}%", domain.percent)
            },
            label_y: row * ROW_HEIGHT + 13,
            bar_y: row * ROW_HEIGHT + 18,
            width: if domain.applicable == 0 {
                "0".to_owned()
            } else {
                format!(
                    "{:.1}",
                    domain.percent.clamp(0.0, 100.0) / 100.0 * CHART_WIDTH
                )
            },
            level: match domain.percent {
                p if p >= 70.0 => "good",
                p if p >= 40.0 => "fair",
                _ => "poor",
            },
        })
        .collect::<Vec<_>>();
    StandardView {
        name: name.to_owned(),
        percent: format!("{:.1}%", readiness.percent),
        height: u32::try_from(bars.len()).unwrap_or(0) * ROW_HEIGHT + 4,
        bars,
    }
}

fn answer_view(input: &ExportInput, id: &str) -> AnswerView {
    AnswerView {
        id: id.to_owned(),
        prompt: input.prompt(id).to_owned(),
        answer: input
            .answer_text(id)
            .unwrap_or_else(|| "Not answered".to_owned()),
        note: input.session.note(id).unwrap_or_default().to_owned(),
        flagged: input.session.flagged.contains(id),
    }
}

fn sections(input: &ExportInput) -> Vec<SectionView> {
    let mut sections: Vec<SectionView> = Vec::new();
    for (section, id) in input.answered() {
        let view = answer_view(input, id);
        match sections.last_mut() {
            Some(last) if last.title == section => last.answers.push(view),
            _ => sections.push(SectionView {
                title: section.to_owned(),
                answers: vec![view],
            }),
        }
    }
    sections
}
