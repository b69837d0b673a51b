//! The access mechanisms, one file each, and the registry the core walks. A mechanism gives its
//! grants for one (user, record) pair, each with its reason, and the same grants as sets of
//! users for the set-based engine (`share_sets`, `lift_sets`, `derived_sets` or `object_sets`,
//! by its stage), or says it has none, and the engine then asks its grants user by user. It
//! declares once whether managers inherit its grants and whether they give implicit Read on the
//! parent account. Adding a mechanism means one new file here and one line in `registry!`.
//!
//! Mechanisms never name the evaluators that run them: they call back through `Dispatch` (the
//! per-pair reference) and `Rows` (the set-based engine), which keeps the dependencies one way.

use std::rc::Rc;

use super::bits::Planes;
use super::index::{Index, RecordIx, UserIx};
use super::level::Access;
use super::scenario::ObjectKind;
use super::sets::{SetCx, Who};

pub mod reason;

pub use reason::{Fact, Grant, MechanismId, Reason};
pub use sharing_rules::selects;
pub use sharing_sets::follow;

/// Declares each mechanism's module and lists it in `REGISTRY`, so that registering a
/// mechanism is one line: `file::Type`.
macro_rules! registry {
    ($($module:ident :: $mechanism:ident),* $(,)?) => {
        $(mod $module;)*
        /// Every mechanism, in the order explanations list reasons of equal level.
        pub static REGISTRY: &[&dyn Mechanism] = &[$(&$module::$mechanism),*];
    };
}

registry![
    owner::Owner,
    queue::QueueMembers,
    sharing_rules::SharingRules,
    manual_shares::ManualShares,
    account_teams::AccountTeams,
    account_share_children::AccountShareChildren,
    opportunity_teams::OpportunityTeams,
    case_teams::CaseTeams,
    implicit_child::ImplicitChild,
    portal_account::PortalAccount,
    sharing_sets::SharingSets,
    share_groups::ShareGroups,
    related_parties::RelatedParties,
    sold_products::SoldProducts,
    csm_roles::CsmRoles,
    creator::Creator,
    assignment::Assignment,
    role_hierarchy::RoleHierarchy,
    implicit_parent::ImplicitParent,
    controlled_by_parent::ControlledByParent,
    org_defaults::OrgDefaults,
    object_permissions::ObjectOverrides,
];

/// When a mechanism runs, which decides what may build on its grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Record-level shares held by the user themself. Managers may inherit them through the
    /// role hierarchy, and they may give implicit Read on the parent account (as each
    /// mechanism declares). A record that is Controlled by Parent has none of these.
    Share,
    /// Grants lifted from the Share stage to other users (the role hierarchy).
    Hierarchy,
    /// Grants derived from other records' access (a parent's, a child's).
    Derived,
    /// Object-wide baselines and overrides (org-wide defaults, View All ...): the same on
    /// every record of an object, never lifted, never implied onto parents.
    Baseline,
}

/// What a mechanism declares once about its grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Declared {
    pub stage: Stage,
    /// Users above the holder in the role hierarchy inherit the grant (a mechanism may decide
    /// per grant instead: see `Mechanism::lifts`).
    pub lifted: bool,
    /// The grant gives implicit Read on the record's parent account.
    pub implies_parent: bool,
}

/// A grant to a set of users at once, for the set-based engine.
#[derive(Clone, Debug)]
pub struct SetGrant {
    pub who: Who,
    pub level: Access,
    /// Whether the managers of `who` inherit it (`Mechanism::lifts` for these holders).
    pub lifted: bool,
    /// Whether it gives implicit Read on the record's parent account.
    pub implies_parent: bool,
}

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

/// Who holds which record-level share on one record.
pub type Holders = Rc<Vec<(UserIx, Grant)>>;

/// What a mechanism's per-pair grants may ask of the evaluator running them.
pub trait Dispatch {
    /// The user's own record-level shares (the Share stage: what managers may inherit).
    fn shares(&self, user: UserIx, record: RecordIx) -> Vec<Grant>;
    /// Record-level shares including those lifted through the hierarchy (what may give
    /// implicit parent access).
    fn record_shares(&self, user: UserIx, record: RecordIx) -> Vec<Grant>;
    /// Everything about another pair.
    fn decide(&self, user: UserIx, record: RecordIx) -> Decision;
    /// Every user's own shares on a record, when the evaluator caches them.
    fn share_holders(&self, record: RecordIx) -> Option<Holders>;
    /// False only when `user` certainly holds no record-level share on `record` (the
    /// evaluator may know from a kept matrix); skipping such pairs only saves work.
    fn may_hold_share(&self, user: UserIx, record: RecordIx) -> bool;
}

