//! Render → write, streaming: every file of the site is made, compacted ([`html`]),
//! checked ([`check`]) and handed to the [`Output`] as soon as it is finished, pages in
//! parallel, so the site is never held in memory whole.
//!
//! Each language edition goes a few hundred proposals at a time, in the order of its full
//! text: each proposal's body is read again, parsed (and converted), and made into its
//! page, its part of the full text and its records of the search index; the full text and
//! the index are written as their parts come, and the proposal is dropped. Then the short
//! links, the former addresses of renamed proposals and the landing pages, and last the
//! search pages, which name the indexes by their content-hashed file names. Before an
//! edition's pages, its PDFs ([`pdf`]), one per language, made in parallel: the pages link
//! to them, with their size.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::check::{self, Findings, Scan};
use crate::domain::{LangId, Localized, ProposalId, Site};
use crate::error::Result;
use crate::html;
use crate::load::theme;
use crate::output::render::{self, Job, Kind};
use crate::output::write::{Output, OutputFile, Stream};
use crate::output::{pdf, publish, search};
use crate::prepare::Prepared;
use crate::text::convert::Converter;
use crate::timings::Timings;

/// How many proposals are made at a time: enough to keep every core busy, few enough
/// that their bodies and pages take little memory.
const BATCH: usize = 256;

/// What [`emit`] made and found.
pub struct Emitted {
    /// HTML pages made.
    pub pages: usize,
    /// All files made.
    pub files: usize,
    /// The link check of every page.
    pub report: check::Report,
    /// The pages of each edition (by name; empty for a single submission).
    pub editions: Vec<(String, usize)>,
    /// What the user should know that is no problem of the content (no font for the PDFs).
    pub notes: Vec<String>,
}

/// Whether a build makes the PDFs: `build` does; `check`, which reads the pages only, and
/// `serve`, which rebuilds on every change, do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pdfs {
    Make,
    Skip,
}

