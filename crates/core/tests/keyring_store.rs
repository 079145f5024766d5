//! The keyring store against a real Secret Service (gnome-keyring, started
//! by `scripts/with-keyring.sh`).

mod common;

use std::collections::HashMap;

use twofold_core::vault::{KeyringStore, SecretStore};

/// A store with a service of its own, empty; `None` (skip) outside a keyring
/// session.
fn store(name: &str) -> Option<KeyringStore> {
    if std::env::var_os("TWOFOLD_IN_KEYRING_SESSION").is_none() {
        common::skip("no test keyring session (run under scripts/with-keyring.sh)");
        return None;
    }
    let service = format!("twofold-store-test-{name}-{}", std::process::id());
    match KeyringStore::new(service) {
        Ok(store) => Some(store),
        Err(error) => panic!("the test keyring is not reachable: {error}"),
    }
}

/// Every entry is read in one round of calls, and exactly as the entry-by-entry
/// path (keyring-core) wrote and reads it: ids, payloads (with non-ASCII text
/// and 4 KiB of it), nothing of another service.
#[test]
fn reads_every_entry_at_once_as_written() {
    let Some(store) = store("batch") else { return };
    let Some(other) = self::store("other") else {
        return;
    };
    other.write("elsewhere", "not ours").unwrap();
    let mut written = HashMap::new();
    for index in 0..40 {
        let id = format!("account-{index}");
        let payload = format!(
            "{{\"v\":2,\"secret\":\"{}\",\"note\":\"Grüße ✓\"}}",
            "A".repeat(index * 100)
        );
        store.write(&id, &payload).unwrap();
        written.insert(id, payload);
    }

    let Some(at_once) = store.read_all_at_once() else {
        panic!("an unlocked keyring is read at once");
    };
    let at_once: HashMap<String, String> = at_once
        .into_iter()
        .map(|(id, payload)| (id, payload.to_string()))
        .collect();
    assert_eq!(at_once, written);
    for (id, payload) in &written {
        assert_eq!(
            store.read(id).unwrap().as_deref().map(String::as_str),
            Some(payload.as_str())
        );
    }

    for id in written.keys() {
        store.delete(id).unwrap();
    }
    other.delete("elsewhere").unwrap();
    assert_eq!(store.read_all_at_once().map(|all| all.len()), Some(0));
}