/// A mechanism's view of one evaluation: the index, and the evaluator to ask.
#[derive(Clone, Copy)]
pub struct Cx<'a> {
    pub ix: &'a Index,
    d: &'a dyn Dispatch,
}

impl<'a> Cx<'a> {
    pub fn new(ix: &'a Index, d: &'a dyn Dispatch) -> Self {
        Cx { ix, d }
    }
    pub fn shares(&self, user: UserIx, record: RecordIx) -> Vec<Grant> {
        self.d.shares(user, record)
    }
    pub fn record_shares(&self, user: UserIx, record: RecordIx) -> Vec<Grant> {
        self.d.record_shares(user, record)
    }
    pub fn decide(&self, user: UserIx, record: RecordIx) -> Decision {
        self.d.decide(user, record)
    }
    pub fn share_holders(&self, record: RecordIx) -> Option<Holders> {
        self.d.share_holders(record)
    }
    pub fn may_hold_share(&self, user: UserIx, record: RecordIx) -> bool {
        self.d.may_hold_share(user, record)
    }
}

/// What about a record an edit changed, so that the grants that look at it are recomputed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Changed {
    /// Its own fields and lookups (owner, account, asset, product ...).
    Record,
    /// The manual shares naming it (none giving access to its children).
    ManualShares,
    /// Its manual shares or the sharing rules of its object, some of which give access to an
    /// account's children (case, opportunity, contact access).
    ChildAccess,
    /// Its account, opportunity or case team.
    Team,
    /// Its related parties.
    Parties,
    /// The sharing rules of its object (any of them may select it).
    Rules,
}

/// What a derived mechanism's set form reads of another record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// Its finished row (Controlled by Parent reads the parent's).
    Row(RecordIx),
    /// The users whose record-level grants on it give implicit Read on its parent.
    Implied(RecordIx),
}

/// What a derived mechanism's set form may ask of the set-based engine computing the rows.
pub trait Rows {
    fn sx(&self) -> &SetCx<'_>;
    /// The finished row of a record this mechanism `reads` (computed first).
    fn row(&self, record: RecordIx) -> Planes;
    /// The union of the implied sets (the users whose record-level grants give implicit Read
    /// on the parent) of every record this mechanism declared as `Read::Implied` for the
    /// record being computed.
    fn implied(&self) -> &[u64];
}

pub trait Mechanism: Sync {
    /// The mechanism's name in explanations ("Sharing set", "Account team" ...) and JSON.
    fn id(&self) -> MechanismId;

    /// Its stage, whether managers inherit its grants, and whether they imply parent Read.
    fn declared(&self) -> Declared;

    /// The grants this mechanism gives `user` on `record`, each with its reason.
    fn grants(&self, cx: &Cx, user: UserIx, record: RecordIx, out: &mut Vec<Grant>);

    /// For "why not": why this mechanism gives `user` nothing on `record`, naming the specific
    /// thing that is missing ("Jack Rogers is not on the account team of 'Burlington'"), or
    /// None when the mechanism has nothing to do with this object or scenario (no sharing rule
    /// on cases, no sold product ...). Only asked when the mechanism gave no grant above None.
    fn why_not(&self, cx: &Cx, user: UserIx, record: RecordIx) -> Option<String> {
        let _ = (cx, user, record);
        None
    }

    /// The explanation of a grant this mechanism gave as a `Reason::Fact`.
    fn describe(&self, ix: &Index, fact: &Fact, holder: UserIx, record: RecordIx) -> String {
        let _ = (fact, record);
        format!(
            "{} gives {} access.",
            self.id().label(),
            ix.user(holder).name
        )
    }

    /// Whether the managers of `holder` inherit this grant; by default as declared.
    fn lifts(&self, ix: &Index, holder: UserIx, reason: &Reason) -> bool {
        let _ = (ix, holder, reason);
        self.declared().lifted
    }

    /// Whether this grant gives implicit Read on the parent account; by default as declared.
    fn implies_parent(&self, reason: &Reason) -> bool {
        let _ = reason;
        self.declared().implies_parent
    }

    /// Derived mechanisms (only they are asked): true when `record` has no sharing of its
    /// own, so no Share or Hierarchy grant applies to it (Controlled by Parent).
    fn replaces_sharing(&self, ix: &Index, record: RecordIx) -> bool {
        let _ = (ix, record);
        false
    }

    /// Derived mechanisms (only they are asked): the other records whose rows or implied sets
    /// the set form reads on `record`; the engine computes those first, and recomputes
    /// `record` when they change.
    fn reads(&self, ix: &Index, record: RecordIx, out: &mut Vec<Read>) {
        let _ = (ix, record, out);
    }

