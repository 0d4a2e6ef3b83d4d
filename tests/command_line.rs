//! The command line as users of Zola and Hugo expect it: `--version`, short flags, what it
//! says outside a project, colour only on a terminal (and never with `NO_COLOR`), a
//! progress bar on long builds on a terminal only, and `serve` on a taken port. Each test
//! makes its own project in a temporary folder with `microsite init`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn microsite() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_microsite"));
    // The colour choice is the test's own.
    command.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE").env_remove("CLICOLOR");
    command
}

fn run(command: &mut Command) -> Output {
    command.output().expect("run microsite")
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

fn s(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temporary path")
}

fn new_project(tmp: &tempfile::TempDir) -> PathBuf {
    let root = tmp.path().join("site");
    let output = run(microsite().args(["init", s(&root)]));
    assert!(output.status.success(), "{}", text(&output));
    root
}

/// Runs `command` (a shell command line) with a terminal for its input and output (util-linux
/// `script`), with `TERM=xterm`: what it printed, or None where `script` is missing.
fn on_a_terminal(command: &str, env: &[(&str, &str)]) -> Option<String> {
    let mut script = Command::new("script");
    script.args(["-qec", command, "/dev/null"]).env("TERM", "xterm").env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE").stdin(Stdio::null());
    for (k, v) in env {
        script.env(k, v);
    }
    match script.output() {
        Ok(output) => Some(String::from_utf8_lossy(&output.stdout).into_owned()),
        Err(_) => {
            // CI has it (util-linux): there, a missing tool is a failure, not a skip.
            assert!(std::env::var_os("CI").is_none(), "util-linux `script` is needed for the terminal tests");
            eprintln!("skipped: util-linux `script` is not installed, so no terminal to test with");
            None
        }
    }
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

#[test]
fn version_and_short_flags() {
    let output = run(microsite().arg("--version"));
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), format!("microsite {}", env!("CARGO_PKG_VERSION")));

    let tmp = tempfile::tempdir().unwrap();
    let root = new_project(&tmp);
    let out = tmp.path().join("public");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("stray.txt"), "not ours").unwrap();
    // -r root, -o out, -s strict, -b base URL, -f force (the folder is not microsite's).
    let output = run(microsite().args(["build", "-r", s(&root), "-o", s(&out), "-s", "-b", "https://preview.example.org/x/", "-f"]));
    assert!(output.status.success(), "{}", text(&output));
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).expect("a base URL makes a sitemap");
    assert!(sitemap.contains("https://preview.example.org/x/en/proposals/first-proposal/"), "{sitemap}");
    assert!(!out.join("stray.txt").exists(), "--force replaced the folder");
    let output = run(microsite().args(["check", "-r", s(&root)]));
    assert!(output.status.success(), "{}", text(&output));
}

#[test]
fn outside_a_project_it_says_to_pass_root_or_init() {
    let tmp = tempfile::tempdir().unwrap();
    let here = tmp.path();
    let commands: [&[&str]; 5] =
        [&["build"], &["check"], &["serve", "--port", "0"], &["new", "proposal", "--pillar", "economy", "trade"], &["build", "--root", "nowhere"]];
    for args in commands {
        let output = run(microsite().args(args).current_dir(here));
        assert!(!output.status.success(), "{args:?}");
        let said = text(&output);
        assert!(
            said.contains("no microsite project here")
                && said.contains("site.yaml not found")
                && said.contains("--root DIR")
                && said.contains("microsite init DIR"),
            "{args:?}: {said}"
        );
        assert_eq!(said.lines().count(), 1, "one line: {said}");
    }
    assert_eq!(std::fs::read_dir(here).unwrap().count(), 0, "nothing was written");
}

/// A project whose English file is missing: a build prints a warning, and `--strict` an error.
fn project_with_a_warning(tmp: &tempfile::TempDir) -> PathBuf {
    let root = new_project(tmp);
    std::fs::remove_file(root.join("content/proposals/first-proposal.en.md")).unwrap();
    root
}

