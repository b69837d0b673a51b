//! Profiles and permission sets: object permissions on the objects the engine models, and the
//! View All Data / Modify All Data system permissions.

use std::collections::{BTreeMap, BTreeSet};

use super::xml::{self, Doc};
use super::{object_kind, Cx};
use crate::engine::level::ChildAccess;
use crate::engine::scenario::{ObjectPermission, Profile, SystemPermission};

/// The Metadata API's file names of standard profiles, and the names Setup shows (and sharing
/// sets use). https://www.salesforcehacker.com/2013/09/whats-in-name-well-apparently-lot.html
pub(crate) const STANDARD_PROFILES: [(&str, &str); 12] = [
    ("Admin", "System Administrator"),
    ("Standard", "Standard User"),
    ("MarketingProfile", "Marketing User"),
    ("ContractManager", "Contract Manager"),
    ("SolutionManager", "Solution Manager"),
    ("ReadOnly", "Read Only"),
    ("CustomerManager", "Customer Portal Manager"),
    ("CustomerUser", "Customer Portal User"),
    ("HighVolumePortal", "High Volume Customer Portal"),
    ("Partner", "Partner User"),
    ("PlatformPortal", "Authenticated Website"),
    ("StandardAul", "Standard Platform User"),
];

const READ: &[&str] = &["objectPermissions", "userPermissions", "label", "fullName"];
/// Profile and PermissionSet elements about fields, apps, tabs, classes, pages, logins and
/// licences: none changes which records a user reaches.
const IGNORED: &[&str] = &[
    "agentAccesses",
    "applicationVisibilities",
    "categoryGroupVisibilities",
    "classAccesses",
    "custom",
    "customMetadataTypeAccesses",
    "customPermissions",
    "customSettingAccesses",
    "description",
    "emailRoutingAddressAccesses",
    "externalCredentialPrincipalAccesses",
    "externalDataSourceAccesses",
    "fieldPermissions",
    "flowAccesses",
    "hasActivationRequired",
    "layoutAssignments",
    "license",
    "loginFlows",
    "loginHours",
    "loginIpRanges",
    "pageAccesses",
    "permissionSetGroupComponents",
    "profileActionOverrides",
    "recordTypeVisibilities",
    "servicePresenceStatusAccesses",
    "tabSettings",
    "tabVisibilities",
    "userLicense",
];
const OBJECT_READ: &[&str] = &[
    "object",
    "allowRead",
    "allowCreate",
    "allowEdit",
    "allowDelete",
    "viewAllRecords",
    "modifyAllRecords",
];

pub fn permissions<'a>(
    cx: &mut Cx,
    profiles: impl Iterator<Item = &'a Doc<'a>>,
    sets: impl Iterator<Item = &'a Doc<'a>>,
) {
    for d in profiles {
        if let Some(p) = one(cx, d, "Profile") {
            cx.scenario.profiles.push(p);
        }
    }
    for d in sets {
        if let Some(p) = one(cx, d, "PermissionSet") {
            cx.scenario.permission_sets.push(p);
        }
    }
}

fn one(cx: &mut Cx, d: &Doc, ty: &'static str) -> Option<Profile> {
    let root = match d.expect_root(ty) {
        Ok(r) => r,
        Err(why) => {
            cx.report.skipped(ty, &d.name, why);
            return None;
        }
    };
    d.check(root, ty, (READ, IGNORED), &mut cx.report, ty);
    let kind = if ty == "Profile" {
        "profile"
    } else {
        "permission set"
    };
    if cx.has(kind, &d.name) {
        cx.report
            .skipped(ty, &d.name, format!("a second {kind} named {}", d.name));
        return None;
    }
    let label = match STANDARD_PROFILES
        .iter()
        .find(|(f, _)| *f == d.name && ty == "Profile")
    {
        Some((_, shown)) => shown.to_string(),
        None => xml::text(root, "label").unwrap_or(&d.name).to_string(),
    };
    let id = cx.id_for(kind, &d.name);
    cx.alias(kind, &label, &id);
    let mut objects = BTreeMap::new();
    let mut unknown = BTreeSet::new();
    for op in xml::all(root, "objectPermissions") {
        d.check(
            op,
            &format!("{ty}/objectPermissions"),
            (OBJECT_READ, &["viewAllFields"]),
            &mut cx.report,
            ty,
        );
        let Some(sf) = xml::text(op, "object") else {
            continue;
        };
        let Some(object) = object_kind(cx, sf) else {
            unknown.insert(sf.to_string());
            continue;
        };
        let mut set = BTreeSet::new();
        for (el, perm) in [
            ("allowRead", ObjectPermission::Read),
            ("allowCreate", ObjectPermission::Create),
            ("allowEdit", ObjectPermission::Edit),
            ("allowDelete", ObjectPermission::Delete),
            ("viewAllRecords", ObjectPermission::ViewAll),
            ("modifyAllRecords", ObjectPermission::ModifyAll),
        ] {
            if xml::flag(op, el) == Some(true) {
                set.insert(perm);
            }
        }
        if !set.is_empty() {
            objects.insert(object, set);
        }
    }
    if !unknown.is_empty() {
        let names: Vec<&str> = unknown.iter().map(String::as_str).take(8).collect();
        let more = unknown.len().saturating_sub(8);
        let tail = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        cx.report.partial(
            ty,
            &d.name,
            format!(
                "object permissions on {} objects the engine does not model left out: {}{tail}",
                unknown.len(),
                names.join(", ")
            ),
        );
    }
    let mut system = BTreeSet::new();
    let mut others = 0;
    for up in xml::all(root, "userPermissions") {
        d.check(
            up,
            &format!("{ty}/userPermissions"),
            (&["name", "enabled"], &[]),
            &mut cx.report,
            ty,
        );
        let on = xml::flag(up, "enabled") == Some(true);
        match xml::text(up, "name") {
            Some("ViewAllData") if on => {
                system.insert(SystemPermission::ViewAllData);
            }
            Some("ModifyAllData") if on => {
                system.insert(SystemPermission::ModifyAllData);
            }
            _ => others += 1,
        }
    }
    if others > 0 {
        *cx.report
            .of(ty)
            .ignored_elements
            .entry("userPermissions other than ViewAllData and ModifyAllData".into())
            .or_default() += others;
    }
    cx.report.imported(ty);
    Some(Profile {
        id,
        name: label,
        objects,
        system,
        creator_access: ChildAccess::None,
        assigned_account_access: ChildAccess::None,
        config: BTreeSet::new(),
    })
}
