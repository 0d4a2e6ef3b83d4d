//! Model: the site as the renderer needs it — languages, pillars and proposals in
//! document order — built from the loaded settings and files, with every cross-file rule
//! checked (unknown pillar, duplicate number or slug, slug form, languages out of step;
//! the rules about the whole document — numbering, pillars — are in [`crate::model::rules`]).

use std::collections::BTreeMap;

pub mod aliases;
pub mod identity;
pub mod images;
pub mod pages;
pub mod rules;

use crate::domain::BaseUrl;
use crate::domain::{check_slug, Submission};
use crate::domain::{Anchor, AnchorKind, Document, Language, Pillar, PillarId, Proposal, ProposalText, Site, Survey};
use crate::domain::{Block, Localized, ParagraphHash, Quotes, CONFIGS};
use crate::error::{Error, Result};
use crate::load::config::SiteConfig;
use crate::load::content::ProposalFile;
use crate::load::project::display_path;
use crate::text::markdown;

/// Builds the model, returning it with the warnings a non-strict build prints.
pub fn build(
    root: &std::path::Path,
    submission: &Submission,
    config: SiteConfig,
    files: Vec<ProposalFile<Survey>>,
    base_url_override: Option<&str>,
) -> Result<(Site, Vec<String>)> {
    let site_file = display_path(root, &submission.settings);
    // The languages, the base URL, the share image and the publisher are site-wide: in a
    // site of editions, in content/site.yaml rather than the edition's edition.yaml.
    let site_wide_file = display_path(root, &submission.site_settings);
    let languages = check_languages(&config, &site_wide_file)?;
    let authored: Vec<&str> = languages.iter().filter(|l| l.generated_from.is_none()).map(|l| l.code.as_str()).collect();
    let localized = |field: &str, map: &Localized, required: bool| -> Result<Localized> {
        for key in map.keys() {
            if !authored.contains(&key.as_str()) {
                return Err(Error::in_file(&site_file, format!("{field} has text for `{key}`, which is not an authored language ({})", authored.join(", "))));
            }
        }
        if required {
            if let Some(missing) = authored.iter().find(|l| !map.contains_key(**l)) {
                return Err(Error::in_file(&site_file, format!("{field} has no text for `{missing}`")));
            }
        }
        Ok(map.iter().map(|(lang, text)| (lang.clone(), markdown::smarten(text, lang))).collect())
    };
    let parse_all = |map: &Localized| -> BTreeMap<String, Document<'static>> {
        map.iter().map(|(lang, md)| (lang.clone(), markdown::parse(md, lang).into_static())).collect()
    };

    let mut intro_warnings = Vec::new();
    let mut pillars: Vec<Pillar> = Vec::new();
    for (i, p) in config.pillars.iter().enumerate() {
        let field = format!("pillars[{}]", i + 1);
        check_slug(&p.slug.value).map_err(|why| Error::at_line(&site_file, p.slug.referenced.line(), format!("{field}.slug `{}` {why}", p.slug.value)))?;
        if let Some(other) = pillars.iter().find(|o| o.slug == p.slug.value || o.number == p.number.value) {
            return Err(Error::at_line(
                &site_file,
                p.slug.referenced.line(),
                format!("{field} repeats the number or slug of pillar {} ({})", other.number, other.slug),
            ));
        }
        pillars.push(Pillar {
            number: p.number.value,
            slug: p.slug.value.clone(),
            title: localized(&format!("{field}.title"), &p.title, true).map_err(|e| on_line(e, p.number.referenced.line()))?,
            intro: parse_all(&localized(&format!("{field}.intro"), &p.intro, false).map_err(|e| on_line(e, p.number.referenced.line()))?),
        });
        let intro = &pillars[pillars.len() - 1].intro;
        intro_warnings.extend(check_raw_html_in_intro(&site_file, Some(p.number.referenced.line()), &format!("{field}.intro"), intro));
    }
    if pillars.is_empty() {
        return Err(Error::in_file(&site_file, "`pillars` lists no pillar"));
    }
    pillars.sort_by_key(|p| p.number);

    let number_lines = crate::model::rules::number_lines(&files);
    let listed_aliases = aliases::listed(&files);
    let (mut proposals, cjk_chars, mut warnings) = group_proposals(root, submission, &languages, &pillars, files)?;
    aliases::assign(&listed_aliases, &mut proposals)?;
    let images = images::resolve(root, submission, &mut proposals)?;
    crate::model::rules::check(&site_file, &config.pillars, &languages, &pillars, &proposals, &number_lines)?;
    warnings.extend(check_alignment(&languages, &proposals));
    warnings.extend(check_internal_links(&proposals, &submission.name)?);
    warnings.extend(check_raw_html(&proposals));
    warnings.extend(check_footnotes(&proposals));

    let base_url = base_url(&config, &site_wide_file, base_url_override)?;
    let share_image = match &config.share_image {
        None => None,
        Some(image) => Some(share_image(root, submission, &image.value, image.referenced.line())?),
    };
    let publisher = localized("publisher", &config.publisher, true)?;
    let identity = identity::build(root, submission, &config, &authored, &publisher)?;
    let site = Site {
        submission: submission.clone(),
        theme: config.theme.clone(),
        base_url,
        share_image,
        identity,
        publisher,
        title: localized("title", &config.title, true)?,
        date: localized("date", &config.date, true)?,
        intro: parse_all(&localized("intro", &config.intro, false)?),
        search_examples: localized("search_examples", &config.search_examples, false)?,
        languages,
        pillars,
        proposals,
        cjk_chars,
        images,
        site_wide: Default::default(),
    };
    warnings.extend(check_raw_html_in_intro(&site_file, None, "intro", &site.intro));
    warnings.extend(intro_warnings);
    Ok((site, warnings))
}

