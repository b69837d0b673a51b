//! The one place where a scenario is checked: parsing with JSON paths, then every rule a file
//! must meet (ids, references, cycles, org-wide default constraints), one file per part of the
//! scenario. It either builds the `Index` or returns all the errors found, each naming its path
//! and the id at fault.

mod custom;
mod customer;
mod expectations;
mod finish;
mod ids;
mod people;
mod records;
mod sharing;

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use thiserror::Error;

use super::index::*;
use super::scenario::*;

pub(crate) use ids::check_id;
pub(crate) use people::high_volume_message;
use people::parent_cycles;
use records::{raw_records, Loc};
pub(crate) use sharing::{
    account_access_problem, account_team_entry, case_team_entry, opportunity_team_entry,
    org_default_problems, share_entry,
};
pub use sharing::{mapping_targets, mapping_targets_in, mapping_user_field};

/// Scenarios larger than this are refused before parsing, so a pasted or linked file cannot
/// exhaust the browser's memory. The default of `input_limit`; the CLI raises it with
/// `--max-input-mb` (docs/scenario-format.md).
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// The input limit in force (bytes): `MAX_INPUT_BYTES` unless `set_input_limit` changed it.
static INPUT_LIMIT: std::sync::atomic::AtomicUsize =
    std::sync::atomic::AtomicUsize::new(MAX_INPUT_BYTES);

/// The largest scenario text `parse` accepts, in bytes.
pub fn input_limit() -> usize {
    INPUT_LIMIT.load(std::sync::atomic::Ordering::Relaxed)
}

/// Change the input limit for this process (a 10,000-user x 1,000,000-case org is ~104 MB).
pub fn set_input_limit(bytes: usize) {
    INPUT_LIMIT.store(bytes, std::sync::atomic::Ordering::Relaxed);
}
/// Longest id, and longest name, a scenario may use (characters).
pub const MAX_ID_CHARS: usize = 200;
pub const MAX_NAME_CHARS: usize = 1_000;
/// Most users a scenario may have (the L benchmark tier has 2,000).
pub const MAX_USERS: usize = 100_000;

/// One broken rule: where (`cases[2].owner`) and what, naming the id involved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Why a scenario could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LoadError {
    #[error("{path}: {message}")]
    Syntax { path: String, message: String },
    #[error("{}", join_problems(.0))]
    Invalid(Vec<Problem>),
}

impl LoadError {
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            LoadError::Syntax { path, message } => vec![Problem {
                path: path.clone(),
                message: message.clone(),
            }],
            LoadError::Invalid(p) => p.clone(),
        }
    }
}

