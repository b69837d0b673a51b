//! Record data into the design: users (role, profile, licence, contact, permission sets),
//! accounts, contacts, cases, opportunities, leads, assets, custom records, and group and
//! queue members, linked by Salesforce Id, tree-export `@Ref`, or a nested parent's name.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::rows::Row;
use super::Cx;
use crate::engine::level::ChildAccess;
use crate::engine::scenario::*;

/// Tables read only to turn ids into names (a user's UserRoleId into the role's DeveloperName).
const LOOKUP_TABLES: [&str; 5] = [
    "UserRole",
    "Profile",
    "Group",
    "PermissionSet",
    "RecordType",
];

struct Data<'r> {
    rows: &'r [Row],
    by_key: HashMap<&'r str, usize>,
    /// (object, field, value) -> row, for Username, DeveloperName and Name.
    by_name: HashMap<(&'r str, &'r str, &'r str), usize>,
    /// Row -> scenario id, for the rows imported.
    ids: HashMap<usize, String>,
    high_volume: BTreeSet<usize>,
}

impl<'r> Data<'r> {
    fn new(rows: &'r [Row]) -> Self {
        let mut by_key = HashMap::new();
        let mut by_name = HashMap::new();
        for (i, r) in rows.iter().enumerate() {
            by_key.entry(r.key.as_str()).or_insert(i);
            if let Some(id) = r.fields.get("Id") {
                by_key.entry(id.as_str()).or_insert(i);
            }
            for f in ["Username", "DeveloperName", "Name"] {
                if let Some((k, v)) = r.fields.get_key_value(f) {
                    by_name
                        .entry((r.sobject.as_str(), k.as_str(), v.as_str()))
                        .or_insert(i);
                }
            }
        }
        Data {
            rows,
            by_key,
            by_name,
            ids: HashMap::new(),
            high_volume: BTreeSet::new(),
        }
    }

    /// The row a lookup points at: `OwnerId` by Id or `@Ref`, else a nested or dotted parent
    /// (`Owner.Username`, `Account.Name`) by that value, among rows of `among`.
    fn lookup(&self, r: &Row, field: &str, among: &[&str]) -> Option<usize> {
        let fits = |i: &usize| among.contains(&self.rows[*i].sobject.as_str());
        if let Some(v) = r.get(field) {
            if let Some(i) = self
                .by_key
                .get(v.strip_prefix('@').unwrap_or(v))
                .filter(|i| fits(i))
            {
                return Some(*i);
            }
        }
        let rel = relationship(field);
        for k in ["Id", "Username", "DeveloperName", "Name"] {
            let Some(v) = r.get(&format!("{rel}.{k}")) else {
                continue;
            };
            let hit = if k == "Id" {
                self.by_key.get(v).copied()
            } else {
                among
                    .iter()
                    .find_map(|o| self.by_name.get(&(*o, k, v)).copied())
            };
            if let Some(i) = hit.filter(fits) {
                return Some(i);
            }
        }
        None
    }

    /// A name through a lookup table or a dotted column: the role's DeveloperName of a user's
    /// `UserRoleId`, from the UserRole row or from a `UserRole.DeveloperName` column.
    fn name_via(&self, r: &Row, field: &str, table: &str, key: &str) -> Option<String> {
        if let Some(i) = self.lookup(r, field, &[table]) {
            return self.rows[i].get(key).map(str::to_string);
        }
        r.get(&format!("{}.{key}", relationship(field)))
            .map(str::to_string)
    }

    /// The scenario id of an imported row a lookup points at.
    fn id_at(&self, r: &Row, field: &str, among: &[&str]) -> Option<String> {
        self.lookup(r, field, among)
            .and_then(|i| self.ids.get(&i).cloned())
    }
}

/// A row skipped, named as a reader would, with where it is.
fn skip(cx: &mut Cx, ty: &str, r: &Row, why: impl Into<String>) {
    let ty = &records_of(ty);
    let at = if r.line > 0 {
        format!("{}:{}", r.file, r.line)
    } else {
        r.file.clone()
    };
    cx.report
        .skipped(ty, &r.label(), format!("{} ({at})", why.into()));
}

