//! The design part of a scenario: what Salesforce metadata holds (roles, groups, queues,
//! sharing rules, sharing sets, org-wide defaults, custom objects, profile and permission set
//! permissions), normalised so that two scenarios with the same design compare equal.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::sf_object;
use super::write::rule_name;
use crate::engine::level::{ChildAccess, ShareAccess};
use crate::engine::scenario::*;

/// Salesforce's dependent object permissions, as the engine closes them: Modify All needs View
/// All, Delete, Edit and Read; View All, Create and Edit need Read; Delete needs Edit.
pub fn closed(perms: &BTreeSet<ObjectPermission>) -> BTreeSet<ObjectPermission> {
    use ObjectPermission::*;
    let mut s = perms.clone();
    if s.contains(&ModifyAll) {
        s.extend([ViewAll, Delete, Edit, Read]);
    }
    if s.contains(&Delete) {
        s.insert(Edit);
    }
    if [ViewAll, Create, Edit].iter().any(|p| s.contains(p)) {
        s.insert(Read);
    }
    s
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleDesign {
    pub name: String,
    pub parent: Option<String>,
    pub case: ChildAccess,
    pub opportunity: ChildAccess,
    pub contact: ChildAccess,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupDesign {
    pub name: String,
    /// `kind:id`, as a set.
    pub members: BTreeSet<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueueDesign {
    pub name: String,
    pub objects: BTreeSet<String>,
    pub members: BTreeSet<String>,
    pub include_bosses: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CustomDesign {
    pub label: String,
    /// The defaults in effect (a detail's Controlled by Parent, the external one defaulting to
    /// the internal one).
    pub internal: Sharing,
    pub external: Sharing,
    pub grant_access_using_hierarchies: bool,
    /// (field, master object).
    pub master: Option<(String, String)>,
    /// field -> what it points at.
    pub lookups: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PermDesign {
    pub name: String,
    /// Closed under Salesforce's dependencies; objects with no permission left out.
    pub objects: BTreeMap<String, BTreeSet<ObjectPermission>>,
    /// Modify All Data brings View All Data.
    pub system: BTreeSet<SystemPermission>,
    pub creator_access: ChildAccess,
    pub assigned_account_access: ChildAccess,
    pub config: BTreeSet<ConfigArea>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Select {
    OwnedBy(String),
    /// (field, any of these values), ANDed in order.
    Criteria(Vec<(String, Vec<String>)>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleDesign {
    pub name: String,
    pub object: String,
    pub select: Select,
    pub share_with: String,
    pub access: ShareAccess,
    pub case: ChildAccess,
    pub opportunity: ChildAccess,
    pub contact: ChildAccess,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct MappingDesign {
    pub object: String,
    pub user_field: String,
    pub target: String,
    pub access: ShareAccess,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SetDesign {
    pub name: String,
    /// Profile names (Salesforce names profiles by name).
    pub profiles: BTreeSet<String>,
    pub mappings: BTreeSet<MappingDesign>,
    pub share_group: Option<(BTreeSet<String>, ShareAccess)>,
}

/// The design part, keyed the way Salesforce identifies each component: roles, groups, queues,
/// permission sets and sharing sets by id (their developer name); profiles by name; sharing
/// rules by id without the `Object.` the importer puts before it; org-wide defaults for every
/// standard object, left-out ones as the Private they mean. Users, records, teams, shares,
/// ServiceNow and CustomerSuccessBox configuration, expectations and exercises are not in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DesignPart {
    pub roles: BTreeMap<String, RoleDesign>,
    pub groups: BTreeMap<String, GroupDesign>,
    pub queues: BTreeMap<String, QueueDesign>,
    pub org_defaults: BTreeMap<String, (Sharing, Sharing)>,
    pub custom_objects: BTreeMap<String, CustomDesign>,
    pub profiles: BTreeMap<String, PermDesign>,
    pub permission_sets: BTreeMap<String, PermDesign>,
    pub sharing_rules: BTreeMap<String, RuleDesign>,
    pub sharing_sets: BTreeMap<String, SetDesign>,
}

fn principal(p: &Principal) -> String {
    match p {
        Principal::User(x) => format!("user:{x}"),
        Principal::Role(x) => format!("role:{x}"),
        Principal::RoleAndSubordinates(x) => format!("role_and_subordinates:{x}"),
        Principal::RoleAndInternalSubordinates(x) => {
            format!("role_and_internal_subordinates:{x}")
        }
        Principal::Group(x) => format!("group:{x}"),
    }
}

fn perms(p: &Profile) -> PermDesign {
    let mut system = p.system.clone();
    if system.contains(&SystemPermission::ModifyAllData) {
        system.insert(SystemPermission::ViewAllData);
    }
    PermDesign {
        name: p.name.clone(),
        objects: p
            .objects
            .iter()
            .map(|(o, s)| (o.key().to_string(), closed(s)))
            .filter(|(_, s)| !s.is_empty())
            .collect(),
        system,
        creator_access: p.creator_access,
        assigned_account_access: p.assigned_account_access,
        config: p.config.clone(),
    }
}

impl DesignPart {
    pub fn of(s: &Scenario) -> DesignPart {
        let profile_name: BTreeMap<&str, &str> = s
            .profiles
            .iter()
            .map(|p| (p.id.as_str(), p.name.as_str()))
            .collect();
        DesignPart {
            roles: s
                .roles
                .iter()
                .map(|r| {
                    let d = RoleDesign {
                        name: r.name.clone(),
                        parent: r.parent.clone(),
                        case: r.case_access_for_account_owner,
                        opportunity: r.opportunity_access_for_account_owner,
                        contact: r.contact_access_for_account_owner,
                    };
                    (r.id.clone(), d)
                })
                .collect(),
            groups: s
                .groups
                .iter()
                .map(|g| {
                    let members = g.members.iter().map(principal).collect();
                    (
                        g.id.clone(),
                        GroupDesign {
                            name: g.name.clone(),
                            members,
                        },
                    )
                })
                .collect(),
            queues: s
                .queues
                .iter()
                .map(|q| {
                    let d = QueueDesign {
                        name: q.name.clone(),
                        objects: q.objects.iter().map(|o| o.key().to_string()).collect(),
                        members: q.members.iter().map(principal).collect(),
                        include_bosses: q.include_bosses,
                    };
                    (q.id.clone(), d)
                })
                .collect(),
            org_defaults: ObjectKind::ALL
                .iter()
                .map(|o| {
                    let d = default_of(&s.org_defaults, *o);
                    (o.key().to_string(), (d.internal, d.external()))
                })
                .collect(),
            custom_objects: s
                .custom_objects
                .iter()
                .map(|c| {
                    let d = c.org_default();
                    let to = |t: LookupTo| match t {
                        LookupTo::User => "user".to_string(),
                        LookupTo::Object(o) => o.key().to_string(),
                    };
                    let cd = CustomDesign {
                        label: c.label.clone(),
                        internal: d.internal,
                        external: d.external(),
                        grant_access_using_hierarchies: c.grant_access_using_hierarchies,
                        master: c
                            .master_detail
                            .as_ref()
                            .map(|m| (m.field.as_str().to_string(), m.master.key().to_string())),
                        lookups: c
                            .lookups
                            .iter()
                            .map(|l| (l.field.as_str().to_string(), to(l.to)))
                            .collect(),
                    };
                    (c.api_name.as_str().to_string(), cd)
                })
                .collect(),
            profiles: s
                .profiles
                .iter()
                .map(|p| (p.name.clone(), perms(p)))
                .collect(),
            permission_sets: s
                .permission_sets
                .iter()
                .map(|p| (p.id.clone(), perms(p)))
                .collect(),
            sharing_rules: s
                .sharing_rules
                .iter()
                .map(|r| {
                    let sf = sf_object(r.object).unwrap_or(r.object.key());
                    let select = match &r.select {
                        RuleSelector::OwnedBy(t) => Select::OwnedBy(principal(&t.as_principal())),
                        RuleSelector::Criteria(cs) => Select::Criteria(
                            cs.iter()
                                .map(|c| (c.field.clone(), c.equals.clone()))
                                .collect(),
                        ),
                    };
                    let d = RuleDesign {
                        name: r.name.clone(),
                        object: r.object.key().to_string(),
                        select,
                        share_with: principal(&r.share_with.as_principal()),
                        access: r.access,
                        case: r.case_access,
                        opportunity: r.opportunity_access,
                        contact: r.contact_access,
                    };
                    (rule_name(sf, &r.id).to_string(), d)
                })
                .collect(),
            sharing_sets: s
                .sharing_sets
                .iter()
                .map(|x| {
                    let d = SetDesign {
                        name: x.name.clone(),
                        profiles: x
                            .profiles
                            .iter()
                            .map(|p| {
                                profile_name
                                    .get(p.as_str())
                                    .copied()
                                    .unwrap_or(p)
                                    .to_string()
                            })
                            .collect(),
                        mappings: x
                            .mappings
                            .iter()
                            .map(|m| MappingDesign {
                                object: m.object.key().to_string(),
                                user_field: format!("{:?}", m.user_field),
                                target: m.target.key(),
                                access: m.access,
                            })
                            .collect(),
                        share_group: x
                            .share_group
                            .as_ref()
                            .map(|g| (g.members.iter().map(principal).collect(), g.access)),
                    };
                    (x.id.clone(), d)
                })
                .collect(),
        }
    }
}
