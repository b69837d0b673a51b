//! Roles, public groups and queues. Portal roles are recognised and left to the engine, which
//! makes them per account from the users' portal roles, as Salesforce does.

use std::collections::BTreeSet;

use super::xml::{self, Doc};
use super::{object_kind, Cx};
use crate::engine::level::ChildAccess;
use crate::engine::scenario::{Group, ObjectKind, Principal, Queue, Role};

/// The developer-name and label endings of the roles Salesforce creates for a portal account
/// ("Acme Customer User", AcmeCustomerUser).
const PORTAL_SUFFIXES: [(&str, &str); 6] = [
    ("CustomerUser", " Customer User"),
    ("CustomerManager", " Customer Manager"),
    ("CustomerExecutive", " Customer Executive"),
    ("PartnerUser", " Partner User"),
    ("PartnerManager", " Partner Manager"),
    ("PartnerExecutive", " Partner Executive"),
];

pub(crate) fn is_portal_role(name: &str, label: &str) -> bool {
    PORTAL_SUFFIXES.iter().any(|(n, l)| {
        name.len() > n.len() && name.ends_with(n) && label.len() > l.len() && label.ends_with(l)
    })
}

/// Role access settings (None / Read / Edit; left out means None, the Setup default).
pub fn child_access(v: Option<&str>) -> Result<ChildAccess, String> {
    match v {
        None | Some("None") => Ok(ChildAccess::None),
        Some("Read") => Ok(ChildAccess::Read),
        Some("Edit") => Ok(ChildAccess::Edit),
        Some(other) => Err(format!("unknown access level '{other}'")),
    }
}

pub fn roles<'a>(cx: &mut Cx, docs: impl Iterator<Item = &'a Doc<'a>>) {
    const TY: &str = "Role";
    let mut found = Vec::new();
    for d in docs {
        match d.expect_root("Role") {
            Ok(root) => {
                let read = &[
                    "name",
                    "parentRole",
                    "caseAccessLevel",
                    "contactAccessLevel",
                    "opportunityAccessLevel",
                    "fullName",
                ];
                d.check(
                    root,
                    "Role",
                    (read, &["description", "mayForecastManagerShare"]),
                    &mut cx.report,
                    TY,
                );
                let label = xml::text(root, "name").unwrap_or(&d.name);
                if is_portal_role(&d.name, label) {
                    cx.portal_roles.insert(d.name.to_lowercase());
                    cx.report.skipped(TY, &d.name, "a portal role (Salesforce makes Executive, Manager and User roles per portal account): the engine creates them from the portal users' portal_role under the account owner's role");
                } else if cx.has("role", &d.name) {
                    cx.report.skipped(
                        TY,
                        &d.name,
                        format!("a second role named {} ({})", d.name, d.file),
                    );
                } else {
                    let id = cx.id_for("role", &d.name);
                    found.push((d, root, id, label));
                }
            }
            Err(why) => cx.report.skipped(TY, &d.name, why),
        }
    }
    // Parents once every role has its id, whatever order the files came in.
    for (d, root, id, label) in found {
        let parent = xml::text(root, "parentRole");
        let parent_id = parent.and_then(|p| cx.id_of("role", p));
        if let (Some(p), None) = (parent, &parent_id) {
            cx.report.partial(
                TY,
                &d.name,
                format!(
                    "its parent role {p} is not among the imported roles: imported as a top role"
                ),
            );
        }
        let mut level = |field: &str| match child_access(xml::text(root, field)) {
            Ok(a) => a,
            Err(why) => {
                cx.report
                    .partial(TY, &d.name, format!("{field}: {why}; imported as None"));
                ChildAccess::None
            }
        };
        let role = Role {
            id,
            name: label.to_string(),
            parent: parent_id,
            case_access_for_account_owner: level("caseAccessLevel"),
            opportunity_access_for_account_owner: level("opportunityAccessLevel"),
            contact_access_for_account_owner: level("contactAccessLevel"),
        };
        cx.scenario.roles.push(role);
        cx.report.imported(TY);
    }
}

pub fn groups<'a>(cx: &mut Cx, docs: impl Iterator<Item = &'a Doc<'a>>) {
    const TY: &str = "Group";
    for d in docs {
        let root = match d.expect_root("Group") {
            Ok(r) => r,
            Err(why) => {
                cx.report.skipped(TY, &d.name, why);
                continue;
            }
        };
        d.check(
            root,
            "Group",
            (
                &["name", "doesIncludeBosses", "fullName"],
                &["description", "doesSendEmailToMembers"],
            ),
            &mut cx.report,
            TY,
        );
        if cx.has("group", &d.name) {
            cx.report
                .skipped(TY, &d.name, format!("a second group named {}", d.name));
            continue;
        }
        if xml::flag(root, "doesIncludeBosses") == Some(false) {
            cx.report.partial(TY, &d.name, "Grant Access Using Hierarchies is off: the engine always lets the users above a group's members inherit what is shared with the group");
        }
        let id = cx.id_for("group", &d.name);
        let name = xml::text(root, "name").unwrap_or(&d.name).to_string();
        cx.scenario.groups.push(Group {
            id,
            name,
            members: Vec::new(),
        });
        cx.report.imported(TY);
    }
    if cx.report.types.contains_key(TY) {
        cx.report.of(TY).notes.push("Group metadata carries no members (Salesforce doesn't deploy them): the groups are imported empty; add members in the editor or from GroupMember data".into());
    }
}

