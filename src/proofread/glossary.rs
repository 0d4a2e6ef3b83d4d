//! The terminology check: wherever the Chinese text of a proposal uses a name of the
//! glossary, the English text of the same proposal uses its official English form.
//!
//! The glossary is a UTF-8 text file, one name a line, two columns separated by a TAB:
//! the Chinese forms (`|` between alternatives; spaces ignored) and the English forms (`|`
//! between acceptable alternatives; matched case-insensitively, anywhere in the text, so
//! `local industr` accepts "local industry" and "local industries"). Lines starting with
//! `#` and blank lines are comments.
//!
//! A proposal's text is its title and its body, read as the page shows it (Markdown
//! markup parsed away, so an italic name still counts; straight and typographic quotes
//! are the same). At each place the Chinese text uses the longest form that matches
//! (`產學研1+計劃` is that scheme, and not also `產學研`), within one paragraph. The
//! settings are checked the same way, each with its English counterpart: the publisher,
//! the title, the date, the intro, each pillar's title and intro.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use super::text::{Authored, Line, Place};
use super::Findings;
use crate::domain::{Document, Localized, Site};
use crate::error::{Error, Result};
use crate::load::project::display_path;

/// One name of the glossary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its line in the glossary file.
    pub line: u64,
    /// The Chinese forms, without whitespace.
    pub zh: Vec<String>,
    /// The English forms, as written.
    pub en: Vec<String>,
}

/// Reads a glossary file (`shown` in messages).
pub fn parse(text: &str, shown: &Path) -> Result<Vec<Entry>> {
    let mut entries = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let at = |message: &str| {
            Error::at_line(shown, i as u64 + 1, format!("{message}; a glossary line is: Chinese forms, a TAB, English forms (see README, \"Content\")"))
        };
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((zh, en)) = line.split_once('\t') else { return Err(at("no TAB between the Chinese and the English forms")) };
        if en.contains('\t') {
            return Err(at("more than two columns"));
        }
        let zh: Vec<String> = zh.split('|').map(|f| f.chars().filter(|c| !c.is_whitespace()).collect()).collect();
        let en: Vec<String> = en.split('|').map(|f| f.trim().to_string()).collect();
        if zh.iter().chain(&en).any(String::is_empty) {
            return Err(at("an empty form"));
        }
        entries.push(Entry { line: i as u64 + 1, zh, en });
    }
    Ok(entries)
}

/// Finds the glossary names a Chinese text uses: at each place, the longest form.
struct Matcher<'a> {
    entries: &'a [Entry],
    /// Forms by their first character, longest first: (the form, its entry).
    by_first: HashMap<char, Vec<(Vec<char>, usize)>>,
    /// Each entry's English forms, normalised ([`normalized`]).
    english: Vec<Vec<String>>,
}

impl<'a> Matcher<'a> {
    fn new(entries: &'a [Entry]) -> Matcher<'a> {
        let mut by_first: HashMap<char, Vec<(Vec<char>, usize)>> = HashMap::new();
        for (i, entry) in entries.iter().enumerate() {
            for form in &entry.zh {
                let chars: Vec<char> = form.chars().collect();
                by_first.entry(chars[0]).or_default().push((chars, i));
            }
        }
        by_first.values_mut().for_each(|forms| forms.sort_by_key(|(form, _)| std::cmp::Reverse(form.len())));
        let english = entries.iter().map(|e| e.en.iter().map(|f| normalized(f)).collect()).collect();
        Matcher { entries, by_first, english }
    }

    /// The entries `text` uses, each once, in the order of first use: (entry, the form
    /// used, where it is first used).
    fn uses<'t>(&self, text: &'t Authored) -> Vec<(usize, String, &'t Place)> {
        let mut found: Vec<(usize, String, &Place)> = Vec::new();
        for block in text.blocks() {
            let mut chars = Vec::new();
            let mut places = Vec::new();
            for run in block {
                for c in run.text.chars().filter(|c| !c.is_whitespace()) {
                    chars.push(c);
                    places.push(&text.places[run.place]);
                }
            }
            let mut at = 0;
            while at < chars.len() {
                let hit = self.by_first.get(&chars[at]).and_then(|forms| forms.iter().find(|(form, _)| chars[at..].starts_with(form)));
                match hit {
                    Some((form, entry)) => {
                        if !found.iter().any(|(e, _, _)| e == entry) {
                            found.push((*entry, form.iter().collect(), places[at]));
                        }
                        at += form.len();
                    }
                    None => at += 1,
                }
            }
        }
        found
    }
}

