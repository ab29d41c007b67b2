//! Rebuilds this crate when the web build changes, so a release binary embeds the current
//! `web/dist`. rust-embed's `include_bytes!` notices edited files but not new ones (a rebuilt
//! app has new hashed names) nor a `dist` that appears after a Rust-only build. Debug builds
//! read the folder at run time and need nothing.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    if std::env::var_os("CARGO_CFG_DEBUG_ASSERTIONS").is_some() {
        return;
    }
    // Watching a missing path would rerun this on every build; until `dist` exists, watch
    // `web/`, whose listing changes when the build creates it.
    let dist = std::path::Path::new("../../web/dist");
    if dist.is_dir() {
        println!("cargo::rerun-if-changed=../../web/dist");
    } else {
        println!("cargo::rerun-if-changed=../../web");
    }
}
