//! Random bytes and the identifiers made from them (account ids, Aegis
//! UUIDs, Google transfer batch ids).

/// `N` random bytes from the OS.
pub fn bytes<const N: usize>() -> Result<[u8; N], getrandom::Error> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)?;
    Ok(bytes)
}

/// `N` bytes that only have to differ between calls (ids, not keys): random,
/// or from the clock and process id when the OS has no randomness.
pub fn unique_bytes<const N: usize>() -> [u8; N] {
    bytes().unwrap_or_else(|_| {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|elapsed| elapsed.as_nanos())
            .unwrap_or_default();
        let seed = (nanos ^ (u128::from(std::process::id()) << 96)).to_le_bytes();
        std::array::from_fn(|index| seed[index % seed.len()])
    })
}

/// 128 unique bits as hex: the id of an account or of a pending scan.
pub fn id() -> String {
    hex(&unique_bytes::<16>())
}

/// A random (version 4) UUID, as Aegis names entries, groups and slots.
pub fn uuid() -> Result<String, getrandom::Error> {
    let mut bytes: [u8; 16] = bytes()?;
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex = hex(&bytes);
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    ))
}

/// Lower-case hex, two digits a byte.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_differ_and_uuids_are_version_4() {
        assert_ne!(super::id(), super::id());
        assert_eq!(super::id().len(), 32);
        let uuid = super::uuid().unwrap_or_default();
        assert_eq!(uuid.len(), 36);
        assert_eq!(&uuid[14..15], "4");
        assert!(matches!(&uuid[19..20], "8" | "9" | "a" | "b"), "{uuid}");
    }
}
