//! One writer per metadata type, in the element order a retrieve gives (Metadata API Developer
//! Guide): Role, Group, Queue, CustomObject and CustomField, SharingRules, SharingSet,
//! SharingSettings and the SFDX project file (profiles and permission sets: `perms`).

use std::collections::{BTreeMap, BTreeSet};

use super::xml::Xml;
use super::{sf_object, Cx};
use crate::engine::level::{ChildAccess, ShareAccess};
use crate::engine::scenario::*;

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn child(a: ChildAccess) -> &'static str {
    match a {
        ChildAccess::None => "None",
        ChildAccess::Read => "Read",
        ChildAccess::Edit => "Edit",
    }
}

fn share(a: ShareAccess) -> &'static str {
    match a {
        ShareAccess::Read => "Read",
        ShareAccess::Edit => "Edit",
    }
}

/// Salesforce's sharingModel values.
pub fn sharing_model(s: Sharing) -> &'static str {
    match s {
        Sharing::Private => "Private",
        Sharing::PublicRead => "Read",
        Sharing::PublicReadWrite => "ReadWrite",
        Sharing::PublicReadWriteTransfer => "ReadWriteTransfer",
        Sharing::ControlledByParent => "ControlledByParent",
    }
}

/// A display name, or the id when the name is empty (Salesforce requires a label).
pub(super) fn label<'a>(name: &'a str, id: &'a str) -> &'a str {
    if name.trim().is_empty() {
        id
    } else {
        name
    }
}

pub fn roles(cx: &mut Cx) {
    let s = cx.s;
    for r in &s.roles {
        let dev = cx.roles[&r.id].clone();
        let name = cx.text("Role name", &r.id, label(&r.name, &r.id));
        let mut x = Xml::new("Role");
        x.leaf("caseAccessLevel", child(r.case_access_for_account_owner))
            .leaf(
                "contactAccessLevel",
                child(r.contact_access_for_account_owner),
            )
            .flag("mayForecastManagerShare", false)
            .leaf("name", name)
            .leaf(
                "opportunityAccessLevel",
                child(r.opportunity_access_for_account_owner),
            );
        if let Some(p) = r.parent.as_ref().and_then(|p| cx.roles.get(p)) {
            x.leaf("parentRole", p);
        }
        cx.file(format!("roles/{dev}.role-meta.xml"), x.finish());
    }
}

/// A queue member's list and item elements, and its developer name.
fn member(cx: &Cx, p: &Principal) -> Option<(&'static str, &'static str, String)> {
    let (list, item, map, id) = match p {
        Principal::Group(g) => ("publicGroups", "publicGroup", &cx.groups, g),
        Principal::Role(r) => ("roles", "role", &cx.roles, r),
        Principal::RoleAndSubordinates(r) => {
            ("roleAndSubordinates", "roleAndSubordinate", &cx.roles, r)
        }
        Principal::RoleAndInternalSubordinates(r) => (
            "roleAndSubordinatesInternal",
            "roleAndSubordinateInternal",
            &cx.roles,
            r,
        ),
        Principal::User(_) => return None,
    };
    map.get(id).map(|n| (list, item, n.clone()))
}

