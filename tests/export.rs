#![cfg(not(target_arch = "wasm32"))]
use access_sim::engine::{self, Scenario};
use access_sim::export::{export_salesforce, DesignPart};
use access_sim::import::import_salesforce;

#[test]
fn scratch() {
    for p in access_sim::presets::PRESETS {
        let s: Scenario = engine::parse(p.json).unwrap();
        let e = export_salesforce(&s);
        let back = match import_salesforce(&e.files) {
            Ok(b) => b,
            Err(err) => panic!("{}: {:?}", p.key, err),
        };
        let a = serde_json::to_value(DesignPart::of(&s)).unwrap();
        let b = serde_json::to_value(DesignPart::of(&back.scenario)).unwrap();
        println!("== {}\n{}", p.key, e.report.summary());
        for k in a.as_object().unwrap().keys() {
            if a[k] != b[k] {
                println!("  DIFF {k}:\n   {}\n   {}", a[k], b[k]);
            }
        }
        println!(
            "report: {}",
            serde_json::to_string(&back.report)
                .unwrap()
                .chars()
                .take(3000)
                .collect::<String>()
        );
    }
}
