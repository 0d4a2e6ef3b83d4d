//! Text: the structure of a parsed body, which every later phase reads the same way.
//!
//! A body is a row of top-level blocks ([`blocks`]). Only a paragraph is numbered (`6.3`);
//! a list, a table, a quotation, a figure (an image alone in its paragraph) or code after
//! it belongs to it, as the items (a), (b)… and the tables of a Hong Kong government paper
//! belong to the paragraph that introduces them. Headings get anchors of their own
//! (`h6-1`). Footnotes are numbered in the order they are first referenced ([`notes`]).
//! From this come the outline two languages are aligned on ([`Document::outline`]) and the
//! plain text of every part a reader sees, with where it is ([`Document::units`]), for
//! search, proofreading and the tables of contents.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::domain::{Block, Document, Removed};
use crate::text::sanitize;

/// A top-level block: what it is and its events' range in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopBlock {
    pub block: Block,
    pub range: Range<usize>,
}

/// The top-level blocks of `events`, in order.
pub fn blocks(events: &[Event]) -> Vec<TopBlock> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < events.len() {
        let end = block_end(events, at);
        out.push(TopBlock { block: classify(events, at..end), range: at..end });
        at = end;
    }
    out
}

/// The index just after the element starting at `at` (the event itself if it starts none).
pub fn block_end(events: &[Event], at: usize) -> usize {
    if !matches!(events[at], Event::Start(_)) {
        return at + 1;
    }
    let mut depth = 0usize;
    for (i, event) in events.iter().enumerate().skip(at) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    events.len()
}

fn classify(events: &[Event], range: Range<usize>) -> Block {
    match &events[range.start] {
        Event::Start(Tag::Paragraph) => match figure(events, range) {
            Some(f) => Block::Figure { caption: f.caption.is_some() || f.title_caption },
            None => Block::Paragraph,
        },
        Event::Start(Tag::Heading { level, .. }) => Block::Heading(*level as u8),
        Event::Start(Tag::List(first)) => {
            let items = children(events, range).filter(|&i| matches!(events[i], Event::Start(Tag::Item))).count();
            Block::List { ordered: first.is_some(), items }
        }
        Event::Start(Tag::Table(alignments)) => {
            let rows = events[range].iter().filter(|e| matches!(e, Event::Start(Tag::TableHead | Tag::TableRow))).count();
            Block::Table { rows, columns: alignments.len() }
        }
        Event::Start(Tag::BlockQuote(_)) => Block::Quote,
        Event::Start(Tag::CodeBlock(_)) => Block::Code,
        Event::Start(Tag::FootnoteDefinition(_)) => Block::Note,
        _ => Block::Other,
    }
}

/// The start indexes of the direct children of the element over `range`.
fn children<'e>(events: &'e [Event<'e>], range: Range<usize>) -> impl Iterator<Item = usize> + 'e {
    let mut at = range.start + 1;
    std::iter::from_fn(move || {
        if at + 1 >= range.end {
            return None;
        }
        let here = at;
        at = block_end(events, at);
        Some(here)
    })
}

/// An image alone in its paragraph: the image's events, and its caption — an italic line
/// right after it, or else the image's title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// From the image's start to just after its end.
    pub image: Range<usize>,
    /// The inside of the italic line, if there is one.
    pub caption: Option<Range<usize>>,
    /// Whether the image's title is the caption (there is no italic line, and a title).
    pub title_caption: bool,
}

/// The paragraph over `range` as a [`Figure`], if it is one.
pub fn figure(events: &[Event], range: Range<usize>) -> Option<Figure> {
    let blank = |e: &Event| match e {
        Event::Text(t) => t.trim().is_empty(),
        Event::SoftBreak | Event::HardBreak => true,
        _ => false,
    };
    let inner = range.start + 1..range.end.saturating_sub(1);
    let mut at = inner.start;
    while at < inner.end && blank(&events[at]) {
        at += 1;
    }
    let Some(Event::Start(Tag::Image { title, .. })) = events.get(at).filter(|_| at < inner.end) else { return None };
    let image = at..block_end(events, at);
    at = image.end;
    while at < inner.end && blank(&events[at]) {
        at += 1;
    }
    let mut caption = None;
    if at < inner.end {
        if !matches!(events[at], Event::Start(Tag::Emphasis)) {
            return None;
        }
        let end = block_end(events, at);
        caption = Some(at + 1..end - 1);
        at = end;
        while at < inner.end && blank(&events[at]) {
            at += 1;
        }
        if at < inner.end {
            return None;
        }
    }
    let title_caption = caption.is_none() && !title.trim().is_empty();
    Some(Figure { image, caption, title_caption })
}

