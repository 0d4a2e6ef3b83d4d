//! Output: what hosts and crawlers read besides the pages — `sitemap.xml` with language
//! alternates, `robots.txt`, and the security headers (`_headers`, with the same policy
//! as each page's `<meta>`: [`crate::domain::CSP`]).

use crate::domain::{BaseUrl, Language, CSP};

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The most a sitemap file may hold, by the sitemaps protocol: 50 000 URLs and 50 MB.
pub const SITEMAP_LIMITS: (usize, usize) = (50_000, 50 * 1000 * 1000);

const SITEMAP_NS: &str = "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"";

/// The sitemap files, as (path, contents): every page of every edition, each with its
/// alternates in all `languages` and `x-default` (the landing page), in Google's
/// multilingual format. `pages` holds each page's folder in every language. Within
/// `limits` (URLs, bytes) that is `sitemap.xml`; a larger site gets `sitemap-1.xml`,
/// `sitemap-2.xml`…, and `sitemap.xml` is the index of them.
pub fn sitemaps(languages: &[Language], base: &BaseUrl, pages: &[Vec<String>], limits: (usize, usize)) -> Vec<(String, String)> {
    let alternates = |dirs: &[String]| -> String {
        let mut links = String::new();
        for (lang, dir) in languages.iter().zip(dirs) {
            links.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                xml_escape(&lang.html_lang),
                xml_escape(&base.join(dir))
            ));
        }
        links.push_str(&format!("    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n", xml_escape(&base.url)));
        links
    };
    let head = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset {SITEMAP_NS} xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    let tail = "</urlset>\n";
    let homes: Vec<String> = languages.iter().map(|l| format!("{}/", l.prefix)).collect();
    let entries = std::iter::once(format!("  <url>\n    <loc>{}</loc>\n{}  </url>\n", xml_escape(&base.url), alternates(&homes))).chain(
        pages.iter().flat_map(|dirs| dirs.iter().map(|dir| format!("  <url>\n    <loc>{}</loc>\n{}  </url>\n", xml_escape(&base.join(dir)), alternates(dirs)))),
    );
    let mut files: Vec<String> = Vec::new();
    let mut count = 0;
    for entry in entries {
        let full = files.last().is_none_or(|xml| count == limits.0 || xml.len() + entry.len() + tail.len() > limits.1);
        if full {
            if let Some(xml) = files.last_mut() {
                xml.push_str(tail);
            }
            files.push(head.clone());
            count = 0;
        }
        files.last_mut().expect("a file was started").push_str(&entry);
        count += 1;
    }
    if let Some(xml) = files.last_mut() {
        xml.push_str(tail);
    }
    if files.len() == 1 {
        return vec![("sitemap.xml".into(), files.remove(0))];
    }
    let mut index = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex {SITEMAP_NS}>\n");
    let mut parts = Vec::new();
    for (i, xml) in files.into_iter().enumerate() {
        let path = format!("sitemap-{}.xml", i + 1);
        index.push_str(&format!("  <sitemap>\n    <loc>{}</loc>\n  </sitemap>\n", xml_escape(&base.join(&path))));
        parts.push((path, xml));
    }
    index.push_str("</sitemapindex>\n");
    std::iter::once(("sitemap.xml".to_string(), index)).chain(parts).collect()
}

/// `robots.txt`: everything may be crawled; the sitemap is named when there is one.
pub fn robots(base: Option<&BaseUrl>) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = base {
        text.push_str(&format!("\nSitemap: {}sitemap.xml\n", base.url));
    }
    text
}

/// `_headers` (Netlify and Cloudflare Pages format): the security headers for every path,
/// and long caching for the content-hashed assets.
pub fn headers(base_path: &str) -> String {
    format!(
        "{base_path}*\n  Content-Security-Policy: {CSP}; frame-ancestors 'none'\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n\n{base_path}assets/*\n  Cache-Control: public, max-age=31536000, immutable\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_absolute_and_end_in_a_slash() {
        let b = BaseUrl::parse("https://example.org/reports/annual").unwrap();
        assert_eq!((b.url.as_str(), b.path.as_str()), ("https://example.org/reports/annual/", "/reports/annual/"));
        let b = BaseUrl::parse("http://localhost:8000").unwrap();
        assert_eq!((b.url.as_str(), b.path.as_str()), ("http://localhost:8000/", "/"));
        assert_eq!(b.join("en/6/"), "http://localhost:8000/en/6/");
        for bad in ["example.org/x", "/budget/", "https://", "https://x.org/a b", "ftp://x.org/", "https://x.org/?q=1"] {
            assert!(BaseUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_sitemap_too_large_for_one_file_is_split_under_an_index() {
        let base = BaseUrl::parse("https://example.org/budget/").unwrap();
        let lang = |code: &str| Language {
            code: code.into(),
            prefix: code.into(),
            html_lang: code.into(),
            name: code.into(),
            og_locale: code.into(),
            generated_from: None,
        };
        let languages = [lang("tc"), lang("en")];
        let pages: Vec<Vec<String>> = (1..=4).map(|n| vec![format!("tc/{n}/"), format!("en/{n}/")]).collect();
        // 1 landing page + 8 pages.
        let one = sitemaps(&languages, &base, &pages, SITEMAP_LIMITS);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].1.matches("<loc>").count(), 9);
        let split = sitemaps(&languages, &base, &pages, (4, SITEMAP_LIMITS.1));
        let paths: Vec<&str> = split.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]);
        assert!(split[0].1.contains("<sitemapindex") && split[0].1.contains("<loc>https://example.org/budget/sitemap-3.xml</loc>"));
        let counts: Vec<usize> = split[1..].iter().map(|(_, xml)| xml.matches("<loc>").count()).collect();
        assert_eq!(counts, [4, 4, 1]);
        assert!(split[1..].iter().all(|(_, xml)| xml.starts_with("<?xml") && xml.ends_with("</urlset>\n")));
        // By size: no file over the limit.
        let small = one[0].1.len() / 3;
        let by_size = sitemaps(&languages, &base, &pages, (SITEMAP_LIMITS.0, small));
        assert!(by_size.len() > 3 && by_size[1..].iter().all(|(_, xml)| xml.len() <= small), "{}", by_size.len());
        assert_eq!(by_size[1..].iter().map(|(_, xml)| xml.matches("<loc>").count()).sum::<usize>(), 9);
    }

    #[test]
    fn headers_carry_the_page_policy_and_cache_the_hashed_assets() {
        let h = headers("/budget/");
        assert!(h.starts_with("/budget/*\n  Content-Security-Policy: default-src 'self';"));
        assert!(h.contains("frame-ancestors 'none'") && h.contains("X-Content-Type-Options: nosniff") && h.contains("Referrer-Policy:"));
        assert!(h.contains("/budget/assets/*\n  Cache-Control: public, max-age=31536000, immutable"));
    }
}
