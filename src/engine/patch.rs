//! Edits with a local reach (one manual share or team member, or one org-wide default) applied
//! to a validated index in place. The entry is checked against the index with the validator's
//! own code (`validate::Refs` and its entry builders), so the problems are those a full
//! validation reports; then the lists and their per-record indexes are patched. At org scale a
//! full revalidation costs hundreds of milliseconds and this microseconds. Anything it is not
//! sure of (other lists, an entry that does not parse, an id clash) returns None, and the caller
//! revalidates in full.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use super::edits::{Collection, Edit, EditError};
use super::index::{
    AccountTeamData, Entity, Index, PrincipalIx, RecordIx, RecordTeamData, ShareIx, TeamIx, UserIx,
};
use super::mechanisms::Changed;
use super::scenario::{AccountTeamMember, CaseTeamMember, OpportunityTeamMember};
use super::scenario::{ObjectKind, OrgDefault};
use super::validate::{self, LoadError, Problem, Refs};

/// Checks one entry against a finished index.
struct Checker<'a> {
    ix: &'a Index,
    problems: Vec<Problem>,
}

impl Refs for Checker<'_> {
    fn entity(&self, id: &str) -> Option<Entity> {
        self.ix.by_id.get(id).copied()
    }
    fn object_of(&self, r: RecordIx) -> Option<ObjectKind> {
        self.ix.records.get(r.ix()).map(|x| x.object)
    }
    fn org_default(&self, object: ObjectKind) -> OrgDefault {
        self.ix.org_default(object)
    }
    fn is_detail(&self, object: ObjectKind) -> bool {
        self.ix.custom(object).is_some_and(|c| c.master.is_some())
    }
    fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.into(),
            message: message.into(),
        });
    }
}

/// What a patched edit can have changed.
#[derive(Debug, Clone, PartialEq)]
pub enum Reach {
    /// The records the added, changed or removed entries name, before and after, and what of
    /// them changed (`reach` adds the records whose grants look at that).
    Records(Vec<RecordIx>, Changed),
    /// Every record of this object (its org-wide default changed).
    Object(ObjectKind),
}

type Outcome = Option<Result<Reach, EditError>>;

/// Apply `edit` in place if it is local: Some(Ok) with its reach when applied, Some(Err) when
/// refused (the index unchanged), None when it needs a full revalidation.
pub fn patch(ix: &mut Index, edit: &Edit) -> Outcome {
    match edit {
        // A custom object's defaults live on its declaration, with its own rules: revalidate.
        Edit::SetOrgDefault { object, .. } if object.is_custom() => None,
        Edit::SetOrgDefault { object, default } => {
            let mut defaults = ix.scenario.org_defaults.clone();
            defaults.insert(*object, *default);
            let mut problems = validate::org_default_problems(&defaults);
            if *object == ObjectKind::Account {
                problems.extend(ix.scenario.account_teams.iter().enumerate().filter_map(
                    |(i, t)| {
                        validate::account_access_problem(
                            &format!("account_teams[{i}]"),
                            t,
                            default.internal,
                        )
                    },
                ));
            }
            if !problems.is_empty() {
                return Some(Err(EditError::Invalid(LoadError::Invalid(problems))));
            }
            ix.org_defaults.insert(*object, *default);
            ix.scenario.org_defaults = defaults;
            Some(Ok(Reach::Object(*object)))
        }
        Edit::Upsert { collection, value } => {
            let fields = object_fields(*collection, value)?;
            let fields = match fields {
                Ok(f) => f,
                Err(e) => return Some(Err(e)),
            };
            if let Some(missing) = collection
                .identity()
                .iter()
                .find(|k| !fields.contains_key(**k))
            {
                return Some(Err(EditError::Shape(format!(
                    "{}: the value needs `{missing}`",
                    collection.key()
                ))));
            }
            upsert(ix, *collection, value, fields)
        }
        Edit::Remove {
            collection,
            matching,
            all,
        } => {
            let fields = match object_fields(*collection, matching)? {
                Ok(f) => f,
                Err(e) => return Some(Err(e)),
            };
            // An empty match without `all` is refused by `edits::apply_to`, with its message.
            if fields.is_empty() && !all {
                return None;
            }
            remove(ix, *collection, matching, fields)
        }
        Edit::Replace { .. } => None,
    }
}

