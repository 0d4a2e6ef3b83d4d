//! Render stage, part two: every page of the site through the theme's Tera templates.
//!
//! URLs follow the Hong Kong government convention: `/{prefix}/` per language, then
//! `pillars/{slug}/` and `proposals/{slug}/`, each an `index.html`, identical in every
//! language apart from the prefix. Links are written relative to the page, so the output
//! works at a domain's root or under any subpath.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::error::Result;
use crate::markdown::{self, Anchors};
use crate::model::{self, Language, Proposal, Site};
use crate::theme::{template_error, Strings, Theme};

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
    Pillar(usize),
    Proposal(usize),
}

/// The folder of a page, from the site root, ending in `/` (empty for the landing page).
fn page_dir(lang: &Language, site: &Site, kind: Kind) -> String {
    match kind {
        Kind::Home => format!("{}/", lang.prefix),
        Kind::Pillar(i) => format!("{}/pillars/{}/", lang.prefix, site.pillars[i].slug),
        Kind::Proposal(i) => format!("{}/proposals/{}/", lang.prefix, site.proposals[i].slug),
    }
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

#[derive(Serialize)]
struct Link {
    title: String,
    href: String,
}

#[derive(Serialize)]
struct Alternate<'a> {
    #[serde(flatten)]
    lang: LangCtx<'a>,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct ProposalItem {
    number: u32,
    title: String,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct PillarItem {
    number: u32,
    slug: String,
    title: String,
    href: String,
    current: bool,
    proposals: Vec<ProposalItem>,
}

/// The language edition a missing translation points to.
#[derive(Serialize)]
struct Fallback {
    name: String,
    html_lang: String,
    href: String,
}

#[derive(Serialize)]
struct ProposalCtx {
    number: u32,
    slug: String,
    /// The proposal's short link (`/en/6/`), relative to the page, and as shown.
    short_href: String,
    short_path: String,
    title: String,
    body_html: String,
    /// Set when this language has no text of the proposal: where to read it instead.
    fallback: Option<Fallback>,
}

#[derive(Serialize)]
struct PageCtx<'a> {
    kind: &'static str,
    lang: LangCtx<'a>,
    /// Relative path to the site root, for assets.
    root: String,
    /// The document title for `<title>`.
    title: String,
    home_href: String,
    alternates: Vec<Alternate<'a>>,
    breadcrumbs: Vec<Link>,
    site_title: &'a str,
    publisher: &'a str,
    date: &'a str,
    intro_html: String,
    pillars: Vec<PillarItem>,
    /// On a pillar or proposal page, its pillar (index into `pillars`).
    pillar: Option<usize>,
    proposal: Option<ProposalCtx>,
    previous: Option<Link>,
    next: Option<Link>,
    t: &'a Strings,
}

fn lang_ctx(l: &Language) -> LangCtx<'_> {
    LangCtx { code: &l.code, prefix: &l.prefix, html_lang: &l.html_lang, name: &l.name }
}

/// Renders every page of every language, and the landing page, in a stable order.
pub fn render_site(site: &Site, theme: &Theme) -> Result<Vec<Page>> {
    let mut jobs: Vec<(&Language, Kind)> = Vec::new();
    for lang in &site.languages {
        jobs.push((lang, Kind::Home));
        jobs.extend((0..site.pillars.len()).map(|i| (lang, Kind::Pillar(i))));
        jobs.extend((0..site.proposals.len()).map(|i| (lang, Kind::Proposal(i))));
    }
    let slugs: BTreeMap<&str, usize> = site.proposals.iter().enumerate().map(|(i, p)| (p.slug.as_str(), i)).collect();
    let mut pages: Vec<Page> = jobs
        .par_iter()
        .map(|&(lang, kind)| render_page(site, theme, &slugs, lang, kind))
        .collect::<Result<Vec<_>>>()?;
    let shorts: Vec<Page> = site
        .languages
        .par_iter()
        .flat_map(|lang| (0..site.proposals.len()).into_par_iter().map(move |i| render_short_link(site, theme, lang, i)))
        .collect::<Result<Vec<_>>>()?;
    pages.extend(shorts);
    pages.push(render_landing(site, theme)?);
    Ok(pages)
}

