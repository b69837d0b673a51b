//! The app's one state and its reducer: every change the user makes is an `Action`, and the
//! reducer is the only place state changes. Scenario changes go through the engine's `Edit`s,
//! so a bad edit leaves the scenario untouched and reports the engine's problems instead.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::engine::actions::{act, Action as AdminAction, Outcome};
use crate::engine::edits::Edit;
use crate::engine::index::{RecordIx, UserIx};
use crate::engine::matrix::CellChange;
use crate::engine::scenario::UserKind;
use crate::engine::{self, Access, Index, ObjectKind, Problem};
use crate::engine::{
    diff::changes_between,
    packed::FastMatrix,
    session::{Engine, MAX_LISTED_CHANGES},
};

/// Undo keeps at most this many steps.
const HISTORY: usize = 100;

/// A loaded scenario and its whole matrix from the set-based engine (2 bits per cell), computed
/// when first asked for, so scrolling only reads bits. Versions kept for undo drop their matrix
/// (`shed`) and recompute it if they come back.
pub struct Loaded {
    pub ix: Index,
    matrix: RefCell<Option<FastMatrix>>,
}

impl Loaded {
    pub fn new(ix: Index) -> Rc<Self> {
        Rc::new(Loaded {
            ix,
            matrix: RefCell::new(None),
        })
    }

    /// A version whose matrix the engine already computed.
    fn with_matrix(engine: Engine) -> Rc<Self> {
        Rc::new(Loaded {
            ix: engine.ix,
            matrix: RefCell::new(Some(engine.matrix)),
        })
    }

    /// Run `f` on the matrix, computing it first if needed.
    fn with<T>(&self, f: impl FnOnce(&FastMatrix) -> T) -> T {
        let mut m = self.matrix.borrow_mut();
        f(m.get_or_insert_with(|| engine::fast::matrix(&self.ix)))
    }

    pub fn level(&self, u: UserIx, r: RecordIx) -> Access {
        self.with(|m| m.get(u, r))
    }

    /// The explanation of one cell, its "why not" suggestion checked against the kept matrix.
    pub fn explain(&self, u: UserIx, r: RecordIx) -> engine::Explanation {
        self.with(|m| engine::explain::explain_in(&self.ix, m, u, r))
    }

    /// The cells that differ from `other` (counted; at most `MAX_LISTED_CHANGES` listed).
    fn changes_from(&self, other: &Loaded) -> (usize, Vec<CellChange>) {
        other.with(|before| {
            self.with(|after| {
                changes_between(&other.ix, before, &self.ix, after, MAX_LISTED_CHANGES)
            })
        })
    }

    /// Free the matrix of a version that is only kept for undo.
    pub fn shed(&self) {
        self.matrix.borrow_mut().take();
    }
}

/// The cells the last edit changed, with a lookup by (user id, record id): the matrix asks
/// for every cell on screen, and a global edit can change millions.
#[derive(Default)]
pub struct Changes {
    /// How many cells changed (all of them, listed or not).
    pub count: usize,
    pub list: Vec<CellChange>,
    by_cell: HashMap<(String, String), usize>,
}

impl From<Vec<CellChange>> for Changes {
    fn from(list: Vec<CellChange>) -> Self {
        Changes::new(list.len(), list)
    }
}

