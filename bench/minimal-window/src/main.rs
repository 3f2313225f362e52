//! A static page with a heading and a button, one trivial command, and the same
//! start-up mark as Amtsweg: the baseline its figures are compared with.

use std::time::{SystemTime, UNIX_EPOCH};

#[tauri::command]
fn ping() -> &'static str {
    "pong"
}

/// The page calls this after its first paint and the answer of `ping`, with when its
/// script ran, the answer came and it painted (ms since its navigation began).
#[tauri::command]
fn mark(script_ms: f64, view_ms: f64, painted_ms: f64) {
    let at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    eprintln!(
        "first-screen-painted at_unix_ms={at:.3} script_ms={script_ms:.1} view_ms={view_ms:.1} painted_ms={painted_ms:.1}"
    );
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ping, mark])
        .run(tauri::generate_context!())
        .expect("the minimal window runs");
}
