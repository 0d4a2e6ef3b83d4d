// Reading on a phone: nothing overflows at 390 px (nor at 320 px, the width a 1280 px
// screen has at 200 % zoom), the pillar navigation is there and thumb-sized without
// JavaScript (one row that scrolls sideways, each link coming on screen when focused), a
// proposal's first paragraph in the upper half of the first screen, body text is large
// enough, no request leaves the site, pages stay light; printed pages name the publication
// and their address;
// the same (less the pillars: their edition cards instead) for the archive pages of a site
// of editions and the not-found page; and screenshots at 390×844 and 1280×800 for a person
// to look at.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { serve, launch, phone, desktop, site, shots } from "./lib.mjs";
import { everyKind, counts, proposal, proposals, langs, anchor, firstParagraph, kinds, archivePages, notFound, basePath } from "./pages.mjs";

let server, mounted, browser;
before(async () => {
  server = await serve();
  // The not-found page links from the published path (/<base path>/assets/…): served there.
  mounted = await serve(site, basePath);
  browser = await launch();
  fs.mkdirSync(shots, { recursive: true });
});
after(async () => {
  await browser?.close();
  await mounted?.close();
  await server?.close();
  console.log(`# screenshots: ${shots}`);
});

for (const { lang, kind, path: pagePath } of everyKind) {
  test(`${lang} ${kind}: fits a phone, pillars reachable, no outside requests`, async () => {
    for (const width of [390, 320]) {
      const context = await browser.newContext({ ...phone, viewport: { width, height: 844 }, javaScriptEnabled: width === 390 });
      const page = await context.newPage();
      const outside = [];
      page.on("request", (r) => {
        if (!r.url().startsWith(server.url)) outside.push(r.url());
      });
      await page.goto(server.url + pagePath);
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      assert.ok(scrollWidth <= clientWidth, `at ${width}px the page is ${scrollWidth}px wide`);
      const pillars = page.locator("nav.pillars a");
      assert.equal(await pillars.count(), counts.pillars, `${counts.pillars} pillar links, one per pillar`);
      // On a phone the pillars are one row that scrolls sideways: the row is on screen,
      // and each link is thumb-sized and comes on screen when focused (keyboard) or scrolled to.
      const row = await page.locator("nav.pillars").boundingBox();
      assert.ok(row && row.x >= 0 && row.x + row.width <= width && row.y < 844, `the pillars' row is on screen: ${JSON.stringify(row)}`);
      for (let i = 0; i < counts.pillars; i++) {
        const link = pillars.nth(i);
        await link.focus();
        let box = await link.boundingBox();
        assert.ok(box && box.height >= 44 && box.width >= 44, `pillar link ${i + 1} is ${box?.width}×${box?.height}`);
        assert.ok(box.x < width && box.x + box.width > 0, `pillar link ${i + 1} comes on screen when focused: ${box.x}–${box.x + box.width}`);
        await link.evaluate((a) => a.scrollIntoView({ block: "nearest", inline: "nearest" }));
        box = await link.boundingBox();
        assert.ok(box.x >= 0 && box.x + box.width <= width, `pillar link ${i + 1} is whole on screen scrolled to: ${box.x}–${box.x + box.width}`);
      }
      const size = await page.evaluate(() => {
        const text = document.querySelector("main .body p.para, main .page-body p, main .intro p, main .toc li, main .search-form input");
        return parseFloat(getComputedStyle(text).fontSize);
      });
      assert.ok(size >= 16, `body text ${size}px`);
      assert.deepEqual(outside, [], "requests outside the site");
      if (width === 390) {
        await page.screenshot({ path: path.join(shots, `${lang}-${kind}-390x844.png`) });
      }
      await context.close();
    }
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    await page.goto(server.url + pagePath);
    await page.screenshot({ path: path.join(shots, `${lang}-${kind}-1280x800.png`) });
    await context.close();
  });
}

