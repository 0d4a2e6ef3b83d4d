//! Typst markup: text escaped so that it shows as written, and the parts of an edition's
//! PDF around the proposals' bodies — the page and type settings, the cover, the table of
//! contents, the pillars' and proposals' headings.

/// `s` as Typst markup that shows it as written: every ASCII punctuation mark escaped (none
/// can then start markup, a comment, a call or a label), line breaks as spaces.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// `s` as a Typst string literal.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// What the document says about itself, and what its cover shows.
pub struct Front<'a> {
    pub publisher: &'a str,
    pub title: &'a str,
    pub date: &'a str,
    /// The language's tag (`zh-Hant-HK`, `zh-Hans`, `en`).
    pub html_lang: &'a str,
    /// The edition's home page in this language, when the site's address is known.
    pub url: Option<String>,
    /// The creation date the PDF records: (year, month, day), from the content's date.
    pub created: Option<(i32, u8, u8)>,
    /// The heading of the table of contents.
    pub contents: &'a str,
    /// The publisher's colour (`#8f1d21`, the `colour` setting) for the cover's rule and the
    /// links; `None`: a neutral dark grey.
    pub accent: Option<&'a str>,
}

/// The accent colour as Typst writes it: the publisher's `#rrggbb`, else a dark grey.
fn accent(front: &Front) -> String {
    match front.accent {
        Some(hex) if hex.len() == 7 && hex.starts_with('#') && hex[1..].bytes().all(|b| b.is_ascii_hexdigit()) => format!("rgb(\"{hex}\")"),
        _ => "luma(40)".to_string(),
    }
}

/// The families of the body text and of the headings, in order of preference, for a
/// language: Simplified or Traditional Chinese forms; for a language not written in CJK, a
/// Latin face first (Liberation or DejaVu, if the machine has one: Noto CJK's quotation
/// marks and apostrophe are full-width, “ like this ”), then Noto CJK's Latin letters.
fn families(html_lang: &str) -> (&'static str, &'static str) {
    let simplified = html_lang.contains("Hans") || html_lang.ends_with("-CN") || html_lang.ends_with("-SG");
    if !crate::text::markdown::is_cjk_language(html_lang) {
        (
            r#"("Liberation Serif", "DejaVu Serif", "Noto Serif CJK HK", "Noto Serif CJK TC", "Noto Sans CJK HK", "Noto Sans CJK TC")"#,
            r#"("Liberation Sans", "DejaVu Sans", "Noto Sans CJK HK", "Noto Sans CJK TC")"#,
        )
    } else if simplified {
        (r#"("Noto Serif CJK SC", "Noto Serif SC", "Noto Sans CJK SC", "Noto Sans SC")"#, r#"("Noto Sans CJK SC", "Noto Sans SC")"#)
    } else if html_lang.ends_with("-TW") {
        (r#"("Noto Serif CJK TC", "Noto Serif TC", "Noto Sans CJK TC", "Noto Sans TC")"#, r#"("Noto Sans CJK TC", "Noto Sans TC")"#)
    } else {
        (
            r#"("Noto Serif CJK HK", "Noto Serif CJK TC", "Noto Serif HK", "Noto Serif TC", "Noto Sans CJK HK", "Noto Sans CJK TC")"#,
            r#"("Noto Sans CJK HK", "Noto Sans CJK TC", "Noto Sans HK", "Noto Sans TC")"#,
        )
    }
}

/// Typst's `lang` and `region` for a language tag (`zh-Hant-HK` → `zh`, `HK`).
fn lang_region(html_lang: &str) -> (String, Option<String>) {
    let mut parts = html_lang.split('-');
    let lang = parts.next().unwrap_or("en").to_ascii_lowercase();
    let region = parts.find(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic())).map(str::to_ascii_uppercase);
    (lang, region)
}

/// The document's settings (A4, its language, fonts and metadata; no hyphens, so that a
/// search finds every word whole), and the functions the rest of the markup calls: `para`
/// (a numbered paragraph, its number in the left margin) and `proposal` (a proposal's
/// heading, a link to its page on the site; its notes numbered from 1, as on the site).
pub fn preamble(front: &Front) -> String {
    let (serif, sans) = families(front.html_lang);
    let (lang, region) = lang_region(front.html_lang);
    let lang = string(&lang);
    let region = region.map_or("none".to_string(), |r| string(&r));
    let date = front.created.map_or("none".to_string(), |(y, m, d)| format!("datetime(year: {y}, month: {m}, day: {d})"));
    let footer_title = string(front.title);
    let publisher = string(front.publisher);
    let title = string(front.title);
    let accent = accent(front);
    format!(
        r##"#set document(title: {title}, author: {publisher}, date: {date})
#set page(paper: "a4", margin: (top: 24mm, bottom: 24mm, left: 35mm, right: 25mm), numbering: "1",
  footer: context {{ set text(size: 8pt, fill: luma(90)); {footer_title}; h(1fr); counter(page).display() }})
#set text(font: {serif}, size: 10.5pt, lang: {lang}, region: {region}, hyphenate: false)
#set par(justify: true, leading: 0.85em, spacing: 1.1em)
#set figure(numbering: none)
#set table(stroke: 0.5pt + luma(150), inset: 5pt)
#show table: set text(size: 9pt)
#show table: set par(justify: false)
#show heading: set text(font: {sans})
#show heading.where(level: 1): set text(size: 17pt)
#show heading.where(level: 1): set block(above: 0pt, below: 1.4em)
#show heading.where(level: 3): set text(size: 11pt)
#show quote: set pad(left: 1.5em)
#show raw: set text(font: ("Noto Sans Mono CJK HK", "Noto Sans Mono CJK SC", "DejaVu Sans Mono"), size: 9pt)
#show link: set text(fill: {accent})
#show footnote.entry: set text(size: 8.5pt)
#show outline.entry.where(level: 1): set block(above: 1.2em)
#show outline.entry.where(level: 1): set text(font: {sans}, weight: "bold")
#let para(number, url, body) = block(width: 100%, {{
  let n = text(size: 8pt, fill: luma(80), font: {sans}, number)
  place(top + left, dx: -2.6em, dy: 0.25em, if url == none {{ n }} else {{ link(url, text(fill: luma(80), n)) }})
  body
}})
#let proposal(url, title) = {{
  counter(footnote).update(0)
  show heading: it => block(above: 2em, below: 1em, sticky: true,
    text(size: 13pt, weight: "bold", if url == none {{ it.body }} else {{ link(url, text(fill: black, it.body)) }}))
  heading(level: 2, title)
}}
"##
    )
}

