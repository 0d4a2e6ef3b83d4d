//! Render stage, part two: every page of the site through the theme's Tera templates.
//! This module lays out the URLs and renders the pages outside the language editions
//! (landing page, short links); [`page`] builds the edition pages.
//!
//! URLs follow the Hong Kong government convention: `/{prefix}/` per language, then
//! `pillars/{slug}/` and `proposals/{slug}/`, each an `index.html`, identical in every
//! language apart from the prefix. Links are written relative to the page, so the output
//! works at a domain's root or under any subpath.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::error::Result;
use crate::model::{Language, Proposal, Site};
use crate::theme::{template_error, Strings, Theme};

mod page;

/// One output file: its path under the output folder and its contents.
#[derive(Debug, Clone)]
pub struct Page {
    pub path: String,
    pub html: String,
    /// A proposal page standing in for a missing translation (it has no paragraphs).
    pub untranslated: bool,
}

/// What a page is, and so which template renders it.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Home,
    /// The whole document on one page.
    Full,
    /// The edition's search page.
    Search,
    Pillar(usize),
    Proposal(usize),
}

impl Kind {
    fn template(self) -> &'static str {
        match self {
            Kind::Home => "home",
            Kind::Full => "full",
            Kind::Search => "search",
            Kind::Pillar(_) => "pillar",
            Kind::Proposal(_) => "proposal",
        }
    }
}

/// The folder of a page, from the site root, ending in `/` (empty for the landing page).
fn page_dir(lang: &Language, site: &Site, kind: Kind) -> String {
    match kind {
        Kind::Home => format!("{}/", lang.prefix),
        Kind::Full => format!("{}/full/", lang.prefix),
        Kind::Search => format!("{}/search/", lang.prefix),
        Kind::Pillar(i) => format!("{}/pillars/{}/", lang.prefix, site.pillars[i].slug),
        Kind::Proposal(i) => format!("{}/proposals/{}/", lang.prefix, site.proposals[i].slug),
    }
}

/// For every page of the editions (home, full text, pillars, proposals), its folder in
/// each language, in the order of `site.languages`: the alternates of the sitemap.
pub fn edition_dirs(site: &Site) -> Vec<Vec<String>> {
    let kinds = [Kind::Home, Kind::Full]
        .into_iter()
        .chain((0..site.pillars.len()).map(Kind::Pillar))
        .chain((0..site.proposals.len()).map(Kind::Proposal));
    kinds.map(|kind| site.languages.iter().map(|l| page_dir(l, site, kind)).collect()).collect()
}

/// The relative path from a page folder back to the site root (`../../../`).
fn root_of(dir: &str) -> String {
    "../".repeat(dir.matches('/').count())
}

#[derive(Serialize)]
struct LangCtx<'a> {
    code: &'a str,
    prefix: &'a str,
    html_lang: &'a str,
    name: &'a str,
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
            image: site.base_url.as_ref().zip(site.share_image.as_ref()).map(|(b, (_, output))| b.join(output)),
        }
    }
}

fn lang_ctx(l: &Language) -> LangCtx<'_> {
    LangCtx { code: &l.code, prefix: &l.prefix, html_lang: &l.html_lang, name: &l.name }
}

/// Renders every page of every language, and the landing page, in a stable order.
/// `search_indexes` gives each language's search index file (path in the output).
pub fn render_site(site: &Site, theme: &Theme, search_indexes: &BTreeMap<String, String>) -> Result<Vec<Page>> {
    let mut jobs: Vec<(&Language, Kind)> = Vec::new();
    for lang in &site.languages {
        jobs.push((lang, Kind::Home));
        jobs.push((lang, Kind::Full));
        jobs.push((lang, Kind::Search));
        jobs.extend((0..site.pillars.len()).map(|i| (lang, Kind::Pillar(i))));
        jobs.extend((0..site.proposals.len()).map(|i| (lang, Kind::Proposal(i))));
    }
    let slugs: BTreeMap<&str, usize> = site.proposals.iter().enumerate().map(|(i, p)| (p.slug.as_str(), i)).collect();
    let mut pages: Vec<Page> = jobs
        .par_iter()
        .map(|&(lang, kind)| page::render(site, theme, &slugs, search_indexes, lang, kind))
        .collect::<Result<Vec<_>>>()?;
    let shorts: Vec<Page> = site
        .languages
        .par_iter()
        .flat_map(|lang| (0..site.proposals.len()).into_par_iter().map(move |i| render_short_link(site, theme, lang, i)))
        .collect::<Result<Vec<_>>>()?;
    pages.extend(shorts);
    pages.push(render_landing(site, theme, false)?);
    pages.push(render_landing(site, theme, true)?);
    Ok(pages)
}