impl Changes {
    pub fn new(count: usize, list: Vec<CellChange>) -> Self {
        let by_cell = list
            .iter()
            .enumerate()
            .map(|(i, c)| ((c.user.clone(), c.record.clone()), i))
            .collect();
        Changes {
            count,
            list,
            by_cell,
        }
    }

    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum UserFilter {
    All,
    Internal,
    External,
}

/// A message shown above the workspace.
#[derive(Clone, PartialEq, Debug)]
pub enum Notice {
    Info(String),
    Error(String),
    /// A save the storage refused; shown with an Export button.
    SaveRefused(String),
}

#[derive(Clone)]
pub struct AppState {
    pub loaded: Rc<Loaded>,
    pub preset: Option<String>,
    pub undo: Vec<Rc<Loaded>>,
    pub redo: Vec<Rc<Loaded>>,
    /// Cells changed by the last edit (or undo/redo), shown until the next one.
    pub changes: Rc<Changes>,
    pub object: ObjectKind,
    pub users: UserFilter,
    pub record_text: String,
    pub user_text: String,
    /// The picked cell: (user id, record id).
    pub selected: Option<(String, String)>,
    /// "View as this user".
    pub view_as: Option<String>,
    /// "Who can access this record".
    pub inspect: Option<String>,
    /// Problems of the last refused edit, shown inline by the editor.
    pub edit_problems: Vec<Problem>,
    /// The last admin action's outcome.
    pub outcome: Option<Rc<Outcome>>,
    pub notice: Option<Notice>,
    /// Bumped on every scenario change, so effects (autosave) can follow it.
    pub revision: u64,
    /// Show only the rows and columns that hold a cell the last edit changed.
    pub changed_only: bool,
    /// The changed cell the badge last jumped to: (user id, record id).
    pub jump: Option<(String, String)>,
    /// Bumped on every jump, so the matrix scrolls even when jumping to the same cell again.
    pub jump_seq: u64,
    /// Bumped on every refused edit, so controls showing a refused choice are re-created
    /// with the value in force.
    pub refusals: u64,
    /// The last scenario change was an opening (preset, file, link, restore), not an edit: the
    /// autosave keeps the work it replaces for "Restore".
    pub replaced: bool,
    /// The name of the replaced work that "Restore the scenario you were editing" brings back.
    pub restore_offer: Option<String>,
    /// Another tab saved a different scenario: autosave pauses until the user picks a version.
    pub other_tab: bool,
    /// A share-link fragment pasted into this open tab, waiting for Open / Ignore.
    pub link_offer: Option<String>,
}

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.loaded, &other.loaded)
            && self.revision == other.revision
            && self.refusals == other.refusals
            && self.object == other.object
            && self.users == other.users
            && self.record_text == other.record_text
            && self.user_text == other.user_text
            && self.selected == other.selected
            && self.view_as == other.view_as
            && self.inspect == other.inspect
            && self.edit_problems == other.edit_problems
            && self.notice == other.notice
            && self.outcome.as_ref().map(Rc::as_ptr) == other.outcome.as_ref().map(Rc::as_ptr)
            && self.changed_only == other.changed_only
            && self.jump_seq == other.jump_seq
            && self.restore_offer == other.restore_offer
            && self.other_tab == other.other_tab
            && self.link_offer == other.link_offer
    }
}

pub enum Action {
    /// Open a scenario (preset, import, share link, restore). Refused input keeps the current
    /// scenario and shows why.
    Open {
        json: String,
        preset: Option<String>,
        source: String,
    },
    Edit(Edit),
    Undo,
    Redo,
    SetObject(ObjectKind),
    SetUsers(UserFilter),
    SetRecordText(String),
    SetUserText(String),
    Select(String, String),
    ViewAs(Option<String>),
    /// Show who can access a record.
    Inspect(Option<String>),
    Act {
        actor: String,
        action: AdminAction,
    },
    Notify(Notice),
    DismissNotice,
    /// Close the explanation drawer (cell, "view as" or "who can access").
    CloseExplain,
    /// Jump to a changed cell: 0 the first, 1 the next, -1 the previous (wrapping).
    JumpChange(i64),
    SetChangedOnly(bool),
    /// Apply several edits as one step (one undo), e.g. a "why not" suggestion.
    ApplyEdits(Vec<Edit>),
    /// Offer (Some(name)) or withdraw (None) "Restore the scenario you were editing".
    OfferRestore(Option<String>),
    /// Another tab saved a different scenario (true), or the user picked a version (false).
    OtherTab(bool),
    /// Offer (Some(fragment)) or withdraw (None) opening a newly pasted share link.
    OfferLink(Option<String>),
}