/// The cover: the publisher's name, the title and the date set in type, and the
/// edition's address on the site. (The publisher's identity, a logo, belongs above the
/// name when the site has one.)
pub fn cover(front: &Front) -> String {
    let url = front.url.as_ref().map_or(String::new(), |url| format!("#text(size: 9pt)[#link({})[{}]]", string(url), text(url)));
    let accent = accent(front);
    format!(
        r##"#page(numbering: none, footer: none)[
#set par(justify: false)
#v(28mm)
#text(size: 14pt, fill: luma(50), weight: "bold")[{publisher}]
#v(6mm)
#line(length: 45mm, stroke: 2pt + {accent})
#v(10mm)
#text(size: 28pt, weight: "bold")[{title}]
#v(8mm)
#text(size: 14pt)[{date}]
#v(1fr)
{url}
]
"##,
        publisher = text(front.publisher),
        title = text(front.title),
        date = text(front.date),
    )
}

/// The table of contents: pillars and proposals, with their page numbers.
pub fn contents(front: &Front) -> String {
    format!("#outline(title: [{}], depth: 2)\n", text(front.contents))
}

/// A pillar's heading, on a new page (`heading`: its number and title, as shown).
pub fn pillar(heading: &str) -> String {
    format!("#pagebreak(weak: true)\n#heading(level: 1)[{}]\n\n", text(heading))
}

/// A proposal's heading (`6. Title`), linking to `url` (its page) when known.
pub fn proposal(number: u32, title: &str, url: Option<&str>) -> String {
    let url = url.map_or("none".to_string(), string);
    format!("#proposal({url}, [{}])\n\n", text(&format!("{number}. {title}")))
}

/// A note in place of a text (a proposal not yet translated).
pub fn notice(message: &str) -> String {
    format!("#emph[{}]\n\n", text(message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_so_that_nothing_in_it_is_markup() {
        assert_eq!(text("#set page(width: 1pt) *bold* _x_ $y$ <l> @r [a] // c"), r"\#set page\(width\: 1pt\) \*bold\* \_x\_ \$y\$ \<l\> \@r \[a\] \/\/ c");
        assert_eq!(text("1. = - + 中文\\"), r"1\. \= \- \+ 中文\\");
        assert_eq!(string("say \"hi\" \\ \n"), r#""say \"hi\" \\ \n""#);
        assert_eq!(lang_region("zh-Hant-HK"), ("zh".to_string(), Some("HK".to_string())));
        assert_eq!(lang_region("zh-Hans"), ("zh".to_string(), None));
    }
}
