//! Explanations: for one (user, record), every reason that grants access, strongest first, as
//! readable chains, and the notes that say why access is None or lower than a grant (inactive
//! user, object permissions, Private default with no sharing, Controlled by Parent).

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
}

impl Explanation {
    /// Plain text for terminals: the verdict, then each reason and limit on its own line.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "{} on {} '{}': {}\n",
            self.user_name,
            self.object.key(),
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
        out
    }
}

pub fn explain(ix: &Index, user: UserIx, record: RecordIx) -> Explanation {
    let ev = Evaluator::new(ix);
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
            "{}'s profile '{profile}' and permission sets give no Read on {}, so no sharing can show them a {} record.",
            u.name,
            object.label(),
            object.key()
        ));
    } else if d.uncapped > d.cap {
        limits.push(format!(
            "{}'s profile '{profile}' and permission sets give no Edit on {}, so {} is capped to {}.",
            u.name,
            object.label(),
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
                object.label(),
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
                object.label(),
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
    }
}
