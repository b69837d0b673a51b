//! The recycled matrix behind `AccessMatrix`: a fixed pool of header, row and cell elements,
//! sized to the viewport and re-pointed at the rows and columns in view on every scroll step,
//! the cells written by a small JS painter from one byte each, straight from the packed matrix
//! (no element created and no Rust string allocated per frame). Also the keyboard and pointer
//! handling of the cells (arrow keys move, Enter explains).

mod input;

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};
use yew::prelude::*;

use super::state::{Action, AppState, UserFilter};
use crate::engine::index::{Index, RecordIx, UserIx};
use crate::engine::scenario::UserKind;
use crate::engine::{Access, ObjectKind};

const ROW_H: f64 = 36.0;
const COL_W: f64 = 40.0;
const HEAD_W: f64 = 220.0;
const HEAD_W_NARROW: f64 = 120.0;
const HEAD_H: f64 = 132.0;
/// Rows and columns rendered beyond the view on each side.
const OVERSCAN: usize = 2;
/// Lines a user's tip can hold (role, profile, license, external, inactive).
const TIP_LINES: usize = 5;

/// A name shortened for a 40 px column: kept when short, else its initials
/// ("Customer Community User" -> "CCU").
fn abbreviate(name: &str) -> String {
    if name.chars().count() <= 14 {
        return name.to_string();
    }
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// (short line, full lines) describing a user's role or license, and profile.
fn user_facts(ix: &Index, u: UserIx) -> (String, Vec<String>) {
    let user = ix.user(u);
    let profile = ix.profiles[user.profile.ix()].name.as_str();
    let role = user.role.map(|r| ix.role(r).name.as_str());
    let license = user.license.map(|l| l.label());
    let first = role
        .or(license)
        .or((user.kind == UserKind::External).then_some("External"))
        .unwrap_or("No role");
    let short = format!("{} · {}", abbreviate(first), abbreviate(profile));
    let mut full = vec![
        format!("Role: {}", role.unwrap_or("none")),
        format!("Profile: {profile}"),
    ];
    if let Some(l) = license {
        full.push(format!("License: {l}"));
    }
    if user.kind == UserKind::External {
        full.push("External user".into());
    }
    if !user.active {
        full.push("Inactive: no access at all".into());
    }
    (short, full)
}

/// Scroll `el` into view only as far as needed, in every scrolling ancestor.
pub fn scroll_nearest(el: &web_sys::Element) {
    let opts = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&opts, &"block".into(), &"nearest".into());
    let _ = js_sys::Reflect::set(&opts, &"inline".into(), &"nearest".into());
    if let Ok(f) = js_sys::Reflect::get(el, &"scrollIntoView".into()) {
        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
            let _ = f.call1(el, &opts);
        }
    }
}

/// On a phone the explanation is a bottom sheet over the matrix: scroll the page so the
/// picked cell sits just above it rather than under it.
pub(super) fn lift_above_sheet(cell: &web_sys::Element) {
    let Ok(Some(sheet)) = gloo::utils::document().query_selector(".explain.drawer") else {
        return;
    };
    let (c, sh) = (
        cell.get_bounding_client_rect(),
        sheet.get_bounding_client_rect(),
    );
    // Only a sheet spanning the width overlaps the matrix; a side drawer never does.
    let Some(w) = web_sys::window() else { return };
    let vw = w.inner_width().ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    if sh.width() >= vw - 1.0 && c.bottom() > sh.top() {
        w.scroll_by_with_x_and_y(0.0, c.bottom() - sh.top() + 12.0);
    }
}

