//! Canned replies (`policy/replies.toml`, built in): each in English and Urdu; the worker gets
//! the one in their language.

use std::sync::LazyLock;

use psk_domain::lang::Lang;
use serde::Deserialize;

const FILE: &str = include_str!("../../../../policy/replies.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    reply: Vec<Reply>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reply {
    pub key: String,
    /// What agents see in the list.
    pub title: String,
    text_en: String,
    text_ur: String,
}

impl Reply {
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ur => &self.text_ur,
            Lang::En => &self.text_en,
        }
    }
}

static REPLIES: LazyLock<Result<Vec<Reply>, String>> = LazyLock::new(|| {
    let f: File = toml::from_str(FILE).map_err(|e| e.to_string())?;
    for (i, r) in f.reply.iter().enumerate() {
        if [&r.key, &r.title, &r.text_en, &r.text_ur]
            .iter()
            .any(|t| t.trim().is_empty())
        {
            return Err(format!("reply {}: every field is needed", i + 1));
        }
        if f.reply[..i].iter().any(|o| o.key == r.key) {
            return Err(format!("reply {}: key {:?} appears twice", i + 1, r.key));
        }
    }
    Ok(f.reply)
});

/// Checks the built-in replies; `serve` calls it before it listens.
pub fn check() -> anyhow::Result<()> {
    REPLIES
        .as_ref()
        .map(|_| ())
        .map_err(|e| anyhow::anyhow!("policy/replies.toml: {e}"))
}

pub fn all() -> &'static [Reply] {
    REPLIES
        .as_ref()
        .expect("policy/replies.toml is checked at start-up")
}

pub fn get(key: &str) -> Option<&'static Reply> {
    all().iter().find(|r| r.key == key)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_built_in_replies_are_whole() {
        super::check().unwrap();
        assert!(super::all().len() >= 5);
    }
}
