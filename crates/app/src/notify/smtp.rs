//! Email over SMTP (TLS), for production.

use anyhow::Context;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message as Mail, Tokio1Executor};

use super::{EmailTransport, SendFuture};
use crate::config::EmailConfig;

pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: lettre::message::Mailbox,
}

impl SmtpMailer {
    pub fn new(cfg: &EmailConfig) -> anyhow::Result<Self> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&cfg.smtp_url.0)
            .context("email.smtp_url is not a valid smtp:// or smtps:// URL")?
            .build();
        let from = cfg
            .from
            .parse()
            .context("email.from is not a valid mailbox")?;
        Ok(Self { transport, from })
    }
}

impl EmailTransport for SmtpMailer {
    fn send<'a>(&'a self, to: &'a str, subject: &'a str, body: &'a str) -> SendFuture<'a> {
        Box::pin(async move {
            let mail = Mail::builder()
                .from(self.from.clone())
                .to(to
                    .parse()
                    .map_err(|_| anyhow::anyhow!("recipient address is not valid"))?)
                .subject(subject)
                .header(ContentType::TEXT_PLAIN)
                .body(body.to_owned())?;
            // The server's reply can quote the recipient: keep only the status code.
            self.transport.send(mail).await.map_err(|e| {
                anyhow::anyhow!(
                    "SMTP send failed (status {})",
                    e.status()
                        .map(|c| c.to_string())
                        .unwrap_or_else(|| "none".into())
                )
            })?;
            Ok(())
        })
    }
}
