//! Every entry of a service in one go, or a few by their ids, on the Secret
//! Service.
//!
//! `keyring-core` reads an entry at a time and waits for each reply: for 200
//! accounts some 400 round trips to the keyring daemon, most of the time of
//! `twofold list --codes`. Here the secrets come in one `GetSecrets` call,
//! and the entries' attributes (which account each one is), or the searches
//! for a few ids, are asked for all at once on one connection, so nobody
//! waits between them.
//!
//! The secrets travel in a session encrypted as `keyring-core`'s are (the
//! Secret Service's `dh-ietf1024-sha256-aes128-cbc-pkcs7`). Only the plain
//! case is served: when an entry is locked, or anything goes wrong, the
//! caller reads entry by entry through `keyring-core`, which asks the user to
//! unlock and sorts errors into ones the user can act on.

use std::collections::HashMap;
use std::sync::LazyLock;

use aes::cipher::{BlockDecryptMut, KeyIvInit, block_padding::Pkcs7};
use futures_util::future::try_join_all;
use hmac::{Hmac, Mac};
use num_bigint::BigUint;
use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::Sha256;
use zbus::zvariant::{DynamicType, ObjectPath, OwnedObjectPath, OwnedValue, Type, Value};
use zeroize::Zeroizing;

const SERVICE: &str = "org.freedesktop.secrets";
static ROOT: ObjectPath<'static> =
    ObjectPath::from_static_str_unchecked("/org/freedesktop/secrets");
const KEYRING: &str = "org.freedesktop.Secret.Service";
const ALGORITHM: &str = "dh-ietf1024-sha256-aes128-cbc-pkcs7";

/// The 1024-bit MODP group of RFC 2409 (generator 2), as the spec says.
static PRIME: LazyLock<BigUint> = LazyLock::new(|| {
    BigUint::parse_bytes(
        b"FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74\
          020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F1437\
          4FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED\
          EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF",
        16,
    )
    .unwrap_or_default()
});

/// What `GetSecrets` gives for each item: session, parameters (the IV),
/// value, content type.
type SecretStruct = (OwnedObjectPath, Vec<u8>, Vec<u8>, String);

#[derive(Debug)]
struct Failed;

impl From<zbus::Error> for Failed {
    fn from(_: zbus::Error) -> Self {
        Failed
    }
}

impl From<zbus::zvariant::Error> for Failed {
    fn from(_: zbus::zvariant::Error) -> Self {
        Failed
    }
}

/// The entries of `service` by account id, `None` when they cannot all be
/// read here without asking the user anything.
pub(super) fn read_all(service: &str) -> Option<HashMap<String, Zeroizing<String>>> {
    zbus::block_on(read_every(service)).ok().flatten()
}

/// The entries of `ids` that exist in `service`, `None` as for [`read_all`]
/// (and when an id has several entries, which `keyring-core` reports). A few
/// entries are found by their ids: the whole service would need every
/// entry's attributes.
pub(super) fn read_some(service: &str, ids: &[&str]) -> Option<HashMap<String, Zeroizing<String>>> {
    zbus::block_on(read_listed(service, ids)).ok().flatten()
}

async fn read_every(service: &str) -> Result<Option<HashMap<String, Zeroizing<String>>>, Failed> {
    let session = Session::open().await?;
    let Some(items) = session.search(&[("service", service)]).await? else {
        return Ok(None);
    };
    let attributes = try_join_all(items.iter().map(|item| {
        let bus = session.bus.clone();
        async move {
            let value: OwnedValue = call(
                &bus,
                item,
                "org.freedesktop.DBus.Properties",
                "Get",
                &("org.freedesktop.Secret.Item", "Attributes"),
            )
            .await?;
            Ok::<_, Failed>(HashMap::<String, String>::try_from(value)?)
        }
    }));
    let (mut secrets, attributes) = futures_util::try_join!(session.secrets(&items), attributes)?;
    session.close().await;

    let mut all = HashMap::with_capacity(items.len());
    for (item, attributes) in items.iter().zip(attributes) {
        // An entry without an account id is not Twofold's (`keyring-core`'s
        // search skips it too).
        let Some(id) = attributes.get("username") else {
            continue;
        };
        all.insert(id.clone(), secrets.remove(item).ok_or(Failed)?);
    }
    Ok(Some(all))
}

async fn read_listed(
    service: &str,
    ids: &[&str],
) -> Result<Option<HashMap<String, Zeroizing<String>>>, Failed> {
    let session = Session::open().await?;
    let found = try_join_all(ids.iter().map(|id| {
        let session = &session;
        async move {
            session
                .search(&[("service", service), ("username", id)])
                .await
        }
    }))
    .await?;
    let mut items = Vec::with_capacity(ids.len());
    for (id, found) in ids.iter().zip(found) {
        match found.as_deref() {
            None => return Ok(None),
            Some([]) => {}
            Some([item]) => items.push((*id, item.clone())),
            Some(_) => return Ok(None),
        }
    }
    let paths: Vec<OwnedObjectPath> = items.iter().map(|(_, item)| item.clone()).collect();
    let mut secrets = session.secrets(&paths).await?;
    session.close().await;
    items
        .into_iter()
        .map(|(id, item)| Ok((id.to_owned(), secrets.remove(&item).ok_or(Failed)?)))
        .collect::<Result<_, Failed>>()
        .map(Some)
}

