//! TLS for every driver: the user's TLS settings (libpq's `sslmode` and its MySQL twins), the
//! rustls client configuration that carries them out, and TLS failures told in words.
//!
//! Rules: one rustls (with ring: no OpenSSL to build or run) for every driver. What each mode
//! verifies is libpq's: `prefer` and `require` encrypt without checking the certificate (unless
//! a root certificate is given, which makes `require` check the chain, as libpq does);
//! `verify-ca` checks the chain; `verify-full` checks the chain and the host name. Handshake
//! signatures are checked in every mode, so an unverified connection is still encrypted to the
//! holder of the certificate's key.

use super::ConnectError;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How much TLS a connection asks for, from none to a verified host, in libpq's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum TlsMode {
    /// Never TLS.
    Disable,
    /// Plain first; TLS (unverified) if the server refuses a plain connection.
    Allow,
    /// TLS (unverified) if the server offers it, else plain.
    #[default]
    Prefer,
    /// TLS, unverified.
    Require,
    /// TLS, the certificate chain verified.
    VerifyCa,
    /// TLS, the chain and the host name verified.
    VerifyFull,
}

impl TlsMode {
    pub fn verifies_chain(self) -> bool {
        self >= TlsMode::VerifyCa
    }

    /// The URL parameter value, in libpq's spelling, for messages.
    pub fn name(self) -> &'static str {
        match self {
            TlsMode::Disable => "disable",
            TlsMode::Allow => "allow",
            TlsMode::Prefer => "prefer",
            TlsMode::Require => "require",
            TlsMode::VerifyCa => "verify-ca",
            TlsMode::VerifyFull => "verify-full",
        }
    }
}

/// The certificates a server's chain must lead to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RootCert {
    /// A PEM file of one or more CA certificates.
    File(PathBuf),
    /// The operating system's trust store (`sslrootcert=system`).
    System,
}

/// The TLS settings of one URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TlsOptions {
    pub mode: TlsMode,
    pub root_cert: Option<RootCert>,
    /// Client certificate chain and private key, PEM files.
    pub client_cert: Option<(PathBuf, PathBuf)>,
    /// PostgreSQL 17's direct TLS negotiation (`sslnegotiation=direct`).
    pub direct: bool,
}

impl TlsOptions {
    /// The rustls configuration for these settings; `alpn` is offered when given.
    pub fn client_config(&self, alpn: Option<&[u8]>) -> Result<Arc<ClientConfig>, ConnectError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(|e| ConnectError::Tls(format!("TLS setup failed: {e}")))?;
        let verifier: Arc<dyn ServerCertVerifier> = if self.mode.verifies_chain() {
            let roots = self.roots()?;
            let webpki = rustls::client::WebPkiServerVerifier::builder_with_provider(
                Arc::new(roots),
                provider.clone(),
            )
            .build()
            .map_err(|e| ConnectError::Tls(format!("TLS setup failed: {e}")))?;
            if self.mode == TlsMode::VerifyFull {
                webpki
            } else {
                Arc::new(ChainOnly(webpki))
            }
        } else {
            Arc::new(Unverified(provider))
        };
        let builder = builder
            .dangerous()
            .with_custom_certificate_verifier(verifier);
        let mut config = match &self.client_cert {
            None => builder.with_no_client_auth(),
            Some((cert, key)) => builder
                .with_client_auth_cert(read_certs(cert)?, read_key(key)?)
                .map_err(|e| {
                    ConnectError::Tls(format!(
                        "client certificate {} and key {} do not go together: {e}",
                        cert.display(),
                        key.display()
                    ))
                })?,
        };
        if let Some(alpn) = alpn {
            config.alpn_protocols = vec![alpn.to_vec()];
        }
        Ok(Arc::new(config))
    }

    fn roots(&self) -> Result<RootCertStore, ConnectError> {
        let mut roots = RootCertStore::empty();
        match &self.root_cert {
            Some(RootCert::File(path)) => {
                for cert in read_certs(path)? {
                    roots.add(cert).map_err(|e| {
                        ConnectError::Tls(format!(
                            "sslrootcert {}: not a usable CA certificate: {e}",
                            path.display()
                        ))
                    })?;
                }
            }
            Some(RootCert::System) => {
                let found = rustls_native_certs::load_native_certs();
                roots.add_parsable_certificates(found.certs);
                if roots.is_empty() {
                    return Err(ConnectError::Tls(
                        "sslrootcert=system: the operating system's trust store holds no certificates (install ca-certificates)".to_owned(),
                    ));
                }
            }
            None => {
                // libpq's default root certificate file; without it, verification is impossible.
                let default = std::env::var_os("HOME")
                    .map(|home| Path::new(&home).join(".postgresql/root.crt"))
                    .filter(|p| p.is_file());
                let Some(default) = default else {
                    return Err(ConnectError::Tls(format!(
                        "sslmode={} verifies the server's certificate but no root certificate was given: add sslrootcert=/path/to/ca.pem (your provider's CA bundle) or sslrootcert=system (the operating system's trust store)",
                        self.mode.name()
                    )));
                };
                return TlsOptions {
                    root_cert: Some(RootCert::File(default)),
                    ..self.clone()
                }
                .roots();
            }
        }
        Ok(roots)
    }
}

