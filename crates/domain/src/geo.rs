//! Bundled lists: Pakistan's provinces and districts, the world's countries, the ISCO-08
//! occupation groups and the Protector of Emigrants offices, each with English and Urdu names
//! (files under `data/`).

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::coded_error;
use crate::lang::Lang;

/// A named entry of a bundled list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub code: &'static str,
    pub parent: &'static str,
    pub name_en: &'static str,
    pub name_ur: &'static str,
}

impl Entry {
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.name_en,
            Lang::Ur => self.name_ur,
        }
    }
}

/// A bundled list with lookup by code, in file order.
pub struct List {
    entries: Vec<Entry>,
    by_code: HashMap<&'static str, usize>,
}

impl List {
    fn from_rows(rows: Vec<Entry>) -> Self {
        let by_code = rows.iter().enumerate().map(|(i, e)| (e.code, i)).collect();
        Self {
            entries: rows,
            by_code,
        }
    }

    pub fn get(&self, code: &str) -> Option<&Entry> {
        self.by_code.get(code).map(|&i| &self.entries[i])
    }

    pub fn all(&self) -> &[Entry] {
        &self.entries
    }

    pub fn children<'a>(&'a self, parent: &'a str) -> impl Iterator<Item = &'a Entry> + 'a {
        self.entries.iter().filter(move |e| e.parent == parent)
    }
}

fn tsv(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

static PROVINCES: LazyLock<List> = LazyLock::new(|| {
    List::from_rows(
        tsv(include_str!("../data/districts.tsv"))
            .filter(|f| f[0] == "province")
            .map(|f| Entry {
                code: f[1],
                parent: "",
                name_en: f[3],
                name_ur: f[4],
            })
            .collect(),
    )
});

static DISTRICTS: LazyLock<List> = LazyLock::new(|| {
    List::from_rows(
        tsv(include_str!("../data/districts.tsv"))
            .filter(|f| f[0] == "district")
            .map(|f| Entry {
                code: f[1],
                parent: f[2],
                name_en: f[3],
                name_ur: f[4],
            })
            .collect(),
    )
});

static COUNTRIES: LazyLock<List> = LazyLock::new(|| {
    List::from_rows(
        tsv(include_str!("../data/countries.tsv"))
            .map(|f| Entry {
                code: f[0],
                parent: "",
                name_en: f[1],
                name_ur: f[2],
            })
            .collect(),
    )
});

static ISCO: LazyLock<List> = LazyLock::new(|| {
    List::from_rows(
        tsv(include_str!("../data/isco08.tsv"))
            .map(|f| {
                let parent = &f[0][..f[0].len().saturating_sub(1)];
                Entry {
                    code: f[0],
                    parent,
                    name_en: f[1],
                    name_ur: f[2],
                }
            })
            .collect(),
    )
});

static LANGUAGES: LazyLock<List> = LazyLock::new(|| {
    List::from_rows(
        tsv(include_str!("../data/languages.tsv"))
            .map(|f| Entry {
                code: f[0],
                parent: "",
                name_en: f[1],
                name_ur: f[2],
            })
            .collect(),
    )
});

static OFFICES: LazyLock<List> = LazyLock::new(|| {
    List::from_rows(
        tsv(include_str!("../data/protector_offices.tsv"))
            .map(|f| Entry {
                code: f[0],
                parent: "",
                name_en: f[1],
                name_ur: f[2],
            })
            .collect(),
    )
});

/// The offices of the Protector of Emigrants as bundled (the database holds the current list).
pub fn protector_offices() -> &'static List {
    &OFFICES
}

pub fn provinces() -> &'static List {
    &PROVINCES
}
pub fn districts() -> &'static List {
    &DISTRICTS
}
pub fn countries() -> &'static List {
    &COUNTRIES
}
pub fn occupations() -> &'static List {
    &ISCO
}
/// The languages a worker can say they speak (`data/languages.tsv`).
pub fn languages() -> &'static List {
    &LANGUAGES
}

coded_error!(
    /// A code that is not on the bundled list (or not under the chosen parent).
    ListError {
        Empty => "required",
        Unknown => "choose_option",
        DistrictNotInProvince => "district_not_in_province",
    }
);

/// A province or territory code from the bundled list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Province(&'static Entry);

/// A district code from the bundled list, within its province.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct District(&'static Entry);

