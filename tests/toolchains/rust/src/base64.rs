//! Standard base64 with padding (RFC 4648), how Prisma Client's JSON carries `Bytes` and what the
//! generated structs read: the tests' own, apart from the generator's, as a second opinion.
//! Shared by the check crate (`rows.rs`) and `tests/codegen_rust.rs`, which includes this file.

pub fn encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = String::new();
    for b in bytes {
        bits.push_str(&format!("{b:08b}"));
    }
    while !bits.len().is_multiple_of(6) {
        bits.push('0');
    }
    let mut out: String = (0..bits.len() / 6)
        .map(|i| ALPHABET[usize::from_str_radix(&bits[i * 6..i * 6 + 6], 2).unwrap()] as char)
        .collect();
    while !out.len().is_multiple_of(4) {
        out.push('=');
    }
    out
}

#[test]
fn matches_rfc_4648() {
    for (input, expected) in [
        (&b""[..], ""),
        (b"f", "Zg=="),
        (b"fo", "Zm8="),
        (b"foo", "Zm9v"),
        (b"foob", "Zm9vYg=="),
        (b"fooba", "Zm9vYmE="),
        (b"foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(encode(input), expected);
    }
}
