//! Review: every text of a submission a generated language converts (settings, titles,
//! proposal bodies block by block, the theme's UI strings), Traditional beside its
//! conversion, each with the place a reader finds it.

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::domain::{layout, Anchor, Document, Language};
use crate::error::Result;
use crate::prepare::Prepared;
use crate::text::convert::Converter;
use crate::text::markdown;

/// Where a text is.
#[derive(Debug, Clone)]
pub struct Place {
    /// What a person calls it: `paragraph 6.3 (pilot-bases)`, `proposal 6's title`.
    pub label: String,
    /// Its address in the source and in the generated edition, when it is on a page.
    pub links: Option<(String, String)>,
}

/// A text in the source language, as converted with and without the override entries.
#[derive(Debug)]
pub struct Text {
    pub place: usize,
    pub source: Vec<char>,
    pub converted: Vec<char>,
    pub plain: Vec<char>,
}

/// Every converted text of a submission.
#[derive(Debug, Default)]
pub struct Texts {
    pub places: Vec<Place>,
    pub texts: Vec<Text>,
}

impl Texts {
    fn add(&mut self, place: Place, source: &str, cc: &Converter, plain: &Converter) {
        self.places.push(place);
        self.push(source, cc, plain);
    }

    fn push(&mut self, source: &str, cc: &Converter, plain: &Converter) {
        if source.trim().is_empty() {
            return;
        }
        let text = Text {
            place: self.places.len() - 1,
            source: source.chars().collect(),
            converted: cc.text(source).chars().collect(),
            plain: plain.text(source).chars().collect(),
        };
        self.texts.push(text);
    }

    /// A Markdown body or intro: one text per block (paragraph, heading, list item, table
    /// cell), converted as its page converts it, text node by text node.
    fn document(&mut self, doc: &Document, place: &dyn Fn(Option<Anchor>, &str) -> Place, cc: &Converter, plain: &Converter) {
        let (converted, bare) = (cc.document(doc), plain.document(doc));
        let (mut depth, mut paragraph, mut heading) = (0usize, 0u32, 0u32);
        // The block being read: its anchor, and its text in the three forms.
        let mut block: Option<(Option<Anchor>, [String; 3])> = None;
        let mut last: Option<Anchor> = None;
        // The numbered paragraphs (not a figure, an image alone in its paragraph) and the headings.
        let numbered: std::collections::HashSet<usize> = crate::text::structure::blocks(&doc.events)
            .into_iter()
            .filter(|b| matches!(b.block, crate::domain::Block::Paragraph))
            .map(|b| b.range.start)
            .collect();
        for (i, ((event, to), bare)) in doc.events.iter().zip(&converted.events).zip(&bare.events).enumerate() {
            let starts = match event {
                Event::Start(Tag::Paragraph) if depth == 0 && numbered.contains(&i) => {
                    paragraph += 1;
                    last = Some(Anchor::paragraph(0, paragraph));
                    Some(last)
                }
                Event::Start(Tag::Heading { .. }) if depth == 0 => {
                    heading += 1;
                    Some(Some(Anchor::heading(0, heading)))
                }
                Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::TableCell | Tag::Item) => Some(None),
                _ => None,
            };
            let ends = matches!(event, Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::Item));
            if starts.is_some() || ends {
                if let Some((anchor, [source, to, bare])) = block.take() {
                    let what = last.map_or("before its first paragraph".to_string(), |a| format!("after ¶{}", a.index));
                    if !source.trim().is_empty() {
                        self.places.push(place(anchor, &what));
                        let text = Text {
                            place: self.places.len() - 1,
                            source: source.chars().collect(),
                            converted: to.chars().collect(),
                            plain: bare.chars().collect(),
                        };
                        self.texts.push(text);
                    }
                }
            }
            if let Some(anchor) = starts {
                block = Some((anchor, Default::default()));
            }
            match event {
                Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::Item | Tag::Table(_) | Tag::FootnoteDefinition(_)) => depth += 1,
                Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::Table | TagEnd::FootnoteDefinition) => {
                    depth = depth.saturating_sub(1)
                }
                _ => {}
            }
            if let (Some((_, [source, converted, plain])), Event::Text(a) | Event::Code(a), Event::Text(b) | Event::Code(b), Event::Text(c) | Event::Code(c)) =
                (block.as_mut(), event, to, bare)
            {
                source.push_str(a);
                converted.push_str(b);
                plain.push_str(c);
            }
        }
    }
}

