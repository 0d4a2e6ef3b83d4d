//! Render stage, part two: every page of the site through the theme's Tera templates.
//! This module lays out the URLs and renders the pages outside the language editions
//! (landing page, short links, a renamed proposal's former addresses); [`page`] builds
//! the edition pages.
//!
//! URLs follow the Hong Kong government convention: `/{prefix}/` per language, then
//! `pillars/{slug}/` and `proposals/{slug}/`, each an `index.html`, identical in every
//! language apart from the prefix. Links are written relative to the page, so the output
//! works at a domain's root or under any subpath.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::domain::{layout, Document, IsoDate, LangId, Language, PageId, PillarId, Proposal, ProposalId, Site};
use crate::error::Result;
use crate::load::theme::{template_error, Strings, Theme};
use crate::model;
use crate::text::convert::Converter;
use crate::text::{markdown, render};

mod page;

/// One rendered page: its path under the output folder and its HTML, with [`placeholder`]s
/// for the proposal bodies it shows.
#[derive(Debug, Clone)]
pub struct Page {
    pub path: String,
    pub html: Vec<u8>,
}

/// What a page is, and so which template renders it.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Home,
    /// The whole document on one page.
    Full,
    /// The edition's search page.
    Search,
    Pillar(PillarId),
    Proposal(ProposalId),
    /// A page of the site's own (`content/pages/`), site-wide.
    Page(PageId),
}

impl Kind {
    /// The pillar a page belongs to: its own, or its proposal's.
    fn pillar(self, site: &Site) -> Option<PillarId> {
        match self {
            Kind::Pillar(i) => Some(i),
            Kind::Proposal(i) => Some(site.proposal(i).pillar),
            Kind::Home | Kind::Full | Kind::Search | Kind::Page(_) => None,
        }
    }

    fn template(self) -> &'static str {
        match self {
            Kind::Home => "home",
            Kind::Full => "full",
            Kind::Search => "search",
            Kind::Pillar(_) => "pillar",
            Kind::Proposal(_) => "proposal",
            Kind::Page(_) => "page",
        }
    }
}

/// The folder of a page, from the site root, ending in `/` (empty for the landing page).
fn page_dir(lang: &Language, site: &Site, kind: Kind) -> String {
    if let Kind::Page(i) = kind {
        // Site-wide, in either layout: at the root, never under an edition's folder.
        return layout::page(&lang.prefix, &site.page(i).slug);
    }
    let path = site.submission.path();
    path + &match kind {
        Kind::Home => layout::home(&lang.prefix),
        Kind::Full => layout::full(&lang.prefix),
        Kind::Search => layout::search(&lang.prefix),
        Kind::Pillar(i) => layout::pillar(&lang.prefix, &site.pillar(i).slug),
        Kind::Proposal(i) => layout::proposal(&lang.prefix, &site.proposal(i).slug),
        Kind::Page(_) => unreachable!("returned above"),
    }
}

/// For every page of the site's own, its folder in each language, in the order of
/// `site.languages`: their alternates in the sitemap (once for the whole site).
pub fn site_page_dirs(site: &Site) -> Vec<Vec<String>> {
    site.page_ids().map(|i| site.languages.iter().map(|l| page_dir(l, site, Kind::Page(i))).collect()).collect()
}

/// The pages of the site's own in every language: made once for the whole site (with the
/// one submission's pages, or after a site of editions' editions).
pub fn site_page_jobs(site: &Site) -> Vec<Job> {
    site.language_ids().flat_map(|lang| site.page_ids().map(move |i| Job::Edition(lang, Kind::Page(i)))).collect()
}

/// A link of the footer to a page of the site's own.
#[derive(Serialize)]
struct FooterLink {
    slug: String,
    title: String,
    /// Its folder from the site's root (the template puts the page's `root` before it).
    path: String,
}

/// The footer in one language: the site's pages, the copyright line and the date the site
/// was last revised, all from the content ([`crate::domain::SiteWide`]), never the clock.
#[derive(Serialize)]
struct Footer {
    html_lang: String,
    /// The name of the footer's list of pages.
    label: String,
    pages: Vec<FooterLink>,
    copyright: Option<String>,
    revised_label: String,
    /// The date as a reader of the language writes it, and as ISO 8601 (`<time datetime>`).
    revised: Option<String>,
    revised_iso: Option<String>,
}

