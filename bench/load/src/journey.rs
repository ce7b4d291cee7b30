//! The `journey` scenario: many trainees at once, each going the whole way through the API as the
//! mobile app would: register, the OTP from the SMS, sign in, every lesson read with heartbeats
//! every 15 s until its reading time has really passed, every quiz and task answered, the final
//! test taken and passed, the certificate fetched and checked by number. Answers come from the
//! content directory's key, matched to the attempt's option tokens by their English text.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use psk_course::Course;
use rand::Rng;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tokio::task::JoinSet;

use crate::http::{Answer, Auth, Http};
use crate::outbox::Codes;
use crate::stats::{Recorder, memory_mb, print_table};

mod steps;

#[derive(clap::Args)]
pub struct Args {
    /// The portal, e.g. http://127.0.0.1:8090
    #[arg(long)]
    url: String,
    /// The course content the server imported (for the answer key).
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// The server's development SMS outbox (`data/outbox.jsonl`), where the OTPs arrive.
    #[arg(long)]
    outbox: PathBuf,
    /// How many trainees take the journey.
    #[arg(long, default_value_t = 500)]
    trainees: usize,
    /// Seconds over which their registrations are spread.
    #[arg(long, default_value_t = 60)]
    spread: u64,
    #[arg(long, default_value_t = 64)]
    connections: usize,
    /// The first trainee number (CNIC, passport and mobile derive from it); by default one from
    /// the clock, so a rerun on the same database registers new people.
    #[arg(long)]
    first: Option<u64>,
    /// The server's process id, to report its memory.
    #[arg(long)]
    server_pid: Option<u32>,
}

const PASSWORD: &str = "journey bench password 2026";

pub async fn run(a: Args) -> anyhow::Result<()> {
    let files = psk_course::read_dir(&a.content)?;
    let course = Arc::new(
        psk_course::load(&files)
            .map_err(|p| anyhow::anyhow!("{} has {} problem(s)", a.content.display(), p.len()))?,
    );
    let http = Http::new(&a.url, a.connections)?;
    let rec = Arc::new(Recorder::default());
    let codes = Arc::new(Codes::default());
    let tail = tokio::spawn(codes.clone().follow(a.outbox.clone()));
    let first = a.first.unwrap_or_else(|| {
        let secs = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or_default();
        secs % 9_000 * 1_000
    });
    println!(
        "journey: {} trainees from number {first}, registrations spread over {} s, {} connections",
        a.trainees, a.spread, a.connections
    );
    let started = Instant::now();
    let mut set = JoinSet::new();
    let mut rng = rand::rng();
    for n in 0..a.trainees as u64 {
        let delay = Duration::from_secs_f64(a.spread as f64 * rng.random::<f64>());
        let (http, rec, codes, course) = (http.clone(), rec.clone(), codes.clone(), course.clone());
        set.spawn(async move {
            tokio::time::sleep(delay).await;
            let t0 = Instant::now();
            let done = Trainee {
                n: first + n,
                http,
                rec,
                codes,
                course,
            }
            .journey()
            .await;
            done.map(|_| t0.elapsed())
        });
    }
    let mut finished = vec![];
    let mut failed = 0;
    while let Some(r) = set.join_next().await {
        match r? {
            Some(took) => finished.push(took.as_secs_f64()),
            None => failed += 1,
        }
    }
    tail.abort();
    let wall = started.elapsed().as_secs_f64();
    finished.sort_by(f64::total_cmp);
    println!("\n### journey: {} trainees\n", a.trainees);
    print_table(&rec, wall);
    let memory = a
        .server_pid
        .and_then(memory_mb)
        .map(|(rss, peak)| format!(" server_memory_mb={rss} peak_mb={peak}"))
        .unwrap_or_default();
    let all = rec.overall();
    println!(
        "\nJOURNEY trainees={} certified={} failed={failed} wall_s={wall:.0} journey_p50_s={:.0} requests={} p99_ms={:.2} errors={}{memory}",
        a.trainees,
        finished.len(),
        finished
            .get(finished.len() / 2)
            .copied()
            .unwrap_or_default(),
        all.count,
        all.p99_ms,
        all.errors
    );
    Ok(())
}

