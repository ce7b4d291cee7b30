// A trainee takes a whole module in Urdu on a phone-sized screen: three lessons (each counted only
// after its reading time has really passed), the quiz, and the four short tasks.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { startServer, chromiumOptions, shots, clickLabel, selectByText } from "./server.mjs";

const root = resolve(import.meta.dirname, "..", "..");
const moduleDir = join(root, "content", "modules", "01-communication");
let server, browser;

// The answer keys, read from the content files (the pages never carry them).
function records(file, table) {
  const out = [];
  let cur = null, opt = null;
  for (const raw of readFileSync(join(moduleDir, file), "utf8").split("\n")) {
    const line = raw.trim();
    if (line === `[[${table}]]`) { cur = { options: [], pairs: 0 }; out.push(cur); opt = null; continue; }
    if (line === `[[${table}.option]]`) { opt = {}; cur.options.push(opt); continue; }
    if (line === `[[${table}.pair]]`) { cur.pairs += 1; opt = null; continue; }
    if (line.startsWith("[[")) { opt = null; continue; }
    const m = line.match(/^([a-z_.]+) = (.*)$/);
    if (!m || !cur) continue;
    const value = m[2].startsWith('"') ? m[2].slice(1, -1) : m[2] === "true" ? true : m[2] === "false" ? false : Number(m[2]);
    (opt ?? cur)[m[1]] = value;
  }
  return out;
}
// The best options (objects), in order for an ordering. Pages show tokens, so tests pick by text.
const best = (q) =>
  q.kind === "ordering" ? [...q.options].sort((a, b) => a.position - b.position)
  : q.kind === "scenario" ? q.options.filter((o) => o.credit === 1)
  : q.options.filter((o) => o.correct);
const pairTexts = (t) => {
  // Right-hand texts of a matching task, in pair order (read from the file).
  const out = [];
  let inPair = false, cur = null;
  for (const raw of readFileSync(join(moduleDir, "tasks.toml"), "utf8").split("\n")) {
    const line = raw.trim();
    if (line === "[[task]]") { cur = null; inPair = false; continue; }
    const id = line.match(/^id = "(.*)"$/);
    if (id && !inPair) cur = id[1];
    if (line === "[[task.pair]]") { inPair = true; continue; }
    const right = line.match(/^right\.ur = "(.*)"$/);
    if (right && cur === t.id) out.push(right[1]);
  }
  return out;
};

