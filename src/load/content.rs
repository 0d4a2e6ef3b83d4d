//! Load: the proposal files in `content/proposals/`.
//!
//! Each proposal has one Markdown file per authored language, named `SLUG.LANG.md`
//! (`some-proposal.zh-Hant.md`), opening with YAML front matter between `---` lines.
//! This module only reads and parses; cross-file rules belong to the model.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::domain::{BodySource, Localized, Submission};
use crate::error::{Error, Result};
use crate::load::config::{not_utf8, parse_yaml};
use crate::load::project::display_path;

/// A proposal file's front matter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The proposal's number in the document (1, 2, …), shared by all languages.
    pub number: Spanned<u32>,
    /// Slug of the pillar the proposal belongs to.
    pub pillar: Spanned<String>,
    /// ASCII slug used in the proposal's URL, shared by all languages.
    pub slug: Spanned<String>,
    /// The proposal's title in this file's language.
    pub title: String,
    /// Titles in other languages, used only for a language whose file is missing.
    #[serde(default)]
    pub titles: Localized,
    /// A one-sentence summary for search engines and link previews (optional).
    #[serde(default)]
    pub description: Option<String>,
    /// The proposal's former slugs, whose addresses redirect to it (optional; any
    /// language's file may list them: [`crate::model::aliases`]).
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    /// For a translation: the hash of each source paragraph it follows, as
    /// `microsite status --accept` records them ([`crate::status`]).
    #[serde(default)]
    pub translated_from: Option<Vec<Spanned<String>>>,
}

/// One proposal file, parsed: its body as `B`, what the caller made of it on loading.
/// The Markdown itself is not kept ([`BodySource::read`] reads it again): at 10 000
/// proposals, holding every body was the largest thing in memory.
#[derive(Debug)]
pub struct ProposalFile<B> {
    /// The file as named in messages.
    pub path: PathBuf,
    /// File name up to the language code: `some-proposal`.
    pub stem: String,
    /// Language code from the file name: `zh-Hant`.
    pub lang: String,
    pub front: FrontMatter,
    /// What was made of the Markdown after the front matter.
    pub body: B,
    /// Where that Markdown is, to read it again.
    pub source: BodySource,
    /// Line number of the body's first line in the file.
    pub body_line: u64,
}

impl BodySource {
    /// The file, as named in messages.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The Markdown body, as it was when the site was loaded.
    pub fn read(&self) -> Result<String> {
        let bytes = std::fs::read(&self.path).map_err(|e| Error::io(&self.path, "read the file", e))?;
        let text = std::str::from_utf8(&bytes).map_err(|e| not_utf8(&self.path, &bytes, e))?;
        let text = normalized(text);
        match text.get(self.start..) {
            Some(body) if body_hash(body) == self.hash => Ok(body.to_string()),
            _ => Err(Error::in_file(&self.path, "the file changed while the site was being built; build again")),
        }
    }
}

pub(crate) fn body_hash(body: &str) -> u64 {
    use std::hash::Hasher as _;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(body.as_bytes());
    hasher.finish()
}

/// Reads every `*.md` file under the proposals folder of `submission`
/// (`content/proposals/`), in file-name order, making `B` of each body with
/// `read_body(markdown, language)`, several files at a time.
pub fn load_proposals<B: Send>(root: &Path, submission: &Submission, read_body: impl Fn(&str, &str) -> B + Sync) -> Result<Vec<ProposalFile<B>>> {
    let mut rels = Vec::new();
    for entry in crate::load::project::walk(root, &submission.proposals())? {
        if !entry.rel.ends_with(".md") {
            continue;
        }
        if entry.is_dir {
            return Err(Error::in_file(display_path(root, &entry.rel), "is a folder, not a proposal file: rename it or move its files out"));
        }
        rels.push(PathBuf::from(entry.rel));
    }
    let parsed: Vec<Result<ProposalFile<B>>> = rels.par_iter().map(|rel| load_one(root, rel, &read_body)).collect();
    parsed.into_iter().collect()
}

