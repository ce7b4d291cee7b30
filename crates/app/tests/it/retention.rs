//! The retention schedule (docs/OPERATIONS.md): each kind of record goes when its period is over,
//! not before, and the purge is recorded as counts. The clock is moved past each period in turn.

use serde_json::json;

use crate::harness::{TestApp, Trainee};
use crate::on_both;

async fn purge(app: &TestApp) {
    softskills::notify::worker::purge(&app.state).await.unwrap();
}

on_both! {
    async fn each_record_goes_when_its_period_is_over(app) {
        app.start_of_hour();
        let t = app.trainee(560).await; // a used code, an API session on a device, a sent SMS job
        // A failed sign-in (counters) and a registration left unverified.
        app.post_api("/api/v1/sessions", json!({ "identifier": t.cnic, "password": "wrong password here" }), None).await;
        let mut reg = Trainee::numbered(561).registration();
        reg["email"] = json!("nadia@example.pk");
        assert_eq!(app.post_api("/api/v1/registrations", reg, None).await.status(), 202);
        let _ = app.next_code(&Trainee::numbered(561).mobile_e164).await;
        // A mobile change never confirmed.
        let res = app.post_api("/api/v1/me/mobile-changes", json!({ "mobile": "0321 5550560", "password": t.password }), Some(&t.token)).await;
        assert_eq!(res.status(), 202);
        // A notice (the portal told the worker something).
        let user = psk_store::users::find(app.state.db.ex(), t.user_id.parse().unwrap()).await.unwrap().unwrap();
        softskills::notices::send(&app.state, app.state.db.ex(), &user, softskills::notices::Kind::TicketOpened, &[("number", "HD-TEST".into())], None).await.unwrap();
        softskills::notify::wake_worker(&app.state);
        let _ = app.next_message("sms", &t.mobile_e164).await; // sent, so its job is done
        let r = app.state.config.retention.clone();
        let app = &app;
        let count = |t: &'static str| async move { app.count(t).await };
        for table in ["otps", "sessions", "rate_limits", "jobs", "pending_registrations", "devices", "mobile_changes", "notices"] {
            assert!(count(table).await > 0, "{table} has a row to purge");
        }

        // Nothing is due yet.
        purge(app).await;
        for table in ["otps", "sessions", "rate_limits", "jobs", "pending_registrations", "devices", "mobile_changes", "notices"] {
            assert!(count(table).await > 0, "{table} purged too early");
        }
        // Codes (5 minutes, then `otp_days`) and counters go after a day.
        app.advance((r.otp_days.max(r.counter_days) * 86400) + 3600);
        purge(app).await;
        assert_eq!(count("otps").await, 0);
        assert_eq!(count("rate_limits").await, 0);
        assert_eq!(count("mobile_changes").await, 0, "goes with its code");
        assert!(count("jobs").await > 0 && count("sessions").await > 0 && count("pending_registrations").await > 0);
        // A month on: the unverified registration (30 days), the sent jobs (30 days), and the
        // session that ended after 30 idle days (then `session_days`).
        app.advance(31 * 86400);
        purge(app).await;
        assert_eq!(count("pending_registrations").await, 0);
        assert_eq!(count("jobs").await, 0);
        assert_eq!(count("sessions").await, 0);
        assert!(count("devices").await > 0, "a device is kept for a year after it was seen");
        assert!(count("notices").await > 0, "a notice is kept for `notice_days`");
        // A year on: the device, now used by no session.
        app.advance(r.device_days * 86400);
        purge(app).await;
        assert_eq!(count("devices").await, 0);
        assert_eq!(count("notices").await + count("notice_deliveries").await, 0);
        // Recorded as counts only.
        let detail: String = psk_store::run!(app.state.db.ex(), |e| sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'retention.purged' ORDER BY at DESC LIMIT 1").fetch_one(e).await).unwrap();
        assert!(detail.contains("\"devices\":1") && detail.contains("\"notices\":1") && !detail.contains(&t.cnic) && !detail.contains("+92"), "{detail}");
    }
}
