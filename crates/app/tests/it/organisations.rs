//! Organisations that recruit (issue 14, item 1): the public application with its PDFs, OEC's
//! decisions in order and with reasons, the applicant told and following through a private
//! link, the contact person and colleagues joining by invitation, a suspended organisation's
//! users refused on their next request, and an OEP suspended the day its licence expires.

use serde_json::{Value, json};

use crate::harness::{error_codes, extract_between};
use crate::on_both;

pub fn pdf() -> Vec<u8> {
    let mut b = b"%PDF-1.7\n".to_vec();
    b.extend(std::iter::repeat_n(b'x', 2000));
    b
}

pub fn oep(mobile: &str, licence: &str) -> Vec<(&'static str, String)> {
    vec![
        ("organisation_kind", "oep".into()),
        ("legal_name", "Al-Noor Overseas Employment Promoters".into()),
        ("country", "PK".into()),
        ("address", "Office 4, Blue Area, Islamabad".into()),
        ("contact_name", "Tariq Mehmood".into()),
        ("contact_mobile", mobile.into()),
        ("contact_email", "tariq@alnoor.example.pk".into()),
        ("licence_number", licence.into()),
        ("licence_expires_on", "2027-06-30".into()),
    ]
}

pub fn fields<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

pub async fn decide(
    app: &crate::harness::TestApp,
    token: &str,
    id: &str,
    d: &str,
    reason: &str,
) -> reqwest::Response {
    app.post_api(
        &format!("/api/v1/admin/organisations/{id}/decisions"),
        json!({ "decision": d, "reason": reason }),
        Some(token),
    )
    .await
}

