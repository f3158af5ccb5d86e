/// An option a format declares (`--cx-scope`, `--gmt-min-genes`): its command-line name, the
/// values it takes, its default and its help.
///
/// The declaration is the option's one definition: the command line takes its help from it
/// and checks values with ``problem(with:)``, `pfocr-kg formats` lists it with ``listing``, the
/// export warns when no chosen format declares a given option, and the sink reads the checked
/// value typed, through ``FormatOptionValues``.
public struct FormatOption: Sendable, Hashable, CustomStringConvertible {
    /// What values the option takes.
    public enum Values: Sendable, Hashable {
        /// One of these words.
        case oneOf([String])
        /// A whole number, at least this.
        case integer(atLeast: Int)
        /// An ISO 8601 calendar date or date-time (``CalendarDate``): `2026-11-26`,
        /// `2026-11-26T10:00:00Z`.
        case calendarDate
        /// Any text.
        case text
    }

    /// The long option name without dashes (`cx-scope`); also its key in report.json.
    public let name: String
    public let values: Values
    /// The value an absent option means, as a user would write it; nil when absence means
    /// "not set".
    public let defaultValue: String?
    /// One sentence for `--help` and `pfocr-kg formats`.
    public let help: String
    /// The placeholder in `--help` (`--cx-scope <scope>`).
    public let valueName: String

    public init(_ name: String, _ values: Values, default defaultValue: String? = nil, valueName: String, help: String)
    {
        self.name = name
        self.values = values
        self.defaultValue = defaultValue
        self.help = help
        self.valueName = valueName
    }

    public var description: String { "--" + name }

    /// Nil when `text` is a value of this option; else why not, as the command line says it.
    public func problem(with text: String) -> String? {
        switch values {
        case .oneOf(let words):
            return words.contains(text)
                ? nil : "\(self) must be \(words.map { "'\($0)'" }.joined(separator: " or ")), not '\(text)'"
        case .integer(let minimum):
            if let number = Int(text), number >= minimum { return nil }
            return "\(self) must be a whole number of at least \(minimum), not '\(text)'"
        case .calendarDate:
            return CalendarDate.kind(of: text) != nil
                ? nil
                : "\(self) '\(text)' is not a calendar date (2026-11-26) or date-time (2026-11-26T10:00:00Z, optional fraction and zone)"
        case .text:
            return nil
        }
    }

    /// The option as `pfocr-kg formats` lists it: `--cx-scope figure|corpus (default figure): help`.
    public var listing: String {
        let shape: String
        switch values {
        case .oneOf(let words): shape = words.joined(separator: "|")
        case .integer(let minimum): shape = "<\(valueName)> (>= \(minimum))"
        case .calendarDate, .text: shape = "<\(valueName)>"
        }
        let fallback = defaultValue.map { " (default \($0))" } ?? ""
        return "\(self) \(shape)\(fallback): \(help)"
    }
}

/// The format options given for one export, each checked against its declaration when set,
/// so a sink reads a value that is already known to be valid.
public struct FormatOptionValues: Sendable, Equatable {
    private var values: [String: String] = [:]

    public init() {}

    /// Sets `option` to `text`, or throws the declaration's ``FormatOption/problem(with:)``.
    public mutating func set(_ option: FormatOption, _ text: String) throws(ExportError) {
        if let problem = option.problem(with: text) { throw ExportError.usage(problem) }
        values[option.name] = text
    }

    /// The options given, by name: for report.json and the warning about options no chosen
    /// format reads.
    public var given: [String: String] { values }

    /// The text given for `option`, else its default.
    public func text(_ option: FormatOption) -> String? {
        values[option.name] ?? option.defaultValue
    }

    /// The number given for an ``FormatOption/Values/integer(atLeast:)`` option, else its
    /// default.
    public func integer(_ option: FormatOption) -> Int? {
        text(option).flatMap { Int($0) }
    }

    /// The word given for a ``FormatOption/Values/oneOf(_:)`` option, else its default, as the
    /// sink's own type.
    public func choice<Choice: RawRepresentable>(_ option: FormatOption, as _: Choice.Type) -> Choice?
    where Choice.RawValue == String {
        text(option).flatMap(Choice.init(rawValue:))
    }
}
