//! The one integration-test binary: every flow through HTTP against the real application, each
//! test on SQLite and (with `TEST_DATABASE_URL`) on PostgreSQL, each on a fresh database.

mod harness;

mod access;
mod access_log;
mod accounts_api;
mod accounts_web;
mod authoring;
mod bad_input;
mod certificate_status;
mod cli;
mod content;
mod data_requests;
mod exam;
mod exam_attempts;
mod exam_certificates;
mod exam_race;
mod exam_rounds;
mod exam_signatures;
mod faults;
mod grading;
mod helpdesk;
mod identity;
mod learning;
mod logs;
mod media;
mod openapi_fuzz;
mod ops;
mod otp;
mod people;
mod privacy;
mod profile;
mod protector;
mod repo;
mod retention;
mod sign_in_limits;
mod slow_clients;
mod storage;
mod support;
mod transports;
mod trust_list;
mod uploads;
mod util;
mod verify_cache;
mod worker;