on_both! {
    async fn an_oep_applies_is_returned_corrects_is_approved_and_its_users_join(app) {
        app.start_of_hour();
        let admin = app.staff("administrator", 140).await;
        let form = oep("0300 5551401", "3456/rwp");
        let res = app.upload_files("/api/v1/organisations/applications", &fields(&form), vec![("registration", pdf()), ("licence", pdf())]).await;
        assert_eq!(res.status(), 201);
        let applied: Value = res.json().await.unwrap();
        let number = applied["number"].as_str().unwrap().to_owned();
        let key = applied["key"].as_str().unwrap().to_owned();
        assert!(number.starts_with("OR-"));
        // The contact is told: a one-part SMS, and the private link by email.
        let sms = app.next_message("sms", "+923005551401").await;
        assert!(sms["text"].as_str().unwrap().contains(&number), "{sms}");
        let mail = app.next_message("email", "tariq@alnoor.example.pk").await;
        assert!(mail["text"].as_str().unwrap().contains(&format!("/organisations/applications/{number}?key={key}")));

        // The applicant's link, and nothing for a wrong key.
        let mine = format!("/api/v1/organisations/applications/{number}?key={key}");
        let v: Value = app.get_api(&mine, None).await.json().await.unwrap();
        assert_eq!(v["status"], "applied");
        assert_eq!(v["licence_number"], "3456/RWP");
        assert!(v.get("complaints").is_none() && v.get("members").is_none());
        assert_eq!(app.get_api(&format!("/api/v1/organisations/applications/{number}?key=nope"), None).await.status(), 404);

        // OEC's list and record (audited); the documents download.
        let list: Value = app.get_api("/api/v1/admin/organisations", Some(&admin.token)).await.json().await.unwrap();
        let id = list[0]["id"].as_str().unwrap().to_owned();
        let record: Value = app.get_api(&format!("/api/v1/admin/organisations/{id}"), Some(&admin.token)).await.json().await.unwrap();
        assert_eq!(record["documents"].as_array().unwrap().len(), 2);
        assert_eq!(record["contact_mobile"], "0300 5551401");
        let doc = record["documents"][0]["id"].as_str().unwrap();
        let res = app.get_api(&format!("/api/v1/admin/organisations/{id}/documents/{doc}"), Some(&admin.token)).await;
        assert_eq!(res.headers()["content-type"], "application/pdf");
        assert_eq!(res.bytes().await.unwrap().to_vec(), pdf());
        let audit = app.audit_actions().await;
        assert!(audit.contains(&"organisation.read".to_owned()) && audit.contains(&"organisation.document_read".to_owned()));

        // A decision needs a reason and must be in order.
        let res = decide(&app, &admin.token, &id, "approve", " ").await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["required"]);
        let res = decide(&app, &admin.token, &id, "reinstate", "x").await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["organisation_decision_order"]);
        let res = decide(&app, &admin.token, &id, "return", "The licence PDF is unreadable; scan it again.").await;
        assert_eq!(res.status(), 200);
        assert!(app.next_message("sms", "+923005551401").await["text"].as_str().unwrap().contains("returned"));
        assert!(app.next_message("email", "tariq@alnoor.example.pk").await["text"].as_str().unwrap().contains("unreadable"));
        assert_eq!(decide(&app, &admin.token, &id, "approve", "ok").await.status(), 422, "a returned application waits for the applicant");

        // The applicant corrects it; a new licence PDF replaces nothing else.
        let mut corrected = oep("0300 5551401", "3456/RWP");
        corrected[1].1 = "Al-Noor Overseas Employment Promoters (Pvt) Ltd".into();
        let res = app.upload_files(&mine, &fields(&corrected), vec![("licence", pdf())]).await;
        assert_eq!(res.status(), 200);
        let v: Value = res.json().await.unwrap();
        assert_eq!(v["status"], "applied");
        assert_eq!(v["documents"].as_array().unwrap().len(), 3);
        assert_eq!(v["history"].as_array().unwrap().iter().map(|h| h["by"].as_str().unwrap()).collect::<Vec<_>>(), ["applicant", "oec", "applicant"]);
        assert!(app.next_message("sms", "+923005551401").await["text"].as_str().unwrap().contains("corrected"));
        assert_eq!(app.upload_files(&mine, &fields(&corrected), vec![]).await.status(), 410, "only a returned application");

        // Approved: the contact person gets an invitation code and joins.
        app.advance(61);
        assert_eq!(decide(&app, &admin.token, &id, "approve", "Licence checked with BE&OE.").await.status(), 200);
        assert!(app.next_message("sms", "+923005551401").await["text"].as_str().unwrap().contains("approved"));
        let invite = app.next_message("sms", "+923005551401").await;
        let code = extract_between(invite["text"].as_str().unwrap(), "code: ", ".").unwrap();
        let join = |code: &str, mobile: &str| json!({ "invitation": code, "mobile": mobile, "password": "recruit workers 2027" });
        let res = app.post_api("/api/v1/organisations/join", join(&code, "0300 5559999"), None).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["invitation_invalid"], "the code and the mobile it went to");
        let res = app.post_api("/api/v1/organisations/join", join(&code, "0300 5551401"), None).await;
        assert_eq!(res.status(), 201);
        let res = app.post_api("/api/v1/organisations/join", join(&code, "0300 5551401"), None).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["invitation_invalid"], "once");
        let res = app.post_api("/api/v1/sessions", json!({ "identifier": "03005551401", "password": "recruit workers 2027" }), None).await;
        let token = res.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_owned();
        let org: Value = app.get_api("/api/v1/organisation", Some(&token)).await.json().await.unwrap();
        assert_eq!(org["members"][0]["full_name"], "Tariq Mehmood");
        assert!(org.get("complaints").is_none());

        // A colleague is invited and joins.
        let res = app.post_api("/api/v1/organisation/invitations", json!({ "full_name": "Sadia Noor", "mobile": "0301 5551402" }), Some(&token)).await;
        assert_eq!(res.status(), 202);
        let text = app.next_message("sms", "+923015551402").await["text"].as_str().unwrap().to_owned();
        let code = extract_between(&text, "code: ", ".").unwrap();
        assert_eq!(app.post_api("/api/v1/organisations/join", join(&code, "03015551402"), None).await.status(), 201);

        // A worker's complaint naming the licence is on the organisation's record, for OEC only.
        let w = app.trainee(144).await;
        let complaint = |org: &'static str| [("category", "complaint"), ("subject", "Fee above the cap"), ("message", "They asked me for 300,000 rupees."), ("organisation", org)];
        let res = app.upload_api("/api/v1/me/tickets", &complaint("9999/XYZ"), None, Some(&w.token)).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["organisation_unknown"]);
        let res = app.upload_api("/api/v1/me/tickets", &complaint("3456/rwp"), None, Some(&w.token)).await;
        assert_eq!(res.status(), 201);
        let ticket: Value = res.json().await.unwrap();
        let record: Value = app.get_api(&format!("/api/v1/admin/organisations/{id}"), Some(&admin.token)).await.json().await.unwrap();
        assert_eq!(record["complaints"][0]["number"], ticket["number"]);
        assert_eq!(record["members"].as_array().unwrap().len(), 2);

        // Organisation users are not OEC: no list, no record.
        assert_eq!(app.get_api("/api/v1/admin/organisations", Some(&token)).await.status(), 403);
        assert_eq!(app.get_api(&format!("/api/v1/admin/organisations/{id}"), Some(&token)).await.status(), 403);

        // Signed in on the web too, to see what a suspension does to a browser session.
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", "03005551401"), ("password", "recruit workers 2027")]).await;
        assert_eq!(app.get_page("/organisation").await.0, 200);

        // Suspended: its users lose every right on their next request; reinstated, they are back.
        assert_eq!(decide(&app, &admin.token, &id, "suspend", "Complaints of fees above the cap.").await.status(), 200);
        let res = app.get_api("/api/v1/organisation", Some(&token)).await;
        assert_eq!(res.status(), 403);
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "organisation_not_active");
        assert_eq!(app.get_api("/api/v1/me", Some(&token)).await.status(), 403);
        // In the browser: refused with the reason, the public pages still open, and signing out
        // still works.
        let (status, _, html) = app.get_page("/organisation").await;
        assert_eq!(status, 403);
        assert!(html.contains("suspended"), "{html}");
        let (status, _, html) = app.get_page("/registers").await;
        assert_eq!(status, 200);
        let csrf = extract_between(&html, "name=\"_csrf\" value=\"", "\"").unwrap();
        assert_eq!(app.post_form("/sign-out", &[("_csrf", &csrf)]).await.0, 303);
        assert_eq!(app.get_page("/organisation").await.0, 303, "signed out: to the sign-in page");
        assert_eq!(decide(&app, &admin.token, &id, "reinstate", "Fees refunded.").await.status(), 200);
        assert_eq!(app.get_api("/api/v1/organisation", Some(&token)).await.status(), 200);
        let actions = app.audit_actions().await;
        assert_eq!(actions.iter().filter(|a| *a == "organisation.decided").count(), 4);
    }

    async fn an_oep_is_suspended_the_day_its_licence_expires(app) {
        let admin = app.staff("administrator", 141).await;
        let mut form = oep("0300 5551411", "7788/LHR");
        form[8].1 = (app.state.clock.now().date_naive() + chrono::Days::new(2)).to_string();
        let res = app.upload_files("/api/v1/organisations/applications", &fields(&form), vec![("registration", pdf()), ("licence", pdf())]).await;
        assert_eq!(res.status(), 201);
        let list: Value = app.get_api("/api/v1/admin/organisations", Some(&admin.token)).await.json().await.unwrap();
        let id = list[0]["id"].as_str().unwrap().to_owned();
        assert_eq!(decide(&app, &admin.token, &id, "approve", "Checked.").await.status(), 200);
        assert_eq!(softskills::orgs::decide::suspend_expired_licences(&app.state).await.unwrap(), 0, "valid through its last day");
        app.advance(3 * 86400);
        assert_eq!(softskills::orgs::decide::suspend_expired_licences(&app.state).await.unwrap(), 1);
        let record: Value = app.get_api(&format!("/api/v1/admin/organisations/{id}"), Some(&admin.token)).await.json().await.unwrap();
        assert_eq!(record["status"], "suspended");
        assert!(record["status_reason"].as_str().unwrap().contains("licence expired"));
        assert_eq!(record["history"].as_array().unwrap().last().unwrap()["by"], "system");
        assert_eq!(softskills::orgs::decide::suspend_expired_licences(&app.state).await.unwrap(), 0, "once");
    }

    async fn a_bad_application_is_named_field_by_field_and_nothing_is_kept(app) {
        let res = app.upload_files("/api/v1/organisations/applications", &[("legal_name", " ")], vec![]).await;
        assert_eq!(res.status(), 422);
        assert_eq!(error_codes(&res.json().await.unwrap()), ["choose_option", "required", "required", "required", "required", "required", "required", "document_required"]);
        // An employer abroad, not in Pakistan; an OEP's expired licence; a file that is not a PDF.
        let mut employer = oep("0300 5551421", "");
        employer[0].1 = "foreign_employer".into();
        let res = app.upload_files("/api/v1/organisations/applications", &fields(&employer), vec![("registration", b"\x89PNG\r\n\x1a\nimage".to_vec())]).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["destination_abroad", "document_pdf"]);
        let mut expired = oep("0300 5551422", "12/KHI");
        expired[8].1 = "2020-01-01".into();
        let res = app.upload_files("/api/v1/organisations/applications", &fields(&expired), vec![("registration", pdf())]).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["licence_expired", "document_required"]);
        assert_eq!(app.count("organisations").await, 0);
        assert_eq!(app.count("organisation_documents").await, 0);
        // One live record per licence.
        let good = oep("0300 5551423", "55/PEW");
        let files = || vec![("registration", pdf()), ("licence", pdf())];
        assert_eq!(app.upload_files("/api/v1/organisations/applications", &fields(&good), files()).await.status(), 201);
        let res = app.upload_files("/api/v1/organisations/applications", &fields(&good), files()).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["licence_taken"]);
        assert_eq!(app.count("organisations").await, 1);
        // A trainee or a support agent is not OEC's decider.
        let t = app.trainee(142).await;
        let agent = app.staff("support_agent", 143).await;
        for tok in [&t.token, &agent.token] {
            assert_eq!(app.get_api("/api/v1/admin/organisations", Some(tok)).await.status(), 403);
        }
    }

    async fn the_application_and_oec_desk_in_the_browser_in_urdu(app) {
        app.set_cookie("pss_lang", "ur");
        let (status, _, html) = app.get_page("/organisations/apply").await;
        assert_eq!(status, 200);
        assert!(html.contains("آجر یا بھرتی کرنے والے کے طور پر درخواست دیں"), "{html}");
        let csrf = extract_between(&html, "name=\"_csrf\" value=\"", "\"").unwrap();
        let (status, _, html) = app.post_files("/organisations/apply", &[("_csrf", &csrf), ("organisation_kind", "oep")], vec![]).await;
        assert_eq!(status, 422);
        assert!(html.contains("id=\"legal_name-error\"") && html.contains("id=\"licence-error\""), "{html}");
        let form = oep("0300 5551431", "909/ISB");
        let mut f = fields(&form);
        f.push(("_csrf", &csrf));
        let (status, _, html) = app.post_files("/organisations/apply", &f, vec![("registration", pdf()), ("licence", pdf())]).await;
        assert_eq!(status, 200);
        assert!(html.contains("آپ کی درخواست مل گئی ہے") && html.contains("OR-"), "{html}");
        let link = extract_between(&html, "<a href=\"http://", "\"").unwrap();
        let path = link.split_once('/').unwrap().1;
        let (status, _, html) = app.get_page(&format!("/{path}")).await;
        assert_eq!(status, 200);
        assert!(html.contains("OEC کے فیصلے کی منتظر"), "{html}");
    }
}

