//! Candidate search (issue 14, item 5): what a certified worker adds for employers (skills,
//! languages, a driving licence), what an organisation searches by, the words the search index
//! holds for a worker, and the published ranking rule with the reasons it gives for each match.
//!
//! The index document is a list of plain tokens: the worker's words (skills, job titles,
//! employers, occupation and language names in both languages) and coded tokens for the exact
//! filters (`xo7411` for an occupation held or wanted, `xw7411` wanted, `xdsa` a destination,
//! `xrpbattock` a district, `xlar` a language). The `candidates` row keeps them, and each
//! process's pool of findable workers (app `orgs/pool.rs`) indexes them, so both databases
//! answer the same query the same way.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::geo::{Country, District, Language, Occupation};
use crate::profile::{BoundedText, EducationLevel, ValueError};

/// The most words a search may hold (the rest are ignored).
pub const MAX_WORDS: usize = 8;
/// Results per page, and the deepest page (so that the pool cannot be walked through).
pub const PAGE_SIZE: u32 = 20;
pub const MAX_PAGE: u32 = 25;

/// The ranking rule's points, published on `/placement/ranking`.
pub const POINTS_WANTS_OCCUPATION: i32 = 4;
pub const POINTS_WORKED_IN_OCCUPATION: i32 = 2;
pub const POINTS_WANTS_DESTINATION: i32 = 2;
/// One point per whole year of work, up to this many.
pub const POINTS_YEARS_CAP: i32 = 5;

/// The worker's own words for employers, as typed.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SkillsInput {
    /// What I can do, in my own words (up to 500 characters).
    #[serde(default)]
    pub skills: String,
    /// Codes from `/api/v1/reference/languages`.
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub driving_licence: bool,
}

/// Checked skills.
#[derive(Debug, Clone, PartialEq)]
pub struct Skills {
    pub skills: Option<BoundedText>,
    pub languages: Vec<Language>,
    pub driving_licence: bool,
}

impl Skills {
    pub fn parse(i: &SkillsInput) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::new();
        let skills = e.take("skills", BoundedText::parse_optional(&i.skills, 500));
        let languages = languages(&mut e, &i.languages);
        e.into_result()?;
        Ok(Self {
            skills: skills.flatten(),
            languages,
            driving_licence: i.driving_licence,
        })
    }
}

fn languages(e: &mut FieldErrors, codes: &[String]) -> Vec<Language> {
    let mut out: Vec<Language> = vec![];
    for c in codes.iter().flat_map(|c| c.split(',')) {
        if c.trim().is_empty() {
            continue;
        }
        match Language::parse(c) {
            Ok(l) if !out.contains(&l) => out.push(l),
            Ok(_) => {}
            Err(err) => {
                e.take::<(), _>("languages", Err(err));
            }
        }
    }
    out
}

/// A search as typed (query string or JSON); every field optional, at least one criterion.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams, utoipa::ToSchema)]
#[into_params(parameter_in = Query)]
pub struct SearchInput {
    /// ISCO-08 unit group: wanted or worked in.
    #[serde(default)]
    pub occupation: String,
    /// The destination the worker wants (ISO 3166-1 alpha-2).
    #[serde(default)]
    pub country: String,
    /// The worker's home district (code from `/api/v1/reference/districts`).
    #[serde(default)]
    pub district: String,
    /// The least education level.
    #[serde(default)]
    pub education: String,
    /// The least years of work.
    #[serde(default)]
    pub experience_years: String,
    /// Language codes, comma-separated; the worker speaks them all.
    #[serde(default)]
    pub languages: String,
    /// `yes`: holds a driving licence.
    #[serde(default)]
    pub driving_licence: String,
    /// Free words over skills and work history.
    #[serde(default)]
    pub text: String,
    /// One of my demands by number: only workers who said they are interested in it.
    #[serde(default)]
    pub demand: String,
    #[serde(default)]
    pub page: String,
}

/// A checked search.
#[derive(Debug, Clone, PartialEq)]
pub struct Search {
    pub occupation: Option<Occupation>,
    pub country: Option<Country>,
    pub district: Option<District>,
    pub education: Option<EducationLevel>,
    pub experience_years: i32,
    pub languages: Vec<Language>,
    pub driving_licence: bool,
    pub words: Vec<String>,
    pub demand: Option<String>,
    pub page: u32,
}

fn optional<T, E>(
    e: &mut FieldErrors,
    field: &'static str,
    s: &str,
    f: impl Fn(&str) -> Result<T, E>,
) -> Option<T>
where
    E: crate::error::ErrorCode,
{
    if s.trim().is_empty() {
        None
    } else {
        e.take(field, f(s))
    }
}