/// Makes every file of the site into `out`, and checks the links of every page on the way:
/// the pages of each submission in `editions` (one, or the editions of a site holding
/// several, newest first), and for a site of editions (`archive`: its name) the archive at
/// its root. Files for hosts and crawlers and the theme's assets are made once, and so are
/// the site's own pages (with the one submission's, or at a site of editions' root, their
/// Simplified text made by `site_converters`).
pub fn emit(
    editions: &[Prepared],
    archive: Option<&Localized>,
    site_converters: &BTreeMap<String, Converter>,
    out: &dyn Output,
    pdfs: Pdfs,
) -> Result<Emitted> {
    let mut timings = Timings::start();
    let mut notes = Vec::new();
    let fonts = match pdfs {
        Pdfs::Make => {
            let fonts = pdf::Fonts::find();
            if fonts.is_none() {
                notes.push(pdf::MISSING.to_string());
            }
            timings.lap("fonts for the PDFs");
            fonts
        }
        Pdfs::Skip => None,
    };
    let (first, theme) = (&editions[0].site, &editions[0].theme);
    let sites: Vec<&Site> = editions.iter().map(|p| &p.site).collect();
    let mut paths: Vec<String> = Vec::new();
    for f in &theme.static_files {
        out.write(&f.output, &[&f.bytes])?;
        paths.push(f.output.clone());
    }
    for f in publishing_files(&sites, archive.is_some())? {
        out.write(&f.path, &[&f.bytes])?;
        paths.push(f.path);
    }
    let prefixes: Vec<Vec<String>> =
        sites.iter().map(|site| site.languages.iter().map(|l| format!("{}{}", site.submission.path(), l.prefix)).collect()).collect();
    let untranslated: std::collections::BTreeSet<String> = sites.iter().flat_map(|site| render::untranslated(site)).collect();
    let checker = check::Checker { base: first.base_url.as_ref(), prefixes: &prefixes, untranslated: &untranslated };

    let (mut findings, mut pages, mut counts, mut order_base) = (Findings::default(), Vec::new(), Vec::new(), 0);
    for prepared in editions {
        let site = &prepared.site;
        let mut inputs = render::Inputs::new(site, theme, &prepared.converters);
        inputs.editions = sites.clone();
        if let Some(fonts) = &fonts {
            let languages: Vec<LangId> = site.language_ids().collect();
            let made: Vec<Vec<u8>> = languages.par_iter().map(|&lang| pdf::make(&inputs, lang, fonts)).collect::<Result<_>>()?;
            for (lang, bytes) in languages.into_iter().zip(made) {
                let language = site.language(lang);
                let path = pdf::path(site, language);
                out.write(&path, &[&bytes])?;
                inputs.pdfs.insert(language.code.clone(), (path.clone(), bytes.len()));
                paths.push(path);
            }
            // Typst's memory of this edition's layout is of no use to the next.
            typst::comemo::evict(0);
            timings.lap("PDFs");
        }
        let fold = search::folding_table(&site.cjk_chars, prepared.converters.values().next());
        // Each page with its place in the site (which decides which page a problem is
        // reported on), by language; then the other pages; then the search pages.
        let jobs = render::jobs(site);
        let count = jobs.len();
        let mut groups: Vec<Vec<(usize, Job)>> = vec![Vec::new(); site.languages.len() + 2];
        for (order, job) in jobs.into_iter().enumerate() {
            let group = match job {
                Job::Edition(_, Kind::Search) => site.languages.len() + 1,
                Job::Edition(lang, _) => lang.0,
                _ => site.languages.len(),
            };
            groups[group].push((order_base + order, job));
        }
        order_base += count;
        let search_jobs = groups.pop().unwrap_or_default();
        let made_before = pages.len();
        for (group, jobs) in groups.into_iter().enumerate() {
            let (found, made) = if group < site.languages.len() {
                let lang = LangId(group);
                let edition = edition(&inputs, lang, jobs, &fold, &checker, out)?;
                paths.push(edition.index.clone());
                inputs.search_indexes.insert(site.language(lang).code.clone(), edition.index);
                (edition.findings, edition.pages)
            } else {
                make_pages(&inputs, jobs, &checker, out)?
            };
            findings = findings.merge(found);
            pages.extend(made);
        }
        let (found, made) = make_pages(&inputs, search_jobs, &checker, out)?;
        findings = findings.merge(found);
        pages.extend(made);
        counts.push((site.submission.name.clone(), pages.len() - made_before));
    }
    timings.lap("pages (read, parse, convert, render, compact, check, write), search indexes");
    if let Some(title) = archive {
        let archive_pages = render::archive_pages(&sites, title, theme)?;
        let jobs: Vec<(usize, render::Page)> = archive_pages.into_iter().enumerate().map(|(i, page)| (order_base + i, page)).collect();
        let after = order_base + jobs.len();
        let (found, made) = in_parallel(jobs, |(order, page), findings| {
            let (html, scan) = compacted(&page.html);
            out.write(&page.path, &[&html])?;
            findings.add_page(&checker, order, &page.path, scan);
            Ok(page.path)
        })?;
        findings = findings.merge(found);
        pages.extend(made);
        // The site's own pages, at its root, in the frame of the newest edition.
        let inputs = render::Inputs::new(first, theme, site_converters);
        let jobs: Vec<(usize, Job)> = render::site_page_jobs(first).into_iter().enumerate().map(|(i, job)| (after + i, job)).collect();
        let (found, made) = make_pages(&inputs, jobs, &checker, out)?;
        findings = findings.merge(found);
        pages.extend(made);
    }
    let page_count = pages.len();
    paths.extend(pages);
    let files: rustc_hash::FxHashSet<String> = paths.into_iter().collect();
    let report = checker.finish(findings, &files);
    timings.lap("archive, links between pages");
    Ok(Emitted { pages: page_count, files: files.len(), report, editions: counts, notes })
}

