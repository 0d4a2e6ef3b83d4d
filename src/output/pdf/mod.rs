//! The PDF of an edition in one language, made by the build itself: the same content as
//! the full-text page, typeset with Typst (used as a library) — A4, a cover, a table of
//! contents with page numbers, paragraph numbers in the margin, bookmarks per pillar and
//! proposal, text set in embedded subsets of Noto CJK ([`fonts`]), the document's
//! language, links back to the site. [`markup`] and [`body`] write the markup, [`world`]
//! is what Typst reads, and this module compiles and exports it.

mod body;
mod fonts;
mod markup;
mod world;

use std::cell::RefCell;
use std::collections::BTreeMap;

use typst::foundations::{Bytes, Smart};

pub use fonts::{Fonts, FONT_DIR_VARIABLE, MISSING};

use crate::domain::{layout, LangId, Language, Localized, Site};
use crate::error::{Error, Result};
use crate::output::render::{self, Inputs};

/// The PDF's path in the output: `{prefix}/{name}.pdf` in the edition's folder, named after
/// the edition (`2030-31/en/2030-31.pdf`), or `document` for a single submission
/// (`en/document.pdf`); the same in every language apart from the prefix.
pub fn path(site: &Site, lang: &Language) -> String {
    let name = if site.submission.is_edition() { site.submission.name.as_str() } else { "document" };
    format!("{}{}{name}.pdf", site.submission.path(), layout::home(&lang.prefix))
}

/// A file's size as a reader is told it: `850 KB`, `1.2 MB` (decimal units).
pub fn size(bytes: usize) -> String {
    match bytes {
        b if b < 1_000_000 => format!("{} KB", b.div_ceil(1000)),
        b => format!("{:.1} MB", b as f64 / 1e6),
    }
}

/// Makes the PDF of `inputs`' edition in language `lang`.
pub fn make(inputs: &Inputs, lang: LangId, fonts: &Fonts) -> Result<Vec<u8>> {
    let site = inputs.site;
    let language = site.language(lang);
    let code = language.code.as_str();
    let t = &inputs.theme.strings[code];
    let word = |key: &str| t.get(key).map_or("", String::as_str);
    let url_of = |dir: String| site.base_url.as_ref().map(|b| b.join(&dir));
    let front = markup::Front {
        publisher: &site.publisher[code],
        title: &site.title[code],
        date: &site.date[code],
        html_lang: &language.html_lang,
        url: url_of(format!("{}{}", site.submission.path(), layout::home(&language.prefix))),
        created: created(&site.date),
        contents: word("full_contents"),
        accent: site.identity.colours.as_ref().map(|c| c.light.as_str()),
    };
    let mut markup = markup::preamble(&front);
    markup.push_str(&markup::cover(&front));
    markup.push_str(&markup::contents(&front));
    let files: RefCell<BTreeMap<String, Bytes>> = RefCell::new(BTreeMap::new());
    for pi in site.pillar_ids() {
        let pillar = site.pillar(pi);
        markup.push_str(&markup::pillar(&format!("{} {}", word("pillar_n").replace("{n}", &pillar.number.to_string()), pillar.title[code])));
        for (q, proposal) in site.proposals_of(pi) {
            let page = url_of(format!("{}{}", site.submission.path(), layout::proposal(&language.prefix, &proposal.slug)));
            markup.push_str(&markup::proposal(proposal.number, site.proposal_title(proposal, code), page.as_deref()));
            let (Some(text), Some(source)) = (proposal.texts.get(code), inputs.markdown(lang, q)?) else {
                markup.push_str(&markup::notice(word("translation_in_preparation")));
                continue;
            };
            let doc = inputs.document(lang, &source);
            let image = |dest: &str| {
                let image = &site.images[*text.images.get(dest)?];
                let path = format!("/{}", image.output);
                files.borrow_mut().entry(path.clone()).or_insert_with(|| Bytes::new(image.bytes.clone()));
                Some(body::Picture { path, width: image.width })
            };
            let link_to = |target: &str| render::internal_url(inputs, language, target);
            let cx = body::Context { proposal: proposal.number, page_url: page.as_deref(), link_to: &link_to, image: &image };
            markup.push_str(&body::to_typst(&doc, &cx));
        }
    }
    let world = world::World::new(markup, files.into_inner(), fonts);
    let failed = |what: &str, errors: &[typst::diag::SourceDiagnostic]| {
        let messages: Vec<String> = errors.iter().map(|e| e.message.to_string()).collect();
        Error::msg(format!("{}: could not {what} the PDF: {}", path(site, language), messages.join("; ")))
    };
    // The document's type (Typst's paged layout) is what the PDF exporter takes.
    let document = typst::compile(&world).output.map_err(|e| failed("typeset", &e))?;
    let options = typst_pdf::PdfOptions { ident: Smart::Custom(path(site, language)), ..Default::default() };
    typst_pdf::pdf(&document, &options).map_err(|e| failed("write", &e))
}

/// The date a PDF records as its creation, read from the content's `date` (the first
/// language's that gives a year: `2023 年 12 月`, `December 2023`), the first of its month
/// when it names no day; none when no date reads as one. Never the clock: two builds of the
/// same content make the same file.
fn created(date: &Localized) -> Option<(i32, u8, u8)> {
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    date.values().find_map(|text| {
        let numbers: Vec<u32> = text.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect();
        let year = *numbers.iter().find(|&&n| (1900..=2200).contains(&n))?;
        let rest: Vec<u32> = numbers.iter().copied().filter(|&n| n != year).collect();
        let lower = text.to_lowercase();
        let named = MONTHS.iter().position(|m| lower.split(|c: char| !c.is_alphabetic()).any(|w| w.len() >= 3 && w.starts_with(m)));
        let (month, day) = match named {
            Some(m) => (m as u32 + 1, rest.first().copied()),
            None => (*rest.first()?, rest.get(1).copied()),
        };
        let day = day.filter(|d| (1..=31).contains(d)).unwrap_or(1);
        ((1..=12).contains(&month)).then_some((year as i32, month as u8, day as u8))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_creation_date_is_read_from_the_content_in_either_language() {
        let date = |pairs: &[(&str, &str)]| -> Localized { pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect() };
        assert_eq!(created(&date(&[("zh-Hant", "2023 年 12 月")])), Some((2023, 12, 1)));
        assert_eq!(created(&date(&[("en", "December 2023")])), Some((2023, 12, 1)));
        assert_eq!(created(&date(&[("en", "5 March 2031")])), Some((2031, 3, 5)));
        assert_eq!(created(&date(&[("zh-Hant", "某年某月"), ("en", "Some month")])), None);
        assert_eq!(size(850_400), "851 KB");
        assert_eq!(size(1_234_567), "1.2 MB");
    }
}
