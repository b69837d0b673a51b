//! Team roles and admin actions: the configuration-rights matrix (users x configuration areas)
//! and an "act as" form to try the guarded admin actions, which shows the rule that refused an
//! action, or that allowed it along with the cells it changed. The app shows it only where the
//! scenario defines configuration areas; the matrix lists only areas some profile or
//! permission set grants, and the admin actions appear only where someone manages the team.

use std::rc::Rc;

use yew::prelude::*;

use super::state::{Action, AppState};
use crate::engine::actions::{Action as AdminAction, Outcome};
use crate::engine::config_rights::config_right;
use crate::engine::scenario::ConfigArea;

#[derive(Properties, Clone, PartialEq)]
pub struct Props {
    pub state: Rc<AppState>,
    pub dispatch: Callback<Action>,
}

const KINDS: &[(&str, &str)] = &[
    ("disable_user", "Disable user"),
    ("enable_user", "Enable user"),
    ("change_profile", "Change profile"),
    ("change_role", "Change role"),
    (
        "reassign_success_manager",
        "Reassign Customer Success Manager",
    ),
];

#[function_component(ConfigPanel)]
pub fn config_panel(props: &Props) -> Html {
    let ix_guard = props.state.ix();
    let ix = &*ix_guard;
    // The areas the scenario uses: granted to someone, or listed by a profile or permission
    // set (an unassigned profile's areas still show as columns of dashes).
    let areas: Vec<ConfigArea> = ConfigArea::ALL
        .into_iter()
        .filter(|a| {
            ix.profiles
                .iter()
                .chain(ix.permission_sets.iter())
                .any(|p| p.config.contains(a))
                || ix.user_ixs().any(|u| config_right(ix, u, *a).allowed)
        })
        .collect();
    // The guarded actions are team management (CustomerSuccessBox's team rules): they apply
    // where someone may manage the team; reassigning a Customer Success Manager where accounts
    // have one.
    let team_managed = ix
        .user_ixs()
        .any(|u| config_right(ix, u, ConfigArea::TeamManagement).allowed);
    let has_csm = ix.records.iter().any(|r| r.success_manager.is_some());
    let kinds: Vec<(&str, &str)> = KINDS
        .iter()
        .copied()
        .filter(|(k, _)| *k != "reassign_success_manager" || has_csm)
        .collect();
    let actor = use_state(|| ix.users.first().map(|u| u.id.clone()).unwrap_or_default());
    let kind = use_state(|| "disable_user".to_string());
    let target = use_state(String::new);
    let value = use_state(String::new);

    let sel = |h: UseStateHandle<String>| {
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            h.set(el.value());
        })
    };
    let users: Vec<(String, String)> = ix
        .users
        .iter()
        .map(|u| (u.id.clone(), u.name.clone()))
        .collect();
    let accounts: Vec<(String, String)> = ix
        .records
        .iter()
        .filter(|r| r.object == crate::engine::ObjectKind::Account)
        .map(|r| (r.id.clone(), r.name.clone()))
        .collect();
    let profiles: Vec<(String, String)> = ix
        .profiles
        .iter()
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect();
    let roles: Vec<(String, String)> = ix
        .scenario
        .roles
        .iter()
        .map(|r| (r.id.clone(), r.name.clone()))
        .collect();
    type Choices<'a> = &'a [(String, String)];
    let (targets, values, value_label): (Choices, Option<Choices>, &str) = match kind.as_str() {
        "change_profile" => (&users, Some(&profiles), "New profile"),
        "change_role" => (&users, Some(&roles), "New role"),
        "reassign_success_manager" => (&accounts, Some(&users), "New manager"),
        _ => (&users, None, ""),
    };
    let opt = |list: &[(String, String)], cur: &str, none: bool| {
        html! {
            <>
                if none { <option value="" selected={cur.is_empty()}>{ "(none)" }</option> }
                { for list.iter().map(|(id, name)| html! { <option value={id.clone()} selected={id == cur}>{ name.clone() }</option> }) }
            </>
        }
    };
    let target_id = if targets.iter().any(|(id, _)| *id == *target) {
        (*target).clone()
    } else {
        targets.first().map(|t| t.0.clone()).unwrap_or_default()
    };
    let submit = {
        let (d, actor, kind, value, target_id) = (
            props.dispatch.clone(),
            actor.clone(),
            kind.clone(),
            value.clone(),
            target_id.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let v = (!value.is_empty()).then(|| (*value).clone());
            let action = match kind.as_str() {
                "enable_user" => AdminAction::EnableUser {
                    user: target_id.clone(),
                },
                "change_profile" => AdminAction::ChangeProfile {
                    user: target_id.clone(),
                    profile: v.unwrap_or_default(),
                },
                "change_role" => AdminAction::ChangeRole {
                    user: target_id.clone(),
                    role: v,
                },
                "reassign_success_manager" => AdminAction::ReassignSuccessManager {
                    account: target_id.clone(),
                    success_manager: v,
                },
                _ => AdminAction::DisableUser {
                    user: target_id.clone(),
                },
            };
            d.emit(Action::Act {
                actor: (*actor).clone(),
                action,
            });
        })
    };

    html! {
        <section class="panel config" aria-label="Team roles and admin actions">
            <h2>{ "Configuration rights" }</h2>
            <div class="grid-scroll small">
                <table class="config-matrix">
                    <thead><tr>
                        <th>{ "User" }</th>
                        { for areas.iter().map(|a| html! { <th title={a.label()}><span>{ a.label() }</span></th> }) }
                    </tr></thead>
                    <tbody>
                        { for ix.user_ixs().map(|u| html! {
                            <tr>
                                <th>{ ix.user(u).name.clone() }</th>
                                { for areas.iter().map(|a| {
                                    let c = config_right(ix, u, *a);
                                    html! {
                                        <td><span class={classes!("yesno", c.allowed.then_some("yes"))} title={c.reason.clone()}
                                            data-user={ix.user(u).id.clone()} data-area={a.key()}>
                                            { if c.allowed { "Yes" } else { "-" } }
                                        </span></td>
                                    }
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            if team_managed {
            <h2>{ "Try an admin action" }</h2>
            <form class="act-form" onsubmit={submit} aria-label="Admin action">
                <label>{ "Act as " }<select onchange={sel(actor.clone())} aria-label="Acting user">{ opt(&users, &actor, false) }</select></label>
                <label>{ "Action " }<select onchange={sel(kind.clone())} aria-label="Action">
                    { for kinds.iter().map(|(k, l)| html! { <option value={*k} selected={*kind == *k}>{ *l }</option> }) }
                </select></label>
                <label>{ if kind.as_str() == "reassign_success_manager" { "Account " } else { "User " } }
                    <select onchange={sel(target.clone())} aria-label="Target">{ opt(targets, &target_id, false) }</select></label>
                if let Some(values) = values {
                    <label>{ value_label }{ " " }<select onchange={sel(value.clone())} aria-label={value_label.to_string()}>{ opt(values, &value, true) }</select></label>
                }
                <button type="submit" class="primary">{ "Try it" }</button>
            </form>
            { outcome(&props.state) }
            }
        </section>
    }
}

fn outcome(s: &AppState) -> Html {
    match s.outcome.as_deref() {
        None => html! {},
        Some(Outcome::Refused { rule }) => html! {
            <div class="outcome refused" role="status"><strong>{ "Refused. " }</strong>{ rule.clone() }</div>
        },
        Some(Outcome::Allowed {
            rule,
            changes,
            config_changes,
            ..
        }) => html! {
            <div class="outcome allowed" role="status">
                <strong>{ "Allowed. " }</strong>{ rule.clone() }
                <p>{ format!("{} access cells and {} configuration rights changed (highlighted in the matrix; undo with Ctrl+Z).", changes.len(), config_changes.len()) }</p>
            </div>
        },
    }
}
