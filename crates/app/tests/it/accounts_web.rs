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
}
