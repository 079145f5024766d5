//! Hardening of the process that holds secrets: no core dumps, no tracing by
//! other programs. A crash of the app (which caches the session's secrets) or
//! of the C++ QR decoder would otherwise write every secret into a core file.
//! (Windows writes no core files of its own; crash dumps are opt-in there.)

/// Turns on what the platform allows; `Err` names what it refused.
pub fn harden() -> Result<(), String> {
    #[cfg(target_os = "linux")]
    not_dumpable()?;
    #[cfg(unix)]
    no_core_files()?;
    Ok(())
}

/// Not dumpable: no core dump, and only root may ptrace the process or read
/// its memory (another program of the same user may not).
#[cfg(target_os = "linux")]
fn not_dumpable() -> Result<(), String> {
    use rustix::process::{DumpableBehavior, set_dumpable_behavior};
    set_dumpable_behavior(DumpableBehavior::NotDumpable)
        .map_err(|error| format!("could not turn off core dumps and tracing: {error}"))
}

/// A core size limit of zero, for the platforms without the above.
#[cfg(unix)]
fn no_core_files() -> Result<(), String> {
    use rustix::process::{Resource, Rlimit, setrlimit};
    let none = Rlimit {
        current: Some(0),
        maximum: Some(0),
    };
    setrlimit(Resource::Core, none).map_err(|error| format!("could not limit core files: {error}"))
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #![allow(clippy::unwrap_used)]

    use rustix::process::{DumpableBehavior, Resource, dumpable_behavior, getrlimit};

    #[test]
    fn the_process_is_no_longer_dumpable_and_writes_no_core() {
        super::harden().unwrap();
        assert_eq!(dumpable_behavior().unwrap(), DumpableBehavior::NotDumpable);
        assert_eq!(getrlimit(Resource::Core).maximum, Some(0));
    }
}
