//! Render stage, part one: Markdown → events → HTML, with stable paragraph anchors.
//!
//! A body is parsed once into owned pulldown-cmark events (a [`Document`]), so that the
//! convert stage can rewrite its text nodes, and only its text nodes, before HTML is made.
//! Every top-level paragraph of a proposal gets an id and a visible number derived from the
//! document's structure (`p6-3`, "6.3"), never from its words, so the same paragraph has the
//! same address in every language.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

/// A parsed Markdown body.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub events: Vec<Event<'static>>,
}

/// Whether a language is written without spaces between words (Chinese, Japanese, Korean).
/// Such text gets no smart punctuation and no space for a line break inside a paragraph.
pub fn is_cjk_language(code: &str) -> bool {
    let primary = code.split('-').next().unwrap_or("").to_ascii_lowercase();
    matches!(primary.as_str(), "zh" | "ja" | "ko" | "yue" | "cmn")
}

/// Parses Markdown written in language `lang`.
pub fn parse(source: &str, lang: &str) -> Document {
    let cjk = is_cjk_language(lang);
    let mut options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_HEADING_ATTRIBUTES;
    if !cjk {
        // On Chinese text smart punctuation would turn "你好"。 into mismatched quotes.
        options |= Options::ENABLE_SMART_PUNCTUATION;
    }
    let mut events: Vec<Event<'static>> = Vec::new();
    for event in Parser::new_ext(source, options) {
        let event = match event {
            // A line break inside a CJK paragraph is only where the editor wrapped the line:
            // rendered as a space it would put a gap between two characters.
            Event::SoftBreak if cjk => Event::Text(CowStr::Borrowed("\u{0}")),
            other => other.into_static(),
        };
        // Merge adjacent text nodes, so conversion sees whole phrases.
        if let (Some(Event::Text(prev)), Event::Text(next)) = (events.last_mut(), &event) {
            *prev = CowStr::from(format!("{prev}{next}"));
            continue;
        }
        events.push(event);
    }
    if cjk {
        for event in &mut events {
            if let Event::Text(text) = event {
                if text.contains('\u{0}') {
                    *text = CowStr::from(join_cjk_lines(text));
                }
            }
        }
    }
    Document { events }
}

/// Replaces each wrapped-line marker by nothing between CJK characters, by a space elsewhere.
fn join_cjk_lines(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c != '\u{0}' {
            out.push(c);
            continue;
        }
        let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let after = chars.get(i + 1).copied();
        let wide = |c: Option<char>| c.map_or(true, is_wide);
        if !(wide(before) || wide(after)) {
            out.push(' ');
        }
    }
    out
}

/// CJK ideographs, kana, hangul and full-width punctuation: characters that take no
/// spaces around them.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x2E80..=0x303F | 0x3040..=0x30FF | 0x3100..=0x31FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
}

impl Document {
    /// The number of top-level paragraphs: the numbered units of a proposal.
    pub fn paragraph_count(&self) -> usize {
        self.outline().iter().filter(|b| **b == Block::Paragraph).count()
    }

    /// The top-level structure: paragraphs and heading levels, in order. Two language
    /// versions of a proposal are aligned when their outlines are equal.
    pub fn outline(&self) -> Vec<Block> {
        let mut depth = 0usize;
        let mut blocks = Vec::new();
        for event in &self.events {
            match event {
                Event::Start(Tag::Paragraph) if depth == 0 => blocks.push(Block::Paragraph),
                Event::Start(Tag::Heading { level, .. }) if depth == 0 => blocks.push(Block::Heading(*level as u8)),
                Event::Start(tag) if is_container(tag) => depth += 1,
                Event::End(end) if is_container_end(end) => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        blocks
    }

    /// Applies `f` to every piece of text a reader sees: text nodes, image descriptions
    /// (which are text nodes) and link titles. Code, URLs and raw HTML are left alone.
    pub fn map_text(&self, f: impl Fn(&str) -> String) -> Document {
        let events = self
            .events
            .iter()
            .map(|event| match event {
                Event::Text(text) => Event::Text(f(text).into()),
                Event::Start(Tag::Link { link_type, dest_url, title, id }) if !title.is_empty() => Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url: dest_url.clone(),
                    title: f(title).into(),
                    id: id.clone(),
                }),
                Event::Start(Tag::Image { link_type, dest_url, title, id }) if !title.is_empty() => Event::Start(Tag::Image {
                    link_type: *link_type,
                    dest_url: dest_url.clone(),
                    title: f(title).into(),
                    id: id.clone(),
                }),
                other => other.clone(),
            })
            .collect();
        Document { events }
    }

