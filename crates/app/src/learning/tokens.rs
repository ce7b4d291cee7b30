//! Option tokens: what the client sees instead of the content's option ids. Ids like `a`, `b`,
//! `c` follow the answer key too often (the right answer first, orderings in alphabetical order);
//! a token is a keyed hash of the option within its attempt or task and trainee, unguessable and
//! different every time, and the server maps it back.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::state::AppState;

/// The token of option `id` within `scope`.
pub fn token(st: &AppState, scope: &[&[u8]], id: &str) -> String {
    let mut parts: Vec<&[u8]> = vec![b"option-token"];
    parts.extend_from_slice(scope);
    parts.push(id.as_bytes());
    URL_SAFE_NO_PAD.encode(&st.keys.mac(&parts)[..9])
}

/// The option ids behind `tokens`, in order; unknown tokens are dropped.
pub fn resolve<'a>(
    st: &AppState,
    scope: &[&[u8]],
    ids: impl Iterator<Item = &'a str> + Clone,
    tokens: &[String],
) -> Vec<String> {
    tokens
        .iter()
        .filter_map(|t| {
            ids.clone()
                .find(|id| &token(st, scope, id) == t)
                .map(str::to_owned)
        })
        .collect()
}
