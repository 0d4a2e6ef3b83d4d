// The pages the browser suite looks at, found in the built site (build/, or $SITE_DIR)
// rather than named: the content changes with every edition of the submission (other
// pillars, slugs, numbers, paragraphs and base URL), and the suite must pass on any.
//
// Two layouts: one submission at the root (`tc/`, `sc/`, `en/` are its home pages), or a
// site of editions, whose root holds the archive (`index.html`, `{lang}/index.html`: a card
// per edition and language, newest first, no pillar navigation), `latest/` and `404.html`,
// each edition under its folder (`2024-25/tc/…`). The pages looked at are the newest
// edition's: the first card of the root archive.
//
// What is read: the landing page's canonical link (the published base URL), the root
// `tc/` page (a home page with pillar navigation, or an archive), the first card of the
// archive, each language's home page of the edition (its pillar navigation, its tables
// of contents and its footer's links to the site's own pages), and each proposal page
// (number, title, paragraphs, short link, language switcher), and the redirect pages
// among the proposals' folders (former addresses).
import fs from "node:fs";
import path from "node:path";
import { site } from "./lib.mjs";

export const langs = ["tc", "sc", "en"];
/** The hreflang of each edition's links in the language switcher. */
export const hreflang = { tc: "zh-Hant-HK", sc: "zh-Hans", en: "en" };

export function read(file) {
  const full = path.join(site, file.endsWith("/") || file === "" ? `${file}index.html` : file);
  if (!fs.existsSync(full)) throw new Error(`${full} is missing: build the site first (cargo run --release -- build)`);
  return fs.readFileSync(full, "utf8");
}

/** The attributes of a start tag's source (`<a href="x" class=y>`), quoted or not. */
function attrs(tag) {
  const out = {};
  for (const m of tag.matchAll(/([\w:-]+)(?:=(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) out[m[1].toLowerCase()] = decode(m[2] ?? m[3] ?? m[4] ?? "");
  return out;
}

/** Every start tag `name` in `html`, as { attrs, start, end } (end: just after the tag). */
function tags(html, name) {
  return [...html.matchAll(new RegExp(`<${name}\\b([^>]*)>`, "gi"))].map((m) => ({ attrs: attrs(m[1]), start: m.index, end: m.index + m[0].length }));
}

/** The source between the start tag `name` with class `cls` and its end tag (not nested). */
export function section(html, name, cls) {
  const tag = tags(html, name).find((t) => (t.attrs.class || "").split(/\s+/).includes(cls));
  if (!tag) return null;
  return html.slice(tag.end, html.indexOf(`</${name}>`, tag.end));
}

function decode(s) {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_, e) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" }[e.toLowerCase()];
  });
}

/** The visible text of an HTML fragment. */
function text(html) {
  return decode(html.replace(/<[^>]*>/g, "")).trim();
}

/** A link's target as a path from the site root (`en/proposals/x/`), from page `from`. */
function resolve(from, href) {
  return decodeURIComponent(new URL(href, `http://site/${from}`).pathname.slice(1));
}

/** The links of an HTML fragment, as paths from the site root. */
export function links(from, html) {
  return tags(html ?? "", "a").map((t) => t.attrs.href).filter(Boolean).map((h) => resolve(from, h));
}

/** The same page in every edition, from the language switcher of its `lang` edition. */
function editions(lang, pagePath, html) {
  const out = { [lang]: pagePath };
  for (const t of tags(section(html, "nav", "langs") ?? "", "a")) {
    const l = langs.find((x) => hreflang[x] === t.attrs.hreflang);
    if (l) out[l] = resolve(pagePath, t.attrs.href);
  }
  for (const l of langs) if (!out[l]) throw new Error(`${pagePath}: no ${l} edition in the language switcher`);
  return out;
}

// The published base URL: the landing page's canonical address.
const landing = read("");
const canonical = tags(landing, "link").find((t) => t.attrs.rel === "canonical");
if (!canonical) throw new Error(`${site}/index.html has no canonical link`);
/** The site's base URL (content/site.yaml's base_url) and its path, e.g. "/a/b/". */
export const baseUrl = canonical.attrs.href;
export const basePath = new URL(baseUrl).pathname;

// The layout: is the root's `tc/` a home page (pillar navigation) or an archive?
const rootTc = read("tc/");
/** Whether the site holds editions (the root's pages are an archive). */
export const hasEditions = section(rootTc, "nav", "pillars") === null;

