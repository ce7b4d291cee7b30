//! Roles and ownership: every route that takes an id answers "not found" for someone else's
//! record, and staff routes check the role.

use reqwest::Method;
use serde_json::{Value, json};

use crate::on_both;

on_both! {
    async fn a_trainee_never_touches_another_trainees_records(app) {
        let alice = app.trainee(40).await;
        let bob = app.trainee(41).await;
        let edu: Value = app.post_api("/api/v1/me/education", json!({ "level": "matric", "institution": "Govt High School", "year": "2014" }), Some(&bob.token)).await.json().await.unwrap();
        let edu_id = edu["id"].as_str().unwrap().to_owned();
        let job: Value = app.post_api("/api/v1/me/employment", json!({ "employer": "Al Noor", "job_title": "Mason", "occupation": "7112", "country": "SA", "from": "2019-01" }), Some(&bob.token)).await.json().await.unwrap();
        let job_id = job["id"].as_str().unwrap().to_owned();
        let bob_devices: Value = app.get_api("/api/v1/me/devices", Some(&bob.token)).await.json().await.unwrap();
        let device_id = bob_devices[0]["id"].as_str().unwrap().to_owned();
        let bob_sessions: Value = app.get_api("/api/v1/me/sessions", Some(&bob.token)).await.json().await.unwrap();
        let session_id = bob_sessions[0]["id"].as_str().unwrap().to_owned();

        let edu_body = json!({ "level": "master" });
        let job_body = json!({ "employer": "X", "job_title": "Y", "occupation": "7112", "country": "SA", "from": "2019-01" });
        let attempts = [
            (Method::PUT, format!("/api/v1/me/education/{edu_id}"), Some(edu_body.clone())),
            (Method::DELETE, format!("/api/v1/me/education/{edu_id}"), None),
            (Method::PUT, format!("/api/v1/me/employment/{job_id}"), Some(job_body.clone())),
            (Method::DELETE, format!("/api/v1/me/employment/{job_id}"), None),
            (Method::DELETE, format!("/api/v1/me/devices/{device_id}/sessions"), None),
            (Method::DELETE, format!("/api/v1/me/sessions/{session_id}"), None),
        ];
        let missing = uuid::Uuid::new_v4();
        for (method, path, body) in attempts {
            let theirs = app.request(method.clone(), &path, body.clone(), Some(&alice.token), &[]).await;
            assert_eq!(theirs.status(), 404, "{method} {path}");
            let theirs: Value = theirs.json().await.unwrap();
            // "Not yours" answers exactly like "not there".
            let fake_path = path.replace(&edu_id, &missing.to_string()).replace(&job_id, &missing.to_string()).replace(&device_id, &missing.to_string()).replace(&session_id, &missing.to_string());
            let absent: Value = app.request(method.clone(), &fake_path, body, Some(&alice.token), &[]).await.json().await.unwrap();
            assert_eq!(theirs, absent, "{method} {path}");
        }
        // Bob's records are untouched and his session still works.
        let me: Value = app.get_api("/api/v1/me", Some(&bob.token)).await.json().await.unwrap();
        assert_eq!(me["education"][0]["level"], "matric");
        assert_eq!(me["employment"][0]["employer"], "Al Noor");
        // The web routes that take an id behave the same.
        let csrf = app.csrf("/sign-in").await;
        let (status, _, _) = app.post_form(&format!("/profile/education/{edu_id}/delete"), &[("_csrf", &csrf)]).await;
        assert_eq!(status, 303, "not signed in: sent to sign-in");
    }

    async fn staff_routes_check_the_role(app) {
        let trainee = app.trainee(42).await;
        let other = app.trainee(43).await;
        let support = app.staff("support_agent", 1).await;
        let grader = app.staff("grader", 2).await;
        let admin = app.staff("administrator", 3).await;
        let path = format!("/api/v1/admin/users/{}", other.user_id);

        for who in [&trainee, &grader] {
            let res = app.get_api(&path, Some(&who.token)).await;
            assert_eq!(res.status(), 403);
            assert_eq!(res.json::<Value>().await.unwrap()["code"], "forbidden");
        }
        assert_eq!(app.get_api(&path, None).await.status(), 401);
        let before = app.audit_actions().await.iter().filter(|a| *a == "person.read").count();
        let res = app.get_api(&path, Some(&support.token)).await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.json::<Value>().await.unwrap()["full_name"], other.name);
        assert_eq!(app.audit_actions().await.iter().filter(|a| *a == "person.read").count(), before + 1, "every read of another person's data is audited");
        assert_eq!(app.get_api(&format!("/api/v1/admin/users/{}", uuid::Uuid::new_v4()), Some(&support.token)).await.status(), 404);
        let audit: Value = app.get_api(&format!("{path}/audit"), Some(&support.token)).await.json().await.unwrap();
        assert!(audit.as_array().unwrap().iter().any(|e| e["action"] == "person.read"));

        // Only administrators change roles or create staff.
        let role_path = format!("/api/v1/admin/users/{}/role", other.user_id);
        let res = app.request(Method::PUT, &role_path, Some(json!({ "role": "grader" })), Some(&support.token), &[]).await;
        assert_eq!(res.status(), 403);
        let res = app.request(Method::PUT, &role_path, Some(json!({ "role": "root" })), Some(&admin.token), &[]).await;
        assert_eq!(res.status(), 422);
        let res = app.request(Method::PUT, &role_path, Some(json!({ "role": "grader" })), Some(&admin.token), &[]).await;
        assert_eq!(res.status(), 204);
        assert!(app.audit_actions().await.contains(&"role.changed".to_owned()));
        let res = app.request(Method::PUT, &format!("/api/v1/admin/users/{}/role", admin.user_id), Some(json!({ "role": "trainee" })), Some(&admin.token), &[]).await;
        assert_eq!(res.status(), 403, "an administrator cannot demote themselves");

        let new_staff = json!({ "role": "protector_officer", "full_name": "Officer Karim", "mobile": "03111234567", "password": "protector office 2026", "office": "ISB" });
        assert_eq!(app.post_api("/api/v1/admin/users", new_staff.clone(), Some(&support.token)).await.status(), 403);
        assert_eq!(app.post_api("/api/v1/admin/users", new_staff, Some(&admin.token)).await.status(), 201);
        let signed_in = app.post_api("/api/v1/sessions", json!({ "identifier": "03111234567", "password": "protector office 2026" }), None).await;
        assert_eq!(signed_in.json::<Value>().await.unwrap()["role"], "protector_officer");
        // A trainee's token never works on admin routes, and cookies never work on the API.
        let another = json!({ "role": "administrator", "full_name": "Not Allowed", "mobile": "03121234567", "password": "trying to escalate" });
        assert_eq!(app.post_api("/api/v1/admin/users", another, Some(&trainee.token)).await.status(), 403);
    }
}

