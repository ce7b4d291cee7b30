//! Characters that change how text looks to the next reader without being seen: direction
//! controls (U+202E turns "Ali" into "ilA" and can flip a whole line), zero-width characters that
//! make two different names look the same, and noncharacters. Text another person reads (names,
//! employers, reflections, notes) refuses them, with a message that says so.

/// The first hidden character of `s`, if any. The zero-width non-joiner (U+200C) is allowed
/// between two letters of the Arabic script, where Urdu keyboards put it to stop letters joining;
/// anywhere else it is refused like the other invisible characters.
pub fn hidden_char(s: &str) -> Option<char> {
    let chars: Vec<char> = s.chars().collect();
    chars.iter().enumerate().find_map(|(i, &c)| {
        if c == '\u{200C}' {
            let arabic = |c: Option<&char>| c.is_some_and(|c| is_arabic_letter(*c));
            let between = i > 0 && arabic(chars.get(i - 1)) && arabic(chars.get(i + 1));
            return (!between).then_some(c);
        }
        is_hidden(c).then_some(c)
    })
}

fn is_arabic_letter(c: char) -> bool {
    c.is_alphabetic()
        && (('\u{0600}'..='\u{06FF}').contains(&c)
            || ('\u{0750}'..='\u{077F}').contains(&c)
            || ('\u{FB50}'..='\u{FDFF}').contains(&c)
            || ('\u{FE70}'..='\u{FEFC}').contains(&c))
}

/// Format characters (Unicode category Cf) and noncharacters.
fn is_hidden(c: char) -> bool {
    let u = c as u32;
    matches!(u,
        0x00AD                      // soft hyphen
        | 0x061C                    // Arabic letter mark
        | 0x180E                    // Mongolian vowel separator
        | 0x200B..=0x200F           // zero-width space, (non-)joiner, LRM, RLM
        | 0x202A..=0x202E           // embeddings and overrides
        | 0x2060..=0x2064           // word joiner, invisible operators
        | 0x2066..=0x206F           // isolates and deprecated format controls
        | 0xFEFF                    // zero-width no-break space (BOM)
        | 0xFFF9..=0xFFFB           // interlinear annotation
        | 0x1D173..=0x1D17A         // musical format controls
        | 0xE0001 | 0xE0020..=0xE007F // tags
        | 0xFDD0..=0xFDEF)          // noncharacters
        || (u & 0xFFFE) == 0xFFFE // U+xFFFE and U+xFFFF in every plane
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_controls_zero_width_and_noncharacters_are_found() {
        for bad in [
            "Ali\u{202E}nahK",
            "\u{2067}Ali",
            "Ali\u{200F}",
            "A\u{200B}li",
            "Al\u{2060}i",
            "\u{FEFF}Ali",
            "Ali\u{FFFF}",
            "Ali\u{FDD0}",
            "Ali\u{1FFFE}",
            "علی\u{061C}",
            "Ali\u{200C}Khan",
            "\u{200C}علی",
        ] {
            assert!(hidden_char(bad).is_some(), "{bad:?}");
        }
        assert_eq!(hidden_char("Ali\u{202E}x"), Some('\u{202E}'));
    }

    #[test]
    fn ordinary_text_and_urdu_typing_pass() {
        for good in [
            "Ali Khan",
            "محمد علی",
            "نور\u{200C}الدین",
            "Line one\nline two\ttabbed",
            "Café, 12 km — ok?",
        ] {
            assert_eq!(hidden_char(good), None, "{good:?}");
        }
    }
}
