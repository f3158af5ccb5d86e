import PFOCRGraph
import PFOCRRecords

/// One KGX dialect: how a ``KGXRecord``'s fields are laid out in a line of the nodes and edges
/// files, and how values are spelled. ``KGXLineWriter`` does the rest, the same for both.
protocol KGXRecordWriter: Sendable {
    /// The files' extension (`jsonl`, `tsv`): `kgx/nodes.<ext>`, `kgx/edges.<ext>`.
    var fileExtension: String { get }
    /// The bytes a file starts with (a header row), if any.
    func header(_ file: KGXFile) -> [UInt8]
    /// The line of a record of `file`: its fields as literal bytes and values to spell.
    func layout<Source: KGXFieldSource>(_ record: KGXRecord<Source>, of file: KGXFile) -> KGXLineLayout<Source>
    /// The dialect's renderer of `builder`'s records.
    func renderer(_ builder: KGXRecordBuilder) -> any FigureRenderer

    /// Spells text (or a part of one text: a CURIE is written as its prefix, then its local
    /// id); returns true when it had to clean a character the dialect cannot hold.
    static func appendText(_ utf8: UnsafeBufferPointer<UInt8>, to line: inout ByteBuffer) -> Bool
    /// What a text value starts and ends with (JSON's quotes).
    static func openText(_ line: inout ByteBuffer)
    static func closeText(_ line: inout ByteBuffer)
    /// What a list starts with, separates its items with, and ends with.
    static func openList(_ line: inout ByteBuffer)
    static func separateItems(_ line: inout ByteBuffer)
    static func closeList(_ line: inout ByteBuffer)
    static func appendDouble(_ value: Double, to line: inout ByteBuffer)
    static func appendBoolean(_ value: Bool, to line: inout ByteBuffer)
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

/// A ``KGXRecord`` laid out by a dialect: literal bytes (keys, separators, constant values,
/// merged) and the values spelled per node or edge.
struct KGXLineLayout<Source: KGXFieldSource>: Sendable {
    enum Step: Sendable {
        case literal([UInt8])
        /// `key`, then the value of the first of `sources` that has one; nothing when none has.
        case value(key: [UInt8], sources: [Source])
    }

    private(set) var steps: [Step] = []
    /// The values the literals had to clean, counted for every line.
    private(set) var cleanedInLiterals = 0

    mutating func append(literal bytes: [UInt8], cleaned: Int = 0) {
        cleanedInLiterals += cleaned
        guard !bytes.isEmpty else { return }
        if case .literal(let last) = steps.last {
            steps[steps.count - 1] = .literal(last + bytes)
        } else {
            steps.append(.literal(bytes))
        }
    }

    mutating func append(key: [UInt8], sources: [Source]) {
        steps.append(.value(key: key, sources: sources))
    }
}

/// KGX JSON Lines: one JSON object per line, slots in record order, lists as arrays, numbers
/// as numbers. Nothing needs cleaning.
struct KGXJSONLinesWriter: KGXRecordWriter {
    var fileExtension: String { "jsonl" }

    func header(_ file: KGXFile) -> [UInt8] { [] }

    func renderer(_ builder: KGXRecordBuilder) -> any FigureRenderer {
        KGXJSONLinesRenderer(lines: KGXLineWriter(builder: builder, writer: self))
    }

    func layout<Source: KGXFieldSource>(_ record: KGXRecord<Source>, of file: KGXFile) -> KGXLineLayout<Source> {
        var layout = KGXLineLayout<Source>()
        for (index, field) in record.fields.enumerated() {
            // Slot names need no escaping (``KGXSlot/name``). The first field, the id, is
            // always present, so every other key starts with a comma.
            let key = Array(((index == 0 ? "{\"" : ",\"") + field.slot.name + "\":").utf8)
            if let constant = field.source.constant {
                // An empty list is left out.
                if let spelled = KGXLineWriter<Self>.spell(constant) { layout.append(literal: key + spelled.bytes) }
            } else if field.source.isAlwaysPresent {
                layout.append(literal: key)
                layout.append(key: [], sources: [field.source])
            } else {
                layout.append(key: key, sources: [field.source])
            }
        }
        layout.append(literal: Array("}\n".utf8))
        return layout
    }

    static func appendText(_ utf8: UnsafeBufferPointer<UInt8>, to line: inout ByteBuffer) -> Bool {
        JSONText.appendEscaped(bytes: utf8, to: &line)
        return false
    }

    static func openText(_ line: inout ByteBuffer) { line.append(UInt8(ascii: "\"")) }
    static func closeText(_ line: inout ByteBuffer) { line.append(UInt8(ascii: "\"")) }
    static func openList(_ line: inout ByteBuffer) { line.append(UInt8(ascii: "[")) }
    static func separateItems(_ line: inout ByteBuffer) { line.append(UInt8(ascii: ",")) }
    static func closeList(_ line: inout ByteBuffer) { line.append(UInt8(ascii: "]")) }

