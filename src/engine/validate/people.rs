//! People: roles (with portal roles under account owners), profiles and permission sets,
//! users (internal, portal and consumer), public groups and queues, and the limits on
//! high-volume portal users.

use super::*;
use crate::engine::index::*;
use crate::engine::level::ChildAccess;
use crate::engine::scenario::*;

impl Validator {
    pub(super) fn build_roles(&mut self, s: &Scenario) {
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

    pub(super) fn build_perms(&mut self, s: &Scenario) {
        for (list, perms) in [
            ("profiles", &s.profiles),
            ("permission_sets", &s.permission_sets),
        ] {
            for (i, p) in perms.iter().enumerate() {
                for object in p.objects.keys() {
                    self.known_object(&format!("{list}[{i}].objects.{}", object.key()), *object);
                }
            }
        }
        self.profiles = s.profiles.iter().map(close_permissions).collect();
        self.permission_sets = s.permission_sets.iter().map(close_permissions).collect();
    }

    pub(super) fn build_users(&mut self, s: &Scenario) {
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
    pub(super) fn check_external_user(
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
    pub(super) fn owner_role(&self, u: UserIx) -> Option<RoleIx> {
        self.scenario_user_roles.get(u.ix()).copied().flatten()
    }

    pub(super) fn build_groups(&mut self, s: &Scenario) {
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

    pub(super) fn build_queues(&mut self, s: &Scenario) {
        for (i, q) in s.queues.iter().enumerate() {
            for o in &q.objects {
                let path = format!("queues[{i}].objects");
                if !o.may_be_queue_owned() {
                    self.problem(
                        path,
                        format!(
                            "queue '{}' lists {}; only cases, leads and custom objects can be owned by a queue",
                            q.id,
                            o.label()
                        ),
                    );
                } else if self.known_object(&path, *o) && self.is_detail(*o) {
                    self.problem(
                        path,
                        format!(
                            "queue '{}' lists {}, a detail object: its records have no owner, so no queue can own them",
                            q.id,
                            o.key()
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

    /// Salesforce: high-volume portal users have no roles and are not in public groups, queues,
    /// sharing rules, manual shares to users, or teams.
    pub(super) fn check_high_volume_users(&mut self) {
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
}

/// Salesforce's dependent permissions: ticking one ticks what it needs.
pub(super) fn close_permissions(p: &Profile) -> PermData {
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

/// Every cycle of a parent-pointer graph, each once, in one pass: each node is walked once (a
/// walk stops at a node already seen), and a node met again on the walk itself closes a cycle.
/// Linear in the nodes, whatever the depth (a 100,000-long chain or cycle costs one walk).
pub(super) fn parent_cycles(n: usize, parent: impl Fn(usize) -> Option<usize>) -> Vec<Vec<usize>> {
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
