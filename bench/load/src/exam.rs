//! The `exam` scenario: signed-in trainees with open final-test attempts, each saving an answer
//! every `save_every` seconds and reloading the attempt page every `page_every` seconds, stepped
//! up until the p99 latency passes the limit or a request fails. Every acknowledged answer is
//! remembered, so the database can be counted against it afterwards.

use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rand::Rng;
use reqwest::{Method, StatusCode};
use serde_json::json;
use tokio::task::JoinSet;
use tokio::time::sleep_until;

use crate::http::{Auth, Http};
use crate::stats::{Recorder, memory_mb, print_table};

#[derive(clap::Args)]
pub struct Args {
    /// The portal, e.g. http://127.0.0.1:8090
    #[arg(long)]
    url: String,
    /// Session tokens of exam-ready trainees, `<web> <api>` a line
    /// (`softskills admin generate-load-data --exam-ready N --tokens FILE`).
    #[arg(long)]
    tokens: PathBuf,
    /// Concurrent attempts at each step, comma-separated and rising.
    #[arg(long, value_delimiter = ',', default_value = "10000")]
    steps: Vec<usize>,
    /// Seconds measured at each step.
    #[arg(long, default_value_t = 60)]
    seconds: u64,
    #[arg(long, default_value_t = 64)]
    connections: usize,
    /// Seconds between two answers of one attempt.
    #[arg(long, default_value_t = 20.0)]
    save_every: f64,
    /// Seconds between two loads of one attempt's page.
    #[arg(long, default_value_t = 100.0)]
    page_every: f64,
    /// The server's process id, to report its memory at each step.
    #[arg(long)]
    server_pid: Option<u32>,
    /// A step holds when its p99 is under this many milliseconds and nothing failed.
    #[arg(long, default_value_t = 100.0)]
    max_p99_ms: f64,
    /// Also run every step after the first that fails to hold.
    #[arg(long)]
    keep_going: bool,
    /// Writes `<attempt> <question> <option token> <web token> <api token>` lines of the started
    /// attempts here (for the closed-loop wrk scripts in bench/).
    #[arg(long)]
    targets: Option<PathBuf>,
}

struct Attempt {
    id: String,
    web: String,
    api: String,
    /// (question id, option tokens)
    questions: Vec<(String, Vec<String>)>,
    acknowledged: Mutex<HashSet<usize>>,
}

pub async fn run(a: Args) -> anyhow::Result<()> {
    let tokens = std::fs::read_to_string(&a.tokens)
        .map_err(|e| anyhow::anyhow!("reading {}: {e}", a.tokens.display()))?;
    let tokens: Vec<(String, String)> = tokens
        .lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(w, p)| (w.to_owned(), p.to_owned()))
        .collect();
    let most = a.steps.iter().copied().max().unwrap_or(0);
    if tokens.len() < most {
        anyhow::bail!(
            "{} has {} trainees; the largest step needs {most}",
            a.tokens.display(),
            tokens.len()
        );
    }
    let http = Http::new(&a.url, a.connections)?;
    let mut attempts: Vec<Arc<Attempt>> = vec![];
    println!(
        "exam: an answer every {} s and the page every {} s per attempt, {} connections, {} s a step",
        a.save_every, a.page_every, a.connections, a.seconds
    );
    for &n in &a.steps {
        if n > attempts.len() {
            let started = Instant::now();
            let more = start_attempts(&http, &tokens[attempts.len()..n]).await?;
            println!(
                "started {} attempts in {:.1} s",
                more.len(),
                started.elapsed().as_secs_f64()
            );
            attempts.extend(more);
        }
        let rec = Arc::new(Recorder::default());
        steady(&http, &rec, &attempts[..n], &a).await;
        let all = rec.overall();
        let holds = all.errors == 0 && all.p99_ms < a.max_p99_ms;
        println!("\n### {n} concurrent attempts\n");
        print_table(&rec, a.seconds as f64);
        let memory = a
            .server_pid
            .and_then(memory_mb)
            .map(|(rss, peak)| format!(", server memory {rss} MB (peak {peak} MB)"))
            .unwrap_or_default();
        println!(
            "\nSTEP attempts={n} requests={} per_second={:.0} p99_ms={:.2} errors={} holds={holds}{memory}",
            all.count,
            all.count as f64 / a.seconds as f64,
            all.p99_ms,
            all.errors
        );
        if !holds && !a.keep_going {
            break;
        }
    }
    let acknowledged: usize = attempts
        .iter()
        .map(|t| t.acknowledged.lock().expect("acks").len())
        .sum();
    println!(
        "ACKNOWLEDGED answers={acknowledged} attempts={}",
        attempts.len()
    );
    if let Some(path) = &a.targets {
        let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
        for t in &attempts {
            for (q, options) in &t.questions {
                writeln!(out, "{} {q} {} {} {}", t.id, options[0], t.web, t.api)?;
            }
        }
        out.flush()?;
    }
    Ok(())
}

