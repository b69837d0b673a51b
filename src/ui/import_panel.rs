//! "Import Salesforce org": pick a .zip of a retrieved metadata folder (SFDX source or a
//! Metadata API retrieve, with data files if you have them), a folder, or loose files; the
//! importer (`crate::import`, the same as `access-sim import salesforce`) reads them, and its
//! report is shown as tables (`import_report`), with a button that opens the imported org as
//! the current scenario. Nothing here interprets metadata: the panel reads bytes, hands them
//! over, and shows what comes back. Errors keep the current scenario.

use std::rc::Rc;

use yew::prelude::*;

use super::import_report::ImportReport;
use super::state::{Action, AppState};
use crate::import::{self, ImportError, Imported, SourceFile, MAX_UNPACKED};

/// Where an import stands, shown by the panel while it is open.
pub enum ImportView {
    /// Nothing picked yet.
    Choosing,
    /// Reading and importing the picked files (named in words).
    Busy(String),
    Done {
        source: String,
        imported: Rc<Imported>,
    },
    /// The files could not be read or imported; the current scenario stays.
    Failed {
        source: String,
        errors: Vec<ImportError>,
    },
}

/// Unpack the zips among the picked files and run the importer on everything.
pub fn run(source: String, picked: Vec<SourceFile>) -> ImportView {
    let failed = |errors| ImportView::Failed {
        source: source.clone(),
        errors,
    };
    let mut files = Vec::new();
    let mut unpacked = 0u64;
    for (path, bytes) in picked {
        if !path.to_ascii_lowercase().ends_with(".zip") {
            unpacked += bytes.len() as u64;
            files.push((path, bytes));
            continue;
        }
        match import::unzip(&path, &bytes) {
            Ok(entries) => {
                unpacked += entries.iter().map(|(_, b)| b.len() as u64).sum::<u64>();
                files.extend(entries);
            }
            Err(e) => return failed(vec![e]),
        }
    }
    if unpacked > MAX_UNPACKED {
        return failed(vec![plain(
            "the files unpack to more than 1 GiB together; import fewer at a time",
        )]);
    }
    match import::import_salesforce(&files) {
        Ok(imported) if imported.report.types.is_empty() => failed(vec![plain(
            "no Salesforce metadata or data files in it (roles/, groups/, objects/, sharingRules/ ... or Data Loader CSVs such as User.csv)",
        )]),
        Ok(imported) => ImportView::Done {
            source,
            imported: Rc::new(imported),
        },
        Err(errors) => failed(errors),
    }
}

/// An error about the picked files as a whole (no file named: the heading names them).
pub fn plain(message: impl Into<String>) -> ImportError {
    ImportError {
        file: String::new(),
        line: None,
        message: message.into(),
    }
}

#[derive(Properties, Clone, PartialEq)]
pub struct Props {
    pub state: Rc<AppState>,
    pub dispatch: Callback<Action>,
}

