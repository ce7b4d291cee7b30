// The README's first command, as it is written there, in a fresh copy of the project: the files git
// tracks, no ./data, nothing else. A README whose command does not start the portal fails here.
// The copy shares this tree's target/ (CARGO_TARGET_DIR) so the dependencies build once; the port
// comes from SOFTSKILLS_BIND because 8080 may be taken on a test machine. Nothing else is set.
// Where ffmpeg and espeak-ng are installed (CI installs them) the fresh portal also makes its
// lesson videos in the background: a worker who opens a video lesson sees it get its video.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { root, freePort } from "./server.mjs";

// The first shell block under "## The two commands" that runs the portal.
function readmeServeCommand() {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const section = readme.split(/^## /m).find((s) => s.startsWith("The two commands"));
  assert.ok(section, 'README.md has no "## The two commands" section');
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1].trim());
  const serve = blocks.find((b) => /\bserve\b/.test(b));
  assert.ok(serve, "README.md's two commands have no serve command");
  return serve;
}

function freshCopy() {
  const dir = join(root, "target", "readme-clone");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8" })
    .split("\0")
    .filter(Boolean);
  for (const f of files) {
    if (!existsSync(join(root, f))) continue; // deleted in the work tree, not yet committed
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(root, f), join(dir, f));
  }
  return dir;
}

test("the README's serve command starts a seeded portal from a fresh copy", { timeout: 45 * 60_000 }, async () => {
  const command = readmeServeCommand();
  const dir = freshCopy();
  assert.ok(!existsSync(join(dir, "data")), "the copy starts without ./data");
  const port = await freePort();
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("SOFTSKILLS_") && k !== "DATABASE_URL"));
  env.CARGO_TARGET_DIR = join(root, "target");
  env.SOFTSKILLS_BIND = `127.0.0.1:${port}`;
  const child = spawn("sh", ["-c", command], { cwd: dir, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  try {
    let ready = false;
    for (let i = 0; i < 40 * 60 * 2 && !ready; i++) {
      if (child.exitCode !== null) assert.fail(`\`${command}\` exited ${child.exitCode}:\n${log.slice(-4000)}`);
      try {
        ready = (await fetch(`${base}/readyz`)).ok;
      } catch {}
      if (!ready) await new Promise((r) => setTimeout(r, 500));
    }
    assert.ok(ready, `\`${command}\` never became ready:\n${log.slice(-4000)}`);
    assert.match(log, /course content imported/, "the fresh database is seeded with the course");
    assert.match(log, /course setting has no value \(launch blocker\)/, "unset facts are announced at start");
    assert.ok(existsSync(join(dir, "data", "softskills.db")), "the SQLite database is under ./data");
    const home = await fetch(`${base}/`);
    assert.equal(home.status, 200);
    const countries = await (await fetch(`${base}/api/v1/reference/countries`)).json();
    assert.ok(countries.length > 100, "the reference lists are served");

    // A worker registers and opens the first video lesson: the video comes while they wait.
    const post = async (path, body, token) => {
      const r = await fetch(base + path, { method: "POST", headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
      return [r.status, await r.json()];
    };
    const [s1, reg] = await post("/api/v1/registrations", {
      cnic: "42101-7654321-3", passport_number: "CD7654321", passport_expiry: "2032-02-01", full_name: "Zahid Hussain",
      guardian_name: "Altaf Hussain", guardian_relation: "father", date_of_birth: "1995-03-14", gender: "male", mobile: "03217654321",
      province: "SD", district: "SD-KARACHI-EAST", language: "ur", password: "lyari ki shaam 2026", consent_training: true,
    });
    assert.equal(s1, 202, JSON.stringify(reg));
    let code;
    for (let i = 0; i < 100 && !code; i++) {
      const outbox = join(dir, "data", "outbox.jsonl");
      const sms = existsSync(outbox) ? readFileSync(outbox, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l)) : [];
      code = sms.find((m) => m.to === "+923217654321")?.text.match(/\d{6}/)?.[0];
      if (!code) await new Promise((r) => setTimeout(r, 100));
    }
    const [s2, session] = await post(`/api/v1/registrations/${reg.registration_id}/verify`, { code });
    assert.equal(s2, 201);
    const lesson = async () => (await fetch(`${base}/api/v1/learning/lessons/com-2`, { headers: { authorization: `Bearer ${session.token}` } })).json();
    let video = null;
    for (let i = 0; i < 10 * 60 && !video; i++) {
      video = (await lesson()).video;
      if (!video) await new Promise((r) => setTimeout(r, 1000));
    }
    assert.ok(video, `the video lesson got its video:\n${log.slice(-3000)}`);
    assert.match(log, /lesson video ready/);
    const media = await fetch(`${base}/api/v1/media/${video.id}`, { headers: { authorization: `Bearer ${session.token}`, range: "bytes=0-3" } });
    assert.equal(media.status, 206);
    assert.deepEqual([...new Uint8Array(await media.arrayBuffer())], [0x1a, 0x45, 0xdf, 0xa3], "a WebM file");
    const posters = readdirSync(join(dir, "data", "media", "lessons", "com-2", video.lang)).filter((f) => f.endsWith(".jpg"));
    assert.ok(posters.length > 0, "and its poster");
  } finally {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {}
    await new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
    rmSync(dir, { recursive: true, force: true });
  }
});
