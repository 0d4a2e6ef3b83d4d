//! Load: the settings — `content/site.yaml`, and for a site holding several editions each
//! edition's `content/NAME/edition.yaml` — and which submissions the project holds.
//!
//! The settings name the languages (authored or generated), the document's title,
//! publisher and date per language, and the pillars that organise the proposals.
//! Everything about one year's document lives here and in `content/`, never in code.

use std::path::Path;

use std::fmt;

use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::domain::{Localized, Submission, SITE_SETTINGS};
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
    /// The publisher's logo: a picture under `content/` and its description per authored
    /// language (`logo: {file: images/logo.svg, alt: {zh-Hant: …, en: …}}`); without one,
    /// the header sets the publisher's name as a wordmark.
    #[serde(default)]
    pub logo: Option<Spanned<LogoSetting>>,
    /// The publisher's own website, which its name or logo in the header links to.
    #[serde(default)]
    pub publisher_url: Option<Spanned<String>>,
    /// The publisher's colour (`"#8f1d21"`): links, buttons, the favicon and the browser's
    /// theme colour; without it, the theme's own.
    #[serde(default)]
    pub colour: Option<Spanned<String>>,
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
    /// When the site was last revised, `YYYY-MM-DD`: the footer's date, and the year of its
    /// copyright line (optional).
    #[serde(default)]
    pub revised: Option<Spanned<String>>,
    /// The year the copyright line names, if not the year of `revised` (optional).
    #[serde(default)]
    pub copyright: Option<Spanned<u32>>,
    /// The publisher's contact details, for the page that shows them (optional).
    #[serde(default)]
    pub contact: Option<Spanned<ContactConfig>>,
    pub pillars: Vec<PillarConfig>,
    /// The source text the authored Chinese must equal, a file under `content/` (checked by the proofreading).
    #[serde(default)]
    pub source: Option<Spanned<SourceSetting>>,
    /// The official English names, a file under `content/` (checked by the proofreading).
    #[serde(default)]
    pub glossary: Option<Spanned<GlossarySetting>>,
}

/// `content/site.yaml` of a site holding several editions: what is site-wide.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteWideConfig {
    pub theme: String,
    #[serde(default)]
    pub base_url: Option<Spanned<String>>,
    #[serde(default)]
    pub share_image: Option<Spanned<String>>,
    /// The publisher's logo: a picture under `content/` and its description per authored
    /// language (`logo: {file: images/logo.svg, alt: {zh-Hant: …, en: …}}`); without one,
    /// the header sets the publisher's name as a wordmark.
    #[serde(default)]
    pub logo: Option<Spanned<LogoSetting>>,
    /// The publisher's own website, which its name or logo in the header links to.
    #[serde(default)]
    pub publisher_url: Option<Spanned<String>>,
    /// The publisher's colour (`"#8f1d21"`): links, buttons, the favicon and the browser's
    /// theme colour; without it, the theme's own.
    #[serde(default)]
    pub colour: Option<Spanned<String>>,
    pub languages: Vec<LanguageConfig>,
    pub publisher: Localized,
    /// The site's name (`Policy submissions`), per authored language.
    pub title: Localized,
    /// When the site was last revised, `YYYY-MM-DD`: the footer's date, and the year of its
    /// copyright line (optional).
    #[serde(default)]
    pub revised: Option<Spanned<String>>,
    /// The year the copyright line names, if not the year of `revised` (optional).
    #[serde(default)]
    pub copyright: Option<Spanned<u32>>,
    /// The publisher's contact details, for the page that shows them (optional).
    #[serde(default)]
    pub contact: Option<Spanned<ContactConfig>>,
}

/// `contact:` in content/site.yaml: every field may be left empty (`""`) until the
/// publisher fills it in; `check` and `build` say which are.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactConfig {
    #[serde(default)]
    pub email: Option<Spanned<String>>,
    #[serde(default)]
    pub phone: Option<Spanned<String>>,
    /// Per authored language.
    #[serde(default)]
    pub address: Option<Spanned<Localized>>,
}

/// The site-wide settings of the footer and the site's pages, from content/site.yaml in
/// either layout.
#[derive(Debug, Default)]
pub struct SiteInfo {
    pub revised: Option<Spanned<String>>,
    pub copyright: Option<Spanned<u32>>,
    pub contact: Option<Spanned<ContactConfig>>,
}

/// `content/NAME/edition.yaml`: what one edition's settings hold (the same fields as a
/// single submission's, less the site-wide ones).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditionConfig {
    pub title: Localized,
    pub date: Localized,
    #[serde(default)]
    pub intro: Localized,
    #[serde(default)]
    pub search_examples: Localized,
    pub pillars: Vec<PillarConfig>,
    #[serde(default)]
    pub source: Option<Spanned<SourceSetting>>,
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
    /// For a generated edition: its quotation marks (`curly`: 「」『』 become “”‘’), by
    /// default as written (`corner`); see [`crate::domain::Quotes`].
    #[serde(default)]
    pub quotes: Option<Spanned<String>>,
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