    static func appendDouble(_ value: Double, to line: inout ByteBuffer) {
        line.append(utf8: JSONText.double(value))
    }

    static func appendBoolean(_ value: Bool, to line: inout ByteBuffer) {
        line.append(utf8: value ? "true" : "false")
    }
}

/// KGX TSV, as kgx 2.6.0 reads it (`kgx/source/tsv_source.py`): a header row of slot names,
/// tab-separated cells read with `quoting=QUOTE_NONE` and `\n` line ends, every cell a string
/// (`dtype=str`, `keep_default_na=False`), an empty cell an absent slot, and list values joined
/// with `|` (`DEFAULT_LIST_DELIMITER`). A cell cannot quote, so a tab, CR or line feed in a
/// value becomes a space (as kgx's own TSV sink does, `_sanitize_export_property`), and a `|`
/// becomes `¦` (U+00A6): kgx splits any cell holding `|` into a list, single-valued slots
/// included. Each cleaned value is counted. The columns are fixed for the file (every slot
/// the vocabulary can produce, ``KGXSlots/nodeColumns(_:)``), in kgx's own column order; a
/// column that two fields of a record fill holds the last one present.
struct KGXTSVWriter: KGXRecordWriter {
    let nodeColumns: [String]
    let edgeColumns: [String]

    init(mapping: Mapping) {
        let table = KGXSlots.Table(mapping)
        nodeColumns = table.nodeColumns
        edgeColumns = table.edgeColumns
    }

    var fileExtension: String { "tsv" }

    func renderer(_ builder: KGXRecordBuilder) -> any FigureRenderer {
        KGXTSVRenderer(lines: KGXLineWriter(builder: builder, writer: self))
    }

    func header(_ file: KGXFile) -> [UInt8] {
        Array((columns(file).joined(separator: "\t") + "\n").utf8)
    }

    private func columns(_ file: KGXFile) -> [String] {
        file == .nodes ? nodeColumns : edgeColumns
    }

    func layout<Source: KGXFieldSource>(_ record: KGXRecord<Source>, of file: KGXFile) -> KGXLineLayout<Source> {
        let columns = columns(file).count
        var layout = KGXLineLayout<Source>()
        for column in 0..<columns {
            if column > 0 { layout.append(literal: [UInt8(ascii: "\t")]) }
            // The columns are every slot the builder can write (a unit test checks it); the
            // last field present wins, and a constant is always present but an empty list.
            var sources: [Source] = []
            for field in record.fields.reversed() {
                guard (file == .nodes ? field.slot.nodeColumn : field.slot.edgeColumn) == column else { continue }
                if let constant = field.source.constant {
                    guard let spelled = KGXLineWriter<Self>.spell(constant) else { continue }
                    if sources.isEmpty {
                        layout.append(literal: spelled.bytes, cleaned: spelled.cleaned)
                    } else {
                        sources.append(field.source)
                    }
                    break
                }
                sources.append(field.source)
            }
            if !sources.isEmpty { layout.append(key: [], sources: sources) }
        }
        layout.append(literal: [UInt8(ascii: "\n")])
        return layout
    }

    /// Appends `text` as (part of) a cell; returns true when it had to replace a character.
    static func appendText(_ utf8: UnsafeBufferPointer<UInt8>, to line: inout ByteBuffer) -> Bool {
        // Nearly every value holds none of the four bytes: found eight bytes at a time.
        guard utf8.containsWord(where: mayNeedCleaning),
            utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x7C })
        else {
            line.append(utf8)
            return false
        }
        for byte in utf8 {
            switch byte {
            case 0x09, 0x0A, 0x0D: line.append(UInt8(ascii: " "))
            case 0x7C:  // ¦
                line.append(0xC2)
                line.append(0xA6)
            default: line.append(byte)
            }
        }
        return true
    }

    /// True when a byte of `word` may be a tab, a line break or `|`.
    @inline(__always)
    private static func mayNeedCleaning(_ word: UInt64) -> Bool {
        ByteWord.hasByte(below: 0x0E, in: word) || ByteWord.hasByte(0x7C, in: word)
    }

    static func openText(_ line: inout ByteBuffer) {}
    static func closeText(_ line: inout ByteBuffer) {}
    static func openList(_ line: inout ByteBuffer) {}
    static func separateItems(_ line: inout ByteBuffer) { line.append(UInt8(ascii: "|")) }
    static func closeList(_ line: inout ByteBuffer) {}

    static func appendDouble(_ value: Double, to line: inout ByteBuffer) {
        if value.isFinite { line.append(utf8: PropertyValue.format(value)) }
    }

    static func appendBoolean(_ value: Bool, to line: inout ByteBuffer) {
        line.append(utf8: value ? "True" : "False")
    }
}
