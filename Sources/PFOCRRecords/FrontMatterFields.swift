/// The top-level keys of a record's front matter, read the PFOCR way: every scalar as a
/// string (no YAML 1.1 implicit typing: an organism called `No` stays `No`), missing markers
/// turned into nil, key order ignored, unknown keys ignored.
///
/// Only the keys the reader uses keep values (``FrontMatterKey``); the rest of the document is
/// parsed and checked but not kept (see ``FrontMatterDecoder``).
struct FrontMatterFields {
    let path: String
    /// File line of YAML line 1.
    let lineOffset: Int
    private let values: FieldValues

    /// Parses the YAML text of `frontMatter`; the root must be a mapping with no anchors,
    /// aliases or nesting beyond `limits.maxNestingDepth`, and with plain keys.
    ///
    /// Problems are reported in the order Yams found them: YAML errors and duplicate keys as
    /// the parse meets them, then a root that is not a mapping, then the first anchor, alias or
    /// too deep node in document order, then the first top-level key that is not a scalar.
    init(frontMatter: FrontMatter, path: String, limits: ReadLimits, parsing: FrontMatterParsing) throws(RecordError) {
        self.path = path
        self.lineOffset = frontMatter.firstLine - 1
        var decoder = FrontMatterDecoder(limits: limits)
        do throws(YAMLProblem) {
            try frontMatter.yaml.withUnsafeBufferPointer { bytes throws(YAMLProblem) in
                try decoder.decode(bytes, parsing: parsing)
            }
        } catch {
            throw RecordError(SourceLocation(file: path, line: error.line + lineOffset), "YAML error: \(error.message)")
        }
        guard decoder.rootIsMapping else {
            throw RecordError(
                SourceLocation(file: path, line: frontMatter.firstLine),
                "front matter is not a YAML mapping of keys to values")
        }
        if let problem = decoder.structureProblem {
            throw RecordError(SourceLocation(file: path, line: problem.line + lineOffset), problem.message)
        }
        if let line = decoder.firstComplexKeyLine {
            throw RecordError(
                SourceLocation(file: path, line: line + lineOffset), "a key of the front matter is not plain text")
        }
        values = decoder.values
    }

    func value(_ key: FrontMatterKey) -> FieldValue? { values[key] }

    /// The file location of a value.
    func location(of value: FieldValue) -> SourceLocation {
        SourceLocation(file: path, line: value.line + lineOffset)
    }

    /// The location of the top of the front matter (used for keys that are absent).
    var topLocation: SourceLocation { SourceLocation(file: path, line: lineOffset + 1) }

    func has(_ key: FrontMatterKey) -> Bool { values.has(key) }

    /// The text of scalar `key`, nil when absent or missing (`''`, `.na.character`).
    func text(_ key: FrontMatterKey) throws(RecordError) -> String? {
        guard let value = values[key] else { return nil }
        guard case .text(let text) = value.content else {
            throw RecordError(location(of: value), "'\(key.name)' should be text, found \(value.description)")
        }
        return MissingValue.text(text)
    }

    /// A list of texts; a single scalar counts as a one-item list (PFOCR writes `organisms`
    /// both ways). `dropNA` also drops `NA` items (organism lists).
    func textList(_ key: FrontMatterKey, dropNA: Bool = false) throws(RecordError) -> [String] {
        guard let value = values[key] else { return [] }
        switch value.content {
        case .text(let text):
            let kept = dropNA ? MissingValue.identifier(text) : MissingValue.text(text)
            return kept.map { [$0] } ?? []
        case .list(let list):
            var items: [String] = []
            for item in list {
                guard case .text(let text) = item.content else {
                    throw RecordError(
                        location(of: item), "items of '\(key.name)' should be text, found \(item.description)")
                }
                if let kept = dropNA ? MissingValue.identifier(text) : MissingValue.text(text) { items.append(kept) }
            }
            return items
        case .mapping:
            throw RecordError(location(of: value), "'\(key.name)' should be text or a list of texts, found a mapping")
        }
    }

    /// The items of list `key` (layout A entity lists). A missing scalar (`''`) is an empty
    /// list; any other scalar, or a mapping, is an error.
    func list(_ key: FrontMatterKey) throws(RecordError) -> [FieldValue] {
        guard let value = values[key] else { return [] }
        switch value.content {
        case .list(let items):
            return items
        case .text(let text) where MissingValue.isMissing(text):
            return []
        default:
            throw RecordError(location(of: value), "'\(key.name)' should be a list, found \(value.description)")
        }
    }
}

/// The values of the ``FrontMatterKey``s: those delivered, in the order delivered, and each
/// key's place among them.
///
/// Not one `FieldValue?` slot per key: that array was filled element by element through the
/// generic `Array(repeating:count:)` for every record, and copied again through value
/// witnesses on the decoder's first write (the block scanner's decoder shares it until then),
/// some 7,000 instructions per record. Places are integers, set and copied as bytes.
struct FieldValues {
    private var delivered: [FieldValue] = []
    /// Per key index, its value's index in `delivered`; -1 for none.
    private var places = [Int](repeating: -1, count: FrontMatterKey.count)

