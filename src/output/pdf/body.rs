//! A proposal's body as Typst markup, following its [`structure`] as the site's HTML does
//! ([`crate::text::render`]): numbered paragraphs with their number in the margin (a link
//! to the paragraph on the site), sub-headings, lists, quotations, code, tables (aligned
//! as on the site), figures with their captions, and footnotes at the foot of the page.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::markup::{string, text};
use crate::domain::{Anchor, Block, Document};
use crate::text::markdown::INTERNAL_LINK;
use crate::text::render::column_classes;
use crate::text::structure::{self, block_end, Notes, TopBlock};

/// An image the PDF can show: its path in the document's files, and its width in pixels.
pub struct Picture {
    pub path: String,
    pub width: u32,
}

/// What writing a body needs besides the body.
pub struct Context<'a> {
    /// The proposal's number (`6` for paragraphs 6.1, 6.2…).
    pub proposal: u32,
    /// The proposal's page on the site (absolute), when the site's address is known.
    pub page_url: Option<&'a str>,
    /// An internal link's (`@/…`) address on the site, absolute; `None` leaves its text unlinked.
    pub link_to: &'a dyn Fn(&str) -> Option<String>,
    /// An image by its address as written.
    pub image: &'a dyn Fn(&str) -> Option<Picture>,
}

/// The width of the text, in points, that an image's natural size is compared with
/// (A4 less the margins of [`super::markup`]'s page).
const TEXT_WIDTH_PT: f64 = 425.0;

/// The body `doc` as Typst markup.
pub fn to_typst(doc: &Document, cx: &Context) -> String {
    let notes = structure::notes(&doc.events);
    let mut w = Writer { doc, cx, notes: &notes, out: String::new(), referenced: vec![false; notes.labels.len()] };
    let mut paragraphs = 0u32;
    for TopBlock { block, range } in structure::blocks(&doc.events) {
        match block {
            Block::Paragraph => {
                paragraphs += 1;
                let anchor = Anchor::paragraph(cx.proposal, paragraphs);
                let url = cx.page_url.map_or("none".to_string(), |page| string(&format!("{page}#{anchor}")));
                w.out.push_str(&format!("#para({}, {url})[", string(&anchor.number())));
                w.events(range.start + 1..range.end - 1);
                w.out.push_str("]\n\n");
            }
            Block::Heading(_) => {
                w.out.push_str("#heading(level: 3, outlined: false, bookmarked: false)[");
                w.events(range.start + 1..range.end - 1);
                w.out.push_str("]\n\n");
            }
            Block::Figure { .. } => w.figure(range),
            Block::Note => {} // at the foot of the page where it is referenced
            _ => {
                w.events(range);
                w.out.push_str("\n\n");
            }
        }
    }
    w.out
}

struct Writer<'r, 'd> {
    doc: &'r Document<'d>,
    cx: &'r Context<'r>,
    notes: &'r Notes,
    out: String,
    /// Whether each note has been set already (a second reference refers to it).
    referenced: Vec<bool>,
}

impl Writer<'_, '_> {
    /// Writes the events over `range`.
    fn events(&mut self, range: std::ops::Range<usize>) {
        let events = &self.doc.events;
        // What closes each element open, innermost last.
        let mut closers: Vec<&'static str> = Vec::new();
        let mut at = range.start;
        while at < range.end {
            match &events[at] {
                Event::Start(tag) => match tag {
                    Tag::Image { dest_url, .. } => {
                        let end = block_end(events, at);
                        let alt = structure::plain_text(events, at + 1..end - 1);
                        self.image(dest_url, &alt, false);
                        at = end;
                        continue;
                    }
                    Tag::FootnoteDefinition(_) => {
                        at = block_end(events, at);
                        continue;
                    }
                    Tag::Table(alignments) => {
                        let end = block_end(events, at);
                        self.table(alignments, at..end);
                        at = end;
                        continue;
                    }
                    Tag::CodeBlock(_) => {
                        let end = block_end(events, at);
                        let code: String =
                            events[at + 1..end - 1].iter().filter_map(|e| if let Event::Text(t) = e { Some(t.as_ref()) } else { None }).collect();
                        self.out.push_str(&format!("#raw(block: true, {})\n\n", string(code.trim_end())));
                        at = end;
                        continue;
                    }
                    Tag::Link { dest_url, .. } => {
                        let url = if dest_url.starts_with(INTERNAL_LINK) {
                            (self.cx.link_to)(dest_url)
                        } else {
                            ["https://", "http://", "mailto:"].iter().any(|s| dest_url.starts_with(s)).then(|| dest_url.to_string())
                        };
                        match url {
                            Some(url) => {
                                self.out.push_str(&format!("#link({})[", string(&url)));
                                closers.push("]");
                            }
                            None => closers.push(""),
                        }
                    }
                    Tag::Paragraph | Tag::Heading { .. } => closers.push("\n\n"),
                    Tag::BlockQuote(_) => {
                        self.out.push_str("#quote(block: true)[");
                        closers.push("]\n\n");
                    }
                    Tag::List(Some(start)) => {
                        self.out.push_str(&format!("#enum(start: {start}, "));
                        closers.push(")\n\n");
                    }
                    Tag::List(None) => {
                        self.out.push_str("#list(");
                        closers.push(")\n\n");
                    }
                    Tag::Item => {
                        self.out.push('[');
                        closers.push("], ");
                    }
                    Tag::Emphasis => {
                        self.out.push_str("#emph[");
                        closers.push("]");
                    }
                    Tag::Strong => {
                        self.out.push_str("#strong[");
                        closers.push("]");
                    }
                    Tag::Strikethrough => {
                        self.out.push_str("#strike[");
                        closers.push("]");
                    }
                    Tag::Superscript => {
                        self.out.push_str("#super[");
                        closers.push("]");
                    }
                    Tag::Subscript => {
                        self.out.push_str("#sub[");
                        closers.push("]");
                    }
                    _ => closers.push(""),
                },
                Event::End(_) => {
                    let closer = closers.pop().unwrap_or("");
                    if closer.starts_with(']') || closer.starts_with(')') {
                        trim_end_breaks(&mut self.out);
                    }
                    self.out.push_str(closer);
                }
                Event::Text(t) => self.out.push_str(&text(t)),
                Event::Code(c) => self.out.push_str(&format!("#raw({})", string(c))),
                Event::InlineMath(m) | Event::DisplayMath(m) => self.out.push_str(&text(m)),
                Event::Html(_) | Event::InlineHtml(_) => {} // the author's markup: its text is kept, its tags are for the web
                Event::FootnoteReference(label) => self.reference(label),
                Event::SoftBreak => self.out.push(' '),
                Event::HardBreak => self.out.push_str("#linebreak()"),
                Event::Rule => self.out.push_str("#line(length: 100%)\n\n"),
                Event::TaskListMarker(done) => self.out.push_str(if *done { "☒ " } else { "☐ " }),
            }
            at += 1;
        }
    }

