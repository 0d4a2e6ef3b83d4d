// Search in a real browser at 390×844: Chinese queries (and cross-script ones) and English
// ones find the right proposals with working paragraph links; no match is said; without
// JavaScript the page says search needs it and offers the full text; and how long the
// first result takes on an emulated mid-range phone on a slow connection.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { siteAndBrowser, phone, site } from "./lib.mjs";
import { proposals, proposal, anchor, kinds, literal } from "./pages.mjs";

const env = siteAndBrowser();

async function search(page, lang, query) {
  await page.goto(env.server.url + kinds.search(lang));
  await page.locator("#q").fill(query);
  await page.locator("#q").press("Enter");
  await page.waitForFunction(() => {
    const s = document.getElementById("search-status").textContent;
    return s && !s.endsWith("…");
  });
  const proposals = await page.locator("#results .result-title").allTextContents();
  const links = await page.locator("#results a").evaluateAll((as) => as.map((a) => a.href));
  const status = await page.locator("#search-status").textContent();
  return { proposals: proposals.map((t) => parseInt(t, 10)), links, status };
}

// The queries come from the built pages' text (see pages.mjs), not from this year's
// content: words of the proposal with the most paragraphs, and what each must find,
// worked out from every proposal's title and paragraphs the way search.js matches them
// (Chinese: substrings, either script; English: every word starts a word of the text).
const records = (lang) =>
  proposals.flatMap((p) => [p.title[lang], ...p.paragraphs[lang].map((q) => q.text)].map((text) => ({ n: p.number, text })));

/** The proposals whose title or a paragraph of the `lang` edition contains `query`. */
function finds(lang, query) {
  const cjk = lang !== "en";
  const terms = (cjk ? query : query.toLowerCase()).split(/\s+/).filter(Boolean);
  const found = new Set();
  for (const { n, text } of records(lang)) {
    const norm = cjk ? text : text.toLowerCase();
    const has = (term) => {
      for (let at = norm.indexOf(term); at !== -1; at = norm.indexOf(term, at + 1)) {
        if (cjk || at === 0 || !/[\p{L}\p{N}]/u.test(norm[at - 1])) return true;
      }
      return false;
    };
    if (terms.every(has)) found.add(n);
  }
  return [...found].sort((a, b) => a - b);
}

const same = (a, b) => a.join() === b.join();
const han = /^\p{Script=Han}+$/u;

// Chinese: runs of Han characters of the proposal's Traditional paragraphs, each with the
// same run of its Simplified paragraph (the editions are aligned paragraph by paragraph;
// only paragraphs of equal length are used, and only characters the whole site converts
// one way), found alike in either edition.
const oneWay = new Map();
for (const p of proposals) {
  p.paragraphs.tc.forEach((para, i) => {
    const sc = p.paragraphs.sc[i]?.text;
    if (!sc || [...sc].length !== [...para.text].length) return;
    [...para.text].forEach((c, j) => oneWay.set(c, (oneWay.get(c) ?? new Set()).add([...sc][j])));
  });
}
function chineseRuns(length) {
  const runs = [];
  proposal.paragraphs.tc.forEach((para, i) => {
    const tc = [...para.text];
    const sc = [...proposal.paragraphs.sc[i].text];
    if (tc.length !== sc.length) return;
    for (let j = 0; j + length <= tc.length; j++) {
      const t = tc.slice(j, j + length).join("");
      const s = sc.slice(j, j + length).join("");
      if (!han.test(t) || [...t].some((c) => oneWay.get(c).size !== 1)) continue;
      const found = finds("tc", t);
      if (same(found, finds("sc", s))) runs.push({ tc: t, sc: s, found });
    }
  });
  return runs;
}
const me = [proposal.number];
/** A distinctive Chinese word: found in this proposal only, written differently in the two
 *  scripts; of those, the one the proposal repeats most (a run that recurs is a term, not
 *  the end of one word and the start of another), four characters long if it can be. */
const ownText = proposal.paragraphs.tc.map((p) => p.text).join("\n");
const recurs = (run) => ownText.split(run).length - 1;
const word = [4, 3, 5, 6, 2]
  .flatMap(chineseRuns)
  .filter((r) => r.tc !== r.sc && same(r.found, me))
  .reduce((a, b) => (a && recurs(a.tc) >= recurs(b.tc) ? a : b), undefined);
