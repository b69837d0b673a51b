//! The engine's shape, checked from its source: dependencies between its top-level modules
//! point one way, layer by layer (model -> index -> check -> sets -> mechanisms -> evaluation
//! -> incremental -> facade), there is no import cycle, and no engine file is over 800 lines.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level engine module and its layer; a module may use its own layer and those below.
const LAYERS: &[(&str, &[&str])] = &[
    ("model", &["scenario", "level", "text"]),
    ("index", &["index"]),
    ("check", &["validate"]),
    ("sets", &["bits", "sets"]),
    ("mechanisms", &["mechanisms"]),
    ("evaluation", &["evaluate", "packed", "fast", "matrix"]),
    (
        "incremental",
        &["diff", "edits", "patch", "reach", "session", "undo"],
    ),
    (
        "facade",
        &[
            "explain",
            "queries",
            "actions",
            "references",
            "role_tree",
            "matrix_out",
            "config_rights",
            "expectations",
            "lint",
        ],
    ),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, mods)| mods.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to ("mechanisms" for mechanisms/owner.rs), and how many
/// `super::` steps lead from it to the engine root.
fn module_of(root: &Path, file: &Path) -> (String, usize) {
    let rel: Vec<String> = file
        .strip_prefix(root)
        .unwrap()
        .iter()
        .map(|c| c.to_string_lossy().into_owned())
        .collect();
    let top = rel[0].trim_end_matches(".rs").to_string();
    // engine/x.rs and engine/x/mod.rs: one step; engine/x/y.rs: two; engine/x/y/z.rs: three.
    let depth = match rel.len() {
        1 => 1,
        n if rel[n - 1] == "mod.rs" => n - 1,
        n => n,
    };
    (top, depth)
}

/// The engine modules a source text names: `crate::engine::x`, and `super::` chains that
/// climb to the engine root (`depth` steps), in `use` items (braces expanded) and in code.
fn referenced(text: &str, depth: usize) -> BTreeSet<String> {
    let code: String = text
        .lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = BTreeSet::new();
    let climb = "super::".repeat(depth);
    for prefix in ["crate::engine::".to_string(), climb] {
        let mut from = 0;
        while let Some(found) = code[from..].find(&prefix) {
            let at = from + found;
            from = at + prefix.len();
            // A longer chain (`super::super::x` seen with one step) is not this prefix's.
            let word_before = code[..at].ends_with("super::") || code[..at].ends_with("::");
            if prefix.starts_with("super") && word_before {
                continue;
            }
            let rest = &code[from..];
            if rest.starts_with("super::") {
                continue;
            }
            if let Some(group) = rest.strip_prefix('{') {
                // The names at the group's top level, up to its matching brace.
                let (mut level, mut item) = (0, String::new());
                for c in group.chars() {
                    match c {
                        '{' => level += 1,
                        '}' if level == 0 => {
                            take(&mut item, &mut out);
                            break;
                        }
                        '}' => level -= 1,
                        ',' if level == 0 => take(&mut item, &mut out),
                        _ if level == 0 => item.push(c),
                        _ => {}
                    }
                }
            } else {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                out.insert(name);
            }
        }
    }
    out.retain(|m| layer_of(m).is_some());
    out
}

fn take(item: &mut String, out: &mut BTreeSet<String>) {
    let name = item.trim().split("::").next().unwrap_or("").to_string();
    out.insert(name);
    item.clear();
}

/// Which engine modules each one uses, and every engine file with its line count.
type Graph = (BTreeMap<String, BTreeSet<String>>, Vec<(PathBuf, usize)>);

fn graph() -> Graph {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut sizes = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        sizes.push((file.clone(), text.lines().count()));
        let (module, depth) = module_of(&root, &file);
        if module == "mod" {
            continue; // the facade itself re-exports from every layer
        }
        let uses = referenced(&text, depth);
        edges
            .entry(module.clone())
            .or_default()
            .extend(uses.into_iter().filter(|m| *m != module));
    }
    (edges, sizes)
}

#[test]
fn every_engine_module_has_a_layer() {
    let (edges, _) = graph();
    for module in edges.keys() {
        assert!(
            layer_of(module).is_some(),
            "src/engine/{module} is in no layer of tests/architecture.rs"
        );
    }
}

#[test]
fn dependencies_point_down_the_layers() {
    let (edges, _) = graph();
    let mut wrong = Vec::new();
    for (from, tos) in &edges {
        for to in tos {
            if layer_of(to) > layer_of(from) {
                wrong.push(format!(
                    "{from} ({}) uses {to} ({})",
                    LAYERS[layer_of(from).unwrap()].0,
                    LAYERS[layer_of(to).unwrap()].0
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "upward dependencies:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_import_cycle_among_engine_modules() {
    let (edges, _) = graph();
    // Depth-first search for a back edge; report the cycle it closes.
    fn visit(
        m: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(m.to_string(), 1);
        path.push(m.to_string());
        for next in edges.get(m).into_iter().flatten() {
            match state.get(next.as_str()).copied().unwrap_or(0) {
                0 => {
                    if let Some(c) = visit(next, edges, state, path) {
                        return Some(c);
                    }
                }
                1 => {
                    let at = path.iter().position(|p| p == next).unwrap();
                    let mut cycle = path[at..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                _ => {}
            }
        }
        path.pop();
        state.insert(m.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for m in edges.keys() {
        if state.get(m.as_str()).copied().unwrap_or(0) == 0 {
            if let Some(cycle) = visit(m, &edges, &mut state, &mut Vec::new()) {
                panic!("import cycle: {}", cycle.join(" -> "));
            }
        }
    }
}

#[test]
fn no_engine_file_is_over_800_lines() {
    let (_, sizes) = graph();
    let long: Vec<String> = sizes
        .iter()
        .filter(|(_, n)| *n > 800)
        .map(|(f, n)| format!("{} ({n} lines)", f.display()))
        .collect();
    assert!(long.is_empty(), "files over 800 lines: {}", long.join(", "));
}

#[test]
fn the_checker_sees_imports_in_every_form() {
    let text = "use super::{bits::Planes, index::{Index, UserIx}};\nuse crate::engine::level::Access;\nfn f() { super::super::reach::x(); super::mechanisms::y(); } // super::fast";
    let one: Vec<String> = referenced(text, 1).into_iter().collect();
    assert_eq!(one, ["bits", "index", "level", "mechanisms"]);
    let two: Vec<String> = referenced(text, 2).into_iter().collect();
    assert_eq!(two, ["level", "reach"]);
}
