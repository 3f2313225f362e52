// `include_dir!` embeds `locales/`, but cargo does not know that; without this a new or
// changed `.ftl` file would not rebuild the crate.
fn main() {
    println!("cargo:rerun-if-changed=../../locales");
}
