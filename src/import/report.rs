//! The import report: per metadata type, how many components were found and imported, and each
//! one skipped or imported only in part with the reason, so nothing is dropped silently.

use std::collections::BTreeMap;

use serde::Serialize;

/// One component and what happened to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub name: String,
    pub why: String,
}

/// An element the importer does not know (a newer API version, or a typo): reported, not fatal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unknown {
    pub file: String,
    pub line: u32,
    pub element: String,
}

/// One metadata type. `found == imported + skipped.len()` always: every component found is
/// either imported (maybe with parts left out, listed in `partial`) or skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TypeReport {
    pub found: usize,
    pub imported: usize,
    pub skipped: Vec<Item>,
    /// Imported components with something left out, and what.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub partial: Vec<Item>,
    /// What holds for every component of the type (group members aren't in the metadata ...).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unknown_elements: Vec<Unknown>,
    /// Known elements that have no bearing on record access (layouts, field permissions ...),
    /// counted by name.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub ignored_elements: BTreeMap<String, usize>,
}

/// The whole report, keyed by metadata type name (Role, Group, SharingRules ...).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub types: BTreeMap<String, TypeReport>,
    /// Files of metadata types that carry no sharing design (classes, layouts ...), counted
    /// by folder.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub other_files: BTreeMap<String, usize>,
    /// Components read but counted under no type (objects without a sharing model ...).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ignored: Vec<Item>,
}

impl Report {
    pub fn of(&mut self, ty: &str) -> &mut TypeReport {
        self.types.entry(ty.to_string()).or_default()
    }

    pub fn imported(&mut self, ty: &str) {
        let t = self.of(ty);
        t.found += 1;
        t.imported += 1;
    }

    pub fn skipped(&mut self, ty: &str, name: &str, why: impl Into<String>) {
        let t = self.of(ty);
        t.found += 1;
        t.skipped.push(Item {
            name: name.to_string(),
            why: why.into(),
        });
    }

    /// Something of an imported component left out (call `imported` for the component too).
    pub fn partial(&mut self, ty: &str, name: &str, why: impl Into<String>) {
        self.of(ty).partial.push(Item {
            name: name.to_string(),
            why: why.into(),
        });
    }

    /// The short human summary: one line per type, then the totals of what needs a look.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        for (ty, t) in &self.types {
            out.push_str(&format!(
                "{ty}: {} found, {} imported, {} skipped",
                t.found,
                t.imported,
                t.skipped.len()
            ));
            if !t.partial.is_empty() {
                out.push_str(&format!(", {} in part", t.partial.len()));
            }
            if !t.unknown_elements.is_empty() {
                out.push_str(&format!(", {} unknown elements", t.unknown_elements.len()));
            }
            out.push('\n');
            for s in t.skipped.iter().take(3) {
                out.push_str(&format!("  skipped {}: {}\n", s.name, s.why));
            }
            if t.skipped.len() > 3 {
                out.push_str(&format!(
                    "  ... and {} more (see the report)\n",
                    t.skipped.len() - 3
                ));
            }
        }
        let other: usize = self.other_files.values().sum();
        if other > 0 {
            out.push_str(&format!(
                "{other} files of other metadata types left aside (no sharing design in them)\n"
            ));
        }
        out
    }
}
