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

/// The quotation marks of a generated language's text (its `quotes` setting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Quotes {
    /// As written in the text it is converted from: 「」 and 『』 (Hong Kong, Taiwan).
    #[default]
    Corner,
    /// 「」 become “” and 『』 become ‘’, as horizontal Simplified Chinese text in the
    /// Mainland writes them (GB/T 15834).
    Curly,
}

impl Quotes {
    /// The values of the setting, as written, with what each means.
    pub const KNOWN: &[(&str, Quotes, &str)] =
        &[("corner", Quotes::Corner, "「」 and 『』 as written, the default"), ("curly", Quotes::Curly, "“” and ‘’, as Mainland Simplified text (GB/T 15834)")];

    /// The setting's value `value`, or `None` if it is not one of [`Quotes::KNOWN`].
    pub fn parse(value: &str) -> Option<Quotes> {
        Quotes::KNOWN.iter().find(|(name, _, _)| *name == value).map(|(_, q, _)| *q)
    }

    /// The mark that stands for quotation mark `c` in this style (`c` itself if none).
    pub fn mark(self, c: char) -> char {
        match (self, c) {
            (Quotes::Curly, '「') => '“',
            (Quotes::Curly, '」') => '”',
            (Quotes::Curly, '『') => '‘',
            (Quotes::Curly, '』') => '’',
            _ => c,
        }
    }
}

/// The Content-Security-Policy of every page: everything from the site itself, nothing
/// inline, nothing from elsewhere. (`frame-ancestors` only works as a header.)
pub const CSP: &str = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'";

/// Where the site is published: an absolute http(s) URL ending in `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// `https://www.example.org/reports/annual/`
    pub url: String,
    /// The path part: `/reports/annual/`.
    pub path: String,
}

impl BaseUrl {
    pub fn parse(text: &str) -> Result<BaseUrl, String> {
        let text = text.trim();
        let rest = text
            .strip_prefix("https://")
            .or_else(|| text.strip_prefix("http://"))
            .ok_or("must be an absolute http:// or https:// URL, e.g. https://www.example.org/reports/annual/")?;
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
    /// Where the submission's files are.
    pub submission: Submission,
    pub theme: String,
    /// Where the site is published, when known.
    pub base_url: Option<BaseUrl>,
    /// The link-preview image: its path from the project root and its path in the output.
    /// The image link previews show: its path in the output, its bytes.
    pub share_image: Option<(String, Vec<u8>)>,
    /// The publisher's logo, website and colour (site-wide).
    pub identity: Identity,
    pub languages: Vec<Language>,
    pub publisher: Localized,
    pub title: Localized,
    pub date: Localized,
    pub intro: BTreeMap<String, Document<'static>>,
    /// Examples of what to search for, for the search box's placeholder (optional).
    pub search_examples: Localized,
    pub pillars: Vec<Pillar>,
    /// In document order (by number).
    pub proposals: Vec<Proposal>,
    /// The distinct characters of the authored CJK-language proposals (titles and
    /// paragraphs), in code point order: what the search's character folding covers.
    pub cjk_chars: Vec<char>,
    /// The images the proposals show, each once.
    pub images: Vec<Image>,
    /// What every page of the site shares whatever its edition: the site's own pages and
    /// what the footer says (set once every edition is prepared; empty until then).
    pub site_wide: std::sync::Arc<SiteWide>,
}

/// What is the same on every page of the site, in every edition: the site's own pages
/// (`content/pages/`: about, contact, accessibility…), which the footer links to, and
/// the footer's copyright line and date of last revision.
#[derive(Debug, Default)]
pub struct SiteWide {
    /// In the footer's order.
    pub pages: Vec<SitePage>,
    /// When the site was last revised (`revised:` in content/site.yaml).
    pub revised: Option<IsoDate>,
    /// The year of the copyright line: `copyright:`, else the year of `revised`.
    pub copyright: Option<u32>,
    /// How to reach the publisher (`contact:`): shown, where filled in, on a page whose
    /// front matter asks for it.
    pub contact: Contact,
    /// For a site of editions, its name (`title` in content/site.yaml) per language: the
    /// site-wide pages carry it rather than one edition's title.
    pub name: Option<Localized>,
}

/// The publisher's contact details (`contact:` in content/site.yaml); empty where not filled in.
#[derive(Debug, Default, Clone)]
pub struct Contact {
    pub email: String,
    pub phone: String,
    /// The postal address, per language.
    pub address: Localized,
}

/// A page of the site's own, `content/pages/SLUG.LANG.md`, one file per authored language,
/// published at [`layout::page`] in every language.
#[derive(Debug)]
pub struct SitePage {
    pub slug: String,
    /// Its place in the footer (`order:`); pages without one come after, by slug.
    pub order: Option<u32>,
    /// Whether it shows the publisher's [`Contact`] details after its text.
    pub contact: bool,
    /// Its text in each language (a generated language's converted when the page is made).
    pub texts: BTreeMap<String, PageText>,
}

/// A site page in one language.
#[derive(Debug, Clone)]
pub struct PageText {
    pub title: String,
    pub description: Option<String>,
    /// Where the Markdown body is (for a generated language, its source's file).
    pub body: BodySource,
}

/// Index of a page in [`SiteWide::pages`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PageId(pub usize);

/// A calendar date written `YYYY-MM-DD` (ISO 8601), as the settings give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct IsoDate {
    pub year: u32,
    pub month: u32,
    pub day: u32,
}

