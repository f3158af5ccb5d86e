/// A problem that stops one record (or one side file) from being read.
///
/// Thrown with typed throws inside the reader and turned into a ``Diagnostic`` at the record
/// boundary, so one bad file never stops the others.
public struct RecordError: Error, Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public var diagnostic: Diagnostic { .error(location, message) }
    public var description: String { diagnostic.description }
}