/// The name of a site of editions (`title` in content/site.yaml), which must have a text
/// in every authored language of `site` (any of its editions: they share the languages).
pub fn site_title(root: &std::path::Path, site: &Site) -> Result<Localized> {
    let config = crate::load::config::load_site_wide(root)?;
    let file = display_path(root, &site.submission.site_settings);
    for l in site.authored() {
        if !config.title.contains_key(&l.code) {
            return Err(Error::in_file(&file, format!("title (the site's name) has no text for `{}`", l.code)));
        }
    }
    Ok(config.title.iter().map(|(lang, text)| (lang.clone(), markdown::smarten(text, lang))).collect())
}

/// Where the site is published: `--base-url` (`override_url`) if given, else the
/// settings' `base_url`, else unknown.
pub fn base_url(config: &SiteConfig, site_file: &std::path::Path, override_url: Option<&str>) -> Result<Option<BaseUrl>> {
    Ok(match (override_url, &config.base_url) {
        (Some(url), _) => Some(BaseUrl::parse(url).map_err(|why| Error::msg(format!("--base-url {url}: {why}")))?),
        (None, Some(url)) => {
            Some(BaseUrl::parse(&url.value).map_err(|why| Error::at_line(site_file, url.referenced.line(), format!("base_url `{}`: {why}", url.value)))?)
        }
        (None, None) => None,
    })
}

/// Reads the share image `value` (a path under `content/`, site-wide), which
/// must be a PNG, JPEG, GIF or WebP image of the type its name says (`line`: where the
/// settings name it): (its path in the output, its bytes).
fn share_image(root: &std::path::Path, submission: &Submission, value: &str, line: u64) -> Result<(String, Vec<u8>)> {
    let site_file = display_path(root, &submission.site_settings);
    let (_, bytes) = crate::load::project::read_named(root, "content", &submission.site_settings, "share_image", value, line)?;
    let name = std::path::Path::new(value).file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let expected = images::raster_type(&name).map(|(kind, _)| kind);
    match (expected, imagesize::image_type(&bytes)) {
        (None, _) => Err(Error::at_line(&site_file, line, format!("share_image `{value}`: link previews need a .png, .jpg, .gif or .webp image"))),
        (Some(want), Ok(found)) if found == want => Ok((format!("assets/{name}"), bytes)),
        (Some(want), _) => Err(Error::at_line(
            &site_file,
            line,
            format!("share_image `{value}`: the file is not a {want:?} image (its contents do not start as one); export the picture again"),
        )),
    }
}

/// Places an error about a pillar on the line where the pillar's entry starts.
fn on_line(error: Error, line: u64) -> Error {
    Error { line: Some(line), ..error }
}

