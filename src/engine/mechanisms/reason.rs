//! Why a user holds a grant: one variant per mechanism, nested where one grant is derived from
//! another (a manager's from a subordinate's, an account's from a case's). The same values
//! decide the level and print the explanation, so the two can never disagree.

use serde::Serialize;

use crate::engine::index::*;
use crate::engine::level::Access;
use crate::engine::scenario::{CsmRole, ObjectKind, ObjectPermission, Sharing, SystemPermission};

/// A mechanism's name: its key in JSON output (`sharing_set`) and its label in explanations
/// ("Sharing set"). Each mechanism declares its own, so a new one needs no list here.
#[derive(Clone, Copy, Eq, PartialOrd, Ord)]
pub struct MechanismId {
    key: &'static str,
    label: &'static str,
}

#[allow(non_upper_case_globals)]
impl MechanismId {
    pub const fn new(key: &'static str, label: &'static str) -> Self {
        MechanismId { key, label }
    }
    pub fn key(self) -> &'static str {
        self.key
    }
    pub fn label(self) -> &'static str {
        self.label
    }

    pub const Owner: MechanismId = MechanismId::new("owner", "Record owner");
    pub const Queue: MechanismId = MechanismId::new("queue", "Queue member");
    pub const RoleHierarchy: MechanismId = MechanismId::new("role_hierarchy", "Role hierarchy");
    pub const OrgDefault: MechanismId = MechanismId::new("org_default", "Org-wide default");
    pub const ObjectPermissions: MechanismId =
        MechanismId::new("object_permissions", "View All / Modify All");
    pub const SharingRule: MechanismId = MechanismId::new("sharing_rule", "Sharing rule");
    pub const ManualShare: MechanismId = MechanismId::new("manual_share", "Manual share");
    pub const AccountTeam: MechanismId = MechanismId::new("account_team", "Account team");
    pub const OpportunityTeam: MechanismId =
        MechanismId::new("opportunity_team", "Opportunity team");
    pub const CaseTeam: MechanismId = MechanismId::new("case_team", "Case team");
    pub const ImplicitChild: MechanismId =
        MechanismId::new("implicit_child", "Account owner's implicit access");
    pub const ImplicitParent: MechanismId =
        MechanismId::new("implicit_parent", "Implicit parent access");
    pub const ControlledByParent: MechanismId =
        MechanismId::new("controlled_by_parent", "Controlled by Parent");
    pub const SharingSet: MechanismId = MechanismId::new("sharing_set", "Sharing set");
    pub const ShareGroup: MechanismId = MechanismId::new("share_group", "Share group");
    pub const RelatedParty: MechanismId = MechanismId::new("related_party", "Related party");
    pub const SoldProduct: MechanismId = MechanismId::new("sold_product", "Sold product");
    pub const CsmRole: MechanismId = MechanismId::new("csm_role", "CSM portal role");
    pub const Creator: MechanismId = MechanismId::new("creator", "Record creator");
    pub const Assignment: MechanismId =
        MechanismId::new("assignment", "Customer Success Manager assignment");
}

/// Equal keys; the same constant compares by address first (registry lookups are hot).
impl PartialEq for MechanismId {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.key, other.key) || self.key == other.key
    }
}

impl std::hash::Hash for MechanismId {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

/// `ImplicitParent` for `implicit_parent`, as the name reads in Rust.
impl std::fmt::Debug for MechanismId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for word in self.key.split('_') {
            let mut c = word.chars();
            if let Some(first) = c.next() {
                write!(f, "{}{}", first.to_ascii_uppercase(), c.as_str())?;
            }
        }
        Ok(())
    }
}

impl Serialize for MechanismId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key)
    }
}

impl schemars::JsonSchema for MechanismId {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "MechanismId".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let keys: Vec<&str> = super::REGISTRY.iter().map(|m| m.id().key).collect();
        schemars::json_schema!({ "type": "string", "enum": keys })
    }
}

