//! A lesson script as it will be spoken in a rendered video: its `##` sections become slides, each
//! with its heading and its sentences, settings filled in and Markdown markers removed.

use std::collections::BTreeMap;

use psk_course::Text;

/// One slide: its heading and the sentences spoken under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slide {
    pub heading: String,
    pub sentences: Vec<String>,
}

/// Splits a lesson script into slides (`##` sections), with settings filled in and Markdown
/// markers removed, as it will be spoken.
pub fn slides(
    script: &str,
    values: &BTreeMap<String, String>,
    described: &[(String, Text)],
    urdu: bool,
) -> Vec<Slide> {
    let mut out: Vec<Slide> = vec![];
    for line in script.lines() {
        let line = line.trim();
        if let Some(h) = line.strip_prefix("## ") {
            out.push(Slide {
                heading: fill(h.trim(), values, described, urdu),
                sentences: vec![],
            });
            continue;
        }
        let text = line.trim_start_matches("- ").trim();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        if out.is_empty() {
            out.push(Slide {
                heading: String::new(),
                sentences: vec![],
            });
        }
        let filled = fill(text, values, described, urdu);
        let slide = out.last_mut().expect("a slide");
        slide.sentences.extend(sentences(&filled));
    }
    out.retain(|s| !s.sentences.is_empty());
    out
}

/// A setting's configured value, or its description when none is configured (never a number
/// made up), as plain text to speak.
fn fill(
    text: &str,
    values: &BTreeMap<String, String>,
    described: &[(String, Text)],
    urdu: bool,
) -> String {
    crate::learning::markdown::fill_settings(
        text,
        values,
        described,
        urdu,
        str::to_owned,
        str::to_owned,
    )
    .replace("**", "")
    .replace('*', "")
}

/// Sentences end at `.`, `?`, `!` and the Urdu full stop and question mark.
fn sentences(text: &str) -> Vec<String> {
    let mut out = vec![];
    let mut cur = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        cur.push(c);
        let ends = matches!(c, '۔' | '؟' | '?' | '!')
            || (c == '.' && chars.peek().is_none_or(|n| n.is_whitespace()));
        if ends {
            let s = cur.trim().to_owned();
            if !s.is_empty() {
                out.push(s);
            }
            cur.clear();
        }
    }
    let s = cur.trim().to_owned();
    if !s.is_empty() {
        out.push(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_script_becomes_slides_of_spoken_sentences() {
        let script = "Intro line.\n\n## First part\n\nOne. Two? Three!\n- A point with 3.5 metres.\n\n## Second\n\nCall {{setting:helpline}} now.\n## Empty\n";
        let described = vec![(
            "helpline".to_owned(),
            Text {
                en: "the OPF helpline".into(),
                ur: "او پی ایف ہیلپ لائن".into(),
            },
        )];
        let s = slides(script, &BTreeMap::new(), &described, false);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].heading, "");
        assert_eq!(
            s[1].sentences,
            ["One.", "Two?", "Three!", "A point with 3.5 metres."]
        );
        assert_eq!(s[2].sentences, ["Call the OPF helpline now."]);
        let values = BTreeMap::from([("helpline".to_owned(), "0800-12345".to_owned())]);
        let s = slides(script, &values, &described, false);
        assert_eq!(s[2].sentences, ["Call 0800-12345 now."]);
        let ur = slides("## سرخی\n\nپہلی بات۔ دوسری بات؟", &values, &described, true);
        assert_eq!(ur[0].sentences, ["پہلی بات۔", "دوسری بات؟"]);
    }
}