/// The report's key for rows of an object ("User records"), apart from metadata types.
fn records_of(sobject: &str) -> String {
    format!("{sobject} records")
}

/// `OwnerId` -> `Owner`, `Borrower__c` -> `Borrower__r`.
fn relationship(field: &str) -> String {
    if let Some(b) = field.strip_suffix("__c") {
        format!("{b}__r")
    } else {
        field.strip_suffix("Id").unwrap_or(field).to_string()
    }
}

pub fn data(cx: &mut Cx, rows: &[Row]) {
    if rows.is_empty() {
        return;
    }
    let mut d = Data::new(rows);
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in rows {
        if LOOKUP_TABLES.contains(&r.sobject.as_str()) {
            *counts.entry(r.sobject.as_str()).or_default() += 1;
        }
    }
    for (table, n) in counts {
        let t = cx.report.of(&records_of(table));
        t.found += n;
        t.imported += n;
        t.notes.push(format!(
            "a lookup table: its rows name the ids other rows hold ({table}Id)"
        ));
    }
    users(cx, &mut d);
    records(cx, &mut d);
    contacts_of_users(cx, &d);
    members(cx, &d);
    assignments(cx, &d);
    for r in rows {
        let known = LOOKUP_TABLES.contains(&r.sobject.as_str())
            || ["User", "GroupMember", "PermissionSetAssignment"].contains(&r.sobject.as_str())
            || super::object_kind(cx, &r.sobject).is_some();
        if !known {
            let why = if is_custom_name(&r.sobject) {
                format!("{} is not among the imported custom objects", r.sobject)
            } else {
                format!("the engine has no {} object", r.sobject)
            };
            skip(cx, &r.sobject.clone(), r, why);
        }
    }
}

/// Internal users first, so that a portal user's contact can be checked against its owner.
fn users(cx: &mut Cx, d: &mut Data) {
    const TY: &str = "User";
    let rows = d.rows;
    let external = |r: &Row| {
        r.get("ContactId").is_some()
            || r.get("Contact.Id").is_some()
            || !matches!(r.get("UserType"), None | Some("Standard") | Some("CsnOnly"))
    };
    let order = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.sobject == TY && !external(r))
        .chain(
            rows.iter()
                .enumerate()
                .filter(|(_, r)| r.sobject == TY && external(r)),
        );
    for (i, r) in order {
        let label = r.label();
        let ty = r
            .get("UserType")
            .unwrap_or(if r.get("ContactId").is_some() {
                "PowerCustomerSuccess"
            } else {
                "Standard"
            });
        let license = match ty {
            "Standard" | "CsnOnly" => None,
            "PowerPartner" => Some(License::Partner),
            "PowerCustomerSuccess" | "CustomerSuccess" => Some(License::CustomerCommunityPlus),
            "CspLitePortal" => Some(License::CustomerCommunity),
            other => {
                skip(
                    cx,
                    TY,
                    r,
                    format!("user type {other} (guest and other user types are not modelled)"),
                );
                continue;
            }
        };
        if license.is_some() {
            if let Err(why) = portal_contact(cx, d, r, license.is_some_and(|l| l.has_portal_role()))
            {
                skip(cx, TY, r, why);
                continue;
            }
        }
        let profile = match d.name_via(r, "ProfileId", "Profile", "Name") {
            Some(p) => match cx.id_of("profile", &p) {
                Some(id) => id,
                None => {
                    let id = cx.id_for("profile", &p);
                    cx.scenario.profiles.push(empty_profile(&id, &p));
                    cx.report.partial(&records_of(TY), &label, format!("profile '{p}' is not among the retrieved profiles: added with no object permissions"));
                    id
                }
            },
            None => {
                skip(
                    cx,
                    TY,
                    r,
                    "no profile (give ProfileId with a Profile table, or Profile.Name)",
                );
                continue;
            }
        };
        let mut role = None;
        let mut portal_role = None;
        if let Some(dev) = d.name_via(r, "UserRoleId", "UserRole", "DeveloperName") {
            if license.is_none() {
                role = cx.id_of("role", &dev);
                if role.is_none() {
                    cx.report.partial(
                        &records_of(TY),
                        &label,
                        format!(
                            "role {dev} is not among the imported roles: imported with no role"
                        ),
                    );
                }
            } else if license.is_some_and(|l| l.has_portal_role()) {
                portal_role = match d
                    .name_via(r, "UserRoleId", "UserRole", "PortalRole")
                    .as_deref()
                {
                    Some("Executive") => Some(PortalRole::Executive),
                    Some("Manager") => Some(PortalRole::Manager),
                    _ => None,
                };
            }
        }
        let username = r.get("Username").unwrap_or(&r.key).to_string();
        let id = cx.id_for("user", &username);
        d.ids.insert(i, id.clone());
        if license.is_some_and(|l| l.high_volume()) {
            d.high_volume.insert(i);
        }
        cx.scenario.users.push(User {
            id,
            name: label,
            kind: if license.is_some() {
                UserKind::External
            } else {
                UserKind::Internal
            },
            active: r.get("IsActive").is_none_or(|v| v == "true" || v == "1"),
            role,
            profile,
            permission_sets: Vec::new(),
            license,
            contact: None,
            portal_role,
            csm_roles: Vec::new(),
        });
        cx.report.imported(&records_of(TY));
    }
}