/// The footnotes of a body.
#[derive(Debug, Default)]
pub struct Notes {
    /// The labels of the referenced notes, in the order of their first reference: note
    /// `n` is `labels[n - 1]`.
    pub labels: Vec<String>,
    /// Each defined note's events (its definition's start to just after its end), by label.
    pub definitions: HashMap<String, Range<usize>>,
}

impl Notes {
    /// The number of the note `label` (from 1), if it is defined and referenced.
    pub fn number(&self, label: &str) -> Option<u32> {
        self.labels.iter().position(|l| l == label).map(|i| i as u32 + 1)
    }
}

/// The footnotes of `events`: the defined ones that are referenced, numbered in the order
/// of their first reference.
pub fn notes(events: &[Event]) -> Notes {
    let mut notes = Notes::default();
    for (i, event) in events.iter().enumerate() {
        if let Event::Start(Tag::FootnoteDefinition(label)) = event {
            notes.definitions.entry(label.to_string()).or_insert(i..block_end(events, i));
        }
    }
    for event in events {
        if let Event::FootnoteReference(label) = event {
            if notes.definitions.contains_key(label.as_ref()) && !notes.labels.iter().any(|l| l == label.as_ref()) {
                notes.labels.push(label.to_string());
            }
        }
    }
    notes
}

/// Where a piece of text is on its page: what a link to it points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spot {
    /// Before the first paragraph or heading.
    Start,
    /// Numbered paragraph `k` (from 1), or a block that belongs to it.
    Paragraph(u32),
    /// Heading `k`, or a block right after it.
    Heading(u32),
    /// Footnote `n`.
    Note(u32),
}

/// A piece of text a reader sees and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub spot: Spot,
    /// The text, without markup: a paragraph, a heading, a list item, a table row (its
    /// cells separated by ` | `), a quotation, a caption, code, a footnote.
    pub text: String,
    /// Whether it is a numbered paragraph's own text (not a block belonging to it).
    pub numbered: bool,
}

