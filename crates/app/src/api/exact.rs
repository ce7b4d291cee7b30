//! Makes the generated OpenAPI document say what the server really answers (issue 12, item 10):
//! every error answer is `application/problem+json` with the `ProblemDoc` schema, and every
//! operation declares the statuses the shared layers can give it besides its own: 400 (a body or
//! query that cannot be read), 401 and 403 (where it needs a token), 404, 413 and 415 (where it
//! takes a body), 422, 429, 500 and 503 (the database unavailable, with `Retry-After`).
//! Request bodies that serve web forms as well take every field as optional (a missing field is
//! then a field error, like an empty one); the document marks the fields the server requires as
//! required and non-empty ([`REQUIRED`]), and the training consent as `true`.
//! Checked by the schema-driven fuzz run in the test suite (tests/it/openapi_fuzz.rs).

use serde_json::{Value, json};

const METHODS: [&str; 5] = ["get", "put", "post", "delete", "patch"];

/// The fields each request body must have (the domain's parsers refuse it without them).
const REQUIRED: &[(&str, &[&str])] = &[
    ("ContactInput", &["province", "district"]),
    ("EducationInput", &["level"]),
    (
        "EmploymentInput",
        &["employer", "job_title", "occupation", "country", "from"],
    ),
    ("IntendedMoveInput", &["destination", "occupation"]),
    ("ClientIn", &["name", "scopes", "office"]),
    (
        "RegistrationInput",
        &[
            "cnic",
            "passport_number",
            "passport_expiry",
            "full_name",
            "guardian_name",
            "guardian_relation",
            "date_of_birth",
            "gender",
            "mobile",
            "province",
            "district",
            "password",
            "consent_training",
        ],
    ),
];

/// Marks the required fields, and every required text field as non-empty.
fn required_fields(doc: &mut Value) {
    let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    for (name, schema) in schemas.iter_mut() {
        let mut required: Vec<String> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        if let Some((_, fields)) = REQUIRED.iter().find(|(n, _)| n == name) {
            for f in *fields {
                if !required.iter().any(|r| r == f) {
                    required.push((*f).to_owned());
                }
            }
        }
        if required.is_empty() {
            continue;
        }
        let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) else {
            continue;
        };
        for field in &required {
            if let Some(p) = props.get_mut(field).and_then(Value::as_object_mut) {
                if p.get("type") == Some(&json!("string")) {
                    p.insert("minLength".into(), json!(1));
                }
                if name == "RegistrationInput" && field == "consent_training" {
                    p.insert("const".into(), json!(true));
                }
            }
        }
        schema["required"] = json!(required);
    }
}

fn problem(description: &str) -> Value {
    json!({
        "description": description,
        "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/ProblemDoc" } } }
    })
}

/// The document, exact.
pub fn exact(doc: &mut Value) {
    required_fields(doc);
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for item in paths.values_mut() {
        for method in METHODS {
            let Some(op) = item.get_mut(method) else {
                continue;
            };
            let secured = op.get("security").is_some_and(|s| {
                s.as_array().is_some_and(|a| {
                    a.iter()
                        .any(|r| r.as_object().is_some_and(|o| !o.is_empty()))
                })
            });
            let has_body = op.get("requestBody").is_some();
            let responses = op
                .as_object_mut()
                .expect("an operation is an object")
                .entry("responses")
                .or_insert_with(|| json!({}));
            let Some(responses) = responses.as_object_mut() else {
                continue;
            };
            // Error answers are problem documents, whatever the annotation said.
            for (status, r) in responses.iter_mut() {
                if status.parse::<u16>().is_ok_and(|code| code >= 400)
                    && let Some(content) = r.get_mut("content").and_then(Value::as_object_mut)
                    && let Some(schema) = content.remove("application/json")
                {
                    content.insert("application/problem+json".into(), schema);
                }
            }
            let mut add = |status: &str, description: &str| {
                responses
                    .entry(status)
                    .or_insert_with(|| problem(description));
            };
            add("400", "The request could not be read (query or body)");
            if secured {
                add("401", "No valid token or client secret");
                add("403", "The account or client may not do this");
            }
            add("404", "Not found (or not yours)");
            if has_body {
                add("413", "The body is too large");
                add("415", "The body is not of the declared type");
            }
            add("422", "A field is invalid");
            add("429", "Too many requests: wait `retry_after` seconds");
            add("500", "Something went wrong on the server");
            add(
                "503",
                "The database is unavailable: nothing was saved; try again after `Retry-After`",
            );
        }
    }
}
