//! The explanation panel: for the picked cell, the engine's reasons strongest first, the
//! limits that lowered or blocked access and the engine's "why not" (blockers, what else was
//! considered, a checked suggestion to apply); for a picked user ("view as"), the records they
//! can see. In the app it is a closable drawer beside the matrix (a bottom sheet on phones).

use std::rc::Rc;

use yew::prelude::*;

use super::state::{Action, AppState};
use crate::engine::edits::{Collection, Edit};
use crate::engine::explain::{legend, Explanation, WhyNot};
use crate::engine::{self, queries, role_tree};

#[derive(Properties, Clone, PartialEq)]
pub struct Props {
    pub state: Rc<AppState>,
    pub dispatch: Callback<Action>,
    /// In the app: a drawer with a Close button (Escape also closes it). Embeds keep a plain
    /// panel.
    #[prop_or(false)]
    pub drawer: bool,
}

/// The element focus returns to when the drawer closes: the cell, user or record it explains.
pub fn return_focus_selector(s: &AppState) -> Option<String> {
    if let Some(u) = &s.view_as {
        return Some(format!("button.user-head[data-user='{u}']"));
    }
    if let Some(r) = &s.inspect {
        return Some(format!("button.record-head[data-record='{r}']"));
    }
    s.selected
        .as_ref()
        .map(|(u, r)| format!("button.cell[data-user='{u}'][data-record='{r}']"))
}

/// Close the drawer and put focus back where the user was.
pub fn close_drawer(s: &AppState, dispatch: &Callback<Action>) {
    let target = return_focus_selector(s);
    dispatch.emit(Action::CloseExplain);
    if let Some(sel) = target {
        gloo::timers::callback::Timeout::new(0, move || {
            if let Ok(Some(el)) = gloo::utils::document().query_selector(&sel) {
                if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                    let _ = el.focus();
                }
            }
        })
        .forget();
    }
}

/// The panel's frame: a drawer (with its Close button) or a plain panel.
fn frame(props: &Props, class: &'static str, label: &'static str, body: Html) -> Html {
    let close = {
        let (s, d) = (props.state.clone(), props.dispatch.clone());
        Callback::from(move |_| close_drawer(&s, &d))
    };
    html! {
        <aside class={classes!("panel", "explain", class, props.drawer.then_some("drawer"))}
            aria-live="polite" aria-label={label}>
            if return_focus_selector(&props.state).is_some() {
                <button class="drawer-close" onclick={close} aria-label="Close the explanation (Escape)" title="Close (Escape)">{ "×" }</button>
            }
            { body }
        </aside>
    }
}