impl Document<'_> {
    /// The top-level structure, for aligning two languages: every block in order (raw HTML
    /// and rules aside), then a [`Block::Note`] per referenced footnote.
    pub fn outline(&self) -> Vec<Block> {
        let mut outline: Vec<Block> = blocks(&self.events).into_iter().map(|b| b.block).filter(|b| !matches!(b, Block::Note | Block::Other)).collect();
        outline.extend(notes(&self.events).labels.iter().map(|_| Block::Note));
        outline
    }

    /// Every piece of text a reader sees, in order, each with where it is; the footnotes last.
    pub fn units(&self) -> Vec<Unit> {
        let events = &self.events;
        let (mut units, mut paragraphs, mut headings, mut spot) = (Vec::new(), 0, 0, Spot::Start);
        let push = |units: &mut Vec<Unit>, spot: Spot, text: String, numbered: bool| {
            if !text.is_empty() {
                units.push(Unit { spot, text, numbered });
            }
        };
        for TopBlock { block, range } in blocks(events) {
            match block {
                Block::Paragraph => {
                    paragraphs += 1;
                    spot = Spot::Paragraph(paragraphs);
                    push(&mut units, spot, plain_text(events, range), true);
                }
                Block::Heading(_) => {
                    headings += 1;
                    spot = Spot::Heading(headings);
                    push(&mut units, spot, plain_text(events, range), false);
                }
                Block::Figure { .. } => {
                    let Some(f) = figure(events, range) else { continue };
                    let caption = match (&f.caption, &events[f.image.start]) {
                        (Some(caption), _) => plain_text(events, caption.clone()),
                        (None, Event::Start(Tag::Image { title, .. })) => title.trim().to_string(),
                        _ => String::new(),
                    };
                    push(&mut units, spot, caption, false);
                }
                Block::List { .. } => {
                    for item in children(events, range.clone()) {
                        push(&mut units, spot, plain_text(events, item..block_end(events, item)), false);
                    }
                }
                Block::Table { .. } => {
                    for (i, event) in events[range.clone()].iter().enumerate() {
                        if matches!(event, Event::Start(Tag::TableHead | Tag::TableRow)) {
                            let row = range.start + i;
                            let cells: Vec<String> =
                                children(events, row..block_end(events, row)).map(|c| plain_text(events, c..block_end(events, c))).collect();
                            push(&mut units, spot, cells.join(" | ").trim_matches([' ', '|']).to_string(), false);
                        }
                    }
                }
                Block::Quote | Block::Code => push(&mut units, spot, plain_text(events, range), false),
                Block::Note | Block::Other => {}
            }
        }
        let notes = notes(events);
        for (n, label) in notes.labels.iter().enumerate() {
            let range = notes.definitions[label].clone();
            push(&mut units, Spot::Note(n as u32 + 1), plain_text(events, range), false);
        }
        units
    }

    /// Footnotes that do not work as written, each on its line: a note never referenced
    /// (left out of the page), a label defined twice, a reference to no note (shown as written).
    pub fn footnote_problems(&self) -> Vec<Removed> {
        let notes = notes(&self.events);
        let mut seen = std::collections::HashSet::new();
        let mut problems = Vec::new();
        for (label, line) in &self.note_lines {
            if !seen.insert(label) {
                problems.push(Removed { line: *line, what: format!("footnote [^{label}] is defined twice; only the first definition is used") });
            } else if notes.number(label).is_none() {
                problems.push(Removed { line: *line, what: format!("footnote [^{label}] is never referenced, so it is left out of the page") });
            }
        }
        for (line, reference) in &self.loose_note_refs {
            problems
                .push(Removed { line: *line, what: format!("{reference} is not a footnote: no note `{reference}: …` is defined, so it shows as written") });
        }
        problems.sort_by_key(|p| p.line);
        problems
    }

    /// The plain text of each numbered paragraph, in order, without the blocks that
    /// belong to it (and without what the sanitizer removes with its element).
    pub fn paragraph_texts(&self) -> Vec<String> {
        self.units().into_iter().filter(|u| u.numbered).map(|u| u.text).collect()
    }

    /// The text of each numbered paragraph with the blocks that belong to it (lists,
    /// tables, quotations, captions, code), one line each: the unit a translation
    /// follows paragraph by paragraph.
    pub fn numbered_texts(&self) -> Vec<String> {
        let mut texts: Vec<String> = Vec::new();
        for unit in self.units() {
            match unit.spot {
                Spot::Paragraph(_) if unit.numbered => texts.push(unit.text),
                Spot::Paragraph(_) => {
                    if let Some(last) = texts.last_mut() {
                        last.push('\n');
                        last.push_str(&unit.text);
                    }
                }
                _ => {}
            }
        }
        texts
    }
}

