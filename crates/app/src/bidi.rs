//! Left-to-right runs inside right-to-left text. A CNIC, a mobile number, a date or a certificate
//! number written in an Urdu sentence is reordered by the bidi algorithm unless it is isolated:
//! `35202-1234567-1` shows as `1-1234567-35202`. Every Urdu message is passed through
//! [`isolate_ltr`], which wraps each such run in FSI…PDI (U+2068, U+2069); pages isolate the values
//! they insert with `<bdi>` or `dir="ltr"`, and [`isolate_html`] isolates what is left in the text
//! of every Urdu page (course text, settings, names). [`unisolated_ltr`] finds what is left, for the
//! tests.

const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';
const OPENERS: [char; 3] = ['\u{2066}', '\u{2067}', FSI];

/// Characters that join the parts of one left-to-right token (`0300 1234567`, `PSS-7KQ4`,
/// `ab@example.pk`, `12:30`, `BE&OE`, `https://…/verify?n=…`), and that the bidi algorithm
/// reorders when they stand between two parts.
fn joins(c: char) -> bool {
    matches!(
        c,
        ' ' | '-'
            | '.'
            | '/'
            | ':'
            | '@'
            | '+'
            | '_'
            | '&'
            | ','
            | '?'
            | '='
            | '%'
            | '#'
            | '~'
            | '\u{a0}'
            | AMP
    )
}

/// `&amp;` while a page's text is isolated (an entity stays whole).
const AMP: char = '\u{E000}';
/// The other entities askama writes (by name in older versions, by number since 0.13), which
/// end a run.
const ENTITIES: [(&str, char); 8] = [
    ("&lt;", '\u{E001}'),
    ("&gt;", '\u{E002}'),
    ("&quot;", '\u{E003}'),
    ("&#x27;", '\u{E004}'),
    ("&#39;", '\u{E005}'),
    ("&#60;", '\u{E006}'),
    ("&#62;", '\u{E007}'),
    ("&#34;", '\u{E008}'),
];

/// Elements whose text is left exactly as it is: code and form text a person copies or edits (an
/// invisible mark would travel with it), scripts and styles.
const VERBATIM: [&str; 5] = ["script", "style", "textarea", "pre", "code"];

