//! The outbox's one error type.

/// Why a destination's encryption key was not used. Nothing is sealed with a refused
/// key; the application stays waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyRefusal {
    /// Not an RSA key, or its modulus is under 4096 bits.
    TooWeak,
    /// `alg` is not `RSA-OAEP-256` or `key_ops` lacks `wrapKey`.
    WrongUse,
    /// Its `kid` is not the one the route or destination named.
    WrongKid,
    /// No `x5c`, or its leaf does not hold this key.
    NoCertificate,
    /// The chain does not lead to a trusted root.
    UntrustedChain,
    /// A certificate of the chain is expired or not yet valid.
    Expired,
    /// A certificate's key usage does not allow encryption keys / signing certificates.
    WrongKeyUsage,
}

impl KeyRefusal {
    /// A stable name for logs and tests.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyRefusal::TooWeak => "too-weak",
            KeyRefusal::WrongUse => "wrong-use",
            KeyRefusal::WrongKid => "wrong-kid",
            KeyRefusal::NoCertificate => "no-certificate",
            KeyRefusal::UntrustedChain => "untrusted-chain",
            KeyRefusal::Expired => "expired",
            KeyRefusal::WrongKeyUsage => "wrong-key-usage",
        }
    }
}

impl std::fmt::Display for KeyRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What can go wrong in the outbox. Every variant leaves a waiting application waiting.
#[derive(Debug, thiserror::Error)]
pub enum OutboxError {
    /// The destination's key failed a check: nothing was sealed or sent with it.
    #[error("the destination's key was refused: {0}")]
    DestinationKey(KeyRefusal),
    /// No destination serves this service in this region.
    #[error("no destination for this service in this municipality")]
    NoRoute,
    /// The network failed (refused, dropped, timed out): tried again later.
    #[error("the municipality could not be reached: {0}")]
    Network(String),
    /// The server answered with a problem (`urn:amtsweg:problem:<name>`) or a status the
    /// API does not name.
    #[error("the municipality refused: {name} ({status})")]
    Refused {
        status: u16,
        name: String,
        retry_after: Option<u64>,
    },
    /// The server answered something that is not the API (not JSON, missing fields).
    #[error("the municipality answered something unexpected: {0}")]
    Garbage(String),
    /// An event token whose signature does not verify against the server's keys.
    #[error("an event token was refused: {0}")]
    EventRefused(String),
    /// An attachment over its limit or of a type the application may not carry.
    #[error("an attachment was refused: {0}")]
    AttachmentRefused(String),
    /// The metadata does not validate against the official FIT-Connect schema.
    #[error("the metadata is not valid: {0}")]
    Metadata(String),
    /// A cryptographic primitive failed (random source, key parsing).
    #[error("a cryptographic operation failed: {0}")]
    Crypto(String),
    /// The application or its record is not what the outbox wrote.
    #[error("the outbox record is not readable: {0}")]
    Record(String),
    /// An endpoint that is neither HTTPS nor loopback, or another bad setting.
    #[error("invalid configuration: {0}")]
    Config(String),
    #[error(transparent)]
    Vault(#[from] amtsweg_vault::VaultError),
}
