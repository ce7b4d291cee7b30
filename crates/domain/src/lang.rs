//! The two languages of the service.

use serde::{Deserialize, Serialize};

use crate::coded_error;

coded_error!(
    /// An unknown language code.
    LangError { Invalid => "choose_option" }
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ur,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ur];

    pub fn parse(s: &str) -> Result<Self, LangError> {
        match s.trim() {
            "en" => Ok(Self::En),
            "ur" => Ok(Self::Ur),
            _ => Err(LangError::Invalid),
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Ur => "ur",
        }
    }

    pub fn is_rtl(&self) -> bool {
        matches!(self, Self::Ur)
    }

    /// The best language for an `Accept-Language` header: the first of ours it names by
    /// preference weight, English when it names neither.
    pub fn from_accept_language(header: &str) -> Self {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut it = part.trim().split(';');
            let tag = it.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = it
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|v| v.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            let lang = match primary {
                "ur" => Lang::Ur,
                "en" => Lang::En,
                _ => continue,
            };
            if best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language() {
        assert_eq!(
            Lang::from_accept_language("ur-PK,ur;q=0.9,en;q=0.8"),
            Lang::Ur
        );
        assert_eq!(
            Lang::from_accept_language("en-GB,en;q=0.9,ur;q=0.5"),
            Lang::En
        );
        assert_eq!(Lang::from_accept_language("fr,en;q=0.5,ur;q=0.7"), Lang::Ur);
        assert_eq!(Lang::from_accept_language("de"), Lang::En);
        assert_eq!(Lang::from_accept_language(""), Lang::En);
    }
}
