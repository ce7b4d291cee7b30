//! The public registers (issue 14, item 9): an OEP's standing by licence number or name, and the
//! blacklisted employers; organisations only, never a contact person; limited per address.

use serde_json::{Value, json};

use crate::harness::error_codes;
use crate::on_both;
use crate::organisations::{applied, decide, fields, oep, pdf};

on_both! {
    async fn a_worker_checks_an_oep_and_the_blacklist_without_signing_in(app) {
        let admin = app.staff("administrator", 150).await;
        let approved = applied(&app, &admin.token, oep("0300 5551601", "3456/RWP")).await;
        assert_eq!(decide(&app, &admin.token, &approved, "approve", "Checked.").await.status(), 200);
        let mut other = oep("0300 5551602", "777/LHR");
        other[1].1 = "Lahore Manpower Services".into();
        let _waiting = applied(&app, &admin.token, other).await;
        let mut employer = oep("0300 5551603", "");
        employer[0].1 = "foreign_employer".into();
        employer[1].1 = "Gulf Sands Contracting LLC".into();
        employer[2].1 = "AE".into();
        let res = app.upload_files("/api/v1/organisations/applications", &fields(&employer), vec![("registration", pdf())]).await;
        assert_eq!(res.status(), 201);
        let list: Value = app.get_api("/api/v1/admin/organisations", Some(&admin.token)).await.json().await.unwrap();
        let gulf = list.as_array().unwrap().iter().find(|o| o["country"] == "AE").unwrap()["id"].as_str().unwrap().to_owned();
        // The OEP that answered for the employer is named with the blacklisting: an unknown one,
        // or one named for another decision, is refused and nothing changes.
        let url = format!("/api/v1/admin/organisations/{gulf}/decisions");
        let res = app.post_api(&url, json!({ "decision": "blacklist", "reason": "Withheld passports.", "oep": "9999/KHI" }), Some(&admin.token)).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["oep_unknown"]);
        let res = app.post_api(&url, json!({ "decision": "reject", "reason": "Incomplete.", "oep": "3456/RWP" }), Some(&admin.token)).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["oep_not_applicable"]);
        let res = app.post_api(&url, json!({ "decision": "blacklist", "reason": "Withheld workers' passports.", "oep": "3456/rwp" }), Some(&admin.token)).await;
        assert_eq!(res.status(), 200);

        // By licence number (as typed on a visiting card) and by part of the name.
        let found: Value = app.get_api("/api/v1/registers/oeps?q=3456%2Frwp", None).await.json().await.unwrap();
        assert_eq!(found[0]["legal_name"], "Al-Noor Overseas Employment Promoters");
        assert_eq!(found[0]["standing"], "valid");
        let found: Value = app.get_api("/api/v1/registers/oeps?q=noor%20overseas", None).await.json().await.unwrap();
        assert_eq!(found.as_array().unwrap().len(), 1);
        // An application OEC has not approved is not on the register; nor is a worker or contact.
        let found: Value = app.get_api("/api/v1/registers/oeps?q=777/LHR", None).await.json().await.unwrap();
        assert_eq!(found, serde_json::json!([]));
        let res = app.get_api("/api/v1/registers/oeps?q=ab", None).await;
        assert_eq!(error_codes(&res.json().await.unwrap()), ["register_query"]);
        let black: Value = app.get_api("/api/v1/registers/blacklisted-employers", None).await.json().await.unwrap();
        assert_eq!(black[0]["legal_name"], "Gulf Sands Contracting LLC");
        assert_eq!(black[0]["standing"], "blacklisted");
        assert_eq!(black[0]["answered_by"], "Al-Noor Overseas Employment Promoters · 3456/RWP");
        for text in [black.to_string(), found.to_string()] {
            assert!(!text.contains("5551") && !text.contains("tariq") && !text.contains("contact"), "{text}");
        }

        // Suspended shows as suspended at once.
        assert_eq!(decide(&app, &admin.token, &approved, "suspend", "Fees above the cap.").await.status(), 200);
        let found: Value = app.get_api("/api/v1/registers/oeps?q=3456/RWP", None).await.json().await.unwrap();
        assert_eq!(found[0]["standing"], "suspended");

        // The page, in Urdu, without signing in.
        app.set_cookie("pss_lang", "ur");
        let (status, _, html) = app.get_page("/registers?q=3456/RWP").await;
        assert_eq!(status, 200);
        assert!(html.contains("معطل") && html.contains("Gulf Sands Contracting LLC"), "{html}");
    }

    async fn the_register_is_limited_per_address(app) {
        let per_hour = app.state.config.certificates.verify_per_hour;
        app.start_of_hour();
        // A page with a search is one look-up (the blacklist below it is not counted again).
        assert_eq!(app.get_page("/registers?q=nobody").await.0, 200);
        for _ in 1..per_hour {
            assert_eq!(app.get_api("/api/v1/registers/oeps?q=nobody", None).await.status(), 200);
        }
        assert_eq!(app.get_api("/api/v1/registers/oeps?q=nobody", None).await.status(), 429);
        // The blacklist and a demand's check share the allowance.
        assert_eq!(app.get_api("/api/v1/registers/blacklisted-employers", None).await.status(), 429);
        assert_eq!(app.get_api("/api/v1/registers/demands/JD-0000-0000", None).await.status(), 429);
    }
}
