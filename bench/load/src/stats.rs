//! Latencies and outcomes per request kind. A latency runs from the moment the request was
//! *scheduled* (not sent), so time spent queueing behind a slow server counts: an open-model
//! load without coordinated omission.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

#[derive(Default)]
struct Series {
    micros: Vec<u32>,
    errors: BTreeMap<String, u64>,
    bytes: u64,
}

/// The outcomes of one measured window.
#[derive(Default)]
pub struct Recorder {
    series: Mutex<BTreeMap<&'static str, Series>>,
}

/// What one kind of request did in a window.
pub struct Summary {
    pub label: &'static str,
    pub count: usize,
    pub errors: u64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub mean_bytes: u64,
    pub error_kinds: BTreeMap<String, u64>,
}

impl Recorder {
    pub fn ok(&self, label: &'static str, latency: Duration, bytes: usize) {
        let mut s = self.series.lock().expect("recorder");
        let e = s.entry(label).or_default();
        e.micros
            .push(latency.as_micros().min(u32::MAX as u128) as u32);
        e.bytes += bytes as u64;
    }

    /// A failed request: its latency still counts, and the failure is named.
    pub fn error(&self, label: &'static str, latency: Duration, what: String) {
        let mut s = self.series.lock().expect("recorder");
        let e = s.entry(label).or_default();
        e.micros
            .push(latency.as_micros().min(u32::MAX as u128) as u32);
        *e.errors.entry(what).or_default() += 1;
    }

    pub fn summaries(&self) -> Vec<Summary> {
        let s = self.series.lock().expect("recorder");
        s.iter()
            .map(|(label, e)| {
                let mut v = e.micros.clone();
                v.sort_unstable();
                let at = |q: f64| -> f64 {
                    if v.is_empty() {
                        return 0.0;
                    }
                    let i = ((v.len() as f64 * q).ceil() as usize).clamp(1, v.len()) - 1;
                    v[i] as f64 / 1000.0
                };
                let errors: u64 = e.errors.values().sum();
                let oks = v.len() as u64 - errors;
                Summary {
                    label,
                    count: v.len(),
                    errors,
                    p50_ms: at(0.50),
                    p99_ms: at(0.99),
                    max_ms: at(1.0),
                    mean_bytes: e.bytes.checked_div(oks).unwrap_or(0),
                    error_kinds: e.errors.clone(),
                }
            })
            .collect()
    }

    /// Every request of the window together.
    pub fn overall(&self) -> Summary {
        let s = self.series.lock().expect("recorder");
        let mut all = Recorder::default();
        let mut merged = Series::default();
        for e in s.values() {
            merged.micros.extend_from_slice(&e.micros);
            for (k, n) in &e.errors {
                *merged.errors.entry(k.clone()).or_default() += n;
            }
            merged.bytes += e.bytes;
        }
        all.series.get_mut().expect("fresh").insert("all", merged);
        all.summaries().pop().expect("one series")
    }
}

/// Prints the summaries as a Markdown table (rates over `seconds`).
pub fn print_table(rec: &Recorder, seconds: f64) {
    println!("| request | count | per second | p50 ms | p99 ms | max ms | errors | mean bytes |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for s in rec.summaries() {
        println!(
            "| {} | {} | {:.1} | {:.2} | {:.2} | {:.1} | {} | {} |",
            s.label,
            s.count,
            s.count as f64 / seconds,
            s.p50_ms,
            s.p99_ms,
            s.max_ms,
            s.errors,
            s.mean_bytes
        );
        for (what, n) in &s.error_kinds {
            println!("|   {what} | {n} | | | | | | |");
        }
    }
}

/// The resident and peak memory of a process, in MB, from /proc.
pub fn memory_mb(pid: u32) -> Option<(u64, u64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        line.split_whitespace().nth(1)?.parse::<u64>().ok()
    };
    Some((field("VmRSS:")? / 1024, field("VmHWM:")? / 1024))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_and_errors() {
        let rec = Recorder::default();
        for ms in 1..=100 {
            rec.ok("save", Duration::from_millis(ms), 10);
        }
        rec.error("save", Duration::from_millis(500), "save: HTTP 500".into());
        rec.ok("page", Duration::from_millis(3), 1000);
        let s: Vec<Summary> = rec.summaries();
        let save = s.iter().find(|s| s.label == "save").unwrap();
        assert_eq!((save.count, save.errors), (101, 1));
        assert_eq!(save.p50_ms, 51.0);
        assert_eq!(save.p99_ms, 100.0);
        assert_eq!(save.max_ms, 500.0);
        assert_eq!(save.mean_bytes, 10);
        let all = rec.overall();
        assert_eq!((all.count, all.errors), (102, 1));
    }
}
