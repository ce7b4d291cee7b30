//! The web journey without JavaScript: forms, anti-forgery tokens, cookies, languages.

use crate::harness::{Trainee, extract_between};
use crate::on_both;

fn registration_form(t: &Trainee, csrf: &str) -> Vec<(String, String)> {
    let reg = t.registration();
    let mut fields: Vec<(String, String)> = reg
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| !k.starts_with("consent"))
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
        .collect();
    fields.push(("consent_training".into(), "on".into()));
    fields.push(("_csrf".into(), csrf.into()));
    fields
}

on_both! {
    async fn register_verify_and_land_on_the_dashboard_in_urdu(app) {
        app.set_cookie("pss_lang", "ur");
        let (status, headers, html) = app.get_page("/register").await;
        assert_eq!(status, 200);
        assert!(html.contains("<html lang=\"ur\" dir=\"rtl\">"));
        let csrf_cookie = headers.get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).find(|c| c.starts_with("pss_csrf=")).unwrap();
        assert!(csrf_cookie.contains("HttpOnly") && csrf_cookie.contains("SameSite=Lax") && !csrf_cookie.contains("Secure"), "{csrf_cookie}");
        let csrf = extract_between(&html, "name=\"_csrf\" value=\"", "\"").unwrap();

        let t = Trainee::numbered(50);
        let mut form = registration_form(&t, &csrf);
        // A bad value: the form comes back with the message in Urdu and the values kept.
        for f in form.iter_mut() {
            if f.0 == "mobile" {
                f.1 = "0423".into();
            }
        }
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let (status, _, html) = app.post_form("/register", &pairs).await;
        assert_eq!(status, 422);
        assert!(html.contains("aria-invalid=\"true\" aria-describedby=\"mobile-error\""));
        assert!(html.contains(&t.name), "values are kept");
        assert!(!html.contains(&t.password), "the password is never echoed");
        assert_eq!(app.count("pending_registrations").await, 0);

        let form = registration_form(&t, &csrf);
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let (status, headers, _) = app.post_form("/register", &pairs).await;
        assert_eq!(status, 303);
        let location = headers["location"].to_str().unwrap().to_owned();
        assert!(location.starts_with("/register/verify?id="));
        let (_, _, html) = app.get_page(&location).await;
        assert!(html.contains("0300 ****050"));
        let id = extract_between(&html, "name=\"id\" value=\"", "\"").unwrap();
        let code = app.next_code(&t.mobile_e164).await;
        let (status, headers, _) = app.post_form("/register/verify", &[("_csrf", &csrf), ("id", &id), ("code", &code)]).await;
        let csrf = app.csrf("/dashboard").await; // a new token after sign-in
        assert_eq!(status, 303);
        assert_eq!(headers["location"], "/dashboard?welcome=1");
        let session = headers.get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).find(|c| c.starts_with("pss_session=")).unwrap();
        assert!(session.contains("HttpOnly") && session.contains("SameSite=Lax"));
        let (status, _, html) = app.get_page("/dashboard?welcome=1").await;
        assert_eq!(status, 200);
        assert!(html.contains(&t.name));
        assert!(html.contains("35202-1000050-1"));
        assert!(html.contains("dir=\"rtl\""));

        // Sign out needs the token too, and ends the session.
        let (status, _, _) = app.post_form("/sign-out", &[("_csrf", "forged")]).await;
        assert_eq!(status, 403);
        let (status, _, _) = app.post_form("/sign-out", &[("_csrf", &csrf)]).await;
        assert_eq!(status, 303);
        let (status, headers, _) = app.get_page("/dashboard").await;
        assert_eq!(status, 303);
        assert_eq!(headers["location"], "/sign-in?next=%2Fdashboard");
    }

    async fn forms_without_the_token_change_nothing(app) {
        let t = Trainee::numbered(51);
        let _ = app.csrf("/register").await;
        let form = registration_form(&t, "not-the-token");
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let (status, _, html) = app.post_form("/register", &pairs).await;
        assert_eq!(status, 403);
        assert!(html.contains("form expired") || html.contains("expired"), "{html}");
        assert_eq!(app.count("pending_registrations").await, 0);
        assert!(app.outbox().is_empty());
    }

    async fn sign_in_page_and_wrong_password(app) {
        let t = app.trainee(52).await;
        app.clear_cookies();
        let csrf = app.csrf("/sign-in?next=/profile").await;
        let (status, _, html) = app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &t.cnic), ("password", "wrong one here"), ("next", "/profile")]).await;
        assert_eq!(status, 401);
        assert!(html.contains("is not right"));
        let (status, headers, _) = app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &t.mobile), ("password", &t.password), ("next", "//evil.example")]).await;
        assert_eq!(status, 303);
        assert_eq!(headers["location"], "/dashboard", "never redirected off the site");
        let (status, _, html) = app.get_page("/dashboard").await;
        assert_eq!(status, 200);
        assert!(html.contains("Web browser"), "the browser is listed among the devices");
    }

    async fn language_follows_the_browser_then_the_switch(app) {
        let res = app.request(reqwest::Method::GET, "/", None, None, &[("accept-language", "ur-PK,ur;q=0.9,en;q=0.5")]).await;
        let html = res.text().await.unwrap();
        assert!(html.contains("<html lang=\"ur\" dir=\"rtl\">"));
        // The Nastaliq font comes through the stylesheet (the phone's own first), not a preload.
        assert!(html.contains("<body class=\"lang-ur\">") && !html.contains("rel=\"preload\""));
        let csrf = app.csrf("/").await;
        let (status, headers, _) = app.post_form("/lang", &[("_csrf", &csrf), ("lang", "ur"), ("next", "/register")]).await;
        assert_eq!(status, 303);
        assert_eq!(headers["location"], "/register");
        assert_eq!(app.cookie("pss_lang").as_deref(), Some("ur"));
        let (_, _, html) = app.get_page("/").await;
        assert!(html.contains("dir=\"rtl\""), "the choice is remembered");
        let font = app.get_api("/static/fonts/NotoNastaliqUrdu-Regular.woff2", None).await;
        assert_eq!(font.status(), 200);
        assert_eq!(font.headers()["content-type"], "font/woff2");
    }

    async fn password_reset_pages(app) {
        let t = app.trainee(53).await;
        app.advance(61); // one code a minute per number
        app.clear_cookies();
        let csrf = app.csrf("/password-reset").await;
        let (status, headers, _) = app.post_form("/password-reset", &[("_csrf", &csrf), ("identifier", &t.cnic)]).await;
        assert_eq!(status, 303);
        let location = headers["location"].to_str().unwrap().to_owned();
        let id = location.split("id=").nth(1).unwrap().to_owned();
        let code = app.next_code(&t.mobile_e164).await;
        let (status, headers, _) = app.post_form("/password-reset/verify", &[("_csrf", &csrf), ("id", &id), ("code", &code), ("password", "brand new passphrase")]).await;
        assert_eq!(status, 303);
        assert_eq!(headers["location"], "/sign-in?reset=1");
    }

    async fn profile_pages_save_and_show_errors(app) {
        let t = app.trainee(54).await;
        app.clear_cookies();
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &t.cnic), ("password", &t.password)]).await;
        let csrf = app.csrf("/dashboard").await; // a new token after sign-in
        let (status, headers, _) = app.post_form("/profile/move", &[("_csrf", &csrf), ("destination", "AE"), ("occupation", "8322"), ("salary_amount", "2500"), ("salary_currency", "AED")]).await;
        assert_eq!(status, 303, "{headers:?}");
        let (status, _, html) = app.post_form("/profile/education", &[("_csrf", &csrf), ("level", "matric"), ("year", "3000")]).await;
        assert_eq!(status, 422);
        assert!(html.contains("year-error"));
        let (status, _, _) = app.post_form("/profile/employment", &[("_csrf", &csrf), ("employer", "Al Noor"), ("job_title", "Mason"), ("employment_occupation", "7112"), ("country", "SA"), ("from", "2019-01")]).await;
        assert_eq!(status, 303);
        let (_, _, html) = app.get_page("/profile").await;
        assert!(html.contains("Al Noor"));
        assert!(html.contains("value=\"AE\" selected"));
    }

    // A web cookie is not an API token and the reverse; an API call does not keep a web
    // session alive; every session ends a fixed time after sign-in however busy it is.
    async fn session_kinds_are_apart_and_sessions_end(app) {
        let t = app.trainee(55).await; // an API session (t.token)
        app.clear_cookies();
        let csrf = app.csrf("/sign-in").await;
        let (status, _, _) = app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &t.cnic), ("password", &t.password)]).await;
        assert_eq!(status, 303);
        let web = app.cookie("pss_session").unwrap();
        // The web cookie's token as a bearer token opens nothing, nor the API token as a cookie.
        assert_eq!(app.get_api("/api/v1/me", Some(&web)).await.status(), 401);
        assert_eq!(app.get_api("/api/v1/me", Some(&t.token)).await.status(), 200);
        app.set_cookie("pss_session", &t.token);
        let (status, headers, _) = app.get_page("/dashboard").await;
        assert_eq!(status, 303, "an API token is no web session");
        assert!(headers["location"].to_str().unwrap().starts_with("/sign-in"));
        app.set_cookie("pss_session", &web);
        assert_eq!(app.get_page("/dashboard").await.0, 200);

        // 90 minutes on, an API call cannot stretch the web session's two idle hours.
        app.advance(90 * 60);
        assert_eq!(app.get_api("/api/v1/me", Some(&t.token)).await.status(), 200);
        app.advance(40 * 60);
        assert_eq!(app.get_page("/dashboard").await.0, 303, "idle for 130 minutes");

        // A web session used every hour still ends 12 hours after sign-in.
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &t.cnic), ("password", &t.password)]).await;
        for _ in 0..11 {
            app.advance(3600);
            assert_eq!(app.get_page("/dashboard").await.0, 200);
        }
        app.advance(3601);
        assert_eq!(app.get_page("/dashboard").await.0, 303, "12 hours after sign-in");
        // The API session, used every 20 days, ends 90 days after it was opened.
        for _ in 0..5 {
            assert_eq!(app.get_api("/api/v1/me", Some(&t.token)).await.status(), 200);
            app.advance(20 * 86400);
        }
        // Day 100: last used 20 days ago (within the 30 idle days), opened more than 90 days ago.
        assert_eq!(app.get_api("/api/v1/me", Some(&t.token)).await.status(), 401);
    }
}

