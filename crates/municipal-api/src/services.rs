//! What the demo municipality offers: one destination (its citizens' office) with a
//! service per procedure of the bundled catalog that the municipality offers, each with
//! the JSON Schema its data must satisfy, and the official FIT-Connect metadata schema.

use std::collections::BTreeMap;

use amtsweg_catalog::CatalogFiles;
use amtsweg_procedure::Procedure;
use include_dir::{Dir, include_dir};
use serde_json::Value;

use crate::MunicipalApiError;

static PROCEDURES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../procedures");
static LOCALES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../locales");

/// The official FIT-Connect metadata schema 1.0.0, as published by FITKO.
pub const METADATA_SCHEMA: &str = include_str!("../schemas/metadata.schema.v1.0.0.json");
pub const METADATA_VERSION: &str = "1.0.0";
/// The regional key of the demo municipality, Musterstadt (Demo).
pub const DEMO_ARS: &str = "066990999999";

/// A service the destination offers.
#[derive(Debug)]
pub struct Service {
    /// `urn:de:fim:leika:leistung:<14 digits>`.
    pub identifier: String,
    /// The German title, as the authority names it.
    pub name: String,
    pub schema_uri: String,
    pub validator: jsonschema::Validator,
}

/// The destination: the municipality's office that receives applications.
#[derive(Debug)]
pub struct Destination {
    pub id: String,
    pub name: String,
    pub ars: String,
    pub services: Vec<Service>,
}

impl Destination {
    pub fn service(&self, identifier: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.identifier == identifier)
    }

    /// The bare 14 digits of each offered LeiKa key, for routing.
    pub fn offers_leika(&self, digits: &str) -> bool {
        self.services
            .iter()
            .any(|s| s.identifier.strip_prefix("urn:de:fim:leika:leistung:") == Some(digits))
    }
}

/// The bundled catalog's files: procedures and their texts, as the app embeds them.
pub fn catalog_files() -> Result<CatalogFiles, MunicipalApiError> {
    let mut files = CatalogFiles::new();
    files.add_embedded(&PROCEDURES, "procedures")?;
    files.add_embedded(&LOCALES, "locales")?;
    Ok(files)
}

/// A procedure's German title from its Fluent file (`<title-id> = <text>` on one line).
fn german_title(files: &CatalogFiles, procedure: &Procedure) -> String {
    let id = procedure.title().as_str();
    files
        .procedure_texts("de")
        .filter_map(|(_, bytes)| std::str::from_utf8(bytes).ok())
        .flat_map(str::lines)
        .find_map(|line| {
            let (key, value) = line.split_once('=')?;
            (key.trim() == id).then(|| value.trim().to_owned())
        })
        .unwrap_or_else(|| procedure.id().to_string())
}

/// The destination of the municipality `ars` in the bundled directory, with id `id`.
pub fn destination(
    files: &CatalogFiles,
    ars: &str,
    id: String,
) -> Result<Destination, MunicipalApiError> {
    let directory = files.directory()?;
    let municipality = directory
        .municipalities()
        .iter()
        .find(|m| m.ars().as_str() == ars)
        .ok_or_else(|| {
            MunicipalApiError::Config(format!("no municipality with ARS {ars} in the catalog"))
        })?;
    let mut services = BTreeMap::new();
    for (name, bytes) in files.procedure_definitions() {
        let procedure = Procedure::load(name, bytes)
            .map_err(|e| MunicipalApiError::Config(format!("{name}: {e}")))?;
        if !municipality.offers(procedure.id().as_str()) {
            continue;
        }
        let schema = procedure.data_schema();
        let schema_uri = schema
            .get("$id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let validator = jsonschema::draft202012::new(&schema)
            .map_err(|e| MunicipalApiError::Config(format!("{name}: schema: {e}")))?;
        let identifier = procedure.leika().as_str().to_owned();
        services.insert(
            identifier.clone(),
            Service {
                name: german_title(files, &procedure),
                identifier,
                schema_uri,
                validator,
            },
        );
    }
    Ok(Destination {
        id,
        name: format!("{} – Bürgerbüro", municipality.name()),
        ars: ars.to_owned(),
        services: services.into_values().collect(),
    })
}

pub fn metadata_validator() -> Result<jsonschema::Validator, MunicipalApiError> {
    let schema: Value = serde_json::from_str(METADATA_SCHEMA)
        .map_err(|e| MunicipalApiError::Config(format!("metadata schema: {e}")))?;
    jsonschema::draft202012::new(&schema)
        .map_err(|e| MunicipalApiError::Config(format!("metadata schema: {e}")))
}
