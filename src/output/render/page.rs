//! The pages of one language edition — home, pillar, proposal and full document — as
//! template contexts: navigation, breadcrumbs, previous/next, bodies with their anchors,
//! a table of contents and a description for search engines and link previews.

use serde::Serialize;

use super::{lang_ctx, page_dir, root_of, short_dir, Inputs, Kind, LangCtx, Page};
use crate::domain::{Anchor, LangId, Language, Proposal, ProposalId, Site};
use crate::error::Result;
use crate::text::{markdown, render};

#[derive(Serialize)]
pub(super) struct Link {
    title: String,
    href: String,
}

#[derive(Serialize)]
struct Alternate<'a> {
    #[serde(flatten)]
    lang: LangCtx<'a>,
    href: String,
    /// The absolute address, when the base URL is known.
    url: Option<String>,
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
pub(super) struct PillarItem {
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

/// One entry of a proposal's table of contents: a numbered paragraph and its opening words.
#[derive(Serialize)]
pub(super) struct TocEntry {
    id: String,
    number: String,
    excerpt: String,
}

#[derive(Serialize)]
struct ProposalCtx<'a> {
    number: u32,
    slug: String,
    title: String,
    /// The proposal's own page, relative to the page showing it.
    href: String,
    /// The proposal's short link (`/en/6/`), relative to the page, and as shown.
    short_href: String,
    short_path: String,
    body_html: String,
    /// On the proposal's own page; empty in the full text.
    toc: &'a [TocEntry],
    /// Set when this language has no text of the proposal: where to read it instead.
    fallback: Option<Fallback>,
}

/// A pillar with its proposals in full, for the full-document page.
#[derive(Serialize)]
struct FullPillar<'a> {
    number: u32,
    slug: String,
    title: String,
    proposals: Vec<ProposalCtx<'a>>,
}

#[derive(Serialize)]
struct PageCtx<'a> {
    kind: &'static str,
    lang: LangCtx<'a>,
    /// Relative path to the site root, for assets.
    root: String,
    /// The document title for `<title>`.
    title: String,
    /// A sentence or two about the page, for `<meta name="description">`.
    description: String,
    /// Where search engines and link previews point: the page's absolute address, the
    /// landing page's (`x-default`), Open Graph details.
    canonical: Option<String>,
    x_default: Option<String>,
    og: super::OpenGraph,
    home_href: String,
    full_href: String,
    alternates: Vec<Alternate<'a>>,
    breadcrumbs: Vec<Link>,
    site_title: &'a str,
    publisher: &'a str,
    date: &'a str,
    intro_html: String,
    /// Left out on proposal pages, whose navigation comes made ([`Inputs`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pillars: Option<Vec<PillarItem>>,
    /// On a pillar or proposal page, its pillar (index into `pillars`).
    pillar: Option<crate::domain::PillarId>,
    proposal: Option<ProposalCtx<'a>>,
    /// On the full-document page: everything, in order.
    full: Vec<FullPillar<'a>>,
    /// The edition's search page, and (on it) its index file, relative to the page.
    search_href: String,
    /// In a site of editions, the archive in this language: every edition.
    archive_href: Option<String>,
    search_index: Option<String>,
    /// On the search page, the settings' examples of what to search for, if any.
    search_examples: Option<&'a str>,
    previous: Option<Link>,
    next: Option<Link>,
    identity: super::IdentityCtx<'a>,
    /// On a page of the site's own: its text.
    page: Option<SitePageCtx>,
    /// On the home, full-text and proposal pages, when the build made it: the edition's
    /// PDF in this language.
    pdf: Option<PdfLink>,
}

/// A page of the site's own as its page shows it.
#[derive(Serialize)]
struct SitePageCtx {
    slug: String,
    title: String,
    body_html: String,
    /// The publisher's contact details filled in, on a page that shows them.
    contact: Option<ContactCtx>,
}

#[derive(Serialize)]
struct ContactCtx {
    email: Option<String>,
    phone: Option<String>,
    /// The phone number as a `tel:` address: its digits and a leading `+`.
    phone_href: Option<String>,
    address: Option<String>,
}

/// A link to a PDF: its address from the page, and its size as shown (`1.2 MB`).
#[derive(Serialize)]
struct PdfLink {
    href: String,
    size: String,
}

/// Longest description, in characters: about what search engines show.
const DESCRIPTION_MAX: (usize, usize) = (80, 160); // (CJK, others)

