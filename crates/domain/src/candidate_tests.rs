use super::*;

fn search(f: impl FnOnce(&mut SearchInput)) -> Result<Search, FieldErrors> {
    let mut i = SearchInput::default();
    f(&mut i);
    Search::parse(&i)
}

fn codes(e: FieldErrors) -> Vec<(&'static str, &'static str)> {
    e.0.iter().map(|x| (x.field, x.code())).collect()
}

#[test]
fn a_search_needs_one_criterion_and_names_each_bad_field() {
    assert_eq!(
        codes(search(|_| {}).unwrap_err()),
        vec![("occupation", "search_needs_criterion")]
    );
    let e = search(|i| {
        i.occupation = "99".into();
        i.experience_years = "41".into();
        i.languages = "ur,xx".into();
        i.page = "26".into();
    })
    .unwrap_err();
    assert_eq!(
        codes(e),
        vec![
            ("occupation", "choose_option"),
            ("experience_years", "amount_range"),
            ("languages", "choose_option"),
            ("page", "amount_range"),
        ]
    );
}

#[test]
fn a_search_becomes_exact_tokens_and_words() {
    let s = search(|i| {
        i.occupation = "7411".into();
        i.country = "sa".into();
        i.district = "PB-ATTOCK".into();
        i.languages = "ar, ur".into();
        i.text = "Wiring, wiring & solar-panels!".into();
    })
    .unwrap();
    assert_eq!(
        s.exact_tokens(),
        ["xo7411", "xdsa", "xrpbattock", "xlar", "xlur"]
    );
    assert_eq!(s.words, ["wiring", "solar", "panels"]);
    assert_eq!(s.page, 1);
}

#[test]
fn urdu_words_match_with_or_without_vowel_marks() {
    assert_eq!(words("بِجلی کا کام"), words("بجلی کا کام"));
    assert_eq!(words("بجلی کا کام"), ["بجلی", "کا", "کام"]);
}

#[test]
fn the_document_holds_codes_names_and_own_words() {
    let doc = document(&Profile {
        wants_occupation: Some("7411"),
        wants_destination: Some("SA"),
        district: Some("PB-ATTOCK"),
        past_occupations: &["8322".into()],
        languages: &["ar".into()],
        texts: &["Solar panels", "Al-Futtaim"],
    });
    let t: Vec<&str> = doc.split(' ').collect();
    for want in [
        "xo7411",
        "xw7411",
        "xo8322",
        "xdsa",
        "xrpbattock",
        "xlar",
        "arabic",
        "solar",
        "futtaim",
    ] {
        assert!(t.contains(&want), "{want} missing from {doc}");
    }
    assert!(!t.contains(&"xw8322"));
}

#[test]
fn the_ranking_rule_gives_points_and_reasons() {
    let s = search(|i| {
        i.occupation = "7411".into();
        i.country = "SA".into();
    })
    .unwrap();
    let (p, why) = rank(&s, Some("7411"), &["7411".into()], Some("SA"), 30);
    assert_eq!(p, 4 + 2 + 2 + 2);
    assert_eq!(
        why,
        [
            Reason::WantsOccupation,
            Reason::WorkedInOccupation,
            Reason::WantsDestination,
            Reason::YearsOfWork
        ]
    );
    let (p, _) = rank(&s, None, &[], None, 12 * 30);
    assert_eq!(p, POINTS_YEARS_CAP);
}

#[test]
fn skills_take_known_languages_once() {
    let s = Skills::parse(&SkillsInput {
        skills: " wiring ".into(),
        languages: vec!["ur".into(), "ar".into(), "ur".into()],
        driving_licence: true,
    })
    .unwrap();
    assert_eq!(s.languages.len(), 2);
    assert_eq!(s.skills.unwrap().as_str(), "wiring");
    let e = Skills::parse(&SkillsInput {
        skills: "x".repeat(501),
        languages: vec!["klingon".into()],
        driving_licence: false,
    })
    .unwrap_err();
    assert_eq!(
        codes(e),
        vec![("skills", "too_long"), ("languages", "choose_option")]
    );
}

#[test]
fn ages_become_bands_and_months_count_both_ends() {
    let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
    assert_eq!(age_band(d(2000, 6, 1), d(2026, 5, 31)), "25-29");
    assert_eq!(age_band(d(1970, 1, 1), d(2026, 1, 1)), "50+");
    assert_eq!(months_between(d(2020, 1, 1), d(2020, 12, 1)), 12);
}
