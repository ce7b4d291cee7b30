#!/usr/bin/env python3
"""Page weight (issue 5): every HTML page of the portal under 50 KB compressed, fonts and video aside.

Visits every page as the person who sees it, in each language (English, Urdu):
  - anyone: home, privacy, registration (empty and with errors), the code page, sign-in,
    password reset and its code page, certificate verification (empty, by number, by QR link),
    the e-mail link's page, the 404 and 403 error pages;
  - a trainee registered through the web form (code from the development outbox): dashboard,
    profile, the course overview, every lesson, every module's quiz and its result, every task,
    the final test (closed, open, an attempt, its result), the certificate;
  - staff made with `softskills admin create-user`: the grading queue and a grading form, the
    author's overview and every file the editor opens, the administrator's settings and
    certificates pages, the protector officer's look-up, its result and the day's list.
The course is marked complete straight in the database (e2e/tests/complete_course.py) before the
final test opens; the test is then answered from the content's key, so a certificate is issued.

Each page is requested with `Accept-Encoding: gzip` as a browser on its first visit would: the
figure is the compressed body of the HTML plus the compressed bodies of every same-origin
stylesheet, script (and the service worker a script registers), icon, manifest and image the
HTML references. Not counted: fonts (the Nastaliq preload, CSS url()), video and captions, HTTP
headers. 1 KB = 1000 bytes.

Prints a Markdown table sorted by total size and `pages: N, largest: X KB (path), over 50 KB: M`.
Exits 1 when a page is over the budget or answered with an unexpected status, 2 when the walk
itself failed. Run it through bench/pages.sh, which starts a fresh server and makes the staff:
    bash bench/pages.sh
    python3 bench/pages.py --url http://127.0.0.1:8097 --data-dir target/bench-pages/data \
        --staff administrator:03451110001 ...   # against a server you started (staff password in
                                                # PAGES_STAFF_PASSWORD)
Standard library only.
"""

import argparse
import glob
import gzip
import html
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUDGET = 50_000  # bytes
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
PASSWORD = "a long bench password 2026"

# The two trainees: one takes the course in English, one in Urdu (a trainee uses one language;
# links in e-mails and codes work once, so each language needs its own walk).
TRAINEES = {
    "en": dict(cnic="35202-1234567-1", passport_number="AB1234567", passport_expiry="2031-08-01",
               full_name="Muhammad Bilal", full_name_ur="", guardian_relation="father",
               guardian_name="Abdul Rashid", date_of_birth="1995-04-12", gender="male",
               mobile="03001234567", email="bilal@example.pk", province="PB",
               district="PB-LAHORE", language="en"),
    "ur": dict(cnic="61101-7654321-3", passport_number="CD7654321", passport_expiry="2031-03-15",
               full_name="Muhammad Asif", full_name_ur="محمد آصف", guardian_relation="father",
               guardian_name="Abdul Karim", date_of_birth="1997-06-20", gender="male",
               mobile="03211234567", email="asif@example.pk", province="IS",
               district="IS-ISLAMABAD", language="ur"),
}


class Failure(Exception):
    """The walk could not go on (a step of the set-up failed)."""


# --- HTTP -----------------------------------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Response:
    def __init__(self, status, headers, wire):
        self.status = status
        self.headers = headers
        self.wire = wire  # the body as transferred (gzip when the server compressed it)
        body = gzip.decompress(wire) if headers.get("Content-Encoding") == "gzip" else wire
        self.raw = body
        self.text = body.decode("utf-8", "replace")
        self.location = headers.get("Location")