/// Renders one page of `lang`'s edition (a proposal page with its text's `summary`).
pub(super) fn render(inputs: &Inputs, lang_index: LangId, kind: Kind, summary: Option<&Summary>) -> Result<Page> {
    let (site, theme, search_indexes) = (inputs.site, inputs.theme, &inputs.search_indexes);
    let lang = site.language(lang_index);
    let t = &theme.strings[&lang.code];
    let code = lang.code.as_str();
    let dir = page_dir(lang, site, kind);
    let root = root_of(&dir);
    let href = |other: &Language, k: Kind| format!("{root}{}", page_dir(other, site, k));
    // `@/proposals/SLUG.md#p6-3` → this language's page of that proposal.
    let link_to = |target: &str| super::internal_href(inputs, lang, &root, target);
    let intro_html_of = |doc: &crate::domain::Document| {
        let cx = render::Context { proposal: None, labels: super::labels(t), link_to: &link_to, image: &|_| None, eager_blocks: 0, heading_offset: 0 };
        render::to_html(doc, &cx)
    };
    let max_description = if markdown::is_cjk_language(code) { DESCRIPTION_MAX.0 } else { DESCRIPTION_MAX.1 };
    let describe = |text: &str| markdown::excerpt(text, code, max_description);
    // The table of contents is the proposal page's; the full text has none per proposal.
    let toc = summary.map_or(&[][..], |s| s.toc.as_slice());
    let proposal_ctx = |i: ProposalId| -> ProposalCtx {
        let q = site.proposal(i);
        let body = if q.texts.contains_key(code) { super::placeholder(i) } else { String::new() };
        build_proposal(site, q, lang, &root, href(lang, Kind::Proposal(i)), |l| href(l, Kind::Proposal(i)), body, toc)
    };

    let current_pillar = kind.pillar(site);
    // A proposal page's navigation is the same as its pillar's other proposals': made once.
    let pillars = (!matches!(kind, Kind::Proposal(_))).then(|| pillar_items(site, lang, &root, kind));

    // A site of editions' own pages are site-wide: they carry the site's name, and lead
    // home to the archive in their language (the newest edition's navigation beside it).
    let wide_name = match kind {
        Kind::Page(_) => site.site_wide.name.as_ref().and_then(|n| n.get(code)),
        _ => None,
    };
    let home_href = match wide_name {
        Some(_) => format!("{root}{}", crate::domain::layout::home(&lang.prefix)),
        None => href(lang, Kind::Home),
    };
    let home = Link { title: t.get("home").cloned().unwrap_or_default(), href: home_href.clone() };
    let site_title = wide_name.unwrap_or(&site.title[code]).as_str();
    let mut breadcrumbs = vec![];
    // The site's description: the intro's first paragraph (pillar and proposal pages have their own).
    let site_description = || {
        let intro = site.intro.get(code).and_then(|d| d.paragraph_texts().into_iter().next());
        intro.as_deref().map_or(site_title.to_string(), describe)
    };
    let mut title = site_title.to_string();
    let mut description = if matches!(kind, Kind::Home | Kind::Search | Kind::Full) { site_description() } else { String::new() };
    let (mut proposal, mut full, mut previous, mut next, mut intro_html) = (None, Vec::new(), None, None, String::new());
    let mut page = None;
    match kind {
        Kind::Home => {
            if let Some(doc) = site.intro.get(code) {
                intro_html = intro_html_of(doc);
            }
        }
        Kind::Search => {
            breadcrumbs.push(home);
            title = format!("{} | {site_title}", t.get("search").map_or("", String::as_str));
        }
        Kind::Full => {
            breadcrumbs.push(home);
            title = format!("{} | {}", t.get("full_text").map_or("", String::as_str), site_title);
            full = site
                .pillar_ids()
                .map(|pi| {
                    let p = site.pillar(pi);
                    FullPillar {
                        number: p.number,
                        slug: p.slug.clone(),
                        title: p.title[code].clone(),
                        proposals: site.proposals_of(pi).map(|(qi, _)| proposal_ctx(qi)).collect(),
                    }
                })
                .collect();
        }
        Kind::Pillar(i) => {
            let p = site.pillar(i);
            breadcrumbs.push(home);
            title = format!("{} | {site_title}", p.title[code]);
            description = match p.intro.get(code).and_then(|d| d.paragraph_texts().into_iter().next()) {
                Some(text) => describe(&text),
                None => {
                    let titles: Vec<String> = site.proposals_of(i).map(|(_, q)| format!("{}. {}", q.number, site.proposal_title(q, code))).collect();
                    describe(&format!("{}: {}", p.title[code], titles.join(if markdown::is_cjk_language(code) { "；" } else { "; " })))
                }
            };
            if let Some(doc) = p.intro.get(code) {
                intro_html = intro_html_of(doc);
            }
        }
        Kind::Proposal(i) => {
            let q = site.proposal(i);
            let pi = q.pillar;
            breadcrumbs.push(home);
            breadcrumbs.push(Link { title: site.pillar(pi).title[code].clone(), href: href(lang, Kind::Pillar(pi)) });
            title = format!("{}. {} | {site_title}", q.number, site.proposal_title(q, code));
            description = match summary {
                Some(summary) => summary.description.clone(),
                None => site_description(),
            };
            proposal = Some(proposal_ctx(i));
            let neighbour = |j: ProposalId| {
                let n = site.proposal(j);
                Link { title: format!("{}. {}", n.number, site.proposal_title(n, code)), href: href(lang, Kind::Proposal(j)) }
            };
            previous = i.0.checked_sub(1).map(|j| neighbour(ProposalId(j)));
            next = (i.0 + 1 < site.proposals.len()).then(|| neighbour(ProposalId(i.0 + 1)));
        }
        Kind::Page(i) => {
            let p = site.page(i);
            let text = &p.texts[code];
            let markdown = text.body.read()?;
            let doc = inputs.document(lang_index, &markdown);
            breadcrumbs.push(home);
            title = format!("{} | {site_title}", text.title);
            description = match &text.description {
                Some(d) => d.clone(),
                None => doc.paragraph_texts().into_iter().next().map_or_else(|| text.title.clone(), |first| describe(&first)),
            };
            let contact = &site.site_wide.contact;
            let filled = |s: &str| (!s.is_empty()).then(|| s.to_string());
            page = Some(SitePageCtx {
                slug: p.slug.clone(),
                title: text.title.clone(),
                body_html: intro_html_of(&doc),
                contact: p.contact.then(|| ContactCtx {
                    email: filled(&contact.email),
                    phone: filled(&contact.phone),
                    phone_href: filled(&contact.phone).map(|p| p.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect()),
                    address: contact.address.get(code).cloned(),
                }),
            });
        }
    }

    let ctx = PageCtx {
        kind: kind.template(),
        lang: lang_ctx(lang),
        title,
        description,
        home_href,
        full_href: href(lang, Kind::Full),
        alternates: site
            .languages
            .iter()
            .map(|l| Alternate {
                lang: lang_ctx(l),
                href: href(l, kind),
                url: site.base_url.as_ref().map(|b| b.join(&page_dir(l, site, kind))),
                current: l.code == lang.code,
            })
            .collect(),
        canonical: site.base_url.as_ref().map(|b| b.join(&dir)),
        x_default: site.base_url.as_ref().map(|b| b.url.clone()),
        og: super::OpenGraph::new(site, lang, if matches!(kind, Kind::Proposal(_)) { "article" } else { "website" }),
        breadcrumbs,
        site_title,
        publisher: &site.publisher[code],
        date: &site.date[code],
        intro_html,
        pillars,
        pillar: current_pillar,
        proposal,
        full,
        search_href: href(lang, Kind::Search),
        archive_href: site.submission.is_edition().then(|| format!("{root}{}", crate::domain::layout::home(&lang.prefix))),
        search_index: matches!(kind, Kind::Search).then(|| search_indexes.get(code).map(|p| format!("{root}{p}"))).flatten(),
        search_examples: matches!(kind, Kind::Search).then(|| site.search_examples.get(code).map(String::as_str)).flatten(),
        previous,
        next,
        identity: super::identity_ctx(site, code, &root, inputs.identity_paths.as_ref()),
        page,
        pdf: matches!(kind, Kind::Home | Kind::Full | Kind::Proposal(_))
            .then(|| inputs.pdfs.get(code))
            .flatten()
            .map(|(path, bytes)| PdfLink { href: format!("{root}{path}"), size: crate::output::pdf::size(*bytes) }),
        root,
    };
    let nav = match kind {
        Kind::Proposal(i) => inputs.proposal_nav[lang_index.0][site.proposal(i).pillar.0].as_ref(),
        _ => None,
    };
    let shared: Vec<&tera::Context> = [Some(&inputs.shared[lang_index.0]), nav].into_iter().flatten().collect();
    let html = super::render_template(theme, &format!("{}.html", ctx.kind), &ctx, &shared)?;
    Ok(Page { path: format!("{dir}index.html"), html })
}

