//! Small helpers for the tests: URLs, HTML snippets, concurrent requests.

pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map(|(b, q)| (b, format!("?{q}")))
        .unwrap_or((url, String::new()));
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_end = base[scheme_end..]
        .find('/')
        .map(|i| scheme_end + i)
        .unwrap_or(base.len());
    format!("{}/{name}{query}", &base[..host_end])
}

/// The `code` of each field error in a 422 answer, in order.
pub fn error_codes(v: &serde_json::Value) -> Vec<String> {
    v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap().to_owned())
        .collect()
}

pub fn extract_between(s: &str, start: &str, end: &str) -> Option<String> {
    let a = s.find(start)? + start.len();
    let b = s[a..].find(end)? + a;
    Some(s[a..b].to_owned())
}

/// Polls every request at once (they borrow the app, so no spawning).
pub async fn join_all<F: std::future::Future<Output = reqwest::Response>>(
    futs: impl Iterator<Item = F>,
) -> Vec<reqwest::Response> {
    let mut futs: Vec<_> = futs.map(Box::pin).collect();
    let mut done: Vec<Option<reqwest::Response>> = futs.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        for (f, slot) in futs.iter_mut().zip(done.iter_mut()) {
            if slot.is_none()
                && let std::task::Poll::Ready(r) = f.as_mut().poll(cx)
            {
                *slot = Some(r);
            }
        }
        if done.iter().all(Option::is_some) {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
    done.into_iter().flatten().collect()
}
