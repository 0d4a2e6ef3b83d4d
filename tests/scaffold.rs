//! `microsite init` and `microsite new proposal`, each on a project of its own in a
//! temporary folder (the repository's `content/` is never read).

use std::path::{Path, PathBuf};
use std::process::Output;

fn microsite(args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_microsite")).args(args).env_remove("CLICOLOR_FORCE").output().expect("run microsite")
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

fn ok(args: &[&str]) -> String {
    let output = microsite(args);
    assert!(output.status.success(), "microsite {args:?} failed:\n{}", text(&output));
    text(&output)
}

fn fails(args: &[&str]) -> String {
    let output = microsite(args);
    assert!(!output.status.success(), "microsite {args:?} succeeded:\n{}", text(&output));
    text(&output)
}

fn s(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temporary path")
}

/// A new project made by `microsite init` in `tmp/site`.
fn new_project(tmp: &tempfile::TempDir) -> PathBuf {
    let root = tmp.path().join("site");
    ok(&["init", s(&root)]);
    root
}

/// Every file under `dir`, by its path there (`/` separators), with its contents.
fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(dir: &Path, prefix: &str, found: &mut Vec<(String, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let rel = format!("{prefix}{}", entry.file_name().to_str().unwrap());
            if entry.path().is_dir() {
                walk(&entry.path(), &format!("{rel}/"), found);
            } else {
                found.push((rel, std::fs::read(entry.path()).unwrap()));
            }
        }
    }
    let mut found = Vec::new();
    walk(dir, "", &mut found);
    found.sort();
    found
}

#[test]
fn init_makes_a_project_that_builds_at_once_strict_too() {
    let tmp = tempfile::tempdir().unwrap();
    let root = new_project(&tmp);
    for file in ["content/site.yaml", "content/zh-Hans-overrides.txt", "content/proposals/first-proposal.zh-Hant.md", "content/proposals/first-proposal.en.md"]
    {
        assert!(root.join(file).is_file(), "{file}");
    }
    let site = std::fs::read_to_string(root.join("content/site.yaml")).unwrap();
    assert!(site.contains("[Title of the submission]") && site.contains("PLACEHOLDERS"), "placeholders are marked:\n{site}");
    let ignore = std::fs::read_to_string(root.join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "/build") && ignore.lines().any(|l| l == "/.build.*"), "{ignore}");

    let built = ok(&["build", "--root", s(&root), "--strict"]);
    assert!(!built.contains("warning"), "{built}");
    let out = root.join("build");
    for page in [
        "index.html",
        "404.html",
        "tc/index.html",
        "sc/index.html",
        "en/index.html",
        "tc/pillars/first-pillar/index.html",
        "en/pillars/first-pillar/index.html",
        "tc/proposals/first-proposal/index.html",
        "sc/proposals/first-proposal/index.html",
        "en/proposals/first-proposal/index.html",
        "en/1/index.html",
        "sc/full/index.html",
        "en/search/index.html",
    ] {
        assert!(out.join(page).is_file(), "{page} is built");
    }
    let sc = std::fs::read_to_string(out.join("sc/proposals/first-proposal/index.html")).unwrap();
    assert!(sc.contains("第一项建议") && sc.contains("id=\"p1-2\"") && sc.contains("短链接"), "Simplified, two paragraphs, the theme's overrides");
    let search = std::fs::read_to_string(out.join("sc/search/index.html")).unwrap();
    assert!(search.contains("找不到“{q}”的结果") && !search.contains('「'), "a new project's Simplified edition quotes as Mainland readers do");
    let en = std::fs::read_to_string(out.join("en/proposals/first-proposal/index.html")).unwrap();
    assert!(en.contains("[Title of the first proposal]"), "the English title");
    ok(&["check", "--root", s(&root)]);

    // An empty folder that exists, or one holding only a Git repository, will do too.
    let empty = tmp.path().join("empty");
    std::fs::create_dir_all(empty.join(".git")).unwrap();
    ok(&["init", s(&empty)]);
    ok(&["build", "--root", s(&empty), "--strict"]);
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_leaves_it_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("notes");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("todo.txt"), "mine").unwrap();
    let refused = fails(&["init", s(&dir)]);
    assert!(refused.contains("not empty") && refused.contains("todo.txt"), "{refused}");
    assert_eq!(files_under(&dir), [("todo.txt".to_string(), b"mine".to_vec())], "nothing written, nothing removed");

    let file = tmp.path().join("file");
    std::fs::write(&file, "x").unwrap();
    let refused = fails(&["init", s(&file)]);
    assert!(refused.contains("not a folder"), "{refused}");
    assert_eq!(std::fs::read(&file).unwrap(), b"x");
}