// The archive (a site of editions) and the not-found page: edition cards instead of pillars.
const sitePages = [
  ...archivePages.map(({ name, path: p }) => ({ name, shot: name.replace(/ /g, "-"), base: () => server.url, url: () => server.url + p })),
  { name: "not-found page", shot: "404", base: () => mounted.url, url: () => mounted.url + notFound.probe },
];
for (const { name, shot, base, url } of sitePages) {
  test(`${name}: fits a phone, edition cards on screen and thumb-sized, no outside requests`, async () => {
    for (const width of [390, 320]) {
      const context = await browser.newContext({ ...phone, viewport: { width, height: 844 }, javaScriptEnabled: width === 390 });
      const page = await context.newPage();
      const outside = [];
      page.on("request", (r) => {
        if (!r.url().startsWith(base())) outside.push(r.url());
      });
      const failed = [];
      page.on("response", (r) => {
        if (r.status() >= 400 && r.url() !== url()) failed.push(`${r.status()} ${r.url()}`);
      });
      await page.goto(url());
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      assert.ok(scrollWidth <= clientWidth, `at ${width}px the page is ${scrollWidth}px wide`);
      const cards = page.locator("main ul.editions a");
      assert.ok((await cards.count()) > 0, "edition cards");
      for (let i = 0; i < (await cards.count()); i++) {
        const box = await cards.nth(i).boundingBox();
        assert.ok(box && box.height >= 44 && box.width >= 44, `card ${i + 1} is ${box?.width}×${box?.height}`);
        assert.ok(box.x >= 0 && box.x + box.width <= width, `card ${i + 1} is on screen (x ${box.x}, width ${box.width})`);
      }
      const size = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector("main ul.editions .title")).fontSize));
      assert.ok(size >= 16, `card title ${size}px`);
      assert.deepEqual(failed, [], "the page's stylesheet and icons load");
      assert.deepEqual(outside, [], "requests outside the site");
      if (width === 390) await page.screenshot({ path: path.join(shots, `${shot}-390x844.png`) });
      await context.close();
    }
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    await page.goto(url());
    await page.screenshot({ path: path.join(shots, `${shot}-1280x800.png`) });
    await context.close();
  });
}

test("every proposal page in every language: fits 390 px (a wide table scrolls in its own box), every image loads, no CSP violation", async () => {
  const context = await browser.newContext(phone);
  const page = await context.newPage();
  const violations = [];
  page.on("console", (m) => {
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) violations.push(m.text());
  });
  for (const p of proposals) {
    for (const lang of langs) {
      await page.goto(server.url + p.paths[lang], { waitUntil: "load" });
      // Lazy images below the first screen: scrolled into view, then awaited.
      await page.evaluate(async () => {
        for (const img of document.images) {
          img.loading = "eager";
          if (!img.complete) {
            await new Promise((done) => {
              img.addEventListener("load", done, { once: true });
              img.addEventListener("error", done, { once: true });
            });
          }
        }
      });
      const state = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        broken: [...document.images].filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.getAttribute("src")),
        unsized: [...document.querySelectorAll(".body img")].filter((i) => !i.getAttribute("width") || !i.getAttribute("height")).map((i) => i.getAttribute("src")),
        tables: [...document.querySelectorAll(".body table")].map((t) => t.parentElement.matches("div.table[role=region][tabindex='0'][aria-label]")),
      }));
      assert.ok(state.scrollWidth <= state.clientWidth, `${p.paths[lang]}: at 390px the page is ${state.scrollWidth}px wide`);
      assert.deepEqual(state.broken, [], `${p.paths[lang]}: images that do not load`);
      assert.deepEqual(state.unsized, [], `${p.paths[lang]}: images without width and height`);
      assert.ok(state.tables.every(Boolean), `${p.paths[lang]}: every table in a labelled, focusable scrolling box`);
    }
  }
  assert.deepEqual(violations, [], "Content-Security-Policy violations");
  await context.close();
});

