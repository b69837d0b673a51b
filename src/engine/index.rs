//! The validated, indexed form of a scenario that every mechanism reads. Ids are resolved to
//! dense indices once, role ancestry is closed once, and records know their parents and
//! children, so mechanisms never search by string. Only `validate` constructs an `Index`.

use std::collections::{BTreeMap, BTreeSet};

use super::level::{Access, ChildAccess, ShareAccess};
use super::scenario::{
    ApiName, ConfigArea, CsmRole, Fields, License, LookupTo, ObjectKind, ObjectPermission,
    OrgDefault, PartyKind, Scenario, Sharing, SnAccess, SystemPermission, TargetPath, UserField,
    UserKind,
};

macro_rules! dense_id {
    ($($name:ident),*) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);
        impl $name {
            pub fn ix(self) -> usize { self.0 as usize }
        }
    )*};
}
dense_id!(
    UserIx, RoleIx, GroupIx, QueueIx, RecordIx, ProfileIx, PermSetIx, RuleIx, ShareIx, TeamIx,
    SetIx, RespIx, ConfigIx, PartyIx
);

/// A resolved principal (see `scenario::Principal`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrincipalIx {
    User(UserIx),
    Role(RoleIx),
    RoleAndSubordinates(RoleIx),
    RoleAndInternalSubordinates(RoleIx),
    Group(GroupIx),
}

/// How a user belongs to a principal, kept so that explanations can print the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    /// Groups passed through, outermost first (empty when the principal is not a group).
    pub groups: Vec<GroupIx>,
    pub via: MemberVia,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberVia {
    /// Named directly.
    User,
    /// Holds the named role.
    Role(RoleIx),
    /// Holds `user_role`, which is `top` or below it.
    RoleAndSubordinates { top: RoleIx, user_role: RoleIx },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    User(UserIx),
    Queue(QueueIx),
}

/// Where an object or system permission came from, for explanations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PermSource {
    Profile(ProfileIx),
    PermissionSet(PermSetIx),
}

#[derive(Debug, Clone)]
pub struct UserData {
    pub id: String,
    pub name: String,
    pub kind: UserKind,
    pub active: bool,
    pub role: Option<RoleIx>,
    pub profile: ProfileIx,
    pub permission_sets: Vec<PermSetIx>,
    /// External users: their license.
    pub license: Option<License>,
    /// External users: the contact they are, and that contact's account.
    pub contact: Option<RecordIx>,
    pub account: Option<RecordIx>,
    pub csm_roles: Vec<CsmRole>,
}

impl UserData {
    /// Customer Community and consumer users: no role, no groups, no teams.
    pub fn high_volume(&self) -> bool {
        self.kind == UserKind::External && self.license.is_some_and(|l| l.high_volume())
    }
}

#[derive(Debug, Clone)]
pub struct RoleData {
    pub id: String,
    pub name: String,
    pub parent: Option<RoleIx>,
    /// Position in a depth-first walk of the role forest (`close_role_tree`): a role is below
    /// another exactly when its interval nests inside the other's, an O(1) test at any depth.
    pub enter: u32,
    pub exit: u32,
    pub case_access_for_account_owner: ChildAccess,
    pub opportunity_access_for_account_owner: ChildAccess,
    pub contact_access_for_account_owner: ChildAccess,
    /// Set for the portal roles the index creates under an account owner's role.
    pub portal_account: Option<RecordIx>,
}

#[derive(Debug, Clone)]
pub struct GroupData {
    pub id: String,
    pub name: String,
    pub members: Vec<PrincipalIx>,
}

/// A profile or permission set, with Salesforce's permission dependencies already applied
/// (Edit implies Read, Modify All implies View All, Edit and Delete ...), the way the setup
/// page ticks them for the admin.
#[derive(Debug, Clone)]
pub struct PermData {
    pub id: String,
    pub name: String,
    pub objects: BTreeMap<ObjectKind, BTreeSet<ObjectPermission>>,
    pub system: BTreeSet<SystemPermission>,
    pub creator_access: ChildAccess,
    pub assigned_account_access: ChildAccess,
    /// Configuration areas, with Settings' sub-areas already implied.
    pub config: BTreeSet<ConfigArea>,
}

#[derive(Debug, Clone)]
pub struct QueueData {
    pub id: String,
    pub name: String,
    pub objects: BTreeSet<ObjectKind>,
    pub members: Vec<PrincipalIx>,
    pub include_bosses: bool,
}

