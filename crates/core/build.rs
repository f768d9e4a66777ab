//! Bundles `content/` into the binary: the app reads no content files at run time, and a
//! change to a content file rebuilds the crate (and reruns the content test).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let content = manifest.join("../../content");
    println!("cargo:rerun-if-changed={}", content.display());

    let mut files = Vec::new();
    if content.is_dir() {
        collect(&content, &content, &mut files);
    }
    files.sort();

    let mut out =
        String::from("/// (path from the repository root, text) of every bundled content file.\n");
    out.push_str("pub(crate) static BUNDLED: &[(&str, &str)] = &[\n");
    for (relative, absolute) in &files {
        println!("cargo:rerun-if-changed={}", absolute.display());
        let name = format!("content/{relative}");
        let path = absolute.to_str().expect("content paths are UTF-8");
        writeln!(out, "    ({name:?}, include_str!({path:?})),").expect("write to String");
    }
    out.push_str("];\n");

    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR"));
    fs::write(out_dir.join("bundled_content.rs"), out).expect("write bundled_content.rs");
}

/// Every `.toml` and `.md` file under `dir`, as (path relative to `root` with `/`, path).
fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let entries = fs::read_dir(dir).expect("read content directory");
    for entry in entries {
        let path = entry.expect("read content entry").path();
        if path.is_dir() {
            collect(root, &path, files);
            continue;
        }
        let wanted = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("toml" | "md")
        );
        if !wanted {
            continue;
        }
        let relative = path
            .strip_prefix(root)
            .expect("entry lies under the content root")
            .components()
            .map(|c| c.as_os_str().to_str().expect("content paths are UTF-8"))
            .collect::<Vec<_>>()
            .join("/");
        files.push((
            relative,
            path.canonicalize().expect("canonical content path"),
        ));
    }
}
