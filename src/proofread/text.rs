//! The authored text as proofreading reads it: plain text, the Markdown markup parsed away
//! (emphasis markers, escapes, links' addresses), each run of it with the file, the line
//! and the part of the document it was written in.

use std::path::Path;
use std::sync::Arc;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::domain::Document;

/// Where a run of text was written.
#[derive(Debug, Clone)]
pub struct Place {
    /// The file, as named in messages.
    pub file: Arc<Path>,
    pub line: Line,
    /// The part of the document: `paragraph 6.3`, `proposal 6's title`, `publisher`.
    pub what: Arc<str>,
}

/// The line of a [`Place`]: known, or looked up in its file only when a message needs it.
#[derive(Debug, Clone)]
pub enum Line {
    At(u64),
    /// The first line of the file that starts with this front matter key (`title:`).
    Key(&'static str),
    /// The first line of the file that holds this text (a value in the settings).
    Holding(String),
}

impl Place {
    pub fn new(file: &Arc<Path>, line: Line, what: impl Into<Arc<str>>) -> Place {
        Place { file: file.clone(), line, what: what.into() }
    }

    /// The line, reading the file to look it up if need be (`None`: not found).
    pub fn line(&self) -> Option<u64> {
        let find = |matches: &dyn Fn(&str) -> bool| {
            let text = std::fs::read_to_string(&*self.file).ok()?;
            text.lines().position(matches).map(|i| i as u64 + 1)
        };
        match &self.line {
            Line::At(line) => Some(*line),
            Line::Key(key) => find(&|l| l.starts_with(key)),
            Line::Holding(value) => {
                let first = value.lines().map(str::trim).find(|l| !l.is_empty())?;
                find(&|l| l.contains(first))
            }
        }
    }

    /// `file:line`, or `file` where the line cannot be found.
    pub fn locate(&self) -> String {
        match self.line() {
            Some(line) => format!("{}:{line}", self.file.display()),
            None => self.file.display().to_string(),
        }
    }
}

/// A run of text written in one place, within one block (a paragraph, a heading, a title).
#[derive(Debug)]
pub struct Run {
    pub text: String,
    /// Index into [`Authored::places`].
    pub place: usize,
    pub block: u32,
    /// The [`Authored::sections`] it belongs to.
    pub section: u32,
}

/// Authored text in reading order.
///
/// It is also cut into sections, the units two language versions are aligned by: a plain
/// text (a title, a setting) is one; in Markdown each top-level paragraph or heading starts
/// one, which holds the lists, tables, quotations and footnotes that follow it (the
/// outline [`crate::text::markdown::Document::outline`] aligns the language versions by),
/// and what comes before the first is a section of its own. Two versions whose outlines
/// agree have the same sections, numbered alike.
#[derive(Debug, Default)]
pub struct Authored {
    pub runs: Vec<Run>,
    pub places: Vec<Place>,
    block: u32,
    /// The sections begun so far.
    pub sections: u32,
}

impl Authored {
    fn push(&mut self, text: &str, place: Place) {
        if self.places.last().is_none_or(|last| !same_place(last, &place)) {
            self.places.push(place);
        }
        self.runs.push(Run { text: text.to_string(), place: self.places.len() - 1, block: self.block, section: self.sections });
    }

    /// Plain text (a title, a setting) as a block of its own.
    pub fn plain(&mut self, text: &str, place: Place) {
        self.block += 1;
        self.sections += 1;
        self.push(text, place);
    }