#[derive(Debug, Clone)]
pub struct RecordData {
    pub id: String,
    pub name: String,
    pub object: ObjectKind,
    pub owner: Owner,
    pub created_by: Option<UserIx>,
    /// The account this record hangs off; for an account, its parent account.
    pub account: Option<RecordIx>,
    pub contact: Option<RecordIx>,
    pub asset: Option<RecordIx>,
    pub sold_product: Option<RecordIx>,
    pub consumer: Option<UserIx>,
    /// Accounts: the partner account serving this customer.
    pub partner: Option<RecordIx>,
    pub restrict_contact_access: bool,
    /// Accounts: their Customer Success Manager.
    pub success_manager: Option<UserIx>,
    /// Account children: what kind of record it is (Subscription, Task ...).
    pub child_kind: Option<String>,
    pub fields: Fields,
    /// Custom detail records: the master record, whose access they follow.
    pub master: Option<RecordIx>,
    /// Custom records: their lookup and master-detail field values.
    pub links: Vec<(ApiName, Link)>,
}

impl RecordData {
    /// The value of a custom lookup or master-detail field.
    pub fn link(&self, field: ApiName) -> Option<Link> {
        self.links
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, l)| *l)
    }
}

/// A resolved expectation (see `scenario::Expectation`).
#[derive(Debug, Clone)]
pub struct ExpectationData {
    pub users: ExpectedUsers,
    pub records: ExpectedRecords,
    pub access: Access,
    pub bound: Bound,
    pub why: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpectedUsers {
    One(UserIx),
    Role(RoleIx),
    RoleAndSubordinates(RoleIx),
    Profile(ProfileIx),
    Group(GroupIx),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExpectedRecords {
    One(RecordIx),
    /// Records of the object whose fields equal one of the values, criterion by criterion.
    Where(ObjectKind, Vec<(String, Vec<String>)>),
}

/// How the actual level must compare with the expected one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    Exactly,
    AtLeast,
    AtMost,
}

impl Bound {
    pub fn holds(self, actual: Access, expected: Access) -> bool {
        match self {
            Bound::Exactly => actual == expected,
            Bound::AtLeast => actual >= expected,
            Bound::AtMost => actual <= expected,
        }
    }
}

/// What a custom lookup field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    Record(RecordIx),
    User(UserIx),
}

/// A declared custom object, resolved.
#[derive(Debug, Clone)]
pub struct CustomObjectData {
    pub object: ObjectKind,
    pub label: String,
    pub grant_access_using_hierarchies: bool,
    /// The master-detail field and the master's object.
    pub master: Option<(ApiName, ObjectKind)>,
    pub lookups: Vec<(ApiName, LookupTo)>,
}

impl CustomObjectData {
    /// What a lookup or master-detail field of this object points at.
    pub fn field_target(&self, field: ApiName) -> Option<LookupTo> {
        match self.master {
            Some((f, master)) if f == field => Some(LookupTo::Object(master)),
            _ => self
                .lookups
                .iter()
                .find(|(f, _)| *f == field)
                .map(|(_, to)| *to),
        }
    }
}

#[derive(Debug, Clone)]
pub struct MappingData {
    pub object: ObjectKind,
    pub user_field: UserField,
    pub target: TargetPath,
    pub access: ShareAccess,
}

#[derive(Debug, Clone)]
pub struct SharingSetData {
    pub id: String,
    pub name: String,
    pub profiles: Vec<ProfileIx>,
    pub mappings: Vec<MappingData>,
    pub share_group: Option<(Vec<PrincipalIx>, ShareAccess)>,
}

#[derive(Debug, Clone)]
pub struct ResponsibilityData {
    pub id: String,
    pub name: String,
    pub kind: PartyKind,
    /// Per table (case, sold_product): what holders may do.
    pub access: BTreeMap<ObjectKind, SnAccess>,
}

#[derive(Debug, Clone)]
pub struct PartyConfigData {
    pub id: String,
    pub name: String,
    pub applies_to: ObjectKind,
    pub entity: PartyKind,
    pub default_responsibility: Option<RespIx>,
}

/// Who a related party is, resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartyIxRef {
    /// An internal user, or a consumer user.
    User(UserIx),
    Contact(RecordIx),
    Account(RecordIx),
}

#[derive(Debug, Clone)]
pub struct RelatedPartyData {
    pub id: String,
    pub record: RecordIx,
    pub party: PartyIxRef,
    pub config: ConfigIx,
    /// The agent's override of the relationship type's default.
    pub override_responsibility: Option<RespIx>,
}

