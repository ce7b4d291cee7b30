// A trainee who has finished the course passes the final test in the browser (each answer saved
// as it is chosen), downloads the certificate PDF, and opens the QR link to see it verified.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { startServer, chromiumOptions, shots, phone, unisolatedLtr } from "./server.mjs";

const root = resolve(import.meta.dirname, "..", "..");
let server, browser;
// Shared by the tests below: the trainee's certificate number and sign-in.
const trainee = { identifier: "61101-2345678-9", password: "zaman park ki subah" };
let certificateNumber;
let qrLink;

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
  assert.match(await page.textContent(".test-saving"), /saved as soon as you choose it/, "with script, answers save themselves");
  await page.screenshot({ path: join(shots, "final-test.png"), fullPage: false });
  // Without script the page does not claim that answers save themselves.
  const plain = await browser.newContext({ ...phone, javaScriptEnabled: false, storageState: await ctx.storageState() });
  const plainPage = await plain.newPage();
  await plainPage.goto(page.url());
  const note = await plainPage.textContent(".test-saving");
  assert.match(note, /Save my answers/);
  assert.doesNotMatch(note, /as soon as you choose/);
  await plain.close();

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
  certificateNumber = number;

  // The certificate page: the PDF downloads; the QR link verifies.
  await page.goto(server.base + "/certificate");
  await page.screenshot({ path: join(shots, "certificate.png"), fullPage: true });
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(`a[href='/certificate/${number}/certificate.pdf']`)]);
  const pdf = readFileSync(await download.path());
  assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
  assert.ok(pdf.length > 20_000, "fonts embedded");
  await page.click("a.verify-link");
  await page.waitForURL(/\/V\/\d+$/);
  qrLink = page.url();
  assert.match(await page.textContent(".status-banner.status-valid"), /Valid certificate/);
  const result = await page.textContent(".verify-result");
  assert.match(result, /signature is genuine/);
  assert.match(result, new RegExp(number));
  assert.match(result, /\*{5}-\*{4}\d{3}-\d/, "only the masked CNIC");
  assert.doesNotMatch(result, /BC2345678/, "no passport number in public verification");
  await page.screenshot({ path: join(shots, "verify.png"), fullPage: false });
  // An altered link is refused.
  const url = page.url();
  await page.goto(url.slice(0, -6) + (url.endsWith("000000") ? "111111" : "000000"));
  assert.match(await page.textContent("main"), /changed or forged|not a PakSoftSkills|not signed/);
});

// Signed-in people read in the language of their account: switch it to Urdu with the page's button.
async function inUrdu(page) {
  if ((await page.getAttribute("html", "lang")) !== "ur") {
    await Promise.all([page.waitForNavigation(), page.click(".lang-switch button")]);
  }
  assert.equal(await page.getAttribute("html", "lang"), "ur");
}

