//! Language editions that are incomplete or out of step: a missing translation still gets
//! its page (with a notice), a warning, and a failure under `--strict`; paragraphs that do
//! not line up between languages are reported the same way. Also the reviewed override
//! list that corrects the Simplified Chinese converter.

mod common;
use common::*;
use std::path::Path;

const PILOT_EN: &str = "content/proposals/pilot-bases.en.md";

#[test]
fn a_missing_translation_gets_a_page_with_a_notice_and_a_warning() {
    let project = Project::real();
    project.remove(PILOT_EN);
    let result = project.run(&["build"]);
    assert!(result.status.success(), "{}", stderr(&result));
    let err = stderr(&result);
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(warnings.len(), 1, "one warning per missing file:\n{err}");
    assert!(warnings[0].contains("pilot-bases.en.md"), "{err}");

    let page_path = Path::new("en/proposals/pilot-bases/index.html");
    let page = parse_page(&project.path("build").join(page_path));
    // The English title comes from the Chinese file's `titles: en:`.
    assert!(texts(&page, "main h1").concat().contains("Build Twin Bases for"), "English title kept");
    assert!(texts(&page, ".notice").concat().contains("in preparation"));
    assert!(page.select(&sel("main p.para")).next().is_none(), "no body");
    let link = page.select(&sel(".notice a")).next().expect("a link to the Chinese text");
    assert_eq!(resolve(page_path, link.value().attr("href").unwrap()), Path::new("tc/proposals/pilot-bases/index.html"));
    assert_eq!(link.value().attr("hreflang"), Some("zh-Hant-HK"));
    // Navigation in English stays complete.
    let nav = parse_page(&project.path("build/en/pillars/innovation-technology/index.html"));
    assert!(texts(&nav, "main .toc").concat().contains("Build Twin Bases for"));
}

#[test]
fn a_missing_translation_without_a_title_falls_back_to_the_chinese_title() {
    let project = Project::real();
    project.remove(PILOT_EN);
    project.edit("content/proposals/pilot-bases.zh-Hant.md", |s| s.replacen("titles:\n  en: 'Build Twin Bases for \"Hong Kong-style Pilot Trials\"'\n", "", 1));
    let out = project.build();
    let page = parse_page(&out.join("en/proposals/pilot-bases/index.html"));
    assert!(texts(&page, "main h1").concat().contains("建設「港版中試」雙基地"));
}

#[test]
fn strict_fails_on_a_missing_translation_and_writes_nothing() {
    let project = Project::real();
    let before = snapshot(&project.build());
    project.remove(PILOT_EN);
    let result = project.run(&["build", "--strict"]);
    assert!(!result.status.success());
    let err = stderr(&result);
    assert!(err.contains("--strict") && err.contains("pilot-bases.en.md"), "{err}");
    assert!(snapshot(&project.path("build")) == before, "build/ untouched");
}

#[test]
fn strict_passes_on_the_real_content() {
    let project = Project::real();
    let result = project.run(&["build", "--strict"]);
    let err = stderr(&result);
    assert!(result.status.success(), "{err}");
    assert!(!err.contains("warning"), "no warnings on the real content:\n{err}");
}

#[test]
fn misaligned_paragraphs_are_reported_with_both_files_and_counts() {
    let project = Project::real();
    // Merge the English paragraphs 6.2 and 6.3 into one.
    project.edit(PILOT_EN, |s| {
        let mut parts: Vec<&str> = s.splitn(4, "\n\n").collect();
        let merged = format!("{} {}", parts[2], parts[3].split("\n\n").next().unwrap());
        let rest = parts[3].split_once("\n\n").unwrap().1.to_string();
        parts.truncate(2);
        format!("{}\n\n{merged}\n\n{rest}", parts.join("\n\n"))
    });
    let result = project.run(&["build"]);
    assert!(result.status.success());
    let err = stderr(&result);
    let warning = err.lines().find(|l| l.starts_with("warning:")).unwrap_or_else(|| panic!("a warning:\n{err}"));
    assert!(warning.contains("pilot-bases.zh-Hant.md") && warning.contains("pilot-bases.en.md"), "{warning}");
    assert!(warning.contains("7 paragraphs") && warning.contains("6 paragraphs"), "{warning}");
    assert!(!project.run(&["build", "--strict"]).status.success(), "--strict fails on misalignment");
}

#[test]
fn a_heading_in_one_language_only_is_a_misalignment() {
    let project = Project::real();
    project.edit(PILOT_EN, |s| s.replacen("---\n\n", "---\n\n## Background\n\n", 1));
    let err = stderr(&project.run(&["build"]));
    assert!(err.contains("misaligned") && err.contains("1 headings"), "{err}");
}

#[test]
fn override_entries_take_part_in_conversion() {
    let project = Project::real();
    let before = std::fs::read_to_string(project.build().join("sc/proposals/pilot-bases/index.html")).unwrap();
    assert!(before.contains("港版中试"));
    // A reviewed entry replaces the converter's own choice, inside longer text too.
    project.write("content/zh-Hans-overrides.txt", "# test: a deliberate, visible change\n港版中試\t香港版中试\n");
    let after = std::fs::read_to_string(project.build().join("sc/proposals/pilot-bases/index.html")).unwrap();
    assert!(after.contains("建设「香港版中试」双基地"), "the override applies to titles");
    assert!(!after.contains("「港版中试」"), "and everywhere else");
    let tc = std::fs::read_to_string(project.path("build/tc/proposals/pilot-bases/index.html")).unwrap();
    assert!(tc.contains("「港版中試」"), "the Traditional text is untouched");
}

#[test]
fn every_real_override_entry_is_explained_by_a_comment() {
    let path = repo().join("content/zh-Hans-overrides.txt");
    let text = std::fs::read_to_string(&path).expect("the override file exists");
    let mut explained = false;
    for line in text.lines() {
        if line.starts_with('#') {
            explained = line.trim_start_matches('#').trim().len() > 10;
        } else if line.trim().is_empty() {
            explained = false;
        } else {
            assert!(explained, "{line:?} in {} has no comment above it saying why", path.display());
            assert!(line.contains('\t'), "{line:?} is not source<TAB>target");
        }
    }
}
