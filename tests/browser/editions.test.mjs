// A site of editions (content/site.yaml without pillars): the archive at the root lists
// every edition in every language, newest first, and each language's archive the same in
// that language; latest/ and latest/{lang}/ lead a browser (with and without JavaScript)
// to the newest edition; every page of every edition links to its language's archive.
// Skipped for one submission at the root, which has none of these.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { siteAndBrowser, phone, site } from "./lib.mjs";
import { archive, edition, langs, cards, links, read, section, literal } from "./pages.mjs";

const skip = archive ? false : "one submission at the root: no archive, no latest/";
const env = siteAndBrowser();

/** An archive page's cards as [edition folder, language] pairs, in order. */
function editionCards(from) {
  return cards(from, read(from)).map((p) => {
    const m = p.match(new RegExp(`^(.+)/(${langs.join("|")})/$`));
    assert.ok(m, `/${from}: card links to /${p}, not to an edition's language (NAME/{lang}/)`);
    return [m[1], m[2]];
  });
}

test("the root archive lists every edition in every language, newest first; each language's archive, that language's", { skip }, () => {
  const all = editionCards(archive.root);
  const names = [...new Set(all.map(([name]) => name))];
  assert.equal(`${names[0]}/`, edition, "the first card is the edition the suite looks at");
  assert.deepEqual(names, [...names].sort().reverse(), "newest (highest folder name) first");
  assert.deepEqual(
    all.map(([n, l]) => `${n}/${l}/`),
    names.flatMap((n) => langs.map((l) => `${n}/${l}/`)),
    "each edition in every language, in the switcher's order",
  );
  for (const lang of langs) {
    assert.deepEqual(
      editionCards(archive.langs[lang]).map(([n, l]) => `${n}/${l}/`),
      names.map((n) => `${n}/${lang}/`),
      `/${archive.langs[lang]} lists every edition in ${lang}, newest first`,
    );
  }
});

for (const javaScriptEnabled of [true, false]) {
  test(`latest/ and latest/{lang}/ lead to the newest edition (${javaScriptEnabled ? "with" : "without"} JavaScript)`, { skip }, async () => {
    const context = await env.browser.newContext({ ...phone, javaScriptEnabled });
    const page = await context.newPage();
    for (const { path: from, to } of archive.latest) {
      await page.goto(env.server.url + from);
      await page.waitForURL(new RegExp(`^${literal(env.server.url + to)}$`), { timeout: 10000 });
      // Arrived: the edition's landing (its cards) or its home page (its pillar navigation).
      const arrived = await page.locator(to === archive.landing ? "main ul.editions a" : "nav.pillars a").count();
      assert.ok(arrived > 0, `/${from} → /${to} shows the edition`);
    }
    await context.close();
  });
}

test("every page of every edition links to its language's archive", { skip }, () => {
  const names = [...new Set(editionCards(archive.root).map(([name]) => name))];
  const missing = [];
  let pages = 0;
  for (const name of names) {
    for (const lang of langs) {
      for (const f of fs.readdirSync(path.join(site, name, lang), { recursive: true }).filter((f) => f.endsWith(".html"))) {
        const file = `${name}/${lang}/${f.split(path.sep).join("/")}`;
        const html = read(file);
        if (/<body\b[^>]*class="?redirect/.test(html)) continue; // a short link's redirect
        pages++;
        const from = file.replace(/index\.html$/, "");
        if (!links(from, section(html, "footer", "site-footer")).includes(archive.langs[lang])) missing.push(file);
      }
    }
  }
  assert.ok(pages > 0, "edition pages found");
  assert.deepEqual(missing, [], `pages whose footer has no link to their language's archive (of ${pages})`);
});

test("the footer's archive link leads from the edition's home to its language's archive, which leads back", { skip }, async () => {
  const page = await env.browser.newPage(phone);
  for (const lang of langs) {
    await page.goto(env.server.url + `${edition}${lang}/`);
    await page.locator(`footer.site-footer a[href$="/${lang}/"]`).last().click();
    await page.waitForURL(env.server.url + archive.langs[lang]);
    await page.locator(`main ul.editions a[href$="${edition}${lang}/"]`).first().click();
    await page.waitForURL(env.server.url + `${edition}${lang}/`);
  }
  await page.close();
});