/// A queue's or rule's role or group reference as a principal, or why it can't be one.
pub fn principal(cx: &Cx, kind: &str, name: &str) -> Result<Principal, String> {
    let role = |wrap: fn(String) -> Principal| {
        if cx.portal_roles.contains(&name.to_lowercase()) {
            return Err(format!("portal role {name}: the engine makes portal roles per account from the data, so nothing can name one here"));
        }
        cx.id_of("role", name)
            .map(wrap)
            .ok_or_else(|| format!("role {name} is not among the imported roles"))
    };
    match kind {
        "role" | "roles" => role(Principal::Role),
        "roleAndSubordinates" | "rolesAndSubordinates" => role(Principal::RoleAndSubordinates),
        "roleAndSubordinatesInternal" => role(Principal::RoleAndInternalSubordinates),
        "group" | "groups" | "publicGroup" => cx
            .id_of("group", name)
            .map(Principal::Group)
            .ok_or_else(|| format!("group {name} is not among the imported groups")),
        "allInternalUsers" => Err("All Internal Users: the engine has no principal for every internal user".into()),
        "allCustomerPortalUsers" | "allPartnerUsers" => Err(format!("{kind}: the engine has no principal for every portal user")),
        "portalRole" | "portalRoleAndSubordinates" => Err(format!("portal role {name}: the engine makes portal roles per account from the data, so nothing can name one here")),
        "managers" | "managerSubordinates" => Err(format!("{kind} {name}: manager groups follow users' managers, which the engine does not model")),
        "territory" | "territories" | "territoryAndSubordinates" | "territoriesAndSubordinates" => Err(format!("territory {name}: territories are not modelled")),
        "queue" => Err(format!("queue {name}: the engine's sharing rules share with roles and groups")),
        "channelProgramGroup" | "channelProgramGroups" => Err(format!("channel program group {name} is not modelled")),
        "guestUser" => Err(format!("guest user {name}: guest users are not modelled")),
        other => Err(format!("{other} {name} is not a principal the engine knows")),
    }
}

pub fn queues<'a>(cx: &mut Cx, docs: impl Iterator<Item = &'a Doc<'a>>) {
    const TY: &str = "Queue";
    for d in docs {
        let root = match d.expect_root("Queue") {
            Ok(r) => r,
            Err(why) => {
                cx.report.skipped(TY, &d.name, why);
                continue;
            }
        };
        let read = &[
            "name",
            "queueSobject",
            "queueMembers",
            "doesIncludeBosses",
            "fullName",
        ];
        d.check(
            root,
            "Queue",
            (
                read,
                &[
                    "doesSendEmailToMembers",
                    "email",
                    "queueRoutingConfig",
                    "description",
                ],
            ),
            &mut cx.report,
            TY,
        );
        if cx.has("queue", &d.name) {
            cx.report
                .skipped(TY, &d.name, format!("a second queue named {}", d.name));
            continue;
        }
        let mut objects = BTreeSet::new();
        for s in xml::all(root, "queueSobject") {
            d.check(
                s,
                "Queue/queueSobject",
                (&["sobjectType"], &[]),
                &mut cx.report,
                TY,
            );
            let Some(sf) = xml::text(s, "sobjectType") else {
                continue;
            };
            match object_kind(cx, sf) {
                Some(o @ (ObjectKind::Case | ObjectKind::Lead)) => {
                    objects.insert(o);
                }
                Some(ObjectKind::Custom(c)) if !cx.details.contains(&c) => {
                    objects.insert(ObjectKind::Custom(c));
                }
                _ => cx.report.partial(TY, &d.name, format!("{sf} left out of the queue's objects: the engine's queues own cases, leads and imported custom objects that aren't details")),
            }
        }
        let mut members = Vec::new();
        let mut users = 0;
        for m in xml::all(root, "queueMembers") {
            for list in xml::kids(m) {
                let kind = list.tag_name().name();
                for one in xml::kids(list) {
                    let Some(name) = one.text().map(str::trim) else {
                        continue;
                    };
                    let single = one.tag_name().name();
                    if kind == "users" {
                        users += 1;
                        continue;
                    }
                    let ask = match kind {
                        "publicGroups" => "group",
                        "roles" => "role",
                        "roleAndSubordinates" => "roleAndSubordinates",
                        "roleAndSubordinatesInternal" => "roleAndSubordinatesInternal",
                        _ => single,
                    };
                    match principal(cx, ask, name) {
                        Ok(p) => members.push(p),
                        Err(why) => {
                            cx.report
                                .partial(TY, &d.name, format!("member left out: {why}"))
                        }
                    }
                }
            }
        }
        if users > 0 {
            cx.report.partial(
                TY,
                &d.name,
                format!("{users} user members left out: users come with data, not metadata"),
            );
        }
        let id = cx.id_for("queue", &d.name);
        let name = xml::text(root, "name").unwrap_or(&d.name).to_string();
        let include_bosses = xml::flag(root, "doesIncludeBosses").unwrap_or(true);
        cx.scenario.queues.push(Queue {
            id,
            name,
            objects,
            members,
            include_bosses,
        });
        cx.report.imported(TY);
    }
}