fn footer(site: &Site, lang: &Language, t: &Strings) -> Footer {
    let code = lang.code.as_str();
    let get = |key: &str| t.get(key).cloned().unwrap_or_default();
    let wide = &site.site_wide;
    Footer {
        html_lang: lang.html_lang.clone(),
        label: get("site_pages"),
        pages: site
            .page_ids()
            .map(|i| FooterLink { slug: site.page(i).slug.clone(), title: site.page(i).texts[code].title.clone(), path: page_dir(lang, site, Kind::Page(i)) })
            .collect(),
        copyright: wide.copyright.map(|year| get("copyright").replace("{year}", &year.to_string()).replace("{publisher}", &site.publisher[code])),
        revised_label: get("last_revised"),
        revised: wide.revised.map(|date| written_date(date, t)),
        revised_iso: wide.revised.map(|date| date.to_string()),
    }
}

/// `date` as the theme's `date_format` writes it (`{y}`, `{m}`, `{d}`, and `{month}`: the
/// month's name from the space-separated `months`); ISO 8601 without a format.
fn written_date(date: IsoDate, t: &Strings) -> String {
    let Some(format) = t.get("date_format") else { return date.to_string() };
    let months: Vec<&str> = t.get("months").map_or(Vec::new(), |m| m.split_whitespace().collect());
    let month = months.get(date.month as usize - 1).map_or_else(|| date.month.to_string(), |m| m.to_string());
    format.replace("{y}", &date.year.to_string()).replace("{m}", &date.month.to_string()).replace("{d}", &date.day.to_string()).replace("{month}", &month)
}

/// For every page of the editions (home, full text, pillars, proposals), its folder in
/// each language, in the order of `site.languages`: the alternates of the sitemap.
pub fn edition_dirs(site: &Site) -> Vec<Vec<String>> {
    let kinds = [Kind::Home, Kind::Full].into_iter().chain(site.pillar_ids().map(Kind::Pillar)).chain(site.proposal_ids().map(Kind::Proposal));
    kinds.map(|kind| site.languages.iter().map(|l| page_dir(l, site, kind)).collect()).collect()
}

use layout::root_of;

#[derive(Serialize)]
struct LangCtx<'a> {
    code: &'a str,
    prefix: &'a str,
    html_lang: &'a str,
    name: &'a str,
    /// What a narrow screen's language switcher shows: the name's first character for a
    /// CJK name (`繁`), else the language subtag (`EN`).
    short: String,
}

/// Open Graph details shared by a language's pages.
#[derive(Serialize)]
struct OpenGraph {
    #[serde(rename = "type")]
    kind: &'static str,
    locale: String,
    locale_alternates: Vec<String>,
    /// Absolute URL of the share image (needs the base URL).
    image: Option<String>,
}

impl OpenGraph {
    fn new(site: &Site, lang: &Language, kind: &'static str) -> OpenGraph {
        OpenGraph {
            kind,
            locale: lang.og_locale.clone(),
            locale_alternates: site.languages.iter().filter(|l| l.code != lang.code).map(|l| l.og_locale.clone()).collect(),
            image: site.base_url.as_ref().zip(site.share_image.as_ref()).map(|(b, (output, _))| b.join(output)),
        }
    }
}

/// The publisher's identity as a page shows it, in one language, links relative to the page.
#[derive(Serialize)]
struct IdentityCtx<'a> {
    publisher: &'a str,
    publisher_url: Option<&'a str>,
    /// Without it, the theme sets `publisher` as a wordmark.
    logo: Option<LogoCtx<'a>>,
    /// The stylesheet and favicon the publisher's colour makes, and the colour itself.
    stylesheet: Option<String>,
    favicon: Option<String>,
    theme_color: Option<&'a str>,
}

#[derive(Serialize)]
struct LogoCtx<'a> {
    src: String,
    width: u32,
    height: u32,
    alt: &'a str,
}

/// The paths of the files the publisher's colour makes: (stylesheet, favicon).
fn identity_paths(site: &Site) -> Option<(String, String)> {
    crate::output::identity::files(&site.identity).map(|(css, icon)| (css.path, icon.path))
}