fn load_one<B>(root: &Path, rel: &Path, read_body: &impl Fn(&str, &str) -> B) -> Result<ProposalFile<B>> {
    let shown = display_path(root, &rel.to_string_lossy());
    let bytes = std::fs::read(root.join(rel)).map_err(|e| Error::io(&shown, "read the file", e))?;
    let text = std::str::from_utf8(&bytes).map_err(|e| not_utf8(&shown, &bytes, e))?;
    let (stem, lang) =
        split_file_name(rel).ok_or_else(|| Error::in_file(&shown, "a proposal file must be named SLUG.LANG.md, for example some-proposal.zh-Hant.md"))?;
    let text = normalized(text);
    let (front, start, body_line) = split_front_matter(&text, &shown)?;
    let body = &text[start..];
    let source = BodySource { path: shown.clone(), start, hash: body_hash(body) };
    Ok(ProposalFile { body: read_body(body, &lang), path: shown, stem, lang, front, source, body_line })
}

/// The text without a byte-order mark, with `\n` line endings.
pub(crate) fn normalized(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        text.replace("\r\n", "\n").into()
    } else {
        text.into()
    }
}

/// `some-proposal.zh-Hant.md` → (`some-proposal`, `zh-Hant`).
pub(crate) fn split_file_name(rel: &Path) -> Option<(String, String)> {
    let name = rel.file_name()?.to_str()?.strip_suffix(".md")?;
    let (stem, lang) = name.rsplit_once('.')?;
    (!stem.is_empty() && !lang.is_empty()).then(|| (stem.to_string(), lang.to_string()))
}

/// Splits `---\nYAML\n---\nBODY` (normalised: see [`normalized`]) and parses the YAML:
/// the front matter, where the body starts, and its first line.
pub(crate) fn split_front_matter<T: serde::de::DeserializeOwned>(text: &str, shown: &Path) -> Result<(T, usize, u64)> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(Error::at_line(shown, 1, "the file must start with front matter: a line `---`, the YAML fields, and a closing `---`"));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    let mut closing = None;
    for (i, line) in lines.enumerate() {
        if line.trim_end() == "---" {
            // (1-based line number of the closing `---`, where the YAML ends, where the body starts)
            closing = Some((i as u64 + 2, offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let (closing_line, yaml_end, body_start) =
        closing.ok_or_else(|| Error::at_line(shown, 1, "the front matter opened on line 1 is never closed with a line `---`"))?;
    let front: T = parse_yaml(&text[yaml_start..yaml_end], shown, 1)?;
    Ok((front, body_start, closing_line + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) {
        std::fs::write(dir.join(Submission::single().proposals()).join(name), text).unwrap();
    }

    #[test]
    fn a_body_is_read_again_as_it_was_and_an_edit_meanwhile_is_an_error() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join(Submission::single().proposals())).unwrap();
        let front = "---\r\nnumber: 1\r\npillar: p\r\nslug: a\r\ntitle: A\r\n---\r\n";
        write(root.path(), "a.en.md", &format!("\u{feff}{front}\r\nFirst line,\r\nsecond.\r\n"));
        let files = load_proposals(root.path(), &Submission::single(), |body: &str, lang: &str| (body.to_string(), lang.to_string())).unwrap();
        let [file] = files.as_slice() else { panic!("one file") };
        assert_eq!(file.body, ("\nFirst line,\nsecond.\n".to_string(), "en".to_string()));
        assert_eq!(file.body_line, 7);
        assert_eq!(file.source.read().unwrap(), file.body.0);

        write(root.path(), "a.en.md", &format!("{front}\r\nFirst line, edited.\r\n"));
        let error = file.source.read().unwrap_err().to_string();
        assert!(error.contains("a.en.md") && error.contains("changed while the site was being built"), "{error}");
    }
}
