// axe-core reports no violation (WCAG 2.x A and AA rules) on the home, a pillar, a proposal
// and the full-document page in each language, on the not-found page, and, in a site of
// editions, on the archive (the root's and each language's), in light and in dark mode.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { siteAndBrowser, phone } from "./lib.mjs";
import { everyKind, archivePages, notFound, basePath } from "./pages.mjs";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");
const env = siteAndBrowser({ mount: basePath });

const pages = [
  ...everyKind.map(({ lang, kind, path }) => ({ name: `${lang} ${kind} page`, url: () => env.server.url + path })),
  ...archivePages.map(({ name, path }) => ({ name: `${name} page (/${path})`, url: () => env.server.url + path })),
  { name: "not-found page (404.html)", url: () => env.mounted.url + notFound.probe },
];

for (const scheme of ["light", "dark"]) {
  for (const { name, url } of pages) {
    test(`axe: no violations on the ${name} (${scheme})`, async () => {
      // The pages forbid inline scripts (CSP); let the test inject axe anyway.
      const context = await env.browser.newContext({ ...phone, colorScheme: scheme, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(url());
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(() =>
        window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } }),
      );
      const violations = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0].target.join(" ")})`);
      assert.deepEqual(violations, []);
      await context.close();
    });
  }
}
