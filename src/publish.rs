//! Write stage, part two: what hosts and crawlers read besides the pages — the base URL
//! the site is published at, `sitemap.xml` with language alternates, `robots.txt`, and the
//! security headers (`_headers`, and the same policy for each page's `<meta>`).

use crate::model::Site;

/// The Content-Security-Policy of every page: everything from the site itself, nothing
/// inline, nothing from elsewhere. (`frame-ancestors` only works as a header.)
pub const CSP: &str = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'";

/// Where the site is published: an absolute http(s) URL ending in `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// `https://www.example.org.hk/budget/2024-25/`
    pub url: String,
    /// The path part: `/budget/2024-25/`.
    pub path: String,
}

impl BaseUrl {
    pub fn parse(text: &str) -> Result<BaseUrl, String> {
        let text = text.trim();
        let rest = text
            .strip_prefix("https://")
            .or_else(|| text.strip_prefix("http://"))
            .ok_or("must be an absolute http:// or https:// URL, e.g. https://www.example.org.hk/budget/2024-25/")?;
        let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
        if host.is_empty() || host.contains(|c: char| c.is_whitespace() || c == '?' || c == '#') {
            return Err("has no valid host name".into());
        }
        if path.contains(['?', '#']) || path.contains(char::is_whitespace) {
            return Err("must not have a query, fragment or spaces".into());
        }
        let path = format!("/{}", path.trim_end_matches('/'));
        let path = if path == "/" { path } else { format!("{path}/") };
        Ok(BaseUrl { url: format!("{}{host}{path}", &text[..text.len() - rest.len()]), path })
    }

    /// The absolute URL of a page folder given from the site root (`en/proposals/x/`).
    pub fn join(&self, dir: &str) -> String {
        format!("{}{dir}", self.url)
    }
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// `sitemap.xml`: every page of every edition, each with its alternates in all languages
/// and `x-default` (the landing page), in Google's multilingual sitemap format.
pub fn sitemap(site: &Site, base: &BaseUrl, pages: &[Vec<String>]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let alternates = |dirs: &[String]| -> String {
        let mut links = String::new();
        for (lang, dir) in site.languages.iter().zip(dirs) {
            links.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                xml_escape(&lang.html_lang),
                xml_escape(&base.join(dir))
            ));
        }
        links.push_str(&format!("    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n", xml_escape(&base.url)));
        links
    };
    let homes: Vec<String> = site.languages.iter().map(|l| format!("{}/", l.prefix)).collect();
    xml.push_str(&format!("  <url>\n    <loc>{}</loc>\n{}  </url>\n", xml_escape(&base.url), alternates(&homes)));
    for dirs in pages {
        for dir in dirs {
            xml.push_str(&format!("  <url>\n    <loc>{}</loc>\n{}  </url>\n", xml_escape(&base.join(dir)), alternates(dirs)));
        }
    }
    xml.push_str("</urlset>\n");
    xml
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
        let b = BaseUrl::parse("https://example.org/budget/2024-25").unwrap();
        assert_eq!((b.url.as_str(), b.path.as_str()), ("https://example.org/budget/2024-25/", "/budget/2024-25/"));
        let b = BaseUrl::parse("http://localhost:8000").unwrap();
        assert_eq!((b.url.as_str(), b.path.as_str()), ("http://localhost:8000/", "/"));
        assert_eq!(b.join("en/6/"), "http://localhost:8000/en/6/");
        for bad in ["example.org/x", "/budget/", "https://", "https://x.org/a b", "ftp://x.org/", "https://x.org/?q=1"] {
            assert!(BaseUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn headers_carry_the_page_policy_and_cache_the_hashed_assets() {
        let h = headers("/budget/");
        assert!(h.starts_with("/budget/*\n  Content-Security-Policy: default-src 'self';"));
        assert!(h.contains("frame-ancestors 'none'") && h.contains("X-Content-Type-Options: nosniff") && h.contains("Referrer-Policy:"));
        assert!(h.contains("/budget/assets/*\n  Cache-Control: public, max-age=31536000, immutable"));
    }
}