/// Applies with `form` (and both PDFs) and returns the organisation's id, as OEC sees it.
pub async fn applied(
    app: &crate::harness::TestApp,
    admin: &str,
    form: Vec<(&'static str, String)>,
) -> String {
    let res = app
        .upload_files(
            "/api/v1/organisations/applications",
            &fields(&form),
            match form[0].1.as_str() {
                "oep" => vec![("registration", pdf()), ("licence", pdf())],
                _ => vec![("registration", pdf())],
            },
        )
        .await;
    assert_eq!(res.status(), 201);
    let number = res.json::<Value>().await.unwrap()["number"]
        .as_str()
        .unwrap()
        .to_owned();
    let list: Value = app
        .get_api("/api/v1/admin/organisations", Some(admin))
        .await
        .json()
        .await
        .unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .find(|o| o["number"] == number.as_str())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// An approved OEP (licence `licence`, contact mobile `0300 55516nn`) and its first user's token.
pub async fn approved_oep(
    app: &crate::harness::TestApp,
    admin: &str,
    n: u32,
    licence: &str,
) -> (String, String) {
    approved(app, admin, n, licence).await
}

/// An approved foreign employer in the UAE and its user's token: (id, token).
pub async fn approved_employer(
    app: &crate::harness::TestApp,
    admin: &str,
    n: u32,
) -> (String, String) {
    approved(app, admin, n, "").await
}

/// An OEP with `licence`, or without one a foreign employer, approved; its user joined.
async fn approved(
    app: &crate::harness::TestApp,
    admin: &str,
    n: u32,
    licence: &str,
) -> (String, String) {
    let mobile = format!("0300 55516{n:02}");
    let e164 = format!("+9230055516{n:02}");
    let mut form = oep(&mobile, licence);
    form[1].1 = format!("Promoters {}", crate::people::letters(n));
    if licence.is_empty() {
        form[0].1 = "foreign_employer".into();
        form[2].1 = "AE".into();
    }
    let id = applied(app, admin, form).await;
    assert_eq!(
        decide(app, admin, &id, "approve", "Checked.")
            .await
            .status(),
        200
    );
    let code = loop {
        let text = app.next_message("sms", &e164).await["text"]
            .as_str()
            .unwrap()
            .to_owned();
        if let Some(c) = extract_between(&text, "code: ", ".") {
            break c;
        }
    };
    let join = json!({ "invitation": code, "mobile": mobile, "password": "recruit workers 2027" });
    assert_eq!(
        app.post_api("/api/v1/organisations/join", join, None)
            .await
            .status(),
        201
    );
    let res = app
        .post_api(
            "/api/v1/sessions",
            json!({ "identifier": mobile, "password": "recruit workers 2027" }),
            None,
        )
        .await;
    (
        id,
        res.json::<Value>().await.unwrap()["token"]
            .as_str()
            .unwrap()
            .to_owned(),
    )
}