/// One reason for access, with the level it gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Grant {
    pub level: Access,
    pub reason: Reason,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    Owner,
    QueueMember {
        queue: QueueIx,
        membership: Membership,
    },
    RoleHierarchy {
        manager_role: RoleIx,
        subordinate: UserIx,
        inner: Box<Reason>,
    },
    OrgDefault {
        object: ObjectKind,
        setting: Sharing,
        external: bool,
    },
    ObjectOverride {
        object: ObjectKind,
        permission: ObjectPermission,
        source: PermSource,
    },
    SystemOverride {
        permission: SystemPermission,
        source: PermSource,
    },
    SharingRule {
        rule: RuleIx,
        membership: Membership,
    },
    ManualShare {
        share: ShareIx,
        membership: Membership,
    },
    AccountTeam {
        member: TeamIx,
    },
    OpportunityTeam {
        member: TeamIx,
    },
    CaseTeam {
        member: TeamIx,
    },
    AccountOwnerChild {
        account: RecordIx,
        role: RoleIx,
    },
    ImplicitParent {
        child: RecordIx,
        inner: Box<Reason>,
    },
    ControlledByParent {
        parent: RecordIx,
        parent_level: Access,
        inner: Box<Reason>,
    },
    SharingSet {
        set: SetIx,
        mapping: usize,
        matched: RecordIx,
    },
    /// A mapping that applies to the user and object but whose lookup does not match.
    SharingSetMiss {
        set: SetIx,
        mapping: usize,
        found: Option<RecordIx>,
    },
    ShareGroup {
        set: SetIx,
        owner: UserIx,
        membership: Membership,
    },
    RelatedParty {
        party: PartyIx,
        responsibility: Option<RespIx>,
    },
    /// A case for a sold product the user reaches as a party (`party`) or as a contact of an
    /// account that does not restrict contact access (`None`).
    SoldProductCase {
        product: RecordIx,
        party: Option<PartyIx>,
    },
    AccountContactProduct {
        account: RecordIx,
    },
    CsmRole {
        role: CsmRole,
    },
    Creator {
        source: PermSource,
    },
    /// `assigned`: the account names the user; otherwise it is unassigned.
    Assignment {
        assigned: bool,
        source: PermSource,
    },
    /// A grant of a mechanism that tells its own reason (`Mechanism::describe`): a new
    /// mechanism needs no variant here.
    Fact(Fact),
}

/// What a mechanism that describes its own grants records about one: the record, rule, share
/// and principal membership involved, whichever apply.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub mechanism: MechanismId,
    pub record: Option<RecordIx>,
    pub rule: Option<RuleIx>,
    pub share: Option<ShareIx>,
    pub membership: Option<Membership>,
}

impl Fact {
    pub fn new(mechanism: MechanismId) -> Self {
        Fact {
            mechanism,
            record: None,
            rule: None,
            share: None,
            membership: None,
        }
    }
}

impl Reason {
    pub fn mechanism(&self) -> MechanismId {
        match self {
            Reason::Owner => MechanismId::Owner,
            Reason::QueueMember { .. } => MechanismId::Queue,
            Reason::RoleHierarchy { .. } => MechanismId::RoleHierarchy,
            Reason::OrgDefault { .. } => MechanismId::OrgDefault,
            Reason::ObjectOverride { .. } | Reason::SystemOverride { .. } => {
                MechanismId::ObjectPermissions
            }
            Reason::SharingRule { .. } => MechanismId::SharingRule,
            Reason::ManualShare { .. } => MechanismId::ManualShare,
            Reason::AccountTeam { .. } => MechanismId::AccountTeam,
            Reason::OpportunityTeam { .. } => MechanismId::OpportunityTeam,
            Reason::CaseTeam { .. } => MechanismId::CaseTeam,
            Reason::AccountOwnerChild { .. } => MechanismId::ImplicitChild,
            Reason::ImplicitParent { .. } => MechanismId::ImplicitParent,
            Reason::ControlledByParent { .. } => MechanismId::ControlledByParent,
            Reason::SharingSet { .. } | Reason::SharingSetMiss { .. } => MechanismId::SharingSet,
            Reason::ShareGroup { .. } => MechanismId::ShareGroup,
            Reason::RelatedParty { .. } => MechanismId::RelatedParty,
            Reason::SoldProductCase { .. } | Reason::AccountContactProduct { .. } => {
                MechanismId::SoldProduct
            }
            Reason::CsmRole { .. } => MechanismId::CsmRole,
            Reason::Creator { .. } => MechanismId::Creator,
            Reason::Assignment { .. } => MechanismId::Assignment,
            Reason::Fact(f) => f.mechanism,
        }
    }