on_both! {
    // The anti-forgery token changes at sign-in (a token seen before no longer works), and a
    // state-changing request another site made is refused by `Sec-Fetch-Site` or `Origin`.
    async fn forms_are_this_sites_own(app) {
        let t = app.trainee(56).await;
        app.clear_cookies();
        let before = app.csrf("/sign-in").await;
        let (status, _, _) = app.post_form("/sign-in", &[("_csrf", &before), ("identifier", &t.cnic), ("password", &t.password)]).await;
        assert_eq!(status, 303);
        let (status, _, html) = app.post_form("/lang", &[("_csrf", &before), ("lang", "ur"), ("next", "/dashboard")]).await;
        assert_eq!(status, 403, "the token from before sign-in is spent");
        assert!(html.contains("This form expired"));
        let after = app.csrf("/dashboard").await;
        assert_ne!(after, before);
        assert_eq!(app.post_form("/lang", &[("_csrf", &after), ("lang", "en"), ("next", "/dashboard")]).await.0, 303);

        // The same valid form, sent by another site.
        let cookie = format!("pss_session={}; pss_csrf={}", app.cookie("pss_session").unwrap(), app.cookie("pss_csrf").unwrap());
        let form = [("_csrf", after.as_str()), ("lang", "ur"), ("next", "/dashboard")];
        let send = |headers: Vec<(&'static str, String)>| {
            let mut req = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
                .post(format!("{}/lang", app.base)).header("cookie", cookie.clone()).form(&form);
            for (k, v) in headers {
                req = req.header(k, v);
            }
            async move { req.send().await.unwrap() }
        };
        let res = send(vec![("sec-fetch-site", "cross-site".into())]).await;
        assert_eq!(res.status(), 403);
        let set: Vec<_> = res.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect();
        assert!(!set.iter().any(|c| c.starts_with("pss_lang=")), "nothing changed: {set:?}");
        assert!(res.text().await.unwrap().contains("sent from another website"));
        assert_eq!(send(vec![("sec-fetch-site", "same-site".into())]).await.status(), 403);
        assert_eq!(send(vec![("origin", "https://evil.example".into())]).await.status(), 403);
        assert_eq!(send(vec![("origin", "null".into())]).await.status(), 403);
        // This site's own requests pass: by Sec-Fetch-Site, or by an Origin of this host.
        assert_eq!(send(vec![("sec-fetch-site", "same-origin".into())]).await.status(), 303);
        assert_eq!(send(vec![("origin", app.base.clone())]).await.status(), 303);
    }
}
