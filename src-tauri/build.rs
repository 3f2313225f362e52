fn main() {
    // Every app command is listed here, so that tauri-build generates one permission per
    // command and the capabilities can grant each window exactly what it uses.
    let commands = tauri_build::AppManifest::new().commands(&[
        "get_app_view",
        "choose_language",
        "complete_first_start",
        "report_first_paint",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(commands))
        .expect("tauri-build failed");
}
