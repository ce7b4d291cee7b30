//! Certificates (DESIGN.md section 6), pure and without I/O:
//!
//! - [`number`]: the number people type, `PSS-7KQ4-M2XD-9`: eight random Crockford base32
//!   characters and a check character (Luhn mod 32), never sequential.
//! - [`seal`]: the signed payload. CBOR claims, signed with Ed25519 in a COSE_Sign1 envelope
//!   (RFC 9052; algorithm EdDSA, the key id in the protected header), compressed with zlib and
//!   written in base45 after the prefix `PSS1:`, as the EU Digital COVID Certificate does with
//!   `HC1:`. It verifies offline with the published public keys, each within its validity window.
//! - [`trust`]: the signed trust list (keys with their windows, revoked and superseded numbers) that
//!   offline checks use to see revocations.
//! - [`link`]: the QR code's link, `<BASE>/V/<digits>`, compact in a QR code's numeric mode.

pub mod link;
pub mod number;
pub mod seal;
pub mod trust;

pub use number::CertNumber;
pub use seal::{Claims, PublicKey, SealError, Signer};