impl RelatedPartyData {
    /// The responsibility in force: the override, else the relationship type's default.
    pub fn responsibility(&self, ix: &Index) -> Option<RespIx> {
        self.override_responsibility
            .or(ix.party_configs[self.config.ix()].default_responsibility)
    }
}

#[derive(Debug, Clone)]
pub enum SelectorIx {
    OwnedBy(PrincipalIx),
    Criteria(Vec<(String, Vec<String>)>),
}

#[derive(Debug, Clone)]
pub struct RuleData {
    pub id: String,
    pub name: String,
    pub object: ObjectKind,
    pub select: SelectorIx,
    pub share_with: PrincipalIx,
    pub access: ShareAccess,
    /// Account rules: access to the account's children.
    pub children: ChildLevels,
}

/// What an account share gives on the account's cases, opportunities and contacts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChildLevels {
    pub case: ChildAccess,
    pub opportunity: ChildAccess,
    pub contact: ChildAccess,
}

impl ChildLevels {
    /// The level on a child record of `object` (None for any other object).
    pub fn on(&self, object: ObjectKind) -> ChildAccess {
        match object {
            ObjectKind::Case => self.case,
            ObjectKind::Opportunity => self.opportunity,
            ObjectKind::Contact => self.contact,
            _ => ChildAccess::None,
        }
    }

    pub fn any(&self) -> bool {
        *self != ChildLevels::default()
    }
}

#[derive(Debug, Clone)]
pub struct ManualShareData {
    pub id: String,
    pub name: String,
    pub record: RecordIx,
    pub with: PrincipalIx,
    pub access: ShareAccess,
    /// A share of an account: access to its children.
    pub children: ChildLevels,
}

#[derive(Debug, Clone)]
pub struct AccountTeamData {
    pub account: RecordIx,
    pub user: UserIx,
    pub team_role: String,
    pub account_access: ShareAccess,
    pub case_access: ChildAccess,
    pub opportunity_access: ChildAccess,
    pub contact_access: ChildAccess,
}

/// A member of an opportunity team or a case team.
#[derive(Debug, Clone)]
pub struct RecordTeamData {
    pub record: RecordIx,
    pub user: UserIx,
    pub team_role: String,
    pub access: ShareAccess,
}

/// A playbook's name and its tasks, each with the user it names explicitly.
pub type PlaybookData = (String, Vec<(String, Option<UserIx>)>);

/// Any entity an id can name; ids are unique across the whole scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    User(UserIx),
    Role(RoleIx),
    Group(GroupIx),
    Queue(QueueIx),
    Profile(ProfileIx),
    PermissionSet(PermSetIx),
    Record(RecordIx),
    Rule(RuleIx),
    Share(ShareIx),
    SharingSet(SetIx),
    Responsibility(RespIx),
    PartyConfig(ConfigIx),
    RelatedParty(PartyIx),
    Playbook(usize),
}

#[derive(Debug, Clone)]
pub struct Index {
    pub scenario: Scenario,
    pub users: Vec<UserData>,
    pub roles: Vec<RoleData>,
    pub groups: Vec<GroupData>,
    pub queues: Vec<QueueData>,
    pub profiles: Vec<PermData>,
    pub permission_sets: Vec<PermData>,
    pub records: Vec<RecordData>,
    pub rules: Vec<RuleData>,
    pub manual_shares: Vec<ManualShareData>,
    pub account_teams: Vec<AccountTeamData>,
    pub opportunity_teams: Vec<RecordTeamData>,
    pub case_teams: Vec<RecordTeamData>,
    pub sharing_sets: Vec<SharingSetData>,
    pub responsibilities: Vec<ResponsibilityData>,
    pub party_configs: Vec<PartyConfigData>,
    pub related_parties: Vec<RelatedPartyData>,
    pub parties_by_record: Vec<Vec<PartyIx>>,
    /// Playbooks: (name, [(task name, named user)]).
    pub playbooks: Vec<PlaybookData>,
    /// Per record: the cases whose sold product it is.
    pub cases_by_product: Vec<Vec<RecordIx>>,
    /// Every object's defaults: the scenario's, with each custom object's from its declaration.
    pub org_defaults: BTreeMap<ObjectKind, OrgDefault>,
    pub custom_objects: Vec<CustomObjectData>,
    pub expectations: Vec<ExpectationData>,
    /// Per exercise (by id): its expectations, resolved.
    pub exercises: Vec<(String, Vec<ExpectationData>)>,
    /// Every id (FxHash: ids are hashed a few hundred thousand times per load, and SipHash's
    /// resistance to chosen keys buys nothing for a file the user opens themselves).
    pub by_id: rustc_hash::FxHashMap<String, Entity>,
    /// Per account: the records whose `account` is it (its children, not sub-accounts).
    pub children: Vec<Vec<RecordIx>>,
    /// Per role: the users holding it.
    pub role_users: Vec<Vec<UserIx>>,
    pub shares_by_record: Vec<Vec<ShareIx>>,
    pub account_team_by_account: Vec<Vec<TeamIx>>,
    pub opportunity_team_by_record: Vec<Vec<TeamIx>>,
    pub case_team_by_record: Vec<Vec<TeamIx>>,
}

