// The main journey in a real browser, in Urdu, on a 360-px phone screen, without help from the
// API: home page, registration, the OTP from the outbox, dashboard, sign-out, sign-in, and the
// consents on "My privacy", a renewed passport with a photo, a help request and its message in
// the app, the questions and answers, the privacy policy and its versions, a correction with
// evidence; then a support agent answers and resolves the help request and an administrator
// applies the correction in their browsers, and the worker sees both and who handled them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { chromium } from "playwright-core";
import { startServer, chromiumOptions, shots } from "./server.mjs";

let server, browser;
const phone = { viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

before(async () => {
  server = await startServer();
  browser = await chromium.launch(chromiumOptions);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const isUrdu = (s) => /[\u0600-\u06FF]/.test(s);

test("home page in both languages, chosen from the browser's language", async () => {
  for (const [locale, lang] of [["ur-PK", "ur"], ["en-GB", "en"]]) {
    const ctx = await browser.newContext({ ...phone, locale });
    const page = await ctx.newPage();
    await page.goto(server.base + "/");
    assert.equal(await page.getAttribute("html", "lang"), lang);
    assert.equal(await page.getAttribute("html", "dir"), lang === "ur" ? "rtl" : "ltr");
    const h1 = await page.textContent("h1");
    assert.equal(isUrdu(h1), lang === "ur", h1);
    if (lang === "ur") {
      await page.evaluate(() => document.fonts.ready);
      const family = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
      assert.match(family, /Nastaliq/);
      assert.ok(await page.evaluate(() => document.fonts.check('16px "Noto Nastaliq Urdu"', "پاک")), "the Nastaliq font is loaded");
    }
    // Nothing wider than the phone.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
    await page.screenshot({ path: join(shots, `home-${lang}.png`), fullPage: true });
    await ctx.close();
  }
});

test("the portal installs as an app on Android: PNG icons (any and maskable) and a manifest Chromium accepts", async () => {
  // A real profile: Chromium never offers to install from an incognito window.
  const profile = mkdtempSync(join(tmpdir(), "psk-profile-"));
  const ctx = await chromium.launchPersistentContext(profile, { ...chromiumOptions, ...phone, locale: "en-GB" });
  const page = await ctx.newPage();
  await page.goto(server.base + "/");
  await page.evaluate(() => navigator.serviceWorker && navigator.serviceWorker.ready);
  const cdp = await ctx.newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  assert.deepEqual(installabilityErrors, [], "Chromium's own installability check");
  const manifest = await (await fetch(server.base + "/static/manifest.webmanifest")).json();
  for (const [size, purpose] of [["192x192", "any"], ["512x512", "any"], ["192x192", "maskable"], ["512x512", "maskable"]]) {
    const icon = manifest.icons.find((i) => i.sizes === size && i.purpose === purpose && i.type === "image/png");
    assert.ok(icon, `${size} ${purpose}`);
    const res = await fetch(server.base + icon.src);
    assert.equal(res.headers.get("content-type"), "image/png");
    const png = Buffer.from(await res.arrayBuffer());
    assert.equal(png.readUInt32BE(16), Number(size.split("x")[0]), `${icon.src} is ${size}`);
  }
  await ctx.close();
  rmSync(profile, { recursive: true, force: true });
});

test("a worker registers in Urdu, confirms the code from the SMS and reaches the dashboard", async () => {
  const ctx = await browser.newContext({ ...phone, locale: "ur-PK" });
  const page = await ctx.newPage();
  await page.goto(server.base + "/");
  await page.click("a.button[href='/register']");
  assert.equal(new URL(page.url()).pathname, "/register");
  assert.ok(isUrdu(await page.textContent("h1")));

  await page.fill("#cnic", "61101-2345678-9");
  await page.fill("#passport_number", "xy7654321");
  await page.fill("#passport_expiry", "2031-03-15");
  await page.fill("#full_name", "محمد آصف");
  await page.selectOption("#guardian_relation", "father");
  await page.fill("#guardian_name", "عبدالرشید");
  await page.fill("#date_of_birth", "1997-06-20");
  await page.selectOption("#gender", "male");
  await page.fill("#mobile", "0312 3456789");
  await page.selectOption("#province", "IS");
  await page.selectOption("#district", "IS-ISLAMABAD");
  await page.selectOption("#language", "ur");
  await page.fill("#password", "میرا نیا پاس ورڈ 2026");
  await page.check("#consent_training");
  await page.screenshot({ path: join(shots, "register-ur.png"), fullPage: true });
  await page.click("button[type=submit].button");

  await page.waitForURL(/\/register\/verify/);
  assert.match(await page.textContent("main"), /0312 \*\*\*\*789/);
  const code = await server.codeFor("+923123456789");
  assert.match(code, /^\d{6}$/);
  await page.fill("#code", code);
  await page.click("button[type=submit].button");

  await page.waitForURL(/\/dashboard/);
  const heading = await page.textContent("h1");
  assert.ok(heading.includes("محمد آصف"), heading);
  assert.ok(isUrdu(heading));
  assert.match(await page.textContent("#profile"), /61101-2345678-9/);
  assert.match(await page.textContent("#devices"), /./);
  await page.screenshot({ path: join(shots, "dashboard-ur.png"), fullPage: true });

  // Sign out, then sign in again with the CNIC.
  await page.click("nav form button");
  await page.waitForURL(server.base + "/");
  await page.goto(server.base + "/sign-in");
  await page.fill("#identifier", "6110123456789");
  await page.fill("#password", "میرا نیا پاس ورڈ 2026");
  await page.click("button[type=submit].button");
  await page.waitForURL(/\/dashboard/);
  assert.ok((await page.textContent("h1")).includes("محمد آصف"));

  // My privacy: the worker gives, then withdraws, the consent to be found by employers.
  await page.click("a[href='/my-data/privacy']");
  await page.waitForURL(/\/my-data\/privacy/);
  const share = "#share_with_employers";
  assert.match(await page.textContent(share), /آپ نے یہ اجازت نہیں دی/);
  await page.click(`${share} button`);
  await page.waitForURL(/saved=share_with_employers/);
  assert.match(await page.textContent(share), /آپ نے یہ اجازت دی ہوئی ہے/);
  await page.click(`${share} button`);
  await page.waitForURL(/saved=share_with_employers/);
  assert.match(await page.textContent(share), /آپ نے یہ اجازت نہیں دی/);
  assert.match(await page.textContent("#protector_check"), /قانوناً لازمی/);
  assert.equal(await page.locator("#protector_check button").count(), 0, "the law's purposes are not a choice");
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
  await page.screenshot({ path: join(shots, "privacy-ur.png"), fullPage: true });

  // A renewed passport, with a photo of its data page taken on the phone.
  await page.goto(server.base + "/my-data/identity");
  await page.fill("#passport_number", "xy7654322");
  await page.fill("#passport_expiry", "2036-02-01");
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 0x5a)]);
  await page.setInputFiles("#photo", { name: "passport.jpg", mimeType: "image/jpeg", buffer: jpeg });
  await page.click("#passport button[type=submit]");
  await page.waitForURL(/saved=passport/);
  assert.match(await page.textContent("#passport"), /XY7654322/);
  assert.match(await page.textContent("#passport"), /XY7654321/, "the earlier passport is listed");
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
  await page.screenshot({ path: join(shots, "identity-ur.png"), fullPage: true });

  // A help request with a screenshot attached; its number comes back on the page.
  await page.goto(server.base + "/help");
  await page.selectOption("#category", "certificate");
  await page.fill("#subject", "پروٹیکٹر کو میرا سرٹیفکیٹ نہیں ملا");
  await page.fill("#message", "لاہور کے دفتر میں کہا گیا کہ سرٹیفکیٹ نہیں ملا۔ میرا پاسپورٹ نیا ہے۔");
  await page.setInputFiles("#file", { name: "screen.jpg", mimeType: "image/jpeg", buffer: jpeg });
  await page.click("main form button[type=submit]");
  await page.waitForURL(/\/help\/tickets\/.+opened=1/);
  const ticketPath = new URL(page.url()).pathname;
  assert.match(await page.textContent("main"), /HD-[0-9A-Z]{4}-[0-9A-Z]{4}/);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
  await page.screenshot({ path: join(shots, "help-ur.png"), fullPage: true });

  // The help request's SMS is also a message in the app, in Urdu, with its number.
  await page.goto(server.base + "/notices");
  assert.match(await page.textContent("main"), /HD-[0-9A-Z]{4}-[0-9A-Z]{4}/);
  assert.ok(isUrdu(await page.textContent("main h1")));
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
  await page.screenshot({ path: join(shots, "notices-ur.png"), fullPage: true });
  await page.click("main form button");
  await page.waitForURL(/\/notices$/);
  assert.equal(await page.locator("main .unread").count(), 0);

  // The public pages: questions and answers, and the policy with its version history.
  for (const [path, name] of [["/help/faq", "faq-ur"], ["/privacy", "policy-ur"], ["/policies", "policies-ur"]]) {
    await page.goto(server.base + path);
    assert.ok(isUrdu(await page.textContent("main h1")), path);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), path);
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  }

  // A correction of the name, with a photo of the CNIC as evidence.
  await page.goto(server.base + "/my-data/requests");
  await page.check("#kind-correction");
  await page.selectOption("#field", "full_name");
  await page.fill("#value", "محمد آصف خان");
  await page.setInputFiles("#evidence", { name: "cnic.jpg", mimeType: "image/jpeg", buffer: jpeg });
  await page.click("main form button[type=submit]");
  await page.waitForURL(/\/my-data\/requests#r-/);
  assert.match(await page.textContent("main"), /DR-[0-9A-Z]{4}-[0-9A-Z]{4}/);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
  await page.screenshot({ path: join(shots, "requests-ur.png"), fullPage: true });
  await ctx.close();

  // OEC's side, in the browser: a support agent answers and resolves the help request; an
  // administrator checks the evidence and applies the correction.
  await server.run(["admin", "create-user", "--role", "support_agent", "--name", "Sana Iqbal", "--mobile", "03331234567"], "support desk 2026 lahore\n");
  await server.run(["admin", "create-user", "--role", "administrator", "--name", "Ayesha Khan", "--mobile", "03001234567"], "a long staff password\n");
  const staff = async (mobile, password) => {
    const c = await browser.newContext({ locale: "en-GB" });
    const p = await c.newPage();
    await p.goto(server.base + "/sign-in");
    await p.fill("#identifier", mobile);
    await p.fill("#password", password);
    await p.click("button[type=submit].button");
    await p.waitForURL(/\/dashboard/);
    return [c, p];
  };
  const [agentCtx, agent] = await staff("03331234567", "support desk 2026 lahore");
  await agent.goto(server.base + "/support/tickets");
  const ticketId = ticketPath.split("/").pop();
  await agent.click(`a[href='/support/tickets/${ticketId}']`);
  await agent.fill("#message", "آپ کا سرٹیفکیٹ ابھی جاری نہیں ہوا۔ کورس اور ٹیسٹ مکمل کریں، پھر پروٹیکٹر کے دفتر جائیں۔");
  await agent.selectOption("#status", "resolved");
  await agent.click("main form button[type=submit]");
  await agent.waitForURL(/#last$/);
  assert.match(await agent.textContent("main"), /Resolved/);
  await agent.screenshot({ path: join(shots, "desk-ticket-en.png"), fullPage: true });
  await agentCtx.close();

  const [adminCtx, admin] = await staff("03001234567", "a long staff password");
  await admin.goto(server.base + "/support/data-requests");
  await admin.click("main a[href^='/support/data-requests/']");
  assert.match(await admin.textContent("main"), /محمد آصف خان/);
  await admin.click("button[name=decision][value=approve]");
  await admin.locator("main dl.facts").getByText("Done", { exact: true }).waitFor();
  await adminCtx.close();

  // The worker sees the answer, the applied correction, and who handled their record.
  const back = await browser.newContext({ ...phone, locale: "ur-PK" });
  const w = await back.newPage();
  await w.goto(server.base + "/sign-in");
  await w.fill("#identifier", "6110123456789");
  await w.fill("#password", "میرا نیا پاس ورڈ 2026");
  await w.click("button[type=submit].button");
  await w.waitForURL(/\/dashboard/);
  assert.ok((await w.textContent("h1")).includes("محمد آصف خان"), "the corrected name");
  await w.goto(server.base + ticketPath);
  const ticket = await w.textContent("main");
  assert.match(ticket, /کورس اور ٹیسٹ مکمل کریں/);
  assert.match(ticket, /حل شدہ/);
  await w.goto(server.base + "/my-data/requests");
  assert.match(await w.textContent("main"), /مکمل/);
  await w.goto(server.base + "/my-data/access");
  const access = await w.textContent("main");
  assert.match(access, /مدد کا نمائندہ/, "the support agent, by role");
  assert.match(access, /منتظم/, "the administrator, by role");
  assert.ok(!access.includes("Sana Iqbal") && !access.includes("Ayesha Khan"), "never a staff member's name");
  assert.ok(await w.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
  await w.screenshot({ path: join(shots, "access-ur.png"), fullPage: true });
  await w.goto(server.base + "/notices");
  assert.equal(await w.locator("main .unread").count(), 2, "the reply and the correction, unread");
  await back.close();
});

test("a mistake is explained next to the field, in Urdu, without JavaScript", async () => {
  const ctx = await browser.newContext({ ...phone, locale: "ur-PK", javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(server.base + "/register");
  await page.fill("#cnic", "12345");
  await page.click("button[type=submit].button");
  await page.waitForLoadState();
  const error = await page.textContent("#cnic-error");
  assert.ok(isUrdu(error), error);
  assert.equal(await page.getAttribute("#cnic", "aria-invalid"), "true");
  await ctx.close();
});

test("a worker who lost their SIM asks for help without signing in, in Urdu, without JavaScript", async () => {
  // The worker registered above (CNIC 61101-2345678-9) has a new SIM from abroad.
  const ctx = await browser.newContext({ ...phone, locale: "ur-PK", javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(server.base + "/sign-in");
  await page.click("a[href='/help/without-sign-in']");
  await page.waitForURL(/\/help\/without-sign-in$/);
  assert.ok(isUrdu(await page.textContent("main h1")));
  await page.fill("#cnic", "61101-2345678-9");
  await page.fill("#mobile", "0345 7654321");
  await page.selectOption("#category", "cannot_sign_in");
  await page.fill("#subject", "میری سم گم ہو گئی ہے");
  await page.fill("#message", "دبئی میں میرا فون چوری ہو گیا۔ نیا نمبر 0345 7654321 ہے، پرانے نمبر پر کوڈ نہیں آتا۔");
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
  await page.screenshot({ path: join(shots, "help-guest-ur.png"), fullPage: true });
  await page.click("main form button[type=submit]");
  await page.waitForURL(/\/help\/without-sign-in\?id=/);
  await page.fill("#code", await server.codeFor("+923457654321"));
  await page.click("main form button[type=submit]");
  await page.waitForLoadState();
  const done = await page.textContent("main");
  const number = done.match(/HD-[0-9A-Z]{4}-[0-9A-Z]{4}/)?.[0];
  assert.ok(number, done);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
  await page.screenshot({ path: join(shots, "help-guest-done-ur.png"), fullPage: true });
  // The number reaches the new SIM, in Urdu.
  for (let i = 0; i < 100 && !server.outbox().some((m) => m.to === "+923457654321" && m.text.includes(number)); i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const sms = server.outbox().filter((m) => m.to === "+923457654321" && m.text.includes(number));
  assert.equal(sms.length, 1, JSON.stringify(server.outbox().slice(-3)));
  assert.ok(isUrdu(sms[0].text));
  await ctx.close();
});
