//! Named failpoints for the kill-and-restart tests. Without the `failpoints` feature
//! `hit` is an empty inline function and costs nothing in shipped builds.

/// Marks a step of the sending. With the feature, and when the environment variable
/// `AMTSWEG_OUTBOX_FAILPOINT` names this point, prints `FAILPOINT <name>` on stdout and
/// blocks the thread for good, so the test kills the process exactly there.
#[cfg(not(feature = "failpoints"))]
#[inline(always)]
pub(crate) fn hit(_name: &'static str) {}

#[cfg(feature = "failpoints")]
pub(crate) fn hit(name: &'static str) {
    use std::io::Write;
    if std::env::var("AMTSWEG_OUTBOX_FAILPOINT").as_deref() != Ok(name) {
        return;
    }
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "FAILPOINT {name}");
    let _ = out.flush();
    drop(out);
    // Parked until the test's SIGKILL; `park` may wake spuriously, hence the loop.
    loop {
        std::thread::park();
    }
}
