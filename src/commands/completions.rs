//! `isoready completions SHELL | man`: generated on demand from the clap definition.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::{Cli, CompletionTarget};

/// Prints completions for a shell, or the man page.
pub fn run(target: CompletionTarget, out: &mut impl Write) -> anyhow::Result<()> {
    let mut command = Cli::command();
    let shell = match target {
        CompletionTarget::Man => {
            clap_mangen::Man::new(command).render(out)?;
            return Ok(());
        }
        CompletionTarget::Bash => Shell::Bash,
        CompletionTarget::Zsh => Shell::Zsh,
        CompletionTarget::Fish => Shell::Fish,
        CompletionTarget::Elvish => Shell::Elvish,
        CompletionTarget::Powershell => Shell::PowerShell,
    };
    clap_complete::generate(shell, &mut command, "isoready", out);
    Ok(())
}
