//! Configuration: defaults, then a TOML file, then environment variables (`DATABASE_URL` and
//! `SOFTSKILLS_<SECTION>__<KEY>`), checked at start. See docs/OPERATIONS.md for every setting.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

mod sections;
pub use sections::*;

/// A secret read from configuration; `Debug` never prints it.
#[derive(Clone, Default, Serialize, PartialEq)]
#[serde(transparent)]
pub struct Secret(pub String);

impl<'de> Deserialize<'de> for Secret {
    /// A string, or a number (an all-digit password set through the environment).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            S(String),
            I(i64),
        }
        Ok(Secret(match Raw::deserialize(d)? {
            Raw::S(s) => s,
            Raw::I(i) => i.to_string(),
        }))
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_empty() {
            "Secret(unset)"
        } else {
            "Secret(***)"
        })
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Address the web server listens on.
    pub bind: SocketAddr,
    /// The address people use to reach the portal (links in email, HSTS, cookie `Secure`).
    pub public_url: String,
    /// `sqlite://…` (default, under `data_dir`) or `postgres://…`.
    pub database_url: String,
    pub database_max_connections: u32,
    /// SQLite only: `full` (default: an acknowledged write survives power loss) or `normal`
    /// (it survives a crash of the process; the last commits before a power loss can be lost).
    pub database_sqlite_synchronous: String,
    /// Where the embedded database, development keys and the development outbox live.
    pub data_dir: PathBuf,
    /// The course files (`content/README.md`); imported by `serve` on a fresh database.
    pub content_dir: PathBuf,
    /// `text` for people, `json` for log collectors.
    pub log_format: String,
    /// Run the background worker inside `serve`.
    pub worker_in_process: bool,
    /// Take the client address from the last `X-Forwarded-For` hop (only behind a trusted proxy).
    pub trust_proxy_headers: bool,
    /// Allow development keys and the file outbox on a public https address (never in production).
    pub allow_development_defaults: bool,
    pub secrets: Secrets,
    pub registration: RegistrationConfig,
    pub otp: OtpConfig,
    pub sign_in: SignInConfig,
    pub sessions: SessionConfig,
    pub http: HttpConfig,
    pub sms: SmsConfig,
    pub email: EmailConfig,
    pub retention: RetentionConfig,
    pub learning: LearningConfig,
    pub media: MediaConfig,
    pub certificates: CertificateConfig,
    pub identity: IdentityConfig,
    pub help: HelpConfig,
    pub placement: PlacementConfig,
    pub hec: HecConfig,
    /// Values of the facts lessons cite as `{{setting:KEY}}` (keys in content/settings.toml):
    /// helplines, fees, contacts. Shown where a lesson refers to them.
    pub course_settings: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct LearningConfig {
    /// Reading speed behind a reading lesson's minimum time (words a minute).
    pub reading_wpm: u32,
    /// Percentage of written reflections sent to a grader instead of accepted on submission.
    pub reflection_sample_percent: u32,
    /// Share of a lesson video (percent) that must be watched at normal speed to complete it.
    pub video_complete_percent: u32,
    /// Days after the last attempt of a round of final-test attempts before a new round opens.
    pub test_round_days: u32,
}

impl Default for LearningConfig {
    fn default() -> Self {
        Self {
            reading_wpm: psk_course::progress::DEFAULT_READING_WPM,
            test_round_days: 30,
            reflection_sample_percent: 10,
            video_complete_percent: psk_course::progress::DEFAULT_VIDEO_PERCENT,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            public_url: "http://127.0.0.1:8080".into(),
            database_url: String::new(),
            database_max_connections: 16,
            database_sqlite_synchronous: "full".into(),
            data_dir: PathBuf::from("./data"),
            content_dir: PathBuf::from("./content"),
            log_format: "text".into(),
            worker_in_process: true,
            trust_proxy_headers: false,
            allow_development_defaults: false,
            secrets: Secrets::default(),
            registration: RegistrationConfig::default(),
            otp: OtpConfig::default(),
            sign_in: SignInConfig::default(),
            sessions: SessionConfig::default(),
            http: HttpConfig::default(),
            sms: SmsConfig::default(),
            email: EmailConfig::default(),
            retention: RetentionConfig::default(),
            learning: LearningConfig::default(),
            media: MediaConfig::default(),
            certificates: CertificateConfig::default(),
            identity: IdentityConfig::default(),
            help: HelpConfig::default(),
            placement: PlacementConfig::default(),
            hec: HecConfig::default(),
            course_settings: Default::default(),
        }
    }
}

