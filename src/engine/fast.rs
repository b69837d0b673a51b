//! The set-based engine: the whole matrix at once, record by record, as sets of users. Each
//! row is three bit planes over the users ("at least Read / Edit / Full"), so taking the most
//! permissive grant is OR and applying the object-permission cap is AND, 64 users a word.
//! Mechanisms whose grants reach whole principals (sharing rules, queues, manual shares) hand
//! over ready-made user sets (`Mechanism::share_sets`); the others name their few holders and
//! answer through their own `grants` code, so the two paths cannot drift. Rows are stored at 2
//! bits per cell. The per-pair evaluator stays the reference: property tests check that both
//! agree on every cell; explanations are still computed per pair on request.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::evaluate::Evaluator;
use super::index::{Index, PrincipalIx, RecordIx, UserIx};
use super::level::Access;
use super::matrix::CellChange;
use super::mechanisms::{Stage, REGISTRY};
use super::reach::same_shape;
use super::scenario::{ObjectKind, ObjectPermission, Sharing, SystemPermission};

/// The edit session moved to `session`; it stays reachable here for existing callers.
pub use super::session::{Applied, Engine, MAX_LISTED_CHANGES};

/// A set of users, one bit each (bit `u % 64` of word `u / 64`).
pub type UserBits = Rc<Vec<u64>>;

/// A grant to a whole set of users at once (already including the managers who inherit it).
pub struct SetGrant {
    pub users: UserBits,
    pub level: Access,
    /// Whether it gives implicit Read on the record's parent account.
    pub implies_parent: bool,
}

fn or_into(dst: &mut [u64], src: &[u64]) {
    for (d, s) in dst.iter_mut().zip(src) {
        *d |= s;
    }
}

/// One row as threshold planes: `at_least[k]` holds the users whose level is above `ALL[k]`.
#[derive(Clone)]
struct Planes {
    at_least: [Vec<u64>; 3],
}

impl Planes {
    fn empty(words: usize) -> Self {
        Planes {
            at_least: [vec![0; words], vec![0; words], vec![0; words]],
        }
    }

    fn raise_user(&mut self, u: UserIx, level: Access) {
        let (w, bit) = (u.ix() / 64, 1u64 << (u.ix() % 64));
        for plane in &mut self.at_least[..level as usize] {
            plane[w] |= bit;
        }
    }

    fn raise_set(&mut self, users: &[u64], level: Access) {
        for plane in &mut self.at_least[..level as usize] {
            or_into(plane, users);
        }
    }

    fn max_with(&mut self, other: &Planes) {
        for (a, b) in self.at_least.iter_mut().zip(&other.at_least) {
            or_into(a, b);
        }
    }

    fn min_with(&mut self, other: &Planes) {
        for (a, b) in self.at_least.iter_mut().zip(&other.at_least) {
            for (x, y) in a.iter_mut().zip(b) {
                *x &= y;
            }
        }
    }
}

/// Per object, as planes over the users: the org-wide default (by user kind) with object-wide
/// overrides (`base`, where every record of the object starts), the overrides alone, and the
/// cap (None for inactive users).
struct ObjectPlanes {
    base: Planes,
    over: Planes,
    cap: Planes,
}

/// Indexes the set-based engine builds once per scenario.
pub struct Fast<'a> {
    pub ix: &'a Index,
    /// Words in a set of users.
    words: usize,
    /// Per role: the users whose role is strictly above it.
    above: Vec<Vec<u64>>,
    /// Per principal: its member users, computed on first use.
    members: RefCell<HashMap<PrincipalKey, Rc<Vec<UserIx>>>>,
    /// Per principal and "with managers": its members (and those above them) as a set.
    member_bits: RefCell<HashMap<(u8, u32, bool), UserBits>>,
    objects: RefCell<HashMap<ObjectKind, Rc<ObjectPlanes>>>,
    /// Lists of users a mechanism asked for once (`users_where`), by the mechanism's key.
    picked: RefCell<HashMap<&'static str, Rc<Vec<UserIx>>>>,
    /// Sets of users a mechanism built once (`set_where`), by the mechanism's key.
    sets: RefCell<HashMap<(&'static str, [u32; 3]), UserBits>>,
    /// Per account / contact: the users who are, or belong to, it.
    pub users_by_account: HashMap<RecordIx, Vec<UserIx>>,
    pub users_by_contact: HashMap<RecordIx, Vec<UserIx>>,
}

/// A principal as a hashable key: (kind, index).
type PrincipalKey = (u8, u32);

