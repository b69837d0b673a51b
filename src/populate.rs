//! `access-sim populate`: deterministic synthetic users and records for a design that has none
//! (an imported org's metadata), so its who-sees-what shows before any data is exported. The
//! same design, counts and seed always give the same scenario, and it is validated before use.

use std::collections::{BTreeMap, BTreeSet};

use crate::engine::scenario::*;
use crate::generate::Rng;

/// How much to make: users per role (and per profile nobody with a role has), records per object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub users_per_role: usize,
    pub records_per_object: usize,
    pub seed: u64,
}

/// The populated scenario, what was added, and what was decided on the way (a profile added,
/// a licence changed ...), for the user to read.
#[derive(Debug, Clone)]
pub struct Populated {
    pub scenario: Scenario,
    pub users_added: usize,
    pub records_added: usize,
    pub notes: Vec<String>,
}

/// Limits that keep a mistyped count from filling the memory.
pub const MAX_USERS: usize = 200_000;
pub const MAX_RECORDS: usize = 5_000_000;

/// Who a profile's users are: employees, or portal users with a licence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Seat {
    Internal,
    External(License),
}

/// A portal licence from a profile's name, as Salesforce names its standard portal profiles
/// (Customer Community User, Customer Community Plus User, Partner Community User ...).
fn licence_by_name(name: &str) -> Option<License> {
    let n = name.to_lowercase();
    if n.contains("partner") {
        Some(License::Partner)
    } else if n.contains("community plus") || n.contains("portal manager") {
        Some(License::CustomerCommunityPlus)
    } else if n.contains("community") || n.contains("portal") || n.contains("high volume") {
        Some(License::CustomerCommunity)
    } else {
        None
    }
}

/// Each profile's seat: what its existing users are, else external when a sharing set names it
/// or its name is a portal profile's, else internal.
fn seats(s: &Scenario) -> Vec<Seat> {
    let mut used: BTreeMap<&str, Seat> = BTreeMap::new();
    for u in &s.users {
        let seat = match u.kind {
            UserKind::Internal => Seat::Internal,
            UserKind::External => Seat::External(u.license.unwrap_or(License::CustomerCommunity)),
        };
        used.entry(u.profile.as_str()).or_insert(seat);
    }
    let in_sets: BTreeSet<&str> = s
        .sharing_sets
        .iter()
        .flat_map(|ss| ss.profiles.iter().map(String::as_str))
        .collect();
    s.profiles
        .iter()
        .map(|p| {
            if let Some(seat) = used.get(p.id.as_str()) {
                return *seat;
            }
            match (licence_by_name(&p.name), in_sets.contains(p.id.as_str())) {
                (Some(l), _) => Seat::External(l),
                (None, true) => Seat::External(License::CustomerCommunity),
                (None, false) => Seat::Internal,
            }
        })
        .collect()
}

/// Every id in the scenario, whatever its kind (ids are unique across a scenario), so new ones
/// never clash.
struct Ids(BTreeSet<String>);

impl Ids {
    fn of(s: &Scenario) -> Ids {
        fn walk(v: &serde_json::Value, out: &mut BTreeSet<String>) {
            match v {
                serde_json::Value::Object(m) => {
                    for (k, x) in m {
                        if let (true, Some(id)) = (k == "id", x.as_str()) {
                            out.insert(id.to_string());
                        }
                        walk(x, out);
                    }
                }
                serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
                _ => {}
            }
        }
        let mut out = BTreeSet::new();
        walk(&serde_json::to_value(s).unwrap_or_default(), &mut out);
        for c in &s.custom_objects {
            out.insert(c.api_name.as_str().to_string());
        }
        Ids(out)
    }

    /// `base`, or `base_2`, `base_3` ... if taken.
    fn fresh(&mut self, base: &str) -> String {
        let mut id = base.to_string();
        let mut n = 2;
        while self.0.contains(&id) {
            id = format!("{base}_{n}");
            n += 1;
        }
        self.0.insert(id.clone());
        id
    }
}

/// An id part from free text: letters, digits and underscores.
fn slug(s: &str) -> String {
    let out: String = s
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    out.trim_matches('_').to_string()
}

