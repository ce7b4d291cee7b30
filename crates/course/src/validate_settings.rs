//! The course's settings: what lessons cite (`{{setting:KEY}}`) must exist in settings.toml, and a
//! value given in the content must come with its official source.

use std::collections::BTreeMap;

use crate::SourcedValue;
use crate::raw::RawSettings;
use crate::validate::Checker;

impl Checker {
    /// Every `{{…}}` in a lesson body names a setting of settings.toml.
    pub(crate) fn cited_settings(&mut self, path: &str, first_line: usize, body: &str) {
        for (n, line) in body.lines().enumerate() {
            let mut rest = line;
            while let Some(i) = rest.find("{{") {
                let after = &rest[i + 2..];
                let Some(end) = after.find("}}") else {
                    self.at(path, first_line + n, "\"{{\" without a closing \"}}\"");
                    break;
                };
                match after[..end].strip_prefix("setting:") {
                    Some(key) if self.settings.contains(key) => {}
                    Some(key) => self.at(
                        path,
                        first_line + n,
                        format!("unknown setting \"{key}\" (add it to settings.toml)"),
                    ),
                    None => self.at(
                        path,
                        first_line + n,
                        format!("unknown placeholder \"{{{{{}}}}}\"", &after[..end]),
                    ),
                }
                rest = &after[end + 2..];
            }
        }
    }

    /// The settings given a value in the content: each needs its official source, and a source
    /// without a value is a mistake too.
    pub(crate) fn setting_values(
        &mut self,
        path: &str,
        settings: &RawSettings,
    ) -> BTreeMap<String, SourcedValue> {
        let mut values = BTreeMap::new();
        for (key, s) in &settings.setting {
            let value = s.value.as_deref().map(str::trim).filter(|v| !v.is_empty());
            let source = s.source.as_deref().map(str::trim).filter(|v| !v.is_empty());
            match (value, source) {
                (Some(value), Some(source)) => {
                    values.insert(
                        key.clone(),
                        SourcedValue {
                            value: value.to_owned(),
                            source: source.to_owned(),
                        },
                    );
                }
                (Some(_), None) => self.at(
                    path,
                    1,
                    format!("setting \"{key}\" has a value but no source: cite the official page it comes from"),
                ),
                (None, Some(_)) => self.at(
                    path,
                    1,
                    format!("setting \"{key}\" has a source but no value"),
                ),
                (None, None) => {}
            }
        }
        values
    }
}
