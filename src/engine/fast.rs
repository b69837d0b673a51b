//! The set-based engine: the whole matrix at once, record by record. Instead of asking each
//! (user, record) pair, it asks each mechanism which users it grants something on a record
//! (`Mechanism::holders`), lifts those grants to the users above them in one pass, and packs
//! the result at 2 bits per cell. The per-pair evaluator stays the reference: property tests
//! check that both agree on every cell; explanations are still computed per pair on request.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::evaluate::Evaluator;
use super::index::{Index, PrincipalIx, RecordIx, UserIx};
use super::level::Access;
use super::mechanisms::{Stage, REGISTRY};
use super::reason::Grant;
use super::scenario::{ObjectKind, ObjectPermission, Sharing, SystemPermission};

/// Indexes the set-based engine builds once per scenario.
pub struct Fast<'a> {
    pub ix: &'a Index,
    /// Per role: the users whose role is strictly above it.
    above: Vec<Vec<UserIx>>,
    /// Per principal: its member users, computed on first use.
    members: RefCell<HashMap<(u8, u32), Rc<Vec<UserIx>>>>,
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
    let fx = Fast::new(ix);
    let ev = Evaluator::new(ix);
    let n = ix.users.len();
    let words_per_row = n.div_ceil(32).max(1);
    let mut out = FastMatrix {
        users: n,
        records: ix.records.len(),
        words_per_row,
        bits: vec![0; words_per_row * ix.records.len()],
    };
    // Per object: each user's cap and object-wide override; per user kind: the default.
    let mut caps: HashMap<ObjectKind, Vec<(Access, Access)>> = HashMap::new();
    let mut rows: Vec<Option<Rc<Vec<Access>>>> = vec![None; ix.records.len()];
    for r in ix.record_ixs() {
        row(&fx, &ev, &mut caps, &mut rows, r);
    }
    for r in ix.record_ixs() {
        if let Some(levels) = &rows[r.ix()] {
            out.set_row(r, levels);
        }
    }
    out
}

fn object_limits(ix: &Index, object: ObjectKind) -> Vec<(Access, Access)> {
    ix.user_ixs()
        .map(|u| {
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
            (cap, over)
        })
        .collect()
}

/// One record's row of final levels (parents first, for Controlled by Parent).
fn row(
    fx: &Fast,
    ev: &Evaluator,
    caps: &mut HashMap<ObjectKind, Vec<(Access, Access)>>,
    rows: &mut Vec<Option<Rc<Vec<Access>>>>,
    r: RecordIx,
) -> Rc<Vec<Access>> {
    if let Some(done) = &rows[r.ix()] {
        return done.clone();
    }
    let ix = fx.ix;
    let object = ix.record(r).object;
    let limits = caps
        .entry(object)
        .or_insert_with(|| object_limits(ix, object))
        .clone();
    let owd = ix.org_default(object);
    let parent = ev.parent_of(r);
    let mut lvl: Vec<Access> =
        if let (Sharing::ControlledByParent, Some(p)) = (owd.internal, parent) {
            // The record follows its parent; object-wide overrides still apply.
            let prow = row(fx, ev, caps, rows, p);
            ix.user_ixs()
                .map(|u| prow[u.ix()].max(limits[u.ix()].1))
                .collect()
        } else {
            let mut lvl: Vec<Access> = ix
                .user_ixs()
                .map(|u| ix.sharing_for(u, object).0.baseline().max(limits[u.ix()].1))
                .collect();
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
        };
    for (u, l) in lvl.iter_mut().enumerate() {
        *l = (*l).min(limits[u].0);
    }
    let done = Rc::new(lvl);
    rows[r.ix()] = Some(done.clone());
    done
}
