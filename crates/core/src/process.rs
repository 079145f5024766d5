//! Hardening of the process that holds secrets: no core dumps, no tracing by
//! other programs. A crash of the app (which caches the session's secrets) or
//! of the C++ QR decoder would otherwise write every secret into a core file.

/// What could be turned on; `Err` names what the platform refused.
pub fn harden() -> Result<(), String> {
    imp::harden()
}

#[cfg(target_os = "linux")]
mod imp {
    use rustix::process::{DumpableBehavior, Resource, Rlimit, set_dumpable_behavior, setrlimit};

    pub(super) fn harden() -> Result<(), String> {
        // Not dumpable: no core dump, and only root may ptrace or read
        // /proc/PID/mem (another program of the same user may not).
        set_dumpable_behavior(DumpableBehavior::NotDumpable)
            .map_err(|error| format!("could not turn off core dumps and tracing: {error}"))?;
        no_core_files()
    }

    /// A core size limit of zero, also for a crash before the above.
    pub(super) fn no_core_files() -> Result<(), String> {
        let none = Rlimit {
            current: Some(0),
            maximum: Some(0),
        };
        setrlimit(Resource::Core, none)
            .map_err(|error| format!("could not limit core files: {error}"))
    }
}

#[cfg(all(unix, not(target_os = "linux")))]
mod imp {
    use rustix::process::{Resource, Rlimit, setrlimit};

    pub(super) fn harden() -> Result<(), String> {
        let none = Rlimit {
            current: Some(0),
            maximum: Some(0),
        };
        setrlimit(Resource::Core, none)
            .map_err(|error| format!("could not limit core files: {error}"))
    }
}

#[cfg(not(unix))]
mod imp {
    /// Windows writes no core files of its own; crash dumps are opt-in.
    pub(super) fn harden() -> Result<(), String> {
        Ok(())
    }
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