/// `site`'s identity in language `code` on a page whose root is `root`.
fn identity_ctx<'a>(site: &'a Site, code: &str, root: &str, paths: Option<&(String, String)>) -> IdentityCtx<'a> {
    let identity = &site.identity;
    IdentityCtx {
        publisher: site.publisher.get(code).map_or("", String::as_str),
        publisher_url: identity.publisher_url.as_deref(),
        logo: identity.logo.as_ref().map(|logo| LogoCtx {
            src: format!("{root}{}", logo.output),
            width: logo.width,
            height: logo.height,
            alt: logo.alt.get(code).map_or("", String::as_str),
        }),
        stylesheet: paths.map(|(css, _)| format!("{root}{css}")),
        favicon: paths.map(|(_, icon)| format!("{root}{icon}")),
        theme_color: identity.colours.as_ref().map(|c| c.light.as_str()),
    }
}

fn lang_ctx(l: &Language) -> LangCtx<'_> {
    LangCtx { code: &l.code, prefix: &l.prefix, html_lang: &l.html_lang, name: &l.name, short: short_name(l) }
}

/// The language `l` in one or two characters: `繁`, `简`, `EN`.
fn short_name(l: &Language) -> String {
    match l.name.chars().next() {
        Some(c) if markdown::is_cjk_language(&l.code) && !c.is_ascii() => c.to_string(),
        _ => l.html_lang.split('-').next().unwrap_or(&l.code).to_uppercase(),
    }
}

/// The pages standing in for (part of) a missing translation: proposal pages without a
/// text in their language, and the full text of such a language. They have fewer anchors
/// than their twins; the build already warns about each missing file.
pub fn untranslated(site: &Site) -> BTreeSet<String> {
    let mut pages = BTreeSet::new();
    for lang in &site.languages {
        for i in site.proposal_ids().filter(|&i| !site.proposal(i).texts.contains_key(&lang.code)) {
            pages.insert(format!("{}index.html", page_dir(lang, site, Kind::Proposal(i))));
            pages.insert(format!("{}index.html", page_dir(lang, site, Kind::Full)));
        }
    }
    pages
}

/// One page to make.
#[derive(Debug, Clone, Copy)]
pub enum Job {
    /// A page of a language edition.
    Edition(LangId, Kind),
    /// A proposal's short link in a language.
    Short(LangId, ProposalId),
    /// A proposal's former address in a language: its `n`th alias.
    Alias(LangId, ProposalId, usize),
    /// The root `index.html`.
    Landing,
    /// `404.html`.
    NotFound,
}

/// Every page of the site, in a stable order: each edition (home, full text, search,
/// pillars, proposals), the short links, the former addresses (aliases), the landing and
/// 404 pages.
pub fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs = Vec::new();
    for lang in site.language_ids() {
        jobs.extend([Kind::Home, Kind::Full, Kind::Search].map(|k| Job::Edition(lang, k)));
        jobs.extend(site.pillar_ids().map(|i| Job::Edition(lang, Kind::Pillar(i))));
        jobs.extend(site.proposal_ids().map(|i| Job::Edition(lang, Kind::Proposal(i))));
    }
    for lang in site.language_ids() {
        jobs.extend(site.proposal_ids().map(|i| Job::Short(lang, i)));
    }
    for lang in site.language_ids() {
        for i in site.proposal_ids() {
            jobs.extend((0..site.proposal(i).aliases.len()).map(|n| Job::Alias(lang, i, n)));
        }
    }
    // A site of editions has its pages at its root, made with the archive.
    if !site.submission.is_edition() {
        jobs.extend(site_page_jobs(site));
    }
    jobs.push(Job::Landing);
    // A site of editions has one 404 page, at its root, made with the archive.
    if !site.submission.is_edition() {
        jobs.push(Job::NotFound);
    }
    jobs
}

