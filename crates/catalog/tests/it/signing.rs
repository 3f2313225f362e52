//! Signing and verifying packages, and every way a package is refused.

use amtsweg_catalog::{
    CatalogError, CatalogFiles, KeyId, MAX_PACKAGE_BYTES, TrustedKeys, generate_signing_key, sign,
    sign_at, verify,
};
use proptest::prelude::*;

use crate::support::{created, edit, pinned, replace_once, sample_files, signed, test_key};

#[test]
fn a_signed_catalog_verifies_with_its_files_sequence_and_key() {
    let package = sign(&sample_files(), 7, &test_key());
    let verified = verify(package.as_bytes(), &pinned(), None).expect("verifies");
    assert_eq!(verified.files(), &sample_files());
    assert_eq!(verified.sequence(), 7);
    assert_eq!(verified.key_id(), &KeyId::of(&test_key().verifying_key()));
    assert!(verified.created().parse::<jiff::Timestamp>().is_ok());
    // A newer one than the catalog in use passes too.
    assert!(verify(package.as_bytes(), &pinned(), Some(6)).is_ok());
}

#[test]
fn signing_is_deterministic_for_the_same_input() {
    assert_eq!(signed(3), signed(3));
    assert_ne!(signed(3), signed(4));
}

/// Paths and contents that fit the catalog layout.
fn file_sets() -> impl Strategy<Value = CatalogFiles> {
    let name = "[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,5}){0,2}";
    let entry = prop_oneof![
        name.prop_map(|n| format!("procedures/{n}.json")),
        (name, name).prop_map(|(d, n)| format!("procedures/{d}/{n}.json")),
        (
            prop_oneof![Just("de"), Just("en"), Just("tr"), Just("pt-BR")],
            name
        )
            .prop_map(|(l, n)| format!("locales/{l}/procedures/{n}.ftl")),
    ];
    // Any Unicode text, including quotes, backslashes, newlines and NUL.
    proptest::collection::btree_map(entry, "\\PC*|[\"\\\\\n\u{0}ä€😀]{0,20}", 0..12)
        .prop_map(|map| CatalogFiles::from_pairs(map).expect("generated paths fit the layout"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_file_set_round_trips(files in file_sets(), sequence in any::<u64>()) {
        let package = sign_at(&files, sequence, &test_key(), created());
        let verified = verify(package.as_bytes(), &pinned(), None).expect("verifies");
        prop_assert_eq!(verified.files(), &files);
        prop_assert_eq!(verified.sequence(), sequence);
    }

    #[test]
    fn any_changed_byte_of_the_signed_content_is_refused(
        files in file_sets(),
        pick in any::<prop::sample::Index>(),
    ) {
        prop_assume!(files.total_bytes() > 0);
        let package = sign_at(&files, 1, &test_key(), created());
        // Change one character of one file's content, then re-encode as the publisher
        // would have: the JSON stays valid, only the content differs.
        let (path, content) = files.iter().find(|(_, c)| !c.is_empty()).expect("non-empty");
        let text = std::str::from_utf8(content).expect("UTF-8");
        let chars: Vec<char> = text.chars().collect();
        let i = pick.index(chars.len());
        let mut changed: String = chars[..i].iter().collect();
        changed.push(if chars[i] == 'x' { 'y' } else { 'x' });
        changed.extend(&chars[i + 1..]);
        let tampered = edit(package.as_bytes(), |v| v["files"][path] = changed.into());
        let result = verify(&tampered, &pinned(), None);
        prop_assert!(matches!(result, Err(CatalogError::Altered { .. })), "{:?}", result);
    }
}

#[test]
fn an_unsigned_catalog_is_refused() {
    let package = signed(1);
    let without = edit(package.as_bytes(), |v| {
        v.as_object_mut().expect("object").remove("signature");
    });
    assert!(matches!(
        verify(&without, &pinned(), None),
        Err(CatalogError::Unsigned)
    ));
    let empty = edit(package.as_bytes(), |v| v["signature"] = "".into());
    assert!(matches!(
        verify(&empty, &pinned(), None),
        Err(CatalogError::Unsigned)
    ));
    let null = edit(package.as_bytes(), |v| {
        v["signature"] = serde_json::Value::Null
    });
    assert!(matches!(
        verify(&null, &pinned(), None),
        Err(CatalogError::Unsigned)
    ));
}

#[test]
fn one_byte_changed_in_a_file_is_refused_as_altered() {
    let tampered = replace_once(signed(1).as_bytes(), "MARKER-A", "MARKER-B");
    let result = verify(&tampered, &pinned(), None);
    assert!(
        matches!(result, Err(CatalogError::Altered { .. })),
        "{result:?}"
    );
}

#[test]
fn one_byte_changed_in_the_sequence_is_refused_as_altered() {
    let tampered = replace_once(signed(5).as_bytes(), "\"sequence\": 5", "\"sequence\": 9");
    let result = verify(&tampered, &pinned(), None);
    assert!(
        matches!(result, Err(CatalogError::Altered { .. })),
        "{result:?}"
    );
}

#[test]
fn a_moved_expiry_is_refused_as_altered() {
    let package = signed(1);
    let later = replace_once(package.as_bytes(), "2099-01-01", "2199-01-01");
    assert!(
        matches!(
            verify(&later, &pinned(), None),
            Err(CatalogError::Altered { .. })
        ),
        "a later expiry must break the signature"
    );
    let verified = verify(package.as_bytes(), &pinned(), None).expect("verifies");
    assert_eq!(verified.expires(), crate::support::expires());
    // sign_at: DEFAULT_VALIDITY_DAYS (180) after the creation time, 2026-05-01T10:00Z.
    let default = sign_at(&sample_files(), 1, &test_key(), created());
    let verified = verify(default.as_bytes(), &pinned(), None).expect("verifies");
    assert_eq!(verified.expires().to_string(), "2026-10-28T10:00:00Z");
}

#[test]
fn a_package_without_an_expiry_is_refused() {
    let without = edit(signed(1).as_bytes(), |v| {
        v.as_object_mut().expect("object").remove("expires");
    });
    assert!(matches!(
        verify(&without, &pinned(), None),
        Err(CatalogError::Malformed(_))
    ));
}

#[test]
fn one_byte_changed_in_the_creation_time_or_a_path_is_refused() {
    let package = signed(1);
    let time = replace_once(package.as_bytes(), "2026-05-01", "2026-05-02");
    assert!(matches!(
        verify(&time, &pinned(), None),
        Err(CatalogError::Altered { .. })
    ));
    let path = replace_once(
        package.as_bytes(),
        "locales/en/procedures",
        "locales/tr/procedures",
    );
    assert!(matches!(
        verify(&path, &pinned(), None),
        Err(CatalogError::Altered { .. })
    ));
}

#[test]
fn one_byte_changed_in_the_signature_is_refused() {
    let package = signed(1);
    let text = String::from_utf8(package.as_bytes().to_vec()).expect("UTF-8");
    let start = text.find("\"signature\": \"").expect("signature") + "\"signature\": \"".len();
    for offset in [0, 31, 63, 64, 100, 127] {
        let mut bytes = package.as_bytes().to_vec();
        let i = start + offset;
        bytes[i] = if bytes[i] == b'0' { b'1' } else { b'0' };
        let result = verify(&bytes, &pinned(), None);
        assert!(
            matches!(result, Err(CatalogError::Altered { .. })),
            "offset {offset}: {result:?}"
        );
    }
}

#[test]
fn a_file_added_or_removed_after_signing_is_refused() {
    let package = signed(1);
    let added = edit(package.as_bytes(), |v| {
        v["files"]["procedures/extra.json"] = "{}".into();
    });
    assert!(matches!(
        verify(&added, &pinned(), None),
        Err(CatalogError::Altered { .. })
    ));
    let removed = edit(package.as_bytes(), |v| {
        v["files"]
            .as_object_mut()
            .expect("files")
            .remove("locales/en/procedures/dog-tax-registration.ftl");
    });
    assert!(matches!(
        verify(&removed, &pinned(), None),
        Err(CatalogError::Altered { .. })
    ));
}

#[test]
fn a_catalog_signed_with_a_key_that_is_not_pinned_is_refused() {
    let stranger = generate_signing_key().expect("randomness");
    let package = sign(&sample_files(), 1, &stranger);
    match verify(package.as_bytes(), &pinned(), None) {
        Err(CatalogError::UnknownKey { key_id }) => {
            assert_eq!(key_id, KeyId::of(&stranger.verifying_key()).to_string());
        }
        other => panic!("expected UnknownKey, got {other:?}"),
    }
    // Trusted once pinned (the developer tool verifying with a given key).
    let trusting = TrustedKeys::none().with("stranger", stranger.verifying_key());
    assert!(verify(package.as_bytes(), &trusting, None).is_ok());
    // No keys at all: nothing verifies.
    let result = verify(signed(1).as_bytes(), &TrustedKeys::none(), None);
    assert!(matches!(result, Err(CatalogError::UnknownKey { .. })));
}

#[test]
fn a_stranger_claiming_the_pinned_key_id_is_refused_as_altered() {
    let stranger = generate_signing_key().expect("randomness");
    let package = sign(&sample_files(), 1, &stranger);
    let stranger_id = KeyId::of(&stranger.verifying_key()).to_string();
    let test_id = KeyId::of(&test_key().verifying_key()).to_string();
    let claimed = replace_once(package.as_bytes(), &stranger_id, &test_id);
    let result = verify(&claimed, &pinned(), None);
    assert!(
        matches!(result, Err(CatalogError::Altered { .. })),
        "{result:?}"
    );
}

#[test]
fn an_older_or_equal_catalog_is_refused_as_a_replay() {
    let old = signed(4);
    match verify(old.as_bytes(), &pinned(), Some(5)) {
        Err(CatalogError::NotNewer { sequence, in_use }) => {
            assert_eq!((sequence, in_use), (4, 5));
        }
        other => panic!("expected NotNewer, got {other:?}"),
    }
    let same = signed(5);
    assert!(matches!(
        verify(same.as_bytes(), &pinned(), Some(5)),
        Err(CatalogError::NotNewer {
            sequence: 5,
            in_use: 5
        })
    ));
    assert!(verify(signed(6).as_bytes(), &pinned(), Some(5)).is_ok());
}

#[test]
fn unsafe_paths_in_a_package_are_refused() {
    let package = signed(1);
    for path in [
        "../x",
        "procedures/../../x.json",
        "/etc/passwd",
        "procedures\\x.json",
        "..\\..\\x.ftl",
        "C:\\x.json",
    ] {
        let tampered = edit(package.as_bytes(), |v| v["files"][path] = "x".into());
        let result = verify(&tampered, &pinned(), None);
        assert!(
            matches!(result, Err(CatalogError::UnsafePath { .. })),
            "{path:?}: {result:?}"
        );
    }
    let foreign = edit(package.as_bytes(), |v| {
        v["files"]["src/main.rs"] = "x".into()
    });
    assert!(matches!(
        verify(&foreign, &pinned(), None),
        Err(CatalogError::NotACatalogFile { .. })
    ));
}

#[test]
fn malformed_packages_are_refused_as_malformed() {
    let package = signed(1);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("not JSON", b"hello".to_vec()),
        ("empty", Vec::new()),
        (
            "truncated",
            package.as_bytes()[..package.as_bytes().len() / 2].to_vec(),
        ),
        (
            "sequence as text",
            edit(package.as_bytes(), |v| v["sequence"] = "5".into()),
        ),
        (
            "a field the signature does not cover",
            edit(package.as_bytes(), |v| v["comment"] = "trust me".into()),
        ),
        (
            "signature not hex",
            edit(package.as_bytes(), |v| {
                v["signature"] = "zz".repeat(64).into()
            }),
        ),
        (
            "signature too short",
            edit(package.as_bytes(), |v| v["signature"] = "00".into()),
        ),
        (
            "created not a time",
            edit(package.as_bytes(), |v| v["created"] = "yesterday".into()),
        ),
        (
            "the same file twice",
            String::from_utf8(package.as_bytes().to_vec())
                .expect("UTF-8")
                .replacen(
                    "\"files\": {",
                    "\"files\": {\n    \"procedures/dog-tax-registration.json\": \"evil\",",
                    1,
                )
                .into_bytes(),
        ),
    ];
    for (what, bytes) in cases {
        let result = verify(&bytes, &pinned(), None);
        assert!(
            matches!(result, Err(CatalogError::Malformed(_))),
            "{what}: {result:?}"
        );
    }
}

#[test]
fn a_newer_package_format_is_named_as_such() {
    let newer = edit(signed(1).as_bytes(), |v| {
        v["format"] = 3.into();
        v["somethingNew"] = true.into();
    });
    assert!(matches!(
        verify(&newer, &pinned(), None),
        Err(CatalogError::UnsupportedFormat {
            found: 3,
            supported: 2
        })
    ));
}

#[test]
fn an_oversized_package_is_refused_before_parsing() {
    let huge = vec![b' '; MAX_PACKAGE_BYTES + 1];
    assert!(matches!(
        verify(&huge, &pinned(), None),
        Err(CatalogError::TooLarge { .. })
    ));
}

#[test]
fn refusals_name_what_is_wrong() {
    let stranger = generate_signing_key().expect("randomness");
    let messages = [
        CatalogError::Unsigned.to_string(),
        verify(
            sign(&sample_files(), 1, &stranger).as_bytes(),
            &pinned(),
            None,
        )
        .expect_err("unknown key")
        .to_string(),
        verify(
            &replace_once(signed(1).as_bytes(), "MARKER-A", "MARKER-B"),
            &pinned(),
            None,
        )
        .expect_err("altered")
        .to_string(),
        verify(signed(1).as_bytes(), &pinned(), Some(3))
            .expect_err("replay")
            .to_string(),
    ];
    assert!(messages[0].contains("not signed"), "{}", messages[0]);
    assert!(messages[1].contains("does not trust"), "{}", messages[1]);
    assert!(messages[2].contains("altered"), "{}", messages[2]);
    assert!(messages[3].contains("not newer"), "{}", messages[3]);
}
