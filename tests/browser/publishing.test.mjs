// Publishing under a subpath: built with --base-url https://example.org/budget/2024-25/
// and served from a parent folder, every link, asset, redirect, alternate and canonical
// address on every page answers; the switcher and short links work there too; and
// `microsite serve` reloads an open page after a content file changes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { serve, launch, phone, microsite, projectCopy } from "./lib.mjs";

const base = "https://example.org/budget/2024-25/";
let parent, server, browser;
before(async () => {
  parent = fs.mkdtempSync(path.join(fs.realpathSync((await import("node:os")).tmpdir()), "subpath-"));
  const out = path.join(parent, "budget", "2024-25");
  execFileSync(microsite(), ["build", "--base-url", base, "--out", out], { cwd: path.resolve(import.meta.dirname, "../.."), stdio: "pipe" });
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
  const start = `${origin}/budget/2024-25/`;
  const seen = new Set([start]);
  const queue = [start];
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
      if (link.startsWith(base)) link = `${origin}/budget/2024-25/${link.slice(base.length)}`;
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
  assert.ok(pages >= 3 * (1 + 1 + 4 + 13 + 13) + 1, `crawled ${pages} pages`);
  const missing = await fetch(`${origin}/budget/2024-25/no/such/page/`);
  assert.equal(missing.status, 404);
  const body = await missing.text();
  assert.match(body, /href="?\/budget\/2024-25\/en\/"?/, "the 404 page offers the editions");
});

test("under the subpath, the switcher keeps the paragraph and short links redirect", async () => {
  const page = await browser.newPage(phone);
  await page.goto(server.url + "budget/2024-25/en/6/#p6-3");
  await page.waitForURL(/\/budget\/2024-25\/en\/proposals\/pilot-bases\/#p6-3$/);
  await page.locator("nav.langs a[hreflang=zh-Hans]").click();
  await page.waitForURL(/\/budget\/2024-25\/sc\/proposals\/pilot-bases\/#p6-3$/);
  const css = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  assert.match(css, /PingFang SC|Noto Sans CJK SC/, "the stylesheet loaded");
  await page.close();
});

test("microsite serve reloads an open page after a content file changes", async () => {
  const root = projectCopy();
  const child = spawn(microsite(), ["serve", "--port", "0", "--root", root], { stdio: ["ignore", "ignore", "pipe"] });
  let output = "";
  const address = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 60000);
    child.stderr.on("data", (chunk) => {
      output += chunk;
      const m = output.match(/serving .* at (http:\/\/\S+)/);
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
    await page.goto(address + "en/proposals/pilot-bases/");
    await listening;
    const navigations = [];
    page.on("framenavigated", (f) => navigations.push(f.url()));
    page.on("response", (r) => navigations.push(`${r.status()} ${r.url()}`));
    assert.match(await page.locator("h1").textContent(), /Build Twin Bases/);
    const file = path.join(root, "content/proposals/pilot-bases.en.md");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("title: 'Build Twin Bases", "title: 'Edited: Build Twin Bases"));
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
