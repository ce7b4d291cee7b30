//! "Who accessed my data": the worker sees every read or change of their record by someone else,
//! with the role and office, never the person's name; their own actions are not listed; nobody
//! sees another worker's list.

use serde_json::Value;

use crate::exam::certified;
use crate::learning::with_course;
use crate::on_both;
use crate::protector::officer;

on_both! {
    async fn a_worker_sees_who_accessed_their_record(app) {
        let course = with_course(&app).await;
        let (t, _, _) = certified(&app, &course, 570).await;
        let mine: Value = app.get_api("/api/v1/me/access-log", Some(&t.token)).await.json().await.unwrap();
        assert_eq!(mine.as_array().unwrap().len(), 0, "their own actions are not accesses: {mine}");

        // A protector officer checks the certificate; an administrator opens the record.
        let o = officer(&app, 7, "LHR").await;
        let res = app.post_api("/api/v1/protector/lookups", serde_json::json!({ "cnic": t.cnic, "passport_number": t.passport }), Some(&o.token)).await;
        assert_eq!(res.status(), 200);
        let admin = app.staff("administrator", 34).await;
        assert_eq!(app.get_api(&format!("/api/v1/admin/users/{}", t.user_id), Some(&admin.token)).await.status(), 200);

        let log: Value = app.get_api("/api/v1/me/access-log", Some(&t.token)).await.json().await.unwrap();
        let entries = log.as_array().unwrap();
        assert_eq!(entries.len(), 2, "{log}");
        assert_eq!(entries[0]["action"], "person.read");
        assert_eq!(entries[0]["by_role"], "administrator");
        assert_eq!(entries[1]["action"], "protector.lookup");
        assert_eq!(entries[1]["by_role"], "protector_officer");
        assert_eq!(entries[1]["office"], "LHR");
        let text = log.to_string();
        assert!(!text.contains(&o.name) && !text.contains(&admin.name) && !text.contains(&o.mobile), "no staff member's details: {text}");

        // The page, in Urdu; and another worker's list does not show these.
        let csrf = app.csrf("/sign-in").await;
        app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &t.cnic), ("password", &t.password)]).await;
        app.set_cookie("pss_lang", "ur");
        let (status, _, html) = app.get_page("/my-data/access").await;
        assert_eq!(status, 200);
        assert!(html.contains("پروٹیکٹر کی مہر کے لیے آپ کا سرٹیفکیٹ جانچا") && html.contains("LHR"), "{html}");
        let other = app.trainee(571).await;
        let theirs: Value = app.get_api("/api/v1/me/access-log", Some(&other.token)).await.json().await.unwrap();
        assert_eq!(theirs.as_array().unwrap().len(), 0);
    }
}