/// What every page is rendered from.
pub struct Inputs<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    /// The converter of each generated language, by language code.
    converters: &'a BTreeMap<String, Converter>,
    /// Each language's search index file (path in the output), by language code: filled
    /// in once the indexes are written, before the search pages are rendered.
    pub search_indexes: BTreeMap<String, String>,
    /// Every edition of the site (for links into another one): set by the caller.
    pub editions: Vec<&'a Site>,
    /// Each proposal by its slug and by each of its former slugs.
    /// Each language's PDF (path in the output, size in bytes), by language code: filled in
    /// once the PDFs are made, before the pages that link to them are rendered.
    pub pdfs: BTreeMap<String, (String, usize)>,
    slugs: BTreeMap<&'a str, ProposalId>,
    /// For each language, the part of every page's context that is the same on all its
    /// pages (the UI strings `t`), made once: serialising it again for each of 60 000
    /// pages was a tenth of the build.
    shared: Vec<tera::Context>,
    /// For each language and pillar, the navigation (`pillars`) of its proposal pages.
    proposal_nav: Vec<Vec<Option<tera::Context>>>,
    /// The files the publisher's colour makes: (stylesheet, favicon).
    identity_paths: Option<(String, String)>,
}

impl<'a> Inputs<'a> {
    pub fn new(site: &'a Site, theme: &'a Theme, converters: &'a BTreeMap<String, Converter>) -> Inputs<'a> {
        let mut slugs: BTreeMap<&str, ProposalId> = BTreeMap::new();
        for i in site.proposal_ids() {
            slugs.extend(site.proposal(i).aliases.iter().map(|a| (a.as_str(), i)));
        }
        slugs.extend(site.proposal_ids().map(|i| (site.proposal(i).slug.as_str(), i)));
        let shared = site
            .languages
            .iter()
            .map(|l| {
                let mut context = tera::Context::new();
                context.insert("t", &theme.strings[&l.code]);
                context.insert("footer", &footer(site, l, &theme.strings[&l.code]));
                context
            })
            .collect();
        let proposal_nav = site
            .languages
            .iter()
            .map(|lang| {
                let root = root_of(&page_dir(lang, site, Kind::Proposal(ProposalId(0))));
                site.pillar_ids()
                    .map(|pi| {
                        let (first, _) = site.proposals_of(pi).next()?;
                        let mut context = tera::Context::new();
                        context.insert("pillars", &page::pillar_items(site, lang, &root, Kind::Proposal(first)));
                        Some(context)
                    })
                    .collect()
            })
            .collect();
        Inputs {
            site,
            theme,
            converters,
            search_indexes: BTreeMap::new(),
            editions: Vec::new(),
            slugs,
            shared,
            proposal_nav,
            identity_paths: identity_paths(site),
            pdfs: BTreeMap::new(),
        }
    }

    /// Proposal `q`'s Markdown body in language `lang` (an index into `site.languages`),
    /// read now; `None` without a text in that language.
    pub fn markdown(&self, lang: LangId, q: ProposalId) -> Result<Option<String>> {
        let language = self.site.language(lang);
        self.site.proposal(q).texts.get(&language.code).map(|text| text.body.read()).transpose()
    }

    /// A body in language `lang`, parsed from its `markdown` (and, for a generated
    /// language, converted).
    pub fn document<'m>(&self, lang: LangId, markdown: &'m str) -> Document<'m> {
        let language = self.site.language(lang);
        match &language.generated_from {
            Some((from, _)) => self.converters[&language.code].document(&markdown::parse(markdown, from)),
            None => markdown::parse(markdown, &language.code),
        }
    }

    /// Renders proposal `q`'s body `doc` in language `lang` (not yet compacted), for its
    /// own page or, with `full`, for the full text.
    pub fn body_html(&self, lang: LangId, q: ProposalId, doc: &Document, full: bool) -> Vec<u8> {
        let (language, proposal) = (self.site.language(lang), self.site.proposal(q));
        let root = root_of(&page_dir(language, self.site, if full { Kind::Full } else { Kind::Proposal(q) }));
        let link_to = |target: &str| internal_href(self, language, &root, target);
        let text = proposal.texts.get(&language.code);
        let image = |dest: &str| {
            let image = &self.site.images[*text?.images.get(dest)?];
            Some(render::Img { src: format!("{root}{}", image.output), width: image.width, height: image.height })
        };
        let cx = render::Context {
            proposal: Some(proposal.number),
            labels: labels(&self.theme.strings[&language.code]),
            link_to: &link_to,
            image: &image,
            // The title and a paragraph or two fill a phone's first screen.
            eager_blocks: if full { 0 } else { 2 },
            heading_offset: if full { 2 } else { 0 },
        };
        render::to_html(doc, &cx).into_bytes()
    }

    /// Whether proposal `q`'s body in language `lang` reads the same on its own page and in
    /// the full text: the pages are at different depths, so only when it has no internal
    /// links, no images (which load lazily in the full text) and no headings (two levels
    /// lower there).
    pub fn same_body_in_full_text(&self, lang: LangId, q: ProposalId) -> bool {
        let (language, proposal) = (self.site.language(lang), self.site.proposal(q));
        let own = root_of(&page_dir(language, self.site, Kind::Proposal(q)));
        proposal
            .texts
            .get(&language.code)
            .is_none_or(|t| t.survey.images.is_empty() && !t.survey.outline.iter().any(|b| matches!(b, crate::domain::Block::Heading(_))))
            && (own == root_of(&page_dir(language, self.site, Kind::Full))
                || proposal.texts.get(&language.code).is_none_or(|t| t.survey.internal_links.is_empty()))
    }

    /// Proposal `q`'s table of contents and description in language `lang`, from its
    /// `paragraphs` ([`Document::paragraph_texts`]).
    pub fn summarise(&self, lang: LangId, q: ProposalId, paragraphs: &[String]) -> Summary {
        page::summarise(self.site.proposal(q), self.site.language(lang), paragraphs)
    }
}

