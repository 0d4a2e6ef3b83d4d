// Lighthouse, mobile form factor: at least 95 in performance, accessibility, best practices
// and SEO on the home page and a proposal page of each language (the proposal with the most
// paragraphs, found in build/), and in a site of editions on the archive at its root.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { serve, chromiumArgs } from "./lib.mjs";
import { langs, proposal, kinds, archive } from "./pages.mjs";

let server, chrome;
before(async () => {
  server = await serve();
  chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM || "/usr/bin/chromium",
    chromeFlags: chromiumArgs,
  });
});
after(async () => {
  await chrome?.kill();
  await server?.close();
});

const categories = ["performance", "accessibility", "best-practices", "seo"];

const paths = [...langs.flatMap((lang) => [kinds.home(lang), proposal.paths[lang]]), ...(archive ? [archive.root] : [])];
for (const path of paths) {
  test(`Lighthouse scores ≥ 95 on /${path}`, async () => {
    const result = await lighthouse(server.url + path, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: categories,
      formFactor: "mobile",
    });
    const scores = Object.fromEntries(categories.map((c) => [c, Math.round(result.lhr.categories[c].score * 100)]));
    console.log(`# /${path}: ${JSON.stringify(scores)}`);
    const failing = Object.values(result.lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual")
      .map((a) => `${a.id} (${a.score})`);
    for (const c of categories) {
      assert.ok(scores[c] >= 95, `${c} ${scores[c]} on /${path}; audits below full marks: ${failing.join(", ")}`);
    }
  });
}
