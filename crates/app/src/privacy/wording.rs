//! The wording of each purpose, in both languages, with its version. The first version of each
//! is `policy/purposes.toml`, built into the binary and written to `purpose_wordings` at start-up
//! ([`seed`]); a bad file stops start-up (and fails the unit test below), never a request. Later
//! wordings are published by an administrator with a policy version (`crate::policy`), and the
//! newest in the database is the one in force ([`current`]).

use std::collections::HashMap;
use std::sync::LazyLock;

use psk_domain::consent::Purpose;
use psk_domain::lang::Lang;
use psk_store::Ex;
use psk_store::policies::{self, WordingRow};
use serde::Deserialize;

use crate::error::AppResult;
use crate::state::AppState;

const FILE: &str = include_str!("../../../../policy/purposes.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    purpose: Vec<Raw>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    key: String,
    version: i32,
    title_en: String,
    title_ur: String,
    text_en: String,
    text_ur: String,
}

/// One purpose as the worker reads it.
#[derive(Debug, Clone)]
pub struct Wording {
    pub purpose: Purpose,
    pub version: i32,
    title_en: String,
    title_ur: String,
    text_en: String,
    text_ur: String,
}

impl Wording {
    pub fn title(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ur => &self.title_ur,
            Lang::En => &self.title_en,
        }
    }

    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ur => &self.text_ur,
            Lang::En => &self.text_en,
        }
    }
}

/// Every purpose's wording, in [`Purpose::ALL`] order.
#[derive(Debug)]
pub struct Purposes(Vec<Wording>);

impl Purposes {
    fn parse(text: &str) -> Result<Self, String> {
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut by_key: HashMap<Purpose, Wording> = HashMap::new();
        for r in file.purpose {
            let purpose =
                Purpose::parse(&r.key).map_err(|_| format!("unknown purpose {:?}", r.key))?;
            if r.version < 1 {
                return Err(format!("{}: version must be 1 or more", r.key));
            }
            for (what, t) in [
                ("title_en", &r.title_en),
                ("title_ur", &r.title_ur),
                ("text_en", &r.text_en),
                ("text_ur", &r.text_ur),
            ] {
                if t.trim().is_empty() {
                    return Err(format!("{}: {what} is empty", r.key));
                }
            }
            let w = Wording {
                purpose,
                version: r.version,
                title_en: r.title_en,
                title_ur: r.title_ur,
                text_en: r.text_en,
                text_ur: r.text_ur,
            };
            if by_key.insert(purpose, w).is_some() {
                return Err(format!("{} appears twice", r.key));
            }
        }
        let mut out = vec![];
        for p in Purpose::ALL {
            out.push(
                by_key
                    .remove(&p)
                    .ok_or_else(|| format!("{} is missing", p.as_str()))?,
            );
        }
        Ok(Self(out))
    }

    pub fn all(&self) -> &[Wording] {
        &self.0
    }

    pub fn get(&self, p: Purpose) -> &Wording {
        self.0
            .iter()
            .find(|w| w.purpose == p)
            .expect("every purpose has its wording (checked at start-up)")
    }
}

static PURPOSES: LazyLock<Result<Purposes, String>> = LazyLock::new(|| Purposes::parse(FILE));

/// Checks the built-in wording; `serve` calls it before it listens.
pub fn check() -> anyhow::Result<()> {
    PURPOSES
        .as_ref()
        .map(|_| ())
        .map_err(|e| anyhow::anyhow!("policy/purposes.toml: {e}"))
}

/// The built-in wording (checked at start-up by [`check`]).
fn built_in() -> &'static Purposes {
    PURPOSES
        .as_ref()
        .expect("policy/purposes.toml is checked at start-up")
}

impl From<WordingRow> for Wording {
    fn from(r: WordingRow) -> Self {
        Self {
            purpose: Purpose::parse(&r.purpose).unwrap_or(Purpose::Training),
            version: r.version,
            title_en: r.title_en,
            title_ur: r.title_ur,
            text_en: r.text_en,
            text_ur: r.text_ur,
        }
    }
}

/// The wording in force: the newest version of each purpose in the database (the built-in one
/// for a purpose the database lacks, which only a database never started can).
pub async fn current(ex: Ex<'_>) -> AppResult<Purposes> {
    let rows = policies::current_wordings(ex).await?;
    let mut out = vec![];
    for b in built_in().all() {
        out.push(
            rows.iter()
                .find(|r| r.purpose == b.purpose.as_str())
                .cloned()
                .map(Wording::from)
                .unwrap_or_else(|| b.clone()),
        );
    }
    Ok(Purposes(out))
}

/// Writes the built-in wording to the database where that version is not there yet.
pub async fn seed(st: &AppState) -> AppResult<()> {
    for w in built_in().all() {
        policies::insert_wording(st.db.ex(), &w.row(None, st.clock.now())).await?;
    }
    Ok(())
}

impl Wording {
    /// A new wording of `purpose`, one version after `previous`.
    pub fn next(previous: &Wording, title: [String; 2], text: [String; 2]) -> Self {
        let [title_en, title_ur] = title;
        let [text_en, text_ur] = text;
        Self {
            purpose: previous.purpose,
            version: previous.version + 1,
            title_en,
            title_ur,
            text_en,
            text_ur,
        }
    }

    pub fn row(
        &self,
        policy: Option<uuid::Uuid>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> WordingRow {
        WordingRow {
            purpose: self.purpose.as_str().to_owned(),
            version: self.version,
            title_en: self.title_en.clone(),
            title_ur: self.title_ur.clone(),
            text_en: self.text_en.clone(),
            text_ur: self.text_ur.clone(),
            policy_version_id: policy,
            published_at: now,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_wording_covers_every_purpose_in_both_languages() {
        check().unwrap();
        assert_eq!(built_in().all().len(), Purpose::ALL.len());
    }

    #[test]
    fn a_missing_or_doubled_purpose_is_refused() {
        let one = "[[purpose]]\nkey = \"news\"\nversion = 1\ntitle_en = \"a\"\ntitle_ur = \"ب\"\ntext_en = \"c\"\ntext_ur = \"د\"\n";
        assert!(Purposes::parse(one).unwrap_err().contains("is missing"));
        let twice = format!("{one}{one}");
        assert!(Purposes::parse(&twice).unwrap_err().contains("twice"));
        let empty = one.replace("\"ب\"", "\" \"");
        assert!(
            Purposes::parse(&empty)
                .unwrap_err()
                .contains("title_ur is empty")
        );
    }
}