impl Search {
    pub fn parse(i: &SearchInput) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::new();
        let occupation = optional(&mut e, "occupation", &i.occupation, Occupation::parse);
        let country = optional(&mut e, "country", &i.country, Country::parse);
        let district = optional(&mut e, "district", &i.district, |d| {
            District::parse(d, None)
        });
        let education = optional(&mut e, "education", &i.education, EducationLevel::parse);
        let years = |s: &str| {
            s.trim()
                .parse::<i32>()
                .ok()
                .filter(|n| (0..=40).contains(n))
                .ok_or(ValueError::Amount)
        };
        let experience_years = optional(&mut e, "experience_years", &i.experience_years, years);
        let languages = languages(&mut e, std::slice::from_ref(&i.languages));
        let text = optional(&mut e, "text", &i.text, |t| BoundedText::parse(t, 100));
        let words = text.map(|t| words(t.as_str())).unwrap_or_default();
        let demand = Some(i.demand.trim().to_ascii_uppercase()).filter(|d| !d.is_empty());
        let page = match i.page.trim() {
            "" => Some(1),
            p => e.take(
                "page",
                p.parse::<u32>()
                    .ok()
                    .filter(|n| (1..=MAX_PAGE).contains(n))
                    .ok_or(ValueError::Amount),
            ),
        };
        let s = Self {
            occupation,
            country,
            district,
            education,
            experience_years: experience_years.unwrap_or(0),
            languages,
            driving_licence: matches!(i.driving_licence.trim(), "yes" | "on"),
            words: words.into_iter().take(MAX_WORDS).collect(),
            demand,
            page: page.unwrap_or(1),
        };
        if e.is_empty() && s.exact_tokens().is_empty() && s.words.is_empty() && s.demand.is_none() {
            e.push("occupation", "search_needs_criterion");
        }
        e.into_result()?;
        Ok(s)
    }

    /// The coded tokens every result must hold.
    pub fn exact_tokens(&self) -> Vec<String> {
        let mut t = vec![];
        if let Some(o) = self.occupation {
            t.push(format!("xo{}", o.code()));
        }
        if let Some(c) = self.country {
            t.push(dest_token(c.code()));
        }
        if let Some(d) = self.district {
            t.push(district_token(d.code()));
        }
        t.extend(self.languages.iter().map(|l| format!("xl{}", l.code())));
        t
    }

    /// The least education rank (see [`education_rank`]), or -1 for any.
    pub fn education_rank(&self) -> i32 {
        self.education.map(education_rank).unwrap_or(-1)
    }
}

/// An education level's rank: its place in [`EducationLevel::ALL`].
pub fn education_rank(l: EducationLevel) -> i32 {
    EducationLevel::ALL
        .iter()
        .position(|x| *x == l)
        .unwrap_or(0) as i32
}

/// Why a worker matched, in the ranking rule's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    WantsOccupation,
    WorkedInOccupation,
    WantsDestination,
    YearsOfWork,
    InterestedInDemand,
    Words,
}

/// The points a worker gets, with the reasons, under the published rule.
pub fn rank(
    s: &Search,
    wants_occupation: Option<&str>,
    past_occupations: &[String],
    wants_destination: Option<&str>,
    experience_months: i32,
) -> (i32, Vec<Reason>) {
    let mut points = 0;
    let mut why = vec![];
    if let Some(o) = s.occupation {
        if wants_occupation == Some(o.code()) {
            points += POINTS_WANTS_OCCUPATION;
            why.push(Reason::WantsOccupation);
        }
        if past_occupations.iter().any(|p| p == o.code()) {
            points += POINTS_WORKED_IN_OCCUPATION;
            why.push(Reason::WorkedInOccupation);
        }
    }
    if let Some(c) = s.country
        && wants_destination == Some(c.code())
    {
        points += POINTS_WANTS_DESTINATION;
        why.push(Reason::WantsDestination);
    }
    let years = (experience_months / 12).min(POINTS_YEARS_CAP);
    if years > 0 {
        points += years;
        why.push(Reason::YearsOfWork);
    }
    if s.demand.is_some() {
        why.push(Reason::InterestedInDemand);
    }
    if !s.words.is_empty() {
        why.push(Reason::Words);
    }
    (points, why)
}

/// Whole months between two months' first days (the end month counts).
pub fn months_between(from: NaiveDate, to: NaiveDate) -> i32 {
    let m = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32 + 1;
    m.max(0)
}

/// An age band instead of a date of birth.
pub fn age_band(dob: NaiveDate, today: NaiveDate) -> &'static str {
    let age = today.years_since(dob).unwrap_or(0);
    match age {
        0..=24 => "18-24",
        25..=29 => "25-29",
        30..=34 => "30-34",
        35..=39 => "35-39",
        40..=44 => "40-44",
        45..=49 => "45-49",
        _ => "50+",
    }
}

#[path = "candidate_tokens.rs"]
mod tokens;
use tokens::district_token;
pub use tokens::{Profile, dest_token, document, wants_token, words, worked_token};

#[cfg(test)]
#[path = "candidate_tests.rs"]
mod tests;