impl std::str::FromStr for IsoDate {
    type Err = ();
    /// `2024-02-20`: four digits, two, two, a day that exists in that month.
    fn from_str(text: &str) -> Result<IsoDate, ()> {
        let parts: Vec<&str> = text.split('-').collect();
        let [y, m, d] = parts.as_slice() else { return Err(()) };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 || !text.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
            return Err(());
        }
        let (year, month, day): (u32, u32, u32) = (y.parse().map_err(|_| ())?, m.parse().map_err(|_| ())?, d.parse().map_err(|_| ())?);
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(()),
        };
        if day == 0 || day > days {
            return Err(());
        }
        Ok(IsoDate { year, month, day })
    }
}

impl std::fmt::Display for IsoDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The publisher's identity, from the site-wide settings: what the header, the landing
/// page, the favicon and the browser's theme colour show.
#[derive(Debug, Clone, Default)]
pub struct Identity {
    /// Without a logo, the header sets the publisher's name as a wordmark.
    pub logo: Option<Logo>,
    /// The publisher's own website (`https://www.example.org.hk/`).
    pub publisher_url: Option<String>,
    /// From the `colour` setting; `None`: the theme's own colours and favicon.
    pub colours: Option<Colours>,
    /// What the favicon shows: the publisher's first character (CJK) or initials.
    pub mark: String,
}

/// The publisher's logo as published.
#[derive(Debug, Clone)]
pub struct Logo {
    /// Its path in the output, from the site root (`assets/logo.1a2b3c4d.svg`).
    pub output: String,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
    /// What it shows, in words, per language (generated languages converted).
    pub alt: Localized,
}

