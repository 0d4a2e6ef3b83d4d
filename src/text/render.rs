//! Text: a parsed body to HTML, following its [`structure`].
//!
//! Numbered paragraphs get their anchor and visible number (`<p id="p6-3">` "6.3");
//! headings their anchor (`h6-1`). Images get their file's address in the output and its
//! size (no layout shift), load lazily below the first screen, and an image alone in its
//! paragraph becomes a `<figure>` with its caption. A table scrolls inside a labelled,
//! focusable box of its own, never the page; its columns are aligned with classes (the
//! site's Content-Security-Policy allows no inline style), numeric columns to the right.
//! Footnotes are numbered in the order of reference, with ids unique on a page of many
//! proposals (`fn-6-1`), a link back, and are listed after the body.

use pulldown_cmark::{Alignment, CowStr, Event, Tag, TagEnd};

use crate::domain::{Anchor, Block, Document};
use crate::text::markdown::INTERNAL_LINK;
use crate::text::sanitize;
use crate::text::structure::{self, block_end, Notes, TopBlock};

/// The words the HTML needs in the page's language (from the theme's UI strings), each
/// with `{n}` for a number.
#[derive(Debug, Clone, Copy)]
pub struct Labels<'a> {
    /// A paragraph-number link's accessible name: "Paragraph {n}".
    pub paragraph: &'a str,
    /// A table's box: "Table {n}" (the number of the paragraph it belongs to).
    pub table: &'a str,
    /// A footnote reference's accessible name: "Note {n}".
    pub note: &'a str,
    /// The link from a note back to where it is referenced: "Back to the text of note {n}".
    pub back: &'a str,
    /// The list of notes: "Notes".
    pub notes: &'a str,
}

impl Labels<'static> {
    /// The English words, for a theme whose strings lack some.
    pub const ENGLISH: Labels<'static> =
        Labels { paragraph: "Paragraph {n}", table: "Table {n}", note: "Note {n}", back: "Back to the text of note {n}", notes: "Notes" };
}

/// An image's address from the page and its size in pixels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Img {
    pub src: String,
    pub width: u32,
    pub height: u32,
}

/// What rendering a body needs besides the body.
pub struct Context<'a> {
    /// The proposal's number, for numbered paragraphs (`p6-3`) and unique note ids
    /// (`fn-6-1`); `None` for an introduction (no numbers, notes `fn-1`).
    pub proposal: Option<u32>,
    pub labels: Labels<'a>,
    /// An internal link's (`@/…`) address from the page; `None` leaves it as written, for
    /// the checker to report.
    pub link_to: &'a dyn Fn(&str) -> Option<String>,
    /// An image's address from the page and size, by its address as written.
    pub image: &'a dyn Fn(&str) -> Option<Img>,
    /// How many top-level blocks from the start are on the first screen: their images load
    /// at once, the rest lazily.
    pub eager_blocks: usize,
    /// How many levels the body's headings go down: a proposal's `##` is an `<h2>` on its
    /// own page (under the `<h1>` title) and an `<h4>` in the full text (under the pillar's
    /// `<h2>` and the proposal's `<h3>`).
    pub heading_offset: u8,
}

/// Renders a body to HTML. A body with markup of its author's ([`Document::markup_lines`])
/// comes out sanitized ([`crate::text::sanitize`]).
pub fn to_html(doc: &Document, cx: &Context) -> String {
    let notes = structure::notes(&doc.events);
    let mut r = Renderer { doc, cx, notes: &notes, out: Vec::new(), references: vec![0; notes.labels.len()], eager: true, paragraph: None, tables: 0 };
    let (mut paragraphs, mut headings) = (0u32, 0u32);
    for (index, TopBlock { block, range }) in structure::blocks(&doc.events).into_iter().enumerate() {
        r.eager = index < cx.eager_blocks;
        match block {
            Block::Paragraph => {
                paragraphs += 1;
                r.paragraph = Some(paragraphs);
                r.tables = 0;
                match cx.proposal {
                    Some(proposal) => {
                        let anchor = Anchor::paragraph(proposal, paragraphs);
                        let number = anchor.number();
                        let label = escape_attr(&cx.labels.paragraph.replace("{n}", &number));
                        r.html(format!("<p id=\"{anchor}\" class=\"para\"><a class=\"pnum\" href=\"#{anchor}\" aria-label=\"{label}\">{number}</a> "));
                    }
                    None => r.html("<p>".into()),
                }
                r.events(range.start + 1..range.end - 1);
                r.html("</p>\n".into());
            }
            Block::Heading(_) => {
                headings += 1;
                let Event::Start(Tag::Heading { level, classes, attrs, id }) = &doc.events[range.start] else { unreachable!("a heading starts so") };
                let id = cx.proposal.map(|p| CowStr::from(Anchor::heading(p, headings).to_string())).or(id.clone());
                let level = pulldown_cmark::HeadingLevel::try_from((*level as usize + cx.heading_offset as usize).min(6)).unwrap_or(*level);
                r.out.push(Event::Start(Tag::Heading { level, id, classes: classes.clone(), attrs: attrs.clone() }));
                r.events(range.start + 1..range.end - 1);
                r.out.push(Event::End(TagEnd::Heading(level)));
            }
            Block::Figure { .. } => r.figure(range),
            Block::Note => {} // listed after the body
            _ => r.events(range),
        }
    }
    r.footnotes();
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, r.out.into_iter());
    if doc.markup_lines.is_empty() && doc.bad_addresses.is_empty() {
        html
    } else {
        sanitize::clean(&html)
    }
}

