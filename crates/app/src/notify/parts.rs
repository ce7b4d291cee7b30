//! How many SMS parts a text costs: GSM 03.38 7-bit (160 characters in one part, 153 a part when
//! split) when every character is in its alphabet, else UCS-2 (70 in one part, 67 a part). Urdu is
//! always UCS-2, so an Urdu message over 70 characters is paid for twice or more.

/// The GSM 03.38 basic alphabet, and the extension table (each of those costs two septets).
const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED: &str = "^{}\\[~]|€\u{c}";

/// The encoding a text needs and its length in that encoding's units.
fn units(text: &str) -> (bool, usize) {
    let mut septets = 0;
    for c in text.chars() {
        if GSM_BASIC.contains(c) {
            septets += 1;
        } else if GSM_EXTENDED.contains(c) {
            septets += 2;
        } else {
            return (false, text.encode_utf16().count());
        }
    }
    (true, septets)
}

/// The number of parts `text` is sent (and paid) as.
pub fn sms_parts(text: &str) -> usize {
    let (gsm, n) = units(text);
    let (single, part) = if gsm { (160, 153) } else { (70, 67) };
    if n <= single { 1 } else { n.div_ceil(part) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_by_encoding() {
        assert_eq!(sms_parts(&"a".repeat(160)), 1);
        assert_eq!(sms_parts(&"a".repeat(161)), 2);
        assert_eq!(sms_parts(&"a".repeat(306)), 2);
        assert_eq!(sms_parts(&"a".repeat(307)), 3);
        assert_eq!(
            sms_parts(&"{".repeat(80)),
            1,
            "extension characters cost two septets"
        );
        assert_eq!(sms_parts(&"{".repeat(81)), 2);
        assert_eq!(sms_parts(&"ک".repeat(70)), 1);
        assert_eq!(sms_parts(&"ک".repeat(71)), 2);
        assert_eq!(
            sms_parts(&format!("{}ک", "a".repeat(69))),
            1,
            "one Urdu letter makes the whole text UCS-2"
        );
        assert_eq!(sms_parts(&format!("{}ک", "a".repeat(70))), 2);
        assert_eq!(sms_parts(&"ک".repeat(135)), 3);
    }
}
