//! Record data as plain rows: Data Loader CSV (one file per object, named `Account.csv`) and
//! `sf data export tree` JSON (`{"records": [...]}` with nested children and `@Ref` lookups).

use std::collections::BTreeMap;

use serde_json::Value;

use super::ImportError;

/// One record: its object, the key other rows name it by (Salesforce Id, or the tree export's
/// referenceId), and its fields flattened (`Owner.Username` for a nested parent).
#[derive(Debug, Clone)]
pub struct Row {
    pub sobject: String,
    pub key: String,
    pub fields: BTreeMap<String, String>,
    pub file: String,
    pub line: u64,
}

impl Row {
    pub fn get(&self, field: &str) -> Option<&str> {
        self.fields
            .get(field)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// What a report calls the row: its name fields, else its key.
    pub fn label(&self) -> String {
        let first_last = || {
            let parts: Vec<&str> = ["FirstName", "LastName"]
                .iter()
                .filter_map(|f| self.get(f))
                .collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        };
        ["Name", "Username", "Subject", "DeveloperName", "CaseNumber"]
            .iter()
            .find_map(|f| self.get(f).map(str::to_string))
            .or_else(first_last)
            .unwrap_or_else(|| self.key.clone())
    }
}

/// The objects whose CSV files are read (by file name; custom objects by their `__c` name).
pub const SOBJECTS: [&str; 14] = [
    "User",
    "UserRole",
    "Profile",
    "Group",
    "GroupMember",
    "PermissionSet",
    "PermissionSetAssignment",
    "Account",
    "Contact",
    "Case",
    "Opportunity",
    "Lead",
    "Asset",
    "RecordType",
];

/// The object a CSV file name says it holds, spelled as Salesforce spells it.
pub fn sobject_of_csv(stem: &str) -> Option<String> {
    SOBJECTS
        .iter()
        .find(|s| s.eq_ignore_ascii_case(stem))
        .map(|s| s.to_string())
        .or_else(|| crate::engine::scenario::is_custom_name(stem).then(|| stem.to_string()))
}

pub fn from_csv(file: &str, sobject: &str, text: &str) -> Result<Vec<Row>, ImportError> {
    let mut r = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let err = |e: csv::Error| {
        let line = e.position().map(|p| (p.line() as u32, 1));
        ImportError {
            file: file.to_string(),
            line,
            message: format!("malformed CSV: {e}"),
        }
    };
    let header: Vec<String> = r
        .headers()
        .map_err(err)?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut out = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(err)?;
        let line = rec.position().map_or(0, |p| p.line());
        let fields: BTreeMap<String, String> = header
            .iter()
            .zip(rec.iter())
            .filter(|(_, v)| !v.is_empty())
            .map(|(h, v)| (h.clone(), v.to_string()))
            .collect();
        let key = fields
            .get("Id")
            .cloned()
            .unwrap_or_else(|| format!("{file}:{line}"));
        out.push(Row {
            sobject: sobject.to_string(),
            key,
            fields,
            file: file.to_string(),
            line,
        });
    }
    Ok(out)
}

/// Rows of a tree export, or `None` when the JSON is not one (a plan file, package.json ...).
pub fn from_tree(file: &str, text: &str) -> Result<Option<Vec<Row>>, ImportError> {
    let v: Value = serde_json::from_str(text).map_err(|e| ImportError {
        file: file.to_string(),
        line: Some((e.line() as u32, e.column() as u32)),
        message: format!("malformed JSON: {e}"),
    })?;
    let Some(records) = v.get("records").and_then(Value::as_array) else {
        return Ok(None);
    };
    let mut out = Vec::new();
    for r in records {
        tree_row(file, r, None, &mut out);
    }
    Ok(Some(out))
}

/// The lookup a nested child list sets on its children (`Account.Contacts` -> `AccountId`).
fn child_link(parent: &str, relationship: &str) -> String {
    match (parent, relationship) {
        ("Account", "ChildAccounts") => "ParentId".into(),
        (p, _) if p.ends_with("__c") => p.into(),
        (p, _) => format!("{p}Id"),
    }
}

fn tree_row(file: &str, v: &Value, parent: Option<(&str, &str, &str)>, out: &mut Vec<Row>) {
    let Some(obj) = v.as_object() else { return };
    let attrs = obj.get("attributes");
    let sobject = attrs
        .and_then(|a| a.get("type"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let reference = attrs
        .and_then(|a| a.get("referenceId"))
        .and_then(Value::as_str);
    let mut fields = BTreeMap::new();
    if let Some((ptype, rel, pkey)) = parent {
        fields.insert(child_link(ptype, rel), format!("@{pkey}"));
    }
    let mut children = Vec::new();
    for (k, x) in obj {
        if k == "attributes" {
            continue;
        }
        match x {
            Value::Object(o) if o.get("records").is_some_and(Value::is_array) => {
                children.push((k, x))
            }
            Value::Object(_) => flatten(k, x, &mut fields),
            Value::Null => {}
            Value::String(s) => {
                fields.insert(k.clone(), s.clone());
            }
            other => {
                fields.insert(k.clone(), other.to_string());
            }
        }
    }
    let key = reference
        .map(str::to_string)
        .or_else(|| fields.get("Id").cloned())
        .unwrap_or_else(|| format!("{file}#{}", out.len() + 1));
    out.push(Row {
        sobject: sobject.clone(),
        key: key.clone(),
        fields,
        file: file.to_string(),
        line: 0,
    });
    for (rel, list) in children {
        for c in list["records"].as_array().into_iter().flatten() {
            tree_row(file, c, Some((&sobject, rel, &key)), out);
        }
    }
}

/// A nested parent (`"Owner": {"Username": "x"}`) as `Owner.Username = x`.
fn flatten(prefix: &str, v: &Value, out: &mut BTreeMap<String, String>) {
    match v {
        Value::Object(o) => {
            for (k, x) in o.iter().filter(|(k, _)| *k != "attributes") {
                flatten(&format!("{prefix}.{k}"), x, out);
            }
        }
        Value::String(s) => {
            out.insert(prefix.to_string(), s.clone());
        }
        Value::Null => {}
        other => {
            out.insert(prefix.to_string(), other.to_string());
        }
    }
}