#[function_component(ExplainPanel)]
pub fn explain_panel(props: &Props) -> Html {
    let s = &props.state;
    let ix_guard = s.ix();
    let ix = &*ix_guard;
    if let Some(uid) = &s.view_as {
        if let Some(u) = ix.find_user(uid) {
            return view_as(props, u);
        }
    }
    if let Some(rid) = &s.inspect {
        if let Some(r) = ix.find_record(rid) {
            return who_can_access(props, r);
        }
    }
    let found = s
        .selected
        .as_ref()
        .and_then(|(u, r)| Some((ix.find_user(u)?, ix.find_record(r)?)));
    let Some((u, r)) = found else {
        return frame(
            props,
            "",
            "Explanation",
            html! {
                <>
                    <h2>{ "Why?" }</h2>
                    <p class="hint">{ HINT }</p>
                </>
            },
        );
    };
    let e = s.explain(u, r);
    let change = s.change_for(&e.user, &e.record);
    let path: Vec<String> = role_tree::explanation_paths(ix, u, r)
        .iter()
        .map(|p| {
            p.iter()
                .map(|r| ix.role(*r).name.clone())
                .collect::<Vec<_>>()
                .join(" › ")
        })
        .collect();
    frame(
        props,
        "",
        "Explanation",
        html! {
            <>
                <h2>{ format!("{} on {}", e.user_name, e.record_name) }</h2>
                <p class={classes!("verdict", e.level.key())}>
                    <span class={classes!("cell", e.level.key())}>{ e.level.letter() }</span>
                    { format!(" {}", e.level.label()) }
                    if let Some(c) = change {
                        <span class="was-note">{ format!(" (was {} before the last edit)", c.before.label()) }</span>
                    }
                </p>
                if props.drawer { { expect_this(props, &e) } }
                if !e.reasons.is_empty() {
                    <h3>{ "Granted by" }</h3>
                    <ol class="reasons">
                        { for e.reasons.iter().map(|g| html! {
                            <li>
                                <span class="mechanism">{ g.mechanism_label.clone() }</span>
                                <span class={classes!("badge", g.level.key())}>{ g.level.label() }</span>
                                <p>{ g.text.clone() }</p>
                            </li>
                        }) }
                    </ol>
                }
                if !e.limits.is_empty() {
                    <h3>{ if e.reasons.is_empty() { "Why not" } else { "Limited by" } }</h3>
                    <ul class="limits">
                        { for e.limits.iter().map(|l| html! { <li>{ l.clone() }</li> }) }
                    </ul>
                }
                if !path.is_empty() {
                    <h3>{ "Role path used" }</h3>
                    <ul class="role-paths">
                        { for path.into_iter().map(|p| html! { <li>{ p }</li> }) }
                    </ul>
                    <p class="hint small">{ "Highlighted in the role hierarchy under the matrix." }</p>
                }
                { why_not(props, &e) }
                <details class="levels">
                    <summary>{ "What the levels allow" }</summary>
                    <dl>
                        { for legend().into_iter().rev().map(|(a, meaning)| html! {
                            <>
                                <dt><span class={classes!("cell", a.key())}>{ a.letter() }</span>{ format!(" {}", a.label()) }</dt>
                                <dd>{ meaning }</dd>
                            </>
                        }) }
                    </dl>
                </details>
            </>
        },
    )
}

/// "Expect this": keep the cell's level as an expectation (one per user and record, so a
/// second press replaces it), or what is already expected of the cell.
fn expect_this(props: &Props, e: &Explanation) -> Html {
    let existing = props
        .state
        .ix()
        .scenario
        .expectations
        .iter()
        .find(|x| x.user.as_deref() == Some(&e.user) && x.record.as_deref() == Some(&e.record))
        .map(|x| (x.access, x.at_least, x.at_most));
    let expect = {
        let d = props.dispatch.clone();
        let value =
            serde_json::json!({"user": e.user, "record": e.record, "access": e.level.key()});
        Callback::from(move |_| {
            d.emit(Action::Edit(Edit::Upsert {
                collection: Collection::Expectations,
                value: value.clone(),
            }))
        })
    };
    let bound = |at_least: bool, at_most: bool| match (at_least, at_most) {
        (true, _) => "at least ",
        (_, true) => "at most ",
        _ => "exactly ",
    };
    html! {
        <p class="expect">
            if let Some((level, at_least, at_most)) = existing {
                <span class="expected-note">{ format!("Expected: {}{}.", bound(at_least, at_most), level.label()) }</span>
                if level != e.level || at_least || at_most {
                    { " " }<button class="small" onclick={expect}>{ format!("Expect exactly {} instead", e.level.label()) }</button>
                }
            } else {
                <button class="small" onclick={expect} title="Keep this level as an expectation: the Expectations panel checks it after every edit">
                    { format!("Expect this ({})", e.level.label()) }
                </button>
            }
        </p>
    }
}

pub const HINT: &str = "Click any cell (or move with the arrow keys and press Enter) to see why that user has that access, or why not. Click a record's name to see who can read or edit it; click a user's name to view the app as that user.";

