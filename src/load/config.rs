//! Load: the site-wide settings in `content/site.yaml`.
//!
//! The settings name the languages (authored or generated), the document's title,
//! publisher and date per language, and the pillars that organise the proposals.
//! Everything about one year's document lives here and in `content/`, never in code.

use std::path::Path;

use std::fmt;

use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::domain::{Localized, Submission};
use crate::error::{Error, Result};
use crate::load::project::display_path;

/// The settings file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Folder name under `themes/`.
    pub theme: String,
    /// Where the site is published (`https://www.example.org/reports/annual/`): makes
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
    /// Optional examples of what to search for, per authored language (`電動車、職業培訓`),
    /// shown in the search box's placeholder; without them the theme's generic one.
    #[serde(default)]
    pub search_examples: Localized,
    pub pillars: Vec<PillarConfig>,
    /// The source text the authored Chinese must equal, a file under `content/` (checked by the proofreading).
    #[serde(default)]
    pub source: Option<Spanned<SourceSetting>>,
    /// The official English names, a file under `content/` (checked by the proofreading).
    #[serde(default)]
    pub glossary: Option<Spanned<GlossarySetting>>,
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

/// `source:` in the settings: `source: source.zh-Hant.txt`, or
/// `source: {file: source.zh-Hant.txt, language: zh-Hant}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceSetting {
    /// A path under `content/`.
    pub file: String,
    /// The authored language whose text the source is; by default the first authored
    /// Chinese (CJK) language of the site.
    pub language: Option<String>,
}

/// `glossary:` in the settings: `glossary: glossary.tsv`, or
/// `glossary: {file: glossary.tsv, from: zh-Hant, to: en}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossarySetting {
    /// A path under `content/`.
    pub file: String,
    /// The language of the glossary's first column; by default the first authored
    /// Chinese (CJK) language.
    pub from: Option<String>,
    /// The language of its second column; by default the first authored language that is
    /// not CJK.
    pub to: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceMap {
    file: String,
    #[serde(default)]
    language: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GlossaryMap {
    file: String,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
}

/// Deserializes a setting written as a bare file name or as a map (`M`), so that a typo in
/// a map's keys is reported as such rather than as "matches no variant".
struct FileOrMap<M>(&'static str, std::marker::PhantomData<M>);

impl<'de, M: Deserialize<'de>> Visitor<'de> for FileOrMap<M> {
    type Value = Result<String, M>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a file name under content/, or {}", self.0)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Self::Value, E> {
        Ok(Ok(v.to_string()))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> std::result::Result<Self::Value, A::Error> {
        M::deserialize(de::value::MapAccessDeserializer::new(map)).map(Err)
    }
}

impl<'de> Deserialize<'de> for SourceSetting {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Ok(match d.deserialize_any(FileOrMap::<SourceMap>("a map {file: …, language: …}", Default::default()))? {
            Ok(file) => SourceSetting { file, language: None },
            Err(m) => SourceSetting { file: m.file, language: m.language },
        })
    }
}

impl<'de> Deserialize<'de> for GlossarySetting {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Ok(match d.deserialize_any(FileOrMap::<GlossaryMap>("a map {file: …, from: …, to: …}", Default::default()))? {
            Ok(file) => GlossarySetting { file, from: None, to: None },
            Err(m) => GlossarySetting { file: m.file, from: m.from, to: m.to },
        })
    }
}

/// Reads and parses the settings of `submission` (`content/site.yaml`) under `root`.
pub fn load(root: &Path, submission: &Submission) -> Result<SiteConfig> {
    let text = read_text(root, &submission.settings)?;
    parse_yaml(&text, &display_path(root, &submission.settings), 0)
}

/// Reads a UTF-8 text file of the project ([`crate::load::project::read`]), naming it in any error.
pub fn read_text(root: &Path, rel: &str) -> Result<String> {
    let shown = display_path(root, rel);
    let bytes = crate::load::project::read(root, rel)?;
    String::from_utf8(bytes).map_err(|e| not_utf8(&shown, e.as_bytes(), e.utf8_error()))
}

/// The error for a file that is not valid UTF-8, naming the line of the first bad byte.
pub fn not_utf8(shown: &Path, bytes: &[u8], err: std::str::Utf8Error) -> Error {
    let offset = err.valid_up_to();
    let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    Error::at_line(shown, line, format!("not valid UTF-8 (bad byte at offset {offset}); save the file as UTF-8"))
}

/// Parses YAML that starts after `lines_before` lines of `file`, so that the line numbers
/// and the snippet serde-saphyr reports are those of the file.
pub fn parse_yaml<T: DeserializeOwned>(yaml: &str, file: &Path, lines_before: usize) -> Result<T> {
    // Padded with the lines before it, so that the lines of `Spanned` values are the file's.
    let padded;
    let input = if lines_before == 0 {
        yaml
    } else {
        padded = format!("{}{}", "\n".repeat(lines_before), yaml);
        &padded
    };
    serde_saphyr::from_str(input).map_err(|e| {
        // serde-saphyr's message for people (not the programmer's advice), its snippet
        // naming the file.
        let name = file.display().to_string();
        let options = serde_saphyr::render_options! {
            formatter: &serde_saphyr::UserMessageFormatter,
            source_name: Some(&name),
        };
        let report = e.render_with_options(options);
        let message = format!("invalid YAML: {}", without_lead(&report));
        match e.location() {
            Some(loc) => Error::at_line(file, loc.line(), message),
            None => Error::in_file(file, message),
        }
    })
}

/// A report without its `error: line N column M:` lead, which our own `file:line:`
/// prefix replaces.
fn without_lead(report: &str) -> &str {
    let text = report.trim_start();
    let text = text.strip_prefix("error: ").unwrap_or(text);
    match text.strip_prefix("line ").and_then(|rest| rest.split_once(": ")) {
        Some((position, message)) if position.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ') => message.trim_end(),
        _ => text.trim_end(),
    }
}