class Browser:
    """One person's browser: cookies, the language cookie, gzip, no automatic redirects."""

    def __init__(self, base, who):
        self.base = base
        self.who = who
        self.host = urllib.parse.urlsplit(base).hostname
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect
        )
        self.last_csrf = None

    def request(self, method, path, form=None):
        data = urllib.parse.urlencode(form, doseq=True).encode() if form is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Accept-Encoding", "gzip")
        req.add_header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
        req.add_header("User-Agent", "Mozilla/5.0 (Linux; Android 13) bench/pages.py")
        if data is not None:
            req.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            with self.opener.open(req, timeout=60) as r:
                res = Response(r.status, r.headers, r.read())
        except urllib.error.HTTPError as e:  # 3xx (not followed), 4xx, 5xx
            res = Response(e.code, e.headers, e.read())
        m = re.search(r'name="_csrf" value="([^"]+)"', res.text)
        if m:
            self.last_csrf = m.group(1)
        return res

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, form):
        """Posts a form with the anti-forgery token of the last page seen."""
        if self.last_csrf is None:
            self.get("/")
        fields = list(form.items()) if isinstance(form, dict) else list(form)
        return self.request("POST", path, [("_csrf", self.last_csrf)] + fields)

    def follow(self, res, want=None):
        """Follows redirects to the page they end on; `want` is a regex the final path matches."""
        path = None
        for _ in range(5):
            if res.status not in (301, 302, 303, 307, 308):
                break
            path = relative(res.location)
            res = self.get(path)
        if res.status != 200 or (want and not re.search(want, path or "")):
            raise Failure(f"{self.who}: expected a page matching {want!r}, got {res.status} at "
                          f"{path}: {excerpt(res.text)}")
        return path, res

    def set_lang(self, lang):
        self.jar.set_cookie(http.cookiejar.Cookie(
            0, "pss_lang", lang, None, False, self.host, False, False, "/", True, False,
            None, False, None, None, {}))


def relative(location):
    u = urllib.parse.urlsplit(location)
    return u.path + ("?" + u.query if u.query else "")