/// English text as names are matched in it: lower case, typographic quotes as straight
/// ones, each run of whitespace one space.
fn normalized(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = match c {
            '‘' | '’' => '\'',
            '“' | '”' => '"',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if !(c == ' ' && (out.is_empty() || out.ends_with(' '))) {
            out.extend(c.to_lowercase());
        }
    }
    out.trim_end().to_string()
}

/// A text checked on its own: a proposal, or a setting.
struct Unit {
    /// How messages name it: `proposal 6`, `pillar 1's title`.
    name: String,
    /// Where its English text is, for messages.
    english_at: String,
    zh: Authored,
    en: Authored,
}

/// Checks every proposal and setting that has a text in both `from` and `to` against the
/// glossary `entries` (the file `shown`).
pub fn check(root: &Path, site: &Site, from: &str, to: &str, shown: &Path, entries: &[Entry], findings: &mut Findings) -> Result<()> {
    let matcher = Matcher::new(entries);
    let mut units = settings_units(root, site, from, to);
    for q in &site.proposals {
        let (Some(zh), Some(en)) = (q.texts.get(from), q.texts.get(to)) else { continue };
        let mut unit =
            Unit { name: format!("proposal {}", q.number), english_at: en.body.path().display().to_string(), zh: Authored::default(), en: Authored::default() };
        for (text, lang, authored) in [(zh, from, &mut unit.zh), (en, to, &mut unit.en)] {
            let file: Arc<Path> = text.body.path().into();
            authored.plain(&text.title, Place::new(&file, Line::Key("title:"), format!("proposal {}'s title", q.number)));
            authored.markdown(&text.body.read()?, lang, &file, text.body_line, Some(q.number));
        }
        units.push(unit);
    }
    let (mut uses, mut proposals, warnings_before) = (0, 0, findings.warnings.len());
    for unit in &units {
        let english = normalized(&unit.en.joined());
        let used = matcher.uses(&unit.zh);
        uses += used.len();
        proposals += usize::from(unit.name.starts_with("proposal ") && !used.is_empty());
        for (i, form, place) in used {
            if matcher.english[i].iter().any(|f| english.contains(f.as_str())) {
                continue;
            }
            let entry = &matcher.entries[i];
            let wanted: Vec<String> = entry.en.iter().map(|f| format!("“{f}”")).collect();
            let part = if *place.what == *unit.name { String::new() } else { format!(", {}", place.what) };
            findings.warnings.push(format!(
                "{}: glossary: {} uses 「{form}」 ({}{part}), but its English text has no {} ({}:{})",
                unit.english_at,
                unit.name,
                place.locate(),
                wanted.join(" or "),
                shown.display(),
                entry.line
            ));
        }
    }
    if findings.warnings.len() == warnings_before {
        findings.notes.push(format!(
            "glossary: each of the {uses} uses of a name of {} in the {from} text ({proposals} proposals and the settings) has its official form in the {to} text",
            shown.display()
        ));
    }
    Ok(())
}

