//! The small Markdown of lessons (`##` headings, paragraphs, `-` lists) as escaped HTML, with
//! `{{setting:KEY}}` replaced by the configured value.

use std::collections::BTreeMap;

use psk_course::Text;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Replaces each `{{setting:KEY}}` in `line` with `shown(value)` for a configured value, or
/// `unset(description)` (the setting's description in the language) for one not configured yet:
/// never an invented number.
pub fn fill_settings(
    line: &str,
    values: &BTreeMap<String, String>,
    described: &[(String, Text)],
    urdu: bool,
    shown: impl Fn(&str) -> String,
    unset: impl Fn(&str) -> String,
) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(i) = rest.find("{{setting:") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 10..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[i..]);
            return out;
        };
        let key = &after[..end];
        match values.get(key).filter(|v| !v.trim().is_empty()) {
            Some(v) => out.push_str(&shown(v)),
            None => {
                let desc = described
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, t)| t.get(urdu))
                    .unwrap_or_default();
                out.push_str(&unset(desc));
            }
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// Settings in already-escaped text: the value in bold, or the description and where to ask.
fn settings(
    line: &str,
    values: &BTreeMap<String, String>,
    described: &[(String, Text)],
    urdu: bool,
    unset: &str,
) -> String {
    fill_settings(
        line,
        values,
        described,
        urdu,
        |v| format!("<strong dir=\"auto\">{}</strong>", escape(v)),
        |desc| format!("<em>{} ({})</em>", escape(desc), escape(unset)),
    )
}

/// Renders a lesson body. `unset` is the (translated) note shown for a setting with no value.
pub fn render(
    body: &str,
    values: &BTreeMap<String, String>,
    described: &[(String, Text)],
    urdu: bool,
    unset: &str,
) -> String {
    let mut html = String::new();
    let mut para: Vec<String> = vec![];
    let mut list = false;
    let flush = |html: &mut String, para: &mut Vec<String>| {
        if !para.is_empty() {
            html.push_str(&format!("<p>{}</p>\n", para.join(" ")));
            para.clear();
        }
    };
    for raw in body.lines() {
        let line = raw.trim();
        let inline = |t: &str| settings(&escape(t), values, described, urdu, unset);
        if let Some(item) = line.strip_prefix("- ") {
            flush(&mut html, &mut para);
            if !list {
                html.push_str("<ul>\n");
                list = true;
            }
            html.push_str(&format!("<li>{}</li>\n", inline(item)));
            continue;
        }
        if list {
            html.push_str("</ul>\n");
            list = false;
        }
        if let Some(h) = line.strip_prefix("## ") {
            flush(&mut html, &mut para);
            html.push_str(&format!("<h2>{}</h2>\n", inline(h)));
        } else if line.is_empty() {
            flush(&mut html, &mut para);
        } else {
            para.push(inline(line.trim_start_matches('#').trim()));
        }
    }
    flush(&mut html, &mut para);
    if list {
        html.push_str("</ul>\n");
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_headings_paragraphs_lists_and_settings() {
        let mut values = BTreeMap::new();
        values.insert("opf_helpline".to_owned(), "0800-0000".to_owned());
        let described = vec![(
            "fia_helpline".to_owned(),
            Text {
                en: "FIA helpline".into(),
                ur: "ایف آئی اے ہیلپ لائن".into(),
            },
        )];
        let body = "## Ask <first>\n\nCall {{setting:opf_helpline}} now.\nKeep going.\n\n- one\n- two & three\n\nThen {{setting:fia_helpline}}.";
        let html = render(body, &values, &described, false, "ask the OEC helpline");
        assert_eq!(
            html,
            "<h2>Ask &lt;first&gt;</h2>\n<p>Call <strong dir=\"auto\">0800-0000</strong> now. Keep going.</p>\n<ul>\n<li>one</li>\n<li>two &amp; three</li>\n</ul>\n<p>Then <em>FIA helpline (ask the OEC helpline)</em>.</p>\n"
        );
    }
}