/// The object a scenario opens on: Case when it has cases (every preset is about cases), else
/// the first object, in picker order, that has records.
pub fn default_object(ix: &Index) -> ObjectKind {
    let has = |o: ObjectKind| ix.records.iter().any(|r| r.object == o);
    if has(ObjectKind::Case) {
        return ObjectKind::Case;
    }
    ObjectKind::ALL
        .into_iter()
        .find(|o| has(*o))
        .unwrap_or(ObjectKind::Case)
}

impl AppState {
    pub fn new(ix: Index, preset: Option<String>) -> Self {
        let object = default_object(&ix);
        AppState {
            loaded: Loaded::new(ix),
            preset,
            undo: Vec::new(),
            redo: Vec::new(),
            changes: Rc::new(Changes::from(Vec::new())),
            object,
            users: UserFilter::All,
            record_text: String::new(),
            user_text: String::new(),
            selected: None,
            view_as: None,
            inspect: None,
            edit_problems: Vec::new(),
            outcome: None,
            notice: None,
            revision: 0,
            changed_only: false,
            jump: None,
            jump_seq: 0,
            refusals: 0,
            replaced: false,
            restore_offer: None,
            other_tab: false,
            link_offer: None,
        }
    }

    pub fn ix(&self) -> &Index {
        &self.loaded.ix
    }

    /// The columns on screen: users passing the kind and text filters.
    pub fn visible_users(&self) -> Vec<UserIx> {
        let needle = self.user_text.to_lowercase();
        self.ix()
            .user_ixs()
            .filter(|u| {
                let user = self.ix().user(*u);
                let kind_ok = match self.users {
                    UserFilter::All => true,
                    UserFilter::Internal => user.kind == UserKind::Internal,
                    UserFilter::External => user.kind == UserKind::External,
                };
                kind_ok
                    && (needle.is_empty()
                        || user.name.to_lowercase().contains(&needle)
                        || user.id.to_lowercase().contains(&needle))
            })
            .collect()
    }

    /// The rows on screen: records of the chosen object passing the text filter.
    pub fn visible_records(&self) -> Vec<RecordIx> {
        let needle = self.record_text.to_lowercase();
        self.ix()
            .record_ixs()
            .filter(|r| {
                let rec = self.ix().record(*r);
                rec.object == self.object
                    && (needle.is_empty()
                        || rec.name.to_lowercase().contains(&needle)
                        || rec.id.to_lowercase().contains(&needle))
            })
            .collect()
    }

    /// The change to a cell made by the last edit, if any.
    pub fn change_for(&self, user: &str, record: &str) -> Option<&CellChange> {
        self.changes
            .by_cell
            .get(&(user.to_string(), record.to_string()))
            .map(|i| &self.changes.list[*i])
    }

