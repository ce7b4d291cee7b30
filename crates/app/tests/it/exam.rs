//! The final test and the certificate: opens only after the course; the server's clock; answers
//! saved one by one and resumed; double submission; attempt limits and waiting; the certificate
//! issued with the pass, signed, verified by number and by QR, refused when altered.

use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::{TestApp, Trainee};
use crate::learning::with_course;
use crate::on_both;

/// Marks the whole course complete in the store (the completion rules have their own tests).
pub async fn complete_course(app: &TestApp, t: &Trainee, course: &psk_course::Course) {
    app.get_api("/api/v1/learning", Some(&t.token)).await;
    let id: uuid::Uuid = t.user_id.parse().unwrap();
    let version = psk_store::course::enrollment(app.state.db.ex(), id)
        .await
        .unwrap()
        .unwrap();
    softskills::loaddata::complete_course(
        app.state.db.ex(),
        id,
        version,
        course,
        app.state.clock.now(),
    )
    .await
    .unwrap();
}

/// The content's key for a question, as the attempt's tokens (matched by English text).
pub fn best_tokens(q: &psk_course::Question, view: &Value) -> Vec<String> {
    let best = psk_course::scoring::best_answer(q.kind, &q.options);
    best.iter()
        .map(|o| {
            view["options"]
                .as_array()
                .unwrap()
                .iter()
                .find(|v| v["text"] == o.text.en.as_str())
                .unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

pub fn question<'a>(course: &'a psk_course::Course, id: &str) -> &'a psk_course::Question {
    course
        .modules
        .iter()
        .flat_map(|m| m.questions.iter())
        .find(|q| q.id == id)
        .unwrap()
}

pub async fn put_answer(
    app: &TestApp,
    t: &Trainee,
    attempt: &str,
    q: &str,
    options: Vec<String>,
) -> reqwest::Response {
    app.request(
        Method::PUT,
        &format!("/api/v1/test/attempts/{attempt}/answers/{q}"),
        Some(json!({ "options": options })),
        Some(&t.token),
        &[],
    )
    .await
}

/// Answers `right` questions of the attempt correctly and the rest wrongly (or not at all).
pub async fn answer(
    app: &TestApp,
    t: &Trainee,
    course: &psk_course::Course,
    view: &Value,
    right: usize,
) {
    let attempt = view["attempt_id"].as_str().unwrap();
    for (i, q) in view["questions"].as_array().unwrap().iter().enumerate() {
        let id = q["id"].as_str().unwrap();
        if i < right {
            let res = put_answer(app, t, attempt, id, best_tokens(question(course, id), q)).await;
            assert_eq!(res.status(), 204, "{}", res.text().await.unwrap());
        }
    }
}

on_both! {
    async fn the_test_opens_after_the_course_and_keeps_its_rules(app) {
        let course = with_course(&app).await;
        let t = app.trainee(501).await;
        // Not before the course is complete.
        let res = app.post_api("/api/v1/test/attempts", json!({}), Some(&t.token)).await;
        assert_eq!(res.status(), 410);
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "test_not_open");
        complete_course(&app, &t, &course).await;
        let status: Value = app.get_api("/api/v1/test", Some(&t.token)).await.json().await.unwrap();
        assert_eq!(status["eligible"], true);
        assert_eq!(status["questions"], 40);

        // Attempt 1: the blueprint; the key is never sent.
        let res = app.post_api("/api/v1/test/attempts", json!({}), Some(&t.token)).await;
        assert_eq!(res.status(), 201);
        let body = res.text().await.unwrap();
        assert!(!body.contains("\"correct\"") && !body.contains("\"credit\"") && !body.contains("\"position\""));
        let v1: Value = serde_json::from_str(&body).unwrap();
        let a1 = v1["attempt_id"].as_str().unwrap().to_owned();
        let qs = v1["questions"].as_array().unwrap();
        assert_eq!(qs.len(), 40);
        for m in &course.modules {
            assert_eq!(qs.iter().filter(|q| q["module_id"] == m.id.as_str()).count(), 8, "8 from {}", m.id);
        }
        assert!(v1["seconds_left"].as_i64().unwrap() > 44 * 60);
        // Starting again resumes the same attempt (another device, a lost connection).
        let again: Value = app.post_api("/api/v1/test/attempts", json!({}), Some(&t.token)).await.json().await.unwrap();
        assert_eq!(again["attempt_id"], a1.as_str());

        // Answers are saved one by one, can be changed, and come back on resume.
        answer(&app, &t, &course, &v1, 10).await;
        // Change an answered question to a wrong answer (not an ordering, where every option is
        // in the key, nor a scenario, where another option may earn half).
        let at = (0..10).find(|i| matches!(question(&course, qs[*i]["id"].as_str().unwrap()).kind, psk_course::QuestionKind::Single | psk_course::QuestionKind::TrueFalse | psk_course::QuestionKind::Multiple)).unwrap();
        let first = &qs[at];
        let other = first["options"].as_array().unwrap().iter().map(|o| o["id"].as_str().unwrap().to_owned()).find(|o| !best_tokens(question(&course, first["id"].as_str().unwrap()), first).contains(o)).unwrap();
        assert_eq!(put_answer(&app, &t, &a1, first["id"].as_str().unwrap(), vec![other.clone()]).await.status(), 204);
        let resumed: Value = app.get_api(&format!("/api/v1/test/attempts/{a1}"), Some(&t.token)).await.json().await.unwrap();
        assert_eq!(resumed["questions"][at]["answer"], json!([other]));
        assert_eq!(resumed["questions"][1]["answer"].as_array().unwrap().len().min(1), 1);
        // An option of another question is refused.
        let foreign = qs[(at + 1) % qs.len()]["options"][0]["id"].as_str().unwrap().to_owned();
        assert_eq!(put_answer(&app, &t, &a1, first["id"].as_str().unwrap(), vec![foreign]).await.status(), 400);

        // The clock is the server's: after the deadline answers are refused, and the attempt is
        // scored as it stands (9 of 40 right: not a pass).
        app.advance(45 * 60 + 1);
        let late = put_answer(&app, &t, &a1, qs[20]["id"].as_str().unwrap(), vec![]).await;
        assert_eq!(late.status(), 410);
        assert_eq!(late.json::<Value>().await.unwrap()["code"], "test_time_over");
        let r1: Value = app.post_api(&format!("/api/v1/test/attempts/{a1}/submission"), json!({}), Some(&t.token)).await.json().await.unwrap();
        assert_eq!(r1["passed"], false);
        assert_eq!(r1["timed_out"], true);
        assert_eq!(r1["percent"], 22);
        assert_eq!(r1["modules"].as_array().unwrap().len(), 5);

        // 24 hours between attempts.
        let wait = app.post_api("/api/v1/test/attempts", json!({}), Some(&t.token)).await;
        assert_eq!(wait.status(), 429);
        app.advance(24 * 3600);
        let v2: Value = app.post_api("/api/v1/test/attempts", json!({}), Some(&t.token)).await.json().await.unwrap();
        let a2 = v2["attempt_id"].as_str().unwrap().to_owned();
        // No question of attempt 1 again while the bank has others.
        let seen: Vec<&str> = qs.iter().map(|q| q["id"].as_str().unwrap()).collect();
        assert!(v2["questions"].as_array().unwrap().iter().all(|q| !seen.contains(&q["id"].as_str().unwrap())), "questions repeat although the bank has others");
        // A pass: 30 of 40 right. Submitting twice gives one result and one certificate.
        answer(&app, &t, &course, &v2, 30).await;
        let submit_path = format!("/api/v1/test/attempts/{a2}/submission");
        let (r2, r2b) = tokio::join!(
            app.post_api(&submit_path, json!({}), Some(&t.token)),
            app.post_api(&submit_path, json!({}), Some(&t.token)),
        );
        let (r2, r2b): (Value, Value) = (r2.json().await.unwrap(), r2b.json().await.unwrap());
        assert_eq!(r2["passed"], true, "{r2}");
        assert_eq!(r2["percent"], 75);
        assert_eq!(r2["certificate"], r2b["certificate"]);
        assert_eq!(app.count("certificates").await, 1);
        assert_eq!(app.count("test_attempts").await, 2);
        // Passed: no more attempts.
        assert_eq!(app.post_api("/api/v1/test/attempts", json!({}), Some(&t.token)).await.status(), 410);

        // The certificate: number, SMS, public check, signed QR.
        let number = r2["certificate"].as_str().unwrap().to_owned();
        assert!(regex_like(&number), "{number}");
        let sms = app.next_message("sms", &t.mobile_e164).await;
        assert!(sms["text"].as_str().unwrap().contains(&number), "{sms}");
        let check: Value = app.get_api(&format!("/api/v1/certificates/{}", number.to_lowercase()), None).await.json().await.unwrap();
        assert_eq!(check["status"], "valid");
        assert_eq!(check["name"], t.name.as_str());
        let last4: String = t.cnic.chars().filter(char::is_ascii_digit).collect::<String>()[9..].to_owned();
        assert_eq!(check["cnic"], format!("*****-****{}-{}", &last4[..3], &last4[3..]));
        assert!(check.get("passport").is_none() && check.get("mobile").is_none());
        let unknown: Value = app.get_api("/api/v1/certificates/PSS-0000-0000-0", None).await.json().await.unwrap();
        assert_eq!(unknown["status"], "unknown");
        let mine: Value = app.get_api("/api/v1/me/certificates", Some(&t.token)).await.json().await.unwrap();
        let link = mine[0]["link"].as_str().unwrap().to_owned();
        let text = mine[0]["text"].as_str().unwrap().to_owned();
        for qr in [&link, &text] {
            let v: Value = app.post_api("/api/v1/certificates/verify", json!({ "qr": qr }), None).await.json().await.unwrap();
            assert_eq!(v["signature_valid"], true, "{v}");
            assert_eq!(v["certificate"]["number"], number.as_str());
        }
        // A changed character is refused.
        let mut forged = text.clone().into_bytes();
        let i = forged.len() - 20;
        forged[i] = if forged[i] == b'A' { b'B' } else { b'A' };
        let v: Value = app.post_api("/api/v1/certificates/verify", json!({ "qr": String::from_utf8(forged).unwrap() }), None).await.json().await.unwrap();
        assert_eq!(v["signature_valid"], false);
        // The public keys verify it offline too.
        let keys: Value = app.get_api("/api/v1/certificate-keys", None).await.json().await.unwrap();
        assert_eq!(keys["keys"][0]["crv"], "Ed25519");
        // Three years on, the same certificate answers "expired", by number and by QR.
        app.advance(3 * 366 * 86_400);
        let later: Value = app.get_api(&format!("/api/v1/certificates/{number}"), None).await.json().await.unwrap();
        assert_eq!(later["status"], "expired");
        let v: Value = app.post_api("/api/v1/certificates/verify", json!({ "qr": text }), None).await.json().await.unwrap();
        assert_eq!(v["certificate"]["status"], "expired");
        let actions = app.audit_actions().await;
        for a in ["test.started", "test.finished", "certificate.issued"] {
            assert!(actions.contains(&a.to_owned()), "{a}");
        }
    }

    async fn attempts_run_out(app) {
        let course = with_course(&app).await;
        let t = app.trainee(502).await;
        complete_course(&app, &t, &course).await;
        for n in 1..=3 {
            let v: Value = app.post_api("/api/v1/test/attempts", json!({}), Some(&t.token)).await.json().await.unwrap();
            assert_eq!(v["number"], n);
            let id = v["attempt_id"].as_str().unwrap();
            let r: Value = app.post_api(&format!("/api/v1/test/attempts/{id}/submission"), json!({}), Some(&t.token)).await.json().await.unwrap();
            assert_eq!(r["passed"], false);
            app.advance(24 * 3600 + 1);
        }
        let res = app.post_api("/api/v1/test/attempts", json!({}), Some(&t.token)).await;
        assert_eq!(res.status(), 410);
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "test_no_attempts_left");
    }

    async fn certificates_are_revoked_and_reissued_by_administrators(app) {
        let course = with_course(&app).await;
        let (t, old, old_text) = certified(&app, &course, 504).await;
        // Only administrators.
        let path = format!("/api/v1/admin/certificates/{old}/revocation");
        assert_eq!(app.post_api(&path, json!({ "reason": "x" }), Some(&t.token)).await.status(), 403);
        let admin = app.staff("administrator", 7).await;
        // A reason is required; nothing changes without one.
        let res = app.post_api(&format!("/api/v1/admin/certificates/{old}/reissue"), json!({ "reason": " " }), Some(&admin.token)).await;
        assert_eq!(res.status(), 422);
        // Reissue with the corrected name: a new number; the old one is superseded.
        let res = app.post_api(&format!("/api/v1/admin/certificates/{old}/reissue"), json!({ "reason": "name misspelt at registration", "full_name": "Muhammad Bilal Qureshi" }), Some(&admin.token)).await;
        assert_eq!(res.status(), 201);
        let new: Value = res.json().await.unwrap();
        assert_eq!(new["status"], "valid");
        assert_eq!(new["name"], "Muhammad Bilal Qureshi");
        let new_number = new["number"].as_str().unwrap().to_owned();
        assert_ne!(new_number, old);
        let o: Value = app.get_api(&format!("/api/v1/certificates/{old}"), None).await.json().await.unwrap();
        assert_eq!(o["status"], "superseded");
        // The old QR still carries a genuine signature, and the register says it was replaced.
        let q: Value = app.post_api("/api/v1/certificates/verify", json!({ "qr": old_text }), None).await.json().await.unwrap();
        assert_eq!(q["signature_valid"], true);
        assert_eq!(q["certificate"]["status"], "superseded");
        // Superseded cannot be revoked or reissued again.
        assert_eq!(app.post_api(&path, json!({ "reason": "duplicate" }), Some(&admin.token)).await.status(), 410);
        // Revoke the new one.
        let res = app.post_api(&format!("/api/v1/admin/certificates/{new_number}/revocation"), json!({ "reason": "obtained by impersonation" }), Some(&admin.token)).await;
        assert_eq!(res.status(), 200);
        let n: Value = app.get_api(&format!("/api/v1/certificates/{new_number}"), None).await.json().await.unwrap();
        assert_eq!(n["status"], "revoked");
        assert_eq!(new["issued_on"], o["issued_on"], "a reissue keeps the dates");
        assert_eq!(new["expires_on"], o["expires_on"]);
        // A replaced or revoked certificate is not handed out as a clean document.
        assert_eq!(app.get_api(&format!("/api/v1/me/certificates/{old}/certificate.pdf"), Some(&t.token)).await.status(), 410);
        // A mistaken revocation is undone by a reissue.
        let res = app.post_api(&format!("/api/v1/admin/certificates/{new_number}/reissue"), json!({ "reason": "revoked by mistake" }), Some(&admin.token)).await;
        assert_eq!(res.status(), 201);
        let again: Value = res.json().await.unwrap();
        assert_eq!(again["status"], "valid");
        let actions = app.audit_actions().await;
        assert!(actions.contains(&"certificate.reissued".to_owned()) && actions.contains(&"certificate.revoked".to_owned()));
        // The same from the browser: the administrators' page finds it, revokes with a reason.
        let (_, number2, _) = certified(&app, &course, 521).await;
        app.clear_cookies();
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &admin.mobile), ("password", &admin.password)]).await;
        let (status, _, html) = app.get_page(&format!("/admin/certificates?n={number2}")).await;
        assert_eq!(status, 200);
        assert!(html.contains("Valid certificate") && html.contains("value=\"revoke\""));
        let (status, _, html) = app.post_form("/admin/certificates", &[("_csrf", &csrf), ("number", &number2), ("action", "revoke"), ("reason", "")]).await;
        assert_eq!(status, 422, "a reason is required");
        assert!(html.contains("id=\"reason-error\""));
        let (status, headers, _) = app.post_form("/admin/certificates", &[("_csrf", &csrf), ("number", &number2), ("action", "revoke"), ("reason", "obtained with a borrowed CNIC")]).await;
        assert_eq!(status, 303);
        let (_, _, html) = app.get_page(headers["location"].to_str().unwrap()).await;
        assert!(html.contains("Revoked: do not stamp"));
    }
}

