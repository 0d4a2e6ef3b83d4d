//! Scaffolding: `microsite init` (a new project that builds at once) and `microsite new
//! proposal` (the next proposal's files, one per authored language), as Zola's `init` and
//! Hugo's `new content` do. Also the check that a folder is a project at all.
//!
//! Nothing here prints: each function says what it wrote, and the command line reports it.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::domain::Submission;
use crate::error::{Error, Result};
use crate::load::project::display_path;

/// The default theme, every file of `themes/default/` as it was when microsite was
/// compiled: (path under `themes/default/`, contents). Embedded by `build.rs`.
pub static DEFAULT_THEME: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

/// Fails, saying what to do, unless `root` holds a project (`content/site.yaml`).
pub fn require_project(root: &Path) -> Result<()> {
    let settings = Submission::single().settings;
    if std::fs::symlink_metadata(root.join(&settings)).is_ok() {
        return Ok(());
    }
    Err(Error::msg(format!(
        "no microsite project here ({} not found): run in a project folder, pass --root DIR, or start one with `microsite init DIR`",
        display_path(root, &settings).display()
    )))
}

/// The settings of a new project. Placeholders are in [brackets] (〔〕 in Chinese).
const SITE_YAML: &str = r##"# Site-wide settings for microsite: one file per edition of the submission.
# Text fields are given per authored language (zh-Hant, en); the Simplified Chinese
# edition is generated from zh-Hant at build time and never written here.
#
# PLACEHOLDERS: every text in [square brackets] (〔〕 in Chinese) is to be replaced.

theme: default

# Where the site will be published. Canonical links, language alternates, sitemap.xml
# and link previews use it; `microsite build --base-url URL` overrides it for a preview.
# base_url: https://www.example.org.hk/submission/

languages:
  - code: zh-Hant
    prefix: tc
    html_lang: zh-Hant-HK
    og_locale: zh_HK
    name: 繁體中文
  - code: zh-Hans
    prefix: sc
    html_lang: zh-Hans
    og_locale: zh_CN
    name: 简体中文
    # Generated: the zh-Hant text converted with OpenCC's hk2s configuration,
    # corrected by the reviewed entries in content/zh-Hans-overrides.txt.
    from: zh-Hant
    opencc: hk2s
    # Quotation marks as Mainland readers write them (GB/T 15834): 「」 → “”, 『』 → ‘’.
    # `corner` keeps 「」 and 『』 as written.
    quotes: curly
  - code: en
    prefix: en
    html_lang: en
    og_locale: en_GB
    name: English

publisher:
  zh-Hant: 〔發表機構名稱〕
  en: '[Name of the publishing organisation]'

# The publisher's identity (all optional). Its own website, which its name in every
# page's header links to; its colour for links, buttons, the favicon and the browser's
# theme colour (dark enough for text on white: WCAG contrast 4.5:1; without it, the
# theme's own); its logo, a picture under content/ with what it shows in words (without
# one, the header sets the publisher's name as a wordmark).
# publisher_url: https://www.example.org.hk/
# colour: "#1d4f8f"
# logo:
#   file: images/logo.svg
#   alt:
#     zh-Hant: 〔發表機構名稱〕
#     en: '[Name of the publishing organisation]'

title:
  zh-Hant: 〔建議書標題〕
  en: '[Title of the submission]'

date:
  zh-Hant: 〔年月〕
  en: '[Month and year]'

intro:
  zh-Hant: |
    〔首頁標題下的簡介（可刪去）。〕
  en: |
    [An introduction shown under the title on each home page (optional: delete it).]

# The policy pillars, in document order. Every proposal names one by its slug.
pillars:
  - number: 1
    slug: first-pillar
    title:
      zh-Hant: 〔第一個政策範疇〕
      en: '[The first policy pillar]'
"##;

const OVERRIDES: &str = "# Reviewed corrections to OpenCC's hk2s conversion for the Simplified Chinese edition.
#
# Format: OpenCC's dictionary format, one `Traditional<TAB>Simplified` phrase per line.
# The entries are merged into the converter's Traditional→Simplified phrase lexicon, so a
# phrase here wins over the converter's own segmentation wherever it occurs.
#
# Rule: add an entry only for a conversion you have checked is wrong, with a comment line
# directly above it saying what the converter did and why the entry is right.
";

const GITIGNORE: &str = "# The built site, and the lock and staging folders a build makes beside it.
/build
/.build.*
";

/// The slug of the proposal a new project starts with.
const FIRST_PROPOSAL: &str = "first-proposal";

