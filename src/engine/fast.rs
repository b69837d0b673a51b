//! The set-based engine: the whole matrix at once, record by record. Instead of asking each
//! (user, record) pair, it asks each mechanism which users it grants something on a record
//! (`Mechanism::holders`), lifts those grants to the users above them in one pass, and packs
//! the result at 2 bits per cell. The per-pair evaluator stays the reference: property tests
//! check that both agree on every cell; explanations are still computed per pair on request.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::edits::{apply_to, Collection, Edit, EditError};
use super::evaluate::Evaluator;
use super::index::{Index, PrincipalIx, RecordIx, UserIx};
use super::level::Access;
use super::matrix::CellChange;
use super::mechanisms::{Stage, REGISTRY};
use super::reason::Grant;
use super::scenario::{ObjectKind, ObjectPermission, Sharing, SystemPermission};
use super::validate::validate;

type Members = Rc<Vec<UserIx>>;

/// Indexes the set-based engine builds once per scenario.
pub struct Fast<'a> {
    pub ix: &'a Index,
    /// Per role: the users whose role is strictly above it.
    above: Vec<Vec<UserIx>>,
    /// Per principal: its member users, computed on first use.
    members: RefCell<HashMap<(u8, u32), Members>>,
    /// Per account / contact: the users who are, or belong to, it.
    pub users_by_account: HashMap<RecordIx, Vec<UserIx>>,
    pub users_by_contact: HashMap<RecordIx, Vec<UserIx>>,
}

impl<'a> Fast<'a> {
    pub fn new(ix: &'a Index) -> Self {
        let mut above = vec![Vec::new(); ix.roles.len()];
        for (r, role) in ix.roles.iter().enumerate() {
            for a in &role.ancestors {
                above[r].extend(ix.role_users[a.ix()].iter().copied());
            }
        }
        let mut users_by_account: HashMap<RecordIx, Vec<UserIx>> = HashMap::new();
        let mut users_by_contact: HashMap<RecordIx, Vec<UserIx>> = HashMap::new();
        for u in ix.user_ixs() {
            if let Some(a) = ix.user(u).account {
                users_by_account.entry(a).or_default().push(u);
            }
            if let Some(c) = ix.user(u).contact {
                users_by_contact.entry(c).or_default().push(u);
            }
        }
        Fast {
            ix,
            above,
            members: RefCell::new(HashMap::new()),
            users_by_account,
            users_by_contact,
        }
    }

    /// The users a principal includes.
    pub fn members(&self, p: PrincipalIx) -> Rc<Vec<UserIx>> {
        let key = match p {
            PrincipalIx::User(x) => (0, x.0),
            PrincipalIx::Role(x) => (1, x.0),
            PrincipalIx::RoleAndSubordinates(x) => (2, x.0),
            PrincipalIx::RoleAndInternalSubordinates(x) => (3, x.0),
            PrincipalIx::Group(x) => (4, x.0),
        };
        if let Some(m) = self.members.borrow().get(&key) {
            return m.clone();
        }
        let list: Vec<UserIx> = match p {
            PrincipalIx::User(u) => vec![u],
            _ => self
                .ix
                .user_ixs()
                .filter(|u| self.ix.membership(*u, p).is_some())
                .collect(),
        };
        let list = Rc::new(list);
        self.members.borrow_mut().insert(key, list.clone());
        list
    }

    /// Every user's own record-level shares on a record.
    fn share_holders(&self, ev: &Evaluator, record: RecordIx) -> Vec<(UserIx, Grant)> {
        let mut out = Vec::new();
        for m in REGISTRY.iter().filter(|m| m.stage() == Stage::Share) {
            m.holders(self, ev, record, &mut out);
        }
        out
    }

    /// Shares plus what managers inherit from them, as (user, level, gives implicit parent).
    fn lifted(&self, ev: &Evaluator, record: RecordIx, mut each: impl FnMut(UserIx, Access, bool)) {
        for (u, g) in self.share_holders(ev, record) {
            if g.level == Access::None {
                continue;
            }
            let parent = g.reason.gives_implicit_parent();
            each(u, g.level, parent);
            if g.reason.inherited_by_managers(self.ix) {
                if let Some(role) = self.ix.user(u).role {
                    for m in &self.above[role.ix()] {
                        each(*m, g.level, parent);
                    }
                }
            }
        }
    }
}

/// The whole matrix, 2 bits per cell: records in rows, users in columns.
pub struct FastMatrix {
    pub users: usize,
    pub records: usize,
    words_per_row: usize,
    bits: Vec<u64>,
}

