//! The reference: runs the registered mechanisms for one (user, record) pair and combines their
//! grants. Effective access is the most permissive grant (Salesforce: "the user is always
//! granted the most permissive access level"), capped by the user's object permissions; an
//! inactive user has none. Every faster path and every explanation is checked against it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::index::{Index, RecordIx, UserIx};
use super::level::Access;
use super::mechanisms::{replaces_sharing, Cx, Dispatch, Grant, Holders, Stage, REGISTRY};
use super::packed::FastMatrix;

pub use super::mechanisms::Decision;

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

    pub fn with_cache(ix: &'a Index, cache: &'a ShareCache) -> Self {
        Evaluator {
            ix,
            cache: Some(cache),
            matrix: None,
        }
    }

    fn run(&self, stages: &[Stage], user: UserIx, record: RecordIx) -> Vec<Grant> {
        let mut out = Vec::new();
        // A record some mechanism takes over (Controlled by Parent) has no sharing of its own.
        let own_sharing = !replaces_sharing(self.ix, record);
        let cx = self.cx();
        for m in REGISTRY {
            let stage = m.declared().stage;
            if !stages.contains(&stage) {
                continue;
            }
            if !own_sharing && matches!(stage, Stage::Share | Stage::Hierarchy) {
                continue;
            }
            m.grants(&cx, user, record, &mut out);
        }
        out
    }

    /// The mechanisms' view of this evaluator.
    pub fn cx(&self) -> Cx<'_> {
        Cx::new(self.ix, self)
    }

    /// The record whose access a Controlled-by-Parent record follows.
    pub fn parent_of(&self, record: RecordIx) -> Option<RecordIx> {
        self.ix.cbp_parent(record)
    }

    /// Everything about one pair: level, cap and every grant.
    pub fn decide(&self, user: UserIx, record: RecordIx) -> Decision {
        let object = self.ix.record(record).object;
        let cap = self.ix.object_cap(user, object);
        let controlled_by_parent = self.ix.follows_parent(record);
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

    /// The user's own record-level shares (what managers inherit).
    pub fn shares(&self, user: UserIx, record: RecordIx) -> Vec<Grant> {
        self.run(&[Stage::Share], user, record)
    }

    /// Record-level shares including those inherited through the role hierarchy (what gives
    /// implicit parent access).
    pub fn record_shares(&self, user: UserIx, record: RecordIx) -> Vec<Grant> {
        self.run(&[Stage::Share, Stage::Hierarchy], user, record)
    }
}

impl Dispatch for Evaluator<'_> {
    fn shares(&self, user: UserIx, record: RecordIx) -> Vec<Grant> {
        Evaluator::shares(self, user, record)
    }

    fn record_shares(&self, user: UserIx, record: RecordIx) -> Vec<Grant> {
        Evaluator::record_shares(self, user, record)
    }

    fn decide(&self, user: UserIx, record: RecordIx) -> Decision {
        Evaluator::decide(self, user, record)
    }

    /// Every user's own shares on a record, if this evaluator caches them.
    fn share_holders(&self, record: RecordIx) -> Option<Holders> {
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

    /// False only when `user` certainly holds no record-level share on `record`, own or
    /// inherited through the role hierarchy: an active user whose object permissions allow
    /// Read has a matrix cell of at least Read wherever they hold one, so a None cell proves
    /// there is none. Without a matrix (or for inactive users, whose cells are all None, or
    /// users capped to None on the object) it says true: go and look.
    fn may_hold_share(&self, user: UserIx, record: RecordIx) -> bool {
        let Some(m) = self.matrix else {
            return true;
        };
        let u = self.ix.user(user);
        if !u.active || self.ix.object_cap(user, self.ix.record(record).object) == Access::None {
            return true;
        }
        m.get(user, record) > Access::None
    }
}
