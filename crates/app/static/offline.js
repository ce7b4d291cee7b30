// PakSoftSkills: checking a certificate without internet (the officers' offline page).
// The QR code's signature is checked on the phone (Ed25519, WebCrypto) against the trust list
// downloaded last (/api/v1/trust-list: the signing keys with their windows, the revoked and
// replaced numbers), which is itself signature-checked and kept in this browser. Shares no code
// with the server; the formats are described in crates/cert (seal.rs, link.rs, trust.rs).
"use strict";
(() => {
  const box = document.getElementById("offline");
  if (!box) return;
  const KEPT = "psk-trust-list";
  const say = (id, values = {}) => {
    let s = box.dataset[id] || "";
    // Values (numbers, dates, names) are isolated so they read right inside Urdu.
    for (const [k, v] of Object.entries(values)) s = s.replace(`%${k}%`, `\u2068${v}\u2069`);
    return s;
  };
  const b64url = (s) => Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4)), (c) => c.charCodeAt(0));
  const hex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

  // Decimal digits back to bytes: 17 digits a 7-byte group, a shorter last group (link.rs).
  function fromDigits(d) {
    const last = { 0: 0, 3: 1, 5: 2, 8: 3, 10: 4, 13: 5, 15: 6 };
    const rest = d.length % 17;
    if (!(rest in last) || !/^\d+$/.test(d)) return null;
    const out = [];
    const group = (digits, n) => {
      let v = BigInt(digits);
      const bytes = [];
      for (let i = 0; i < n; i++) { bytes.unshift(Number(v & 255n)); v >>= 8n; }
      if (v !== 0n) throw new Error("digits");
      out.push(...bytes);
    };
    let at = 0;
    for (; at + 17 <= d.length; at += 17) group(d.slice(at, at + 17), 7);
    if (rest) group(d.slice(at), last[rest]);
    return new Uint8Array(out);
  }

  // The compressed envelope from a QR link (/V/<digits> or ?c=<base64url>) or PSS1: text.
  function envelope(text) {
    text = text.trim();
    const v = text.match(/\/[Vv]\/(\d+)/);
    if (v) return fromDigits(v[1]);
    const c = text.match(/[?&]c=([A-Za-z0-9_-]+)/);
    if (c) return b64url(c[1]);
    return null;
  }

  async function inflate(bytes) {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  // A small CBOR reader: integers, byte and text strings, arrays, maps, tags, simple values.
  function cbor(bytes) {
    let at = 0;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const arg = (info) => {
      if (info < 24) return info;
      if (info === 24) return view.getUint8(at++);
      if (info === 25) { const v = view.getUint16(at); at += 2; return v; }
      if (info === 26) { const v = view.getUint32(at); at += 4; return v; }
      if (info === 27) { const v = Number(view.getBigUint64(at)); at += 8; return v; }
      throw new Error("cbor");
    };
    const item = () => {
      const first = view.getUint8(at++);
      const major = first >> 5, info = first & 31;
      if (major === 7) return info === 20 ? false : info === 21 ? true : null;
      const n = arg(info);
      switch (major) {
        case 0: return n;
        case 1: return -1 - n;
        case 2: { const b = bytes.slice(at, at + n); at += n; return b; }
        case 3: { const s = new TextDecoder().decode(bytes.slice(at, at + n)); at += n; return s; }
        case 4: return Array.from({ length: n }, item);
        case 5: { const m = new Map(); for (let i = 0; i < n; i++) { const k = item(); m.set(k, item()); } return m; }
        case 6: return item();
      }
      throw new Error("cbor");
    };
    return item();
  }
  const head = (major, n) => n < 24 ? [major << 5 | n] : n < 256 ? [major << 5 | 24, n] : [major << 5 | 25, n >> 8, n & 255];
  const bstr = (b) => [...head(2, b.length), ...b];

  async function ed25519(key, signature, data) {
    const k = await crypto.subtle.importKey("raw", key, { name: "Ed25519" }, false, ["verify"]);
    return crypto.subtle.verify({ name: "Ed25519" }, k, signature, data);
  }

  // The kept list, if its signature holds (by a key of the list that is not compromised).
  async function open(signed) {
    const bytes = b64url(signed.list);
    const list = JSON.parse(new TextDecoder().decode(bytes));
    const key = list.keys.find((k) => k.kid === signed.kid && !k.compromised);
    if (!key || !(await ed25519(b64url(key.x), b64url(signed.signature), bytes))) return null;
    return list;
  }

  async function refresh() {
    if (!navigator.onLine) return;
    try {
      const r = await fetch("/api/v1/trust-list", { cache: "no-store" });
      if (!r.ok) return;
      const signed = await r.json();
      if (await open(signed)) localStorage.setItem(KEPT, JSON.stringify(signed));
      else showAge(say("listBad"));
    } catch { /* offline: keep the list we have */ }
  }

  async function kept() {
    const raw = localStorage.getItem(KEPT);
    return raw ? open(JSON.parse(raw)) : null;
  }

  const age = document.getElementById("offline-age");
  const showAge = (text, stale) => { age.textContent = text; age.classList.toggle("warning", !!stale); };
  async function describeList() {
    const list = await kept();
    if (!list) return showAge(say("listNone"), true);
    const hours = Math.max(0, Math.floor((Date.now() / 1000 - list.issued_at) / 3600));
    const date = new Date(list.issued_at * 1000).toLocaleString(document.documentElement.lang === "ur" ? "ur-PK" : "en-GB", { dateStyle: "medium", timeStyle: "short", hourCycle: "h23", numberingSystem: "latn" });
    const stale = Date.now() / 1000 > list.next_update;
    showAge(say("listAge", { DATE: date, HOURS: String(hours) }) + (stale ? " " + say("listStale") : ""), stale);
  }

  const result = document.getElementById("offline-result");
  const show = (state, text) => { result.className = `status-banner status-${state}`; result.textContent = text; result.hidden = false; };

  async function check(text) {
    if (!crypto.subtle || !window.DecompressionStream) return show("unknown", say("noCrypto"));
    const list = await kept();
    if (!list) return show("unknown", say("listNone"));
    let env;
    try { env = envelope(text); } catch { env = null; }
    if (!env) return show("unknown", say("malformed"));
    let sign1, claims, cert;
    try {
      sign1 = cbor(await inflate(env));
      claims = cbor(sign1[2]);
      cert = claims.get(-70001);
      if (!(cert instanceof Map) || claims.get(1) !== "PK-BEOE-PakSoftSkills") throw new Error("claims");
    } catch { return show("unknown", say("malformed")); }
    const protectedHeader = cbor(sign1[0]);
    const kid = hex(protectedHeader.get(4) || new Uint8Array());
    const key = list.keys.find((k) => k.kid === kid);
    const issuedAt = claims.get(6);
    const inWindow = key && !key.compromised && issuedAt + 86400 > key.valid_from && (key.valid_until == null || issuedAt <= key.valid_until);
    const tbs = new Uint8Array([...head(4, 4), ...head(3, 10), ...new TextEncoder().encode("Signature1"), ...bstr(sign1[0]), ...bstr(new Uint8Array()), ...bstr(sign1[2])]);
    let genuine = false;
    try { genuine = !!key && (await ed25519(b64url(key.x), sign1[3], tbs)); } catch { genuine = false; }
    if (!genuine || !inWindow) return show("revoked", say("forged"));
    const values = { NUMBER: cert.get("n"), NAME: cert.get("nm"), EXPIRES: cert.get("e") };
    if (list.revoked.includes(values.NUMBER)) return show("revoked", say("revoked", values));
    if (list.superseded.includes(values.NUMBER)) return show("superseded", say("superseded", values));
    const today = new Date().toISOString().slice(0, 10);
    if (values.EXPIRES < today) return show("expired", say("expired", values));
    show("valid", say("valid", values));
  }

  document.getElementById("offline-form").addEventListener("submit", (e) => {
    e.preventDefault();
    check(document.getElementById("offline-qr").value);
  });
  box.hidden = false;
  document.getElementById("offline-needs-js").hidden = true;
  refresh().then(describeList);
  describeList();
  // Opened from a QR code's link while offline (the service worker served this page for it).
  if (/^\/[Vv]\/\d+$/.test(location.pathname)) {
    document.getElementById("offline-qr").value = location.href;
    refresh().then(() => check(location.href));
  }
})();