fn principal_key(p: PrincipalIx) -> PrincipalKey {
    match p {
        PrincipalIx::User(x) => (0, x.0),
        PrincipalIx::Role(x) => (1, x.0),
        PrincipalIx::RoleAndSubordinates(x) => (2, x.0),
        PrincipalIx::RoleAndInternalSubordinates(x) => (3, x.0),
        PrincipalIx::Group(x) => (4, x.0),
    }
}

impl<'a> Fast<'a> {
    pub fn new(ix: &'a Index) -> Self {
        let words = ix.users.len().div_ceil(64).max(1);
        // Per role, the users above it: a parent's set plus the parent's own users, built
        // parents first (by `enter`), so a deep chain costs one pass, not one walk per role.
        let mut order: Vec<usize> = (0..ix.roles.len()).collect();
        order.sort_unstable_by_key(|r| ix.roles[*r].enter);
        let mut above = vec![Vec::new(); ix.roles.len()];
        for r in order {
            let mut bits = vec![0u64; words];
            if let Some(p) = ix.roles[r].parent {
                bits.copy_from_slice(&above[p.ix()]);
                for u in &ix.role_users[p.ix()] {
                    bits[u.ix() / 64] |= 1 << (u.ix() % 64);
                }
            }
            above[r] = bits;
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
            words,
            above,
            members: RefCell::new(HashMap::new()),
            member_bits: RefCell::new(HashMap::new()),
            objects: RefCell::new(HashMap::new()),
            picked: RefCell::new(HashMap::new()),
            sets: RefCell::new(HashMap::new()),
            users_by_account,
            users_by_contact,
        }
    }

