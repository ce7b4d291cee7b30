//! What OEC tells an organisation's contact person: a short SMS in one part (the number and the
//! news) and an email with the reason and, right after applying, the private link to follow the
//! application. Both in the language the applicant wrote in.

use psk_domain::lang::Lang;
use psk_store::organisations::OrgRow;

use crate::crypto::Field;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::notify::{self, Message};
use crate::state::AppState;

/// The private link to an application.
pub fn application_link(st: &AppState, number: &str, key: &str) -> String {
    format!(
        "{}/organisations/applications/{number}?key={key}",
        st.config.public_url.trim_end_matches('/')
    )
}

/// Queues the SMS `sms` (an id of the catalogue, `sms-org-*`) and its email, in `ex`.
pub async fn applicant(
    st: &AppState,
    ex: psk_store::Ex<'_>,
    row: &OrgRow,
    sms: &str,
    key: Option<&str>,
) -> AppResult<()> {
    let mut ex = ex;
    let tr = Tr::new(Lang::parse(&row.language).unwrap_or_default());
    let args = [
        ("number", row.number.clone()),
        ("name", row.legal_name.clone()),
    ];
    let text = tr.plain(sms, &args);
    let mobile = st
        .keys
        .decrypt_string(Field::Mobile, &row.contact_mobile_enc)
        .map_err(anyhow::Error::from)?;
    notify::enqueue(
        st,
        ex.reborrow(),
        &Message::Sms {
            to: mobile,
            text: text.clone(),
        },
    )
    .await?;
    if let Some(email) = &row.contact_email {
        let mut body = vec![text];
        if let Some(reason) = &row.status_reason {
            body.push(tr.plain("org-email-reason", &[("reason", reason.clone())]));
        }
        if let Some(key) = key {
            let link = application_link(st, &row.number, key);
            body.push(tr.plain("org-email-link", &[("link", link)]));
        }
        notify::enqueue(
            st,
            ex,
            &Message::Email {
                to: email.clone(),
                subject: tr.plain("org-email-subject", &args),
                body: body.join("\n\n"),
            },
        )
        .await?;
    }
    Ok(())
}