pub use page::Summary;

/// The words a body's HTML needs, from a language's UI strings (English for any missing).
pub fn labels(t: &Strings) -> render::Labels<'_> {
    let english = render::Labels::ENGLISH;
    let get = |key: &str, default: &'static str| t.get(key).map_or(default, String::as_str);
    render::Labels {
        paragraph: get("paragraph", english.paragraph),
        table: get("table", english.table),
        note: get("note", english.note),
        back: get("note_back", english.back),
        notes: get("notes", english.notes),
    }
}

/// Renders one page. Proposal bodies are left as [`placeholder`]s, for the caller to
/// splice in once rendered. A proposal page with a text in its language needs that text's
/// `summary`.
pub fn render(inputs: &Inputs, job: Job, summary: Option<&Summary>) -> Result<Page> {
    let site = inputs.site;
    match job {
        Job::Edition(lang, kind) => page::render(inputs, lang, kind, summary),
        Job::Short(l, i) => {
            let lang = site.language(l);
            render_proposal_redirect(site, inputs.theme, &inputs.shared[l.0], lang, i, &short_dir(site, lang, site.proposal(i)))
        }
        Job::Alias(l, i, n) => {
            let lang = site.language(l);
            let dir = site.submission.path() + &layout::alias(&lang.prefix, &site.proposal(i).aliases[n]);
            render_proposal_redirect(site, inputs.theme, &inputs.shared[l.0], lang, i, &dir)
        }
        Job::Landing => render_landing(&[site], &site.title, inputs.theme, &site.submission.path(), None, "landing"),
        Job::NotFound => render_landing(&[site], &site.title, inputs.theme, "", None, "not_found"),
    }
}

/// The proposals in the order the full text shows them: pillar by pillar, each pillar's
/// in document order.
pub fn full_text_order(site: &Site) -> Vec<ProposalId> {
    site.pillar_ids().flat_map(|pi| site.proposals_of(pi).map(|(qi, _)| qi)).collect()
}

/// The element standing for the body of proposal `id` in a rendered page, until it is
/// spliced in.
pub fn placeholder(id: ProposalId) -> String {
    let id = id.0;
    format!("<{PLACEHOLDER}{id}></{PLACEHOLDER}{id}>")
}

const PLACEHOLDER: &str = "microsite-body-";

/// The pieces of `page` with each [`placeholder`] replaced by `body(id)`, in order (for
/// writing one after the other, without copying the page), and the ids spliced in.
pub fn splice<'b>(page: &'b [u8], body: impl Fn(ProposalId) -> Option<&'b [u8]>) -> (Vec<&'b [u8]>, Vec<ProposalId>) {
    let (mut pieces, mut spliced, mut start) = (Vec::new(), Vec::new(), 0);
    for (range, id) in holes(page) {
        if let Some(bytes) = body(id) {
            pieces.push(&page[start..range.start]);
            pieces.push(bytes);
            spliced.push(id);
            start = range.end;
        }
    }
    pieces.push(&page[start..]);
    (pieces, spliced)
}