/// The value's fields, for the lists this module handles.
fn object_fields(
    collection: Collection,
    value: &Value,
) -> Option<Result<&Map<String, Value>, EditError>> {
    if !matches!(
        collection,
        Collection::ManualShares
            | Collection::AccountTeams
            | Collection::OpportunityTeams
            | Collection::CaseTeams
    ) {
        return None;
    }
    Some(match value {
        Value::Object(f) => Ok(f),
        _ => Err(EditError::Shape(format!(
            "{}: the value must be a JSON object",
            collection.key()
        ))),
    })
}

/// Whether `item` (as JSON) has every one of `keys` equal to `fields`.
fn same(item: &Value, fields: &Map<String, Value>, keys: &[&str]) -> bool {
    keys.iter()
        .all(|k| item.get(*k).is_some() && item.get(*k) == fields.get(*k))
}

fn as_json<T: Serialize>(x: &T) -> Value {
    serde_json::to_value(x).unwrap_or(Value::Null)
}

fn parse<T: DeserializeOwned>(value: &Value) -> Option<T> {
    serde_json::from_value(value.clone()).ok()
}

fn refused(problems: Vec<Problem>) -> Outcome {
    Some(Err(EditError::Invalid(LoadError::Invalid(problems))))
}

/// Keep a per-record list sorted by position, as a full validation builds it.
fn insert_sorted<T: Ord + Copy>(list: &mut Vec<T>, x: T) {
    let at = list.partition_point(|y| *y < x);
    list.insert(at, x);
}

fn upsert(
    ix: &mut Index,
    collection: Collection,
    value: &Value,
    fields: &Map<String, Value>,
) -> Outcome {
    let mut reach = Vec::new();
    let mut child_access = false;
    let identity = collection.identity();
    let key = collection.key();
    match collection {
        Collection::ManualShares => {
            let slot = ix
                .scenario
                .manual_shares
                .iter()
                .position(|m| same(&as_json(m), fields, identity));
            let pos = slot.unwrap_or(ix.scenario.manual_shares.len());
            let path = format!("{key}[{pos}]");
            let share: super::scenario::ManualShare = parse(value)?;
            let mut c = Checker {
                ix: &*ix,
                problems: Vec::new(),
            };
            if validate::check_id(&mut c, &path, &share.id, None) {
                match ix.by_id.get(&share.id) {
                    None => {}
                    Some(Entity::Share(s)) if Some(s.ix()) == slot => {}
                    Some(_) => return None,
                }
            }
            let data = validate::share_entry(&mut c, &path, &share);
            if let Some(PrincipalIx::User(u)) = data.as_ref().map(|d| d.with) {
                if ix.user(u).high_volume() {
                    let msg = validate::high_volume_message(ix.user(u), "a manual share");
                    c.problem(format!("{path}.with.user"), msg);
                }
            }
            if !c.problems.is_empty() {
                return refused(c.problems);
            }
            let data = data?;
            let at = ShareIx(pos as u32);
            child_access |= data.children.any();
            if let Some(old) = slot {
                child_access |= ix.manual_shares[old].children.any();
                let before = ix.manual_shares[old].record;
                reach.push(before);
                ix.shares_by_record[before.ix()].retain(|s| *s != at);
                ix.manual_shares[old] = data.clone();
                ix.scenario.manual_shares[old] = share;
            } else {
                ix.by_id.insert(share.id.clone(), Entity::Share(at));
                ix.manual_shares.push(data.clone());
                ix.scenario.manual_shares.push(share);
            }
            reach.push(data.record);
            insert_sorted(&mut ix.shares_by_record[data.record.ix()], at);
        }
        Collection::AccountTeams => {
            return upsert_team(ix, &ACCOUNT_TEAMS, collection, value, fields)
        }
        Collection::OpportunityTeams => {
            return upsert_team(ix, &OPPORTUNITY_TEAMS, collection, value, fields)
        }
        Collection::CaseTeams => return upsert_team(ix, &CASE_TEAMS, collection, value, fields),
        _ => return None,
    }
    Some(Ok(reached(reach, collection, child_access)))
}

