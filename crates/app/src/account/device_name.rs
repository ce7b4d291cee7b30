//! A device as its owner recognises it: "Chrome 120 on Android 13 (Tecno KI5q)" rather than the
//! raw User-Agent string. Parsed with ua-parser (the UA-Parser project's Rust implementation) and
//! the uap-core regexes it is made for, bundled as JSON in `data/uap-regexes.json` (Apache-2.0,
//! uap-core 0.18.0; licence beside it). The parser is built on first use.

use std::sync::LazyLock;

use ua_parser::{Extractor, Regexes};

use crate::i18n::Tr;

static REGEXES: &str = include_str!("../../data/uap-regexes.json");

static PARSER: LazyLock<Option<Extractor<'static>>> = LazyLock::new(|| {
    let regexes: Regexes<'static> = serde_json::from_str(REGEXES)
        .map_err(|e| tracing::error!(error = %e, "the bundled User-Agent regexes do not parse"))
        .ok()?;
    Extractor::try_from(regexes)
        .map_err(|e| tracing::error!(error = ?e, "the bundled User-Agent regexes do not build"))
        .ok()
});

/// "Chrome 120 on Android 13 (Tecno KI5q)", in the reader's language; None when nothing is
/// recognised (the caller shows the raw string).
pub fn describe(tr: &Tr, user_agent: &str) -> Option<String> {
    let parser = PARSER.as_ref()?;
    let (browser, os, device) = parser.extract(user_agent);
    let known = |s: &str| !s.is_empty() && s != "Other";
    let browser = browser
        .filter(|b| known(&b.family))
        .map(|b| match b.major {
            Some(v) => format!("{} {v}", b.family),
            None => b.family.to_string(),
        })?;
    let os = os.filter(|o| known(&o.os)).map(|o| match o.major {
        Some(v) => format!("{} {v}", o.os),
        None => o.os.to_string(),
    });
    // Chrome's reduced User-Agent says "Android 10; K" for every phone: no model to show.
    let device = device
        .filter(|d| {
            known(&d.device) && !d.device.starts_with("Generic") && d.model.as_deref() != Some("K")
        })
        .map(|d| match (d.brand, d.model) {
            (Some(b), Some(m)) if !m.starts_with(b.as_ref()) => format!("{b} {m}"),
            (_, Some(m)) => m.to_string(),
            _ => d.device.to_string(),
        });
    let mut args = vec![("browser", browser)];
    let id = match (os, device) {
        (Some(os), Some(device)) => {
            args.push(("os", os));
            args.push(("device", device));
            "device-name-full"
        }
        (Some(os), _) => {
            args.push(("os", os));
            "device-name-os"
        }
        _ => "device-name-browser",
    };
    Some(tr.ta(id, &args))
}

/// The device's name for a page: described when recognised, else the raw string.
pub fn named(tr: &Tr, user_agent: impl AsRef<str>) -> String {
    let ua = user_agent.as_ref();
    describe(tr, ua).unwrap_or_else(|| ua.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use psk_domain::lang::Lang;

    #[test]
    fn phones_and_computers_are_named_as_people_know_them() {
        let tr = Tr::new(Lang::En);
        let tecno = "Mozilla/5.0 (Linux; Android 13; TECNO KI5q Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.144 Mobile Safari/537.36";
        let named = describe(&tr, tecno).unwrap();
        assert!(
            named.contains("Android 13") && named.contains("KI5q"),
            "{named}"
        );
        let reduced = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36";
        assert_eq!(
            describe(&tr, reduced).unwrap(),
            "Chrome Mobile 124 on Android 10"
        );
        let desktop = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
        assert_eq!(describe(&tr, desktop).unwrap(), "Chrome 124 on Windows 10");
        assert_eq!(describe(&tr, "???"), None);
        let ur = describe(&Tr::new(Lang::Ur), reduced).unwrap();
        assert!(ur.contains("Android 10") && ur.contains("پر"), "{ur}");
    }
}
