//! Generates the benchmark corpus: N proposals made by repeating and varying the real
//! content (Traditional Chinese and English, with front matter, spread over pillars), laid
//! out twice: as a microsite project, and as a Hugo site with the same pages (Traditional,
//! English, and Simplified pre-converted with the same OpenCC conversion, so Hugo does no
//! less work than microsite).
//!
//! Usage: cargo run --release --example bench-corpus -- N OUT_DIR

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use microsite::text::convert::Converter;

const PILLARS: usize = 20;

struct Source {
    title_tc: String,
    title_en: String,
    body_tc: Vec<String>,
    body_en: Vec<String>,
}

fn read_proposal(dir: &Path, slug: &str, lang: &str) -> (String, Vec<String>) {
    let text = fs::read_to_string(dir.join(format!("{slug}.{lang}.md"))).expect("read a real proposal");
    let mut parts = text.splitn(3, "---\n");
    parts.next();
    let front = parts.next().unwrap();
    let title = front.lines().find_map(|l| l.strip_prefix("title: ")).unwrap().trim_matches('\'').replace("''", "'");
    let body = parts.next().unwrap().split("\n\n").map(str::trim).filter(|p| !p.is_empty()).map(String::from).collect();
    (title, body)
}

fn yaml(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let out = PathBuf::from(args.next().unwrap_or_else(|| "/dev/shm/microsite-bench".into()));
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The newest submission of the repository: its proposals and settings.
    let submission = microsite::load::config::submissions(repo).expect("the repository's content").remove(0);
    let real = repo.join(submission.proposals());
    let mut slugs: Vec<String> =
        fs::read_dir(&real).unwrap().filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".zh-Hant.md").map(String::from)).collect();
    slugs.sort();
    let sources: Vec<Source> = slugs
        .iter()
        .map(|slug| {
            let (title_tc, body_tc) = read_proposal(&real, slug, "zh-Hant");
            let (title_en, body_en) = read_proposal(&real, slug, "en");
            Source { title_tc, title_en, body_tc, body_en }
        })
        .collect();
    // The Simplified edition's settings, as microsite reads them.
    let settings = microsite::load::config::load(repo, &submission).expect("the repository's settings");
    let quotes =
        settings.languages.iter().find(|l| l.code.value == "zh-Hans").and_then(|l| l.quotes.as_ref()).and_then(|q| microsite::domain::Quotes::parse(&q.value));
    let cc = Converter::load(repo, &submission, "default", "zh-Hans", "hk2s", quotes.unwrap_or_default()).expect("OpenCC");

    let _ = fs::remove_dir_all(&out);
    let ms = out.join("microsite");
    let hugo = out.join("hugo");
    fs::create_dir_all(ms.join("content/proposals")).unwrap();
    copy_dir(&repo.join("themes"), &ms.join("themes"));

    // Site settings: the real ones (for an edition, the site-wide ones but the site's name,
    // then the edition's), as one submission's, with more pillars.
    let mut site = fs::read_to_string(repo.join(&submission.site_settings)).unwrap();
    if submission.is_edition() {
        if let Some(at) = site.find("\ntitle:") {
            let end = site[at + 1..].find("\n\n").map_or(site.len(), |e| at + 1 + e);
            site.replace_range(at..end, "");
        }
        site.push('\n');
        site.push_str(&fs::read_to_string(repo.join(&submission.settings)).unwrap());
    }
    site.truncate(site.find("\npillars:").unwrap());
    site.push_str("\npillars:\n");
    for p in 1..=PILLARS {
        let _ = write!(site, "  - number: {p}\n    slug: pillar-{p}\n    title:\n      zh-Hant: 政策範疇第 {p} 項\n      en: Policy pillar {p}\n");
    }
    fs::write(ms.join("content/site.yaml"), site).unwrap();

    for lang in ["tc", "sc", "en"] {
        fs::create_dir_all(hugo.join(format!("content/{lang}/proposals"))).unwrap();
    }
    for i in 0..n {
        let src = &sources[i % sources.len()];
        let number = i + 1;
        let pillar = 1 + i * PILLARS / n;
        let slug = format!("proposal-{number}");
        // Vary the text: rotate the paragraphs and mark the copy, so no two pages are equal.
        let rotate = (i / sources.len()) % src.body_tc.len().max(1);
        let vary = |body: &[String], note: String| -> Vec<String> {
            let mut paras: Vec<String> = body.iter().cycle().skip(rotate).take(body.len()).cloned().collect();
            paras[0] = format!("{note}{}", paras[0]);
            paras
        };
        let tc = vary(&src.body_tc, format!("（第 {number} 號）"));
        let en = vary(&src.body_en, format!("(No. {number}) "));
        let title_tc = format!("{}（{number}）", src.title_tc);
        let title_en = format!("{} ({number})", src.title_en);
        let front = |title: &str| format!("---\nnumber: {number}\npillar: pillar-{pillar}\nslug: {slug}\ntitle: {}\n---\n\n", yaml(title));
        fs::write(ms.join(format!("content/proposals/{slug}.zh-Hant.md")), front(&title_tc) + &tc.join("\n\n") + "\n").unwrap();
        fs::write(ms.join(format!("content/proposals/{slug}.en.md")), front(&title_en) + &en.join("\n\n") + "\n").unwrap();

        let sc: Vec<String> = tc.iter().map(|p| cc.text(p)).collect();
        for (lang, title, body) in [("tc", title_tc.clone(), &tc), ("sc", cc.text(&title_tc), &sc), ("en", title_en.clone(), &en)] {
            let page = format!(
                "---\ntitle: {}\nweight: {number}\nnumber: {number}\npillars: [pillar-{pillar}]\nslug: {slug}\naliases: [/{lang}/{number}/]\n---\n\n{}\n",
                yaml(&title),
                body.join("\n\n")
            );
            fs::write(hugo.join(format!("content/{lang}/proposals/{slug}.md")), page).unwrap();
        }
    }
    for (lang, title) in [("tc", "全文"), ("sc", "全文"), ("en", "Full text")] {
        fs::write(hugo.join(format!("content/{lang}/full.md")), format!("---\ntitle: {title}\nlayout: full\n---\n")).unwrap();
    }
    write_hugo_site(&hugo);
    println!("{n} proposals in {} (microsite) and {} (Hugo)", ms.display(), hugo.display());
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The Hugo side, doing the work microsite does: three languages, proposals as pages,
/// pillars as a taxonomy (a page per pillar listing its proposals), a home page listing
/// everything, a header with the pillars and a language switcher on every page,
/// breadcrumbs, previous/next, a short link per proposal (`aliases`, Hugo's redirect
/// pages), the full text on one page and a search index (JSON) per language, minified.
fn write_hugo_site(hugo: &Path) {
    let config = r#"baseURL = "https://example.org/"
defaultContentLanguage = "tc"
defaultContentLanguageInSubdir = true
disableKinds = ["RSS"]
[outputs]
  home = ["HTML", "JSON"]
[taxonomies]
  pillar = "pillars"
[languages]
  [languages.tc]
    languageCode = "zh-Hant-HK"
    languageName = "繁體中文"
    contentDir = "content/tc"
    weight = 1
  [languages.sc]
    languageCode = "zh-Hans"
    languageName = "简体中文"
    contentDir = "content/sc"
    weight = 2
  [languages.en]
    languageCode = "en"
    languageName = "English"
    contentDir = "content/en"
    weight = 3
[minify]
  minifyOutput = true
[markup.goldmark.extensions]
  typographer = false
"#;
    fs::write(hugo.join("hugo.toml"), config).unwrap();
    let layouts = hugo.join("layouts/_default");
    fs::create_dir_all(&layouts).unwrap();
    let baseof = r#"<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ .Site.Title }}</title>
<meta name="description" content="{{ .Summary | plainify | truncate 160 }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">{{ end }}
<link rel="stylesheet" href="/style.css"></head>
<body>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<nav><ul>{{ range .AllTranslations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>{{ end }}</ul></nav>
<nav><ul>{{ range .Site.Taxonomies.pillars.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a></li>{{ end }}</ul></nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
</body></html>
"#;
    fs::write(layouts.join("baseof.html"), baseof).unwrap();
    let single = r#"{{ define "main" }}
<nav><a href="{{ .Site.Home.RelPermalink }}">Home</a>{{ range .GetTerms "pillars" }} › <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
<article><h1>{{ .Params.number }}. {{ .Title }}</h1>
<details><summary>Contents</summary>{{ .TableOfContents }}</details>
{{ .Content }}</article>
<nav>{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
{{ end }}"#;
    fs::write(layouts.join("single.html"), single).unwrap();
    let list = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Params.number }}. {{ .Title }}</a></li>{{ end }}</ul>
{{ end }}"#;
    fs::write(layouts.join("list.html"), list).unwrap();
    fs::write(layouts.join("terms.html"), list).unwrap();
    let home = r#"{{ define "main" }}<h1>{{ .Site.Title }}</h1>
{{ range .Site.Taxonomies.pillars.Alphabetical }}<section><h2><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a></h2>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Params.number }}. {{ .Title }}</a></li>{{ end }}</ul></section>{{ end }}
{{ end }}"#;
    fs::write(hugo.join("layouts/index.html"), home).unwrap();
    let full = r##"{{ define "main" }}<h1>{{ .Title }}</h1>
<nav><ol>{{ range .Site.Taxonomies.pillars.Alphabetical }}<li><a href="#{{ .Name }}">{{ .Page.Title }}</a><ul>{{ range .Pages }}<li><a href="#proposal-{{ .Params.number }}">{{ .Params.number }}. {{ .Title }}</a></li>{{ end }}</ul></li>{{ end }}</ol></nav>
{{ range .Site.Taxonomies.pillars.Alphabetical }}<section id="{{ .Name }}"><h2>{{ .Page.Title }}</h2>
{{ range .Pages }}<article id="proposal-{{ .Params.number }}"><h3>{{ .Params.number }}. {{ .Title }}</h3><p><a href="{{ .RelPermalink }}">{{ .Title }}</a></p>{{ .Content }}</article>{{ end }}</section>{{ end }}
{{ end }}"##;
    fs::write(layouts.join("full.html"), full).unwrap();
    let index = r#"[{{ range $i, $p := where .Site.RegularPages "Section" "proposals" }}{{ if $i }},{{ end }}{"u":{{ $p.RelPermalink | jsonify }},"t":{{ $p.Title | jsonify }},"c":{{ $p.Plain | jsonify }}}{{ end }}]"#;
    fs::write(hugo.join("layouts/index.json"), index).unwrap();
    fs::create_dir_all(hugo.join("static")).unwrap();
    fs::copy(
        fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|x| x == "css"))
            .unwrap(),
        hugo.join("static/style.css"),
    )
    .unwrap();
}