/// A portal user needs a contact with an account, both owned by users imported already (the
/// engine, like Salesforce, won't have a portal user without them). A Partner or Customer
/// Community Plus user's portal role hangs under the role of their account's owner, who must
/// have one.
fn portal_contact(cx: &Cx, d: &Data, r: &Row, role_based: bool) -> Result<(), String> {
    let c = d
        .lookup(r, "ContactId", &["Contact"])
        .ok_or("a portal user whose contact (ContactId) is not in the data")?;
    let contact = &d.rows[c];
    let owned = |row: &Row| {
        d.lookup(row, "OwnerId", &["User"])
            .is_some_and(|o| d.ids.contains_key(&o))
    };
    let a = d.lookup(contact, "AccountId", &["Account"]).ok_or(format!(
        "a portal user whose contact {} has no account in the data",
        contact.label()
    ))?;
    if !owned(contact) || !owned(&d.rows[a]) {
        return Err(format!("a portal user whose contact {} or its account has an owner who isn't an imported internal user", contact.label()));
    }
    if role_based {
        let owner = d
            .lookup(&d.rows[a], "OwnerId", &["User"])
            .and_then(|o| d.ids.get(&o));
        let has_role = cx
            .scenario
            .users
            .iter()
            .any(|u| Some(&u.id) == owner && u.role.is_some());
        if !has_role {
            return Err(format!("a role-based portal user whose account {} is owned by a user with no role (Salesforce requires one)", d.rows[a].label()));
        }
    }
    Ok(())
}

pub fn empty_profile(id: &str, name: &str) -> Profile {
    Profile {
        id: id.to_string(),
        name: name.to_string(),
        objects: Default::default(),
        system: Default::default(),
        creator_access: ChildAccess::None,
        assigned_account_access: ChildAccess::None,
        config: Default::default(),
    }
}

/// The objects in the order their records can be linked: parents first.
fn record_order(cx: &Cx) -> Vec<(String, ObjectKind)> {
    let mut out: Vec<(String, ObjectKind)> =
        ["Account", "Contact", "Asset", "Case", "Opportunity", "Lead"]
            .iter()
            .map(|s| {
                (
                    s.to_string(),
                    super::standard_object(s).unwrap_or(ObjectKind::Account),
                )
            })
            .collect();
    // Custom objects by master-detail depth, so a master's records exist before its details'.
    let depth = |c: &CustomObject| {
        let mut n = 0;
        let mut at = c.master_detail.as_ref().map(|m| m.master);
        while let Some(ObjectKind::Custom(m)) = at {
            n += 1;
            at = cx
                .scenario
                .custom_objects
                .iter()
                .find(|x| x.api_name == m)
                .and_then(|x| x.master_detail.as_ref().map(|m| m.master));
            if n > 4 {
                break;
            }
        }
        n
    };
    let mut customs: Vec<&CustomObject> = cx.scenario.custom_objects.iter().collect();
    customs.sort_by_key(|c| (depth(c), c.api_name));
    out.extend(customs.iter().map(|c| {
        (
            c.api_name.as_str().to_string(),
            ObjectKind::Custom(c.api_name),
        )
    }));
    out
}

