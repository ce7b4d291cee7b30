//! The tokens of a worker's index document and of a search: plain words, and coded tokens for
//! the exact filters (see the parent module).

fn alnum_lower(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The token of a destination the worker wants.
pub fn dest_token(country: &str) -> String {
    format!("xd{}", alnum_lower(country))
}

/// The token of the occupation the worker wants.
pub fn wants_token(occupation: &str) -> String {
    format!("xw{occupation}")
}

/// The token of an occupation the worker has worked in. Not in the document (a search names
/// an occupation held or wanted, `xo…`); the pool adds it to rank "worked in it".
pub fn worked_token(occupation: &str) -> String {
    format!("xp{occupation}")
}

pub(super) fn district_token(district: &str) -> String {
    format!("xr{}", alnum_lower(district))
}

/// Words for the index and for a search: letters and digits, lower case, without Arabic-script
/// vowel marks and joiners (so a word matches with or without them), at least two characters.
pub fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    let mut cur = String::new();
    let mut flush = |cur: &mut String| {
        if cur.chars().count() >= 2 && !out.contains(cur) {
            out.push(std::mem::take(cur));
        }
        cur.clear();
    };
    for c in text.chars() {
        match c {
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{200C}' | '\u{200D}' => {}
            c if c.is_alphanumeric() => cur.extend(c.to_lowercase()),
            _ => flush(&mut cur),
        }
    }
    flush(&mut cur);
    out
}

/// What a worker's index document is made of.
pub struct Profile<'a> {
    pub wants_occupation: Option<&'a str>,
    pub wants_destination: Option<&'a str>,
    pub district: Option<&'a str>,
    pub past_occupations: &'a [String],
    pub languages: &'a [String],
    /// Skills, job titles, employers: the worker's own words.
    pub texts: &'a [&'a str],
}

/// The index document: space-separated tokens.
pub fn document(p: &Profile<'_>) -> String {
    let mut t: Vec<String> = vec![];
    let occupations = p
        .wants_occupation
        .iter()
        .copied()
        .chain(p.past_occupations.iter().map(String::as_str));
    for o in occupations {
        t.push(format!("xo{o}"));
        if let Some(e) = crate::geo::occupations().get(o) {
            t.extend(words(e.name_en));
            t.extend(words(e.name_ur));
        }
    }
    if let Some(o) = p.wants_occupation {
        t.push(wants_token(o));
    }
    if let Some(c) = p.wants_destination {
        t.push(dest_token(c));
    }
    if let Some(d) = p.district {
        t.push(district_token(d));
    }
    for l in p.languages {
        t.push(format!("xl{l}"));
        if let Some(e) = crate::geo::languages().get(l) {
            t.extend(words(e.name_en));
            t.extend(words(e.name_ur));
        }
    }
    for text in p.texts {
        t.extend(words(text));
    }
    let mut seen = std::collections::HashSet::new();
    t.retain(|w| seen.insert(w.clone()));
    t.join(" ")
}
