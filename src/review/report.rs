//! Review: the report as one self-contained HTML page for the reviewer (its style inline,
//! no script), never part of the published site.

use std::fmt::Write as _;

use super::{Review, Status};
use crate::text::convert::OPENCC_FMMSEG;
use crate::text::render::escape_attr;

const STYLE: &str = "body{font:15px/1.6 system-ui,sans-serif;margin:2rem auto;max-width:75rem;padding:0 1rem}\
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}\
th{background:#f3f3f3}mark{background:#fd5;font-weight:bold}.new{color:#b00;font-weight:bold}.changed{color:#a50;font-weight:bold}\
.signed{color:#080}.zh{font-size:1.1em;white-space:nowrap}code{background:#f3f3f3;padding:0 .2em}";

/// The report of `reviews`.
pub fn html(reviews: &[Review]) -> String {
    let mut out = format!("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Conversion review</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>Conversion review</h1>\n");
    out.push_str(
        "<p>For the person who signs off the generated edition: read the occurrences marked <span class=\"new\">new</span> or <span class=\"changed\">changed</span>, \
         correct any wrong one with an override entry, then record the review with <code>microsite review --sign-off</code>. Not published with the site.</p>\n",
    );
    for review in reviews {
        section(&mut out, review);
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn e(text: &str) -> String {
    escape_attr(text)
}

fn section(out: &mut String, r: &Review) {
    let name = if r.submission.is_edition() { format!("Edition {}", r.submission.name) } else { "The submission".to_string() };
    let _ = writeln!(out, "<h2 id=\"{}\">{}: {} generated from {}</h2>", e(&format!("{}-{}", r.submission.name, r.lang)), e(&name), e(&r.lang), e(&r.from));
    let _ = writeln!(out, "<h3>Converter</h3>\n<ul>\n<li>opencc-fmmseg {}, configuration <code>{}</code></li>", e(OPENCC_FMMSEG), e(&r.config));
    for (slot, entries, fingerprint) in &r.dictionaries {
        let _ = writeln!(out, "<li>dictionary {}: {entries} entries, fingerprint <code>{fingerprint}</code></li>", e(slot));
    }
    for (file, entries) in &r.override_files {
        match entries {
            Some(n) => {
                let _ = writeln!(out, "<li>override file <code>{}</code>: {n} entries</li>", e(file));
            }
            None => {
                let _ = writeln!(out, "<li>override file <code>{}</code>: none</li>", e(file));
            }
        }
    }
    out.push_str("</ul>\n");

    let count = |s: Status| r.occurrences.iter().filter(|o| o.status == s).count();
    let (new, changed, signed) = (count(Status::New), count(Status::Changed), count(Status::SignedOff));
    let _ = writeln!(out, "<h3>Characters with more than one rendering</h3>");
    let signoff = if r.signoff_exists {
        format!("signed off in <code>{}</code>", e(&r.signoff_file))
    } else {
        format!("no sign-off yet (<code>{}</code> does not exist): every occurrence is new", e(&r.signoff_file))
    };
    let _ = writeln!(
        out,
        "<p>{} occurrences of {} characters: <span class=\"new\">{new} new</span>, <span class=\"changed\">{changed} changed</span>, <span class=\"signed\">{signed} signed off</span>; {signoff}. {} signed-off occurrences are no longer in the text.</p>",
        r.occurrences.len(),
        r.occurrences.iter().map(|o| o.ch).collect::<std::collections::BTreeSet<_>>().len(),
        r.gone
    );
    for (title, open, statuses) in [("To review", true, &[Status::New, Status::Changed][..]), ("Signed off", false, &[Status::SignedOff][..])] {
        let mut list: Vec<&super::Occurrence> = r.occurrences.iter().filter(|o| statuses.contains(&o.status)).collect();
        list.sort_by_key(|o| (o.ch, o.status));
        let _ = writeln!(out, "<details{}><summary><strong>{title}</strong> ({})</summary>", if open { " open" } else { "" }, list.len());
        for group in list.chunk_by(|a, b| a.ch == b.ch) {
            let c = group[0].ch;
            let why = r.reasons.get(&c).map_or("", String::as_str);
            let _ = writeln!(out, "<h4><span class=\"zh\">{}</span> ({} occurrences): {}</h4>", e(&c.to_string()), group.len(), e(why));
            out.push_str("<table>\n<tr><th>status</th><th>where</th><th>Traditional</th><th>Simplified</th></tr>\n");
            for o in group {
                let (class, label) = match o.status {
                    Status::New => ("new", "new"),
                    Status::Changed => ("changed", "changed"),
                    Status::SignedOff => ("signed", "signed off"),
                };
                let _ = writeln!(
                    out,
                    "<tr id=\"o-{}\"><td class=\"{class}\">{label}</td><td>{}</td><td class=\"zh\">{}</td><td class=\"zh\">{}</td></tr>",
                    o.key,
                    place(r, o.place),
                    marked(&o.source),
                    marked(&o.converted)
                );
            }
            out.push_str("</table>\n");
        }
        out.push_str("</details>\n");
    }

    let _ = writeln!(out, "<h3>Override ledger</h3>");
    if r.ledger.is_empty() {
        out.push_str("<p>No override entries.</p>\n");
    } else {
        out.push_str("<table>\n<tr><th>entry</th><th>reason</th><th>where it fired</th></tr>\n");
        for entry in &r.ledger {
            let mut fired = String::new();
            if entry.replaced {
                fired.push_str("replaced by the content's entry for the same phrase");
            } else if entry.fired.is_empty() && entry.overruled.is_empty() {
                fired.push_str("<strong>never fires</strong>");
            }
            for (at, plain) in &entry.fired {
                let effect = if *plain == entry.target { "pins what OpenCC alone gives".to_string() } else { format!("OpenCC alone gives {}", e(plain)) };
                let _ = write!(fired, "{} ({effect})<br>", place(r, *at));
            }
            for (at, converted) in &entry.overruled {
                let _ = write!(fired, "{}: <strong>a longer phrase wins</strong>, converted as {}<br>", place(r, *at), e(converted));
            }
            let _ = writeln!(
                out,
                "<tr><td><code>{}</code><br><span class=\"zh\">{} → {}</span></td><td>{}</td><td>{fired}</td></tr>",
                e(&entry.at),
                e(&entry.source),
                e(&entry.target),
                e(&entry.reason)
            );
        }
        out.push_str("</table>\n");
    }

    let _ = writeln!(out, "<h3>Left unconverted</h3>");
    if r.leftovers.is_empty() {
        let _ = writeln!(out, "<p>None: converting the {} text again changes nothing.</p>", e(&r.lang));
    } else {
        out.push_str("<table>\n<tr><th>where</th><th>converted text</th><th>converted again</th></tr>\n");
        for l in &r.leftovers {
            let _ = writeln!(out, "<tr><td>{}</td><td class=\"zh\">{}</td><td class=\"zh\">{}</td></tr>", place(r, l.place), e(&l.context), e(&l.again));
        }
        out.push_str("</table>\n");
    }
}

/// A place's label, linked to its paragraph in both editions.
fn place(r: &Review, at: usize) -> String {
    let p = &r.places[at];
    match &p.links {
        Some((source, generated)) => format!("{} <a href=\"{}\">{}</a> <a href=\"{}\">{}</a>", e(&p.label), e(source), e(&r.from), e(generated), e(&r.lang)),
        None => e(&p.label),
    }
}

/// Context with its character marked.
fn marked(parts: &[String; 3]) -> String {
    format!("{}<mark>{}</mark>{}", e(&parts[0]), e(&parts[1]), e(&parts[2]))
}
