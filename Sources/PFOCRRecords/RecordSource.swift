/// One record file to read, with where its side files live.
public struct RecordSource: Sendable, Hashable {
    /// The record file (`_figures/<figid>.md`), as the user's argument led to it.
    public var path: String
    /// The file name without `.md`: by PFOCR convention the figid, used to order the corpus
    /// before any file is read.
    public var stem: String
    /// The sibling `_data/` folder where this record's side files would be.
    public var dataDirectory: String

    public init(path: String, stem: String, dataDirectory: String) {
        self.path = path
        self.stem = stem
        self.dataDirectory = dataDirectory
    }

    /// The side file for `kind` of a record whose figid is `figid`.
    public func sideFilePath(figid: String, kind: EntityKind) -> String {
        // Sized once and appended piece by piece: interpolation grows the string as it goes.
        let suffix = kind.sideFileSuffix
        var path = String()
        path.reserveCapacity(dataDirectory.utf8.count + figid.utf8.count + suffix.utf8.count + 1)
        path += dataDirectory
        path += "/"
        path += figid
        path += suffix
        return path
    }
}

/// The outcome of reading one record: the record, or nothing, and what went wrong.
public struct RecordReadResult: Sendable {
    public var source: RecordSource
    /// The record; nil when it was rejected as a whole.
    public var record: FigureRecord?
    public var diagnostics: [Diagnostic]
    /// For a rejected record: the rows of side files named after its file that are lost
    /// with it, per kind (so they are counted, not silently dropped).
    public var lostSideFileRows: [EntityKind: Int]

    public init(
        source: RecordSource, record: FigureRecord?, diagnostics: [Diagnostic],
        lostSideFileRows: [EntityKind: Int] = [:]
    ) {
        self.source = source
        self.record = record
        self.diagnostics = diagnostics
        self.lostSideFileRows = lostSideFileRows
    }
}
