// Publishing under a subpath: built with --base-url https://example.org/<path>/ (the path
// of the site's own base_url) and served from a parent folder, every link, asset,
// redirect, alternate and canonical address on every page answers (in a site of editions,
// from the archive at its root and the latest/ redirects); the switcher and short links
// work there too; and `microsite serve` reloads an open page after a content file changes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { serve, launch, phone, microsite, projectCopy, project } from "./lib.mjs";
import { basePath, counts, proposal, anchor, literal, edition, archive, langs, kinds } from "./pages.mjs";

// The path the site is published under (from its canonical links), or one if it is the root.
const sub = basePath === "/" ? "/preview/site/" : basePath;
const base = `https://example.org${sub}`;
let parent, server, browser;
before(async () => {
  parent = fs.mkdtempSync(path.join(fs.realpathSync((await import("node:os")).tmpdir()), "subpath-"));
  const out = path.join(parent, ...sub.split("/").filter(Boolean));
  execFileSync(microsite(), ["build", "--root", project, "--base-url", base, "--out", out], { stdio: "pipe" });
  server = await serve(parent, "/");
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(parent, { recursive: true, force: true });
});

function linksOf(html) {
  const links = [];
  for (const m of html.matchAll(/\s(?:href|src)=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)) links.push(m[1] ?? m[2] ?? m[3]);
  for (const m of html.matchAll(/content="?\d+;\s*url=([^"\s>]+)/g)) links.push(m[1]);
  for (const m of html.matchAll(/property=og:url[^>]*|content=(https:\/\/example\.org[^\s>"]*)/g)) if (m[1]) links.push(m[1]);
  return links;
}

test("every link on every page answers when the site is served from a subpath", async () => {
  const origin = server.url.replace(/\/$/, "");
  const start = `${origin}${sub}`;
  // In a site of editions, also the latest/ redirects (linked from no page).
  const queue = [start, ...(archive?.latest.map((l) => `${start}${l.path}`) ?? [])];
  const seen = new Set(queue);
  const broken = [];
  let pages = 0;
  while (queue.length) {
    const url = queue.shift();
    const res = await fetch(url, { redirect: "follow" });
    if (res.status !== 200) {
      broken.push(`${res.status} ${url}`);
      continue;
    }
    if (!(res.headers.get("content-type") || "").startsWith("text/html")) continue;
    pages++;
    const html = await res.text();
    for (let link of linksOf(html)) {
      if (link.startsWith(base)) link = `${origin}${sub}${link.slice(base.length)}`;
      if (/^[a-z]+:/i.test(link) && !link.startsWith(origin)) continue;
      const target = new URL(link, url);
      target.hash = "";
      if (!seen.has(target.href)) {
        seen.add(target.href);
        queue.push(target.href);
      }
    }
  }
  assert.deepEqual(broken, []);
  // Each language's home, full text, pillars, proposals and short links, and the landing
  // page; in a site of editions, also the archive in each language, the latest/ redirects
  // and the edition's own landing page (where latest/ leads).
  const extra = archive ? langs.length + archive.latest.length + 1 : 0;
  const expected = 3 * (1 + 1 + counts.pillars + 2 * counts.proposals) + 1 + extra;
  assert.ok(pages >= expected, `crawled ${pages} pages, expected at least ${expected}`);
  const missing = await fetch(`${origin}${sub}no/such/page/`);
  assert.equal(missing.status, 404);
  const body = await missing.text();
  assert.match(body, new RegExp(`href="?${literal(sub + edition)}en/"?`), "the 404 page offers the editions");
});

test("each language's home, full text and proposal link to its PDF, served as a PDF of the size they say", async (t) => {
  const origin = server.url.replace(/\/$/, "");
  const found = [];
  for (const lang of langs) {
    for (const kind of ["home", "full", "proposal"]) {
      const page = `${origin}${sub}${kinds[kind](lang)}`;
      const html = await (await fetch(page)).text();
      const m = html.match(/<a href="?([^"\s>]+)"? type="?application\/pdf"?>([^<]*)<span class="?size"?>([^<]*)<\/span>/);
      if (!m) {
        found.push(null);
        continue;
      }
      const res = await fetch(new URL(m[1], page));
      assert.equal(res.status, 200, `${page}: ${m[1]}`);
      assert.equal(res.headers.get("content-type"), "application/pdf", m[1]);
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.equal(bytes.subarray(0, 5).toString(), "%PDF-", m[1]);
      const size = bytes.length < 1e6 ? `${Math.ceil(bytes.length / 1000)} KB` : `${(bytes.length / 1e6).toFixed(1)} MB`;
      assert.ok(m[3].includes(size), `${page}: the link says ${m[3]}, the file is ${size}`);
      found.push(new URL(m[1], page).href);
    }
  }
  // Without CJK fonts the build makes no PDF and links to none (tests/pdf.rs checks that).
  if (found.every((f) => f === null)) return t.skip("no PDF: the site was built without CJK fonts");
  assert.ok(found.every((f) => f !== null), "every home, full text and proposal links to a PDF");
  assert.equal(new Set(found).size, langs.length, "one PDF per language");
});

test("under the subpath, the switcher keeps the paragraph and short links redirect", async () => {
  const page = await browser.newPage(phone);
  const target = `#${anchor.id}`;
  await page.goto(server.url + sub.slice(1) + proposal.short.en + target);
  await page.waitForURL(new RegExp(`${literal(sub + proposal.paths.en + target)}$`));
  await page.locator("nav.langs a[hreflang=zh-Hans]").click();
  await page.waitForURL(new RegExp(`${literal(sub + proposal.paths.sc + target)}$`));
  const css = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  assert.match(css, /PingFang SC|Noto Sans CJK SC/, "the stylesheet loaded");
  await page.close();
});

/** An English proposal file of the project at `root` with a title in its front matter, in
 *  `content/proposals/` (one submission) or `content/NAME/proposals/` (an edition; the one
 *  the suite looks at first): { file, slug, line (the title line), title (its text), page
 *  (its English page, from the site root) }, the first in name order. */
function englishProposal(root) {
  const content = path.join(root, "content");
  const found = fs
    .readdirSync(content, { recursive: true })
    .map((f) => f.split(path.sep))
    .filter((parts) => parts.at(-1).endsWith(".en.md") && parts.at(-2) === "proposals")
    .map((parts) => ({ folder: parts.slice(0, -2).join("/"), name: parts.at(-1) }))
    .sort((a, b) => (b.folder === edition.slice(0, -1)) - (a.folder === edition.slice(0, -1)) || a.folder.localeCompare(b.folder) || a.name.localeCompare(b.name));
  for (const { folder, name } of found) {
    const dir = path.join(content, folder, "proposals");
    const source = fs.readFileSync(path.join(dir, name), "utf8");
    const front = source.match(/^---\r?\n([\s\S]*?)\r?\n---/);
    const line = front?.[1].match(/^title:[ \t]*(\S.*)$/m);
    if (!line) continue;
    const value = line[1].trim();
    const title = value[0] === "'" ? value.slice(1, -1).replaceAll("''", "'") : value[0] === '"' ? JSON.parse(value) : value;
    const slug = front[1].match(/^slug:[ \t]*['"]?([^'"\s]+)/m)?.[1] ?? name.slice(0, -".en.md".length);
    return { file: path.join(dir, name), slug, line: line[0], value, title, page: `${folder ? `${folder}/` : ""}en/proposals/${slug}/` };
  }
  throw new Error(`no English proposal with a title in ${content}/**/proposals/`);
}

/** The words (letters and digits) of a text, for comparing a title with its typeset heading. */
const words = (s) => (s.match(/[\p{L}\p{N}]+/gu) ?? []).join(" ");

test("microsite serve reloads an open page after a content file changes", async () => {
  const root = projectCopy();
  const proposalFile = englishProposal(root);
  const child = spawn(microsite(), ["serve", "--port", "0", "--root", root], { stdio: ["ignore", "ignore", "pipe"] });
  let output = "";
  const address = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 60000);
    child.stderr.on("data", (chunk) => {
      output += chunk;
      // The whole address: stderr may arrive cut in the middle of it.
      const m = output.match(/serving .* at (http:\/\/\S+) /);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  let page;
  try {
    page = await browser.newPage(phone);
    // Edit only once the page listens for reloads (its event stream is open).
    const listening = page.waitForResponse((r) => r.url().includes("tower-livereload"));
    listening.catch(() => {}); // if the page fails first, report that failure, not this one
    await page.goto(address + proposalFile.page);
    await listening;
    const navigations = [];
    page.on("framenavigated", (f) => navigations.push(f.url()));
    page.on("response", (r) => navigations.push(`${r.status()} ${r.url()}`));
    const heading = words(await page.locator("h1").textContent());
    assert.ok(heading.endsWith(words(proposalFile.title)), `the page's heading “${heading}” shows the title “${proposalFile.title}”`);
    assert.ok(!heading.includes("Edited"));
    const { value } = proposalFile;
    const edited = value[0] === "'" || value[0] === '"' ? `${value[0]}Edited: ${value.slice(1)}` : `'Edited: ${value.replaceAll("'", "''")}'`;
    const source = fs.readFileSync(proposalFile.file, "utf8");
    fs.writeFileSync(proposalFile.file, source.replace(proposalFile.line, () => `title: ${edited}`));
    await page
      .waitForFunction(() => document.querySelector("h1").textContent.includes("Edited:"), null, { timeout: 30000 })
      .catch((e) => {
        throw new Error(`${e.message}\nserve printed:\n${output}\nthe page saw: ${navigations.join(", ")}`);
      });
  } finally {
    // Stop the server while the page still holds its live-reload stream open.
    const exited = new Promise((r) => child.on("exit", r));
    child.kill("SIGINT");
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r("timeout"), 10000))]);
    await page?.close();
    assert.notEqual(code, "timeout", "serve stops on Ctrl-C even with a page open");
    fs.rmSync(root, { recursive: true, force: true });
  }
});
