//! End to end in tmux: start `isoready new`, answer the scoping block, kill the process with
//! SIGKILL, resume, and find every answer. Skipped where tmux is missing.

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

fn tmux(args: &[&str]) -> String {
    let output = Command::new("tmux").args(args).output().expect("run tmux");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn screen(session: &str) -> String {
    tmux(&["capture-pane", "-p", "-t", session])
}

/// Waits until `check` holds, polling; panics with the screen after a generous bound.
fn wait_for(session: &str, what: &str, check: impl Fn() -> bool) {
    let start = Instant::now();
    while !check() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "timed out waiting for {what}; screen:\n{}",
            screen(session)
        );
        sleep(Duration::from_millis(100));
    }
}

fn keys(session: &str, keys: &[&str]) {
    for key in keys {
        tmux(&["send-keys", "-t", session, key]);
        sleep(Duration::from_millis(150));
    }
}

fn session_file(dir: &Path) -> Option<String> {
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|entry| entry.path())
        .find(|path| path.extension().is_some_and(|ext| ext == "json"))
        .and_then(|path| std::fs::read_to_string(path).ok())
}

struct Kill(String);

impl Drop for Kill {
    fn drop(&mut self) {
        tmux(&["kill-session", "-t", &self.0]);
    }
}

#[test]
fn answers_survive_sigkill_and_resume() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("tmux is not installed: skipping the end-to-end test");
        return;
    }
    let data = tempfile::tempdir().expect("tempdir");
    let name = format!("isoready-e2e-{}", std::process::id());
    let _cleanup = Kill(name.clone());
    let binary = env!("CARGO_BIN_EXE_isoready");
    let start = |args: &str| {
        let command = format!(
            "env NO_COLOR=1 TERM=xterm-256color ISOREADY_DATA_DIR={} {binary} {args}",
            data.path().display()
        );
        tmux(&[
            "new-session",
            "-d",
            "-s",
            &name,
            "-x",
            "100",
            "-y",
            "30",
            &command,
        ]);
    };

    start("new --client E2E-Client --assessor Tester");
    wait_for(&name, "the first question", || {
        screen(&name).contains("org.sector")
    });
    // sector 1, size 3, certifications none (6), data personal+special (1 2), AI in products (3),
    // autonomy human_on_the_loop (3), affects individuals y, sensitive data y, drivers eu_ai_act (3).
    keys(
        &name,
        &[
            "1", "3", "6", "Right", "1", "2", "Right", "3", "Right", "3", "y", "y", "3", "Right",
        ],
    );
    wait_for(&name, "every scoping answer on disk", || {
        session_file(data.path()).is_some_and(|text| text.contains("eu_ai_act"))
    });

    let pid = tmux(&["list-panes", "-t", &name, "-F", "#{pane_pid}"]);
    let status = Command::new("kill")
        .args(["-9", pid.trim()])
        .status()
        .expect("kill");
    assert!(status.success(), "kill -9 {pid}");
    tmux(&["kill-session", "-t", &name]);

    let saved = session_file(data.path()).expect("session file");
    for expected in [
        "\"healthcare\"",
        "\"medium\"",
        "\"special_category\"",
        "\"in_products\"",
        "\"human_on_the_loop\"",
        "\"eu_ai_act\"",
    ] {
        assert!(saved.contains(expected), "{expected} missing from\n{saved}");
    }

    start("resume latest");
    wait_for(&name, "the resumed session", || {
        screen(&name).contains("E2E-Client")
    });
    let shown = screen(&name);
    assert!(
        !shown.contains("READ-ONLY"),
        "a killed process's lock must not block:\n{shown}"
    );
    assert!(
        shown.contains("9/9"),
        "the scope section shows every answer:\n{shown}"
    );
}