    /// A sentence (or chain of clauses) saying why `holder` has this grant on `record`.
    pub fn describe(&self, ix: &Index, holder: UserIx, record: RecordIx) -> String {
        let who = &ix.user(holder).name;
        let rec = record_label(ix, record);
        match self {
            Reason::Fact(f) => match super::by_id(f.mechanism) {
                Some(m) => m.describe(ix, f, holder, record),
                None => format!("{} gives {who} access to {rec}.", f.mechanism.label()),
            },
            Reason::Owner => format!("{who} owns {rec}."),
            Reason::QueueMember { queue, membership } => format!(
                "{rec} is owned by the queue '{}', and {who} {}.",
                ix.queue(*queue).name,
                member_text(ix, membership, "is a member of it")
            ),
            Reason::RoleHierarchy {
                manager_role,
                subordinate,
                inner,
            } => {
                let sub = ix.user(*subordinate);
                let sub_role = sub.role.unwrap_or(*manager_role);
                format!(
                    "{who} ({}) is above {} ({}) in the role hierarchy ({}), so inherits {}'s access: {}",
                    ix.role(*manager_role).name,
                    sub.name,
                    ix.role(sub_role).name,
                    ix.role_chain(*manager_role, sub_role),
                    sub.name,
                    inner.describe(ix, *subordinate, record)
                )
            }
            Reason::OrgDefault {
                object,
                setting,
                external,
            } => format!(
                "The {} org-wide default for {} is {}.",
                if *external { "external" } else { "internal" },
                ix.object_label(*object),
                setting.label()
            ),
            Reason::ObjectOverride {
                object,
                permission,
                source,
            } => format!(
                "{who} has \"{}\" on {} from {}, which ignores sharing.",
                match permission {
                    ObjectPermission::ModifyAll => "Modify All",
                    _ => "View All",
                },
                ix.object_label(*object),
                ix.perm_source_name(*source)
            ),
            Reason::SystemOverride { permission, source } => format!(
                "{who} has \"{}\" from {}, which ignores sharing.",
                match permission {
                    SystemPermission::ModifyAllData => "Modify All Data",
                    SystemPermission::ViewAllData => "View All Data",
                },
                ix.perm_source_name(*source)
            ),
            Reason::SharingRule { rule, membership } => {
                let r = &ix.rules[rule.ix()];
                let what = match &r.select {
                    SelectorIx::OwnedBy(p) => {
                        let picked = match ix.record(record).owner {
                            Owner::User(o) => ix
                                .membership(o, *p)
                                .map(|m| {
                                    format!(
                                        " ({} owns it and {})",
                                        ix.user(o).name,
                                        member_text(ix, &m, "is named in it")
                                    )
                                })
                                .unwrap_or_default(),
                            Owner::Queue(_) => String::new(),
                        };
                        format!("records owned by {}{picked}", principal_label(ix, *p))
                    }
                    SelectorIx::Criteria(c) => format!(
                        "records where {}",
                        c.iter()
                            .map(|(f, v)| format!("{f} is {}", v.join(" or ")))
                            .collect::<Vec<_>>()
                            .join(" and ")
                    ),
                };
                format!(
                    "Sharing rule '{}' shares {} {} with {} at {}; {who} {}.",
                    r.name,
                    ix.object_label(r.object),
                    what,
                    principal_label(ix, r.share_with),
                    r.access.access().label(),
                    member_text(ix, membership, "is named in it")
                )
            }
            Reason::ManualShare { share, membership } => {
                let m = &ix.manual_shares[share.ix()];
                format!(
                    "{} '{}' gives {} {} on {rec}; {who} {}.",
                    m.name,
                    m.id,
                    principal_label(ix, m.with),
                    m.access.access().label(),
                    member_text(ix, membership, "is named in it")
                )
            }
            Reason::AccountTeam { member } => {
                let t = &ix.account_teams[member.ix()];
                let account = record_label(ix, t.account);
                let role = team_role(&t.team_role);
                if t.account == record {
                    format!(
                        "{who} is on the account team of {account}{role} with {} account access.",
                        t.account_access.access().label()
                    )
                } else {
                    let object = ix.record(record).object;
                    let level = match object {
                        ObjectKind::Case => t.case_access,
                        ObjectKind::Opportunity => t.opportunity_access,
                        _ => t.contact_access,
                    };
                    format!(
                        "{who} is on the account team of {account}{role} with {} {} access, and {rec} belongs to that account.",
                        level.access().label(),
                        ix.object_label(object)
                    )
                }
            }
            Reason::OpportunityTeam { member } | Reason::CaseTeam { member } => {
                let (t, kind) = match self {
                    Reason::OpportunityTeam { .. } => {
                        (&ix.opportunity_teams[member.ix()], "opportunity")
                    }
                    _ => (&ix.case_teams[member.ix()], "case"),
                };
                format!(
                    "{who} is on the {kind} team of {rec}{} with {} access.",
                    team_role(&t.team_role),
                    t.access.access().label()
                )
            }
            Reason::AccountOwnerChild { account, role } => {
                let object = ix.record(record).object;
                format!(
                    "{who} owns the parent {}, and their role '{}' gives account owners {} access to the account's {}s.",
                    record_label(ix, *account),
                    ix.role(*role).name,
                    self_level(ix, *role, object).label(),
                    object.key()
                )
            }
            Reason::ImplicitParent { child, inner } => format!(
                "Access to {}, a child of this account, gives Read on the account: {}",
                record_label(ix, *child),
                inner.describe(ix, holder, *child)
            ),
            Reason::ControlledByParent {
                parent,
                parent_level,
                inner,
            } => format!(
                "{} is Controlled by Parent, so {who} gets the {} they have on {}: {}",
                ix.object_label(ix.record(record).object),
                parent_level.label(),
                record_label(ix, *parent),
                inner.describe(ix, holder, *parent)
            ),
            Reason::SharingSet { set, mapping, matched } => {
                let set = &ix.sharing_sets[set.ix()];
                let m = &set.mappings[*mapping];
                let profiles = set
                    .profiles
                    .iter()
                    .map(|p| format!("'{}'", ix.profiles[p.ix()].name))
                    .collect::<Vec<_>>()
                    .join(", ");
                let object = ix.record(record).object;
                format!(
                    "Sharing set '{}' (profiles {profiles}) maps User.{:?} = {}.{} at {}: {who}'s {} is {}, and so is the {} of {rec}.",
                    set.name,
                    m.user_field,
                    ix.object_label(object),
                    m.target.text(),
                    m.access.access().label(),
                    format!("{:?}", m.user_field).to_lowercase(),
                    record_label(ix, *matched),
                    m.target.text().to_lowercase()
                )
            }
            Reason::SharingSetMiss { set, mapping, found } => {
                let set = &ix.sharing_sets[set.ix()];
                let m = &set.mappings[*mapping];
                let object = ix.record(record).object;
                let mine = ix
                    .user_field(holder, m.user_field)
                    .map(|r| record_label(ix, r))
                    .unwrap_or_else(|| "not set".into());
                let theirs = match found {
                    Some(r) => format!("is {}", record_label(ix, *r)),
                    None => "is empty (a link in the path is missing)".into(),
                };
                format!(
                    "Sharing set '{}' maps User.{:?} = {}.{}, but {who}'s {} is {mine} while the {} of {rec} {theirs}.",
                    set.name,
                    m.user_field,
                    ix.object_label(object),
                    m.target.text(),
                    format!("{:?}", m.user_field).to_lowercase(),
                    m.target.text().to_lowercase()
                )
            }
            Reason::ShareGroup { set, owner, membership } => format!(
                "{rec} is owned by {}, a high-volume portal user covered by sharing set '{}', whose share group includes {who} ({}).",
                ix.user(*owner).name,
                ix.sharing_sets[set.ix()].name,
                member_text(ix, membership, "named in it")
            ),
            Reason::RelatedParty { party, responsibility } => {
                let p = &ix.related_parties[party.ix()];
                let cfg = &ix.party_configs[p.config.ix()];
                let as_what = match p.party {
                    PartyIxRef::User(_) => String::new(),
                    PartyIxRef::Contact(c) => format!(" (as contact '{}')", ix.record(c).name),
                    PartyIxRef::Account(a) => format!(" (as a user of account '{}')", ix.record(a).name),
                };
                let head = format!("{who} is a related party of {rec}{as_what} with relationship type '{}'", cfg.name);
                let table = ix.record(record).object;
                match responsibility {
                    None => format!("{head}, which carries no responsibility, so it gives no access."),
                    Some(r) => {
                        let resp = &ix.responsibilities[r.ix()];
                        let origin = if p.override_responsibility.is_some() {
                            "set by the agent in place of the relationship's default"
                        } else {
                            "the relationship's default"
                        };
                        match resp.access.get(&table) {
                            Some(a) => format!(
                                "{head}; its responsibility '{}' ({origin}) gives {} on {}.",
                                resp.name,
                                a.access().label(),
                                table.label()
                            ),
                            None => format!(
                                "{head}; its responsibility '{}' ({origin}) has no access configured on {}.",
                                resp.name,
                                table.label()
                            ),
                        }
                    }
                }
            }
            Reason::SoldProductCase { product, party } => match party {
                Some(p) => {
                    let rp = &ix.related_parties[p.ix()];
                    let cfg = &ix.party_configs[rp.config.ix()];
                    let resp = rp
                        .responsibility(ix)
                        .map(|r| ix.responsibilities[r.ix()].name.clone())
                        .unwrap_or_default();
                    format!(
                        "{rec} is about the sold product '{}', and {who} is that product's related party ('{}', responsibility '{resp}'), which reaches the product's cases.",
                        ix.record(*product).name,
                        cfg.name
                    )
                }
                None => format!(
                    "{rec} is about the sold product '{}', which {who} reads as a contact of its account (Restrict Contact Access is off), so they read its cases too.",
                    ix.record(*product).name
                ),
            },
            Reason::AccountContactProduct { account } => format!(
                "{who} is a contact of {}, which does not restrict contact access, so every contact of it reads its sold products.",
                record_label(ix, *account)
            ),
            Reason::Creator { source } => format!(
                "{who} created {rec}, and {} gives creators access to what they create.",
                ix.perm_source_name(*source)
            ),
            Reason::Assignment { assigned, source } => format!(
                "{} {}, and {} gives Customer Success Managers access to their own and unassigned accounts.",
                rec,
                if *assigned {
                    format!("names {who} as its Customer Success Manager")
                } else {
                    "has no Customer Success Manager".to_string()
                },
                ix.perm_source_name(*source)
            ),
            Reason::CsmRole { role } => {
                let why = match role {
                    CsmRole::Customer => "customers see their own cases and the cases opened for them".to_string(),
                    CsmRole::CustomerCaseManager | CsmRole::CustomerAdmin => format!(
                        "it covers every case of their account {} and the accounts below it",
                        ix.user(holder).account.map(|a| record_label(ix, a)).unwrap_or_default()
                    ),
                    CsmRole::Partner | CsmRole::PartnerAdmin => format!(
                        "it covers the cases of their account {} and of the customer accounts it serves",
                        ix.user(holder).account.map(|a| record_label(ix, a)).unwrap_or_default()
                    ),
                };
                format!("{who} has the ServiceNow role {}: {why}.", role.key())
            }
        }
    }
}

