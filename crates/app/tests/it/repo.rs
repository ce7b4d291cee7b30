//! The project as a newcomer meets it: a licence that matches the manifest, the fonts' licence
//! beside them, the product description inside the project, and source files short enough to read
//! (split along their seams past ~400 lines).

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_licences_are_in_the_project() {
    assert!(read("Cargo.toml").contains("license = \"MIT\""));
    let licence = read("LICENSE");
    assert!(
        licence.starts_with("MIT License")
            && licence.contains("THE SOFTWARE IS PROVIDED \"AS IS\"")
    );
    let ofl = read("fonts/OFL.txt");
    assert!(ofl.contains("SIL OPEN FONT LICENSE") && ofl.contains("Version 1.1"));
    for font in std::fs::read_dir(root().join("fonts")).unwrap() {
        let name = font.unwrap().file_name().into_string().unwrap();
        if let Some(family) = name.strip_suffix("-Regular.ttf") {
            // "NotoNastaliqUrdu" → "Noto Nastaliq Urdu"
            let spaced: String = family
                .chars()
                .enumerate()
                .flat_map(|(i, c)| {
                    (i > 0 && c.is_uppercase())
                        .then_some(' ')
                        .into_iter()
                        .chain([c])
                })
                .collect();
            assert!(ofl.contains(&spaced), "fonts/OFL.txt names {spaced}");
        }
    }
    assert!(read("crates/app/data/uap-core-LICENSE").contains("Apache License"));
}

#[test]
fn everything_a_reader_needs_is_in_the_project() {
    let readme = read("README.md");
    assert!(
        !readme.contains("../shared"),
        "the README points outside the project"
    );
    for doc in [
        "docs/DESIGN.md",
        "docs/CONTENT-GUIDE.md",
        "docs/ARCHITECTURE.md",
    ] {
        assert!(readme.contains(doc), "README links {doc}");
        assert!(root().join(doc).exists());
    }
    assert!(read("docs/CONTENT-GUIDE.md").contains("## Glossary"));
}

#[test]
fn source_files_stay_short() {
    let mut long = vec![];
    let mut dirs = vec![root().join("crates"), root().join("bench")];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let lines = std::fs::read_to_string(&p).unwrap().lines().count();
                if lines > 400 {
                    long.push(format!(
                        "{} ({lines} lines)",
                        p.strip_prefix(root()).unwrap_or(&p).display()
                    ));
                }
            }
        }
    }
    assert!(long.is_empty(), "split these along their seams: {long:?}");
}
