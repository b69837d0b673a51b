//! Shared by the native and wasm suites: the hand-written expected matrices in tests/expected/.

#![allow(dead_code)]

use access_sim::engine::Access;

pub mod edits;
#[cfg(not(target_arch = "wasm32"))]
pub mod fixture;
pub mod gen;

pub struct Expected {
    pub users: Vec<String>,
    pub rows: Vec<(String, Vec<Access>)>,
}

/// Parse `record user1 user2 ...` / `id F E R -` tables; `#` lines are the derivation notes.
pub fn parse_expected(name: &str, text: &str) -> Expected {
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    let users: Vec<String> = lines
        .next()
        .expect("header line")
        .split_whitespace()
        .skip(1)
        .map(String::from)
        .collect();
    let rows = lines
        .map(|l| {
            let mut parts = l.split_whitespace();
            let id = parts.next().unwrap().to_string();
            let cells: Vec<Access> = parts
                .map(|c| match c {
                    "F" => Access::Full,
                    "E" => Access::Edit,
                    "R" => Access::Read,
                    "-" => Access::None,
                    other => panic!("{name}: bad cell '{other}' in row {id}"),
                })
                .collect();
            assert_eq!(
                cells.len(),
                users.len(),
                "{name}: row {id} has the wrong width"
            );
            (id, cells)
        })
        .collect();
    Expected { users, rows }
}
