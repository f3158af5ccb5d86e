/// How bad a diagnostic is.
///
/// An error means input was rejected (a record, a row or a file) and makes the export exit 65;
/// a warning reports something worth knowing that lost nothing.
public enum DiagnosticSeverity: String, Sendable, Hashable, Codable {
    case error
    case warning
}

/// One problem found in the input, with the file and line it comes from.
///
/// Printed in the compiler style that editors and CI logs understand:
/// `path/to/file.md:12: error: message`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public var severity: DiagnosticSeverity
    public var location: SourceLocation
    public var message: String

    public init(_ severity: DiagnosticSeverity, _ location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    public static func error(_ location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.error, location, message)
    }

    public static func warning(_ location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.warning, location, message)
    }

    public var description: String {
        "\(location): \(severity.rawValue): \(message)"
    }
}