/// What one language edition made.
struct Edition {
    findings: Findings,
    /// The pages written.
    pages: Vec<String>,
    /// The search index written.
    index: String,
}

/// Makes the pages of edition `lang` (`jobs`, with their places in the site: all its
/// pages but the search page) and its search index.
fn edition(
    inputs: &render::Inputs,
    lang: LangId,
    jobs: Vec<(usize, Job)>,
    fold: &BTreeMap<char, char>,
    checker: &check::Checker,
    out: &dyn Output,
) -> Result<Edition> {
    let site = inputs.site;
    let language = site.language(lang);
    let mut order_of = vec![usize::MAX; site.proposals.len()];
    let mut full_order = usize::MAX;
    let mut others = Vec::new();
    for (order, job) in jobs {
        match job {
            Job::Edition(_, Kind::Proposal(q)) => order_of[q.0] = order,
            Job::Edition(_, Kind::Full) => full_order = order,
            _ => others.push((order, job)),
        }
    }
    let proposals: Vec<(usize, ProposalId)> = render::full_text_order(site).into_iter().map(|q| (order_of[q.0], q)).collect();
    let mut batches = proposals.chunks(BATCH);

    // The other pages, and the full text's frame (with a placeholder for each body), are
    // made while the first batch of proposals is: the frame is one long render.
    let (start, first) = rayon::join(
        || -> Result<_> {
            let others = make_pages(inputs, others, checker, out)?;
            let full = render::render(inputs, Job::Edition(lang, Kind::Full), None)?;
            let (frame, frame_scan) = compacted(&full.html);
            Ok((others, full.path, frame, frame_scan))
        },
        || batches.next().map(|batch| make_proposals(inputs, lang, batch.to_vec(), checker, out)).transpose(),
    );
    let ((mut findings, mut pages), full_path, frame, frame_scan) = start?;
    // The full text is written up to each body as the bodies come; the index, a
    // proposal's records at a time.
    let mut full_text = FullText::new(&frame, frame_scan, out.stream(&full_path)?);
    // One index per edition and language: `search-tc`, or `search-2030-31-tc` in a site of editions.
    let name = match site.submission.name.as_str() {
        "" => language.prefix.clone(),
        edition => format!("{edition}-{}", language.prefix),
    };
    let part = format!("assets/search-{name}.json.part");
    let mut index = Index::start(out.stream(&part)?, &search::index_head(language, fold))?;
    let mut made: Option<Vec<Proposal>> = None;
    let mut batch = first?;
    loop {
        if let Some((found, mut batch_made)) = batch {
            findings = findings.merge(found);
            pages.extend(batch_made.iter_mut().map(|m| std::mem::take(&mut m.page)));
            made = Some(batch_made);
        }
        let Some(next) = batches.next() else { break };
        // Each batch is made while the one before it goes into the full text and the index.
        let (written, next) = rayon::join(
            || made.take().map_or(Ok(()), |made| add_to_whole(made, &mut full_text, &mut index)),
            || make_proposals(inputs, lang, next.to_vec(), checker, out),
        );
        written?;
        batch = Some(next?);
    }
    if let Some(made) = made {
        add_to_whole(made, &mut full_text, &mut index)?;
    }

    let full_scan = full_text.finish()?;
    findings.add_page(checker, full_order, &full_path, full_scan);
    pages.push(full_path);
    let hash = index.finish()?;
    let path = format!("assets/search-{name}.{:08x}.json", hash as u32);
    out.rename(&part, &path)?;
    Ok(Edition { findings, pages, index: path })
}

/// One proposal page made: what the full text and the search index need of it.
struct Proposal {
    q: ProposalId,
    /// The page's path (taken once noted).
    page: String,
    /// Its body in the full text, compacted, with the ids and links it holds.
    body: Option<(Vec<u8>, Scan)>,
    /// Its records in the search index, and their hash.
    records: Option<(String, u64)>,
}

