//! The access matrix: records of one object in rows, users in columns (internal first), one
//! cell per pair with a colour and a letter (never colour alone). Arrow keys move between
//! cells, Enter explains; cells an edit changed show the old level beside the new. Headers stay
//! in place while scrolling; each user's header carries their role, profile and license
//! (abbreviated, in full on hover or focus). The changed badge's jumps land here.
//!
//! `matrix_grid` holds the recycled element pool that draws it at org scale.

use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use super::matrix_grid::{lift_above_sheet, scroll_nearest, Grid};
use super::state::{Action, AppState};
use crate::engine::explain;

#[derive(Properties, Clone, PartialEq)]
pub struct Props {
    pub state: Rc<AppState>,
    pub dispatch: Callback<Action>,
    #[prop_or(false)]
    pub compact: bool,
}

#[function_component(AccessMatrix)]
pub fn access_matrix(props: &Props) -> Html {
    let s = &props.state;
    let scroller = use_node_ref();
    let root = use_node_ref();
    let grid = use_mut_ref(Grid::default);

    // After every render: bring the pool up to date (levels, changes, selection, filters,
    // the viewport, which the drawer may have narrowed).
    {
        let (scroller, root, grid) = (scroller.clone(), root.clone(), grid.clone());
        let (state, dispatch) = (props.state.clone(), props.dispatch.clone());
        use_effect(move || {
            if let (Some(sc), Some(rt)) = (scroller.cast::<Element>(), root.cast::<Element>()) {
                Grid::sync(&grid, state, dispatch, rt, sc);
            }
        });
    }
    // Unmounted: drop the listeners (they hold the grid).
    {
        let grid = grid.clone();
        use_effect_with((), move |_| move || grid.borrow_mut().clear());
    }
    // The badge jumped to a changed cell: scroll its row and column into the middle of the
    // view, then focus it.
    {
        let grid = grid.clone();
        let jump = s.jump.clone();
        use_effect_with(s.jump_seq, move |seq| {
            if let (true, Some((u, r))) = (*seq > 0, jump) {
                let target = {
                    let g = grid.borrow();
                    g.state.as_ref().and_then(|state| {
                        let ix = state.ix();
                        let (u, r) = (ix.find_user(&u)?, ix.find_record(&r)?);
                        let row = g.records.iter().position(|x| *x == r)?;
                        let col = g.users.iter().position(|x| *x == u)?;
                        Some((row, col))
                    })
                };
                if let Some((row, col)) = target {
                    grid.borrow_mut().center_on(row, col);
                }
            }
        });
    }
    // A picked cell stays in view when the drawer opens beside the matrix and narrows it.
    {
        let (scroller, grid) = (scroller.clone(), grid.clone());
        use_effect_with(s.selected.clone(), move |sel| {
            let mut timer = None;
            if let Some((u, r)) = sel.clone() {
                timer = Some(gloo::timers::callback::Timeout::new(0, move || {
                    grid.borrow_mut().paint();
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

    let (rows, cols) = {
        let mut g = grid.borrow_mut();
        g.set_axes(s);
        (g.records.len(), g.users.len())
    };
    let empty = (rows == 0 || cols == 0).then(|| {
        if rows == 0 {
            format!("No {} records match.", s.object.key().replace('_', " "))
        } else {
            "No users match the filters.".to_string()
        }
    });
    let height_style = if props.compact {
        "max-height: 60vh"
    } else {
        "max-height: 70vh"
    };
    html! {
        <div class={classes!("grid-scroll", empty.is_some().then_some("is-empty"))} ref={scroller} style={height_style}>
            <div class="matrix" role="grid" ref={root} hidden={empty.is_some()}
                aria-label={format!("Who can access each {}", s.object.key().replace('_', " "))}
                aria-rowcount={(rows + 1).to_string()} aria-colcount={(cols + 1).to_string()}>
            </div>
            if let Some(what) = empty { <p class="empty">{ what }</p> }
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