    /// The users a principal includes.
    pub fn members(&self, p: PrincipalIx) -> Rc<Vec<UserIx>> {
        let key = principal_key(p);
        if let Some(m) = self.members.borrow().get(&key) {
            return m.clone();
        }
        let list: Vec<UserIx> = match p {
            PrincipalIx::User(u) => vec![u],
            PrincipalIx::Group(top) => {
                // Each nested group once, whatever the nesting's shape or depth; the union of
                // what the non-group members hold is exactly who `membership` finds.
                let mut seen = std::collections::HashSet::from([top]);
                let (mut work, mut out) = (vec![top], Vec::new());
                while let Some(g) = work.pop() {
                    for m in &self.ix.group(g).members {
                        match *m {
                            PrincipalIx::Group(c) => {
                                if seen.insert(c) {
                                    work.push(c);
                                }
                            }
                            other => out.extend(self.members(other).iter().copied()),
                        }
                    }
                }
                out.sort_unstable();
                out.dedup();
                out
            }
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

    /// The users that satisfy `pick`, worked out once per scenario: `key` names the question
    /// (one per mechanism), so a mechanism that needs "every user holding X" on every record
    /// does not scan all users each time.
    pub fn users_where(&self, key: &'static str, pick: impl Fn(UserIx) -> bool) -> Rc<Vec<UserIx>> {
        if let Some(list) = self.picked.borrow().get(key) {
            return list.clone();
        }
        let list = Rc::new(self.ix.user_ixs().filter(|u| pick(*u)).collect::<Vec<_>>());
        self.picked.borrow_mut().insert(key, list.clone());
        list
    }

    /// The set of `users` that satisfy `pick`, built once per `key` (a mechanism's name and up to
    /// three numbers that identify the question).
    pub fn set_where(
        &self,
        key: (&'static str, [u32; 3]),
        users: impl IntoIterator<Item = UserIx>,
        pick: impl Fn(UserIx) -> bool,
    ) -> UserBits {
        if let Some(s) = self.sets.borrow().get(&key) {
            return s.clone();
        }
        let mut bits = vec![0u64; self.words];
        for u in users.into_iter().filter(|u| pick(*u)) {
            bits[u.ix() / 64] |= 1 << (u.ix() % 64);
        }
        let bits = Rc::new(bits);
        self.sets.borrow_mut().insert(key, bits.clone());
        bits
    }

    /// A principal's members as a set; `with_managers` adds everyone above them in the role
    /// hierarchy (for grants that managers inherit).
    pub fn member_set(&self, p: PrincipalIx, with_managers: bool) -> UserBits {
        let (a, b) = principal_key(p);
        let key = (a, b, with_managers);
        if let Some(s) = self.member_bits.borrow().get(&key) {
            return s.clone();
        }
        let mut bits = vec![0u64; self.words];
        let mut roles = Vec::new();
        for u in self.members(p).iter() {
            bits[u.ix() / 64] |= 1 << (u.ix() % 64);
            if let Some(r) = self.ix.user(*u).role {
                roles.push(r);
            }
        }
        if with_managers {
            roles.sort_unstable();
            roles.dedup();
            for r in roles {
                or_into(&mut bits, &self.above[r.ix()]);
            }
        }
        let bits = Rc::new(bits);
        self.member_bits.borrow_mut().insert(key, bits.clone());
        bits
    }

    /// Whether `user` belongs to the principal.
    pub fn is_member(&self, p: PrincipalIx, user: UserIx) -> bool {
        self.member_set(p, false)[user.ix() / 64] >> (user.ix() % 64) & 1 == 1
    }

    fn object(&self, object: ObjectKind) -> Rc<ObjectPlanes> {
        if let Some(o) = self.objects.borrow().get(&object) {
            return o.clone();
        }
        let ix = self.ix;
        let mut planes = ObjectPlanes {
            base: Planes::empty(self.words),
            over: Planes::empty(self.words),
            cap: Planes::empty(self.words),
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
            let base = ix.sharing_for(u, object).0.baseline().max(over);
            planes.base.raise_user(u, base);
            planes.over.raise_user(u, over);
            planes.cap.raise_user(u, cap);
        }
        let planes = Rc::new(planes);
        self.objects.borrow_mut().insert(object, planes.clone());
        planes
    }

    /// Every record-level share on a record, raised into `row`; the users who thereby get
    /// implicit Read on the parent account are added to `parent`.
    fn shares(&self, ev: &Evaluator, record: RecordIx, row: &mut Planes, parent: &mut [u64]) {
        let mut sets = Vec::new();
        let mut holders = Vec::new();
        for m in REGISTRY.iter().filter(|m| m.stage() == Stage::Share) {
            if !m.share_sets(self, record, &mut sets) {
                m.holders(self, ev, record, &mut holders);
            }
        }
        for g in &sets {
            if g.level == Access::None {
                continue;
            }
            row.raise_set(&g.users, g.level);
            if g.implies_parent {
                or_into(parent, &g.users);
            }
        }
        for (u, g) in &holders {
            if g.level == Access::None {
                continue;
            }
            let implies_parent = g.reason.gives_implicit_parent();
            row.raise_user(*u, g.level);
            if implies_parent {
                parent[u.ix() / 64] |= 1 << (u.ix() % 64);
            }
            if g.reason.inherited_by_managers(self.ix) {
                if let Some(role) = self.ix.user(*u).role {
                    let above = &self.above[role.ix()];
                    row.raise_set(above, g.level);
                    if implies_parent {
                        or_into(parent, above);
                    }
                }
            }
        }
    }
}

/// The whole matrix, 2 bits per cell: records in rows, users in columns. Each row is two bit
/// planes over the users; a cell's level is `lo | hi << 1`.
#[derive(Clone)]
pub struct FastMatrix {
    pub users: usize,
    pub records: usize,
    words_per_row: usize,
    lo: Vec<u64>,
    hi: Vec<u64>,
    /// While an edit is applied: the cells that change, noted as rows are overwritten (so no
    /// copy of the old rows is kept, which for a global edit would be the whole matrix).
    log: Option<ChangeLog>,
}

/// Cells an edit changed: all counted, the first `limit` kept.
#[derive(Default, Clone)]
struct ChangeLog {
    changed_cells: usize,
    limit: usize,
    listed: Vec<(RecordIx, UserIx, Access, Access)>,
}

impl ChangeLog {
    fn note(&mut self, record: RecordIx, word: usize, old: (u64, u64), new: (u64, u64)) {
        let differ = (old.0 ^ new.0) | (old.1 ^ new.1);
        if differ == 0 {
            return;
        }
        self.changed_cells += differ.count_ones() as usize;
        let mut bits = differ;
        while bits != 0 && self.listed.len() < self.limit {
            let i = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let level =
                |(l, h): (u64, u64)| Access::ALL[((l >> i) & 1 | ((h >> i) & 1) << 1) as usize];
            let user = UserIx((word * 64 + i) as u32);
            self.listed.push((record, user, level(old), level(new)));
        }
    }

    /// The count and the listed cells, named by `ix`'s ids.
    fn into_changes(self, ix: &Index) -> (usize, Vec<CellChange>) {
        let listed = self
            .listed
            .into_iter()
            .map(|(r, u, before, after)| CellChange {
                user: ix.user(u).id.clone(),
                record: ix.record(r).id.clone(),
                before,
                after,
            })
            .collect();
        (self.changed_cells, listed)
    }
}

impl FastMatrix {
    fn new(users: usize, records: usize) -> Self {
        let words_per_row = users.div_ceil(64).max(1);
        FastMatrix {
            users,
            records,
            words_per_row,
            lo: vec![0; words_per_row * records],
            hi: vec![0; words_per_row * records],
            log: None,
        }
    }

    pub fn get(&self, user: UserIx, record: RecordIx) -> Access {
        let i = user.ix();
        let w = record.ix() * self.words_per_row + i / 64;
        let bit = |x: &[u64]| ((x[w] >> (i % 64)) & 1) as usize;
        Access::ALL[bit(&self.lo) | bit(&self.hi) << 1]
    }

    /// One record's levels, user by user.
    pub fn row(&self, record: RecordIx) -> impl Iterator<Item = Access> + '_ {
        (0..self.users as u32).map(move |u| self.get(UserIx(u), record))
    }

    fn span(&self, record: RecordIx) -> std::ops::Range<usize> {
        record.ix() * self.words_per_row..(record.ix() + 1) * self.words_per_row
    }

    fn store(&mut self, record: RecordIx, row: &Planes) {
        let span = self.span(record);
        let [r, e, f] = &row.at_least;
        for (k, w) in span.enumerate() {
            // Levels are nested planes, so None/Read/Edit/Full = 00/01/10/11.
            let (lo, hi) = (r[k] ^ e[k] ^ f[k], e[k]);
            if let Some(log) = &mut self.log {
                log.note(record, k, (self.lo[w], self.hi[w]), (lo, hi));
            }
            self.lo[w] = lo;
            self.hi[w] = hi;
        }
    }

    fn load(&self, record: RecordIx) -> Planes {
        let span = self.span(record);
        let (lo, hi) = (&self.lo[span.clone()], &self.hi[span]);
        Planes {
            at_least: [
                lo.iter().zip(hi).map(|(l, h)| l | h).collect(),
                hi.to_vec(),
                lo.iter().zip(hi).map(|(l, h)| l & h).collect(),
            ],
        }
    }

    /// Recompute the rows of `records` (rows outside them must be right for `ix` already) and
    /// report the cells that changed: how many, and the first `limit`.
    pub(super) fn refill(
        &mut self,
        ix: &Index,
        records: &[RecordIx],
        limit: usize,
    ) -> (usize, Vec<CellChange>) {
        self.log = Some(ChangeLog {
            limit,
            ..ChangeLog::default()
        });
        fill(ix, self, records);
        let log = self.log.take().unwrap_or_default();
        log.into_changes(ix)
    }

    /// Bytes the packed cells take.
    pub fn heap_bytes(&self) -> usize {
        (self.lo.len() + self.hi.len()) * 8
    }
}

/// Compute every cell.
pub fn matrix(ix: &Index) -> FastMatrix {
    let mut out = FastMatrix::new(ix.users.len(), ix.records.len());
    let all: Vec<RecordIx> = ix.record_ixs().collect();
    fill(ix, &mut out, &all);
    out
}

/// Whether a record's implicit shares count for its parent account's implicit Read.
fn implies_account(ix: &Index, ev: &Evaluator, r: RecordIx) -> bool {
    let kind = ix.record(r).object;
    matches!(
        kind,
        ObjectKind::Case | ObjectKind::Contact | ObjectKind::Opportunity
    ) && !follows_parent(ix, ev, r)
}

/// Controlled by Parent is per object (validation keeps both defaults equal).
fn follows_parent(ix: &Index, ev: &Evaluator, r: RecordIx) -> bool {
    ix.org_default(ix.record(r).object).internal == Sharing::ControlledByParent
        && ev.parent_of(r).is_some()
}

/// Recompute the rows of `records` in `m`. Rows outside `records` must already be right: a
/// Controlled-by-Parent record reads its parent's row from `m`.
fn fill(ix: &Index, m: &mut FastMatrix, records: &[RecordIx]) {
    let fx = Fast::new(ix);
    let ev = Evaluator::new(ix);
    let words = fx.words;
    let mut wanted = vec![false; ix.records.len()];
    for r in records {
        wanted[r.ix()] = true;
    }
    // Children first, collecting each account's implicit Read as they go; then the accounts;
    // then the records that follow a parent, parents before children.
    let mut implied: HashMap<RecordIx, Vec<u64>> = HashMap::new();
    let mut scratch = vec![0u64; words];
    let mut followers = Vec::new();
    let mut accounts = Vec::new();
    for &r in records {
        let rec = ix.record(r);
        if follows_parent(ix, &ev, r) {
            followers.push(r);
            continue;
        }
        if rec.object == ObjectKind::Account {
            accounts.push(r);
            continue;
        }
        let limits = fx.object(rec.object);
        let mut row = limits.base.clone();
        scratch.fill(0);
        fx.shares(&ev, r, &mut row, &mut scratch);
        if let Some(a) = rec.account.filter(|a| wanted[a.ix()]) {
            if implies_account(ix, &ev, r) {
                or_into(implied.entry(a).or_insert_with(|| vec![0; words]), &scratch);
            }
        }
        row.min_with(&limits.cap);
        m.store(r, &row);
    }
    let mut done = vec![false; ix.records.len()];
    for &a in &accounts {
        let limits = fx.object(ObjectKind::Account);
        let mut row = limits.base.clone();
        scratch.fill(0);
        fx.shares(&ev, a, &mut row, &mut scratch);
        let mut parent_read = implied.remove(&a).unwrap_or_else(|| vec![0; words]);
        // Children that were not recomputed still count.
        for &c in &ix.children[a.ix()] {
            if !wanted[c.ix()] && implies_account(ix, &ev, c) {
                let mut child = Planes::empty(words);
                fx.shares(&ev, c, &mut child, &mut parent_read);
            }
        }
        row.raise_set(&parent_read, Access::Read);
        row.min_with(&limits.cap);
        m.store(a, &row);
        done[a.ix()] = true;
    }
    for &r in records {
        if !follows_parent(ix, &ev, r) {
            done[r.ix()] = true;
        }
    }
    for r in followers {
        follow(&fx, &ev, m, &wanted, &mut done, r);
    }
}

/// A Controlled-by-Parent row: the parent's row (recomputed first when it is due), with the
/// object-wide overrides, under this object's cap.
fn follow(
    fx: &Fast,
    ev: &Evaluator,
    m: &mut FastMatrix,
    wanted: &[bool],
    done: &mut [bool],
    r: RecordIx,
) {
    if done[r.ix()] {
        return;
    }
    done[r.ix()] = true;
    let parent = ev.parent_of(r).expect("a follower has a parent");
    if wanted[parent.ix()] && !done[parent.ix()] {
        follow(fx, ev, m, wanted, done, parent);
    }
    let limits = fx.object(fx.ix.record(r).object);
    let mut row = m.load(parent);
    row.max_with(&limits.over);
    row.min_with(&limits.cap);
    m.store(r, &row);
}

/// The cells whose level differs between two versions (matched by user and record id; a user
/// or record missing on one side counts as None there): how many, and the first `limit`, in
/// the order of `after`'s records and users, then the ones only `before` has.
pub fn changes_between(
    before: &Index,
    bm: &FastMatrix,
    after: &Index,
    am: &FastMatrix,
    limit: usize,
) -> (usize, Vec<CellChange>) {
    if same_shape(before, after) {
        // Same shape: compare the packed rows word by word.
        let mut log = ChangeLog {
            limit,
            ..ChangeLog::default()
        };
        for r in after.record_ixs() {
            let span = am.span(r);
            for (k, w) in span.enumerate() {
                log.note(r, k, (bm.lo[w], bm.hi[w]), (am.lo[w], am.hi[w]));
            }
        }
        return log.into_changes(after);
    }
    let mut users: Vec<(&str, Option<UserIx>, Option<UserIx>)> = after
        .users
        .iter()
        .enumerate()
        .map(|(i, u)| {
            (
                u.id.as_str(),
                before.find_user(&u.id),
                Some(UserIx(i as u32)),
            )
        })
        .collect();
    users.extend(before.users.iter().enumerate().filter_map(|(i, u)| {
        after
            .find_user(&u.id)
            .is_none()
            .then_some((u.id.as_str(), Some(UserIx(i as u32)), None))
    }));
    let mut records: Vec<(&str, Option<RecordIx>, Option<RecordIx>)> = after
        .records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            (
                r.id.as_str(),
                before.find_record(&r.id),
                Some(RecordIx(i as u32)),
            )
        })
        .collect();
    records.extend(before.records.iter().enumerate().filter_map(|(i, r)| {
        after.find_record(&r.id).is_none().then_some((
            r.id.as_str(),
            Some(RecordIx(i as u32)),
            None,
        ))
    }));
    let level = |m: &FastMatrix, u: Option<UserIx>, r: Option<RecordIx>| match (u, r) {
        (Some(u), Some(r)) => m.get(u, r),
        _ => Access::None,
    };
    let (mut count, mut listed) = (0, Vec::new());
    for (rid, rb, ra) in &records {
        for (uid, ub, ua) in &users {
            let (b, a) = (level(bm, *ub, *rb), level(am, *ua, *ra));
            if a != b {
                count += 1;
                if listed.len() < limit {
                    listed.push(CellChange {
                        user: uid.to_string(),
                        record: rid.to_string(),
                        before: b,
                        after: a,
                    });
                }
            }
        }
    }
    (count, listed)
}
