//! `Simulator`: one loaded, validated scenario and the questions the engine answers about it.

use access_sim::engine::actions::{act, Action, Outcome};
use access_sim::engine::config_rights::config_matrix;
use access_sim::engine::edits::Edit;
use access_sim::engine::matrix::{to_json, Matrix};
use access_sim::engine::queries::{self, AccessFilter, MatrixOptions, MatrixPage, ObjectFilter};
use access_sim::engine::session::Engine;
use access_sim::engine::{self, Access, Index, Scenario};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Hand a result to JS as a plain object, through JSON text: serde_json's serializer is already
/// in the module, so a second serializer would double every type's code.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let text = serde_json::to_string(value).map_err(|e| JsError::new(&e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| JsError::new("internal: result is not JSON"))
}

/// Read an optional JS argument (undefined and null mean the defaults).
fn from_js<T: DeserializeOwned + Default>(value: JsValue, what: &str) -> Result<T, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    required(value, what)
}

/// What a JS value is, for messages ("undefined", "function", "symbol", "number" ...).
fn js_type(value: &JsValue) -> String {
    if value.is_null() {
        return "null".into();
    }
    value
        .js_typeof()
        .as_string()
        .unwrap_or_else(|| "unknown".into())
}

/// Read a JS argument through JSON text, so that every input shares the engine's one parser
/// (and its error paths): `what.path: message`. Values JSON can't hold (undefined, functions,
/// symbols, BigInts, cycles) are refused naming the argument; nothing here can panic, so a bad
/// argument never leaves the simulator borrowed ("recursive use of an object").
fn required<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsError> {
    if !value.is_object() {
        return Err(JsError::new(&format!(
            "{what}: expected an object, got {}",
            js_type(&value)
        )));
    }
    let text = js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| {
            JsError::new(&format!(
                "{what}: not JSON-serializable (a cycle, a BigInt or a function?)"
            ))
        })?;
    engine::validate::from_json(&text).map_err(|e| JsError::new(&format!("{what}: {e}")))
}

/// A string argument (an id, scenario text), or an error naming it.
fn string_arg(value: &JsValue, what: &str) -> Result<String, JsError> {
    value.as_string().ok_or_else(|| {
        JsError::new(&format!(
            "{what}: expected a string, got {}",
            js_type(value)
        ))
    })
}

/// The loaded scenario with its whole matrix, kept up to date edit by edit.
#[wasm_bindgen]
pub struct Simulator {
    engine: Engine,
}

impl Simulator {
    fn ix(&self) -> &Index {
        &self.engine.ix
    }

    fn user(&self, id: &JsValue) -> Result<engine::index::UserIx, JsError> {
        let id = string_arg(id, "userId")?;
        self.ix()
            .find_user(&id)
            .ok_or_else(|| JsError::new(&format!("userId: no user has the id '{id}'")))
    }
    fn record(&self, id: &JsValue) -> Result<engine::index::RecordIx, JsError> {
        let id = string_arg(id, "recordId")?;
        self.ix()
            .find_record(&id)
            .ok_or_else(|| JsError::new(&format!("recordId: no record has the id '{id}'")))
    }
}

