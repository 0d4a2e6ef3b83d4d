//! Load → model → convert: everything the pages are rendered from, made once per build.

use std::collections::BTreeMap;
use std::path::Path;

use crate::domain::{Localized, Quotes, Site, SiteWide, Submission, CONFIGS};
use crate::error::Result;
use crate::load::{config, content, pages, theme};
use crate::model;
use crate::proofread;
use crate::text::{convert, markdown};
use crate::timings::Timings;

/// The site after load → model → convert: everything the pages are rendered from.
pub struct Prepared {
    pub site: Site,
    pub theme: theme::Theme,
    pub converters: BTreeMap<String, convert::Converter>,
    /// Problems in the content that do not stop a build: missing translations, misaligned
    /// languages, text that differs from the source or the glossary, stale translated
    /// paragraphs. (A broken internal
    /// link in the Markdown is an error.)
    pub warnings: Vec<String>,
    /// What proofreading proved ([`crate::proofread`]), for `microsite check` to say.
    pub notes: Vec<String>,
}

/// Runs load → model → convert for `submission` of the project at `root`. `base_url`
/// overrides the one in the submission's settings.
pub fn prepare(root: &Path, submission: &Submission, base_url: Option<&str>) -> Result<Prepared> {
    let mut timings = Timings::start();
    let mut config = config::load(root, submission)?;
    let proofreading = proofread::Settings::take(&mut config);
    // (A setting the model refuses, as an unknown configuration, stops the build before
    // any converter is used.)
    let generated: Vec<(String, String, Quotes)> = config
        .languages
        .iter()
        .filter_map(|l| {
            let quotes = l.quotes.as_ref().and_then(|q| Quotes::parse(&q.value)).unwrap_or_default();
            Some((l.code.value.clone(), l.opencc.as_ref()?.value.clone(), quotes))
        })
        .filter(|(_, cfg, _)| CONFIGS.contains(&cfg.as_str()))
        .collect();
    let authored: Vec<String> = config.languages.iter().filter(|l| l.from.is_none()).map(|l| l.code.value.clone()).collect();

    // Loading OpenCC's dictionaries overlaps reading the content and the theme.
    let (converters, loaded) = rayon::join(
        || -> Result<BTreeMap<String, convert::Converter>> {
            generated
                .iter()
                .map(|(code, cfg, quotes)| Ok((code.clone(), convert::Converter::load(root, submission, &config.theme, code, cfg, *quotes)?)))
                .collect()
        },
        || -> Result<_> {
            // Each body is parsed as it is read, to learn its structure, and not kept.
            let files = content::load_proposals(root, submission, markdown::survey)?;
            let authored: Vec<&str> = authored.iter().map(String::as_str).collect();
            let theme = theme::load(root, &config.theme, &authored)?;
            Ok((files, theme))
        },
    );
    let (files, mut theme) = loaded?;
    timings.lap("load (content, theme, OpenCC)");
    let (mut site, mut warnings) = model::build(root, submission, config, files, base_url)?;
    timings.lap("model");
    let proofread = proofreading.check(root, &site)?;
    warnings.extend(proofread.warnings);
    warnings.extend(crate::status::stale_warnings(root, &site)?);
    timings.lap("proofread (source, glossary)");
    let converters = converters?;
    convert::generate(&mut site, &mut theme.strings, &converters);
    timings.lap("convert");
    Ok(Prepared { site, theme, converters, warnings, notes: proofread.notes })
}

/// The site-wide part, prepared: the site's own pages and the footer's settings.
pub struct SiteWidePrepared {
    pub site_wide: SiteWide,
    /// The converters of the site's pages, in a site of editions: the theme's and
    /// `content/LANG-overrides.txt`'s entries, no edition's. `None` for one submission,
    /// whose pages its own converters make.
    pub converters: Option<BTreeMap<String, convert::Converter>>,
    /// As [`Prepared::warnings`].
    pub warnings: Vec<String>,
    /// Things left to fill in, said by `check` and `build` and never a failure: an empty
    /// contact field.
    pub notices: Vec<String>,
}

/// Runs load → model → convert for what is site-wide (`content/pages/`, and the footer's
/// settings of content/site.yaml), once for every submission of the project; `first` is
/// one of them (the newest edition), `name` the site's name in a site of editions.
pub fn prepare_site_wide(root: &Path, first: &Prepared, name: Option<Localized>) -> Result<SiteWidePrepared> {
    let site = &first.site;
    let info = config::site_info(root, &site.submission)?;
    let files = pages::load(root, markdown::survey)?;
    let (mut site_wide, findings) = model::pages::build(root, info, files, &site.languages)?;
    site_wide.name = name;
    let converters = match site.submission.is_edition() {
        false => None,
        true => Some(
            site.languages
                .iter()
                .filter_map(|l| {
                    let (_, cfg) = l.generated_from.as_ref()?;
                    let quotes = first.converters.get(&l.code).map_or(Quotes::default(), |c| c.quotes());
                    Some((l, cfg, quotes))
                })
                .map(|(l, cfg, quotes)| Ok((l.code.clone(), convert::Converter::load(root, &Submission::single(), &site.theme, &l.code, cfg, quotes)?)))
                .collect::<Result<_>>()?,
        ),
    };
    convert::generate_site_wide(&mut site_wide, &site.languages, converters.as_ref().unwrap_or(&first.converters));
    Ok(SiteWidePrepared { site_wide, converters, warnings: findings.warnings, notices: findings.notices })
}
