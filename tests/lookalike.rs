//! Ids that can't deceive: the same character spelled two ways is one id, and ids with
//! invisible or direction-changing characters are refused naming the character and the path.
#![cfg(not(target_arch = "wasm32"))]

use access_sim::engine;
use serde_json::json;

fn scenario(user_id: &str, owner_ref: &str) -> String {
    json!({"version": 1, "profiles": [{"id": "p", "name": "P", "objects": {"case": ["read", "edit"]}}],
        "users": [{"id": user_id, "name": "José", "profile": "p"}],
        "cases": [{"id": "k1", "name": "Case", "owner": owner_ref}]})
    .to_string()
}

#[test]
fn composed_and_decomposed_spellings_are_the_same_id() {
    // "José" typed as é (U+00E9) in one place and e + U+0301 in another.
    let ix = engine::load(&scenario("jos\u{e9}", "jose\u{301}")).expect("one id, two spellings");
    assert!(ix.find_user("jos\u{e9}").is_some());
    let ix = engine::load(&scenario("jose\u{301}", "jos\u{e9}")).expect("either way round");
    assert_eq!(ix.users[0].id, "jos\u{e9}", "ids are stored composed");
}

#[test]
fn a_zero_width_space_in_an_id_is_refused_with_its_position() {
    let text = scenario("u\u{200B}1", "u\u{200B}1");
    let e = engine::load(&text).unwrap_err();
    let p = &e.problems()[0];
    assert_eq!(p.path, "users[0].id");
    assert!(p.message.contains("position 2 (U+200B ZERO WIDTH SPACE)"), "{}", p.message);
}

#[test]
fn a_right_to_left_override_in_an_id_is_refused() {
    let e = engine::load(&scenario("\u{202E}1u", "\u{202E}1u")).unwrap_err();
    assert!(e.problems().iter().any(|p| p.path == "users[0].id" && p.message.contains("RIGHT-TO-LEFT OVERRIDE")));
}

#[test]
fn an_id_decomposed_through_json_escapes_is_refused_not_split() {
    // Escapes are decoded after normalisation, so this one arrives decomposed.
    let text = scenario("x", "x").replace("\"id\":\"x\"", "\"id\":\"jose\\u0301\"");
    let e = engine::load(&text).unwrap_err();
    assert!(e.problems().iter().any(|p| p.path == "users[0].id" && p.message.contains("NFC")), "{:?}", e.problems());
}