#[wasm_bindgen]
impl Simulator {
    /// Load a scenario object; throws with every problem and its path.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue,
    ) -> Result<Simulator, JsError> {
        let s: Scenario = required(scenario, "scenario")?;
        let ix = engine::validate(s).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Simulator {
            engine: Engine::new(ix),
        })
    }

    /// Load scenario JSON text; throws with every problem and its path.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<Simulator, JsError> {
        let text = string_arg(&text, "text")?;
        let ix = engine::load(&text).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Simulator {
            engine: Engine::new(ix),
        })
    }

    /// Every problem in scenario JSON text, without throwing (empty when valid).
    #[wasm_bindgen(unchecked_return_type = "Problem[]")]
    pub fn check(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsValue, JsError> {
        let text = string_arg(&text, "text")?;
        let problems = match engine::load(&text) {
            Ok(_) => vec![],
            Err(e) => e.problems(),
        };
        to_js(&problems)
    }

    /// The loaded scenario's summary.
    #[wasm_bindgen(unchecked_return_type = "ValidationSummary")]
    pub fn validate(&self) -> Result<JsValue, JsError> {
        to_js(&queries::summary(self.ix()))
    }

    /// Who can do what on every record (of one object), a page at a time: `{offset, limit}`
    /// in records. A request over `MAX_CELLS_PER_CALL` cells is refused with the page size that
    /// fits, instead of running out of memory.
    #[wasm_bindgen(unchecked_return_type = "MatrixPage")]
    pub fn matrix(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MatrixOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let o: MatrixOptions = from_js(options, "options")?;
        let ix = self.ix();
        let records: Vec<_> = ix
            .record_ixs()
            .filter(|r| o.object.is_none_or(|k| ix.record(*r).object == k))
            .collect();
        let page = queries::matrix_page(records.len(), ix.users.len(), o.offset, o.limit)
            .map_err(|e| JsError::new(&e))?;
        let mut cells = Vec::with_capacity(page.len() * ix.users.len());
        for r in &records[page.clone()] {
            cells.extend(self.engine.matrix.row(*r));
        }
        let m = Matrix {
            users: ix.user_ixs().collect(),
            records: records[page.clone()].to_vec(),
            cells,
        };
        to_js(&MatrixPage {
            matrix: to_json(ix, &m),
            total_records: records.len(),
            offset: page.start,
            next_offset: (page.end < records.len()).then_some(page.end),
        })
    }

    /// One user's level on one record.
    #[wasm_bindgen(unchecked_return_type = "Access")]
    pub fn access(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] user_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] record_id: JsValue,
    ) -> Result<JsValue, JsError> {
        let (u, r) = (self.user(&user_id)?, self.record(&record_id)?);
        to_js(&self.engine.level(u, r))
    }

    /// Every expectation of the scenario checked against the current matrix (the same
    /// results as `access-sim check`): passed, the cells covered, the failing ones with their
    /// level and reasons. (The static `Simulator.check(text)` validates text instead.)
    #[wasm_bindgen(js_name = check, unchecked_return_type = "ExpectationResult[]")]
    pub fn check_expectations(&self) -> Result<JsValue, JsError> {
        to_js(&engine::expectations::check(self.ix(), &self.engine.matrix))
    }

    /// Design warnings with the guidance each follows (the same as `access-sim lint`).
    #[wasm_bindgen(unchecked_return_type = "LintWarning[]")]
    pub fn lint(&self) -> Result<JsValue, JsError> {
        to_js(&engine::lint::lint(self.ix()))
    }

    /// Why a user has (or lacks) access to a record.
    #[wasm_bindgen(unchecked_return_type = "Explanation")]
    pub fn explain(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] user_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] record_id: JsValue,
    ) -> Result<JsValue, JsError> {
        let (u, r) = (self.user(&user_id)?, self.record(&record_id)?);
        to_js(&engine::explain::explain_in(
            self.ix(),
            &self.engine.matrix,
            u,
            r,
        ))
    }

    /// The records a user can access, as the portal or app would list them.
    #[wasm_bindgen(js_name = visibleTo, unchecked_return_type = "VisibleRecord[]")]
    pub fn visible_to(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] user_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ObjectFilter | undefined")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let u = self.user(&user_id)?;
        let f: ObjectFilter = from_js(options, "options")?;
        let engine = &self.engine;
        to_js(&queries::visible_to_by(self.ix(), u, f.object, |u, r| {
            engine.level(u, r)
        }))
    }

    /// The users with at least a level (default read) on a record.
    #[wasm_bindgen(js_name = whoCanAccess, unchecked_return_type = "AccessHolder[]")]
    pub fn who_can_access(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] record_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "AccessFilter | undefined")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let r = self.record(&record_id)?;
        let f: AccessFilter = from_js(options, "options")?;
        let engine = &self.engine;
        to_js(&queries::who_can_access_by(
            self.ix(),
            r,
            f.at_least.unwrap_or(Access::Read),
            |u, r| engine.level(u, r),
        ))
    }

    /// Apply an edit and return the cells it changed. Local edits (a manual share, a team
    /// member, an org-wide default) are patched in and recompute only the rows they reach. On
    /// error (thrown, naming the path) the simulator keeps its previous scenario.
    #[wasm_bindgen(unchecked_return_type = "CellChange[]")]
    pub fn apply(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Edit")] edit: JsValue,
    ) -> Result<JsValue, JsError> {
        let edit: Edit = required(edit, "edit")?;
        // An org-scale explanation's kept copy would double the memory an edit needs.
        engine::explain::suggest::release_kept_copy();
        let applied = self
            .engine
            .apply_listing(&edit, usize::MAX)
            .map_err(|e| JsError::new(&e.to_string()))?;
        to_js(&applied.changes)
    }

    /// Try an admin action as a user. When allowed, the simulator takes the new scenario.
    #[wasm_bindgen(unchecked_return_type = "Outcome")]
    pub fn act(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] actor_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Action")] action: JsValue,
    ) -> Result<JsValue, JsError> {
        let actor_id = string_arg(&actor_id, "actorId")?;
        let action: Action = required(action, "action")?;
        let outcome =
            act(self.ix(), &actor_id, &action).map_err(|e| JsError::new(&e.to_string()))?;
        let js = to_js(&outcome)?;
        if let Outcome::Allowed { scenario, .. } = outcome {
            let ix = engine::validate(*scenario).map_err(|e| JsError::new(&e.to_string()))?;
            self.engine = Engine::new(ix);
        }
        Ok(js)
    }

    /// Users against configuration areas.
    #[wasm_bindgen(js_name = configMatrix, unchecked_return_type = "ConfigRow[]")]
    pub fn config_matrix(&self) -> Result<JsValue, JsError> {
        to_js(&config_matrix(self.ix()))
    }

    /// The current scenario as JSON text.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> Result<String, JsError> {
        serde_json::to_string_pretty(&self.ix().scenario).map_err(|e| JsError::new(&e.to_string()))
    }
}
