//! The search index: for each language edition, one JSON file with every proposal title
//! and paragraph (number, anchor, text), read by `search.js` on the edition's search page.
//!
//! The corpus of one submission is small (about 13,000 Chinese characters per edition), so
//! the index is the text itself and the script matches by substring: every run of
//! characters is findable, which is what Chinese (written without spaces) needs, with no
//! segmenter to get a new term wrong. Chinese matching is script-blind: query and text
//! are both folded to Simplified with a character table built here from OpenCC (for
//! every character of the Traditional text), so 「夜间经济」 finds 夜間經濟 on the
//! Traditional edition and 「碳標籤」 finds 碳标签 on the Simplified one. English matches
//! words by prefix ("industrial" finds "industrialisation").

use std::collections::BTreeMap;

use serde::Serialize;

use crate::convert::Converter;
use crate::markdown::is_cjk_language;
use crate::model::{Language, Site};

#[derive(Serialize)]
struct Record<'a> {
    /// Proposal number.
    n: u32,
    /// Proposal title.
    t: &'a str,
    /// The proposal page, from the search page (`../proposals/pilot-bases/`).
    u: String,
    /// Paragraph anchor (`p6-3`), empty for the title record.
    a: String,
    /// The text searched and shown.
    x: String,
}

#[derive(Serialize)]
struct Index<'a> {
    lang: &'a str,
    /// Whether the text is matched as Chinese (substrings, script-blind) or by words.
    cjk: bool,
    /// Traditional → Simplified character folding, for Chinese editions.
    fold: &'a BTreeMap<char, char>,
    records: Records<'a>,
}

/// The folding table: every character of the site's Chinese text whose Simplified form
/// differs, mapped to that form.
pub fn folding_table(site: &Site, converter: Option<&Converter>) -> BTreeMap<char, char> {
    let Some(cc) = converter else { return BTreeMap::new() };
    // The distinct characters, as a bit per code point: a site's text has millions of
    // characters but a few thousand distinct ones.
    let mut seen = vec![0u64; (char::MAX as usize >> 6) + 1];
    let mut note = |text: &str| {
        for c in text.chars() {
            seen[c as usize >> 6] |= 1 << (c as usize & 63);
        }
    };
    for p in &site.proposals {
        for (lang, text) in &p.texts {
            if is_cjk_language(lang) {
                note(&text.title);
                for paragraph in text.body.paragraph_texts() {
                    note(&paragraph);
                }
            }
        }
    }
    let chars = seen.iter().enumerate().flat_map(|(word, bits)| {
        (0..64).filter(move |bit| bits & (1 << bit) != 0).filter_map(move |bit| char::from_u32((word << 6 | bit) as u32))
    });
    chars
        .filter(|c| crate::markdown::is_wide(*c))
        .filter_map(|c| {
            let folded = cc.text(&c.to_string());
            let mut it = folded.chars();
            match (it.next(), it.next()) {
                (Some(s), None) if s != c => Some((c, s)),
                _ => None,
            }
        })
        .collect()
}

/// The index of one language edition, as JSON.
pub fn index_json(site: &Site, lang: &Language, fold: &BTreeMap<char, char>) -> String {
    let code = lang.code.as_str();
    let cjk = is_cjk_language(code);
    let empty = BTreeMap::new();
    let index = Index { lang: &lang.html_lang, cjk, fold: if cjk { fold } else { &empty }, records: Records { site, code } };
    serde_json::to_string(&index).expect("the index serialises")
}

/// The records of an edition, made one proposal at a time as they are written out: at
/// 10 000 proposals, gathering them first held a second copy of the text.
struct Records<'a> {
    site: &'a Site,
    code: &'a str,
}

impl Serialize for Records<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let code = self.code;
        let texts = self.site.proposals.iter().filter_map(move |p| Some((p, p.texts.get(code)?)));
        serializer.collect_seq(texts.flat_map(|(p, text)| {
            let u = format!("../proposals/{}/", p.slug);
            let title = Record { n: p.number, t: &text.title, u: u.clone(), a: String::new(), x: text.title.clone() };
            let paragraphs = text.body.paragraph_texts().into_iter().enumerate();
            let paragraphs = paragraphs.map(move |(k, x)| Record { n: p.number, t: &text.title, u: u.clone(), a: format!("p{}-{}", p.number, k + 1), x });
            std::iter::once(title).chain(paragraphs)
        }))
    }
}