/// The values criteria rules test, per object and field: records get one of them, or "Other",
/// so that some records meet each rule and some don't.
struct Criteria(BTreeMap<ObjectKind, BTreeMap<String, Vec<String>>>);

impl Criteria {
    fn of(s: &Scenario) -> Criteria {
        let mut m: BTreeMap<ObjectKind, BTreeMap<String, Vec<String>>> = BTreeMap::new();
        for r in &s.sharing_rules {
            if let RuleSelector::Criteria(cs) = &r.select {
                for c in cs {
                    let vals = m
                        .entry(r.object)
                        .or_default()
                        .entry(c.field.clone())
                        .or_default();
                    for v in &c.equals {
                        if !vals.contains(v) {
                            vals.push(v.clone());
                        }
                    }
                }
            }
        }
        Criteria(m)
    }

    fn fields(&self, object: ObjectKind, rng: &mut Rng) -> Fields {
        let Some(fields) = self.0.get(&object) else {
            return Fields::default();
        };
        fields
            .iter()
            .map(|(f, vals)| {
                let i = rng.below(vals.len() + 1);
                let v = vals.get(i).cloned().unwrap_or_else(|| "Other".to_string());
                (f.clone(), v)
            })
            .collect()
    }
}

/// One pick from a list (None when it is empty).
fn pick<'a, T>(rng: &mut Rng, list: &'a [T]) -> Option<&'a T> {
    (!list.is_empty()).then(|| &list[rng.below(list.len())])
}

/// Up to `n` distinct entries, a run from a random start.
fn some_of<T: Clone>(rng: &mut Rng, list: &[T], n: usize) -> Vec<T> {
    if list.is_empty() {
        return Vec::new();
    }
    let start = rng.below(list.len());
    (0..n.min(list.len()))
        .map(|k| list[(start + k) % list.len()].clone())
        .collect()
}

/// The objects whose records `design` may hold: the six Salesforce objects always, sold
/// products and account children when the design mentions them, and its custom objects.
fn objects_of(s: &Scenario) -> Vec<ObjectKind> {
    use ObjectKind as O;
    let mut out = vec![
        O::Account,
        O::Contact,
        O::Case,
        O::Opportunity,
        O::Lead,
        O::Asset,
    ];
    let mentioned = |o: ObjectKind| {
        s.org_defaults.contains_key(&o)
            || s.profiles
                .iter()
                .chain(&s.permission_sets)
                .any(|p| p.objects.contains_key(&o))
    };
    if mentioned(O::SoldProduct) || !s.sold_products.is_empty() {
        out.push(O::SoldProduct);
    }
    if mentioned(O::AccountChild) || !s.account_children.is_empty() {
        out.push(O::AccountChild);
    }
    out.extend(s.custom_objects.iter().map(|c| O::Custom(c.api_name)));
    out
}

