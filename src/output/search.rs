//! The search index: for each language edition, one JSON file with every proposal title
//! and every text its pages show (paragraphs, headings, list items, table rows, quotations,
//! captions, footnotes), each with the anchor it links to, read by `search.js` on the
//! edition's search page.
//!
//! The corpus of one submission is small (about 13,000 Chinese characters per edition), so
//! the index is the text itself and the script matches by substring: every run of
//! characters is findable, which is what Chinese (written without spaces) needs, with no
//! segmenter to get a new term wrong. Chinese matching is script-blind: query and text
//! are both folded to Simplified with a character table built here from OpenCC (for
//! every character of the Traditional text), so 「发展基金」 finds 發展基金 on the
//! Traditional edition and 「電動車」 finds 电动车 on the Simplified one. English matches
//! words by prefix ("industrial" finds "industrialisation").
//!
//! The records come in the order of the full text (pillar by pillar), which is how the
//! index is written: a proposal at a time, as its pages are made.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::domain::{layout, Anchor, Language, Proposal, ProposalText};
use crate::text::convert::Converter;
use crate::text::markdown::is_cjk_language;
use crate::text::structure::{Spot, Unit};

#[derive(Serialize)]
struct Record<'a> {
    /// Proposal number.
    n: u32,
    /// Proposal title.
    t: &'a str,
    /// The proposal page, from the search page (`../proposals/some-proposal/`).
    u: String,
    /// The anchor it links to (`p6-3`, `h6-1`, `fn-6-1`), empty for the title record.
    a: String,
    /// Where it is, as the result shows it: the paragraph's number (`6.3`), the note's
    /// name ("Note 1"), nothing for a heading.
    w: String,
    /// The text searched and shown.
    x: &'a str,
}

/// The start of an index, up to its records.
#[derive(Serialize)]
struct Head<'a> {
    lang: &'a str,
    /// Whether the text is matched as Chinese (substrings, script-blind) or by words.
    cjk: bool,
    /// Traditional → Simplified character folding, for Chinese editions.
    fold: &'a BTreeMap<char, char>,
}

/// The folding table: every character of the site's authored Chinese text (`chars`,
/// [`crate::domain::Site::cjk_chars`]) whose converted (Simplified) form differs, mapped to that form.
/// The generated edition's text is the converted form itself, so the table folds
/// either script of a query onto it.
pub fn folding_table(chars: &[char], converter: Option<&Converter>) -> BTreeMap<char, char> {
    let Some(cc) = converter else { return BTreeMap::new() };
    chars
        .iter()
        .filter(|c| crate::text::markdown::is_wide(**c))
        .filter_map(|&c| {
            let folded = cc.text(&c.to_string());
            let mut it = folded.chars();
            match (it.next(), it.next()) {
                (Some(s), None) if s != c => Some((c, s)),
                _ => None,
            }
        })
        .collect()
}

/// An edition's index is written as it is made, one proposal at a time: this head, then
/// each proposal's [`records`] separated by commas, then [`INDEX_TAIL`]. At 10 000
/// proposals an index is tens of megabytes.
pub fn index_head(lang: &Language, fold: &BTreeMap<char, char>) -> String {
    let cjk = is_cjk_language(&lang.code);
    let empty = BTreeMap::new();
    let mut json = serde_json::to_string(&Head { lang: &lang.html_lang, cjk, fold: if cjk { fold } else { &empty } }).expect("the index serialises");
    json.pop(); // the closing brace: the records follow
    json.push_str(r#","records":["#);
    json
}

/// The end of an index, after its records.
pub const INDEX_TAIL: &str = "]}";

/// The records of one proposal text in `lang`, its title and every piece of text its page
/// shows (`units`: paragraphs, headings, list items, table rows, quotations, captions,
/// code, footnotes), each linking to the nearest anchor: its paragraph (the one it belongs
/// to), its heading or its footnote. `note` names a footnote ("Note {n}").
pub fn records(lang: &Language, p: &Proposal, text: &ProposalText, units: &[Unit], note: &str) -> String {
    // The search page links to each proposal, from its own folder to the proposal's.
    let u = layout::relative(&layout::search(&lang.prefix), &layout::proposal(&lang.prefix, &p.slug));
    let title = Record { n: p.number, t: &text.title, u: u.clone(), a: String::new(), w: String::new(), x: &text.title };
    let units = units.iter().map(|unit| {
        let (anchor, shown) = match unit.spot {
            Spot::Start | Spot::Paragraph(_) => {
                let k = if let Spot::Paragraph(k) = unit.spot { k } else { 1 };
                let anchor = Anchor::paragraph(p.number, k);
                (anchor, anchor.number())
            }
            Spot::Heading(k) => (Anchor::heading(p.number, k), String::new()),
            Spot::Note(k) => (Anchor::note(p.number, k), note.replace("{n}", &k.to_string())),
        };
        Record { n: p.number, t: &text.title, u: u.clone(), a: anchor.to_string(), w: shown, x: &unit.text }
    });
    let records: Vec<String> = std::iter::once(title).chain(units).map(|r| serde_json::to_string(&r).expect("a record serialises")).collect();
    records.join(",")
}
