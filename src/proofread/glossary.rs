//! The terminology check: wherever a paragraph of a proposal's Chinese text uses a name of
//! the glossary, the same paragraph of its English text uses the official English form,
//! and no English text uses a known wrong rendering of a name.
//!
//! The glossary is a UTF-8 text file, one name a line, columns separated by a TAB: the
//! Chinese forms (`|` between alternatives; spaces ignored), the English forms (`|`
//! between acceptable alternatives; matched case-insensitively, anywhere in the text, so
//! `local industr` accepts "local industry" and "local industries") and, optionally, known
//! wrong English renderings (`|` between them; matched the same way). Lines starting with
//! `#` and blank lines are comments.
//!
//! A proposal's text is its title and its body, read as the page shows it (Markdown
//! markup parsed away, so an italic name still counts; straight and typographic quotes
//! are the same), cut into sections as the alignment check pairs the language versions:
//! the title, and each top-level paragraph or heading with the lists, tables and
//! quotations that follow it ([`Authored`]). At each place the Chinese text uses the
//! longest form that matches (`產學研1+計劃` is that scheme, and not also `產學研`), within
//! one paragraph. Section k of the Chinese using a name, once or more, asks for one of its
//! English forms in section k of the English (a name repeated may become "the Fund" in
//! English). The settings are checked the same way, each with its English counterpart:
//! the publisher, the title, the date, the intro, each pillar's title and intro.

use std::collections::{BTreeMap, HashMap};
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
    /// Known wrong English renderings, as written (the optional third column).
    pub wrong: Vec<String>,
}

/// Reads a glossary file (`shown` in messages).
pub fn parse(text: &str, shown: &Path) -> Result<Vec<Entry>> {
    let mut entries = Vec::new();
    let at = |line: u64, message: &str| {
        Error::at_line(
            shown,
            line,
            format!("{message}; a glossary line is: Chinese forms, a TAB, English forms, and optionally a TAB and wrong English renderings (see README, \"Content\")"),
        )
    };
    for (i, line) in text.lines().enumerate() {
        let number = i as u64 + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        if columns.len() < 2 {
            return Err(at(number, "no TAB between the Chinese and the English forms"));
        }
        if columns.len() > 3 {
            return Err(at(number, "more than three columns"));
        }
        let zh: Vec<String> = columns[0].split('|').map(|f| f.chars().filter(|c| !c.is_whitespace()).collect()).collect();
        let english = |column: &str| -> Vec<String> { column.split('|').map(|f| f.trim().to_string()).collect() };
        let (en, wrong) = (english(columns[1]), columns.get(2).map(|c| english(c)).unwrap_or_default());
        if zh.iter().chain(&en).chain(&wrong).any(String::is_empty) {
            return Err(at(number, "an empty form"));
        }
        entries.push(Entry { line: number, zh, en, wrong });
    }
    // A wrong rendering inside an official form would flag the official form itself.
    for entry in &entries {
        for wrong in &entry.wrong {
            let w = normalized(wrong);
            if let Some(official) = entries.iter().flat_map(|e| e.en.iter().map(move |f| (e, f))).find(|(_, f)| normalized(f).contains(&w)) {
                return Err(at(entry.line, &format!("the wrong rendering “{wrong}” is part of the official form “{}” (line {})", official.1, official.0.line)));
            }
        }
    }
    Ok(entries)
}

/// One use of a glossary name in a Chinese text.
struct Use<'t> {
    entry: usize,
    /// The Chinese form used.
    form: String,
    /// The section it is in ([`Authored`]).
    section: u32,
    place: &'t Place,
}

/// Finds the glossary names a Chinese text uses: at each place, the longest form.
struct Matcher<'a> {
    entries: &'a [Entry],
    /// Forms by their first character, longest first: (the form, its entry).
    by_first: HashMap<char, Vec<(Vec<char>, usize)>>,
    /// Each entry's English forms, normalised ([`normalized`]).
    english: Vec<Vec<String>>,
    /// Each entry's wrong renderings, normalised.
    wrong: Vec<Vec<String>>,
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
        let wrong = entries.iter().map(|e| e.wrong.iter().map(|f| normalized(f)).collect()).collect();
        Matcher { entries, by_first, english, wrong }
    }

    /// Every use of a name in `text`, in reading order. A name is found within one block
    /// (a paragraph, a heading, a list item), never across two.
    fn uses<'t>(&self, text: &'t Authored) -> Vec<Use<'t>> {
        let mut found = Vec::new();
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
                        found.push(Use { entry: *entry, form: form.iter().collect(), section: block[0].section, place: places[at] });
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

/// A section of a unit's English text: its text (normalised) and where it is.
struct Section {
    text: String,
    at: String,
}

impl Unit {
    /// The English text by section number. Where the two versions do not have the same
    /// sections (the alignment check reports that), the whole English text is section 0,
    /// and every use is looked up in it.
    fn english_sections(&self) -> (bool, BTreeMap<u32, Section>) {
        let aligned = self.zh.sections == self.en.sections;
        let mut sections = BTreeMap::new();
        if !aligned {
            sections.insert(0, Section { text: normalized(&self.en.joined()), at: self.english_at.clone() });
            return (false, sections);
        }
        for runs in self.en.by_section() {
            // Blocks apart, as in [`Authored::joined`]: a name never runs from one into the next.
            let mut text = String::new();
            for block in runs.chunk_by(|a, b| a.block == b.block) {
                text.push('\n');
                block.iter().for_each(|r| text.push_str(&r.text));
            }
            sections.insert(runs[0].section, Section { text: normalized(&text), at: self.en.places[runs[0].place].locate() });
        }
        (true, sections)
    }