pub fn groups_and_queues(cx: &mut Cx) {
    let s = cx.s;
    for g in &s.groups {
        let dev = cx.groups[&g.id].clone();
        if !g.members.is_empty() {
            cx.lose("Group members", &g.id, format!("{}: Group metadata carries no members (they are GroupMember data; add them after deploying, or import GroupMember.csv)", plural(g.members.len(), "member")));
        }
        let name = cx.text("Group name", &g.id, label(&g.name, &g.id));
        let mut x = Xml::new("Group");
        x.flag("doesIncludeBosses", true).leaf("name", name);
        cx.file(format!("groups/{dev}.group-meta.xml"), x.finish());
    }
    for q in &s.queues {
        let dev = cx.groups[&q.id].clone();
        let users = q
            .members
            .iter()
            .filter(|m| matches!(m, Principal::User(_)))
            .count();
        if users > 0 {
            cx.lose("Queue user members", &q.id, format!("{}: users are data, not metadata (the importer reads queue members that are roles and groups)", plural(users, "user member")));
        }
        let mut lists: BTreeMap<&str, (&str, Vec<String>)> = BTreeMap::new();
        for m in &q.members {
            match member(cx, m) {
                Some((list, item, name)) => {
                    lists.entry(list).or_insert((item, Vec::new())).1.push(name)
                }
                None if !matches!(m, Principal::User(_)) => cx.lose(
                    "Queue member",
                    &q.id,
                    "a role or group that isn't in the scenario",
                ),
                None => {}
            }
        }
        let name = cx.text("Queue name", &q.id, label(&q.name, &q.id));
        let mut x = Xml::new("Queue");
        x.flag("doesIncludeBosses", q.include_bosses)
            .flag("doesSendEmailToMembers", false)
            .leaf("name", name);
        if !lists.is_empty() {
            x.open("queueMembers");
            for (list, (item, names)) in &lists {
                x.open(list);
                for n in names {
                    x.leaf(item, n);
                }
                x.close();
            }
            x.close();
        }
        for o in &q.objects {
            if let Some(sf) = sf_object(*o) {
                x.open("queueSobject").leaf("sobjectType", sf).close();
            }
        }
        cx.file(format!("queues/{dev}.queue-meta.xml"), x.finish());
    }
}

pub fn objects(cx: &mut Cx) {
    let s = cx.s;
    use ObjectKind as O;
    for o in s.org_defaults.keys() {
        if sf_object(*o).is_none() {
            cx.lose(
                "Org-wide default",
                o.key(),
                format!("{} is not a Salesforce object", o.label()),
            );
        }
    }
    for o in [
        O::Account,
        O::Contact,
        O::Case,
        O::Opportunity,
        O::Lead,
        O::Asset,
    ] {
        let d = default_of(&s.org_defaults, o);
        let sf = sf_object(o).unwrap_or_default();
        let mut x = Xml::new("CustomObject");
        x.leaf("externalSharingModel", sharing_model(d.external()))
            .leaf("sharingModel", sharing_model(d.internal));
        cx.file(format!("objects/{sf}/{sf}.object-meta.xml"), x.finish());
    }
    for c in &s.custom_objects {
        let api = c.api_name.as_str();
        let d = c.org_default();
        if !c.grant_access_using_hierarchies {
            cx.lose("Grant Access Using Hierarchies", api, "turned off, and the CustomObject metadata has no element for it: the importer takes it as on; turn it off in Setup after deploying");
        }
        let lbl = cx
            .text("Custom object label", api, label(&c.label, api))
            .to_string();
        let mut x = Xml::new("CustomObject");
        x.leaf("deploymentStatus", "Deployed")
            .leaf("externalSharingModel", sharing_model(d.external()))
            .leaf("label", &lbl)
            .open("nameField")
            .leaf("label", &format!("{lbl} Name"))
            .leaf("type", "Text")
            .close()
            .leaf("pluralLabel", &lbl)
            .leaf("sharingModel", sharing_model(d.internal));
        cx.file(format!("objects/{api}/{api}.object-meta.xml"), x.finish());
        let relationship = |field: ApiName| {
            let base = format!(
                "{}_{}",
                api.trim_end_matches("__c"),
                field.as_str().trim_end_matches("__c")
            );
            base.chars()
                .take(40)
                .collect::<String>()
                .trim_end_matches('_')
                .to_string()
        };
        if let Some(md) = &c.master_detail {
            let to = sf_object(md.master).unwrap_or_default();
            let mut f = Xml::new("CustomField");
            f.leaf("fullName", md.field.as_str())
                .leaf("label", md.field.label())
                .leaf("referenceTo", to)
                .leaf("relationshipName", &relationship(md.field))
                .leaf("relationshipOrder", "0")
                .flag("reparentableMasterDetail", false)
                .leaf("type", "MasterDetail")
                .flag("writeRequiresMasterRead", false);
            cx.file(
                format!("objects/{api}/fields/{}.field-meta.xml", md.field),
                f.finish(),
            );
        }
        for l in &c.lookups {
            let to = match l.to {
                LookupTo::User => "User",
                LookupTo::Object(o) => match sf_object(o) {
                    Some(sf) => sf,
                    None => {
                        cx.lose(
                            "Lookup field",
                            &format!("{api}.{}", l.field),
                            format!(
                                "it points at {}, which is not a Salesforce object",
                                o.label()
                            ),
                        );
                        continue;
                    }
                },
            };
            let mut f = Xml::new("CustomField");
            f.leaf("fullName", l.field.as_str())
                .leaf("deleteConstraint", "SetNull")
                .leaf("label", l.field.label())
                .leaf("referenceTo", to)
                .leaf("relationshipName", &relationship(l.field))
                .leaf("type", "Lookup");
            cx.file(
                format!("objects/{api}/fields/{}.field-meta.xml", l.field),
                f.finish(),
            );
        }
    }
}

