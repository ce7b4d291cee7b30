//! The long lists of the forms as people can use them. Countries and occupations are sorted by
//! their name in the page's language, with Unicode collation (ICU4X: Urdu's own order for Urdu, not
//! code-point order), and the choices most workers make come first: the destinations where most
//! Pakistani workers go and the trades most of them are registered for. Occupations are grouped by
//! ISCO-08 major group and can be narrowed by a search that works without JavaScript.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::LazyLock;

use icu_collator::options::{CollatorOptions, Strength};
use icu_collator::{Collator, CollatorBorrowed};
use psk_domain::geo::{self, Entry};
use psk_domain::lang::Lang;

use super::page::{Opt, OptGroup};
use crate::i18n::Tr;

/// The destinations most workers leave for (the Gulf, Malaysia, the United Kingdom): shown first.
pub const COMMON_DESTINATIONS: &[&str] = &["SA", "AE", "QA", "OM", "KW", "BH", "MY", "GB"];

/// The trades most emigrant workers register for (ISCO-08 unit groups): building, driving,
/// electrical and mechanical work, hotels and homes, nursing, shops and offices.
pub const COMMON_OCCUPATIONS: &[&str] = &[
    "9313", "8322", "8332", "7112", "7111", "7114", "7115", "7126", "7131", "7212", "7411", "7233",
    "8343", "9333", "5120", "5131", "9111", "9112", "5223", "2221", "3221", "3115", "2411", "4110",
];

fn collator(locale: icu_locale_core::Locale) -> CollatorBorrowed<'static> {
    let mut options = CollatorOptions::default();
    options.strength = Some(Strength::Secondary);
    Collator::try_new(locale.into(), options).expect("the collation data is compiled in")
}

static EN: LazyLock<CollatorBorrowed<'static>> =
    LazyLock::new(|| collator(icu_locale_core::locale!("en")));
static UR: LazyLock<CollatorBorrowed<'static>> =
    LazyLock::new(|| collator(icu_locale_core::locale!("ur")));

/// Compares two names as a reader of `lang` expects them in a list.
pub fn compare(lang: Lang, a: &str, b: &str) -> Ordering {
    match lang {
        Lang::En => EN.compare(a, b),
        Lang::Ur => UR.compare(a, b),
    }
}

/// Each country's and occupation's place in its list by name, per language: collated once, so a
/// page only looks the places up.
static RANK: LazyLock<[HashMap<&'static str, usize>; 2]> = LazyLock::new(|| {
    [Lang::En, Lang::Ur].map(|lang| {
        let mut rank = HashMap::new();
        for list in [geo::countries(), geo::occupations()] {
            let mut all: Vec<&Entry> = list.all().iter().collect();
            all.sort_by(|a, b| compare(lang, a.name(lang), b.name(lang)));
            rank.extend(all.iter().enumerate().map(|(i, e)| (e.code, i)));
        }
        rank
    })
});

fn sorted(lang: Lang, mut entries: Vec<&Entry>) -> Vec<&Entry> {
    let rank = &RANK[usize::from(lang == Lang::Ur)];
    entries.sort_by_key(|e| rank.get(e.code).copied().unwrap_or(usize::MAX));
    entries
}

/// Countries: the common destinations, then every country by name (Pakistan left out where the
/// form asks where the worker goes).
pub fn country_groups(tr: &Tr, current: &str, abroad_only: bool) -> Vec<OptGroup> {
    let lang = tr.lang;
    let all: Vec<&Entry> = geo::countries()
        .all()
        .iter()
        .filter(|c| !(abroad_only && c.code == "PK"))
        .collect();
    let common: Vec<&Entry> = COMMON_DESTINATIONS
        .iter()
        .filter_map(|code| geo::countries().get(code))
        .collect();
    let opts = |entries: Vec<&Entry>| {
        Opt::list(
            entries
                .into_iter()
                .map(|c| (c.code, c.name(lang).to_owned())),
            current,
        )
    };
    vec![
        OptGroup {
            label: tr.t("list-common-destinations"),
            options: opts(sorted(lang, common)),
        },
        OptGroup {
            label: tr.t("list-all-countries"),
            options: opts(sorted(lang, all)),
        },
    ]
}

/// Whether an occupation matches what was typed: every word of the query appears in its English
/// or Urdu name, or the query is its code.
fn matches(e: &Entry, query: &str) -> bool {
    let en = e.name_en.to_lowercase();
    query
        .split_whitespace()
        .all(|w| en.contains(&w.to_lowercase()) || e.name_ur.contains(w) || e.code == w)
}

