// The README's first command, as it is written there, in a fresh copy of the project: the files git
// tracks, no ./data, nothing else. A README whose command does not start the portal fails here.
// The copy shares this tree's target/ (CARGO_TARGET_DIR) so the dependencies build once; the port
// comes from SOFTSKILLS_BIND because 8080 may be taken on a test machine. Nothing else is set.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
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
  } finally {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {}
    await new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
    rmSync(dir, { recursive: true, force: true });
  }
});
