/// A place in an input file: the path as the user named it and a 1-based line number.
///
/// Line 0 means "the file as a whole" (for example an unreadable file); it is printed as
/// line 1 so every diagnostic keeps the `file:line:` shape that editors and CI parse.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file path, as given on the command line or found under a directory argument.
    public var file: String
    /// The 1-based line, or 0 when the problem concerns the whole file.
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    /// `file:line` (whole-file locations as line 1).
    public var description: String {
        "\(file):\(max(line, 1))"
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line) < (rhs.file, rhs.line)
    }
}