/// Where the [`placeholder`]s of `page` are: for each, in order, its byte range and id.
pub fn holes(page: &[u8]) -> Vec<(std::ops::Range<usize>, ProposalId)> {
    let mut holes = Vec::new();
    let open = format!("<{PLACEHOLDER}");
    let mut from = 0;
    while let Some(found) = memchr::memmem::find(&page[from..], open.as_bytes()) {
        let at = from + found;
        let after = &page[at + open.len()..];
        let digits = after.iter().take_while(|b| b.is_ascii_digit()).count();
        let id: Option<ProposalId> = std::str::from_utf8(&after[..digits]).ok().and_then(|d| d.parse().ok()).map(ProposalId);
        match id.map(|id| (id, placeholder(id))).filter(|(_, p)| page[at..].starts_with(p.as_bytes())) {
            Some((id, element)) => {
                holes.push((at..at + element.len(), id));
                from = at + element.len();
            }
            None => from = at + open.len(),
        }
    }
    holes
}

/// `@/proposals/SLUG.md#p6-3` → `lang`'s page of that proposal, relative to `root`.
fn internal_href(inputs: &Inputs, lang: &Language, root: &str, target: &str) -> Option<String> {
    let target = model::internal_target(target)?;
    let fragment = if target.fragment.is_empty() { String::new() } else { format!("#{}", target.fragment) };
    let dir = match target.edition.filter(|e| *e != inputs.site.submission.name) {
        // Another edition's proposal (the model proved it exists, by its slug or a former
        // one), in the same language.
        Some(edition) => {
            let current = inputs.editions.iter().find(|s| s.submission.name == edition).and_then(|s| model::find_proposal(&s.proposals, target.slug));
            format!("{edition}/{}", layout::proposal(&lang.prefix, current.map_or(target.slug, |(p, _)| p.slug.as_str())))
        }
        None => page_dir(lang, inputs.site, Kind::Proposal(*inputs.slugs.get(target.slug)?)),
    };
    Some(format!("{root}{dir}{fragment}"))
}

/// `@/proposals/SLUG.md#p6-3` → the absolute address of `lang`'s page of that proposal,
/// when the site's address is known (for the PDF, read away from the site).
pub fn internal_url(inputs: &Inputs, lang: &Language, target: &str) -> Option<String> {
    let base = inputs.site.base_url.as_ref()?;
    internal_href(inputs, lang, "", target).map(|dir| base.join(&dir))
}

/// The folder of a proposal's short link: `en/6/` (`2030-31/en/6/` in an edition).
fn short_dir(site: &Site, lang: &Language, proposal: &Proposal) -> String {
    site.submission.path() + &layout::short(&lang.prefix, proposal.number)
}

#[derive(Serialize)]
struct RedirectCtx<'a> {
    kind: &'static str,
    lang: LangCtx<'a>,
    root: String,
    title: String,
    /// Where the short link leads, relative to it, and absolute when the base URL is known.
    target: String,
    canonical: Option<String>,
}

/// `dir/index.html`, a tiny page that sends the reader on to proposal `i`, on any static
/// host (its fragment kept by the theme's script): a short link (`/{prefix}/{n}/`) or a
/// former address (`/{prefix}/proposals/OLD/`).
fn render_proposal_redirect(site: &Site, theme: &Theme, shared: &tera::Context, lang: &Language, i: ProposalId, dir: &str) -> Result<Page> {
    let q = site.proposal(i);
    let root = root_of(dir);
    let ctx = RedirectCtx {
        kind: "redirect",
        lang: lang_ctx(lang),
        title: format!("{}. {}", q.number, site.proposal_title(q, &lang.code)),
        target: format!("{root}{}", page_dir(lang, site, Kind::Proposal(i))),
        canonical: site.base_url.as_ref().map(|b| b.join(&page_dir(lang, site, Kind::Proposal(i)))),
        root,
    };
    Ok(Page { path: format!("{dir}index.html"), html: render_template(theme, "redirect.html", &ctx, &[shared])? })
}

#[derive(Serialize)]
struct Edition<'a> {
    #[serde(flatten)]
    lang: LangCtx<'a>,
    href: String,
    url: Option<String>,
    site_title: &'a str,
    publisher: &'a str,
    date: &'a str,
    t: &'a Strings,
}

