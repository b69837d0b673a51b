//! Exporters from a scenario to a CRM's own format. `salesforce` writes the sharing design as
//! deployable SFDX source (`force-app/main/default/...`) in the formats `import::salesforce`
//! reads, as (path, bytes) pairs; whatever the metadata can't carry is reported, never dropped.

mod design;
mod perms;
mod write;
mod xml;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::engine::scenario::{ObjectKind, Scenario};
use crate::import::SourceFile;

pub use design::{closed, DesignPart};
pub use xml::{developer_name, escape, file_name};

/// Where an SFDX project keeps its metadata.
pub const SOURCE_ROOT: &str = "force-app/main/default/";

/// Something of the scenario that Salesforce metadata can't hold, left out of the files.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Loss {
    /// What kind of thing ("Group members", "Share group", "Profile config" ...).
    pub what: String,
    /// Which one: the entity's id.
    pub name: String,
    pub why: String,
}

/// An id that comes back different after a round trip, and what it becomes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Renamed {
    pub kind: String,
    pub id: String,
    pub to: String,
    pub why: String,
}

/// What the export did not write, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ExportReport {
    /// Design the metadata can't carry (group members, share groups, ServiceNow configuration ...).
    pub not_exported: Vec<Loss>,
    /// Ids that change: profiles are named by their name, ids that aren't developer names.
    pub renamed: Vec<Renamed>,
    /// Data and simulator-only parts (users, records, expectations ...), not design at all.
    pub left_out: Vec<String>,
}

impl ExportReport {
    /// The human summary: every loss, the renames counted, what was left out.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        for l in &self.not_exported {
            out.push_str(&format!(
                "not exported: {} of '{}': {}\n",
                l.what, l.name, l.why
            ));
        }
        if !self.renamed.is_empty() {
            out.push_str(&format!(
                "{} ids change on the way (see the report), e.g. {} '{}' -> '{}': {}\n",
                self.renamed.len(),
                self.renamed[0].kind,
                self.renamed[0].id,
                self.renamed[0].to,
                self.renamed[0].why
            ));
        }
        for l in &self.left_out {
            out.push_str(&format!("left out: {l}\n"));
        }
        out
    }
}

/// The files and the report.
#[derive(Debug, Clone)]
pub struct Exported {
    pub files: Vec<SourceFile>,
    pub report: ExportReport,
}

/// What the writers share: the scenario, the files so far, the report, and the Salesforce name
/// every entity is written under.
pub(crate) struct Cx<'s> {
    pub s: &'s Scenario,
    pub files: Vec<SourceFile>,
    pub report: ExportReport,
    /// Role id -> developer name.
    pub roles: BTreeMap<String, String>,
    /// Group and queue id -> developer name (queues are groups in Salesforce: one namespace).
    pub groups: BTreeMap<String, String>,
    pub permission_sets: BTreeMap<String, String>,
    pub sharing_sets: BTreeMap<String, String>,
    /// Profile id -> (file stem, the profile's Salesforce name).
    pub profiles: BTreeMap<String, (String, String)>,
}

