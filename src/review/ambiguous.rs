//! Review: the Traditional characters whose Simplified rendering a person should check,
//! read from the converter's own dictionaries, with the classic one-to-many characters
//! as a floor.
//!
//! A character is listed when its rendering depends on the phrase it is in (a phrase entry
//! gives it another form than the character table: 著作 keeps 著 where 著 alone is 着), or
//! when its Simplified form stands for more than one Traditional character (the
//! Simplified→Traditional dictionaries give 发 back as 發 or 髮), so the conversion merges
//! it with another.

use std::collections::{BTreeMap, BTreeSet};

use opencc_fmmseg::DictSlot;

use crate::text::convert::{self, Converter};

/// The classic characters with more than one Simplified rendering, listed whatever the
/// dictionaries say.
const CLASSIC: &str = "著乾藉於復複係繫髮發製佔範裡餘甦準後幹臺檯颱麵隻鬆曆歷鐘鍾";

/// Why a character is listed, as the report says it.
pub type Reasons = BTreeMap<char, String>;

/// The listed characters of `cc`'s configuration and their reasons. `plain` is the same
/// configuration without overrides (the character table's rendering of a character).
pub fn derive(cc: &Converter, plain: &Converter) -> Reasons {
    let config = cc.config();
    let render = |c: char| plain.text(&c.to_string());
    let mut phrase: BTreeMap<char, Vec<String>> = BTreeMap::new();
    let phrase_slot = convert::phrase_slot(config);
    let mut entries: Vec<(String, String)> = convert::lexicon(config)
        .into_iter()
        .filter(|(slot, _)| *slot == phrase_slot)
        .flat_map(|(_, text)| text.lines().filter_map(|l| l.split_once('\t')).map(|(k, v)| (k.to_string(), v.to_string())))
        .collect();
    entries.extend(cc.overrides.iter().cloned());
    for (source, target) in &entries {
        let (s, t): (Vec<char>, Vec<char>) = (source.chars().collect(), target.chars().collect());
        if s.len() != t.len() || s.len() < 2 {
            continue;
        }
        let differ: Vec<usize> = (0..s.len()).filter(|&i| render(s[i]) != t[i].to_string()).collect();
        // A phrase translated whole (新抱 → 媳妇) says nothing about one character.
        if differ.is_empty() || differ.len() == s.len() {
            continue;
        }
        for i in differ {
            let examples = phrase.entry(s[i]).or_default();
            let example = format!("{source} → {target}");
            if examples.len() < 3 && !examples.contains(&example) {
                examples.push(example);
            }
        }
    }
    let back = reverse(config);
    let mut reasons = Reasons::new();
    for (c, examples) in phrase {
        reasons.insert(c, format!("its rendering depends on the phrase: {} is {} alone, but {}", c, render(c), examples.join(", ")));
    }
    // Every Traditional character the dictionaries know, and the classic ones.
    let mut known: BTreeSet<char> = CLASSIC.chars().collect();
    for (_, text) in convert::lexicon(config) {
        known.extend(text.lines().filter_map(|l| l.split_once('\t')).filter(|(k, _)| k.chars().count() == 1).flat_map(|(k, _)| k.chars()));
    }
    for c in known {
        let simplified = render(c);
        if simplified == c.to_string() || reasons.contains_key(&c) {
            continue;
        }
        let forms = back.get(simplified.as_str()).map(|f| f.iter().filter(|&&f| f != c).map(char::to_string).collect::<Vec<_>>()).unwrap_or_default();
        if !forms.is_empty() && back.get(simplified.as_str()).is_some_and(|f| f.contains(&c)) {
            reasons.insert(c, format!("{c} becomes {simplified}, which also stands for {}", forms.join(" ")));
        } else if CLASSIC.contains(c) {
            reasons.insert(c, format!("{c} becomes {simplified}: one of the classic one-to-many characters"));
        }
    }
    reasons
}

/// For each character the conversion produces, every character the reverse conversion
/// gives back for it (its character table, and each phrase of the same length).
fn reverse(config: &str) -> BTreeMap<String, BTreeSet<char>> {
    let to_simplified = config.ends_with('s') || config.contains("2s");
    let (chars, phrases) = if to_simplified { (DictSlot::STCharacters, DictSlot::STPhrases) } else { (DictSlot::TSCharacters, DictSlot::TSPhrases) };
    let mut back: BTreeMap<String, BTreeSet<char>> = BTreeMap::new();
    for (slot, text) in [(chars, convert::dictionary(chars)), (phrases, convert::dictionary(phrases))] {
        for (k, v) in text.lines().filter_map(|l| l.split_once('\t')) {
            let (k, v): (Vec<char>, Vec<char>) = (k.chars().collect(), v.chars().collect());
            if k.len() != v.len() || (slot == chars && k.len() != 1) {
                continue;
            }
            for (a, b) in k.into_iter().zip(v) {
                back.entry(a.to_string()).or_default().insert(b);
            }
        }
    }
    back
}