/** The cards of an archive page (`ul.editions`), as paths from the site root, in order. */
export function cards(from, html) {
  return links(from, section(html, "ul", "editions"));
}

/** The path prefix of the edition the suite looks at: "" for one submission at the root,
 *  else the newest edition's folder ("2024-25/"), from the root archive's first card
 *  (`2024-25/tc/`). */
export const edition = (() => {
  if (!hasEditions) return "";
  const first = cards("", landing)[0];
  if (!first) throw new Error(`${site}/index.html: tc/ has no pillar navigation, and index.html no edition card (ul.editions a)`);
  const m = first.match(new RegExp(`^(.*/)?(?:${langs.join("|")})/$`));
  if (!m || !m[1]) throw new Error(`${site}/index.html: the first edition card links to ${first}, not to an edition's language (NAME/tc/)`);
  return m[1];
})();

/** The site-wide pages of a site of editions, as paths from the root: the archive (root and
 *  per language), the redirects to the newest edition and where each must lead, and the
 *  edition's own landing page. Null for one submission at the root. */
export const archive = hasEditions
  ? {
      root: "",
      langs: Object.fromEntries(langs.map((l) => [l, `${l}/`])),
      latest: [{ path: "latest/", to: edition }, ...langs.map((l) => ({ path: `latest/${l}/`, to: `${edition}${l}/` }))],
      landing: edition,
    }
  : null;

/** The not-found page (in either layout): the host serves `404.html` for any unknown
 *  address; its links start at the published path (basePath), so it is looked at served
 *  there, at `probe` (a path below it that does not exist). */
export const notFound = { file: "404.html", probe: "no/such/page/" };
if (!fs.existsSync(path.join(site, notFound.file))) throw new Error(`${site}/${notFound.file} is missing`);

/** The archive pages looked at (none for one submission at the root): { name, lang, path }. */
export const archivePages = archive ? [{ name: "archive", lang: null, path: archive.root }, ...langs.map((l) => ({ name: `${l} archive`, lang: l, path: archive.langs[l] }))] : [];

// The pillars and proposals, in the order of the edition's Traditional Chinese home page.
const homePath = `${edition}tc/`;
const home = hasEditions ? read(homePath) : rootTc;
const pillarPaths = [...new Set(links(homePath, section(home, "nav", "pillars")))];
const proposalPaths = [...new Set([...home.matchAll(/<ul\b[^>]*class="?toc"?[^>]*>([\s\S]*?)<\/ul>/g)].flatMap((m) => links(homePath, m[1])))];
if (!pillarPaths.length || !proposalPaths.length) throw new Error(`${site}/${homePath}index.html lists no pillars or no proposals`);

/** How many pillars and proposals the site has (from the home page's navigation and contents). */
export const counts = { pillars: pillarPaths.length, proposals: proposalPaths.length };

/** The pillars: { paths: {tc, sc, en}, proposals: how many its page lists }. */
export const pillars = pillarPaths.map((p) => {
  const html = read(p);
  const toc = section(html, "ul", "toc");
  return { paths: editions("tc", p, html), proposals: links(p, toc).length };
});

/** The proposals: { number, paths, short (short link per edition), title, paragraphs } where
 *  title[lang] is its title and paragraphs[lang] its [{ id, number ("6.3"), text }]. */
export const proposals = proposalPaths.map((p) => {
  const tcHtml = read(p);
  const paths = editions("tc", p, tcHtml);
  const proposal = { paths, short: {}, title: {}, paragraphs: {} };
  for (const lang of langs) {
    const html = lang === "tc" ? tcHtml : read(paths[lang]);
    const h1 = html.match(/<h1>([\s\S]*?)<\/h1>/);
    const n = h1 && h1[1].match(/<span class="?n"?>(\d+)\.?<\/span>/);
    if (!n) throw new Error(`${paths[lang]}: no numbered <h1>`);
    proposal.number = parseInt(n[1], 10);
    proposal.title[lang] = text(h1[1].slice(n.index + n[0].length));
    const shortlink = tags(html, "a").find((t) => t.attrs.class === "shortlink");
    if (shortlink) proposal.short[lang] = resolve(paths[lang], shortlink.attrs.href);
    proposal.paragraphs[lang] = [...html.matchAll(/<p\b([^>]*)>([\s\S]*?)<\/p>/g)]
      .map((m) => ({ attrs: attrs(m[1]), inner: m[2] }))
      .filter(({ attrs: a }) => /^p/.test(a.id || "") && (a.class || "").split(/\s+/).includes("para"))
      .map(({ attrs: a, inner }) => {
        const num = inner.match(/^\s*<a\b[^>]*class="?pnum"?[^>]*>([\s\S]*?)<\/a>/);
        return { id: a.id, number: num ? text(num[1]) : "", text: text(num ? inner.slice(num[0].length) : inner) };
      });
  }
  return proposal;
});