/// A proposal file's text: front matter, then one placeholder paragraph (two for `init`'s
/// example), in language `lang` (`zh-Hant` or anything else: English).
fn proposal_file(lang: &str, number: u32, pillar: &str, slug: &str, example: bool) -> String {
    let (title, paragraphs): (&str, &[&str]) = match (lang.starts_with("zh"), example) {
        (true, false) => ("〔建議標題〕", &["〔建議的第一段。每段是一個編號段落，各語言版本的段落須一一對應。〕"]),
        (true, true) => (
            "〔第一項建議的標題〕",
            &[
                "〔建議的第一段。每段是一個編號段落（1.1、1.2……），各語言版本的段落須一一對應。〕",
                "〔第二段。中文段落可以隨意換行，\n換行不會加入空格。〕",
            ],
        ),
        (false, false) => ("[Title of the proposal]", &["[The first paragraph of the proposal. Each paragraph is one numbered paragraph; every language version has the same paragraphs in the same order.]"]),
        (false, true) => (
            "[Title of the first proposal]",
            &[
                "[The first paragraph of the proposal. Each paragraph is one numbered paragraph (1.1, 1.2, …); every language version has the same paragraphs in the same order.]",
                "[The second paragraph. Link to another proposal by its file: [proposal 1](@/proposals/first-proposal.md#p1-1).]",
            ],
        ),
    };
    let mut text = format!("---\nnumber: {number}\npillar: {pillar}\nslug: {slug}\ntitle: '{}'\n---\n", title.replace('\'', "''"));
    for p in paragraphs {
        text.push('\n');
        text.push_str(p);
        text.push('\n');
    }
    text
}

/// A proposal's file in each of the `authored` languages ([`proposal_file`]), the first
/// being the source the others translate: each translation records that it follows the
/// source's placeholder paragraphs (`translated_from:`, [`crate::status`]), so a new
/// proposal starts up to date, and goes stale when its source text is written.
fn proposal_files<'a>(authored: &[&'a str], number: u32, pillar: &str, slug: &str, example: bool) -> Vec<(&'a str, String)> {
    let mut files: Vec<(&str, String)> = authored.iter().map(|lang| (*lang, proposal_file(lang, number, pillar, slug, example))).collect();
    let Some((source, source_text)) = files.first().cloned() else { return files };
    let body = source_text.splitn(3, "---\n").nth(2).unwrap_or("");
    let hashes = crate::text::fingerprint::paragraph_hashes(&crate::text::markdown::parse(body, source));
    for (_, text) in files.iter_mut().skip(1) {
        let label = |i: usize| crate::domain::Anchor::paragraph(number, i as u32 + 1).number();
        *text = crate::status::accept::rewrite(text, &hashes, source, label).expect("a proposal file made here has front matter");
    }
    files
}

/// What [`init`] and [`new_proposal`] did.
#[derive(Debug)]
pub struct Written {
    /// The files written, as named in messages.
    pub files: Vec<PathBuf>,
    /// Things the user should know (nothing went wrong).
    pub notes: Vec<String>,
}

/// `microsite init DIR`: a new project in `dir`, which must be new, empty, or hold only a
/// `.git` folder: settings with placeholders, one pillar, one proposal in each authored
/// language, the default theme, and a `.gitignore`. It builds at once, `--strict` too.
pub fn init(dir: &Path) -> Result<Written> {
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            let mut names = Vec::new();
            for entry in entries {
                let entry = entry.map_err(|e| Error::io(dir, "list the folder", e))?;
                names.push(entry.file_name().to_string_lossy().into_owned());
            }
            names.retain(|n| n != ".git");
            if !names.is_empty() {
                names.sort();
                let shown: Vec<&str> = names.iter().take(3).map(String::as_str).collect();
                let more = if names.len() > 3 { format!(" and {} more", names.len() - 3) } else { String::new() };
                return Err(Error::in_file(
                    dir,
                    format!(
                        "not empty (it holds {}{more}): `microsite init` makes a new project only in a new or empty folder; name another one",
                        shown.join(", ")
                    ),
                ));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => return Err(Error::in_file(dir, "is a file, not a folder: name a new or empty folder")),
        Err(e) => return Err(Error::io(dir, "open the folder", e)),
    }
    let submission = Submission::single();
    let mut files: Vec<(String, Vec<u8>)> = vec![
        (submission.settings.clone(), SITE_YAML.into()),
        (submission.overrides("zh-Hans"), OVERRIDES.into()),
        (".gitignore".to_string(), GITIGNORE.into()),
    ];
    for (lang, text) in proposal_files(&["zh-Hant", "en"], 1, "first-pillar", FIRST_PROPOSAL, true) {
        files.push((format!("{}/{FIRST_PROPOSAL}.{lang}.md", submission.proposals()), text.into()));
    }
    files.extend(DEFAULT_THEME.iter().map(|(rel, bytes)| (format!("themes/default/{rel}"), bytes.to_vec())));
    let mut written = Vec::new();
    for (rel, bytes) in files {
        written.push(write_new(dir, &rel, &bytes)?);
    }
    Ok(Written { files: written, notes: Vec::new() })
}

