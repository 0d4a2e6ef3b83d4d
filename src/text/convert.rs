//! Text: the Simplified Chinese edition, generated from the Traditional text with OpenCC.
//!
//! The converter is `opencc-fmmseg` with the configuration a generated language names
//! (`hk2s` for Hong Kong Traditional → Simplified). The reviewed corrections of the theme
//! and of the content ([`crate::text::overrides`]: OpenCC's `source<TAB>target` format) are
//! merged into the converter's Traditional→Simplified phrase lexicon, so they take part in
//! segmentation instead of patching its output afterwards.
//!
//! Titles, settings and UI strings are converted here, once; a proposal body when its
//! pages are made ([`Converter::document`]), so that no body is held in memory longer
//! than it takes to make its pages.

use std::collections::BTreeMap;
use std::path::Path;

use opencc_fmmseg::{CustomDictMode, CustomDictSpec, DictSlot, DictionaryMaxlength, OpenCC};

use crate::domain::{Document, Language, PageText, ProposalText, Quotes, Site, SiteWide, Submission, Survey};
use crate::error::{Error, Result};
use crate::load::theme::Strings;
use rayon::prelude::*;

/// A loaded converter for one generated language.
pub struct Converter {
    opencc: OpenCC,
    config: String,
    /// The quotation marks of the converted text (the language's `quotes` setting).
    quotes: Quotes,
    /// The override entries, as (source, target) pairs, in file order.
    pub overrides: Vec<(String, String)>,
}

impl Converter {
    /// Loads OpenCC's dictionaries and the language's override files, theme `theme`'s and
    /// the content's (those that exist); the text gets `quotes`.
    pub fn load(root: &Path, submission: &Submission, theme: &str, lang: &str, config: &str, quotes: Quotes) -> Result<Converter> {
        let overrides = crate::text::overrides::load(root, submission, theme, lang)?;
        let dictionary = dictionary_for(config, &overrides)?;
        Ok(Converter { opencc: OpenCC::from_dictionary(dictionary), config: config.to_string(), quotes, overrides })
    }

    /// `doc` with every piece of text a reader sees converted ([`Document::map_text`]).
    pub fn document<'a>(&self, doc: &Document<'a>) -> Document<'a> {
        doc.map_text(|t| self.text(t))
    }

    /// The quotation marks of the text it makes.
    pub fn quotes(&self) -> Quotes {
        self.quotes
    }

    /// The OpenCC configuration it converts with (`hk2s`).
    pub fn config(&self) -> &str {
        &self.config
    }

    /// The converter of `config` alone, without any override entry: what OpenCC gives.
    pub fn plain(config: &str) -> Result<Converter> {
        Ok(Converter {
            opencc: OpenCC::from_dictionary(dictionary_for(config, &[])?),
            config: config.to_string(),
            quotes: Quotes::Corner,
            overrides: Vec::new(),
        })
    }

    /// Converts one piece of text: OpenCC (other punctuation kept as written), then the
    /// quotation marks of the language's `quotes` setting. Every text of a generated
    /// language is made here, so titles, bodies, settings and UI strings agree.
    pub fn text(&self, text: &str) -> String {
        if text.is_ascii() {
            return text.to_string();
        }
        let converted = self.opencc.convert(text, &self.config, false);
        match self.quotes {
            Quotes::Corner => converted,
            quotes => converted.chars().map(|c| quotes.mark(c)).collect(),
        }
    }

    /// Every entry of the OpenCC dictionaries the configuration reads (not the override
    /// entries, [`Converter::overrides`]), as (source, targets): the targets separated by
    /// spaces, the first the one the converter writes.
    pub fn dictionary(&self) -> impl Iterator<Item = (&'static str, &'static str)> {
        let slots = slots_of(&self.config);
        SLOT_FILES.iter().filter(move |(slot, _)| slots.contains(slot)).flat_map(|(_, text)| text.lines().filter_map(|l| l.split_once('\t')))
    }
}

// `SLOT_FILES`: OpenCC's dictionaries, one file per slot (`source<TAB>target` lines),
// extracted from the pinned opencc-fmmseg by `build.rs`, which also writes this table.
include!(concat!(env!("OUT_DIR"), "/slots.rs"));