    subscript(key: FrontMatterKey) -> FieldValue? {
        let place = places[key.index]
        return place < 0 ? nil : delivered[place]
    }

    func has(_ key: FrontMatterKey) -> Bool { places[key.index] >= 0 }

    /// Sets the value of `key`; a repeated key keeps its last value.
    mutating func set(_ value: consuming FieldValue, for key: FrontMatterKey) {
        let place = places[key.index]
        if place >= 0 {
            delivered[place] = value
        } else {
            // Room for every key at the first: grown from empty, the values were moved a few
            // times per record.
            if delivered.isEmpty { delivered.reserveCapacity(FrontMatterKey.count) }
            places[key.index] = delivered.count
            delivered.append(value)
        }
    }
}

/// How a record's YAML is parsed. Both ways give the same ``FigureRecord`` and the same
/// diagnostics for every input (a differential test and the fuzzer hold them to it).
public enum FrontMatterParsing: Sendable, Hashable {
    /// ``BlockScanner`` for the block style PFOCR's R emitter writes, libyaml for any record
    /// the scanner does not fully understand. The default.
    case scannerFirst
    /// libyaml's event parser for every record: the reference the scanner is checked against.
    case libyaml
}

/// A top-level key the reader keeps: `figid`, the layout A entity lists, and the key of each
/// ``RecordField``. Every other key is parsed and checked, never kept.
///
/// Its ``index`` is the key's slot in ``FrontMatterDecoder``'s values, so a key costs one
/// array access and the list of keys is ``RecordField/all``, declared once.
struct FrontMatterKey: Hashable, Sendable {
    /// Position in ``allNames``.
    let index: Int

    static let figid = FrontMatterKey(index: 0)
    static let genes = FrontMatterKey(index: 1)
    static let chemicals = FrontMatterKey(index: 2)
    static let diseases = FrontMatterKey(index: 3)

    /// The key of `RecordField.all[position]`.
    static func field(_ position: Int) -> FrontMatterKey { FrontMatterKey(index: 4 + position) }

    /// Every key as PFOCR writes it, by ``index``.
    static let allNames: [String] = ["figid", "genes", "chemicals", "diseases"] + RecordField.all.map(\.key)

    static var count: Int { allNames.count }

    /// The key as PFOCR writes it.
    var name: String { FrontMatterKey.allNames[index] }

    /// True for the layout A entity lists, whose items are mappings of ``RowKey`` cells.
    var isEntityList: Bool { self == .genes || self == .chemicals || self == .diseases }

    static let names = YAMLKeyNames(allNames.indices.map { (FrontMatterKey(index: $0), allNames[$0]) })
}

/// The cells of a layout A entity row (`genes`, `chemicals`, `diseases` items) the reader uses.
enum RowKey: Int, CaseIterable, YAMLKeyName {
    case word, symbol, source, hgncSymbol, entrez, identifier

    var name: String {
        switch self {
        case .word: "word"
        case .symbol: "symbol"
        case .source: "source"
        case .hgncSymbol: "hgnc_symbol"
        case .entrez: "entrez"
        case .identifier: "identifier"
        }
    }

    static let names = YAMLKeyNames<RowKey>()
}

/// The scalar cells of one entity row, by ``RowKey``; nil when absent or not a scalar.
struct RowCells {
    private var cells: (String?, String?, String?, String?, String?, String?) = (nil, nil, nil, nil, nil, nil)

    subscript(key: RowKey) -> String? {
        get {
            switch key {
            case .word: cells.0
            case .symbol: cells.1
            case .source: cells.2
            case .hgncSymbol: cells.3
            case .entrez: cells.4
            case .identifier: cells.5
            }
        }
        set {
            switch key {
            case .word: cells.0 = newValue
            case .symbol: cells.1 = newValue
            case .source: cells.2 = newValue
            case .hgncSymbol: cells.3 = newValue
            case .entrez: cells.4 = newValue
            case .identifier: cells.5 = newValue
            }
        }
    }
}

/// A value kept from the front matter: what the reader asks of it, no more.
struct FieldValue: CustomStringConvertible {
    enum Content {
        case text(String)
        /// A sequence; its items are kept only when it is the value of a ``FrontMatterKey``.
        case list([FieldValue])
        /// A mapping; its cells are kept only when it is an item of an entity list.
        case mapping(RowCells?)
    }

    /// The line of the value's first event in the YAML text (Yams' node mark).
    var line: Int
    var content: Content

    /// What the value is, for diagnostics.
    var description: String {
        switch content {
        case .text(let text): "the text '\(text.prefix(40))'"
        case .list: "a list"
        case .mapping: "a mapping"
        }
    }
}
