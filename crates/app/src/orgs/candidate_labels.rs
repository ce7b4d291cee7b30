//! How candidate search results read: places, languages and the reasons for a match, in the
//! reader's language (used by the templates).

use psk_domain::geo;

use super::candidates;
use crate::i18n::Tr;

/// A district's or province's name in the reader's language (empty when unknown).
pub fn place(tr: &Tr, code: &Option<String>, district: bool) -> String {
    let list = if district {
        geo::districts()
    } else {
        geo::provinces()
    };
    crate::account::service::place_name(tr.lang, code, list)
}

/// Languages' names in the reader's language, in a list.
pub fn language_names(tr: &Tr, codes: &[String]) -> String {
    let sep = if tr.lang == psk_domain::lang::Lang::Ur {
        "، "
    } else {
        ", "
    };
    codes
        .iter()
        .map(|c| {
            geo::languages()
                .get(c)
                .map(|e| e.name(tr.lang).to_owned())
                .unwrap_or_else(|| c.clone())
        })
        .collect::<Vec<_>>()
        .join(sep)
}

/// Why a worker was found, in the reader's language.
pub fn reason(tr: &Tr, r: &psk_domain::candidate::Reason, f: &candidates::Found) -> String {
    use psk_domain::candidate::Reason;
    let name = |c: &Option<String>, occupation: bool| {
        let c = c.clone().unwrap_or_default();
        if occupation {
            super::demand_pages::occupation_name(tr, &c)
        } else {
            super::demand_pages::country_name(tr, &c)
        }
    };
    match r {
        Reason::WantsOccupation => tr.t1(
            "candidates-reason-wants-occupation",
            "occupation",
            name(&f.wants_occupation, true),
        ),
        Reason::WorkedInOccupation => tr.t("candidates-reason-worked-in-occupation"),
        Reason::WantsDestination => tr.t1(
            "candidates-reason-wants-destination",
            "country",
            name(&f.wants_destination, false),
        ),
        Reason::YearsOfWork => tr.t1("candidates-reason-years", "years", f.experience_years),
        Reason::InterestedInDemand => tr.t("candidates-reason-interested"),
        Reason::Words => tr.t("candidates-reason-words"),
    }
}
