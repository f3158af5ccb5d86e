/// What to show of a run's progress, and when: on a terminal a bar redrawn as the percentage
/// moves; elsewhere (CI logs, `nohup`) one line every ``lineInterval`` seconds. Both give
/// the rate and the time left. Time comes in as an argument so the schedule is testable.
public struct ProgressMeter: Sendable {
    public enum Style: Sendable {
        /// A bar redrawn in place (`\r`), for a terminal.
        case bar
        /// A whole line now and then, for logs.
        case lines
    }

    /// Seconds between two lines in the ``Style/lines`` style.
    public static let lineInterval = 10.0

    public let style: Style
    private let start: Double
    private var lastShown: Double
    private var lastPercent = -1

    /// A meter for a run that started at `start` (seconds on any monotonic clock).
    public init(style: Style, start: Double) {
        self.style = style
        self.start = start
        lastShown = start
    }

    /// The text to show now that `done` of `total` records are done at time `now`, or nil
    /// when nothing is due. Bar text has no line end; line text is one line.
    public mutating func update(done: Int, total: Int, now: Double) -> String? {
        guard total > 0 else { return nil }
        let percent = done * 100 / total
        let elapsed = now - start
        switch style {
        case .bar:
            guard percent != lastPercent || now - lastShown >= 1 else { return nil }
            lastPercent = percent
            lastShown = now
            let width = 30
            let filled = width * min(done, total) / total
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            return "[\(bar)] \(percent)% \(done)/\(total) records"
                + ProgressMeter.speed(done: done, total: total, elapsed: elapsed)
        case .lines:
            guard now - lastShown >= ProgressMeter.lineInterval, done < total else { return nil }
            lastShown = now
            return "progress: \(done) of \(total) records (\(percent)%)"
                + ProgressMeter.speed(done: done, total: total, elapsed: elapsed)
        }
    }

    /// `, 850 records/s, 1m45s left` (empty until there is a rate to tell).
    static func speed(done: Int, total: Int, elapsed: Double) -> String {
        guard done > 0, elapsed > 0 else { return "" }
        let rate = Double(done) / elapsed
        let left = Double(total - done) / rate
        return ", \(Int(rate.rounded())) records/s, \(duration(left)) left"
    }

    /// `2h05m`, `3m07s`, `12s`.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        let (hours, minutes, secs) = (whole / 3600, whole % 3600 / 60, whole % 60)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        if hours > 0 { return "\(hours)h\(two(minutes))m" }
        if minutes > 0 { return "\(minutes)m\(two(secs))s" }
        return "\(secs)s"
    }
}