/// The accent colours derived from the publisher's colour, each `#rrggbb`, every pair
/// readable (WCAG contrast of at least 4.5:1) on the theme's backgrounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Colours {
    /// The colour as set: links and buttons on the light backgrounds, with white on it.
    pub light: String,
    /// A light tint of it for dark mode, with the dark background's colour on it.
    pub dark: String,
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
    pub pillar: PillarId,
    /// The proposal in each language it exists in.
    pub texts: BTreeMap<String, ProposalText>,
    /// Titles given in another language's front matter, for languages whose file is missing.
    pub fallback_titles: Localized,
    /// Its former slugs (`aliases:`), in the order first listed: the address of each, in
    /// every language, is a page that sends the reader on to this proposal.
    pub aliases: Vec<String>,
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
    /// The images its body shows: each address as written, and the image in [`Site::images`].
    pub images: BTreeMap<String, usize>,
    /// For a translation, the hashes of the source paragraphs it was last accepted
    /// against (`translated_from:` in its front matter); `None` when the file records none.
    pub translated_from: Option<Vec<ParagraphHash>>,
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
    /// Links and images whose address the sanitizer removes (`javascript:`, `data:`…):
    /// (line, address). A body with any is sanitized when rendered too.
    pub bad_addresses: Vec<(u64, String)>,
    /// The images it shows (their addresses kept), in order.
    pub images: Vec<ImageRef>,
    /// Each footnote definition's label and line.
    pub note_lines: Vec<(String, u64)>,
    /// Text that reads as a footnote reference but is not one (`[^2]` without a note 2):
    /// (line, the reference as written).
    pub loose_note_refs: Vec<(u64, String)>,
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
    /// The images it shows, in order.
    pub images: Vec<ImageRef>,
    /// Footnotes that do not work: a reference without its note, a note never referenced.
    pub footnote_problems: Vec<Removed>,
    /// A hash of each paragraph's text, in order (made by the text phase): what a
    /// translation records of its source to tell when a source paragraph changed.
    pub hashes: Vec<ParagraphHash>,
}

/// A short hash of a paragraph's text, written as 8 lowercase hex digits (`3f9a2c1e`).
/// The same text has the same hash on every platform and in every version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ParagraphHash(pub u32);

impl std::fmt::Display for ParagraphHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:08x}", self.0)
    }
}

impl std::str::FromStr for ParagraphHash {
    type Err = ();
    /// Exactly 8 hex digits.
    fn from_str(text: &str) -> Result<ParagraphHash, ()> {
        if text.len() != 8 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(());
        }
        u32::from_str_radix(text, 16).map(ParagraphHash).map_err(|_| ())
    }
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

/// One unit of a document's top-level structure. Only a [`Block::Paragraph`] is numbered;
/// the blocks after it up to the next paragraph or heading (a list, a table, a quotation,
/// a figure, code) belong to it, the way the items (a), (b)… and the tables of a Hong Kong
/// government paper belong to the numbered paragraph that introduces them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    Paragraph,
    Heading(u8),
    /// A list and how many items it has.
    List {
        ordered: bool,
        items: usize,
    },
    /// A table: its rows (the header row included) and columns.
    Table {
        rows: usize,
        columns: usize,
    },
    Quote,
    /// An image alone in its paragraph, with or without a caption.
    Figure {
        caption: bool,
    },
    Code,
    /// A footnote, in the order of its first reference.
    Note,
    /// Anything else: raw HTML, a rule.
    Other,
}

impl Block {
    /// The block as a reader would name it, for messages: "a table of 4 rows and 6 columns".
    pub fn describe(&self) -> String {
        match self {
            Block::Paragraph => "a numbered paragraph".into(),
            Block::Heading(level) => format!("a level-{level} heading"),
            Block::List { ordered, items } => format!("{} list of {items} items", if *ordered { "a numbered" } else { "a bulleted" }),
            Block::Table { rows, columns } => format!("a table of {rows} rows and {columns} columns"),
            Block::Quote => "a quotation".into(),
            Block::Figure { caption: true } => "a figure with a caption".into(),
            Block::Figure { caption: false } => "a figure without a caption".into(),
            Block::Code => "a code block".into(),
            Block::Note => "a footnote".into(),
            Block::Other => "raw HTML or a rule".into(),
        }
    }
}