/// Occupations (ISCO-08 unit groups): the common trades, then each major group with its
/// occupations by name. A `query` keeps only the matching ones (and always the current choice).
pub fn occupation_groups(tr: &Tr, current: &str, query: &str) -> Vec<OptGroup> {
    let lang = tr.lang;
    let query = query.trim();
    let keep = |e: &&Entry| {
        e.code.len() == 4 && (query.is_empty() || e.code == current || matches(e, query))
    };
    let label = |e: &Entry| format!("{} ({})", e.name(lang), e.code);
    let mut groups = vec![];
    let common: Vec<&Entry> = COMMON_OCCUPATIONS
        .iter()
        .filter_map(|code| geo::occupations().get(code))
        .filter(keep)
        .collect();
    if !common.is_empty() {
        groups.push(OptGroup {
            label: tr.t("list-common-occupations"),
            options: Opt::list(
                sorted(lang, common).into_iter().map(|e| (e.code, label(e))),
                current,
            ),
        });
    }
    // ISCO's major groups in their own order (1 managers … 9 elementary), armed forces (0) last.
    let mut majors: Vec<&Entry> = geo::occupations()
        .all()
        .iter()
        .filter(|e| e.code.len() == 1)
        .collect();
    majors.sort_by_key(|m| if m.code == "0" { "9z" } else { m.code });
    for major in majors {
        let members: Vec<&Entry> = geo::occupations()
            .all()
            .iter()
            .filter(|e| e.code.starts_with(major.code))
            .filter(keep)
            .collect();
        if members.is_empty() {
            continue;
        }
        groups.push(OptGroup {
            label: major.name(lang).to_owned(),
            options: Opt::list(
                sorted(lang, members)
                    .into_iter()
                    .map(|e| (e.code, label(e))),
                current,
            ),
        });
    }
    groups
}

/// Pakistan's districts grouped under their provinces, in the reader's language.
pub fn district_groups(lang: Lang, current: &str) -> Vec<OptGroup> {
    geo::provinces()
        .all()
        .iter()
        .map(|p| OptGroup {
            label: p.name(lang).to_owned(),
            options: Opt::list(
                geo::districts()
                    .children(p.code)
                    .map(|d| (d.code, d.name(lang).to_owned())),
                current,
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(g: &OptGroup) -> Vec<&str> {
        g.options.iter().map(|o| o.label.as_str()).collect()
    }

    #[test]
    fn countries_by_name_in_each_language_with_common_destinations_first() {
        for lang in [Lang::En, Lang::Ur] {
            let tr = Tr::new(lang);
            let groups = country_groups(&tr, "", true);
            let common: Vec<&str> = groups[0].options.iter().map(|o| o.value.as_str()).collect();
            assert_eq!(common.len(), COMMON_DESTINATIONS.len());
            assert!(common.contains(&"SA") && common.contains(&"AE"));
            let all = labels(&groups[1]);
            assert!(all.len() > 190);
            assert!(!groups[1].options.iter().any(|o| o.value == "PK"));
            for pair in all.windows(2) {
                assert_ne!(
                    compare(lang, pair[0], pair[1]),
                    Ordering::Greater,
                    "{pair:?}"
                );
            }
        }
        let en = country_groups(&Tr::new(Lang::En), "", true);
        assert_eq!(labels(&en[1])[0], "Afghanistan");
        // Urdu order: alif first (افغانستان), not the ISO code's order.
        let ur = country_groups(&Tr::new(Lang::Ur), "", true);
        assert!(labels(&ur[1])[0].starts_with('ا'), "{}", labels(&ur[1])[0]);
        let ur_all = labels(&ur[1]);
        let pos = |name: &str| ur_all.iter().position(|l| *l == name).unwrap();
        assert!(pos("بحرین") < pos("سعودی عرب") && pos("سعودی عرب") < pos("کویت"));
    }

    #[test]
    fn occupations_common_first_grouped_and_searchable() {
        let tr = Tr::new(Lang::En);
        let groups = occupation_groups(&tr, "", "");
        assert_eq!(groups[0].label, tr.t("list-common-occupations"));
        assert!(
            labels(&groups[0])
                .iter()
                .any(|l| l.starts_with("Bricklayers"))
        );
        assert_eq!(groups.len(), 11, "common trades and ten major groups");
        assert!(groups.last().unwrap().label.starts_with("Armed forces"));
        let total: usize = groups[1..].iter().map(|g| g.options.len()).sum();
        let units = geo::occupations()
            .all()
            .iter()
            .filter(|e| e.code.len() == 4)
            .count();
        assert_eq!(
            total, units,
            "every unit group once, the common ones also at the top"
        );
        let found = occupation_groups(&tr, "", "weld");
        let all: Vec<&str> = found.iter().flat_map(labels).collect();
        assert!(
            all.iter().all(|l| l.to_lowercase().contains("weld")),
            "{all:?}"
        );
        assert!(all.iter().any(|l| l.starts_with("Welders")));
        // In Urdu, by the Urdu name; the current choice stays whatever the search.
        let ur = occupation_groups(&Tr::new(Lang::Ur), "7411", "ڈرائیور");
        let values: Vec<&str> = ur
            .iter()
            .flat_map(|g| g.options.iter().map(|o| o.value.as_str()))
            .collect();
        assert!(values.contains(&"8322") && values.contains(&"7411"));
        assert!(!values.contains(&"2221"));
    }
}