/// The custom fields criteria rules test (`Status__c`), as Text fields so the rules deploy;
/// standard fields (`Status`, `Industry`) exist already.
pub fn criteria_fields(cx: &mut Cx) {
    let s = cx.s;
    let mut fields: BTreeSet<(&str, &str)> = BTreeSet::new();
    for r in &s.sharing_rules {
        let (Some(sf), RuleSelector::Criteria(cs)) = (sf_object(r.object), &r.select) else {
            continue;
        };
        let decl = s
            .custom_objects
            .iter()
            .find(|c| ObjectKind::Custom(c.api_name) == r.object);
        for c in cs.iter().filter(|c| is_custom_name(&c.field)) {
            let relation = decl.is_some_and(|d| {
                d.lookups.iter().any(|l| l.field.as_str() == c.field)
                    || d.master_detail
                        .as_ref()
                        .is_some_and(|m| m.field.as_str() == c.field)
            });
            if !relation {
                fields.insert((sf, c.field.as_str()));
            }
        }
    }
    for (sf, field) in fields {
        let label = ApiName::new(field)
            .map(|a| a.label().to_string())
            .unwrap_or_default();
        let mut f = Xml::new("CustomField");
        f.leaf("fullName", field)
            .leaf("label", &label)
            .leaf("length", "255")
            .leaf("type", "Text");
        cx.file(
            format!("objects/{sf}/fields/{field}.field-meta.xml"),
            f.finish(),
        );
    }
}

/// A rule's sharedTo / sharedFrom element and developer name.
fn target(cx: &Cx, t: &RuleTarget) -> Option<(&'static str, String)> {
    let (tag, map, id) = match t {
        RuleTarget::Role(r) => ("role", &cx.roles, r),
        RuleTarget::RoleAndSubordinates(r) => ("roleAndSubordinates", &cx.roles, r),
        RuleTarget::RoleAndInternalSubordinates(r) => ("roleAndSubordinatesInternal", &cx.roles, r),
        RuleTarget::Group(g) => ("group", &cx.groups, g),
    };
    map.get(id).map(|n| (tag, n.clone()))
}

/// A rule's fullName: its id without the `Object.` the importer puts before it.
pub fn rule_name<'a>(object: &str, id: &'a str) -> &'a str {
    id.strip_prefix(object)
        .and_then(|r| r.strip_prefix('.'))
        .filter(|r| !r.is_empty())
        .unwrap_or(id)
}

