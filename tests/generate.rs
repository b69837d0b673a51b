//! The generator makes valid scenarios, the same for the same seed, with the skew it promises.
#![cfg(not(target_arch = "wasm32"))]

use access_sim::engine;
use access_sim::generate::generate;

#[test]
fn generated_scenarios_are_valid_deterministic_and_skewed() {
    let a = generate(200, 10_000, 7);
    assert_eq!(a, generate(200, 10_000, 7), "same seed, same scenario");
    assert_ne!(a, generate(200, 10_000, 8));
    let ix = engine::load(&a.to_string()).unwrap();
    assert_eq!(ix.users.len(), 200);
    let cases = ix
        .records
        .iter()
        .filter(|r| r.object == engine::ObjectKind::Case)
        .count();
    assert_eq!(cases, 10_000);
    // The biggest account holds far more than an even share (10,000 / 500 = 20 cases).
    let biggest = ix.children.iter().map(Vec::len).max().unwrap();
    assert!(biggest > 1_000, "biggest account has {biggest} children");
    let depth = (0..ix.roles.len() as u32)
        .map(|r| ix.ancestors(access_sim::engine::index::RoleIx(r)).count() + 1)
        .max()
        .unwrap();
    assert_eq!(depth, 7);
}

#[test]
fn the_bench_command_prints_figures() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_access-sim"))
        .args(["bench", "--tier", "S", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "full_matrix_ms",
        "local_edit_ms",
        "global_edit_ms",
        "explain_ms",
        "peak_mb",
        "cedar_ratio_per_cell",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert!(v["full_matrix_ms"].as_f64().unwrap() > 0.0);
}
