//! The access matrix: records of one object in rows, users in columns (internal first), one
//! cell per pair with a colour and a letter (never colour alone). Only the rows and columns in
//! view are rendered and evaluated, so thousands of records scroll smoothly. Arrow keys move
//! between cells, Enter explains; cells an edit changed show the old level beside the new.
//! Headers stay in place while scrolling; each user's header carries their role, profile and
//! license (abbreviated, in full on hover or focus). The changed badge's jumps land here.

use std::collections::HashSet;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::state::{Action, AppState};
use crate::engine::explain;
use crate::engine::index::{Index, UserIx};
use crate::engine::scenario::UserKind;

const ROW_H: f64 = 36.0;
const COL_W: f64 = 40.0;
const HEAD_W: f64 = 220.0;
const HEAD_W_NARROW: f64 = 120.0;
const HEAD_H: f64 = 132.0;
const OVERSCAN: usize = 4;

#[derive(Properties, Clone, PartialEq)]
pub struct Props {
    pub state: Rc<AppState>,
    pub dispatch: Callback<Action>,
    #[prop_or(false)]
    pub compact: bool,
}

/// The slice of rows or columns in view.
fn window(offset: f64, extent: f64, size: f64, total: usize) -> (usize, usize) {
    let first = ((offset / size).floor() as usize).saturating_sub(OVERSCAN);
    let count = (extent / size).ceil() as usize + 2 * OVERSCAN;
    let first = first.min(total);
    (first, (first + count).min(total))
}

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
fn lift_above_sheet(cell: &web_sys::Element) {
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

#[function_component(AccessMatrix)]
pub fn access_matrix(props: &Props) -> Html {
    let s = &props.state;
    let ix = s.ix();
    let scroller = use_node_ref();
    // (scroll top, scroll left, viewport height, viewport width)
    let view = use_state(|| (0.0f64, 0.0f64, 640.0f64, 900.0f64));
    let focus = use_state(|| (0usize, 0usize));
    let focus_dom = use_state(|| false);
    // A cell to focus once it is rendered (a jump scrolls first, then the window follows).
    let pending = use_mut_ref(|| None::<(usize, usize)>);

    let mut users = s.visible_users();
    users.sort_by_key(|u| ix.user(*u).kind == UserKind::External);
    let mut records = s.visible_records();
    if s.changed_only && !s.changes.list.is_empty() {
        let cu: HashSet<&str> = s.changes.list.iter().map(|c| c.user.as_str()).collect();
        let cr: HashSet<&str> = s.changes.list.iter().map(|c| c.record.as_str()).collect();
        users.retain(|u| cu.contains(ix.user(*u).id.as_str()));
        records.retain(|r| cr.contains(ix.record(*r).id.as_str()));
    }
    let (rows, cols) = (records.len(), users.len());

    let on_scroll = {
        let (scroller, view) = (scroller.clone(), view.clone());
        Callback::from(move |_: Event| {
            if let Some(el) = scroller.cast::<web_sys::Element>() {
                view.set((
                    el.scroll_top() as f64,
                    el.scroll_left() as f64,
                    el.client_height() as f64,
                    el.client_width() as f64,
                ));
            }
        })
    };
    // Measure the viewport once mounted.
    {
        let (scroller, view) = (scroller.clone(), view.clone());
        use_effect_with((), move |_| {
            if let Some(el) = scroller.cast::<web_sys::Element>() {
                view.set((
                    0.0,
                    0.0,
                    el.client_height() as f64,
                    el.client_width() as f64,
                ));
            }
        });
    }
    // The layout around the matrix changes (the drawer opens, the window resizes) without a
    // scroll event: measure after every render so the rendered window always covers the view.
    {
        let (scroller, view, pending) = (scroller.clone(), view.clone(), pending.clone());
        use_effect(move || {
            if let Some(el) = scroller.cast::<web_sys::Element>() {
                let (h, w) = (el.client_height() as f64, el.client_width() as f64);
                if (h, w) != (view.2, view.3) {
                    view.set((el.scroll_top() as f64, el.scroll_left() as f64, h, w));
                }
                let want = *pending.borrow();
                if let Some((r, c)) = want {
                    let sel = format!("[data-r='{r}'][data-c='{c}']");
                    if let Ok(Some(cell)) = el.query_selector(&sel) {
                        pending.borrow_mut().take();
                        scroll_nearest(&cell);
                        if let Ok(cell) = cell.dyn_into::<web_sys::HtmlElement>() {
                            let _ = cell.focus();
                        }
                    }
                }
            }
        });
    }
    // The badge jumped to a changed cell: scroll its row and column into the middle of the
    // view (so the window renders it), then focus it.
    {
        let (scroller, view, focus, pending) = (
            scroller.clone(),
            view.clone(),
            focus.clone(),
            pending.clone(),
        );
        let target = s.jump.as_ref().and_then(|(u, r)| {
            let r = records.iter().position(|x| &ix.record(*x).id == r)?;
            let c = users.iter().position(|x| &ix.user(*x).id == u)?;
            Some((r, c))
        });
        use_effect_with(s.jump_seq, move |seq| {
            if let (true, Some((r, c))) = (*seq > 0, target) {
                if let Some(el) = scroller.cast::<web_sys::Element>() {
                    let (h, w) = (el.client_height() as f64, el.client_width() as f64);
                    let y = (r as f64 * ROW_H - (h - HEAD_H) / 2.0).max(0.0);
                    let x = (c as f64 * COL_W - (w - HEAD_W) / 2.0).max(0.0);
                    el.set_scroll_top(y as i32);
                    el.set_scroll_left(x as i32);
                    view.set((el.scroll_top() as f64, el.scroll_left() as f64, h, w));
                }
                *pending.borrow_mut() = Some((r, c));
                focus.set((r, c));
            }
        });
    }
    // A picked cell stays in view when the drawer opens beside the matrix and narrows it.
    {
        let scroller = scroller.clone();
        use_effect_with(s.selected.clone(), move |sel| {
            let mut timer = None;
            if let Some((u, r)) = sel.clone() {
                timer = Some(gloo::timers::callback::Timeout::new(0, move || {
                    if let Some(el) = scroller.cast::<web_sys::Element>() {
                        let q = format!("button.cell[data-user='{u}'][data-record='{r}']");
                        if let Ok(Some(cell)) = el.query_selector(&q) {
                            scroll_nearest(&cell);
                            lift_above_sheet(&cell);
                        }
                    }
                }));
            }
            move || drop(timer)
        });
    }
    // Move DOM focus to the focused cell after keyboard navigation.
    {
        let (scroller, focus, focus_dom) = (scroller.clone(), *focus, focus_dom.clone());
        use_effect_with((focus, *focus_dom), move |_| {
            if *focus_dom {
                if let Some(el) = scroller.cast::<web_sys::Element>() {
                    let sel = format!("[data-r='{}'][data-c='{}']", focus.0, focus.1);
                    if let Ok(Some(cell)) = el.query_selector(&sel) {
                        if let Ok(cell) = cell.dyn_into::<web_sys::HtmlElement>() {
                            let _ = cell.focus();
                        }
                    }
                }
            }
        });
    }

    if rows == 0 || cols == 0 {
        let what = if rows == 0 {
            format!("No {} records match.", s.object.key().replace('_', " "))
        } else {
            "No users match the filters.".to_string()
        };
        return html! { <p class="empty">{ what }</p> };
    }

    let (top, left, height, width) = *view;
    // A narrow view (a phone, or beside the drawer) that cannot hold every column keeps more
    // of them in view with a narrower record-name column.
    let head_w = if width < 520.0 && width < HEAD_W + cols as f64 * COL_W {
        HEAD_W_NARROW
    } else {
        HEAD_W
    };
    let (r0, r1) = window(top - HEAD_H, height, ROW_H, rows);
    let (c0, c1) = window(left, width - head_w, COL_W, cols);
    let (fr, fc) = (focus.0.min(rows - 1), focus.1.min(cols - 1));

    let on_key = {
        let (focus, focus_dom, scroller, dispatch) = (
            focus.clone(),
            focus_dom.clone(),
            scroller.clone(),
            props.dispatch.clone(),
        );
        // Ids are looked up on Enter only: copying every id on each render (each scroll step)
        // would cost more than drawing the window.
        let axes: Rc<(Vec<_>, Vec<_>)> = Rc::new((users.clone(), records.clone()));
        let state = props.state.clone();
        Callback::from(move |e: KeyboardEvent| {
            let (mut r, mut c) = (fr, fc);
            match e.key().as_str() {
                "ArrowUp" => r = r.saturating_sub(1),
                "ArrowDown" => r = (r + 1).min(rows - 1),
                "ArrowLeft" => c = c.saturating_sub(1),
                "ArrowRight" => c = (c + 1).min(cols - 1),
                "Home" => c = 0,
                "End" => c = cols - 1,
                "PageUp" => r = r.saturating_sub(10),
                "PageDown" => r = (r + 10).min(rows - 1),
                "Enter" | " " => {
                    e.prevent_default();
                    let ix = state.ix();
                    dispatch.emit(Action::Select(
                        ix.user(axes.0[c]).id.clone(),
                        ix.record(axes.1[r]).id.clone(),
                    ));
                    return;
                }
                _ => return,
            }
            e.prevent_default();
            // Keep the target cell in view.
            if let Some(el) = scroller.cast::<web_sys::Element>() {
                let (y, x) = (r as f64 * ROW_H, c as f64 * COL_W);
                let (h, w) = (
                    el.client_height() as f64 - HEAD_H,
                    el.client_width() as f64 - head_w,
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
            focus.set((r, c));
            focus_dom.set(true);
        })
    };

    let pad = |px: f64| format!("width:{px}px;min-width:{px}px;max-width:{px}px");
    let left_pad = c0 as f64 * COL_W;
    let right_pad = (cols - c1) as f64 * COL_W;
    let total_w = head_w + cols as f64 * COL_W;

    let header = html! {
        <tr role="row" aria-rowindex="1" class="head-row">
            <th class="corner" role="columnheader" aria-colindex="1" style={pad(head_w)}>
                <span>{ s.object.label() }</span>
                <small>{ format!("{rows} records x {cols} users") }</small>
            </th>
            if c0 > 0 { <th class="spacer" aria-hidden="true" style={pad(left_pad)}></th> }
            { for users[c0..c1].iter().enumerate().map(|(i, u)| {
                let user = ix.user(*u);
                let ext = user.kind == UserKind::External;
                let viewing = s.view_as.as_deref() == Some(user.id.as_str());
                let onclick = {
                    let (d, id) = (props.dispatch.clone(), user.id.clone());
                    Callback::from(move |_| d.emit(Action::ViewAs(Some(id.clone()))))
                };
                let (short, full) = user_facts(ix, *u);
                let col = c0 + i;
                let tip = format!("user-tip-{col}");
                // Tips of the right half open leftwards so they stay inside the grid.
                let flip = col * 2 >= cols && cols > 1;
                html! {
                    <th role="columnheader" aria-colindex={(col + 2).to_string()} scope="col"
                        class={classes!("user", ext.then_some("ext"), (!user.active).then_some("inactive"), viewing.then_some("viewing"))}
                        style={pad(COL_W)}>
                        <button class="user-head" data-user={user.id.clone()} onclick={onclick}
                            aria-describedby={tip.clone()}>
                            <span class="user-name">{ user.name.clone() }</span>
                            <span class="user-sub" aria-hidden="true">{ short }</span>
                        </button>
                        <span class={classes!("user-tip", flip.then_some("flip"))} role="tooltip" id={tip}>
                            <strong>{ user.name.clone() }</strong>
                            { for full.into_iter().map(|l| html! { <span>{ l }</span> }) }
                            <em>{ "Click: view the app as this user" }</em>
                        </span>
                    </th>
                }
            }) }
            if c1 < cols { <th class="spacer" aria-hidden="true" style={pad(right_pad)}></th> }
        </tr>
    };

    let body_rows = records[r0..r1].iter().enumerate().map(|(i, r)| {
        let row = r0 + i;
        let rec = ix.record(*r);
        let kind = rec.child_kind.as_deref().map(|k| format!(" ({k})")).unwrap_or_default();
        html! {
            <tr role="row" aria-rowindex={(row + 2).to_string()} style={format!("height:{ROW_H}px")}>
                <th role="rowheader" scope="row" aria-colindex="1">
                    <button class="record-head" data-record={rec.id.clone()}
                        title={format!("{}{kind} ({}): click to see who can access it", rec.name, rec.id)}
                        onclick={{
                            let (d, id) = (props.dispatch.clone(), rec.id.clone());
                            Callback::from(move |_| d.emit(Action::Inspect(Some(id.clone()))))
                        }}>
                        { rec.name.clone() }
                    </button>
                </th>
                if c0 > 0 { <td class="spacer" aria-hidden="true"></td> }
                { for users[c0..c1].iter().enumerate().map(|(j, u)| {
                    let col = c0 + j;
                    let user = ix.user(*u);
                    let level = s.loaded.level(*u, *r);
                    let change = s.change_for(&user.id, &rec.id);
                    let selected = s.selected.as_ref().is_some_and(|(su, sr)| su == &user.id && sr == &rec.id);
                    let focused = row == fr && col == fc;
                    let mut label = format!("{}: {} on {}", level.label(), user.name, rec.name);
                    if let Some(c) = change {
                        label.push_str(&format!(" (was {})", c.before.label()));
                    }
                    html! {
                        <td role="gridcell" aria-colindex={(col + 2).to_string()} aria-selected={selected.to_string()}>
                            <button class={classes!("cell", level.key(), selected.then_some("selected"), change.is_some().then_some("changed"))}
                                data-user={user.id.clone()} data-record={rec.id.clone()}
                                data-r={row.to_string()} data-c={col.to_string()}
                                tabindex={if focused { "0" } else { "-1" }}
                                aria-label={label.clone()} title={label}>
                                if let Some(c) = change {
                                    <span class="was" aria-hidden="true">{ c.before.letter() }</span>
                                }
                                { level.letter() }
                            </button>
                        </td>
                    }
                }) }
                if c1 < cols { <td class="spacer" aria-hidden="true"></td> }
            </tr>
        }
    });

    // One click handler for every cell (read from the cell's data attributes), rather than a
    // closure per cell rebuilt on every scroll step.
    let on_click = {
        let (d, focus) = (props.dispatch.clone(), focus.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(target) = e.target_dyn_into::<web_sys::Element>() else {
                return;
            };
            let Ok(Some(cell)) = target.closest("button.cell") else {
                return;
            };
            let get = |k: &str| cell.get_attribute(k);
            if let (Some(u), Some(r)) = (get("data-user"), get("data-record")) {
                let at = |k: &str| get(k).and_then(|v| v.parse::<usize>().ok());
                if let (Some(row), Some(col)) = (at("data-r"), at("data-c")) {
                    focus.set((row, col));
                }
                d.emit(Action::Select(u, r));
            }
        })
    };

    let height_style = if props.compact {
        "max-height: 60vh"
    } else {
        "max-height: 70vh"
    };
    html! {
        <div class="grid-scroll" ref={scroller} onscroll={on_scroll} style={height_style}>
            <table class="matrix" role="grid" aria-label={format!("Who can access each {}", s.object.key().replace('_', " "))}
                aria-rowcount={(rows + 1).to_string()} aria-colcount={(cols + 1).to_string()}
                onkeydown={on_key} onclick={on_click} style={format!("width:{total_w}px")}>
                <thead>{ header }</thead>
                <tbody>
                    if r0 > 0 { <tr class="spacer" aria-hidden="true" style={format!("height:{}px", r0 as f64 * ROW_H)}></tr> }
                    { for body_rows }
                    if r1 < rows { <tr class="spacer" aria-hidden="true" style={format!("height:{}px", (rows - r1) as f64 * ROW_H)}></tr> }
                </tbody>
            </table>
        </div>
    }
}

/// The legend under the matrix; what each level allows comes from the engine's legend.
#[function_component(Legend)]
pub fn legend() -> Html {
    html! {
        <p class="legend">
            { for explain::legend().into_iter().rev().map(|(a, meaning)| html! {
                <span class="legend-item" title={format!("{}: {meaning}", a.label())}>
                    <span class={classes!("cell", a.key())}>{ a.letter() }</span>{ format!(" {} ", a.label()) }
                </span>
            }) }
            <span class="cell read changed"><span class="was">{"-"}</span>{"R"}</span>{ " changed by the last edit " }
            <span class="ext-key"></span>{ " external user" }
        </p>
    }
}
