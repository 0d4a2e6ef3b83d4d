//! Proofreading, in a small project of its own (two pillars, two proposals): `source:`
//! (the authored Chinese equals the PDF extract, whitespace aside) and `glossary:` (the
//! English text of a proposal uses the official name of every glossary name its Chinese
//! text uses). A difference is a problem for `check`, a warning for `build` and a failure
//! for `build --strict`; a source that is not a file under content/ is an error.

use std::path::{Path, PathBuf};
use std::process::Output;

/// A project in a temporary folder: the repository's theme, and the content below.
struct Project {
    dir: tempfile::TempDir,
}

const SITE: &str = "theme: default
base_url: https://example.org/budget/
languages:
  - { code: zh-Hant, prefix: tc, html_lang: zh-Hant-HK, name: 繁體中文 }
  - { code: zh-Hans, prefix: sc, html_lang: zh-Hans, name: 简体中文, from: zh-Hant, opencc: hk2s }
  - { code: en, prefix: en, html_lang: en, name: English }
publisher:
  zh-Hant: 測試商會
  en: The Test Chamber
title:
  zh-Hant: 對 2030 年預算的建議
  en: Proposals for the 2030 Budget
date:
  zh-Hant: 2029 年 12 月
  en: December 2029
intro:
  zh-Hant: 本會提出兩項建議，這段簡介不在原文之中。
  en: Two proposals; this introduction is not in the source.
pillars:
  - number: 1
    slug: economy
    title: { zh-Hant: 穩經濟, en: Stabilising the Economy }
  - number: 2
    slug: innovation
    title: { zh-Hant: 促創新, en: Spurring Innovation }
source:
  file: source.zh-Hant.txt
  language: zh-Hant
glossary: glossary.tsv
";

/// Proposal 1: lines 8 and 9 hold paragraph 1.1 (wrapped, with emphasis), line 11
/// paragraph 1.2.
const NIGHT_ZH: &str = "---
number: 1
pillar: economy
slug: night
title: 發展夜間經濟
---

夜間經濟是城市活力的重要來源。本會建議政府
延長*夜市*的營業時間，並簡化相關的牌照申請。

政府可與旅遊發展局合作，每年舉辦大型的夜間活動，吸引旅客留港消費。
";

const NIGHT_EN: &str = "---
number: 1
pillar: economy
slug: night
title: Develop the Night-time Economy
---

The night-time economy is a major source of a city's vitality. The Chamber proposes
that the Government extend the opening hours of *night markets* and simplify licensing.

The Government could work with the Hong Kong Tourism Board on large night-time events
every year, to keep visitors spending in Hong Kong.
";

/// Proposal 2: paragraphs 2.1, 2.2, 2.3 on lines 8, 10, 12.
const PILOT_ZH: &str = "---
number: 2
pillar: innovation
slug: pilot
title: 建設中試基地
---

中試是科研成果走向市場的關鍵一步。

本會建議在北部都會區設立中試基地，為初創企業提供設備和技術支援。

政府應為中試項目提供資助，並與大學合作培訓人才。
";

const PILOT_EN: &str = "---
number: 2
pillar: innovation
slug: pilot
title: Build a Pilot Trial Base
---

Pilot trials are the key step from research to market.

The Chamber proposes a pilot trial base in the Northern Metropolis, with equipment and
technical support for start-ups.

The Government should fund pilot-trial projects and train talent with the universities.
";

const GLOSSARY: &str = "# Chinese forms<TAB>English forms
夜間經濟\tnight-time economy
旅遊發展局|旅發局\tHong Kong Tourism Board
中試|中間性試驗\tpilot trial|pilot-scale testing
北部都會區|北都\tNorthern Metropolis
";

/// The PDF extract: the same text as the proposals, laid out as a PDF prints it (lines
/// cut anywhere, a space at their ends, the numbers before the titles, the date last).
fn source_text() -> String {
    let mut text = String::from(" 測試商會 \n對 2030 年預算的建議 \n\n穩經濟 \n\n1. 發展夜間經濟 \n\n");
    let paragraphs = |text: &mut String, paragraphs: &[&str]| {
        for p in paragraphs {
            let chars: Vec<char> = p.chars().collect();
            for line in chars.chunks(17) {
                text.push_str(&line.iter().collect::<String>());
                text.push_str(" \n");
            }
            text.push('\n');
        }
    };
    paragraphs(
        &mut text,
        &[
            "夜間經濟是城市活力的重要來源。本會建議政府延長夜市的營業時間，並簡化相關的牌照申請。",
            "政府可與旅遊發展局合作，每年舉辦大型的夜間活動，吸引旅客留港消費。",
        ],
    );
    text.push_str("促創新 \n\n2. 建設中試基地 \n\n");
    paragraphs(
        &mut text,
        &[
            "中試是科研成果走向市場的關鍵一步。",
            "本會建議在北部都會區設立中試基地，為初創企業提供設備和技術支援。",
            "政府應為中試項目提供資助，並與大學合作培訓人才。",
        ],
    );
    text.push_str("2029 年 12 月 \n");
    text
}

