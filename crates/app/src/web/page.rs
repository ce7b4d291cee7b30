//! What every page template receives besides its own data.

use askama::Template;
use axum::response::Html;
use psk_domain::role::Role;

use super::context::Ctx;
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};

/// The page frame: the anti-forgery token for forms, who is signed in, the current path (for the
/// language switch to come back to).
#[derive(Debug, Clone)]
pub struct Base {
    pub csrf: String,
    pub user_name: Option<String>,
    pub role: Option<Role>,
    pub path: String,
}

impl Base {
    pub fn anonymous(ctx: &Ctx) -> Self {
        Self {
            csrf: ctx.csrf_token.clone(),
            user_name: None,
            role: None,
            path: ctx.path.clone(),
        }
    }

    pub fn new(ctx: &Ctx, user: Option<&CurrentUser>) -> Self {
        Self {
            user_name: user.map(|u| u.full_name.clone()),
            role: user.map(|u| u.role),
            ..Self::anonymous(ctx)
        }
    }

    pub fn signed_in(&self) -> bool {
        self.user_name.is_some()
    }

    pub fn is_admin(&self) -> bool {
        self.role == Some(Role::Administrator)
    }

    /// Support agents and administrators: the support desk.
    pub fn can_support(&self) -> bool {
        matches!(
            self.role,
            Some(Role::SupportAgent) | Some(Role::Administrator)
        )
    }

    pub fn is_trainee(&self) -> bool {
        self.role == Some(Role::Trainee)
    }

    pub fn is_employer(&self) -> bool {
        self.role == Some(Role::EmployerUser)
    }

    pub fn is_officer(&self) -> bool {
        self.role == Some(Role::ProtectorOfficer)
    }

    pub fn can_author(&self) -> bool {
        self.role
            .is_some_and(|r| crate::authoring::service::AUTHORS.contains(&r))
    }

    pub fn can_grade(&self) -> bool {
        self.role
            .is_some_and(|r| crate::grading::service::GRADERS.contains(&r))
    }

    pub fn is_staff(&self) -> bool {
        self.role.is_some_and(|r| r.is_staff())
    }
}

/// Renders a template into an HTML response.
/// Renders a page. A right-to-left (Urdu) page has the left-to-right runs of its text isolated
/// (`bidi::isolate_html`), whichever template or content they came from.
pub fn html<T: Template>(t: &T) -> AppResult<Html<String>> {
    let page = t
        .render()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("template: {e}")))?;
    Ok(Html(finish(page)))
}

/// A rendered page as it is sent: on a right-to-left page, left-to-right runs isolated.
pub fn finish(page: String) -> String {
    let rtl = page
        .find("<html")
        .and_then(|i| {
            page[i..]
                .find('>')
                .map(|j| page[i..i + j].contains("dir=\"rtl\""))
        })
        .unwrap_or(false);
    if rtl {
        crate::bidi::isolate_html(&page)
    } else {
        page
    }
}

/// Problems with a submitted form, by field, in the user's language.
#[derive(Debug, Clone, Default)]
pub struct FormErrors {
    fields: Vec<(String, String)>,
    /// A problem with the whole form (wrong code, too many tries, …).
    pub general: Option<String>,
}

impl FormErrors {
    pub fn get(&self, field: &str) -> &str {
        self.fields
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
            .unwrap_or("")
    }

    pub fn has(&self, field: &str) -> bool {
        self.fields.iter().any(|(f, _)| f == field)
    }

    pub fn all(&self) -> &[(String, String)] {
        &self.fields
    }

    /// A message about the whole form.
    pub fn general(message: String) -> Self {
        Self {
            fields: vec![],
            general: Some(message),
        }
    }

    pub fn any(&self) -> bool {
        !self.fields.is_empty() || self.general.is_some()
    }

    /// Turns the errors a person can fix into form messages (with the status to answer with);
    /// anything else is handed back to be rendered as an error page.
    pub fn from_error(
        tr: &crate::i18n::Tr,
        e: AppError,
    ) -> Result<(axum::http::StatusCode, Self), AppError> {
        let p = e.problem();
        match e {
            AppError::Fields(f) => Ok((
                p.status,
                Self {
                    fields: f
                        .0
                        .iter()
                        .map(|x| (x.field.to_owned(), tr.error(x.field, x.code)))
                        .collect(),
                    general: Some(tr.t("form-has-errors")),
                },
            )),
            AppError::Otp(_)
            | AppError::Gone(_)
            | AppError::InvalidCredentials
            | AppError::Locked { .. }
            | AppError::RateLimited { .. }
            | AppError::Csrf => Ok((
                p.status,
                Self {
                    fields: vec![],
                    general: Some(super::errors::detail(tr, &p)),
                },
            )),
            other => Err(other),
        }
    }
}

/// An option of a `<select>`.
#[derive(Debug, Clone)]
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl Opt {
    pub fn list<'a>(items: impl IntoIterator<Item = (&'a str, String)>, current: &str) -> Vec<Opt> {
        items
            .into_iter()
            .map(|(v, l)| Opt {
                selected: v == current,
                value: v.to_owned(),
                label: l,
            })
            .collect()
    }
}

/// A labelled group of options (`<optgroup>`).
#[derive(Debug, Clone)]
pub struct OptGroup {
    pub label: String,
    pub options: Vec<Opt>,
}

#[cfg(test)]
mod tests {
    /// Templates hold no text of their own: every word comes from the Fluent catalogues.
    #[test]
    fn templates_have_no_hard_coded_text() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let src = std::fs::read_to_string(&path).unwrap();
            // First drop template tags, expressions and comments, then HTML tags: what is left
            // is text shown to people.
            let mut code_free = String::new();
            let mut rest = src.as_str();
            while let Some(i) = rest.find('{') {
                code_free.push_str(&rest[..i]);
                let close = match rest.get(i..i + 2) {
                    Some("{{") => "}}",
                    Some("{%") => "%}",
                    Some("{#") => "#}",
                    _ => {
                        code_free.push('{');
                        rest = &rest[i + 1..];
                        continue;
                    }
                };
                let end = rest[i..]
                    .find(close)
                    .map(|e| i + e + close.len())
                    .unwrap_or(rest.len());
                rest = &rest[end..];
            }
            code_free.push_str(rest);
            let mut text = String::new();
            let mut rest = code_free.as_str();
            while let Some(i) = rest.find('<') {
                text.push_str(&rest[..i]);
                let end = rest[i..].find('>').map(|e| i + e + 1).unwrap_or(rest.len());
                rest = &rest[end..];
            }
            text.push_str(rest);
            let words: String = text.chars().filter(|c| c.is_alphabetic()).collect();
            assert!(
                words.is_empty(),
                "{} shows text not from the catalogue: {words:?}",
                path.display()
            );
            checked += 1;
        }
        assert!(checked >= 10);
    }
}
