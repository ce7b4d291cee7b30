//! Sealing and verifying: what verifies, and every way it must not.

use super::*;

fn claims() -> Claims {
    Claims {
        number: "PSS-7KQ4-M2XD-9".into(),
        name: "Bilal Ahmed".into(),
        name_ur: Some("بلال احمد".into()),
        cnic_last4: "4567".into(),
        issued: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        expires: NaiveDate::from_ymd_opt(2029, 11, 24).unwrap(),
        issued_at: 1_795_600_000, // 2026-11-25 in the afternoon, UTC
    }
}

fn open_key(signer: &Signer) -> PublicKey {
    PublicKey::published(
        &signer.kid,
        signer.public_key(),
        (1_795_000_000, None),
        false,
    )
    .unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn a_sealed_certificate_verifies_and_nothing_else_does() {
    let signer = Signer::from_secret(&[7; 32]);
    let keys = vec![open_key(&signer)];
    let text = signer.seal(&claims());
    assert!(text.starts_with(PREFIX));
    assert!(text.len() < 400, "{} characters", text.len());
    assert_eq!(verify(&text, &keys, day(2026, 11, 25)), Ok(claims()));
    // Expired.
    assert!(matches!(
        verify(&text, &keys, day(2029, 11, 25)),
        Err(SealError::Expired(_))
    ));
    // Another key.
    let other = Signer::from_secret(&[8; 32]);
    let forged = other.seal(&claims());
    assert!(matches!(
        verify(&forged, &keys, day(2027, 1, 1)),
        Err(SealError::UnknownKey(_))
    ));
    // The other key published under the first one's id: the signature does not match.
    let swapped = vec![PublicKey {
        kid: signer.kid.clone(),
        ..open_key(&other)
    }];
    assert!(PublicKey::published(&signer.kid, other.public_key(), (0, None), false).is_err());
    assert_eq!(
        verify(&text, &swapped, day(2027, 1, 1)),
        Err(SealError::BadSignature)
    );
    // The QR link carries the same bytes.
    let url = crate::link::link("https://portal.example.pk/", &text).unwrap();
    assert!(url.starts_with("HTTPS://PORTAL.EXAMPLE.PK/V/"), "{url}");
    assert_eq!(verify(&url, &keys, day(2026, 11, 25)), Ok(claims()));
    // As a phone opens it (host in small letters), and in the first form of link.
    let opened = url.replacen("HTTPS://PORTAL.EXAMPLE.PK", "https://portal.example.pk", 1);
    assert_eq!(verify(&opened, &keys, day(2026, 11, 25)), Ok(claims()));
    let zipped = base45::decode(&text[PREFIX.len()..]).unwrap();
    let old = format!("https://portal.example.pk/verify?c={}", base64_url(&zipped));
    assert_eq!(verify(&old, &keys, day(2026, 11, 25)), Ok(claims()));
    // Garbage.
    assert!(matches!(
        verify("HC1:ABC", &keys, day(2027, 1, 1)),
        Err(SealError::Malformed(_))
    ));
    assert!(matches!(
        verify("https://x/verify?c=!!", &keys, day(2027, 1, 1)),
        Err(SealError::Malformed(_))
    ));
    assert!(matches!(
        verify("PSS1:abc", &keys, day(2027, 1, 1)),
        Err(SealError::Malformed(_))
    ));
}

#[test]
fn every_changed_byte_is_refused() {
    let signer = Signer::from_secret(&[9; 32]);
    let keys = vec![open_key(&signer)];
    let text = signer.seal(&claims());
    // Change the signed bytes themselves (not only the text): decode, flip, re-encode.
    let zipped = base45::decode(&text[PREFIX.len()..]).unwrap();
    let mut raw = vec![];
    flate2::read::ZlibDecoder::new(&zipped[..])
        .read_to_end(&mut raw)
        .unwrap();
    for i in 0..raw.len() {
        let mut changed = raw.clone();
        changed[i] ^= 0x01;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&changed).unwrap();
        let t = format!("{PREFIX}{}", base45::encode(z.finish().unwrap()));
        assert!(
            verify(&t, &keys, day(2027, 1, 1)).is_err(),
            "byte {i} changed and still valid"
        );
    }
}

fn base64_url(bytes: &[u8]) -> String {
    crate::link::base64url::encode(bytes)
}

#[test]
fn a_key_verifies_only_what_it_signed_while_in_use() {
    let signer = Signer::from_secret(&[5; 32]);
    let text = signer.seal(&claims());
    let today = day(2027, 1, 1);
    let key = |from, until, compromised| {
        PublicKey::published(&signer.kid, signer.public_key(), (from, until), compromised).unwrap()
    };
    let at = claims().issued_at;
    assert!(verify(&text, &[key(at - 10, Some(at + 10), false)], today).is_ok());
    // Retired before the certificate's issue: a certificate dated after retirement is refused.
    assert_eq!(
        verify(&text, &[key(at - 1000, Some(at - 1), false)], today),
        Err(SealError::OutsideKeyWindow(signer.kid.clone()))
    );
    // Made more than a day after it: refused too (a day's grace for day-start dates).
    assert!(verify(&text, &[key(at + 3600, None, false)], today).is_ok());
    assert_eq!(
        verify(&text, &[key(at + 86_401, None, false)], today),
        Err(SealError::OutsideKeyWindow(signer.kid.clone()))
    );
    // Compromised: nothing it signed verifies, whenever.
    assert_eq!(
        verify(&text, &[key(at - 10, None, true)], today),
        Err(SealError::KeyCompromised(signer.kid.clone()))
    );
}
