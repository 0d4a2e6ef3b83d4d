// Deep links in a real browser: a paragraph link opens highlighted and in view, the
// language switcher and short links keep the #fragment, and "copy link" copies it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { siteAndBrowser, phone } from "./lib.mjs";

const env = siteAndBrowser();

test("a paragraph link opens with the paragraph highlighted and in view at 390 px", async () => {
  const page = await env.browser.newPage(phone);
  await page.goto(env.server.url + "en/proposals/pilot-bases/#p6-3");
  const box = await page.locator("#p6-3").boundingBox();
  assert.ok(box.y >= 0 && box.y < 844 / 2, `paragraph 6.3 starts at y=${box.y}`);
  const background = await page.locator("#p6-3").evaluate((el) => getComputedStyle(el).backgroundColor);
  const other = await page.locator("#p6-4").evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.notEqual(background, other, "the target paragraph is highlighted");
  await page.close();
});

test("switching language keeps the fragment", async () => {
  const page = await env.browser.newPage(phone);
  await page.goto(env.server.url + "en/proposals/pilot-bases/#p6-3");
  await page.locator("nav.langs a[hreflang=zh-Hant-HK]").click();
  await page.waitForURL(/\/tc\/proposals\/pilot-bases\/#p6-3$/);
  assert.equal(await page.evaluate(() => location.hash), "#p6-3");
  await page.close();
});

test("a short link with a fragment lands on that paragraph", async () => {
  const page = await env.browser.newPage(phone);
  await page.goto(env.server.url + "en/6/#p6-3");
  await page.waitForURL(/\/en\/proposals\/pilot-bases\/#p6-3$/);
  const box = await page.locator("#p6-3").boundingBox();
  assert.ok(box.y >= 0 && box.y < 844, `paragraph 6.3 in view (y=${box.y})`);
  await page.close();
});

test("without JavaScript the short link and the switcher still lead to the right page", async () => {
  const context = await env.browser.newContext({ ...phone, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(env.server.url + "sc/6/");
  await page.waitForURL(/\/sc\/proposals\/pilot-bases\/$/);
  await page.locator("nav.langs a[hreflang=en]").click();
  await page.waitForURL(/\/en\/proposals\/pilot-bases\/$/);
  assert.equal(await page.locator("button.copy").count(), 0, "no copy buttons without JavaScript");
  await context.close();
});

test("copy link copies the paragraph's absolute address and says so", async () => {
  const context = await env.browser.newContext({ ...phone });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(env.server.url).origin });
  const page = await context.newPage();
  await page.goto(env.server.url + "tc/proposals/pilot-bases/");
  const button = page.locator("#p6-3 button.copy");
  assert.equal(await button.getAttribute("aria-label"), "複製連結：第 6.3 段");
  await button.click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, env.server.url + "tc/proposals/pilot-bases/#p6-3");
  await page.waitForFunction(() => document.getElementById("status").textContent.length > 0);
  assert.equal(await page.locator("#status").textContent(), "已複製連結");
  assert.equal(await button.textContent(), "已複製連結");
  await context.close();
});
