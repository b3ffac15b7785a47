//! gdpr-inbox: keeps the GDPR promises of small practices by watching their inbox.

pub mod cases;
pub mod classify;
pub mod cli;
pub mod clock;
pub mod config;
pub mod daemon;
pub mod domain;
pub mod legal_clock;
pub mod mail;
pub mod message;
pub mod replies;
pub mod storage;
