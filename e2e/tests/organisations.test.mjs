// An OEP applies in Urdu on a 360-px phone without JavaScript, attaches its PDFs, gets its number
// and private link, and follows the application there; an OEC administrator approves it in the
// browser with a reason, and the applicant's link shows the decision.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startServer, chromiumOptions, shots } from "./server.mjs";

let server, browser;
const phone = { viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(3000, 0x20)]);
const fits = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

before(async () => {
  server = await startServer();
  browser = await chromium.launch(chromiumOptions);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("an OEP applies in Urdu and OEC approves it in the browser", async () => {
  const ctx = await browser.newContext({ ...phone, locale: "ur-PK", javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(server.base + "/organisations/apply");
  assert.equal(await page.getAttribute("html", "lang"), "ur");
  // A mistake first: every field is named next to it.
  await page.selectOption("#organisation_kind", "oep");
  await page.click("main form button[type=submit]");
  await page.waitForLoadState();
  assert.ok(await page.isVisible("#legal_name-error"));
  assert.ok(await page.isVisible("#licence-error"));
  await page.selectOption("#organisation_kind", "oep");
  await page.fill("#legal_name", "النور اوورسیز ایمپلائمنٹ پروموٹرز");
  await page.selectOption("#country", "PK");
  await page.fill("#address", "دفتر 4، بلیو ایریا، اسلام آباد");
  await page.fill("#contact_name", "طارق محمود");
  await page.fill("#contact_mobile", "0300 5551501");
  await page.fill("#contact_email", "tariq@alnoor.example.pk");
  await page.fill("#licence_number", "3456/RWP");
  await page.fill("#licence_expires_on", "2028-06-30");
  await page.setInputFiles("#registration", { name: "registration.pdf", mimeType: "application/pdf", buffer: pdf });
  await page.setInputFiles("#licence", { name: "licence.pdf", mimeType: "application/pdf", buffer: pdf });
  assert.ok(await fits(page));
  await page.screenshot({ path: join(shots, "org-apply-ur.png"), fullPage: true });
  await page.click("main form button[type=submit]");
  await page.waitForLoadState();
  const done = await page.textContent("main");
  const number = done.match(/OR-[0-9A-Z]{4}-[0-9A-Z]{4}/)?.[0];
  assert.ok(number, done);
  assert.ok(await fits(page));
  await page.screenshot({ path: join(shots, "org-applied-ur.png"), fullPage: true });
  const link = await page.getAttribute("main .notice a", "href");
  assert.match(link, /\/organisations\/applications\/OR-.+\?key=/);

  // OEC approves it, with a reason, in English.
  await server.run(["admin", "create-user", "--role", "administrator", "--name", "Ayesha Khan", "--mobile", "03001234567"], "a long staff password\n");
  const oec = await browser.newContext({ locale: "en-GB" });
  const admin = await oec.newPage();
  await admin.goto(server.base + "/sign-in");
  await admin.fill("#identifier", "03001234567");
  await admin.fill("#password", "a long staff password");
  await admin.click("button[type=submit].button");
  await admin.waitForURL(/\/dashboard/);
  await admin.goto(server.base + "/admin/organisations");
  await admin.click(`main a:has-text("${number}")`);
  assert.match(await admin.textContent("main"), /3456\/RWP/);
  await admin.selectOption("#decision", "approve");
  await admin.fill("#reason", "Licence checked with BE&OE.");
  await admin.click("main form button[type=submit]");
  await admin.waitForURL(/#history$/);
  assert.match(await admin.textContent("main"), /Approved/);
  await oec.close();

  // The applicant's link shows the decision and its reason, in Urdu.
  await page.goto(link);
  const status = await page.textContent("main");
  assert.match(status, /منظور شدہ/);
  assert.match(status, /Licence checked with BE&OE/);
  assert.ok(await fits(page));
  await page.screenshot({ path: join(shots, "org-status-ur.png"), fullPage: true });

  // Anyone can check the OEP on the public register.
  await page.goto(server.base + "/registers?q=3456/RWP");
  assert.match(await page.textContent("main"), /لائسنس یافتہ اور منظور شدہ/);
  assert.ok(await fits(page));
  await page.screenshot({ path: join(shots, "registers-ur.png"), fullPage: true });

  // The contact person joins with the invitation code from the SMS and posts a job demand.
  let code;
  for (let i = 0; i < 200 && !code; i++) {
    code = server.outbox().map((m) => m.text.match(/IN-[0-9A-Z]{4}-[0-9A-Z]{4}/)?.[0]).find(Boolean);
    if (!code) await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(code, "the invitation code arrived");
  await page.goto(server.base + "/organisations/join");
  await page.fill("#invitation", code);
  await page.fill("#mobile", "0300 5551501");
  await page.fill("#password", "ہم کارکن بھرتی کرتے ہیں 2027");
  await page.click("main form button[type=submit]");
  await page.waitForLoadState();
  assert.match(await page.textContent("main"), /صارف ہیں/);
  await page.goto(server.base + "/sign-in");
  await page.fill("#identifier", "03005551501");
  await page.fill("#password", "ہم کارکن بھرتی کرتے ہیں 2027");
  await page.click("button[type=submit].button");
  await page.waitForURL(/\/dashboard/);
  await page.goto(server.base + "/organisation/demands");
  await page.selectOption("#country", "SA");
  await page.fill("#city", "ریاض");
  await page.selectOption("#occupation", "8322");
  await page.fill("#positions", "40");
  await page.fill("#salary_min", "1800");
  await page.fill("#salary_max", "2200");
  await page.selectOption("#currency", "SAR");
  await page.fill("#contract_months", "24");
  await page.check("#benefit-accommodation");
  await page.check("#benefit-air_ticket");
  await page.fill("#closes_on", new Date(Date.now() + 30 * 86400e3).toISOString().slice(0, 10));
  assert.ok(await fits(page));
  await page.screenshot({ path: join(shots, "demand-new-ur.png"), fullPage: true });
  await page.click("main form button[type=submit]");
  await page.waitForURL(/\/organisation\/demands\/.+/);
  const demand = await page.textContent("main");
  assert.match(demand, /OEC کے فیصلے کی منتظر/);
  assert.match(demand, /ہوائی ٹکٹ/);
  assert.ok(await fits(page));
  await page.screenshot({ path: join(shots, "demand-ur.png"), fullPage: true });
  await ctx.close();
});
