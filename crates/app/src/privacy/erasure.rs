//! Carrying out a deletion request: the account's personal data is erased in one transaction
//! (`psk_store::erasure`), the evidence files leave the object store after it commits, every
//! choice of consent is withdrawn, and what the law requires stays: the certificate as issued
//! (it still verifies) and the protector stamps. The worker is told by SMS first, while the
//! number is still known. An erased account cannot sign in (nothing identifies it any more) and
//! is found by no look-up.

use object_store::ObjectStoreExt;
use object_store::path::Path as ObjectPath;
use psk_domain::consent::{Basis, Channel, Purpose};
use psk_domain::lang::Lang;
use psk_store::users::UserRow;
use serde_json::json;

use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::crypto::Field;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::notify::{self, Message};
use crate::state::AppState;

pub async fn erase(
    st: &AppState,
    admin: &CurrentUser,
    user: &UserRow,
    number: &str,
    ip: &str,
) -> AppResult<()> {
    let now = st.clock.now();
    let all: Vec<(Purpose, bool)> = Purpose::ALL
        .into_iter()
        .filter(|p| p.basis() == Basis::Choice)
        .map(|p| (p, false))
        .collect();
    crate::privacy::consent::set_many(st, user.id, &all, Channel::Staff, ip).await?;
    // Nothing of the password remains: a hash of random bytes no one knows.
    let random = hex::encode(crate::crypto::random_bytes::<32>());
    let unusable = crate::auth::password::hash_any(&random).await?;
    let blank_mobile = st.keys.encrypt(Field::Mobile, b"");
    let no_index = crate::crypto::random_bytes::<32>().to_vec();
    let lang = Lang::parse(&user.language).unwrap_or_default();
    let to = st
        .keys
        .decrypt_string(Field::Mobile, &user.mobile_enc)
        .map_err(anyhow::Error::from)?;
    let text = Tr::new(lang).plain("sms-account-erased", &[("number", number.to_owned())]);
    let mut tx = st.db.begin().await?;
    notify::enqueue(st, tx.ex(), &Message::Sms { to, text }).await?;
    let keys =
        psk_store::erasure::erase(tx.ex(), user.id, (&blank_mobile, &no_index, &unusable), now)
            .await?;
    Event::new("account.erased")
        .actor(admin.id)
        .subject(user.id)
        .detail(json!({ "request": number, "files": keys.len(), "role": admin.role.as_str() }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    for key in keys {
        if let Err(e) = st.media.delete(&ObjectPath::from(key.as_str())).await {
            tracing::error!(error = %e, "removing an erased account's file failed");
        }
    }
    notify::wake_worker(st);
    Ok(())
}