/// The folder of a proposal's short link: `en/6/`.
fn short_dir(lang: &Language, proposal: &Proposal) -> String {
    format!("{}/{}/", lang.prefix, proposal.number)
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
    t: &'a Strings,
}

/// `/{prefix}/{n}/`: a tiny page that sends the reader on to proposal n, on any static host.
fn render_short_link(site: &Site, theme: &Theme, lang: &Language, i: usize) -> Result<Page> {
    let q = &site.proposals[i];
    let dir = short_dir(lang, q);
    let root = root_of(&dir);
    let ctx = RedirectCtx {
        kind: "redirect",
        lang: lang_ctx(lang),
        title: format!("{}. {}", q.number, site.proposal_title(q, &lang.code)),
        target: format!("{root}{}", page_dir(lang, site, Kind::Proposal(i))),
        canonical: site.base_url.as_ref().map(|b| b.join(&page_dir(lang, site, Kind::Proposal(i)))),
        root,
        t: &theme.strings[&lang.code],
    };
    Ok(Page { path: format!("{dir}index.html"), html: render_template(theme, "redirect.html", &ctx)?, untranslated: false })
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

#[derive(Serialize)]
struct AlternateLink {
    html_lang: String,
    url: Option<String>,
}

#[derive(Serialize)]
struct LandingCtx<'a> {
    kind: &'static str,
    /// Path from this page to the site root: empty for the landing page, the base path
    /// (`/budget/2024-25/`) for the 404 page, which hosts serve at any depth.
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
    og: OpenGraph,
    t: &'a Strings,
}

/// The root `index.html` (the document's title in every language, linking to each
/// edition), and `404.html` (the same editions, for a reader who followed a bad link).
fn render_landing(site: &Site, theme: &Theme, not_found: bool) -> Result<Page> {
    let first = &site.languages[0];
    let root = match (not_found, &site.base_url) {
        (false, _) => String::new(),
        (true, Some(base)) => base.path.clone(),
        (true, None) => "/".into(),
    };
    let editions: Vec<Edition> = site
        .languages
        .iter()
        .map(|l| Edition {
            lang: lang_ctx(l),
            href: format!("{root}{}/", l.prefix),
            url: site.base_url.as_ref().map(|b| b.join(&format!("{}/", l.prefix))),
            site_title: &site.title[&l.code],
            publisher: &site.publisher[&l.code],
            date: &site.date[&l.code],
            t: &theme.strings[&l.code],
        })
        .collect();
    let titles: Vec<&str> = site.languages.iter().map(|l| site.title[&l.code].as_str()).collect();
    let canonical = if not_found { None } else { site.base_url.as_ref().map(|b| b.url.clone()) };
    let ctx = LandingCtx {
        kind: if not_found { "not_found" } else { "landing" },
        lang: lang_ctx(first),
        title: titles.join(" | "),
        site_title: titles.join(" | "),
        alternates: editions.iter().map(|e| AlternateLink { html_lang: e.lang.html_lang.to_string(), url: e.url.clone() }).collect(),
        x_default: canonical.clone(),
        description: site.languages.iter().map(|l| format!("{} {}", site.publisher[&l.code], site.title[&l.code])).collect::<Vec<_>>().join(" | "),
        canonical,
        root,
        editions,
        og: OpenGraph::new(site, first, "website"),
        t: &theme.strings[&first.code],
    };
    let path = if not_found { "404.html" } else { "index.html" };
    Ok(Page { path: path.into(), html: render_template(theme, "landing.html", &ctx)?, untranslated: false })
}

fn render_template(theme: &Theme, name: &str, ctx: &impl Serialize) -> Result<String> {
    let file = theme.dir.join("templates").join(name);
    let context = tera::Context::from_serialize(ctx).map_err(|e| template_error(&file, &e))?;
    theme.tera.render(name, &context).map_err(|e| template_error(&file, &e))
}
