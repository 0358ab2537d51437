//! The `isoready` binary: parse, dispatch, map errors to exit codes.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use isoready::cli::{Cli, Command, CompletionTarget, GlobalArgs, QuestionnaireCommand};
use isoready::commands;
use isoready::storage::Store;
use isoready::text::{ControlFilter, strip_controls};
use isoready::tui;
use isoready::tui::run::Start;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Client names, notes and file content are printed: nothing in them may drive the terminal.
    let mut out = ControlFilter::new(std::io::stdout().lock());
    match run(cli, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            let _ = out.flush();
            eprintln!("isoready: {}", strip_controls(&format!("{error:#}")));
            ExitCode::from(if is_bad_input(&error) { 2 } else { 1 })
        }
    }
}

/// Whether an error is the user's to correct (exit 2) rather than a failure at run time (1).
fn is_bad_input(error: &anyhow::Error) -> bool {
    commands::is_bad_input(error)
        || error
            .chain()
            .any(|cause| cause.is::<tui::run::NotATerminal>())
}

/// A reader that stops early (`isoready controls | head`) is not an error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        let io = cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind);
        // serde_json wraps the write error of a JSON listing in its own.
        let json = cause
            .downcast_ref::<serde_json::Error>()
            .and_then(serde_json::Error::io_error_kind);
        io.or(json) == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// Opens the interactive assessment (full screen, or plain prompts).
fn interactive(global: &GlobalArgs, start: Start) -> anyhow::Result<()> {
    let questionnaire = commands::load_questionnaire(global.questionnaire.as_deref())?;
    let store = Store::open(global.data_dir.as_deref())?;
    tui::run::run(tui::run::Options {
        store,
        questionnaire,
        color: global.color.wants_color(),
        plain: global.plain,
        start,
    })
}

fn run(cli: Cli, out: &mut impl Write) -> anyhow::Result<()> {
    let questionnaire_path = cli.global.questionnaire.as_deref();
    match cli.command {
        None => interactive(&cli.global, Start::Home),
        Some(Command::New(args)) => {
            let depth = args.depth.map(Into::into);
            let start = match args.from {
                Some(from) => Start::FollowUp {
                    from,
                    client: args.client,
                    assessor: args.assessor,
                    depth,
                },
                None => Start::New {
                    client: args.client,
                    assessor: args.assessor,
                    depth,
                },
            };
            interactive(&cli.global, start)
        }
        Some(Command::Resume { id }) => interactive(&cli.global, Start::Resume(id)),
        Some(Command::Controls(args)) => commands::controls::run(&args, out),
        Some(Command::Questionnaire(QuestionnaireCommand::Validate { file })) => {
            commands::questionnaire::validate(&file, out)
        }
        Some(Command::Questionnaire(QuestionnaireCommand::Schema)) => {
            commands::questionnaire::schema(out)
        }
        Some(Command::Assess { answers, format }) => {
            let questionnaire = commands::load_questionnaire(questionnaire_path)?;
            commands::assess::run(
                &answers,
                format,
                &questionnaire,
                out,
                &mut ControlFilter::new(std::io::stderr()),
            )
        }
        Some(Command::Compare(args)) => {
            let questionnaire = commands::load_questionnaire(questionnaire_path)?;
            let store = if commands::compare::needs_store(&args) {
                Some(Store::open(cli.global.data_dir.as_deref())?)
            } else {
                None
            };
            commands::compare::run(&args, store.as_ref(), &questionnaire, out)
        }
        Some(Command::Sessions(command)) => {
            let store = Store::open(cli.global.data_dir.as_deref())?;
            commands::sessions::run(
                command,
                questionnaire_path,
                &store,
                out,
                &mut ControlFilter::new(std::io::stderr()),
            )
        }
        Some(Command::Import { file }) => {
            let store = Store::open(cli.global.data_dir.as_deref())?;
            let questionnaire = commands::load_questionnaire(questionnaire_path)?;
            commands::import::run(
                &file,
                &questionnaire,
                &store,
                out,
                &mut ControlFilter::new(std::io::stderr()),
            )
        }
        Some(Command::Export(args)) => {
            let questionnaire = commands::load_questionnaire(questionnaire_path)?;
            let store = match args.answers {
                Some(_) => None,
                None => Some(Store::open(cli.global.data_dir.as_deref())?),
            };
            commands::export::run(
                &args,
                store.as_ref(),
                &questionnaire,
                out,
                &mut ControlFilter::new(std::io::stderr()),
            )
        }
        Some(Command::Completions { target }) => commands::completions::run(target, out),
        Some(Command::Man) => commands::completions::run(CompletionTarget::Man, out),
    }
}