/// An encrypted session with the keyring daemon, on one connection.
struct Session {
    bus: zbus::Connection,
    path: OwnedObjectPath,
    key: Zeroizing<[u8; 16]>,
}

impl Session {
    async fn open() -> Result<Self, Failed> {
        let bus = zbus::Connection::session().await?;
        // The exponent lives as long as this one session (num-bigint cannot
        // wipe it; the bytes it came from are wiped).
        let private = random_exponent()?;
        let public = BigUint::from(2u32).modpow(&private, &PRIME);
        let (output, path): (OwnedValue, OwnedObjectPath) = call(
            &bus,
            &ROOT,
            KEYRING,
            "OpenSession",
            &(ALGORITHM, Value::from(public.to_bytes_be())),
        )
        .await?;
        let key = session_key(&private, &Vec::<u8>::try_from(output)?)?;
        Ok(Self { bus, path, key })
    }

    /// The items with these attributes; `None` when some are locked (only
    /// `keyring-core`, which asks the user to unlock, reads those).
    async fn search(
        &self,
        attributes: &[(&str, &str)],
    ) -> Result<Option<Vec<OwnedObjectPath>>, Failed> {
        let attributes: HashMap<&str, &str> = attributes.iter().copied().collect();
        let (unlocked, locked): (Vec<OwnedObjectPath>, Vec<OwnedObjectPath>) =
            call(&self.bus, &ROOT, KEYRING, "SearchItems", &(attributes,)).await?;
        Ok(locked.is_empty().then_some(unlocked))
    }

    /// The secrets of `items` as text, in one `GetSecrets` call.
    async fn secrets(
        &self,
        items: &[OwnedObjectPath],
    ) -> Result<HashMap<OwnedObjectPath, Zeroizing<String>>, Failed> {
        let request = (items, &self.path);
        let secrets: HashMap<OwnedObjectPath, SecretStruct> =
            call(&self.bus, &ROOT, KEYRING, "GetSecrets", &request).await?;
        secrets
            .into_iter()
            .map(|(item, (_, iv, value, _))| {
                let plain = decrypt(&self.key, &iv, &value)?;
                // A secret that is not text is an error there, not a silent skip.
                let text = String::from_utf8(plain.to_vec()).map_err(|_| Failed)?;
                Ok((item, Zeroizing::new(text)))
            })
            .collect()
    }

    async fn close(self) {
        let _: Result<(), _> = call(
            &self.bus,
            &self.path,
            "org.freedesktop.Secret.Session",
            "Close",
            &(),
        )
        .await;
    }
}

/// Calls `method` of `interface` on the keyring's object at `path`, and
/// reads the reply.
async fn call<R: DeserializeOwned + Type>(
    bus: &zbus::Connection,
    path: &ObjectPath<'_>,
    interface: &str,
    method: &str,
    body: &(impl Serialize + DynamicType),
) -> Result<R, Failed> {
    let reply = bus
        .call_method(Some(SERVICE), path, Some(interface), method, body)
        .await?;
    Ok(reply.body().deserialize()?)
}

fn random_exponent() -> Result<BigUint, Failed> {
    let mut bytes = Zeroizing::new([0u8; 128]);
    getrandom::fill(bytes.as_mut()).map_err(|_| Failed)?;
    Ok(BigUint::from_bytes_be(bytes.as_ref()))
}

/// The session's AES-128 key: HKDF-SHA256 (no salt, no info) of the shared
/// secret as 128 big-endian bytes.
fn session_key(private: &BigUint, theirs: &[u8]) -> Result<Zeroizing<[u8; 16]>, Failed> {
    let shared = BigUint::from_bytes_be(theirs).modpow(private, &PRIME);
    let bytes = Zeroizing::new(shared.to_bytes_be());
    let mut padded = Zeroizing::new([0u8; 128]);
    let start = padded.len().checked_sub(bytes.len()).ok_or(Failed)?;
    padded[start..].copy_from_slice(&bytes);
    let extract = Hmac::<Sha256>::new_from_slice(&[0; 32])
        .map_err(|_| Failed)?
        .chain_update(padded.as_ref())
        .finalize()
        .into_bytes();
    let expand = Hmac::<Sha256>::new_from_slice(&extract)
        .map_err(|_| Failed)?
        .chain_update([1])
        .finalize()
        .into_bytes();
    let mut key = Zeroizing::new([0u8; 16]);
    key.copy_from_slice(&expand[..16]);
    Ok(key)
}

fn decrypt(key: &[u8; 16], iv: &[u8], value: &[u8]) -> Result<Zeroizing<Vec<u8>>, Failed> {
    let mut buffer = Zeroizing::new(value.to_vec());
    let plain = cbc::Decryptor::<aes::Aes128>::new_from_slices(key, iv)
        .map_err(|_| Failed)?
        .decrypt_padded_mut::<Pkcs7>(&mut buffer)
        .map_err(|_| Failed)?
        .len();
    buffer.truncate(plain);
    Ok(buffer)
}