/// A picture a proposal shows, copied into the output once for the whole site.
#[derive(Debug, Clone)]
pub struct Image {
    /// The file, as named in messages.
    pub source: PathBuf,
    /// Its path in the output, from the site root (`assets/img/chart.1a2b3c4d.png`).
    pub output: String,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

/// An image a body shows, as written (`../images/chart.png`), and the line it is on (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    pub dest: String,
    pub line: u64,
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

/// Where one submission's files are in a project, and where its pages go. The submission
/// being built is this value, not an assumption: a project holds one submission in
/// `content/` ([`Submission::single`]), or several "editions", each in a folder of its own
/// (`content/2024-25/`, [`Submission::edition`]) published under that folder's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    /// The edition's name, its URL segment (`2024-25`); empty for a single submission.
    pub name: String,
    /// Its folder, from the project root (`content`, `content/2024-25`).
    pub dir: String,
    /// Its settings file, from the project root (`content/site.yaml`,
    /// `content/2024-25/edition.yaml`).
    pub settings: String,
    /// The file with the site-wide settings (languages, base URL, theme):
    /// `content/site.yaml` in both layouts.
    pub site_settings: String,
}

/// The project's site-wide settings file.
pub const SITE_SETTINGS: &str = "content/site.yaml";

/// The folder of the site's own pages (about, contact…), in either layout; in a site of
/// editions, the one folder of `content/` that is not an edition.
pub const PAGES_DIR: &str = "content/pages";

impl Submission {
    /// The layout of a project holding one submission: `content/site.yaml`,
    /// `content/proposals/`, `content/LANG-overrides.txt`, published at the site's root.
    pub fn single() -> Submission {
        Submission { name: String::new(), dir: "content".into(), settings: SITE_SETTINGS.into(), site_settings: SITE_SETTINGS.into() }
    }
    /// Edition `name` of a project holding several: `content/NAME/edition.yaml`,
    /// `content/NAME/proposals/`…, published under `NAME/`.
    pub fn edition(name: &str) -> Submission {
        let dir = format!("content/{name}");
        Submission { name: name.into(), settings: format!("{dir}/edition.yaml"), dir, site_settings: SITE_SETTINGS.into() }
    }
    /// Whether this is one edition of several.
    pub fn is_edition(&self) -> bool {
        !self.name.is_empty()
    }
    /// The folder its pages go to, from the site root: `2024-25/`, or empty.
    pub fn path(&self) -> String {
        if self.name.is_empty() {
            String::new()
        } else {
            format!("{}/", self.name)
        }
    }
    /// A file of the submission, from the project root (`rel` from its folder).
    pub fn file(&self, rel: &str) -> String {
        format!("{}/{rel}", self.dir)
    }
    /// The folder of its proposal files.
    pub fn proposals(&self) -> String {
        self.file("proposals")
    }
    /// The reviewed conversion overrides of generated language `lang`.
    pub fn overrides(&self, lang: &str) -> String {
        self.file(&format!("{lang}-overrides.txt"))
    }
}

/// A slug is plain ASCII: lowercase letters, digits and single hyphens between them.
pub fn check_slug(slug: &str) -> std::result::Result<(), &'static str> {
    let ok = !slug.is_empty()
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--");
    if ok {
        Ok(())
    } else {
        Err("is not a slug: use lowercase ASCII letters, digits and single hyphens (e.g. some-proposal)")
    }
}

/// Index of a language edition in [`Site::languages`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LangId(pub usize);

/// Index of a pillar in [`Site::pillars`]; serialised as the bare index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct PillarId(pub usize);

/// Index of a proposal in [`Site::proposals`] (document order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ProposalId(pub usize);

