//! The HTTP adapter to HEC: `POST <gateway_url>` with the degree as JSON (`reference`,
//! `full_name`, `cnic`, `level`, `institution`, `year`) and HTTP basic authentication. A 200
//! answer with `{"verified", "reference", "date"}` is HEC's result; a 202 means HEC took the
//! request and OEC staff record the result when it comes; anything else is an error and the
//! degree is sent again on the worker's next turn.

use super::{Answer, AnswerFuture, Request, Verifier};
use crate::config::HecConfig;

pub struct HttpHec {
    url: String,
    auth: Option<String>,
    agent: ureq::Agent,
}

impl HttpHec {
    pub fn new(cfg: &HecConfig) -> Self {
        let (auth, agent) =
            crate::notify::gateway::client(&cfg.gateway_username, &cfg.gateway_password.0, 20);
        Self {
            url: cfg.gateway_url.clone(),
            auth,
            agent,
        }
    }
}

impl Verifier for HttpHec {
    fn submit<'a>(&'a self, r: &'a Request) -> AnswerFuture<'a> {
        let body = serde_json::to_value(r);
        let (url, auth, agent) = (self.url.clone(), self.auth.clone(), self.agent.clone());
        Box::pin(async move {
            let body = body?;
            tokio::task::spawn_blocking(move || -> anyhow::Result<Option<Answer>> {
                let mut req = agent.post(&url);
                if let Some(a) = &auth {
                    req = req.header("Authorization", a);
                }
                let mut res = req.send_json(&body)?;
                match res.status().as_u16() {
                    200 => Ok(Some(res.body_mut().read_json::<Answer>()?)),
                    202 => Ok(None),
                    s => anyhow::bail!("HEC gateway answered HTTP {s}"),
                }
            })
            .await?
        })
    }
}