fn read_certs(path: &Path) -> Result<Vec<CertificateDer<'static>>, ConnectError> {
    let data = read_file(path)?;
    let certs: Vec<_> = rustls_pemfile::certs(&mut data.as_slice())
        .collect::<Result<_, _>>()
        .map_err(|e| {
            ConnectError::Tls(format!(
                "{}: not a PEM certificate file: {e}",
                path.display()
            ))
        })?;
    if certs.is_empty() {
        return Err(ConnectError::Tls(format!(
            "{}: holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
            path.display()
        )));
    }
    Ok(certs)
}

fn read_key(path: &Path) -> Result<PrivateKeyDer<'static>, ConnectError> {
    let data = read_file(path)?;
    match rustls_pemfile::private_key(&mut data.as_slice()) {
        Ok(Some(key)) => Ok(key),
        Ok(None) => Err(ConnectError::Tls(format!(
            "{}: holds no unencrypted PEM private key (PKCS#8, PKCS#1 or SEC1)",
            path.display()
        ))),
        Err(e) => Err(ConnectError::Tls(format!(
            "{}: not a PEM private key: {e}",
            path.display()
        ))),
    }
}

fn read_file(path: &Path) -> Result<Vec<u8>, ConnectError> {
    std::fs::read(path)
        .map_err(|e| ConnectError::Tls(format!("cannot read {}: {e}", path.display())))
}

/// `verify-ca`: the chain must lead to a root; the host name is not checked.
#[derive(Debug)]
struct ChainOnly(Arc<rustls::client::WebPkiServerVerifier>);

impl ServerCertVerifier for ChainOnly {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        // webpki checks the chain before the name: a name error means the chain held.
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

/// `prefer` and `require`: any certificate, but the handshake must be signed by its key.
#[derive(Debug)]
struct Unverified(Arc<rustls::crypto::CryptoProvider>);

impl ServerCertVerifier for Unverified {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// A TLS failure among `error`'s causes (a rustls error, or an I/O error carrying one), in
/// words.
pub fn describe_failure(error: &(dyn std::error::Error + 'static)) -> Option<String> {
    let mut cause = Some(error);
    while let Some(e) = cause {
        if let Some(tls) = e.downcast_ref::<rustls::Error>() {
            return Some(describe_rustls(tls));
        }
        if let Some(io) = e.downcast_ref::<std::io::Error>()
            && let Some(inner) = io.get_ref()
            && let Some(tls) = inner.downcast_ref::<rustls::Error>()
        {
            return Some(describe_rustls(tls));
        }
        cause = e.source();
    }
    None
}

/// A rustls error as a user reads it.
pub fn describe_rustls(error: &rustls::Error) -> String {
    use rustls::Error as E;
    match error {
        E::InvalidCertificate(cert) => match cert {
            CertificateError::UnknownIssuer => "TLS: certificate not trusted: the server's certificate is not signed by a CA in sslrootcert".to_owned(),
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                "TLS: host name does not match the server's certificate (connect with a name the certificate was issued for, or check the chain only: sslmode=verify-ca, ssl-mode=VERIFY_CA)".to_owned()
            }
            CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                "TLS: the server's certificate has expired".to_owned()
            }
            CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                "TLS: the server's certificate is not valid yet (check the clock)".to_owned()
            }
            CertificateError::Revoked => "TLS: the server's certificate was revoked".to_owned(),
            CertificateError::BadSignature => {
                "TLS: the server's certificate has a bad signature".to_owned()
            }
            other => format!("TLS: the server's certificate was refused: {other:?}"),
        },
        E::AlertReceived(rustls::AlertDescription::ProtocolVersion)
        | E::PeerIncompatible(rustls::PeerIncompatible::ServerDoesNotSupportTls12Or13) => {
            "TLS: the server speaks only TLS versions older than 1.2, which tether does not (raise the server's ssl_min_protocol_version / tls_version)".to_owned()
        }
        E::AlertReceived(
            alert @ (rustls::AlertDescription::CertificateRequired
            | rustls::AlertDescription::BadCertificate
            | rustls::AlertDescription::UnknownCA
            | rustls::AlertDescription::AccessDenied),
        ) => format!(
            "TLS: the server refused the client certificate ({alert:?}); give the one it trusts with sslcert and sslkey"
        ),
        E::AlertReceived(alert) => format!("TLS: the server ended the handshake ({alert:?})"),
        E::NoCertificatesPresented => "TLS: the server presented no certificate".to_owned(),
        other => format!("TLS: {other}"),
    }
}