/// Fill `design` with users and records (added to any it has). Errors say what to change.
pub fn populate(design: &Scenario, opt: &Options) -> Result<Populated, String> {
    let mut s = design.clone();
    let mut ids = Ids::of(&s);
    let mut rng = Rng(opt.seed);
    let mut notes = Vec::new();
    let (n, m) = (opt.users_per_role, opt.records_per_object);
    let objects = objects_of(&s);

    // --- users ----------------------------------------------------------------------------
    let mut seat = seats(&s);
    if !seat.contains(&Seat::Internal) && (n > 0 || m > 0) {
        let id = ids.fresh("populated_standard_user");
        let perms: BTreeSet<ObjectPermission> = [
            ObjectPermission::Read,
            ObjectPermission::Create,
            ObjectPermission::Edit,
        ]
        .into();
        s.profiles.push(Profile {
            id: id.clone(),
            name: "Standard User (populated)".into(),
            objects: objects.iter().map(|o| (*o, perms.clone())).collect(),
            system: BTreeSet::new(),
            creator_access: Default::default(),
            assigned_account_access: Default::default(),
            config: BTreeSet::new(),
        });
        seat.push(Seat::Internal);
        notes.push(format!("the design has no internal profile: added '{id}' (Read, Create and Edit on every object) for the employees"));
    }
    let internal: Vec<usize> = (0..s.profiles.len())
        .filter(|i| seat[*i] == Seat::Internal)
        .collect();
    let external: Vec<(usize, License)> = (0..s.profiles.len())
        .filter_map(|i| match seat[i] {
            Seat::External(l) => Some((i, l)),
            Seat::Internal => None,
        })
        .collect();
    let planned = (s.roles.len() + internal.len() + external.len()).saturating_mul(n);
    if planned > MAX_USERS {
        return Err(format!(
            "--users-per-role {n} would make {planned} users; the limit is {MAX_USERS}"
        ));
    }
    let planned = objects
        .len()
        .saturating_mul(m)
        .saturating_add(external.len().saturating_mul(n));
    if planned > MAX_RECORDS {
        return Err(format!(
            "--records-per-object {m} would make {planned} records; the limit is {MAX_RECORDS}"
        ));
    }
    let first_user = s.users.len();
    let mut covered = BTreeSet::new();
    let mut turn = 0;
    let roles: Vec<(String, String)> = s
        .roles
        .iter()
        .map(|r| (r.id.clone(), r.name.clone()))
        .collect();
    for (rid, rname) in &roles {
        for k in 1..=n {
            let p = internal[turn % internal.len()];
            turn += 1;
            covered.insert(p);
            s.users.push(User {
                id: ids.fresh(&format!("u_{}_{k}", slug(rid))),
                name: format!("{rname} {k}"),
                kind: UserKind::Internal,
                active: true,
                role: Some(rid.clone()),
                profile: s.profiles[p].id.clone(),
                permission_sets: Vec::new(),
                license: None,
                contact: None,
                portal_role: None,
                csm_roles: Vec::new(),
            });
        }
    }
    for p in internal.iter().filter(|p| !covered.contains(*p)) {
        let (pid, pname) = (s.profiles[*p].id.clone(), s.profiles[*p].name.clone());
        for k in 1..=n {
            s.users.push(User {
                id: ids.fresh(&format!("u_{}_{k}", slug(&pid))),
                name: format!("{pname} {k}"),
                kind: UserKind::Internal,
                active: true,
                role: None,
                profile: pid.clone(),
                permission_sets: Vec::new(),
                license: None,
                contact: None,
                portal_role: None,
                csm_roles: Vec::new(),
            });
        }
    }
    let employees: Vec<usize> = (first_user..s.users.len()).collect();
    let mut owners: Vec<String> = employees.iter().map(|u| s.users[*u].id.clone()).collect();
    if owners.is_empty() {
        owners = design
            .users
            .iter()
            .filter(|u| u.kind == UserKind::Internal)
            .map(|u| u.id.clone())
            .collect();
    }
    let with_role: Vec<String> = s.users[first_user..]
        .iter()
        .filter(|u| u.role.is_some())
        .map(|u| u.id.clone())
        .collect();
    if owners.is_empty() && m > 0 {
        return Err("no internal user to own the records: give --users-per-role 1 or more (the design has no roles or internal profiles to put users in otherwise)".into());
    }
    let mut portal = Vec::new(); // (user index, licence)
    for (p, licence) in &external {
        let mut licence = *licence;
        if licence.has_portal_role() && with_role.is_empty() {
            notes.push(format!("profile '{}' looks like a {} profile, but no employee has a role to own its users' accounts (Salesforce requires one): its users are made Customer Community users", s.profiles[*p].name, licence.label()));
            licence = License::CustomerCommunity;
        }
        let (pid, pname) = (s.profiles[*p].id.clone(), s.profiles[*p].name.clone());
        for k in 1..=n {
            portal.push((s.users.len(), licence));
            s.users.push(User {
                id: ids.fresh(&format!("x_{}_{k}", slug(&pid))),
                name: format!("{pname} {k}"),
                kind: UserKind::External,
                active: true,
                role: None,
                profile: pid.clone(),
                permission_sets: Vec::new(),
                license: Some(licence),
                contact: None,
                portal_role: licence.has_portal_role().then(|| PortalRole::ALL[k % 3]),
                csm_roles: Vec::new(),
            });
        }
    }

    // --- records --------------------------------------------------------------------------
    let first_records = s.record_count();
    let criteria = Criteria::of(&s);
    let queues_for = |o: ObjectKind| -> Vec<String> {
        s.queues
            .iter()
            .filter(|q| q.objects.contains(&o))
            .map(|q| q.id.clone())
            .collect()
    };
    let (case_queues, lead_queues) = (queues_for(ObjectKind::Case), queues_for(ObjectKind::Lead));
    let owner_of = |rng: &mut Rng, queues: &[String]| -> String {
        match pick(rng, queues).filter(|_| rng.chance(20)) {
            Some(q) => q.clone(),
            None => pick(rng, &owners).cloned().unwrap_or_default(),
        }
    };
    let mut made: BTreeMap<ObjectKind, Vec<String>> = BTreeMap::new();
    let needs_account = portal.iter().any(|(_, l)| *l != License::Consumer);
    let n_accounts = if m == 0 && needs_account { 1 } else { m };
    if n_accounts > m {
        notes.push(
            "one account made for the portal users' contacts (--records-per-object 0)".into(),
        );
    }
    let account_owners = if with_role.is_empty() {
        &owners
    } else {
        &with_role
    };
    let mut accounts: Vec<String> = Vec::new();
    for i in 1..=n_accounts {
        let parent = (i > 1 && rng.chance(15)).then(|| accounts[rng.below(accounts.len())].clone());
        let id = ids.fresh(&format!("account_{i}"));
        s.accounts.push(Account {
            id: id.clone(),
            name: format!("Account {i}"),
            owner: pick(&mut rng, account_owners).cloned().unwrap_or_default(),
            created_by: None,
            parent,
            partner: None,
            restrict_contact_access: false,
            success_manager: None,
            fields: criteria.fields(ObjectKind::Account, &mut rng),
        });
        accounts.push(id);
    }
    let owner_by_account: BTreeMap<String, String> = s
        .accounts
        .iter()
        .map(|a| (a.id.clone(), a.owner.clone()))
        .collect();
    let mut contacts_of: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut contact =
        |s: &mut Scenario, rng: &mut Rng, ids: &mut Ids, base: String, name: String| {
            let account = pick(rng, &accounts).cloned();
            let id = ids.fresh(&base);
            let owner = account
                .as_ref()
                .and_then(|a| owner_by_account.get(a).cloned())
                .or_else(|| pick(rng, &owners).cloned())
                .unwrap_or_default();
            if let Some(a) = &account {
                contacts_of.entry(a.clone()).or_default().push(id.clone());
            }
            s.contacts.push(Contact {
                id: id.clone(),
                name,
                owner,
                created_by: None,
                account,
                fields: criteria.fields(ObjectKind::Contact, rng),
            });
            id
        };
    for i in 1..=m {
        contact(
            &mut s,
            &mut rng,
            &mut ids,
            format!("contact_{i}"),
            format!("Contact {i}"),
        );
    }
    for (u, licence) in &portal {
        if *licence == License::Consumer {
            continue;
        }
        let (uid, uname) = (s.users[*u].id.clone(), s.users[*u].name.clone());
        let c = contact(&mut s, &mut rng, &mut ids, format!("contact_{uid}"), uname);
        s.users[*u].contact = Some(c);
    }
    made.insert(ObjectKind::Account, accounts.clone());
    made.insert(
        ObjectKind::Contact,
        s.contacts.iter().map(|c| c.id.clone()).collect(),
    );
    let mut assets_of: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for i in 1..=m {
        let account = pick(&mut rng, &accounts).cloned();
        let contact = account
            .as_ref()
            .and_then(|a| contacts_of.get(a))
            .and_then(|cs| pick(&mut rng, cs).filter(|_| rng.chance(50)).cloned());
        let id = ids.fresh(&format!("asset_{i}"));
        if let Some(a) = &account {
            assets_of.entry(a.clone()).or_default().push(id.clone());
        }
        let owner = owner_of(&mut rng, &[]);
        s.assets.push(Asset {
            id: id.clone(),
            name: format!("Asset {i}"),
            owner,
            created_by: None,
            account,
            contact,
            fields: criteria.fields(ObjectKind::Asset, &mut rng),
        });
        made.entry(ObjectKind::Asset).or_default().push(id);
    }
    for i in 1..=m {
        let account = pick(&mut rng, &accounts).cloned();
        let of = |map: &BTreeMap<String, Vec<String>>, rng: &mut Rng, pct| {
            account
                .as_ref()
                .and_then(|a| map.get(a))
                .and_then(|xs| pick(rng, xs).filter(|_| rng.chance(pct)).cloned())
        };
        let contact = of(&contacts_of, &mut rng, 70);
        let asset = of(&assets_of, &mut rng, 30);
        let id = ids.fresh(&format!("case_{i}"));
        let owner = owner_of(&mut rng, &case_queues);
        s.cases.push(Case {
            id: id.clone(),
            name: format!("Case {i}"),
            owner,
            created_by: None,
            account,
            contact,
            asset,
            sold_product: None,
            consumer: None,
            fields: criteria.fields(ObjectKind::Case, &mut rng),
        });
        made.entry(ObjectKind::Case).or_default().push(id);
    }
    for i in 1..=m {
        let id = ids.fresh(&format!("opportunity_{i}"));
        let account = pick(&mut rng, &accounts).cloned();
        let owner = owner_of(&mut rng, &[]);
        s.opportunities.push(Opportunity {
            id: id.clone(),
            name: format!("Opportunity {i}"),
            owner,
            created_by: None,
            account,
            fields: criteria.fields(ObjectKind::Opportunity, &mut rng),
        });
        made.entry(ObjectKind::Opportunity).or_default().push(id);
    }
    for i in 1..=m {
        let id = ids.fresh(&format!("lead_{i}"));
        let owner = owner_of(&mut rng, &lead_queues);
        s.leads.push(Lead {
            id: id.clone(),
            name: format!("Lead {i}"),
            owner,
            created_by: None,
            fields: criteria.fields(ObjectKind::Lead, &mut rng),
        });
        made.entry(ObjectKind::Lead).or_default().push(id);
    }
    if objects.contains(&ObjectKind::SoldProduct) {
        for i in 1..=m {
            let id = ids.fresh(&format!("sold_product_{i}"));
            let account = pick(&mut rng, &accounts).cloned();
            let owner = owner_of(&mut rng, &[]);
            s.sold_products.push(SoldProduct {
                id: id.clone(),
                name: format!("Sold product {i}"),
                owner,
                created_by: None,
                account,
                fields: criteria.fields(ObjectKind::SoldProduct, &mut rng),
            });
            made.entry(ObjectKind::SoldProduct).or_default().push(id);
        }
    }
    if objects.contains(&ObjectKind::AccountChild) && !accounts.is_empty() {
        for i in 1..=m {
            let id = ids.fresh(&format!("account_child_{i}"));
            let account = pick(&mut rng, &accounts).cloned().unwrap_or_default();
            let owner = owner_of(&mut rng, &[]);
            s.account_children.push(AccountChild {
                id: id.clone(),
                name: format!("Subscription {i}"),
                kind: "Subscription".into(),
                account,
                owner,
                created_by: None,
                fields: criteria.fields(ObjectKind::AccountChild, &mut rng),
            });
            made.entry(ObjectKind::AccountChild).or_default().push(id);
        }
    }
    custom_records(&mut s, &mut ids, &mut rng, m, &owners, &criteria, &mut made);

    // --- memberships ----------------------------------------------------------------------
    let employee_ids: Vec<String> = employees.iter().map(|u| s.users[*u].id.clone()).collect();
    let mut filled = 0;
    for g in s.groups.iter_mut().filter(|g| g.members.is_empty()) {
        g.members = some_of(&mut rng, &employee_ids, n)
            .into_iter()
            .map(Principal::User)
            .collect();
        filled += usize::from(!g.members.is_empty());
    }
    for q in s.queues.iter_mut().filter(|q| q.members.is_empty()) {
        q.members = some_of(&mut rng, &employee_ids, n)
            .into_iter()
            .map(Principal::User)
            .collect();
        filled += usize::from(!q.members.is_empty());
    }
    if filled > 0 {
        notes.push(format!(
            "{filled} groups and queues had no members: each got up to {n} of the new employees"
        ));
    }
    let sets: Vec<String> = s.permission_sets.iter().map(|p| p.id.clone()).collect();
    for ps in &sets {
        for u in some_of(&mut rng, &employees, n) {
            s.users[u].permission_sets.push(ps.clone());
        }
    }

    let users_added = s.users.len() - first_user;
    let records_added = s.record_count() - first_records;
    let text = serde_json::to_string(&s).map_err(|e| e.to_string())?;
    if let Err(e) = crate::engine::load(&text) {
        let lines: Vec<String> = e.problems().iter().map(|p| p.to_string()).collect();
        return Err(format!(
            "populate produced an invalid scenario (please report this):\n{}",
            lines.join("\n")
        ));
    }
    Ok(Populated {
        scenario: s,
        users_added,
        records_added,
        notes,
    })
}

