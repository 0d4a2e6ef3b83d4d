//! Proofreading: the authored text against two files a submission may name in its
//! settings, both under `content/`.
//!
//! - **`source:`** the source text (the extract of the submission's PDF). The authored
//!   Chinese text, read in the order of the document ([`source`]), must equal it character
//!   for character, whitespace aside; where it does not, the first difference is reported
//!   with the proposal file and line and a few characters of context on both sides.
//! - **`glossary:`** the official English names ([`glossary`]). Every glossary name a
//!   paragraph of the Chinese text of a proposal (or of a setting: a pillar's title, the
//!   publisher) uses must appear in its English form in the same paragraph of the English
//!   text, and no English text may use a known wrong rendering of a name.
//!
//! Runs after the model, on the authored text. A difference is a warning (`microsite check`
//! counts it as a problem, `build --strict` fails on it); a setting that names no readable
//! file under `content/`, or a glossary line that cannot be read, is an error.

pub mod glossary;
pub mod source;
mod text;

use std::path::Path;

use serde_saphyr::Spanned;

use crate::domain::{Site, Submission};
use crate::error::{Error, Result};
use crate::load::config::{GlossarySetting, SiteConfig, SourceSetting};
use crate::load::project::display_path;

/// The proofreading the settings ask for, taken from them before the model consumes them.
#[derive(Debug, Default)]
pub struct Settings {
    source: Option<Spanned<SourceSetting>>,
    glossary: Option<Spanned<GlossarySetting>>,
}

/// What proofreading found: problems (warnings), and what it proved (for `microsite check`).
#[derive(Debug, Default)]
pub struct Findings {
    pub warnings: Vec<String>,
    pub notes: Vec<String>,
}

impl Settings {
    /// Takes the `source:` and `glossary:` settings out of `config`.
    pub fn take(config: &mut SiteConfig) -> Settings {
        Settings { source: config.source.take(), glossary: config.glossary.take() }
    }

    /// Reads the files the settings name and proofreads the site's authored text against them.
    pub fn check(&self, root: &Path, site: &Site) -> Result<Findings> {
        let mut findings = Findings::default();
        if let Some(setting) = &self.source {
            let line = setting.referenced.line();
            let (shown, text) = read_content_file(root, &site.submission, "source", &setting.value.file, line)?;
            let lang = language(root, site, "source", setting.value.language.as_deref(), true, line)?;
            source::check(root, site, &lang, &shown, &text, &mut findings)?;
        }
        if let Some(setting) = &self.glossary {
            let line = setting.referenced.line();
            let (shown, text) = read_content_file(root, &site.submission, "glossary", &setting.value.file, line)?;
            let from = language(root, site, "glossary `from`", setting.value.from.as_deref(), true, line)?;
            let to = language(root, site, "glossary `to`", setting.value.to.as_deref(), false, line)?;
            if from == to {
                return Err(Error::at_line(display_path(root, &site.submission.settings), line, format!("glossary: `from` and `to` are both `{from}`")));
            }
            let entries = glossary::parse(&text, &shown)?;
            glossary::check(root, site, &from, &to, &shown, &entries, &mut findings)?;
        }
        Ok(findings)
    }
}

/// An authored language of the site: `named`, or by default the first authored CJK
/// language (`cjk`) or the first that is not CJK.
fn language(root: &Path, site: &Site, setting: &str, named: Option<&str>, cjk: bool, line: u64) -> Result<String> {
    let authored: Vec<&str> = site.authored().map(|l| l.code.as_str()).collect();
    let site_file = || display_path(root, &site.submission.settings);
    match named {
        Some(code) if authored.contains(&code) => Ok(code.to_string()),
        Some(code) => Err(Error::at_line(site_file(), line, format!("{setting}: `{code}` is not an authored language of the site ({})", authored.join(", ")))),
        None => authored.iter().find(|code| crate::text::markdown::is_cjk_language(code) == cjk).map(|code| code.to_string()).ok_or_else(|| {
            let kind = if cjk { "Chinese (CJK)" } else { "non-CJK" };
            Error::at_line(site_file(), line, format!("{setting}: the site has no authored {kind} language; name one in the setting"))
        }),
    }
}

/// Reads `value`, a path under the submission's folder (`content/`) named by the setting
/// `what` (on `line` of the settings): a relative path without `..`, to a UTF-8 file inside the project
/// ([`crate::load::project::read`] refuses a link out of it). Returns (the file as named in
/// messages, its text without a byte-order mark).
fn read_content_file(root: &Path, submission: &Submission, what: &str, value: &str, line: u64) -> Result<(std::path::PathBuf, String)> {
    let (shown, bytes) = crate::load::project::read_named(root, &submission.dir, &submission.settings, what, value, line)?;
    let text = String::from_utf8(bytes).map_err(|e| crate::load::config::not_utf8(&shown, e.as_bytes(), e.utf8_error()))?;
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    Ok((shown, text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    struct Both {
        source: Spanned<SourceSetting>,
        glossary: Spanned<GlossarySetting>,
    }

    #[test]
    fn a_setting_is_a_file_name_or_a_map() {
        let both: Both = serde_saphyr::from_str("source: a.txt\nglossary:\n  file: g.tsv\n  to: en\n").unwrap();
        assert_eq!(both.source.value, SourceSetting { file: "a.txt".into(), language: None });
        assert_eq!(both.source.referenced.line(), 1);
        assert_eq!(both.glossary.value, GlossarySetting { file: "g.tsv".into(), from: None, to: Some("en".into()) });
        let both: Both = serde_saphyr::from_str("source: {file: a.txt, language: zh-Hant}\nglossary: g.tsv\n").unwrap();
        assert_eq!(both.source.value.language.as_deref(), Some("zh-Hant"));
        let typo = serde_saphyr::from_str::<Both>("source: {fiel: a.txt}\nglossary: g.tsv\n").unwrap_err().to_string();
        assert!(typo.contains("fiel"), "{typo}");
    }

    #[test]
    fn a_path_out_of_content_is_refused() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("content")).unwrap();
        std::fs::write(root.path().join("secret.txt"), "x").unwrap();
        for bad in ["../secret.txt", "/etc/passwd", "a/../../secret.txt", "", "C:/x"] {
            let e = read_content_file(root.path(), &Submission::single(), "source", bad, 3).unwrap_err();
            assert_eq!(e.line, Some(3), "{bad}");
            assert!(e.message.contains("under content/"), "{bad}: {e}");
        }
    }
}
