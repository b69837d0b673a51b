//! Every preset's exercises can be played: each is not met on the preset as shipped, its model
//! answer is accepted edit by edit, and then every expectation holds.
#![cfg(not(target_arch = "wasm32"))]

use access_sim::engine::edits::Edit;
use access_sim::engine::expectations::check_exercise;
use access_sim::engine::{self, Engine};
use access_sim::presets::PRESETS;

#[test]
fn every_exercise_starts_unmet_and_its_model_answer_meets_it() {
    let mut played = 0;
    for p in PRESETS {
        let s: serde_json::Value = serde_json::from_str(p.json).unwrap();
        for x in s["exercises"].as_array().into_iter().flatten() {
            let id = x["id"].as_str().unwrap();
            let mut eng = Engine::new(engine::load(p.json).unwrap());
            let start = check_exercise(&eng.ix, &eng.matrix, id).unwrap();
            assert!(!start.met, "{}/{id} is met before any edit", p.key);
            for edit in x["answer"].as_array().unwrap() {
                let edit: Edit = serde_json::from_value(edit.clone()).unwrap();
                eng.apply(&edit)
                    .unwrap_or_else(|e| panic!("{}/{id}: answer refused: {e}", p.key));
            }
            let end = check_exercise(&eng.ix, &eng.matrix, id).unwrap();
            let failing: Vec<&str> = end
                .results
                .iter()
                .filter(|r| !r.passed)
                .map(|r| r.text.as_str())
                .collect();
            assert!(
                end.met,
                "{}/{id}: the model answer leaves {failing:?}",
                p.key
            );
            played += 1;
        }
    }
    assert!(played >= 12, "only {played} exercises");
}

#[test]
fn seed_presets_carry_two_to_four_exercises() {
    for key in [
        "help-center",
        "housing-loan",
        "sold-product",
        "teams-crm",
        "customer-success",
        "account-team",
    ] {
        let p = access_sim::presets::find(key).unwrap();
        let s: serde_json::Value = serde_json::from_str(p.json).unwrap();
        let n = s["exercises"].as_array().map_or(0, |a| a.len());
        assert!((2..=4).contains(&n), "{key}: {n} exercises");
    }
}
