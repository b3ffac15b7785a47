//! The SMTP side: hand one pre-built message to the submission server with lettre.
//!
//! It only transmits; the outbox decides when and whether to. An error says whether trying
//! again later can help ([`SendError::Transient`]) or not ([`SendError::Permanent`]).

use std::time::Duration;

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use super::MailError;
use crate::config::{Security, ServerConfig};

/// Why a message was not sent.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// Connection trouble or a 4xx answer: try again later.
    #[error("{0}")]
    Transient(MailError),
    /// A 5xx answer (e.g. recipient refused): trying again will not help.
    #[error("{0}")]
    Permanent(MailError),
}

/// A configured SMTP submission server.
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    server: String,
}

impl Smtp {
    pub fn new(config: &ServerConfig) -> Result<Smtp, MailError> {
        let server = format!("smtp {}:{}", config.host, config.port);
        let fail = |message: String| MailError::new(&server, message);
        let builder = match config.security {
            Security::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&config.host),
            Security::Starttls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&config.host)
            }
            Security::None => Ok(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(
                &config.host,
            )),
        }
        .map_err(|e| fail(format!("invalid smtp.host: {e}")))?;
        let mut builder = builder
            .port(config.port)
            .timeout(Some(Duration::from_secs(60)));
        if let Some(ca_file) = &config.ca_file {
            let pem = std::fs::read(ca_file)
                .map_err(|e| fail(format!("smtp.ca_file {}: {e}", ca_file.display())))?;
            let certificate = Certificate::from_pem(&pem)
                .map_err(|e| fail(format!("smtp.ca_file {}: {e}", ca_file.display())))?;
            let parameters = TlsParameters::builder(config.host.clone())
                .add_root_certificate(certificate)
                .build_rustls()
                .map_err(|e| fail(format!("TLS set-up: {e}")))?;
            builder = match config.security {
                Security::Tls => builder.tls(Tls::Wrapper(parameters)),
                Security::Starttls => builder.tls(Tls::Required(parameters)),
                Security::None => builder,
            };
        }
        if let Some(password) = config.password().map_err(fail)? {
            let username = config.username.clone().unwrap_or_default();
            builder =
                builder.credentials(Credentials::new(username, password.expose().to_string()));
        }
        Ok(Smtp {
            transport: builder.build(),
            server,
        })
    }

    /// Check that the server answers and accepts our login.
    pub async fn test_connection(&self) -> Result<(), MailError> {
        match self.transport.test_connection().await {
            Ok(true) => Ok(()),
            Ok(false) => Err(MailError::new(
                &self.server,
                "the server did not accept the connection",
            )),
            Err(e) => Err(MailError::new(
                &self.server,
                format!("{e}; check smtp.host, smtp.port, smtp.security and the login"),
            )),
        }
    }

    /// Send `raw` from `from` to `to`.
    pub async fn send(&self, from: &str, to: &str, raw: &[u8]) -> Result<(), SendError> {
        let fail = |m: String| MailError::new(&self.server, m);
        let envelope = Envelope::new(
            Some(
                from.parse()
                    .map_err(|_| SendError::Permanent(fail(format!("invalid sender {from:?}"))))?,
            ),
            vec![to
                .parse()
                .map_err(|_| SendError::Permanent(fail(format!("invalid recipient {to:?}"))))?],
        )
        .map_err(|e| SendError::Permanent(fail(e.to_string())))?;
        match self.transport.send_raw(&envelope, raw).await {
            Ok(_) => Ok(()),
            Err(e) if e.is_permanent() => Err(SendError::Permanent(fail(e.to_string()))),
            Err(e) => Err(SendError::Transient(fail(e.to_string()))),
        }
    }
}
