//! The command line (clap derive), and nothing else.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::{Depth, Standard};

/// Readiness assessment for ISO/IEC 27001:2022 and ISO/IEC 42001:2023.
#[derive(Debug, Parser)]
#[command(name = "isoready", version, about, long_about = None)]
pub struct Cli {
    /// Options that apply to every command.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// The command; without one, the interactive home screen opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options that apply to every command.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Where sessions are stored [default: the platform's data directory]
    #[arg(long, global = true, env = "ISOREADY_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// A questionnaire file to use instead of the embedded default
    #[arg(
        long,
        global = true,
        env = "ISOREADY_QUESTIONNAIRE",
        value_name = "FILE"
    )]
    pub questionnaire: Option<PathBuf>,
    /// When to use colour (NO_COLOR is honoured)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Plain line-by-line prompts instead of the full screen (screen readers; also TERM=dumb)
    #[arg(long, global = true)]
    pub plain: bool,
}

/// Colour choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal unless NO_COLOR is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Whether to use colour: always, never, or unless `NO_COLOR` is set to something.
    pub fn wants_color(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty()),
        }
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a new assessment
    New(NewArgs),
    /// Resume a saved assessment
    Resume {
        /// Session ID (a unique prefix is enough) or "latest"
        #[arg(default_value = "latest")]
        id: String,
    },
    /// Evaluate an answers or session file; the report goes to stdout and nothing is stored
    Assess {
        /// The answers file or a session file
        #[arg(long, value_name = "FILE")]
        answers: PathBuf,
        /// Output format
        #[arg(long, value_enum, default_value_t = ReportFormat::Json)]
        format: ReportFormat,
    },
    /// Show what moved between two assessments: recommendation, readiness, gaps and answers
    #[command(
        long_about = "Show what moved between two assessments of one organisation: the recommendation then and now, readiness per standard and domain, the gaps closed, opened and changed, and the answers that changed.\n\nOLD and NEW are each an answers or session file, or a saved session: an argument that names an existing file is read as that file; anything else is a session ID, a unique prefix of one, or \"latest\"."
    )]
    Compare(CompareArgs),
    /// List, show and delete saved sessions
    #[command(subcommand)]
    Sessions(SessionsCommand),
    /// Store an answers or session file as a new session
    Import {
        /// The file to import
        file: PathBuf,
    },
    /// Export a session or an answers file as a summary for the client
    Export(ExportArgs),
    /// Work with questionnaire files
    #[command(subcommand)]
    Questionnaire(QuestionnaireCommand),
    /// List, search and show the clauses and controls of both standards
    Controls(ControlsArgs),
    /// Print shell completions (bash, zsh, fish, elvish, powershell) or the man page (man)
    Completions {
        /// The shell, or "man" for the man page
        #[arg(value_enum)]
        target: CompletionTarget,
    },
    /// Print the man page (same as `completions man`)
    Man,
}

/// What `completions` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompletionTarget {
    /// Bash completions
    Bash,
    /// Zsh completions
    Zsh,
    /// Fish completions
    Fish,
    /// Elvish completions
    Elvish,
    /// PowerShell completions
    Powershell,
    /// The roff man page
    Man,
}

/// Arguments of `export`.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("source").required(true).args(["id", "answers"]))]
pub struct ExportArgs {
    /// Session ID (a unique prefix is enough) or "latest"
    pub id: Option<String>,
    /// An answers or session file instead of a stored session
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Where to write [default: <client>-<date>-isoready.<ext> in the current directory]
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Overwrite an existing file
    #[arg(long)]
    pub force: bool,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Markdown session summary
    Md,
    /// JSON: the report plus the session (lossless, re-importable)
    Json,
    /// Self-contained HTML page that prints to PDF
    Html,
    /// CSV gap list
    Csv,
    /// Draft Statement of Applicability (Markdown)
    Soa,
    /// Draft Statement of Applicability (CSV)
    SoaCsv,
    /// OSCAL assessment results (JSON)
    Oscal,
    /// Client workbook (Excel): summary, gap register, Statement of Applicability, evidence
    Xlsx,
}

impl From<ExportFormat> for crate::export::Format {
    fn from(format: ExportFormat) -> Self {
        use crate::export::Format;
        match format {
            ExportFormat::Md => Format::Md,
            ExportFormat::Json => Format::Json,
            ExportFormat::Html => Format::Html,
            ExportFormat::Csv => Format::Csv,
            ExportFormat::Soa => Format::Soa,
            ExportFormat::SoaCsv => Format::SoaCsv,
            ExportFormat::Oscal => Format::Oscal,
            ExportFormat::Xlsx => Format::Xlsx,
        }
    }
}

/// Arguments of `compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The earlier assessment: a file, or a session ID, unique prefix or "latest"
    pub old: String,
    /// The later assessment: a file, or a session ID, unique prefix or "latest"
    pub new: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
}

/// Arguments of `new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The client or organisation assessed
    #[arg(long)]
    pub client: Option<String>,
    /// Who runs the assessment
    #[arg(long)]
    pub assessor: Option<String>,
    /// Quick (grouped questions) or full (one question per clause and control)
    #[arg(long, value_enum)]
    pub depth: Option<DepthArg>,
    /// Follow up a saved session (ID, a unique prefix, or "latest"): start from a copy of its
    /// answers, notes, exclusions and flags; client, assessor and depth are its own unless given
    #[arg(long, value_name = "ID")]
    pub from: Option<String>,
}

/// Assessment depth on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DepthArg {
    /// Grouped questions, about 45 minutes
    Quick,
    /// One question per clause and control
    Full,
}

impl From<DepthArg> for Depth {
    fn from(depth: DepthArg) -> Depth {
        match depth {
            DepthArg::Quick => Depth::Quick,
            DepthArg::Full => Depth::Full,
        }
    }
}

/// Report formats of `assess`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// The JSON report (the contract other tools read)
    Json,
    /// A readable Markdown report
    Md,
}

/// `sessions` subcommands.
#[derive(Debug, Subcommand)]
pub enum SessionsCommand {
    /// List saved sessions
    List {
        /// Output format
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Show one session's report
    Show {
        /// Session ID (a unique prefix is enough) or "latest"
        id: String,
        /// Output format
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
    },
    /// Delete a session
    Delete {
        /// Session ID (a unique prefix is enough) or "latest"
        id: String,
        /// Do not ask for confirmation
        #[arg(long, short)]
        yes: bool,
    },
}

/// Table or JSON listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Aligned columns for people
    Table,
    /// JSON for tools
    Json,
}

/// `questionnaire` subcommands.
#[derive(Debug, Subcommand)]
pub enum QuestionnaireCommand {
    /// Check a questionnaire file and report every problem
    Validate {
        /// The questionnaire file
        file: PathBuf,
    },
    /// Print the JSON Schema of questionnaire files
    Schema,
}

/// Arguments of `controls`.
#[derive(Debug, Args)]
pub struct ControlsArgs {
    /// Show one item with its crosswalk partners: "A.5.23", "6.1.2" or "iso42001:A.6.2.8"
    pub id: Option<String>,
    /// Only this standard
    #[arg(long, value_parser = parse_standard)]
    pub standard: Option<Standard>,
    /// Only items whose ID, title or summary contains this text (case-insensitive)
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

fn parse_standard(value: &str) -> Result<Standard, String> {
    value.parse()
}