struct Renderer<'r, 'd> {
    doc: &'r Document<'d>,
    cx: &'r Context<'r>,
    notes: &'r Notes,
    out: Vec<Event<'d>>,
    /// How many times each note has been referenced so far.
    references: Vec<usize>,
    /// Whether images load at once (on the first screen).
    eager: bool,
    /// The numbered paragraph the blocks being rendered belong to, and its tables so far.
    paragraph: Option<u32>,
    tables: u32,
}

impl<'d> Renderer<'_, 'd> {
    fn html(&mut self, html: String) {
        self.out.push(Event::Html(html.into()));
    }

    /// Renders the events over `range`: links, images, footnote references and tables
    /// written the site's way, the rest as they are.
    fn events(&mut self, range: std::ops::Range<usize>) {
        let doc = self.doc;
        let events = &doc.events;
        let mut at = range.start;
        while at < range.end {
            match &events[at] {
                Event::Start(Tag::Link { link_type, dest_url, title, id }) if dest_url.starts_with(INTERNAL_LINK) => {
                    let dest_url = (self.cx.link_to)(dest_url).map_or_else(|| dest_url.clone(), CowStr::from);
                    self.out.push(Event::Start(Tag::Link { link_type: *link_type, dest_url, title: title.clone(), id: id.clone() }));
                }
                Event::Start(Tag::Image { dest_url, title, .. }) => {
                    let end = block_end(events, at);
                    let alt = structure::plain_text(events, at + 1..end - 1);
                    let img = self.img(dest_url, &alt, title);
                    self.html(img);
                    at = end;
                    continue;
                }
                Event::FootnoteReference(label) => self.reference(label),
                Event::Start(Tag::FootnoteDefinition(_)) => {
                    at = block_end(events, at); // listed after the body
                    continue;
                }
                Event::Start(Tag::Table(alignments)) => {
                    let end = block_end(events, at);
                    self.table(alignments, at..end);
                    at = end;
                    continue;
                }
                other => self.out.push(other.clone()),
            }
            at += 1;
        }
    }

    /// An `<img>`: its file's address and size when it is one of the site's images.
    fn img(&self, dest: &str, alt: &str, title: &str) -> String {
        let title = if title.trim().is_empty() { String::new() } else { format!(" title=\"{}\"", escape_attr(title)) };
        let loading = if self.eager { "" } else { " loading=\"lazy\"" };
        match (self.cx.image)(dest) {
            Some(Img { src, width, height }) => format!(
                "<img src=\"{}\" alt=\"{}\"{title} width=\"{width}\" height=\"{height}\"{loading} decoding=\"async\">",
                escape_attr(&src),
                escape_attr(alt)
            ),
            None => format!("<img src=\"{}\" alt=\"{}\"{title}>", escape_attr(dest), escape_attr(alt)),
        }
    }

    /// An image alone in its paragraph: a `<figure>`, with its caption.
    fn figure(&mut self, range: std::ops::Range<usize>) {
        let doc = self.doc;
        let events = &doc.events;
        let Some(figure) = structure::figure(events, range.clone()) else { return self.events(range) };
        let Event::Start(Tag::Image { dest_url, title, .. }) = &events[figure.image.start] else { return self.events(range) };
        let alt = structure::plain_text(events, figure.image.start + 1..figure.image.end - 1);
        let img = self.img(dest_url, &alt, if figure.title_caption { "" } else { title });
        self.html(format!("<figure>{img}"));
        if let Some(caption) = figure.caption {
            self.html("<figcaption>".into());
            self.events(caption);
            self.html("</figcaption>".into());
        } else if figure.title_caption {
            self.html(format!("<figcaption>{}</figcaption>", escape_text(title.trim())));
        }
        self.html("</figure>\n".into());
    }

    /// A footnote reference: a superscript number linking to the note; text as written
    /// for a note that is not defined.
    fn reference(&mut self, label: &str) {
        let Some(n) = self.notes.number(label) else {
            self.out.push(Event::Text(format!("[^{label}]").into()));
            return;
        };
        let count = &mut self.references[n as usize - 1];
        *count += 1;
        let nth = *count;
        let (id, reference) = note_ids(self.cx.proposal, n, nth);
        let name = escape_attr(&self.cx.labels.note.replace("{n}", &n.to_string()));
        self.html(format!("<sup class=\"fnref\"><a href=\"#{id}\" id=\"{reference}\" aria-label=\"{name}\">{n}</a></sup>"));
    }

    /// The notes, after the body, in the order of reference, each with a link back.
    fn footnotes(&mut self) {
        if self.notes.labels.is_empty() {
            return;
        }
        self.html(format!("<div class=\"footnotes\"><ol aria-label=\"{}\">\n", escape_attr(self.cx.labels.notes)));
        for (i, label) in self.notes.labels.iter().enumerate() {
            let n = i as u32 + 1;
            let (id, reference) = note_ids(self.cx.proposal, n, 1);
            let back = format!(
                " <a class=\"fnback\" href=\"#{reference}\" aria-label=\"{}\">↩\u{fe0e}</a>",
                escape_attr(&self.cx.labels.back.replace("{n}", &n.to_string()))
            );
            self.html(format!("<li id=\"{id}\">"));
            let range = self.notes.definitions[label].clone();
            let start = self.out.len();
            self.events(range.start + 1..range.end - 1);
            // The link back goes at the end of the note's last paragraph.
            match self.out.iter().rposition(|e| matches!(e, Event::End(TagEnd::Paragraph))).filter(|&p| p >= start && p == self.out.len() - 1) {
                Some(last) => self.out.insert(last, Event::Html(back.into())),
                None => self.html(back),
            }
            self.html("</li>\n".into());
        }
        self.html("</ol></div>\n".into());
    }

    /// A table in its scrolling box, its columns aligned by class.
    fn table(&mut self, alignments: &[Alignment], range: std::ops::Range<usize>) {
        let doc = self.doc;
        let events = &doc.events;
        let classes = column_classes(events, alignments, range.clone());
        self.tables += 1;
        let number = match (self.cx.proposal, self.paragraph) {
            (Some(p), Some(k)) => Anchor::paragraph(p, k).number(),
            _ => String::new(),
        };
        let name = match (number.is_empty(), self.tables) {
            (false, 1) => number,
            (false, k) => format!("{number} ({k})"),
            (true, k) => k.to_string(),
        };
        let label = escape_attr(&self.cx.labels.table.replace("{n}", &name));
        self.html(format!("<div class=\"table\" role=\"region\" tabindex=\"0\" aria-label=\"{label}\"><table>"));
        let (mut in_head, mut column) = (false, 0usize);
        let mut at = range.start + 1;
        while at < range.end - 1 {
            match &events[at] {
                Event::Start(Tag::TableHead) => {
                    in_head = true;
                    self.html("<thead><tr>".into());
                }
                Event::End(TagEnd::TableHead) => {
                    in_head = false;
                    self.html("</tr></thead><tbody>".into());
                }
                Event::Start(Tag::TableRow) => {
                    column = 0;
                    self.html("<tr>".into());
                }
                Event::End(TagEnd::TableRow) => self.html("</tr>".into()),
                Event::Start(Tag::TableCell) => {
                    let class = classes.get(column).copied().flatten().map_or(String::new(), |c| format!(" class=\"{c}\""));
                    self.html(if in_head { format!("<th scope=\"col\"{class}>") } else { format!("<td{class}>") });
                    let end = block_end(events, at);
                    self.events(at + 1..end - 1);
                    self.html(if in_head { "</th>".into() } else { "</td>".into() });
                    column += 1;
                    at = end;
                    continue;
                }
                _ => {}
            }
            at += 1;
        }
        self.html("</tbody></table></div>\n".into());
    }
}

