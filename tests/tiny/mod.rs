//! A tiny project of its own for the tests of the content rules and the theme's wording:
//! the repository's `themes/`, and settings and proposals written here (never `content/`).
//! Two pillars, `alpha` (proposals 1 and 2) and `beta` (proposal 3), in zh-Hant and en;
//! zh-Hans generated.
#![allow(dead_code)]

use std::path::PathBuf;

use crate::common::{assert_build_rejected, Project};

pub const SITE: &str = "content/site.yaml";

/// The settings; `extra` is inserted before `pillars:`.
pub fn site_yaml(extra: &str) -> String {
    format!(
        "theme: default
languages:
  - {{ code: zh-Hant, prefix: tc, html_lang: zh-Hant-HK, name: 繁體中文 }}
  - {{ code: zh-Hans, prefix: sc, html_lang: zh-Hans, name: 简体中文, from: zh-Hant, opencc: hk2s }}
  - {{ code: en, prefix: en, html_lang: en, name: English }}
publisher: {{ zh-Hant: 測試出版者, en: Test Publisher }}
title: {{ zh-Hant: 測試文件, en: Test Document }}
date: {{ zh-Hant: 某年某月, en: Some month }}
{extra}pillars:
  - number: 1
    slug: alpha
    title: {{ zh-Hant: 甲, en: Alpha }}
  - number: 2
    slug: beta
    title: {{ zh-Hant: 乙, en: Beta }}
"
    )
}

/// The proposals: (slug, number, pillar).
pub const PROPOSALS: [(&str, u32, &str); 3] = [("one", 1, "alpha"), ("two", 2, "alpha"), ("three", 3, "beta")];

/// A proposal file: `number:` is on line 2, `pillar:` on line 3, `slug:` on line 4.
pub fn proposal(slug: &str, number: u32, pillar: &str, lang: &str) -> String {
    let (title, body) = if lang == "en" { (format!("Proposal {slug}"), "A paragraph.") } else { (format!("建議{number}"), "一段文字。") };
    format!("---\nnumber: {number}\npillar: {pillar}\nslug: {slug}\ntitle: {title}\n---\n\n{body}\n")
}

/// The path of proposal `slug`'s file in `lang`.
pub fn file(slug: &str, lang: &str) -> String {
    format!("content/proposals/{slug}.{lang}.md")
}

/// The tiny project: a [`Project`] (its files and `run`) with settings and proposals of
/// its own.
pub struct Tiny(pub Project);

impl std::ops::Deref for Tiny {
    type Target = Project;
    fn deref(&self) -> &Project {
        &self.0
    }
}

impl Tiny {
    /// The tiny project, with `extra` in its settings.
    pub fn with_settings(extra: &str) -> Tiny {
        let tiny = Tiny(Project::theme_only());
        tiny.write(SITE, site_yaml(extra));
        for (slug, number, pillar) in PROPOSALS {
            for lang in ["zh-Hant", "en"] {
                tiny.write(&file(slug, lang), proposal(slug, number, pillar, lang));
            }
        }
        tiny
    }

    pub fn new() -> Tiny {
        Tiny::with_settings("")
    }

    /// Gives proposal `slug` another number (`to`) and pillar in both its files.
    pub fn renumber(&self, slug: &str, to: u32, pillar: &str) {
        for lang in ["zh-Hant", "en"] {
            self.write(&file(slug, lang), proposal(slug, to, pillar, lang));
        }
    }

    /// Runs `microsite build --strict`, asserting it succeeded; returns the output folder.
    pub fn build(&self) -> PathBuf {
        let out = self.run(&["build", "--strict"]);
        assert!(out.status.success(), "build failed:\n{}", String::from_utf8_lossy(&out.stderr));
        self.path("build")
    }

    /// A built page's HTML.
    pub fn page(&self, rel: &str) -> String {
        self.read(&format!("build/{rel}"))
    }
}

/// Builds the tiny project, breaks it with `breakage`, builds again, and checks the
/// failure: non-zero exit, one `error:` naming `file` at `line` and containing `says`,
/// and the earlier output untouched. Returns the error text.
pub fn assert_rejected(breakage: impl FnOnce(&Tiny), file: &str, line: u64, says: &str) -> String {
    let tiny = Tiny::new();
    assert_build_rejected(&tiny, |_| breakage(&tiny), &format!("{file}:{line}:"), says)
}

/// The line of `text` (from 1) that contains `needle`.
pub fn line_of(text: &str, needle: &str) -> u64 {
    text.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("no line with {needle:?}")) as u64 + 1
}