fn join_problems(p: &[Problem]) -> String {
    p.iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Parse scenario JSON, reporting the path of the first value of the wrong shape.
pub fn parse(text: &str) -> Result<Scenario, LoadError> {
    let limit = input_limit();
    if text.len() > limit {
        return Err(LoadError::Syntax {
            path: "$".into(),
            message: format!(
                "the scenario is {} bytes; the limit is {} bytes (the input limit can be raised: access-sim --max-input-mb N)",
                text.len(),
                limit
            ),
        });
    }
    // Editors on Windows may save a byte-order mark; it is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // One spelling per character, so ids and names that look the same are the same.
    let text = &*super::text::nfc(text);
    // serde reads a JSON array as a struct by position, which gives baffling messages.
    if !text.trim_start().starts_with('{') {
        return Err(LoadError::Syntax {
            path: "$".into(),
            message: if text.trim().is_empty() {
                "the file is empty (EOF); a scenario is a JSON object".into()
            } else {
                "a scenario is a JSON object ({ \"version\": 1, ... })".into()
            },
        });
    }
    from_json(text)
}

fn json_path(p: &str) -> String {
    if p == "." || p.is_empty() {
        "$".into()
    } else {
        p.to_string()
    }
}

/// Read any input type from JSON text, reporting the path of the first value of the wrong
/// shape. Every input (scenarios, edits, actions) goes through this one deserializer, which
/// also keeps the wasm small: each type's parser is instantiated once.
pub fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, LoadError> {
    // Tracking the path of every value costs as much as parsing does, and only a value of the
    // wrong shape needs it: a parse that fails is repeated with tracking to name the path.
    if let Ok(value) = serde_json::from_str(text) {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| LoadError::Syntax {
        path: json_path(&e.path().to_string()),
        message: e.inner().to_string(),
    })?;
    de.end().map_err(|e| LoadError::Syntax {
        path: "$".into(),
        message: e.to_string(),
    })?;
    Ok(value)
}

/// Parse and validate in one step.
pub fn load(text: &str) -> Result<Index, LoadError> {
    validate(parse(text)?)
}

/// Check every rule and build the index, or return every problem found.
pub fn validate(scenario: Scenario) -> Result<Index, LoadError> {
    let mut v = Validator::default();
    v.run(&scenario);
    if v.problems.is_empty() {
        Ok(v.finish(scenario))
    } else {
        Err(LoadError::Invalid(v.problems))
    }
}

/// What the checks have built so far; each part of the scenario adds its own (see the
/// submodules), and `finish` turns it into the `Index`.
#[derive(Default)]
pub(super) struct Validator {
    pub(super) problems: Vec<Problem>,
    pub(super) by_id: rustc_hash::FxHashMap<String, Entity>,
    /// Where each record is in the file, by index (records come from several lists).
    pub(super) record_locs: Vec<Loc>,
    pub(super) users: Vec<UserData>,
    pub(super) roles: Vec<RoleData>,
    pub(super) groups: Vec<GroupData>,
    pub(super) queues: Vec<QueueData>,
    pub(super) profiles: Vec<PermData>,
    pub(super) permission_sets: Vec<PermData>,
    pub(super) records: Vec<RecordData>,
    pub(super) rules: Vec<RuleData>,
    pub(super) manual_shares: Vec<ManualShareData>,
    pub(super) account_teams: Vec<AccountTeamData>,
    pub(super) opportunity_teams: Vec<RecordTeamData>,
    pub(super) case_teams: Vec<RecordTeamData>,
    /// Every object's defaults (the scenario's, and custom objects' from their declarations).
    pub(super) org_defaults: BTreeMap<ObjectKind, OrgDefault>,
    pub(super) expectations: Vec<ExpectationData>,
    pub(super) exercises: Vec<(String, Vec<ExpectationData>)>,
    /// The declared custom objects, before anything that names one is checked.
    pub(super) custom_objects: Vec<CustomObjectData>,
    /// The object of every record, known before records are built so lookups can check kinds.
    pub(super) record_kinds: Vec<ObjectKind>,
    pub(super) sharing_sets: Vec<SharingSetData>,
    pub(super) responsibilities: Vec<ResponsibilityData>,
    pub(super) party_configs: Vec<PartyConfigData>,
    pub(super) related_parties: Vec<RelatedPartyData>,
    pub(super) playbooks: Vec<PlaybookData>,
    /// Every user's internal role, resolved early: portal roles hang under account owners'.
    pub(super) scenario_user_roles: Vec<Option<RoleIx>>,
    /// Portal roles created so far: (account, portal role) -> role.
    pub(super) portal_roles: BTreeMap<(RecordIx, PortalRole), RoleIx>,
}

/// A field of an entry (`cases[3].owner`), written out only when a problem names it.
#[derive(Clone, Copy)]
pub(crate) struct Field<'a> {
    pub(crate) at: &'a dyn fmt::Display,
    pub(crate) field: &'a str,
}

impl fmt::Display for Field<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.at, self.field)
    }
}

/// What reference checks need: ids and record kinds. The validator answers from what it
/// has registered so far; `patch` answers from a finished index, so an edit to one entry is
/// checked with the same code and messages as a whole file.
pub(crate) trait Refs {
    fn entity(&self, id: &str) -> Option<Entity>;
    fn object_of(&self, r: RecordIx) -> Option<ObjectKind>;
    fn problem(&mut self, path: impl Into<String>, message: impl Into<String>);
    /// The org-wide defaults of an object (a custom object's from its declaration).
    fn org_default(&self, object: ObjectKind) -> OrgDefault;
    /// A custom detail object: no manual shares, sharing rules or queues.
    fn is_detail(&self, object: ObjectKind) -> bool;

    fn lookup(&mut self, path: &str, id: &str, want: &str) -> Option<Entity> {
        match self.entity(id) {
            Some(e) => Some(e),
            None => {
                self.problem(path, format!("no {want} has the id '{id}'"));
                None
            }
        }
    }

    /// `user_ref` for a reference that is nearly always fine: its path is written out (and
    /// the reference looked up again, for the same message) only when it is not.
    fn user_ref_at(&mut self, at: Field<'_>, id: &str) -> Option<UserIx> {
        match self.entity(id) {
            Some(Entity::User(u)) => Some(u),
            _ => self.user_ref(&at.to_string(), id),
        }
    }

    /// `record_ref`, writing the path out only for a problem (see `user_ref_at`).
    fn record_ref_at(&mut self, at: Field<'_>, id: &str, object: ObjectKind) -> Option<RecordIx> {
        match self.entity(id) {
            Some(Entity::Record(r)) if self.object_of(r) == Some(object) => Some(r),
            _ => self.record_ref(&at.to_string(), id, object),
        }
    }

    fn role_ref(&mut self, path: &str, id: &str) -> Option<RoleIx> {
        match self.lookup(path, id, "role")? {
            Entity::Role(r) => Some(r),
            other => self.wrong_kind(path, id, other, "a role"),
        }
    }

    fn user_ref(&mut self, path: &str, id: &str) -> Option<UserIx> {
        match self.lookup(path, id, "user")? {
            Entity::User(u) => Some(u),
            other => self.wrong_kind(path, id, other, "a user"),
        }
    }