impl Project {
    fn new() -> Project {
        let project = Project { dir: tempfile::tempdir().unwrap() };
        copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"), &project.path("themes"));
        project.write("content/site.yaml", SITE);
        project.write("content/proposals/night.zh-Hant.md", NIGHT_ZH);
        project.write("content/proposals/night.en.md", NIGHT_EN);
        project.write("content/proposals/pilot.zh-Hant.md", PILOT_ZH);
        project.write("content/proposals/pilot.en.md", PILOT_EN);
        project.write("content/glossary.tsv", GLOSSARY);
        project.write("content/source.zh-Hant.txt", source_text());
        project
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }

    /// Rewrites a file; panics if the edit changes nothing.
    fn edit(&self, rel: &str, f: impl FnOnce(&str) -> String) {
        let before = std::fs::read_to_string(self.path(rel)).unwrap();
        let after = f(&before);
        assert_ne!(before, after, "the edit of {rel} changed nothing");
        self.write(rel, after);
    }

    /// Runs `microsite ARGS` in the project folder: (success, stdout and stderr).
    fn run(&self, args: &[&str]) -> (bool, String) {
        let out: Output = std::process::Command::new(env!("CARGO_BIN_EXE_microsite")).args(args).current_dir(self.dir.path()).output().unwrap();
        (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
    }

    /// `check`, `build --strict` (which must write nothing) and `build` all report `says`;
    /// the first two fail, `build` succeeds with a warning.
    fn assert_problem(&self, says: &[&str]) {
        let (ok, check) = self.run(&["check"]);
        assert!(!ok, "check should fail:\n{check}");
        let (ok, strict) = self.run(&["build", "--strict"]);
        assert!(!ok, "build --strict should fail:\n{strict}");
        assert!(strict.contains("--strict") && !self.path("build").exists(), "--strict writes nothing:\n{strict}");
        let (ok, build) = self.run(&["build"]);
        assert!(ok, "build should succeed with a warning:\n{build}");
        for output in [&check, &strict, &build] {
            for s in says {
                assert!(output.contains(s), "expected {s:?} in:\n{output}");
            }
        }
        assert!(build.lines().any(|l| l.starts_with("warning: ") && l.contains(says[0])), "a warning:\n{build}");
        std::fs::remove_dir_all(self.path("build")).unwrap();
    }

    /// An error stops `check` and `build`, naming `says`.
    fn assert_error(&self, says: &[&str]) {
        for args in [&["check"][..], &["build"]] {
            let (ok, output) = self.run(args);
            assert!(!ok, "{args:?} should fail:\n{output}");
            for s in says {
                assert!(output.contains(s), "{args:?}: expected {s:?} in:\n{output}");
            }
        }
        assert!(!self.path("build").exists());
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn a_matching_source_and_glossary_pass() {
    let project = Project::new();
    let (ok, check) = project.run(&["check"]);
    assert!(ok, "{check}");
    assert!(
        check.contains("verbatim: the zh-Hant text (publisher, title, 2 pillars, 2 proposals with 5 paragraphs, date) equals content/source.zh-Hant.txt"),
        "{check}"
    );
    assert!(check.contains("glossary: each of the"), "{check}");
    assert!(check.contains(": 0 problem(s)"), "{check}");
    let (ok, build) = project.run(&["build", "--strict"]);
    assert!(ok, "{build}");
    assert!(!build.contains("warning"), "{build}");
}

#[test]
fn one_changed_character_is_found_with_its_file_line_and_context() {
    let project = Project::new();
    project.edit("content/proposals/pilot.zh-Hant.md", |s| s.replacen("設備和技術支援", "設備和技朮支援", 1));
    project.assert_problem(&[
        "content/proposals/pilot.zh-Hant.md:10: not verbatim (paragraph 2.2)",
        "the source (content/source.zh-Hant.txt:22) has «…初創企業提供設備和技[術]支援。政府應為中試項…» but the text here has «…初創企業提供設備和技[朮]支援。政府應為中試項…»",
    ]);
}

#[test]
fn a_change_in_a_title_a_number_or_the_settings_is_found_too() {
    let project = Project::new();
    project.edit("content/proposals/night.zh-Hant.md", |s| s.replacen("title: 發展夜間經濟", "title: 發展夜間經济", 1));
    project.assert_problem(&["content/proposals/night.zh-Hant.md:5: not verbatim (proposal 1's title)", "[濟]", "[济]"]);

    // The numbers must run 1…n (a content rule), so a wrong number is found in the source.
    let project = Project::new();
    project.edit("content/source.zh-Hant.txt", |s| s.replacen("2. 建設中試基地", "3. 建設中試基地", 1));
    project.assert_problem(&["content/proposals/pilot.zh-Hant.md:2: not verbatim (proposal 2's number)", "[3]", "[2]"]);

    let project = Project::new();
    project.edit("content/site.yaml", |s| s.replacen("zh-Hant: 促創新", "zh-Hant: 推創新", 1));
    project.assert_problem(&["content/site.yaml:25: not verbatim (pillar 2's title)", "[促]", "[推]"]);
}

#[test]
fn a_missing_paragraph_and_an_extra_one_are_reported_as_such() {
    let project = Project::new();
    project.edit("content/proposals/pilot.zh-Hant.md", |s| s.replacen("本會建議在北部都會區設立中試基地，為初創企業提供設備和技術支援。\n\n", "", 1));
    project.edit("content/proposals/pilot.en.md", |s| {
        s.replacen("The Chamber proposes a pilot trial base in the Northern Metropolis, with equipment and\ntechnical support for start-ups.\n\n", "", 1)
    });
    project.assert_problem(&[
        // Missing after paragraph 2.1, where it belongs.
        "content/proposals/pilot.zh-Hant.md:8: not verbatim (paragraph 2.1): 32 character(s) of the source",
        "(content/source.zh-Hant.txt:21) are missing here, after «…走向市場的關鍵一步。»: «本會建議在北部都會區設立…提供設備和技術支援。»; the text here goes on «政府應為中試項目提供…»",
    ]);

    let project = Project::new();
    project.edit("content/proposals/night.zh-Hant.md", |s| s.replacen("\n\n政府可與", "\n\n這是原文沒有的一段。\n\n政府可與", 1));
    project.edit("content/proposals/night.en.md", |s| {
        s.replacen("\n\nThe Government could", "\n\nA paragraph the source does not have.\n\nThe Government could", 1)
    });
    project.assert_problem(&[
        "content/proposals/night.zh-Hant.md:11: not verbatim (paragraph 1.2): 10 character(s) here are not in the source",
        "(content/source.zh-Hant.txt:12), after «…簡化相關的牌照申請。»: «這是原文沒有的一段。»; the source goes on «政府可與旅遊發展局合…»",
    ]);

    // The date left out: the source goes on past the end of the text.
    let project = Project::new();
    project.edit("content/site.yaml", |s| s.replacen("zh-Hant: 2029 年 12 月", "zh-Hant: ''", 1));
    project.assert_problem(&[
        "content/proposals/pilot.zh-Hant.md:12: not verbatim (paragraph 2.3): the text ends after «…與大學合作培訓人才。» but the source (content/source.zh-Hant.txt:27)",
        "goes on for 8 more character(s): «2029年12月»",
    ]);
}

#[test]
fn whitespace_line_breaks_and_markup_are_not_differences() {
    let project = Project::new();
    // The Markdown rewrapped, indented with ideographic spaces, with CRLF line endings
    // and more emphasis; the source with its lines cut elsewhere and no spaces at all.
    project.edit("content/proposals/pilot.zh-Hant.md", |s| {
        s.replacen("中試是科研成果走向市場的關鍵一步。", "中試是**科研\n成果**走向市場的\n關鍵　一步。", 1).replace('\n', "\r\n")
    });
    project.edit("content/source.zh-Hant.txt", |s| s.replace(' ', "").replacen("大學合作", "大學\n\n合作", 1));
    let (ok, check) = project.run(&["check"]);
    assert!(ok && check.contains("verbatim: the zh-Hant text"), "{check}");
    let (ok, build) = project.run(&["build", "--strict"]);
    assert!(ok, "{build}");
}

#[test]
fn the_short_form_of_the_settings_takes_the_first_chinese_language() {
    let project = Project::new();
    project.edit("content/site.yaml", |s| s.replacen("source:\n  file: source.zh-Hant.txt\n  language: zh-Hant\n", "source: source.zh-Hant.txt\n", 1));
    let (ok, check) = project.run(&["check"]);
    assert!(ok && check.contains("verbatim: the zh-Hant text"), "{check}");

    // A language that is not authored is an error on the setting's line.
    let project = Project::new();
    project.edit("content/site.yaml", |s| s.replacen("  language: zh-Hant\n", "  language: zh-Hans\n", 1));
    project.assert_error(&["content/site.yaml:27: source: `zh-Hans` is not an authored language of the site (zh-Hant, en)"]);
}

#[test]
fn a_source_outside_content_is_refused() {
    for bad in ["../outside.txt", "/etc/passwd", "proposals/../../outside.txt"] {
        let project = Project::new();
        project.write("outside.txt", source_text());
        project.edit("content/site.yaml", |s| s.replacen("file: source.zh-Hant.txt", &format!("file: '{bad}'"), 1));
        project.assert_error(&[&format!("content/site.yaml:27: source `{bad}`: name a file under content/ by its path from there (no `..`, not absolute)")]);
    }

    let project = Project::new();
    project.edit("content/site.yaml", |s| s.replacen("file: source.zh-Hant.txt", "file: missing.txt", 1));
    project.assert_error(&["content/site.yaml:27: source `missing.txt`: no such file under content/"]);
}

#[cfg(unix)]
#[test]
fn a_source_that_links_out_of_the_project_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("extract.txt"), source_text()).unwrap();
    let project = Project::new();
    std::fs::remove_file(project.path("content/source.zh-Hant.txt")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("extract.txt"), project.path("content/source.zh-Hant.txt")).unwrap();
    project.assert_error(&["content/source.zh-Hant.txt: is a link to", "outside the project folder"]);

    // The same for the glossary; a link inside the project is followed.
    let project = Project::new();
    std::fs::rename(project.path("content/source.zh-Hant.txt"), project.path("extract.txt")).unwrap();
    std::os::unix::fs::symlink(project.path("extract.txt"), project.path("content/source.zh-Hant.txt")).unwrap();
    std::fs::write(outside.path().join("glossary.tsv"), GLOSSARY).unwrap();
    std::os::unix::fs::symlink(outside.path().join("glossary.tsv"), project.path("content/link.tsv")).unwrap();
    project.edit("content/site.yaml", |s| s.replacen("glossary: glossary.tsv", "glossary: link.tsv", 1));
    project.assert_error(&["content/link.tsv: is a link to", "outside the project folder"]);
}

#[test]
fn a_missing_official_name_is_reported_per_proposal() {
    let project = Project::new();
    project.edit("content/proposals/night.en.md", |s| s.replacen("Hong Kong Tourism Board", "tourism authority", 1));
    project.edit("content/proposals/pilot.en.md", |s| s.replacen("in the Northern Metropolis", "in the north", 1));
    project.assert_problem(&[
        "content/proposals/night.en.md: glossary: proposal 1 uses 「旅遊發展局」 (content/proposals/night.zh-Hant.md:11, paragraph 1.2), but its English text has no “Hong Kong Tourism Board” (content/glossary.tsv:3)",
        "content/proposals/pilot.en.md: glossary: proposal 2 uses 「北部都會區」 (content/proposals/pilot.zh-Hant.md:10, paragraph 2.2), but its English text has no “Northern Metropolis” (content/glossary.tsv:5)",
    ]);

    // Any of the alternatives will do; a name in another proposal's English does not count.
    let project = Project::new();
    let without = |name: &str| PILOT_EN.replace("Pilot Trial", name).replace("Pilot trial", name).replace("pilot trial", name).replace("pilot-trial", name);
    project.write("content/proposals/pilot.en.md", without("pilot-scale testing"));
    let (ok, check) = project.run(&["check"]);
    assert!(ok, "{check}");
    project.write("content/proposals/pilot.en.md", without("trial"));
    project.edit("content/proposals/night.en.md", |s| s.replacen("every year", "every year (and pilot trials)", 1));
    project.assert_problem(&[
        "content/proposals/pilot.en.md: glossary: proposal 2 uses 「中試」 (content/proposals/pilot.zh-Hant.md:5, proposal 2's title), but its English text has no “pilot trial” or “pilot-scale testing” (content/glossary.tsv:4)",
    ]);
}

#[test]
fn the_glossary_checks_titles_and_settings_and_a_bad_line_is_an_error() {
    let project = Project::new();
    project.edit("content/glossary.tsv", |s| format!("{s}穩經濟\tStabilising the Economy\n發展夜間經濟\tDevelop the Night-time Economy\n"));
    let (ok, check) = project.run(&["check"]);
    assert!(ok, "{check}");
    project.edit("content/site.yaml", |s| s.replacen("en: Stabilising the Economy", "en: A Stable Economy", 1));
    project.edit("content/proposals/night.en.md", |s| s.replacen("title: Develop the Night-time Economy", "title: Light Up the Night", 1));
    project.assert_problem(&[
        "content/site.yaml:22: glossary: pillar 1's title uses 「穩經濟」 (content/site.yaml:22), but its English text has no “Stabilising the Economy” (content/glossary.tsv:6)",
        "content/proposals/night.en.md: glossary: proposal 1 uses 「發展夜間經濟」 (content/proposals/night.zh-Hant.md:5, proposal 1's title), but its English text has no “Develop the Night-time Economy” (content/glossary.tsv:7)",
    ]);

    let project = Project::new();
    project.edit("content/glossary.tsv", |s| format!("{s}碳審計 carbon audit\n"));
    project.assert_error(&["content/glossary.tsv:6: no TAB between the Chinese and the English forms"]);
}
