//! Organisations' API tokens (issue 14, item 11): made by a user, shown once, acting as that
//! user on the organisation's own data only; a token cannot make tokens; revoked or with the
//! organisation suspended, it stops on the next request.

use reqwest::Method;
use serde_json::{Value, json};

use crate::on_both;
use crate::organisations::{approved_oep, decide};
use crate::placements::open_demand;

on_both! {
    async fn a_token_reaches_its_organisations_data_only_until_revoked(app) {
        let admin = app.staff("administrator", 230).await;
        let (org_id, org) = approved_oep(&app, &admin.token, 15, "1015/ISB").await;
        let (_, other) = approved_oep(&app, &admin.token, 16, "1016/ISB").await;
        let (mine, _) = open_demand(&app, &admin.token, &org).await;
        let (theirs, _) = open_demand(&app, &admin.token, &other).await;

        let res = app.post_api("/api/v1/organisation/tokens", json!({ "name": "" }), Some(&org)).await;
        assert_eq!(res.status(), 422);
        let res = app.post_api("/api/v1/organisation/tokens", json!({ "name": "Our recruitment system" }), Some(&org)).await;
        assert_eq!(res.status(), 201);
        let t: Value = res.json().await.unwrap();
        let token = t["token"].as_str().unwrap().to_owned();
        assert!(token.starts_with("psk.org."));
        let id = t["id"].as_str().unwrap().to_owned();

        // It acts as its user, on the organisation's own data only.
        let list: Value = app.get_api("/api/v1/organisation/demands", Some(&token)).await.json().await.unwrap();
        assert_eq!(list.as_array().unwrap().len(), 1);
        assert_eq!(app.get_api(&format!("/api/v1/organisation/demands/{mine}"), Some(&token)).await.status(), 200);
        assert_eq!(app.get_api(&format!("/api/v1/organisation/demands/{theirs}"), Some(&token)).await.status(), 404);
        assert_eq!(app.get_api(&format!("/api/v1/organisation/demands/{theirs}/placements"), Some(&token)).await.status(), 404);
        // It cannot make or revoke tokens, and it is no web session.
        let res = app.post_api("/api/v1/organisation/tokens", json!({ "name": "another" }), Some(&token)).await;
        assert_eq!(res.status(), 403);
        assert_eq!(res.json::<Value>().await.unwrap()["code"], "token_cannot_manage_tokens");
        app.set_cookie("pss_session", &token);
        assert_eq!(app.get_page("/organisation").await.0, 303);
        app.clear_cookies();
        // Listed without the token; the other organisation does not see it or revoke it.
        let listed: Value = app.get_api("/api/v1/organisation/tokens", Some(&org)).await.json().await.unwrap();
        assert_eq!(listed[0]["name"], "Our recruitment system");
        assert!(!listed.to_string().contains(&token));
        let theirs_list: Value = app.get_api("/api/v1/organisation/tokens", Some(&other)).await.json().await.unwrap();
        assert!(theirs_list.as_array().unwrap().is_empty());
        let url = format!("/api/v1/organisation/tokens/{id}");
        assert_eq!(app.request(Method::DELETE, &url, None, Some(&other), &[]).await.status(), 404);

        // Suspending the organisation stops it; reinstating lets it on again; revoking ends it.
        assert_eq!(decide(&app, &admin.token, &org_id, "suspend", "Complaints under review.").await.status(), 200);
        let res = app.get_api("/api/v1/organisation/demands", Some(&token)).await;
        assert_eq!(res.status(), 403);
        assert_eq!(decide(&app, &admin.token, &org_id, "reinstate", "Reviewed.").await.status(), 200);
        assert_eq!(app.get_api("/api/v1/organisation/demands", Some(&token)).await.status(), 200);
        assert_eq!(app.request(Method::DELETE, &url, None, Some(&org), &[]).await.status(), 204);
        assert_eq!(app.get_api("/api/v1/organisation/demands", Some(&token)).await.status(), 401);
        assert_eq!(app.get_api("/api/v1/organisation/demands", Some(&org)).await.status(), 200, "the user's own session goes on");
        let actions = app.audit_actions().await;
        assert!(actions.contains(&"organisation.token_created".to_owned()) && actions.contains(&"organisation.token_revoked".to_owned()));
    }
}