    fn group_ref(&mut self, path: &str, id: &str) -> Option<GroupIx> {
        match self.lookup(path, id, "group")? {
            Entity::Group(g) => Some(g),
            other => self.wrong_kind(path, id, other, "a public group"),
        }
    }

    fn record_ref(&mut self, path: &str, id: &str, object: ObjectKind) -> Option<RecordIx> {
        let want = object.key();
        match self.lookup(path, id, want)? {
            Entity::Record(r) if self.object_of(r) == Some(object) => Some(r),
            other => {
                let article = if want.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an"
                } else {
                    "a"
                };
                self.wrong_kind(path, id, other, &format!("{article} {want}"))
            }
        }
    }

    fn wrong_kind<T>(&mut self, path: &str, id: &str, got: Entity, want: &str) -> Option<T> {
        let got = match got {
            Entity::User(_) => "a user".to_string(),
            Entity::Role(_) => "a role".to_string(),
            Entity::Group(_) => "a group".to_string(),
            Entity::Queue(_) => "a queue".to_string(),
            Entity::Profile(_) => "a profile".to_string(),
            Entity::PermissionSet(_) => "a permission set".to_string(),
            Entity::Record(r) => match self.object_of(r) {
                Some(o) => format!("a {}", o.key()),
                None => "a record".to_string(),
            },
            Entity::Rule(_) => "a sharing rule".to_string(),
            Entity::Share(_) => "a manual share".to_string(),
            Entity::SharingSet(_) => "a sharing set".to_string(),
            Entity::Responsibility(_) => "a responsibility".to_string(),
            Entity::PartyConfig(_) => "a related party configuration".to_string(),
            Entity::RelatedParty(_) => "a related party".to_string(),
            Entity::Playbook(_) => "a playbook".to_string(),
        };
        self.problem(path, format!("'{id}' is {got}, not {want}"));
        None
    }

    fn principal(&mut self, path: &str, p: &Principal) -> Option<PrincipalIx> {
        Some(match p {
            Principal::User(id) => PrincipalIx::User(self.user_ref(&format!("{path}.user"), id)?),
            Principal::Role(id) => PrincipalIx::Role(self.role_ref(&format!("{path}.role"), id)?),
            Principal::RoleAndSubordinates(id) => PrincipalIx::RoleAndSubordinates(
                self.role_ref(&format!("{path}.role_and_subordinates"), id)?,
            ),
            Principal::RoleAndInternalSubordinates(id) => PrincipalIx::RoleAndInternalSubordinates(
                self.role_ref(&format!("{path}.role_and_internal_subordinates"), id)?,
            ),
            Principal::Group(id) => {
                PrincipalIx::Group(self.group_ref(&format!("{path}.group"), id)?)
            }
        })
    }
}

impl Refs for Validator {
    fn entity(&self, id: &str) -> Option<Entity> {
        self.by_id.get(id).copied()
    }
    fn org_default(&self, object: ObjectKind) -> OrgDefault {
        default_of(&self.org_defaults, object)
    }
    fn is_detail(&self, object: ObjectKind) -> bool {
        Validator::is_detail(self, object)
    }
    fn object_of(&self, r: RecordIx) -> Option<ObjectKind> {
        self.record_kinds.get(r.ix()).copied()
    }
    fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.into(),
            message: message.into(),
        });
    }
}

impl Validator {
    fn run(&mut self, s: &Scenario) {
        if s.version != FORMAT_VERSION {
            self.problem(
                "version",
                format!(
                    "unsupported version {}; this build reads version {}",
                    s.version, FORMAT_VERSION
                ),
            );
        }
        if s.users.len() > MAX_USERS {
            self.problem(
                "users",
                format!("{} users; the limit is {MAX_USERS}", s.users.len()),
            );
            return;
        }
        self.build_custom_objects(s);
        self.org_defaults = s.org_defaults.clone();
        self.org_defaults.extend(
            s.custom_objects
                .iter()
                .map(|c| (ObjectKind::Custom(c.api_name), c.org_default())),
        );
        self.register_ids(s);
        self.check_org_defaults(&s.org_defaults);
        self.build_roles(s);
        self.build_perms(s);
        self.build_groups(s);
        self.build_queues(s);
        self.build_records(s);
        self.scenario_user_roles = s
            .users
            .iter()
            .map(|u| match u.role.as_ref().and_then(|r| self.by_id.get(r)) {
                Some(Entity::Role(r)) if u.kind == UserKind::Internal => Some(*r),
                _ => None,
            })
            .collect();
        self.build_users(s);
        self.build_rules(s);
        self.build_shares(s);
        self.build_teams(s);
        self.build_sharing_sets(s);
        self.build_customer_access(s);
        self.check_high_volume_users();
        self.build_playbooks(s);
        self.build_expectations(s);
    }
}
