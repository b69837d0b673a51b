//! The browser side of "no lost work": localStorage reads and writes, what this tab last saw
//! there, the crash guard that stops autosave after a panic, and measuring the storage when a
//! save is refused. The decisions themselves are pure, in `crate::autosave`.

use std::cell::{Cell, RefCell};

use wasm_bindgen::JsValue;

use crate::autosave::{
    classify_refusal, decide_save, keep_replaced, pristine_presets, refusal_message, Previous,
    Refusal, SaveDecision, KEY_PRESET, KEY_PREVIOUS, KEY_SCENARIO,
};

thread_local! {
    /// What this tab last read from or wrote to the scenario key.
    static KNOWN: RefCell<Option<String>> = const { RefCell::new(None) };
    /// This tab's scenario as last serialized (saved or not).
    static OURS: RefCell<String> = const { RefCell::new(String::new()) };
    /// A panic or wasm trap happened: the app state can't be trusted, nothing more is saved.
    static CRASHED: Cell<bool> = const { Cell::new(false) };
    /// The work an opening would replace could not be kept aside: nothing more is saved.
    static HELD: Cell<bool> = const { Cell::new(false) };
    /// The room measured after a too-big refusal, so later edits don't measure again.
    static LIMIT: Cell<Option<usize>> = const { Cell::new(None) };
    static PRISTINE: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
    /// The save waiting for edits to pause (the newest scenario's: a later one replaces it),
    /// and the timer that runs it; dropping the timer cancels it.
    static PENDING: RefCell<Option<Box<dyn FnOnce()>>> = const { RefCell::new(None) };
    static TIMER: RefCell<Option<gloo::timers::callback::Timeout>> = const { RefCell::new(None) };
}

/// How long edits must pause before an org-scale scenario is written out: serializing one
/// takes longer than the edit itself (about 100 ms at L), so it waits for a pause instead of
/// following every edit, and edits in a row are written once.
const SAVE_AFTER_MS: u32 = 500;

/// Run `write` after the next frame is drawn (a frame, then a task), or for an org-scale
/// scenario (`large`) once edits pause; at once when the page is hidden or left (`flush`).
/// A newer write replaces one still waiting.
pub fn save_soon(large: bool, write: impl FnOnce() + 'static) {
    PENDING.with(|p| *p.borrow_mut() = Some(Box::new(write)));
    if large {
        let timer = gloo::timers::callback::Timeout::new(SAVE_AFTER_MS, flush);
        TIMER.with(|t| *t.borrow_mut() = Some(timer));
    } else {
        // Dropping either handle would cancel it: each runs once.
        let frame = gloo::render::request_animation_frame(|_| {
            gloo::timers::callback::Timeout::new(0, flush).forget();
        });
        std::mem::forget(frame);
    }
}

/// Write the waiting save now, if there is one.
pub fn flush() {
    if let Some(write) = PENDING.with(|p| p.borrow_mut().take()) {
        write();
    }
}

/// A reload, a closed tab or a tab put in the background writes the waiting save first.
pub fn flush_when_hidden() {
    let Some(w) = web_sys::window() else {
        return;
    };
    gloo::events::EventListener::new(&w, "pagehide", |_| flush()).forget();
    let doc = gloo::utils::document();
    gloo::events::EventListener::new(&doc, "visibilitychange", |_| {
        if gloo::utils::document().hidden() {
            flush();
        }
    })
    .forget();
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

fn set(key: &str, value: &str) -> Result<(), JsValue> {
    match storage() {
        Some(s) => s.set_item(key, value),
        None => Err(JsValue::from_str("this browser gives the page no storage")),
    }
}

fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

fn pristine_has(f: impl FnOnce(&[String]) -> bool) -> bool {
    PRISTINE.with(|p| f(p.borrow_mut().get_or_insert_with(pristine_presets)))
}

/// Whether replacing `stored` by `incoming` must keep `stored` for "Restore".
pub fn is_replaced_work(stored: Option<&str>, incoming: &str) -> bool {
    pristine_has(|p| keep_replaced(stored, incoming, p))
}

/// Record what the storage held when this tab started (or chose a version).
pub fn set_known(value: Option<String>) {
    KNOWN.with(|k| *k.borrow_mut() = value);
}

pub fn set_ours(json: &str) {
    OURS.with(|o| json.clone_into(&mut o.borrow_mut()));
}

pub fn ours() -> String {
    OURS.with(|o| o.borrow().clone())
}

pub fn previous() -> Option<Previous> {
    Previous::from_json(&get(KEY_PREVIOUS)?)
}

/// Keep `scenario` (the work an opening replaces) for "Restore"; its name on success.
pub fn keep_previous(scenario: String, preset: Option<String>) -> Result<String, String> {
    let p = Previous {
        scenario,
        preset: preset.filter(|p| !p.is_empty()),
        dismissed: false,
    };
    set(KEY_PREVIOUS, &p.to_json())
        .map(|_| p.name())
        .map_err(|_| "there is no room to keep it".to_string())
}

pub fn dismiss_previous() {
    if let Some(mut p) = previous() {
        p.dismissed = true;
        let _ = set(KEY_PREVIOUS, &p.to_json());
    }
}

pub fn crashed() -> bool {
    CRASHED.with(Cell::get)
}

/// Save nothing more in this tab (the work it would replace could not be kept aside).
pub fn hold() {
    HELD.with(|c| c.set(true));
}

/// Stop autosave for good and say so on the page, in plain DOM (the app may be unusable).
fn crash(detail: &str) {
    if CRASHED.with(|c| c.replace(true)) {
        return;
    }
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Ok(el), Some(body)) = (doc.create_element("div"), doc.body()) else {
        return;
    };
    el.set_class_name("notice error crash");
    let _ = el.set_attribute("role", "alert");
    el.set_text_content(Some(&format!(
        "The simulator hit an internal error and stopped ({detail}). The last scenario that displayed correctly is still saved in this browser: reload the page to continue from it."
    )));
    let _ = body.prepend_with_node_1(&el);
}

