//! Importers from a CRM's own export into a scenario. `salesforce` reads the Metadata API's XML
//! (an SFDX source folder or a retrieved package) handed over as (path, bytes) pairs, so the
//! parsing core never touches a file system and runs in the browser as well as in the CLI.

mod data;
mod files;
mod objects;
mod people;
mod perms;
mod report;
mod rows;
mod sharing;
mod xml;
mod zipped;

use std::collections::{BTreeMap, BTreeSet};

use crate::engine::scenario::{ApiName, ObjectKind, Scenario, FORMAT_VERSION};

pub use files::Kind;
pub(crate) use people::is_portal_role;
pub(crate) use perms::STANDARD_PROFILES;
pub use report::{Item, Report, TypeReport, Unknown};
pub use zipped::{unzip, MAX_UNPACKED};

/// One file of the export: its path inside the folder or zip (either separator) and contents.
pub type SourceFile = (String, Vec<u8>);

/// A file that could not be read at all: which, where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    /// 1-based line and column, when the problem has a place in the file.
    pub line: Option<(u32, u32)>,
    pub message: String,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some((l, c)) => write!(f, "{}:{l}:{c}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// What an import gives: a scenario the engine has validated, and what happened to each piece
/// of metadata found.
#[derive(Debug, Clone)]
pub struct Imported {
    pub scenario: Scenario,
    pub report: Report,
}

/// Import a Salesforce org's sharing design from its metadata files. Every malformed file is
/// an error (with its line); anything well-formed but not expressible is skipped and reported.
pub fn import_salesforce(files: &[SourceFile]) -> Result<Imported, Vec<ImportError>> {
    let mut report = Report::default();
    let sources = files::classify(files, &mut report);
    let mut errors = Vec::new();
    let mut texts = Vec::new();
    for s in sources {
        match files::text_of(&s.path, s.bytes) {
            Ok(t) => texts.push((s, t)),
            Err(e) => errors.push(e),
        }
    }
    let mut docs = Vec::new();
    let mut data_rows = Vec::new();
    for (s, text) in &texts {
        let rows = match s.kind {
            Kind::DataCsv => rows::from_csv(&s.path, &s.name, text).map(Some),
            Kind::DataTree => rows::from_tree(&s.path, text),
            _ => Ok(None),
        };
        match rows {
            Ok(Some(r)) => data_rows.extend(r),
            Ok(None) if s.kind == Kind::DataTree => {
                *report
                    .other_files
                    .entry("json files that aren't tree exports".into())
                    .or_default() += 1;
            }
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
        if matches!(s.kind, Kind::DataCsv | Kind::DataTree) {
            continue;
        }
        match xml::parse(&s.path, text) {
            Ok(doc) => docs.push(xml::Doc {
                file: s.path.clone(),
                kind: s.kind,
                name: s.name.clone(),
                object: s.object.clone(),
                doc,
            }),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut cx = Cx {
        scenario: Scenario {
            version: FORMAT_VERSION,
            name: "Imported Salesforce org".into(),
            description: "Imported from Salesforce metadata by `access-sim import salesforce`: the sharing design, with no users or records.".into(),
            ..Scenario::default()
        },
        report,
        ..Cx::default()
    };
    let of = |k: Kind| docs.iter().filter(move |d| d.kind == k);
    objects::settings(&mut cx, of(Kind::SharingSettings));
    objects::objects(&mut cx, of(Kind::Object), of(Kind::Field));
    people::roles(&mut cx, of(Kind::Role));
    people::groups(&mut cx, of(Kind::Group));
    people::queues(&mut cx, of(Kind::Queue));
    perms::permissions(&mut cx, of(Kind::Profile), of(Kind::PermissionSet));
    sharing::rules(&mut cx, of(Kind::SharingRules));
    sharing::sharing_sets(&mut cx, of(Kind::SharingSet));
    data::data(&mut cx, &data_rows);
    if !cx.scenario.users.is_empty() {
        cx.scenario.description =
            "Imported from Salesforce metadata and record data by `access-sim import salesforce`."
                .into();
    }
    let text = serde_json::to_string(&cx.scenario).unwrap_or_default();
    if let Err(e) = crate::engine::load(&text) {
        // A gap in the importer, never the org's fault: say so rather than write a bad file.
        return Err(e
            .problems()
            .into_iter()
            .map(|p| ImportError {
                file: "(imported scenario)".into(),
                line: None,
                message: format!(
                    "the importer produced an invalid scenario (please report this): {p}"
                ),
            })
            .collect());
    }
    Ok(Imported {
        scenario: cx.scenario,
        report: cx.report,
    })
}

/// What the importers share while they build the scenario: the ids given so far (unique across
/// the scenario, as the format requires) and the Salesforce names each kind answers to.
#[derive(Default)]
pub(crate) struct Cx {
    pub scenario: Scenario,
    pub report: Report,
    taken: BTreeSet<String>,
    /// Salesforce developer name -> scenario id, per kind ("role", "group", "profile" ...).
    names: BTreeMap<(&'static str, String), String>,
    /// Portal roles found in the role metadata (Salesforce makes them per account).
    pub portal_roles: BTreeSet<String>,
    /// Custom objects declared in the scenario, and which of them are detail objects.
    pub customs: BTreeSet<ApiName>,
    pub details: BTreeSet<ApiName>,
    /// Every object with an external default (`enableExternalSharingModel` false drops them).
    pub external_model: Option<bool>,
}

impl Cx {
    /// A new id for `name` of `kind`: the Salesforce name itself, or with the kind appended when
    /// another kind already holds it (a role and a group may share a developer name).
    pub fn id_for(&mut self, kind: &'static str, name: &str) -> String {
        let mut id = name.to_string();
        if self.taken.contains(&id) {
            id = format!("{name}_{kind}");
            let mut n = 2;
            while self.taken.contains(&id) {
                id = format!("{name}_{kind}{n}");
                n += 1;
            }
        }
        self.taken.insert(id.clone());
        self.names.insert((kind, name.to_lowercase()), id.clone());
        id
    }

    /// The scenario id of a Salesforce name of `kind` (names are case-insensitive there).
    pub fn id_of(&self, kind: &'static str, name: &str) -> Option<String> {
        self.names.get(&(kind, name.to_lowercase())).cloned()
    }

    /// Another name the same entry answers to (a profile's Setup name beside its file name).
    pub fn alias(&mut self, kind: &'static str, name: &str, id: &str) {
        self.names
            .entry((kind, name.to_lowercase()))
            .or_insert_with(|| id.to_string());
    }

    pub fn has(&self, kind: &'static str, name: &str) -> bool {
        self.names.contains_key(&(kind, name.to_lowercase()))
    }
}

/// The engine's object for a Salesforce object API name, if it models that object: the six
/// standard ones, and custom objects declared by this import.
pub(crate) fn object_kind(cx: &Cx, sf: &str) -> Option<ObjectKind> {
    standard_object(sf).or_else(|| {
        ApiName::new(sf)
            .ok()
            .filter(|n| cx.customs.contains(n))
            .map(ObjectKind::Custom)
    })
}

/// The standard objects the engine models, by their Salesforce API name.
pub(crate) fn standard_object(sf: &str) -> Option<ObjectKind> {
    Some(match sf.to_ascii_lowercase().as_str() {
        "account" => ObjectKind::Account,
        "contact" => ObjectKind::Contact,
        "case" => ObjectKind::Case,
        "opportunity" => ObjectKind::Opportunity,
        "lead" => ObjectKind::Lead,
        "asset" => ObjectKind::Asset,
        _ => return None,
    })
}