impl Site {
    pub fn language(&self, id: LangId) -> &Language {
        &self.languages[id.0]
    }
    pub fn pillar(&self, id: PillarId) -> &Pillar {
        &self.pillars[id.0]
    }
    pub fn proposal(&self, id: ProposalId) -> &Proposal {
        &self.proposals[id.0]
    }
    pub fn language_ids(&self) -> impl Iterator<Item = LangId> {
        (0..self.languages.len()).map(LangId)
    }
    pub fn pillar_ids(&self) -> impl Iterator<Item = PillarId> {
        (0..self.pillars.len()).map(PillarId)
    }
    pub fn proposal_ids(&self) -> impl Iterator<Item = ProposalId> {
        (0..self.proposals.len()).map(ProposalId)
    }
    pub fn page(&self, id: PageId) -> &SitePage {
        &self.site_wide.pages[id.0]
    }
    pub fn page_ids(&self) -> impl Iterator<Item = PageId> {
        (0..self.site_wide.pages.len()).map(PageId)
    }
    /// The proposals of pillar `pillar`, in document order.
    pub fn proposals_of(&self, pillar: PillarId) -> impl Iterator<Item = (ProposalId, &Proposal)> {
        self.proposals.iter().enumerate().filter(move |(_, q)| q.pillar == pillar).map(|(i, q)| (ProposalId(i), q))
    }
}

/// The address of a numbered paragraph or a heading of a proposal, the same in every
/// language: `p6-3` is paragraph 3 of proposal 6 (shown as "6.3"), `h6-1` its first
/// heading. Derived from the document's structure, never from its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Anchor {
    pub kind: AnchorKind,
    /// The proposal's number.
    pub proposal: u32,
    /// The paragraph's (or heading's) place among the proposal's, from 1.
    pub index: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AnchorKind {
    Paragraph,
    Heading,
    /// A footnote (`fn-6-1`: the first note of proposal 6, in the order of reference).
    Note,
}

impl Anchor {
    pub fn paragraph(proposal: u32, index: u32) -> Anchor {
        Anchor { kind: AnchorKind::Paragraph, proposal, index }
    }
    pub fn heading(proposal: u32, index: u32) -> Anchor {
        Anchor { kind: AnchorKind::Heading, proposal, index }
    }
    pub fn note(proposal: u32, index: u32) -> Anchor {
        Anchor { kind: AnchorKind::Note, proposal, index }
    }
    /// The id of a note's `nth` reference (from 1): `fnref-6-1`, then `fnref-6-1-2`.
    pub fn note_reference(&self, nth: usize) -> String {
        match nth {
            0 | 1 => format!("fnref-{}-{}", self.proposal, self.index),
            n => format!("fnref-{}-{}-{n}", self.proposal, self.index),
        }
    }
    /// The number a reader sees: `6.3`.
    pub fn number(&self) -> String {
        format!("{}.{}", self.proposal, self.index)
    }
}

impl std::fmt::Display for Anchor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let letter = match self.kind {
            AnchorKind::Paragraph => "p",
            AnchorKind::Heading => "h",
            AnchorKind::Note => "fn-",
        };
        write!(f, "{letter}{}-{}", self.proposal, self.index)
    }
}

impl std::str::FromStr for Anchor {
    type Err = ();
    /// `p6-3`, `h6-1` or `fn-6-1`: a prefix, then two numbers joined by a hyphen.
    fn from_str(id: &str) -> Result<Anchor, ()> {
        let (kind, rest) = if let Some(rest) = id.strip_prefix("fn-") {
            (AnchorKind::Note, rest)
        } else if let Some(rest) = id.strip_prefix('p') {
            (AnchorKind::Paragraph, rest)
        } else if let Some(rest) = id.strip_prefix('h') {
            (AnchorKind::Heading, rest)
        } else {
            return Err(());
        };
        let (n, k) = rest.split_once('-').ok_or(())?;
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(n) && digits(k)) {
            return Err(());
        }
        Ok(Anchor { kind, proposal: n.parse().map_err(|_| ())?, index: k.parse().map_err(|_| ())? })
    }
}

