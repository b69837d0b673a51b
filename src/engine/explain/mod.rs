//! Explanations: for one (user, record), every reason that grants access, strongest first, as
//! readable chains, and the notes that say why access is None or lower than a grant (inactive
//! user, object permissions, Private default with no sharing, Controlled by Parent), and for
//! any cell below Full why not the next level up (`why_not.rs`) with the smallest checked
//! change that gives it (`suggest.rs`).

mod candidates;
pub mod suggest;
pub mod why_not;

use schemars::JsonSchema;
use serde::Serialize;

use super::evaluate::Evaluator;
use super::index::{Index, RecordIx, UserIx};
use super::level::Access;
use super::reason::{record_label, MechanismId};
use super::scenario::Sharing;

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ExplainedGrant {
    pub mechanism: MechanismId,
    pub mechanism_label: String,
    pub level: Access,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Explanation {
    pub user: String,
    pub user_name: String,
    pub record: String,
    pub record_name: String,
    pub object: super::scenario::ObjectKind,
    pub level: Access,
    pub reasons: Vec<ExplainedGrant>,
    /// Why access is None, or lower than the best grant.
    pub limits: Vec<String>,
    /// Why not the next level up (absent for Full): what stops it and the smallest change
    /// that would give it, checked on a copy of the scenario.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why_not: Option<WhyNot>,
}

/// Why a cell is not at `target`, the level just above the one it has.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct WhyNot {
    pub target: Access,
    /// What stops `target`, most decisive first (object permission cap, a Read Only mapping
    /// or rule, the org-wide default, an inactive user, Restrict Contact Access ...).
    pub blockers: Vec<Blocker>,
    /// For a None cell: every mechanism that was considered and did not apply, with the
    /// specific reason (not on the team, no mapping path reaches the record ...).
    pub considered: Vec<Considered>,
    /// The smallest change found that raises the cell to `target` (applied to a copy of the
    /// scenario and checked), or None when no single change was found.
    pub suggestion: Option<Suggestion>,
}

/// What kind of thing stops a higher level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BlockerKind {
    /// The user's profile and permission sets cap the object (no Read, or no Edit).
    ObjectPermission,
    /// Inactive users have no access.
    InactiveUser,
    /// The org-wide default gives nothing more, and no sharing adds to it.
    OrgDefault,
    /// A grant exists but its own setting is Read Only (a sharing-set mapping, a sharing rule,
    /// a team member's access, a manual share ...).
    ReadOnlyGrant,
    /// Full is the owner's level (edit, delete, transfer, share): only ownership, the role
    /// hierarchy above the owner, queue membership or Modify All give it.
    NotOwner,
    /// A Controlled-by-Parent record follows its parent's access.
    ControlledByParent,
    /// The account restricts its contacts' access (ServiceNow Restrict Contact Access).
    RestrictContactAccess,
    /// A high-volume (Customer Community) user's limits: no roles, no sharing rules, ...
    HighVolumeUser,
    /// Nothing reaches the record at all.
    NoGrant,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Blocker {
    pub kind: BlockerKind,
    pub text: String,
}

/// A mechanism that was looked at for this pair and gave nothing, with why.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Considered {
    pub mechanism: MechanismId,
    pub mechanism_label: String,
    pub text: String,
}

/// A change to the scenario that raises the cell, as edits the JS API's `apply` and the app
/// accept, with its effect measured on a copy.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Suggestion {
    /// In words: "Give profile 'Customer Community User' Edit on Case and set the mapping to
    /// Read/Write: Jack Rogers would get Edit."
    pub text: String,
    pub edits: Vec<super::edits::Edit>,
    /// The cell's level after the edits (at least `target`).
    pub result: Access,
    /// How many cells of the whole matrix the edits change (the smallest wins).
    pub changed_cells: usize,
}

/// What each level allows, for legends in the app, the CLI and embeds.
pub fn legend() -> Vec<(Access, &'static str)> {
    Access::ALL.iter().map(|a| (*a, a.meaning())).collect()
}

impl Explanation {
    /// Plain text for terminals: the verdict, then each reason and limit on its own line.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "{} on {} '{}': {}\n",
            self.user_name,
            self.object.noun(),
            self.record_name,
            self.level.label()
        );
        for r in &self.reasons {
            out.push_str(&format!(
                "  + [{}] {}: {}\n",
                r.level.label(),
                r.mechanism_label,
                r.text
            ));
        }
        for l in &self.limits {
            out.push_str(&format!("  - {l}\n"));
        }
        if let Some(w) = &self.why_not {
            out.push_str(&format!("Why not {}:\n", w.target.label()));
            for b in &w.blockers {
                out.push_str(&format!("  x {}\n", b.text));
            }
            if !w.considered.is_empty() {
                out.push_str("  Considered, and gave nothing:\n");
                for c in &w.considered {
                    out.push_str(&format!("    . {}: {}\n", c.mechanism_label, c.text));
                }
            }
            match &w.suggestion {
                Some(s) => out.push_str(&format!("  Smallest change: {}\n", s.text)),
                None => out.push_str("  No single checked change was found.\n"),
            }
        }
        let legend: Vec<String> = legend()
            .iter()
            .map(|(a, m)| format!("{} = {m}", a.label()))
            .collect();
        out.push_str(&format!("Levels: {}.\n", legend.join("; ")));
        out
    }
}