fn check_languages(config: &SiteConfig, site_file: &std::path::Path) -> Result<Vec<Language>> {
    let mut languages: Vec<Language> = Vec::new();
    for l in &config.languages {
        let line = l.code.referenced.line();
        let (code, prefix) = (&l.code.value, &l.prefix.value);
        check_slug(prefix).map_err(|why| Error::at_line(site_file, l.prefix.referenced.line(), format!("language prefix `{prefix}` {why}")))?;
        if languages.iter().any(|o| &o.code == code || &o.prefix == prefix) {
            return Err(Error::at_line(site_file, line, format!("language `{code}` (prefix `{prefix}`) is listed twice")));
        }
        let generated_from = match (&l.from, &l.opencc) {
            (None, None) => None,
            (Some(from), Some(opencc)) => {
                if !CONFIGS.contains(&opencc.value.as_str()) {
                    return Err(Error::at_line(
                        site_file,
                        opencc.referenced.line(),
                        format!("unknown OpenCC configuration `{}` (known: {})", opencc.value, CONFIGS.join(", ")),
                    ));
                }
                Some((from.value.clone(), opencc.value.clone()))
            }
            _ => return Err(Error::at_line(site_file, line, format!("language `{code}`: a generated language needs both `from` and `opencc`"))),
        };
        if let Some(quotes) = &l.quotes {
            let line = quotes.referenced.line();
            if generated_from.is_none() {
                return Err(Error::at_line(
                    site_file,
                    line,
                    format!("language `{code}`: `quotes` is a setting of a generated language (an authored text keeps its quotation marks as written)"),
                ));
            }
            if Quotes::parse(&quotes.value).is_none() {
                let known: Vec<String> = Quotes::KNOWN.iter().map(|(name, _, means)| format!("`{name}` ({means})")).collect();
                return Err(Error::at_line(site_file, line, format!("language `{code}`: unknown `quotes: {}`; use {}", quotes.value, known.join(" or "))));
            }
        }
        let og_locale = l.og_locale.clone().unwrap_or_else(|| default_og_locale(&l.html_lang));
        languages.push(Language {
            code: code.clone(),
            prefix: prefix.clone(),
            html_lang: l.html_lang.clone(),
            name: l.name.clone(),
            og_locale,
            generated_from,
        });
    }
    for l in &languages {
        if let Some((from, _)) = &l.generated_from {
            if !languages.iter().any(|o| &o.code == from && o.generated_from.is_none()) {
                return Err(Error::in_file(site_file, format!("language `{}` is generated from `{from}`, which is not an authored language", l.code)));
            }
        }
    }
    if !languages.iter().any(|l| l.generated_from.is_none()) {
        return Err(Error::in_file(site_file, "`languages` lists no authored language"));
    }
    Ok(languages)
}

/// `zh-Hant-HK` → `zh_HK`, `zh-Hans` → `zh_CN`, `en` → `en_GB`: the usual Open Graph locale.
fn default_og_locale(html_lang: &str) -> String {
    let parts: Vec<&str> = html_lang.split('-').collect();
    let region = parts.iter().skip(1).find(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()));
    match (parts[0], region) {
        (lang, Some(region)) => format!("{lang}_{}", region.to_ascii_uppercase()),
        ("zh", None) if html_lang.contains("Hans") => "zh_CN".into(),
        ("zh", None) => "zh_TW".into(),
        ("en", None) => "en_GB".into(),
        (lang, None) => lang.to_string(),
    }
}