/** A common one: found in this proposal and others. */
const common = chineseRuns(2).find((r) => r.found.length >= 2 && r.tc !== r.sc) ?? chineseRuns(2).find((r) => r.found.length >= 2);

// English: words and a phrase of the proposal's English paragraphs.
const englishWords = proposal.paragraphs.en.flatMap((p) => p.text.match(/\b[A-Za-z]{6,}\b/g) ?? []);
/** A distinctive English word: found in this proposal only. */
const english = englishWords.find((w) => same(finds("en", w), me));
/** A common English word: the one found in the most proposals short of all of them (so
 *  that some must be left out), else in the most. */
const spread = new Map(englishWords.map((w) => [w, finds("en", w).length]));
const most = (ws) => ws.reduce((a, b) => (spread.get(b) > spread.get(a) ? b : a), ws[0]);
const englishCommon = most(englishWords.filter((w) => spread.get(w) >= 2 && spread.get(w) < proposals.length)) ?? most(englishWords);
/** A phrase: three words in a row of the deep-linked paragraph (all must match). */
const phrase = (() => {
  const ws = proposal.paragraphs.en.find((p) => p.id === anchor.id).text.split(/\s+/);
  for (let i = 0; i + 3 <= ws.length; i++) if (ws.slice(i, i + 3).every((w) => /^[A-Za-z]{4,}$/.test(w))) return ws.slice(i, i + 3).join(" ");
  return null;
})();
for (const [what, value] of Object.entries({ word, common, english, englishCommon, phrase })) {
  if (!value) throw new Error(`no ${what} query found in ${proposal.paths.tc} of ${site}`);
}

const cases = [
  ["tc", word.tc, word.found],
  ["tc", word.sc, word.found], // Simplified on the Traditional edition
  ["sc", word.tc, word.found], // Traditional on the Simplified edition
  ["sc", word.sc, word.found],
  ["en", english, finds("en", english)],
  ["en", englishCommon, finds("en", englishCommon)],
  ["en", phrase, finds("en", phrase)],
  [common.tc === common.sc ? "tc" : "sc", common.tc, common.found],
];
console.log(`# search queries from ${proposal.paths.en}: ${cases.map(([l, q, e]) => `${l} “${q}” → ${e.join(", ")}`).join("; ")}`);

for (const [lang, query, expected] of cases) {
  test(`“${query}” on /${kinds.search(lang)} finds proposals ${expected.join(", ")}`, async () => {
    const page = await env.browser.newPage(phone);
    const { proposals: found, links } = await search(page, lang, query);
    assert.ok(expected.includes(proposal.number));
    for (const n of expected) assert.ok(found.includes(n), `proposal ${n} among ${found}`);
    assert.deepEqual([...new Set(found)].sort((a, b) => a - b), expected, "only the right proposals");
    const marks = await page.locator("#results mark").count();
    assert.ok(marks > 0, "matches highlighted");
    // The paragraph links open the proposal at that paragraph.
    const paragraphLink = links.find((l) => l.includes("#p"));
    assert.ok(paragraphLink, "a link to a paragraph");
    await page.goto(paragraphLink);
    const id = new URL(paragraphLink).hash.slice(1);
    assert.equal(await page.locator(`#${id}`).count(), 1, `${paragraphLink} has its paragraph`);
    await page.close();
  });
}

// Every two-character run of every paragraph, typed in the other script, must find every
// proposal whose text has it: phrase conversions too (復甦 becomes 复苏 though 甦 alone
// stays; folding may find a few more, never fewer). The queries are run by the page's own
// script, in the browser, once the index is loaded.
const otherScript = new Map();
for (const p of proposals) {
  p.paragraphs.tc.forEach((para, i) => {
    const tc = [...para.text];
    const sc = [...(p.paragraphs.sc[i]?.text ?? "")];
    if (tc.length !== sc.length) return;
    for (let j = 0; j + 2 <= tc.length; j++) {
      const t = tc.slice(j, j + 2).join("");
      const s = sc.slice(j, j + 2).join("");
      if (han.test(t) && han.test(s) && t !== s) otherScript.set(t, s);
    }
  });
}
test(`${otherScript.size} runs of two characters, typed in the other script, find their proposals on /tc/ and /sc/`, async () => {
  const page = await env.browser.newPage(phone);
  const runs = [...otherScript];
  for (const [lang, queries] of [
    ["tc", runs.map(([t, s]) => [s, finds("tc", t)])],
    ["sc", runs.map(([t, s]) => [t, finds("sc", s)])],
  ]) {
    await search(page, lang, queries[0][0]); // loads the index
    const found = await page.evaluate((qs) => {
      const form = document.querySelector("form.search-form");
      const input = form.querySelector("input[name=q]");
      return qs.map((q) => {
        input.value = q;
        form.requestSubmit(); // searches at once: the index is loaded
        return [...document.querySelectorAll("#results .result-title")].map((e) => parseInt(e.textContent, 10));
      });
    }, queries.map(([q]) => q));
    const missed = queries.filter(([, expected], k) => !expected.every((n) => found[k].includes(n))).map(([q, expected]) => `${q} → ${expected}`);
    assert.deepEqual(missed, [], `/${kinds.search(lang)}: queries in the other script that miss text`);
  }
  await page.close();
});