/// Why `user` has their level on `record`, and why not the next one, with a checked
/// suggestion (computed here against a fresh matrix: small scenarios only). A suggestion
/// revalidates a copy of the scenario per candidate, about a hundred times the cost of the
/// rest: loops over every cell (fuzzing, property tests) use `explain_brief`, callers that keep
/// the matrix use `explain_in`.
pub fn explain(ix: &Index, user: UserIx, record: RecordIx) -> Explanation {
    explain_with(ix, Some(None), user, record)
}

/// `explain` for a caller that keeps the scenario's matrix (the app, the JS API): suggestions
/// are checked against it, and at org scale through the incremental engine.
pub fn explain_in(
    ix: &Index,
    matrix: &super::packed::FastMatrix,
    user: UserIx,
    record: RecordIx,
) -> Explanation {
    explain_with(ix, Some(Some(matrix)), user, record)
}

/// `explain` without the suggestion (`why_not` still names the blockers and what was
/// considered): cheap enough to run on every cell.
pub fn explain_brief(ix: &Index, user: UserIx, record: RecordIx) -> Explanation {
    explain_with(ix, None, user, record)
}

/// `suggest`: None for no suggestion, Some(matrix) to compute one (against that kept matrix).
fn explain_with(
    ix: &Index,
    suggest: Option<Option<&super::packed::FastMatrix>>,
    user: UserIx,
    record: RecordIx,
) -> Explanation {
    // With the kept matrix, the evaluator skips pairs the matrix shows cannot hold a share
    // (the answer is still the reference's own: see `Evaluator::with_matrix`).
    let ev = match suggest {
        Some(Some(m)) => Evaluator::with_matrix(ix, m),
        _ => Evaluator::new(ix),
    };
    let d = ev.decide(user, record);
    let u = ix.user(user);
    let rec = ix.record(record);
    let object = rec.object;
    // Zero-level grants are notes (a related party whose relationship carries no
    // responsibility ...): they explain, but grant nothing.
    let (granting, notes): (Vec<_>, Vec<_>) = d.grants.iter().partition(|g| g.level > Access::None);
    let reasons = granting
        .iter()
        .map(|g| ExplainedGrant {
            mechanism: g.reason.mechanism(),
            mechanism_label: g.reason.mechanism().label().to_string(),
            level: g.level,
            text: g.reason.describe(ix, user, record),
        })
        .collect();
    let mut limits = Vec::new();
    let profile = &ix.profiles[u.profile.ix()].name;
    if d.inactive {
        limits.push(format!(
            "{} is inactive, and inactive users have no access.",
            u.name
        ));
    } else if d.cap == Access::None {
        limits.push(format!(
            "{}'s profile '{profile}' and permission sets give no Read on {}, so no sharing can show them any {} record.",
            u.name,
            ix.object_label(object),
            ix.object_noun(object)
        ));
    } else if d.uncapped > d.cap {
        limits.push(format!(
            "{}'s profile '{profile}' and permission sets give no Edit on {}, so {} is capped to {}.",
            u.name,
            ix.object_label(object),
            d.uncapped.label(),
            d.cap.label()
        ));
    }
    if granting.is_empty() && !d.inactive {
        limits.extend(notes.iter().map(|g| g.reason.describe(ix, user, record)));
    }
    if !d.inactive && d.cap > Access::None && granting.is_empty() {
        let (setting, external) = ix.sharing_for(user, object);
        let side = if external { "external" } else { "internal" };
        if d.controlled_by_parent {
            let parent = ev
                .parent_of(record)
                .map(|p| record_label(ix, p))
                .unwrap_or_default();
            limits.push(format!(
                "{} is Controlled by Parent ({side} default), and {} has no access to {parent}.",
                ix.object_label(object),
                u.name
            ));
        } else if setting == Sharing::ControlledByParent {
            limits.push(format!(
                "{} is Controlled by Parent but {} has no parent, so it is private to its owner; {} does not own it.",
                record_label(ix, record),
                record_label(ix, record),
                u.name
            ));
        } else {
            limits.push(format!(
                "The {side} org-wide default for {} is {}, and no ownership, role hierarchy, sharing rule, manual share, team or implicit access gives {} this record.",
                ix.object_label(object),
                setting.label(),
                u.name
            ));
        }
    }
    Explanation {
        user: u.id.clone(),
        user_name: u.name.clone(),
        record: rec.id.clone(),
        record_name: rec.name.clone(),
        object,
        level: d.level,
        reasons,
        limits,
        why_not: why_not_for(&ev, suggest, &d, user, record),
    }
}

/// Why not the next level up, with a checked suggestion (absent for Full).
fn why_not_for(
    ev: &Evaluator,
    suggest: Option<Option<&super::packed::FastMatrix>>,
    d: &super::evaluate::Decision,
    user: UserIx,
    record: RecordIx,
) -> Option<WhyNot> {
    let target = why_not::next_level(d.level)?;
    let considered = if d.level == Access::None && d.uncapped == Access::None && !d.inactive {
        why_not::considered(ev, user, record)
    } else {
        Vec::new()
    };
    Some(WhyNot {
        target,
        blockers: why_not::blockers(ev, d, user, record, target),
        considered,
        suggestion: suggest.and_then(|m| {
            // An inactive user's decision holds no grants: let the suggestion find them.
            let known = (!d.inactive).then_some(&d.grants[..]);
            suggest::suggest(ev.ix, m, known, user, record, target)
        }),
    })
}