    /// The other records whose data the grants on `record` look at, and which of it (their
    /// team, their manual shares, their own lookups ...): an edit that changes that reaches
    /// `record` too.
    fn inputs(&self, ix: &Index, record: RecordIx, out: &mut Vec<(RecordIx, Changed)>) {
        let _ = (ix, record, out);
    }

    /// Share stage set form: every grant on `record` as sets of holders. False: no set form.
    fn share_sets(&self, sx: &SetCx, record: RecordIx, out: &mut Vec<SetGrant>) -> bool {
        let _ = (sx, record, out);
        false
    }

    /// Hierarchy stage set form: the Share stage's grants on `record`, with those it lifts
    /// widened to the users who inherit them (a grant may be replaced by a wider one, or new
    /// grants added; a widened grant is no longer `lifted`). False: no set form.
    fn lift_sets(&self, sx: &SetCx, record: RecordIx, grants: &mut Vec<SetGrant>) -> bool {
        let _ = (sx, record, grants);
        false
    }

    /// Derived stage set form, reading the rows it declared in `reads`. False: no set form.
    fn derived_sets(&self, rows: &dyn Rows, record: RecordIx, out: &mut Vec<SetGrant>) -> bool {
        let _ = (rows, record, out);
        false
    }

    /// Baseline stage set form: the grants on every record of `object`. False: no set form
    /// (the engine then asks the grants record by record).
    fn object_sets(&self, sx: &SetCx, object: ObjectKind, out: &mut Vec<SetGrant>) -> bool {
        let _ = (sx, object, out);
        false
    }

    /// Without a set form: the only users this mechanism could grant something on `record`
    /// (None: anybody), whose grants the engine then asks.
    fn candidates(&self, sx: &SetCx, record: RecordIx) -> Option<Vec<UserIx>> {
        let _ = (sx, record);
        None
    }
}

/// The registered mechanism with this id.
pub fn by_id(id: MechanismId) -> Option<&'static dyn Mechanism> {
    REGISTRY.iter().copied().find(|m| m.id() == id)
}

/// Whether the managers of `holder` inherit this grant, as its mechanism decides.
pub fn lifts(ix: &Index, holder: UserIx, grant: &Grant) -> bool {
    grant.level > Access::None
        && by_id(grant.reason.mechanism()).is_some_and(|m| m.lifts(ix, holder, &grant.reason))
}

/// Whether this grant gives implicit Read on the record's parent account.
pub fn implies_parent(grant: &Grant) -> bool {
    grant.level > Access::None && reason_implies_parent(&grant.reason)
}

/// Whether a grant for this reason (at any level above None) implies parent Read.
pub fn reason_implies_parent(reason: &Reason) -> bool {
    by_id(reason.mechanism()).is_some_and(|m| m.implies_parent(reason))
}

/// The registered mechanisms of one stage, in registry order (worked out once).
pub fn of_stage(stage: Stage) -> &'static [&'static dyn Mechanism] {
    static STAGES: std::sync::OnceLock<[Vec<&'static dyn Mechanism>; 4]> =
        std::sync::OnceLock::new();
    let all = STAGES.get_or_init(|| {
        [
            Stage::Share,
            Stage::Hierarchy,
            Stage::Derived,
            Stage::Baseline,
        ]
        .map(|s| {
            REGISTRY
                .iter()
                .copied()
                .filter(|m| m.declared().stage == s)
                .collect()
        })
    });
    &all[stage as usize]
}

/// Whether `record` has no sharing of its own (some derived mechanism replaces it). Asked for
/// every record and child, so only the Derived stage's few mechanisms are asked.
pub fn replaces_sharing(ix: &Index, record: RecordIx) -> bool {
    of_stage(Stage::Derived)
        .iter()
        .any(|m| m.replaces_sharing(ix, record))
}

/// What the derived set forms read on `record` (only derived mechanisms read rows).
pub fn reads(ix: &Index, record: RecordIx, out: &mut Vec<Read>) {
    for m in of_stage(Stage::Derived) {
        m.reads(ix, record, out);
    }
}

/// Every user a mechanism without a set form grants something on `record`: its candidates, or
/// every user, asked in turn, so the answer stays the reference's own.
pub fn holders(
    m: &dyn Mechanism,
    sx: &SetCx,
    cx: &Cx,
    record: RecordIx,
    out: &mut Vec<(UserIx, Grant)>,
) {
    let mut g = Vec::new();
    let mut ask = |u: UserIx| {
        m.grants(cx, u, record, &mut g);
        out.extend(g.drain(..).map(|x| (u, x)));
    };
    match m.candidates(sx, record) {
        Some(mut users) => {
            users.sort_unstable();
            users.dedup();
            users.into_iter().for_each(&mut ask);
        }
        None => cx.ix.user_ixs().for_each(&mut ask),
    }
}
