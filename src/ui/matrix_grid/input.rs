//! The matrix's input: delegated listeners on the pool (click, focus, pointer, keys) and the
//! scroller, the roving tab stop, and moving or centring the focused cell in view.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use super::*;

impl Grid {
    /// Listeners on the grid element (delegated: one each for every cell) and the scroller.
    pub(super) fn listen(
        this: &Rc<RefCell<Grid>>,
        root: &Element,
        scroller: &Element,
    ) -> Vec<EventListener> {
        let on = |target: &Element, name: &'static str, f: fn(&Rc<RefCell<Grid>>, &Event)| {
            let g = this.clone();
            let opts = if name == "keydown" {
                gloo::events::EventListenerOptions::enable_prevent_default()
            } else {
                gloo::events::EventListenerOptions::default()
            };
            EventListener::new_with_options(target, name, opts, move |e| f(&g, e))
        };
        let window = gloo::utils::window();
        let g = this.clone();
        vec![
            on(scroller, "scroll", |g, _| {
                if let Ok(mut g) = g.try_borrow_mut() {
                    g.paint();
                }
            }),
            on(root, "click", Grid::on_click),
            on(root, "keydown", Grid::on_key),
            on(root, "focusin", Grid::on_focus),
            on(root, "pointerover", Grid::on_pointer),
            EventListener::new(&window, "resize", move |_| {
                if let Ok(mut g) = g.try_borrow_mut() {
                    g.paint();
                }
            }),
        ]
    }

    /// The (row, column) a cell button shows, from its pool position.
    fn cell_at(&self, button: &Element) -> Option<(usize, usize)> {
        let (i, j) = slot_of(button)?;
        let (r, _) = self.rows.get(i)?.shows?;
        let (c, _) = (*self.cols_shown.get(j)?)?;
        Some((r, c))
    }

    fn on_click(this: &Rc<RefCell<Grid>>, e: &Event) {
        let Some(target) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let action = {
            let mut g = this.borrow_mut();
            if let Ok(Some(cell)) = target.closest("button.cell") {
                if let Some(at) = g.cell_at(&cell) {
                    g.focus = at;
                }
                match (
                    cell.get_attribute("data-user"),
                    cell.get_attribute("data-record"),
                ) {
                    (Some(u), Some(r)) => Some(Action::Select(u, r)),
                    _ => None,
                }
            } else if let Ok(Some(b)) = target.closest("button.user-head") {
                b.get_attribute("data-user")
                    .map(|u| Action::ViewAs(Some(u)))
            } else if let Ok(Some(b)) = target.closest("button.record-head") {
                b.get_attribute("data-record")
                    .map(|r| Action::Inspect(Some(r)))
            } else {
                None
            }
        };
        let dispatch = this.borrow().dispatch.clone();
        if let (Some(a), Some(d)) = (action, dispatch) {
            d.emit(a);
        }
    }

    fn on_focus(this: &Rc<RefCell<Grid>>, e: &Event) {
        let Some(target) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        if target.matches(".cell").unwrap_or(false) {
            // Focus moved by the grid itself (arrow keys, jumps) arrives while it draws.
            let Ok(mut g) = this.try_borrow_mut() else {
                return;
            };
            if let Some(at) = g.cell_at(&target) {
                if g.focus != at {
                    g.focus = at;
                    g.paint();
                }
            }
        }
    }

    /// Tooltips are written when the pointer reaches an element, not for every cell drawn.
    fn on_pointer(this: &Rc<RefCell<Grid>>, e: &Event) {
        let Some(target) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let Ok(mut g) = this.try_borrow_mut() else {
            return;
        };
        let g = &mut *g;
        if let Ok(Some(cell)) = target.closest("button.cell") {
            if let Some(label) = cell.get_attribute("aria-label") {
                // The painter drops it when the cell shows another.
                cell.set_attribute("title", &label).ok();
            }
        } else if let Ok(Some(b)) = target.closest("button.record-head") {
            let (Some(state), Some(id)) = (g.state.clone(), b.get_attribute("data-record")) else {
                return;
            };
            let ix = state.ix();
            if let Some(r) = ix.find_record(&id) {
                let rec = ix.record(r);
                let kind = rec
                    .child_kind
                    .as_deref()
                    .map(|k| format!(" ({k})"))
                    .unwrap_or_default();
                let title = format!(
                    "{}{kind} ({}): click to see who can access it",
                    rec.name, rec.id
                );
                b.set_attribute("title", &title).ok();
                if let Some(row) = g.rows.iter_mut().find(|row| row.button == b) {
                    row.titled = true;
                }
            }
        }
    }

    fn on_key(this: &Rc<RefCell<Grid>>, e: &Event) {
        let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
            return;
        };
        let on_cell = e
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .is_some_and(|t| t.matches(".cell").unwrap_or(false));
        if !on_cell {
            return;
        }
        let action = {
            let mut g = this.borrow_mut();
            let (rows, cols) = (g.rows_n(), g.cols_n());
            if rows == 0 || cols == 0 {
                return;
            }
            let (mut r, mut c) = g.focus;
            match e.key().as_str() {
                "ArrowUp" => r = r.saturating_sub(1),
                "ArrowDown" => r = (r + 1).min(rows - 1),
                "ArrowLeft" => c = c.saturating_sub(1),
                "ArrowRight" => c = (c + 1).min(cols - 1),
                "Home" => c = 0,
                "End" => c = cols - 1,
                "PageUp" => r = r.saturating_sub(10),
                "PageDown" => r = (r + 10).min(rows - 1),
                "Enter" | " " => {}
                _ => return,
            }
            e.prevent_default();
            if matches!(e.key().as_str(), "Enter" | " ") {
                g.state.clone().and_then(|s| {
                    let ix = s.ix();
                    let u = *g.users.get(c)?;
                    let rec = *g.records.get(r)?;
                    Some(Action::Select(
                        ix.user(u).id.clone(),
                        ix.record(rec).id.clone(),
                    ))
                })
            } else {
                g.move_focus(r, c);
                None
            }
        };
        let dispatch = this.borrow().dispatch.clone();
        if let (Some(a), Some(d)) = (action, dispatch) {
            d.emit(a);
        }
    }

    /// Move the focus to (r, c): scroll it into view, draw, and focus its button.
    fn move_focus(&mut self, r: usize, c: usize) {
        self.focus = (r, c);
        if let Some(el) = self.scroller.clone() {
            let (y, x) = (r as f64 * ROW_H, c as f64 * COL_W);
            let (h, w) = (
                el.client_height() as f64 - HEAD_H,
                el.client_width() as f64 - self.head_w,
            );
            let (st, sl) = (el.scroll_top() as f64, el.scroll_left() as f64);
            if y < st {
                el.set_scroll_top(y as i32);
            } else if y + ROW_H > st + h {
                el.set_scroll_top((y + ROW_H - h) as i32);
            }
            if x < sl {
                el.set_scroll_left(x as i32);
            } else if x + COL_W > sl + w {
                el.set_scroll_left((x + COL_W - w) as i32);
            }
        }
        self.paint();
        if let Some(b) = self.button_of(r, c) {
            let _ = b.focus();
        }
    }

    /// The button drawn for (row, column), if it is in the pool's window.
    pub fn button_of(&self, r: usize, c: usize) -> Option<HtmlElement> {
        let i = r.checked_sub(self.first.0)?;
        let j = c.checked_sub(self.first.1)?;
        let row = self.rows.get(i)?;
        let slot = row.slots.get(j)?;
        (row.shows?.0 == r && (*self.cols_shown.get(j)?)?.0 == c).then(|| slot.button.clone())
    }

    /// Scroll so that (r, c) is in the middle of the view, draw, and focus it.
    pub(in crate::ui) fn center_on(&mut self, r: usize, c: usize) {
        if let Some(el) = self.scroller.clone() {
            let (h, w) = (el.client_height() as f64, el.client_width() as f64);
            let y = (r as f64 * ROW_H - (h - HEAD_H) / 2.0).max(0.0);
            let x = (c as f64 * COL_W - (w - self.head_w) / 2.0).max(0.0);
            el.set_scroll_top(y as i32);
            el.set_scroll_left(x as i32);
        }
        self.focus = (r, c);
        self.paint();
        if let Some(b) = self.button_of(r, c) {
            scroll_nearest(&b);
            let _ = b.focus();
        }
    }
}
