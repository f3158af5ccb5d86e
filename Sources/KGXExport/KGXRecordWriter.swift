import PFOCRGraph

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
            out.append(utf8: field.slot)
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
    private let nodeIndex: [String: Int]
    private let edgeIndex: [String: Int]

    init(mapping: Mapping) {
        nodeColumns = KGXSlots.nodeColumns(mapping)
        edgeColumns = KGXSlots.edgeColumns(mapping)
        nodeIndex = Dictionary(uniqueKeysWithValues: nodeColumns.enumerated().map { ($1, $0) })
        edgeIndex = Dictionary(uniqueKeysWithValues: edgeColumns.enumerated().map { ($1, $0) })
    }

    var fileExtension: String { "tsv" }

    func header(_ file: KGXFile) -> [UInt8] {
        Array((columns(file).joined(separator: "\t") + "\n").utf8)
    }

    private func columns(_ file: KGXFile) -> [String] {
        file == .nodes ? nodeColumns : edgeColumns
    }

    func append(_ record: KGXRecord, of file: KGXFile, to out: inout [UInt8]) -> Int {
        let index = file == .nodes ? nodeIndex : edgeIndex
        var cells = [KGXValue?](repeating: nil, count: index.count)
        for field in record.fields {
            // The columns are every slot the builder can write (a unit test checks it).
            if let column = index[field.slot] { cells[column] = field.value }
        }
        var cleaned = 0
        for (column, cell) in cells.enumerated() {
            if column > 0 { out.append(UInt8(ascii: "\t")) }
            switch cell {
            case nil: continue
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
        }
        out.append(UInt8(ascii: "\n"))
        return cleaned
    }

    /// Appends `text` as (part of) a cell; returns 1 when it had to replace a character.
    static func appendCell(_ text: String, to out: inout [UInt8]) -> Int {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x7C }) else {
            out.append(contentsOf: utf8)
            return 0
        }
        for byte in utf8 {
            switch byte {
            case 0x09, 0x0A, 0x0D: out.append(UInt8(ascii: " "))
            case 0x7C: out.append(contentsOf: [0xC2, 0xA6])  // ¦
            default: out.append(byte)
            }
        }
        return 1
    }
}
