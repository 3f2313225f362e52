fn main() {
    // Every app command is listed here, so that tauri-build generates one permission per
    // command and the capabilities can grant each window exactly what it uses.
    let commands = tauri_build::AppManifest::new().commands(&[
        "get_app_view",
        "choose_language",
        "complete_first_start",
        "report_first_paint",
        "set_window_title",
        "set_text_scale",
        "search_municipalities",
        "choose_municipality",
        "catalog_groups",
        "procedure_start_page",
        "start_draft",
        "draft_screen",
        "set_answers",
        "continue_page",
        "go_back",
        "go_to_page",
        "check_answers",
        "submission_preview",
        "pick_attachment",
        "list_drafts",
        "resume_draft",
        "delete_draft",
        "keep_draft_versions",
        "my_data_view",
        "export_my_data",
        "import_my_data",
        "delete_all_my_data",
        "unlock_vault",
        "use_passphrase_keys",
        "use_keychain_keys",
        "create_recovery_code",
        "recover_vault",
        "change_passphrase",
        "retry_vault",
        "my_details_view",
        "my_details_offer",
        "set_my_details_keeping",
        "save_my_details",
        "delete_my_details",
        "download_application_pdf",
        "print_application",
        "print_recovery_code",
        "submit_application",
        "list_applications",
        "download_sent_application_pdf",
        "print_sent_application",
    ]);
    // `lib.rs` refuses a release build that would contain the end-to-end stand-ins;
    // cargo names the profile family (release, or anything inheriting from it) here only.
    println!("cargo::rustc-check-cfg=cfg(release_profile)");
    if std::env::var("PROFILE").as_deref() == Ok("release") {
        println!("cargo::rustc-cfg=release_profile");
    }
    // The bundled catalog is embedded with `include_dir!`, which cargo does not track.
    println!("cargo:rerun-if-changed=../procedures");
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(commands))
        .expect("tauri-build failed");
}