/// A long chain for people to read: the first and last few links, and how many lie between
/// ("... 99,994 roles ..."), so a 100,000-deep hierarchy gives a sentence, not a megabyte.
pub fn elide(mut links: Vec<String>, keep: usize, what: &str) -> Vec<String> {
    if links.len() <= keep.max(2) {
        return links;
    }
    let head = keep / 2;
    let tail = keep - head;
    let hidden = links.len() - head - tail;
    let mut out: Vec<String> = links.drain(..head).collect();
    out.push(format!("... {hidden} {what} ..."));
    out.extend(links.drain(links.len() - tail..));
    out
}

/// Numbers the role forest depth-first (`enter`/`exit` of each role), iteratively so that a
/// chain of any depth costs linear time and no stack. Parents must form no cycle (validation
/// cuts the parent link of every role it reports in a cycle).
pub(crate) fn close_role_tree(roles: &mut [RoleData]) {
    let mut children: Vec<Vec<u32>> = vec![Vec::new(); roles.len()];
    let mut roots = Vec::new();
    for (i, r) in roles.iter().enumerate() {
        match r.parent {
            Some(p) => children[p.ix()].push(i as u32),
            None => roots.push(i as u32),
        }
    }
    let mut clock = 0u32;
    let mut stack: Vec<(u32, usize)> = Vec::new();
    for root in roots.into_iter().rev() {
        stack.push((root, 0));
        roles[root as usize].enter = clock;
        clock += 1;
        while let Some((r, next)) = stack.pop() {
            match children[r as usize].get(next) {
                Some(&c) => {
                    stack.push((r, next + 1));
                    roles[c as usize].enter = clock;
                    clock += 1;
                    stack.push((c, 0));
                }
                None => {
                    roles[r as usize].exit = clock;
                    clock += 1;
                }
            }
        }
    }
}

impl Index {
    pub fn user(&self, u: UserIx) -> &UserData {
        &self.users[u.ix()]
    }
    pub fn role(&self, r: RoleIx) -> &RoleData {
        &self.roles[r.ix()]
    }
    pub fn group(&self, g: GroupIx) -> &GroupData {
        &self.groups[g.ix()]
    }
    pub fn queue(&self, q: QueueIx) -> &QueueData {
        &self.queues[q.ix()]
    }
    pub fn record(&self, r: RecordIx) -> &RecordData {
        &self.records[r.ix()]
    }