/// A link in another language.
#[derive(Serialize)]
struct Link {
    title: String,
    href: String,
    lang: String,
}

#[derive(Serialize)]
struct AlternateLink {
    html_lang: String,
    url: Option<String>,
}

#[derive(Serialize)]
struct LandingCtx<'a> {
    /// `landing` (an edition's, or a single submission's), `archive` (a site of editions'
    /// root, or one language's), `not_found`.
    kind: &'static str,
    /// On a language's archive page, the same page in the other languages.
    others: Vec<Link>,
    /// The title in each language shown, each in its own language (for the heading).
    headings: Vec<Link>,
    /// On an edition's landing page in a site of editions: the archive of every edition.
    archive_href: Option<String>,
    /// Path from this page to the site root: empty for the landing page, the base path
    /// (`/reports/annual/`) for the 404 page, which hosts serve at any depth.
    root: String,
    /// The first language: the page's own `<html lang>`.
    lang: LangCtx<'a>,
    title: String,
    /// The name link previews give the site: here, the titles in every language.
    site_title: String,
    description: String,
    canonical: Option<String>,
    /// The editions' home pages, as language alternates of the landing page, which is
    /// itself the `x-default`.
    alternates: Vec<AlternateLink>,
    x_default: Option<String>,
    editions: Vec<Edition<'a>>,
    /// The footer in each language shown.
    footers: Vec<Footer>,
    og: OpenGraph,
    identity: IdentityCtx<'a>,
    /// The publisher's name in each language shown, each once (the wordmark without a logo).
    publishers: Vec<Link>,
    t: &'a Strings,
}

/// A landing page of cards, one per edition and language, each linking to that
/// language's home of that edition: at `dir` (`index.html` there), for `sites` (newest
/// first) in every language or only in `only` (a language code), named `title`. An
/// edition's own landing (its languages), the archive of a site of editions (every
/// edition: at the root, and per language), and, with `not_found`, `404.html`.
pub fn render_landing(sites: &[&Site], title: &crate::domain::Localized, theme: &Theme, dir: &str, only: Option<&str>, kind: &'static str) -> Result<Page> {
    let not_found = kind == "not_found";
    let site = sites[0];
    let languages: Vec<&Language> = site.languages.iter().filter(|l| only.is_none_or(|code| l.code == code)).collect();
    let first = languages[0];
    let root = match (not_found, &site.base_url) {
        (false, _) => root_of(dir),
        (true, Some(base)) => base.path.clone(),
        (true, None) => "/".into(),
    };
    let mut editions: Vec<Edition> = Vec::new();
    for edition in sites {
        for l in &languages {
            let home = page_dir(l, edition, Kind::Home);
            editions.push(Edition {
                lang: lang_ctx(l),
                href: format!("{root}{home}"),
                url: edition.base_url.as_ref().map(|b| b.join(&home)),
                site_title: &edition.title[&l.code],
                publisher: &edition.publisher[&l.code],
                date: &edition.date[&l.code],
                t: &theme.strings[&l.code],
            });
        }
    }
    let titles: Vec<&str> = languages.iter().map(|l| title[&l.code].as_str()).collect();
    let canonical = if not_found { None } else { site.base_url.as_ref().map(|b| b.join(dir)) };
    // The same page in the other languages: an edition's landing and the root archive are
    // in all of them; a language's archive page has its twins in the others.
    let alternates = match only {
        None => site
            .languages
            .iter()
            .map(|l| AlternateLink { html_lang: l.html_lang.clone(), url: site.base_url.as_ref().map(|b| b.join(&page_dir(l, site, Kind::Home))) })
            .collect(),
        Some(_) => site
            .languages
            .iter()
            .map(|l| AlternateLink { html_lang: l.html_lang.clone(), url: site.base_url.as_ref().map(|b| b.join(&layout::home(&l.prefix))) })
            .collect(),
    };
    let x_default = if not_found { None } else { site.base_url.as_ref().map(|b| b.join(if only.is_some() { "" } else { dir })) };
    let identity = identity_ctx(site, &first.code, &root, identity_paths(site).as_ref());
    let ctx = LandingCtx {
        kind,
        lang: lang_ctx(first),
        archive_href: (kind == "landing" && site.submission.is_edition()).then(|| root.clone()),
        headings: languages.iter().map(|l| Link { title: title[&l.code].clone(), href: String::new(), lang: l.html_lang.clone() }).collect(),
        others: match only {
            // A language's archive page leads to the same page in the other languages.
            Some(code) => site
                .languages
                .iter()
                .filter(|l| l.code != code)
                .map(|l| Link { title: l.name.clone(), href: format!("{root}{}", layout::home(&l.prefix)), lang: l.html_lang.clone() })
                .collect(),
            None => Vec::new(),
        },
        title: titles.join(" | "),
        site_title: titles.join(" | "),
        alternates,
        x_default,
        description: languages.iter().map(|l| format!("{} {}", site.publisher[&l.code], title[&l.code])).collect::<Vec<_>>().join(" | "),
        canonical,
        root,
        editions,
        footers: languages.iter().map(|l| footer(site, l, &theme.strings[&l.code])).collect(),
        og: OpenGraph::new(site, first, "website"),
        identity,
        publishers: languages.iter().fold(Vec::new(), |mut names: Vec<Link>, l| {
            let name = &site.publisher[&l.code];
            if !names.iter().any(|n| &n.title == name) {
                names.push(Link { title: name.clone(), href: String::new(), lang: l.html_lang.clone() });
            }
            names
        }),
        t: &theme.strings[&first.code],
    };
    let path = if not_found { "404.html".to_string() } else { format!("{dir}index.html") };
    Ok(Page { path, html: render_template(theme, "landing.html", &ctx, &[])? })
}

