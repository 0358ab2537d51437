//! The interactive commands without a terminal: a clear refusal that points to `assess`.

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;

#[test]
fn interactive_commands_refuse_without_a_terminal_and_point_to_assess() {
    let data = tempfile::tempdir().expect("tempdir");
    for args in [
        &[][..],
        &["new", "--client", "Acme"][..],
        &["resume", "latest"][..],
        &["new", "--from", "latest"][..],
        &["--plain"][..],
    ] {
        cargo_bin_cmd!("isoready")
            .env("NO_COLOR", "1")
            .env("ISOREADY_DATA_DIR", data.path())
            .args(args)
            .write_stdin("")
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("needs a terminal"))
            .stderr(predicate::str::contains("isoready assess --answers FILE"));
    }
    let stored = std::fs::read_dir(data.path()).expect("data dir").count();
    assert_eq!(stored, 0, "nothing is created when the TUI refuses");
}
