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
  zh-Hant: 我們提出兩項建議，這段簡介不在原文之中。
  en: Two proposals; this introduction is not in the source.
pillars:
  - number: 1
    slug: resources
    title: { zh-Hant: 惜資源, en: Cherishing Resources }
  - number: 2
    slug: elders
    title: { zh-Hant: 護長者, en: Caring for Elders }
source:
  file: source.zh-Hant.txt
  language: zh-Hant
glossary: glossary.tsv
";

/// Proposal 1: lines 8 and 9 hold paragraph 1.1 (wrapped, with emphasis), line 11
/// paragraph 1.2.
const WASTE_ZH: &str = "---
number: 1
pillar: resources
slug: waste
title: 擴大廚餘回收
---

廚餘是堆填區廢物的主要來源。我們建議政府
在*公共屋邨*增設收集點，並每月公布回收的數量。

政府可與綠色資源局合作，每年舉辦大型的回收活動，鼓勵市民分類回收。
";

const WASTE_EN: &str = "---
number: 1
pillar: resources
slug: waste
title: Expand Food Waste Recycling
---

Food waste is the main source of what goes to landfill. The Chamber proposes that the
Government add collection points in *public housing estates* and publish the amounts monthly.

The Government could work with the Green Resources Authority on large recycling events
every year, to encourage residents to sort their waste.
";

/// Proposal 2: paragraphs 2.1, 2.2, 2.3 on lines 8, 10, 12 (in English: 8, 10, 13).
const CARE_ZH: &str = "---
number: 2
pillar: elders
slug: care
title: 增設日間護理中心
---

日間護理讓長者白天得到照顧和陪伴。

我們建議在東灣新區設立日間護理中心，為照顧者提供訓練和喘息服務。

政府應資助日間護理，並與社福機構合作培訓護理員。
";

const CARE_EN: &str = "---
number: 2
pillar: elders
slug: care
title: Open More Day Care Centres
---

Day care keeps older people looked after and in company during the day.

The Chamber proposes a day care centre in East Bay New Town, with training and
respite services for carers.

The Government should fund day care and train care workers with social services.
";

const GLOSSARY: &str = "# Chinese forms<TAB>English forms
廚餘\tfood waste
綠色資源局|綠資局\tGreen Resources Authority
日間護理|日間照顧\tday care|daytime care
東灣新區|東灣\tEast Bay New Town
";

