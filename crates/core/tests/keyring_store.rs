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

/// A few entries are read by their ids in one round of calls: those asked
/// for and nothing else, an id without an entry left out.
#[test]
fn reads_a_few_entries_at_once_by_their_ids() {
    let Some(store) = store("some") else { return };
    for index in 0..10 {
        store
            .write(&format!("account-{index}"), &format!("payload {index} ✓"))
            .unwrap();
    }

    let Some(found) = store.read_some_at_once(&["account-3", "account-7", "account-missing"])
    else {
        panic!("an unlocked keyring is read at once");
    };
    let found: HashMap<String, String> = found
        .into_iter()
        .map(|(id, payload)| (id, payload.to_string()))
        .collect();
    assert_eq!(
        found,
        HashMap::from([
            ("account-3".to_owned(), "payload 3 ✓".to_owned()),
            ("account-7".to_owned(), "payload 7 ✓".to_owned()),
        ])
    );
    assert_eq!(
        store.read_some(&["account-1"]).unwrap().len(),
        1,
        "through the SecretStore trait too"
    );

    for index in 0..10 {
        store.delete(&format!("account-{index}")).unwrap();
    }
}
