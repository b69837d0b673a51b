//! The committed JSON Schema (docs/scenario.schema.json) is generated from the Rust types; this
//! keeps it from drifting. Regenerate with `cargo run -- schema > docs/scenario.schema.json`.
#![cfg(not(target_arch = "wasm32"))]

#[test]
fn committed_schema_matches_the_types() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/scenario.schema.json");
    let committed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(
        committed,
        access_sim::engine::json_schema(),
        "docs/scenario.schema.json is stale: run `cargo run -- schema > docs/scenario.schema.json`"
    );
}

#[test]
fn schema_names_the_version_and_every_top_level_list() {
    let schema = access_sim::engine::json_schema();
    let props = schema["properties"].as_object().unwrap();
    for key in [
        "version",
        "users",
        "roles",
        "groups",
        "profiles",
        "queues",
        "org_defaults",
        "accounts",
        "contacts",
        "cases",
        "opportunities",
        "leads",
        "assets",
        "sharing_rules",
        "manual_shares",
        "account_teams",
        "opportunity_teams",
        "case_teams",
    ] {
        assert!(props.contains_key(key), "schema lacks {key}");
    }
    assert_eq!(schema["required"], serde_json::json!(["version"]));
}