fn self_level(ix: &Index, role: RoleIx, object: ObjectKind) -> Access {
    let r = ix.role(role);
    match object {
        ObjectKind::Case => r.case_access_for_account_owner,
        ObjectKind::Opportunity => r.opportunity_access_for_account_owner,
        _ => r.contact_access_for_account_owner,
    }
    .access()
}

fn team_role(r: &str) -> String {
    if r.is_empty() {
        String::new()
    } else {
        format!(" as {r}")
    }
}

/// "case 'Printer jam'".
pub fn record_label(ix: &Index, r: RecordIx) -> String {
    let rec = ix.record(r);
    // "sold product 'Chiller'", not "sold_product 'Chiller'".
    format!("{} '{}'", ix.object_noun(rec.object), rec.name)
}

pub fn principal_label(ix: &Index, p: PrincipalIx) -> String {
    match p {
        PrincipalIx::User(u) => format!("user {}", ix.user(u).name),
        PrincipalIx::Role(r) => format!("role '{}'", ix.role(r).name),
        PrincipalIx::RoleAndSubordinates(r) => {
            format!("role '{}' and its subordinates", ix.role(r).name)
        }
        PrincipalIx::RoleAndInternalSubordinates(r) => {
            format!("role '{}' and its internal subordinates", ix.role(r).name)
        }
        PrincipalIx::Group(g) => format!("group '{}'", ix.group(g).name),
    }
}

/// How the holder belongs to a principal, as a clause ("is in group 'Sales' through role ...").
pub fn member_text(ix: &Index, m: &Membership, direct: &str) -> String {
    let mut parts = Vec::new();
    if !m.groups.is_empty() {
        let names: Vec<String> = m
            .groups
            .iter()
            .map(|g| format!("'{}'", ix.group(*g).name))
            .collect();
        let chain = crate::engine::index::elide(names, 6, "groups").join(" which contains ");
        parts.push(format!("is in group {chain}"));
    }
    let via = match m.via {
        MemberVia::User if m.groups.is_empty() => direct.to_string(),
        MemberVia::User => "as a named member".to_string(),
        MemberVia::Role(r) => format!("holds role '{}'", ix.role(r).name),
        MemberVia::RoleAndSubordinates { top, user_role } if top == user_role => {
            format!("holds role '{}'", ix.role(top).name)
        }
        MemberVia::RoleAndSubordinates { top, user_role } => format!(
            "holds role '{}', which is below '{}' ({})",
            ix.role(user_role).name,
            ix.role(top).name,
            ix.role_chain(top, user_role)
        ),
    };
    parts.push(via);
    parts.join(", ")
}
