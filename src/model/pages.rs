//! Model: what every page shares whatever its edition ([`SiteWide`]) — the site's own pages
//! of `content/pages/`, grouped by slug with the rules across their files (one file per
//! authored language, the same `order` and `contact` in each), and the footer's settings
//! (`revised`, `copyright`, `contact`), checked.

use std::collections::BTreeMap;
use std::path::Path;

use crate::domain::{check_slug, layout, Contact, IsoDate, Language, PageText, SitePage, SiteWide, PAGES_DIR, SITE_SETTINGS};
use crate::error::{Error, Result};
use crate::load::config::SiteInfo;
use crate::load::pages::PageFile;
use crate::load::project::display_path;
use crate::text::markdown;

/// What [`build`] found that does not stop a build.
#[derive(Debug, Default)]
pub struct Findings {
    /// Problems (`build --strict` fails on them): markup the sanitizer removes, footnotes that do not work.
    pub warnings: Vec<String>,
    /// Things left to fill in (an empty contact field): said by `check` and `build`, never a failure.
    pub notices: Vec<String>,
}

/// Builds the site-wide part of the model from the settings `info` and the page `files`,
/// for a site in `languages`.
pub fn build(root: &Path, info: SiteInfo, files: Vec<PageFile>, languages: &[Language]) -> Result<(SiteWide, Findings)> {
    let settings = display_path(root, SITE_SETTINGS);
    let mut findings = Findings::default();
    let authored: Vec<&Language> = languages.iter().filter(|l| l.generated_from.is_none()).collect();

    let revised =
        match &info.revised {
            None => None,
            Some(r) => Some(r.value.trim().parse::<IsoDate>().map_err(|()| {
                Error::at_line(&settings, r.referenced.line(), format!("revised `{}` is not a date: write it YYYY-MM-DD (2024-02-20)", r.value))
            })?),
        };
    let copyright = match &info.copyright {
        Some(c) if !(1000..=9999).contains(&c.value) => {
            return Err(Error::at_line(
                &settings,
                c.referenced.line(),
                format!("copyright `{}` is not a year: write the year the copyright line names (2024)", c.value),
            ));
        }
        Some(c) => Some(c.value),
        None => revised.map(|d| d.year),
    };
    let contact = contact(&info, &settings, &authored, &mut findings)?;

    let mut by_slug: BTreeMap<String, Vec<PageFile>> = BTreeMap::new();
    for file in files {
        check_file(&file, languages)?;
        by_slug.entry(file.slug.clone()).or_default().push(file);
    }
    let mut pages = Vec::new();
    for (slug, files) in by_slug {
        pages.push(page(root, slug, files, &authored, info.contact.is_some(), &mut findings)?);
    }
    pages.sort_by(|a, b| (a.order.is_none(), a.order, &a.slug).cmp(&(b.order.is_none(), b.order, &b.slug)));
    Ok((SiteWide { pages, revised, copyright, contact, name: None }, findings))
}

/// The rules about one page file on its own: its language, its slug.
fn check_file(file: &PageFile, languages: &[Language]) -> Result<()> {
    crate::model::check_file_language(&file.path, &file.lang, languages)?;
    check_slug(&file.slug).map_err(|why| Error::in_file(&file.path, format!("the page's name `{}` (its file name up to the language) {why}", file.slug)))?;
    if layout::reserved_page_slug(&file.slug) {
        return Err(Error::in_file(
            &file.path,
            format!("a page cannot be named `{}`: full, search, pillars, proposals and numbers are the addresses of other pages; rename the file", file.slug),
        ));
    }
    let body_line = |line: u64| file.body_line + line - 1;
    if let Some(link) = file.survey.internal_links.first() {
        return Err(Error::at_line(
            &file.path,
            body_line(link.line),
            format!(
                "{}: a page of content/pages/ cannot use @/ links (they name a proposal of one edition); link with the proposal's address instead",
                link.target
            ),
        ));
    }
    if let Some(image) = file.survey.images.first() {
        return Err(Error::at_line(&file.path, body_line(image.line), format!("{}: a page of content/pages/ cannot show an image", image.dest)));
    }
    Ok(())
}

