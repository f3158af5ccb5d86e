import PFOCRRecords

/// A malformed or inconsistent file in `Mappings/`: reported before any record is read.
public struct MappingError: Error, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): error: \(message)" }
}