before(async () => {
  // A very fast reader, so each lesson needs the 30-second minimum rather than minutes.
  server = await startServer({ SOFTSKILLS_LEARNING__READING_WPM: "100000", SOFTSKILLS_LEARNING__REFLECTION_SAMPLE_PERCENT: "0" });
  // A short narrated video for the Urdu video lesson, rendered now from its script (the first
  // slide only, so the test watches seconds rather than minutes).
  const out = await server.run(["content", "render-videos", "--lesson", "com-2", "--lang", "ur", "--first-slide-only", "--fonts", join(root, "fonts")]);
  assert.match(out, /com-2 \(ur\): rendered/);
  browser = await chromium.launch(chromiumOptions);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function api(path, body) {
  const r = await fetch(server.base + path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return [r.status, await r.json()];
}

test("a trainee completes the Communication module in Urdu", { timeout: 300_000 }, async () => {
  const [status, started] = await api("/api/v1/registrations", {
    cnic: "42101-1234567-3", passport_number: "QA1234567", passport_expiry: "2032-01-01", full_name: "بلال احمد",
    guardian_name: "احمد علی", guardian_relation: "father", date_of_birth: "1995-03-03", gender: "male", mobile: "03331234567",
    province: "SD", district: "SD-KARACHI-SOUTH", language: "ur", password: "kharadar kay bazar main", consent_training: true,
  });
  assert.equal(status, 202, JSON.stringify(started));
  const code = await server.codeFor("+923331234567");
  const [verified] = await api(`/api/v1/registrations/${started.registration_id}/verify`, { code });
  assert.equal(verified, 201);

  const ctx = await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true, locale: "ur-PK" });
  const page = await ctx.newPage();
  await page.goto(server.base + "/sign-in");
  await page.fill("#identifier", "42101-1234567-3");
  await page.fill("#password", "kharadar kay bazar main");
  await page.click("button[type=submit].button");
  await page.waitForURL(/\/dashboard/);
  await page.goto(server.base + "/learn");
  assert.equal(await page.getAttribute("html", "dir"), "rtl");

  // Lessons: "I have read this" too early is refused; after the reading time it counts.
  for (const lesson of ["com-1", "com-2", "com-3"]) {
    await page.goto(`${server.base}/learn/lessons/${lesson}`);
    assert.match(await page.textContent("article.lesson"), /[\u0600-\u06FF]/);
    if (lesson === "com-1") {
      await page.screenshot({ path: join(shots, "lesson-ur.png"), fullPage: false });
      await page.click("form.done button");
      await page.waitForLoadState();
      assert.match(await page.textContent(".alert"), /[\u0600-\u06FF]/, "asked to keep reading, in Urdu");
    }
    if (lesson === "com-2") {
      // The video lesson: watched to the end in the player; the server decides it is complete
      // (heartbeats with the position, credited only at normal speed) and the page says so.
      await page.waitForSelector("video[data-media] track[srclang=ur]", { state: "attached" });
      // Before play the player shows the rendered first slide, not a black box.
      const poster = await page.getAttribute("video[data-media]", "poster");
      assert.match(poster, /^\/media\/[0-9a-f-]+$/);
      const picture = await page.request.get(server.base + poster);
      assert.equal(picture.headers()["content-type"], "image/jpeg");
      await page.screenshot({ path: join(shots, "video-lesson-ur.png"), fullPage: false });
      const seconds = await page.$eval("video", (v) => { v.muted = true; return v.play().then(() => new Promise((ok) => (v.readyState >= 1 ? ok(v.duration) : v.addEventListener("loadedmetadata", () => ok(v.duration))))); });
      assert.ok(seconds > 2 && seconds < 120, `a short video (${seconds} s)`);
      // A caption on screen at 360 px, for a person to look at beside the slide heading.
      await page.waitForTimeout(1500);
      await page.locator("video").screenshot({ path: join(shots, "video-playing-ur.png") });
      await page.waitForSelector(".lesson-done", { timeout: (seconds + 45) * 1000 });
      continue;
    }
    await page.waitForTimeout(31_000);
    await page.click("form.done button");
    await page.waitForURL(/\/learn\?notice=lesson/);
  }

  // A video lesson whose video is not made yet says so and offers its transcript.
  await page.goto(`${server.base}/learn/lessons/team-2`);
  assert.match(await page.textContent(".video-pending"), /[\u0600-\u06FF]/);
  assert.equal(await page.locator("video").count(), 0);
  await page.goto(server.base + "/learn");

  // The quiz: answered from the content's key.
  const bank = Object.fromEntries(records("questions.toml", "question").map((q) => [q.id, q]));
  await page.click("#module-com form button");
  await page.waitForURL(/\/learn\/quiz\//);
  for (const fs of await page.$$("fieldset.question")) {
    const qid = (await fs.getAttribute("id")).slice(2);
    const answer = best(bank[qid]);
    if (bank[qid].kind === "ordering") {
      for (const [i, o] of answer.entries()) await selectByText(page, `select[name="q_${qid}__${i + 1}"]`, o["text.ur"]);
    } else {
      for (const o of answer) await clickLabel(fs, o["text.ur"]);
    }
  }
  await page.click("form button.button");
  await page.waitForLoadState();
  assert.match(await page.textContent("h1"), /100%/);

  // The tasks.
  for (const t of records("tasks.toml", "task")) {
    await page.goto(`${server.base}/learn/tasks/${t.id}`);
    if (t.kind === "scenario") await clickLabel(page, best(t)[0]["text.ur"]);
    if (t.kind === "ordering") for (const [i, o] of best(t).entries()) await selectByText(page, `select[name="order_${i + 1}"]`, o["text.ur"]);
    if (t.kind === "matching") for (const [i, text] of pairTexts(t).entries()) await selectByText(page, `select[name="match_${i}"]`, text);
    if (t.kind === "reflection") {
      await page.fill("textarea", "میں فوراً کام روک دوں گا اور فورمین کو بتاؤں گا کہ جنگلا ڈھیلا ہے۔ میں دوسرے مزدوروں کو اس جگہ سے دور رکھوں گا جب تک اسے ٹھیک نہ کر دیا جائے۔ میں وقت اور جگہ ایک چھوٹے نوٹ میں لکھ لوں گا تاکہ کوئی بھول نہ جائے اور کل کسی کو چوٹ نہ لگے۔ حفاظت سب سے پہلے ہے اور بات صاف اور ادب سے کرنی چاہیے۔");
    }
    await page.click("form button.button");
    await page.waitForURL(/\/learn\?notice=task/);
  }
  const badge = await page.textContent("#module-com h2");
  assert.match(badge, /مکمل/, badge);
  await page.screenshot({ path: join(shots, "course-ur.png"), fullPage: false });

  // Offline: a lesson already opened is still readable.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.goto(`${server.base}/learn/lessons/com-2`);
  await ctx.setOffline(true);
  await page.reload();
  assert.match(await page.textContent("article.lesson"), /[\u0600-\u06FF]/, "read from the saved copy");
  await ctx.setOffline(false);
  // Nothing the server marked no-store is kept, and nothing kept names the trainee.
  const kept = await page.evaluate(async () => {
    const out = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const req of await cache.keys()) {
        const res = await cache.match(req);
        out.push({ url: req.url, cc: res.headers.get("cache-control") || "", body: new URL(req.url).pathname.startsWith("/static/") ? "" : await res.text() });
      }
    }
    return out;
  });
  assert.ok(kept.some((k) => k.url.endsWith("/learn/lessons/com-2")), "the lesson is kept");
  for (const k of kept) {
    assert.doesNotMatch(k.cc, /no-store/, `${k.url} was marked no-store`);
    assert.ok(!k.body.includes("بلال احمد"), `${k.url} names the trainee`);
  }
  await ctx.close();
});
