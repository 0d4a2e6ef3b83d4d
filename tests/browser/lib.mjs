// Shared helpers for the browser tests: a static server for build/ on 127.0.0.1 and
// Debian's Chromium driven by playwright-core.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { before, after } from "node:test";
import { chromium } from "playwright-core";

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const site = process.env.SITE_DIR ? path.resolve(process.env.SITE_DIR) : path.join(repo, "build");
export const shots = process.env.SCREENSHOT_DIR ? path.resolve(process.env.SCREENSHOT_DIR) : path.join(repo, "target", "screenshots");

const types = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".wasm": "application/wasm",
  ".pdf": "application/pdf",
};

/** Serves `root` under `mount` (default "/") on 127.0.0.1, like a plain static host:
 *  a folder serves its index.html, unknown paths get 404.html. Resolves to { url, close }. */
export function serve(root = site, mount = "/") {
  const server = http.createServer((req, res) => {
    let url = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!url.startsWith(mount)) {
      res.writeHead(404).end("outside the mount");
      return;
    }
    let file = path.join(root, url.slice(mount.length));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      if (!url.endsWith("/")) {
        res.writeHead(301, { location: url + "/" }).end();
        return;
      }
      file = path.join(file, "index.html");
    }
    let status = 200;
    if (!fs.existsSync(file)) {
      // Like a host configured for the site's folder: the nearest 404.html above the path.
      status = 404;
      let dir = path.dirname(file);
      while (dir.startsWith(root) && !fs.existsSync(path.join(dir, "404.html"))) dir = path.dirname(dir);
      file = path.join(dir, "404.html");
      if (!fs.existsSync(file)) {
        res.writeHead(404).end("not found");
        return;
      }
    }
    res.writeHead(status, { "content-type": types[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}${mount}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: chromiumArgs,
  });
}

export const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const desktop = { viewport: { width: 1280, height: 800 } };

/** The microsite binary: $MICROSITE_BIN, else the release build, else the debug build. */
export function microsite() {
  const candidates = [process.env.MICROSITE_BIN, path.join(repo, "target/release/microsite"), path.join(repo, "target/debug/microsite")];
  const found = candidates.find((c) => c && fs.existsSync(c));
  if (!found) throw new Error("build microsite first (cargo build --release)");
  return found;
}

/** The project the site was built from: $PROJECT_DIR (with $SITE_DIR, a fixture's), else the repository. */
export const project = process.env.PROJECT_DIR ? path.resolve(process.env.PROJECT_DIR) : repo;

/** A throwaway copy of the project's content/ and themes/. */
export function projectCopy() {
  const dir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), "microsite-"));
  for (const sub of ["content", "themes"]) {
    fs.cpSync(path.join(project, sub), path.join(dir, sub), { recursive: true });
  }
  return dir;
}

/** For a test file: the built site served on 127.0.0.1 and a browser, started before the
 *  tests and stopped after them. Returns { server, browser } (filled in by `before`); with
 *  `mount` (the site's published path, e.g. "/budget/"), also `mounted`: the site served
 *  under that path, where 404.html's root-relative links (/budget/assets/…) answer. */
export function siteAndBrowser({ mount } = {}) {
  const env = {};
  before(async () => {
    env.server = await serve();
    if (mount) env.mounted = await serve(site, mount);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.mounted?.close();
    await env.server?.close();
  });
  return env;
}
