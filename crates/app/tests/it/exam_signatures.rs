//! The certificate's signature checked outside the portal: the QR code decoded and verified by an
//! independent implementation (Python), and `softskills verify` offline with key rotation.

use serde_json::{Value, json};

use crate::exam::{answer, certified, complete_course};
use crate::harness::TestApp;
use crate::learning::with_course;

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
    // The QR code on the certificate picture decodes and verifies the same way, at full size and
    // at half size with a slight blur.
    let out = std::process::Command::new(&python)
        .arg(root.join("tests/python/check_certificate.py"))
        .arg(app.dir.join("sheet.png"))
        .arg(app.dir.join("keys.json"))
        .arg(&number)
        .arg("--half")
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "certificate picture: {said}");
    assert!(said.contains("read at half size"), "{said}");
    // The link is compact: version 11 or less (61×61 modules), in capitals and digits.
    let mine: Value = app
        .get_api("/api/v1/me/certificates", Some(&t.token))
        .await
        .json()
        .await
        .unwrap();
    let link = mine[0]["link"].as_str().unwrap();
    let (width, _) = softskills::certificate::qr::modules(link).unwrap();
    assert!(width <= 61, "QR version {} for {link}", (width - 17) / 4);
    let base = app.state.config.public_url.to_ascii_uppercase();
    assert!(
        link.starts_with(&format!("{base}/V/"))
            && link[base.len() + 3..].bytes().all(|b| b.is_ascii_digit()),
        "{link}"
    );
}

/// `softskills verify` checks a QR text offline against a key file; a rotated key still verifies
/// what it signed while in use; a compromised one (`softskills admin compromise-signing-key`)
/// verifies nothing.
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
    // Rotated in this process: its test clock is the one the certificates were dated by (a
    // separate command would retire the key by the wall clock, hours behind the test's).
    softskills::certificate::keys::create(&app.state)
        .await
        .unwrap();
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

    // The issue instant is the real one (not midnight UTC of the Pakistan date, hours ahead).
    let keys_now = softskills::certificate::keys::published(&app.state)
        .await
        .unwrap();
    let keys_now: Vec<psk_cert::PublicKey> = keys_now.into_iter().map(|(k, _)| k).collect();
    let claims = psk_cert::seal::verify(&second, &keys_now, app.state.clock.today()).unwrap();
    let now = app.state.clock.now().timestamp();
    assert!(
        (now - 120..=now).contains(&claims.issued_at),
        "issued at {} (now {now})",
        claims.issued_at
    );

    // A key file that passes one key off under another's id is refused whole.
    let mut swapped = set.clone();
    let (k0, k1) = (set["keys"][0]["kid"].clone(), set["keys"][1]["kid"].clone());
    swapped["keys"][0]["kid"] = k1;
    swapped["keys"][1]["kid"] = k0;
    std::fs::write(app.dir.join("swapped.json"), swapped.to_string()).unwrap();
    let out = cli(&["verify", &second, "--keys", "swapped.json"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("does not belong to its key"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A key retired before a certificate's issue does not verify it (it was not in use then).
    let mut early = set.clone();
    early["keys"][1]["retired_at"] = json!("2020-01-01T00:00:00Z");
    std::fs::write(app.dir.join("early.json"), early.to_string()).unwrap();
    let out = cli(&["verify", &first, "--keys", "early.json"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("was not in use"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // A compromised key verifies nothing it signed, online or offline; a new key signs.
    let old_kid = set["keys"][1]["kid"].as_str().unwrap().to_owned();
    let out = cli(&[
        "admin",
        "compromise-signing-key",
        "--kid",
        &old_kid,
        "--reason",
        "key file copied off the server",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let res: Value = app
        .post_api("/api/v1/certificates/verify", json!({ "qr": first }), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(res["signature_valid"], false);
    assert_eq!(res["problem"], "key_compromised");
    let res: Value = app
        .post_api("/api/v1/certificates/verify", json!({ "qr": second }), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        res["signature_valid"], true,
        "the other key's certificates still verify"
    );
    let keys = app
        .get_api("/api/v1/certificate-keys", None)
        .await
        .bytes()
        .await
        .unwrap();
    std::fs::write(app.dir.join("keys-now.json"), &keys).unwrap();
    let out = cli(&["verify", &first, "--keys", "keys-now.json"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("compromised"));
    assert!(
        app.audit_actions()
            .await
            .contains(&"certificate.key_compromised".to_owned())
    );
    let out = cli(&[
        "admin",
        "compromise-signing-key",
        "--kid",
        "0000000000000000",
        "--reason",
        "x",
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no signing key"));
    // Rotation from the command line: a new key signs.
    let out = cli(&["admin", "rotate-signing-key"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("new signing key"));
}
