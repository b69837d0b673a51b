//! The one place where a scenario is checked: parsing with JSON paths, then every rule a file
//! must meet (ids, references, cycles, org-wide default constraints). It either builds the
//! `Index` or returns all the errors found, each naming its path and the id at fault.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::Serialize;
use thiserror::Error;

use super::index::*;
use super::level::{ChildAccess, ShareAccess};
use super::scenario::*;

/// Scenarios larger than this are refused before parsing, so a pasted or linked file cannot
/// exhaust the browser's memory.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;
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
    if text.len() > MAX_INPUT_BYTES {
        return Err(LoadError::Syntax {
            path: "$".into(),
            message: format!(
                "the scenario is {} bytes; the limit is {} bytes",
                text.len(),
                MAX_INPUT_BYTES
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

#[derive(Default)]
struct Validator {
    problems: Vec<Problem>,
    by_id: HashMap<String, Entity>,
    first_path: HashMap<String, String>,
    users: Vec<UserData>,
    roles: Vec<RoleData>,
    groups: Vec<GroupData>,
    queues: Vec<QueueData>,
    profiles: Vec<PermData>,
    permission_sets: Vec<PermData>,
    records: Vec<RecordData>,
    rules: Vec<RuleData>,
    manual_shares: Vec<ManualShareData>,
    account_teams: Vec<AccountTeamData>,
    opportunity_teams: Vec<RecordTeamData>,
    case_teams: Vec<RecordTeamData>,
    /// The object of every record, known before records are built so lookups can check kinds.
    record_kinds: Vec<ObjectKind>,
    sharing_sets: Vec<SharingSetData>,
    responsibilities: Vec<ResponsibilityData>,
    party_configs: Vec<PartyConfigData>,
    related_parties: Vec<RelatedPartyData>,
    playbooks: Vec<PlaybookData>,
    /// Every user's internal role, resolved early: portal roles hang under account owners'.
    scenario_user_roles: Vec<Option<RoleIx>>,
    /// Portal roles created so far: (account, portal role) -> role.
    portal_roles: BTreeMap<(RecordIx, PortalRole), RoleIx>,
}

/// What reference checks need: ids and record kinds. The validator answers from what it
/// has registered so far; `patch` answers from a finished index, so an edit to one entry is
/// checked with the same code and messages as a whole file.
pub(crate) trait Refs {
    fn entity(&self, id: &str) -> Option<Entity>;
    fn object_of(&self, r: RecordIx) -> Option<ObjectKind>;
    fn problem(&mut self, path: impl Into<String>, message: impl Into<String>);

    fn lookup(&mut self, path: &str, id: &str, want: &str) -> Option<Entity> {
        match self.entity(id) {
            Some(e) => Some(e),
            None => {
                self.problem(path, format!("no {want} has the id '{id}'"));
                None
            }
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
            other => self.wrong_kind(path, id, other, &format!("a {want}")),
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
    }

    fn build_playbooks(&mut self, s: &Scenario) {
        for (i, p) in s.playbooks.iter().enumerate() {
            let tasks = p
                .tasks
                .iter()
                .enumerate()
                .map(|(j, t)| {
                    let who = t.assignee.as_ref().and_then(|u| {
                        self.user_ref(&format!("playbooks[{i}].tasks[{j}].assignee"), u)
                    });
                    (t.name.clone(), who)
                })
                .collect();
            self.playbooks.push((p.name.clone(), tasks));
        }
    }

    /// Every id is unique across the whole scenario, so that a reference can name any entity
    /// without saying its kind, and the CLI's `--record` and `--user` are never ambiguous.
    fn register_ids(&mut self, s: &Scenario) {
        let add = |v: &mut Validator, path: String, id: &str, name: Option<&str>, e: Entity| {
            if !check_id(v, &path, id, name) {
                return;
            }
            if let Some(first) = v.first_path.get(id) {
                let msg = format!(
                    "duplicate id '{id}' (already used by {})",
                    first_entry(first)
                );
                v.problem(format!("{path}.id"), msg);
                return;
            }
            v.first_path.insert(id.to_string(), path);
            v.by_id.insert(id.to_string(), e);
        };
        macro_rules! reg {
            ($list:expr, $key:literal, $ctor:ident, $ixty:ident) => {
                for (i, x) in $list.iter().enumerate() {
                    add(
                        self,
                        format!("{}[{}]", $key, i),
                        &x.id,
                        Some(&x.name),
                        Entity::$ctor($ixty(i as u32)),
                    );
                }
            };
        }
        reg!(s.users, "users", User, UserIx);
        reg!(s.roles, "roles", Role, RoleIx);
        reg!(s.groups, "groups", Group, GroupIx);
        reg!(s.queues, "queues", Queue, QueueIx);
        reg!(s.profiles, "profiles", Profile, ProfileIx);
        reg!(
            s.permission_sets,
            "permission_sets",
            PermissionSet,
            PermSetIx
        );
        for (n, rec) in raw_records(s).into_iter().enumerate() {
            add(
                self,
                rec.path,
                rec.id,
                Some(rec.name),
                Entity::Record(RecordIx(n as u32)),
            );
            self.record_kinds.push(rec.object);
        }
        reg!(s.sharing_rules, "sharing_rules", Rule, RuleIx);
        reg!(s.sharing_sets, "sharing_sets", SharingSet, SetIx);
        for (i, x) in s.playbooks.iter().enumerate() {
            add(
                self,
                format!("playbooks[{i}]"),
                &x.id,
                Some(&x.name),
                Entity::Playbook(i),
            );
        }
        reg!(
            s.responsibilities,
            "responsibilities",
            Responsibility,
            RespIx
        );
        reg!(
            s.related_party_configs,
            "related_party_configs",
            PartyConfig,
            ConfigIx
        );
        for (i, x) in s.related_parties.iter().enumerate() {
            add(
                self,
                format!("related_parties[{i}]"),
                &x.id,
                None,
                Entity::RelatedParty(PartyIx(i as u32)),
            );
        }
        for (i, x) in s.manual_shares.iter().enumerate() {
            add(
                self,
                format!("manual_shares[{i}]"),
                &x.id,
                None,
                Entity::Share(ShareIx(i as u32)),
            );
        }
    }

    fn check_org_defaults(&mut self, defaults: &BTreeMap<ObjectKind, OrgDefault>) {
        for (object, owd) in defaults {
            let path = format!("org_defaults.{}", object.key());
            for (side, setting) in [("internal", owd.internal), ("external", owd.external())] {
                if setting == Sharing::ControlledByParent && !object.may_be_controlled_by_parent() {
                    self.problem(
                        format!("{path}.{side}"),
                        format!("{} can't be Controlled by Parent", object.label()),
                    );
                }
                if setting == Sharing::PublicReadWriteTransfer
                    && !object.supports_transfer_default()
                {
                    self.problem(
                        format!("{path}.{side}"),
                        format!(
                            "Public Read/Write/Transfer exists only for cases and leads, not {}",
                            object.label()
                        ),
                    );
                }
            }
            if *object == ObjectKind::AccountChild && owd.internal != Sharing::ControlledByParent {
                self.problem(
                    format!("{path}.internal"),
                    "account children always follow their account: only controlled_by_parent",
                );
            }
            let (int, ext) = (owd.internal, owd.external());
            let cbp = Sharing::ControlledByParent;
            if (int == cbp) != (ext == cbp) {
                self.problem(
                    format!("{path}.external"),
                    format!(
                        "{}: if either default is Controlled by Parent both must be",
                        object.label()
                    ),
                );
            } else if ext.baseline() > int.baseline() {
                self.problem(
                    format!("{path}.external"),
                    format!(
                        "{}: the external default ({}) can't be more open than the internal one ({})",
                        object.label(),
                        ext.label(),
                        int.label()
                    ),
                );
            }
        }
    }

    fn build_roles(&mut self, s: &Scenario) {
        let parents: Vec<Option<RoleIx>> = s
            .roles
            .iter()
            .enumerate()
            .map(|(i, r)| {
                r.parent
                    .as_ref()
                    .and_then(|p| self.role_ref(&format!("roles[{i}].parent"), p))
            })
            .collect();
        // Each cycle is reported once, and cut so that later walks up the tree end.
        let mut parents = parents;
        for cycle in parent_cycles(parents.len(), |i| parents[i].map(|p| p.ix())) {
            let first = *cycle.iter().min().unwrap_or(&0);
            let names: Vec<String> = cycle
                .iter()
                .take(5)
                .map(|c| format!("'{}'", s.roles[*c].id))
                .collect();
            let more = match cycle.len() {
                n if n > 5 => format!(" and {} more", n - 5),
                _ => String::new(),
            };
            self.problem(
                format!("roles[{first}].parent"),
                format!(
                    "role '{}' is in a cycle of parents ({} roles: {}{more})",
                    s.roles[first].id,
                    cycle.len(),
                    names.join(" -> ")
                ),
            );
            for c in cycle {
                parents[c] = None;
            }
        }
        for (i, r) in s.roles.iter().enumerate() {
            self.roles.push(RoleData {
                id: r.id.clone(),
                name: r.name.clone(),
                parent: parents[i],
                enter: 0,
                exit: 0,
                case_access_for_account_owner: r.case_access_for_account_owner,
                opportunity_access_for_account_owner: r.opportunity_access_for_account_owner,
                contact_access_for_account_owner: r.contact_access_for_account_owner,
                portal_account: None,
            });
        }
    }

    fn build_perms(&mut self, s: &Scenario) {
        self.profiles = s.profiles.iter().map(close_permissions).collect();
        self.permission_sets = s.permission_sets.iter().map(close_permissions).collect();
    }

    fn build_users(&mut self, s: &Scenario) {
        for (i, u) in s.users.iter().enumerate() {
            let path = format!("users[{i}]");
            let mut role = u
                .role
                .as_ref()
                .and_then(|r| self.role_ref(&format!("{path}.role"), r));
            let profile = match self.lookup(&format!("{path}.profile"), &u.profile, "profile") {
                Some(Entity::Profile(p)) => p,
                Some(other) => {
                    self.wrong_kind::<()>(
                        &format!("{path}.profile"),
                        &u.profile,
                        other,
                        "a profile",
                    );
                    ProfileIx(0)
                }
                None => ProfileIx(0),
            };
            let mut sets = Vec::new();
            for (j, id) in u.permission_sets.iter().enumerate() {
                let p = format!("{path}.permission_sets[{j}]");
                match self.lookup(&p, id, "permission set") {
                    Some(Entity::PermissionSet(x)) => sets.push(x),
                    Some(other) => {
                        self.wrong_kind::<()>(&p, id, other, "a permission set");
                    }
                    None => {}
                }
            }
            let contact = u
                .contact
                .as_ref()
                .and_then(|c| self.record_ref(&format!("{path}.contact"), c, ObjectKind::Contact));
            let account = contact.and_then(|c| self.records[c.ix()].account);
            let license = match u.kind {
                UserKind::Internal => {
                    for (field, set) in [
                        ("license", u.license.is_some()),
                        ("contact", u.contact.is_some()),
                        ("portal_role", u.portal_role.is_some()),
                        ("csm_roles", !u.csm_roles.is_empty()),
                    ] {
                        if set {
                            self.problem(
                                format!("{path}.{field}"),
                                format!(
                                    "'{}' is an internal user; only external users have a {field}",
                                    u.id
                                ),
                            );
                        }
                    }
                    None
                }
                UserKind::External => {
                    let license = u.license.unwrap_or(License::CustomerCommunity);
                    self.check_external_user(&path, u, license, contact, account, &mut role);
                    Some(license)
                }
            };
            self.users.push(UserData {
                id: u.id.clone(),
                name: u.name.clone(),
                kind: u.kind,
                active: u.active,
                role,
                profile,
                permission_sets: sets,
                license: license.filter(|_| u.kind == UserKind::External),
                contact,
                account,
                csm_roles: u.csm_roles.clone(),
            });
        }
    }

    /// Salesforce's rules for Experience Cloud users, and ServiceNow's for consumers. Partner
    /// and Customer Community Plus users get a portal role, created under the role of their
    /// account's owner (Executive > Manager > User, so at most three per account).
    fn check_external_user(
        &mut self,
        path: &str,
        u: &User,
        license: License,
        contact: Option<RecordIx>,
        account: Option<RecordIx>,
        role: &mut Option<RoleIx>,
    ) {
        if u.role.is_some() {
            let msg = if license.has_portal_role() {
                format!("'{}' is a {} user: their role is a portal role (set portal_role), not an internal role", u.id, license.label())
            } else {
                format!(
                    "'{}' is a {} user, and those have no role",
                    u.id,
                    license.label()
                )
            };
            self.problem(format!("{path}.role"), msg);
            *role = None;
        }
        if u.portal_role.is_some() && !license.has_portal_role() {
            self.problem(
                format!("{path}.portal_role"),
                format!("'{}' is a {} user, and only Customer Community Plus and Partner users have portal roles", u.id, license.label()),
            );
        }
        if license == License::Consumer {
            if u.contact.is_some() {
                self.problem(
                    format!("{path}.contact"),
                    format!(
                        "'{}' is a consumer, who is a person with no contact or account",
                        u.id
                    ),
                );
            }
        } else if u.contact.is_none() {
            self.problem(
                format!("{path}.contact"),
                format!(
                    "'{}' is a {} user and must be linked to a contact",
                    u.id,
                    license.label()
                ),
            );
        } else if contact.is_some() && account.is_none() {
            self.problem(
                format!("{path}.contact"),
                format!(
                    "'{}': the contact '{}' has no account, and portal users belong to an account",
                    u.id,
                    u.contact.clone().unwrap_or_default()
                ),
            );
        }
        for (j, r) in u.csm_roles.iter().enumerate() {
            if *r != CsmRole::Customer && account.is_none() {
                self.problem(format!("{path}.csm_roles[{j}]"), format!("'{}' has the {} role, which needs an account (link the user to a contact of one)", u.id, r.key()));
            }
        }
        if !license.has_portal_role() {
            return;
        }
        let Some(account) = account else { return };
        let owner_role = match self.records[account.ix()].owner {
            Owner::User(o) => self.owner_role(o),
            Owner::Queue(_) => None,
        };
        let Some(mut parent) = owner_role else {
            self.problem(
                format!("{path}.contact"),
                format!("'{}': the owner of account '{}' has no role; Salesforce requires one before enabling {} users", u.id, self.records[account.ix()].id, license.label()),
            );
            return;
        };
        let wanted = u.portal_role.unwrap_or(PortalRole::User);
        let kind = if license == License::Partner {
            "Partner"
        } else {
            "Customer"
        };
        for pr in PortalRole::ALL {
            let ix = match self.portal_roles.get(&(account, pr)) {
                Some(r) => *r,
                None => {
                    let r = RoleIx(self.roles.len() as u32);
                    let acc = &self.records[account.ix()];
                    self.roles.push(RoleData {
                        id: format!("{}/portal_{}", acc.id, pr.label().to_lowercase()),
                        name: format!("{} {kind} {}", acc.name, pr.label()),
                        parent: Some(parent),
                        enter: 0,
                        exit: 0,
                        case_access_for_account_owner: ChildAccess::None,
                        opportunity_access_for_account_owner: ChildAccess::None,
                        contact_access_for_account_owner: ChildAccess::None,
                        portal_account: Some(account),
                    });
                    self.portal_roles.insert((account, pr), r);
                    r
                }
            };
            parent = ix;
            if pr == wanted {
                *role = Some(ix);
                break;
            }
        }
    }

    /// The role of a user, read from the scenario before users are built.
    fn owner_role(&self, u: UserIx) -> Option<RoleIx> {
        self.scenario_user_roles.get(u.ix()).copied().flatten()
    }

    fn build_groups(&mut self, s: &Scenario) {
        for (i, g) in s.groups.iter().enumerate() {
            let members = g
                .members
                .iter()
                .enumerate()
                .filter_map(|(j, m)| self.principal(&format!("groups[{i}].members[{j}]"), m))
                .collect();
            self.groups.push(GroupData {
                id: g.id.clone(),
                name: g.name.clone(),
                members,
            });
        }
        // A group may not contain itself, directly or through other groups.
        let n = self.groups.len();
        let mut state = vec![0u8; n]; // 0 new, 1 on the stack, 2 done
        for start in 0..n {
            if state[start] != 0 {
                continue;
            }
            let mut stack = vec![(start, 0usize)];
            state[start] = 1;
            while let Some((g, next)) = stack.pop() {
                let members = &self.groups[g].members;
                let child = members[next..]
                    .iter()
                    .position(|m| matches!(m, PrincipalIx::Group(_)));
                match child {
                    Some(off) => {
                        let at = next + off;
                        stack.push((g, at + 1));
                        let PrincipalIx::Group(c) = members[at] else {
                            unreachable!()
                        };
                        match state[c.ix()] {
                            0 => {
                                state[c.ix()] = 1;
                                stack.push((c.ix(), 0));
                            }
                            1 => {
                                let msg = format!(
                                    "group '{}' contains group '{}', which contains it back (a cycle)",
                                    self.groups[g].id,
                                    self.groups[c.ix()].id
                                );
                                self.problem(format!("groups[{g}].members[{at}].group"), msg);
                            }
                            _ => {}
                        }
                    }
                    None => state[g] = 2,
                }
            }
        }
    }

    fn build_queues(&mut self, s: &Scenario) {
        for (i, q) in s.queues.iter().enumerate() {
            for o in &q.objects {
                if !o.supports_transfer_default() {
                    self.problem(
                        format!("queues[{i}].objects"),
                        format!(
                            "queue '{}' lists {}; only cases and leads can be owned by a queue",
                            q.id,
                            o.label()
                        ),
                    );
                }
            }
            let members = q
                .members
                .iter()
                .enumerate()
                .filter_map(|(j, m)| self.principal(&format!("queues[{i}].members[{j}]"), m))
                .collect();
            self.queues.push(QueueData {
                id: q.id.clone(),
                name: q.name.clone(),
                objects: q.objects.clone(),
                members,
                include_bosses: q.include_bosses,
            });
        }
    }

    fn build_records(&mut self, s: &Scenario) {
        for rec in raw_records(s) {
            let path = rec.path.clone();
            let owner = self.owner_ref(&format!("{path}.owner"), rec.owner, rec.object);
            let created_by = rec
                .created_by
                .and_then(|c| self.user_ref(&format!("{path}.created_by"), c));
            let account = rec.account.and_then(|a| {
                self.record_ref(
                    &format!("{path}.{}", rec.account_key),
                    a,
                    ObjectKind::Account,
                )
            });
            let contact = rec
                .contact
                .and_then(|c| self.record_ref(&format!("{path}.contact"), c, ObjectKind::Contact));
            let asset = rec
                .asset
                .and_then(|a| self.record_ref(&format!("{path}.asset"), a, ObjectKind::Asset));
            let sold_product = rec.sold_product.and_then(|a| {
                self.record_ref(&format!("{path}.sold_product"), a, ObjectKind::SoldProduct)
            });
            let success_manager = rec
                .success_manager
                .and_then(|u| self.user_ref(&format!("{path}.success_manager"), u));
            let partner = rec
                .partner
                .and_then(|a| self.record_ref(&format!("{path}.partner"), a, ObjectKind::Account));
            let consumer = rec.consumer.and_then(|c| {
                let p = format!("{path}.consumer");
                let u = self.user_ref(&p, c)?;
                let su = &s.users[u.ix()];
                if su.kind == UserKind::External && su.license == Some(License::Consumer) {
                    Some(u)
                } else {
                    self.problem(
                        p,
                        format!(
                            "'{c}' is not a consumer (an external user with the consumer license)"
                        ),
                    );
                    None
                }
            });
            self.records.push(RecordData {
                id: rec.id.to_string(),
                name: rec.name.to_string(),
                object: rec.object,
                owner: owner.unwrap_or(Owner::User(UserIx(0))),
                created_by,
                account,
                contact,
                asset,
                sold_product,
                consumer,
                partner,
                restrict_contact_access: rec.restrict_contact_access,
                success_manager,
                child_kind: rec.child_kind.map(String::from),
                fields: rec.fields.clone(),
            });
        }
        // Account hierarchies must be trees: each cycle is reported once, at its first account.
        let records = &self.records;
        let parent = |i: usize| {
            (records[i].object == ObjectKind::Account)
                .then_some(records[i].account)
                .flatten()
                .map(|p| p.ix())
        };
        for cycle in parent_cycles(records.len(), parent) {
            let first = *cycle.iter().min().unwrap_or(&0);
            let id = self.records[first].id.clone();
            let path = self.first_path.get(&id).cloned().unwrap_or_default();
            self.problems.push(Problem {
                path: format!("{path}.parent"),
                message: format!(
                    "account '{id}' is in a cycle of parent accounts ({} accounts)",
                    cycle.len()
                ),
            });
        }
    }

    fn owner_ref(&mut self, path: &str, id: &str, object: ObjectKind) -> Option<Owner> {
        match self.lookup(path, id, "user or queue")? {
            Entity::User(u) => Some(Owner::User(u)),
            Entity::Queue(q) => {
                if self.queues[q.ix()].objects.contains(&object) {
                    Some(Owner::Queue(q))
                } else {
                    self.problem(
                        path,
                        format!(
                            "queue '{id}' does not take {} records (add it to the queue's objects)",
                            object.label()
                        ),
                    );
                    None
                }
            }
            other => self.wrong_kind(path, id, other, "a user or queue"),
        }
    }

    fn build_rules(&mut self, s: &Scenario) {
        for (i, r) in s.sharing_rules.iter().enumerate() {
            let path = format!("sharing_rules[{i}]");
            let select = match &r.select {
                RuleSelector::OwnedBy(t) => self
                    .principal(&format!("{path}.select.owned_by"), &t.as_principal())
                    .map(SelectorIx::OwnedBy),
                RuleSelector::Criteria(c) => {
                    if c.is_empty() {
                        self.problem(
                            format!("{path}.select.criteria"),
                            format!("rule '{}' has no criteria", r.id),
                        );
                    }
                    for (j, crit) in c.iter().enumerate() {
                        if crit.field.trim().is_empty() {
                            self.problem(
                                format!("{path}.select.criteria[{j}].field"),
                                format!("criterion {} has no field name", j + 1),
                            );
                        }
                        if crit.equals.is_empty() {
                            self.problem(
                                format!("{path}.select.criteria[{j}].equals"),
                                format!(
                                    "criterion {} of rule '{}' lists no value to match",
                                    j + 1,
                                    r.id
                                ),
                            );
                        }
                    }
                    Some(SelectorIx::Criteria(
                        c.iter()
                            .map(|c| (c.field.clone(), c.equals.clone()))
                            .collect(),
                    ))
                }
            };
            let share_with =
                self.principal(&format!("{path}.share_with"), &r.share_with.as_principal());
            if let (Some(select), Some(share_with)) = (select, share_with) {
                self.rules.push(RuleData {
                    id: r.id.clone(),
                    name: r.name.clone(),
                    object: r.object,
                    select,
                    share_with,
                    access: r.access,
                });
            }
        }
    }

    fn build_shares(&mut self, s: &Scenario) {
        for (i, m) in s.manual_shares.iter().enumerate() {
            if let Some(data) = share_entry(self, &format!("manual_shares[{i}]"), m) {
                self.manual_shares.push(data);
            }
        }
    }

    fn build_teams(&mut self, s: &Scenario) {
        let mut seen = BTreeMap::new();
        for (i, t) in s.account_teams.iter().enumerate() {
            let path = format!("account_teams[{i}]");
            if let Some(data) = account_team_entry(self, &path, t) {
                let (account, user) = (data.account, data.user);
                if seen.insert((account, user), i).is_some() {
                    self.problem(
                        format!("{path}.user"),
                        format!(
                            "user '{}' is already on the team of account '{}'",
                            t.user, t.account
                        ),
                    );
                }
                self.account_teams.push(data);
            }
        }
        let mut seen = BTreeMap::new();
        for (i, t) in s.opportunity_teams.iter().enumerate() {
            let path = format!("opportunity_teams[{i}]");
            if let Some(data) = opportunity_team_entry(self, &path, t) {
                let (record, user) = (data.record, data.user);
                if seen.insert((record, user), i).is_some() {
                    self.problem(
                        format!("{path}.user"),
                        format!(
                            "user '{}' is already on the team of opportunity '{}'",
                            t.user, t.opportunity
                        ),
                    );
                }
                self.opportunity_teams.push(data);
            }
        }
        let mut seen = BTreeMap::new();
        for (i, t) in s.case_teams.iter().enumerate() {
            let path = format!("case_teams[{i}]");
            if let Some(data) = case_team_entry(self, &path, t) {
                let (record, user) = (data.record, data.user);
                if seen.insert((record, user), i).is_some() {
                    self.problem(
                        format!("{path}.user"),
                        format!(
                            "user '{}' is already on the team of case '{}'",
                            t.user, t.case_id
                        ),
                    );
                }
                self.case_teams.push(data);
            }
        }
    }

    fn build_sharing_sets(&mut self, s: &Scenario) {
        for (i, set) in s.sharing_sets.iter().enumerate() {
            let path = format!("sharing_sets[{i}]");
            let mut profiles = Vec::new();
            for (j, id) in set.profiles.iter().enumerate() {
                let p = format!("{path}.profiles[{j}]");
                match self.lookup(&p, id, "profile") {
                    Some(Entity::Profile(x)) => profiles.push(x),
                    Some(other) => {
                        self.wrong_kind::<()>(&p, id, other, "a profile");
                    }
                    None => {}
                }
            }
            if set.profiles.is_empty() {
                self.problem(
                    format!("{path}.profiles"),
                    format!("sharing set '{}' is assigned to no profile", set.id),
                );
            }
            let mut mappings = Vec::new();
            for (j, m) in set.mappings.iter().enumerate() {
                let p = format!("{path}.mappings[{j}]");
                match mapping_problem(m) {
                    Some(msg) => self.problem(format!("{p}.target"), msg),
                    None => mappings.push(MappingData {
                        object: m.object,
                        user_field: m.user_field,
                        target: m.target,
                        access: m.access,
                    }),
                }
            }
            let share_group = set.share_group.as_ref().map(|g| {
                let members = g
                    .members
                    .iter()
                    .enumerate()
                    .filter_map(|(j, m)| {
                        self.principal(&format!("{path}.share_group.members[{j}]"), m)
                    })
                    .collect();
                (members, g.access)
            });
            self.sharing_sets.push(SharingSetData {
                id: set.id.clone(),
                name: set.name.clone(),
                profiles,
                mappings,
                share_group,
            });
        }
    }

    fn resp_ref(&mut self, path: &str, id: &str) -> Option<RespIx> {
        match self.lookup(path, id, "responsibility")? {
            Entity::Responsibility(r) => Some(r),
            other => self.wrong_kind(path, id, other, "a responsibility"),
        }
    }

    /// ServiceNow customer access management: responsibilities, their access per table,
    /// relationship types and the related parties that use them.
    fn build_customer_access(&mut self, s: &Scenario) {
        let tables = [ObjectKind::Case, ObjectKind::SoldProduct];
        self.responsibilities = s
            .responsibilities
            .iter()
            .map(|r| ResponsibilityData {
                id: r.id.clone(),
                name: r.name.clone(),
                kind: r.kind,
                access: BTreeMap::new(),
            })
            .collect();
        for (i, a) in s.responsibility_access.iter().enumerate() {
            let path = format!("responsibility_access[{i}]");
            if !tables.contains(&a.table) {
                self.problem(
                    format!("{path}.table"),
                    format!(
                        "responsibilities give access to cases and sold products, not {}",
                        a.table.label()
                    ),
                );
                continue;
            }
            if let Some(r) = self.resp_ref(&format!("{path}.responsibility"), &a.responsibility) {
                if self.responsibilities[r.ix()]
                    .access
                    .insert(a.table, a.access)
                    .is_some()
                {
                    self.problem(
                        path,
                        format!(
                            "responsibility '{}' already has access on {}",
                            a.responsibility,
                            a.table.label()
                        ),
                    );
                }
            }
        }
        for (i, c) in s.related_party_configs.iter().enumerate() {
            let path = format!("related_party_configs[{i}]");
            if !tables.contains(&c.applies_to) {
                self.problem(
                    format!("{path}.applies_to"),
                    format!(
                        "related parties apply to cases and sold products, not {}",
                        c.applies_to.label()
                    ),
                );
            }
            let default_responsibility = c
                .default_responsibility
                .as_ref()
                .and_then(|r| self.resp_ref(&format!("{path}.default_responsibility"), r));
            self.party_configs.push(PartyConfigData {
                id: c.id.clone(),
                name: c.name.clone(),
                applies_to: c.applies_to,
                entity: c.entity,
                default_responsibility,
            });
        }
        for (i, p) in s.related_parties.iter().enumerate() {
            let path = format!("related_parties[{i}]");
            let config = match self.lookup(
                &format!("{path}.relationship"),
                &p.relationship,
                "related party configuration",
            ) {
                Some(Entity::PartyConfig(c)) => Some(c),
                Some(other) => self.wrong_kind(
                    &format!("{path}.relationship"),
                    &p.relationship,
                    other,
                    "a related party configuration",
                ),
                None => None,
            };
            let record = match self.lookup(&format!("{path}.record"), &p.record, "record") {
                Some(Entity::Record(r)) => Some(r),
                Some(other) => self.wrong_kind(
                    &format!("{path}.record"),
                    &p.record,
                    other,
                    "a case or sold product",
                ),
                None => None,
            };
            let party = self.party_ref(&format!("{path}.party"), &p.party);
            let over = p
                .responsibility
                .as_ref()
                .and_then(|r| self.resp_ref(&format!("{path}.responsibility"), r));
            let (Some(config), Some(record), Some(party)) = (config, record, party) else {
                continue;
            };
            let cfg = &self.party_configs[config.ix()];
            let object = self.records[record.ix()].object;
            if cfg.applies_to != object {
                let msg = format!(
                    "relationship '{}' applies to {} records, but '{}' is a {}",
                    cfg.id,
                    cfg.applies_to.key(),
                    p.record,
                    object.key()
                );
                self.problem(format!("{path}.record"), msg);
                continue;
            }
            if cfg.entity != p.party.kind() {
                let msg = format!(
                    "relationship '{}' is for {} parties, but the party is a {}",
                    cfg.id,
                    cfg.entity.key(),
                    p.party.kind().key()
                );
                self.problem(format!("{path}.party"), msg);
                continue;
            }
            self.related_parties.push(RelatedPartyData {
                id: p.id.clone(),
                record,
                party,
                config,
                override_responsibility: over,
            });
        }
    }

    fn party_ref(&mut self, path: &str, p: &PartyRef) -> Option<PartyIxRef> {
        Some(match p {
            PartyRef::User(id) => {
                let u = self.user_ref(&format!("{path}.user"), id)?;
                if self.users[u.ix()].kind != UserKind::Internal {
                    self.problem(
                        format!("{path}.user"),
                        format!(
                            "'{id}' is an external user; add them as a contact or consumer party"
                        ),
                    );
                    return None;
                }
                PartyIxRef::User(u)
            }
            PartyRef::Consumer(id) => {
                let u = self.user_ref(&format!("{path}.consumer"), id)?;
                if self.users[u.ix()].license != Some(License::Consumer) {
                    self.problem(
                        format!("{path}.consumer"),
                        format!(
                            "'{id}' is not a consumer (an external user with the consumer license)"
                        ),
                    );
                    return None;
                }
                PartyIxRef::User(u)
            }
            PartyRef::Contact(id) => PartyIxRef::Contact(self.record_ref(
                &format!("{path}.contact"),
                id,
                ObjectKind::Contact,
            )?),
            PartyRef::Account(id) => PartyIxRef::Account(self.record_ref(
                &format!("{path}.account"),
                id,
                ObjectKind::Account,
            )?),
        })
    }

    /// Salesforce: high-volume portal users have no roles and are not in public groups, queues,
    /// sharing rules, manual shares to users, or teams.
    fn check_high_volume_users(&mut self) {
        let hv = |v: &Validator, u: UserIx| v.users.get(u.ix()).is_some_and(|d| d.high_volume());
        let mut found = Vec::new();
        for (i, g) in self.groups.iter().enumerate() {
            for (j, m) in g.members.iter().enumerate() {
                if let PrincipalIx::User(u) = m {
                    if hv(self, *u) {
                        found.push((
                            format!("groups[{i}].members[{j}].user"),
                            *u,
                            "a public group",
                        ));
                    }
                }
            }
        }
        for (i, q) in self.queues.iter().enumerate() {
            for (j, m) in q.members.iter().enumerate() {
                if let PrincipalIx::User(u) = m {
                    if hv(self, *u) {
                        found.push((format!("queues[{i}].members[{j}].user"), *u, "a queue"));
                    }
                }
            }
        }
        for (i, m) in self.manual_shares.iter().enumerate() {
            if let PrincipalIx::User(u) = m.with {
                if hv(self, u) {
                    found.push((format!("manual_shares[{i}].with.user"), u, "a manual share"));
                }
            }
        }
        for (list, teams) in [
            ("opportunity_teams", &self.opportunity_teams),
            ("case_teams", &self.case_teams),
        ] {
            for (i, t) in teams.iter().enumerate() {
                if hv(self, t.user) {
                    found.push((format!("{list}[{i}].user"), t.user, "a team"));
                }
            }
        }
        for (i, t) in self.account_teams.iter().enumerate() {
            if hv(self, t.user) {
                found.push((format!("account_teams[{i}].user"), t.user, "a team"));
            }
        }
        for (path, u, what) in found {
            let msg = high_volume_message(&self.users[u.ix()], what);
            self.problem(path, msg);
        }
    }

    fn finish(mut self, scenario: Scenario) -> Index {
        close_role_tree(&mut self.roles);
        let n_records = self.records.len();
        let mut children = vec![Vec::new(); n_records];
        for (i, r) in self.records.iter().enumerate() {
            if r.object != ObjectKind::Account {
                if let Some(a) = r.account {
                    children[a.ix()].push(RecordIx(i as u32));
                }
            }
        }
        let mut role_users = vec![Vec::new(); self.roles.len()];
        for (i, u) in self.users.iter().enumerate() {
            if let Some(r) = u.role {
                role_users[r.ix()].push(UserIx(i as u32));
            }
        }
        let mut shares_by_record = vec![Vec::new(); n_records];
        for (i, m) in self.manual_shares.iter().enumerate() {
            shares_by_record[m.record.ix()].push(ShareIx(i as u32));
        }
        let mut account_team_by_account = vec![Vec::new(); n_records];
        for (i, t) in self.account_teams.iter().enumerate() {
            account_team_by_account[t.account.ix()].push(TeamIx(i as u32));
        }
        let by_record = |teams: &[RecordTeamData]| {
            let mut v = vec![Vec::new(); n_records];
            for (i, t) in teams.iter().enumerate() {
                v[t.record.ix()].push(TeamIx(i as u32));
            }
            v
        };
        let opportunity_team_by_record = by_record(&self.opportunity_teams);
        let case_team_by_record = by_record(&self.case_teams);
        let mut parties_by_record = vec![Vec::new(); n_records];
        for (i, p) in self.related_parties.iter().enumerate() {
            parties_by_record[p.record.ix()].push(PartyIx(i as u32));
        }
        let mut cases_by_product = vec![Vec::new(); n_records];
        for (i, r) in self.records.iter().enumerate() {
            if let Some(p) = r.sold_product {
                cases_by_product[p.ix()].push(RecordIx(i as u32));
            }
        }
        Index {
            org_defaults: scenario.org_defaults.clone(),
            scenario,
            users: self.users,
            roles: self.roles,
            groups: self.groups,
            queues: self.queues,
            profiles: self.profiles,
            permission_sets: self.permission_sets,
            records: self.records,
            rules: self.rules,
            manual_shares: self.manual_shares,
            account_teams: self.account_teams,
            opportunity_teams: self.opportunity_teams,
            case_teams: self.case_teams,
            sharing_sets: self.sharing_sets,
            responsibilities: self.responsibilities,
            party_configs: self.party_configs,
            related_parties: self.related_parties,
            parties_by_record,
            cases_by_product,
            playbooks: self.playbooks,
            by_id: self.by_id,
            children,
            role_users,
            shares_by_record,
            account_team_by_account,
            opportunity_team_by_record,
            case_team_by_record,
        }
    }
}

/// Salesforce's dependent permissions: ticking one ticks what it needs.
fn close_permissions(p: &Profile) -> PermData {
    use ObjectPermission::*;
    let objects = p
        .objects
        .iter()
        .map(|(o, set)| {
            let mut s = set.clone();
            if s.contains(&ModifyAll) {
                s.extend([ViewAll, Delete, Edit, Read]);
            }
            if s.contains(&ViewAll) || s.contains(&Create) {
                s.insert(Read);
            }
            if s.contains(&Delete) {
                s.extend([Edit, Read]);
            }
            if s.contains(&Edit) {
                s.insert(Read);
            }
            (*o, s)
        })
        .collect();
    let mut system = p.system.clone();
    if system.contains(&SystemPermission::ModifyAllData) {
        system.insert(SystemPermission::ViewAllData);
    }
    let mut config = p.config.clone();
    // The Settings panel holds Team Management and the Developer Console (CustomerSuccessBox).
    if config.contains(&ConfigArea::Settings) {
        config.extend([ConfigArea::TeamManagement, ConfigArea::DeveloperConsole]);
    }
    PermData {
        id: p.id.clone(),
        name: p.name.clone(),
        objects,
        system,
        creator_access: p.creator_access,
        assigned_account_access: p.assigned_account_access,
        config,
    }
}

fn plural(k: ObjectKind) -> &'static str {
    match k {
        ObjectKind::Account => "accounts",
        ObjectKind::Contact => "contacts",
        ObjectKind::Case => "cases",
        ObjectKind::Opportunity => "opportunities",
        ObjectKind::Lead => "leads",
        ObjectKind::Asset => "assets",
        ObjectKind::SoldProduct => "sold_products",
        ObjectKind::AccountChild => "account_children",
    }
}

/// A record of any object, borrowed from the scenario, in index order.
struct RawRecord<'a> {
    path: String,
    object: ObjectKind,
    id: &'a str,
    name: &'a str,
    owner: &'a str,
    created_by: Option<&'a str>,
    account: Option<&'a str>,
    account_key: &'static str,
    contact: Option<&'a str>,
    asset: Option<&'a str>,
    sold_product: Option<&'a str>,
    consumer: Option<&'a str>,
    success_manager: Option<&'a str>,
    child_kind: Option<&'a str>,
    partner: Option<&'a str>,
    restrict_contact_access: bool,
    fields: &'a Fields,
}

fn raw_records(s: &Scenario) -> Vec<RawRecord<'_>> {
    let mut out = Vec::new();
    macro_rules! base {
        ($kind:expr, $i:expr, $x:expr) => {
            RawRecord {
                path: format!("{}[{}]", plural($kind), $i),
                object: $kind,
                id: &$x.id,
                name: &$x.name,
                owner: &$x.owner,
                created_by: $x.created_by.as_deref(),
                account: None,
                account_key: "account",
                contact: None,
                asset: None,
                sold_product: None,
                consumer: None,
                success_manager: None,
                child_kind: None,
                partner: None,
                restrict_contact_access: false,
                fields: &$x.fields,
            }
        };
    }
    for (i, x) in s.accounts.iter().enumerate() {
        out.push(RawRecord {
            account: x.parent.as_deref(),
            account_key: "parent",
            partner: x.partner.as_deref(),
            restrict_contact_access: x.restrict_contact_access,
            success_manager: x.success_manager.as_deref(),
            ..base!(ObjectKind::Account, i, x)
        });
    }
    for (i, x) in s.contacts.iter().enumerate() {
        out.push(RawRecord {
            account: x.account.as_deref(),
            ..base!(ObjectKind::Contact, i, x)
        });
    }
    for (i, x) in s.cases.iter().enumerate() {
        out.push(RawRecord {
            account: x.account.as_deref(),
            contact: x.contact.as_deref(),
            asset: x.asset.as_deref(),
            sold_product: x.sold_product.as_deref(),
            consumer: x.consumer.as_deref(),
            ..base!(ObjectKind::Case, i, x)
        });
    }
    for (i, x) in s.opportunities.iter().enumerate() {
        out.push(RawRecord {
            account: x.account.as_deref(),
            ..base!(ObjectKind::Opportunity, i, x)
        });
    }
    for (i, x) in s.leads.iter().enumerate() {
        out.push(base!(ObjectKind::Lead, i, x));
    }
    for (i, x) in s.assets.iter().enumerate() {
        out.push(RawRecord {
            account: x.account.as_deref(),
            contact: x.contact.as_deref(),
            ..base!(ObjectKind::Asset, i, x)
        });
    }
    for (i, x) in s.sold_products.iter().enumerate() {
        out.push(RawRecord {
            account: x.account.as_deref(),
            ..base!(ObjectKind::SoldProduct, i, x)
        });
    }
    for (i, x) in s.account_children.iter().enumerate() {
        out.push(RawRecord {
            account: Some(&x.account),
            child_kind: Some(&x.kind),
            ..base!(ObjectKind::AccountChild, i, x)
        });
    }
    out
}

/// The lookups an access mapping may follow on records of `object` (Case: Account, Contact,
/// Asset.Account, Asset.Contact, Contact.Account; Lead: none). Forms offer exactly these.
pub fn mapping_targets(object: ObjectKind) -> &'static [TargetPath] {
    use ObjectKind as O;
    use TargetPath as T;
    match object {
        O::Case => &[
            T::Account,
            T::Contact,
            T::AssetAccount,
            T::AssetContact,
            T::ContactAccount,
        ],
        O::Contact => &[T::Id, T::Account],
        O::Account => &[T::Id],
        O::Asset => &[T::Account, T::Contact],
        O::Opportunity | O::SoldProduct | O::AccountChild => &[T::Account],
        O::Lead => &[],
    }
}

/// The portal user's field a mapping target must be matched with: an account lookup with
/// User.Account, a contact lookup with User.Contact.
pub fn mapping_user_field(object: ObjectKind, target: TargetPath) -> UserField {
    match target {
        TargetPath::Id if object == ObjectKind::Contact => UserField::Contact,
        TargetPath::Id => UserField::Account,
        TargetPath::Contact | TargetPath::AssetContact => UserField::Contact,
        _ => UserField::Account,
    }
}

/// Which lookups an access mapping may follow on each object, and that both sides of the
/// match are the same kind of record (an account with an account, a contact with a contact).
fn mapping_problem(m: &AccessMapping) -> Option<String> {
    let allowed = mapping_targets(m.object);
    if !allowed.contains(&m.target) {
        let names: Vec<&str> = allowed.iter().map(|t| t.text()).collect();
        return Some(if names.is_empty() {
            format!(
                "{} records have no account or contact lookup to map",
                m.object.label()
            )
        } else {
            format!(
                "{}.{} is not a lookup this mapping can follow; use one of: {}",
                m.object.label(),
                m.target.text(),
                names.join(", ")
            )
        });
    }
    let target_is = mapping_user_field(m.object, m.target);
    (target_is != m.user_field).then(|| {
        format!(
            "User.{:?} can't match {}.{}: one is an account and the other a contact",
            m.user_field,
            m.object.label(),
            m.target.text()
        )
    })
}

/// The problems with a set of org-wide defaults (they depend on nothing else).
pub(crate) fn org_default_problems(defaults: &BTreeMap<ObjectKind, OrgDefault>) -> Vec<Problem> {
    let mut v = Validator::default();
    v.check_org_defaults(defaults);
    v.problems
}

/// "users[2]" -> "user 3", for messages a person reads (the path stays on the problem).
fn first_entry(path: &str) -> String {
    match path.split_once('[') {
        Some((list, rest)) => {
            let n: usize = rest.trim_end_matches(']').parse().unwrap_or(0);
            let one = list
                .strip_suffix("ies")
                .map(|s| format!("{s}y"))
                .or_else(|| list.strip_suffix("ren").map(String::from))
                .or_else(|| list.strip_suffix('s').map(String::from))
                .unwrap_or_else(|| list.to_string());
            format!("{} {}", one.replace('_', " "), n + 1)
        }
        None => path.to_string(),
    }
}

/// The checks on an entry's own id and name (not uniqueness). False when the id is unusable.
pub(crate) fn check_id(r: &mut impl Refs, path: &str, id: &str, name: Option<&str>) -> bool {
    if id.trim().is_empty() {
        r.problem(format!("{path}.id"), "id is empty");
        return false;
    }
    if name.is_some_and(|n| n.trim().is_empty()) {
        r.problem(format!("{path}.name"), format!("'{id}' has an empty name"));
    }
    if let Some((at, c, what)) = super::text::deceptive_char(id) {
        let shown: String = id.chars().filter(|c| !c.is_control()).take(40).collect();
        r.problem(
            format!("{path}.id"),
            format!(
                "the id '{shown}' holds an invisible or direction-changing character at position {at} (U+{:04X} {what}); ids must be plain visible text",
                c as u32
            ),
        );
        return false;
    }
    if !super::text::is_nfc(id) {
        r.problem(
            format!("{path}.id"),
            format!("the id '{id}' is not in Unicode NFC form (it was written with escapes that decompose a character); write the composed character instead"),
        );
        return false;
    }
    if id.chars().count() > MAX_ID_CHARS {
        let short: String = id.chars().take(40).collect();
        r.problem(
            format!("{path}.id"),
            format!("the id '{short}...' is longer than {MAX_ID_CHARS} characters"),
        );
        return false;
    }
    if let Some(n) = name.filter(|n| n.chars().count() > MAX_NAME_CHARS) {
        r.problem(
            format!("{path}.name"),
            format!(
                "'{id}' has a name of {} characters; the limit is {MAX_NAME_CHARS}",
                n.chars().count()
            ),
        );
    }
    true
}

/// Every cycle of a parent-pointer graph, each once, in one pass: each node is walked once (a
/// walk stops at a node already seen), and a node met again on the walk itself closes a cycle.
/// Linear in the nodes, whatever the depth (a 100,000-long chain or cycle costs one walk).
fn parent_cycles(n: usize, parent: impl Fn(usize) -> Option<usize>) -> Vec<Vec<usize>> {
    let mut state = vec![0u8; n]; // 0 unseen, 1 on this walk, 2 done
    let mut cycles = Vec::new();
    for start in 0..n {
        let mut walk = Vec::new();
        let mut cur = Some(start);
        while let Some(i) = cur {
            match state[i] {
                0 => {
                    state[i] = 1;
                    walk.push(i);
                    cur = parent(i);
                }
                1 => {
                    let at = walk.iter().position(|w| *w == i).unwrap_or(0);
                    cycles.push(walk[at..].to_vec());
                    break;
                }
                _ => break,
            }
        }
        for w in walk {
            state[w] = 2;
        }
    }
    cycles
}

/// Salesforce: high-volume portal users can't be in groups, queues, manual shares or teams.
pub(crate) fn high_volume_message(user: &UserData, what: &str) -> String {
    let license = user.license.map(|l| l.label()).unwrap_or("portal");
    format!(
        "'{}' is a high-volume {license} user and can't be in {what}; share with them through a sharing set",
        user.id
    )
}

pub(crate) fn share_entry(
    r: &mut impl Refs,
    path: &str,
    m: &ManualShare,
) -> Option<ManualShareData> {
    let record = match r.lookup(&format!("{path}.record"), &m.record, "record") {
        Some(Entity::Record(x)) => Some(x),
        Some(other) => r.wrong_kind(&format!("{path}.record"), &m.record, other, "a record"),
        None => None,
    };
    let with = r.principal(&format!("{path}.with"), &m.with);
    Some(ManualShareData {
        id: m.id.clone(),
        name: if m.name.is_empty() {
            "Manual share".into()
        } else {
            m.name.clone()
        },
        record: record?,
        with: with?,
        access: m.access,
    })
}

pub(crate) fn account_team_entry(
    r: &mut impl Refs,
    path: &str,
    t: &AccountTeamMember,
) -> Option<AccountTeamData> {
    let account = r.record_ref(&format!("{path}.account"), &t.account, ObjectKind::Account);
    let user = r.user_ref(&format!("{path}.user"), &t.user);
    Some(AccountTeamData {
        account: account?,
        user: user?,
        team_role: t.team_role.clone(),
        account_access: t.account_access,
        case_access: t.case_access,
        opportunity_access: t.opportunity_access,
        contact_access: t.contact_access,
    })
}

pub(crate) fn opportunity_team_entry(
    r: &mut impl Refs,
    path: &str,
    t: &OpportunityTeamMember,
) -> Option<RecordTeamData> {
    let record = (
        ObjectKind::Opportunity,
        "opportunity",
        t.opportunity.as_str(),
    );
    record_team_entry(r, path, record, &t.user, &t.team_role, t.access)
}

pub(crate) fn case_team_entry(
    r: &mut impl Refs,
    path: &str,
    t: &CaseTeamMember,
) -> Option<RecordTeamData> {
    let record = (ObjectKind::Case, "case", t.case_id.as_str());
    record_team_entry(r, path, record, &t.user, &t.team_role, t.access)
}

/// A member of one record's team; `record` is (its object, its field name, its id).
fn record_team_entry(
    r: &mut impl Refs,
    path: &str,
    (object, field, id): (ObjectKind, &str, &str),
    user: &str,
    team_role: &str,
    access: ShareAccess,
) -> Option<RecordTeamData> {
    let record = r.record_ref(&format!("{path}.{field}"), id, object);
    let user = r.user_ref(&format!("{path}.user"), user);
    Some(RecordTeamData {
        record: record?,
        user: user?,
        team_role: team_role.to_string(),
        access,
    })
}
