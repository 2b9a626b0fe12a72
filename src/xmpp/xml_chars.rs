//! Which characters XML 1.0 can carry at all (§2.2, production `Char`).
//!
//! A string holding anything else (U+0000, most C0 controls, U+FFFE,
//! U+FFFF) cannot be written into an XML document, escaped or not: the
//! stanza writer refuses it, and a peer's parser would close the stream.
//! Kept free of any XMPP type so the domain can check user input with the
//! same rule the link enforces.

/// Whether `c` is an XML 1.0 `Char`:
/// `#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`.
/// (Surrogates cannot occur in a Rust `char`.)
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Whether every character of `s` can be carried by XML 1.0.
pub fn xml_safe(s: &str) -> bool {
    s.chars().all(is_xml_char)
}

/// The first character of `s` XML 1.0 cannot carry, if any.
pub fn first_non_xml_char(s: &str) -> Option<char> {
    s.chars().find(|c| !is_xml_char(*c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_char_production() {
        for c in [
            '\u{0}', '\u{1}', '\u{8}', '\u{B}', '\u{C}', '\u{1B}', '\u{1F}', '\u{FFFE}', '\u{FFFF}',
        ] {
            assert!(!is_xml_char(c), "U+{:04X}", c as u32);
        }
        for c in [
            '\t',
            '\n',
            '\r',
            ' ',
            'a',
            '\u{7F}',
            '\u{85}',
            '\u{D7FF}',
            '\u{E000}',
            '\u{FFFD}',
            '\u{200B}',
            '\u{202E}',
            '\u{10000}',
            '\u{10FFFF}',
        ] {
            assert!(is_xml_char(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn strings() {
        assert!(xml_safe("correct horse battery \u{FFFD} \u{202E}"));
        assert!(xml_safe(""));
        assert!(!xml_safe("pass\u{0}word"));
        assert_eq!(first_non_xml_char("ab\u{1B}c\u{0}"), Some('\u{1B}'));
        assert_eq!(first_non_xml_char("abc"), None);
    }
}