struct Trainee {
    n: u64,
    http: Http,
    rec: Arc<Recorder>,
    codes: Arc<Codes>,
    course: Arc<Course>,
}

impl Trainee {
    async fn call(
        &self,
        label: &'static str,
        method: Method,
        path: &str,
        token: &str,
        body: Option<Value>,
        expect: StatusCode,
    ) -> Option<Answer> {
        let auth = if token.is_empty() {
            Auth::None
        } else {
            Auth::Bearer(token)
        };
        self.http
            .call(
                &self.rec,
                label,
                Instant::now(),
                method,
                path,
                auth,
                body.as_ref(),
                expect,
            )
            .await
    }

    /// [`Self::call`], then the answer's JSON body.
    async fn json(
        &self,
        label: &'static str,
        method: Method,
        path: &str,
        token: &str,
        body: Option<Value>,
        expect: StatusCode,
    ) -> Option<Value> {
        self.call(label, method, path, token, body, expect)
            .await?
            .json()
            .ok()
    }

    async fn journey(&self) -> Option<()> {
        let token = self.register().await?;
        self.call(
            "progress",
            Method::GET,
            "/api/v1/learning",
            &token,
            None,
            StatusCode::OK,
        )
        .await?;
        for m in &self.course.modules {
            for l in &m.lessons {
                self.read(&token, &l.id).await?;
            }
            self.quiz(&token, &m.id).await?;
            for t in &m.tasks {
                self.task(&token, t).await?;
            }
        }
        self.final_test(&token).await
    }

    /// Registers, waits for the OTP, verifies it, then signs in with CNIC and password.
    async fn register(&self) -> Option<String> {
        let n = self.n % 10_000_000;
        let male = n.is_multiple_of(2);
        let cnic = format!("42101-{n:07}-{}", if male { 1 } else { 2 });
        let mobile = format!("+92345{n:07}");
        let year = 1970
            + SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .ok()?
                .as_secs()
                / 31_556_952;
        let body = json!({
            "cnic": cnic, "passport_number": format!("JY{n:07}"), "passport_expiry": format!("{}-05-01", year + 4),
            "full_name": if male { "Bilal Ahmed" } else { "Sana Bibi" }, "guardian_name": "Abdul Rashid", "guardian_relation": "father",
            "date_of_birth": "1996-04-12", "gender": if male { "male" } else { "female" }, "mobile": mobile, "email": "",
            "province": "PB", "district": "PB-LAHORE", "language": "en", "password": PASSWORD,
            "consent_training": true, "consent_share_with_employers": false, "consent_research": false, "consent_news": false
        });
        let sent = Instant::now();
        let r = self
            .json(
                "register",
                Method::POST,
                "/api/v1/registrations",
                "",
                Some(body),
                StatusCode::ACCEPTED,
            )
            .await?;
        let id = r["registration_id"].as_str()?.to_owned();
        let code = self.codes.wait(&mobile).await;
        match &code {
            Some(_) => self.rec.ok("otp delivered (SMS outbox)", sent.elapsed(), 0),
            None => self.rec.error(
                "otp delivered (SMS outbox)",
                sent.elapsed(),
                "no code within 2 minutes".into(),
            ),
        }
        let path = format!("/api/v1/registrations/{id}/verify");
        self.call(
            "otp verify",
            Method::POST,
            &path,
            "",
            Some(json!({ "code": code? })),
            StatusCode::CREATED,
        )
        .await?;
        let r = self
            .json(
                "sign in",
                Method::POST,
                "/api/v1/sessions",
                "",
                Some(json!({ "identifier": cnic, "password": PASSWORD })),
                StatusCode::CREATED,
            )
            .await?;
        Some(r["token"].as_str()?.to_owned())
    }

    fn expect(&self, ok: bool, label: &'static str, what: &str) -> Option<()> {
        if ok {
            Some(())
        } else {
            self.rec.error(label, Duration::ZERO, what.into());
            None
        }
    }
}
