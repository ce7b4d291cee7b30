//! The wording of each purpose, in both languages, with its version: `policy/purposes.toml`,
//! built into the binary (it is part of the policy a release ships with). Read once; a bad file
//! stops start-up (and fails the unit test below), never a request.

use std::collections::HashMap;
use std::sync::LazyLock;

use psk_domain::consent::Purpose;
use psk_domain::lang::Lang;
use serde::Deserialize;

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
pub fn purposes() -> &'static Purposes {
    PURPOSES
        .as_ref()
        .expect("policy/purposes.toml is checked at start-up")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_wording_covers_every_purpose_in_both_languages() {
        check().unwrap();
        assert_eq!(purposes().all().len(), Purpose::ALL.len());
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
