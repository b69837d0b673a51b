//! The synthetic enterprise org the import benchmark times (issue 15, point 7): deterministic,
//! the size asked for, and imported whole but for what real metadata loses too (portal roles
//! are left to the engine); `access-sim bench --import --json` reports both timings.
#![cfg(not(target_arch = "wasm32"))]

use access_sim::engine;
use access_sim::import::import_salesforce;
use access_sim::synthetic_org::{salesforce_org, OrgSize};

#[test]
fn the_benchmark_org_is_deterministic_and_imports_at_its_size() {
    let size = OrgSize::ENTERPRISE;
    let files = salesforce_org(size, 42);
    assert_eq!(files, salesforce_org(size, 42));
    assert_ne!(files, salesforce_org(size, 43));
    let count = |dir: &str| files.iter().filter(|(p, _)| p.contains(dir)).count();
    assert_eq!(count("/roles/"), 4_000);
    assert_eq!(count("/groups/"), 500);
    assert_eq!(count("/queues/"), 500);
    assert_eq!(count("/sharingRules/"), 300);
    assert_eq!(
        files
            .iter()
            .filter(|(p, _)| p.ends_with(".object-meta.xml"))
            .count(),
        400
    );
    let i = import_salesforce(&files).expect("imports");
    let s = &i.scenario;
    // 4,000 roles of which 396 portal roles, which the importer recognises and skips.
    assert_eq!(s.roles.len(), 3_604);
    let roles = &i.report.types["Role"];
    assert_eq!((roles.found, roles.skipped.len()), (4_000, 396));
    assert!(roles
        .skipped
        .iter()
        .all(|x| x.why.starts_with("a portal role")));
    assert_eq!((s.groups.len(), s.queues.len()), (500, 500));
    // Two rules per file, none skipped.
    let rules = &i.report.types["SharingRules"];
    assert_eq!((rules.found, rules.imported), (600, 600));
    assert_eq!(s.custom_objects.len(), 394);
    assert_eq!(
        s.custom_objects
            .iter()
            .filter(|c| c.master_detail.is_some())
            .count(),
        80
    );
    // 175 profiles, and the Customer Community User profile the sharing sets name.
    assert_eq!(
        (
            s.profiles.len(),
            s.permission_sets.len(),
            s.sharing_sets.len()
        ),
        (176, 283, 3)
    );
    for t in i.report.types.values() {
        assert!(t.unknown_elements.is_empty(), "{:?}", t.unknown_elements);
    }
    engine::load(&serde_json::to_string(s).unwrap()).expect("valid");
}

#[test]
fn the_bench_command_times_import_and_validate() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_access-sim"))
        .args(["bench", "--import", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["roles"], 3_604);
    assert_eq!(v["portal_roles_recognised"], 396);
    assert!(v["import_ms"].as_f64().unwrap() > 0.0);
    assert!(v["validate_ms"].as_f64().unwrap() > 0.0);
}

#[test]
fn the_benchmark_org_survives_export_and_import() {
    use access_sim::export::{export_salesforce, DesignPart};
    let s = import_salesforce(&salesforce_org(OrgSize::ENTERPRISE, 7))
        .unwrap()
        .scenario;
    let e = export_salesforce(&s);
    assert!(
        e.report.not_exported.is_empty(),
        "{:?}",
        &e.report.not_exported[..3]
    );
    let back = import_salesforce(&e.files).unwrap().scenario;
    assert_eq!(DesignPart::of(&back), DesignPart::of(&s));
}