// Writing a cell from Rust costs a string copy into JS per attribute; at 600 cells a frame
// that was most of the frame. The painter keeps each row's and column's names on the JS side
// (sent once when a row or column comes into view) and writes the cells from one byte each:
// level | (old level + 1) << 2 | selected << 5.
#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
const LEVEL = ['No access', 'Read', 'Edit', 'Full'];
const KEY = ['none', 'read', 'edit', 'full'];
const LETTER = ['-', 'R', 'E', 'F'];
const CLASS = [];
for (let c = 0; c < 64; c++) {
  CLASS.push('cell ' + KEY[c & 3] + (c & 32 ? ' selected' : '') + ((c >> 2) & 7 ? ' changed' : ''));
}
export class Painter {
  constructor() { this.reset(0, 0); }
  reset(nrows, ncols) {
    this.ncols = ncols;
    this.cells = new Array(nrows * ncols);
    this.last = new Int16Array(nrows * ncols).fill(-1);
    this.rowId = new Array(nrows); this.rowName = new Array(nrows); this.rowDirty = new Uint8Array(nrows);
    this.colId = new Array(ncols); this.colName = new Array(ncols); this.colIndex = new Array(ncols);
    this.colDirty = new Uint8Array(ncols);
  }
  cell(k, button, was, letter) { this.cells[k] = { b: button, w: was, t: letter }; this.last[k] = -1; }
  row(i, id, name) { this.rowId[i] = id; this.rowName[i] = name; this.rowDirty[i] = 1; }
  col(j, id, name, index) { this.colId[j] = id; this.colName[j] = name; this.colIndex[j] = index; this.colDirty[j] = 1; }
  paint(codes) {
    const n = this.ncols;
    for (let k = 0; k < codes.length; k++) {
      const i = (k / n) | 0, j = k - i * n;
      const c = codes[k], old = this.last[k];
      const rd = this.rowDirty[i], cd = this.colDirty[j];
      if (c === old && !rd && !cd) continue;
      const cell = this.cells[k];
      if (!cell) continue;
      const b = cell.b;
      if (cd || old < 0) { b.setAttribute('data-user', this.colId[j]); b.setAttribute('aria-colindex', this.colIndex[j]); }
      if (rd || old < 0) b.setAttribute('data-record', this.rowId[i]);
      const level = c & 3, was = (c >> 2) & 7, sel = (c >> 5) & 1;
      if (c !== old) {
        b.className = CLASS[c];
        if (old < 0 || (old & 3) !== level) cell.t.data = LETTER[level];
        if (old < 0 || ((old >> 2) & 7) !== was) cell.w.textContent = was ? LETTER[was - 1] : '';
        if (old < 0 || ((old >> 5) & 1) !== sel) b.setAttribute('aria-selected', sel ? 'true' : 'false');
      }
      b.setAttribute('aria-label', LEVEL[level] + ': ' + this.colName[j] + ' on ' + this.rowName[i] + (was ? ' (was ' + LEVEL[was - 1] + ')' : ''));
      if (b.hasAttribute('title')) b.removeAttribute('title');
      this.last[k] = c;
    }
    this.rowDirty.fill(0);
    this.colDirty.fill(0);
  }
}
"#)]
extern "C" {
    type Painter;
    #[wasm_bindgen::prelude::wasm_bindgen(constructor)]
    fn new() -> Painter;
    #[wasm_bindgen::prelude::wasm_bindgen(method)]
    fn reset(this: &Painter, nrows: usize, ncols: usize);
    #[wasm_bindgen::prelude::wasm_bindgen(method)]
    fn cell(this: &Painter, k: usize, button: &Element, was: &Element, letter: &web_sys::Text);
    #[wasm_bindgen::prelude::wasm_bindgen(method)]
    fn row(this: &Painter, i: usize, id: &str, name: &str);
    #[wasm_bindgen::prelude::wasm_bindgen(method)]
    fn col(this: &Painter, j: usize, id: &str, name: &str, index: &str);
    #[wasm_bindgen::prelude::wasm_bindgen(method)]
    fn paint(this: &Painter, codes: &[u8]);
}

/// A cell's code for the painter.
fn code(level: Access, was: Option<Access>, selected: bool) -> u8 {
    level as u8 | was.map_or(0, |w| w as u8 + 1) << 2 | (selected as u8) << 5
}