    pub fn user_ixs(&self) -> impl Iterator<Item = UserIx> + '_ {
        (0..self.users.len() as u32).map(UserIx)
    }
    pub fn record_ixs(&self) -> impl Iterator<Item = RecordIx> + '_ {
        (0..self.records.len() as u32).map(RecordIx)
    }

    pub fn find_user(&self, id: &str) -> Option<UserIx> {
        match self.by_id.get(id) {
            Some(Entity::User(u)) => Some(*u),
            _ => None,
        }
    }
    pub fn find_record(&self, id: &str) -> Option<RecordIx> {
        match self.by_id.get(id) {
            Some(Entity::Record(r)) => Some(*r),
            _ => None,
        }
    }

    /// The sharing setting that applies to this user on this object: the external default for
    /// portal users, the internal one for everybody else.
    pub fn sharing_for(&self, u: UserIx, object: ObjectKind) -> (Sharing, bool) {
        let owd = self.org_default(object);
        match self.user(u).kind {
            UserKind::Internal => (owd.internal, false),
            UserKind::External => (owd.external(), true),
        }
    }

    pub fn org_default(&self, object: ObjectKind) -> OrgDefault {
        super::scenario::default_of(&self.org_defaults, object)
    }

    /// The record whose access a Controlled-by-Parent record would follow: a contact's
    /// account, an asset's account (its contact when it has no account), an account child's
    /// account, a custom detail record's master.
    pub fn cbp_parent(&self, record: RecordIx) -> Option<RecordIx> {
        let rec = self.record(record);
        match rec.object {
            ObjectKind::Contact => rec.account,
            ObjectKind::Asset => rec.account.or(rec.contact),
            ObjectKind::AccountChild => rec.account,
            ObjectKind::Custom(_) => rec.master,
            _ => None,
        }
    }

    /// The declaration of a custom object.
    pub fn custom(&self, object: ObjectKind) -> Option<&CustomObjectData> {
        if !object.is_custom() {
            return None;
        }
        self.custom_objects.iter().find(|c| c.object == object)
    }

    /// "Grant Access Using Hierarchies": always on for standard objects ("It can only be
    /// changed for custom objects"), as declared for custom ones.
    pub fn hierarchy_grants_access(&self, object: ObjectKind) -> bool {
        self.custom(object)
            .is_none_or(|c| c.grant_access_using_hierarchies)
    }

    /// Every object a record can be of here: the standard ones, then the declared custom ones.
    pub fn objects(&self) -> Vec<ObjectKind> {
        ObjectKind::ALL
            .into_iter()
            .chain(self.custom_objects.iter().map(|c| c.object))
            .collect()
    }

    /// Whether `record` follows its parent's access: its object is Controlled by Parent (both
    /// defaults are, as validation keeps them equal) and it has a parent.
    pub fn follows_parent(&self, record: RecordIx) -> bool {
        self.org_default(self.record(record).object).internal == Sharing::ControlledByParent
            && self.cbp_parent(record).is_some()
    }

    /// How a sentence names one of the object's records ("case", or a custom object's label).
    pub fn object_noun(&self, object: ObjectKind) -> String {
        match self.custom(object) {
            Some(c) => c.label.clone(),
            None => object.noun(),
        }
    }

    /// The name setup pages show for an object (a custom object's declared label).
    pub fn object_label(&self, object: ObjectKind) -> &str {
        match self.custom(object) {
            Some(c) => &c.label,
            None => object.label(),
        }
    }

    /// True when `role` is `top` or reports to it, directly or not.
    pub fn role_at_or_below(&self, role: RoleIx, top: RoleIx) -> bool {
        let (r, t) = (self.role(role), self.role(top));
        role == top || (t.enter < r.enter && r.exit < t.exit)
    }

    /// The roles above `role`, its parent first and the top role last.
    pub fn ancestors(&self, role: RoleIx) -> impl Iterator<Item = RoleIx> + '_ {
        std::iter::successors(self.role(role).parent, |r| self.role(*r).parent)
    }

    /// The chain of role names from `top` down to `bottom` ("VP Support > Support Agent").
    pub fn role_chain(&self, top: RoleIx, bottom: RoleIx) -> String {
        let mut names = vec![self.role(bottom).name.clone()];
        for a in self.ancestors(bottom) {
            names.push(self.role(a).name.clone());
            if a == top {
                break;
            }
        }
        names.reverse();
        elide(names, 8, "roles").join(" > ")
    }

    /// The account a related party or access mapping value stands for, and the contact.
    pub fn user_field(&self, u: UserIx, field: UserField) -> Option<RecordIx> {
        let user = self.user(u);
        match field {
            UserField::Account => user.account,
            UserField::Contact => user.contact,
        }
    }

    /// Users whose role is strictly below `role`.
    pub fn users_below(&self, role: RoleIx) -> impl Iterator<Item = UserIx> + '_ {
        self.user_ixs().filter(move |s| match self.user(*s).role {
            Some(r) => r != role && self.role_at_or_below(r, role),
            None => false,
        })
    }

    /// How `u` belongs to `p`, or None. A group is searched depth first in member order, each
    /// nested group once (a diamond of groups costs its size, not its paths), with an explicit
    /// stack (nesting of any depth); the first match is the one a recursive search would find.
    pub fn membership(&self, u: UserIx, p: PrincipalIx) -> Option<Membership> {
        let PrincipalIx::Group(top) = p else {
            return self.direct_membership(u, p);
        };
        let mut seen = std::collections::HashSet::from([top]);
        let mut stack: Vec<(GroupIx, usize)> = vec![(top, 0)];
        while let Some(&mut (g, ref mut next)) = stack.last_mut() {
            let Some(m) = self.group(g).members.get(*next) else {
                stack.pop();
                continue;
            };
            *next += 1;
            match *m {
                PrincipalIx::Group(c) => {
                    if seen.insert(c) {
                        stack.push((c, 0));
                    }
                }
                other => {
                    if let Some(mut found) = self.direct_membership(u, other) {
                        found.groups = stack.iter().map(|(g, _)| *g).collect();
                        return Some(found);
                    }
                }
            }
        }
        None
    }

    /// Membership of a principal that is not a group.
    fn direct_membership(&self, u: UserIx, p: PrincipalIx) -> Option<Membership> {
        let user = self.user(u);
        let via = match p {
            PrincipalIx::User(x) => (x == u).then_some(MemberVia::User)?,
            PrincipalIx::Role(r) => (user.role == Some(r)).then_some(MemberVia::Role(r))?,
            PrincipalIx::RoleAndSubordinates(top) => {
                let ur = user.role?;
                self.role_at_or_below(ur, top)
                    .then_some(MemberVia::RoleAndSubordinates { top, user_role: ur })?
            }
            PrincipalIx::RoleAndInternalSubordinates(top) => {
                let ur = user.role?;
                let internal = self.role(ur).portal_account.is_none();
                (internal && self.role_at_or_below(ur, top))
                    .then_some(MemberVia::RoleAndSubordinates { top, user_role: ur })?
            }
            PrincipalIx::Group(_) => return self.membership(u, p),
        };
        Some(Membership {
            groups: vec![],
            via,
        })
    }

    /// The effective object permissions of a user, and where each came from.
    pub fn object_permission(
        &self,
        u: UserIx,
        object: ObjectKind,
        perm: ObjectPermission,
    ) -> Option<PermSource> {
        self.perm_sources(u)
            .find(|(_, p)| p.objects.get(&object).is_some_and(|s| s.contains(&perm)))
            .map(|(src, _)| src)
    }

    pub fn system_permission(&self, u: UserIx, perm: SystemPermission) -> Option<PermSource> {
        self.perm_sources(u)
            .find(|(_, p)| p.system.contains(&perm))
            .map(|(src, _)| src)
    }

    /// The best level a user's profile and permission sets give for a per-source setting.
    pub fn best_setting(
        &self,
        u: UserIx,
        pick: impl Fn(&PermData) -> ChildAccess,
    ) -> Option<(ChildAccess, PermSource)> {
        self.perm_sources(u)
            .map(|(src, p)| (pick(p), src))
            .filter(|(a, _)| *a > ChildAccess::None)
            .max_by_key(|(a, _)| *a)
    }

    pub fn config_source(&self, u: UserIx, area: ConfigArea) -> Option<PermSource> {
        self.perm_sources(u)
            .find(|(_, p)| p.config.contains(&area))
            .map(|(src, _)| src)
    }

    fn perm_sources(&self, u: UserIx) -> impl Iterator<Item = (PermSource, &PermData)> + '_ {
        let user = self.user(u);
        std::iter::once((
            PermSource::Profile(user.profile),
            &self.profiles[user.profile.ix()],
        ))
        .chain(
            user.permission_sets
                .iter()
                .map(|p| (PermSource::PermissionSet(*p), &self.permission_sets[p.ix()])),
        )
    }

    pub fn perm_source_name(&self, s: PermSource) -> String {
        match s {
            PermSource::Profile(p) => format!("profile '{}'", self.profiles[p.ix()].name),
            PermSource::PermissionSet(p) => {
                format!("permission set '{}'", self.permission_sets[p.ix()].name)
            }
        }
    }

    /// The most the object permissions let this user have on a record of `object`:
    /// no Read means nothing, Read without Edit means Read. View All Data and Modify All Data
    /// carry Read, and Read and Edit, on every object.
    pub fn object_cap(&self, u: UserIx, object: ObjectKind) -> Access {
        let has = |p| self.object_permission(u, object, p).is_some();
        let mad = self
            .system_permission(u, SystemPermission::ModifyAllData)
            .is_some();
        let vad = mad
            || self
                .system_permission(u, SystemPermission::ViewAllData)
                .is_some();
        if mad || has(ObjectPermission::Edit) {
            Access::Full
        } else if vad || has(ObjectPermission::Read) {
            Access::Read
        } else {
            Access::None
        }
    }

    pub fn access_label(a: Access) -> &'static str {
        a.label()
    }
}
