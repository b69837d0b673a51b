//! Text that can't deceive: scenario text is put in Unicode NFC form before parsing (so `é`
//! typed as one character or as `e` + accent is the same id), and ids holding invisible or
//! bidirectional control characters are refused (`u1` and `u\u{200B}1` would look the same).

use std::borrow::Cow;

/// NFC natively with `unicode-normalization`; in the browser with the engine the page already
/// has (`String.prototype.normalize`), since a second copy of Unicode's tables would add about
/// 60 KB gzipped to every wasm module.
#[cfg(not(target_arch = "wasm32"))]
fn to_nfc(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfc().collect()
}

#[cfg(target_arch = "wasm32")]
fn to_nfc(text: &str) -> String {
    js_sys::JsString::from(text).normalize("NFC").into()
}

/// The text in NFC form, borrowed when it already is (ASCII, the usual case, is never copied).
pub fn nfc(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let composed = to_nfc(text);
    if composed == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(composed)
    }
}

/// True when `s` is in NFC form (JSON escapes such as `\u0301` are decoded after `nfc` ran,
/// so an id can still arrive decomposed).
pub fn is_nfc(s: &str) -> bool {
    matches!(nfc(s), Cow::Borrowed(_))
}

/// The first character of `id` that is invisible or reorders text, with its position (in
/// characters, from 1) and its Unicode name.
pub fn deceptive_char(id: &str) -> Option<(usize, char, &'static str)> {
    id.chars()
        .enumerate()
        .find_map(|(i, c)| deceptive_name(c).map(|name| (i + 1, c, name)))
}

fn deceptive_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{00AD}' => "SOFT HYPHEN",
        '\u{034F}' => "COMBINING GRAPHEME JOINER",
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' => "HANGUL FILLER",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2060}' => "WORD JOINER",
        '\u{2061}'..='\u{2064}' => "INVISIBLE OPERATOR",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{FE00}'..='\u{FE0F}' => "VARIATION SELECTOR",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE",
        '\u{E0000}'..='\u{E007F}' => "TAG CHARACTER",
        c if c.is_control() => "CONTROL CHARACTER",
        // An ordinary space is visible enough; the others (no-break, em, ideographic ...)
        // pass for it.
        c if c.is_whitespace() && c != ' ' => "SPACE OTHER THAN U+0020",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_text_is_composed_and_composed_text_is_not_copied() {
        assert_eq!(nfc("Jose\u{0301}"), "Jos\u{00E9}");
        assert!(matches!(nfc("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn invisible_and_bidi_characters_are_named_with_their_position() {
        assert_eq!(
            deceptive_char("u\u{200B}1"),
            Some((2, '\u{200B}', "ZERO WIDTH SPACE"))
        );
        assert_eq!(
            deceptive_char("\u{202E}abc").map(|x| x.2),
            Some("RIGHT-TO-LEFT OVERRIDE")
        );
        assert_eq!(deceptive_char("case\u{00A0}1").map(|x| x.0), Some(5));
        assert_eq!(deceptive_char("case 1"), None);
        assert_eq!(deceptive_char("café_ünïcode-1.2"), None);
    }
}
