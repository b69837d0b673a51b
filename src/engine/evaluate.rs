//! The core: runs the registered mechanisms for one (user, record) pair and combines their
//! grants. Effective access is the most permissive grant (Salesforce: "the user is always
//! granted the most permissive access level"), capped by the user's object permissions; an
//! inactive user has none. This per-pair evaluator is the reference every faster path and
//! every explanation is checked against.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::fast::FastMatrix;
use super::index::{Index, RecordIx, UserIx};
use super::level::Access;
use super::mechanisms::{Stage, REGISTRY};
use super::reason::Grant;
use super::scenario::{ObjectKind, Sharing};

/// The outcome for one pair, with every grant that led to it (strongest first).
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub level: Access,
    /// The best grant before the object-permission cap.
    pub uncapped: Access,
    /// The most the user's object permissions allow on this object.
    pub cap: Access,
    pub grants: Vec<Grant>,
    pub inactive: bool,
    pub controlled_by_parent: bool,
}

#[derive(Clone, Copy)]
pub struct Evaluator<'a> {
    pub ix: &'a Index,
    cache: Option<&'a ShareCache>,
    /// The scenario's matrix, when the caller keeps it: used only to skip pairs that cannot
    /// hold a record-level share (see `may_hold_share`), never as an answer.
    matrix: Option<&'a FastMatrix>,
}

/// Per record, every user's own record-level shares, computed once. The role hierarchy then
/// reads "who below me holds a share" instead of asking each subordinate, which makes a row of
/// the matrix cost one pass over the users instead of one per cell. Results are identical to
/// the uncached reference (tests/reference.rs checks every preset both ways).
/// Who holds which record-level share on one record.
pub type Holders = Rc<Vec<(UserIx, Grant)>>;

#[derive(Default)]
pub struct ShareCache {
    by_record: RefCell<HashMap<u32, Holders>>,
}

impl<'a> Evaluator<'a> {
    pub fn new(ix: &'a Index) -> Self {
        Evaluator {
            ix,
            cache: None,
            matrix: None,
        }
    }

    /// An evaluator that may consult `matrix`, which must be this scenario's own matrix (the
    /// one `fast::matrix(ix)` gives, or the incremental engine keeps), to skip pairs where the
    /// user cannot hold a record-level share. Answers are the reference's: the matrix only
    /// rules out work, and every grant is still found by the mechanisms themselves.
    pub fn with_matrix(ix: &'a Index, matrix: &'a FastMatrix) -> Self {
        Evaluator {
            ix,
            cache: None,
            matrix: Some(matrix),
        }
    }

    /// False only when `user` certainly holds no record-level share on `record`, own or
    /// inherited through the role hierarchy: an active user whose object permissions allow
    /// Read has a matrix cell of at least Read wherever they hold one, so a None cell proves
    /// there is none. Without a matrix (or for inactive users, whose cells are all None, or
    /// users capped to None on the object) it says true: go and look.
    pub fn may_hold_share(&self, user: UserIx, record: RecordIx) -> bool {
        let Some(m) = self.matrix else {
            return true;
        };
        let u = self.ix.user(user);
        if !u.active || self.ix.object_cap(user, self.ix.record(record).object) == Access::None {
            return true;
        }
        m.get(user, record) > Access::None
    }

    pub fn with_cache(ix: &'a Index, cache: &'a ShareCache) -> Self {
        Evaluator {
            ix,
            cache: Some(cache),
            matrix: None,
        }
    }

    /// Every user's own shares on a record, if this evaluator caches them.
    pub fn share_holders(&self, record: RecordIx) -> Option<Rc<Vec<(UserIx, Grant)>>> {
        let cache = self.cache?;
        if let Some(h) = cache.by_record.borrow().get(&record.0) {
            return Some(h.clone());
        }
        let holders: Vec<(UserIx, Grant)> = self
            .ix
            .user_ixs()
            .flat_map(|u| self.shares(u, record).into_iter().map(move |g| (u, g)))
            .collect();
        let holders = Rc::new(holders);
        cache
            .by_record
            .borrow_mut()
            .insert(record.0, holders.clone());
        Some(holders)
    }

    fn run(&self, stages: &[Stage], user: UserIx, record: RecordIx) -> Vec<Grant> {
        let mut out = Vec::new();
        let cbp = self.is_controlled_by_parent(user, record);
        for m in REGISTRY {
            let stage = m.stage();
            if !stages.contains(&stage) {
                continue;
            }
            // A Controlled-by-Parent record has no sharing of its own.
            if cbp && matches!(stage, Stage::Share | Stage::Hierarchy) {
                continue;
            }
            m.grants(self, user, record, &mut out);
        }
        out
    }

    /// The user's own record-level shares (what managers inherit).
    pub fn shares(&self, user: UserIx, record: RecordIx) -> Vec<Grant> {
        self.run(&[Stage::Share], user, record)
    }

    /// Record-level shares including those inherited through the role hierarchy (what gives
    /// implicit parent access).
    pub fn record_shares(&self, user: UserIx, record: RecordIx) -> Vec<Grant> {
        self.run(&[Stage::Share, Stage::Hierarchy], user, record)
    }

    /// The record whose access a Controlled-by-Parent record follows.
    pub fn parent_of(&self, record: RecordIx) -> Option<RecordIx> {
        let rec = self.ix.record(record);
        match rec.object {
            ObjectKind::Contact => rec.account,
            ObjectKind::Asset => rec.account.or(rec.contact),
            ObjectKind::AccountChild => rec.account,
            _ => None,
        }
    }

    pub fn is_controlled_by_parent(&self, user: UserIx, record: RecordIx) -> bool {
        let object = self.ix.record(record).object;
        self.ix.sharing_for(user, object).0 == Sharing::ControlledByParent
            && self.parent_of(record).is_some()
    }

    /// Everything about one pair: level, cap and every grant.
    pub fn decide(&self, user: UserIx, record: RecordIx) -> Decision {
        let object = self.ix.record(record).object;
        let cap = self.ix.object_cap(user, object);
        let controlled_by_parent = self.is_controlled_by_parent(user, record);
        if !self.ix.user(user).active {
            return Decision {
                level: Access::None,
                uncapped: Access::None,
                cap,
                grants: Vec::new(),
                inactive: true,
                controlled_by_parent,
            };
        }
        let stages = [
            Stage::Share,
            Stage::Hierarchy,
            Stage::Derived,
            Stage::Baseline,
        ];
        let mut grants = self.run(&stages, user, record);
        grants.sort_by_key(|g| std::cmp::Reverse(g.level));
        let uncapped = grants.first().map_or(Access::None, |g| g.level);
        Decision {
            level: uncapped.min(cap),
            uncapped,
            cap,
            grants,
            inactive: false,
            controlled_by_parent,
        }
    }

    pub fn level(&self, user: UserIx, record: RecordIx) -> Access {
        self.decide(user, record).level
    }
}