/// The pillar navigation of a `kind` page of `lang` (its links relative to `root`), with
/// the proposals on the pages that list them.
pub(super) fn pillar_items(site: &Site, lang: &Language, root: &str, kind: Kind) -> Vec<PillarItem> {
    let code = lang.code.as_str();
    let href = |k: Kind| format!("{root}{}", page_dir(lang, site, k));
    let current_pillar = kind.pillar(site);
    site.pillar_ids()
        .map(|pi| (pi, site.pillar(pi)))
        .map(|(pi, p)| PillarItem {
            number: p.number,
            slug: p.slug.clone(),
            title: p.title[code].clone(),
            href: href(Kind::Pillar(pi)),
            current: current_pillar == Some(pi),
            // Only the pages that list proposals carry them: a header with every proposal
            // on every page would make a large site's build quadratic.
            proposals: (matches!(kind, Kind::Home) || matches!(kind, Kind::Pillar(i) if i == pi))
                .then(|| site.proposals_of(pi))
                .into_iter()
                .flatten()
                .map(|(qi, q)| ProposalItem {
                    number: q.number,
                    title: site.proposal_title(q, code).to_string(),
                    href: href(Kind::Proposal(qi)),
                    current: matches!(kind, Kind::Proposal(i) if i == qi),
                })
                .collect(),
        })
        .collect()
}