/// A trainee with a certificate: (trainee, certificate number, certificate text).
pub async fn certified(
    app: &TestApp,
    course: &psk_course::Course,
    n: u32,
) -> (Trainee, String, String) {
    let t = app.trainee(n).await;
    complete_course(app, &t, course).await;
    let v: Value = app
        .post_api("/api/v1/test/attempts", json!({}), Some(&t.token))
        .await
        .json()
        .await
        .unwrap();
    answer(app, &t, course, &v, 40).await;
    app.post_api(
        &format!(
            "/api/v1/test/attempts/{}/submission",
            v["attempt_id"].as_str().unwrap()
        ),
        json!({}),
        Some(&t.token),
    )
    .await;
    let mine: Value = app
        .get_api("/api/v1/me/certificates", Some(&t.token))
        .await
        .json()
        .await
        .unwrap();
    (
        t,
        mine[0]["number"].as_str().unwrap().to_owned(),
        mine[0]["text"].as_str().unwrap().to_owned(),
    )
}

/// `PSS-XXXX-XXXX-X` in Crockford base32.
fn regex_like(n: &str) -> bool {
    let b = n.as_bytes();
    n.len() == 15
        && n.starts_with("PSS-")
        && b[8] == b'-'
        && b[13] == b'-'
        && n.bytes()
            .enumerate()
            .filter(|(i, _)| ![0, 1, 2, 3, 8, 13].contains(i))
            .all(|(_, c)| b"0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(&c))
}

/// An attempt left to run out is scored by the worker; a pass gets its certificate by SMS
/// without the trainee coming back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_attempt_is_scored_by_the_worker() {
    let app = TestApp::spawn_sqlite().await;
    let course = with_course(&app).await;
    let t = app.trainee(503).await;
    complete_course(&app, &t, &course).await;
    let v: Value = app
        .post_api("/api/v1/test/attempts", json!({}), Some(&t.token))
        .await
        .json()
        .await
        .unwrap();
    answer(&app, &t, &course, &v, 40).await;
    app.advance(46 * 60);
    assert_eq!(
        softskills::exam::service::settle_expired(&app.state)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        softskills::exam::service::settle_expired(&app.state)
            .await
            .unwrap(),
        0
    );
    let certs = psk_store::certificates::for_user(app.state.db.ex(), t.user_id.parse().unwrap())
        .await
        .unwrap();
    assert_eq!(certs.len(), 1);
    let sms = app.next_message("sms", &t.mobile_e164).await;
    assert!(sms["text"].as_str().unwrap().contains(&certs[0].number));
}