/// The records the entries name, each once, and what of them the collection is (what reads
/// them is `reach`'s business): `child_access` when a share before or after the edit gives
/// access to an account's children.
fn reached(mut records: Vec<RecordIx>, collection: Collection, child_access: bool) -> Reach {
    records.sort_unstable();
    records.dedup();
    let what = match collection {
        Collection::ManualShares if child_access => Changed::ChildAccess,
        Collection::ManualShares => Changed::ManualShares,
        _ => Changed::Team,
    };
    Reach::Records(records, what)
}

/// High-volume portal users can't be on teams.
fn team_user_check(c: &mut Checker, path: &str, user: Option<UserIx>) {
    if let Some(u) = user {
        let data = c.ix.user(u);
        if data.high_volume() {
            let msg = validate::high_volume_message(data, "a team");
            c.problem(format!("{path}.user"), msg);
        }
    }
}

/// Drop the entries whose JSON matches; the positions of the rest shift, so the per-record
/// lists of that collection are rebuilt (linear in records, no revalidation).
fn remove(
    ix: &mut Index,
    collection: Collection,
    matching: &Value,
    fields: &Map<String, Value>,
) -> Outcome {
    let mut reach = Vec::new();
    let mut child_access = false;
    let keys: Vec<&str> = fields.keys().map(String::as_str).collect();
    let keep: Vec<bool> = match collection {
        Collection::ManualShares => mask(&ix.scenario.manual_shares, fields, &keys),
        Collection::AccountTeams => mask(&ix.scenario.account_teams, fields, &keys),
        Collection::OpportunityTeams => mask(&ix.scenario.opportunity_teams, fields, &keys),
        Collection::CaseTeams => mask(&ix.scenario.case_teams, fields, &keys),
        _ => return None,
    };
    if keep.iter().all(|k| *k) {
        return Some(Err(EditError::Shape(format!(
            "{}: nothing matches {matching}",
            collection.key()
        ))));
    }
    let n = ix.records.len();
    let gone = |k: &&bool| !**k;
    match collection {
        Collection::ManualShares => {
            for (m, k) in ix.manual_shares.iter().zip(&keep) {
                if !k {
                    ix.by_id.remove(&m.id);
                }
            }
            reach.extend(
                ix.manual_shares
                    .iter()
                    .zip(&keep)
                    .filter(|(_, k)| gone(k))
                    .map(|(m, _)| m.record),
            );
            child_access = ix
                .manual_shares
                .iter()
                .zip(&keep)
                .any(|(m, k)| gone(&k) && m.children.any());
            retain(&mut ix.scenario.manual_shares, &keep);
            retain(&mut ix.manual_shares, &keep);
            ix.shares_by_record = vec![Vec::new(); n];
            for (i, m) in ix.manual_shares.iter().enumerate() {
                ix.shares_by_record[m.record.ix()].push(ShareIx(i as u32));
                ix.by_id
                    .insert(m.id.clone(), Entity::Share(ShareIx(i as u32)));
            }
        }
        Collection::AccountTeams => remove_teams(ix, &ACCOUNT_TEAMS, &keep, &mut reach),
        Collection::OpportunityTeams => remove_teams(ix, &OPPORTUNITY_TEAMS, &keep, &mut reach),
        Collection::CaseTeams => remove_teams(ix, &CASE_TEAMS, &keep, &mut reach),
        _ => return None,
    }
    Some(Ok(reached(reach, collection, child_access)))
}

fn mask<T: Serialize>(items: &[T], fields: &Map<String, Value>, keys: &[&str]) -> Vec<bool> {
    items
        .iter()
        .map(|x| !same(&as_json(x), fields, keys))
        .collect()
}

fn retain<T>(items: &mut Vec<T>, keep: &[bool]) {
    let mut i = 0;
    items.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}