/// The URL layout: where each page of a language edition lives, as a folder from the
/// site root ending in `/` (each page is its folder's `index.html`). Identical in every
/// language apart from the prefix, the Hong Kong government convention.
pub mod layout {
    /// `tc/`: the edition's home.
    pub fn home(prefix: &str) -> String {
        format!("{prefix}/")
    }
    /// `tc/full/`: the whole document on one page.
    pub fn full(prefix: &str) -> String {
        format!("{prefix}/full/")
    }
    /// `tc/search/`.
    pub fn search(prefix: &str) -> String {
        format!("{prefix}/search/")
    }
    /// `tc/pillars/SLUG/`.
    pub fn pillar(prefix: &str, slug: &str) -> String {
        format!("{prefix}/pillars/{slug}/")
    }
    /// `tc/proposals/SLUG/`.
    pub fn proposal(prefix: &str, slug: &str) -> String {
        format!("{prefix}/proposals/{slug}/")
    }
    /// `tc/proposals/OLD/`: a proposal's former address (an alias), the same folder as a
    /// proposal page's.
    pub fn alias(prefix: &str, former_slug: &str) -> String {
        proposal(prefix, former_slug)
    }
    /// `tc/about/`: a page of the site's own (`content/pages/about.zh-Hant.md`), from the
    /// site's root in either layout (site-wide: not under an edition's folder).
    pub fn page(prefix: &str, slug: &str) -> String {
        format!("{prefix}/{slug}/")
    }
    /// The names a site page's slug cannot have: the folders of an edition's own pages
    /// beside it (`tc/full/`…), and numbers (short links, `tc/6/`).
    pub fn reserved_page_slug(slug: &str) -> bool {
        ["full", "search", "pillars", "proposals"].contains(&slug) || slug.bytes().all(|b| b.is_ascii_digit())
    }
    /// `tc/6/`: a proposal's short link.
    pub fn short(prefix: &str, number: u32) -> String {
        format!("{prefix}/{number}/")
    }
    /// The relative path from a page folder back to the site root (`../../../`).
    pub fn root_of(dir: &str) -> String {
        "../".repeat(dir.matches('/').count())
    }
    /// The link from page folder `from` to page folder `to` (both from the site root):
    /// up to their common folder, then down (`tc/search/` → `tc/proposals/x/` is
    /// `../proposals/x/`).
    pub fn relative(from: &str, to: &str) -> String {
        let (a, b): (Vec<&str>, Vec<&str>) = (from.split_terminator('/').collect(), to.split_terminator('/').collect());
        let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        let mut link = "../".repeat(a.len() - common);
        for part in &b[common..] {
            link.push_str(part);
            link.push('/');
        }
        link
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_written_and_read_the_same_way() {
        let a = Anchor::paragraph(6, 3);
        assert_eq!((a.to_string(), a.number()), ("p6-3".to_string(), "6.3".to_string()));
        assert_eq!("p6-3".parse::<Anchor>(), Ok(a));
        assert_eq!("h12-1".parse::<Anchor>(), Ok(Anchor::heading(12, 1)));
        assert_eq!("fn-6-2".parse::<Anchor>(), Ok(Anchor::note(6, 2)));
        assert_eq!(Anchor::note(6, 2).to_string(), "fn-6-2");
        assert_eq!(Anchor::note(6, 2).note_reference(1), "fnref-6-2");
        assert_eq!(Anchor::note(6, 2).note_reference(2), "fnref-6-2-2");
        for bad in ["", "p", "p6", "p-3", "p6-", "x6-3", "p6-3a", "p 6-3", "main"] {
            assert!(bad.parse::<Anchor>().is_err(), "{bad}");
        }
    }

    #[test]
    fn page_folders_link_to_each_other_relatively() {
        assert_eq!(layout::relative(&layout::search("tc"), &layout::proposal("tc", "x")), "../proposals/x/");
        assert_eq!(layout::relative(&layout::proposal("en", "a"), &layout::home("tc")), "../../../tc/");
        assert_eq!(layout::root_of(&layout::pillar("en", "p")), "../../../");
        assert_eq!(layout::relative("", &layout::home("sc")), "sc/");
    }
}