/// Makes the proposal pages `batch` (proposal indexes, with their places in the site) of
/// edition `lang`, in parallel.
fn make_proposals(
    inputs: &render::Inputs,
    lang: LangId,
    batch: Vec<(usize, ProposalId)>,
    checker: &check::Checker,
    out: &dyn Output,
) -> Result<(Findings, Vec<Proposal>)> {
    in_parallel(batch, |(order, q), findings| make_proposal(inputs, lang, q, order, checker, out, findings))
}

/// Runs `make` on every job on every core, each noting what its page shows in the
/// findings of its thread: the findings merged, and what each made, in the jobs' order.
fn in_parallel<J: Send, T: Send>(jobs: Vec<J>, make: impl Fn(J, &mut Findings) -> Result<T> + Sync + Send) -> Result<(Findings, Vec<T>)> {
    jobs.into_par_iter()
        .try_fold(
            || (Findings::default(), Vec::new()),
            |(mut findings, mut made), job| -> Result<_> {
                made.push(make(job, &mut findings)?);
                Ok((findings, made))
            },
        )
        .try_reduce(
            || (Findings::default(), Vec::new()),
            |(a, mut made_a), (b, made_b)| {
                made_a.extend(made_b);
                Ok((a.merge(b), made_a))
            },
        )
}

/// `html` compacted, with the ids and links it holds.
fn compacted(html: &[u8]) -> (Vec<u8>, Scan) {
    let mut scan = Scan::default();
    (html::compact(html, |tag| scan.read(tag)), scan)
}

/// Makes the page of proposal `q` in edition `lang` (its place in the site: `order`): reads
/// its body, renders, compacts, checks and writes the page.
fn make_proposal(
    inputs: &render::Inputs,
    lang: LangId,
    q: ProposalId,
    order: usize,
    checker: &check::Checker,
    out: &dyn Output,
    findings: &mut Findings,
) -> Result<Proposal> {
    let site = inputs.site;
    let (mut summary, mut records, mut own, mut full) = (None, None, None, None);
    if let Some(markdown) = inputs.markdown(lang, q)? {
        let doc = inputs.document(lang, &markdown);
        let proposal = site.proposal(q);
        let units = doc.units();
        let paragraphs: Vec<String> = units.iter().filter(|u| u.numbered).map(|u| u.text.clone()).collect();
        summary = Some(inputs.summarise(lang, q, &paragraphs));
        let language = site.language(lang);
        let text = &proposal.texts[&language.code];
        let json = search::records(language, proposal, text, &units, render::labels(&inputs.theme.strings[&language.code]).note);
        let hash = theme::content_hash(json.as_bytes());
        records = Some((json, hash));
        own = Some(compacted(&inputs.body_html(lang, q, &doc, false)));
        if !inputs.same_body_in_full_text(lang, q) {
            full = Some(compacted(&inputs.body_html(lang, q, &doc, true)));
        }
    }
    let page = render::render(inputs, Job::Edition(lang, Kind::Proposal(q)), summary.as_ref())?;
    let (shell, mut scan) = compacted(&page.html);
    drop(page.html);
    let (pieces, spliced) = render::splice(&shell, |id| own.as_ref().filter(|_| id == q).map(|(html, _)| html.as_slice()));
    if let Some((_, body_scan)) = &own {
        for _ in &spliced {
            scan.extend(body_scan);
        }
    }
    out.write(&page.path, &pieces)?;
    drop(pieces);
    findings.add_page(checker, order, &page.path, scan);
    Ok(Proposal { q, page: page.path, body: full.or(own), records })
}

/// Adds a batch of proposals, in order, to the full text and the search index.
fn add_to_whole(made: Vec<Proposal>, full_text: &mut FullText, index: &mut Index) -> Result<()> {
    for proposal in made {
        if let Some((json, hash)) = proposal.records {
            index.add(&json, hash)?;
        }
        if let Some(body) = proposal.body {
            full_text.add(proposal.q, body)?;
        }
    }
    Ok(())
}

