// A trainee who has finished the course passes the final test in the browser (each answer saved
// as it is chosen), downloads the certificate PDF, and opens the QR link to see it verified.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { startServer, chromiumOptions, shots } from "./server.mjs";

const root = resolve(import.meta.dirname, "..", "..");
let server, browser;

// The answer key of every question (English texts), from the content files.
function bank() {
  const out = {};
  const modules = join(root, "content", "modules");
  for (const dir of readdirSync(modules)) {
    let cur = null, opt = null;
    for (const raw of readFileSync(join(modules, dir, "questions.toml"), "utf8").split("\n")) {
      const line = raw.trim();
      if (line === "[[question]]") { cur = { options: [] }; opt = null; continue; }
      if (line === "[[question.option]]") { opt = {}; cur.options.push(opt); continue; }
      const m = line.match(/^([a-z_.]+) = (.*)$/);
      if (!m || !cur) continue;
      const v = m[2].startsWith('"') ? JSON.parse(m[2]) : m[2] === "true" ? true : m[2] === "false" ? false : Number(m[2]);
      (opt ?? cur)[m[1]] = v;
      if (!opt && m[1] === "id") out[v] = cur;
    }
  }
  return out;
}
const best = (q) =>
  q.kind === "ordering" ? [...q.options].sort((a, b) => a.position - b.position)
  : q.kind === "scenario" ? q.options.filter((o) => o.credit === 1)
  : q.options.filter((o) => o.correct);

before(async () => {
  server = await startServer();
  browser = await chromium.launch(chromiumOptions);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("a trainee passes the final test, downloads the certificate and verifies it by its QR link", { timeout: 180_000 }, async () => {
  const post = (path, body) => fetch(server.base + path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then(async (r) => [r.status, await r.json()]);
  const [s1, reg] = await post("/api/v1/registrations", {
    cnic: "61101-2345678-9", passport_number: "BC2345678", passport_expiry: "2031-08-01", full_name: "Imran Khan Niazi",
    guardian_name: "Ikramullah Khan", guardian_relation: "father", date_of_birth: "1992-10-05", gender: "male", mobile: "03124567890",
    province: "PB", district: "PB-LAHORE", language: "en", password: "zaman park ki subah", consent_training: true,
  });
  assert.equal(s1, 202, JSON.stringify(reg));
  const code = await server.codeFor("+923124567890");
  const [s2, verified] = await post(`/api/v1/registrations/${reg.registration_id}/verify`, { code });
  assert.equal(s2, 201);
  // Fixture: the five modules marked complete (learning.test.mjs takes one in the browser).
  execFileSync("python3", [join(import.meta.dirname, "complete_course.py"), server.database, verified.user_id]);

  const ctx = await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true, locale: "en-GB", acceptDownloads: true });
  const page = await ctx.newPage();
  await page.goto(server.base + "/sign-in");
  await page.fill("#identifier", "61101-2345678-9");
  await page.fill("#password", "zaman park ki subah");
  await page.click("form button[type=submit]");
  await page.waitForURL(/\/dashboard/);
  await page.goto(server.base + "/test");
  await page.click("form[action='/test'] button");
  await page.waitForURL(/\/test\/[0-9a-f-]+$/);
  assert.match(await page.textContent(".timer"), /\d+/);
  await page.screenshot({ path: join(shots, "final-test.png"), fullPage: false });

  // Answer every question from the key; each answer is saved as it is chosen.
  const key = bank();
  const boxes = await page.$$("fieldset[data-question]");
  assert.equal(boxes.length, 40);
  for (const box of boxes) {
    const q = key[await box.getAttribute("data-question")];
    const right = best(q);
    if (q.kind === "ordering") {
      const selects = await box.$$("select");
      for (let i = 0; i < selects.length; i++) await selects[i].selectOption({ label: right[i]["text.en"] });
    } else {
      for (const o of right) await box.$(`label:text-is(${JSON.stringify(o["text.en"])})`).then((l) => l.click());
    }
  }
  // The last answers have reached the server before the page is submitted.
  await page.waitForFunction(() => document.querySelectorAll("fieldset.saved").length === 40, null, { timeout: 20_000 });
  await page.click("button[value=submit]");
  await page.waitForURL(/\/test\/[0-9a-f-]+$/);
  assert.match(await page.textContent("h1"), /100%/);
  const number = (await page.textContent("main")).match(/PSS-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]/)[0];

  // The certificate page: the PDF downloads; the QR link verifies.
  await page.goto(server.base + "/certificate");
  await page.screenshot({ path: join(shots, "certificate.png"), fullPage: true });
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(`a[href='/certificate/${number}/certificate.pdf']`)]);
  const pdf = readFileSync(await download.path());
  assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
  assert.ok(pdf.length > 20_000, "fonts embedded");
  await page.click("a.verify-link");
  await page.waitForURL(/\/verify\?c=/);
  const result = await page.textContent(".verify-result");
  assert.match(result, /Valid certificate/);
  assert.match(result, /signature is genuine/);
  assert.match(result, new RegExp(number));
  assert.match(result, /\*{5}-\*{4}\d{3}-\d/, "only the masked CNIC");
  assert.doesNotMatch(result, /BC2345678/, "no passport number in public verification");
  await page.screenshot({ path: join(shots, "verify.png"), fullPage: false });
  // An altered link is refused.
  const url = page.url();
  await page.goto(url.slice(0, -6) + (url.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA"));
  assert.match(await page.textContent("main"), /changed or forged|not a PakSoftSkills|not signed/);
});