/// The texts of `prepared`'s submission that `to` is generated from (`from`), converted by
/// `cc` (and by `plain`, OpenCC alone), with their places.
pub fn texts(root: &std::path::Path, prepared: &Prepared, from: &Language, to: &Language, cc: &Converter, plain: &Converter) -> Result<Texts> {
    let site = &prepared.site;
    let base = |dir: &str| {
        let dir = format!("{}{dir}", site.submission.path());
        site.base_url.as_ref().map_or(dir.clone(), |b| b.join(&dir))
    };
    let links = |page: &dyn Fn(&str) -> String, anchor: Option<Anchor>| {
        let fragment = anchor.map_or(String::new(), |a| format!("#{a}"));
        Some((format!("{}{fragment}", base(&page(&from.prefix))), format!("{}{fragment}", base(&page(&to.prefix)))))
    };
    let mut texts = Texts::default();
    let (settings, site_wide) = (&site.submission.settings, &site.submission.site_settings);
    for (what, map, file) in [
        ("the publisher", &site.publisher, site_wide),
        ("the title", &site.title, settings),
        ("the date", &site.date, settings),
        ("the search examples", &site.search_examples, settings),
    ] {
        if let Some(source) = map.get(&from.code) {
            texts.add(Place { label: format!("{what} ({file})"), links: links(&|p| layout::home(p), None) }, source, cc, plain);
        }
    }
    if let Some(doc) = site.intro.get(&from.code) {
        let place = |_: Option<Anchor>, _: &str| Place {
            label: format!("the home page's intro ({})", site.submission.settings),
            links: links(&|p| layout::home(p), None),
        };
        texts.document(doc, &place, cc, plain);
    }
    for pillar in &site.pillars {
        let page = |p: &str| layout::pillar(p, &pillar.slug);
        if let Some(title) = pillar.title.get(&from.code) {
            texts.add(Place { label: format!("pillar {}'s title", pillar.number), links: links(&page, None) }, title, cc, plain);
        }
        if let Some(doc) = pillar.intro.get(&from.code) {
            let place = |_: Option<Anchor>, _: &str| Place { label: format!("pillar {}'s intro", pillar.number), links: links(&page, None) };
            texts.document(doc, &place, cc, plain);
        }
    }
    for proposal in &site.proposals {
        let Some(text) = proposal.texts.get(&from.code) else { continue };
        let page = |p: &str| layout::proposal(p, &proposal.slug);
        let file = text.body.path().strip_prefix(root).unwrap_or(text.body.path()).display().to_string();
        texts.add(Place { label: format!("proposal {}'s title ({file})", proposal.number), links: links(&page, None) }, &text.title, cc, plain);
        let body = text.body.read()?;
        let doc = markdown::parse(&body, &from.code);
        let place = |anchor: Option<Anchor>, what: &str| {
            let anchor = anchor.map(|a| Anchor { proposal: proposal.number, ..a });
            let label = match anchor {
                Some(a) if a.kind == crate::domain::AnchorKind::Paragraph => format!("¶{} ({file})", a.number()),
                Some(a) => format!("heading {} ({file})", a.number()),
                None => format!("proposal {}, {what} ({file})", proposal.number),
            };
            Place { label, links: links(&page, anchor) }
        };
        texts.document(&doc, &place, cc, plain);
    }
    if let Some(strings) = prepared.theme.strings.get(&from.code) {
        for (key, value) in strings {
            texts.add(Place { label: format!("the theme's UI string `{key}`"), links: None }, value, cc, plain);
        }
    }
    Ok(texts)
}
