//! gdpr-inbox: keeps the GDPR promises of small practices by watching their inbox.

pub mod classify;
pub mod domain;
pub mod legal_clock;
pub mod message;
pub mod cases;
pub mod clock;
pub mod cli;
pub mod config;
pub mod daemon;
pub mod mail;
pub mod replies;
pub mod storage;
