import PFOCRGraph
import PFOCRRecords

/// One KGX dialect: how a ``KGXRecord`` is spelled in the nodes and edges files.
protocol KGXRecordWriter: Sendable {
    /// The files' extension (`jsonl`, `tsv`): `kgx/nodes.<ext>`, `kgx/edges.<ext>`.
    var fileExtension: String { get }
    /// The bytes a file starts with (a header row), if any.
    func header(_ file: KGXFile) -> [UInt8]
    /// Appends `record` as one line of `file`; returns how many values it had to clean
    /// (characters the dialect cannot hold), which the sink reports.
    func append(_ record: KGXRecord, of file: KGXFile, to out: inout [UInt8]) -> Int
}

/// The two files of a KGX graph; the raw value is the file index in the sink.
enum KGXFile: Int, Sendable, CaseIterable {
    case nodes = 0
    case edges = 1

    var baseName: String {
        switch self {
        case .nodes: "nodes"
        case .edges: "edges"
        }
    }
}

/// KGX JSON Lines: one JSON object per line, slots in record order, lists as arrays, numbers
/// as numbers. Nothing needs cleaning.
struct KGXJSONLinesWriter: KGXRecordWriter {
    var fileExtension: String { "jsonl" }

    func header(_ file: KGXFile) -> [UInt8] { [] }

    func append(_ record: KGXRecord, of file: KGXFile, to out: inout [UInt8]) -> Int {
        out.append(UInt8(ascii: "{"))
        for (index, field) in record.fields.enumerated() {
            // Slot names need no escaping (``KGXRecord/Field/slot``). Punctuation goes byte
            // by byte: `append(contentsOf:)` costs about a hundred instructions a call.
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            out.append(utf8: field.slot.name)
            out.append(UInt8(ascii: "\""))
            out.append(UInt8(ascii: ":"))
            switch field.value {
            case .text(let text): JSONText.appendString(text, to: &out)
            case .integer(let number): out.append(decimal: number)
            case .double(let number): JSONText.appendValue(.double(number), to: &out)
            case .boolean(let flag): out.append(utf8: flag ? "true" : "false")
            case .list(let items): JSONText.appendArray(items, to: &out)
            }
        }
        out.append(utf8: "}\n")
        return 0
    }
}

/// KGX TSV, as kgx 2.6.0 reads it (`kgx/source/tsv_source.py`): a header row of slot names,
/// tab-separated cells read with `quoting=QUOTE_NONE` and `\n` line ends, every cell a string
/// (`dtype=str`, `keep_default_na=False`), an empty cell an absent slot, and list values joined
/// with `|` (`DEFAULT_LIST_DELIMITER`). A cell cannot quote, so a tab, CR or line feed in a
/// value becomes a space (as kgx's own TSV sink does, `_sanitize_export_property`), and a `|`
/// becomes `¦` (U+00A6): kgx splits any cell holding `|` into a list, single-valued slots
/// included. Each cleaned value is counted. The columns are fixed for the file (every slot
/// the vocabulary can produce, ``KGXSlots/nodeColumns(_:)``), in kgx's own column order.
struct KGXTSVWriter: KGXRecordWriter {
    let nodeColumns: [String]
    let edgeColumns: [String]

    init(mapping: Mapping) {
        let table = KGXSlots.Table(mapping)
        nodeColumns = table.nodeColumns
        edgeColumns = table.edgeColumns
    }

    var fileExtension: String { "tsv" }

    func header(_ file: KGXFile) -> [UInt8] {
        Array((columns(file).joined(separator: "\t") + "\n").utf8)
    }

    private func columns(_ file: KGXFile) -> [String] {
        file == .nodes ? nodeColumns : edgeColumns
    }

    func append(_ record: KGXRecord, of file: KGXFile, to out: inout [UInt8]) -> Int {
        let columns = file == .nodes ? nodeColumns.count : edgeColumns.count
        // The field of each column (-1: empty), on the stack: a record has a dozen fields.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: columns) { fieldAt in
            fieldAt.initialize(repeating: -1)
            for (position, field) in record.fields.enumerated() {
                // The columns are every slot the builder can write (a unit test checks it).
                let column = file == .nodes ? field.slot.nodeColumn : field.slot.edgeColumn
                if column >= 0 && column < columns { fieldAt[column] = position }
            }
            var cleaned = 0
            for column in 0..<columns {
                if column > 0 { out.append(UInt8(ascii: "\t")) }
                guard fieldAt[column] >= 0 else { continue }
                cleaned += Self.appendValue(record.fields[fieldAt[column]].value, to: &out)
            }
            out.append(UInt8(ascii: "\n"))
            return cleaned
        }
    }

    /// Appends one cell's value; returns how many values it had to clean.
    private static func appendValue(_ value: KGXValue, to out: inout [UInt8]) -> Int {
        var cleaned = 0
        switch value {
        case .text(let text): cleaned += Self.appendCell(text, to: &out)
        case .integer(let number): out.append(decimal: number)
        case .double(let number): out.append(utf8: number.isFinite ? PropertyValue.format(number) : "")
        case .boolean(let flag): out.append(utf8: flag ? "True" : "False")
        case .list(let items):
            for (position, item) in items.enumerated() {
                if position > 0 { out.append(UInt8(ascii: "|")) }
                cleaned += Self.appendCell(item, to: &out)
            }
        }
        return cleaned
    }

    /// Appends `text` as (part of) a cell; returns 1 when it had to replace a character.
    static func appendCell(_ text: String, to out: inout [UInt8]) -> Int {
        var text = text
        return text.withUTF8 { utf8 in
            guard let base = utf8.baseAddress else { return 0 }
            // Nearly every value holds none of the four bytes: found eight bytes at a time.
            var index = 0
            while index + 8 <= utf8.count && !mayNeedCleaning(ByteWord.load(base, at: index)) { index += 8 }
            guard utf8[index...].contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x7C }) else {
                out.append(contentsOf: utf8)
                return 0
            }
            for byte in utf8 {
                switch byte {
                case 0x09, 0x0A, 0x0D: out.append(UInt8(ascii: " "))
                case 0x7C:  // ¦
                    out.append(0xC2)
                    out.append(0xA6)
                default: out.append(byte)
                }
            }
            return 1
        }
    }

    /// True when a byte of `word` may be a tab, a line break or `|`.
    @inline(__always)
    private static func mayNeedCleaning(_ word: UInt64) -> Bool {
        ByteWord.hasByte(below: 0x0E, in: word) || ByteWord.hasByte(0x7C, in: word)
    }
}
