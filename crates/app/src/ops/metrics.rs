//! Prometheus metrics, kept in memory per process and exposed at `/metrics` in the text format.
//! Labels are route templates and codes only, never ids or personal data.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds of the request-duration histogram, in seconds.
const BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

#[derive(Default)]
pub struct Metrics {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    counters: BTreeMap<(&'static str, String), u64>,
    durations: BTreeMap<String, Histogram>,
}

#[derive(Default, Clone)]
struct Histogram {
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

fn label(pairs: &[(&str, &str)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}=\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\"")))
        .collect();
    parts.join(",")
}

impl Metrics {
    fn add(&self, name: &'static str, labels: String) {
        let mut g = self.inner.lock().expect("metrics lock");
        *g.counters.entry((name, labels)).or_default() += 1;
    }

    pub fn observe_request(&self, method: &str, route: &str, status: u16, elapsed: Duration) {
        // Any method name is accepted on the wire; labels stay a fixed set.
        let method = match method {
            "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS" => method,
            _ => "OTHER",
        };
        let status = status.to_string();
        self.add(
            "http_requests_total",
            label(&[("method", method), ("route", route), ("status", &status)]),
        );
        let secs = elapsed.as_secs_f64();
        let mut g = self.inner.lock().expect("metrics lock");
        let h = g
            .durations
            .entry(label(&[("method", method), ("route", route)]))
            .or_default();
        h.count += 1;
        h.sum += secs;
        for (i, b) in BUCKETS.iter().enumerate() {
            if secs <= *b {
                h.buckets[i] += 1;
            }
        }
    }

    pub fn count_otp(&self, outcome: &str) {
        self.add("otp_events_total", label(&[("outcome", outcome)]));
    }

    pub fn count_sign_in(&self, outcome: &str) {
        self.add("sign_in_total", label(&[("outcome", outcome)]));
    }

    pub fn count_registration(&self, outcome: &str) {
        self.add("registrations_total", label(&[("outcome", outcome)]));
    }

    pub fn count_rate_limited(&self, bucket: &str) {
        self.add("rate_limited_total", label(&[("bucket", bucket)]));
    }

    pub fn count_job(&self, kind: &str, outcome: &str) {
        self.add("jobs_total", label(&[("kind", kind), ("outcome", outcome)]));
    }

    /// The Prometheus text exposition, with `extra` gauges appended.
    pub fn render(&self, extra: &[(&str, &str, i64)]) -> String {
        let g = self.inner.lock().expect("metrics lock");
        let mut out = String::new();
        let mut last = "";
        for ((name, labels), v) in &g.counters {
            if *name != last {
                let _ = writeln!(out, "# TYPE {name} counter");
                last = name;
            }
            let _ = writeln!(out, "{name}{{{labels}}} {v}");
        }
        let _ = writeln!(out, "# TYPE http_request_duration_seconds histogram");
        for (labels, h) in &g.durations {
            for (i, b) in BUCKETS.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "http_request_duration_seconds_bucket{{{labels},le=\"{b}\"}} {}",
                    h.buckets[i]
                );
            }
            let _ = writeln!(
                out,
                "http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                h.count
            );
            let _ = writeln!(
                out,
                "http_request_duration_seconds_sum{{{labels}}} {}",
                h.sum
            );
            let _ = writeln!(
                out,
                "http_request_duration_seconds_count{{{labels}}} {}",
                h.count
            );
        }
        for (name, help, v) in extra {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {v}");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_and_histograms() {
        let m = Metrics::default();
        m.observe_request("GET", "/healthz", 200, Duration::from_millis(3));
        m.observe_request("GET", "/healthz", 200, Duration::from_millis(30));
        m.count_otp("sent");
        let text = m.render(&[("jobs_pending", "Jobs waiting", 2)]);
        assert!(
            text.contains(
                "http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 2"
            ),
            "{text}"
        );
        assert!(text.contains(
            "http_request_duration_seconds_bucket{method=\"GET\",route=\"/healthz\",le=\"0.005\"} 1"
        ));
        assert!(
            text.contains(
                "http_request_duration_seconds_count{method=\"GET\",route=\"/healthz\"} 2"
            )
        );
        assert!(text.contains("otp_events_total{outcome=\"sent\"} 1"));
        assert!(text.contains("jobs_pending 2"));
    }
}