#[test]
fn no_escape_codes_without_a_terminal_or_with_no_color() {
    let tmp = tempfile::tempdir().unwrap();
    let root = project_with_a_warning(&tmp);
    let warn = ["build", "--root", s(&root)];
    let fail = ["build", "--root", s(&root), "--strict"];

    // Piped: plain text.
    for args in [&warn[..], &fail[..]] {
        let said = text(&run(microsite().args(args)));
        assert!(said.contains("warning:") || said.contains("error:"), "{said}");
        assert!(!said.contains('\x1b'), "no escape codes in a pipe: {said:?}");
    }
    // Colour forced (as a terminal would get it): error in bold red, warning in yellow...
    let said = text(&run(microsite().args(warn).env("CLICOLOR_FORCE", "1")));
    assert!(said.contains("\x1b[33mwarning:\x1b[0m") || said.contains("\x1b[1m\x1b[33mwarning:"), "{said:?}");
    let said = text(&run(microsite().args(fail).env("CLICOLOR_FORCE", "1")));
    assert!(said.contains("\x1b[1m\x1b[31merror:\x1b[0m"), "{said:?}");
    // ...unless NO_COLOR is set.
    let said = text(&run(microsite().args(fail).env("CLICOLOR_FORCE", "1").env("NO_COLOR", "1")));
    assert!(said.contains("error:") && !said.contains('\x1b'), "{said:?}");

    // On a real terminal: colour, and none with NO_COLOR.
    let command = format!("{} build --root {} --strict", shell_quote(env!("CARGO_BIN_EXE_microsite")), shell_quote(s(&root)));
    if let Some(said) = on_a_terminal(&command, &[]) {
        assert!(said.contains("\x1b[31merror:"), "{said:?}");
        let plain = on_a_terminal(&command, &[("NO_COLOR", "1")]).unwrap();
        assert!(plain.contains("error:") && !plain.contains('\x1b'), "{plain:?}");
    }
}

#[test]
fn a_long_build_shows_progress_on_a_terminal_only() {
    let tmp = tempfile::tempdir().unwrap();
    let root = new_project(&tmp);
    // 210 proposals: more than the 200 above which a bar is drawn.
    for n in 2..=211 {
        for (lang, paragraph) in [("zh-Hant", "〔段落。〕"), ("en", "A paragraph.")] {
            let file = format!("---\nnumber: {n}\npillar: first-pillar\nslug: p{n}\ntitle: 'P{n}'\n---\n\n{paragraph}\n");
            std::fs::write(root.join(format!("content/proposals/p{n}.{lang}.md")), file).unwrap();
        }
    }
    let piped = run(microsite().args(["build", "--root", s(&root)]));
    assert!(piped.status.success(), "{}", text(&piped));
    let said = String::from_utf8_lossy(&piped.stderr).into_owned();
    assert!(!said.contains("building [") && !said.contains('\r') && !said.contains('\x1b'), "no bar in a pipe: {said:?}");
    // One line, and on a machine without CJK fonts the note that no PDF was made.
    assert_eq!(said.lines().filter(|l| !l.starts_with("note: no PDF made")).count(), 1, "{said}");

    let command = format!("{} build --root {}", shell_quote(env!("CARGO_BIN_EXE_microsite")), shell_quote(s(&root)));
    if let Some(said) = on_a_terminal(&command, &[]) {
        assert!(said.contains("building [") && said.contains(" pages"), "a bar on a terminal: {said:?}");
        assert!(said.contains("built 1280 pages"), "{said:?}");
    }
    // A small site on a terminal: no bar.
    let other = tempfile::tempdir().unwrap();
    let small = new_project(&other);
    let command = format!("{} build --root {}", shell_quote(env!("CARGO_BIN_EXE_microsite")), shell_quote(s(&small)));
    if let Some(said) = on_a_terminal(&command, &[]) {
        assert!(!said.contains("building [") && said.contains("built 20 pages"), "{said:?}");
    }
}

#[test]
fn serve_on_a_taken_port_suggests_port_0() {
    let tmp = tempfile::tempdir().unwrap();
    let root = new_project(&tmp);
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let mut child =
        microsite().args(["serve", "--root", s(&root), "--port", &port]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("start microsite serve");
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("serve kept running on a taken port");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    assert!(!output.status.success());
    let said = text(&output);
    assert!(said.contains(&format!("127.0.0.1:{port}")) && said.contains("--port 0"), "{said}");
    assert!(!root.join("build").exists(), "nothing was built for a server that cannot start");
    drop(taken);
}