fn records(cx: &mut Cx, d: &mut Data) {
    let criteria: BTreeMap<ObjectKind, BTreeSet<String>> =
        cx.scenario
            .sharing_rules
            .iter()
            .fold(BTreeMap::new(), |mut m, r| {
                if let RuleSelector::Criteria(c) = &r.select {
                    m.entry(r.object)
                        .or_default()
                        .extend(c.iter().map(|c| c.field.clone()));
                }
                m
            });
    for (sf, object) in record_order(cx) {
        let wanted = criteria.get(&object).cloned().unwrap_or_default();
        let decl = match object {
            ObjectKind::Custom(c) => cx
                .scenario
                .custom_objects
                .iter()
                .find(|x| x.api_name == c)
                .cloned(),
            _ => None,
        };
        for (i, r) in d.rows.iter().enumerate().filter(|(_, r)| r.sobject == sf) {
            let label = r.label();
            let detail = decl.as_ref().is_some_and(|c| c.master_detail.is_some());
            let owner = match owner_of(cx, d, r, object) {
                Ok(o) => o,
                Err(_) if detail => String::new(),
                Err(why) => {
                    skip(cx, &sf, r, why);
                    continue;
                }
            };
            let name = if object == ObjectKind::Case {
                r.get("Subject")
                    .or(r.get("CaseNumber"))
                    .map(str::to_string)
                    .unwrap_or_else(|| r.key.clone())
            } else {
                label.clone()
            };
            let id = cx.id_for("record", &r.key);
            let fields: Fields = wanted
                .iter()
                .filter_map(|f| r.get(f).map(|v| (f.clone(), v.to_string())))
                .collect();
            let created_by = d.id_at(r, "CreatedById", &["User"]);
            let acc = |field| d.id_at(r, field, &["Account"]);
            let con = |field| d.id_at(r, field, &["Contact"]);
            match object {
                ObjectKind::Account => cx.scenario.accounts.push(Account {
                    id: id.clone(),
                    name,
                    owner,
                    created_by,
                    parent: acc("ParentId"),
                    partner: None,
                    restrict_contact_access: false,
                    success_manager: None,
                    fields,
                }),
                ObjectKind::Contact => cx.scenario.contacts.push(Contact {
                    id: id.clone(),
                    name,
                    owner,
                    created_by,
                    account: acc("AccountId"),
                    fields,
                }),
                ObjectKind::Asset => cx.scenario.assets.push(Asset {
                    id: id.clone(),
                    name,
                    owner,
                    created_by,
                    account: acc("AccountId"),
                    contact: con("ContactId"),
                    fields,
                }),
                ObjectKind::Case => cx.scenario.cases.push(Case {
                    id: id.clone(),
                    name,
                    owner,
                    created_by,
                    account: acc("AccountId"),
                    contact: con("ContactId"),
                    asset: d.id_at(r, "AssetId", &["Asset"]),
                    sold_product: None,
                    consumer: None,
                    fields,
                }),
                ObjectKind::Opportunity => cx.scenario.opportunities.push(Opportunity {
                    id: id.clone(),
                    name,
                    owner,
                    created_by,
                    account: acc("AccountId"),
                    fields,
                }),
                ObjectKind::Lead => cx.scenario.leads.push(Lead {
                    id: id.clone(),
                    name,
                    owner,
                    created_by,
                    fields,
                }),
                ObjectKind::Custom(api) => {
                    let Some(c) = &decl else { continue };
                    let mut lookups = BTreeMap::new();
                    let links = c
                        .master_detail
                        .iter()
                        .map(|m| (m.field, LookupTo::Object(m.master)))
                        .chain(c.lookups.iter().map(|l| (l.field, l.to)));
                    for (field, to) in links {
                        let among: Vec<&str> = match to {
                            LookupTo::User => vec!["User"],
                            LookupTo::Object(o) => vec![sf_name(o)],
                        };
                        if let Some(target) = d.id_at(r, field.as_str(), &among) {
                            lookups.insert(field, target);
                        }
                    }
                    if let Some(m) = &c.master_detail {
                        if !lookups.contains_key(&m.field) {
                            skip(cx, &sf, r, format!("a detail record whose master ({}) is not among the imported records", m.field));
                            continue;
                        }
                    }
                    cx.scenario.custom_records.push(CustomRecord {
                        id: id.clone(),
                        name,
                        object: api,
                        owner: (!detail).then_some(owner),
                        created_by,
                        lookups,
                        fields,
                    });
                }
                _ => continue,
            }
            d.ids.insert(i, id);
            cx.report.imported(&records_of(&sf));
        }
    }
}