/// The QR code is decoded from the PNG by an independent decoder (zxing-cpp) and its signature
/// checked by a second COSE implementation (pycose), in Python. `./scripts/test` makes the
/// Python environment (`target/pycheck`, from `tests/python/requirements.txt`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_qr_verifies_with_an_independent_implementation() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let python = std::env::var("PSK_PYTHON")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| root.join("target/pycheck/bin/python"));
    assert!(
        python.exists(),
        "{} is missing: python3 -m venv target/pycheck && target/pycheck/bin/pip install -r tests/python/requirements.txt (./scripts/test does this)",
        python.display()
    );
    let app = TestApp::spawn_sqlite().await;
    let course = with_course(&app).await;
    let t = app.trainee(505).await;
    psk_store::users::set_full_name_ur(
        app.state.db.ex(),
        t.user_id.parse().unwrap(),
        Some("محمد آصف"),
        app.state.clock.now(),
    )
    .await
    .unwrap();
    complete_course(&app, &t, &course).await;
    let v: Value = app
        .post_api("/api/v1/test/attempts", json!({}), Some(&t.token))
        .await
        .json()
        .await
        .unwrap();
    answer(&app, &t, &course, &v, 40).await;
    let r: Value = app
        .post_api(
            &format!(
                "/api/v1/test/attempts/{}/submission",
                v["attempt_id"].as_str().unwrap()
            ),
            json!({}),
            Some(&t.token),
        )
        .await
        .json()
        .await
        .unwrap();
    let number = r["certificate"].as_str().unwrap().to_owned();
    let png = app
        .get_api(
            &format!("/api/v1/me/certificates/{number}/qr.png"),
            Some(&t.token),
        )
        .await;
    assert_eq!(png.headers()["content-type"], "image/png");
    let png = png.bytes().await.unwrap();
    // The PDF: A4, with the Urdu font embedded; kept in target/ for a person to look at
    // (`pdftoppm -png target/certificate-sample.pdf`).
    let pdf = app
        .get_api(
            &format!("/api/v1/me/certificates/{number}/certificate.pdf"),
            Some(&t.token),
        )
        .await;
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let pdf = pdf.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let raw = String::from_utf8_lossy(&pdf);
    assert!(
        raw.contains("NotoNastaliqUrdu") && raw.contains("NotoSans"),
        "both fonts embedded"
    );
    assert!(
        raw.contains("/MediaBox [0 0 595 842]") || raw.contains("/MediaBox[0 0 595 842]"),
        "A4"
    );
    std::fs::write(root.join("target/certificate-sample.pdf"), &pdf).unwrap();
    // The PNG for phones is the same sheet, rasterised; its QR code decodes too (below).
    let sheet = app
        .get_api(
            &format!("/api/v1/me/certificates/{number}/certificate.png"),
            Some(&t.token),
        )
        .await;
    assert_eq!(sheet.headers()["content-type"], "image/png");
    let sheet = sheet.bytes().await.unwrap();
    std::fs::write(app.dir.join("sheet.png"), &sheet).unwrap();
    let other = app.trainee(506).await;
    assert_eq!(
        app.get_api(
            &format!("/api/v1/me/certificates/{number}/certificate.pdf"),
            Some(&other.token)
        )
        .await
        .status(),
        404,
        "only its holder downloads it"
    );
    let keys = app
        .get_api("/api/v1/certificate-keys", None)
        .await
        .bytes()
        .await
        .unwrap();
    std::fs::write(app.dir.join("qr.png"), &png).unwrap();
    std::fs::write(app.dir.join("keys.json"), &keys).unwrap();
    let out = std::process::Command::new(&python)
        .arg(root.join("tests/python/check_certificate.py"))
        .arg(app.dir.join("qr.png"))
        .arg(app.dir.join("keys.json"))
        .arg(&number)
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("signature valid") && said.contains("changed byte refused"),
        "{said}"
    );
    // The QR code on the certificate picture decodes and verifies the same way.
    let out = std::process::Command::new(&python)
        .arg(root.join("tests/python/check_certificate.py"))
        .arg(app.dir.join("sheet.png"))
        .arg(app.dir.join("keys.json"))
        .arg(&number)
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "certificate picture: {said}");
}

