//! The app's one state and its reducer: every change the user makes is an `Action`, and the
//! reducer is the only place state changes. Scenario changes go through the engine's `Edit`s,
//! so a bad edit leaves the scenario untouched and reports the engine's problems instead.

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use serde_json::Value;
use yew::prelude::*;

use super::checks::Checks;
use super::import_panel::{self, ImportView};
pub use super::session::{Changed, Changes, Session};
use crate::engine::actions::{act, Action as AdminAction, Outcome};
use crate::engine::edits::{Collection, Edit, EditError};
use crate::engine::index::{RecordIx, UserIx};
use crate::engine::matrix::CellChange;
use crate::engine::scenario::UserKind;
use crate::engine::session::Engine;
use crate::engine::{self, Access, Index, ObjectKind, Problem};

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
    /// The engine and the history, changed in place by the reducer only (`revision` tells).
    pub session: Rc<RefCell<Session>>,
    pub preset: Option<String>,
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
    /// The expectations' results, the exercise's and the design warnings, after every change.
    pub checks: Rc<Checks>,
    /// The id of the exercise being played.
    pub exercise: Option<String>,
    /// The Lint panel is open (an org-scale lint runs only then).
    pub lint_open: bool,
    /// The "Import Salesforce org" panel, while it is open: what was picked and the report.
    pub import: Option<Rc<ImportView>>,
}

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.session, &other.session)
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
            && Rc::ptr_eq(&self.checks, &other.checks)
            && self.exercise == other.exercise
            && self.lint_open == other.lint_open
            && self.import.as_ref().map(Rc::as_ptr) == other.import.as_ref().map(Rc::as_ptr)
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
    /// Play the exercise with this id (None: stop playing).
    PlayExercise(Option<String>),
    /// Apply the model answer of the exercise with this id, as one step.
    ApplyAnswer(String),
    SetLintOpen(bool),
    /// Open (true) or close (false) the "Import Salesforce org" panel; closing keeps the
    /// current scenario and drops the report.
    ShowImport(bool),
    /// The files picked for an import are being read (`source` names them in words).
    ImportReading(String),
    /// Import the picked files (zips among them unpacked) and show the report.
    ImportFiles {
        source: String,
        files: Vec<crate::import::SourceFile>,
    },
    /// The picked files could not be read: why, in words.
    ImportFailed {
        source: String,
        message: String,
    },
    /// Open the imported org as the current scenario (as opening a file does).
    OpenImported,
}

/// The object a scenario opens on: Case when it has cases (every seed preset is about
/// cases), else the first custom object with records (a scenario declares custom objects to
/// be about them), else the first object, in picker order, that has records.
pub fn default_object(ix: &Index) -> ObjectKind {
    // One pass over the records, not one per object (imported orgs declare hundreds).
    let present: std::collections::HashSet<ObjectKind> =
        ix.records.iter().map(|r| r.object).collect();
    let has = |o: ObjectKind| present.contains(&o);
    if has(ObjectKind::Case) {
        return ObjectKind::Case;
    }
    let objects = ix.objects();
    objects
        .iter()
        .copied()
        .find(|o| o.is_custom() && has(*o))
        .or_else(|| objects.iter().copied().find(|o| has(*o)))
        .unwrap_or(ObjectKind::Case)
}

impl AppState {
    pub fn new(ix: Index, preset: Option<String>) -> Self {
        let object = default_object(&ix);
        let session = Session::new(ix);
        let checks = Rc::new(Checks::new(&session.engine, None, false, None, None));
        AppState {
            session: Rc::new(RefCell::new(session)),
            preset,
            changes: Rc::new(Changes::default()),
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
            checks,
            exercise: None,
            lint_open: false,
            import: None,
        }
    }

