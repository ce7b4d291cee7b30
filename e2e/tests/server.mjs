// Starts the real `softskills serve` on a free port with a fresh SQLite database in a temporary
// directory, and reads the development outbox (SMS and email as JSON lines).
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, existsSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const root = resolve(import.meta.dirname, "..", "..");

// Screenshots go under target/ so a test run leaves the tree as it was. The committed ones in
// e2e/screenshots/ are documentation, refreshed deliberately: `PSK_SHOTS=screenshots npm test`.
export const shots = resolve(root, "e2e", process.env.PSK_SHOTS || join("..", "target", "screenshots"));
mkdirSync(shots, { recursive: true });

export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
    s.on("error", fail);
  });
}

export async function startServer(extraEnv = {}) {
  const binary = process.env.PSK_E2E_BIN || join(root, "target", "debug", "softskills");
  if (!existsSync(binary)) throw new Error(`${binary} not found: build it first (cargo build)`);
  const dir = mkdtempSync(join(tmpdir(), "psk-e2e-"));
  const port = await freePort();
  // No quiet hours: a test's SMS must not wait for the morning when it runs in the evening.
  const env = { ...process.env, SOFTSKILLS_BIND: `127.0.0.1:${port}`, SOFTSKILLS_DATA_DIR: join(dir, "data"), SOFTSKILLS_PUBLIC_URL: `http://127.0.0.1:${port}`, SOFTSKILLS_CONTENT_DIR: join(root, "content"), SOFTSKILLS_MEDIA__FONTS_DIR: join(root, "fonts"), SOFTSKILLS_MEDIA__RENDER_ON_START: "false", SOFTSKILLS_SMS__QUIET_FROM_HOUR: "0", SOFTSKILLS_SMS__QUIET_UNTIL_HOUR: "0", DATABASE_URL: "", ...extraEnv };
  const child = spawn(binary, ["serve"], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      const r = await fetch(`${base}/readyz`);
      if (r.ok) break;
    } catch {}
    if (child.exitCode !== null) throw new Error(`server exited: ${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base,
    log: () => log,
    outbox() {
      const f = join(dir, "data", "outbox.jsonl");
      return existsSync(f) ? readFileSync(f, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l)) : [];
    },
    async codeFor(to) {
      for (let i = 0; i < 200; i++) {
        const sms = this.outbox().filter((m) => m.channel === "sms" && m.to === to);
        if (sms.length) return sms[sms.length - 1].text.match(/\d{6}/)[0];
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no SMS to ${to}`);
    },
    // The SQLite database of this server (for test fixtures).
    database: join(dir, "data", "softskills.db"),
    // Runs another command of the binary against the same data (e.g. `content render-videos`).
    run(args, input = "") {
      return new Promise((ok, fail) => {
        const cmd = spawn(binary, args, { cwd: dir, env, stdio: ["pipe", "pipe", "pipe"] });
        cmd.stdin.end(input);
        let out = "";
        cmd.stdout.on("data", (d) => (out += d));
        cmd.stderr.on("data", (d) => (out += d));
        cmd.on("exit", (code) => (code === 0 ? ok(out) : fail(new Error(`softskills ${args.join(" ")} exited ${code}: ${out}`))));
      });
    },
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const chromiumOptions = {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};

// The multi-part left-to-right runs (a CNIC, a mobile with a space, a certificate number, a
// date and time, a link) in the right-to-left text of the page that are not isolated by an element
// with `dir`, a <bdi>, or FSI…PDI marks (the same rule as crates/app/src/bidi.rs).
export async function unisolatedLtr(page) {
  return page.evaluate(() => {
    const bad = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n; (n = walker.nextNode()); ) {
      const el = n.parentElement;
      if (!el || ["SCRIPT", "STYLE"].includes(el.tagName) || getComputedStyle(el).direction !== "rtl") continue;
      // An element with dir (or a bdi) is isolated from the Urdu around it.
      if (el.closest("bdi, [dir='ltr'], [dir='auto']")) continue;
      let depth = 0;
      let open = "";
      for (const ch of n.textContent) {
        if ("\u2066\u2067\u2068".includes(ch)) depth++;
        else if (ch === "\u2069") depth = Math.max(0, depth - 1);
        else open += depth ? "\u0627" : ch;
      }
      for (const run of open.match(/[A-Za-z0-9]+(?:[ \-.\/:@+_&,?=%#~\u00a0]+[A-Za-z0-9]+)+/g) || []) {
        bad.push(`${run} in "${n.textContent.trim().slice(0, 90)}"`);
      }
    }
    return bad;
  });
}

// A 360-px phone.
export const phone = { viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

// Urdu pages isolate left-to-right runs with invisible FSI…PDI marks; a test picks options by the
// text a person reads, without them.
const visible = (s) => s.replace(/[\u2066-\u2069]/g, "").trim();

// Clicks the label inside `scope` (a page or an element) whose visible text is `text`.
export async function clickLabel(scope, text) {
  for (const label of await scope.$$("label")) {
    if (visible(await label.textContent()) === text) return label.click();
  }
  throw new Error(`no label "${text}"`);
}

// Chooses the option of `select` (a selector on `page`, or an element) whose visible text is `text`.
export async function selectByText(page, select, text) {
  const el = typeof select === "string" ? await page.$(select) : select;
  const value = await el.evaluate((s, t) => [...s.options].find((o) => o.textContent.replace(/[\u2066-\u2069]/g, "").trim() === t)?.value, text);
  if (value === undefined) throw new Error(`no option "${text}"`);
  await el.selectOption(value);
}