/// The page `slug` from its `files` (one per authored language, each checked).
fn page(root: &Path, slug: String, mut files: Vec<PageFile>, authored: &[&Language], has_contact: bool, findings: &mut Findings) -> Result<SitePage> {
    // The first authored language's file is the one the others are compared with.
    files.sort_by_key(|f| authored.iter().position(|l| l.code == f.lang));
    for l in authored {
        if !files.iter().any(|f| f.lang == l.code) {
            let present = &files[0].path;
            let missing = display_path(root, &format!("{PAGES_DIR}/{slug}.{}.md", l.code));
            return Err(Error::in_file(
                &missing,
                format!("missing: the page `{slug}` has {} but no {} text; every page needs a file in each authored language", present.display(), l.code),
            ));
        }
    }
    let first = &files[0];
    let order = first.front.order.as_ref().map(|o| o.value);
    let contact = first.front.contact.as_ref().is_some_and(|c| c.value);
    for file in &files {
        let front = &file.front;
        let own = front.order.as_ref().map(|o| o.value);
        if own != order {
            let line = front.order.as_ref().map_or(1, |o| o.referenced.line());
            let shown = |o: Option<u32>| o.map_or("none".to_string(), |o| o.to_string());
            return Err(Error::at_line(
                &file.path,
                line,
                format!("order {} differs from {} ({}): give every language of a page the same order", shown(own), first.path.display(), shown(order)),
            ));
        }
        if front.contact.as_ref().is_some_and(|c| c.value) != contact {
            let line = front.contact.as_ref().map_or(1, |c| c.referenced.line());
            return Err(Error::at_line(&file.path, line, format!("contact differs from {}: give every language of a page the same", first.path.display())));
        }
        if let Some(c) = front.contact.as_ref().filter(|c| c.value && !has_contact) {
            return Err(Error::at_line(
                &file.path,
                c.referenced.line(),
                format!("contact: true shows the contact details of {SITE_SETTINGS}, which has no `contact:` (email, phone, address)"),
            ));
        }
        for r in file.survey.removed.iter().chain(&file.survey.footnote_problems) {
            findings.warnings.push(format!("{}:{}: {}", file.path.display(), file.body_line + r.line - 1, r.what));
        }
    }
    let texts = files
        .into_iter()
        .map(|f| {
            let text = PageText {
                title: markdown::smarten(f.front.title.value.trim(), &f.lang),
                description: f.front.description.as_deref().map(|d| markdown::smarten(d, &f.lang)),
                body: f.source,
            };
            (f.lang, text)
        })
        .collect();
    Ok(SitePage { slug, order, contact, texts })
}

/// The contact details of `info`, each field checked, with a notice for each left empty.
fn contact(info: &SiteInfo, settings: &Path, authored: &[&Language], findings: &mut Findings) -> Result<Contact> {
    let Some(config) = &info.contact else { return Ok(Contact::default()) };
    let at = config.referenced.line();
    let mut empty = |field: &str, line: u64| {
        findings.notices.push(format!(
            "{}:{line}: contact.{field} is empty: fill it in for readers to reach the publisher (the contact page shows only the fields filled in)",
            settings.display()
        ))
    };
    let value =
        |field: &Option<serde_saphyr::Spanned<String>>| field.as_ref().map_or((String::new(), at), |f| (f.value.trim().to_string(), f.referenced.line()));
    let (email, email_line) = value(&config.value.email);
    let (phone, phone_line) = value(&config.value.phone);
    if email.is_empty() {
        empty("email", email_line);
    } else if email.contains(char::is_whitespace) || email.matches('@').count() != 1 || email.starts_with('@') || email.ends_with('@') {
        return Err(Error::at_line(settings, email_line, format!("contact.email `{email}` is not an email address")));
    }
    if phone.is_empty() {
        empty("phone", phone_line);
    } else if !phone.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c)) {
        return Err(Error::at_line(settings, phone_line, format!("contact.phone `{phone}`: write digits, spaces, +, - and parentheses only (+852 1234 5678)")));
    }
    let mut address = BTreeMap::new();
    let (given, address_line) = config.value.address.as_ref().map_or((None, at), |a| (Some(&a.value), a.referenced.line()));
    if let Some(key) = given.into_iter().flat_map(|a| a.keys()).find(|k| !authored.iter().any(|l| &l.code == *k)) {
        return Err(Error::at_line(settings, address_line, format!("contact.address has text for `{key}`, which is not an authored language")));
    }
    for l in authored {
        match given.and_then(|a| a.get(&l.code)).map(|a| a.trim()).filter(|a| !a.is_empty()) {
            Some(text) => {
                address.insert(l.code.clone(), text.to_string());
            }
            None => empty(&format!("address.{}", l.code), address_line),
        }
    }
    Ok(Contact { email, phone, address })
}