/// An edition's full text being written: its frame up to the next body's placeholder,
/// the body, and so on. A body that comes before its turn (a theme showing the proposals
/// in another order than [`render::full_text_order`]) waits for it.
struct FullText<'f> {
    frame: &'f [u8],
    /// The placeholders, in order, and how many of them each body still has to fill.
    holes: Vec<(std::ops::Range<usize>, ProposalId)>,
    unfilled: FxHashMap<ProposalId, usize>,
    /// The next placeholder to fill, and how much of the frame is written.
    next: usize,
    written: usize,
    waiting: FxHashMap<ProposalId, (Vec<u8>, Scan)>,
    stream: Stream,
    /// The frame's ids and links, then each body's as it is written.
    scan: Scan,
}

impl<'f> FullText<'f> {
    fn new(frame: &'f [u8], scan: Scan, stream: Stream) -> FullText<'f> {
        let holes = render::holes(frame);
        let mut unfilled = FxHashMap::default();
        for (_, id) in &holes {
            *unfilled.entry(*id).or_insert(0) += 1;
        }
        FullText { frame, holes, unfilled, next: 0, written: 0, waiting: FxHashMap::default(), stream, scan }
    }

    /// Adds the body of proposal `id`, writing every body whose turn has come.
    fn add(&mut self, id: ProposalId, body: (Vec<u8>, Scan)) -> Result<()> {
        if !self.unfilled.contains_key(&id) {
            return Ok(()); // not shown in the full text
        }
        self.waiting.insert(id, body);
        while let Some((range, id)) = self.holes.get(self.next).cloned() {
            let Some((html, scan)) = self.waiting.get(&id) else { break };
            self.stream.write(&self.frame[self.written..range.start])?;
            self.stream.write(html)?;
            self.scan.extend(scan);
            (self.next, self.written) = (self.next + 1, range.end);
            let left = self.unfilled.get_mut(&id).expect("counted");
            *left -= 1;
            if *left == 0 {
                self.waiting.remove(&id);
            }
        }
        Ok(())
    }

    /// Writes the rest of the frame: what it has read, the ids and links.
    fn finish(mut self) -> Result<Scan> {
        self.stream.write(&self.frame[self.written..])?;
        self.stream.finish()?;
        Ok(self.scan)
    }
}

/// An edition's search index being written, a proposal's records at a time.
struct Index {
    stream: Stream,
    /// A hash of the head and of each proposal's records: the index's name.
    hash: u64,
    empty: bool,
}

impl Index {
    fn start(mut stream: Stream, head: &str) -> Result<Index> {
        stream.write(head.as_bytes())?;
        Ok(Index { stream, hash: theme::content_hash(head.as_bytes()), empty: true })
    }

    fn add(&mut self, records: &str, hash: u64) -> Result<()> {
        if !self.empty {
            self.stream.write(b",")?;
        }
        self.stream.write(records.as_bytes())?;
        self.hash = theme::content_hash_more(self.hash, &hash.to_le_bytes());
        self.empty = false;
        Ok(())
    }

