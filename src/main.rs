//! The `isoready` binary: parse, dispatch, map errors to exit codes.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use isoready::cli::{Cli, Command, CompletionTarget, QuestionnaireCommand};
use isoready::commands::{self, BadInput};
use isoready::model::Problems;
use isoready::storage::Store;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match run(cli, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            let _ = out.flush();
            let bad_input = error
                .chain()
                .any(|cause| cause.is::<Problems>() || cause.is::<BadInput>());
            eprintln!("isoready: {error:#}");
            ExitCode::from(if bad_input { 2 } else { 1 })
        }
    }
}

/// A reader that stops early (`isoready controls | head`) is not an error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli, out: &mut impl Write) -> anyhow::Result<()> {
    let questionnaire_path = cli.global.questionnaire.as_deref();
    match cli.command {
        None | Some(Command::New(_)) | Some(Command::Resume { .. }) => {
            use clap::CommandFactory;
            Cli::command().print_help()?;
            Ok(())
        }
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
                &mut std::io::stderr(),
            )
        }
        Some(Command::Sessions(command)) => {
            let store = Store::open(cli.global.data_dir.as_deref())?;
            commands::sessions::run(command, questionnaire_path, &store, out)
        }
        Some(Command::Import { file }) => {
            let store = Store::open(cli.global.data_dir.as_deref())?;
            let questionnaire = commands::load_questionnaire(questionnaire_path)?;
            commands::import::run(&file, &questionnaire, &store, out)
        }
        Some(Command::Export(args)) => {
            let questionnaire = commands::load_questionnaire(questionnaire_path)?;
            commands::export::run(&args, &questionnaire, out, &mut std::io::stderr())
        }
        Some(Command::Completions { target }) => commands::completions::run(target, out),
        Some(Command::Man) => commands::completions::run(CompletionTarget::Man, out),
    }
}