/// Isolates the left-to-right runs in the text of an HTML page (between tags; not in attributes,
/// nor inside `VERBATIM` elements). For right-to-left pages.
pub fn isolate_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&isolate_text(&rest[..lt]));
        rest = &rest[lt..];
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[..=gt];
        out.push_str(tag);
        rest = &rest[gt + 1..];
        let name = tag[1..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if VERBATIM.contains(&name.as_str()) {
            let close = format!("</{name}");
            let end = rest.to_ascii_lowercase().find(&close).unwrap_or(rest.len());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out.push_str(&isolate_text(rest));
    out
}

/// One stretch of escaped text: entities kept whole, then isolated.
fn isolate_text(text: &str) -> String {
    if !text.bytes().any(|b| b.is_ascii_alphanumeric()) {
        return text.to_owned();
    }
    // `&` is `&amp;` or, from askama, `&#38;`: either way one character of the run.
    let mut t = text
        .replace("&amp;", &AMP.to_string())
        .replace("&#38;", &AMP.to_string());
    for (entity, mark) in ENTITIES {
        t = t.replace(entity, &mark.to_string());
    }
    let mut t = isolate_ltr(&t).replace(AMP, "&amp;");
    for (entity, mark) in ENTITIES {
        t = t.replace(mark, entity);
    }
    t
}

fn ltr(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// The runs of `text` outside isolates: (start, end) byte offsets of each left-to-right token
/// that has more than one part (a lone word or number reads right on its own).
fn risky_runs(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut runs = vec![];
    let (mut i, mut depth) = (0, 0usize);
    while i < chars.len() {
        let c = chars[i].1;
        if OPENERS.contains(&c) {
            depth += 1;
        } else if c == PDI {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && ltr(c) {
            let start = i;
            let mut parts = 1;
            let mut j = i;
            let end = loop {
                while j < chars.len() && ltr(chars[j].1) {
                    j += 1;
                }
                let end = j;
                let mut k = j;
                while k < chars.len() && joins(chars[k].1) {
                    k += 1;
                }
                if k > j && k < chars.len() && ltr(chars[k].1) {
                    parts += 1;
                    j = k;
                } else {
                    break end;
                }
            };
            if parts > 1 {
                let byte_end = chars.get(end).map_or(text.len(), |(b, _)| *b);
                runs.push((chars[start].0, byte_end));
            }
            i = end;
            continue;
        }
        i += 1;
    }
    runs
}

/// Wraps every multi-part left-to-right run of `text` that is not isolated already in FSI…PDI.
pub fn isolate_ltr(text: &str) -> String {
    let runs = risky_runs(text);
    if runs.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + runs.len() * 6);
    let mut at = 0;
    for (start, end) in runs {
        out.push_str(&text[at..start]);
        out.push(FSI);
        out.push_str(&text[start..end]);
        out.push(PDI);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// The multi-part left-to-right runs of `text` that are not isolated (empty when it reads right).
pub fn unisolated_ltr(text: &str) -> Vec<&str> {
    risky_runs(text)
        .into_iter()
        .map(|(s, e)| &text[s..e])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_codes_inside_urdu_are_isolated() {
        let hint = "13 ہندسے، مثلاً 35202-1234567-1";
        assert_eq!(unisolated_ltr(hint), vec!["35202-1234567-1"]);
        let fixed = isolate_ltr(hint);
        assert_eq!(fixed, "13 ہندسے، مثلاً \u{2068}35202-1234567-1\u{2069}");
        assert!(unisolated_ltr(&fixed).is_empty());
        let mobile = "مثلاً 0300 1234567۔ ہم کوڈ";
        assert_eq!(unisolated_ltr(mobile), vec!["0300 1234567"]);
        assert_eq!(
            isolate_ltr("نمبر PSS-7KQ4-M2XD-9 اور ای میل ali@example.pk پر"),
            "نمبر \u{2068}PSS-7KQ4-M2XD-9\u{2069} اور ای میل \u{2068}ali@example.pk\u{2069} پر"
        );
    }

    #[test]
    fn pages_are_isolated_between_tags_and_entities_stay_whole() {
        let page = "<p class=\"x-1 y-2\">BE&amp;OE کی شکایت</p><code>PSS1:AB CD</code><textarea>a b</textarea><p>نمبر 0300 1234567</p>";
        let done = isolate_html(page);
        assert_eq!(
            done,
            "<p class=\"x-1 y-2\">\u{2068}BE&amp;OE\u{2069} کی شکایت</p><code>PSS1:AB CD</code><textarea>a b</textarea><p>نمبر \u{2068}0300 1234567\u{2069}</p>"
        );
        assert_eq!(isolate_html(&done), done, "isolating twice changes nothing");
        assert_eq!(isolate_html("<p>a &lt;b&gt; c</p>"), "<p>a &lt;b&gt; c</p>");
        // As askama escapes text a person typed: numeric entities, never cut.
        assert_eq!(
            isolate_html(
                "<dd>Licence checked with BE&#38;OE.</dd><dd>a &#60;b&#62; &#34;c&#34;</dd>"
            ),
            "<dd>\u{2068}Licence checked with BE&amp;OE\u{2069}.</dd><dd>a &#60;b&#62; &#34;c&#34;</dd>"
        );
    }

    #[test]
    fn single_tokens_and_isolated_runs_are_left_alone() {
        for ok in [
            "او ای سی (OEC) سے پوچھیں",
            "5 منٹ",
            "نمبر \u{2068}0300 1234567\u{2069} ہے",
            "شروع 12 اور ختم 13",
        ] {
            assert!(unisolated_ltr(ok).is_empty(), "{ok}");
            assert_eq!(isolate_ltr(ok), ok);
        }
        // A run that ends the text, and one made of Latin words.
        assert_eq!(
            isolate_ltr("یہاں جانچیں: https://pss.gov.pk/verify?n=PSS-7KQ4-M2XD-9"),
            "یہاں جانچیں: \u{2068}https://pss.gov.pk/verify?n=PSS-7KQ4-M2XD-9\u{2069}"
        );
        assert_eq!(
            isolate_ltr("دیکھیں: Chrome on Android"),
            "دیکھیں: \u{2068}Chrome on Android\u{2069}"
        );
    }
}
