import Foundation

/// Runs a command as a child process and measures it: wall time and the child's peak
/// CPU time and peak resident set size (from `wait4`'s rusage), which is what the benchmark
/// reports.
struct ChildProcess {
    struct Measurement {
        var exitCode: Int32
        var seconds: Double
        /// CPU seconds, user plus system, of the child.
        var cpuSeconds: Double
        /// Peak RSS in bytes.
        var peakRSS: Int
    }

    static func run(_ arguments: [String], quiet: Bool = true) throws -> Measurement {
        var pid: pid_t = 0
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if quiet {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let started = DispatchTime.now()
        let status = posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ)
        guard status == 0 else {
            throw NSError(
                domain: "pfocr-kg-bench", code: Int(status),
                userInfo: [NSLocalizedDescriptionKey: "cannot start \(arguments[0])"])
        }
        var exitStatus: Int32 = 0
        var usage = rusage()
        while wait4(pid, &exitStatus, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        let code = (exitStatus & 0x7F) == 0 ? (exitStatus >> 8) & 0xFF : 128 + (exitStatus & 0x7F)
        let cpu =
            Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(
                usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return Measurement(exitCode: code, seconds: seconds, cpuSeconds: cpu, peakRSS: Int(usage.ru_maxrss) * 1024)
    }
}
