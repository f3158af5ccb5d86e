/// Bounds that keep a hostile or broken input from exhausting memory or time.
///
/// The defaults are far above anything in the real corpus (the largest record there is a few
/// hundred kilobytes, the largest side file well under a megabyte) and can be changed from
/// the command line.
public struct ReadLimits: Sendable, Hashable {
    /// Largest record file accepted, in bytes.
    public var maxRecordBytes: Int
    /// Largest side file accepted, in bytes.
    public var maxSideFileBytes: Int
    /// Deepest nesting of YAML collections accepted (PFOCR records nest three deep).
    public var maxNestingDepth: Int

    public init(maxRecordBytes: Int = 16 << 20, maxSideFileBytes: Int = 64 << 20, maxNestingDepth: Int = 16) {
        self.maxRecordBytes = maxRecordBytes
        self.maxSideFileBytes = maxSideFileBytes
        self.maxNestingDepth = maxNestingDepth
    }

    public static let `default` = ReadLimits()
}