impl FastMatrix {
    pub fn get(&self, user: UserIx, record: RecordIx) -> Access {
        let i = user.ix();
        let w = self.bits[record.ix() * self.words_per_row + i / 32];
        Access::ALL[((w >> ((i % 32) * 2)) & 3) as usize]
    }

    fn set_row(&mut self, record: RecordIx, row: &[Access]) {
        let base = record.ix() * self.words_per_row;
        for (i, a) in row.iter().enumerate() {
            self.bits[base + i / 32] |= (*a as u64) << ((i % 32) * 2);
        }
    }

    /// Bytes the packed cells take.
    pub fn heap_bytes(&self) -> usize {
        self.bits.len() * 8
    }
}

/// Compute every cell.
pub fn matrix(ix: &Index) -> FastMatrix {
    let n = ix.users.len();
    let words_per_row = n.div_ceil(32).max(1);
    let mut out = FastMatrix {
        users: n,
        records: ix.records.len(),
        words_per_row,
        bits: vec![0; words_per_row * ix.records.len()],
    };
    let all: Vec<RecordIx> = ix.record_ixs().collect();
    for (r, levels) in rows_for(ix, &all) {
        out.set_row(r, &levels);
    }
    out
}

/// Fresh rows for some records (computing, through Controlled by Parent, their parents too).
pub fn rows_for(ix: &Index, records: &[RecordIx]) -> Vec<(RecordIx, Rc<Vec<Access>>)> {
    let fx = Fast::new(ix);
    let ev = Evaluator::new(ix);
    let mut objects: HashMap<ObjectKind, Rc<ObjectRows>> = HashMap::new();
    let mut rows: Vec<Option<Rc<Vec<Access>>>> = vec![None; ix.records.len()];
    records
        .iter()
        .map(|r| (*r, row(&fx, &ev, &mut objects, &mut rows, *r)))
        .collect()
}

/// Per object, one value per user: the org-wide default (by user kind) with object-wide
/// overrides, the overrides alone, and the cap (None for inactive users). Every record of the
/// object starts from a copy of `base`.
struct ObjectRows {
    base: Vec<Access>,
    over: Vec<Access>,
    cap: Vec<Access>,
}

fn object_rows(ix: &Index, object: ObjectKind) -> ObjectRows {
    let mut rows = ObjectRows {
        base: Vec::new(),
        over: Vec::new(),
        cap: Vec::new(),
    };
    for u in ix.user_ixs() {
        let cap = if ix.user(u).active {
            ix.object_cap(u, object)
        } else {
            Access::None
        };
        let obj = |p| ix.object_permission(u, object, p).is_some();
        let sys = |p| ix.system_permission(u, p).is_some();
        let over = if obj(ObjectPermission::ModifyAll) || sys(SystemPermission::ModifyAllData) {
            Access::Full
        } else if obj(ObjectPermission::ViewAll) || sys(SystemPermission::ViewAllData) {
            Access::Read
        } else {
            Access::None
        };
        rows.base
            .push(ix.sharing_for(u, object).0.baseline().max(over));
        rows.over.push(over);
        rows.cap.push(cap);
    }
    rows
}

type Rows = Vec<Option<Rc<Vec<Access>>>>;

/// One record's row of final levels (parents first, for Controlled by Parent).
fn row(
    fx: &Fast,
    ev: &Evaluator,
    objects: &mut HashMap<ObjectKind, Rc<ObjectRows>>,
    rows: &mut Rows,
    r: RecordIx,
) -> Rc<Vec<Access>> {
    if let Some(done) = &rows[r.ix()] {
        return done.clone();
    }
    let ix = fx.ix;
    let object = ix.record(r).object;
    let limits = objects
        .entry(object)
        .or_insert_with(|| Rc::new(object_rows(ix, object)))
        .clone();
    let parent = ev.parent_of(r);
    let cbp = ix.org_default(object).internal == Sharing::ControlledByParent;
    let mut lvl: Vec<Access> = match parent {
        Some(p) if cbp => {
            // The record follows its parent; object-wide overrides still apply.
            let prow = row(fx, ev, objects, rows, p);
            prow.iter()
                .zip(&limits.over)
                .map(|(p, o)| (*p).max(*o))
                .collect()
        }
        _ => {
            let mut lvl = limits.base.clone();
            fx.lifted(ev, r, |u, a, _| lvl[u.ix()] = lvl[u.ix()].max(a));
            if object == ObjectKind::Account {
                for child in &ix.children[r.ix()] {
                    let kind = ix.record(*child).object;
                    let counts = matches!(
                        kind,
                        ObjectKind::Case | ObjectKind::Contact | ObjectKind::Opportunity
                    );
                    // Controlled by Parent is per object (validation keeps both defaults equal).
                    let follows = ix.org_default(kind).internal == Sharing::ControlledByParent
                        && ev.parent_of(*child).is_some();
                    if !counts || follows {
                        continue;
                    }
                    fx.lifted(ev, *child, |u, _, gives| {
                        if gives {
                            lvl[u.ix()] = lvl[u.ix()].max(Access::Read);
                        }
                    });
                }
            }
            lvl
        }
    };
    for (l, cap) in lvl.iter_mut().zip(&limits.cap) {
        *l = (*l).min(*cap);
    }
    let done = Rc::new(lvl);
    rows[r.ix()] = Some(done.clone());
    done
}