/// The Salesforce name of an engine object (for matching rows' `sobject`).
fn sf_name(o: ObjectKind) -> &'static str {
    match o {
        ObjectKind::Account => "Account",
        ObjectKind::Contact => "Contact",
        ObjectKind::Case => "Case",
        ObjectKind::Opportunity => "Opportunity",
        ObjectKind::Lead => "Lead",
        ObjectKind::Asset => "Asset",
        other => other.key(),
    }
}

/// A record's owner: an imported user, or a queue that lists the object.
fn owner_of(cx: &Cx, d: &Data, r: &Row, object: ObjectKind) -> Result<String, String> {
    let Some(i) = d.lookup(r, "OwnerId", &["User", "Group"]) else {
        return Err(match r.get("OwnerId") {
            Some(o) => format!("its owner {o} is not among the users or queues in the data"),
            None => "no OwnerId".into(),
        });
    };
    let row = &d.rows[i];
    if row.sobject == "User" {
        return d
            .ids
            .get(&i)
            .cloned()
            .ok_or_else(|| format!("its owner {} was not imported", row.label()));
    }
    let dev = row.get("DeveloperName").unwrap_or("");
    let q = cx
        .id_of("queue", dev)
        .ok_or_else(|| format!("its owner, group {dev}, is not an imported queue"))?;
    let lists = cx
        .scenario
        .queues
        .iter()
        .any(|x| x.id == q && x.objects.contains(&object));
    if !lists {
        return Err(format!(
            "its owner, queue {dev}, does not list {}",
            object.label()
        ));
    }
    Ok(q)
}

/// A portal user is the contact their ContactId names (known once contacts are imported).
fn contacts_of_users(cx: &mut Cx, d: &Data) {
    for (i, r) in d
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.sobject == "User")
    {
        let Some(id) = d.ids.get(&i) else { continue };
        let contact = d.id_at(r, "ContactId", &["Contact"]);
        if let Some(u) = cx
            .scenario
            .users
            .iter_mut()
            .find(|u| &u.id == id && u.kind == UserKind::External)
        {
            u.contact = contact;
        }
    }
}

/// GroupMember rows: users, groups and role groups in public groups and queues.
fn members(cx: &mut Cx, d: &Data) {
    const TY: &str = "GroupMember";
    for r in d.rows.iter().filter(|r| r.sobject == TY) {
        match member(cx, d, r) {
            Ok((into, is_queue, p)) => {
                let list = if is_queue {
                    cx.scenario
                        .queues
                        .iter_mut()
                        .find(|q| q.id == into)
                        .map(|q| &mut q.members)
                } else {
                    cx.scenario
                        .groups
                        .iter_mut()
                        .find(|g| g.id == into)
                        .map(|g| &mut g.members)
                };
                if let Some(list) = list {
                    if !list.contains(&p) {
                        list.push(p);
                    }
                }
                cx.report.imported(&records_of(TY));
            }
            Err(why) => skip(cx, TY, r, why),
        }
    }
}