/// `logo:` in the settings: the picture, and what it shows in words per authored language
/// (its `alt` text: usually the publisher's name).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogoSetting {
    /// A path under `content/`.
    pub file: String,
    pub alt: Localized,
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

/// Reads and parses the settings of `submission` under `root`: `content/site.yaml`, or for
/// an edition `content/site.yaml`'s site-wide part with the edition's `edition.yaml`.
pub fn load(root: &Path, submission: &Submission) -> Result<SiteConfig> {
    if !submission.is_edition() {
        let text = read_text(root, &submission.settings)?;
        return parse_yaml(&text, &display_path(root, &submission.settings), 0);
    }
    let site = load_site_wide(root)?;
    let text = read_text(root, &submission.settings)?;
    let edition: EditionConfig = parse_yaml(&text, &display_path(root, &submission.settings), 0)?;
    Ok(SiteConfig {
        theme: site.theme,
        base_url: site.base_url,
        share_image: site.share_image,
        logo: site.logo,
        publisher_url: site.publisher_url,
        colour: site.colour,
        languages: site.languages,
        publisher: site.publisher,
        title: edition.title,
        date: edition.date,
        intro: edition.intro,
        search_examples: edition.search_examples,
        revised: site.revised,
        copyright: site.copyright,
        contact: site.contact,
        pillars: edition.pillars,
        source: edition.source,
        glossary: edition.glossary,
    })
}

/// The footer's and the site pages' settings, from content/site.yaml (`submission`: any
/// submission of the project, which tells the layout).
pub fn site_info(root: &Path, submission: &Submission) -> Result<SiteInfo> {
    if submission.is_edition() {
        let site = load_site_wide(root)?;
        return Ok(SiteInfo { revised: site.revised, copyright: site.copyright, contact: site.contact });
    }
    let text = read_text(root, SITE_SETTINGS)?;
    let site: SiteConfig = parse_yaml(&text, &display_path(root, SITE_SETTINGS), 0)?;
    Ok(SiteInfo { revised: site.revised, copyright: site.copyright, contact: site.contact })
}

/// Reads the site-wide settings of a site holding editions.
pub fn load_site_wide(root: &Path) -> Result<SiteWideConfig> {
    let text = read_text(root, SITE_SETTINGS)?;
    parse_yaml(&text, &display_path(root, SITE_SETTINGS), 0)
}

/// The submissions the project holds: the one in `content/` when `content/site.yaml`
/// lists `pillars:`; else one edition per folder of `content/`, newest first (by folder
/// name, descending), each of which must hold `edition.yaml`.
pub fn submissions(root: &Path) -> Result<Vec<Submission>> {
    let settings = read_text(root, SITE_SETTINGS)?;
    if settings.lines().any(|l| l.starts_with("pillars:")) {
        return Ok(vec![Submission::single()]);
    }
    let mut names = Vec::new();
    for entry in crate::load::project::walk(root, "content")? {
        // content/pages/ holds the site's own pages, shared by every edition.
        let pages = crate::domain::PAGES_DIR.strip_prefix("content/") == Some(entry.inner.as_str());
        if entry.is_dir && !entry.inner.contains('/') && !entry.inner.starts_with('.') && !pages {
            names.push(entry.inner);
        }
    }
    names.sort();
    let mut seen: Vec<String> = Vec::new();
    for name in &names {
        let folder = display_path(root, &format!("content/{name}"));
        if let Some(other) = seen.iter().find(|o| o.eq_ignore_ascii_case(name)) {
            return Err(Error::in_file(
                &folder,
                format!("differs from the edition folder `{other}` only in case: on a web server they would be one address; rename one"),
            ));
        }
        seen.push(name.clone());
        if crate::domain::check_slug(name).is_err() {
            return Err(Error::in_file(
                &folder,
                "an edition folder's name is its address: use lowercase ASCII letters, digits and single hyphens (e.g. 2030-31)",
            ));
        }
        if !root.join(format!("content/{name}/edition.yaml")).is_file() {
            return Err(Error::in_file(
                &folder,
                "an edition folder needs an edition.yaml (its title, date and pillars); add one, or move the folder out of content/",
            ));
        }
    }
    if names.is_empty() {
        return Err(Error::in_file(
            display_path(root, SITE_SETTINGS),
            "lists no `pillars:` and content/ holds no edition folder: add the pillars here, or an edition folder with its edition.yaml",
        ));
    }
    names.reverse();
    Ok(names.iter().map(|name| Submission::edition(name)).collect())
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