impl FastMatrix {
    fn replace_row(&mut self, record: RecordIx, row: &[Access]) {
        let base = record.ix() * self.words_per_row;
        self.bits[base..base + self.words_per_row].fill(0);
        self.set_row(record, row);
    }
}

/// A scenario with its whole matrix, kept up to date edit by edit: an edit recomputes only the
/// rows it can affect (and the rows that depend on those), or everything when it can't tell.
pub struct Engine {
    pub ix: Index,
    pub matrix: FastMatrix,
}

/// At most this many changed cells are listed one by one; beyond it only the count is kept,
/// since a global edit at org scale can change hundreds of millions of cells.
pub const MAX_LISTED_CHANGES: usize = 10_000;

/// What an edit did: how many cells changed (counted word by word), the first
/// `MAX_LISTED_CHANGES` of them, and whether only some rows were recomputed.
pub struct Applied {
    pub changed_cells: usize,
    pub changes: Vec<CellChange>,
    pub rows_recomputed: usize,
    pub incremental: bool,
}

/// How many 2-bit cells differ between two packed words.
fn cells_differing(a: u64, b: u64) -> usize {
    let x = a ^ b;
    ((x | (x >> 1)) & 0x5555_5555_5555_5555).count_ones() as usize
}

impl Engine {
    pub fn new(ix: Index) -> Self {
        let matrix = matrix(&ix);
        Engine { ix, matrix }
    }

    pub fn level(&self, user: UserIx, record: RecordIx) -> Access {
        self.matrix.get(user, record)
    }

    /// Apply an edit. On error nothing changes.
    pub fn apply(&mut self, edit: &Edit) -> Result<Applied, EditError> {
        let next = validate(apply_to(&self.ix.scenario, edit)?).map_err(EditError::Invalid)?;
        let same_shape = self
            .ix
            .users
            .iter()
            .map(|u| &u.id)
            .eq(next.users.iter().map(|u| &u.id))
            && self
                .ix
                .records
                .iter()
                .map(|r| &r.id)
                .eq(next.records.iter().map(|r| &r.id));
        let touched = if same_shape {
            touched(&self.ix, &next, edit)
        } else {
            None
        };
        let Some(records) = touched else {
            // Users or records changed shape: compare by id, listing at most the cap.
            let mut changes = super::matrix::diff(&self.ix, &next);
            let changed_cells = changes.len();
            changes.truncate(MAX_LISTED_CHANGES);
            let rows = next.records.len();
            self.matrix = matrix(&next);
            self.ix = next;
            return Ok(Applied {
                changed_cells,
                changes,
                rows_recomputed: rows,
                incremental: false,
            });
        };
        let (mut changes, mut changed_cells) = (Vec::new(), 0);
        let rows = rows_for(&next, &records);
        let wpr = self.matrix.words_per_row;
        for (r, levels) in &rows {
            let old: Vec<u64> = self.matrix.bits[r.ix() * wpr..(r.ix() + 1) * wpr].to_vec();
            self.matrix.replace_row(*r, levels);
            let new = &self.matrix.bits[r.ix() * wpr..(r.ix() + 1) * wpr];
            for (w, (a, b)) in old.iter().zip(new).enumerate() {
                if a == b {
                    continue;
                }
                changed_cells += cells_differing(*a, *b);
                for i in 0..32 {
                    let u = w * 32 + i;
                    let (before, after) = ((a >> (i * 2)) & 3, (b >> (i * 2)) & 3);
                    if before != after && u < next.users.len() && changes.len() < MAX_LISTED_CHANGES
                    {
                        changes.push(CellChange {
                            user: next.users[u].id.clone(),
                            record: next.records[r.ix()].id.clone(),
                            before: Access::ALL[before as usize],
                            after: Access::ALL[after as usize],
                        });
                    }
                }
            }
        }
        self.ix = next;
        Ok(Applied {
            changed_cells,
            changes,
            rows_recomputed: rows.len(),
            incremental: true,
        })
    }
}