    /// The plain text of the first top-level paragraph.
    pub fn first_paragraph_text(&self) -> String {
        let mut depth = 0usize;
        let mut inside = false;
        let mut out = String::new();
        for event in &self.events {
            match event {
                Event::Start(Tag::Paragraph) if depth == 0 => inside = true,
                Event::End(TagEnd::Paragraph) if inside => return out,
                Event::Text(t) | Event::Code(t) if inside => out.push_str(t),
                Event::Start(tag) if is_container(tag) => depth += 1,
                Event::End(end) if is_container_end(end) => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        out
    }
}

/// One unit of a document's top-level structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    Paragraph,
    Heading(u8),
}

fn is_container(tag: &Tag) -> bool {
    matches!(tag, Tag::BlockQuote(_) | Tag::List(_) | Tag::Item | Tag::Table(_) | Tag::FootnoteDefinition(_))
}

fn is_container_end(end: &TagEnd) -> bool {
    matches!(end, TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::Table | TagEnd::FootnoteDefinition)
}

/// How numbered anchors are written for one proposal.
pub struct Anchors<'a> {
    /// The proposal's number: paragraph 3 of proposal 6 is `p6-3`, shown as "6.3".
    pub proposal: u32,
    /// Accessible name of a paragraph-number link, with `{n}` for the number ("Paragraph {n}").
    pub paragraph_label: &'a str,
}

/// Renders a document to HTML. With `anchors`, top-level paragraphs and headings get
/// structural ids, and each paragraph starts with its number as a link to itself.
pub fn to_html(doc: &Document, anchors: Option<&Anchors>) -> String {
    let mut out = String::new();
    let Some(anchors) = anchors else {
        pulldown_cmark::html::push_html(&mut out, doc.events.iter().cloned());
        return out;
    };
    let (mut depth, mut paragraph, mut heading) = (0usize, 0u32, 0u32);
    let mut top_paragraph_open = false;
    let events = doc.events.iter().map(|event| match event {
        Event::Start(Tag::Paragraph) if depth == 0 => {
            paragraph += 1;
            top_paragraph_open = true;
            let (n, k) = (anchors.proposal, paragraph);
            let label = anchors.paragraph_label.replace("{n}", &format!("{n}.{k}"));
            Event::Html(
                format!(
                    "<p id=\"p{n}-{k}\" class=\"para\"><a class=\"pnum\" href=\"#p{n}-{k}\" aria-label=\"{}\">{n}.{k}</a> ",
                    escape_attr(&label)
                )
                .into(),
            )
        }
        Event::End(TagEnd::Paragraph) if depth == 0 && top_paragraph_open => {
            top_paragraph_open = false;
            Event::Html("</p>\n".into())
        }
        Event::Start(Tag::Heading { level, classes, attrs, .. }) if depth == 0 => {
            heading += 1;
            Event::Start(Tag::Heading {
                level: *level,
                id: Some(format!("h{}-{}", anchors.proposal, heading).into()),
                classes: classes.clone(),
                attrs: attrs.clone(),
            })
        }
        Event::Start(tag) if is_container(tag) => {
            depth += 1;
            event.clone()
        }
        Event::End(end) if is_container_end(end) => {
            depth = depth.saturating_sub(1);
            event.clone()
        }
        other => other.clone(),
    });
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

/// Escapes text for a double-quoted HTML attribute.
pub fn escape_attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}
