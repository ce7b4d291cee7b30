//! Operations endpoints, the OpenAPI document, security headers, page weight and logs.

use std::io::Write;

use serde_json::Value;

use crate::on_both;

const PAGES: &[&str] = &[
    "/",
    "/register",
    "/sign-in",
    "/password-reset",
    "/privacy",
    "/no-such-page",
];

fn gzip_len(bytes: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap().len()
}

on_both! {
    async fn health_readiness_and_metrics(app) {
        let res = app.get_api("/healthz", None).await;
        assert_eq!(res.status(), 200);
        assert_eq!(app.get_api("/readyz", None).await.status(), 200);
        app.get_api("/", None).await;
        // Not served at all without a configured token.
        assert_eq!(app.get_api("/metrics", None).await.status(), 404);
    }
}

on_both! {
    with(|c: &mut softskills::config::Config| c.secrets.metrics_token = softskills::config::Secret("prometheus-scrape-token".into()))
    async fn metrics_need_their_token(app) {
        assert_eq!(app.get_api("/healthz", None).await.status(), 200);
        assert_eq!(app.get_api("/metrics", None).await.status(), 401);
        assert_eq!(app.get_api("/metrics", Some("a-wrong-token-of-some-length")).await.status(), 401);
        let metrics = app.get_api("/metrics", Some("prometheus-scrape-token")).await.text().await.unwrap();
        assert!(metrics.contains("http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1"), "{metrics}");
        assert!(metrics.contains("http_request_duration_seconds_bucket"));
        assert!(metrics.contains("jobs_pending "));
    }
}

on_both! {
    async fn openapi_document_describes_the_api(app) {
        let doc: Value = app.get_api("/api/openapi.json", None).await.json().await.unwrap();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        let paths = doc["paths"].as_object().unwrap();
        for p in ["/api/v1/registrations", "/api/v1/registrations/{id}/verify", "/api/v1/sessions", "/api/v1/me", "/api/v1/me/education/{id}", "/api/v1/password-resets", "/api/v1/admin/users/{id}", "/api/v1/reference/districts"] {
            assert!(paths.contains_key(p), "{p} missing");
        }
        assert!(doc["components"]["schemas"]["ProblemDoc"].is_object());
        assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
        // Exact (api/exact.rs): errors are problem documents, shared statuses declared, and the
        // fields the server requires are required.
        let me = &doc["paths"]["/api/v1/me"]["get"]["responses"];
        for status in ["401", "404", "429", "500", "503"] {
            assert!(me[status]["content"]["application/problem+json"].is_object(), "{status}: {me}");
        }
        assert!(doc["paths"]["/api/v1/sessions"]["post"]["responses"]["415"].is_object());
        let employment = &doc["components"]["schemas"]["EmploymentInput"];
        assert!(employment["required"].as_array().unwrap().contains(&Value::from("employer")));
        assert_eq!(employment["properties"]["employer"]["minLength"], 1);
        assert!(doc["components"]["schemas"]["ClientIn"]["required"].as_array().unwrap().contains(&Value::from("office")));
    }

    async fn every_response_carries_the_security_headers(app) {
        for path in ["/", "/api/v1/me", "/static/app.css", "/no-such-page", "/healthz", "/api/openapi.json"] {
            let res = app.get_api(path, None).await;
            let h = res.headers();
            let csp = h["content-security-policy"].to_str().unwrap();
            assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && csp.contains("frame-ancestors 'none'"), "{path}");
            assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
            assert_eq!(h["x-frame-options"], "DENY", "{path}");
            assert!(h.contains_key("referrer-policy"), "{path}");
        }
        let res = app.get_api("/no-such-page", None).await;
        assert_eq!(res.status(), 404);
        assert!(res.text().await.unwrap().contains("Page not found"));
        let res = app.get_api("/api/v1/no-such-thing", None).await;
        assert_eq!(res.status(), 404);
        assert_eq!(res.headers()["content-type"], "application/problem+json");
    }

    async fn pages_stay_small_for_slow_phones(app) {
        let css = app.get_api("/static/app.css", None).await.bytes().await.unwrap();
        let js = app.get_api("/static/app.js", None).await.bytes().await.unwrap();
        let assets = gzip_len(&css) + gzip_len(&js);
        let t = app.trainee(70).await;
        let check = |path: &str, lang: &str, html: &str| {
            let total = gzip_len(html.as_bytes()) + assets;
            assert!(total < 50 * 1024, "{path} in {lang}: {total} bytes compressed");
            assert!(html.contains("name=\"viewport\""), "{path} in {lang}: {html}");
        };
        app.clear_cookies();
        for lang in ["en", "ur"] {
            app.set_cookie("pss_lang", lang);
            for path in PAGES {
                let (_, _, html) = app.get_page(path).await;
                check(path, lang, &html);
            }
        }
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &t.cnic), ("password", &t.password)]).await;
        for lang in ["en", "ur"] {
            app.set_cookie("pss_lang", lang);
            for path in ["/dashboard", "/profile"] {
                let (_, _, html) = app.get_page(path).await;
                check(path, lang, &html);
            }
        }
    }

    async fn cookies_are_secure_outside_local_development(app) {
        drop(app);
        let dir = std::env::temp_dir().join(format!("psk-secure-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut cfg = crate::harness::test_config(&dir, &format!("sqlite://{}", dir.join("t.db").display()));
        cfg.public_url = "https://paksoftskills.example.pk".into();
        cfg.allow_development_defaults = true;
        let app = crate::harness::TestApp::start(cfg, dir, None).await;
        let res = app.get_api("/", None).await;
        assert!(res.headers()["strict-transport-security"].to_str().unwrap().contains("max-age="));
        let cookies: Vec<String> = res.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect();
        assert!(!cookies.is_empty() && cookies.iter().all(|c| c.contains("; Secure") && c.contains("HttpOnly")), "{cookies:?}");
    }
}

on_both! {
    async fn a_database_failure_is_a_plain_503_in_the_users_language(app) {
        let t = app.trainee(71).await;
        app.state.db.close().await;
        assert_eq!(app.get_api("/readyz", None).await.status(), 503);
        let res = app.request(reqwest::Method::GET, "/api/v1/me", None, Some(&t.token), &[("accept-language", "ur")]).await;
        assert_eq!(res.status(), 503);
        assert_eq!(res.headers()["content-type"], "application/problem+json");
        assert!(res.headers().contains_key("retry-after"));
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["code"], "service_unavailable");
        assert!(body["detail"].as_str().unwrap().chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)));
        let csrf = app.csrf("/sign-in").await;
        let (status, headers, html) = app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &t.cnic), ("password", &t.password)]).await;
        assert_eq!(status, 503);
        assert!(html.contains("Nothing from this step was saved"), "{html}");
        assert!(!html.to_lowercase().contains("pool"), "no internals shown");
        assert!(headers.contains_key("content-security-policy"));
    }
}
