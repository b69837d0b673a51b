//! Share links round-trip every preset, and hostile links are refused with a message, within
//! the size caps, never with a panic.
#![cfg(not(target_arch = "wasm32"))]

use access_sim::presets::PRESETS;
use access_sim::share::{decode, encode, ShareError, MAX_LINK_CHARS, MAX_SCENARIO_BYTES};
use base64::Engine as _;

#[test]
fn every_preset_round_trips_and_is_much_shorter() {
    for p in PRESETS {
        let link = encode(p.json);
        assert_eq!(decode(&format!("#{link}")).unwrap(), p.json, "{}", p.key);
        assert!(
            link.len() < p.json.len() / 2,
            "{}: {} vs {}",
            p.key,
            link.len(),
            p.json.len()
        );
    }
}

#[test]
fn broken_links_are_refused_with_a_reason() {
    assert_eq!(decode("#x=abc"), Err(ShareError::NotALink));
    assert_eq!(decode("#s=***"), Err(ShareError::Encoding));
    assert_eq!(decode("#s=AAAA"), Err(ShareError::Compression));
    let long = format!("s={}", "A".repeat(MAX_LINK_CHARS + 1));
    assert!(matches!(decode(&long), Err(ShareError::TooLong(_))));
}

#[test]
fn a_link_that_expands_past_the_cap_is_refused() {
    // 9 MB of spaces compresses to a few kilobytes: a classic decompression bomb.
    let bomb = " ".repeat(MAX_SCENARIO_BYTES + 1024 * 1024);
    let link = encode(&bomb);
    assert!(
        link.len() < 64 * 1024,
        "the bomb link is small: {}",
        link.len()
    );
    assert_eq!(decode(&link), Err(ShareError::TooLarge));
}

#[test]
fn non_utf8_payloads_are_refused() {
    let packed = miniz_oxide::deflate::compress_to_vec(&[0xff, 0xfe, 0x00], 6);
    let link = format!(
        "s={}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
    );
    assert_eq!(decode(&link), Err(ShareError::Utf8));
}