/// The PDF extract: the same text as the proposals, laid out as a PDF prints it (lines
/// cut anywhere, a space at their ends, the numbers before the titles, the date last).
fn source_text() -> String {
    let mut text = String::from(" 測試商會 \n對 2030 年預算的建議 \n\n惜資源 \n\n1. 擴大廚餘回收 \n\n");
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
            "廚餘是堆填區廢物的主要來源。我們建議政府在公共屋邨增設收集點，並每月公布回收的數量。",
            "政府可與綠色資源局合作，每年舉辦大型的回收活動，鼓勵市民分類回收。",
        ],
    );
    text.push_str("護長者 \n\n2. 增設日間護理中心 \n\n");
    paragraphs(
        &mut text,
        &[
            "日間護理讓長者白天得到照顧和陪伴。",
            "我們建議在東灣新區設立日間護理中心，為照顧者提供訓練和喘息服務。",
            "政府應資助日間護理，並與社福機構合作培訓護理員。",
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
        project.write("content/proposals/waste.zh-Hant.md", WASTE_ZH);
        project.write("content/proposals/waste.en.md", WASTE_EN);
        project.write("content/proposals/care.zh-Hant.md", CARE_ZH);
        project.write("content/proposals/care.en.md", CARE_EN);
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
    project.edit("content/proposals/care.zh-Hant.md", |s| s.replacen("訓練和喘息服務", "訓練和端息服務", 1));
    project.assert_problem(&[
        "content/proposals/care.zh-Hant.md:10: not verbatim (paragraph 2.2)",
        "the source (content/source.zh-Hant.txt:22) has «…，為照顧者提供訓練和[喘]息服務。政府應資助日…» but the text here has «…，為照顧者提供訓練和[端]息服務。政府應資助日…»",
    ]);
}

#[test]
fn a_change_in_a_title_a_number_or_the_settings_is_found_too() {
    let project = Project::new();
    project.edit("content/proposals/waste.zh-Hant.md", |s| s.replacen("title: 擴大廚餘回收", "title: 扩大廚餘回收", 1));
    project.assert_problem(&["content/proposals/waste.zh-Hant.md:5: not verbatim (proposal 1's title)", "[擴]", "[扩]"]);

    // The numbers must run 1…n (a content rule), so a wrong number is found in the source.
    let project = Project::new();
    project.edit("content/source.zh-Hant.txt", |s| s.replacen("2. 增設日間護理中心", "3. 增設日間護理中心", 1));
    project.assert_problem(&["content/proposals/care.zh-Hant.md:2: not verbatim (proposal 2's number)", "[3]", "[2]"]);

    let project = Project::new();
    project.edit("content/site.yaml", |s| s.replacen("zh-Hant: 護長者", "zh-Hant: 顧長者", 1));
    project.assert_problem(&["content/site.yaml:25: not verbatim (pillar 2's title)", "[護]", "[顧]"]);
}

#[test]
fn a_missing_paragraph_and_an_extra_one_are_reported_as_such() {
    let project = Project::new();
    project.edit("content/proposals/care.zh-Hant.md", |s| s.replacen("我們建議在東灣新區設立日間護理中心，為照顧者提供訓練和喘息服務。\n\n", "", 1));
    project.edit("content/proposals/care.en.md", |s| {
        s.replacen("The Chamber proposes a day care centre in East Bay New Town, with training and\nrespite services for carers.\n\n", "", 1)
    });
    project.assert_problem(&[
        // Missing after paragraph 2.1, where it belongs.
        "content/proposals/care.zh-Hant.md:8: not verbatim (paragraph 2.1): 32 character(s) of the source",
        "(content/source.zh-Hant.txt:21) are missing here, after «…白天得到照顧和陪伴。»: «我們建議在東灣新區設立日…提供訓練和喘息服務。»; the text here goes on «政府應資助日間護理，…»",
    ]);

    let project = Project::new();
    project.edit("content/proposals/waste.zh-Hant.md", |s| s.replacen("\n\n政府可與", "\n\n這是原文沒有的一段。\n\n政府可與", 1));
    project.edit("content/proposals/waste.en.md", |s| {
        s.replacen("\n\nThe Government could", "\n\nA paragraph the source does not have.\n\nThe Government could", 1)
    });
    project.assert_problem(&[
        "content/proposals/waste.zh-Hant.md:11: not verbatim (paragraph 1.2): 10 character(s) here are not in the source",
        "(content/source.zh-Hant.txt:12), after «…每月公布回收的數量。»: «這是原文沒有的一段。»; the source goes on «政府可與綠色資源局合…»",
    ]);

    // The date left out: the source goes on past the end of the text.
    let project = Project::new();
    project.edit("content/site.yaml", |s| s.replacen("zh-Hant: 2029 年 12 月", "zh-Hant: ''", 1));
    project.assert_problem(&[
        "content/proposals/care.zh-Hant.md:12: not verbatim (paragraph 2.3): the text ends after «…機構合作培訓護理員。» but the source (content/source.zh-Hant.txt:27)",
        "goes on for 8 more character(s): «2029年12月»",
    ]);
}

#[test]
fn whitespace_line_breaks_and_markup_are_not_differences() {
    let project = Project::new();
    // The Markdown rewrapped, indented with ideographic spaces, with CRLF line endings
    // and more emphasis; the source with its lines cut elsewhere and no spaces at all.
    project.edit("content/proposals/care.zh-Hant.md", |s| {
        s.replacen("日間護理讓長者白天得到照顧和陪伴。", "日間護理讓**長者\n白天**得到照顧和\n陪　伴。", 1).replace('\n', "\r\n")
    });
    project.edit("content/source.zh-Hant.txt", |s| s.replace(' ', "").replacen("機構合作", "機構\n\n合作", 1));
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
fn a_missing_official_name_is_reported_per_paragraph() {
    let project = Project::new();
    project.edit("content/proposals/waste.en.md", |s| s.replacen("Green Resources Authority", "resources office", 1));
    project.edit("content/proposals/care.en.md", |s| s.replacen("in East Bay New Town", "in the east", 1));
    project.assert_problem(&[
        "content/proposals/waste.en.md:11: glossary: paragraph 1.2 uses 「綠色資源局」 in Chinese (content/proposals/waste.zh-Hant.md:11), but the English there has no “Green Resources Authority” (content/glossary.tsv:3)",
        "content/proposals/care.en.md:10: glossary: paragraph 2.2 uses 「東灣新區」 in Chinese (content/proposals/care.zh-Hant.md:10), but the English there has no “East Bay New Town” (content/glossary.tsv:5)",
    ]);

    // Any of the alternatives will do; a name in another proposal's English does not count.
    let project = Project::new();
    let without = |name: &str| CARE_EN.replace("Day Care", name).replace("Day care", name).replace("day care", name);
    project.write("content/proposals/care.en.md", without("daytime care"));
    let (ok, check) = project.run(&["check"]);
    assert!(ok, "{check}");
    project.write("content/proposals/care.en.md", without("care"));
    project.edit("content/proposals/waste.en.md", |s| s.replacen("every year", "every year (and day care)", 1));
    project.assert_problem(&[
        "content/proposals/care.en.md:5: glossary: proposal 2's title uses 「日間護理」 in Chinese (content/proposals/care.zh-Hant.md:5), but the English there has no “day care” or “daytime care” (content/glossary.tsv:4)",
    ]);
}

#[test]
fn every_paragraph_that_uses_a_name_needs_its_official_form() {
    // 日間護理 is in the title and in paragraphs 2.1, 2.2 and 2.3: right in the first three,
    // wrong in 2.3; 東灣新區 is in paragraph 2.2 only, and its English form in 2.3 instead.
    let project = Project::new();
    project.edit("content/proposals/care.en.md", |s| {
        s.replacen("fund day care and", "fund daytime nursing in East Bay New Town and", 1).replacen("in East Bay New Town", "in the new town", 1)
    });
    project.assert_problem(&[
        "content/proposals/care.en.md:13: glossary: paragraph 2.3 uses 「日間護理」 in Chinese (content/proposals/care.zh-Hant.md:12), but the English there has no “day care” or “daytime care” (content/glossary.tsv:4)",
        "content/proposals/care.en.md:10: glossary: paragraph 2.2 uses 「東灣新區」 in Chinese (content/proposals/care.zh-Hant.md:10), but the English there has no “East Bay New Town” (content/glossary.tsv:5)",
    ]);
    let (_, check) = project.run(&["check"]);
    assert_eq!(check.matches("glossary: ").count(), 2, "only paragraphs 2.3 and 2.2, each once:\n{check}");

    // A name used twice in one paragraph asks for its English form once there (a repeat may
    // be "the Authority"); used in a paragraph, it is not asked of the paragraph before.
    let project = Project::new();
    project.edit("content/proposals/waste.zh-Hant.md", |s| s.replacen("鼓勵市民分類回收", "由綠色資源局提供場地", 1));
    project.edit("content/proposals/waste.en.md", |s| s.replacen("to sort their waste", "to sort their waste, at venues of the Authority", 1));
    project.edit("content/source.zh-Hant.txt", |s| s.replacen("鼓勵市民分類回收", "由綠色資源局提供場地", 1));
    let (ok, check) = project.run(&["check"]);
    // 8 uses in the fixture, and the repeat.
    assert!(ok && check.contains("glossary: each of the 9 uses"), "{check}");

    // Paragraphs that do not line up (an English paragraph added): the alignment check says
    // so, and a name is looked for in the whole English text of the proposal.
    let project = Project::new();
    project.edit("content/proposals/care.en.md", |s| {
        s.replacen("Day care keeps", "East Bay New Town is new.\n\nDay care keeps", 1).replacen("in East Bay New Town", "in the east", 1)
    });
    let (ok, check) = project.run(&["check"]);
    assert!(!ok && check.contains("misaligned: proposal 2") && check.contains("glossary: each of the 8 uses"), "{check}");
    project.edit("content/proposals/care.en.md", |s| s.replacen("East Bay New Town is new.", "The east is new.", 1));
    project.assert_problem(&[
        "content/proposals/care.en.md: glossary: paragraph 2.2 uses 「東灣新區」 in Chinese (content/proposals/care.zh-Hant.md:10), but the English text (its paragraphs do not line up with the Chinese) has no “East Bay New Town” (content/glossary.tsv:5)",
    ]);
}

#[test]
fn a_known_wrong_rendering_is_reported_wherever_it_is() {
    let project = Project::new();
    project.edit("content/glossary.tsv", |s| {
        s.replacen("Green Resources Authority\n", "Green Resources Authority\tGreen Resources Bureau|Green Resource Office\n", 1)
    });
    let (ok, check) = project.run(&["check"]);
    assert!(ok, "{check}");
    // In a paragraph whose Chinese does not use the name, in another proposal, in a setting.
    project.edit("content/proposals/waste.en.md", |s| s.replacen("Food waste is", "Food waste, says the Green Resources\nBureau, is", 1));
    project.edit("content/proposals/care.en.md", |s| s.replacen("social services.", "social services and the green resource office.", 1));
    project.edit("content/site.yaml", |s| s.replacen("en: Two proposals;", "en: Two proposals, for the Green Resources Bureau;", 1));
    project.assert_problem(&[
        "content/proposals/waste.en.md:8: glossary: “Green Resources Bureau” is a wrong rendering of 「綠色資源局」: the official name is “Green Resources Authority” (content/glossary.tsv:3)",
        "content/proposals/care.en.md:13: glossary: “Green Resource Office” is a wrong rendering of 「綠色資源局」: the official name is “Green Resources Authority” (content/glossary.tsv:3)",
        "content/site.yaml:18: glossary: “Green Resources Bureau” is a wrong rendering of 「綠色資源局」",
    ]);

    // A wrong rendering that is part of an official form would flag the official form: an error.
    let project = Project::new();
    project.edit("content/glossary.tsv", |s| s.replacen("Green Resources Authority\n", "Green Resources Authority\tDay Care\n", 1));
    project.assert_error(&["content/glossary.tsv:3: the wrong rendering “Day Care” is part of the official form “day care” (line 4)"]);
}

#[test]
fn the_glossary_checks_titles_and_settings_and_a_bad_line_is_an_error() {
    let project = Project::new();
    project.edit("content/glossary.tsv", |s| format!("{s}惜資源\tCherishing Resources\n擴大廚餘回收\tExpand Food Waste Recycling\n"));
    let (ok, check) = project.run(&["check"]);
    assert!(ok, "{check}");
    project.edit("content/site.yaml", |s| s.replacen("en: Cherishing Resources", "en: Saving Resources", 1));
    project.edit("content/proposals/waste.en.md", |s| s.replacen("title: Expand Food Waste Recycling", "title: Sort the Scraps", 1));
    project.assert_problem(&[
        "content/site.yaml:22: glossary: pillar 1's title uses 「惜資源」 in Chinese (content/site.yaml:22), but the English there has no “Cherishing Resources” (content/glossary.tsv:6)",
        "content/proposals/waste.en.md:5: glossary: proposal 1's title uses 「擴大廚餘回收」 in Chinese (content/proposals/waste.zh-Hant.md:5), but the English there has no “Expand Food Waste Recycling” (content/glossary.tsv:7)",
    ]);

    let project = Project::new();
    project.edit("content/glossary.tsv", |s| format!("{s}膠樽按金 bottle deposit\n"));
    project.assert_error(&["content/glossary.tsv:6: no TAB between the Chinese and the English forms"]);
}

#[test]
fn the_sites_own_pages_are_neither_the_source_text_nor_held_to_the_glossary() {
    let project = Project::new();
    // Chinese that is not in the source, and English that leaves out the official names of
    // the glossary terms its Chinese uses (廚餘, 綠色資源局): neither is the submission.
    project.write("content/pages/about.zh-Hant.md", "---\ntitle: 關於本會\n---\n\n本會關注廚餘問題，並與綠色資源局合作。\n");
    project.write("content/pages/about.en.md", "---\ntitle: About us\n---\n\nThe Chamber cares about kitchen scraps and works with the resources office.\n");
    let (ok, check) = project.run(&["check"]);
    assert!(ok, "{check}");
    assert!(check.contains("2 proposals with 5 paragraphs") && check.contains(": 0 problem(s)"), "{check}");
    let (ok, build) = project.run(&["build", "--strict"]);
    assert!(ok, "{build}");
    assert!(project.path("build/tc/about/index.html").is_file() && project.path("build/en/about/index.html").is_file());
}
