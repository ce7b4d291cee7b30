//! An HTTP SMS gateway: `POST <gateway_url>` with a JSON body `{"to","from","text"}` and HTTP
//! basic authentication; any 2xx answer is success. An unreachable gateway, or one that answers
//! with another status, did not take the message ([`NotSent`]: sending again is safe); a timeout
//! may come after it did. Most Pakistani aggregators accept this shape
//! or sit behind a small adapter that does.

use base64::Engine;

use super::{NotSent, SendFuture, SmsTransport};
use crate::config::SmsConfig;

pub struct HttpSmsGateway {
    url: String,
    auth: Option<String>,
    from: String,
    agent: ureq::Agent,
}

/// The `Authorization` header of HTTP basic authentication (none without a user name), and an
/// agent that answers every status (the caller decides) within `timeout_secs`: what every
/// outside gateway (SMS, HEC) is called with.
pub fn client(user: &str, password: &str, timeout_secs: u64) -> (Option<String>, ureq::Agent) {
    let auth = (!user.is_empty()).then(|| {
        let raw = format!("{user}:{password}");
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(raw)
        )
    });
    let agent = ureq::Agent::config_builder()
        .timeout_global(Some(std::time::Duration::from_secs(timeout_secs)))
        .http_status_as_error(false)
        .build()
        .into();
    (auth, agent)
}

impl HttpSmsGateway {
    pub fn new(cfg: &SmsConfig) -> Self {
        let (auth, agent) = client(&cfg.gateway_username, &cfg.gateway_password.0, 15);
        Self {
            url: cfg.gateway_url.clone(),
            auth,
            from: cfg.sender_id.clone(),
            agent,
        }
    }
}

impl SmsTransport for HttpSmsGateway {
    fn send<'a>(&'a self, to: &'a str, text: &'a str) -> SendFuture<'a> {
        let body = serde_json::json!({ "to": to, "from": self.from, "text": text });
        let (url, auth, agent) = (self.url.clone(), self.auth.clone(), self.agent.clone());
        Box::pin(async move {
            let status = tokio::task::spawn_blocking(move || -> anyhow::Result<u16> {
                let mut req = agent.post(&url);
                if let Some(a) = &auth {
                    req = req.header("Authorization", a);
                }
                match req.send_json(&body) {
                    Ok(res) => Ok(res.status().as_u16()),
                    // Nothing reached the gateway: safe to send again.
                    Err(
                        e @ (ureq::Error::HostNotFound
                        | ureq::Error::ConnectionFailed
                        | ureq::Error::BadUri(_)),
                    ) => Err(
                        NotSent(anyhow::Error::new(e).context("SMS gateway unreachable")).into(),
                    ),
                    // A timeout or a broken answer: the message may have left.
                    Err(e) => Err(anyhow::Error::new(e).context("SMS gateway did not answer")),
                }
            })
            .await??;
            if !(200..300).contains(&status) {
                // The gateway answered and did not take the message.
                return Err(NotSent(anyhow::anyhow!("SMS gateway answered HTTP {status}")).into());
            }
            Ok(())
        })
    }
}