/// A note's id and the id of its `nth` reference.
fn note_ids(proposal: Option<u32>, n: u32, nth: usize) -> (String, String) {
    match proposal {
        Some(p) => {
            let anchor = Anchor::note(p, n);
            (anchor.to_string(), anchor.note_reference(nth))
        }
        None if nth > 1 => (format!("fn-{n}"), format!("fnref-{n}-{nth}")),
        None => (format!("fn-{n}"), format!("fnref-{n}")),
    }
}

/// Each column's class: as its alignment row says (`---:` right, `:-:` centre), and a
/// column with no alignment whose body cells are all numbers (`1,200`, `-3.5%`, `HK$12`)
/// to the right.
pub fn column_classes(events: &[Event], alignments: &[Alignment], range: std::ops::Range<usize>) -> Vec<Option<&'static str>> {
    let mut numeric = vec![(true, false); alignments.len()]; // (every cell is, some cell is)
    let (mut in_head, mut column) = (false, 0usize);
    let mut at = range.start + 1;
    while at < range.end - 1 {
        match &events[at] {
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => column = 0,
            Event::Start(Tag::TableCell) => {
                let end = block_end(events, at);
                if !in_head {
                    let text = structure::plain_text(events, at..end);
                    if let Some((all, some)) = numeric.get_mut(column) {
                        let blank = text.is_empty() || matches!(text.as_str(), "-" | "–" | "—" | "N/A" | "n/a" | "不適用" | "不适用");
                        if !blank {
                            *all &= is_number(&text);
                            *some = true;
                        }
                    }
                }
                column += 1;
                at = end;
                continue;
            }
            _ => {}
        }
        at += 1;
    }
    alignments
        .iter()
        .zip(numeric)
        .map(|(alignment, (all, some))| match alignment {
            Alignment::Right => Some("num"),
            Alignment::Center => Some("center"),
            Alignment::Left => None,
            Alignment::None if all && some => Some("num"),
            Alignment::None => None,
        })
        .collect()
}

