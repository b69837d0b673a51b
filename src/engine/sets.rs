//! The scenario's people as user sets, for the set-based engine: the members of every
//! principal (with or without the managers above them), the users above each role, the portal
//! users of each account and contact, and per-question caches mechanisms fill once. Built once
//! per computation from the `Index`; knows the org's structure, not any mechanism.

use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::rc::Rc;

use super::bits::{insert, members, or_into, words_for, UserBits};
use super::index::{Index, PrincipalIx, RecordIx, RoleIx, UserIx};

/// Who holds a grant given as a set: one user, the members of a principal, or any set.
#[derive(Clone, Debug)]
pub enum Who {
    One(UserIx),
    Members(PrincipalIx),
    Set(UserBits),
}

pub struct SetCx<'a> {
    pub ix: &'a Index,
    /// Words in a set of users.
    pub words: usize,
    /// Per role: the users whose role is strictly above it.
    above: Vec<UserBits>,
    /// Per principal: its member users, computed on first use.
    members: RefCell<HashMap<PrincipalKey, Rc<Vec<UserIx>>>>,
    /// Per principal and "with managers": its members (and those above them) as a set.
    member_bits: RefCell<HashMap<(u8, u32, bool), UserBits>>,
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

impl<'a> SetCx<'a> {
    pub fn new(ix: &'a Index) -> Self {
        let words = words_for(ix.users.len());
        // Per role, the users above it: a parent's set plus the parent's own users, built
        // parents first (by `enter`), so a deep chain costs one pass, not one walk per role.
        let mut order: Vec<usize> = (0..ix.roles.len()).collect();
        order.sort_unstable_by_key(|r| ix.roles[*r].enter);
        let none: UserBits = Rc::new(Vec::new());
        let mut above: Vec<UserBits> = (0..ix.roles.len()).map(|_| none.clone()).collect();
        for r in order {
            let mut bits = vec![0u64; words];
            if let Some(p) = ix.roles[r].parent {
                bits.copy_from_slice(&above[p.ix()]);
                for u in &ix.role_users[p.ix()] {
                    insert(&mut bits, u.ix());
                }
            }
            above[r] = Rc::new(bits);
        }
        let mut users_by_account: HashMap<RecordIx, Vec<UserIx>> = HashMap::default();
        let mut users_by_contact: HashMap<RecordIx, Vec<UserIx>> = HashMap::default();
        for u in ix.user_ixs() {
            if let Some(a) = ix.user(u).account {
                users_by_account.entry(a).or_default().push(u);
            }
            if let Some(c) = ix.user(u).contact {
                users_by_contact.entry(c).or_default().push(u);
            }
        }
        SetCx {
            ix,
            words,
            above,
            members: RefCell::new(HashMap::default()),
            member_bits: RefCell::new(HashMap::default()),
            picked: RefCell::new(HashMap::default()),
            sets: RefCell::new(HashMap::default()),
            users_by_account,
            users_by_contact,
        }
    }

    /// An empty set of users.
    pub fn none(&self) -> Vec<u64> {
        vec![0; self.words]
    }

    /// The users whose role is strictly above `role`.
    pub fn above(&self, role: RoleIx) -> UserBits {
        self.above[role.ix()].clone()
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
        let mut bits = self.none();
        for u in users.into_iter().filter(|u| pick(*u)) {
            insert(&mut bits, u.ix());
        }
        let bits = Rc::new(bits);
        self.sets.borrow_mut().insert(key, bits.clone());
        bits
    }

    /// A principal's members as a set; `with_managers` adds everyone above them in the role
    /// hierarchy.
    pub fn member_set(&self, p: PrincipalIx, with_managers: bool) -> UserBits {
        let (a, b) = principal_key(p);
        let key = (a, b, with_managers);
        if let Some(s) = self.member_bits.borrow().get(&key) {
            return s.clone();
        }
        let mut bits = self.none();
        let mut roles = Vec::new();
        for u in self.members(p).iter() {
            insert(&mut bits, u.ix());
            roles.extend(self.ix.user(*u).role);
        }
        if with_managers {
            self.add_above(&mut bits, roles);
        }
        let bits = Rc::new(bits);
        self.member_bits.borrow_mut().insert(key, bits.clone());
        bits
    }

    /// Whether `user` belongs to the principal.
    pub fn is_member(&self, p: PrincipalIx, user: UserIx) -> bool {
        super::bits::contains(&self.member_set(p, false), user.ix())
    }

    /// The holders of a set grant, as a set.
    pub fn users(&self, who: &Who) -> UserBits {
        match who {
            Who::One(u) => {
                let mut bits = self.none();
                insert(&mut bits, u.ix());
                Rc::new(bits)
            }
            Who::Members(p) => self.member_set(*p, false),
            Who::Set(bits) => bits.clone(),
        }
    }

    /// A set of users and everyone above them in the role hierarchy.
    pub fn above_all(&self, users: &[u64]) -> UserBits {
        let mut out = users.to_vec();
        let roles = members(users).filter_map(|u| self.ix.user(UserIx(u as u32)).role);
        self.add_above(&mut out, roles.collect());
        Rc::new(out)
    }

    fn add_above(&self, bits: &mut [u64], mut roles: Vec<RoleIx>) {
        roles.sort_unstable();
        roles.dedup();
        for r in roles {
            or_into(bits, &self.above[r.ix()]);
        }
    }
}
