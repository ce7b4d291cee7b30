//! PakSoftSkills portal: the web pages, the JSON API, the background worker and the admin
//! commands, in one binary. `docs/ARCHITECTURE.md` is the map; each feature folder starts with a
//! `//!` saying what it is for.

pub mod access;
pub mod account;
pub mod admin;
pub mod api;
pub mod audit;
pub mod auth;
pub mod authoring;
pub mod bidi;
pub mod certificate;
pub mod cli;
pub mod config;
pub mod content;
pub mod crypto;
pub mod error;
pub mod exam;
pub mod grading;
pub mod hec;
pub mod helpdesk;
pub mod home;
pub mod i18n;
pub mod identity;
pub mod learning;
pub mod loaddata;
pub mod loaddata_placement;
pub mod media;
pub mod notices;
pub mod notify;
pub mod ops;
pub mod orgs;
pub mod policy;
pub mod privacy;
pub mod protector;
pub mod serve;
pub mod startup;
pub mod state;
pub mod support;
pub mod telemetry;
pub mod time;
pub mod web;