pub fn rules(cx: &mut Cx) {
    let s = cx.s;
    let mut by_object: BTreeMap<&str, Vec<&SharingRule>> = BTreeMap::new();
    for r in &s.sharing_rules {
        match sf_object(r.object) {
            Some(sf) => by_object.entry(sf).or_default().push(r),
            None => cx.lose(
                "Sharing rule",
                &r.id,
                format!(
                    "it shares {} records, and {} is not a Salesforce object",
                    r.object.noun(),
                    r.object.label()
                ),
            ),
        }
    }
    for (sf, list) in by_object {
        let names = cx.developer_names(
            "SharingRule",
            list.iter().map(|r| (rule_name(sf, &r.id), "")),
        );
        let mut x = Xml::new("SharingRules");
        // Criteria rules first, then owner rules, as a retrieve lists them.
        for owner_pass in [false, true] {
            for r in &list {
                let owned = match &r.select {
                    RuleSelector::OwnedBy(t) => Some(t),
                    RuleSelector::Criteria(_) => None,
                };
                if owned.is_some() != owner_pass {
                    continue;
                }
                if let RuleSelector::Criteria(cs) = &r.select {
                    let bad = cs
                        .iter()
                        .flat_map(|c| &c.equals)
                        .find(|v| v.contains(',') || v.trim() != v.as_str() || v.is_empty());
                    if let Some(v) = bad {
                        cx.lose("Sharing rule", &r.id, format!("its criterion value '{v}' has a comma or surrounding spaces, which a criteriaItems value can't hold (commas separate values)"));
                        continue;
                    }
                }
                let (Some(to), from) = (target(cx, &r.share_with), owned.map(|t| target(cx, t)))
                else {
                    cx.lose(
                        "Sharing rule",
                        &r.id,
                        "it shares with a role or group that isn't in the scenario",
                    );
                    continue;
                };
                if from == Some(None) {
                    cx.lose(
                        "Sharing rule",
                        &r.id,
                        "it selects records owned by a role or group that isn't in the scenario",
                    );
                    continue;
                }
                let full = &names[rule_name(sf, &r.id)];
                let kind = if owner_pass {
                    "sharingOwnerRules"
                } else {
                    "sharingCriteriaRules"
                };
                x.open(kind)
                    .leaf("fullName", full)
                    .leaf("accessLevel", share(r.access));
                if r.object == ObjectKind::Account {
                    x.open("accountSettings")
                        .leaf("caseAccessLevel", child(r.case_access))
                        .leaf("contactAccessLevel", child(r.contact_access))
                        .leaf("opportunityAccessLevel", child(r.opportunity_access))
                        .close();
                }
                let name = cx.text("Sharing rule label", &r.id, label(&r.name, &r.id));
                x.leaf("label", name)
                    .open("sharedTo")
                    .leaf(to.0, &to.1)
                    .close();
                match (&r.select, from) {
                    (_, Some(Some((tag, n)))) => {
                        x.open("sharedFrom").leaf(tag, &n).close();
                    }
                    (RuleSelector::Criteria(cs), None) => {
                        for c in cs {
                            x.open("criteriaItems")
                                .leaf("field", &c.field)
                                .leaf("operation", "equals")
                                .leaf("value", &c.equals.join(","))
                                .close();
                        }
                        x.flag("includeRecordsOwnedByAll", true);
                    }
                    _ => {}
                }
                x.close();
            }
        }
        cx.file(
            format!("sharingRules/{sf}.sharingRules-meta.xml"),
            x.finish(),
        );
    }
}

/// An access mapping's objectField: `AccountId`, `Asset.AccountId`, `Borrower__c`,
/// `Borrower__r.AccountId`, `Application__r.Borrower__c`.
fn object_field(t: TargetPath) -> String {
    let rel = |f: ApiName| format!("{}__r", f.as_str().trim_end_matches("__c"));
    match t {
        TargetPath::Id => "Id".into(),
        TargetPath::Account => "AccountId".into(),
        TargetPath::Contact => "ContactId".into(),
        TargetPath::AssetAccount => "Asset.AccountId".into(),
        TargetPath::AssetContact => "Asset.ContactId".into(),
        TargetPath::ContactAccount => "Contact.AccountId".into(),
        TargetPath::Lookup(f, None) => f.as_str().into(),
        TargetPath::Lookup(f, Some(Hop::Account)) => format!("{}.AccountId", rel(f)),
        TargetPath::Lookup(f, Some(Hop::Contact)) => format!("{}.ContactId", rel(f)),
        TargetPath::Lookup(f, Some(Hop::Field(g))) => format!("{}.{g}", rel(f)),
    }
}