/// The engine's "why not the next level": what stops it, what else it looked at, and the
/// smallest change it found (already checked on a copy), which one click applies.
fn why_not(props: &Props, e: &Explanation) -> Html {
    let Some(w): Option<&WhyNot> = e.why_not.as_ref() else {
        return html! {};
    };
    html! {
        <section class="why-not" aria-label={format!("Why not {}", w.target.label())}>
            <h3>{ format!("Why not {}?", w.target.label()) }</h3>
            if !w.blockers.is_empty() {
                <ul class="blockers">
                    { for w.blockers.iter().map(|b| html! {
                        <li class={format!("blocker {}", serde_json::to_value(b.kind).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default())}>{ b.text.clone() }</li>
                    }) }
                </ul>
            }
            if !w.considered.is_empty() {
                <details class="considered">
                    <summary>{ format!("Also considered ({})", w.considered.len()) }</summary>
                    <ul>
                        { for w.considered.iter().map(|c| html! {
                            <li><span class="mechanism">{ c.mechanism_label.clone() }</span>{ c.text.clone() }</li>
                        }) }
                    </ul>
                </details>
            }
            if let Some(sug) = &w.suggestion {
                <div class="suggestion">
                    <p>{ sug.text.clone() }</p>
                    <button class="primary" onclick={{
                        let (d, edits) = (props.dispatch.clone(), sug.edits.clone());
                        Callback::from(move |_| d.emit(Action::ApplyEdits(edits.clone())))
                    }}>{ "Apply this change" }</button>
                    <span class="hint small">{ format!(" {} {} would change; undo with Ctrl+Z.", sug.changed_cells,
                        if sug.changed_cells == 1 { "cell" } else { "cells" }) }</span>
                </div>
            } else {
                <p class="hint small">{ format!("No single change was found that gives {}.", w.target.label()) }</p>
            }
        </section>
    }
}

fn who_can_access(props: &Props, r: engine::index::RecordIx) -> Html {
    let ix_guard = props.state.ix();
    let ix = &*ix_guard;
    let rec = ix.record(r);
    let state = &props.state;
    let holders = queries::who_can_access_by(ix, r, engine::Access::Read, |u, r| state.level(u, r));
    frame(
        props,
        "who-can",
        "Who can access",
        html! {
            <>
                <h2>{ format!("Who can access {}", rec.name) }</h2>
                <p class="hint">{ "Click a name for the reasons." }</p>
                if holders.is_empty() {
                    <p class="empty">{ "Nobody can open this record." }</p>
                }
                { for [engine::Access::Full, engine::Access::Edit, engine::Access::Read].iter().map(|level| {
                    let at: Vec<_> = holders.iter().filter(|h| h.access == *level).collect();
                    if at.is_empty() { return html! {}; }
                    html! {
                        <>
                            <h3>{ format!("{} ({})", if *level == engine::Access::Read { "Can read" } else if *level == engine::Access::Edit { "Can edit" } else { "Full access" }, at.len()) }</h3>
                            <ul class="view-list">
                                { for at.iter().map(|h| {
                                    let onclick = {
                                        let (d, uid, rid) = (props.dispatch.clone(), h.id.clone(), rec.id.clone());
                                        Callback::from(move |_| d.emit(Action::Select(uid.clone(), rid.clone())))
                                    };
                                    html! {
                                        <li>
                                            <button class="link" onclick={onclick}>{ h.name.clone() }</button>
                                            <span class={classes!("badge", h.access.key())}>{ h.access.label() }</span>
                                        </li>
                                    }
                                }) }
                            </ul>
                        </>
                    }
                }) }
            </>
        },
    )
}

fn view_as(props: &Props, u: engine::index::UserIx) -> Html {
    let s = &props.state;
    let ix_guard = s.ix();
    let ix = &*ix_guard;
    let user = ix.user(u);
    let seen = queries::visible_to_by(ix, u, Some(s.object), |u, r| s.level(u, r));
    frame(
        props,
        "view-as",
        "View as user",
        html! {
            <>
                <h2>{ format!("Viewing as {}", user.name) }</h2>
                <p class="hint">
                    { format!("The {} records {} can open, as their app or portal would list them.",
                        s.object.label(), user.name) }
                </p>
                if seen.is_empty() {
                    <p class="empty">{ format!("{} sees no {} records.", user.name, s.object.key().replace('_', " ")) }</p>
                } else {
                    <ul class="view-list">
                        { for seen.iter().map(|v| {
                            let onclick = {
                                let (d, uid, rid) = (props.dispatch.clone(), user.id.clone(), v.id.clone());
                                Callback::from(move |_| d.emit(Action::Select(uid.clone(), rid.clone())))
                            };
                            html! {
                                <li>
                                    <button class="link" onclick={onclick}>{ v.name.clone() }</button>
                                    <span class={classes!("badge", v.access.key())}>{ v.access.label() }</span>
                                </li>
                            }
                        }) }
                    </ul>
                }
            </>
        },
    )
}
