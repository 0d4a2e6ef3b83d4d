//! Load: the site's own pages in `content/pages/` (about, contact, accessibility…), one
//! Markdown file per page per authored language, `SLUG.LANG.md`, opening with front matter
//! as a proposal file does. This module only reads and parses; the rules across files
//! (every language present, the same order) belong to the model ([`crate::model::pages`]).

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::domain::{BodySource, Survey, PAGES_DIR};
use crate::error::{Error, Result};
use crate::load::config::not_utf8;
use crate::load::content::{body_hash, normalized, split_file_name, split_front_matter};
use crate::load::project::display_path;

/// A page file's front matter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFront {
    /// The page's title in this file's language.
    pub title: Spanned<String>,
    /// Its place in the footer's list (1, 2, …), the same in every language; optional.
    #[serde(default)]
    pub order: Option<Spanned<u32>>,
    /// A sentence for search engines and link previews (optional; by default the page's
    /// first paragraph).
    #[serde(default)]
    pub description: Option<String>,
    /// `contact: true`: the page shows the contact details of content/site.yaml after its text.
    #[serde(default)]
    pub contact: Option<Spanned<bool>>,
}

/// One page file, parsed.
#[derive(Debug)]
pub struct PageFile {
    /// The file as named in messages.
    pub path: PathBuf,
    /// The file name up to the language code: the page's slug (`about`).
    pub slug: String,
    /// The language code of the file name (`zh-Hant`).
    pub lang: String,
    pub front: PageFront,
    /// What the model needs of the body (its internal links, images, removed markup).
    pub survey: Survey,
    pub source: BodySource,
    /// The line of the file where the body starts.
    pub body_line: u64,
}

/// Reads every file of `content/pages/` (none if the folder does not exist), in file-name
/// order, surveying each body with `survey(markdown, language)`. Anything there but
/// `SLUG.LANG.md` files is an error naming it.
pub fn load(root: &Path, survey: impl Fn(&str, &str) -> Survey) -> Result<Vec<PageFile>> {
    let mut files = Vec::new();
    for entry in crate::load::project::walk(root, PAGES_DIR)? {
        let shown = display_path(root, &entry.rel);
        if entry.is_dir {
            return Err(Error::in_file(&shown, format!("is a folder: {PAGES_DIR}/ holds only page files, SLUG.LANG.md (about.zh-Hant.md, about.en.md)")));
        }
        files.push(load_one(root, &entry.rel, shown, &survey)?);
    }
    Ok(files)
}

fn load_one(root: &Path, rel: &str, shown: PathBuf, survey: &impl Fn(&str, &str) -> Survey) -> Result<PageFile> {
    let (slug, lang) = split_file_name(Path::new(rel)).ok_or_else(|| {
        Error::in_file(
            &shown,
            format!("{PAGES_DIR}/ holds only page files named SLUG.LANG.md, one per page and authored language (about.zh-Hant.md, about.en.md)"),
        )
    })?;
    let bytes = crate::load::project::read(root, rel)?;
    let text = std::str::from_utf8(&bytes).map_err(|e| not_utf8(&shown, &bytes, e))?;
    let text = normalized(text);
    let (front, start, body_line): (PageFront, usize, u64) = split_front_matter(&text, &shown)?;
    if front.title.value.trim().is_empty() {
        return Err(Error::at_line(&shown, front.title.referenced.line(), "`title` is empty: give the page's title in this file's language"));
    }
    let body = &text[start..];
    let survey = survey(body, &lang);
    let source = BodySource { path: shown.clone(), start, hash: body_hash(body) };
    Ok(PageFile { path: shown, slug, lang, front, survey, source, body_line })
}
