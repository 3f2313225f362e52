//! The repository's own catalog, read from the folder and from embedded bytes alike,
//! signed and verified.

use amtsweg_catalog::{CatalogFiles, DIRECTORY_PATH, sign, verify};
use include_dir::{Dir, include_dir};

use crate::support::{pinned, repo_root, test_key};

static PROCEDURES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../procedures");
static LOCALES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../locales");

#[test]
fn the_repository_catalog_reads_from_the_folder() {
    let files = CatalogFiles::from_folder(&repo_root()).expect("the repository catalog");
    assert!(files.get("procedures/dog-tax-registration.json").is_some());
    assert!(files.get(DIRECTORY_PATH).is_some());
    assert!(
        files
            .get("locales/de/procedures/dog-tax-registration.ftl")
            .is_some()
    );
    assert!(
        files.get("procedures/procedure.schema.json").is_none(),
        "schemas are left out"
    );
    assert!(
        files.get("locales/de/app.ftl").is_none(),
        "app texts are not catalog files"
    );
    assert!(files.locales().contains(&"de"));
    let definitions: Vec<&str> = files.procedure_definitions().map(|(p, _)| p).collect();
    assert!(definitions.contains(&"procedures/dog-tax-registration.json"));
    assert!(!definitions.contains(&DIRECTORY_PATH));
    files.directory().expect("its directory loads");
}

#[test]
fn embedded_bytes_give_the_same_catalog_as_the_folder() {
    let mut embedded = CatalogFiles::from_embedded(&PROCEDURES, "procedures").expect("procedures");
    embedded.add_embedded(&LOCALES, "locales").expect("locales");
    let folder = CatalogFiles::from_folder(&repo_root()).expect("folder");
    assert_eq!(embedded, folder);
}

#[test]
fn the_repository_catalog_signs_and_verifies() {
    let files = CatalogFiles::from_folder(&repo_root()).expect("folder");
    let package = sign(&files, 1, &test_key());
    let verified = verify(package.as_bytes(), &pinned(), None).expect("verifies");
    assert_eq!(verified.files(), &files);
    assert_eq!(
        verified
            .directory()
            .expect("directory")
            .municipalities()
            .len(),
        files.directory().expect("directory").municipalities().len()
    );
}

#[test]
fn a_symbolic_link_in_the_catalog_folder_is_refused() {
    #[cfg(unix)]
    {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("procedures")).expect("folder");
        std::os::unix::fs::symlink("/etc/hostname", dir.path().join("procedures/x.json"))
            .expect("symlink");
        let result = CatalogFiles::from_folder(dir.path());
        assert!(
            matches!(
                result,
                Err(amtsweg_catalog::CatalogError::UnsafePath { .. })
            ),
            "{result:?}"
        );
    }
}

#[test]
fn a_misplaced_file_in_the_catalog_folder_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("procedures")).expect("folder");
    std::fs::write(dir.path().join("procedures/Notes.txt"), "x").expect("write");
    let result = CatalogFiles::from_folder(dir.path());
    assert!(
        matches!(
            result,
            Err(amtsweg_catalog::CatalogError::NotACatalogFile { .. })
        ),
        "{result:?}"
    );
}
