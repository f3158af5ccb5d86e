/// How many entity rows of one kind a record had, and which were rejected while reading.
///
/// The conservation rule of the report is built from these: every input row is exported,
/// rejected (with a reason) or unidentified.
public struct RowAccount: Sendable, Hashable {
    /// Rows seen in the input (list items or TSV data lines, header excluded).
    public var rowsRead: Int = 0
    /// Rows rejected while reading, by reason (for example `ragged row`).
    public var rejected: [String: Int] = [:]

    public init() {}

    public var rejectedTotal: Int { rejected.values.reduce(0, +) }

    public mutating func reject(_ reason: String, count: Int = 1) {
        rejected[reason, default: 0] += count
    }

    public mutating func add(_ other: RowAccount) {
        rowsRead += other.rowsRead
        for (reason, n) in other.rejected { rejected[reason, default: 0] += n }
    }
}

/// A side file that exists but was not read, because its record is layout A.
public struct IgnoredSideFile: Sendable, Hashable {
    public var path: String
    public var kind: EntityKind
    /// Data rows in the file (lines after the header that are not empty).
    public var rows: Int

    public init(path: String, kind: EntityKind, rows: Int) {
        self.path = path
        self.kind = kind
        self.rows = rows
    }

    /// The figid in the file name (`<figid>-genes.tsv`).
    public var figid: String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return String(name.dropLast(kind.plural.count + 5))
    }
}
