//! Embeds the worker's dashboard (`ui/dist-dashboard`, built by `cd ui && npm run build`) in
//! the binary, so the server stays one file to deploy. Every file is embedded with its
//! Brotli-compressed twin (`.br`) when the build made one.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let dist = manifest.join("../../ui/dist-dashboard");
    println!("cargo:rerun-if-changed={}", dist.display());
    let index = dist.join("dashboard.html");
    if !index.is_file() {
        panic!(
            "the worker's dashboard is not built: {} is missing. Run `make ui-build` (or `cd ui && npm ci && npm run build`) first.",
            index.display()
        );
    }
    let mut files = Vec::new();
    collect(&dist, &dist, &mut files);
    files.sort();
    let mut out =
        String::from("/// The dashboard's files.\npub static FILES: &[EmbeddedFile] = &[\n");
    for rel in files.iter().filter(|f| !f.ends_with(".br")) {
        let path = dist.join(rel);
        let br = dist.join(format!("{rel}.br"));
        let br = if br.is_file() {
            format!("Some(include_bytes!({:?}))", br.display().to_string())
        } else {
            "None".to_string()
        };
        let _ = writeln!(
            out,
            "    EmbeddedFile {{ path: {:?}, content_type: {:?}, bytes: include_bytes!({:?}), brotli: {br} }},",
            format!("/{rel}"),
            content_type(rel),
            path.display().to_string()
        );
    }
    out.push_str("];\n");
    let target = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("dashboard_files.rs");
    std::fs::write(target, out).expect("write dashboard_files.rs");
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("read ui/dist-dashboard") {
        let path = entry.expect("read ui/dist-dashboard").path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if let Ok(rel) = path.strip_prefix(root) {
            files.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("wasm") => "application/wasm",
        Some("txt") => "text/plain; charset=utf-8",
        Some("json") => "application/json",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        _ => "application/octet-stream",
    }
}