/// Custom records: masters before their details (a detail record names its master and has no
/// owner), then every lookup filled once all records exist.
fn custom_records(
    s: &mut Scenario,
    ids: &mut Ids,
    rng: &mut Rng,
    m: usize,
    owners: &[String],
    criteria: &Criteria,
    made: &mut BTreeMap<ObjectKind, Vec<String>>,
) {
    let decls = s.custom_objects.clone();
    let master_of = |o: ObjectKind| {
        decls
            .iter()
            .find(|c| ObjectKind::Custom(c.api_name) == o)
            .and_then(|c| c.master_detail.as_ref())
            .map(|md| md.master)
    };
    let depth = |c: &CustomObject| {
        let mut d = 0;
        let mut at = ObjectKind::Custom(c.api_name);
        while let Some(up) = master_of(at).filter(|_| d <= decls.len()) {
            d += 1;
            at = up;
        }
        d
    };
    let mut order: Vec<(usize, usize)> = decls
        .iter()
        .enumerate()
        .map(|(i, c)| (depth(c), i))
        .collect();
    order.sort();
    let first = s.custom_records.len();
    for (_, i) in order {
        let c = &decls[i];
        let object = ObjectKind::Custom(c.api_name);
        let queues: Vec<String> = s
            .queues
            .iter()
            .filter(|q| q.objects.contains(&object))
            .map(|q| q.id.clone())
            .collect();
        let masters = c
            .master_detail
            .as_ref()
            .map(|md| (md.field, made.get(&md.master).cloned().unwrap_or_default()));
        for k in 1..=m {
            let id = ids.fresh(&format!(
                "{}_{k}",
                c.api_name.as_str().trim_end_matches("__c")
            ));
            let mut lookups = BTreeMap::new();
            let owner = match &masters {
                Some((field, list)) => {
                    let Some(master) = pick(rng, list) else { break };
                    lookups.insert(*field, master.clone());
                    None
                }
                None => match pick(rng, &queues).filter(|_| rng.chance(20)) {
                    Some(q) => Some(q.clone()),
                    None => pick(rng, owners).cloned(),
                },
            };
            s.custom_records.push(CustomRecord {
                id: id.clone(),
                name: format!("{} {k}", c.label),
                object: c.api_name,
                owner,
                created_by: None,
                lookups,
                fields: criteria.fields(object, rng),
            });
            made.entry(object).or_default().push(id);
        }
    }
    for r in &mut s.custom_records[first..] {
        let Some(c) = decls.iter().find(|c| c.api_name == r.object) else {
            continue;
        };
        for l in &c.lookups {
            let target = match l.to {
                LookupTo::User => pick(rng, owners).cloned(),
                LookupTo::Object(o) => made.get(&o).and_then(|xs| pick(rng, xs).cloned()),
            };
            if let Some(t) = target.filter(|t| *t != r.id) {
                r.lookups.insert(l.field, t);
            }
        }
    }
}