fn render_page(site: &Site, theme: &Theme, slugs: &BTreeMap<&str, usize>, lang: &Language, kind: Kind) -> Result<Page> {
    let t = &theme.strings[&lang.code];
    let dir = page_dir(lang, site, kind);
    let root = root_of(&dir);
    let href = |other: &Language, k: Kind| format!("{root}{}", page_dir(other, site, k));
    let code = lang.code.as_str();
    // `@/proposals/SLUG.md#p6-3` → this language's page of that proposal.
    let link_to = |target: &str| -> Option<String> {
        let (slug, fragment) = model::internal_target(target)?;
        let i = *slugs.get(slug)?;
        let fragment = if fragment.is_empty() { String::new() } else { format!("#{fragment}") };
        Some(format!("{}{fragment}", href(lang, Kind::Proposal(i))))
    };

    let (current_pillar, current_proposal) = match kind {
        Kind::Home => (None, None),
        Kind::Pillar(i) => (Some(i), None),
        Kind::Proposal(i) => (Some(site.proposals[i].pillar), Some(i)),
    };
    let pillars: Vec<PillarItem> = site
        .pillars
        .iter()
        .enumerate()
        .map(|(pi, p)| PillarItem {
            number: p.number,
            slug: p.slug.clone(),
            title: p.title[code].clone(),
            href: href(lang, Kind::Pillar(pi)),
            current: current_pillar == Some(pi),
            proposals: site
                .proposals
                .iter()
                .enumerate()
                .filter(|(_, q)| q.pillar == pi)
                .map(|(qi, q)| ProposalItem {
                    number: q.number,
                    title: site.proposal_title(q, code).to_string(),
                    href: href(lang, Kind::Proposal(qi)),
                    current: current_proposal == Some(qi),
                })
                .collect(),
        })
        .collect();

    let home = Link { title: t.get("home").cloned().unwrap_or_default(), href: href(lang, Kind::Home) };
    let mut breadcrumbs = vec![];
    let mut title = site.title[code].clone();
    let (mut proposal, mut previous, mut next, mut intro_html) = (None, None, None, String::new());
    match kind {
        Kind::Home => {
            if let Some(doc) = site.intro.get(code) {
                intro_html = markdown::to_html(doc, None, &link_to);
            }
        }
        Kind::Pillar(i) => {
            let p = &site.pillars[i];
            breadcrumbs.push(home);
            title = format!("{} | {}", p.title[code], site.title[code]);
            if let Some(doc) = p.intro.get(code) {
                intro_html = markdown::to_html(doc, None, &link_to);
            }
        }
        Kind::Proposal(i) => {
            let q = &site.proposals[i];
            let pi = q.pillar;
            breadcrumbs.push(home);
            breadcrumbs.push(Link { title: site.pillars[pi].title[code].clone(), href: href(lang, Kind::Pillar(pi)) });
            let q_title = site.proposal_title(q, code).to_string();
            title = format!("{}. {} | {}", q.number, q_title, site.title[code]);
            proposal = Some(proposal_ctx(site, q, lang, t, &root, |l| href(l, Kind::Proposal(i)), &link_to));
            let neighbour = |j: usize| {
                let n = &site.proposals[j];
                Link { title: format!("{}. {}", n.number, site.proposal_title(n, code)), href: href(lang, Kind::Proposal(j)) }
            };
            previous = i.checked_sub(1).map(neighbour);
            next = (i + 1 < site.proposals.len()).then(|| neighbour(i + 1));
        }
    }

    let ctx = PageCtx {
        kind: match kind {
            Kind::Home => "home",
            Kind::Pillar(_) => "pillar",
            Kind::Proposal(_) => "proposal",
        },
        lang: lang_ctx(lang),
        title,
        home_href: href(lang, Kind::Home),
        alternates: site
            .languages
            .iter()
            .map(|l| Alternate { lang: lang_ctx(l), href: href(l, kind), current: l.code == lang.code })
            .collect(),
        breadcrumbs,
        site_title: &site.title[code],
        publisher: &site.publisher[code],
        date: &site.date[code],
        intro_html,
        pillars,
        pillar: current_pillar,
        proposal,
        previous,
        next,
        t,
        root,
    };
    let template = format!("{}.html", ctx.kind);
    let html = render_template(theme, &template, &ctx)?;
    let untranslated = ctx.proposal.as_ref().is_some_and(|p| p.fallback.is_some());
    Ok(Page { path: format!("{dir}index.html"), html, untranslated })
}