/// The archive of a site of editions (`sites`, newest first; `title`: the site's name):
/// the root `index.html` (every edition in every language), `{prefix}/index.html` (every
/// edition in one language), `latest/` and `latest/{prefix}/` (stable addresses that lead
/// to the newest edition), and the site's one `404.html`.
pub fn archive_pages(sites: &[&Site], title: &crate::domain::Localized, theme: &Theme) -> Result<Vec<Page>> {
    let newest = sites[0];
    let mut pages = vec![render_landing(sites, title, theme, "", None, "archive")?, render_landing(sites, title, theme, "", None, "not_found")?];
    let names = |l: &Language| format!("{} | {}", newest.title[&l.code], title[&l.code]);
    pages.push(render_redirect(newest, theme, &newest.languages[0], "latest/", &newest.submission.path(), names(&newest.languages[0]))?);
    for l in &newest.languages {
        pages.push(render_landing(sites, title, theme, &layout::home(&l.prefix), Some(&l.code), "archive")?);
        let target = page_dir(l, newest, Kind::Home);
        pages.push(render_redirect(newest, theme, l, &format!("latest/{}", layout::home(&l.prefix)), &target, names(l))?);
    }
    Ok(pages)
}

/// `dir/index.html`: a tiny page that sends the reader on to `target` (a folder from the
/// site root), on any static host: the stable `latest/` addresses of a site of editions.
pub fn render_redirect(site: &Site, theme: &Theme, lang: &Language, dir: &str, target: &str, title: String) -> Result<Page> {
    let root = root_of(dir);
    let ctx = RedirectCtx {
        kind: "redirect",
        lang: lang_ctx(lang),
        title,
        target: format!("{root}{target}"),
        canonical: site.base_url.as_ref().map(|b| b.join(target)),
        root,
    };
    let mut shared = tera::Context::new();
    shared.insert("t", &theme.strings[&lang.code]);
    Ok(Page { path: format!("{dir}index.html"), html: render_template(theme, "redirect.html", &ctx, &[&shared])? })
}

/// Renders template `name` with `ctx`, plus the `shared` parts of the context made once.
fn render_template(theme: &Theme, name: &str, ctx: &impl Serialize, shared: &[&tera::Context]) -> Result<Vec<u8>> {
    let file = theme.dir.join("templates").join(name);
    let mut context = tera::Context::from_serialize(ctx).map_err(|e| template_error(&file, &e))?;
    for part in shared {
        context.extend((*part).clone());
    }
    // Rendered into a buffer of about a page's size, not a string grown step by step.
    let mut html = Vec::with_capacity(32 * 1024);
    theme.tera.render_to(name, &context, &mut html).map_err(|e| template_error(&file, &e))?;
    Ok(html)
}