    /// The open scenario's index. Hold it only while rendering: the reducer changes it in place.
    pub fn ix(&self) -> Ref<'_, Index> {
        Ref::map(self.session.borrow(), |s| &s.engine.ix)
    }

    /// The engine (index and whole matrix).
    pub fn engine(&self) -> Ref<'_, Engine> {
        Ref::map(self.session.borrow(), |s| &s.engine)
    }

    pub fn level(&self, u: UserIx, r: RecordIx) -> Access {
        self.session.borrow().engine.matrix.get(u, r)
    }

    /// The explanation of one cell, its "why not" suggestion checked against the kept matrix.
    pub fn explain(&self, u: UserIx, r: RecordIx) -> engine::Explanation {
        let s = self.session.borrow();
        engine::explain::explain_in(&s.engine.ix, &s.engine.matrix, u, r)
    }

    pub fn can_undo(&self) -> bool {
        !self.session.borrow().undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.session.borrow().redo.is_empty()
    }

    /// The scenario as JSON (for the editor's lists and pickers), made once per scenario
    /// version and only when asked for: at org scale it takes a good part of a second.
    pub fn doc(&self) -> Rc<Value> {
        let mut s = self.session.borrow_mut();
        let version = s.version;
        if let Some((v, doc)) = &s.doc {
            if *v == version {
                return doc.clone();
            }
        }
        let doc = Rc::new(serde_json::to_value(&s.engine.ix.scenario).unwrap_or(Value::Null));
        s.doc = Some((version, doc.clone()));
        doc
    }

    /// Only some lists of the scenario as JSON (what the editor's open sections list): at
    /// org scale the whole scenario takes a good part of a second, a list of 1,000 shares 1 ms.
    pub fn doc_part(&self, collections: &[Collection]) -> Rc<Value> {
        let s = self.session.borrow();
        let sc = &s.engine.ix.scenario;
        let mut m = serde_json::Map::new();
        for c in collections {
            let v = crate::engine::edits::list_json(sc, *c);
            m.insert(c.key(), v);
        }
        Rc::new(Value::Object(m))
    }

    /// The columns on screen: users passing the kind and text filters.
    pub fn visible_users(&self) -> Vec<UserIx> {
        let needle = self.user_text.to_lowercase();
        let ix = self.ix();
        ix.user_ixs()
            .filter(|u| {
                let user = ix.user(*u);
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
        let ix = self.ix();
        ix.record_ixs()
            .filter(|r| {
                let rec = ix.record(*r);
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
            .list
            .iter()
            .find(|c| c.user == user && c.record == record)
    }

    /// The listed changed cells in matrix order: object (picker order), record, then user
    /// (internal users first, as the columns are), as indices into `changes.list`.
    pub fn changes_in_order(&self) -> Vec<usize> {
        let ix = self.ix();
        let objects = ix.objects();
        let mut keyed: Vec<(usize, usize, bool, usize, usize)> = self
            .changes
            .list
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let r = ix.find_record(&c.record)?;
                let u = ix.find_user(&c.user)?;
                let object = objects
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
        let found = {
            let ix = self.ix();
            ix.find_user(&c.user)
                .zip(ix.find_record(&c.record))
                .map(|(u, r)| (u, r, ix.record(r).object))
        };
        let Some((u, r, object)) = found else {
            return;
        };
        self.object = object;
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

    /// Show what the last scenario change did.
    fn show_changes(&mut self, changed: Changed) {
        let changes = Changes::new(changed.count, changed.list, &self.ix());
        self.changes = Rc::new(changes);
    }

    /// Check the expectations, exercise and lint again; `cause` names the change just made
    /// (None for an opening, which starts afresh).
    fn recheck(&mut self, cause: Option<&str>) {
        let checks = {
            let before = cause.map(|_| &*self.checks);
            Checks::new(
                &self.session.borrow().engine,
                self.exercise.as_deref(),
                self.lint_open,
                before,
                cause,
            )
        };
        self.checks = Rc::new(checks);
    }

    fn after_change(&mut self, cause: Option<&str>) {
        self.recheck(cause);
        self.revision += 1;
        self.replaced = false;
        self.edit_problems.clear();
        let ix = self.ix();
        // Keep the selection only while both ends still exist.
        let gone_sel = self
            .selected
            .as_ref()
            .is_some_and(|(u, r)| ix.find_user(u).is_none() || ix.find_record(r).is_none());
        let gone_view = self
            .view_as
            .as_ref()
            .is_some_and(|u| ix.find_user(u).is_none());
        let gone_inspect = self
            .inspect
            .as_ref()
            .is_some_and(|r| ix.find_record(r).is_none());
        drop(ix);
        if gone_sel {
            self.selected = None;
        }
        if gone_view {
            self.view_as = None;
        }
        if gone_inspect {
            self.inspect = None;
        }
    }

    /// Make `edits` one undo step through the engine; a refusal changes nothing and shows
    /// the engine's problems.
    fn edit(&mut self, edits: Vec<Edit>) -> Result<usize, EditError> {
        // The copy an org-scale "why not" kept would double the memory an edit needs.
        engine::explain::suggest::release_kept_copy();
        let cause = summary(&edits);
        let result = self.session.borrow_mut().edit(edits);
        let changed = result?;
        let count = changed.count;
        self.show_changes(changed);
        self.after_change(Some(&cause));
        Ok(count)
    }
}

impl AppState {
    /// Open a scenario (preset, file, link, restore, imported org): not an edit. Refused input
    /// keeps the current scenario and says why; returns whether it opened.
    fn open(&mut self, json: &str, preset: Option<String>, source: &str) -> bool {
        let s = self;
        match engine::load(json) {
            Ok(ix) => {
                // Opening another scenario is not an edit: nothing to highlight, and no
                // undo across it (undoing into another scenario left the preset picker,
                // the notices and the change count contradicting the matrix); the work it
                // replaced stays restorable through the autosave's "Restore" offer.
                engine::explain::suggest::release_kept_copy();
                let object = default_object(&ix);
                // Free the old engine before the new one computes its matrix.
                if let Ok(empty) = engine::load(r#"{"version": 1}"#) {
                    *s.session.borrow_mut() = Session::new(empty);
                }
                *s.session.borrow_mut() = Session::new(ix);
                s.preset = preset;
                s.object = object;
                s.changed_only = false;
                s.changes = Rc::new(Changes::default());
                s.selected = None;
                s.view_as = None;
                s.outcome = None;
                s.exercise = None;
                s.after_change(None);
                s.notice = Some(Notice::Info(format!("Opened {source}.")));
                s.replaced = true;
                true
            }
            Err(e) => {
                s.notice = Some(Notice::Error(format!(
                    "Could not open {source}; your current scenario is unchanged. {e}"
                )));
                false
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
            } => {
                s.open(&json, preset, &source);
            }
            // Through the incremental engine, in place: a local edit recomputes a few rows and
            // keeps its inverse for undo; however many cells change, at most
            // MAX_LISTED_CHANGES are listed for highlighting.
            Action::Edit(edit) => match s.edit(vec![edit]) {
                Ok(_) => s.notice = None,
                Err(e) => {
                    s.edit_problems = e.problems();
                    s.refusals += 1;
                }
            },
            Action::Undo => {
                // A notice about the edit being undone or redone would now be stale.
                s.notice = None;
                engine::explain::suggest::release_kept_copy();
                let cause = s
                    .session
                    .borrow()
                    .undo
                    .last()
                    .map(|step| summary(&step.edits));
                let undone = s.session.borrow_mut().undo();
                if let Some(changed) = undone {
                    s.show_changes(changed);
                    s.after_change(cause.map(|c| format!("undo of: {c}")).as_deref());
                }
            }
            Action::Redo => {
                s.notice = None;
                engine::explain::suggest::release_kept_copy();
                let cause = s
                    .session
                    .borrow()
                    .redo
                    .last()
                    .map(|step| summary(&step.edits));
                let redone = s.session.borrow_mut().redo();
                match redone {
                    Some(Ok(changed)) => {
                        s.show_changes(changed);
                        s.after_change(cause.map(|c| format!("redo of: {c}")).as_deref());
                    }
                    Some(Err(e)) => s.notice = Some(Notice::Error(e.to_string())),
                    None => {}
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
            Action::Act { actor, action } => {
                let acted = act(&s.ix(), &actor, &action);
                match acted {
                    Ok(outcome) => {
                        if let Outcome::Allowed { scenario, .. } = &outcome {
                            // The action's scenario replaces this one as one undo step.
                            let edit = serde_json::to_value(&**scenario)
                                .map(|scenario| Edit::Replace { scenario })
                                .map_err(|e| EditError::Shape(e.to_string()));
                            if let Err(e) = edit.and_then(|e| s.edit(vec![e])) {
                                s.notice = Some(Notice::Error(e.to_string()));
                            }
                        }
                        s.outcome = Some(Rc::new(outcome));
                    }
                    Err(e) => s.notice = Some(Notice::Error(e.to_string())),
                }
            }
            Action::Notify(n) => s.notice = Some(n),
            Action::DismissNotice => s.notice = None,
            Action::CloseExplain => {
                s.selected = None;
                s.view_as = None;
                s.inspect = None;
            }
            Action::JumpChange(step) => s.jump_change(step),
            Action::SetChangedOnly(on) => s.changed_only = on,
            Action::ApplyEdits(edits) => match s.edit(edits) {
                Ok(count) => {
                    s.notice = Some(Notice::Info(format!(
                        "Applied the suggested change: {count} {} changed (undo with Ctrl+Z).",
                        if count == 1 { "cell" } else { "cells" }
                    )));
                }
                Err(e) => {
                    let why: Vec<String> = e.problems().into_iter().map(|p| p.message).collect();
                    s.notice = Some(Notice::Error(format!(
                        "The suggested change could not be applied; nothing changed. {}",
                        why.join(" ")
                    )));
                }
            },
            Action::OfferRestore(name) => s.restore_offer = name,
            Action::OtherTab(on) => s.other_tab = on,
            Action::OfferLink(fragment) => s.link_offer = fragment,
            Action::PlayExercise(id) => s.play(id),
            Action::ApplyAnswer(id) => s.apply_answer(&id),
            Action::SetLintOpen(open) => {
                s.lint_open = open;
                if open && s.checks.lint.is_none() {
                    let lint = Rc::new(engine::lint::lint(&s.ix()));
                    let mut checks = Checks::new(
                        &s.session.borrow().engine,
                        s.exercise.as_deref(),
                        false,
                        None,
                        None,
                    );
                    checks.broken = s.checks.broken.clone();
                    checks.lint = Some(lint);
                    s.checks = Rc::new(checks);
                }
            }
            Action::ShowImport(open) => {
                s.import = open.then(|| Rc::new(ImportView::Choosing));
            }
            Action::ImportReading(source) => {
                s.import = Some(Rc::new(ImportView::Busy(source)));
            }
            // A read that ends after the panel was closed shows nothing.
            Action::ImportFiles { source, files } if s.import.is_some() => {
                s.import = Some(Rc::new(import_panel::run(source, files)));
            }
            Action::ImportFailed { source, message } if s.import.is_some() => {
                let errors = vec![import_panel::plain(message)];
                s.import = Some(Rc::new(ImportView::Failed { source, errors }));
            }
            Action::ImportFiles { .. } | Action::ImportFailed { .. } => {}
            Action::OpenImported => {
                let done = s.import.as_deref().and_then(|v| match v {
                    ImportView::Done { source, imported } => {
                        Some((source.clone(), imported.clone()))
                    }
                    _ => None,
                });
                if let Some((source, imported)) = done {
                    let json = serde_json::to_string(&imported.scenario).unwrap_or_default();
                    drop(imported);
                    if s.open(
                        &json,
                        None,
                        &format!("the Salesforce org imported from {source}"),
                    ) {
                        s.import = None;
                    }
                }
            }
        }
        Rc::new(s)
    }
}

/// The edits of one step in words, for naming what broke an expectation.
fn summary(edits: &[Edit]) -> String {
    let mut parts: Vec<String> = edits.iter().take(3).map(Edit::summary).collect();
    if edits.len() > 3 {
        parts.push(format!("and {} more", edits.len() - 3));
    }
    parts.join("; ")
}

impl AppState {
    /// Play the exercise with this id (None stops); an unknown id plays nothing.
    pub fn play(&mut self, id: Option<String>) {
        self.exercise = id.filter(|id| self.ix().scenario.exercises.iter().any(|x| &x.id == id));
        self.recheck(None);
    }

    /// Apply an exercise's model answer as one undo step.
    fn apply_answer(&mut self, id: &str) {
        let answer = self
            .ix()
            .scenario
            .exercises
            .iter()
            .find(|x| x.id == id)
            .map(|x| x.answer.clone());
        let Some(answer) = answer else {
            return;
        };
        // Validation parsed every answer as edits when the scenario was opened.
        let edits: Result<Vec<Edit>, _> = answer.into_iter().map(serde_json::from_value).collect();
        let applied = edits
            .map_err(|e| EditError::Shape(e.to_string()))
            .and_then(|edits| self.edit(edits));
        self.notice = Some(match applied {
            Ok(count) => Notice::Info(format!(
                "Applied the model answer: {count} {} changed (undo with Ctrl+Z to try it yourself).",
                if count == 1 { "cell" } else { "cells" }
            )),
            Err(e) => Notice::Error(format!(
                "The model answer could not be applied; nothing changed. {e}"
            )),
        });
    }
}
