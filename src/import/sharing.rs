//! Sharing rules (owner- and criteria-based, with accounts' child access) and sharing sets with
//! their access mappings. A rule the engine can't express is skipped whole, never weakened.

use super::people::{child_access, principal};
use super::xml::{self, Doc};
use super::{object_kind, Cx};
use crate::engine::level::{ChildAccess, ShareAccess};
use crate::engine::scenario::{
    AccessMapping, Criterion, ObjectKind, Principal, Profile, RuleSelector, RuleTarget,
    SharingRule, SharingSet, TargetPath, UserField,
};
use crate::engine::validate::mapping_targets_in;

const RULE_READ: &[&str] = &[
    "fullName",
    "label",
    "accessLevel",
    "accountSettings",
    "sharedTo",
    "sharedFrom",
    "criteriaItems",
    "booleanFilter",
    "includeRecordsOwnedByAll",
];

pub fn rules<'a>(cx: &mut Cx, docs: impl Iterator<Item = &'a Doc<'a>>) {
    const TY: &str = "SharingRules";
    for d in docs {
        let root = match d.expect_root("SharingRules") {
            Ok(r) => r,
            Err(why) => {
                cx.report.skipped(TY, &d.name, why);
                continue;
            }
        };
        let kinds = [
            "sharingOwnerRules",
            "sharingCriteriaRules",
            "sharingTerritoryRules",
            "sharingGuestRules",
        ];
        d.check(
            root,
            "SharingRules",
            (&kinds, &["fullName"]),
            &mut cx.report,
            TY,
        );
        for kind in kinds {
            for r in xml::all(root, kind) {
                d.check(
                    r,
                    &format!("SharingRules/{kind}"),
                    (RULE_READ, &["description"]),
                    &mut cx.report,
                    TY,
                );
                let full = format!(
                    "{}.{}",
                    d.name,
                    xml::text(r, "fullName").unwrap_or("(unnamed)")
                );
                match rule(cx, d, r, kind) {
                    Ok(rule) => {
                        cx.scenario.sharing_rules.push(rule);
                        cx.report.imported(TY);
                    }
                    Err(why) => cx.report.skipped(TY, &full, why),
                }
            }
        }
    }
}

fn target(p: Principal) -> RuleTarget {
    match p {
        Principal::Role(r) => RuleTarget::Role(r),
        Principal::RoleAndSubordinates(r) => RuleTarget::RoleAndSubordinates(r),
        Principal::RoleAndInternalSubordinates(r) => RuleTarget::RoleAndInternalSubordinates(r),
        Principal::Group(g) | Principal::User(g) => RuleTarget::Group(g),
    }
}

/// A `sharedTo` / `sharedFrom`: exactly one role or group.
fn who(cx: &Cx, n: Option<roxmltree::Node>, what: &str) -> Result<RuleTarget, String> {
    let n = n.ok_or_else(|| format!("no {what}"))?;
    let items: Vec<_> = xml::kids(n).collect();
    match items.as_slice() {
        [one] => {
            let name = one.text().map(str::trim).unwrap_or("");
            principal(cx, one.tag_name().name(), name).map(target)
        }
        [] => Err(format!("{what} is empty")),
        _ => Err(format!(
            "{what} names {} principals; a rule has one",
            items.len()
        )),
    }
}

