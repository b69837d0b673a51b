//! Salesforce API names of custom objects and fields (`Loan_Application__c`), interned: each
//! distinct name is stored once for the whole process and handled as a small `Copy` value, so
//! a custom object is as cheap to pass around, compare and hash as a standard one.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// Most distinct names one process keeps (a real org has a few thousand objects and fields);
/// past it new names are refused, so hostile input can't grow memory without bound.
pub const MAX_NAMES: usize = 200_000;

/// Longest API name accepted (Salesforce allows 40 characters plus a namespace prefix).
pub const MAX_NAME_CHARS: usize = 80;

/// An interned API name ending in `__c`: one shared entry per distinct name, so equality and
/// hashing go by the entry's address and reading the name takes no lock.
#[derive(Clone, Copy)]
pub struct ApiName(&'static Interned);

struct Interned {
    name: &'static str,
    /// Derived from the name ("Loan Application").
    label: String,
}

fn names() -> &'static Mutex<HashMap<&'static str, &'static Interned>> {
    static NAMES: OnceLock<Mutex<HashMap<&'static str, &'static Interned>>> = OnceLock::new();
    NAMES.get_or_init(|| Mutex::new(HashMap::new()))
}

impl PartialEq for ApiName {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for ApiName {}

impl std::hash::Hash for ApiName {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        std::ptr::hash(self.0, state)
    }
}

/// Whether `text` is a custom API name: letters, digits and single underscores, starting with
/// a letter, ending in `__c`, optionally behind a namespace prefix (`acme__Invoice__c`).
pub fn is_custom_name(text: &str) -> bool {
    let Some(body) = text.strip_suffix("__c") else {
        return false;
    };
    let parts: Vec<&str> = body.split("__").collect();
    text.len() <= MAX_NAME_CHARS
        && parts.len() <= 2
        && parts.iter().all(|p| {
            p.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && !p.ends_with('_')
                && !p.contains("__")
                && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

impl ApiName {
    /// The interned name, or why `text` is not a custom API name.
    pub fn new(text: &str) -> Result<ApiName, String> {
        if !is_custom_name(text) {
            return Err(format!(
                "'{}' is not a custom API name (letters, digits and single underscores, ending in __c, like Invoice__c)",
                text.chars().take(MAX_NAME_CHARS).collect::<String>()
            ));
        }
        let mut n = names().lock().unwrap_or_else(|e| e.into_inner());
        if let Some(entry) = n.get(text) {
            return Ok(ApiName(entry));
        }
        if n.len() >= MAX_NAMES {
            return Err(format!(
                "too many distinct custom names in this session (more than {MAX_NAMES})"
            ));
        }
        let name: &'static str = Box::leak(text.to_string().into_boxed_str());
        let entry: &'static Interned = Box::leak(Box::new(Interned {
            name,
            label: derived_label(name),
        }));
        n.insert(name, entry);
        Ok(ApiName(entry))
    }

    pub fn as_str(self) -> &'static str {
        self.0.name
    }

    /// "Loan_Application__c" -> "Loan Application" (a declared label takes precedence where
    /// the scenario is at hand: `Index::object_label`).
    pub fn label(self) -> &'static str {
        &self.0.label
    }
}

fn derived_label(name: &str) -> String {
    let body = name.strip_suffix("__c").unwrap_or(name);
    let body = body.rsplit("__").next().unwrap_or(body);
    body.replace('_', " ")
}

impl PartialOrd for ApiName {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// By name, so maps keyed by names list them the same way in every process.
impl Ord for ApiName {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::fmt::Debug for ApiName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Display for ApiName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for ApiName {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for ApiName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        ApiName::new(&text).map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for ApiName {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ApiName".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A custom API name ending in __c (Invoice__c).",
            "pattern": "^([A-Za-z][A-Za-z0-9_]*__)?[A-Za-z][A-Za-z0-9_]*__c$",
            "maxLength": MAX_NAME_CHARS
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_names_follow_salesforce_rules() {
        for ok in [
            "Invoice__c",
            "Loan_Application__c",
            "acme__Invoice__c",
            "A1__c",
        ] {
            assert!(is_custom_name(ok), "{ok}");
        }
        for bad in [
            "Invoice",
            "Invoice__C",
            "__c",
            "_A__c",
            "A__B__C__c",
            "A___c",
            "Loan App__c",
            "1A__c",
        ] {
            assert!(!is_custom_name(bad), "{bad}");
        }
    }

    #[test]
    fn the_same_name_is_the_same_value_and_names_sort_by_text() {
        let a = ApiName::new("Zeta__c").unwrap();
        let b = ApiName::new("Alpha__c").unwrap();
        assert_eq!(a, ApiName::new("Zeta__c").unwrap());
        assert!(b < a);
        assert_eq!(
            ApiName::new("Loan_Application__c").unwrap().label(),
            "Loan Application"
        );
        assert_eq!(ApiName::new("acme__Invoice__c").unwrap().label(), "Invoice");
    }
}
