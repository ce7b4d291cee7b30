// PakSoftSkills service worker: keeps the lessons a trainee has opened readable without a
// connection (slow or no mobile data), and the stylesheet, script and font cached.
"use strict";
const STATIC = "psk-static-v2";
// The officers' check that works without internet: kept at install, served for a QR link
// opened offline (/V/…), refreshed whenever it is opened online.
const OFFLINE = "psk-offline-v1";
const OFFLINE_PAGE = "/protector/offline";
const LESSONS = "psk-lessons-v2";

self.addEventListener("install", (event) => {
  event.waitUntil(Promise.all([
    caches.open(STATIC).then((c) => c.addAll(["/static/app.css", "/static/app.js", "/static/offline.js"])),
    caches.open(OFFLINE).then((c) => c.add(OFFLINE_PAGE)),
  ]).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== STATIC && k !== LESSONS && k !== OFFLINE).map((k) => caches.delete(k)))).then(() => self.clients.claim()),
  );
});

// Signing out (a shared family phone) forgets the cached lessons.
self.addEventListener("message", (event) => {
  if (event.data === "signed-out") event.waitUntil(caches.delete(LESSONS));
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(caches.match(req).then((hit) => hit || fetch(req).then((res) => {
      if (res.ok) { const copy = res.clone(); caches.open(STATIC).then((c) => c.put(req, copy)); }
      return res;
    })));
    return;
  }
  if (url.pathname === OFFLINE_PAGE) {
    event.respondWith(fetch(req).then((res) => {
      if (res.ok) { const copy = res.clone(); caches.open(OFFLINE).then((c) => c.put(OFFLINE_PAGE, copy)); }
      return res;
    }).catch(() => caches.match(OFFLINE_PAGE).then((hit) => hit || Response.error())));
    return;
  }
  if (/^\/[Vv]\/\d+$/.test(url.pathname) && req.mode === "navigate") {
    // A QR code's link: the online check, or without a network the offline one, which reads
    // the link from the address.
    event.respondWith(fetch(req).catch(() => caches.match(OFFLINE_PAGE).then((hit) => hit || Response.error())));
    return;
  }
  if (url.pathname.startsWith("/learn/lessons/")) {
    // Network first (progress is counted on the server), the saved copy when offline.
    event.respondWith(fetch(req).then((res) => {
      // A redirect (to sign-in) is never saved under the lesson's address, nor anything the
      // server marks no-store (pages with personal data); lesson pages are marked private, no-cache.
      const storable = !/no-store/i.test(res.headers.get("cache-control") || "");
      if (res.ok && !res.redirected && storable) { const copy = res.clone(); caches.open(LESSONS).then((c) => c.put(req, copy)); }
      return res;
    }).catch(() => caches.match(req).then((hit) => hit || Response.error())));
  }
});