def excerpt(text):
    m = re.search(r"<main[^>]*>(.*?)</main>", text, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", m.group(1) if m else text)).strip()[:300]


def form_fields(text):
    """The hidden and text inputs of a page's forms (name → value)."""
    out = {}
    for tag in re.findall(r"<input\b[^>]*>", text):
        name = re.search(r'name="([^"]*)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name:
            out[html.unescape(name.group(1))] = html.unescape(value.group(1)) if value else ""
    return out


# --- Measuring ------------------------------------------------------------------------------


class Meter:
    def __init__(self, base, langs):
        self.base = base
        self.origin = urllib.parse.urlsplit(base)[:2]
        self.langs = langs
        self.assets = {}  # url path → (wire bytes, raw bytes, status)
        self.rows = []
        self.plain = urllib.request.build_opener(NoRedirect)
        self.refs_of_script = {}  # script path → service workers it registers

    def asset(self, path):
        if path not in self.assets:
            req = urllib.request.Request(self.base + path, headers={"Accept-Encoding": "gzip"})
            try:
                with self.plain.open(req, timeout=60) as r:
                    res = Response(r.status, r.headers, r.read())
            except urllib.error.HTTPError as e:
                res = Response(e.code, e.headers, e.read())
            self.assets[path] = res
            # A script that registers a service worker makes the browser fetch that too.
            if res.status == 200 and "javascript" in res.headers.get("Content-Type", ""):
                for sw in re.findall(r'serviceWorker\.register\(\s*["\']([^"\']+)', res.text):
                    self.refs_of_script.setdefault(path, set()).add(sw)
        return self.assets[path]

    def references(self, text):
        """Same-origin assets a browser fetches for this HTML on a first visit, fonts and video aside."""
        refs = []
        for tag, attrs in re.findall(r"<(link|script|img)\b([^>]*)>", text, re.I):
            attr = dict((k.lower(), html.unescape(v)) for k, v in
                        re.findall(r'([a-zA-Z-]+)="([^"]*)"', attrs))
            if tag.lower() == "link":
                rel = attr.get("rel", "").lower().split()
                if "preload" in rel or "prefetch" in rel or "preconnect" in rel:
                    if attr.get("as") in ("font", "video", "audio", "track"):
                        continue
                elif not ({"stylesheet", "icon", "manifest", "apple-touch-icon"} & set(rel)):
                    continue  # alternate, canonical, …: not fetched
                url = attr.get("href")
            else:
                url = attr.get("src")
            if not url:
                continue
            u = urllib.parse.urlsplit(urllib.parse.urljoin(self.base + "/", url))
            if (u.scheme, u.netloc) != self.origin:
                continue
            path = u.path + ("?" + u.query if u.query else "")
            if re.search(r"\.(woff2?|ttf|otf)$", u.path):
                continue
            refs.append(path)
        out = []
        for p in refs:
            if p not in out:
                out.append(p)
            self.asset(p)
            for sw in sorted(self.refs_of_script.get(p, ())):
                if sw not in out:
                    out.append(sw)
                    self.asset(sw)
        return out

    def record(self, label, who, lang, res, expect):
        assets = self.references(res.text) if res.text else []
        asset_bytes = sum(len(self.assets[a].wire) for a in assets)
        bad_assets = [a for a in assets if self.assets[a].status != 200]
        ok_status = res.status == expect and not bad_assets
        note = "" if ok_status else (
            f"expected {expect}" if res.status != expect else "asset " + ", ".join(bad_assets))
        self.rows.append(dict(
            page=label, who=who, lang=lang, status=res.status, expect=expect, note=note,
            raw=len(res.raw), html=len(res.wire), assets=asset_bytes,
            total=len(res.wire) + asset_bytes, ok_status=ok_status,
            gzip=res.headers.get("Content-Encoding") == "gzip"))
        return res

    def page(self, b, path, label=None, expect=200, langs=None):
        """GETs a page in each language (or `langs`) and records it; returns the last response."""
        res = None
        for lang in langs or self.langs:
            b.set_lang(lang)
            res = self.record(label or path, b.who, lang, b.get(path), expect)
        return res

    def posted(self, b, path, form, label, expect, langs=None):
        """A page that is the answer to a form (a form with its errors, a look-up result)."""
        res = None
        for lang in langs or self.langs:
            b.set_lang(lang)
            res = self.record(label, b.who, lang, b.post(path, form), expect)
        return res


# --- The course's answer key ----------------------------------------------------------------


def load_course():
    questions, lessons, tasks = {}, [], []
    for d in sorted(glob.glob(os.path.join(ROOT, "content", "modules", "*"))):
        with open(os.path.join(d, "module.toml"), "rb") as f:
            lessons += tomllib.load(f)["lessons"]
        with open(os.path.join(d, "questions.toml"), "rb") as f:
            for q in tomllib.load(f)["question"]:
                questions[q["id"]] = q
        with open(os.path.join(d, "tasks.toml"), "rb") as f:
            tasks += [t["id"] for t in tomllib.load(f)["task"]]
    return questions, lessons, tasks


def norm(s):
    return re.sub(r"\s+", " ", html.unescape(s)).strip()


def best_answers(text, key, lang):
    """The form fields answering every question of a quiz or test page from the key."""
    fields = []
    for qid, body in re.findall(r'<fieldset class="question" id="q-([^"]+)"[^>]*>(.*?)</fieldset>',
                                text, re.S):
        q = key[qid]
        opt_text = lambda o: norm(o["text"][lang])
        if q["kind"] == "ordering":
            first = re.search(r"<select[^>]*>(.*?)</select>", body, re.S).group(1)
            token = {norm(t): v for v, t in re.findall(r'<option value="([^"]+)"[^>]*>(.*?)</option>', first, re.S)}
            for pos, o in enumerate(sorted(q["option"], key=lambda o: o["position"]), 1):
                fields.append((f"q_{qid}__{pos}", token[opt_text(o)]))
            continue
        token = {norm(t): v for v, t in re.findall(
            r'<input type="(?:radio|checkbox)"[^>]*value="([^"]+)"[^>]*><label[^>]*>(.*?)</label>', body, re.S)}
        if q["kind"] == "scenario":
            right = [o for o in q["option"] if o.get("credit") == 1]
        else:
            right = [o for o in q["option"] if o.get("correct")]
        for o in right:
            fields.append((f"q_{qid}", token[opt_text(o)]))
    if not fields:
        raise Failure("no questions found on the page")
    return fields


# --- The outbox -----------------------------------------------------------------------------


def outbox(data_dir):
    path = os.path.join(data_dir, "outbox.jsonl")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def wait_for_message(data_dir, after, match, what):
    for _ in range(200):
        for m in outbox(data_dir)[after:]:
            found = match(m)
            if found:
                return found
        time.sleep(0.1)
    raise Failure(f"no {what} in {data_dir}/outbox.jsonl")


def e164(mobile):
    return "+92" + mobile[1:]


# --- The walk -------------------------------------------------------------------------------


def public_pages(m, base):
    anon = Browser(base, "anyone")
    for path in ["/", "/privacy", "/register", "/sign-in", "/sign-in?reset=1", "/password-reset",
                 "/verify"]:
        m.page(anon, path)
    m.page(anon, "/no-such-page", label="/no-such-page (404 page)", expect=404)
    # The registration form sent with mistakes: every message next to its field.
    m.posted(anon, "/register", {"cnic": "12345", "mobile": "0300", "passport_number": "x"},
             "POST /register (form with errors)", expect=422)


def trainee_walk(m, base, data_dir, lang, key, lessons, tasks):
    """Registers a trainee in `lang` and walks the course; returns (browser, certificate number)."""
    who = f"trainee ({lang})"
    t = TRAINEES[lang]
    b = Browser(base, who)
    b.set_lang(lang)
    b.get("/register")
    before = len(outbox(data_dir))
    form = dict(t, password=PASSWORD, consent_training="on")
    path, res = b.follow(b.post("/register", form), r"^/register/verify\?id=")
    m.record(re.sub(UUID, "{id}", path), who, lang, b.get(path), 200)
    code = wait_for_message(data_dir, before, lambda x: x.get("channel") == "sms" and x.get("to") == e164(t["mobile"])
                            and re.search(r"\b\d{6}\b", x["text"]).group(0), "registration code")
    b.follow(b.post("/register/verify", {"id": form_fields(res.text)["id"], "code": code}), r"^/dashboard")
    me = json.loads(b.get("/my-data").text)["profile"]["id"]

    # The e-mail link (works once).
    link = wait_for_message(data_dir, before, lambda x: x.get("channel") == "email" and x.get("to") == t["email"]
                            and re.search(r"/email/verify\?token=[A-Za-z0-9_-]+", x.get("text") or x.get("body") or ""), "e-mail link")
    m.record("/email/verify?token={token}", who, lang, b.get(link.group(0)), 200)

    # Password reset, by someone not signed in, up to the code page.
    visitor = Browser(base, "anyone")
    visitor.set_lang(lang)
    visitor.get("/password-reset")
    path, _ = visitor.follow(visitor.post("/password-reset", {"identifier": t["cnic"]}), r"^/password-reset/verify\?id=")
    m.record(re.sub(UUID, "{id}", path), "anyone", lang, visitor.get(path), 200)

    p = lambda path, label=None, expect=200: m.page(b, path, label, expect, langs=[lang])
    learn = p("/learn", "/learn (nothing done yet)").text
    found = re.findall(r'href="/learn/lessons/([^"]+)"', learn)
    missing = [l for l in lessons if l not in found]
    if missing:
        raise Failure(f"lessons of content/ not linked from /learn: {missing}")
    for lesson in lessons:
        p(f"/learn/lessons/{lesson}")
    for module in dict.fromkeys(re.findall(r'action="/learn/modules/([^"/]+)/quiz"', learn)):
        path, res = b.follow(b.post(f"/learn/modules/{module}/quiz", {}), r"^/learn/quiz/")
        m.record(f"/learn/quiz/{{id}} ({module} quiz)", who, lang, res, 200)
        b.follow(b.post(path, best_answers(res.text, key, lang)), r"^/learn/quiz/")
        p(path, f"/learn/quiz/{{id}} ({module} result)")
    found = re.findall(r'href="/learn/tasks/([^"]+)"', learn)
    if [x for x in tasks if x not in found]:
        raise Failure(f"tasks of content/ not linked from /learn: {[x for x in tasks if x not in found]}")
    for task in tasks:
        res = p(f"/learn/tasks/{task}")
        if 'name="text"' in res.text:  # a written reflection: sent on, so a grader has work
            words = ("At work abroad I will listen first, ask my supervisor politely when I do "
                     "not understand, and keep a note of what was agreed. ") * 4
            b.follow(b.post(f"/learn/tasks/{task}", {"text": words}), r"^/learn")
    p("/test", "/test (not open yet)")
    p("/certificate", "/certificate (none yet)")

    # Fixture: the whole course marked complete in the database, so the final test opens.
    subprocess.run([sys.executable, os.path.join(ROOT, "e2e", "tests", "complete_course.py"),
                    os.path.join(data_dir, "softskills.db"), me], check=True, stdout=subprocess.DEVNULL)
    p("/learn", "/learn (all done)")
    p("/test", "/test (open)")
    path, res = b.follow(b.post("/test", {}), r"^/test/" + UUID + "$")
    m.record("/test/{id} (attempt, 40 questions)", who, lang, res, 200)
    answers = best_answers(res.text, key, lang)
    b.follow(b.post(path, answers + [("action", "submit")]), r"^/test/")
    res = p(path, "/test/{id} (result)")
    number = re.search(r"PSS-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]", res.text)
    if not number:
        raise Failure(f"{who}: the test was not passed: {excerpt(res.text)}")
    p("/test", "/test (passed)")
    cert = p("/certificate", "/certificate (one certificate)")
    qr_link = html.unescape(re.search(r'class="verify-link" href="([^"]+)"', cert.text).group(1))
    p("/dashboard")
    p("/profile")
    p("/", "/ (signed in)")
    p("/admin/settings", "/admin/settings as a trainee (403 page)", expect=403)

    anyone = Browser(base, "anyone")
    m.page(anyone, relative(qr_link), "/verify?c={qr} (QR link)", langs=[lang])
    m.page(anyone, f"/verify?n={number.group(0)}", "/verify?n={number}", langs=[lang])
    return b, number.group(0)


def sign_in(base, who, mobile, password):
    b = Browser(base, who)
    b.get("/sign-in")
    b.follow(b.post("/sign-in", {"identifier": mobile, "password": password}), r"^/dashboard")
    return b


def staff_pages(m, base, staff, password, trainees):
    """staff: role → (mobile, office); trainees: lang → certificate number."""
    def person(role):
        if role not in staff:
            raise Failure(f"no {role} given (--staff {role}:MOBILE)")
        return sign_in(base, role.replace("_", " "), staff[role][0], password)

    admin = person("administrator")
    m.page(admin, "/dashboard", "/dashboard (staff)")
    m.page(admin, "/admin/settings")
    m.page(admin, "/admin/certificates")
    m.page(admin, f"/admin/certificates?n={trainees['en']}", "/admin/certificates?n={number}")

    grader = person("grader")
    queue = m.page(grader, "/grading")
    items = re.findall(r'href="/grading/(' + UUID + ')"', queue.text)
    if not items:
        raise Failure("the grading queue is empty (is learning.reflection_sample_percent 100?)")
    m.page(grader, f"/grading/{items[0]}", "/grading/{id}")

    author = person("content_admin")
    overview = m.page(author, "/author")
    links = list(dict.fromkeys(html.unescape(x) for x in re.findall(r'href="(/author/edit\?[^"]+)"', overview.text)))
    if not links:
        raise Failure("no files linked from /author")
    for link in links:
        page = m.page(author, link, urllib.parse.unquote(link))
        # A question or task file links its preview (both languages and the key) separately.
        for preview in dict.fromkeys(html.unescape(x) for x in re.findall(r'href="(/author/edit\?[^"]+&(?:amp|#38);preview=1)"', page.text)):
            m.page(author, preview, urllib.parse.unquote(preview))

    officer = person("protector_officer")
    m.page(officer, "/protector")
    for lang in m.langs:
        t = TRAINEES[lang if lang in TRAINEES else "en"]
        officer.set_lang(lang)
        officer.get("/protector")
        res = m.record("POST /protector (look-up result, stamp form)", officer.who, lang, officer.post(
            "/protector", {"cnic": t["cnic"], "passport_number": t["passport_number"], "qr": ""}), 200)
        f = form_fields(res.text.split('action="/protector/stamp"', 1)[-1])
        stamp = {"cnic": f["cnic"], "passport_number": f["passport_number"],
                 "protector_number": f"LHR-2026-{10 + len(m.rows)}", "stamped_on": f["stamped_on"],
                 "destination": "SA", "employer": "Al Rajhi Construction (OEP: Falcon Manpower)",
                 "visa_type": "work"}
        path, res = officer.follow(officer.post("/protector/stamp", stamp), r"^/protector/day")
        m.record("/protector/day?date={day}&saved=1", officer.who, lang, res, 200)
    m.page(officer, "/protector/day")


# --- Report ---------------------------------------------------------------------------------


def kb(n):
    return f"{n / 1000:.1f}"


def report(m):
    rows = sorted(m.rows, key=lambda r: (-r["total"], r["page"], r["lang"]))
    print("| Page | As | Lang | Status | HTML KB (raw) | HTML KB (gzip) | CSS+JS+other KB (gzip) | Total KB | Under 50 KB |")
    print("|---|---|---|---|---:|---:|---:|---:|---|")
    for r in rows:
        status = str(r["status"]) + ("" if r["ok_status"] else f" ✗ {r['note']}")
        under = "yes" if r["total"] < BUDGET else "**NO**"
        html_kb = kb(r["html"]) + ("" if r["gzip"] else " (not gzipped)")
        print(f"| `{r['page']}` | {r['who']} | {r['lang']} | {status} | {kb(r['raw'])} | {html_kb} | "
              f"{kb(r['assets'])} | {kb(r['total'])} | {under} |")
    print()
    print("Assets (compressed as sent, counted on every page that references them): " + ", ".join(
        f"{p} {kb(len(a.wire))} KB" for p, a in sorted(m.assets.items())))
    over = [r for r in rows if r["total"] >= BUDGET]
    bad = [r for r in rows if not r["ok_status"]]
    for r in bad:
        print(f"unexpected status: {r['page']} as {r['who']} ({r['lang']}): {r['status']}, {r['note']}")
    top = rows[0]
    print(f"pages: {len(rows)}, largest: {kb(top['total'])} KB ({top['page']}), over 50 KB: {len(over)}")
    return 1 if over or bad else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--url", default="http://127.0.0.1:8097")
    ap.add_argument("--data-dir", required=True, help="the server's data directory (outbox, database)")
    ap.add_argument("--staff", action="append", default=[], metavar="ROLE:MOBILE",
                    help="a staff account made with `softskills admin create-user` (repeat)")
    ap.add_argument("--langs", default="en,ur")
    a = ap.parse_args()
    password = os.environ.get("PAGES_STAFF_PASSWORD", PASSWORD)
    staff = {s.split(":")[0]: s.split(":")[1:] for s in a.staff}
    langs = [l for l in a.langs.split(",") if l]
    m = Meter(a.url.rstrip("/"), langs)
    key, lessons, tasks = load_course()
    try:
        public_pages(m, m.base)
        numbers = {}
        for lang in langs:
            _, numbers[lang] = trainee_walk(m, m.base, a.data_dir, lang, key, lessons, tasks)
        numbers.setdefault("en", next(iter(numbers.values())))
        staff_pages(m, m.base, staff, password, numbers)
    except (Failure, urllib.error.URLError, KeyError, AttributeError, subprocess.CalledProcessError) as e:
        if m.rows:
            report(m)
        print(f"walk failed: {type(e).__name__}: {e}", file=sys.stderr)
        return 2
    return report(m)


if __name__ == "__main__":
    sys.exit(main())