fn group_proposals(
    root: &std::path::Path,
    submission: &Submission,
    languages: &[Language],
    pillars: &[Pillar],
    files: Vec<ProposalFile<Survey>>,
) -> Result<(Vec<Proposal>, Vec<char>, Vec<String>)> {
    // Rules about one file at a time, and where each file's pillar is.
    let mut pillar_of = Vec::with_capacity(files.len());
    for file in &files {
        pillar_of.push(check_file(file, &submission.settings, languages, pillars)?);
    }
    // One file per slug and language: a second one means two proposals share a slug.
    let mut seen: BTreeMap<(&str, &str), &std::path::Path> = BTreeMap::new();
    for file in &files {
        if let Some(twin) = seen.insert((&file.front.slug.value, &file.lang), &file.path) {
            let line = file.front.slug.referenced.line();
            return Err(Error::at_line(
                &file.path,
                line,
                format!("slug `{}` is already used by {}; each proposal needs its own slug", file.front.slug.value, twin.display()),
            ));
        }
    }

    let mut proposals: Vec<Proposal> = Vec::new();
    let mut by_slug: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_number: BTreeMap<u32, usize> = BTreeMap::new();
    let mut cjk_chars = markdown::CharSet::default();
    for (mut file, pillar) in files.into_iter().zip(pillar_of) {
        if markdown::is_cjk_language(&file.lang) {
            cjk_chars.extend(std::mem::take(&mut file.body.chars));
            cjk_chars.extend(file.front.title.chars());
        }
        let front = &file.front;
        let at = |line: u64, msg: String| Error::at_line(&file.path, line, msg);
        let (slug, number) = (&front.slug.value, front.number.value);
        let translated_from = match &front.translated_from {
            None => None,
            Some(entries) => Some(recorded_hashes(entries, &file.path)?),
        };
        let text = ProposalText {
            body_line: file.body_line,
            title: markdown::smarten(&front.title, &file.lang),
            description: front.description.as_deref().map(|d| markdown::smarten(d, &file.lang)),
            body: file.source,
            survey: file.body,
            images: BTreeMap::new(),
            translated_from,
        };
        if let Some(&i) = by_slug.get(slug) {
            let p = &mut proposals[i];
            let other = first_source(p).display().to_string();
            if p.number != number {
                return Err(at(
                    front.number.referenced.line(),
                    format!("number {number} differs from the other language version of this proposal ({} in {other})", p.number),
                ));
            }
            if p.pillar != pillar {
                return Err(at(
                    front.pillar.referenced.line(),
                    format!(
                        "pillar `{}` differs from the other language version of this proposal ({} in {other})",
                        front.pillar.value, pillars[p.pillar.0].slug
                    ),
                ));
            }
            for (lang, title) in &front.titles {
                p.fallback_titles.entry(lang.clone()).or_insert_with(|| markdown::smarten(title, lang));
            }
            p.texts.insert(file.lang.clone(), text);
        } else if let Some(&j) = by_number.get(&number) {
            return Err(at(front.number.referenced.line(), format!("proposal number {number} is already used by {}", first_source(&proposals[j]).display())));
        } else {
            by_slug.insert(slug.clone(), proposals.len());
            by_number.insert(number, proposals.len());
            proposals.push(Proposal {
                number,
                slug: slug.clone(),
                pillar,
                texts: BTreeMap::from([(file.lang.clone(), text)]),
                fallback_titles: front.titles.iter().map(|(l, t)| (l.clone(), markdown::smarten(t, l))).collect(),
                aliases: Vec::new(),
            });
        }
    }
    if proposals.is_empty() {
        return Err(Error::in_file(display_path(root, &submission.proposals()), "no proposal files (SLUG.LANG.md) found"));
    }
    proposals.sort_by_key(|p| p.number);

    let mut warnings = Vec::new();
    for p in &proposals {
        for l in languages.iter().filter(|l| l.generated_from.is_none()) {
            if !p.texts.contains_key(&l.code) {
                let missing = display_path(root, &format!("{}/{}.{}.md", submission.proposals(), p.slug, l.code));
                warnings.push(format!(
                    "{}: missing: proposal {} has no {} text; its /{}/ page says the translation is in preparation",
                    missing.display(),
                    p.number,
                    l.code,
                    l.prefix
                ));
            }
        }
    }
    Ok((proposals, cjk_chars.into_sorted(), warnings))
}

/// The source paragraph hashes a translation's `translated_from:` records (in `file`):
/// each must be 8 hex digits, as `microsite status --accept` writes them.
fn recorded_hashes(entries: &[serde_saphyr::Spanned<String>], file: &std::path::Path) -> Result<Vec<ParagraphHash>> {
    entries
        .iter()
        .map(|entry| {
            entry.value.parse().map_err(|()| {
                Error::at_line(
                    file,
                    entry.referenced.line(),
                    format!(
                        "translated_from: `{}` is not a paragraph hash (8 hex digits); run `microsite status --accept` on this file to record them",
                        entry.value
                    ),
                )
            })
        })
        .collect()
}