test("Chinese body text is set at line height 1.7–1.8 and English within a 75-character measure", async () => {
  const page = await browser.newPage(phone);
  for (const lang of ["tc", "sc"]) {
    await page.goto(server.url + proposal.paths[lang]);
    const ratio = await page.evaluate((id) => {
      const s = getComputedStyle(document.getElementById(id));
      return parseFloat(s.lineHeight) / parseFloat(s.fontSize);
    }, firstParagraph);
    assert.ok(ratio >= 1.7 && ratio <= 1.85, `${lang} line height ${ratio}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(server.url + proposal.paths.en);
  const chars = await page.evaluate((id) => {
    const p = document.getElementById(id);
    const s = getComputedStyle(p);
    const probe = document.createElement("span");
    probe.textContent = "abcdefghijklmnopqrstuvwxyz".repeat(4);
    probe.style.font = s.font;
    document.body.append(probe);
    const perChar = probe.getBoundingClientRect().width / 104;
    probe.remove();
    return p.getBoundingClientRect().width / perChar;
  }, firstParagraph);
  assert.ok(chars >= 55 && chars <= 80, `English measure about ${Math.round(chars)} characters`);
  await page.close();
});

test("HTML, CSS and JavaScript of every page weigh at most 30 KB gzipped", () => {
  const files = fs.readdirSync(site, { recursive: true }).filter((f) => f.endsWith(".html"));
  const gz = (file) => zlib.gzipSync(fs.readFileSync(path.join(site, file)), { level: 9 }).length;
  const heaviest = [];
  for (const file of files) {
    const html = fs.readFileSync(path.join(site, file), "utf8");
    // 404.html links from the published root path (/<base path>/assets/…).
    const assets = [...html.matchAll(/(?:href|src)=["']?([^"' >]+\.(?:css|js))/g)].map((m) =>
      m[1].startsWith("/") ? m[1].slice(m[1].indexOf("assets/")) : path.normalize(path.join(path.dirname(file), m[1])),
    );
    const total = gz(file) + assets.reduce((sum, a) => sum + gz(a), 0);
    heaviest.push([total, file]);
  }
  for (const f of [notFound.file, ...archivePages.map((p) => `${p.path}index.html`)]) assert.ok(files.includes(f), `${f} weighed`);
  heaviest.sort((a, b) => b[0] - a[0]);
  console.log(`# heaviest pages (bytes gzipped with their CSS and JS): ${heaviest.slice(0, 3).map(([t, f]) => `${f} ${t}`).join(", ")}`);
  assert.ok(heaviest[0][0] <= 30 * 1024, `${heaviest[0][1]} weighs ${heaviest[0][0]} bytes gzipped`);
});

// A phone's first screen shows the start of the text, not only navigation: the first
// paragraph of every proposal starts in the upper half of a 390×844 screen, in every language.
test("on a phone, a proposal's first paragraph starts in the upper half of the first screen", async () => {
  const context = await browser.newContext(phone);
  const page = await context.newPage();
  const low = [];
  for (const p of proposals) {
    for (const lang of langs) {
      if (!p.paragraphs[lang].length) continue;
      await page.goto(server.url + p.paths[lang]);
      const box = await page.locator(".body p.para").first().boundingBox();
      if (!box || box.y >= 844 / 2) low.push(`${p.paths[lang]}: ${box?.y}px`);
    }
  }
  assert.deepEqual(low, [], "first paragraphs starting at or below 422 px");
  await context.close();
});

test("dark mode follows the system setting", async () => {
  const context = await browser.newContext({ ...phone, colorScheme: "dark" });
  const page = await context.newPage();
  await page.goto(server.url + kinds.home("en"));
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, "rgb(22, 22, 24)");
  await context.close();
});

test("the print stylesheet drops navigation and keeps paragraph numbers", async () => {
  const page = await browser.newPage(desktop);
  await page.goto(server.url + proposal.paths.tc);
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator("header.site-header").isVisible(), false);
  assert.equal(await page.locator("nav.pager").isVisible(), false);
  assert.equal(await page.locator(`#${anchor.id} .pnum`).isVisible(), true);
  // Printed, the page names the publication and its address.
  const canonical = await page.locator("link[rel=canonical]").getAttribute("href");
  const head = page.locator(".print-head");
  assert.equal(await head.isVisible(), true, "the print-only header shows on paper");
  const printed = await head.innerText();
  if (canonical) assert.ok(printed.includes(canonical), `the printed header gives the address ${canonical}: ${printed}`);
  assert.ok(printed.includes(await page.locator("a.brand").textContent()), `the printed header names the publication: ${printed}`);
  await page.emulateMedia({ media: "screen" });
  assert.equal(await head.isVisible(), false, "the print-only header is hidden on screen");
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4" });
  assert.ok(pdf.length > 10000, "a PDF is produced");
  await page.close();
});

test("keyboard users get a skip link and a visible focus", async () => {
  const page = await browser.newPage(desktop);
  await page.goto(server.url + proposal.paths.en);
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => ({ cls: document.activeElement.className, top: document.activeElement.getBoundingClientRect().top }));
  assert.equal(focused.cls, "skip");
  assert.ok(focused.top >= 0, "the skip link shows when focused");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none");
  await page.close();
});