#[function_component(ImportPanel)]
pub fn import_panel(props: &Props) -> Html {
    let d = &props.dispatch;
    let first = use_node_ref();
    // Opening the panel puts the keyboard on its first picker.
    {
        let first = first.clone();
        let choosing = matches!(props.state.import.as_deref(), Some(ImportView::Choosing));
        use_effect_with(choosing, move |choosing| {
            if *choosing {
                if let Some(el) = first.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    let Some(view) = props.state.import.clone() else {
        return html! {};
    };
    let close = {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.emit(Action::ShowImport(false)))
    };
    let busy = matches!(*view, ImportView::Busy(_));
    let pickers = html! {
        <div class="import-pickers">
            <label class={classes!("button", "primary", busy.then_some("disabled"))}>{ "Choose a .zip or files\u{2026}" }
                <input type="file" multiple=true disabled={busy} class="visually-hidden" ref={first}
                    accept=".zip,application/zip,.xml,.csv,.json"
                    aria-label="Salesforce org .zip or files" onchange={pick(d, false)} />
            </label>
            <label class={classes!("button", busy.then_some("disabled"))}>{ "Choose a folder\u{2026}" }
                <input type="file" webkitdirectory=true multiple=true disabled={busy} class="visually-hidden"
                    aria-label="Salesforce org folder" onchange={pick(d, true)} />
            </label>
        </div>
    };
    let body = match &*view {
        ImportView::Choosing => html! {
            <>
                <p class="hint">
                    { "A zip of a retrieved metadata folder: an SFDX project (" }<code>{ "sf project retrieve start" }</code>
                    { ") or a Metadata API retrieve. Data files in it are read too: Data Loader CSV (" }
                    <code>{ "User.csv" }</code>{ ", " }<code>{ "Account.csv" }</code>{ ", " }<code>{ "GroupMember.csv" }</code>
                    { " \u{2026}) and " }<code>{ "sf data export tree" }</code>{ " JSON. Everything stays in this browser." }
                </p>
                { pickers }
            </>
        },
        ImportView::Busy(source) => html! {
            <p class="import-busy" role="status">{ format!("Reading and importing {source}\u{2026}") }</p>
        },
        ImportView::Failed { source, errors } => html! {
            <>
                <div class="import-errors" role="alert">
                    <p><strong>{ format!("Could not import {source}.") }</strong>{ " Your current scenario is unchanged." }</p>
                    <ul>
                        { for errors.iter().take(50).map(error_line) }
                        if errors.len() > 50 { <li>{ format!("\u{2026} and {} more files like these.", errors.len() - 50) }</li> }
                    </ul>
                </div>
                <p class="hint">{ "Fix the files and try again, or choose others:" }</p>
                { pickers }
            </>
        },
        ImportView::Done { source, imported } => {
            let open = {
                let d = d.clone();
                Callback::from(move |_: MouseEvent| d.emit(Action::OpenImported))
            };
            let download = {
                let (d, imported) = (d.clone(), imported.clone());
                Callback::from(move |_: MouseEvent| {
                    let text = serde_json::to_string_pretty(&imported.report).unwrap_or_default();
                    if let Err(e) = super::download("import-report.json", &text) {
                        d.emit(Action::Notify(super::state::Notice::Error(format!(
                            "Could not download the report: {e}"
                        ))));
                    }
                })
            };
            html! {
                <>
                    <p class="import-source">{ format!("Imported from {source}: ") }{ contents(imported) }</p>
                    <div class="import-actions">
                        <button class="primary" onclick={open}>{ "Open the imported org" }</button>
                        <button onclick={close.clone()}>{ "Keep the current scenario" }</button>
                        <button onclick={download}>{ "Download the report (JSON)" }</button>
                    </div>
                    <ImportReport imported={imported.clone()} />
                </>
            }
        }
    };
    html! {
        <section class="panel import-panel" aria-labelledby="import-title">
            <button class="drawer-close" onclick={close} aria-label="Close the import" title="Close (the current scenario stays)">{ "\u{d7}" }</button>
            <h2 id="import-title">{ "Import a Salesforce org" }</h2>
            { body }
        </section>
    }
}

/// "file:5:3" and the message, for one file that could not be read.
fn error_line(e: &ImportError) -> Html {
    if e.file.is_empty() {
        return html! { <li>{ e.message.clone() }</li> };
    }
    let place = match e.line {
        Some((l, c)) => format!("{}:{l}:{c}", e.file),
        None => e.file.clone(),
    };
    let at = e
        .line
        .map(|(l, c)| format!(" (line {l}, column {c})"))
        .unwrap_or_default();
    html! { <li><code>{ place }</code>{ at }{ ": " }{ e.message.clone() }</li> }
}

/// What the imported scenario holds, in words ("5 roles, 2 groups ... 9 users, 12 records").
fn contents(imported: &Imported) -> String {
    let s = &imported.scenario;
    let records = s.record_count();
    let parts = [
        (s.roles.len(), "role", "roles"),
        (s.groups.len(), "group", "groups"),
        (s.queues.len(), "queue", "queues"),
        (s.sharing_rules.len(), "sharing rule", "sharing rules"),
        (s.sharing_sets.len(), "sharing set", "sharing sets"),
        (s.custom_objects.len(), "custom object", "custom objects"),
        (s.profiles.len(), "profile", "profiles"),
        (s.users.len(), "user", "users"),
        (records, "record", "records"),
    ];
    let words: Vec<String> = parts
        .iter()
        .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
        .collect();
    format!("{}.", words.join(", "))
}

/// A picked file's path: inside the chosen folder (its own name dropped, as the CLI reads a
/// folder), else its name.
fn path_of(file: &web_sys::File, folder: bool) -> String {
    let rel = js_sys::Reflect::get(file, &"webkitRelativePath".into())
        .ok()
        .and_then(|v| v.as_string())
        .filter(|p| !p.is_empty());
    match rel {
        Some(p) if folder => p.split_once('/').map_or(p.clone(), |(_, rest)| rest.into()),
        _ => file.name(),
    }
}

/// Tool state (.sfdx, .git) and dependencies, which a picked project folder may hold: no org
/// metadata in them (the CLI leaves them out too).
fn tooling(path: &str) -> bool {
    path.split('/')
        .any(|seg| seg.starts_with('.') || seg == "node_modules")
}

/// Read the picked files, then hand them to the reducer to import.
fn pick(d: &Callback<Action>, folder: bool) -> Callback<Event> {
    let d = d.clone();
    Callback::from(move |e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        let Some(list) = input.files() else {
            return;
        };
        let files: Vec<(String, web_sys::File)> = (0..list.length())
            .filter_map(|i| list.get(i))
            .map(|f| (path_of(&f, folder), f))
            .filter(|(p, _)| !(folder && tooling(p)))
            .collect();
        let source = source_name(&list, folder, files.len());
        // The list empties with the input: read it first.
        input.set_value("");
        if files.is_empty() {
            if list.length() > 0 {
                d.emit(Action::ImportFailed {
                    source,
                    message: "it holds only tool folders (.sfdx, .git, node_modules)".into(),
                });
            }
            return;
        }
        let total: f64 = files.iter().map(|(_, f)| f.size()).sum();
        if total > MAX_UNPACKED as f64 {
            d.emit(Action::ImportFailed {
                source,
                message: "more than 1 GiB: too big to import here; retrieve fewer metadata types, or use access-sim import salesforce".into(),
            });
            return;
        }
        d.emit(Action::ImportReading(source.clone()));
        let d = d.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let mut picked = Vec::with_capacity(files.len());
            for (path, file) in files {
                let file = gloo_file::File::from(file);
                match gloo_file::futures::read_as_bytes(&file).await {
                    Ok(bytes) => picked.push((path, bytes)),
                    Err(e) => {
                        d.emit(Action::ImportFailed {
                            source,
                            message: format!("{path} could not be read: {e}"),
                        });
                        return;
                    }
                }
            }
            // A frame first, so "Reading and importing ..." shows while the importer works.
            let frame = gloo::render::request_animation_frame(move |_| {
                gloo::timers::callback::Timeout::new(0, move || {
                    d.emit(Action::ImportFiles {
                        source,
                        files: picked,
                    })
                })
                .forget();
            });
            std::mem::forget(frame);
        })
    })
}

/// "'org.zip'", "the folder 'sfdx-org'", "3 files".
fn source_name(list: &web_sys::FileList, folder: bool, kept: usize) -> String {
    let first = list.get(0);
    if folder {
        let name = first
            .as_ref()
            .and_then(|f| {
                js_sys::Reflect::get(f, &"webkitRelativePath".into())
                    .ok()
                    .and_then(|v| v.as_string())
            })
            .and_then(|p| p.split('/').next().map(String::from))
            .unwrap_or_default();
        return format!("the folder '{name}'");
    }
    match (list.length(), first) {
        (1, Some(f)) => format!("'{}'", f.name()),
        _ if kept == 1 => "1 file".into(),
        _ => format!("{kept} files"),
    }
}

/// The toolbar button that opens the panel.
pub fn import_button(d: &Callback<Action>, open: bool) -> Html {
    let onclick = {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.emit(Action::ShowImport(!open)))
    };
    html! {
        <button {onclick} aria-expanded={open.to_string()} title="Import a Salesforce org's metadata (and data) from a .zip, a folder or files">
            { "Import Salesforce org" }
        </button>
    }
}
