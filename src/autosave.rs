//! The app's "no lost work" decisions, kept free of the browser so native tests reach them:
//! whether to autosave, when the replaced work must be kept for "Restore", what another tab's
//! save means, and whether a refused save is a too-big scenario or a full storage.

use serde::{Deserialize, Serialize};

use crate::presets::PRESETS;

/// Where the app keeps the scenario being edited.
pub const KEY_SCENARIO: &str = "access-sim/scenario";
/// The preset the saved scenario started from ("" when imported or edited from a link).
pub const KEY_PRESET: &str = "access-sim/preset";
/// The work an opening replaced, kept so "Restore the scenario you were editing" works after a
/// reload too.
pub const KEY_PREVIOUS: &str = "access-sim/previous";

/// The work an opening replaced.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Previous {
    /// The scenario JSON as it was autosaved.
    pub scenario: String,
    /// Its preset key, if it started from one.
    #[serde(default)]
    pub preset: Option<String>,
    /// The user said "Dismiss": no offer on the next start (the copy stays until replaced).
    #[serde(default)]
    pub dismissed: bool,
}

impl Previous {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Option<Previous> {
        serde_json::from_str(text).ok()
    }

    /// The scenario's name, for the offer ("Restore 'Help center' ...").
    pub fn name(&self) -> String {
        serde_json::from_str::<serde_json::Value>(&self.scenario)
            .ok()
            .and_then(|v| v.get("name")?.as_str().map(String::from))
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| "your scenario".into())
    }
}

/// The presets exactly as the app autosaves them when opened unedited.
pub fn pristine_presets() -> Vec<String> {
    PRESETS
        .iter()
        .filter_map(|p| crate::engine::parse(p.json).ok())
        .filter_map(|s| serde_json::to_string(&s).ok())
        .collect()
}

/// Whether opening `incoming` over the autosaved `stored` must first keep `stored` aside: it
/// holds work (not an unedited preset) that `incoming` would replace.
pub fn keep_replaced(stored: Option<&str>, incoming: &str, pristine: &[String]) -> bool {
    match stored {
        None => false,
        Some(s) if s.trim().is_empty() || s == incoming => false,
        Some(s) => !pristine.iter().any(|p| p == s),
    }
}

/// What the autosave does with this tab's scenario.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum SaveDecision {
    /// The storage already holds exactly this scenario.
    Unchanged,
    /// Write it.
    Save,
    /// Another tab saved something else since this tab last read or wrote the storage: say so
    /// and wait for the user's choice instead of overwriting it.
    OtherTab,
    /// The user has not answered the other-tab question yet: write nothing.
    Paused,
}

/// `stored`: what the storage holds now; `known`: what this tab last read or wrote there;
/// `ours`: this tab's scenario; `paused`: an other-tab question is open.
pub fn decide_save(
    stored: Option<&str>,
    known: Option<&str>,
    ours: &str,
    paused: bool,
) -> SaveDecision {
    if stored == Some(ours) {
        return SaveDecision::Unchanged;
    }
    if paused {
        return SaveDecision::Paused;
    }
    // Nothing stored is never someone else's work (it may have been cleared on purpose).
    if stored.is_some() && stored != known {
        return SaveDecision::OtherTab;
    }
    SaveDecision::Save
}

/// Whether another tab's write of the scenario key (`new_value`) needs the user's attention:
/// it differs from this tab's scenario. A removal (None) does not: the next save restores it.
pub fn other_tab_differs(new_value: Option<&str>, ours: &str) -> bool {
    new_value.is_some_and(|v| v != ours)
}

/// Why the storage refused a save.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum Refusal {
    /// The scenario alone is larger than all the room the browser gives this site, even with
    /// everything else removed. `limit` is that room, as measured.
    TooBig { size: usize, limit: usize },
    /// The scenario would fit, but other data (`others`) fills the storage.
    Full { size: usize, others: usize },
}

/// Sizes are in characters of saved text (ASCII JSON: one byte each). `free`: the longest value
/// that still fits, as measured; `old`: the length of the save it would replace (freed by the
/// replacement); `others`: everything else stored for this site.
pub fn classify_refusal(size: usize, free: usize, old: usize, others: usize) -> Refusal {
    let limit = free + old + others;
    if size > limit {
        Refusal::TooBig { size, limit }
    } else {
        Refusal::Full { size, others }
    }
}

/// 1234567 as "1.2 MB" (decimal units, as file managers show them).
pub fn human_size(n: usize) -> String {
    const UNITS: [&str; 3] = ["KB", "MB", "GB"];
    if n < 1000 {
        return format!("{n} bytes");
    }
    let mut v = n as f64 / 1000.0;
    let mut unit = 0;
    while v >= 1000.0 && unit + 1 < UNITS.len() {
        v /= 1000.0;
        unit += 1;
    }
    if v >= 100.0 {
        format!("{v:.0} {}", UNITS[unit])
    } else {
        format!("{v:.1} {}", UNITS[unit])
    }
}

/// The plain-words message for a refused save.
pub fn refusal_message(r: Refusal) -> String {
    match r {
        Refusal::TooBig { size, limit } => format!(
            "This scenario is too big to save in this browser: it is {} as saved text and this browser keeps at most about {} for this site. Nothing was lost: it is still open here, and the last version that fit is still saved. Export it to keep it.",
            human_size(size),
            human_size(limit)
        ),
        Refusal::Full { size, others } => format!(
            "This browser's storage is full ({} used by other data), so this edit ({} scenario) was not saved for next time. It is still here: export it to keep it.",
            human_size(others),
            human_size(size)
        ),
    }
}