impl Config {
    /// Loads defaults, then `file` (or `softskills.toml` when present), then the environment.
    pub fn load(file: Option<&Path>) -> anyhow::Result<Self> {
        let vars: Vec<(String, String)> = std::env::vars().collect();
        Self::load_from(file, &vars)
    }

    pub fn load_from(file: Option<&Path>, env: &[(String, String)]) -> anyhow::Result<Self> {
        let mut table = toml::Table::try_from(Config::default()).context("serialising defaults")?;
        let default_file = Path::new("softskills.toml");
        let path = file.or(default_file.exists().then_some(default_file));
        if let Some(p) = path {
            let text =
                std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
            let file_table: toml::Table = text
                .parse()
                .with_context(|| format!("parsing {}", p.display()))?;
            merge(&mut table, file_table);
        }
        for (k, v) in env {
            if k == "DATABASE_URL" {
                table.insert("database_url".into(), toml::Value::String(v.clone()));
            } else if let Some(rest) = k.strip_prefix("SOFTSKILLS_") {
                let path: Vec<String> = rest
                    .to_ascii_lowercase()
                    .split("__")
                    .map(str::to_owned)
                    .collect();
                set_path(&mut table, &path, env_value(v));
            }
        }
        let mut cfg: Config = table.try_into().context(
            "invalid configuration (see docs/OPERATIONS.md for the settings and their types)",
        )?;
        if cfg.database_url.is_empty() {
            cfg.database_url = format!("sqlite://{}", cfg.data_dir.join("softskills.db").display());
        }
        cfg.check()?;
        Ok(cfg)
    }

    fn check(&self) -> anyhow::Result<()> {
        if !matches!(self.log_format.as_str(), "text" | "json") {
            bail!(
                "log_format must be \"text\" or \"json\", not {:?}",
                self.log_format
            );
        }
        if self.sms.quiet_from_hour > 23 || self.sms.quiet_until_hour > 23 {
            bail!("sms.quiet_from_hour and sms.quiet_until_hour are hours of the day, 0 to 23");
        }
        if !matches!(self.sms.transport.as_str(), "file" | "http") {
            bail!("sms.transport must be \"file\" or \"http\"");
        }
        if self.sms.transport == "http" && self.sms.gateway_url.is_empty() {
            bail!("sms.transport = \"http\" needs sms.gateway_url (SOFTSKILLS_SMS__GATEWAY_URL)");
        }
        if !matches!(self.email.transport.as_str(), "file" | "smtp") {
            bail!("email.transport must be \"file\" or \"smtp\"");
        }
        if self.email.transport == "smtp" && self.email.smtp_url.0.is_empty() {
            bail!("email.transport = \"smtp\" needs email.smtp_url (SOFTSKILLS_EMAIL__SMTP_URL)");
        }
        if self.otp.max_attempts < 1 || self.otp.ttl_seconds < 30 {
            bail!("otp.max_attempts must be at least 1 and otp.ttl_seconds at least 30");
        }
        if !matches!(self.media.store.as_str(), "local" | "s3") {
            bail!("media.store must be \"local\" or \"s3\"");
        }
        if self.media.store == "s3" && self.media.s3_bucket.is_empty() {
            bail!("media.store = \"s3\" needs media.s3_bucket (SOFTSKILLS_MEDIA__S3_BUCKET)");
        }
        if !(1..=10).contains(&self.certificates.validity_years) {
            bail!("certificates.validity_years must be between 1 and 10");
        }
        if !(1..=100).contains(&self.learning.video_complete_percent) {
            bail!("learning.video_complete_percent must be between 1 and 100");
        }
        if self.database_max_connections == 0 {
            bail!("database_max_connections must be at least 1");
        }
        if !matches!(self.database_sqlite_synchronous.as_str(), "full" | "normal") {
            bail!("database_sqlite_synchronous must be \"full\" or \"normal\"");
        }
        if self.otp.resend_interval_seconds < 1
            || self.sign_in.window_minutes < 1
            || self.sessions.web_idle_minutes < 1
            || self.sessions.api_idle_days < 1
            || self.sessions.web_absolute_hours < 1
            || self.sessions.api_absolute_days < 1
        {
            bail!(
                "otp.resend_interval_seconds, sign_in.window_minutes and the session lifetimes must be at least 1"
            );
        }
        let h = &self.http;
        if h.header_timeout_seconds == 0
            || h.body_timeout_seconds == 0
            || h.max_connections == 0
            || h.shutdown_seconds == 0
        {
            bail!(
                "http.header_timeout_seconds, body_timeout_seconds, max_connections and shutdown_seconds must be at least 1"
            );
        }
        let public = self.public_url.starts_with("https://");
        let dev = self.secrets.data_key.0.is_empty()
            || self.sms.transport == "file"
            || self.email.transport == "file";
        if public && dev && !self.allow_development_defaults {
            bail!(
                "public_url is a public https address but development defaults are in use (generated keys or the file outbox): \
                 set secrets.data_key and secrets.index_key, sms.transport = \"http\" and email.transport = \"smtp\", \
                 or allow_development_defaults = true for a staging copy"
            );
        }
        Ok(())
    }