    /// How messages name the part of the unit a Chinese place is in: `paragraph 6.3`,
    /// `proposal 6's title`, `proposal 6, a heading`, `pillar 1's title`.
    fn part(&self, place: &Place) -> String {
        let what = &*place.what;
        if what.starts_with("paragraph ") || what.contains(&*self.name) || self.name.contains(what) {
            what.to_string()
        } else {
            format!("{}, {what}", self.name)
        }
    }
}

/// Checks every proposal and setting that has a text in both `from` and `to` against the
/// glossary `entries` (the file `shown`), section by section: where section k of the Chinese
/// text uses a name (once or more), section k of the English text must have one of its
/// English forms; and no English text may have one of the wrong renderings.
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
        let (aligned, english) = unit.english_sections();
        let used = matcher.uses(&unit.zh);
        uses += used.len();
        proposals += usize::from(unit.name.starts_with("proposal ") && !used.is_empty());
        // Each name once per section, at its first use there.
        let mut reported: Vec<(u32, usize)> = Vec::new();
        for u in &used {
            let section = if aligned { u.section } else { 0 };
            if reported.contains(&(section, u.entry)) {
                continue;
            }
            reported.push((section, u.entry));
            let text = english.get(&section);
            if text.is_some_and(|t| matcher.english[u.entry].iter().any(|f| t.text.contains(f.as_str()))) {
                continue;
            }
            let entry = &matcher.entries[u.entry];
            let wanted: Vec<String> = entry.en.iter().map(|f| format!("“{f}”")).collect();
            let part = unit.part(u.place);
            let (at, there) = match (aligned, text) {
                (true, Some(t)) => (t.at.as_str(), "the English there"),
                (true, None) => (unit.english_at.as_str(), "the English there"),
                (false, _) => (unit.english_at.as_str(), "the English text (its paragraphs do not line up with the Chinese)"),
            };
            findings.warnings.push(format!(
                "{at}: glossary: {part} uses 「{}」 in Chinese ({}), but {there} has no {} ({}:{})",
                u.form,
                u.place.locate(),
                wanted.join(" or "),
                shown.display(),
                entry.line
            ));
        }
        for section in english.values() {
            for (i, wrong) in matcher.wrong.iter().enumerate() {
                for (w, written) in wrong.iter().zip(&matcher.entries[i].wrong) {
                    if section.text.contains(w.as_str()) {
                        let entry = &matcher.entries[i];
                        findings.warnings.push(format!(
                            "{}: glossary: “{written}” is a wrong rendering of 「{}」: the official name is “{}” ({}:{})",
                            section.at,
                            entry.zh[0],
                            entry.en[0],
                            shown.display(),
                            entry.line
                        ));
                    }
                }
            }
        }
    }
    if findings.warnings.len() == warnings_before {
        findings.notes.push(format!(
            "glossary: each of the {uses} uses of a name of {} in the {from} text ({proposals} proposals and the settings) has its official form in the same paragraph of the {to} text, and no known wrong rendering is used",
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
        assert_eq!(glossary[0], Entry { line: 3, zh: vec!["產學研1+計劃".into()], en: vec!["RAISe+ Scheme".into()], wrong: vec![] });
        let matcher = Matcher::new(&glossary);
        let file: Arc<Path> = Path::new("p.md").into();
        let mut text = Authored::default();
        text.markdown("位於*河套區*的港深創\n科園以「產學研 1+計劃」\n\n港深創科\n\n園\n\n- 在河套", "zh-Hant", &file, 1, Some(1));
        let used: Vec<(usize, String, u32, Option<u64>)> = matcher.uses(&text).into_iter().map(|u| (u.entry, u.form, u.section, u.place.line())).collect();
        // 河套區 not also 河套; 產學研 inside the scheme's name not counted; a name split
        // between two paragraphs is not a use; every use counts, each in its paragraph.
        assert_eq!(
            used,
            [(2, "河套區".into(), 2, Some(1)), (3, "港深創科園".into(), 2, Some(1)), (0, "產學研1+計劃".into(), 2, Some(2)), (2, "河套".into(), 4, Some(8))]
        );
    }

    #[test]
    fn english_is_matched_without_case_quotes_or_line_breaks_mattering() {
        assert_eq!(normalized("The  Harbour Traders’\nGuild “of” HK "), "the harbour traders' guild \"of\" hk");
    }

    #[test]
    fn a_bad_line_is_an_error_on_its_line() {
        for (tsv, says) in [
            ("# c\n電動車 electric vehicle\n", "no TAB"),
            ("電動車\tEV\tx\ty\n", "three columns"),
            ("電動車|\telectric vehicle\n", "empty form"),
            ("電動車\telectric vehicle\t|e-car\n", "empty form"),
            ("# c\n電動車\telectric vehicle\tvehicle\n", "part of the official form “electric vehicle” (line 2)"),
        ] {
            let e = parse(tsv, Path::new("g.tsv")).unwrap_err();
            assert!(e.message.contains(says), "{e}");
            assert_eq!(e.line, Some(if tsv.starts_with('#') { 2 } else { 1 }));
        }
    }
}