#[test]
fn the_embedded_theme_is_themes_default_byte_for_byte() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let embedded: Vec<(String, Vec<u8>)> = microsite::scaffold::DEFAULT_THEME.iter().map(|(rel, bytes)| (rel.to_string(), bytes.to_vec())).collect();
    let on_disk = files_under(&repo);
    let names = |files: &[(String, Vec<u8>)]| files.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&embedded), names(&on_disk), "the same files");
    for ((name, a), (_, b)) in embedded.iter().zip(&on_disk) {
        assert!(a == b, "{name} differs from themes/default/{name}: rebuild microsite");
    }
    // And `init` writes exactly those.
    let tmp = tempfile::tempdir().unwrap();
    let root = new_project(&tmp);
    assert!(files_under(&root.join("themes/default")) == on_disk, "init copies themes/default");
}

#[test]
fn new_proposal_writes_the_next_numbered_files_and_the_project_still_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let root = new_project(&tmp);
    let said = ok(&["new", "proposal", "--root", s(&root), "--pillar", "first-pillar", "night-markets"]);
    for lang in ["zh-Hant", "en"] {
        let rel = format!("content/proposals/night-markets.{lang}.md");
        assert!(said.contains(&rel), "names {rel}: {said}");
        let file = std::fs::read_to_string(root.join(&rel)).unwrap();
        assert!(file.starts_with("---\nnumber: 2\npillar: first-pillar\nslug: night-markets\ntitle: '"), "{file}");
        assert_eq!(file.split("\n\n").count(), 2, "front matter and one paragraph:\n{file}");
    }
    // Short flags; the next one is numbered 3.
    ok(&["new", "proposal", "-r", s(&root), "-p", "first-pillar", "third"]);
    assert!(std::fs::read_to_string(root.join("content/proposals/third.en.md")).unwrap().contains("\nnumber: 3\n"));

    ok(&["build", "--root", s(&root), "--strict"]);
    for page in ["en/proposals/night-markets/index.html", "tc/proposals/third/index.html", "sc/2/index.html", "en/3/index.html"] {
        assert!(root.join("build").join(page).is_file(), "{page}");
    }
    let pillar = std::fs::read_to_string(root.join("build/en/pillars/first-pillar/index.html")).unwrap();
    assert!(pillar.contains("proposals/night-markets/"), "listed under its pillar");
}

#[test]
fn new_proposal_notes_a_number_out_of_pillar_order() {
    let tmp = tempfile::tempdir().unwrap();
    let root = new_project(&tmp);
    let site = root.join("content/site.yaml");
    let mut yaml = std::fs::read_to_string(&site).unwrap();
    yaml.push_str("  - number: 2\n    slug: second-pillar\n    title:\n      zh-Hant: 〔第二個政策範疇〕\n      en: '[The second policy pillar]'\n");
    std::fs::write(&site, yaml).unwrap();
    let quiet = ok(&["new", "proposal", "--root", s(&root), "--pillar", "second-pillar", "later"]);
    assert!(!quiet.contains("note:"), "{quiet}");
    let noted = ok(&["new", "proposal", "--root", s(&root), "--pillar", "first-pillar", "earlier"]);
    assert!(noted.contains("note:") && noted.contains("pillar order") && noted.contains("(2)"), "{noted}");
    assert!(std::fs::read_to_string(root.join("content/proposals/earlier.en.md")).unwrap().contains("\nnumber: 3\n"));
}

#[test]
fn new_proposal_refuses_an_unknown_pillar_a_taken_slug_and_a_bad_one() {
    let tmp = tempfile::tempdir().unwrap();
    let root = new_project(&tmp);
    let before = files_under(&root.join("content"));

    let unknown = fails(&["new", "proposal", "--root", s(&root), "--pillar", "economy", "trade"]);
    assert!(unknown.contains("content/site.yaml") && unknown.contains("`economy`") && unknown.contains("first-pillar"), "{unknown}");
    let taken = fails(&["new", "proposal", "--root", s(&root), "--pillar", "first-pillar", "first-proposal"]);
    assert!(taken.contains("first-proposal") && taken.contains("exists already"), "{taken}");
    let bad = fails(&["new", "proposal", "--root", s(&root), "--pillar", "first-pillar", "Night_Markets"]);
    assert!(bad.contains("Night_Markets") && bad.contains("not a slug"), "{bad}");
    let missing = fails(&["new", "proposal", "--root", s(&root), "trade"]);
    assert!(missing.contains("--pillar"), "{missing}");

    assert!(files_under(&root.join("content")) == before, "nothing written");
}