/// What decides which rows and columns the matrix has.
#[derive(Clone, PartialEq)]
struct AxesKey {
    session: usize,
    revision: u64,
    object: ObjectKind,
    users: UserFilter,
    record_text: String,
    user_text: String,
    changed_only: bool,
}

impl AxesKey {
    fn of(s: &AppState) -> Self {
        AxesKey {
            session: Rc::as_ptr(&s.session) as usize,
            revision: s.revision,
            object: s.object,
            users: s.users,
            record_text: s.record_text.clone(),
            user_text: s.user_text.clone(),
            changed_only: s.changed_only,
        }
    }
}

/// The rows and columns on screen: filtered, internal users first, and with "Only changed"
/// just those holding a change.
fn axes(s: &AppState) -> (Vec<UserIx>, Vec<RecordIx>) {
    let mut users = s.visible_users();
    let mut records = s.visible_records();
    {
        let ix = s.ix();
        users.sort_by_key(|u| ix.user(*u).kind == UserKind::External);
    }
    if s.changed_only && !s.changes.list.is_empty() {
        users.retain(|u| s.changes.users.contains(u));
        records.retain(|r| s.changes.records.contains(r));
    }
    (users, records)
}

fn el(doc: &Document, tag: &str, class: &str) -> Element {
    let e = doc.create_element(tag).expect("create element");
    if !class.is_empty() {
        e.set_class_name(class);
    }
    e
}

/// A cell button's place in the pool: (pool row, pool column).
fn slot_of(button: &Element) -> Option<(usize, usize)> {
    let pos = button.get_attribute("data-slot")?;
    let (i, j) = pos.split_once(' ')?;
    Some((i.parse().ok()?, j.parse().ok()?))
}

/// A user's column header.
struct Head {
    el: Element,
    button: Element,
    name: Element,
    sub: Element,
    tip: Element,
    tip_name: Element,
    tip_lines: Vec<Element>,
    /// The column it shows, and whether it was drawn as viewed.
    shows: Option<(usize, UserIx, bool)>,
}

/// One cell of a row (its letters, class and labels are written by `Painter`).
struct Slot {
    button: HtmlElement,
}

/// One row: its header and its cells.
struct Row {
    el: Element,
    button: Element,
    cells: Element,
    slots: Vec<Slot>,
    /// (row, record) it shows.
    shows: Option<(usize, RecordIx)>,
    cells_at: Option<usize>,
    titled: bool,
}

/// The recycled matrix: a pool of elements re-pointed at what is in view.
#[derive(Default)]
pub struct Grid {
    root: Option<Element>,
    scroller: Option<Element>,
    pub(super) state: Option<Rc<AppState>>,
    dispatch: Option<Callback<Action>>,
    key: Option<AxesKey>,
    pub(super) users: Rc<Vec<UserIx>>,
    pub(super) records: Rc<Vec<RecordIx>>,
    facts: HashMap<UserIx, Rc<(String, Vec<String>)>>,
    head_row: Option<(Element, Element, Element)>,
    heads: Vec<Head>,
    rows: Vec<Row>,
    head_w: f64,
    size: (f64, f64),
    first: (usize, usize),
    /// The focused cell (row, column) of the roving tab stop.
    pub focus: (usize, usize),
    /// The cell that holds tabindex 0: (pool row, pool column).
    tab: Option<(usize, usize)>,
    selected: Option<(UserIx, RecordIx)>,
    buf: String,
    listeners: Vec<EventListener>,
    painter: Option<Painter>,
    /// The column each pool column shows, and whether the painter has the pool's cells.
    cols_shown: Vec<Option<(usize, UserIx)>>,
    registered: bool,
    codes: Vec<u8>,
}

