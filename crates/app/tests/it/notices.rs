//! The notifications centre (issue 13, item 3): every message the portal sends (codes excepted)
//! is also a notice in the app, in the reader's language, with read or unread state; nobody
//! reads or marks another's; support staff see each channel's delivery; a non-urgent SMS waits
//! out the quiet hours while a security alert does not.

use reqwest::Method;
use serde_json::Value;

use crate::harness::extract_between;
use crate::on_both;

async fn notices(app: &crate::harness::TestApp, token: &str, lang: &str) -> Value {
    let res = app
        .request(
            Method::GET,
            "/api/v1/me/notices",
            None,
            Some(token),
            &[("accept-language", lang)],
        )
        .await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

/// Opens a help ticket through the API; returns its number.
async fn open_ticket(app: &crate::harness::TestApp, token: &str) -> String {
    let fields = [
        ("category", "test"),
        ("subject", "The test page stopped"),
        ("message", "It stopped in the middle."),
    ];
    let res = app
        .upload_api("/api/v1/me/tickets", &fields, None, Some(token))
        .await;
    assert_eq!(res.status(), 201);
    let v: Value = res.json().await.unwrap();
    v["number"].as_str().unwrap().to_owned()
}

on_both! {
    async fn every_message_is_a_notice_read_in_the_app(app) {
        let t = app.trainee(700).await;
        let other = app.trainee(701).await;
        let agent = app.staff("support_agent", 60).await;
        assert_eq!(notices(&app, &t.token, "en").await["notices"].as_array().unwrap().len(), 0, "codes are no notices");

        let number = open_ticket(&app, &t.token).await;
        let sms = app.next_message("sms", &t.mobile_e164).await;
        assert!(sms["text"].as_str().unwrap().contains(&number));
        let v = notices(&app, &t.token, "en").await;
        assert_eq!(v["unread"], 1, "{v}");
        let n = &v["notices"][0];
        assert_eq!(n["kind"], "ticket_opened");
        assert_eq!(n["read"], false);
        assert!(n["body"].as_str().unwrap().contains(&number), "{n}");
        assert!(n.get("deliveries").is_none(), "the worker does not see delivery records");
        let id = n["id"].as_str().unwrap().to_owned();
        // In Urdu when asked in Urdu; the number stays as it was sent.
        let ur = notices(&app, &t.token, "ur").await;
        assert!(ur["notices"][0]["title"].as_str().unwrap().contains("درخواست"), "{ur}");
        assert!(ur["notices"][0]["body"].as_str().unwrap().contains(&number));

        // Nobody else's: another worker can neither see nor mark it.
        assert_eq!(notices(&app, &other.token, "en").await["notices"].as_array().unwrap().len(), 0);
        let path = format!("/api/v1/me/notices/{id}/read");
        assert_eq!(app.request(Method::POST, &path, None, Some(&other.token), &[]).await.status(), 404);
        assert_eq!(notices(&app, &t.token, "en").await["unread"], 1);
        assert_eq!(app.request(Method::POST, "/api/v1/me/notices/00000000-0000-0000-0000-000000000000/read", None, Some(&t.token), &[]).await.status(), 404);
        assert_eq!(app.request(Method::POST, &path, None, None, &[]).await.status(), 401);
        assert_eq!(app.request(Method::POST, &path, None, Some(&t.token), &[]).await.status(), 204);
        assert_eq!(app.request(Method::POST, &path, None, Some(&t.token), &[]).await.status(), 204, "read twice is fine");
        let v = notices(&app, &t.token, "en").await;
        assert_eq!(v["unread"], 0);
        assert_eq!(v["notices"][0]["read"], true);

        // Support sees what was sent and how each channel fared, once the worker sent it.
        let journey = format!("/api/v1/support/users/{}/journey?reason=caller%20asked", t.user_id);
        let mut sent = false;
        for _ in 0..200 {
            let j: Value = app.get_api(&journey, Some(&agent.token)).await.json().await.unwrap();
            let d = &j["notices"][0]["deliveries"];
            assert_eq!(d[0]["channel"], "sms", "{j}");
            if d[0]["status"] == "sent" {
                assert_eq!(d[0]["attempts"], 1);
                sent = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        assert!(sent, "the SMS delivery is recorded as sent");

        // The web page, in Urdu, without JavaScript: mark all read.
        open_ticket(&app, &t.token).await;
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &t.cnic), ("password", &t.password)]).await;
        app.set_cookie("pss_lang", "ur");
        let (status, _, html) = app.get_page("/dashboard").await;
        assert_eq!(status, 200);
        assert!(html.contains("href=\"/notices\"") && html.contains("1 نیا"), "{html}");
        let (status, _, html) = app.get_page("/notices").await;
        assert_eq!(status, 200);
        assert!(html.contains("میرے پیغامات") && html.contains(&number), "{html}");
        let csrf = extract_between(&html, "name=\"_csrf\" value=\"", "\"").unwrap();
        let (status, _, _) = app.post_form("/notices/read", &[("_csrf", "wrong")]).await;
        assert_eq!(status, 403);
        assert_eq!(notices(&app, &t.token, "en").await["unread"], 1, "a refused form changes nothing");
        let (status, headers, _) = app.post_form("/notices/read", &[("_csrf", &csrf)]).await;
        assert_eq!(status, 303);
        assert_eq!(headers["location"], "/notices");
        assert_eq!(notices(&app, &t.token, "en").await["unread"], 0);
    }
}