/// The version of opencc-fmmseg this binary converts with (from `Cargo.lock`, by `build.rs`).
pub const OPENCC_FMMSEG: &str = env!("MICROSITE_OPENCC_FMMSEG");

/// OpenCC's dictionaries `config` reads, in order, each as `source<TAB>target` lines; the
/// overrides join [`phrase_slot`]'s.
pub fn lexicon(config: &str) -> Vec<(DictSlot, &'static str)> {
    slots_of(config).iter().map(|&slot| (slot, dictionary(slot))).collect()
}

/// One of OpenCC's dictionaries, as `source<TAB>target` lines (empty for a slot not extracted).
pub fn dictionary(slot: DictSlot) -> &'static str {
    SLOT_FILES.iter().find(|(s, _)| *s == slot).map_or("", |(_, text)| *text)
}

/// The phrase dictionary of `config` that the override entries join ([`slot_for`]).
pub fn phrase_slot(config: &str) -> DictSlot {
    slot_for(config)
}

/// The dictionaries each configuration reads (punctuation left as written), as
/// opencc-fmmseg 0.13's `OpenCC::hk2s` and its siblings do. A unit test proves each
/// against the full dictionary.
fn slots_of(config: &str) -> &'static [DictSlot] {
    use DictSlot::*;
    match config {
        "s2t" => &[STCharacters, STPhrases],
        "t2s" => &[TSCharacters, TSPhrases],
        "s2tw" => &[STCharacters, STPhrases, TWVariants, TWVariantsPhrases],
        "tw2s" => &[TSCharacters, TSPhrases, TWVariantsRev, TWVariantsRevPhrases],
        "s2twp" => &[STCharacters, STPhrases, TWPhrases, TWVariants, TWVariantsPhrases],
        "tw2sp" => &[TSCharacters, TSPhrases, TWPhrasesRev, TWVariantsRev, TWVariantsRevPhrases],
        "s2hk" => &[STCharacters, STPhrases, HKVariants, HKVariantsPhrases],
        "hk2s" => &[TSCharacters, TSPhrases, HKVariantsRev, HKVariantsRevPhrases],
        "t2hk" => &[HKVariants, HKVariantsPhrases],
        "t2tw" => &[TWVariants, TWVariantsPhrases],
        _ => &[],
    }
}

/// Builds the dictionary `config` needs, and only that: decoding all of OpenCC's
/// dictionaries took 35 ms, two thirds of building the real site; these take a few.
/// The overrides go last into the phrase slot, where the last entry for a phrase wins.
fn dictionary_for(config: &str, overrides: &[(String, String)]) -> Result<DictionaryMaxlength> {
    let specs: Vec<CustomDictSpec> = slots_of(config)
        .iter()
        .map(|&slot| {
            let file = SLOT_FILES.iter().find(|(s, _)| *s == slot).map_or("", |(_, text)| *text);
            let mut pairs: Vec<(String, String)> = file.lines().filter_map(|l| l.split_once('\t')).map(|(k, v)| (k.to_string(), v.to_string())).collect();
            if slot == slot_for(config) {
                pairs.extend(overrides.iter().cloned());
            }
            CustomDictSpec { slot, pairs, mode: CustomDictMode::Override }
        })
        .collect();
    DictionaryMaxlength::default().with_custom_dicts(&specs).map_err(|e| Error::msg(format!("cannot load the OpenCC dictionaries: {e}")))
}

/// The phrase slot a configuration reads: Traditional→Simplified or the reverse.
fn slot_for(config: &str) -> DictSlot {
    if config.starts_with('s') {
        DictSlot::STPhrases
    } else {
        DictSlot::TSPhrases
    }
}