    /// The listed changed cells in matrix order: object (picker order), record, then user
    /// (internal users first, as the columns are), as indices into `changes.list`.
    pub fn changes_in_order(&self) -> Vec<usize> {
        let ix = self.ix();
        let mut keyed: Vec<(usize, usize, bool, usize, usize)> = self
            .changes
            .list
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let r = ix.find_record(&c.record)?;
                let u = ix.find_user(&c.user)?;
                let object = ObjectKind::ALL
                    .iter()
                    .position(|o| *o == ix.record(r).object)
                    .unwrap_or(0);
                let ext = ix.user(u).kind == UserKind::External;
                Some((object, r.ix(), ext, u.ix(), i))
            })
            .collect();
        keyed.sort_unstable();
        keyed.into_iter().map(|k| k.4).collect()
    }

    fn jump_change(&mut self, step: i64) {
        let order = self.changes_in_order();
        if order.is_empty() {
            return;
        }
        let at = self.jump.as_ref().and_then(|(u, r)| {
            order.iter().position(|i| {
                let c = &self.changes.list[*i];
                &c.user == u && &c.record == r
            })
        });
        let pos = match at {
            Some(p) if step != 0 => (p as i64 + step).rem_euclid(order.len() as i64) as usize,
            _ => 0,
        };
        let c = self.changes.list[order[pos]].clone();
        let ix = self.ix();
        let (Some(u), Some(r)) = (ix.find_user(&c.user), ix.find_record(&c.record)) else {
            return;
        };
        self.object = ix.record(r).object;
        // A jump must land on a visible cell: drop the filters that hide it.
        if !self.visible_users().contains(&u) {
            self.users = UserFilter::All;
            self.user_text.clear();
        }
        if !self.visible_records().contains(&r) {
            self.record_text.clear();
        }
        self.jump = Some((c.user, c.record));
        self.jump_seq += 1;
    }

    /// Move to a new scenario version, remembering the old one for undo.
    fn commit(&mut self, next: Index, changes: Vec<CellChange>) {
        let count = changes.len();
        self.commit_loaded(Loaded::new(next), count, changes);
    }

    fn commit_loaded(&mut self, next: Rc<Loaded>, count: usize, changes: Vec<CellChange>) {
        let prev = std::mem::replace(&mut self.loaded, next);
        prev.shed();
        self.undo.push(prev);
        if self.undo.len() > HISTORY {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.changes = Rc::new(Changes::new(count, changes));
        self.after_change();
    }

    fn after_change(&mut self) {
        self.revision += 1;
        self.replaced = false;
        self.edit_problems.clear();
        // Keep the selection only while both ends still exist.
        if let Some((u, r)) = &self.selected {
            if self.ix().find_user(u).is_none() || self.ix().find_record(r).is_none() {
                self.selected = None;
            }
        }
        if let Some(u) = &self.view_as {
            if self.ix().find_user(u).is_none() {
                self.view_as = None;
            }
        }
        if let Some(r) = &self.inspect {
            if self.ix().find_record(r).is_none() {
                self.inspect = None;
            }
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Open {
                json,
                preset,
                source,
            } => match engine::load(&json) {
                Ok(ix) => {
                    // Opening another scenario is not an edit: nothing to highlight, and no
                    // undo across it (undoing into another scenario left the preset picker,
                    // the notices and the change count contradicting the matrix); the work it
                    // replaced stays restorable through the autosave's "Restore" offer.
                    s.commit(ix, Vec::new());
                    s.undo.clear();
                    s.redo.clear();
                    s.preset = preset;
                    s.object = default_object(s.ix());
                    s.changed_only = false;
                    s.changes = Rc::new(Changes::from(Vec::new()));
                    s.selected = None;
                    s.view_as = None;
                    s.outcome = None;
                    s.notice = Some(Notice::Info(format!("Opened {source}.")));
                    s.replaced = true;
                }
                Err(e) => {
                    s.notice = Some(Notice::Error(format!(
                        "Could not open {source}; your current scenario is unchanged. {e}"
                    )));
                }
            },
            // Through the incremental engine, on a copy (the current version stays for undo):
            // a local edit recomputes a few rows, and however many cells change, at most
            // MAX_LISTED_CHANGES are listed for highlighting.
            Action::Edit(edit) => {
                // The copy an org-scale "why not" kept would double the memory an edit needs.
                engine::explain::suggest::release_kept_copy();
                let matrix = s.loaded.with(FastMatrix::clone);
                let mut next = Engine::from_parts(s.ix().clone(), matrix);
                match next.apply(&edit) {
                    Ok(applied) => {
                        s.commit_loaded(
                            Loaded::with_matrix(next),
                            applied.changed_cells,
                            applied.changes,
                        );
                        s.notice = None;
                    }
                    Err(e) => {
                        s.edit_problems = e.problems();
                        s.refusals += 1;
                    }
                }
            }
            Action::Undo => {
                // A notice about the edit being undone or redone would now be stale.
                s.notice = None;
                if let Some(prev) = s.undo.pop() {
                    let cur = std::mem::replace(&mut s.loaded, prev);
                    let (count, list) = s.loaded.changes_from(&cur);
                    s.changes = Rc::new(Changes::new(count, list));
                    cur.shed();
                    s.redo.push(cur);
                    s.after_change();
                }
            }
            Action::Redo => {
                // A notice about the edit being undone or redone would now be stale.
                s.notice = None;
                if let Some(next) = s.redo.pop() {
                    let cur = std::mem::replace(&mut s.loaded, next);
                    let (count, list) = s.loaded.changes_from(&cur);
                    s.changes = Rc::new(Changes::new(count, list));
                    cur.shed();
                    s.undo.push(cur);
                    s.after_change();
                }
            }
            Action::SetObject(o) => s.object = o,
            Action::SetUsers(f) => s.users = f,
            Action::SetRecordText(t) => s.record_text = t,
            Action::SetUserText(t) => s.user_text = t,
            Action::Select(u, r) => {
                s.selected = Some((u, r));
                s.view_as = None;
                s.inspect = None;
            }
            Action::ViewAs(u) => {
                s.view_as = u;
                if s.view_as.is_some() {
                    s.selected = None;
                    s.inspect = None;
                }
            }
            Action::Inspect(r) => {
                s.inspect = r;
                if s.inspect.is_some() {
                    s.selected = None;
                    s.view_as = None;
                }
            }
            Action::Act { actor, action } => match act(s.ix(), &actor, &action) {
                Ok(outcome) => {
                    if let Outcome::Allowed {
                        scenario, changes, ..
                    } = &outcome
                    {
                        match engine::validate((**scenario).clone()) {
                            Ok(next) => s.commit(next, changes.clone()),
                            Err(e) => s.notice = Some(Notice::Error(e.to_string())),
                        }
                    }
                    s.outcome = Some(Rc::new(outcome));
                }
                Err(e) => s.notice = Some(Notice::Error(e.to_string())),
            },
            Action::Notify(n) => s.notice = Some(n),
            Action::DismissNotice => s.notice = None,
            Action::CloseExplain => {
                s.selected = None;
                s.view_as = None;
                s.inspect = None;
            }
            Action::JumpChange(step) => s.jump_change(step),
            Action::SetChangedOnly(on) => s.changed_only = on,
            Action::ApplyEdits(edits) => {
                engine::explain::suggest::release_kept_copy();
                let before = s.loaded.clone();
                let matrix = s.loaded.with(FastMatrix::clone);
                let mut next = Engine::from_parts(s.ix().clone(), matrix);
                let mut failed = None;
                for edit in &edits {
                    if let Err(e) = next.apply(edit) {
                        failed = Some(e);
                        break;
                    }
                }
                match failed {
                    None => {
                        let loaded = Loaded::with_matrix(next);
                        let (count, list) = loaded.changes_from(&before);
                        s.commit_loaded(loaded, count, list);
                        s.notice = Some(Notice::Info(format!(
                            "Applied the suggested change: {count} {} changed (undo with Ctrl+Z).",
                            if count == 1 { "cell" } else { "cells" }
                        )));
                    }
                    Some(e) => {
                        let why: Vec<String> =
                            e.problems().into_iter().map(|p| p.message).collect();
                        s.notice = Some(Notice::Error(format!(
                            "The suggested change could not be applied; nothing changed. {}",
                            why.join(" ")
                        )));
                    }
                }
            }
            Action::OfferRestore(name) => s.restore_offer = name,
            Action::OtherTab(on) => s.other_tab = on,
            Action::OfferLink(fragment) => s.link_offer = fragment,
        }
        Rc::new(s)
    }
}