fn rule(cx: &mut Cx, d: &Doc, r: roxmltree::Node, kind: &str) -> Result<SharingRule, String> {
    match kind {
        "sharingTerritoryRules" => {
            return Err("a territory rule: territories are not modelled".into())
        }
        "sharingGuestRules" => return Err("a guest user rule: guest users are not modelled".into()),
        _ => {}
    }
    let object = object_kind(cx, &d.name).ok_or_else(|| {
        format!(
            "the engine has no {} object (or it was not imported)",
            d.name
        )
    })?;
    if let ObjectKind::Custom(c) = object {
        if cx.details.contains(&c) {
            return Err(format!(
                "{} is a detail object, whose records follow their master",
                d.name
            ));
        }
    }
    let name = xml::text(r, "fullName").unwrap_or("(unnamed)");
    let access = match xml::text(r, "accessLevel") {
        Some("Read") => ShareAccess::Read,
        Some("Edit") => ShareAccess::Edit,
        other => {
            return Err(format!(
                "access level {} (the engine's rules give Read or Edit)",
                other.unwrap_or("missing")
            ))
        }
    };
    let share_with = who(cx, xml::child(r, "sharedTo"), "sharedTo")?;
    let select = if kind == "sharingOwnerRules" {
        RuleSelector::OwnedBy(who(cx, xml::child(r, "sharedFrom"), "sharedFrom")?)
    } else {
        RuleSelector::Criteria(criteria(d, r, cx)?)
    };
    if kind == "sharingCriteriaRules" && xml::flag(r, "includeRecordsOwnedByAll") == Some(false) {
        cx.report.partial("SharingRules", &format!("{}.{name}", d.name), "includeRecordsOwnedByAll is off: Salesforce leaves out records owned by users who can't have a role (high-volume portal users, guests); the engine's criteria rules select those too");
    }
    let (mut case, mut opp, mut contact) =
        (ChildAccess::None, ChildAccess::None, ChildAccess::None);
    if let Some(a) = xml::child(r, "accountSettings").filter(|_| object == ObjectKind::Account) {
        d.check(
            a,
            "accountSettings",
            (
                &[
                    "caseAccessLevel",
                    "contactAccessLevel",
                    "opportunityAccessLevel",
                ],
                &[],
            ),
            &mut cx.report,
            "SharingRules",
        );
        case = child_access(xml::text(a, "caseAccessLevel"))?;
        opp = child_access(xml::text(a, "opportunityAccessLevel"))?;
        contact = child_access(xml::text(a, "contactAccessLevel"))?;
    }
    Ok(SharingRule {
        id: cx.id_for("rule", &format!("{}.{name}", d.name)),
        name: xml::text(r, "label").unwrap_or(name).to_string(),
        object,
        select,
        share_with,
        access,
        case_access: case,
        opportunity_access: opp,
        contact_access: contact,
    })
}

/// criteriaItems as the engine's criteria: `equals` (a comma-separated value is "any of"),
/// combined by AND; a filter that ORs tests of one field becomes one criterion.
fn criteria(d: &Doc, r: roxmltree::Node, cx: &mut Cx) -> Result<Vec<Criterion>, String> {
    let mut out = Vec::new();
    for (i, item) in xml::all(r, "criteriaItems").enumerate() {
        d.check(
            item,
            "criteriaItems",
            (&["field", "operation", "value", "valueField"], &[]),
            &mut cx.report,
            "SharingRules",
        );
        let field =
            xml::text(item, "field").ok_or_else(|| format!("criterion {} has no field", i + 1))?;
        let op = xml::text(item, "operation").unwrap_or("");
        if op != "equals" {
            return Err(format!(
                "criterion {} ({field} {op}): only 'equals' can be expressed",
                i + 1
            ));
        }
        if xml::child(item, "valueField").is_some() {
            return Err(format!(
                "criterion {} compares {field} with another field",
                i + 1
            ));
        }
        let values: Vec<String> = xml::text(item, "value")
            .unwrap_or("")
            .split(',')
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect();
        if values.is_empty() {
            return Err(format!(
                "criterion {} ({field} equals blank): a test for an empty field can't be expressed",
                i + 1
            ));
        }
        out.push(Criterion {
            field: field.to_string(),
            equals: values,
        });
    }
    if out.is_empty() {
        return Err("a criteria rule with no criteriaItems".into());
    }
    match xml::text(r, "booleanFilter") {
        None => Ok(out),
        Some(f) if only(f, "AND") => Ok(out),
        Some(f) if only(f, "OR") && out.iter().all(|c| c.field == out[0].field) => {
            let mut values: Vec<String> = out.iter().flat_map(|c| c.equals.clone()).collect();
            values.dedup();
            Ok(vec![Criterion { field: out[0].field.clone(), equals: values }])
        }
        Some(f) => Err(format!("booleanFilter '{f}' is not a plain AND of its criteria (nor an OR of tests of one field)")),
    }
}

/// Whether a filter is criteria numbers joined by `op` alone (parentheses aside).
fn only(filter: &str, op: &str) -> bool {
    let spaced = filter.replace(['(', ')'], " ");
    spaced.split_whitespace().enumerate().all(|(i, t)| {
        if i % 2 == 0 {
            t.chars().all(|c| c.is_ascii_digit())
        } else {
            t.eq_ignore_ascii_case(op)
        }
    })
}

