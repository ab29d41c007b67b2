//! A fake Vite build on disk, with real `.br` and `.gz` siblings and a secret beside it.

use std::{
    io::{Read, Write},
    path::PathBuf,
};

pub const INDEX: &str = "<!doctype html><html><head><script type=\"module\" \
    src=\"/assets/app-abc123.js\"></script></head><body><div id=\"root\"></div></body></html>";
pub const SECRET: &str = "TOP-SECRET: outside the web directory";

/// A fake build in `<root>/dist`, with a secret beside it (`<root>/secret.txt`).
pub struct Build {
    pub root: tempfile::TempDir,
    pub js: Vec<u8>,
    pub css: Vec<u8>,
}

impl Build {
    pub fn dist(&self) -> PathBuf {
        self.root.path().join("dist")
    }

    pub fn new() -> Self {
        // No dot in the name, so an absolute path to the secret is a plausible request path.
        let root = tempfile::Builder::new()
            .prefix("glider-web-")
            .tempdir()
            .unwrap();
        let dist = root.path().join("dist");
        std::fs::create_dir_all(dist.join("assets")).unwrap();
        let js = "console.log('the glider app');\n".repeat(64).into_bytes();
        let css = "body { color: rebeccapurple; }\n".repeat(64).into_bytes();
        std::fs::write(dist.join("index.html"), INDEX).unwrap();
        std::fs::write(dist.join("assets/app-abc123.js"), &js).unwrap();
        std::fs::write(dist.join("assets/app-abc123.js.br"), brotli_of(&js)).unwrap();
        std::fs::write(dist.join("assets/app-abc123.js.gz"), gzip_of(&js)).unwrap();
        std::fs::write(dist.join("assets/style-def456.css"), &css).unwrap();
        std::fs::write(root.path().join("secret.txt"), SECRET).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(
            root.path().join("secret.txt"),
            dist.join("assets/escape.js"),
        )
        .unwrap();
        Self { root, js, css }
    }
}

fn brotli_of(bytes: &[u8]) -> Vec<u8> {
    let mut writer = brotli::CompressorWriter::new(Vec::new(), 4096, 11, 22);
    writer.write_all(bytes).unwrap();
    writer.into_inner()
}

fn gzip_of(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

pub fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(bytes, 4096)
        .read_to_end(&mut out)
        .unwrap();
    out
}

pub fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}
