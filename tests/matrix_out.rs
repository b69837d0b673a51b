//! The CLI's `matrix` streams rows in every format, and each format says the same as the
//! engine's in-memory matrix (`matrix::to_json`), on every preset.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

use access_sim::engine::{self, matrix::to_json, MatrixJson};
use access_sim::presets::PRESETS;

fn cli(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_access-sim"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn json_and_jsonl_equal_the_in_memory_matrix_on_every_preset() {
    for p in PRESETS {
        let path = format!("www/scenarios/{}.json", p.key);
        let ix = engine::load(p.json).unwrap();
        for object in [None, Some("case")] {
            let want = to_json(
                &ix,
                &engine::matrix(&ix, object.and_then(engine::ObjectKind::parse)),
            );
            let mut args = vec!["matrix", path.as_str()];
            if let Some(o) = object {
                args.extend(["--object", o]);
            }
            let json: MatrixJson =
                serde_json::from_str(&cli(&[&args[..], &["--format", "json"]].concat())).unwrap();
            assert_eq!(json, want, "{} json", p.key);

            let text = cli(&[&args[..], &["--format", "jsonl"]].concat());
            let mut lines = text.lines();
            let head: serde_json::Value = serde_json::from_str(lines.next().unwrap()).unwrap();
            assert_eq!(
                serde_json::from_value::<Vec<engine::matrix::UserRef>>(head["users"].clone())
                    .unwrap(),
                want.users
            );
            let records: Vec<engine::matrix::RecordRow> =
                lines.map(|l| serde_json::from_str(l).unwrap()).collect();
            assert_eq!(records, want.records, "{} jsonl", p.key);

            // The table: a header of user ids, then one line per record with one letter each.
            let table = cli(&args);
            let rows: Vec<&str> = table.lines().skip(1).take(want.records.len()).collect();
            for (line, rec) in rows.iter().zip(&want.records) {
                let cells: Vec<&str> = line.split_whitespace().collect();
                assert_eq!(cells[0], rec.id);
                for (u, c) in want.users.iter().zip(&cells[1..]) {
                    assert_eq!(
                        c.chars().next(),
                        Some(rec.access[&u.id].letter()),
                        "{} {} {}",
                        p.key,
                        rec.id,
                        u.id
                    );
                }
            }
        }
    }
}