impl Grid {
    /// Take the rows and columns for `state` unless they are those already taken.
    pub(super) fn set_axes(&mut self, state: &AppState) {
        let key = AxesKey::of(state);
        if self.key.as_ref() == Some(&key) {
            return;
        }
        let (users, records) = axes(state);
        if self.key.as_ref().map(|k| (k.session, k.revision)) != Some((key.session, key.revision)) {
            self.facts.clear();
        }
        self.users = Rc::new(users);
        self.records = Rc::new(records);
        self.key = Some(key);
        // Every slot is rewritten: what it showed may mean something else now.
        for h in &mut self.heads {
            h.shows = None;
        }
        for r in &mut self.rows {
            r.shows = None;
        }
        self.cols_shown.iter_mut().for_each(|c| *c = None);
    }

    fn reset_pool(&mut self) {
        self.listeners.clear();
        self.head_row = None;
        self.heads.clear();
        self.rows.clear();
        self.tab = None;
        self.size = (0.0, 0.0);
        self.head_w = 0.0;
        self.cols_shown.clear();
        self.registered = false;
    }

    fn rows_n(&self) -> usize {
        self.records.len()
    }

    fn cols_n(&self) -> usize {
        self.users.len()
    }

    /// Bring the grid up to date with a rendered state (after every render).
    pub(super) fn sync(
        this: &Rc<RefCell<Grid>>,
        state: Rc<AppState>,
        dispatch: Callback<Action>,
        root: Element,
        scroller: Element,
    ) {
        let mut g = this.borrow_mut();
        if g.root.as_ref() != Some(&root) {
            // A new element: start the pool afresh and listen on it.
            g.reset_pool();
            g.listeners = Grid::listen(this, &root, &scroller);
            g.root = Some(root.clone());
            g.scroller = Some(scroller);
        }
        g.set_axes(&state);
        {
            let ix = state.ix();
            g.selected = state
                .selected
                .as_ref()
                .and_then(|(u, r)| Some((ix.find_user(u)?, ix.find_record(r)?)));
        }
        g.state = Some(state);
        g.dispatch = Some(dispatch);
        let (rows, cols) = (g.rows_n(), g.cols_n());
        g.focus = (
            g.focus.0.min(rows.saturating_sub(1)),
            g.focus.1.min(cols.saturating_sub(1)),
        );
        g.paint();
    }

    fn facts(&mut self, ix: &Index, u: UserIx) -> Rc<(String, Vec<String>)> {
        self.facts
            .entry(u)
            .or_insert_with(|| Rc::new(user_facts(ix, u)))
            .clone()
    }

