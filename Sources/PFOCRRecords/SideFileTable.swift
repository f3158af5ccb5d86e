/// A tab-separated side file (`_data/<figid>-genes.tsv` and friends), split into rows.
///
/// Columns are found by header name, never by position. The files are unquoted TSV: a `"`
/// is an ordinary character. CRLF and CR line endings, a missing final newline and blank
/// lines are accepted; a row whose cell count differs from the header's is ragged and is
/// rejected on its own.
struct SideFileTable {
    let path: String
    let header: [String]
    /// Data rows with their 1-based file lines; cells are raw bytes, decoded on demand.
    let rows: [(line: Int, cells: [ArraySlice<UInt8>])]

    init(bytes: [UInt8], path: String) throws(RecordError) {
        self.path = path
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let bad = UTF8Validation.firstInvalidOffset(in: bytes) {
            throw RecordError(SourceLocation(file: path, line: bytes.withUnsafeBufferPointer { ByteText($0).lineNumber(of: bad) }),
                              "invalid UTF-8 in side file")
        }
        let lines = SideFileTable.splitLines(body)
        guard let headerIndex = lines.firstIndex(where: { !SideFileTable.isBlank($0) }) else {
            throw RecordError(SourceLocation(file: path, line: 1), "empty side file: no header line")
        }
        header = lines[headerIndex].split(separator: 0x09, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self).trimmingASCIIWhitespace()
        }
        var rows: [(line: Int, cells: [ArraySlice<UInt8>])] = []
        rows.reserveCapacity(lines.count)
        for index in (headerIndex + 1)..<lines.count where !SideFileTable.isBlank(lines[index]) {
            rows.append((index + 1, lines[index].split(separator: 0x09, omittingEmptySubsequences: false)))
        }
        self.rows = rows
    }

    /// The index of the first header among `names`, or nil.
    func column(_ names: String...) -> Int? {
        for name in names {
            if let index = header.firstIndex(of: name) { return index }
        }
        return nil
    }

    /// Counts the data rows of a file without interpreting them (for ignored side files and
    /// the rows of rejected records). Blank lines are not rows.
    static func countRows(bytes: [UInt8]) -> Int {
        let lines = SideFileTable.splitLines(bytes[...]).filter { !SideFileTable.isBlank($0) }
        return max(0, lines.count - 1)
    }
}

extension SideFileTable {
    /// Splits on LF, CRLF and lone CR, without the terminators.
    static func splitLines(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                lines.append(bytes[start..<index])
                if byte == 0x0D, index + 1 < bytes.endIndex, bytes[index + 1] == 0x0A { index += 1 }
                start = index + 1
            }
            index += 1
        }
        if start < bytes.endIndex { lines.append(bytes[start..<bytes.endIndex]) }
        return lines
    }

    static func isBlank(_ line: ArraySlice<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}

extension ArraySlice<UInt8> {
    /// The cell decoded as UTF-8 text (the file was validated as a whole).
    var text: String { String(decoding: self, as: UTF8.self) }
}