/// The records whose rows an edit can change, with their dependents, or None when the edit can
/// reach anything (users, roles, groups, profiles, rules, sharing sets ...).
fn touched(old: &Index, new: &Index, edit: &Edit) -> Option<Vec<RecordIx>> {
    use std::collections::BTreeSet;
    let mut seeds: BTreeSet<RecordIx> = BTreeSet::new();
    let rec = |id: &str| new.find_record(id);
    match edit {
        Edit::SetOrgDefault { object, .. } => {
            for r in new.record_ixs() {
                let o = new.record(r).object;
                if o == *object || o == ObjectKind::Account || o.may_be_controlled_by_parent() {
                    seeds.insert(r);
                }
            }
        }
        Edit::Upsert { collection, .. } | Edit::Remove { collection, .. } => {
            let (a, b) = (&old.scenario, &new.scenario);
            match collection {
                Collection::ManualShares => {
                    for s in a
                        .manual_shares
                        .iter()
                        .filter(|s| !b.manual_shares.contains(s))
                        .chain(
                            b.manual_shares
                                .iter()
                                .filter(|s| !a.manual_shares.contains(s)),
                        )
                    {
                        seeds.extend(rec(&s.record));
                    }
                }
                Collection::AccountTeams => {
                    for t in a
                        .account_teams
                        .iter()
                        .filter(|t| !b.account_teams.contains(t))
                        .chain(
                            b.account_teams
                                .iter()
                                .filter(|t| !a.account_teams.contains(t)),
                        )
                    {
                        if let Some(acc) = rec(&t.account) {
                            seeds.insert(acc);
                            seeds.extend(new.children[acc.ix()].iter().copied());
                        }
                    }
                }
                Collection::CaseTeams => {
                    for t in a
                        .case_teams
                        .iter()
                        .filter(|t| !b.case_teams.contains(t))
                        .chain(b.case_teams.iter().filter(|t| !a.case_teams.contains(t)))
                    {
                        seeds.extend(rec(&t.case_id));
                    }
                }
                Collection::OpportunityTeams => {
                    for t in a
                        .opportunity_teams
                        .iter()
                        .filter(|t| !b.opportunity_teams.contains(t))
                        .chain(
                            b.opportunity_teams
                                .iter()
                                .filter(|t| !a.opportunity_teams.contains(t)),
                        )
                    {
                        seeds.extend(rec(&t.opportunity));
                    }
                }
                Collection::RelatedParties => {
                    for p in a
                        .related_parties
                        .iter()
                        .filter(|p| !b.related_parties.contains(p))
                        .chain(
                            b.related_parties
                                .iter()
                                .filter(|p| !a.related_parties.contains(p)),
                        )
                    {
                        if let Some(r) = rec(&p.record) {
                            seeds.insert(r);
                            seeds.extend(new.cases_by_product[r.ix()].iter().copied());
                        }
                    }
                }
                _ => return None,
            }
        }
        Edit::Replace { .. } => return None,
    }
    // Dependents: an account's implicit parent access reads its children's shares, and a
    // Controlled-by-Parent record reads its parent's row.
    let ev = Evaluator::new(new);
    let mut followers: HashMap<RecordIx, Vec<RecordIx>> = HashMap::new();
    for x in new.record_ixs() {
        if let Some(p) = ev.parent_of(x) {
            followers.entry(p).or_default().push(x);
        }
    }
    let mut work: Vec<RecordIx> = seeds.iter().copied().collect();
    while let Some(r) = work.pop() {
        let mut add = |x: RecordIx, work: &mut Vec<RecordIx>| {
            if seeds.insert(x) {
                work.push(x);
            }
        };
        let data = new.record(r);
        if matches!(
            data.object,
            ObjectKind::Case | ObjectKind::Contact | ObjectKind::Opportunity
        ) {
            if let Some(a) = data.account {
                add(a, &mut work);
            }
        }
        for x in followers.get(&r).into_iter().flatten() {
            add(*x, &mut work);
        }
    }
    Some(seeds.into_iter().collect())
}
