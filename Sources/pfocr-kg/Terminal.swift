import Foundation
import PFOCRGraph

/// Standard error output: diagnostics, summaries and progress.
enum Terminal {
    /// True when standard error is a terminal (then a progress bar is drawn).
    static let isInteractive = isatty(STDERR_FILENO) != 0

    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Progress on standard error: a bar on a terminal, a line every 10 s elsewhere, nothing
    /// with `--quiet` (``ProgressMeter`` decides what and when).
    final class Progress {
        private var meter: ProgressMeter?
        private var barShown = false

        init(quiet: Bool) {
            meter = quiet ? nil : ProgressMeter(style: Terminal.isInteractive ? .bar : .lines, start: Progress.now())
        }

        func update(_ done: Int, _ total: Int) {
            guard var meter, let text = meter.update(done: done, total: total, now: Progress.now()) else { return }
            self.meter = meter
            switch meter.style {
            case .bar:
                FileHandle.standardError.write(Data("\r\(text)\u{1B}[K".utf8))
                barShown = true
                if done == total { clearLine() }
            case .lines:
                Terminal.error(text)
            }
        }

        /// Clears the bar before a diagnostic line is printed.
        func clearLine() {
            guard barShown else { return }
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
            barShown = false
        }

        static func now() -> Double {
            ProcessInfo.processInfo.systemUptime
        }
    }
}

/// "Did you mean" for mistyped names.
enum Suggestion {
    /// The name of `candidates` closest to `word` (edit distance at most a third of its
    /// length, at least 2), or nil.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let target = Array(word.lowercased())
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(target, Array(candidate.lowercased()))
            if distance <= max(2, target.count / 3), distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// `, did you mean 'x'?` or nothing.
    static func phrase(for word: String, among candidates: [String]) -> String {
        closest(to: word, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Levenshtein distance.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