/// `microsite new proposal --pillar PILLAR SLUG`: writes `content/proposals/SLUG.LANG.md`
/// for each authored language, numbered after the highest number in use.
pub fn new_proposal(root: &Path, edition: Option<&str>, pillar: &str, slug: &str) -> Result<Written> {
    crate::domain::check_slug(slug).map_err(|why| Error::msg(format!("`{slug}` {why}")))?;
    require_project(root)?;
    // The project's one submission, or the named (by default the newest) edition.
    let submissions = crate::load::config::submissions(root)?;
    let submission = match edition {
        None => submissions[0].clone(),
        Some(name) => submissions.iter().find(|s| s.name == name).cloned().ok_or_else(|| {
            let names: Vec<&str> = submissions.iter().map(|s| s.name.as_str()).filter(|n| !n.is_empty()).collect();
            Error::msg(format!(
                "there is no edition `{name}` (editions: {})",
                if names.is_empty() { "none: the project holds one submission".into() } else { names.join(", ") }
            ))
        })?,
    };
    let config = crate::load::config::load(root, &submission)?;
    let site_file = display_path(root, &submission.settings);
    let Some(ours) = config.pillars.iter().find(|p| p.slug.value == pillar) else {
        let known: Vec<&str> = config.pillars.iter().map(|p| p.slug.value.as_str()).collect();
        return Err(Error::in_file(&site_file, format!("has no pillar `{pillar}`; its pillars are: {}", known.join(", "))));
    };
    let ours = ours.number.value;
    let existing = crate::load::content::load_proposals(root, &submission, |_, _| ())?;
    if let Some(twin) = existing.iter().find(|f| f.stem == slug || f.front.slug.value == slug) {
        return Err(Error::in_file(&twin.path, format!("a proposal with the slug `{slug}` exists already; choose another slug")));
    }
    let number = existing.iter().map(|f| f.front.number.value).max().unwrap_or(0) + 1;
    let mut notes = Vec::new();
    let pillar_number = |slug: &str| config.pillars.iter().find(|p| p.slug.value == slug).map(|p| p.number.value);
    let later: Vec<u32> = existing.iter().filter(|f| pillar_number(&f.front.pillar.value).is_some_and(|n| n > ours)).map(|f| f.front.number.value).collect();
    if !later.is_empty() {
        let mut later = later;
        later.sort_unstable();
        later.dedup();
        notes.push(format!(
            "proposal {number} is numbered after proposals of later pillars ({}): if the numbers must follow the pillar order, renumber the proposals by hand",
            later.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
        ));
    }
    let mut files = Vec::new();
    let authored: Vec<&str> = config.languages.iter().filter(|l| l.from.is_none()).map(|l| l.code.value.as_str()).collect();
    for (lang, text) in proposal_files(&authored, number, pillar, slug, false) {
        let rel = format!("{}/{slug}.{lang}.md", submission.proposals());
        files.push(write_new(root, &rel, text.as_bytes())?);
    }
    Ok(Written { files, notes })
}

/// Writes a new file `rel` under `root` (never replacing one), making its folders: the file
/// as named in messages.
fn write_new(root: &Path, rel: &str, bytes: &[u8]) -> Result<PathBuf> {
    let path = root.join(rel);
    let shown = display_path(root, rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, "make the folder", e))?;
    }
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(|e| Error::io(&shown, "create the file", e))?;
    file.write_all(bytes).map_err(|e| Error::io(&shown, "write the file", e))?;
    Ok(shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_theme_has_every_part_a_build_needs() {
        let names: Vec<&str> = DEFAULT_THEME.iter().map(|(n, _)| *n).collect();
        for needed in ["templates/base.html", "templates/proposal.html", "strings/en.yaml", "strings/zh-Hant.yaml", "static/style.css"] {
            assert!(names.contains(&needed), "{needed} in {names:?}");
        }
        assert!(names.windows(2).all(|w| w[0] < w[1]), "in path order, once each");
    }

    #[test]
    fn proposal_files_quote_their_titles_as_yaml() {
        let text = proposal_file("en", 3, "economy", "x", false);
        assert!(text.starts_with("---\nnumber: 3\npillar: economy\nslug: x\ntitle: '[Title of the proposal]'\n---\n\n["), "{text}");
    }
}
