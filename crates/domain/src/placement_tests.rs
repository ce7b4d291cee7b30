use super::*;

#[test]
fn the_whole_path_in_order() {
    let path = [
        (Step::Invite, Party::Organisation, Status::Invited),
        (Step::AcceptInvitation, Party::Worker, Status::Accepted),
        (Step::Interviewed, Party::Organisation, Status::Interviewed),
        (Step::Offer, Party::Organisation, Status::Offered),
        (Step::AcceptOffer, Party::Worker, Status::OfferAccepted),
        (Step::Visa, Party::Organisation, Status::Visa),
        (Step::Clear, Party::Service, Status::Cleared),
        (Step::Departed, Party::Organisation, Status::Departed),
        (
            Step::ReturnedEarly,
            Party::Organisation,
            Status::ReturnedEarly,
        ),
    ];
    let mut s = Status::Shortlisted;
    for (step, party, want) in path {
        s = s.after(step, party).unwrap();
        assert_eq!(s, want);
    }
    assert!(s.is_final());
}

#[test]
fn out_of_order_or_by_the_wrong_party_is_refused() {
    assert_eq!(
        Status::Shortlisted.after(Step::Offer, Party::Organisation),
        Err(StepError::Order)
    );
    assert_eq!(
        Status::Invited.after(Step::AcceptInvitation, Party::Organisation),
        Err(StepError::Party)
    );
    assert_eq!(
        Status::Offered.after(Step::Offer, Party::Worker),
        Err(StepError::Party)
    );
    assert_eq!(
        Status::OfferAccepted.after(Step::Withdraw, Party::Organisation),
        Err(StepError::Order),
        "an accepted offer is not taken back by the organisation alone"
    );
    assert_eq!(
        Status::Interviewed.after(Step::Clear, Party::Service),
        Err(StepError::Order)
    );
    assert_eq!(Step::parse("accept_offer"), Some(Step::AcceptOffer));
    assert_eq!(Step::parse("stamp"), None);
}

#[test]
fn each_step_checks_its_details() {
    let now = chrono::NaiveDate::from_ymd_opt(2026, 12, 7)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    let codes = |i: StepInput| -> Vec<(&str, &str)> {
        StepDetails::parse(&i, now)
            .unwrap_err()
            .0
            .iter()
            .map(|e| (e.field, e.code))
            .collect()
    };
    let invite = |at: &str, mode: &str, place: &str| StepInput {
        step: "invite".into(),
        interview_at: at.into(),
        mode: mode.into(),
        place: place.into(),
        ..Default::default()
    };
    let ok = StepDetails::parse(
        &invite("2026-12-10T14:30", "online", "https://meet.example/oec-1"),
        now,
    )
    .unwrap();
    assert_eq!(ok.interview.unwrap().1, "online");
    assert_eq!(
        codes(invite("2026-12-01T14:30", "online", "meet me")),
        [
            ("interview_at", "interview_time_range"),
            ("place", "interview_link")
        ]
    );
    assert_eq!(
        codes(invite("", "", "")),
        [
            ("interview_at", "required"),
            ("mode", "choose_option"),
            ("place", "required")
        ]
    );
    let offer = StepInput {
        step: "offer".into(),
        salary: "2,000".into(),
        currency: "SAR".into(),
        ..Default::default()
    };
    assert_eq!(codes(offer.clone()), [("note", "required")]);
    let full = StepInput {
        note: "24 months, housing and food".into(),
        ..offer
    };
    assert_eq!(
        StepDetails::parse(&full, now).unwrap().offer,
        Some((2000, "SAR"))
    );
    assert_eq!(
        codes(StepInput {
            step: "clear".into(),
            ..Default::default()
        }),
        [("step", "choose_option")]
    );
    let gone = StepInput {
        step: "departed".into(),
        departed_on: "2026-12-08".into(),
        ..Default::default()
    };
    assert_eq!(codes(gone), [("departed_on", "departure_date_range")]);
    let back = StepInput {
        step: "returned_early".into(),
        ..Default::default()
    };
    assert_eq!(
        codes(back),
        [("note", "required")],
        "a return needs its reason"
    );
}

#[test]
fn contact_is_shared_only_after_the_worker_accepts() {
    assert!(!Status::Invited.contact_shared());
    assert!(Status::Accepted.contact_shared());
    assert!(!Status::Withdrawn.contact_shared());
}