/// A file named `….LANG.md` must be in an authored language of the site: not an unknown
/// one, not one generated at build time.
pub(crate) fn check_file_language(path: &std::path::Path, lang: &str, languages: &[Language]) -> Result<()> {
    match languages.iter().find(|l| l.code == lang) {
        None => {
            let known: Vec<&str> = languages.iter().map(|l| l.code.as_str()).collect();
            Err(Error::in_file(path, format!("`{lang}` in the file name is not a language of the site ({})", known.join(", "))))
        }
        Some(Language { generated_from: Some((from, _)), .. }) => {
            Err(Error::in_file(path, format!("`{lang}` is generated from `{from}` at build time; delete this file and edit the `{from}` file")))
        }
        Some(_) => Ok(()),
    }
}

/// The rules about one proposal file on its own; returns the index of its pillar.
fn check_file(file: &ProposalFile<Survey>, settings: &str, languages: &[Language], pillars: &[Pillar]) -> Result<PillarId> {
    let front = &file.front;
    let at = |line: u64, msg: String| Error::at_line(&file.path, line, msg);
    check_file_language(&file.path, &file.lang, languages)?;
    let slug = &front.slug.value;
    check_slug(slug).map_err(|why| at(front.slug.referenced.line(), format!("slug `{slug}` {why}")))?;
    if *slug != file.stem {
        return Err(at(front.slug.referenced.line(), format!("slug `{slug}` does not match the file name; name the file {slug}.{}.md", file.lang)));
    }
    if front.number.value == 0 {
        return Err(at(front.number.referenced.line(), "proposal numbers start at 1".into()));
    }
    pillars.iter().position(|p| p.slug == front.pillar.value).map(PillarId).ok_or_else(|| {
        let known: Vec<&str> = pillars.iter().map(|p| p.slug.as_str()).collect();
        at(front.pillar.referenced.line(), format!("unknown pillar `{}` (the pillars in {settings} are: {})", front.pillar.value, known.join(", ")))
    })
}

fn first_source(p: &Proposal) -> &std::path::Path {
    p.texts.values().next().expect("a proposal has at least one file").body.path()
}

/// Every authored language version of a proposal must have the same top-level structure:
/// the same numbered paragraphs, headings, lists (as many items), tables (as many rows and
/// columns), quotations, figures, code and footnotes, in the same order.
fn check_alignment(languages: &[Language], proposals: &[Proposal]) -> Vec<String> {
    let mut warnings = Vec::new();
    for p in proposals {
        let mut versions = languages.iter().filter(|l| l.generated_from.is_none()).filter_map(|l| p.texts.get(&l.code));
        let Some(reference) = versions.next() else { continue };
        let outline = &reference.survey.outline;
        for other in versions {
            let other_outline = &other.survey.outline;
            if other_outline != outline {
                warnings.push(misalignment(p.number, outline, reference.body.path(), other_outline, other.body.path()));
            }
        }
    }
    warnings
}

/// An internal link's target: `@/proposals/some-proposal.md#p6-3` (in the same edition) or
/// `@/2030-31/proposals/some-proposal.md#p6-3` (in edition `2030-31`). `.md` and a
/// trailing `/` are optional.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InternalTarget<'a> {
    pub edition: Option<&'a str>,
    pub slug: &'a str,
    pub fragment: &'a str,
}

/// Splits an internal link into its [`InternalTarget`].
pub fn internal_target(target: &str) -> Option<InternalTarget<'_>> {
    let rest = target.strip_prefix("@/")?;
    let (edition, rest) = match rest.strip_prefix("proposals/") {
        Some(rest) => (None, rest),
        None => {
            let (edition, rest) = rest.split_once('/')?;
            (Some(edition), rest.strip_prefix("proposals/")?)
        }
    };
    let (path, fragment) = rest.split_once('#').unwrap_or((rest, ""));
    let slug = path.strip_suffix(".md").or_else(|| path.strip_suffix('/')).unwrap_or(path);
    (!slug.is_empty()).then_some(InternalTarget { edition, slug, fragment })
}

