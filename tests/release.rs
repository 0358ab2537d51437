//! What is shipped: the version the binary reports, and a published package that holds every
//! file the build embeds (so `cargo install isoready` builds and runs).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The cargo that runs these tests (`CARGO` is set for the processes cargo starts).
fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

#[test]
fn version_prints_the_crate_version() {
    let output = assert_cmd::cargo::cargo_bin_cmd!("isoready")
        .arg("--version")
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        format!("isoready {}\n", env!("CARGO_PKG_VERSION"))
    );
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

/// The string literals that follow `marker` in `text` (`include_str!("…")`,
/// `#[template(path = "…")]`).
fn literals_after<'a>(text: &'a str, marker: &str) -> Vec<&'a str> {
    text.match_indices(marker)
        .filter_map(|(at, _)| {
            let rest = &text[at + marker.len()..];
            let start = rest.find('"')? + 1;
            let len = rest[start..].find('"')?;
            Some(&rest[start..start + len])
        })
        .collect()
}

/// `path` relative to the package root with `/` separators and `..` resolved, as
/// `cargo package --list` writes it.
fn package_path(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for part in path.strip_prefix(manifest_dir()).unwrap().components() {
        match part {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(name) => parts.push(name.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

/// The files the build reads besides the Rust sources: whatever `include_str!` and
/// `include_bytes!` name, the askama configuration, and the HTML templates it points at (the
/// templates include each other, so all of them).
fn embedded_files() -> BTreeSet<String> {
    let mut sources = Vec::new();
    rust_files(&manifest_dir().join("src"), &mut sources);
    let mut files = BTreeSet::new();
    for source in &sources {
        let text = std::fs::read_to_string(source).unwrap();
        for marker in ["include_str!(", "include_bytes!("] {
            for literal in literals_after(&text, marker) {
                files.insert(package_path(&source.parent().unwrap().join(literal)));
            }
        }
        for template in literals_after(&text, "#[template(path = ") {
            files.insert(format!("assets/templates/{template}"));
        }
    }
    let askama = std::fs::read_to_string(manifest_dir().join("askama.toml")).unwrap();
    assert!(
        askama.contains(r#"dirs = ["assets/templates"]"#),
        "{askama}"
    );
    files.insert("askama.toml".to_owned());
    for entry in std::fs::read_dir(manifest_dir().join("assets/templates")).unwrap() {
        files.insert(package_path(&entry.unwrap().path()));
    }
    files
}

#[test]
fn the_package_holds_every_embedded_file_and_no_test_data() {
    let embedded = embedded_files();
    assert!(
        embedded.contains("questionnaires/default.json")
            && embedded.contains("assets/iso27001.json")
            && embedded.contains("assets/templates/summary.html"),
        "the source scan found too little: {embedded:?}"
    );
    let output = cargo()
        .current_dir(manifest_dir())
        .args(["package", "--list", "--allow-dirty", "--offline"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    let listed: BTreeSet<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    let missing: Vec<_> = embedded.difference(&listed).collect();
    assert!(missing.is_empty(), "not in the package: {missing:?}");
    for file in [
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "README.md",
        "CHANGELOG.md",
        "Cargo.lock",
    ] {
        assert!(listed.contains(file), "{file} is not in the package");
    }
    let data: Vec<_> = listed
        .iter()
        .filter(|f| f.starts_with("tests/fixtures/") || f.starts_with("tests/snapshots/"))
        .collect();
    assert!(data.is_empty(), "test data in the package: {data:?}");
}

/// Packaging leaves out no target the manifest declares (cargo warns when a test's or bench's
/// file is not in the package) and warns about nothing else.
#[test]
fn packaging_warns_about_nothing() {
    let target = tempfile::tempdir().unwrap();
    let output = cargo()
        .current_dir(manifest_dir())
        .args(["package", "--no-verify", "--allow-dirty", "--offline"])
        .arg("--target-dir")
        .arg(target.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
}

/// Builds the crate from its package, not from the work tree, and runs the binary away from the
/// work tree: `--version`, and `assess` (which needs the embedded catalogs and questionnaire).
/// Slow (a cold build of every dependency in its own target directory, a minute or two on two
/// cores), so it runs on request, and in `.ci/run`: `cargo test --test release -- --ignored`.
#[test]
#[ignore = "slow: builds the packaged crate from scratch; cargo test --test release -- --ignored"]
fn the_packaged_crate_builds_and_runs() {
    let work = tempfile::tempdir().unwrap();
    let target = work.path().join("target");
    let package = cargo()
        .current_dir(manifest_dir())
        .args(["package", "--allow-dirty", "--no-verify", "--target-dir"])
        .arg(&target)
        .status()
        .unwrap();
    assert!(package.success());
    let name = format!("isoready-{}", env!("CARGO_PKG_VERSION"));
    let unpacked = work.path().join("unpacked");
    std::fs::create_dir(&unpacked).unwrap();
    let tar = Command::new("tar")
        .arg("xzf")
        .arg(target.join("package").join(format!("{name}.crate")))
        .arg("-C")
        .arg(&unpacked)
        .status()
        .unwrap();
    assert!(tar.success());
    let crate_dir = unpacked.join(&name);
    assert!(
        !crate_dir.join("tests/fixtures").exists(),
        "the package holds the test fixtures"
    );
    let build = cargo()
        .current_dir(&crate_dir)
        .args(["build", "--locked", "--bin", "isoready", "--target-dir"])
        .arg(&target)
        .status()
        .unwrap();
    assert!(build.success());
    let binary = target
        .join("debug")
        .join(format!("isoready{}", std::env::consts::EXE_SUFFIX));
    // Away from both the work tree and the unpacked sources.
    std::fs::remove_dir_all(&crate_dir).unwrap();
    let elsewhere = work.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();

    let version = Command::new(&binary)
        .current_dir(&elsewhere)
        .arg("--version")
        .output()
        .unwrap();
    assert!(version.status.success());
    assert_eq!(
        String::from_utf8(version.stdout).unwrap(),
        format!("isoready {}\n", env!("CARGO_PKG_VERSION"))
    );

    let answers = elsewhere.join("answers.json");
    std::fs::write(
        &answers,
        r#"{ "questionnaire": "isoready-default",
             "answers": { "org.sector": "healthcare", "data.categories": ["personal"],
                          "ai.use": ["none"], "ms.planning.risk_isms": "partial" } }"#,
    )
    .unwrap();
    for format in ["json", "md"] {
        let assess = Command::new(&binary)
            .current_dir(&elsewhere)
            .env("NO_COLOR", "1")
            .env("ISOREADY_DATA_DIR", elsewhere.join("data"))
            .env_remove("ISOREADY_QUESTIONNAIRE")
            .args(["assess", "--answers", "answers.json", "--format", format])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&assess.stdout);
        assert!(
            assess.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&assess.stderr)
        );
        assert!(stdout.contains("27001"), "{format}: {stdout}");
    }
    // The HTML export renders the askama templates compiled into the binary.
    let html = Command::new(&binary)
        .current_dir(&elsewhere)
        .env("ISOREADY_DATA_DIR", elsewhere.join("data"))
        .env_remove("ISOREADY_QUESTIONNAIRE")
        .args(["export", "--answers", "answers.json", "--format", "html"])
        .args(["--output", "out.html"])
        .output()
        .unwrap();
    assert!(
        html.status.success(),
        "{}",
        String::from_utf8_lossy(&html.stderr)
    );
    let page = std::fs::read_to_string(elsewhere.join("out.html")).unwrap();
    assert!(page.contains("<footer>isoready "), "{page}");
}