    /// Resize the pool to (rows, columns) of elements.
    fn ensure_pool(&mut self, doc: &Document, root: &Element, nrows: usize, ncols: usize) {
        if self.rows.len() != nrows || self.heads.len() != ncols {
            // The tab stop is placed again on the resized pool, the painter told its cells.
            self.tab = None;
            self.registered = false;
        }
        if self.head_row.is_none() {
            let head = el(doc, "div", "head-row");
            head.set_attribute("role", "row").ok();
            head.set_attribute("aria-rowindex", "1").ok();
            let corner = el(doc, "div", "corner");
            corner.set_attribute("role", "columnheader").ok();
            corner.set_attribute("aria-colindex", "1").ok();
            let title = el(doc, "span", "");
            let small = el(doc, "small", "");
            corner.append_child(&title).ok();
            corner.append_child(&small).ok();
            head.append_child(&corner).ok();
            root.append_child(&head).ok();
            self.head_row = Some((head, title, small));
        }
        let head = self
            .head_row
            .as_ref()
            .map(|h| h.0.clone())
            .expect("head row");
        while self.heads.len() > ncols {
            if let Some(h) = self.heads.pop() {
                h.el.remove();
            }
        }
        while self.heads.len() < ncols {
            let j = self.heads.len();
            let th = el(doc, "div", "user");
            th.set_attribute("role", "columnheader").ok();
            let button = el(doc, "button", "user-head");
            let tip_id = format!("user-tip-{j}");
            button.set_attribute("aria-describedby", &tip_id).ok();
            let name = el(doc, "span", "user-name");
            let sub = el(doc, "span", "user-sub");
            sub.set_attribute("aria-hidden", "true").ok();
            button.append_child(&name).ok();
            button.append_child(&sub).ok();
            let tip = el(doc, "span", "user-tip");
            tip.set_attribute("role", "tooltip").ok();
            tip.set_id(&tip_id);
            let tip_name = el(doc, "strong", "");
            tip.append_child(&tip_name).ok();
            let tip_lines: Vec<Element> = (0..TIP_LINES)
                .map(|_| {
                    let l = el(doc, "span", "");
                    tip.append_child(&l).ok();
                    l
                })
                .collect();
            let em = el(doc, "em", "");
            em.set_text_content(Some("Click: view the app as this user"));
            tip.append_child(&em).ok();
            th.append_child(&button).ok();
            th.append_child(&tip).ok();
            head.append_child(&th).ok();
            self.heads.push(Head {
                el: th,
                button,
                name,
                sub,
                tip,
                tip_name,
                tip_lines,
                shows: None,
            });
        }
        while self.rows.len() > nrows {
            if let Some(r) = self.rows.pop() {
                r.el.remove();
            }
        }
        for (i, row) in self.rows.iter_mut().enumerate() {
            Grid::ensure_slots(doc, row, i, ncols);
        }
        while self.rows.len() < nrows {
            let i = self.rows.len();
            let tr = el(doc, "div", "mrow");
            tr.set_attribute("role", "row").ok();
            let th = el(doc, "div", "rowhead");
            th.set_attribute("role", "rowheader").ok();
            th.set_attribute("aria-colindex", "1").ok();
            let button = el(doc, "button", "record-head");
            th.append_child(&button).ok();
            tr.append_child(&th).ok();
            let cells = el(doc, "div", "mcells");
            tr.append_child(&cells).ok();
            root.append_child(&tr).ok();
            let mut row = Row {
                el: tr,
                button,
                cells,
                slots: Vec::new(),
                shows: None,
                cells_at: None,
                titled: false,
            };
            Grid::ensure_slots(doc, &mut row, i, ncols);
            self.rows.push(row);
        }
    }

    fn ensure_slots(doc: &Document, row: &mut Row, i: usize, ncols: usize) {
        while row.slots.len() > ncols {
            if let Some(s) = row.slots.pop() {
                s.button.remove();
            }
        }
        while row.slots.len() < ncols {
            let j = row.slots.len();
            let button: HtmlElement = el(doc, "button", "cell none").unchecked_into();
            button.set_attribute("role", "gridcell").ok();
            button
                .set_attribute("style", &format!("left:{}px", j as f64 * COL_W + 4.0))
                .ok();
            button.set_attribute("data-slot", &format!("{i} {j}")).ok();
            button.set_attribute("tabindex", "-1").ok();
            let was = el(doc, "span", "was");
            was.set_attribute("aria-hidden", "true").ok();
            button.append_child(&was).ok();
            button.append_child(&doc.create_text_node("")).ok();
            row.cells.append_child(&button).ok();
            row.slots.push(Slot { button });
        }
    }

    /// Tell the painter the pool's cells (after the pool changed shape).
    fn register(&mut self, nrows: usize, ncols: usize) {
        let painter = self.painter.get_or_insert_with(Painter::new);
        painter.reset(nrows, ncols);
        for (i, row) in self.rows.iter_mut().enumerate() {
            row.shows = None;
            for (j, s) in row.slots.iter().enumerate() {
                let b: &Element = s.button.as_ref();
                let (Some(was), Some(letter)) = (
                    b.first_element_child(),
                    b.last_child()
                        .and_then(|n| n.dyn_into::<web_sys::Text>().ok()),
                ) else {
                    continue;
                };
                painter.cell(i * ncols + j, b, &was, &letter);
            }
        }
        self.cols_shown = vec![None; ncols];
        self.registered = true;
    }