/// The proposal of `proposals` that `slug` names: its own slug, or else one of its former
/// slugs (`aliases:`), with `true` for a former one.
pub fn find_proposal<'p>(proposals: &'p [Proposal], slug: &str) -> Option<(&'p Proposal, bool)> {
    proposals.iter().find(|p| p.slug == slug).map(|p| (p, false)).or_else(|| proposals.iter().find(|p| p.aliases.iter().any(|a| a == slug)).map(|p| (p, true)))
}

/// Every internal link in a proposal must name a proposal that exists and, if it has a
/// fragment, a paragraph or heading that proposal has: a broken one is a content error
/// (the first, in file order), not a page published with a dead link. A link by a former
/// slug leads to the proposal, with a warning naming its current one. Links into another
/// edition than `own` are checked once every edition is made ([`check_links_between_editions`]).
fn check_internal_links(proposals: &[Proposal], own: &str) -> Result<Vec<String>> {
    let mut warnings = Vec::new();
    for p in proposals {
        for text in p.texts.values() {
            for link in &text.survey.internal_links {
                match internal_target(&link.target) {
                    Some(t) if t.edition.is_some_and(|e| e != own) => {}
                    target => warnings.extend(check_link(text, link, target, Some(proposals))?),
                }
            }
        }
    }
    Ok(warnings)
}

/// The links of each edition into the others: the edition must exist, and the proposal
/// and paragraph in it. Returns the warnings (links by a former slug), each with the index
/// in `sites` of the edition whose file has the link.
pub fn check_links_between_editions(sites: &[&Site]) -> Result<Vec<(usize, String)>> {
    let mut warnings = Vec::new();
    for (k, site) in sites.iter().enumerate() {
        for p in &site.proposals {
            for text in p.texts.values() {
                for link in &text.survey.internal_links {
                    let Some(target) = internal_target(&link.target) else { continue };
                    let Some(edition) = target.edition.filter(|e| *e != site.submission.name) else { continue };
                    let other = sites.iter().find(|s| s.submission.name == edition).map(|s| s.proposals.as_slice());
                    warnings.extend(check_link(text, link, Some(target), other)?.map(|w| (k, w)));
                }
            }
        }
    }
    Ok(warnings)
}

/// Checks one internal link of `text` against the proposals of the edition it points to
/// (`None`: no such edition); a link by a former slug gives a warning.
fn check_link(
    text: &ProposalText,
    link: &crate::domain::InternalLink,
    target: Option<InternalTarget>,
    proposals: Option<&[Proposal]>,
) -> Result<Option<String>> {
    let line = text.body_line + link.line - 1;
    let (problem, former) = match (target, proposals) {
        (None, _) => (
            Some(
                "not a link to a proposal: write @/proposals/SLUG.md, @/proposals/SLUG.md#p6-3 for a paragraph, or @/EDITION/proposals/SLUG.md in another edition"
                    .to_string(),
            ),
            None,
        ),
        (Some(t), None) => (Some(format!("there is no edition `{}`", t.edition.unwrap_or_default())), None),
        (Some(t), Some(proposals)) => match find_proposal(proposals, t.slug) {
            None => (Some(format!("there is no proposal `{}`", t.slug)), None),
            Some((target, former)) => (fragment_problem(target, t.fragment), former.then_some((t, target))),
        },
    };
    if let Some(problem) = problem {
        return Err(Error::at_line(text.body.path(), line, format!("broken link {}: {problem}", link.target)));
    }
    Ok(former.map(|(t, target)| {
        let edition = t.edition.map_or(String::new(), |e| format!("{e}/"));
        let fragment = if t.fragment.is_empty() { String::new() } else { format!("#{}", t.fragment) };
        format!(
            "{}:{line}: link {} names proposal {} by its former slug `{}`: it leads there, but write @/{edition}proposals/{}.md{fragment} (see README, \"Renaming a proposal\")",
            text.body.path().display(),
            link.target,
            target.number,
            t.slug,
            target.slug
        )
    }))
}

/// Footnotes that do not work as written ([`Document::footnote_problems`]), each on its line.
fn check_footnotes(proposals: &[Proposal]) -> Vec<String> {
    let texts = proposals.iter().flat_map(|p| p.texts.values()).filter(|t| !t.survey.footnote_problems.is_empty());
    let mut seen = std::collections::BTreeSet::new();
    texts
        .filter(|t| seen.insert(t.body.path().to_path_buf())) // a generated language shares its source's file
        .flat_map(|t| {
            t.survey
                .footnote_problems
                .iter()
                .map(|r| format!("{}:{}: {} (see README, \"Figures, tables, footnotes\")", t.body.path().display(), t.body_line + r.line - 1, r.what))
        })
        .collect()
}

