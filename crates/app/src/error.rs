//! The application's one error type. Handlers return [`AppError`]; its `IntoResponse` records
//! what went wrong and the `render_errors` middleware (see `web::errors`) turns it into
//! `application/problem+json` (RFC 9457) under `/api`, or an HTML page elsewhere, in the
//! request's language. Unexpected failures are logged once with their cause; users see a plain 500.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use psk_domain::FieldErrors;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("validation failed")]
    Fields(FieldErrors),
    #[error("not found")]
    NotFound,
    #[error("not signed in")]
    Unauthorized,
    #[error("role not allowed")]
    Forbidden,
    /// Not allowed, for a reason the person is told (`organisation_not_active`).
    #[error("refused: {0}")]
    Refused(&'static str),
    #[error("CSRF token missing or wrong")]
    Csrf,
    #[error("state-changing request from another site")]
    CrossSite,
    #[error("wrong identifier or password")]
    InvalidCredentials,
    #[error("sign-in locked")]
    Locked { retry_after_secs: i64 },
    #[error("rate limited")]
    RateLimited { retry_after_secs: i64 },
    #[error("OTP problem: {0:?}")]
    Otp(OtpProblem),
    #[error("expired or unknown: {0}")]
    Gone(&'static str),
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    #[error("not enough time on the lesson yet")]
    NotYet { seconds_left: i64 },
    /// The database cannot take the request now (lost, closed, disk full): 503 with Retry-After.
    #[error("database unavailable")]
    Unavailable(#[source] psk_store::StoreError),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtpProblem {
    Invalid { tries_left: i32 },
    Expired,
    AttemptsExhausted,
}

/// Every error code a user can meet, for the test that each has a message in both languages.
pub const ALL_CODES: &[&str] = &[
    "test_round_used",
    "service_unavailable",
    "cross_site_request",
    "stamp_date_too_early",
    "idempotency_key_reused",
    "name_not_urdu",
    "protector_number_format",
    "protector_number_used",
    "passport_mismatch",
    "date_in_future",
    "qr_not_genuine",
    "idempotency_key",
    "certificate_not_valid",
    "test_not_open",
    "test_already_passed",
    "test_no_attempts_left",
    "test_time_over",
    "test_in_progress",
    "test_answer_unknown",
    "certificate_needs_cnic",
    "media_type",
    "media_duration",
    "media_lesson",
    "media_not_of_lesson",
    "media_position",
    // Field codes from the domain.
    "required",
    "cnic_format",
    "cnic_region",
    "cnic_gender_mismatch",
    "passport_format",
    "date_format",
    "passport_expired",
    "mobile_format",
    "email_format",
    "too_long",
    "name_too_short",
    "name_too_long",
    "name_characters",
    "choose_option",
    "dob_future",
    "dob_too_young",
    "dob_too_old",
    "password_too_short",
    "password_too_long",
    "password_common",
    "password_is_cnic",
    "district_not_in_province",
    "text_characters",
    "text_hidden_characters",
    "year_range",
    "month_format",
    "date_future",
    "end_before_start",
    "amount_range",
    "hec_not_applicable",
    "destination_abroad",
    "consent_required",
    // Field codes from the services.
    "cnic_taken",
    "passport_taken",
    "mobile_limit",
    "wrong_password",
    // Request-level codes.
    "validation_failed",
    "not_found",
    "unauthorized",
    "forbidden",
    "csrf_failed",
    "invalid_credentials",
    "signin_locked",
    "rate_limited",
    "otp_invalid",
    "otp_expired",
    "otp_attempts_exhausted",
    "registration_expired",
    "reset_expired",
    "email_link_invalid",
    "malformed_body",
    "internal",
    "method_not_allowed",
    "payload_too_large",
    "unsupported_media_type",
    "lesson_not_read_yet",
    "course_unavailable",
    "lesson_not_open",
    "task_words",
    "task_awaiting_grading",
    // Organisations.
    "oep_in_pakistan",
    "document_required",
    "document_pdf",
    "licence_format",
    "licence_expired",
    "licence_taken",
    "organisation_decision_order",
    "organisation_not_returned",
    "organisation_not_active",
    "invitation_invalid",
    "organisation_unknown",
    "register_query",
    "salary_range",
    "age_range",
    "closing_date_range",
    "demand_not_returned",
    "demand_not_submitted",
    "jobs_need_certificate",
    "demand_closed",
    "agreement_partner",
    "demand_unknown",
    "search_needs_criterion",
    "candidate_unknown",
    "placement_step_order",
    "placement_wrong_party",
    "placement_offer_held",
    "interview_time_range",
    "interview_link",
    "departure_date_range",
    "period_order",
    "oep_not_applicable",
    "oep_unknown",
    "token_cannot_manage_tokens",
    "profile_views_used_up",
    "agreement_other_partner",
    "service_charge_above_cap",
    "service_charge_cap_unset",
    "service_charge_not_oep",
    "service_charge_not_selected",
    "service_charge_recorded",
    "service_charge_answered",
    "receipt_number_format",
    "rupees_range",
];

impl AppError {
    pub fn field(field: &'static str, code: &'static str) -> Self {
        AppError::Fields(FieldErrors::single(field, code))
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Fields(_) | AppError::Otp(OtpProblem::Invalid { .. }) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            AppError::Otp(_) | AppError::Gone(_) => StatusCode::GONE,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Unauthorized | AppError::InvalidCredentials => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::Refused(_) | AppError::Csrf | AppError::CrossSite => {
                StatusCode::FORBIDDEN
            }
            AppError::Locked { .. } | AppError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::NotYet { .. } => StatusCode::CONFLICT,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::BadRequest("unsupported_media_type") => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::BadRequest("payload_too_large") => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable code clients and pages key on.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Fields(_) => "validation_failed",
            AppError::NotFound => "not_found",
            AppError::Unauthorized => "unauthorized",
            AppError::Forbidden => "forbidden",
            AppError::Csrf => "csrf_failed",
            AppError::CrossSite => "cross_site_request",
            AppError::InvalidCredentials => "invalid_credentials",
            AppError::Locked { .. } => "signin_locked",
            AppError::RateLimited { .. } => "rate_limited",
            AppError::Otp(OtpProblem::Invalid { .. }) => "otp_invalid",
            AppError::Otp(OtpProblem::Expired) => "otp_expired",
            AppError::Otp(OtpProblem::AttemptsExhausted) => "otp_attempts_exhausted",
            AppError::Gone(code) | AppError::BadRequest(code) | AppError::Refused(code) => code,
            AppError::NotYet { .. } => "lesson_not_read_yet",
            AppError::Unavailable(_) => "service_unavailable",
            AppError::Internal(_) => "internal",
        }
    }

    /// The error as data the renderer needs, without the (unprintable) internal cause.
    pub fn problem(&self) -> Problem {
        Problem {
            status: self.status(),
            code: self.code(),
            fields: match self {
                AppError::Fields(f) => f.clone(),
                _ => FieldErrors::new(),
            },
            retry_after_secs: match self {
                AppError::Locked { retry_after_secs }
                | AppError::RateLimited { retry_after_secs } => Some(*retry_after_secs),
                AppError::NotYet { seconds_left } => Some(*seconds_left),
                AppError::Unavailable(_) => Some(UNAVAILABLE_RETRY_SECS),
                _ => None,
            },
            tries_left: match self {
                AppError::Otp(OtpProblem::Invalid { tries_left }) => Some(*tries_left),
                _ => None,
            },
        }
    }
}

/// How long a client is asked to wait when the database is unavailable.
pub const UNAVAILABLE_RETRY_SECS: i64 = 30;

impl From<psk_store::StoreError> for AppError {
    fn from(e: psk_store::StoreError) -> Self {
        if e.is_unavailable() {
            AppError::Unavailable(e)
        } else {
            AppError::Internal(anyhow::Error::new(e))
        }
    }
}

impl From<FieldErrors> for AppError {
    fn from(e: FieldErrors) -> Self {
        AppError::Fields(e)
    }
}

/// What the error renderer receives in the response's extensions.
#[derive(Debug, Clone)]
pub struct Problem {
    pub status: StatusCode,
    pub code: &'static str,
    pub fields: FieldErrors,
    pub retry_after_secs: Option<i64>,
    pub tries_left: Option<i32>,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(cause) = &self {
            // Logged once, here, with the whole chain; causes never carry personal data.
            tracing::error!(error = format!("{cause:#}"), "request failed");
        }
        if let AppError::Unavailable(cause) = &self {
            let mut chain = cause.to_string();
            let mut source = std::error::Error::source(cause);
            while let Some(s) = source {
                chain.push_str(&format!(": {s}"));
                source = s.source();
            }
            tracing::error!(error = chain, "database unavailable");
        }
        let problem = self.problem();
        let mut res = problem.status.into_response();
        res.extensions_mut().insert(problem);
        res
    }
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// A 500 for a panicked handler (the context middleware renders it like any other).
    pub fn into_response_for_panic(self) -> Response {
        self.into_response()
    }
}
