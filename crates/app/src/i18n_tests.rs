//! The catalogue's own tests: every message in both languages, arguments, SMS lengths and bidi.

use super::*;
use std::collections::BTreeSet;

#[test]
fn both_catalogues_have_the_same_messages() {
    let en: BTreeSet<_> = message_ids(Lang::En).into_iter().collect();
    let ur: BTreeSet<_> = message_ids(Lang::Ur).into_iter().collect();
    assert!(en.len() > 100);
    let missing_ur: Vec<_> = en.difference(&ur).collect();
    let missing_en: Vec<_> = ur.difference(&en).collect();
    assert!(missing_ur.is_empty(), "missing in ur.ftl: {missing_ur:?}");
    assert!(missing_en.is_empty(), "missing in en.ftl: {missing_en:?}");
}

#[test]
fn every_message_formats_without_errors() {
    for lang in Lang::ALL {
        let bundle = &CATALOGUE.bundles[&lang];
        for id in message_ids(lang) {
            let msg = bundle
                .get_message(&id)
                .unwrap_or_else(|| panic!("{id} in {lang:?}"));
            let mut errs = vec![];
            let mut args = FluentArgs::new();
            for a in [
                "field",
                "minutes",
                "seconds",
                "count",
                "number",
                "limit",
                "tries",
                "name",
                "date",
                "email",
                "max",
                "min",
                "version",
                "code",
                "link",
                "role",
                "percent",
                "mb",
                "kb",
                "modules",
                "lessons",
                "questions",
                "tasks",
                "hours",
                "used",
                "allowed",
                "attempts",
                "made",
                "total",
                "lesson",
                "language",
                "done",
                "browser",
                "os",
                "device",
                "purpose",
                "when",
                "document",
                "reason",
                "mb",
                "demanded",
                "filled",
                "quota",
                "points",
                "years",
                "occupation",
                "country",
                "step",
                "organisation",
                "short_link",
                "receipt",
                "paid",
                "amount",
                "cap",
            ] {
                args.set(a, FluentValue::from("1"));
            }
            let _ = bundle.format_pattern(msg.value().unwrap(), Some(&args), &mut errs);
            assert!(errs.is_empty(), "{lang:?} {id}: {errs:?}");
        }
    }
}

/// Every Urdu message, on a page and as plain text (SMS, email), keeps its left-to-right runs
/// isolated, with arguments as awkward as real ones: a mobile with a space, a certificate
/// number with dashes, a link.
#[test]
fn no_urdu_message_leaves_a_left_to_right_run_unisolated() {
    let tr = Tr::new(Lang::Ur);
    let samples = [
        "0300 1234567",
        "PSS-7KQ4-M2XD-9",
        "https://pss.example.pk/verify?n=PSS-7KQ4-M2XD-9",
        "35202-1234567-1",
        "2026-12-06 14:05",
    ];
    let mut bad = vec![];
    for id in message_ids(Lang::Ur) {
        for sample in samples {
            let args: Vec<(&str, String)> = [
                "field", "number", "link", "code", "name", "date", "email", "mobile", "version",
                "when", "time", "device",
            ]
            .iter()
            .map(|a| (*a, sample.to_owned()))
            .collect();
            for text in [tr.ta(&id, &args), tr.plain(&id, &args)] {
                let runs = crate::bidi::unisolated_ltr(&text);
                if !runs.is_empty() {
                    bad.push(format!("{id}: {runs:?} in {text}"));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn counts_choose_their_plural_form() {
    let tr = Tr::new(Lang::En);
    assert_eq!(
        tr.t1("learn-reading-time", "minutes", 1),
        "Take your time: this lesson takes about 1 minute to read."
    );
    assert_eq!(
        tr.t1("learn-reading-time", "minutes", 4),
        "Take your time: this lesson takes about 4 minutes to read."
    );
    assert_eq!(
        tr.t1("error-otp-invalid", "tries", 1),
        "That code is not right. You have 1 try left."
    );
    assert_eq!(
        tr.ta(
            "test-wait",
            &[("hours", "1".into()), ("minutes", "0".into())]
        ),
        "You can try again in 1 hour and 0 minutes. Use the time to go over the lessons."
    );
    // Text that only looks like a number stays as written.
    assert!(
        tr.plain(
            "sms-otp-register",
            &[("code", "012345".into()), ("minutes", "5".into())]
        )
        .contains("012345")
    );
}

/// Every SMS costs one part in both languages (Urdu is UCS-2: 70 characters), with arguments
/// as long as real ones: a six-digit code, a certificate number, a production-length link.
#[test]
fn every_sms_fits_one_part() {
    let args = [
        ("code", "123456".to_owned()),
        ("minutes", "10".to_owned()),
        ("number", "PSS-7KQ4-M2XD-9".to_owned()),
        (
            "link",
            "https://paksoftskills.example.gov.pk/verify?n=PSS-7KQ4-M2XD-9".to_owned(),
        ),
        // The pipeline's short link to "My job applications" (`/p`).
        (
            "short_link",
            "https://paksoftskills.example.gov.pk/p".to_owned(),
        ),
    ];
    let mut checked = 0;
    let mut over = vec![];
    for lang in Lang::ALL {
        let tr = Tr::new(lang);
        for id in message_ids(lang)
            .into_iter()
            .filter(|id| id.starts_with("sms-") || id.ends_with("-sms"))
        {
            let text = tr.plain(&id, &args);
            let parts = crate::notify::parts::sms_parts(&text);
            checked += 1;
            if parts > 1 {
                over.push(format!(
                    "{lang:?} {id}: {parts} parts, {} characters: {text}",
                    text.encode_utf16().count()
                ));
            }
        }
    }
    assert!(
        checked >= 10,
        "the SMS templates are found by their ids ({checked})"
    );
    assert!(over.is_empty(), "{over:#?}");
}

/// The pages' Urdu follows the course's glossary: one form for each institution and title.
#[test]
fn the_catalogue_follows_the_glossary() {
    let g: psk_course::glossary::Glossary =
        toml::from_str(include_str!("../../../content/glossary.toml")).unwrap();
    assert!(g.term.len() >= 10);
    let problems: Vec<String> = g
        .check("locales/ur.ftl", UR)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_error_code_of_the_domain_has_a_message() {
    let ids: BTreeSet<_> = message_ids(Lang::En).into_iter().collect();
    for code in crate::error::ALL_CODES {
        let id = format!("error-{}", code.replace('_', "-"));
        assert!(ids.contains(&id), "no message {id}");
    }
}

/// Every status the service answers with has a title in both languages (a 409 once showed
/// the raw key `title-409`).
#[test]
fn every_status_has_a_title() {
    for lang in Lang::ALL {
        let ids: BTreeSet<_> = message_ids(lang).into_iter().collect();
        for status in [
            400, 401, 403, 404, 405, 409, 410, 413, 415, 422, 429, 500, 503,
        ] {
            assert!(
                ids.contains(&format!("title-{status}")),
                "{lang:?}: no title-{status}"
            );
        }
    }
}

#[test]
fn urdu_is_urdu() {
    let tr = Tr::new(Lang::Ur);
    assert!(
        tr.t("site-name")
            .chars()
            .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
    );
    assert_eq!(tr.dir(), "rtl");
}
