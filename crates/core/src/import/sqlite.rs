//! The internal databases of some apps (SQLite, copied from a rooted phone).
//! A file from elsewhere is hostile until read: it is opened in memory from
//! a copy (nothing is written next to it, no journal is replayed), read-only,
//! in SQLite's defensive mode with cell checks on, and with room after its
//! end, since SQLite may read a little past a malformed database.

use rusqlite::{Connection, OpenFlags};

use super::ImportError;

const MAGIC: &[u8] = b"SQLite format 3\0";
/// Where the schema is looked for when detecting the app: page 1 and what
/// follows it (a long schema overflows the first page).
const SCHEMA_BYTES: usize = 256 * 1024;
/// Zeros after the copy (SQLite's largest page).
const SLACK: usize = 64 * 1024;

/// A database whose schema mentions each of `fragments` (table or column
/// definitions as the app writes them).
pub(super) fn looks_like(bytes: &[u8], fragments: &[&[u8]]) -> bool {
    let schema = &bytes[..bytes.len().min(SCHEMA_BYTES)];
    bytes.starts_with(MAGIC)
        && fragments.iter().all(|fragment| {
            schema
                .windows(fragment.len())
                .any(|window| window == *fragment)
        })
}

/// The database in memory, read-only.
pub(super) fn open(bytes: &[u8]) -> Result<Connection, ImportError> {
    if !bytes.starts_with(MAGIC) || bytes.len() < 100 {
        return Err(ImportError::Damaged("not an SQLite database".into()));
    }
    if bytes.len() < expected_size(bytes) {
        return Err(ImportError::Damaged("the database is cut short".into()));
    }
    let mut copy = bytes.to_vec();
    // A database in WAL mode (header bytes 18–19 = 2) cannot open in memory;
    // its WAL file is not here anyway, so read it as a rollback database.
    copy[18] = 1;
    copy[19] = 1;
    copy.resize(bytes.len() + SLACK, 0);
    let mut connection = Connection::open_in_memory_with_flags(
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(damaged)?;
    connection
        .set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)
        .map_err(damaged)?;
    let size = copy.len();
    connection
        .deserialize_read_exact(rusqlite::MAIN_DB, copy.as_slice(), size, true)
        .map_err(damaged)?;
    connection
        .execute_batch(
            "PRAGMA cell_size_check = ON; PRAGMA trusted_schema = OFF; PRAGMA query_only = ON;",
        )
        .map_err(damaged)?;
    Ok(connection)
}

/// The size the header gives (page size × page count), when the header
/// vouches for its page count; 0 when it does not.
fn expected_size(header: &[u8]) -> usize {
    let number = |at: usize| {
        header.get(at..at + 4).map_or(0, |bytes| {
            u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
        })
    };
    let page_size = match header.get(16..18) {
        Some([0, 1]) => 65_536,
        Some(&[high, low]) => usize::from(u16::from_be_bytes([high, low])),
        _ => 0,
    };
    // The page count is valid when "version-valid-for" equals the change
    // counter (SQLite ≥ 3.7.0 writes both).
    if number(92) != number(24) {
        return 0;
    }
    page_size.saturating_mul(number(28) as usize)
}

/// Every row of `sql`, each made by `row`.
pub(super) fn rows<T>(
    connection: &Connection,
    sql: &str,
    row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>, ImportError> {
    let mut statement = connection.prepare(sql).map_err(damaged)?;
    let rows = statement.query_map([], row).map_err(damaged)?;
    rows.collect::<Result<_, _>>().map_err(damaged)
}

/// A text column; NULL reads as empty.
pub(super) fn text(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<String> {
    Ok(row.get::<_, Option<String>>(at)?.unwrap_or_default())
}

/// An integer column; NULL reads as 0.
pub(super) fn number(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<i64> {
    Ok(row.get::<_, Option<i64>>(at)?.unwrap_or(0))
}

fn damaged(error: rusqlite::Error) -> ImportError {
    ImportError::Damaged(format!("the database cannot be read ({error})"))
}

/// A database made by SQL, as bytes, for the modules' tests.
#[cfg(test)]
pub(super) fn database(sql: &str) -> Vec<u8> {
    #![allow(clippy::unwrap_used)]
    let connection = Connection::open_in_memory().unwrap();
    connection.execute_batch(sql).unwrap();
    connection.serialize(rusqlite::MAIN_DB).unwrap().to_vec()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn reads_from_memory_and_refuses_what_is_not_a_database() {
        let bytes = database("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('a'), ('b');");
        assert!(looks_like(&bytes, &[b"CREATE TABLE t (x TEXT)"]));
        let connection = open(&bytes).unwrap();
        let values = rows(&connection, "SELECT x FROM t", |row| {
            row.get::<_, String>(0)
        })
        .unwrap();
        assert_eq!(values, ["a", "b"]);
        assert!(
            connection
                .execute("INSERT INTO t VALUES ('c')", [])
                .is_err(),
            "read-only"
        );
        assert!(matches!(
            open(b"SQLite format 3\0 cut short"),
            Err(ImportError::Damaged(_))
        ));
        let mut broken = bytes.clone();
        broken.truncate(bytes.len() / 2);
        assert!(
            open(&broken)
                .and_then(|connection| rows(&connection, "SELECT x FROM t", |row| row
                    .get::<_, String>(0)))
                .is_err()
        );
    }
}