impl Cx<'_> {
    pub fn file(&mut self, path: String, bytes: Vec<u8>) {
        self.files.push((format!("{SOURCE_ROOT}{path}"), bytes));
    }

    pub fn lose(&mut self, what: &str, name: &str, why: impl Into<String>) {
        self.report.not_exported.push(Loss {
            what: what.into(),
            name: name.into(),
            why: why.into(),
        });
    }

    fn rename(&mut self, kind: &str, id: &str, to: &str, why: impl Into<String>) {
        self.report.renamed.push(Renamed {
            kind: kind.into(),
            id: id.into(),
            to: to.into(),
            why: why.into(),
        });
    }

    /// A display text, reported when XML can't hold some of its characters.
    pub fn text<'t>(&mut self, what: &str, id: &str, t: &'t str) -> &'t str {
        if !t.chars().all(xml::xml_char) {
            self.lose(
                what,
                id,
                "control characters XML 1.0 can't hold are written as U+FFFD",
            );
        }
        t
    }

    /// Developer names for one namespace: the id itself when Salesforce accepts it, else a
    /// cleaned-up one (reported); unique without regard to case, as Salesforce wants.
    fn developer_names<'a>(
        &mut self,
        kind: &str,
        ids: impl Iterator<Item = (&'a str, &'a str)>,
    ) -> BTreeMap<String, String> {
        let mut taken = BTreeSet::new();
        let mut out = BTreeMap::new();
        for (id, label) in ids {
            let mut name = developer_name(id);
            let mut why = "not a developer name (letters, digits and single underscores, starting with a letter)";
            if kind == "Role" && crate::import::is_portal_role(&name, label) {
                name = developer_name(&format!("{name}_Role"));
                why = "its name and label look like a portal role's, which the importer leaves to the engine";
            }
            let base = name.clone();
            let mut n = 2;
            while !taken.insert(name.to_lowercase()) {
                name = developer_name(&format!("{base}_{n}"));
                why = "another one has the same developer name (Salesforce ignores case)";
                n += 1;
            }
            if name != id {
                self.rename(kind, id, &name, why);
            }
            out.insert(id.to_string(), name);
        }
        out
    }
}

/// The Salesforce API name of an object the metadata can hold (Salesforce's six standard
/// objects the engine models, and custom objects); None for ServiceNow and CustomerSuccessBox
/// objects.
pub(crate) fn sf_object(o: ObjectKind) -> Option<&'static str> {
    Some(match o {
        ObjectKind::Account => "Account",
        ObjectKind::Contact => "Contact",
        ObjectKind::Case => "Case",
        ObjectKind::Opportunity => "Opportunity",
        ObjectKind::Lead => "Lead",
        ObjectKind::Asset => "Asset",
        ObjectKind::Custom(c) => c.as_str(),
        ObjectKind::SoldProduct | ObjectKind::AccountChild => return None,
    })
}

/// Export the scenario's sharing design as SFDX source. Never fails: what can't be written is
/// in the report.
pub fn export_salesforce(s: &Scenario) -> Exported {
    let mut cx = Cx {
        s,
        files: Vec::new(),
        report: ExportReport::default(),
        roles: BTreeMap::new(),
        groups: BTreeMap::new(),
        permission_sets: BTreeMap::new(),
        sharing_sets: BTreeMap::new(),
        profiles: BTreeMap::new(),
    };
    cx.roles = cx.developer_names(
        "Role",
        s.roles.iter().map(|r| (r.id.as_str(), r.name.as_str())),
    );
    cx.groups = cx.developer_names(
        "Group or Queue",
        s.groups
            .iter()
            .map(|g| (g.id.as_str(), g.name.as_str()))
            .chain(s.queues.iter().map(|q| (q.id.as_str(), q.name.as_str()))),
    );
    cx.permission_sets = cx.developer_names(
        "PermissionSet",
        s.permission_sets
            .iter()
            .map(|p| (p.id.as_str(), p.name.as_str())),
    );
    cx.sharing_sets = cx.developer_names(
        "SharingSet",
        s.sharing_sets
            .iter()
            .map(|x| (x.id.as_str(), x.name.as_str())),
    );
    cx.profiles = perms::profile_names(&mut cx);
    write::roles(&mut cx);
    write::groups_and_queues(&mut cx);
    write::objects(&mut cx);
    write::criteria_fields(&mut cx);
    perms::permissions(&mut cx);
    write::rules(&mut cx);
    write::sharing_sets(&mut cx);
    write::not_design(&mut cx);
    write::project(&mut cx);
    cx.files.sort_by(|a, b| a.0.cmp(&b.0));
    Exported {
        files: cx.files,
        report: cx.report,
    }
}