/// The settings with text in both languages: the publisher, the title, the date, the
/// intro, and each pillar's title and intro.
fn settings_units(root: &Path, site: &Site, from: &str, to: &str) -> Vec<Unit> {
    let site_file: Arc<Path> = display_path(root, &site.submission.settings).into();
    let mut units = Vec::new();
    let mut plain = |name: String, map: &Localized| {
        let (Some(zh), Some(en)) = (map.get(from), map.get(to)) else { return };
        let mut unit = Unit { name: name.clone(), english_at: Place::new(&site_file, Line::Holding(en.clone()), "").locate(), ..empty() };
        unit.zh.plain(zh, Place::new(&site_file, Line::Holding(zh.clone()), name.clone()));
        unit.en.plain(en, Place::new(&site_file, Line::Holding(en.clone()), name));
        units.push(unit);
    };
    plain("the publisher".into(), &site.publisher);
    plain("the title".into(), &site.title);
    plain("the date".into(), &site.date);
    for p in &site.pillars {
        plain(format!("pillar {}'s title", p.number), &p.title);
    }
    let mut intro = |name: String, docs: &std::collections::BTreeMap<String, Document>| {
        let (Some(zh), Some(en)) = (docs.get(from), docs.get(to)) else { return };
        let mut unit = Unit { name: name.clone(), english_at: site_file.display().to_string(), ..empty() };
        unit.zh.document(zh, Place::new(&site_file, Line::Holding(first_text(zh)), name.clone()));
        unit.en.document(en, Place::new(&site_file, Line::Holding(first_text(en)), name));
        unit.english_at = unit.en.places.first().map_or(unit.english_at, Place::locate);
        units.push(unit);
    };
    intro("the intro".into(), &site.intro);
    for p in &site.pillars {
        intro(format!("pillar {}'s intro", p.number), &p.intro);
    }
    units
}

fn empty() -> Unit {
    Unit { name: String::new(), english_at: String::new(), zh: Authored::default(), en: Authored::default() }
}

/// The first piece of text of a parsed Markdown text: what finds its line in the settings.
fn first_text(doc: &Document) -> String {
    doc.events.iter().find_map(|e| if let pulldown_cmark::Event::Text(t) = e { Some(t.to_string()) } else { None }).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(tsv: &str) -> Vec<Entry> {
        parse(tsv, Path::new("g.tsv")).unwrap()
    }

    #[test]
    fn the_longest_form_is_taken_within_a_paragraph() {
        let glossary = entries("# names\n\n產學研 1+計劃\tRAISe+ Scheme\n產學研\tindustry-academia-research\n河套區|河套\tLok Ma Chau Loop\n港深創科園\tHong Kong-Shenzhen Innovation and Technology Park\n");
        assert_eq!(glossary[0], Entry { line: 3, zh: vec!["產學研1+計劃".into()], en: vec!["RAISe+ Scheme".into()] });
        let matcher = Matcher::new(&glossary);
        let file: Arc<Path> = Path::new("p.md").into();
        let mut text = Authored::default();
        text.markdown("位於*河套區*的港深創\n科園以「產學研 1+計劃」\n\n港深創科\n\n園", "zh-Hant", &file, 1, Some(1));
        let used: Vec<(usize, String, Option<u64>)> = matcher.uses(&text).into_iter().map(|(e, f, p)| (e, f, p.line())).collect();
        // 河套區 not also 河套; 產學研 inside the scheme's name not counted; a name split
        // between two paragraphs is not a use.
        assert_eq!(used, [(2, "河套區".into(), Some(1)), (3, "港深創科園".into(), Some(1)), (0, "產學研1+計劃".into(), Some(2))]);
    }

    #[test]
    fn english_is_matched_without_case_quotes_or_line_breaks_mattering() {
        assert_eq!(normalized("The  Harbour Traders’\nGuild “of” HK "), "the harbour traders' guild \"of\" hk");
    }

    #[test]
    fn a_bad_line_is_an_error_on_its_line() {
        for (tsv, says) in [("# c\n電動車 electric vehicle\n", "no TAB"), ("電動車\tEV\tx\n", "two columns"), ("電動車|\telectric vehicle\n", "empty form")]
        {
            let e = parse(tsv, Path::new("g.tsv")).unwrap_err();
            assert!(e.message.contains(says), "{e}");
            assert_eq!(e.line, Some(if tsv.starts_with('#') { 2 } else { 1 }));
        }
    }
}