// A certified worker finds a job OEC approved, reads it in Urdu at 360 px and says they are
// interested (the OEP and its demand are set up through the API).
test("a certified worker reads a job in Urdu, is found by the OEP once they agree, accepts its interview and offer, and the protector stamp clears it", { timeout: 180_000 }, async () => {
  assert.ok(certificateNumber, "the first test made a certificate");
  await server.run(["admin", "create-user", "--role", "administrator", "--name", "Imran Qureshi", "--mobile", "03009876543"], "placement desk 2026 oec\n");
  const api = async (method, path, body, token) => {
    const r = await fetch(server.base + path, { method, headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body && JSON.stringify(body) });
    return [r.status, r.status === 204 ? null : await r.json()];
  };
  const [, session] = await api("POST", "/api/v1/sessions", { identifier: "03009876543", password: "placement desk 2026 oec" });
  const admin = session.token;
  // An approved OEP's approved job demand, through the API, for the certified worker's jobs page.
  const form = new FormData();
  const fields = { organisation_kind: "oep", legal_name: "Al-Noor Overseas Employment Promoters", country: "PK", address: "Blue Area, Islamabad", contact_name: "Tariq Mehmood", contact_mobile: "0300 5551701", contact_email: "tariq@alnoor.example.pk", licence_number: "3456/RWP", licence_expires_on: "2030-06-30" };
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const pdf = new Blob([Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(2000, 0x20)])], { type: "application/pdf" });
  form.append("registration", pdf, "registration.pdf");
  form.append("licence", pdf, "licence.pdf");
  assert.equal((await fetch(server.base + "/api/v1/organisations/applications", { method: "POST", body: form })).status, 201);
  const [, [org]] = await api("GET", "/api/v1/admin/organisations", undefined, admin);
  assert.equal((await api("POST", `/api/v1/admin/organisations/${org.id}/decisions`, { decision: "approve", reason: "Licence checked." }, admin))[0], 200);
  let invitation;
  for (let i = 0; i < 200 && !invitation; i++) {
    invitation = server.outbox().map((m) => m.text.match(/IN-[0-9A-Z]{4}-[0-9A-Z]{4}/)?.[0]).find(Boolean);
    if (!invitation) await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal((await api("POST", "/api/v1/organisations/join", { invitation, mobile: "03005551701", password: "recruit workers 2027" }))[0], 201);
  const [, orgSession] = await api("POST", "/api/v1/sessions", { identifier: "03005551701", password: "recruit workers 2027" });
  const closes = new Date(Date.now() + 30 * 86400e3).toISOString().slice(0, 10);
  const [, demand] = await api("POST", "/api/v1/organisation/demands", { country: "SA", city: "Riyadh", occupation: "8322", positions: "40", salary_min: "1800", salary_max: "2200", currency: "SAR", contract_months: "24", benefits: ["accommodation", "air_ticket"], closes_on: closes }, orgSession.token);
  assert.equal((await api("POST", `/api/v1/admin/demands/${demand.id}/review`, { approve: true }, admin))[0], 200);

  const ctx = await browser.newContext({ ...phone, locale: "ur-PK" });
  const page = await ctx.newPage();
  await page.goto(server.base + "/sign-in");
  await page.fill("#identifier", trainee.identifier);
  await page.fill("#password", trainee.password);
  await page.click("form button[type=submit]");
  await page.waitForURL(/\/dashboard/);
  await inUrdu(page);
  // The certified worker reads the job in Urdu and says they are interested.
  await page.goto(server.base + "/jobs");
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
  await page.screenshot({ path: join(shots, "jobs-ur.png"), fullPage: true });
  await page.click(`a[href='/jobs/${demand.id}']`);
  await page.click("main form button[type=submit]");
  await page.waitForURL(new RegExp(`/jobs/${demand.id}$`));
  assert.match(await page.textContent("main"), /ہم نے آجر کو بتا دیا ہے/);
  assert.deepEqual(await unisolatedLtr(page), [], "a job in Urdu");
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
  await page.screenshot({ path: join(shots, "job-ur.png"), fullPage: true });

  // The worker adds skills in Urdu and agrees to be found by employers.
  await page.goto(server.base + "/profile/skills");
  await page.fill("#skills", "بجلی کی وائرنگ، سولر پینل");
  await page.check("#language-ar");
  await page.click("main form button[type=submit]");
  await page.waitForURL(/saved=yes/);
  await page.screenshot({ path: join(shots, "skills-ur.png"), fullPage: true });
  const [, mine] = await api("POST", "/api/v1/sessions", trainee);

  // The OEP's user finds the worker in Urdu at 360 px (no name shown) and opens the profile.
  const org2 = await browser.newContext({ ...phone, locale: "ur-PK" });
  const op = await org2.newPage();
  await op.goto(server.base + "/sign-in");
  await op.fill("#identifier", "03005551701");
  await op.fill("#password", "recruit workers 2027");
  await op.click("form button[type=submit]");
  await op.waitForURL(/\/(dashboard|organisation)/);
  await inUrdu(op);
  // Not found before the worker agreed to be found (the consent is given further down).
  await op.goto(server.base + "/organisation/candidates?text=" + encodeURIComponent("سولر") + "&languages=ar");
  assert.match(await op.textContent("#results"), /0\u2069? کارکن ملے/);
  assert.equal((await api("PUT", "/api/v1/me/consents/share_with_employers", { granted: true }, mine.token))[0], 204);
  await op.goto(server.base + "/organisation/candidates?text=" + encodeURIComponent("سولر") + "&languages=ar");
  assert.match(await op.textContent("#results"), /1\u2069? کارکن ملے/);
  assert.doesNotMatch(await op.textContent("main"), /Imran/);
  assert.deepEqual(await unisolatedLtr(op), [], "the search in Urdu");
  assert.ok(await op.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
  await op.screenshot({ path: join(shots, "candidates-ur.png"), fullPage: true });
  await op.click("main ol a");
  await op.waitForURL(/\/organisation\/candidates\/[0-9a-f-]+$/);
  assert.match(await op.textContent("main"), /سولر پینل/);
  assert.deepEqual(await unisolatedLtr(op), [], "a profile in Urdu");
  await op.screenshot({ path: join(shots, "candidate-ur.png"), fullPage: true });

  // The OEP shortlists the worker for its demand and invites them to an interview.
  await op.selectOption("#demand", demand.id);
  await op.click("form[action^='/organisation/candidates/'] button[type=submit]");
  await op.waitForURL(/\/organisation\/placements\/[0-9a-f-]+$/);
  const placementUrl = op.url();
  const orgStep = async (step, fill = async () => {}) => {
    await op.goto(placementUrl);
    const form = op.locator(`form:has(input[name=step][value=${step}])`);
    await fill(form);
    await Promise.all([op.waitForURL(placementUrl), form.locator("button[type=submit]").click()]);
  };
  const day = new Date(Date.now() + 5 * 86400e3).toISOString().slice(0, 10);
  await orgStep("invite", async (f) => {
    await f.locator("#interview_at").fill(`${day}T10:30`);
    await f.locator("#mode-in-person").check();
    await f.locator("#place").fill("OEC Regional Office, Lahore");
  });
  assert.match(await op.textContent("main .badge"), /انٹرویو کی دعوت/);

  // The worker accepts the interview in Urdu at 360 px.
  await page.goto(server.base + "/p");
  await page.waitForURL(/\/placements$/);
  await page.click("main ul.rows a");
  await page.waitForURL(/\/placements\/[0-9a-f-]+$/);
  assert.match(await page.textContent("main"), /OEC Regional Office, Lahore/);
  assert.deepEqual(await unisolatedLtr(page), [], "an invitation in Urdu");
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
  await page.screenshot({ path: join(shots, "invitation-ur.png"), fullPage: true });
  const workerStep = async (step) => {
    const url = page.url();
    await Promise.all([page.waitForURL(url), page.click(`form:has(input[name=step][value=${step}]) button[type=submit]`)]);
  };
  await workerStep("accept_invitation");

  // The OEP sees the name and mobile now, records the interview and makes an offer.
  await op.goto(placementUrl);
  assert.match(await op.textContent("main"), /Imran Khan Niazi/);
  await orgStep("interviewed");
  await orgStep("offer", async (f) => {
    await f.locator("#salary").fill("2100");
    await f.locator("#currency").selectOption("SAR");
    await f.locator("#note").fill("24 ماہ، رہائش اور ہوائی ٹکٹ");
  });
  // The worker accepts the offer; the OEP records the visa; the protector's stamp clears it.
  await page.reload();
  await workerStep("accept_offer");
  await orgStep("visa");
  await server.run(["admin", "create-user", "--role", "protector_officer", "--name", "Shahid Mehmood", "--mobile", "03461234567", "--office", "LHR"], "protector desk 2026 lhr\n");
  const [, officer] = await api("POST", "/api/v1/sessions", { identifier: "03461234567", password: "protector desk 2026 lhr" });
  // Today in Pakistan (UTC+5): the portal's dates are Pakistani, and from 19:00 UTC it is
  // already tomorrow there.
  const today = new Date(Date.now() + 5 * 3600e3).toISOString().slice(0, 10);
  const [stamped] = await api("POST", "/api/v1/protector/stamps", { cnic: trainee.identifier, passport_number: "BC2345678", protector_number: "LHR-2026-004242", stamped_on: today, destination: "SA", employer: "Al-Noor Overseas Employment Promoters", visa_type: "work" }, officer.token);
  assert.equal(stamped, 201);
  await page.reload();
  assert.match(await page.textContent("main .badge"), /پروٹیکٹر سے کلیئر/);
  assert.deepEqual(await unisolatedLtr(page), [], "a cleared placement in Urdu");
  await page.screenshot({ path: join(shots, "placement-ur.png"), fullPage: true });
  await orgStep("departed", async (f) => f.locator("#departed_on").fill(today));
  await op.screenshot({ path: join(shots, "placement-org-ur.png"), fullPage: true });

  // OEC sets the government's cap on the OEP's service charge; the OEP records its charge under
  // it, and the worker confirms in Urdu what they paid, and checks the receipt's number.
  const oec = await browser.newContext({ ...phone, locale: "ur-PK" });
  const ap = await oec.newPage();
  await ap.goto(server.base + "/sign-in");
  await ap.fill("#identifier", "03009876543");
  await ap.fill("#password", "placement desk 2026 oec");
  await ap.click("form button[type=submit]");
  await ap.waitForURL(/\/(dashboard|admin|support)/);
  await inUrdu(ap);
  await op.goto(placementUrl);
  assert.match(await op.textContent("#charge ~ .notice"), /max_oep_service_charge/, "no charge while the cap is unset");
  await ap.goto(server.base + "/admin/settings");
  await ap.fill("#setting_max_oep_service_charge", "PKR 30,000");
  await Promise.all([ap.waitForResponse((r) => r.url().endsWith("/admin/settings") && r.request().method() === "POST"), ap.click("form[action='/admin/settings'] button")]);
  await op.goto(placementUrl);
  await op.fill("#amount", "25,000");
  await Promise.all([op.waitForURL(/#charge$/), op.click("form[action$='/service-charge'] button[type=submit]")]);
  const receiptNumber = (await op.getAttribute("a[href^='/registers/receipts/']", "href")).split("/").pop();
  assert.match(receiptNumber, /^FR-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await page.reload();
  assert.match(await page.textContent("#charge + dl"), /PKR 25,000/);
  await page.fill("#paid", "25000");
  await Promise.all([page.waitForURL(/#charge$/), page.click("form[action$='/service-charge'] button[type=submit]")]);
  assert.match(await page.textContent("#charge + dl .badge"), /کارکن نے تصدیق کر دی/);
  assert.deepEqual(await unisolatedLtr(page), [], "a service charge in Urdu");
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
  await page.locator("#charge").screenshot({ path: join(shots, "fee-ur.png") });
  await page.screenshot({ path: join(shots, "fee-page-ur.png"), fullPage: true });
  await page.goto(server.base + `/registers/receipts/${receiptNumber}`);
  assert.match(await page.textContent("main dl"), /Al-Noor Overseas Employment Promoters/);
  assert.doesNotMatch(await page.textContent("main"), /Imran Khan Niazi/, "a receipt's check never shows the worker");
  assert.deepEqual(await unisolatedLtr(page), [], "a receipt check in Urdu");
  await page.screenshot({ path: join(shots, "receipt-check-ur.png"), fullPage: true });
  await org2.close();

  // OEC's placement statistics count the departure.
  await ap.goto(server.base + "/admin/placement-stats");
  assert.equal((await ap.textContent("#total-departures")).trim(), "1");
  assert.deepEqual(await unisolatedLtr(ap), [], "statistics in Urdu");
  await ap.screenshot({ path: join(shots, "placement-stats-ur.png"), fullPage: true });
  await oec.close();

  // The worker sees who opened the profile.
  await page.goto(server.base + "/my-data/profile-views");
  assert.match(await page.textContent("main"), /Al-Noor Overseas Employment Promoters/);
  assert.deepEqual(await unisolatedLtr(page), [], "who viewed my profile, in Urdu");
  await page.screenshot({ path: join(shots, "profile-views-ur.png"), fullPage: true });
  await page.goto(server.base + "/placement/ranking");
  await page.screenshot({ path: join(shots, "ranking-ur.png"), fullPage: true });
  await ctx.close();
});

// Every state of a certificate, as an officer checking it in Urdu on a phone sees it: the status
// first, large and coloured, with what to do; and no number printed backwards on the Urdu pages.
test("every certificate state reads first in Urdu at 360 px, and Urdu pages keep numbers upright", { timeout: 180_000 }, async () => {
  assert.ok(certificateNumber, "the first test made a certificate");
  await server.run(["admin", "create-user", "--role", "administrator", "--name", "Ayesha Khan", "--mobile", "03001234567"], "a long staff password\n");
  const api = async (method, path, body, token) => {
    const r = await fetch(server.base + path, { method, headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body && JSON.stringify(body) });
    return [r.status, await r.json()];
  };
  const [, session] = await api("POST", "/api/v1/sessions", { identifier: "03001234567", password: "a long staff password" });
  const admin = session.token;
  const ctx = await browser.newContext({ ...phone, locale: "ur-PK" });
  await ctx.addCookies([{ name: "pss_lang", value: "ur", url: server.base }]);
  const page = await ctx.newPage();
  const look = async (query, state, head) => {
    await page.goto(`${server.base}/verify?${query}`);
    const banner = page.locator(`main > .status-banner.status-${state}`);
    assert.equal(await banner.count(), 1, `${state}: the banner is there`);
    assert.match(await banner.textContent(), head);
    // First and largest: nothing in the page comes before it, and its text is bigger than the heading's.
    assert.equal(await page.evaluate(() => document.querySelector("main").firstElementChild.className), `status-banner status-${state}`);
    const [bannerSize, h1Size] = await page.evaluate(() => [".status-head", "h1"].map((s) => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)));
    assert.ok(bannerSize > h1Size, `${state}: ${bannerSize}px > ${h1Size}px`);
    assert.deepEqual(await unisolatedLtr(page), [], `${state}: numbers upright`);
    await page.screenshot({ path: join(shots, `verify-${state}-ur.png`), fullPage: true });
  };
  await look(`n=${certificateNumber}`, "valid", /درست سرٹیفکیٹ/);
  const [s1, reissued] = await api("POST", `/api/v1/admin/certificates/${certificateNumber}/reissue`, { reason: "name corrected", full_name_ur: "عمران خان نیازی" }, admin);
  assert.equal(s1, 201);
  await look(`n=${certificateNumber}`, "superseded", /مہر نہ لگائیں/);
  const [s2] = await api("POST", `/api/v1/admin/certificates/${reissued.number}/revocation`, { reason: "obtained by impersonation" }, admin);
  assert.equal(s2, 200);
  await look(`n=${reissued.number}`, "revoked", /منسوخ: مہر نہ لگائیں/);
  await look("n=PSS-0000-0000-0", "unknown", /نہیں ملا: مہر نہ لگائیں/);
  // Expired: a fresh reissue, dated in the past (straight in the database: the clock is real).
  const [s3, again] = await api("POST", `/api/v1/admin/certificates/${reissued.number}/reissue`, { reason: "revoked by mistake" }, admin);
  assert.equal(s3, 201);
  execFileSync("python3", ["-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE certificates SET expires_on='2025-01-31' WHERE number=?\", (sys.argv[2],)); c.commit()", server.database, again.number]);
  await look(`n=${again.number}`, "expired", /مدت ختم: مہر نہ لگائیں/);

  // The Urdu pages a worker meets, signed in: no left-to-right run left unisolated.
  await page.goto(server.base + "/sign-in");
  await page.fill("#identifier", trainee.identifier);
  await page.fill("#password", trainee.password);
  await page.click("form button[type=submit]");
  await page.waitForURL(/\/dashboard/);
  await inUrdu(page);
  for (const path of ["/dashboard", "/profile", "/learn", "/test", "/certificate", "/privacy", "/", "/notices", "/help/faq", "/policies", "/terms", "/jobs"]) {
    await page.goto(server.base + path);
    assert.equal(await page.getAttribute("html", "lang"), "ur", path);
    assert.deepEqual(await unisolatedLtr(page), [], `${path} in Urdu`);
  }
  await page.goto(server.base + "/certificate");
  await page.screenshot({ path: join(shots, "certificate-ur.png"), fullPage: true });
  for (const path of ["/register", "/sign-in", "/password-reset", "/help/without-sign-in", "/organisations/apply", "/organisations/join", "/registers?q=nobody"]) {
    await ctx.clearCookies();
    await ctx.addCookies([{ name: "pss_lang", value: "ur", url: server.base }]);
    await page.goto(server.base + path);
    assert.deepEqual(await unisolatedLtr(page), [], `${path} in Urdu`);
  }
  await page.goto(server.base + "/register");
  await page.screenshot({ path: join(shots, "register-ur.png"), fullPage: true });

  // Staff pages in Urdu: the administrator's, and a protector officer's.
  await server.run(["admin", "create-user", "--role", "protector_officer", "--name", "Shahid Mehmood", "--mobile", "03451234567", "--office", "LHR"], "protector office 2026\n");
  for (const [mobile, password, paths] of [
    ["03001234567", "a long staff password", ["/dashboard", "/admin/settings", `/admin/certificates?n=${again.number}`]],
    ["03451234567", "protector office 2026", ["/protector", "/protector/day"]],
  ]) {
    await ctx.clearCookies();
    await ctx.addCookies([{ name: "pss_lang", value: "ur", url: server.base }]);
    await page.goto(server.base + "/sign-in");
    await page.fill("#identifier", mobile);
    await page.fill("#password", password);
    await page.click("form button[type=submit]");
    await page.waitForURL(/\/dashboard/);
    await inUrdu(page);
    for (const path of paths) {
      const res = await page.goto(server.base + path);
      assert.equal(res.status(), 200, path);
      assert.equal(await page.getAttribute("html", "lang"), "ur", path);
      assert.deepEqual(await unisolatedLtr(page), [], `${path} in Urdu`);
    }
  }
  await page.goto(server.base + "/protector");
  await page.screenshot({ path: join(shots, "protector-ur.png"), fullPage: true });
  await ctx.close();
});

// An officer at a counter without internet: the offline check keeps the signed list of revoked
// and replaced certificates from the last time it was online, says how old it is, and checks the
// QR code's signature on the phone. The first certificate was replaced in the test above.
test("an officer checks a certificate without internet, and the kept list shows it was replaced", { timeout: 120_000 }, async () => {
  assert.ok(qrLink, "the first test opened the QR link");
  const ctx = await browser.newContext({ ...phone, locale: "ur-PK" });
  await ctx.addCookies([{ name: "pss_lang", value: "ur", url: server.base }]);
  const page = await ctx.newPage();
  await page.goto(server.base + "/protector/offline");
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => document.getElementById("offline-age").textContent.includes("گھنٹے"));
  await ctx.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => document.getElementById("offline-age").textContent.includes("گھنٹے"));
  const check = async (link) => {
    await page.fill("#offline-qr", link);
    await page.click("#offline-form button");
    await page.waitForSelector("#offline-result:not([hidden])");
    return page.textContent("#offline-result");
  };
  const replaced = await check(qrLink);
  assert.match(replaced, /تبدیل شدہ: اس نقل پر مہر نہ لگائیں/, replaced);
  assert.ok(replaced.includes(certificateNumber));
  assert.deepEqual(await unisolatedLtr(page), [], "numbers upright in the Urdu result");
  await page.screenshot({ path: join(shots, "offline-check-ur.png"), fullPage: true });
  // One character changed inside the signed data (its last characters may only be the
  // compressed stream's checksum, which a browser's inflate need not check).
  const at = qrLink.length - 40;
  const tampered = qrLink.slice(0, at) + (qrLink[at] === "A" ? "B" : "A") + qrLink.slice(at + 1);
  assert.match(await check(tampered), /اصلی نہیں|QR کوڈ نہیں/);
  assert.match(await check("https://example.com/hello"), /QR کوڈ نہیں/);
  // The QR link itself, opened by the camera while offline, lands on the offline check.
  await page.goto(qrLink);
  await page.waitForSelector("#offline-result:not([hidden])");
  assert.match(await page.textContent("#offline-result"), /تبدیل شدہ/);
  await ctx.setOffline(false);
  await ctx.close();
});
