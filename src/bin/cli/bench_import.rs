//! `access-sim bench --import`: the importer on a synthetic enterprise-sized org
//! (`access_sim::synthetic_org`, built in memory), then validating what it gives; medians of
//! repeated runs. Targets (issue 15): import under 5 s, validate under 1 s, natively in release.

use std::time::Instant;

use access_sim::engine;
use access_sim::import::import_salesforce;
use access_sim::synthetic_org::{salesforce_org, OrgSize};
use serde_json::json;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    xs[xs.len() / 2]
}

pub fn run(as_json: bool) -> Result<String, String> {
    let size = OrgSize::ENTERPRISE;
    let t = Instant::now();
    let files = salesforce_org(size, 42);
    let generate_ms = t.elapsed().as_secs_f64() * 1000.0;
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let reps = 5;
    let (mut import, mut validate) = (Vec::new(), Vec::new());
    let mut imported = None;
    for _ in 0..reps {
        let t = Instant::now();
        let i = import_salesforce(&files).map_err(|errs| {
            let lines: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
            format!("the synthetic org did not import:\n{}", lines.join("\n"))
        })?;
        import.push(t.elapsed().as_secs_f64() * 1000.0);
        imported = Some(i);
    }
    let imported = imported.expect("at least one run");
    let text = serde_json::to_string(&imported.scenario).map_err(|e| e.to_string())?;
    for _ in 0..reps {
        let t = Instant::now();
        let ix = engine::load(&text).map_err(|e| format!("the imported org is invalid: {e}"))?;
        validate.push(t.elapsed().as_secs_f64() * 1000.0);
        drop(ix);
    }
    let s = &imported.scenario;
    let rules: usize = imported
        .report
        .types
        .get("SharingRules")
        .map_or(0, |t| t.imported);
    let report = json!({
        "bench": "import",
        "files": files.len(),
        "bytes": bytes,
        "generate_ms": generate_ms,
        "import_ms": median(import),
        "validate_ms": median(validate),
        "runs": reps,
        "roles": s.roles.len(),
        "portal_roles_recognised": imported.report.types.get("Role").map_or(0, |t| t.skipped.len()),
        "groups": s.groups.len(),
        "queues": s.queues.len(),
        "sharing_rules": rules,
        "custom_objects": s.custom_objects.len(),
        "controlled_by_parent": s.custom_objects.iter().filter(|c| c.master_detail.is_some()).count(),
        "profiles": s.profiles.len(),
        "permission_sets": s.permission_sets.len(),
        "targets_ms": {"import": 5000, "validate": 1000},
    });
    if as_json {
        return Ok(report.to_string() + "\n");
    }
    Ok(format!(
        "import benchmark: a synthetic org of {} files ({:.1} MB): {} roles (+{} portal roles recognised), {} groups, {} queues, {} sharing rules, {} custom objects ({} Controlled by Parent), {} profiles, {} permission sets\n  import     {:.0} ms (median of {reps}; target < 5000 ms)\n  validate   {:.0} ms (parse + validate of the imported scenario, median of {reps}; target < 1000 ms)\n",
        report["files"],
        bytes as f64 / 1_048_576.0,
        report["roles"],
        report["portal_roles_recognised"],
        report["groups"],
        report["queues"],
        report["sharing_rules"],
        report["custom_objects"],
        report["controlled_by_parent"],
        report["profiles"],
        report["permission_sets"],
        report["import_ms"].as_f64().unwrap_or(0.0),
        report["validate_ms"].as_f64().unwrap_or(0.0),
    ))
}
