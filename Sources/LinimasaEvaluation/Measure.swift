import Dispatch
import Foundation

/// Clocks and memory gauges for the benchmarks.
public enum Measure {
    public static func since(_ t: inout UInt64) -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { t = now }
        return Double(now - t) / 1e9
    }

    /// Resident memory now (from /proc/self/statm), in MiB.
    public static func currentMegabytes() -> Int {
        guard let s = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let f = s.split(separator: " ")
        guard f.count > 1, let pages = Int(f[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / (1 << 20)
    }

    public static func peakMegabytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }
}
