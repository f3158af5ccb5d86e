import Foundation

/// Standard error output: diagnostics, summaries and the progress bar.
enum Terminal {
    /// True when standard error is a terminal (then a progress bar is drawn).
    static let isInteractive = isatty(STDERR_FILENO) != 0

    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// A progress bar redrawn at most every 1% of the work.
    final class Progress {
        private var lastDrawn = -1
        private let enabled: Bool

        init(enabled: Bool = Terminal.isInteractive) {
            self.enabled = enabled
        }

        func update(_ done: Int, _ total: Int) {
            guard enabled, total > 0 else { return }
            let percent = done * 100 / total
            guard percent != lastDrawn else { return }
            lastDrawn = percent
            let width = 30
            let filled = width * done / total
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            FileHandle.standardError.write(Data("\r[\(bar)] \(percent)% \(done)/\(total) records".utf8))
            if done == total { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        }

        /// Clears the bar before a diagnostic line is printed.
        func clearLine() {
            guard enabled, lastDrawn >= 0 else { return }
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        }
    }
}
