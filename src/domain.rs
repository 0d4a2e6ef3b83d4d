//! The domain: what a site is, independent of how it is loaded, converted or written.
//!
//! The site's types (site, language, pillar, proposal), the typed ids that index them,
//! the paragraph [`Anchor`], the URL [`layout`], the [`BaseUrl`] the site is published at
//! and its Content-Security-Policy. Every phase (load, model, text, output, check, serve)
//! speaks in these types; this module imports nothing else of the crate.

use std::collections::BTreeMap;
use std::path::PathBuf;

use pulldown_cmark::Event;

/// Text given per language code (`zh-Hant: …`, `en: …`), in a stable order.
pub type Localized = BTreeMap<String, String>;

/// The OpenCC configurations a generated language may name.
pub const CONFIGS: &[&str] = &["hk2s", "t2s", "tw2s", "tw2sp", "s2t", "s2hk", "s2tw", "s2twp", "t2hk", "t2tw"];

/// The Content-Security-Policy of every page: everything from the site itself, nothing
/// inline, nothing from elsewhere. (`frame-ancestors` only works as a header.)
pub const CSP: &str = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'";

/// Where the site is published: an absolute http(s) URL ending in `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// `https://www.example.org.hk/budget/2024-25/`
    pub url: String,
    /// The path part: `/budget/2024-25/`.
    pub path: String,
}

impl BaseUrl {
    pub fn parse(text: &str) -> Result<BaseUrl, String> {
        let text = text.trim();
        let rest = text
            .strip_prefix("https://")
            .or_else(|| text.strip_prefix("http://"))
            .ok_or("must be an absolute http:// or https:// URL, e.g. https://www.example.org.hk/budget/2024-25/")?;
        let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
        if host.is_empty() || host.contains(|c: char| c.is_whitespace() || c == '?' || c == '#') {
            return Err("has no valid host name".into());
        }
        if path.contains(['?', '#']) || path.contains(char::is_whitespace) {
            return Err("must not have a query, fragment or spaces".into());
        }
        let path = format!("/{}", path.trim_end_matches('/'));
        let path = if path == "/" { path } else { format!("{path}/") };
        Ok(BaseUrl { url: format!("{}{host}{path}", &text[..text.len() - rest.len()]), path })
    }

    /// The absolute URL of a page folder given from the site root (`en/proposals/x/`).
    pub fn join(&self, dir: &str) -> String {
        format!("{}{dir}", self.url)
    }
}

/// The whole site, every text keyed by language code.
#[derive(Debug)]
pub struct Site {
    pub theme: String,
    /// Where the site is published, when known.
    pub base_url: Option<BaseUrl>,
    /// The link-preview image: its path from the project root and its path in the output.
    /// The image link previews show: its path in the output, its bytes.
    pub share_image: Option<(String, Vec<u8>)>,
    pub languages: Vec<Language>,
    pub publisher: Localized,
    pub title: Localized,
    pub date: Localized,
    pub intro: BTreeMap<String, Document<'static>>,
    pub pillars: Vec<Pillar>,
    /// In document order (by number).
    pub proposals: Vec<Proposal>,
    /// The distinct characters of the authored CJK-language proposals (titles and
    /// paragraphs), in code point order: what the search's character folding covers.
    pub cjk_chars: Vec<char>,
}

/// A language edition.
#[derive(Debug, Clone)]
pub struct Language {
    pub code: String,
    pub prefix: String,
    pub html_lang: String,
    pub name: String,
    /// Open Graph locale: `zh_HK`, `zh_CN`, `en_GB`.
    pub og_locale: String,
    /// Set for an edition generated from another: (source language code, OpenCC configuration).
    pub generated_from: Option<(String, String)>,
}

#[derive(Debug)]
pub struct Pillar {
    pub number: u32,
    pub slug: String,
    pub title: Localized,
    pub intro: BTreeMap<String, Document<'static>>,
}

#[derive(Debug)]
pub struct Proposal {
    pub number: u32,
    pub slug: String,
    /// Index into [`Site::pillars`].
    pub pillar: usize,
    /// The proposal in each language it exists in.
    pub texts: BTreeMap<String, ProposalText>,
    /// Titles given in another language's front matter, for languages whose file is missing.
    pub fallback_titles: Localized,
}

/// A proposal in one language.
#[derive(Debug, Clone)]
pub struct ProposalText {
    /// The line of its file where the Markdown body starts.
    pub body_line: u64,
    pub title: String,
    pub description: Option<String>,
    /// Where the Markdown body is read from when its pages are made: the file it comes
    /// from (for a generated language, the file it is converted from).
    pub body: BodySource,
    /// What the model needs of the body: its structure and internal links.
    pub survey: Survey,
}

impl Site {
    /// The authored (not generated) languages.
    pub fn authored(&self) -> impl Iterator<Item = &Language> {
        self.languages.iter().filter(|l| l.generated_from.is_none())
    }

    /// A proposal's title in `lang`: its own, else the one given for `lang` in another
    /// language's front matter, else the title in the first language that has one.
    pub fn proposal_title<'a>(&self, proposal: &'a Proposal, lang: &str) -> &'a str {
        if let Some(text) = proposal.texts.get(lang) {
            return &text.title;
        }
        if let Some(title) = proposal.fallback_titles.get(lang) {
            return title;
        }
        self.languages.iter().find_map(|l| proposal.texts.get(&l.code)).map_or(proposal.slug.as_str(), |t| t.title.as_str())
    }
}

/// A parsed Markdown body: its text borrowed from the Markdown where it can be
/// (`Document<'static>` owns it all).
#[derive(Debug, Clone, Default)]
pub struct Document<'a> {
    pub events: Vec<Event<'a>>,
    /// Links written with the internal syntax (`@/proposals/SLUG.md#p6-3`), in order.
    pub internal_links: Vec<InternalLink>,
    /// The line (1-based) of each piece of the author's own markup, in order: each raw
    /// HTML event, and each heading with attributes (`## Title {key=value}`). A body with
    /// any is sanitized when rendered (by the text phase's sanitizer).
    pub markup_lines: Vec<u64>,
}

/// What the model keeps of a proposal body between loading and rendering, which reads the
/// body again ([`BodySource`]): its structure and its internal links.
#[derive(Debug, Clone, Default)]
pub struct Survey {
    /// The top-level structure ([`Document::outline`]).
    pub outline: Vec<Block>,
    pub internal_links: Vec<InternalLink>,
    /// For a CJK language, the distinct characters of its paragraphs ([`Document::paragraph_texts`]),
    /// in code point order: what search folding needs to cover. Empty otherwise.
    pub chars: Vec<char>,
    /// The author's markup the sanitizer removes ([`Document::markup_removed`]).
    pub removed: Vec<Removed>,
}

/// Markup of the author's that does not reach the page: its line in the body (1-based),
/// and what is removed and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    pub line: u64,
    pub what: String,
}

/// An internal link and the line of the body it is written on (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalLink {
    pub target: String,
    pub line: u64,
}

/// One unit of a document's top-level structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    Paragraph,
    Heading(u8),
}

/// Where a proposal's Markdown body is: read again when its pages are made.
#[derive(Debug, Clone)]
pub struct BodySource {
    /// The file, as named in messages (and readable from the working folder).
    pub(crate) path: PathBuf,
    /// Where the body starts in the file's text (after line-ending normalisation).
    pub(crate) start: usize,
    /// A hash of the body as first read: a file edited during the build is an error, not
    /// a page made from two different versions of it.
    pub(crate) hash: u64,
}