    /// Draw what is in view: size the pool to the viewport and re-point it at the rows and
    /// columns under it, writing only what differs from what each element shows.
    pub fn paint(&mut self) {
        let (Some(root), Some(scroller), Some(state)) =
            (self.root.clone(), self.scroller.clone(), self.state.clone())
        else {
            return;
        };
        let (rows, cols) = (self.rows_n(), self.cols_n());
        let doc = gloo::utils::document();
        if rows == 0 || cols == 0 {
            self.ensure_pool(&doc, &root, 0, 0);
            return;
        }
        let (top, left) = (scroller.scroll_top() as f64, scroller.scroll_left() as f64);
        let (height, width) = (
            scroller.client_height() as f64,
            scroller.client_width() as f64,
        );
        // A narrow view (a phone, or beside the drawer) that cannot hold every column keeps
        // more of them in view with a narrower record-name column.
        let head_w = if width < 520.0 && width < HEAD_W + cols as f64 * COL_W {
            HEAD_W_NARROW
        } else {
            HEAD_W
        };
        let nrows = rows.min((height / ROW_H).ceil() as usize + 1 + 2 * OVERSCAN);
        let ncols =
            cols.min(((width - head_w).max(0.0) / COL_W).ceil() as usize + 1 + 2 * OVERSCAN);
        let first_row = ((top / ROW_H).floor() as usize)
            .saturating_sub(OVERSCAN)
            .min(rows - nrows);
        let first_col = ((left / COL_W).floor() as usize)
            .saturating_sub(OVERSCAN)
            .min(cols - ncols);
        if head_w != self.head_w {
            // Every position depends on it.
            for h in &mut self.heads {
                h.shows = None;
            }
            for r in &mut self.rows {
                r.shows = None;
                r.cells_at = None;
            }
        }
        self.head_w = head_w;
        self.ensure_pool(&doc, &root, nrows, ncols);
        if !self.registered {
            self.register(nrows, ncols);
        }
        self.first = (first_row, first_col);
        let total_w = head_w + cols as f64 * COL_W;
        let total_h = HEAD_H + rows as f64 * ROW_H;
        let buf = &mut self.buf;
        if self.size != (total_w, total_h) {
            self.size = (total_w, total_h);
            buf.clear();
            let _ = write!(buf, "width:{total_w}px;height:{total_h}px");
            root.set_attribute("style", buf).ok();
            if let Some((head, _, _)) = &self.head_row {
                buf.clear();
                let _ = write!(buf, "width:{total_w}px");
                head.set_attribute("style", buf).ok();
            }
        }
        let ix = state.ix();
        let engine = state.engine();
        // The corner.
        if let Some((_, title, small)) = &self.head_row {
            let label = state.object.label();
            if title.text_content().as_deref() != Some(label) {
                title.set_text_content(Some(label));
            }
            buf.clear();
            let _ = write!(buf, "{rows} records x {cols} users");
            if small.text_content().as_deref() != Some(buf.as_str()) {
                small.set_text_content(Some(buf));
            }
            if let Some(corner) = title.parent_element() {
                buf.clear();
                let _ = write!(buf, "width:{head_w}px");
                if corner.get_attribute("style").as_deref() != Some(buf.as_str()) {
                    corner.set_attribute("style", buf).ok();
                }
            }
        }
        // User headers.
        let users = self.users.clone();
        let records = self.records.clone();
        let viewing = state.view_as.as_deref().and_then(|id| ix.find_user(id));
        for j in 0..ncols {
            let col = first_col + j;
            let u = users[col];
            let view = viewing == Some(u);
            if self.heads[j].shows == Some((col, u, view)) {
                continue;
            }
            let facts = self.facts(&ix, u);
            let buf = &mut self.buf;
            let h = &mut self.heads[j];
            let user = ix.user(u);
            buf.clear();
            buf.push_str("user");
            if user.kind == UserKind::External {
                buf.push_str(" ext");
            }
            if !user.active {
                buf.push_str(" inactive");
            }
            if view {
                buf.push_str(" viewing");
            }
            h.el.set_class_name(buf);
            buf.clear();
            let _ = write!(buf, "left:{}px", head_w + col as f64 * COL_W);
            h.el.set_attribute("style", buf).ok();
            buf.clear();
            let _ = write!(buf, "{}", col + 2);
            h.el.set_attribute("aria-colindex", buf).ok();
            h.button.set_attribute("data-user", &user.id).ok();
            h.name.set_text_content(Some(&user.name));
            h.sub.set_text_content(Some(&facts.0));
            h.tip_name.set_text_content(Some(&user.name));
            for (k, line) in h.tip_lines.iter().enumerate() {
                line.set_text_content(Some(facts.1.get(k).map(String::as_str).unwrap_or("")));
            }
            // Tips of the right half open leftwards so they stay inside the grid.
            let flip = col * 2 >= cols && cols > 1;
            h.tip
                .set_class_name(if flip { "user-tip flip" } else { "user-tip" });
            h.shows = Some((col, u, view));
        }
        // The tab stop: the focused cell, or the nearest one drawn.
        let tab_at = (
            self.focus.0.clamp(first_row, first_row + nrows - 1) - first_row,
            self.focus.1.clamp(first_col, first_col + ncols - 1) - first_col,
        );
        if self.tab != Some(tab_at) {
            if let Some((i, j)) = self.tab {
                if let Some(s) = self.rows.get(i).and_then(|r| r.slots.get(j)) {
                    s.button.set_attribute("tabindex", "-1").ok();
                }
            }
            if let Some(s) = self.rows.get(tab_at.0).and_then(|r| r.slots.get(tab_at.1)) {
                s.button.set_attribute("tabindex", "0").ok();
            }
            self.tab = Some(tab_at);
        }
        let changes = state.changes.clone();
        let selected = self.selected;
        let Some(painter) = self.painter.as_ref() else {
            return;
        };
        let buf = &mut self.buf;
        for (j, shown) in self.cols_shown.iter_mut().enumerate() {
            let col = first_col + j;
            let u = users[col];
            if *shown != Some((col, u)) {
                let user = ix.user(u);
                buf.clear();
                let _ = write!(buf, "{}", col + 2);
                painter.col(j, &user.id, &user.name, buf);
                *shown = Some((col, u));
            }
        }
        self.codes.clear();
        for (i, row) in self.rows.iter_mut().enumerate() {
            let r = first_row + i;
            let rec_ix = records[r];
            if row.shows != Some((r, rec_ix)) {
                let rec = ix.record(rec_ix);
                buf.clear();
                let _ = write!(
                    buf,
                    "top:{}px;width:{}px",
                    HEAD_H + r as f64 * ROW_H,
                    total_w
                );
                row.el.set_attribute("style", buf).ok();
                buf.clear();
                let _ = write!(buf, "{}", r + 2);
                row.el.set_attribute("aria-rowindex", buf).ok();
                if let Some(head) = row.button.parent_element() {
                    buf.clear();
                    let _ = write!(buf, "width:{head_w}px");
                    head.set_attribute("style", buf).ok();
                }
                row.button.set_attribute("data-record", &rec.id).ok();
                row.button.set_text_content(Some(&rec.name));
                if row.titled {
                    row.button.remove_attribute("title").ok();
                    row.titled = false;
                }
                painter.row(i, &rec.id, &rec.name);
                row.shows = Some((r, rec_ix));
            }
            if row.cells_at != Some(first_col) {
                buf.clear();
                let _ = write!(buf, "left:{}px", head_w + first_col as f64 * COL_W);
                row.cells.set_attribute("style", buf).ok();
                row.cells_at = Some(first_col);
            }
            for j in 0..row.slots.len() {
                let u = users[first_col + j];
                let level = engine.matrix.get(u, rec_ix);
                let was = changes.before(u, rec_ix);
                self.codes
                    .push(code(level, was, selected == Some((u, rec_ix))));
            }
        }
        painter.paint(&self.codes);
    }

    pub(super) fn clear(&mut self) {
        self.listeners.clear();
        self.state = None;
        self.dispatch = None;
    }
}