/** The pillar page looked at: the one listing the most proposals. */
export const pillar = pillars.reduce((a, b) => (b.proposals > a.proposals ? b : a));

/** The proposal page looked at: the one with the most paragraphs (the first of those). */
export const proposal = proposals.reduce((a, b) => (b.paragraphs.tc.length > a.paragraphs.tc.length ? b : a));
if (proposal.paragraphs.tc.length < 2) throw new Error("no proposal has two paragraphs or more");
for (const lang of langs) {
  if (!proposal.short[lang]) throw new Error(`${proposal.paths[lang]}: no short link`);
  if (proposal.paragraphs[lang].map((p) => p.id).join() !== proposal.paragraphs.tc.map((p) => p.id).join())
    throw new Error(`${proposal.paths[lang]}: paragraph anchors differ from ${proposal.paths.tc}`);
}

/** The former addresses of renamed proposals (`aliases:`) in the edition looked at: the
 *  folders of `{edition}tc/proposals/` that are redirect pages (`<body class="redirect">`)
 *  rather than proposals, each as { paths: {tc, sc, en}, proposal: the proposal (of
 *  `proposals`) its plain link leads to }. Empty if no proposal has one. */
export const aliases = fs
  .readdirSync(path.join(site, `${edition}tc/proposals`))
  .sort()
  .map((slug) => `${edition}tc/proposals/${slug}/`)
  .filter((p) => /<body\b[^>]*class="?redirect"?/.test(read(p)))
  .map((p) => {
    const paths = Object.fromEntries(langs.map((l) => [l, p.replace(`${edition}tc/`, `${edition}${l}/`)]));
    const to = tags(read(p), "a").find((t) => "data-redirect" in t.attrs);
    const target = to && resolve(p, to.attrs.href);
    const proposal = proposals.find((q) => q.paths.tc === target);
    if (!proposal) throw new Error(`${p}: a redirect page among the proposals that leads to no proposal (${target})`);
    return { paths, proposal };
  });

/** The paragraph deep-linked to: the proposal's third (or its last, if it has fewer), and
 *  another paragraph of the same page (the next one, or the one before). */
const at = Math.min(2, proposal.paragraphs.tc.length - 1);
export const anchor = { ...proposal.paragraphs.tc[at], other: proposal.paragraphs.tc[at + 1]?.id ?? proposal.paragraphs.tc[at - 1].id };
export const firstParagraph = proposal.paragraphs.tc[0].id;

/** The site's own pages (content/pages/: about, contact…), from the footer of the edition's
 *  Traditional Chinese home page (`nav.footer-pages`); the first of them is looked at, in
 *  every language (from its language switcher). Null for a site without such pages. */
const sitePagePaths = links(homePath, section(home, "nav", "footer-pages"));
export const sitePage = sitePagePaths.length ? { paths: editions("tc", sitePagePaths[0], read(sitePagePaths[0])), count: sitePagePaths.length } : null;

/** The page kinds of the edition looked at, each a path from the site root per language
 *  (with a page of the site's own, if it has any). */
export const kinds = {
  home: (l) => `${edition}${l}/`,
  pillar: (l) => pillar.paths[l],
  proposal: (l) => proposal.paths[l],
  full: (l) => `${edition}${l}/full/`,
  search: (l) => `${edition}${l}/search/`,
  ...(sitePage ? { "site-page": (l) => sitePage.paths[l] } : {}),
};
export const everyKind = langs.flatMap((l) => Object.entries(kinds).map(([kind, path]) => ({ lang: l, kind, path: path(l) })));

/** A string for a RegExp that matches `s` literally. */
export function literal(s) {
  return s.replace(/[.*+?^${}()|[\]\\\/]/g, "\\$&");
}
