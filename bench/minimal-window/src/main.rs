//! A static page with a heading and a button, one trivial command, and the same
//! start-up mark as Amtsweg: the baseline its figures are compared with.

use std::time::{SystemTime, UNIX_EPOCH};

#[tauri::command]
fn ping() -> &'static str {
    "pong"
}

/// The page calls this after its first paint and the answer of `ping`.
#[tauri::command]
fn mark() {
    let at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    eprintln!("first-screen-painted at_unix_ms={at:.3}");
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ping, mark])
        .run(tauri::generate_context!())
        .expect("the minimal window runs");
}