/// Where one kind of team member lives in the index, so that the three team lists share one
/// upsert and one removal.
struct TeamList<S, D> {
    scenario: fn(&mut Index) -> &mut Vec<S>,
    data: fn(&mut Index) -> &mut Vec<D>,
    by_record: fn(&mut Index) -> &mut Vec<Vec<TeamIx>>,
    record: fn(&D) -> RecordIx,
    user: fn(&D) -> UserIx,
    entry: fn(&mut Checker, &str, &S) -> Option<D>,
}

const ACCOUNT_TEAMS: TeamList<AccountTeamMember, AccountTeamData> = TeamList {
    scenario: |ix| &mut ix.scenario.account_teams,
    data: |ix| &mut ix.account_teams,
    by_record: |ix| &mut ix.account_team_by_account,
    record: |d| d.account,
    user: |d| d.user,
    entry: |c, path, t| validate::account_team_entry(c, path, t),
};

const OPPORTUNITY_TEAMS: TeamList<OpportunityTeamMember, RecordTeamData> = TeamList {
    scenario: |ix| &mut ix.scenario.opportunity_teams,
    data: |ix| &mut ix.opportunity_teams,
    by_record: |ix| &mut ix.opportunity_team_by_record,
    record: |d| d.record,
    user: |d| d.user,
    entry: |c, path, t| validate::opportunity_team_entry(c, path, t),
};

const CASE_TEAMS: TeamList<CaseTeamMember, RecordTeamData> = TeamList {
    scenario: |ix| &mut ix.scenario.case_teams,
    data: |ix| &mut ix.case_teams,
    by_record: |ix| &mut ix.case_team_by_record,
    record: |d| d.record,
    user: |d| d.user,
    entry: |c, path, t| validate::case_team_entry(c, path, t),
};

fn upsert_team<S: Serialize + DeserializeOwned, D: Clone>(
    ix: &mut Index,
    list: &TeamList<S, D>,
    collection: Collection,
    value: &Value,
    fields: &Map<String, Value>,
) -> Outcome {
    let identity = collection.identity();
    let members = (list.scenario)(ix);
    let slot = members
        .iter()
        .position(|t| same(&as_json(t), fields, identity));
    let pos = slot.unwrap_or(members.len());
    let path = format!("{}[{pos}]", collection.key());
    let member: S = parse(value)?;
    let mut c = Checker {
        ix: &*ix,
        problems: Vec::new(),
    };
    let data = (list.entry)(&mut c, &path, &member);
    team_user_check(&mut c, &path, data.as_ref().map(list.user));
    if !c.problems.is_empty() {
        return refused(c.problems);
    }
    let data = data?;
    let at = TeamIx(pos as u32);
    let mut reach = Vec::new();
    if let Some(old) = slot {
        let before = (list.record)(&(list.data)(ix)[old]);
        reach.push(before);
        (list.by_record)(ix)[before.ix()].retain(|t| *t != at);
        (list.data)(ix)[old] = data.clone();
        (list.scenario)(ix)[old] = member;
    } else {
        (list.data)(ix).push(data.clone());
        (list.scenario)(ix).push(member);
    }
    let record = (list.record)(&data);
    reach.push(record);
    insert_sorted(&mut (list.by_record)(ix)[record.ix()], at);
    Some(Ok(reached(reach, collection, false)))
}

fn remove_teams<S, D>(
    ix: &mut Index,
    list: &TeamList<S, D>,
    keep: &[bool],
    reach: &mut Vec<RecordIx>,
) {
    let gone = (list.data)(ix)
        .iter()
        .zip(keep)
        .filter(|(_, k)| !**k)
        .map(|(d, _)| (list.record)(d))
        .collect::<Vec<_>>();
    reach.extend(gone);
    retain((list.scenario)(ix), keep);
    retain((list.data)(ix), keep);
    let mut by_record = vec![Vec::new(); ix.records.len()];
    for (i, d) in (list.data)(ix).iter().enumerate() {
        by_record[(list.record)(d).ix()].push(TeamIx(i as u32));
    }
    *(list.by_record)(ix) = by_record;
}