/// `softskills verify` checks a QR text offline against a key file; `softskills admin
/// rotate-signing-key` makes a new key sign while the old one still verifies what it signed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_verification_and_key_rotation_from_the_command_line() {
    let app = TestApp::spawn_sqlite().await;
    let course = with_course(&app).await;
    let cli = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_softskills"))
            .args(args)
            .current_dir(&app.dir)
            .env("SOFTSKILLS_DATA_DIR", &app.dir)
            .env(
                "DATABASE_URL",
                format!("sqlite://{}", app.dir.join("test.db").display()),
            )
            .output()
            .unwrap()
    };
    let (_, first_number, first) = certified(&app, &course, 510).await;
    let out = cli(&["admin", "rotate-signing-key"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (_, _, second) = certified(&app, &course, 511).await;
    let keys = app
        .get_api("/api/v1/certificate-keys", None)
        .await
        .bytes()
        .await
        .unwrap();
    let set: Value = serde_json::from_slice(&keys).unwrap();
    assert_eq!(
        set["keys"].as_array().unwrap().len(),
        2,
        "the old key stays published"
    );
    std::fs::write(app.dir.join("keys.json"), &keys).unwrap();
    for text in [&first, &second] {
        let out = cli(&["verify", text, "--keys", "keys.json"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let said = String::from_utf8_lossy(&cli(&["verify", &first, "--keys", "keys.json"]).stdout)
        .into_owned();
    assert!(
        said.contains("valid signature") && said.contains(&first_number),
        "{said}"
    );
    // Without the old key: refused as signed by an unknown key.
    let only_new = json!({ "keys": [set["keys"][0].clone()] });
    std::fs::write(app.dir.join("new-only.json"), only_new.to_string()).unwrap();
    let out = cli(&["verify", &first, "--keys", "new-only.json"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not published"));
    // A changed character: refused, saying why.
    let mut forged = first.clone().into_bytes();
    let i = forged.len() / 2;
    forged[i] = if forged[i] == b'7' { b'8' } else { b'7' };
    let out = cli(&[
        "verify",
        &String::from_utf8(forged).unwrap(),
        "--keys",
        "keys.json",
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("altered or forged") || err.contains("not a PakSoftSkills"),
        "{err}"
    );
    let out = cli(&["verify", "hello", "--keys", "keys.json"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a PakSoftSkills certificate"));
}

/// The certificate is issued in the transaction of the passing result: when issuing fails, the
/// result is not recorded either (and the trainee can submit again once the cause is fixed).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pass_and_its_certificate_are_one_transaction() {
    let app = TestApp::spawn_sqlite().await;
    let course = with_course(&app).await;
    let t = app.trainee(520).await;
    complete_course(&app, &t, &course).await;
    let v: Value = app
        .post_api("/api/v1/test/attempts", json!({}), Some(&t.token))
        .await
        .json()
        .await
        .unwrap();
    answer(&app, &t, &course, &v, 40).await;
    // Break issuing: the certificate needs the CNIC, which this record has lost.
    let id: uuid::Uuid = t.user_id.parse().unwrap();
    let saved: Option<Vec<u8>> = psk_store::run!(app.state.db.ex(), |e| sqlx::query_scalar(
        "SELECT cnic_enc FROM users WHERE id = $1"
    )
    .bind(id)
    .fetch_one(e)
    .await)
    .unwrap();
    psk_store::run!(app.state.db.ex(), |e| sqlx::query(
        "UPDATE users SET cnic_enc = NULL WHERE id = $1"
    )
    .bind(id)
    .execute(e)
    .await
    .map(|_| ()))
    .unwrap();
    let attempt = v["attempt_id"].as_str().unwrap();
    let res = app
        .post_api(
            &format!("/api/v1/test/attempts/{attempt}/submission"),
            json!({}),
            Some(&t.token),
        )
        .await;
    assert_eq!(res.status(), 410);
    assert_eq!(app.count("certificates").await, 0);
    let a: Value = app
        .get_api(&format!("/api/v1/test/attempts/{attempt}"), Some(&t.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        a["submitted"], false,
        "the pass was not recorded without its certificate"
    );
    // Repaired: the same submission now passes and issues.
    psk_store::run!(app.state.db.ex(), |e| sqlx::query(
        "UPDATE users SET cnic_enc = $2 WHERE id = $1"
    )
    .bind(id)
    .bind(saved.clone())
    .execute(e)
    .await
    .map(|_| ()))
    .unwrap();
    let r: Value = app
        .post_api(
            &format!("/api/v1/test/attempts/{attempt}/submission"),
            json!({}),
            Some(&t.token),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(r["passed"], true);
    assert!(r["certificate"].is_string());
    assert_eq!(app.count("certificates").await, 1);
}

/// Public checks of real certificates are never counted; checks that find nothing are, and
/// past the allowance the address is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_checks_that_find_nothing_count_against_the_allowance() {
    let dir = std::env::temp_dir().join(format!("psk-verify-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut cfg =
        crate::harness::test_config(&dir, &format!("sqlite://{}", dir.join("t.db").display()));
    cfg.certificates.verify_per_hour = 3;
    let app = TestApp::start(cfg, dir, None).await;
    let course = with_course(&app).await;
    let (_, number, _) = certified(&app, &course, 530).await;
    for _ in 0..10 {
        let res = app
            .get_api(&format!("/api/v1/certificates/{number}"), None)
            .await;
        assert_eq!(res.status(), 200, "real certificates are not counted");
    }
    for _ in 0..3 {
        assert_eq!(
            app.get_api("/api/v1/certificates/PSS-0000-0000-0", None)
                .await
                .status(),
            200
        );
    }
    let res = app
        .get_api("/api/v1/certificates/PSS-0000-0000-0", None)
        .await;
    assert_eq!(res.status(), 429);
    assert_eq!(
        app.get_api(&format!("/api/v1/certificates/{number}"), None)
            .await
            .status(),
        429,
        "an address that used up its allowance waits"
    );
}