/// An ISO 3166-1 country.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country(&'static Entry);

/// An ISCO-08 unit group (4 digits): the precise occupation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occupation(&'static Entry);

/// A language a worker speaks, from the bundled list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language(&'static Entry);

fn lookup(list: &'static List, code: &str) -> Result<&'static Entry, ListError> {
    let code = code.trim();
    if code.is_empty() {
        return Err(ListError::Empty);
    }
    list.get(code).ok_or(ListError::Unknown)
}

impl Province {
    pub fn parse(code: &str) -> Result<Self, ListError> {
        lookup(&PROVINCES, code).map(Self)
    }
    pub fn entry(&self) -> &'static Entry {
        self.0
    }
    pub fn code(&self) -> &'static str {
        self.0.code
    }
}

impl District {
    pub fn parse(code: &str, province: Option<Province>) -> Result<Self, ListError> {
        let d = lookup(&DISTRICTS, code)?;
        match province {
            Some(p) if p.code() != d.parent => Err(ListError::DistrictNotInProvince),
            _ => Ok(Self(d)),
        }
    }
    pub fn entry(&self) -> &'static Entry {
        self.0
    }
    pub fn code(&self) -> &'static str {
        self.0.code
    }
}

impl Country {
    pub fn parse(code: &str) -> Result<Self, ListError> {
        lookup(&COUNTRIES, &code.trim().to_ascii_uppercase()).map(Self)
    }
    pub fn entry(&self) -> &'static Entry {
        self.0
    }
    pub fn code(&self) -> &'static str {
        self.0.code
    }
}

impl Occupation {
    pub fn parse(code: &str) -> Result<Self, ListError> {
        let e = lookup(&ISCO, code)?;
        if e.code.len() == 4 {
            Ok(Self(e))
        } else {
            Err(ListError::Unknown)
        }
    }
    pub fn entry(&self) -> &'static Entry {
        self.0
    }
    pub fn code(&self) -> &'static str {
        self.0.code
    }
}

impl Language {
    pub fn parse(code: &str) -> Result<Self, ListError> {
        lookup(&LANGUAGES, &code.trim().to_ascii_lowercase()).map(Self)
    }
    pub fn entry(&self) -> &'static Entry {
        self.0
    }
    pub fn code(&self) -> &'static str {
        self.0.code
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn assert_unique(list: &List) {
        let mut seen = HashSet::new();
        for e in list.all() {
            assert!(seen.insert(e.code), "duplicate code {}", e.code);
            assert!(
                !e.name_en.is_empty() && !e.name_ur.is_empty(),
                "{} lacks a name",
                e.code
            );
        }
    }

    #[test]
    fn lists_load_with_unique_codes() {
        assert_eq!(provinces().all().len(), 7);
        assert!(districts().all().len() > 150);
        assert!(countries().all().len() > 240);
        assert_eq!(
            occupations()
                .all()
                .iter()
                .filter(|e| e.code.len() == 4)
                .count(),
            436
        );
        assert_eq!(languages().all().len(), 21);
        for l in [
            provinces(),
            districts(),
            countries(),
            occupations(),
            languages(),
        ] {
            assert_unique(l);
        }
        for d in districts().all() {
            assert!(
                provinces().get(d.parent).is_some(),
                "district {} has no province",
                d.code
            );
        }
        for o in occupations().all().iter().filter(|e| e.code.len() > 1) {
            assert!(
                occupations().get(o.parent).is_some(),
                "ISCO {} has no parent",
                o.code
            );
        }
    }

    #[test]
    fn parsing_checks_membership() {
        let pb = Province::parse("PB").unwrap();
        let kp = Province::parse("KP").unwrap();
        let lahore = districts()
            .all()
            .iter()
            .find(|d| d.name_en == "Lahore")
            .unwrap()
            .code;
        assert!(District::parse(lahore, Some(pb)).is_ok());
        assert_eq!(
            District::parse(lahore, Some(kp)),
            Err(ListError::DistrictNotInProvince)
        );
        assert_eq!(Province::parse("XX"), Err(ListError::Unknown));
        assert_eq!(Province::parse(""), Err(ListError::Empty));
        assert_eq!(Country::parse("sa").unwrap().code(), "SA");
        assert_eq!(Occupation::parse("7112").unwrap().code(), "7112");
        assert_eq!(Occupation::parse("71"), Err(ListError::Unknown));
    }
}
