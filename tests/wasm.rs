//! Runs inside headless Chromium (wasm-bindgen-test): the engine on the presets, checked against
//! the same hand-written matrices as the native suite, and the app mounted and clicked.
#![cfg(all(target_arch = "wasm32", feature = "app"))]

use access_sim::engine::{self, ObjectKind};
use access_sim::presets::PRESETS;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod common;

wasm_bindgen_test_configure!(run_in_browser);

const EXPECTED: &[(&str, &str)] = &[
    ("help-center", include_str!("expected/help-center.txt")),
    ("housing-loan", include_str!("expected/housing-loan.txt")),
    ("sold-product", include_str!("expected/sold-product.txt")),
    ("teams-crm", include_str!("expected/teams-crm.txt")),
    (
        "customer-success",
        include_str!("expected/customer-success.txt"),
    ),
    ("account-team", include_str!("expected/account-team.txt")),
    (
        "role-hierarchy",
        include_str!("expected/role-hierarchy.txt"),
    ),
    (
        "loan-applications",
        include_str!("expected/loan-applications.txt"),
    ),
];

#[wasm_bindgen_test]
fn every_preset_has_an_expectation_here() {
    assert_eq!(EXPECTED.len(), PRESETS.len());
}

#[wasm_bindgen_test]
fn the_engine_gives_the_expected_matrices_in_the_browser() {
    for (name, text) in EXPECTED {
        let preset = PRESETS.iter().find(|p| p.key == *name).unwrap();
        let ix = engine::load(preset.json).unwrap();
        let m = engine::matrix(&ix, None);
        let expected = common::parse_expected(name, text);
        for (rid, cells) in &expected.rows {
            let r = ix.find_record(rid).unwrap();
            for (uid, want) in expected.users.iter().zip(cells) {
                let u = ix.find_user(uid).unwrap();
                assert_eq!(m.level(u, r), Some(*want), "{name}: {rid} x {uid}");
            }
        }
    }
}

#[wasm_bindgen_test]
fn invalid_input_is_an_error_not_a_panic_in_wasm() {
    let err = engine::load(r#"{"version":1,"users":[{"id":"u","name":"U","profile":"nope"}]}"#)
        .unwrap_err();
    assert!(err.to_string().contains("users[0].profile"), "{err}");
}

fn cell(doc: &web_sys::Document, user: &str, record: &str) -> web_sys::HtmlElement {
    doc.query_selector(&format!(
        "button.cell[data-user='{user}'][data-record='{record}']"
    ))
    .unwrap()
    .unwrap_or_else(|| panic!("no cell {user} x {record}"))
    .dyn_into()
    .unwrap()
}

#[wasm_bindgen_test]
async fn the_app_renders_the_default_case_matrix_and_explains_a_click() {
    let doc = gloo::utils::document();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<access_sim::ui::App>::with_root(root.clone()).render();
    yew::platform::time::sleep(std::time::Duration::from_millis(100)).await;

    let default = access_sim::presets::find(access_sim::presets::DEFAULT_PRESET).unwrap();
    let ix = engine::load(default.json).unwrap();
    let cases = engine::matrix(&ix, Some(ObjectKind::Case));
    let rendered = root
        .query_selector_all("button.cell[data-record]")
        .unwrap()
        .length() as usize;
    assert_eq!(rendered, cases.cells.len(), "one button per case x user");
    assert_eq!(
        cell(&doc, "jack", "case_inverter").text_content().unwrap(),
        "R"
    );
    assert_eq!(cell(&doc, "jack", "case_edge").text_content().unwrap(), "-");

    cell(&doc, "jack", "case_inverter").click();
    yew::platform::time::sleep(std::time::Duration::from_millis(50)).await;
    let panel = root
        .query_selector(".explain")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(panel.contains("Share Customer Cases"), "{panel}");
    assert!(panel.contains("User.Account = Case.Account"), "{panel}");
}
