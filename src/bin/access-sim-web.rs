//! Entry point of the browser app (wasm32). On other targets it only says how to run it.

#[cfg(target_arch = "wasm32")]
fn main() {
    access_sim::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("access-sim-web is the browser app: build it for wasm32 with `bash scripts/run.sh`.");
}
