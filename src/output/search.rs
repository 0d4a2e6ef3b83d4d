//! The search index: for each language edition, one JSON file with every proposal title
//! and every text its pages show (paragraphs, headings, list items, table rows, quotations,
//! captions, footnotes), each with the anchor it links to, read by `search.js` on the
//! edition's search page.
//!
//! The corpus of one submission is small (about 13,000 Chinese characters per edition), so
//! the index is the text itself and the script matches by substring: every run of
//! characters is findable, which is what Chinese (written without spaces) needs, with no
//! segmenter to get a new term wrong. Chinese matching is script-blind: query and text
//! are both folded to Simplified with a character table built here from what the converter
//! does to the Traditional text's characters and phrases ([`folding_table`]), so
//! 「发展基金」 finds 發展基金 on the Traditional edition, 「電動車」 finds 电动车 on the
//! Simplified one, and 「复苏」 finds 復甦 (a phrase conversion). English matches
//! words by prefix ("industrial" finds "industrialisation").
//!
//! The records come in the order of the full text (pillar by pillar), which is how the
//! index is written: a proposal at a time, as its pages are made.

use std::collections::{BTreeMap, BTreeSet};

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

/// The folding table, made from what the converter does: to every character of the site's
/// authored Chinese text (`chars`, [`crate::domain::Site::cjk_chars`], in code point
/// order) and to every phrase of its dictionaries and override entries whose characters
/// all occur in that text. Each character and what it becomes are one class, and every
/// member of a class folds to the same character, the one most of them become (`復`, `複`
/// → `复`; `甦` → `苏`, for `復甦` becomes `复苏`; `藉` → `借`, for `藉此` becomes `借此`).
/// The client folds the query and the text with it, so a query in either script finds the
/// text in either edition, phrase conversions included. Within a phrase, only the pairs
/// OpenCC's dictionaries know (a character and one of its Simplified forms) count: a
/// reviewed change of wording (`連結` → `链接`) must not make 结 find 接. A conversion that
/// changes the number of characters (`貨櫃` → `集装箱`) has no character to fold to.
pub fn folding_table(chars: &[char], converter: Option<&Converter>) -> BTreeMap<char, char> {
    let Some(cc) = converter else { return BTreeMap::new() };
    fn aligned(from: &str, to: &str) -> Vec<(char, char)> {
        if from.chars().count() != to.chars().count() {
            return Vec::new();
        }
        from.chars().zip(to.chars()).filter(|(a, b)| a != b && crate::text::markdown::is_wide(*a)).collect()
    }
    let known: BTreeSet<(char, char)> = cc.dictionary().flat_map(|(source, targets)| targets.split(' ').flat_map(move |t| aligned(source, t))).collect();
    let mut becomes: BTreeSet<(char, char)> = BTreeSet::new();
    for c in chars {
        let c = c.to_string();
        becomes.extend(aligned(&c, &cc.text(&c)));
    }
    let in_text = |phrase: &str| phrase.chars().nth(1).is_some() && phrase.chars().all(|c| chars.binary_search(&c).is_ok());
    let phrases = cc.dictionary().map(|(source, _)| source).chain(cc.overrides.iter().map(|(source, _)| source.as_str()));
    for phrase in phrases.filter(|p| in_text(p)) {
        becomes.extend(aligned(phrase, &cc.text(phrase)).into_iter().filter(|pair| known.contains(pair)));
    }
    // The classes (union-find), each led by the character most of its members become.
    let mut parent: BTreeMap<char, char> = BTreeMap::new();
    fn find(parent: &mut BTreeMap<char, char>, c: char) -> char {
        let p = *parent.entry(c).or_insert(c);
        if p == c {
            return c;
        }
        let root = find(parent, p);
        parent.insert(c, root);
        root
    }
    for &(a, b) in &becomes {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        parent.insert(ra.max(rb), ra.min(rb));
    }
    let mut votes: BTreeMap<char, usize> = BTreeMap::new();
    for &(_, b) in &becomes {
        *votes.entry(b).or_default() += 1;
    }
    let members: Vec<char> = parent.keys().copied().collect();
    let mut lead: BTreeMap<char, char> = BTreeMap::new();
    for &c in &members {
        let root = find(&mut parent, c);
        let score = |x: char| (votes.get(&x).copied().unwrap_or(0), std::cmp::Reverse(x));
        let best = lead.entry(root).or_insert(c);
        if score(c) > score(*best) {
            *best = c;
        }
    }
    members.into_iter().filter_map(|c| Some((c, lead[&find(&mut parent, c)])).filter(|(c, to)| c != to)).collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Quotes, Submission};

    #[test]
    fn phrases_fold_their_characters_but_a_change_of_wording_does_not() {
        // The repository's theme, whose reviewed entry 連結 → 链接 is wording, not script.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let cc = Converter::load(root, &Submission::single(), "default", "zh-Hans", "hk2s", Quotes::Curly).unwrap();
        let mut chars: Vec<char> = "經濟復甦，藉此連結「接」".chars().collect();
        chars.sort();
        chars.dedup();
        let fold = folding_table(&chars, Some(&cc));
        assert_eq!((fold.get(&'甦'), fold.get(&'藉'), fold.get(&'復')), (Some(&'苏'), Some(&'借'), Some(&'复')), "復甦 → 复苏, 藉此 → 借此");
        assert_eq!((fold.get(&'連'), fold.get(&'結')), (Some(&'连'), Some(&'结')), "連結 → 链接 joins no class");
        assert_eq!((fold.get(&'接'), fold.get(&'结')), (None, None));
        assert_eq!((fold.get(&'「'), fold.get(&'」')), (Some(&'“'), Some(&'”')), "the quotation marks of `quotes: curly`");
    }
}