/// Markup an author wrote that the sanitizer removes ([`crate::text::sanitize`]), each piece on
/// its line of its file.
fn check_raw_html(proposals: &[Proposal]) -> Vec<String> {
    let texts = proposals.iter().flat_map(|p| p.texts.values());
    texts
        .flat_map(|text| {
            text.survey.removed.iter().map(|r| format!("{}:{}: {} {RAW_HTML_HELP}", text.body.path().display(), text.body_line + r.line - 1, r.what))
        })
        .collect()
}

/// Markup the sanitizer removes from an intro of the site settings, `field` (on `line`).
fn check_raw_html_in_intro(site_file: &std::path::Path, line: Option<u64>, field: &str, intro: &BTreeMap<String, Document>) -> Vec<String> {
    let at = line.map_or(String::new(), |line| format!(":{line}"));
    let mut warnings = Vec::new();
    for (lang, doc) in intro {
        for r in doc.markup_removed() {
            warnings.push(format!("{}{at}: {field} ({lang}), line {} of its Markdown: {} {RAW_HTML_HELP}", site_file.display(), r.line, r.what));
        }
    }
    warnings
}

/// Where a warning about removed markup sends the reader.
const RAW_HTML_HELP: &str = "(see README, \"Raw HTML\")";

/// Whether `fragment` names an anchor of proposal `target` (`p6-3`: paragraph 3 of 6).
fn fragment_problem(target: &Proposal, fragment: &str) -> Option<String> {
    if fragment.is_empty() {
        return None;
    }
    let outline = target.texts.values().next().map_or(&[][..], |t| &t.survey.outline);
    let paragraphs = count_paragraphs(outline);
    let exists = fragment.parse::<Anchor>().is_ok_and(|a| {
        let count = match a.kind {
            AnchorKind::Paragraph => paragraphs,
            AnchorKind::Heading => outline.iter().filter(|b| matches!(b, Block::Heading(_))).count(),
            AnchorKind::Note => outline.iter().filter(|b| **b == Block::Note).count(),
        };
        a.proposal == target.number && a.index >= 1 && a.index as usize <= count
    });
    (!exists).then(|| {
        format!("proposal {} ({}) has no anchor #{fragment}: its paragraphs are #p{n}-1 to #p{n}-{paragraphs}", target.number, target.slug, n = target.number)
    })
}

fn count_paragraphs(outline: &[Block]) -> usize {
    outline.iter().filter(|b| **b == Block::Paragraph).count()
}

/// Where two outlines part: the first block that differs, named after the numbered
/// paragraph it follows, or the blocks one has beyond the other's end.
fn misalignment(number: u32, a: &[Block], a_file: &std::path::Path, b: &[Block], b_file: &std::path::Path) -> String {
    let at = a.iter().zip(b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
    let place = match count_paragraphs(&a[..at]) {
        0 => "at the start".to_string(),
        k => format!("after paragraph {number}.{k}"),
    };
    let has = |outline: &[Block]| outline.get(at).map_or("nothing more".to_string(), Block::describe);
    format!(
        "misaligned: proposal {number} has {} paragraphs in {} and {} paragraphs in {}; {place}, {} has {} where {} has {}",
        count_paragraphs(a),
        a_file.display(),
        count_paragraphs(b),
        b_file.display(),
        a_file.display(),
        has(a),
        b_file.display(),
        has(b)
    )
}

#[cfg(test)]
mod tests {
    use crate::domain::check_slug;

    #[test]
    fn slugs_are_lowercase_ascii_words_joined_by_single_hyphens() {
        for good in ["some-proposal", "a", "10-20", "three-word-slug"] {
            assert!(check_slug(good).is_ok(), "{good}");
        }
        for bad in ["", "Some", "some proposal", "some/proposal", "..", "../x", "-x", "x-", "x--y", "建議", "some_proposal", "some.proposal"] {
            assert!(check_slug(bad).is_err(), "{bad:?}");
        }
    }
}
