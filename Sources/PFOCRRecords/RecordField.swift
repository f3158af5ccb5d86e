/// One figure field of the front matter: the key as PFOCR writes it and how the reader sets the
/// ``FigureRecord`` field from its value.
///
/// ``all`` is the one list of the fields the reader takes: the decoder keeps exactly these keys
/// (``FrontMatterKey``), and `RecordReader` runs the rows in order. Adding a field to the
/// record is a stored property on ``FigureRecord`` and one row here; `figid` and the layout A
/// entity lists are read by `RecordReader` itself, since they decide the record's identity
/// and layout.
struct RecordField: Sendable {
    /// The front-matter key.
    let key: String
    /// Sets the field from the value of its key in the fields (absent: nothing to do); a
    /// value of the wrong shape is a ``RecordError``, a value that does not parse a warning.
    let read:
        @Sendable (inout FigureRecord, FrontMatterFields, FrontMatterKey, inout [Diagnostic]) throws(RecordError) ->
            Void

    /// Every field, in the order they are read (the order of their warnings). A row's setter
    /// runs only when its key has a value, so a second key for one field says in its setter
    /// which value wins.
    static let all: [RecordField] = [
        .text("figtitle") { $0.title = $1 },
        .text("caption") { $0.caption = $1 },
        .text("number") { $0.number = $1 },
        .text("filename") { $0.filename = $1 },
        .text("figlink") { $0.figureLink = RecordField.pmcLink($1) },
        .text("figtype") { $0.figureType = $1 },
        .number("pathway_score") { $0.pathwayScore = $1 },
        // Layout B's name for the score; layout A's wins in a record that has both.
        .number("automl_pathway") { $0.pathwayScore = $0.pathwayScore ?? $1 },
        .integer("pmc_ranked_result_index") { $0.pmcRankedResultIndex = $1 },
        .texts("organisms", dropNA: true) { $0.organisms = $1 },
        .texts("organisms_ner", dropNA: true) { $0.organismsNER = $1 },
        .text("ndex") { $0.ndexUUID = $1 },
        .text("wpid") { $0.wikiPathwaysID = $1 },
        .texts("figid_alias") { $0.figidAliases = $1 },
        .texts("redirect_from") { $0.redirectFrom = $1 },
        .text("pmcid") { $0.pmcid = $1 },
        .text("papertitle") { $0.paperTitle = $1 },
        .text("reftext") { $0.reference = $1 },
        .integer("year") { $0.year = $1 },
        .text("doi") { $0.doi = $1 },
        .text("journal_title") { $0.journalTitle = $1 },
        .text("journal_nlm_ta") { $0.journalAbbreviation = $1 },
        .text("publisher_name") { $0.publisher = $1 },
        .texts("keywords") { $0.keywords = $1.flatMap(RecordField.splitKeywords) },
    ]

    // MARK: Row kinds

    /// A text (missing markers are no value).
    static func text(_ key: String, _ set: @escaping @Sendable (inout FigureRecord, String) -> Void) -> RecordField {
        RecordField(key: key) { record, fields, key, _ throws(RecordError) in
            if let text = try fields.text(key) { set(&record, text) }
        }
    }

    /// A list of texts (a single text is a one-item list; an empty list is no value);
    /// `dropNA` also drops `NA` items.
    static func texts(
        _ key: String, dropNA: Bool = false, _ set: @escaping @Sendable (inout FigureRecord, [String]) -> Void
    ) -> RecordField {
        RecordField(key: key) { record, fields, key, _ throws(RecordError) in
            let items = try fields.textList(key, dropNA: dropNA)
            if !items.isEmpty { set(&record, items) }
        }
    }

    /// A decimal number (a bare YAML float or a quoted one); anything else is a warning.
    static func number(_ key: String, _ set: @escaping @Sendable (inout FigureRecord, Double) -> Void) -> RecordField {
        parsed(key, expected: "a number", { text in Double(text).flatMap { $0.isFinite ? $0 : nil } }, set)
    }

    /// A whole number (PFOCR quotes them: `year: '2013'`); anything else is a warning.
    static func integer(_ key: String, _ set: @escaping @Sendable (inout FigureRecord, Int) -> Void) -> RecordField {
        parsed(key, expected: "a whole number", { Int($0) }, set)
    }

    /// A text parsed by `parse` once trimmed; a text that does not parse is left out with a
    /// warning at its line.
    private static func parsed<Value>(
        _ key: String, expected: String, _ parse: @escaping @Sendable (String) -> Value?,
        _ set: @escaping @Sendable (inout FigureRecord, Value) -> Void
    ) -> RecordField {
        RecordField(key: key) { record, fields, key, diagnostics throws(RecordError) in
            guard let text = try fields.text(key) else { return }
            guard let value = parse(text.trimmingASCIIWhitespace()) else {
                if let node = fields.value(key) {
                    diagnostics.append(
                        .warning(
                            fields.location(of: node),
                            "'\(key.name)' is not \(expected) ('\(text.prefix(40))'); left out"))
                }
                return
            }
            set(&record, value)
        }
    }

    // MARK: Normalisations

    /// `figlink` as a full URL: PFOCR writes PMC paths, sometimes without the leading slash.
    static func pmcLink(_ link: String) -> String {
        let trimmed = link.trimmingASCIIWhitespace()
        if trimmed.hasPrefix("http://") || trimmed.hasPrefix("https://") { return trimmed }
        return "https://www.ncbi.nlm.nih.gov" + (trimmed.hasPrefix("/") ? "" : "/") + trimmed
    }

    /// Layout B `keywords` is one string with ` | ` between keywords.
    static func splitKeywords(_ text: String) -> [String] {
        // ASCII text, almost all, is split on its bytes: there every character but CR LF is
        // one byte, so the pieces are those of the split by `Character`, which cost some
        // hundreds of instructions a character.
        let pieces = text.utf8.withContiguousStorageIfAvailable { bytes -> [String]? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var pieces: [String] = []
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "|") {
                let piece = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    .trimmingASCIIWhitespace()
                if !piece.isEmpty { pieces.append(piece) }
                start = index + 1
            }
            return pieces
        }
        if let pieces, let pieces { return pieces }
        return text.split(separator: "|").map { String($0).trimmingASCIIWhitespace() }.filter { !$0.isEmpty }
    }
}
