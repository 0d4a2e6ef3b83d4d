// Deep links in a real browser: a paragraph link opens highlighted and in view, the
// language switcher, short links and a renamed proposal's former addresses keep the
// #fragment, and "copy link" copies it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { siteAndBrowser, phone } from "./lib.mjs";
import { proposal, anchor, literal, aliases } from "./pages.mjs";

const env = siteAndBrowser();
// A paragraph of the proposal with the most paragraphs (its third), found in build/.
const { en, tc, sc } = proposal.paths;
const target = `#${anchor.id}`;

test("a paragraph link opens with the paragraph highlighted and in view at 390 px", async () => {
  const page = await env.browser.newPage(phone);
  await page.goto(env.server.url + en + target);
  const box = await page.locator(target).boundingBox();
  assert.ok(box.y >= 0 && box.y < 844 / 2, `paragraph ${anchor.number} starts at y=${box.y}`);
  const background = await page.locator(target).evaluate((el) => getComputedStyle(el).backgroundColor);
  const other = await page.locator(`#${anchor.other}`).evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.notEqual(background, other, "the target paragraph is highlighted");
  await page.close();
});

test("switching language keeps the fragment", async () => {
  const page = await env.browser.newPage(phone);
  await page.goto(env.server.url + en + target);
  await page.locator("nav.langs a[hreflang=zh-Hant-HK]").click();
  await page.waitForURL(new RegExp(`/${literal(tc + target)}$`));
  assert.equal(await page.evaluate(() => location.hash), target);
  await page.close();
});

test("a short link with a fragment lands on that paragraph", async () => {
  const page = await env.browser.newPage(phone);
  await page.goto(env.server.url + proposal.short.en + target);
  await page.waitForURL(new RegExp(`/${literal(en + target)}$`));
  const box = await page.locator(target).boundingBox();
  assert.ok(box.y >= 0 && box.y < 844, `paragraph ${anchor.number} in view (y=${box.y})`);
  await page.close();
});

test("without JavaScript the short link and the switcher still lead to the right page", async () => {
  const context = await env.browser.newContext({ ...phone, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(env.server.url + proposal.short.sc);
  await page.waitForURL(new RegExp(`/${literal(sc)}$`));
  await page.locator("nav.langs a[hreflang=en]").click();
  await page.waitForURL(new RegExp(`/${literal(en)}$`));
  assert.equal(await page.locator("button.copy").count(), 0, "no copy buttons without JavaScript");
  await context.close();
});

// A renamed proposal's former address (`aliases:`): only in a site that has one (the
// editions fixture does; skipped otherwise).
const alias = aliases[0];
const skipAlias = alias ? false : "no proposal of the edition looked at has a former slug (aliases:)";

test("a former address with a fragment lands on that paragraph of the renamed proposal", { skip: skipAlias }, async () => {
  const paragraphs = alias.proposal.paragraphs.en;
  const fragment = `#${paragraphs[paragraphs.length - 1].id}`;
  for (const lang of ["en", "tc"]) {
    const page = await env.browser.newPage(phone);
    await page.goto(env.server.url + alias.paths[lang] + fragment);
    await page.waitForURL(new RegExp(`/${literal(alias.proposal.paths[lang] + fragment)}$`));
    const box = await page.locator(fragment).boundingBox();
    assert.ok(box.y >= 0 && box.y < 844, `${lang}: paragraph ${fragment} in view (y=${box.y})`);
    await page.close();
  }
});

test("without JavaScript a former address still leads to the renamed proposal", { skip: skipAlias }, async () => {
  const context = await env.browser.newContext({ ...phone, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(env.server.url + alias.paths.sc);
  await page.waitForURL(new RegExp(`/${literal(alias.proposal.paths.sc)}$`));
  assert.equal(await page.locator("h1").count(), 1, "the proposal's page");
  await context.close();
});

test("copy link copies the paragraph's absolute address and says so", async () => {
  const context = await env.browser.newContext({ ...phone });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(env.server.url).origin });
  const page = await context.newPage();
  await page.goto(env.server.url + tc);
  const button = page.locator(`${target} button.copy`);
  assert.equal(await button.getAttribute("aria-label"), `複製連結：第 ${anchor.number} 段`);
  await button.click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, env.server.url + tc + target);
  await page.waitForFunction(() => document.getElementById("status").textContent.length > 0);
  assert.equal(await page.locator("#status").textContent(), "已複製連結");
  assert.equal(await button.textContent(), "已複製連結");
  await context.close();
});
