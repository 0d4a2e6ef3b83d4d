//! Load stage, part two: the proposal files in `content/proposals/`.
//!
//! Each proposal has one Markdown file per authored language, named `SLUG.LANG.md`
//! (`pilot-bases.zh-Hant.md`), opening with YAML front matter between `---` lines.
//! This module only reads and parses; cross-file rules belong to the model.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::config::{display_path, not_utf8, parse_yaml, Localized};
use crate::error::{Error, Result};

/// Where proposal files live, relative to the project root.
pub const PROPOSALS_DIR: &str = "content/proposals";

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
}

/// One proposal file, parsed.
#[derive(Debug)]
pub struct ProposalFile {
    /// The file as named in messages.
    pub path: PathBuf,
    /// File name up to the language code: `pilot-bases`.
    pub stem: String,
    /// Language code from the file name: `zh-Hant`.
    pub lang: String,
    pub front: FrontMatter,
    /// The Markdown after the front matter.
    pub body: String,
    /// Line number of the body's first line in the file.
    pub body_line: u64,
}

/// Reads every `*.md` file under `content/proposals/`, in file-name order.
pub fn load_proposals(root: &Path) -> Result<Vec<ProposalFile>> {
    let dir = root.join(PROPOSALS_DIR);
    let mut rels = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::in_file(display_path(root, PROPOSALS_DIR), format!("cannot list the folder: {e}")))?;
        let is_md = entry.path().extension().is_some_and(|x| x == "md");
        if entry.file_type().is_file() && is_md {
            let rel = entry.path().strip_prefix(root).unwrap_or(entry.path()).to_path_buf();
            rels.push(rel);
        }
    }
    let parsed: Vec<Result<ProposalFile>> = rels.par_iter().map(|rel| load_one(root, rel)).collect();
    parsed.into_iter().collect()
}

fn load_one(root: &Path, rel: &Path) -> Result<ProposalFile> {
    let shown = display_path(root, &rel.to_string_lossy());
    let bytes = std::fs::read(root.join(rel)).map_err(|e| Error::io(&shown, "read the file", e))?;
    let text = std::str::from_utf8(&bytes).map_err(|e| not_utf8(&shown, &bytes, e))?;
    let (stem, lang) = split_file_name(rel).ok_or_else(|| {
        Error::in_file(&shown, "a proposal file must be named SLUG.LANG.md, for example pilot-bases.zh-Hant.md")
    })?;
    let (front, body, body_line) = split_front_matter(text, &shown)?;
    Ok(ProposalFile { path: shown, stem, lang, front, body, body_line })
}

/// `pilot-bases.zh-Hant.md` → (`pilot-bases`, `zh-Hant`).
fn split_file_name(rel: &Path) -> Option<(String, String)> {
    let name = rel.file_name()?.to_str()?.strip_suffix(".md")?;
    let (stem, lang) = name.rsplit_once('.')?;
    (!stem.is_empty() && !lang.is_empty()).then(|| (stem.to_string(), lang.to_string()))
}

/// Splits `---\nYAML\n---\nBODY` and parses the YAML.
pub fn split_front_matter(text: &str, shown: &Path) -> Result<(FrontMatter, String, u64)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let normalized;
    let text = if text.contains('\r') {
        normalized = text.replace("\r\n", "\n");
        normalized.as_str()
    } else {
        text
    };
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
    let (closing_line, yaml_end, body_start) = closing
        .ok_or_else(|| Error::at_line(shown, 1, "the front matter opened on line 1 is never closed with a line `---`"))?;
    let front: FrontMatter = parse_yaml(&text[yaml_start..yaml_end], shown, 1)?;
    let body = text[body_start..].to_string();
    Ok((front, body, closing_line + 1))
}
