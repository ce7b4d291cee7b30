// What the first visit costs on a phone, measured in Chromium on a cold cache (every byte the
// network delivered, headers included): an English page under 30 KB and no Urdu font; an Urdu page
// under 60 KB where the phone has Noto Nastaliq Urdu (the page uses it, downloads nothing); and
// where it has not, the cut-down web font is fetched and used.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startServer, chromiumOptions, phone, root } from "./server.mjs";

let server;
const fontDir = mkdtempSync(join(tmpdir(), "psk-fonts-"));

before(async () => {
  server = await startServer();
});

after(async () => {
  await server?.stop();
  rmSync(fontDir, { recursive: true, force: true });
});

// A phone that has Noto Nastaliq Urdu installed: the system's fonts plus the project's TTF.
function phoneWithNastaliq() {
  const conf = join(fontDir, "fonts.conf");
  writeFileSync(
    conf,
    `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>${join(root, "fonts")}</dir><cachedir>${join(fontDir, "cache")}</cachedir></fontconfig>`,
  );
  return { ...process.env, FONTCONFIG_FILE: conf };
}

async function visit(browser, path, lang) {
  const ctx = await browser.newContext({ ...phone, locale: lang === "ur" ? "ur-PK" : "en-GB" });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const urls = new Map();
  let bytes = 0;
  cdp.on("Network.requestWillBeSent", (e) => urls.set(e.requestId, e.request.url));
  cdp.on("Network.loadingFinished", (e) => (bytes += e.encodedDataLength));
  await page.goto(server.base + path, { waitUntil: "networkidle" });
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300);
  const nastaliq = await page.evaluate(() => document.fonts.check('20px "Noto Nastaliq Urdu"', "پاکستان"));
  const fetched = [...urls.values()].map((u) => new URL(u).pathname);
  await ctx.close();
  return { bytes, fetched, nastaliq };
}

test("an English first visit stays under 30 KB and never fetches the Urdu font", { timeout: 60_000 }, async (t) => {
  const browser = await chromium.launch(chromiumOptions);
  try {
    for (const path of ["/", "/register", "/sign-in"]) {
      const v = await visit(browser, path, "en");
      t.diagnostic(`English ${path}: ${v.bytes} bytes`);
      assert.ok(v.bytes < 30_000, `${path}: ${v.bytes} bytes`);
      assert.ok(!v.fetched.some((p) => p.endsWith(".woff2")), `${path}: ${v.fetched}`);
    }
  } finally {
    await browser.close();
  }
});

test("an Urdu first visit stays under 60 KB with the phone's Nastaliq, and fetches the cut-down font without it", { timeout: 60_000 }, async (t) => {
  const withFont = await chromium.launch({ ...chromiumOptions, env: phoneWithNastaliq() });
  try {
    for (const path of ["/", "/register"]) {
      const v = await visit(withFont, path, "ur");
      t.diagnostic(`Urdu ${path} with the phone's font: ${v.bytes} bytes`);
      assert.ok(v.nastaliq, `${path}: the page is in Nastaliq`);
      assert.ok(!v.fetched.some((p) => p.endsWith(".woff2")), `${path}: the phone's font, not a download: ${v.fetched}`);
      assert.ok(v.bytes < 60_000, `${path}: ${v.bytes} bytes`);
    }
  } finally {
    await withFont.close();
  }
  const without = await chromium.launch(chromiumOptions);
  try {
    const v = await visit(without, "/", "ur");
    t.diagnostic(`Urdu / downloading the web font: ${v.bytes} bytes`);
    assert.ok(v.fetched.includes("/static/fonts/NotoNastaliqUrdu-Regular.woff2"), `${v.fetched}`);
    assert.ok(v.nastaliq, "the web font is used");
    assert.ok(v.bytes < 60_000 + 90_000, `${v.bytes} bytes with the font`);
  } finally {
    await without.close();
  }
});