fn proposal_ctx(
    site: &Site,
    q: &Proposal,
    lang: &Language,
    t: &Strings,
    root: &str,
    href: impl Fn(&Language) -> String,
    link_to: &dyn Fn(&str) -> Option<String>,
) -> ProposalCtx {
    let code = lang.code.as_str();
    let paragraph_label = t.get("paragraph").map_or("{n}", String::as_str);
    let short_href = format!("{root}{}", short_dir(lang, q));
    let short_path = format!("/{}", short_dir(lang, q));
    match q.texts.get(code) {
        Some(text) => ProposalCtx {
            number: q.number,
            slug: q.slug.clone(),
            short_href,
            short_path,
            title: text.title.clone(),
            body_html: markdown::to_html(&text.body, Some(&Anchors { proposal: q.number, paragraph_label }), link_to),
            fallback: None,
        },
        None => {
            let other = site.languages.iter().find(|l| q.texts.contains_key(&l.code)).expect("a proposal has at least one text");
            ProposalCtx {
                number: q.number,
                slug: q.slug.clone(),
                short_href,
                short_path,
                title: site.proposal_title(q, code).to_string(),
                body_html: String::new(),
                fallback: Some(Fallback { name: other.name.clone(), html_lang: other.html_lang.clone(), href: href(other) }),
            }
        }
    }
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
    /// Where the short link leads, relative to it.
    target: String,
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
    site_title: &'a str,
    publisher: &'a str,
    date: &'a str,
    t: &'a Strings,
}

#[derive(Serialize)]
struct LandingCtx<'a> {
    kind: &'static str,
    root: &'static str,
    /// The first language: the landing page's own `<html lang>`.
    lang: LangCtx<'a>,
    title: String,
    editions: Vec<Edition<'a>>,
    t: &'a Strings,
}

/// The root `index.html`: the document's title in every language, linking to each edition.
fn render_landing(site: &Site, theme: &Theme) -> Result<Page> {
    let first = &site.languages[0];
    let editions: Vec<Edition> = site
        .languages
        .iter()
        .map(|l| Edition {
            lang: lang_ctx(l),
            href: format!("{}/", l.prefix),
            site_title: &site.title[&l.code],
            publisher: &site.publisher[&l.code],
            date: &site.date[&l.code],
            t: &theme.strings[&l.code],
        })
        .collect();
    let title = site.languages.iter().map(|l| site.title[&l.code].as_str()).collect::<Vec<_>>().join(" | ");
    let ctx = LandingCtx { kind: "landing", root: "", lang: lang_ctx(first), title, editions, t: &theme.strings[&first.code] };
    Ok(Page { path: "index.html".into(), html: render_template(theme, "landing.html", &ctx)?, untranslated: false })
}

fn render_template(theme: &Theme, name: &str, ctx: &impl Serialize) -> Result<String> {
    let file = theme.dir.join("templates").join(name);
    let context = tera::Context::from_serialize(ctx).map_err(|e| template_error(&file, &e))?;
    theme.tera.render(name, &context).map_err(|e| template_error(&file, &e))
}