on_both! {
    async fn web_routes_with_ids_answer_not_found_for_someone_elses(app) {
        let bob = app.trainee(44).await;
        let alice = app.trainee(45).await;
        let edu: Value = app.post_api("/api/v1/me/education", json!({ "level": "matric" }), Some(&bob.token)).await.json().await.unwrap();
        let edu_id = edu["id"].as_str().unwrap().to_owned();
        let job: Value = app.post_api("/api/v1/me/employment", json!({ "employer": "Al Noor", "job_title": "Mason", "occupation": "7112", "country": "SA", "from": "2019-01" }), Some(&bob.token)).await.json().await.unwrap();
        let job_id = job["id"].as_str().unwrap().to_owned();
        let devices: Value = app.get_api("/api/v1/me/devices", Some(&bob.token)).await.json().await.unwrap();
        let device_id = devices[0]["id"].as_str().unwrap().to_owned();

        app.clear_cookies();
        let csrf = app.csrf("/sign-in").await;
        let (status, _, _) = app.post_form("/sign-in", &[("_csrf", &csrf), ("identifier", &alice.cnic), ("password", &alice.password)]).await;
        let csrf = app.csrf("/dashboard").await; // a new token after sign-in
        assert_eq!(status, 303);
        for path in [format!("/profile/education/{edu_id}/delete"), format!("/profile/employment/{job_id}/delete"), format!("/devices/{device_id}/sign-out")] {
            let (status, _, html) = app.post_form(&path, &[("_csrf", &csrf)]).await;
            assert_eq!(status, 404, "{path}");
            assert!(html.contains("Page not found"), "{path}");
        }
        let me: Value = app.get_api("/api/v1/me", Some(&bob.token)).await.json().await.unwrap();
        assert_eq!(me["education"].as_array().unwrap().len(), 1);
        assert_eq!(me["employment"].as_array().unwrap().len(), 1);
        assert_eq!(app.get_api("/api/v1/me", Some(&bob.token)).await.status(), 200, "bob is still signed in");
    }

    async fn my_data_export_holds_everything_about_me_and_nothing_else(app) {
        let me = app.trainee(46).await;
        let other = app.trainee(47).await;
        let support = app.staff("support_agent", 4).await;
        app.get_api(&format!("/api/v1/admin/users/{}", me.user_id), Some(&support.token)).await;
        let export: Value = app.get_api("/api/v1/me/export", Some(&me.token)).await.json().await.unwrap();
        assert_eq!(export["profile"]["cnic"], "35202-1000046-1");
        assert!(!export["devices"].as_array().unwrap().is_empty());
        let activity = export["activity"].as_array().unwrap();
        assert!(activity.iter().any(|a| a["action"] == "person.read" && a["actor_id"] == support.user_id.as_str()), "who read my record");
        assert!(!export.to_string().contains(&other.cnic) && !export.to_string().contains("35202-1000047-1"));
    }
}
