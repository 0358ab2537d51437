//! `isoready completions SHELL | man`: generated on demand from the clap definition.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::{Cli, CompletionTarget};

/// Prints completions for a shell, or the man page. The text is built in memory and then
/// written, so a full disk or a reader that stops early is an ordinary write error (clap's
/// generators panic on one).
pub fn run(target: CompletionTarget, out: &mut impl Write) -> anyhow::Result<()> {
    out.write_all(&render(target)?)?;
    out.flush()?;
    Ok(())
}

/// The completion script or man page for `target`.
fn render(target: CompletionTarget) -> std::io::Result<Vec<u8>> {
    let mut command = Cli::command();
    let mut text = Vec::new();
    let shell = match target {
        CompletionTarget::Man => {
            clap_mangen::Man::new(command).render(&mut text)?;
            return Ok(text);
        }
        CompletionTarget::Bash => Shell::Bash,
        CompletionTarget::Zsh => Shell::Zsh,
        CompletionTarget::Fish => Shell::Fish,
        CompletionTarget::Elvish => Shell::Elvish,
        CompletionTarget::Powershell => Shell::PowerShell,
    };
    clap_complete::generate(shell, &mut command, "isoready", &mut text);
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_script_passes_the_terminal_filter_unchanged() {
        for target in [
            CompletionTarget::Man,
            CompletionTarget::Bash,
            CompletionTarget::Zsh,
            CompletionTarget::Fish,
            CompletionTarget::Elvish,
            CompletionTarget::Powershell,
        ] {
            let text = String::from_utf8(render(target).unwrap()).unwrap();
            assert!(text.contains("isoready"), "{target:?}");
            assert_eq!(crate::text::strip_controls(&text), text, "{target:?}");
        }
    }

    /// A disk with no space left.
    struct Full;

    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::StorageFull.into())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_full_disk_is_an_error_not_a_panic() {
        let error = run(CompletionTarget::Bash, &mut Full).unwrap_err();
        let io = error.downcast_ref::<std::io::Error>().unwrap();
        assert_eq!(io.kind(), std::io::ErrorKind::StorageFull);
    }
}
