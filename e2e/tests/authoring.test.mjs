// A content admin edits a lesson in both languages in the browser, sees the preview, publishes
// a new version and uploads Urdu captions; a trainee who starts afterwards reads the new text.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { startServer, chromiumOptions, shots } from "./server.mjs";

let server, browser;

before(async () => {
  server = await startServer();
  browser = await chromium.launch(chromiumOptions);
  await server.run(["admin", "create-user", "--role", "content_admin", "--name", "Samina Baig", "--mobile", "03451234567"], "a long content password 2026\n");
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("a content admin edits, previews and publishes the course", { timeout: 120_000 }, async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB" });
  const page = await ctx.newPage();
  await page.goto(server.base + "/sign-in");
  await page.fill("#identifier", "03451234567");
  await page.fill("#password", "a long content password 2026");
  await page.click("form button[type=submit], form.stack button");
  await page.waitForURL(/\/dashboard/);
  await page.click("nav a[href='/author']");
  await page.waitForURL(/\/author$/);
  assert.match(await page.textContent("main"), /passes every check/);

  // The Urdu lesson and its English twin side by side; a new paragraph in Urdu.
  await page.click("a[href='/author/edit?lesson=modules/01-communication/lessons/01-instructions']");
  const urdu = page.locator("textarea[lang=ur]");
  const text = await urdu.inputValue();
  const added = "نئی بات: کام شروع کرنے سے پہلے ہدایت دوبارہ سن لیں۔";
  await urdu.fill(text.replace(/\n## /, `\n## نیا حصہ\n\n${added}\n\n## `));
  await page.click("form.editor button");
  await page.waitForURL(/saved=1/);
  assert.match(await page.textContent("section.preview article[lang=ur]"), new RegExp(added));
  await page.screenshot({ path: join(shots, "authoring-edit.png"), fullPage: false });

  // A typing mistake in course.toml is refused with its line, and nothing is saved.
  await page.goto(server.base + "/author/edit?path=course.toml");
  const course = page.locator("textarea");
  const toml = await course.inputValue();
  await course.fill(toml + "\nversion = \n");
  await page.click("form.editor button");
  assert.match(await page.textContent("ul.problems"), /course\.toml:\d+/);
  // A new version label (the imported one plus ".1"), then publish.
  const next = `${toml.match(/^version = "(.*)"$/m)[1]}.1`;
  await page.goto(server.base + "/author/edit?path=course.toml");
  await page.locator("textarea").fill(toml.replace(/^version = ".*"$/m, `version = "${next}"`));
  await page.click("form.editor button");
  await page.waitForURL(/saved=1/);
  await page.goto(server.base + "/author");
  await page.click("form[action='/author/publish'] button");
  await page.waitForURL(/notice=published/);
  assert.ok((await page.textContent("p.notice")).includes(next), next);

  // Urdu captions for a video lesson.
  await page.selectOption("#lesson", "com-2");
  await page.selectOption("#lang", "ur");
  await page.setInputFiles("#file", { name: "com-2.ur.vtt", mimeType: "text/vtt", buffer: Buffer.from("WEBVTT\n\n1\n00:00:00.000 --> 00:00:03.000\nسب سے پہلے سلام کریں۔\n") });
  await page.click("form[action='/author/media'] button");
  await page.waitForURL(/notice=uploaded/);
  assert.match(await page.textContent("#media ~ ul, main"), /Captions/);
  await ctx.close();

  // A trainee who registers now follows the new version and reads the new paragraph.
  const post = (path, body, token) => fetch(server.base + path, { method: "POST", headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) }).then(async (r) => [r.status, await r.json()]);
  const [s1, reg] = await post("/api/v1/registrations", {
    cnic: "35202-7654321-4", passport_number: "AB7654321", passport_expiry: "2031-05-01", full_name: "Nadia Perveen",
    guardian_name: "Perveen Akhtar", guardian_relation: "father", date_of_birth: "1996-07-07", gender: "female", mobile: "03009876543",
    province: "PB", district: "PB-LAHORE", language: "ur", password: "shalimar bagh ki sair", consent_training: true,
  });
  assert.equal(s1, 202, JSON.stringify(reg));
  const code = await server.codeFor("+923009876543");
  const [s2, verified] = await post(`/api/v1/registrations/${reg.registration_id}/verify`, { code });
  assert.equal(s2, 201);
  const lesson = await fetch(server.base + "/api/v1/learning/lessons/com-1", { headers: { authorization: `Bearer ${verified.token}`, "accept-language": "ur" } }).then((r) => r.json());
  assert.match(lesson.body, new RegExp(added));
  const progress = await fetch(server.base + "/api/v1/learning", { headers: { authorization: `Bearer ${verified.token}` } }).then((r) => r.json());
  assert.equal(progress.version, next);
});