on_both! {
    with(|cfg: &mut softskills::config::Config| { cfg.sms.quiet_from_hour = 21; cfg.sms.quiet_until_hour = 8; })
    async fn a_reply_waits_out_the_quiet_hours_and_an_alert_does_not(app) {
        let t = app.trainee(702).await;
        // 22:30 tomorrow in Pakistan.
        let pkt = softskills::time::pakistan();
        let day = softskills::time::pakistan_date(app.state.clock.now()) + chrono::Duration::days(1);
        let at = |d: chrono::NaiveDate, h: u32, m: u32| d.and_hms_opt(h, m, 0).unwrap().and_local_timezone(pkt).unwrap().to_utc();
        app.state.clock.set(at(day, 22, 30));
        let before = app.outbox().len();
        let number = open_ticket(&app, &t.token).await;
        let v = notices(&app, &t.token, "en").await;
        assert!(v["notices"][0]["body"].as_str().unwrap().contains(&number), "the notice is there at once");
        let queued: Vec<(String, chrono::DateTime<chrono::Utc>)> = psk_store::run!(app.state.db.ex(), |e| sqlx::query_as(
            "SELECT status, not_before FROM notice_deliveries").fetch_all(e).await).unwrap();
        assert_eq!(queued.len(), 1);
        assert_eq!(queued[0].0, "queued");
        // Held until 08:00 in Pakistan the next morning.
        let morning = at(day + chrono::Duration::days(1), 8, 0);
        assert_eq!(queued[0].1, morning);
        tokio::time::sleep(std::time::Duration::from_millis(600)).await;
        assert_eq!(app.outbox().len(), before, "nothing leaves in the quiet hours");

        // A security alert leaves at once: a mobile change is urgent.
        softskills::notices::send(
            &app.state,
            app.state.db.ex(),
            &psk_store::users::find(app.state.db.ex(), t.user_id.parse().unwrap()).await.unwrap().unwrap(),
            softskills::notices::Kind::MobileChanged,
            &[],
            None,
        )
        .await
        .unwrap();
        softskills::notify::wake_worker(&app.state);
        let alert = app.next_message("sms", &t.mobile_e164).await;
        assert!(alert["text"].as_str().unwrap().contains("mobile"), "{alert}");

        // Morning: the held reply goes.
        app.state.clock.set(morning + chrono::Duration::seconds(1));
        softskills::notify::wake_worker(&app.state);
        let held = app.next_message("sms", &t.mobile_e164).await;
        assert!(held["text"].as_str().unwrap().contains(&number), "{held}");
    }
}
