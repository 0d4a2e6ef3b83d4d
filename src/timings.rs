//! Timings: how long each stage of a build took, printed when `MICROSITE_TIMINGS` is set.

/// Prints how long each stage took when `MICROSITE_TIMINGS` is set: the profile that
/// guides performance work (see the README's Performance section).
pub struct Timings(Option<std::time::Instant>);

impl Timings {
    pub fn start() -> Timings {
        Timings(std::env::var_os("MICROSITE_TIMINGS").map(|_| std::time::Instant::now()))
    }
    pub fn lap(&mut self, stage: &str) {
        if let Some(started) = self.0 {
            // The peak resident memory so far (Linux), to see which stage holds the most.
            let peak = std::fs::read_to_string("/proc/self/status")
                .ok()
                .and_then(|s| s.lines().find_map(|l| l.strip_prefix("VmHWM:").map(|v| v.trim().to_string())))
                .unwrap_or_default();
            eprintln!("timing: {stage}: {} ms (peak memory {peak})", started.elapsed().as_millis());
            self.0 = Some(std::time::Instant::now());
        }
    }
}
