//! Profiles and permission sets: object permissions (with Salesforce's dependencies added),
//! View All Data / Modify All Data, the file names of standard profiles, and what only other
//! products' profiles hold (reported).

use std::collections::{BTreeMap, BTreeSet};

use super::design::closed;
use super::write::label;
use super::xml::{file_name, Xml};
use super::{sf_object, Cx};
use crate::engine::level::ChildAccess;
use crate::engine::scenario::*;

/// Every profile's file stem and Salesforce name: a standard profile's Setup name goes to its
/// Metadata API file name (System Administrator -> Admin), any other name is the file name.
pub fn profile_names(cx: &mut Cx) -> BTreeMap<String, (String, String)> {
    let s = cx.s;
    let mut taken = BTreeSet::new();
    let mut out = BTreeMap::new();
    for p in &s.profiles {
        let mut name = label(&p.name, &p.id).to_string();
        let mut why = "Salesforce names a profile by its name: the id isn't kept";
        if crate::import::STANDARD_PROFILES
            .iter()
            .any(|(f, _)| *f == name)
        {
            name = format!("{name} Profile");
            why = "its name is a standard profile's file name, which would import as that standard profile";
        }
        let base = name.clone();
        let mut n = 2;
        while !taken.insert(name.to_lowercase()) {
            name = format!("{base} {n}");
            why = "another profile has the same name (Salesforce ignores case)";
            n += 1;
        }
        let stem = match crate::import::STANDARD_PROFILES
            .iter()
            .find(|(_, shown)| *shown == name)
        {
            Some((f, _)) => f.to_string(),
            None => file_name(&name),
        };
        // The importer names a profile by its file: a standard one's file name, else its name.
        let back = match crate::import::STANDARD_PROFILES
            .iter()
            .find(|(f, _)| *f == stem)
        {
            Some((f, _)) => f.to_string(),
            None => name.clone(),
        };
        if back != p.id {
            cx.rename("Profile", &p.id, &back, why);
        }
        out.insert(p.id.clone(), (stem, name));
    }
    out
}

/// The licence a profile's users hold, as Salesforce names it, from the scenario's users; a
/// profile a sharing set names is a Customer Community one.
fn user_license(s: &Scenario, profile: &str) -> &'static str {
    let seat = s
        .users
        .iter()
        .find(|u| u.profile == profile)
        .map(|u| (u.kind, u.license));
    match seat {
        Some((UserKind::Internal, _)) => "Salesforce",
        Some((_, Some(License::Partner))) => "Partner Community",
        Some((_, Some(License::CustomerCommunityPlus))) => "Customer Community Plus",
        Some(_) => "Customer Community",
        None if s
            .sharing_sets
            .iter()
            .any(|x| x.profiles.iter().any(|p| p == profile)) =>
        {
            "Customer Community"
        }
        None => "Salesforce",
    }
}

fn permission_body(cx: &mut Cx, what: &str, p: &Profile, x: &mut Xml) {
    let mut left = Vec::new();
    let mut objects: Vec<(&str, BTreeSet<ObjectPermission>)> = Vec::new();
    for (o, perms) in &p.objects {
        match sf_object(*o) {
            Some(sf) => objects.push((sf, closed(perms))),
            None if !perms.is_empty() => left.push(o.key()),
            None => {}
        }
    }
    if !left.is_empty() {
        cx.lose(
            &format!("{what} object permissions"),
            &p.id,
            format!("on {}: not Salesforce objects", left.join(", ")),
        );
    }
    objects.sort_by(|a, b| a.0.cmp(b.0));
    for (sf, perms) in objects.into_iter().filter(|(_, p)| !p.is_empty()) {
        let has = |q| perms.contains(&q);
        x.open("objectPermissions")
            .flag("allowCreate", has(ObjectPermission::Create))
            .flag("allowDelete", has(ObjectPermission::Delete))
            .flag("allowEdit", has(ObjectPermission::Edit))
            .flag("allowRead", has(ObjectPermission::Read))
            .flag("modifyAllRecords", has(ObjectPermission::ModifyAll))
            .leaf("object", sf)
            .flag("viewAllRecords", has(ObjectPermission::ViewAll))
            .close();
    }
}

fn system_body(p: &Profile, x: &mut Xml) {
    let mut system = p.system.clone();
    if system.contains(&SystemPermission::ModifyAllData) {
        system.insert(SystemPermission::ViewAllData);
    }
    for (perm, name) in [
        (SystemPermission::ModifyAllData, "ModifyAllData"),
        (SystemPermission::ViewAllData, "ViewAllData"),
    ] {
        if system.contains(&perm) {
            x.open("userPermissions")
                .flag("enabled", true)
                .leaf("name", name)
                .close();
        }
    }
}

/// What only Teams CRM and CustomerSuccessBox profiles hold.
fn app_only(cx: &mut Cx, what: &str, p: &Profile) {
    if p.creator_access != ChildAccess::None {
        cx.lose(&format!("{what} creator access"), &p.id, "access to every record the user created is a Teams CRM profile setting, not Salesforce's");
    }
    if p.assigned_account_access != ChildAccess::None {
        cx.lose(&format!("{what} assigned account access"), &p.id, "access to the accounts a user manages as Customer Success Manager is a CustomerSuccessBox setting, not Salesforce's");
    }
    if !p.config.is_empty() {
        let areas: Vec<&str> = p.config.iter().map(|a| a.key()).collect();
        cx.lose(&format!("{what} configuration areas"), &p.id, format!("{}: Teams CRM / CustomerSuccessBox configuration rights, not Salesforce permissions", areas.join(", ")));
    }
}

pub fn permissions(cx: &mut Cx) {
    let s = cx.s;
    for p in &s.profiles {
        app_only(cx, "Profile", p);
        let (stem, name) = cx.profiles[&p.id].clone();
        cx.text("Profile name", &p.id, &name);
        let standard = crate::import::STANDARD_PROFILES
            .iter()
            .any(|(f, _)| *f == stem);
        let mut x = Xml::new("Profile");
        x.flag("custom", !standard);
        permission_body(cx, "Profile", p, &mut x);
        x.leaf("userLicense", user_license(s, &p.id));
        system_body(p, &mut x);
        cx.file(format!("profiles/{stem}.profile-meta.xml"), x.finish());
    }
    for p in &s.permission_sets {
        app_only(cx, "PermissionSet", p);
        let dev = cx.permission_sets[&p.id].clone();
        let name = cx.text("Permission set label", &p.id, label(&p.name, &p.id));
        let mut x = Xml::new("PermissionSet");
        x.flag("hasActivationRequired", false).leaf("label", name);
        permission_body(cx, "PermissionSet", p, &mut x);
        system_body(p, &mut x);
        cx.file(
            format!("permissionsets/{dev}.permissionset-meta.xml"),
            x.finish(),
        );
    }
}