pub fn sharing_sets(cx: &mut Cx) {
    let s = cx.s;
    for set in &s.sharing_sets {
        let dev = cx.sharing_sets[&set.id].clone();
        if let Some(g) = &set.share_group {
            cx.lose("Share group", &set.id, format!("{}: share groups are set on the Experience Cloud site (Sharing Settings), not in SharingSet metadata", plural(g.members.len(), "member")));
        }
        let mut x = Xml::new("SharingSet");
        for m in &set.mappings {
            let Some(sf) = sf_object(m.object) else {
                cx.lose(
                    "Sharing set mapping",
                    &set.id,
                    format!(
                        "a mapping on {}, which is not a Salesforce object",
                        m.object.label()
                    ),
                );
                continue;
            };
            let user = match m.user_field {
                UserField::Account => "Account",
                UserField::Contact => "Contact",
            };
            x.open("accessMappings")
                .leaf("accessLevel", share(m.access))
                .leaf("object", sf)
                .leaf("objectField", &object_field(m.target))
                .leaf("userField", user)
                .close();
        }
        let name = cx.text("Sharing set name", &set.id, label(&set.name, &set.id));
        x.leaf("name", name);
        for p in &set.profiles {
            match cx.profiles.get(p) {
                // Salesforce lists a sharing set's profiles by name, lower-cased.
                Some((_, n)) => {
                    x.leaf("profiles", &n.to_lowercase());
                }
                None => cx.lose(
                    "Sharing set profile",
                    &set.id,
                    format!("profile '{p}' isn't in the scenario"),
                ),
            }
        }
        cx.file(format!("sharingSets/{dev}.sharingSet-meta.xml"), x.finish());
    }
}

/// Configuration of other products, and the data: reported, not written.
pub fn not_design(cx: &mut Cx) {
    let s = cx.s;
    for r in &s.responsibilities {
        cx.lose(
            "ServiceNow responsibility",
            &r.id,
            "ServiceNow configuration has no Salesforce metadata",
        );
    }
    for r in &s.responsibility_access {
        cx.lose(
            "ServiceNow responsibility access",
            &r.responsibility,
            "ServiceNow configuration has no Salesforce metadata",
        );
    }
    for r in &s.related_party_configs {
        cx.lose(
            "ServiceNow related party configuration",
            &r.id,
            "ServiceNow configuration has no Salesforce metadata",
        );
    }
    for p in &s.playbooks {
        cx.lose(
            "CustomerSuccessBox playbook",
            &p.id,
            "CustomerSuccessBox configuration has no Salesforce metadata",
        );
    }
    let records = s.record_count();
    let shares = s.manual_shares.len()
        + s.account_teams.len()
        + s.opportunity_teams.len()
        + s.case_teams.len()
        + s.related_parties.len();
    if s.users.len() + records + shares > 0 {
        cx.report.left_out.push(format!("data, not metadata: {} users, {records} records, {shares} manual shares, team members and related parties (load them with Data Loader or `sf data import tree`)", s.users.len()));
    }
    if !s.expectations.is_empty() || !s.exercises.is_empty() {
        cx.report.left_out.push(format!(
            "simulator-only: {} expectations and {} exercises",
            s.expectations.len(),
            s.exercises.len()
        ));
    }
}

/// The Sharing settings (external defaults on) and sfdx-project.json.
pub fn project(cx: &mut Cx) {
    let mut x = Xml::new("SharingSettings");
    x.flag("enableExternalSharingModel", true);
    cx.file("settings/Sharing.settings-meta.xml".into(), x.finish());
    let name: String =
        cx.s.name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == ' ')
            .collect();
    let project = serde_json::json!({
        "packageDirectories": [{"path": "force-app", "default": true}],
        "name": if name.trim().is_empty() { "access-sim-export".to_string() } else { name.trim().to_string() },
        "namespace": "",
        "sourceApiVersion": "62.0"
    });
    let text = serde_json::to_string_pretty(&project).unwrap_or_default() + "\n";
    cx.files
        .push(("sfdx-project.json".into(), text.into_bytes()));
}