/// The text a reader sees of the elements over `range`: text and code, a space for a line
/// break and between blocks; not an image's description, a footnote's definition, or what
/// the sanitizer removes with its element (an inline `<script>`, `<style>`).
pub fn plain_text(events: &[Event], range: Range<usize>) -> String {
    let mut text = String::new();
    let (mut in_image, mut removed, mut at) = (0usize, false, range.start);
    let space = |text: &mut String| {
        if !text.is_empty() && !text.ends_with(' ') {
            text.push(' ');
        }
    };
    while at < range.end {
        match &events[at] {
            Event::Start(Tag::FootnoteDefinition(_)) if at != range.start => {
                at = block_end(events, at);
                continue;
            }
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image -= 1,
            Event::InlineHtml(html) => removed = sanitize::removed_with_content(html).unwrap_or(removed),
            Event::Text(t) | Event::Code(t) if in_image == 0 && !removed => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => space(&mut text),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::Heading(_) | TagEnd::CodeBlock) => space(&mut text),
            Event::Start(Tag::List(_) | Tag::Item | Tag::Paragraph | Tag::BlockQuote(_)) => space(&mut text),
            _ => {}
        }
        at += 1;
    }
    text.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::markdown::parse;

    const BODY: &str = "Intro list:\n\n- one\n- two *2*\n\nFirst.[^a]\n\n| Year | Output |\n|---|---:|\n| 2022 | 1,200 |\n| 2023 | 1,350 |\n\n\
        ![A chart](chart.png)\n*Output by year*\n\n> Quoted.\n\n## Section\n\nSecond.[^b] And again.[^a]\n\n[^b]: Note b.\n[^a]: Note a.\n[^c]: Never used.\n";

    #[test]
    fn lists_tables_figures_and_quotes_belong_to_the_paragraph_before_them() {
        let doc = parse(BODY, "en");
        assert_eq!(
            doc.outline(),
            vec![
                Block::Paragraph,
                Block::List { ordered: false, items: 2 },
                Block::Paragraph,
                Block::Table { rows: 3, columns: 2 },
                Block::Figure { caption: true },
                Block::Quote,
                Block::Heading(2),
                Block::Paragraph,
                Block::Note,
                Block::Note,
            ]
        );
        assert_eq!(doc.paragraph_texts(), vec!["Intro list:", "First.", "Second. And again."]);
        assert_eq!(
            doc.numbered_texts(),
            vec!["Intro list:\none\ntwo 2", "First.\nYear | Output\n2022 | 1,200\n2023 | 1,350\nOutput by year\nQuoted.", "Second. And again."]
        );
    }

    #[test]
    fn every_visible_text_is_a_unit_with_its_place() {
        let units = parse(BODY, "en").units();
        let found: Vec<(Spot, &str)> = units.iter().map(|u| (u.spot, u.text.as_str())).collect();
        assert_eq!(
            found,
            vec![
                (Spot::Paragraph(1), "Intro list:"),
                (Spot::Paragraph(1), "one"),
                (Spot::Paragraph(1), "two 2"),
                (Spot::Paragraph(2), "First."),
                (Spot::Paragraph(2), "Year | Output"),
                (Spot::Paragraph(2), "2022 | 1,200"),
                (Spot::Paragraph(2), "2023 | 1,350"),
                (Spot::Paragraph(2), "Output by year"),
                (Spot::Paragraph(2), "Quoted."),
                (Spot::Heading(1), "Section"),
                (Spot::Paragraph(3), "Second. And again."),
                (Spot::Note(1), "Note a."),
                (Spot::Note(2), "Note b."),
            ]
        );
    }

    #[test]
    fn footnotes_are_numbered_by_first_reference_and_unreferenced_ones_are_left_out() {
        let doc = parse(BODY, "en");
        let notes = notes(&doc.events);
        assert_eq!(notes.labels, vec!["a", "b"]);
        assert_eq!(notes.number("b"), Some(2));
        assert_eq!(notes.number("c"), None);
        assert!(notes.definitions.contains_key("c"));
        let problems: Vec<(u64, String)> = doc.footnote_problems().into_iter().map(|p| (p.line, p.what)).collect();
        assert_eq!(problems, vec![(24, "footnote [^c] is never referenced, so it is left out of the page".to_string())]);
        let doc = parse("A[^x] and [^y].\n\n[^x]: One.\n[^x]: Two.\n", "en");
        let problems: Vec<(u64, String)> = doc.footnote_problems().into_iter().map(|p| (p.line, p.what)).collect();
        assert_eq!(problems.iter().map(|p| p.0).collect::<Vec<_>>(), vec![1, 4], "{problems:?}");
        assert!(problems[0].1.starts_with("[^y] is not a footnote") && problems[1].1.contains("defined twice"), "{problems:?}");
    }

    #[test]
    fn a_figure_is_an_image_alone_with_at_most_an_italic_line_or_a_title() {
        let is_figure = |md: &str, lang: &str| {
            let doc = parse(md, lang);
            blocks(&doc.events).first().map(|b| b.block)
        };
        assert_eq!(is_figure("![a](x.png)", "en"), Some(Block::Figure { caption: false }));
        assert_eq!(is_figure("![a](x.png \"Title\")", "en"), Some(Block::Figure { caption: true }));
        assert_eq!(is_figure("![圖](x.png)\n*二零二三年產值*", "zh-Hant"), Some(Block::Figure { caption: true }));
        assert_eq!(is_figure("See ![a](x.png) here.", "en"), Some(Block::Paragraph));
        assert_eq!(is_figure("![a](x.png)\n*caption* and more", "en"), Some(Block::Paragraph));
        assert_eq!(is_figure("[![a](x.png)](https://example.org)", "en"), Some(Block::Paragraph));
    }

    #[test]
    fn a_nested_list_counts_as_part_of_its_item() {
        let doc = parse("Para.\n\n1. one\n   - a\n   - b\n2. two\n", "en");
        assert_eq!(doc.outline(), vec![Block::Paragraph, Block::List { ordered: true, items: 2 }]);
        let units = doc.units();
        assert_eq!(units[1].text, "one a b");
    }
}