    /// A footnote reference: the note, set at the foot of the page; a second reference
    /// to the same note refers to it.
    fn reference(&mut self, label: &str) {
        let Some(n) = self.notes.number(label) else {
            self.out.push_str(&text(&format!("[^{label}]")));
            return;
        };
        let name = Anchor::note(self.cx.proposal, n);
        if std::mem::replace(&mut self.referenced[n as usize - 1], true) {
            self.out.push_str(&format!("#footnote(<{name}>)"));
            return;
        }
        let range = self.notes.definitions[label].clone();
        self.out.push_str("#footnote[");
        self.events(range.start + 1..range.end - 1);
        trim_end_breaks(&mut self.out);
        self.out.push_str(&format!("]<{name}>"));
    }

    /// An image: at its natural size (96 pixels to the inch), no wider than the text.
    fn image(&mut self, dest: &str, alt: &str, block: bool) {
        let Some(picture) = (self.cx.image)(dest) else {
            self.out.push_str(&text(alt));
            return;
        };
        let natural = f64::from(picture.width) * 0.75;
        let width = if natural >= TEXT_WIDTH_PT { "100%".to_string() } else { format!("{natural:.1}pt") };
        let image = format!("image({}, width: {width}, alt: {})", string(&picture.path), string(alt));
        if block {
            self.out.push_str(&image);
        } else {
            self.out.push_str(&format!("#box({image})"));
        }
    }

    /// An image alone in its paragraph: a figure, with its caption.
    fn figure(&mut self, range: std::ops::Range<usize>) {
        let events = &self.doc.events;
        let Some(figure) = structure::figure(events, range.clone()) else {
            self.events(range);
            return;
        };
        let Event::Start(Tag::Image { dest_url, title, .. }) = &events[figure.image.start] else { return };
        let alt = structure::plain_text(events, figure.image.start + 1..figure.image.end - 1);
        self.out.push_str("#figure(");
        self.image(dest_url, &alt, true);
        if let Some(caption) = figure.caption {
            self.out.push_str(", caption: [");
            self.events(caption);
            self.out.push(']');
        } else if figure.title_caption {
            self.out.push_str(&format!(", caption: [{}]", text(title.trim())));
        }
        self.out.push_str(")\n\n");
    }

    /// A table, its header repeated on every page it runs over, its columns aligned as
    /// on the site (numbers to the right).
    fn table(&mut self, alignments: &[pulldown_cmark::Alignment], range: std::ops::Range<usize>) {
        let events = &self.doc.events;
        let align: Vec<&str> = column_classes(events, alignments, range.clone())
            .into_iter()
            .map(|class| match class {
                Some("num") => "right",
                Some("center") => "center",
                _ => "left",
            })
            .collect();
        self.out.push_str(&format!("#table(columns: {}, align: ({},), ", align.len().max(1), align.join(", ")));
        let mut at = range.start + 1;
        while at < range.end - 1 {
            match &events[at] {
                Event::Start(Tag::TableHead) => self.out.push_str("table.header("),
                Event::End(TagEnd::TableHead) => self.out.push_str("), "),
                Event::Start(Tag::TableCell) => {
                    let end = block_end(events, at);
                    self.out.push('[');
                    self.events(at + 1..end - 1);
                    self.out.push_str("], ");
                    at = end;
                    continue;
                }
                _ => {}
            }
            at += 1;
        }
        self.out.push_str(")\n\n");
    }
}

/// Drops the paragraph breaks at the end of `out`, before an element closes.
fn trim_end_breaks(out: &mut String) {
    while out.ends_with('\n') {
        out.pop();
    }
}