/// Fills in every generated language of `site` (and of the theme's UI strings) by
/// converting the text of the language it is generated from.
pub fn generate(site: &mut Site, strings: &mut BTreeMap<String, Strings>, converters: &BTreeMap<String, Converter>) {
    let generated: Vec<(String, String)> =
        site.languages.iter().filter_map(|l| l.generated_from.as_ref().map(|(from, _)| (l.code.clone(), from.clone()))).collect();
    for (to, from) in generated {
        let cc = &converters[&to];
        for map in [&mut site.publisher, &mut site.title, &mut site.date, &mut site.search_examples] {
            convert_entry(map, &from, &to, cc);
        }
        if let Some(logo) = &mut site.identity.logo {
            convert_entry(&mut logo.alt, &from, &to, cc);
        }
        if let Some(doc) = site.intro.get(&from) {
            let converted = cc.document(doc);
            site.intro.insert(to.clone(), converted);
        }
        for pillar in &mut site.pillars {
            convert_entry(&mut pillar.title, &from, &to, cc);
            if let Some(doc) = pillar.intro.get(&from) {
                let converted = cc.document(doc);
                pillar.intro.insert(to.clone(), converted);
            }
        }
        site.proposals.par_iter_mut().for_each(|proposal| {
            if let Some(text) = proposal.texts.get(&from) {
                let converted = ProposalText {
                    body_line: text.body_line,
                    title: cc.text(&text.title),
                    description: text.description.as_deref().map(|d| cc.text(d)),
                    // Converted when its pages are made ([`Converter::document`]).
                    body: text.body.clone(),
                    survey: Survey { chars: Vec::new(), ..text.survey.clone() },
                    images: text.images.clone(),
                    translated_from: None,
                };
                proposal.texts.insert(to.clone(), converted);
            }
            convert_entry(&mut proposal.fallback_titles, &from, &to, cc);
        });
        if !strings.contains_key(&to) {
            if let Some(source) = strings.get(&from) {
                let converted: Strings = source.iter().map(|(k, v)| (k.clone(), cc.text(v))).collect();
                strings.insert(to.clone(), converted);
            }
        }
    }
}

/// The site's own pages and contact address in each generated language of `languages`:
/// titles, descriptions and the address converted now, bodies when their pages are made.
pub fn generate_site_wide(site_wide: &mut SiteWide, languages: &[Language], converters: &BTreeMap<String, Converter>) {
    for l in languages {
        let (Some((from, _)), Some(cc)) = (&l.generated_from, converters.get(&l.code)) else { continue };
        for page in &mut site_wide.pages {
            if let Some(text) = page.texts.get(from) {
                let converted = PageText { title: cc.text(&text.title), description: text.description.as_deref().map(|d| cc.text(d)), body: text.body.clone() };
                page.texts.insert(l.code.clone(), converted);
            }
        }
        convert_entry(&mut site_wide.contact.address, from, &l.code, cc);
    }
}

fn convert_entry(map: &mut BTreeMap<String, String>, from: &str, to: &str, cc: &Converter) {
    if let Some(text) = map.get(from) {
        let converted = cc.text(text);
        map.insert(to.to_string(), converted);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hk2s_converts_hong_kong_traditional_to_simplified() {
        let cc = Converter::load(Path::new("/nonexistent"), &Submission::single(), "default", "zh-Hans", "hk2s", Quotes::Corner).unwrap();
        assert_eq!(cc.text("香港中小企業發展基金"), "香港中小企业发展基金");
        assert_eq!(cc.text("隨著「工業發展計劃」的成立"), "随着「工业发展计划」的成立");
        assert_eq!(cc.text("some-proposal"), "some-proposal");
    }

    #[test]
    fn curly_quotes_replace_corner_brackets_after_conversion() {
        let cc = Converter::load(Path::new("/nonexistent"), &Submission::single(), "default", "zh-Hans", "hk2s", Quotes::Curly).unwrap();
        assert_eq!(cc.text("隨著「工業『發展』計劃」的成立"), "随着“工业‘发展’计划”的成立");
        assert_eq!(cc.text("\"plain\" 'ascii'"), "\"plain\" 'ascii'");
    }

    #[test]
    fn the_slots_loaded_for_each_configuration_convert_as_the_full_dictionary_does() {
        // A text written for this test (tests/fixtures/): one-to-many characters, Hong Kong and
        // Taiwan variants, and the regional vocabulary the phrase dictionaries convert.
        let traditional = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/convert.zh-Hant.txt")).unwrap();
        let full = OpenCC::from_dictionary(DictionaryMaxlength::new().unwrap());
        let simplified = full.convert(&traditional, "hk2s", false);
        for config in crate::domain::CONFIGS {
            let slim = OpenCC::from_dictionary(dictionary_for(config, &[]).unwrap());
            let input = if config.starts_with('s') { &simplified } else { &traditional };
            let expected = full.convert(input, config, false);
            assert_ne!(&expected, input, "{config} changes the text");
            assert_eq!(slim.convert(input, config, false), expected, "{config}");
        }
    }
}
