//! Language editions that are incomplete or out of step: a missing translation still gets
//! its page (with a notice), a warning, and a failure under `--strict`; paragraphs that do
//! not line up between languages are reported the same way. Also the reviewed override
//! list that corrects the Simplified Chinese converter.

mod common;
use common::*;
use std::path::Path;

/// The fixture's proposal 3 (four paragraphs, pillar `smart-port`) in English; its Chinese
/// file gives its English title under `titles:`.
const MAIN_EN: &str = "content/proposals/drone-trials.en.md";
const MAIN_ZH: &str = "content/proposals/drone-trials.zh-Hant.md";

#[test]
fn a_missing_translation_gets_a_page_with_a_notice_and_a_warning() {
    let project = Project::fixture();
    project.remove(MAIN_EN);
    let result = project.run(&["build"]);
    assert!(result.status.success(), "{}", stderr(&result));
    let err = stderr(&result);
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(warnings.len(), 1, "one warning per missing file:\n{err}");
    assert!(warnings[0].contains("drone-trials.en.md"), "{err}");

    let page_path = Path::new("en/proposals/drone-trials/index.html");
    let page = parse_page(&project.path("build").join(page_path));
    // The English title comes from the Chinese file's `titles: en:`.
    assert!(texts(&page, "main h1").concat().contains("Outlying Islands Drone Delivery"), "English title kept");
    assert!(texts(&page, ".notice").concat().contains("in preparation"));
    assert!(page.select(&sel("main p.para")).next().is_none(), "no body");
    let link = page.select(&sel(".notice a")).next().expect("a link to the Chinese text");
    assert_eq!(resolve(page_path, link.value().attr("href").unwrap()), Path::new("tc/proposals/drone-trials/index.html"));
    assert_eq!(link.value().attr("hreflang"), Some("zh-Hant-HK"));
    // Navigation in English stays complete.
    let nav = parse_page(&project.path("build/en/pillars/smart-port/index.html"));
    assert!(texts(&nav, "main .toc").concat().contains("Outlying Islands Drone Delivery"));
}

#[test]
fn a_missing_translation_without_a_title_falls_back_to_the_chinese_title() {
    let project = Project::fixture();
    project.remove(MAIN_EN);
    project.edit(MAIN_ZH, |s| s.replacen("titles:\n  en: 'Run \"Outlying Islands Drone Delivery\" Trials'\n", "", 1));
    let out = project.build();
    let page = parse_page(&out.join("en/proposals/drone-trials/index.html"));
    assert!(texts(&page, "main h1").concat().contains("開展「離島無人機配送」試驗"));
}

#[test]
fn strict_fails_on_a_missing_translation_and_writes_nothing() {
    let project = Project::fixture();
    let before = snapshot(&project.build());
    project.remove(MAIN_EN);
    let result = project.run(&["build", "--strict"]);
    assert!(!result.status.success());
    let err = stderr(&result);
    assert!(err.contains("--strict") && err.contains("drone-trials.en.md"), "{err}");
    assert!(snapshot(&project.path("build")) == before, "build/ untouched");
}

#[test]
fn strict_passes_on_the_fixture() {
    let project = Project::fixture();
    let result = project.run(&["build", "--strict"]);
    let err = stderr(&result);
    assert!(result.status.success(), "{err}");
    assert!(!err.contains("warning"), "no warnings on the fixture:\n{err}");
}

#[test]
fn misaligned_paragraphs_are_reported_with_both_files_and_counts() {
    let project = Project::fixture();
    // Merge the English paragraphs 3.2 and 3.3 into one.
    project.edit(MAIN_EN, |s| {
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
    assert!(warning.contains("drone-trials.zh-Hant.md") && warning.contains("drone-trials.en.md"), "{warning}");
    let n = proposal("drone-trials").paragraphs;
    assert!(warning.contains(&format!("{n} paragraphs")) && warning.contains(&format!("{} paragraphs", n - 1)), "{warning}");
    assert!(!project.run(&["build", "--strict"]).status.success(), "--strict fails on misalignment");
}

#[test]
fn a_heading_in_one_language_only_is_a_misalignment() {
    let project = Project::fixture();
    project.edit(MAIN_EN, |s| s.replacen("---\n\n", "---\n\n## Background\n\n", 1));
    let err = stderr(&project.run(&["build"]));
    assert!(err.contains("misaligned") && err.contains("at the start, ") && err.contains("drone-trials.en.md has a level-2 heading"), "{err}");
}

#[test]
fn override_entries_take_part_in_conversion() {
    let project = Project::fixture();
    let before = std::fs::read_to_string(project.build().join("sc/proposals/drone-trials/index.html")).unwrap();
    assert!(before.contains("离岛无人机配送"));
    // A reviewed entry replaces the converter's own choice, inside longer text too.
    project.write("content/zh-Hans-overrides.txt", "# test: a deliberate, visible change\n無人機配送\t无人机派送\n");
    let after = std::fs::read_to_string(project.build().join("sc/proposals/drone-trials/index.html")).unwrap();
    assert!(after.contains("开展“离岛无人机派送”试验"), "the override applies to titles");
    assert!(after.contains("无人机派送技术") && !after.contains("无人机配送"), "and everywhere else");
    let tc = std::fs::read_to_string(project.path("build/tc/proposals/drone-trials/index.html")).unwrap();
    assert!(tc.contains("「離島無人機配送」"), "the Traditional text is untouched");
}

#[test]
fn the_fixtures_override_entry_reaches_every_simplified_page_that_uses_the_word() {
    // content/zh-Hans-overrides.txt of the fixture: 貨櫃 → 集装箱 (hk2s alone gives 货柜).
    let site = fixture_site();
    let read = |page: &str| std::fs::read_to_string(site.join(page)).unwrap();
    assert!(read("tc/proposals/shore-power/index.html").contains("葵青貨櫃碼頭"));
    assert!(read("sc/proposals/shore-power/index.html").contains("葵青集装箱码头"), "in a longer word");
    assert!(read("sc/proposals/professional-drivers/index.html").contains("集装箱车"));
    assert!(read("sc/full/index.html").contains("集装箱"), "on the full text too");
    for page in html_files(site).iter().filter(|p| p.starts_with("sc")) {
        assert!(!read(&page.to_string_lossy()).contains("货柜"), "{}: the converter's own choice is left", page.display());
    }
    // Without the entry, the converter's own choice is what a reader gets.
    let project = Project::fixture();
    project.remove("content/zh-Hans-overrides.txt");
    let out = project.build();
    assert!(std::fs::read_to_string(out.join("sc/proposals/shore-power/index.html")).unwrap().contains("葵青货柜码头"));
}
