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

const env = siteAndBrowser();

async function search(page, lang, query) {
  await page.goto(env.server.url + `${lang}/search/`);
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

const cases = [
  ["tc", "中試", [6]],
  ["tc", "夜间经济", [7, 10]], // 7.4 funds night-time economy activities
  ["sc", "碳標籤", [11]],
  ["en", "pilot", [6, 8]], // 8.4: CEPA pilot ("先行先試")
  ["en", "industrial", [1, 2, 3, 9]],
  ["en", "Greater Bay Area", [3, 5, 12, 13]],
  ["sc", "中試", [6]],
  ["tc", "食品產業園", [4]],
];

for (const [lang, query, expected] of cases) {
  test(`“${query}” on /${lang}/search/ finds proposals ${expected.join(", ")}`, async () => {
    const page = await env.browser.newPage(phone);
    const { proposals, links } = await search(page, lang, query);
    for (const n of expected) assert.ok(proposals.includes(n), `proposal ${n} among ${proposals}`);
    if (query !== "industrial") {
      assert.deepEqual([...new Set(proposals)].sort((a, b) => a - b), expected, "only the right proposals");
    }
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

test("a query with no match says so, in the page's language", async () => {
  const page = await env.browser.newPage(phone);
  assert.equal((await search(page, "en", "zzzz")).status, "No results for “zzzz”.");
  assert.equal((await search(page, "tc", "量子")).status, "找不到「量子」的結果。");
  await page.close();
});

test("the header search box leads to results, and results are announced", async () => {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(env.server.url + "en/proposals/pilot-bases/");
  await page.locator("form.header-search input").fill("night-time");
  await page.locator("form.header-search input").press("Enter");
  await page.waitForURL(/\/en\/search\/\?q=night-time/);
  await page.waitForSelector("#results li");
  assert.equal(await page.locator("#search-status").getAttribute("role"), "status");
  assert.equal(await page.locator("form.search-form").getAttribute("role"), "search");
  assert.equal(await page.locator("label[for=q]").count(), 1);
  await page.close();
});

test("without JavaScript the search page says so and offers the full text", async () => {
  const context = await env.browser.newContext({ ...phone, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(env.server.url + "sc/search/?q=中试");
  assert.ok(await page.locator("#no-js").isVisible());
  assert.match(await page.locator("#no-js").textContent(), /JavaScript/);
  const full = page.locator("#no-js a");
  assert.match(await full.getAttribute("href"), /sc\/full\/$/);
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
    await page.goto(env.server.url + `${lang}/`);
    const started = Date.now();
    await page.goto(env.server.url + `${lang}/search/?q=${encodeURIComponent(lang === "en" ? "pilot" : "中試")}`);
    await page.waitForSelector("#results li");
    times.push([lang, Date.now() - started]);
  }
  // What a reader downloads before the first result: the search page, its CSS and JS, the index (gzipped).
  const gz = (f) => zlib.gzipSync(fs.readFileSync(path.join(site, f)), { level: 9 }).length;
  const assets = fs.readdirSync(path.join(site, "assets"));
  const sizes = ["tc", "sc", "en"].map((lang) => {
    const index = assets.find((a) => a.startsWith(`search-${lang}.`));
    const total = gz(`${lang}/search/index.html`) + ["style.", "site.", "search."].reduce((s, p) => s + gz(`assets/${assets.find((a) => a.startsWith(p) && !a.startsWith("search-"))}`), 0) + gz(`assets/${index}`);
    return `${lang}: index ${gz(`assets/${index}`)} B gzipped, ${total} B in all`;
  });
  console.log(`# search, time to first result (ms): ${times.map(([l, t]) => `${l} ${t}`).join(", ")}`);
  console.log(`# search, downloaded before the first result: ${sizes.join("; ")}`);
  for (const [lang, t] of times) assert.ok(t < 5000, `${lang}: ${t} ms`);
  await page.close();
});