/// Install the panic hook and watch for wasm traps, before the app first renders.
pub fn install_crash_guard() {
    // Through Yew, which otherwise installs its own hook over this one at the first render.
    yew::set_custom_panic_hook(Box::new(|info| {
        gloo::console::error!(info.to_string());
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".into());
        crash(&msg);
    }));
    // A trap (stack overflow, out of memory) skips the hook; it surfaces as an uncaught
    // RuntimeError or RangeError. Other page errors (extensions, resize loops) are not ours.
    if let Some(w) = web_sys::window() {
        gloo::events::EventListener::new(&w, "error", |e| {
            let err = js_sys::Reflect::get(e, &JsValue::from_str("error")).unwrap_or_default();
            let kind = js_sys::Reflect::get(&err, &JsValue::from_str("name"))
                .ok()
                .and_then(|n| n.as_string())
                .unwrap_or_default();
            if kind == "RuntimeError" || kind == "RangeError" {
                crash(&kind);
            }
        })
        .forget();
    }
}

/// What a save attempt asks the app to show.
pub enum Saved {
    Nothing,
    /// Saved, keeping the replaced work (its name) for "Restore".
    KeptPrevious(String),
    /// Another tab saved a different scenario: ask before overwriting.
    OtherTab,
    /// The storage refused: the message.
    Refused(String),
}

/// Autosave `json` (this tab's scenario) unless that would lose work: see `decide_save`.
/// `replaced`: it comes from an opening, so the work it replaces is kept first.
pub fn save(json: &str, preset: Option<&str>, replaced: bool, paused: bool) -> Saved {
    set_ours(json);
    if crashed() || HELD.with(Cell::get) {
        return Saved::Nothing;
    }
    let stored = get(KEY_SCENARIO);
    let known = KNOWN.with(|k| k.borrow().clone());
    match decide_save(stored.as_deref(), known.as_deref(), json, paused) {
        SaveDecision::Unchanged => {
            set_known(stored);
            Saved::Nothing
        }
        SaveDecision::Paused => Saved::Nothing,
        SaveDecision::OtherTab => Saved::OtherTab,
        SaveDecision::Save => {
            let mut kept = None;
            if replaced && is_replaced_work(stored.as_deref(), json) {
                let old = stored.clone().unwrap_or_default();
                match keep_previous(old, get(KEY_PRESET)) {
                    Ok(name) => kept = Some(name),
                    // Without room for both, the work stays the saved one.
                    Err(_) => return Saved::Refused(
                        "The scenario you were editing could not be kept aside for 'Restore' (no room in this browser's storage), so it stays the saved one and this scenario was not saved. Export this one to keep it.".into(),
                    ),
                }
            }
            match set(KEY_SCENARIO, json) {
                Ok(()) => {
                    set_known(Some(json.to_string()));
                    let _ = set(KEY_PRESET, preset.unwrap_or_default());
                    // The kept work is what is open again: nothing left to restore.
                    if previous().is_some_and(|p| p.scenario == json) {
                        remove(KEY_PREVIOUS);
                    }
                    kept.map_or(Saved::Nothing, Saved::KeptPrevious)
                }
                Err(e) => Saved::Refused(refused(&e, json, stored.as_deref())),
            }
        }
    }
}

/// "Keep mine": this tab's scenario overwrites the other tab's save, as the user chose.
pub fn keep_mine(preset: Option<&str>) -> Saved {
    set_known(get(KEY_SCENARIO));
    save(&ours(), preset, false, false)
}

fn is_quota(e: &JsValue) -> bool {
    js_sys::Reflect::get(e, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .is_some_and(|n| n == "QuotaExceededError" || n == "NS_ERROR_DOM_QUOTA_REACHED")
}

/// The message for a refused save: too big for any room this browser gives, or a full storage.
fn refused(e: &JsValue, json: &str, stored: Option<&str>) -> String {
    if !is_quota(e) {
        let why = js_sys::Reflect::get(e, &JsValue::from_str("message"))
            .ok()
            .and_then(|m| m.as_string())
            .or_else(|| e.as_string())
            .unwrap_or_else(|| "unknown reason".into());
        return format!("This edit could not be saved in this browser ({why}). It is still here: export it to keep it.");
    }
    let size = json.len();
    if let Some(limit) = LIMIT.with(Cell::get).filter(|l| size > *l) {
        return refusal_message(Refusal::TooBig { size, limit });
    }
    let old = stored.map_or(0, |s| s.len() + KEY_SCENARIO.len());
    let refusal = classify_refusal(size, measure_free(size), old, others_size());
    if let Refusal::TooBig { limit, .. } = refusal {
        LIMIT.with(|l| l.set(Some(limit)));
    }
    refusal_message(refusal)
}

/// Everything stored for this site except the scenario save, in characters.
fn others_size() -> usize {
    let Some(s) = storage() else { return 0 };
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k != KEY_SCENARIO)
        .map(|k| k.len() + s.get_item(&k).ok().flatten().map_or(0, |v| v.len()))
        .sum()
}

/// The longest value (up to `cap` characters) the storage still accepts, by bisection under a
/// scratch key that is removed again.
fn measure_free(cap: usize) -> usize {
    const PROBE: &str = "access-sim/probe";
    let (mut lo, mut hi) = (0usize, cap);
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        let fits = set(PROBE, &"x".repeat(mid)).is_ok();
        remove(PROBE);
        if fits {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    lo + PROBE.len()
}