    /// Ends the index: its hash.
    fn finish(mut self) -> Result<u64> {
        self.stream.write(search::INDEX_TAIL.as_bytes())?;
        self.stream.finish()?;
        Ok(self.hash)
    }
}

/// Renders, compacts, checks and writes the pages `jobs` (each with its place in the
/// site), which show no proposal body: what the checker found, and the paths written.
fn make_pages(inputs: &render::Inputs, jobs: Vec<(usize, Job)>, checker: &check::Checker, out: &dyn Output) -> Result<(Findings, Vec<String>)> {
    in_parallel(jobs, |(order, job), findings| {
        let page = render::render(inputs, job, None)?;
        let (html, scan) = compacted(&page.html);
        out.write(&page.path, &[&html])?;
        findings.add_page(checker, order, &page.path, scan);
        Ok(page.path)
    })
}

/// The files for hosts and crawlers, once for the whole site: sitemap (every edition's
/// pages, and with `archive` the archive's), robots.txt, security headers, share image;
/// and the images the proposals show.
fn publishing_files(sites: &[&Site], archive: bool) -> Result<Vec<OutputFile>> {
    let site = sites[0];
    let base_path = site.base_url.as_ref().map_or("/", |b| b.path.as_str());
    let mut files = vec![
        OutputFile { path: "robots.txt".into(), bytes: publish::robots(site.base_url.as_ref()).into_bytes() },
        OutputFile { path: "_headers".into(), bytes: publish::headers(base_path).into_bytes() },
    ];
    if let Some(base) = &site.base_url {
        let mut dirs: Vec<Vec<String>> = Vec::new();
        if archive {
            dirs.push(site.languages.iter().map(|l| crate::domain::layout::home(&l.prefix)).collect());
        }
        dirs.extend(sites.iter().flat_map(|s| render::edition_dirs(s)));
        dirs.extend(render::site_page_dirs(site));
        let sitemaps = publish::sitemaps(&site.languages, base, &dirs, publish::SITEMAP_LIMITS);
        files.extend(sitemaps.into_iter().map(|(path, xml)| OutputFile { path, bytes: xml.into_bytes() }));
    }
    if let Some((output, bytes)) = &site.share_image {
        files.push(OutputFile { path: output.clone(), bytes: bytes.clone() });
    }
    if let Some(logo) = &site.identity.logo {
        files.push(OutputFile { path: logo.output.clone(), bytes: logo.bytes.clone() });
    }
    if let Some((css, icon)) = crate::output::identity::files(&site.identity) {
        files.extend([css, icon].map(|f| OutputFile { path: f.path, bytes: f.text.into_bytes() }));
    }
    // The proposals' images, each once: an image two editions show has one address.
    let images: BTreeMap<&str, &[u8]> = sites.iter().flat_map(|s| &s.images).map(|i| (i.output.as_str(), i.bytes.as_slice())).collect();
    files.extend(images.into_iter().map(|(path, bytes)| OutputFile { path: path.to_string(), bytes: bytes.to_vec() }));
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The full text of a frame with `ids` as placeholders, given bodies in `order`.
    fn full_text(ids: &[usize], order: &[usize]) -> (String, Vec<String>) {
        let frame: String = ids.iter().map(|id| format!("[{}]", render::placeholder(ProposalId(*id)))).collect();
        let out = tempfile::tempdir().unwrap();
        let staging = crate::output::write::Staging::create(&out.path().join("site"), false).unwrap();
        let mut full = FullText::new(frame.as_bytes(), Scan::default(), staging.stream("full.html").unwrap());
        for &id in order {
            let scan = Scan { ids: vec![format!("p{id}-1")], links: Vec::new() };
            full.add(ProposalId(id), (format!("<p>{id}</p>").into_bytes(), scan)).unwrap();
        }
        let scan = full.finish().unwrap();
        let written = std::fs::read_to_string(staging.dir().join("full.html")).unwrap();
        (written, scan.ids)
    }

    #[test]
    fn the_full_text_gets_every_body_in_its_place_whatever_order_they_come_in() {
        let in_order = full_text(&[0, 1, 2], &[0, 1, 2]);
        assert_eq!(in_order.0, "[<p>0</p>][<p>1</p>][<p>2</p>]");
        assert_eq!(in_order.1, ["p0-1", "p1-1", "p2-1"]);
        // A theme that shows the bodies in another order, one of them twice, and one not at all.
        let (written, ids) = full_text(&[2, 0, 2], &[0, 1, 2]);
        assert_eq!(written, "[<p>2</p>][<p>0</p>][<p>2</p>]");
        assert_eq!(ids, ["p2-1", "p0-1", "p2-1"]);
    }
}
