//! Load stage, part one: the site-wide settings in `content/site.yaml`.
//!
//! The settings name the languages (authored or generated), the document's title,
//! publisher and date per language, and the pillars that organise the proposals.
//! Everything about one year's document lives here and in `content/`, never in code.

use std::collections::BTreeMap;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::error::{Error, Result};

/// Where the site settings live, relative to the project root.
pub const SITE_FILE: &str = "content/site.yaml";

/// Text given per language code (`zh-Hant: …`, `en: …`), in a stable order.
pub type Localized = BTreeMap<String, String>;

/// The settings file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Folder name under `themes/`.
    pub theme: String,
    /// Where the site is published (`https://www.example.org.hk/budget/2024-25/`): makes
    /// canonical links, language alternates, the sitemap and link previews absolute.
    #[serde(default)]
    pub base_url: Option<Spanned<String>>,
    /// An image for link previews on social media, a path under `content/`.
    #[serde(default)]
    pub share_image: Option<Spanned<String>>,
    /// The editions, in the order the language switcher lists them.
    pub languages: Vec<LanguageConfig>,
    pub publisher: Localized,
    pub title: Localized,
    pub date: Localized,
    /// Optional Markdown shown on each home page under the title.
    #[serde(default)]
    pub intro: Localized,
    pub pillars: Vec<PillarConfig>,
    /// The source text the authored Chinese must equal, a file under `content/` ([`crate::proofread`]).
    #[serde(default)]
    pub source: Option<Spanned<crate::proofread::SourceSetting>>,
    /// The official English names, a file under `content/` ([`crate::proofread`]).
    #[serde(default)]
    pub glossary: Option<Spanned<crate::proofread::GlossarySetting>>,
}

/// One language edition.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageConfig {
    /// BCP 47 code used in content file names and localized maps (`zh-Hant`).
    pub code: Spanned<String>,
    /// URL prefix of the edition (`tc` serves `/tc/`).
    pub prefix: Spanned<String>,
    /// Value of `<html lang>` (`zh-Hant-HK`).
    pub html_lang: String,
    /// The language's own name, as the switcher shows it.
    pub name: String,
    /// Open Graph locale (`zh_HK`); derived from `html_lang` when not given.
    #[serde(default)]
    pub og_locale: Option<String>,
    /// For a generated edition: the authored language it is converted from.
    #[serde(default)]
    pub from: Option<Spanned<String>>,
    /// For a generated edition: the OpenCC configuration that converts it.
    #[serde(default)]
    pub opencc: Option<Spanned<String>>,
}

/// One policy pillar.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PillarConfig {
    pub number: Spanned<u32>,
    pub slug: Spanned<String>,
    pub title: Localized,
    /// Optional Markdown shown at the top of the pillar page.
    #[serde(default)]
    pub intro: Localized,
}

/// Reads and parses `content/site.yaml` under `root`.
pub fn load(root: &Path) -> Result<SiteConfig> {
    let text = read_text(root, SITE_FILE)?;
    parse_yaml(&text, &display_path(root, SITE_FILE), 0)
}

/// Reads a UTF-8 text file of the project ([`crate::project::read`]), naming it in any error.
pub fn read_text(root: &Path, rel: &str) -> Result<String> {
    let shown = display_path(root, rel);
    let bytes = crate::project::read(root, rel)?;
    String::from_utf8(bytes).map_err(|e| not_utf8(&shown, e.as_bytes(), e.utf8_error()))
}

/// The error for a file that is not valid UTF-8, naming the line of the first bad byte.
pub fn not_utf8(shown: &Path, bytes: &[u8], err: std::str::Utf8Error) -> Error {
    let offset = err.valid_up_to();
    let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    Error::at_line(shown, line, format!("not valid UTF-8 (bad byte at offset {offset}); save the file as UTF-8"))
}

/// How a project file is named in messages: relative to the working directory.
pub fn display_path(root: &Path, rel: &str) -> std::path::PathBuf {
    if root.as_os_str().is_empty() || root == Path::new(".") {
        rel.into()
    } else {
        root.join(rel)
    }
}

/// Parses YAML that starts after `lines_before` lines of `file`, so that the line numbers
/// and the snippet serde-saphyr reports are those of the file.
pub fn parse_yaml<T: DeserializeOwned>(yaml: &str, file: &Path, lines_before: usize) -> Result<T> {
    let padded;
    let input = if lines_before == 0 {
        yaml
    } else {
        padded = format!("{}{}", "\n".repeat(lines_before), yaml);
        &padded
    };
    serde_saphyr::from_str(input).map_err(|e| {
        let message = format!("invalid YAML: {}", tidy_report(&e.to_string(), file));
        match e.location() {
            Some(loc) => Error::at_line(file, loc.line(), message),
            None => Error::in_file(file, message),
        }
    })
}

/// Fits a library's error report (message, then a source snippet) under our own
/// `file:line:` prefix: drops its repeated `error:` and `line N column M:` lead, names the
/// real file in the snippet, and drops advice meant for programmers.
pub fn tidy_report(report: &str, file: &Path) -> String {
    let mut text = report.trim_start();
    text = text.strip_prefix("error: ").unwrap_or(text);
    if let Some(rest) = text.strip_prefix("line ") {
        if let Some((position, message)) = rest.split_once(": ") {
            if position.chars().all(|c| c.is_ascii_digit() || c == ' ' || c.is_ascii_alphabetic()) {
                text = message;
            }
        }
    }
    text.replace("<input>", &file.display().to_string()).replace(", set DuplicateKeyPolicy in Options if acceptable", "").trim_end().to_string()
}
