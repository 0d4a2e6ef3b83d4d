// The Nu HTML Checker (vnu.jar, run on the machine's Java) reports no error on any page of
// build/: every edition's, and the archive, latest/ redirects and 404 page at the root.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import fs from "node:fs";
import { site } from "./lib.mjs";
import { langs, counts, archivePages, archive, notFound } from "./pages.mjs";

const require = createRequire(import.meta.url);

test("the Nu HTML Checker finds no error on any generated page", () => {
  const jar = path.join(path.dirname(require.resolve("vnu-jar/package.json")), "build", "dist", "vnu.jar");
  assert.ok(fs.existsSync(jar), `vnu.jar at ${jar}`);
  let output;
  try {
    output = execFileSync("java", ["-jar", jar, "--errors-only", "--format", "json", "--skip-non-html", site], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (e) {
    // vnu exits 1 when it reports errors; its report is on stderr.
    output = e.stderr || e.stdout;
  }
  const report = JSON.parse(output || '{"messages":[]}');
  const errors = report.messages.filter((m) => m.type === "error" || m.subType === "fatal");
  const pages = new Set(fs.readdirSync(site, { recursive: true }).filter((f) => f.endsWith(".html")));
  // Each language's home, full text, search, pillars, proposals and short links; the landing
  // and 404 pages; in a site of editions, also the archive in each language, the latest/
  // redirects and the edition's own landing page.
  const extra = archive ? langs.length + archive.latest.length + 1 : 0;
  const expected = 3 * (3 + counts.pillars + 2 * counts.proposals) + 2 + extra;
  assert.ok(pages.size >= expected, `checked ${pages.size} pages, expected at least ${expected}`);
  for (const page of [notFound.file, ...archivePages.map((p) => `${p.path}index.html`), ...(archive?.latest.map((l) => `${l.path}index.html`) ?? [])]) {
    assert.ok(pages.has(page), `${page} is among the pages checked`);
  }
  assert.deepEqual(
    errors.map((m) => `${m.url ? path.relative(site, decodeURIComponent(new URL(m.url).pathname)) : "?"}:${m.lastLine}: ${m.message}`),
    [],
  );
});