    /// Cookies are `Secure` except on a local plain-http address (development).
    pub fn secure_cookies(&self) -> bool {
        self.sessions.secure_cookies.unwrap_or_else(|| {
            let local = ["http://127.0.0.1", "http://localhost", "http://[::1]"];
            !local.iter().any(|p| self.public_url.starts_with(p))
        })
    }

    pub fn outbox_path(&self) -> PathBuf {
        self.data_dir.join("outbox.jsonl")
    }
}

fn merge(into: &mut toml::Table, from: toml::Table) {
    for (k, v) in from {
        match (into.get_mut(&k), v) {
            (Some(toml::Value::Table(a)), toml::Value::Table(b)) => merge(a, b),
            (_, v) => {
                into.insert(k, v);
            }
        }
    }
}

fn set_path(table: &mut toml::Table, path: &[String], value: toml::Value) {
    match path {
        [] => {}
        [last] => {
            table.insert(last.clone(), value);
        }
        [first, rest @ ..] => {
            let entry = table
                .entry(first.clone())
                .or_insert_with(|| toml::Value::Table(toml::Table::new()));
            if let toml::Value::Table(t) = entry {
                set_path(t, rest, value);
            }
        }
    }
}

/// Environment values are strings; numbers and booleans are recognised so typed fields parse.
fn env_value(v: &str) -> toml::Value {
    if let Ok(i) = v.parse::<i64>() {
        return toml::Value::Integer(i);
    }
    match v {
        "true" => toml::Value::Boolean(true),
        "false" => toml::Value::Boolean(false),
        _ => toml::Value::String(v.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_then_environment() {
        let c = Config::load_from(
            None,
            &env(&[
                ("SOFTSKILLS_OTP__MAX_ATTEMPTS", "3"),
                ("SOFTSKILLS_BIND", "0.0.0.0:9000"),
            ]),
        )
        .unwrap();
        assert_eq!(c.otp.max_attempts, 3);
        assert_eq!(c.bind.port(), 9000);
        assert!(c.database_url.starts_with("sqlite://"));
        assert!(!c.secure_cookies());
        let c = Config::load_from(
            None,
            &env(&[
                ("DATABASE_URL", "postgres://x/y"),
                ("SOFTSKILLS_PUBLIC_URL", "https://paksoftskills.gov.pk"),
                ("SOFTSKILLS_ALLOW_DEVELOPMENT_DEFAULTS", "true"),
            ]),
        )
        .unwrap();
        assert_eq!(c.database_url, "postgres://x/y");
        assert!(c.secure_cookies());
    }

    #[test]
    fn bad_values_are_explained() {
        let e =
            Config::load_from(None, &env(&[("SOFTSKILLS_SMS__TRANSPORT", "http")])).unwrap_err();
        assert!(e.to_string().contains("gateway_url"), "{e}");
        let e = Config::load_from(None, &env(&[("SOFTSKILLS_NO_SUCH", "1")])).unwrap_err();
        assert!(format!("{e:#}").contains("no_such"), "{e:#}");
    }

    #[test]
    fn public_addresses_refuse_development_defaults() {
        let e = Config::load_from(
            None,
            &env(&[("SOFTSKILLS_PUBLIC_URL", "https://paksoftskills.gov.pk")]),
        )
        .unwrap_err();
        assert!(e.to_string().contains("development defaults"), "{e}");
        let ok = Config::load_from(
            None,
            &env(&[
                ("SOFTSKILLS_PUBLIC_URL", "https://staging.example"),
                ("SOFTSKILLS_ALLOW_DEVELOPMENT_DEFAULTS", "true"),
            ]),
        );
        assert!(ok.is_ok());
        let numeric = Config::load_from(
            None,
            &env(&[("SOFTSKILLS_SMS__GATEWAY_PASSWORD", "123456")]),
        )
        .unwrap();
        assert_eq!(numeric.sms.gateway_password.0, "123456");
    }

    #[test]
    fn secrets_do_not_print() {
        let s = Secret("abc".into());
        assert_eq!(format!("{s:?}"), "Secret(***)");
    }
}
