//! Reading a content directory from disk, in the shape the parser takes.

use std::path::Path;

use crate::SourceFile;

/// Reads every `.toml` and `.md` file under `dir` (its `README.md` files aside), in a stable
/// order, with `/`-separated paths relative to `dir` (as they are stored and exported). An error
/// names the file or directory that could not be read.
pub fn read_dir(dir: &Path) -> std::io::Result<Vec<SourceFile>> {
    let named = |p: &Path, e: std::io::Error| {
        std::io::Error::new(e.kind(), format!("reading {}: {e}", p.display()))
    };
    let mut files = vec![];
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).map_err(|e| named(&d, e))? {
            let path = entry.map_err(|e| named(&d, e))?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml" || e == "md")
                && path.file_name().is_some_and(|n| n != "README.md")
            {
                let text = std::fs::read_to_string(&path).map_err(|e| named(&path, e))?;
                let relative = path.strip_prefix(dir).unwrap_or(&path);
                let parts: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                files.push(SourceFile {
                    path: parts.join("/"),
                    text,
                });
            }
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}
