//! The one place where a scenario is checked: parsing with JSON paths, then every rule a file
//! must meet (ids, references, cycles, org-wide default constraints). It either builds the
//! `Index` or returns all the errors found, each naming its path and the id at fault.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use serde::Serialize;
use thiserror::Error;

use super::index::*;
use super::scenario::*;

/// Scenarios larger than this are refused before parsing, so a pasted or linked file cannot
/// exhaust the browser's memory.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// One broken rule: where (`cases[2].owner`) and what, naming the id involved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
    let mut de = serde_json::Deserializer::from_str(text);
    let scenario: Scenario =
        serde_path_to_error::deserialize(&mut de).map_err(|e| LoadError::Syntax {
            path: json_path(&e.path().to_string()),
            message: e.inner().to_string(),
        })?;
    de.end().map_err(|e| LoadError::Syntax {
        path: "$".into(),
        message: e.to_string(),
    })?;
    Ok(scenario)
}

fn json_path(p: &str) -> String {
    if p == "." || p.is_empty() {
        "$".into()
    } else {
        p.to_string()
    }
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
}

impl Validator {
    fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.into(),
            message: message.into(),
        });
    }

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
        self.register_ids(s);
        self.check_org_defaults(s);
        self.build_roles(s);
        self.build_perms(s);
        self.build_users(s);
        self.build_groups(s);
        self.build_queues(s);
        self.build_records(s);
        self.build_rules(s);
        self.build_shares(s);
        self.build_teams(s);
    }

    /// Every id is unique across the whole scenario, so that a reference can name any entity
    /// without saying its kind, and the CLI's `--record` and `--user` are never ambiguous.
    fn register_ids(&mut self, s: &Scenario) {
        let add = |v: &mut Validator, path: String, id: &str, name: Option<&str>, e: Entity| {
            if id.trim().is_empty() {
                v.problem(format!("{path}.id"), "id is empty");
                return;
            }
            if name.is_some_and(|n| n.trim().is_empty()) {
                v.problem(format!("{path}.name"), format!("'{id}' has an empty name"));
            }
            if let Some(first) = v.first_path.get(id) {
                let msg = format!("duplicate id '{id}' (first used at {first})");
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

    fn lookup(&mut self, path: &str, id: &str, want: &str) -> Option<Entity> {
        match self.by_id.get(id) {
            Some(e) => Some(*e),
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
            Entity::Record(r) if self.record_object(r) == Some(object) => Some(r),
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
            Entity::Record(r) => match self.record_object(r) {
                Some(o) => format!("a {}", o.key()),
                None => "a record".to_string(),
            },
            Entity::Rule(_) => "a sharing rule".to_string(),
            Entity::Share(_) => "a manual share".to_string(),
        };
        self.problem(path, format!("'{id}' is {got}, not {want}"));
        None
    }

    fn record_object(&self, r: RecordIx) -> Option<ObjectKind> {
        self.record_kinds.get(r.ix()).copied()
    }

    fn principal(&mut self, path: &str, p: &Principal) -> Option<PrincipalIx> {
        Some(match p {
            Principal::User(id) => PrincipalIx::User(self.user_ref(&format!("{path}.user"), id)?),
            Principal::Role(id) => PrincipalIx::Role(self.role_ref(&format!("{path}.role"), id)?),
            Principal::RoleAndSubordinates(id) => PrincipalIx::RoleAndSubordinates(
                self.role_ref(&format!("{path}.role_and_subordinates"), id)?,
            ),
            Principal::Group(id) => {
                PrincipalIx::Group(self.group_ref(&format!("{path}.group"), id)?)
            }
        })
    }

    fn check_org_defaults(&mut self, s: &Scenario) {
        for (object, owd) in &s.org_defaults {
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
        let mut cyclic = BTreeSet::new();
        for (i, r) in s.roles.iter().enumerate() {
            let mut ancestors = Vec::new();
            let mut cur = parents[i];
            while let Some(p) = cur {
                if p.ix() == i || ancestors.contains(&p) {
                    if cyclic.insert(i) {
                        self.problem(
                            format!("roles[{i}].parent"),
                            format!("role '{}' is in a cycle of parents", r.id),
                        );
                    }
                    ancestors.clear();
                    break;
                }
                ancestors.push(p);
                cur = parents[p.ix()];
            }
            self.roles.push(RoleData {
                id: r.id.clone(),
                name: r.name.clone(),
                parent: parents[i],
                ancestors,
                case_access_for_account_owner: r.case_access_for_account_owner,
                opportunity_access_for_account_owner: r.opportunity_access_for_account_owner,
                contact_access_for_account_owner: r.contact_access_for_account_owner,
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
            let role = u
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
            self.users.push(UserData {
                id: u.id.clone(),
                name: u.name.clone(),
                kind: u.kind,
                active: u.active,
                role,
                profile,
                permission_sets: sets,
            });
        }
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
            self.records.push(RecordData {
                id: rec.id.to_string(),
                name: rec.name.to_string(),
                object: rec.object,
                owner: owner.unwrap_or(Owner::User(UserIx(0))),
                created_by,
                account,
                contact,
                asset,
                fields: rec.fields.clone(),
            });
        }
        // Account hierarchies must be trees.
        for (i, rec) in self.records.iter().enumerate() {
            if rec.object != ObjectKind::Account {
                continue;
            }
            let mut seen = vec![i];
            let mut cur = rec.account;
            while let Some(p) = cur {
                if seen.contains(&p.ix()) {
                    let (id, path) = (rec.id.clone(), self.first_path.get(&rec.id).cloned());
                    self.problems.push(Problem {
                        path: format!("{}.parent", path.unwrap_or_default()),
                        message: format!("account '{id}' is in a cycle of parent accounts"),
                    });
                    break;
                }
                seen.push(p.ix());
                cur = self.records[p.ix()].account;
            }
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
                                "field name is empty",
                            );
                        }
                        if crit.equals.is_empty() {
                            self.problem(
                                format!("{path}.select.criteria[{j}].equals"),
                                format!("rule '{}' lists no value to match", r.id),
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
            let path = format!("manual_shares[{i}]");
            let record = match self.lookup(&format!("{path}.record"), &m.record, "record") {
                Some(Entity::Record(r)) => Some(r),
                Some(other) => {
                    self.wrong_kind(&format!("{path}.record"), &m.record, other, "a record")
                }
                None => None,
            };
            let with = self.principal(&format!("{path}.with"), &m.with);
            if let (Some(record), Some(with)) = (record, with) {
                self.manual_shares.push(ManualShareData {
                    id: m.id.clone(),
                    name: if m.name.is_empty() {
                        "Manual share".into()
                    } else {
                        m.name.clone()
                    },
                    record,
                    with,
                    access: m.access,
                });
            }
        }
    }

    fn build_teams(&mut self, s: &Scenario) {
        let mut seen = BTreeMap::new();
        for (i, t) in s.account_teams.iter().enumerate() {
            let path = format!("account_teams[{i}]");
            let account =
                self.record_ref(&format!("{path}.account"), &t.account, ObjectKind::Account);
            let user = self.user_ref(&format!("{path}.user"), &t.user);
            if let (Some(account), Some(user)) = (account, user) {
                if let Some(first) = seen.insert((account, user), i) {
                    self.problem(
                        format!("{path}.user"),
                        format!(
                            "user '{}' is already on the team of account '{}' (account_teams[{first}])",
                            t.user, t.account
                        ),
                    );
                }
                self.account_teams.push(AccountTeamData {
                    account,
                    user,
                    team_role: t.team_role.clone(),
                    account_access: t.account_access,
                    case_access: t.case_access,
                    opportunity_access: t.opportunity_access,
                    contact_access: t.contact_access,
                });
            }
        }
        let mut seen = BTreeMap::new();
        for (i, t) in s.opportunity_teams.iter().enumerate() {
            let path = format!("opportunity_teams[{i}]");
            let rec = self.record_ref(
                &format!("{path}.opportunity"),
                &t.opportunity,
                ObjectKind::Opportunity,
            );
            let user = self.user_ref(&format!("{path}.user"), &t.user);
            if let (Some(record), Some(user)) = (rec, user) {
                if seen.insert((record, user), i).is_some() {
                    self.problem(
                        format!("{path}.user"),
                        format!(
                            "user '{}' is already on the team of opportunity '{}'",
                            t.user, t.opportunity
                        ),
                    );
                }
                self.opportunity_teams.push(RecordTeamData {
                    record,
                    user,
                    team_role: t.team_role.clone(),
                    access: t.access,
                });
            }
        }
        let mut seen = BTreeMap::new();
        for (i, t) in s.case_teams.iter().enumerate() {
            let path = format!("case_teams[{i}]");
            let rec = self.record_ref(&format!("{path}.case"), &t.case_id, ObjectKind::Case);
            let user = self.user_ref(&format!("{path}.user"), &t.user);
            if let (Some(record), Some(user)) = (rec, user) {
                if seen.insert((record, user), i).is_some() {
                    self.problem(
                        format!("{path}.user"),
                        format!(
                            "user '{}' is already on the team of case '{}'",
                            t.user, t.case_id
                        ),
                    );
                }
                self.case_teams.push(RecordTeamData {
                    record,
                    user,
                    team_role: t.team_role.clone(),
                    access: t.access,
                });
            }
        }
    }

    fn finish(self, scenario: Scenario) -> Index {
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
    PermData {
        id: p.id.clone(),
        name: p.name.clone(),
        objects,
        system,
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
    fields: &'a Fields,
}

fn raw_records(s: &Scenario) -> Vec<RawRecord<'_>> {
    let mut out = Vec::new();
    macro_rules! push {
        ($list:expr, $kind:expr, |$x:ident| ($account:expr, $akey:literal, $contact:expr, $asset:expr)) => {
            for (i, $x) in $list.iter().enumerate() {
                out.push(RawRecord {
                    path: format!("{}[{}]", plural($kind), i),
                    object: $kind,
                    id: &$x.id,
                    name: &$x.name,
                    owner: &$x.owner,
                    created_by: $x.created_by.as_deref(),
                    account: $account,
                    account_key: $akey,
                    contact: $contact,
                    asset: $asset,
                    fields: &$x.fields,
                });
            }
        };
    }
    push!(s.accounts, ObjectKind::Account, |x| (
        x.parent.as_deref(),
        "parent",
        None,
        None
    ));
    push!(s.contacts, ObjectKind::Contact, |x| (
        x.account.as_deref(),
        "account",
        None,
        None
    ));
    push!(s.cases, ObjectKind::Case, |x| (
        x.account.as_deref(),
        "account",
        x.contact.as_deref(),
        x.asset.as_deref()
    ));
    push!(s.opportunities, ObjectKind::Opportunity, |x| (
        x.account.as_deref(),
        "account",
        None,
        None
    ));
    push!(s.leads, ObjectKind::Lead, |x| (None, "account", None, None));
    push!(s.assets, ObjectKind::Asset, |x| (
        x.account.as_deref(),
        "account",
        x.contact.as_deref(),
        None
    ));
    out
}