/// Longest table-of-contents entry, in characters.
const TOC_EXCERPT: (usize, usize) = (18, 48); // (CJK, others)

/// A proposal as a page shows it; `body_html` is the placeholder for its body.
#[allow(clippy::too_many_arguments)]
fn build_proposal<'a>(
    site: &Site,
    q: &Proposal,
    lang: &Language,
    root: &str,
    own_href: String,
    href_in: impl Fn(&Language) -> String,
    body_html: String,
    toc: &'a [TocEntry],
) -> ProposalCtx<'a> {
    let code = lang.code.as_str();
    let short = short_dir(site, lang, q);
    let mut ctx = ProposalCtx {
        number: q.number,
        slug: q.slug.clone(),
        title: site.proposal_title(q, code).to_string(),
        href: own_href,
        short_href: format!("{root}{short}"),
        short_path: site.base_url.as_ref().map_or_else(|| format!("/{short}"), |b| b.join(&short)),
        body_html,
        toc,
        fallback: None,
    };
    if !q.texts.contains_key(code) {
        let other = site.languages.iter().find(|l| q.texts.contains_key(&l.code)).expect("a proposal has at least one text");
        ctx.fallback = Some(Fallback { name: other.name.clone(), html_lang: other.html_lang.clone(), href: href_in(other) });
    }
    ctx
}

/// What a proposal's page shows about its text besides the body.
pub struct Summary {
    toc: Vec<TocEntry>,
    /// For `<meta name="description">`: the front matter's, else the first sentences.
    description: String,
}

/// The table of contents and description of proposal `q`'s text in `lang`, whose
/// paragraphs are `paragraphs`.
pub(super) fn summarise(q: &Proposal, lang: &Language, paragraphs: &[String]) -> Summary {
    let code = lang.code.as_str();
    let description = q.texts.get(code).and_then(|text| text.description.clone());
    let cjk = markdown::is_cjk_language(code);
    let max = if cjk { TOC_EXCERPT.0 } else { TOC_EXCERPT.1 };
    let toc = paragraphs
        .iter()
        .enumerate()
        .map(|(k, para)| TocEntry {
            id: Anchor::paragraph(q.number, k as u32 + 1).to_string(),
            number: Anchor::paragraph(q.number, k as u32 + 1).number(),
            excerpt: markdown::excerpt(para, code, max),
        })
        .collect();
    let max = if cjk { DESCRIPTION_MAX.0 } else { DESCRIPTION_MAX.1 };
    let description = description.unwrap_or_else(|| markdown::excerpt(paragraphs.first().map_or("", String::as_str), code, max));
    Summary { toc, description }
}