    /// A Markdown body in language `lang`, its first line being line `first_line` of `file`.
    /// Top-level paragraphs are named `paragraph N.K` (`proposal`: N), as the site numbers them.
    pub fn markdown(&mut self, md: &str, lang: &str, file: &Arc<Path>, first_line: u64, proposal: Option<u32>) {
        let line_starts: Vec<usize> = std::iter::once(0).chain(md.match_indices('\n').map(|(i, _)| i + 1)).collect();
        let (mut depth, mut paragraph, mut in_image) = (0usize, 0u32, 0usize);
        let mut what: Arc<str> = "the body".into();
        self.sections += 1;
        for (event, range) in Parser::new_ext(md, options(lang)).into_offset_iter() {
            let line = first_line + line_starts.partition_point(|&start| start <= range.start) as u64 - 1;
            match event {
                Event::Start(Tag::Paragraph) if depth == 0 => {
                    paragraph += 1;
                    what = match proposal {
                        Some(n) => format!("paragraph {n}.{paragraph}").into(),
                        None => format!("paragraph {paragraph}").into(),
                    };
                    self.block += 1;
                    self.sections += 1;
                }
                Event::Start(Tag::Heading { .. }) if depth == 0 => {
                    what = "a heading".into();
                    self.block += 1;
                    self.sections += 1;
                }
                Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell | Tag::CodeBlock(_)) => self.block += 1,
                Event::Start(Tag::Image { .. }) => in_image += 1,
                Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
                Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::Table(_) | Tag::FootnoteDefinition(_)) => {
                    depth += 1;
                    what = "the body".into();
                }
                Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Table | TagEnd::FootnoteDefinition) => depth = depth.saturating_sub(1),
                // An image's description is not part of the text a reader reads.
                Event::Text(text) | Event::Code(text) if in_image == 0 => self.push(&text, Place::new(file, Line::At(line), what.clone())),
                Event::SoftBreak | Event::HardBreak => self.push("\n", Place::new(file, Line::At(line), what.clone())),
                _ => {}
            }
        }
    }

    /// An already parsed Markdown text (an intro of the settings), all of it in one place.
    pub fn document(&mut self, doc: &Document, place: Place) {
        let mut depth = 0usize;
        self.sections += 1;
        for event in &doc.events {
            match event {
                Event::Start(Tag::Paragraph | Tag::Heading { .. }) if depth == 0 => {
                    self.block += 1;
                    self.sections += 1;
                }
                Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::Table(_) | Tag::FootnoteDefinition(_)) => depth += 1,
                Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Table | TagEnd::FootnoteDefinition) => depth = depth.saturating_sub(1),
                Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell | Tag::CodeBlock(_)) => self.block += 1,
                Event::Text(text) | Event::Code(text) => self.push(text, place.clone()),
                Event::SoftBreak | Event::HardBreak => self.push("\n", place.clone()),
                _ => {}
            }
        }
    }

    /// The runs block by block.
    pub fn blocks(&self) -> impl Iterator<Item = &[Run]> {
        self.runs.chunk_by(|a, b| a.block == b.block)
    }

    /// The runs section by section (a section without text is left out).
    pub fn by_section(&self) -> impl Iterator<Item = &[Run]> {
        self.runs.chunk_by(|a, b| a.section == b.section)
    }

    /// The text, blocks separated by a line break.
    pub fn joined(&self) -> String {
        let mut out = String::new();
        for block in self.blocks() {
            out.push('\n');
            block.iter().for_each(|run| out.push_str(&run.text));
        }
        out
    }
}

fn same_place(a: &Place, b: &Place) -> bool {
    let same_line = match (&a.line, &b.line) {
        (Line::At(x), Line::At(y)) => x == y,
        _ => false,
    };
    same_line && a.file == b.file && a.what == b.what
}

/// The parser options the site renders a body of language `lang` with
/// ([`crate::text::markdown::parse`]): the same text as the pages show.
fn options(lang: &str) -> Options {
    let mut options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_HEADING_ATTRIBUTES;
    if !crate::text::markdown::is_cjk_language(lang) {
        options |= Options::ENABLE_SMART_PUNCTUATION;
    }
    options
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_parsed_away_and_each_run_keeps_its_line() {
        let file: Arc<Path> = Path::new("p.md").into();
        let mut text = Authored::default();
        text.markdown("\n製造業*很*重要，\n`振興` [工業](https://x.org)。\n\n## 小標\n\n第二\\*段![圖](a.png)。\n", "zh-Hant", &file, 9, Some(6));
        let runs: Vec<(String, u64, &str)> = text
            .runs
            .iter()
            .map(|r| {
                let p = &text.places[r.place];
                (r.text.clone(), p.line().unwrap(), &*p.what)
            })
            .collect();
        let expect = [
            ("製造業", 10, "paragraph 6.1"),
            ("很", 10, "paragraph 6.1"),
            ("重要，", 10, "paragraph 6.1"),
            ("\n", 10, "paragraph 6.1"),
            ("振興", 11, "paragraph 6.1"),
            (" ", 11, "paragraph 6.1"),
            ("工業", 11, "paragraph 6.1"),
            ("。", 11, "paragraph 6.1"),
            ("小標", 13, "a heading"),
            ("第二", 15, "paragraph 6.2"),
            ("*段", 15, "paragraph 6.2"),
            ("。", 15, "paragraph 6.2"),
        ];
        let expect: Vec<(String, u64, &str)> = expect.iter().map(|(t, l, w)| (t.to_string(), *l, *w)).collect();
        assert_eq!(runs, expect);
        assert_eq!(text.blocks().count(), 3);
        // Sections: (the empty one before the first paragraph), 6.1, the heading, 6.2.
        assert_eq!(text.by_section().map(|s| s[0].section).collect::<Vec<_>>(), [2, 3, 4]);
        assert_eq!(text.sections, 4);
        assert_eq!(text.joined(), "\n製造業很重要，\n振興 工業。\n小標\n第二*段。");
    }
}
