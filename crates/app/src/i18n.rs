//! Translations: every user-facing string comes from the Fluent catalogues in `locales/`
//! (`en.ftl`, `ur.ftl`), errors included. Templates receive a [`Tr`] and call `tr.t("id")`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use psk_domain::lang::Lang;

const EN: &str = include_str!("../locales/en.ftl");
const UR: &str = include_str!("../locales/ur.ftl");

struct Catalogue {
    bundles: HashMap<Lang, FluentBundle<FluentResource>>,
}

static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(|| {
    let mut bundles = HashMap::new();
    for (lang, src, tag) in [
        (Lang::En, EN, unic_langid::langid!("en")),
        (Lang::Ur, UR, unic_langid::langid!("ur")),
    ] {
        let res = FluentResource::try_new(src.to_owned())
            .unwrap_or_else(|(_, errs)| panic!("locales/{}.ftl: {errs:?}", lang.code()));
        let mut b = FluentBundle::new_concurrent(vec![tag]);
        // Isolation marks keep numbers and Latin names upright inside Urdu sentences.
        b.set_use_isolating(lang.is_rtl());
        b.add_resource(res)
            .unwrap_or_else(|errs| panic!("locales/{}.ftl: {errs:?}", lang.code()));
        bundles.insert(lang, b);
    }
    Catalogue { bundles }
});

/// Looks up `id` with `args`. A missing message is a bug (a test checks both catalogues hold the
/// same ids); it shows the id rather than failing the page.
pub fn translate(lang: Lang, id: &str, args: Option<&FluentArgs>) -> String {
    let bundle = &CATALOGUE.bundles[&lang];
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        tracing::error!(id, lang = lang.code(), "missing translation");
        return id.to_owned();
    };
    let mut errors = vec![];
    let s: Cow<str> = bundle.format_pattern(pattern, args, &mut errors);
    // Left-to-right runs written in the Urdu text itself (an example CNIC in a hint) are
    // isolated like the arguments Fluent isolates.
    if lang.is_rtl() {
        crate::bidi::isolate_ltr(&s)
    } else {
        s.into_owned()
    }
}

/// The translator handed to templates and error renderers.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Self {
        Self { lang }
    }

    pub fn t(&self, id: &str) -> String {
        translate(self.lang, id, None)
    }

    /// Whether the catalogue has message `id` (for labels of open-ended keys, with a fallback).
    pub fn has(&self, id: &str) -> bool {
        CATALOGUE.bundles[&self.lang].has_message(id)
    }

    /// The message `<prefix><key>`, for a key the template holds (a status, a kind).
    pub fn t_of(&self, prefix: &str, key: &str) -> String {
        self.t(&format!("{prefix}{key}"))
    }

    /// With one named argument.
    pub fn t1(&self, id: &str, name: &str, value: impl std::fmt::Display) -> String {
        self.ta(id, &[(name, value.to_string())])
    }

    /// With named arguments. A whole number is passed as a number, so a message can choose its
    /// plural form (`{ $minutes -> [one] 1 minute *[other] { $minutes } minutes }`); anything
    /// that would not print back the same (a mobile with its leading 0) stays text.
    pub fn ta(&self, id: &str, values: &[(&str, String)]) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in values {
            let v = match value.parse::<i64>() {
                Ok(n) if n.to_string() == *value && n.unsigned_abs() < 1 << 53 => {
                    FluentValue::from(n)
                }
                _ => FluentValue::from(value.clone()),
            };
            args.set(name.to_string(), v);
        }
        translate(self.lang, id, Some(&args))
    }

    /// The message for an error code (`error-<code>`), with the field's label where it has one.
    pub fn error(&self, field: &str, code: &str) -> String {
        let mut args = FluentArgs::new();
        args.set(
            "field",
            FluentValue::from(self.t(&format!("field-{}", field.replace('_', "-")))),
        );
        translate(
            self.lang,
            &format!("error-{}", code.replace('_', "-")),
            Some(&args),
        )
    }

    /// For SMS and email: isolation marks only where a left-to-right run inside Urdu needs them
    /// (a number with spaces or dashes, a link), not around every argument as Fluent puts them:
    /// each mark costs SMS length.
    pub fn plain(&self, id: &str, values: &[(&str, String)]) -> String {
        let text = self.ta(id, values).replace(['\u{2068}', '\u{2069}'], "");
        if self.lang.is_rtl() {
            crate::bidi::isolate_ltr(&text)
        } else {
            text
        }
    }

    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    pub fn dir(&self) -> &'static str {
        if self.lang.is_rtl() { "rtl" } else { "ltr" }
    }

    pub fn is_ur(&self) -> bool {
        self.lang == Lang::Ur
    }
}

/// The message ids of a catalogue (for the parity test and the template check).
pub fn message_ids(lang: Lang) -> Vec<String> {
    let src = match lang {
        Lang::En => EN,
        Lang::Ur => UR,
    };
    src.lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_owned()))
        .collect()
}

#[cfg(test)]
#[path = "i18n_tests.rs"]
mod tests;