/// Starts (or resumes) an attempt for each trainee, as fast as the connections allow.
async fn start_attempts(
    http: &Http,
    tokens: &[(String, String)],
) -> anyhow::Result<Vec<Arc<Attempt>>> {
    let rec = Arc::new(Recorder::default());
    let mut set = JoinSet::new();
    for (i, (web, api)) in tokens.iter().cloned().enumerate() {
        let (http, rec) = (http.clone(), rec.clone());
        set.spawn(async move {
            let res = http
                .call(
                    &rec,
                    "start",
                    Instant::now(),
                    Method::POST,
                    "/api/v1/test/attempts",
                    Auth::Bearer(&api),
                    Some(&json!({})),
                    StatusCode::CREATED,
                )
                .await?;
            let v = res.json().ok()?;
            let questions = v["questions"]
                .as_array()?
                .iter()
                .filter_map(|q| {
                    let options: Vec<String> = q["options"]
                        .as_array()?
                        .iter()
                        .filter_map(|o| o["id"].as_str().map(str::to_owned))
                        .collect();
                    Some((q["id"].as_str()?.to_owned(), options))
                })
                .filter(|(_, o)| !o.is_empty())
                .collect::<Vec<_>>();
            Some((
                i,
                Arc::new(Attempt {
                    id: v["attempt_id"].as_str()?.to_owned(),
                    web,
                    api,
                    questions,
                    acknowledged: Mutex::default(),
                }),
            ))
        });
    }
    let mut started = vec![None; tokens.len()];
    while let Some(r) = set.join_next().await {
        if let Some((i, a)) = r? {
            started[i] = Some(a);
        }
    }
    let failed = rec.overall();
    if failed.errors > 0 {
        anyhow::bail!(
            "{} attempts could not start: {:?}",
            failed.errors,
            failed.error_kinds
        );
    }
    Ok(started.into_iter().flatten().collect())
}

/// One measured window: every attempt saves and reloads on its own schedule, offset at random
/// so the load is even.
async fn steady(http: &Http, rec: &Arc<Recorder>, attempts: &[Arc<Attempt>], a: &Args) {
    let t0 = Instant::now() + Duration::from_secs(1);
    let end = t0 + Duration::from_secs(a.seconds);
    let (save_every, page_every) = (
        Duration::from_secs_f64(a.save_every),
        Duration::from_secs_f64(a.page_every),
    );
    let mut set = JoinSet::new();
    let mut rng = rand::rng();
    for (n, t) in attempts.iter().enumerate() {
        let (http, rec, t) = (http.clone(), rec.clone(), t.clone());
        let mut next_save = t0 + save_every.mul_f64(rng.random::<f64>());
        let mut next_page = t0 + page_every.mul_f64(rng.random::<f64>());
        set.spawn(async move {
            let mut k = n;
            loop {
                let save = next_save <= next_page;
                let at = if save { next_save } else { next_page };
                if at >= end {
                    break;
                }
                sleep_until(at.into()).await;
                if save {
                    next_save += save_every;
                    if t.questions.is_empty() {
                        continue;
                    }
                    let q = k % t.questions.len();
                    let (qid, options) = &t.questions[q];
                    let choice = &options[(k / t.questions.len()) % options.len()];
                    k += 1;
                    let path = format!("/api/v1/test/attempts/{}/answers/{qid}", t.id);
                    let body = json!({ "options": [choice] });
                    if http
                        .call(
                            &rec,
                            "answer save",
                            at,
                            Method::PUT,
                            &path,
                            Auth::Bearer(&t.api),
                            Some(&body),
                            StatusCode::NO_CONTENT,
                        )
                        .await
                        .is_some()
                    {
                        t.acknowledged.lock().expect("acks").insert(q);
                    }
                } else {
                    next_page += page_every;
                    let path = format!("/test/{}", t.id);
                    http.call(
                        &rec,
                        "attempt page",
                        at,
                        Method::GET,
                        &path,
                        Auth::Cookie(&t.web),
                        None,
                        StatusCode::OK,
                    )
                    .await;
                }
            }
        });
    }
    while set.join_next().await.is_some() {}
}
