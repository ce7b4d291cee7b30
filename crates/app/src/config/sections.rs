//! The sections of the configuration, with their defaults (docs/OPERATIONS.md lists them all).

use serde::{Deserialize, Serialize};

use super::Secret;

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Secrets {
    /// 64 hex digits: the AES-256-GCM key for personal data at rest.
    pub data_key: Secret,
    /// 64 hex digits: the HMAC key for blind indexes, OTP and token hashes and CSRF tokens.
    pub index_key: Secret,
    /// The bearer token Prometheus sends for `/metrics`; while unset, `/metrics` is not served.
    pub metrics_token: Secret,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RegistrationConfig {
    pub min_age: u32,
    /// How many accounts may share one mobile number (families share phones).
    pub accounts_per_mobile: i64,
    /// Days an unverified registration is kept.
    pub pending_days: i64,
    /// Registration attempts (valid or not) per client address per hour.
    pub max_attempts_per_client_per_hour: i32,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct OtpConfig {
    pub ttl_seconds: i64,
    pub max_attempts: i32,
    /// Seconds before another code may be sent to the same number.
    pub resend_interval_seconds: i64,
    pub max_per_number_per_hour: i32,
    pub max_per_client_per_hour: i32,
    /// A password-reset request is answered no sooner than this many milliseconds after it
    /// arrived, so known and unknown identifiers take the same time.
    pub reset_answer_ms: u64,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct SignInConfig {
    /// Failures per account (or identifier) from one client address within `window_minutes`
    /// before that address is locked for it.
    pub max_failures_per_account: i32,
    /// Failures per account from every address before it is locked for devices that have never
    /// signed in to it (its own devices still get in).
    pub max_failures_per_account_everywhere: i32,
    pub max_failures_per_client: i32,
    pub window_minutes: i64,
}

/// Limits on connections (see `serve.rs`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct HttpConfig {
    /// A request head must arrive whole within this; a kept-alive connection idle this long
    /// is closed.
    pub header_timeout_seconds: u64,
    /// The longest gap between two chunks of a request body.
    pub body_timeout_seconds: u64,
    /// Connections served at once; more wait in the kernel's queue.
    pub max_connections: usize,
    /// On shutdown, requests in flight get this long to finish.
    pub shutdown_seconds: u64,
}

impl Default for HttpConfig {
    fn default() -> Self {
        Self {
            header_timeout_seconds: 10,
            body_timeout_seconds: 30,
            max_connections: 4096,
            shutdown_seconds: 20,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct SessionConfig {
    /// A web session ends after this many minutes without use.
    pub web_idle_minutes: i64,
    /// An app (bearer) session ends after this many days without use.
    pub api_idle_days: i64,
    /// A web session ends this many hours after sign-in, however much it is used.
    pub web_absolute_hours: i64,
    /// An app session ends this many days after sign-in, however much it is used.
    pub api_absolute_days: i64,
    /// `Secure` on cookies; defaults to on unless `public_url` is a local http address.
    pub secure_cookies: Option<bool>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct SmsConfig {
    /// `file` (development: appends to `<data_dir>/outbox.jsonl`) or `http` (an SMS gateway).
    pub transport: String,
    pub gateway_url: String,
    pub gateway_username: String,
    pub gateway_password: Secret,
    pub sender_id: String,
    /// Quiet hours, Pakistan time: an SMS that is not urgent (a reply, a certificate, a policy
    /// notice) waits from `quiet_from_hour` until `quiet_until_hour`; codes and security alerts
    /// never wait. Equal hours: no quiet hours.
    pub quiet_from_hour: u32,
    pub quiet_until_hour: u32,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct EmailConfig {
    /// `file` (development: `<data_dir>/outbox.jsonl`) or `smtp`.
    pub transport: String,
    /// `smtps://user:pass@host:465` or `smtp://host:587?tls=required`.
    pub smtp_url: Secret,
    pub from: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RetentionConfig {
    /// Days finished jobs (sent or given-up messages) are kept.
    pub jobs_days: i64,
    /// Days one-time codes are kept after they expire.
    pub otp_days: i64,
    /// Days a session is kept after it ended (expired or signed out).
    pub session_days: i64,
    /// Days rate-limit counters are kept after their window began.
    pub counter_days: i64,
    /// Days email verification links are kept after they expire or are used.
    pub email_link_days: i64,
    /// Days a device record is kept after it was last seen, once no session uses it.
    pub device_days: i64,
    /// Days an in-app notice (and its delivery record) is kept.
    pub notice_days: i64,
}

impl Default for RegistrationConfig {
    fn default() -> Self {
        Self {
            min_age: 18,
            accounts_per_mobile: 3,
            pending_days: 30,
            max_attempts_per_client_per_hour: 100,
        }
    }
}

impl Default for OtpConfig {
    fn default() -> Self {
        Self {
            ttl_seconds: 300,
            max_attempts: 5,
            resend_interval_seconds: 60,
            max_per_number_per_hour: 5,
            max_per_client_per_hour: 30,
            reset_answer_ms: 250,
        }
    }
}

impl Default for SignInConfig {
    fn default() -> Self {
        Self {
            max_failures_per_account: 5,
            max_failures_per_account_everywhere: 20,
            max_failures_per_client: 50,
            window_minutes: 15,
        }
    }
}

impl Default for SessionConfig {
    fn default() -> Self {
        Self {
            web_idle_minutes: 120,
            api_idle_days: 30,
            web_absolute_hours: 12,
            api_absolute_days: 90,
            secure_cookies: None,
        }
    }
}

impl Default for SmsConfig {
    fn default() -> Self {
        Self {
            transport: "file".into(),
            gateway_url: String::new(),
            gateway_username: String::new(),
            gateway_password: Secret::default(),
            sender_id: "PakSoftSkills".into(),
            quiet_from_hour: 21,
            quiet_until_hour: 8,
        }
    }
}

impl Default for EmailConfig {
    fn default() -> Self {
        Self {
            transport: "file".into(),
            smtp_url: Secret::default(),
            from: "PakSoftSkills <no-reply@paksoftskills.local>".into(),
        }
    }
}

impl Default for RetentionConfig {
    fn default() -> Self {
        Self {
            jobs_days: 30,
            otp_days: 1,
            session_days: 1,
            counter_days: 1,
            email_link_days: 1,
            device_days: 365,
            notice_days: 365,
        }
    }
}

/// Where lesson videos and captions are kept.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct MediaConfig {
    /// `local` (a directory) or `s3` (any S3-compatible store).
    pub store: String,
    /// The directory of the local store (default `<data_dir>/media`).
    pub dir: Option<std::path::PathBuf>,
    /// S3: bucket, region and endpoint (for S3-compatible stores such as MinIO). Credentials come
    /// from the standard `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` environment variables.
    pub s3_bucket: String,
    pub s3_region: String,
    pub s3_endpoint: String,
    /// The largest video a content admin may upload, in megabytes.
    pub max_upload_mb: u64,
    /// The worker makes the missing lesson videos in the background when it starts (where
    /// ffmpeg and espeak-ng are installed), so a fresh portal has its videos without a command.
    pub render_on_start: bool,
    /// The fonts of the rendered slides (NotoSans-Regular.ttf, NotoNaskhArabic-Regular.ttf).
    pub fonts_dir: std::path::PathBuf,
}

impl Default for MediaConfig {
    fn default() -> Self {
        Self {
            store: "local".into(),
            dir: None,
            s3_bucket: String::new(),
            s3_region: "us-east-1".into(),
            s3_endpoint: String::new(),
            max_upload_mb: 200,
            render_on_start: true,
            fonts_dir: "./fonts".into(),
        }
    }
}

/// Certificates (DESIGN.md section 6).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct CertificateConfig {
    /// How long a certificate is valid, in years.
    pub validity_years: u32,
    /// Public verifications allowed per client address per hour.
    pub verify_per_hour: u32,
    /// Seconds a process may answer a verification from its memory (0: always ask the
    /// database). A revocation is seen by every process within this time.
    pub verify_cache_seconds: u32,
}

impl Default for CertificateConfig {
    fn default() -> Self {
        Self {
            validity_years: 3,
            verify_per_hour: 60,
            verify_cache_seconds: 5,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct IdentityConfig {
    /// The largest evidence file (a photo of a passport's data page, a document) accepted, in MB.
    pub evidence_max_mb: u64,
}

impl Default for IdentityConfig {
    fn default() -> Self {
        Self { evidence_max_mb: 5 }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct HelpConfig {
    /// Hours within which a help-desk ticket is owed a staff answer; past them it is escalated
    /// to the administrators' queue.
    pub answer_hours: i64,
    /// Days within which a request about a worker's data (a correction, a deletion) is owed an
    /// answer.
    pub data_request_days: i64,
}

impl Default for HelpConfig {
    fn default() -> Self {
        Self {
            answer_hours: 24,
            data_request_days: 30,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct PlacementConfig {
    /// The largest registration document or licence (PDF) an organisation may upload, in MB.
    pub document_max_mb: u64,
    /// Applications from one address per hour (the form is public).
    pub applications_per_hour: i32,
    /// Days an invitation to an organisation's user stays usable.
    pub invitation_days: i64,
    /// Different workers' profiles one organisation user may open a day (the search itself
    /// shows minimal profiles; this keeps the pool from being scraped).
    pub profile_views_per_day: i64,
    /// Days an organisation's API token lasts (then its users make a new one).
    pub api_token_days: i64,
}

impl Default for PlacementConfig {
    fn default() -> Self {
        Self {
            document_max_mb: 10,
            applications_per_hour: 5,
            invitation_days: 7,
            profile_views_per_day: 50,
            api_token_days: 365,
        }
    }
}

/// How degrees reach the Higher Education Commission (issue 14, item 7).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct HecConfig {
    /// `manual` (OEC staff send degrees to HEC and record each result at `/admin/hec`) or
    /// `http` (the worker posts each degree to `gateway_url` and records the answer).
    pub transport: String,
    pub gateway_url: String,
    pub gateway_username: String,
    pub gateway_password: Secret,
}

impl Default for HecConfig {
    fn default() -> Self {
        Self {
            transport: "manual".into(),
            gateway_url: String::new(),
            gateway_username: String::new(),
            gateway_password: Secret::default(),
        }
    }
}