/// Whether a cell reads as a number: digits with `,` `.` and an optional sign, currency,
/// percent or unit of a few letters (`+1,200`, `−3.5%`, `HK$12.4`, `(5.0)`, `12 億`).
fn is_number(text: &str) -> bool {
    let t = text.trim().trim_start_matches(['+', '-', '−', '–', '(']).trim_end_matches(')');
    let t = t.trim_start_matches(|c: char| c.is_alphabetic() || c == '$' || c == '¥' || c == '£' || c == '€').trim();
    let digits_end = t.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.' || c == ' ')).unwrap_or(t.len());
    let (number, unit) = t.split_at(digits_end);
    number.chars().next().is_some_and(|c| c.is_ascii_digit()) && unit.trim().chars().count() <= 3
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

/// Escapes text for an element's content.
fn escape_text(text: &str) -> String {
    escape_attr(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::markdown::parse;

    fn context<'a>(image: &'a dyn Fn(&str) -> Option<Img>) -> Context<'a> {
        Context { proposal: Some(6), labels: Labels::ENGLISH, link_to: &|_| None, image, eager_blocks: 1, heading_offset: 0 }
    }

    fn html(source: &str, lang: &str) -> String {
        to_html(&parse(source, lang), &context(&|_| None))
    }

    #[test]
    fn top_level_paragraphs_are_numbered_and_nested_ones_are_not() {
        let out = html("First.\n\n> Quoted.\n\nSecond.\n\n## A heading\n\nThird.", "en");
        assert!(out.contains(r##"<p id="p6-1" class="para"><a class="pnum" href="#p6-1" aria-label="Paragraph 6.1">6.1</a> First.</p>"##), "{out}");
        assert!(out.contains("<blockquote>\n<p>Quoted.</p>"), "{out}");
        assert!(out.contains(r#"id="p6-2""#) && out.contains(r#"id="p6-3""#) && !out.contains(r#"id="p6-4""#), "{out}");
        assert!(out.contains(r#"<h2 id="h6-1">A heading</h2>"#), "{out}");
    }

    #[test]
    fn the_authors_markup_is_sanitized_and_what_goes_is_found_on_its_line() {
        let source = "One <sup>2</sup> <span style=\"color:red\">red</span>.\n\n<div>\n<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">\n<script>\nalert('<b onclick=x>')\n</script>\n</div>\n\nTwo <!-- a note --> <img src=x onerror=alert(1)>\n\n## Title {onclick=alert(1) lang=en}\n\n| a |\n|:-:|\n| b |\n";
        let doc = parse(source, "en");
        let removed: Vec<(u64, String)> = doc.markup_removed().into_iter().map(|r| (r.line, r.what)).collect();
        let lines: Vec<u64> = removed.iter().map(|r| r.0).collect();
        assert_eq!(lines, [1, 4, 5, 10, 12], "{removed:#?}");
        for ((_, what), says) in removed.iter().zip(["<span", "<meta", "<script", "<img", "heading attribute onclick"]) {
            assert!(what.contains(says), "{what} should name {says}");
        }
        let out = html(source, "en");
        assert!(
            out.starts_with(
                r##"<p id="p6-1" class="para"><a class="pnum" href="#p6-1" aria-label="Paragraph 6.1">6.1</a> One <sup>2</sup> <span>red</span>.</p>"##
            ),
            "{out}"
        );
        for gone in ["meta", "script", "alert", "onclick", "onerror", "style=", "a note"] {
            assert!(!out.contains(gone), "{gone} in {out}");
        }
        assert!(out.contains(r#"<p id="p6-2" class="para">"#) && out.contains(r#"<img src="x">"#), "{out}");
        assert!(out.contains(r#"<h2 id="h6-1" lang="en">Title</h2>"#), "{out}");
        // The renderer's own table markup survives the sanitizer: its box, its classes.
        assert!(out.contains(r#"<div class="table" role="region" tabindex="0" aria-label="Table 6.2">"#), "{out}");
        assert!(out.contains(r#"<th scope="col" class="center">a</th>"#) && out.contains(r#"<td class="center">b</td>"#), "{out}");
    }

    #[test]
    fn headings_go_down_as_many_levels_as_the_page_nests_the_body() {
        let cx = Context { heading_offset: 2, ..context(&|_| None) };
        let out = to_html(&parse("## Section\n\nText.\n\n##### Deep", "en"), &cx);
        assert!(out.contains(r#"<h4 id="h6-1">Section</h4>"#) && out.contains(r#"<h6 id="h6-2">Deep</h6>"#), "{out}");
    }

    #[test]
    fn a_body_without_markup_of_its_authors_is_not_sanitized() {
        let doc = parse("One  \ntwo.\n\n## A heading {#own .x}", "en");
        assert!(doc.markup_lines.is_empty() && doc.markup_removed().is_empty());
        let out = html("One  \ntwo.\n\n## A heading {#own .x}", "en");
        assert!(out.contains("One<br />\ntwo."), "written as pulldown-cmark writes it, not re-serialized: {out}");
    }

    #[test]
    fn text_mapping_leaves_code_and_urls_alone() {
        let doc = parse("文字 `代碼` [連結](https://例子.香港/路徑 \"標題\")\n\n```\n文件\n```\n\n文", "zh-Hant");
        let mapped = doc.map_text(|t| t.replace('文', "X").replace('連', "Y").replace('標', "Z"));
        let out = to_html(&mapped, &context(&|_| None));
        assert!(out.contains("X字"), "{out}");
        assert!(out.contains("<code>代碼</code>"), "code untouched: {out}");
        assert!(out.contains("<code>文件\n</code>") && out.contains("X</p>"), "a code block untouched, the text after it mapped: {out}");
        assert!(out.contains("%E8%B7%AF%E5%BE%91"), "URL untouched: {out}");
        assert!(out.contains("title=\"Z題\""), "link title converted: {out}");
        assert!(out.contains(">Y結</a>"), "link text converted: {out}");
    }

    #[test]
    fn internal_links_are_rewritten() {
        let doc = parse("One.\n\nSee [6.3](@/proposals/some-proposal.md#p6-3)\nand [x](https://example.org).", "en");
        let link_to = |t: &str| t.strip_prefix("@/proposals/some-proposal.md").map(|f| format!("../some-proposal/{f}"));
        let cx = Context { link_to: &link_to, ..context(&|_| None) };
        let out = to_html(&doc, &cx);
        assert!(out.contains(r##"<a href="../some-proposal/#p6-3">6.3</a>"##), "{out}");
        assert!(out.contains(r#"href="https://example.org""#));
    }

    #[test]
    fn images_carry_their_size_and_load_lazily_after_the_first_screen() {
        let image = |dest: &str| (dest == "../images/chart.png").then(|| Img { src: "../../assets/img/chart.0a1b2c3d.png".into(), width: 800, height: 450 });
        let source = "![A chart](../images/chart.png)\n*Output, 2023*\n\nText with ![an icon](../images/chart.png \"Icon\") inside.\n";
        let out = to_html(&parse(source, "en"), &context(&image));
        assert!(
            out.starts_with(
                r#"<figure><img src="../../assets/img/chart.0a1b2c3d.png" alt="A chart" width="800" height="450" decoding="async"><figcaption>Output, 2023</figcaption></figure>"#
            ),
            "first screen: no lazy loading; a figure with its caption: {out}"
        );
        assert!(out.contains(r#"<p id="p6-1" class="para">"#), "the figure is not numbered, the paragraph after it is 6.1: {out}");
        assert!(out.contains(r#"alt="an icon" title="Icon" width="800" height="450" loading="lazy" decoding="async">"#), "{out}");
        let titled = to_html(&parse("Para.\n\n![A map](../images/chart.png \"The map\")", "en"), &context(&image));
        assert!(titled.contains(r#"<figcaption>The map</figcaption>"#) && !titled.contains("title="), "{titled}");
    }

    #[test]
    fn tables_scroll_in_a_labelled_box_with_their_columns_aligned_by_class() {
        let source = "Figures.\n\n| 行業 | 2022 | 2023 | Change | Note |\n|---|---|---:|:-:|:--|\n| 製造業 | 1,200 | 1,350 | +12.5% | 1 |\n| 服務業 | - | 980 | −3.1% | 2 |\n";
        let out = html(source, "zh-Hant");
        assert!(out.contains(r#"<div class="table" role="region" tabindex="0" aria-label="Table 6.1"><table><thead><tr><th scope="col">行業</th><th scope="col" class="num">2022</th><th scope="col" class="num">2023</th><th scope="col" class="center">Change</th><th scope="col">Note</th></tr></thead><tbody><tr><td>製造業</td><td class="num">1,200</td>"#), "{out}");
        assert!(!out.contains("style="), "{out}");
        let two = html("P.\n\n| a |\n|---|\n| b |\n\n| c |\n|---|\n| d |\n", "en");
        assert!(two.contains(r#"aria-label="Table 6.1""#) && two.contains(r#"aria-label="Table 6.1 (2)""#), "{two}");
    }

    #[test]
    fn footnotes_get_ids_of_their_proposal_a_link_back_and_come_after_the_body() {
        let source = "One.[^x]\n\nTwo.[^1] Again.[^x]\n\n[^1]: Note one.\n[^x]: Note x.\n[^unused]: Never.\n";
        let out = html(source, "en");
        assert!(out.contains(r##"One.<sup class="fnref"><a href="#fn-6-1" id="fnref-6-1" aria-label="Note 1">1</a></sup>"##), "{out}");
        assert!(out.contains(r##"Two.<sup class="fnref"><a href="#fn-6-2" id="fnref-6-2" aria-label="Note 2">2</a></sup>"##), "{out}");
        assert!(out.contains(r##"Again.<sup class="fnref"><a href="#fn-6-1" id="fnref-6-1-2" aria-label="Note 1">1</a></sup>"##), "{out}");
        let notes = &out[out.find(r#"<div class="footnotes">"#).expect("notes after the body")..];
        assert!(notes.starts_with("<div class=\"footnotes\"><ol aria-label=\"Notes\">\n<li id=\"fn-6-1\">\n<p>Note x. <a class=\"fnback\" href=\"#fnref-6-1\" aria-label=\"Back to the text of note 1\">↩\u{fe0e}</a></p>\n</li>\n<li id=\"fn-6-2\">"), "{notes}");
        assert!(!out.contains("Never"), "an unreferenced note is left out: {out}");
        assert!(html("A[^none].", "en").contains("A[^none]."), "a reference without a note stays as written");
    }

    #[test]
    fn numbers_are_recognised_in_cells() {
        for yes in ["1,200", "-3.5%", "−3.5%", "HK$12.4", "(5.0)", "12 億", "3.2 bn", "+12.5%"] {
            assert!(is_number(yes), "{yes}");
        }
        for no in ["製造業", "2022 and after", "n.a.", "", "Phase 2 of the plan"] {
            assert!(!is_number(no), "{no}");
        }
    }
}