fn member(cx: &Cx, d: &Data, r: &Row) -> Result<(String, bool, Principal), String> {
    let g = d
        .lookup(r, "GroupId", &["Group"])
        .ok_or("its GroupId is not in the Group table")?;
    let group = &d.rows[g];
    let dev = group.get("DeveloperName").unwrap_or("");
    let (into, is_queue) = match group.get("Type") {
        Some("Regular") | None => (
            cx.id_of("group", dev)
                .ok_or(format!("group {dev} is not among the imported groups"))?,
            false,
        ),
        Some("Queue") => (
            cx.id_of("queue", dev)
                .ok_or(format!("queue {dev} is not among the imported queues"))?,
            true,
        ),
        Some(t) => {
            return Err(format!(
                "a member of a group of type {t}: Salesforce computes those groups' members"
            ))
        }
    };
    let m = d
        .lookup(r, "UserOrGroupId", &["User", "Group"])
        .ok_or("its UserOrGroupId is in neither the User nor the Group table")?;
    let row = &d.rows[m];
    if row.sobject == "User" {
        if d.high_volume.contains(&m) {
            return Err(format!(
                "{} is a high-volume portal user, who can't be in groups or queues",
                row.label()
            ));
        }
        let id = d
            .ids
            .get(&m)
            .ok_or(format!("user {} was not imported", row.label()))?;
        return Ok((into, is_queue, Principal::User(id.clone())));
    }
    let mdev = row.get("DeveloperName").unwrap_or("");
    let role = || -> Result<String, String> {
        let dev = d
            .name_via(row, "RelatedId", "UserRole", "DeveloperName")
            .ok_or("its role (RelatedId) is not in the UserRole table")?;
        cx.id_of("role", &dev)
            .ok_or(format!("role {dev} is not among the imported roles"))
    };
    let p = match row.get("Type") {
        Some("Regular") | None => Principal::Group(
            cx.id_of("group", mdev)
                .ok_or(format!("group {mdev} is not among the imported groups"))?,
        ),
        Some("Role") => Principal::Role(role()?),
        Some("RoleAndSubordinates") => Principal::RoleAndSubordinates(role()?),
        Some("RoleAndSubordinatesInternal") => Principal::RoleAndInternalSubordinates(role()?),
        Some(t) => return Err(format!("a {t} group as a member is not modelled")),
    };
    Ok((into, is_queue, p))
}

/// PermissionSetAssignment rows: users' permission sets (a profile's own set is its profile).
fn assignments(cx: &mut Cx, d: &Data) {
    const TY: &str = "PermissionSetAssignment";
    for r in d.rows.iter().filter(|r| r.sobject == TY) {
        let user = d.id_at(r, "AssigneeId", &["User"]);
        let set = d
            .lookup(r, "PermissionSetId", &["PermissionSet"])
            .map(|i| &d.rows[i]);
        let why = match (&user, set) {
            (None, _) => "its assignee is not among the imported users".to_string(),
            (_, None) => "its PermissionSetId is not in the PermissionSet table".to_string(),
            (_, Some(s)) if s.get("IsOwnedByProfile") == Some("true") => {
                "the profile's own permission set: its permissions are the profile's".to_string()
            }
            (Some(u), Some(s)) => {
                let name = s.get("Name").unwrap_or("");
                match cx.id_of("permission set", name) {
                    Some(ps) => {
                        if let Some(x) = cx.scenario.users.iter_mut().find(|x| &x.id == u) {
                            if !x.permission_sets.contains(&ps) {
                                x.permission_sets.push(ps);
                            }
                        }
                        cx.report.imported(&records_of(TY));
                        continue;
                    }
                    None => {
                        format!("permission set {name} is not among the imported permission sets")
                    }
                }
            }
        };
        skip(cx, TY, r, why);
    }
}