test("a query with no match says so, in the page's language", async () => {
  // Words in neither script of the site (these characters are the same in both).
  const none = ["zzzz", "qxqxq"].find((q) => !finds("en", q).length);
  const chinese = ["量子", "沙漠", "冰川", "火山"].find((q) => !finds("tc", q).length && !finds("sc", q).length);
  const page = await env.browser.newPage(phone);
  assert.equal((await search(page, "en", none)).status, `No results for “${none}”.`);
  assert.equal((await search(page, "tc", chinese)).status, `找不到「${chinese}」的結果。`);
  await page.close();
});

test("the header search box leads to results, and results are announced", async () => {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(env.server.url + proposal.paths.en);
  await page.locator("form.header-search input").fill(english);
  await page.locator("form.header-search input").press("Enter");
  await page.waitForURL(new RegExp(`/${literal(kinds.search("en"))}\\?q=${english}`));
  await page.waitForSelector("#results li");
  assert.equal(await page.locator("#search-status").getAttribute("role"), "status");
  assert.equal(await page.locator("form.search-form").getAttribute("role"), "search");
  assert.equal(await page.locator("label[for=q]").count(), 1);
  await page.close();
});

test("without JavaScript the search page says so and offers the full text", async () => {
  const context = await env.browser.newContext({ ...phone, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(env.server.url + kinds.search("sc") + `?q=${encodeURIComponent(word.sc)}`);
  assert.ok(await page.locator("#no-js").isVisible());
  assert.match(await page.locator("#no-js").textContent(), /JavaScript/);
  const full = await page.locator("#no-js a").evaluate((a) => a.href);
  assert.equal(full, env.server.url + kinds.full("sc"));
  await context.close();
});

test("time to first result on an emulated phone (4× slower CPU, slow 4G)", async () => {
  const page = await env.browser.newPage(phone);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
  const times = [];
  for (const lang of ["tc", "sc", "en"]) {
    await page.goto(env.server.url + kinds.home(lang));
    const started = Date.now();
    await page.goto(env.server.url + kinds.search(lang) + `?q=${encodeURIComponent(lang === "en" ? english : word.tc)}`);
    await page.waitForSelector("#results li");
    times.push([lang, Date.now() - started]);
  }
  // What a reader downloads before the first result: the search page, its CSS and JS, the index (gzipped).
  const gz = (f) => zlib.gzipSync(fs.readFileSync(path.join(site, f)), { level: 9 }).length;
  const sizes = ["tc", "sc", "en"].map((lang) => {
    // The files the search page names (its stylesheet, scripts and data-index), from the site root.
    const file = `${kinds.search(lang)}index.html`;
    const html = fs.readFileSync(path.join(site, file), "utf8");
    const named = (re) => [...html.matchAll(re)].map((m) => path.normalize(path.join(path.dirname(file), m[1])));
    const index = named(/data-index="?([^"\s>]+)/g)[0];
    const assets = named(/(?:href|src)="?([^"\s>]+\.(?:css|js))/g);
    assert.ok(index && assets.length >= 2, `${file} names its index, CSS and JS`);
    const total = gz(file) + assets.reduce((s, a) => s + gz(a), 0) + gz(index);
    return `${lang}: index ${gz(index)} B gzipped, ${total} B in all`;
  });
  console.log(`# search, time to first result (ms): ${times.map(([l, t]) => `${l} ${t}`).join(", ")}`);
  console.log(`# search, downloaded before the first result: ${sizes.join("; ")}`);
  for (const [lang, t] of times) assert.ok(t < 5000, `${lang}: ${t} ms`);
  await page.close();
});
