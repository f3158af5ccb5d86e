#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A tab-separated side file (`_data/<figid>-genes.tsv` and friends), read in place.
///
/// Columns are found by header name, never by position. The files are unquoted TSV: a `"`
/// is an ordinary character. CRLF and CR line endings, a missing final newline and blank
/// lines are accepted; a row whose cell count differs from the header's is ragged and is
/// rejected on its own.
///
/// Rows are scanned from the file's bytes one at a time, in one pass, with no array of lines
/// or of cells: a row's cells are offsets in one buffer reused for every row, and a `String`
/// is made only for a value the reader keeps.
struct SideFileTable {
    let path: String
    let header: [String]
    private let text: ByteText
    /// Where the line after the header starts, and its line number.
    private let rowsStart: Int
    private let rowsFirstLine: Int

    /// Reads the header of `text`, the whole file at `path`.
    init(_ text: ByteText, path: String) throws(RecordError) {
        self.path = path
        self.text = text
        let start = text.count >= 3 && text.bytes[0] == 0xEF && text.bytes[1] == 0xBB && text.bytes[2] == 0xBF ? 3 : 0
        if let bad = UTF8Validation.firstInvalidOffset(in: text.bytes, from: start) {
            throw RecordError(SourceLocation(file: path, line: text.lineNumber(of: bad)), "invalid UTF-8 in side file")
        }
        var offset = start
        var lineNumber = 1
        while offset < text.count {
            let line = text.line(at: offset)
            if !text.isBlank(line.content) {
                var header: [String] = []
                SideFileTable.forEachCell(of: line.content, in: text) { cell in
                    header.append(
                        String(decoding: UnsafeBufferPointer(rebasing: text.bytes[cell]), as: UTF8.self)
                            .trimmingASCIIWhitespace())
                }
                self.header = header
                rowsStart = line.next
                rowsFirstLine = lineNumber + 1
                return
            }
            offset = line.next
            lineNumber += 1
        }
        throw RecordError(SourceLocation(file: path, line: 1), "empty side file: no header line")
    }

    /// The index of the first header among `names`, or nil.
    func column(_ names: String...) -> Int? {
        for name in names {
            if let index = header.firstIndex(of: name) { return index }
        }
        return nil
    }

    /// One data row: its line and the offsets of its cells. Valid only inside the
    /// ``forEachRow(_:)`` call that passed it.
    struct Row {
        let line: Int
        fileprivate let text: ByteText
        /// Where each cell starts, then one past the end of the line (plus one).
        fileprivate let starts: UnsafeBufferPointer<Int>

        var cellCount: Int { starts.count - 1 }

        private func cell(_ column: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: text.bytes[starts[column]..<(starts[column + 1] - 1)])
        }

        /// The cell as it is (a `word` is never trimmed or treated as missing).
        func text(_ column: Int) -> String {
            String(decoding: cell(column), as: UTF8.self)
        }

        /// The cell as an identifier or name: trimmed, nil when missing (see ``MissingValue``)
        /// or when there is no such column.
        func identifier(_ column: Int?) -> String? {
            column.flatMap { MissingValue.identifier(cell($0)) }
        }

        /// ``identifier(_:)``, giving `text` itself when the value's bytes are those of cell
        /// `textColumn`, which `text` was made of by ``text(_:)``: a `match` cell is most often
        /// the OCR word itself, and comparing bytes costs less than making an equal string.
        func identifier(_ column: Int?, sameAs textColumn: Int, text: String) -> String? {
            guard let column, let value = MissingValue.identifierBytes(cell(column)) else { return nil }
            let other = cell(textColumn)
            if value.count == other.count, let valueBase = value.baseAddress, let otherBase = other.baseAddress,
                memcmp(valueBase, otherBase, value.count) == 0
            {
                return text
            }
            return String(decoding: value, as: UTF8.self)
        }

        /// ``identifier(_:)``, reusing the value `memo` kept when the cell's bytes are those of
        /// the cell it was made from; `memo` then keeps this cell's value.
        func identifier(_ column: Int?, memo: inout CellMemo) -> String? {
            guard let column else { return nil }
            let start = starts[column]
            let count = starts[column + 1] - 1 - start
            if count == memo.count, let base = text.bytes.baseAddress,
                count == 0 || memcmp(base + start, base + memo.start, count) == 0
            {
                return memo.value
            }
            let value = MissingValue.identifier(cell(column))
            memo = CellMemo(start: start, count: count, value: value)
            return value
        }
    }

    /// The last value read from one column of a table, with where its bytes are.
    ///
    /// Side files repeat one organism and one lexicon on row after row: comparing a cell with
    /// the previous row's (a `memcmp`) is cheaper than making an equal `String` again, which
    /// validates the bytes and, for a name over 15 bytes, allocates.
    struct CellMemo {
        fileprivate var start = 0
        /// -1 before the first cell: no cell matches it.
        fileprivate var count = -1
        fileprivate var value: String?
    }

    /// Calls `body` with each data row (each line after the header that is not blank), in
    /// order.
    func forEachRow(_ body: (Row) -> Void) {
        // A row's cell starts go by index into one buffer, sized for the header and grown for a
        // longer row: an array emptied per row went through `replaceSubrange`, and each append
        // checked its uniqueness and capacity.
        var capacity = header.count + 1
        var starts = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
        defer { starts.deallocate() }
        var offset = rowsStart
        var lineNumber = rowsFirstLine
        while offset < text.count {
            let line = text.line(at: offset)
            if !text.isBlank(line.content) {
                // The cells as ``forEachCell(of:in:_:)`` finds them, written out here: a closure
                // or local function writing to `starts` captured it in a box, with an access
                // check per write.
                var count = 0
                var start = line.content.lowerBound
                while true {
                    // Room for this cell's start and the end mark after it.
                    if count + 2 > capacity {
                        let larger = UnsafeMutablePointer<Int>.allocate(capacity: capacity * 2)
                        larger.moveInitialize(from: starts, count: count)
                        starts.deallocate()
                        starts = larger
                        capacity *= 2
                    }
                    starts[count] = start
                    count += 1
                    guard let tab = ByteText.find(0x09, in: text.bytes, from: start, to: line.content.upperBound) else {
                        break
                    }
                    start = tab + 1
                }
                starts[count] = line.content.upperBound + 1
                count += 1
                body(Row(line: lineNumber, text: text, starts: UnsafeBufferPointer(start: starts, count: count)))
            }
            offset = line.next
            lineNumber += 1
        }
    }

    /// The number of data rows.
    var rowCount: Int {
        SideFileTable.countLines(in: text, from: rowsStart)
    }

    /// Calls `body` with the range of each tab-separated cell of `line`.
    private static func forEachCell(of line: Range<Int>, in text: ByteText, _ body: (Range<Int>) -> Void) {
        var start = line.lowerBound
        while let tab = ByteText.find(0x09, in: text.bytes, from: start, to: line.upperBound) {
            body(start..<tab)
            start = tab + 1
        }
        body(start..<line.upperBound)
    }

    /// The lines of `text` from `start` on that are not blank.
    private static func countLines(in text: ByteText, from start: Int) -> Int {
        var count = 0
        var offset = start
        while offset < text.count {
            let line = text.line(at: offset)
            if !text.isBlank(line.content) { count += 1 }
            offset = line.next
        }
        return count
    }

    /// Counts the data rows of a file without interpreting them (for ignored side files and
    /// the rows of rejected records): the lines that are not blank, less the header.
    static func countRows(bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { max(0, countLines(in: ByteText($0), from: 0) - 1) }
    }
}