/// An access mapping's objectField as a target path: `AccountId` / `Account`, `Asset.Account`,
/// `Id`, or custom lookups (`Borrower__c`, `Borrower__r.AccountId`, `Application__c.Borrower__c`).
fn target_path(sf: &str) -> Option<TargetPath> {
    let parts: Vec<String> = sf
        .split('.')
        .map(|p| {
            if let Some(base) = p.strip_suffix("__r") {
                format!("{base}__c")
            } else if p.ends_with("__c") {
                p.to_string()
            } else {
                let base = if p.len() > 2 && p.ends_with("Id") {
                    &p[..p.len() - 2]
                } else {
                    p
                };
                base.to_lowercase()
            }
        })
        .collect();
    TargetPath::parse(&parts.join(".")).ok()
}

pub fn sharing_sets<'a>(cx: &mut Cx, docs: impl Iterator<Item = &'a Doc<'a>>) {
    const TY: &str = "SharingSet";
    for d in docs {
        let root = match d.expect_root("SharingSet") {
            Ok(r) => r,
            Err(why) => {
                cx.report.skipped(TY, &d.name, why);
                continue;
            }
        };
        d.check(
            root,
            "SharingSet",
            (
                &["name", "profiles", "accessMappings", "fullName"],
                &["description"],
            ),
            &mut cx.report,
            TY,
        );
        let mut profiles = Vec::new();
        for p in xml::texts(root, "profiles") {
            let id = match cx.id_of("profile", p) {
                Some(id) => id,
                None => {
                    // Sharing sets name standard portal profiles that a retrieve often leaves out.
                    let id = cx.id_for("profile", p);
                    cx.scenario.profiles.push(Profile {
                        id: id.clone(),
                        name: p.to_string(),
                        objects: Default::default(),
                        system: Default::default(),
                        creator_access: ChildAccess::None,
                        assigned_account_access: ChildAccess::None,
                        config: Default::default(),
                    });
                    cx.report.partial(TY, &d.name, format!("profile '{p}' is not among the retrieved profiles: added with no object permissions (retrieve it for its permissions)"));
                    id
                }
            };
            profiles.push(id);
        }
        if profiles.is_empty() {
            cx.report.skipped(TY, &d.name, "assigned to no profile");
            continue;
        }
        let mut mappings = Vec::new();
        for m in xml::all(root, "accessMappings") {
            d.check(
                m,
                "SharingSet/accessMappings",
                (&["accessLevel", "object", "objectField", "userField"], &[]),
                &mut cx.report,
                TY,
            );
            match mapping(cx, m) {
                Ok(x) => mappings.push(x),
                Err(why) => cx
                    .report
                    .partial(TY, &d.name, format!("mapping left out: {why}")),
            }
        }
        let id = cx.id_for("sharing set", &d.name);
        let name = xml::text(root, "name").unwrap_or(&d.name).to_string();
        cx.scenario.sharing_sets.push(SharingSet {
            id,
            name,
            profiles,
            mappings,
            share_group: None,
        });
        cx.report.imported(TY);
    }
}

fn mapping(cx: &Cx, m: roxmltree::Node) -> Result<AccessMapping, String> {
    let sf = xml::text(m, "object").unwrap_or("");
    let field = xml::text(m, "objectField").unwrap_or("");
    let user = xml::text(m, "userField").unwrap_or("");
    let at = format!("{sf}.{field} = User.{user}");
    let object =
        object_kind(cx, sf).ok_or_else(|| format!("{at}: the engine has no {sf} object"))?;
    let user_field = match user {
        "Account" | "AccountId" | "Contact.Account" | "Contact.AccountId" => UserField::Account,
        "Contact" | "ContactId" => UserField::Contact,
        _ => {
            return Err(format!(
                "{at}: the engine matches the user's Account or Contact only"
            ))
        }
    };
    let target = target_path(field)
        .ok_or_else(|| format!("{at}: {field} is not a lookup path the engine knows"))?;
    let allowed = mapping_targets_in(&cx.scenario.custom_objects, object);
    match allowed.iter().find(|(t, _)| *t == target) {
        Some((_, uf)) if *uf == user_field => {}
        Some(_) => {
            return Err(format!(
                "{at}: {field} is matched with the user's {}",
                if user_field == UserField::Account {
                    "Contact"
                } else {
                    "Account"
                }
            ))
        }
        None => return Err(format!("{at}: the engine can't follow {field} on {sf}")),
    }
    let access = match xml::text(m, "accessLevel") {
        Some("Read") => ShareAccess::Read,
        Some("Edit") => ShareAccess::Edit,
        other => return Err(format!("{at}: access level {}", other.unwrap_or("missing"))),
    };
    Ok(AccessMapping {
        object,
        user_field,
        target,
        access,
    })
}
