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

    /// Every field, in the order they are read (the order of their warnings). When two rows
    /// set one field, the first value present wins: `pathway_score` (layout A) before
    /// `automl_pathway` (layout B).
    static let all: [RecordField] = [
        .text("figtitle", \.title),
        .text("caption", \.caption),
        .text("number", \.number),
        .text("filename", \.filename),
        .text("figlink", \.figureLink, RecordField.pmcLink),
        .text("figtype", \.figureType),
        .number("pathway_score", \.pathwayScore),
        .number("automl_pathway", \.pathwayScore),
        .integer("pmc_ranked_result_index", \.pmcRankedResultIndex),
        .texts("organisms", \.organisms, dropNA: true),
        .texts("organisms_ner", \.organismsNER, dropNA: true),
        .text("ndex", \.ndexUUID),
        .text("wpid", \.wikiPathwaysID),
        .texts("figid_alias", \.figidAliases),
        .texts("redirect_from", \.redirectFrom),
        .text("pmcid", \.pmcid),
        .text("papertitle", \.paperTitle),
        .text("reftext", \.reference),
        .integer("year", \.year),
        .text("doi", \.doi),
        .text("journal_title", \.journalTitle),
        .text("journal_nlm_ta", \.journalAbbreviation),
        .text("publisher_name", \.publisher),
        .texts("keywords", \.keywords, split: RecordField.splitKeywords),
    ]

    // MARK: Row kinds

    /// A text; `transform` normalises it.
    static func text(
        _ key: String, _ field: WritableKeyPath<FigureRecord, String?> & Sendable,
        _ transform: @escaping @Sendable (String) -> String = { $0 }
    ) -> RecordField {
        RecordField(key: key) { record, fields, key, diagnostics throws(RecordError) in
            guard record[keyPath: field] == nil else {
                _ = try fields.text(key)
                return
            }
            record[keyPath: field] = try fields.text(key).map(transform)
        }
    }

    /// A list of texts (a single text is a one-item list); `dropNA` also drops `NA` items,
    /// `split` splits each item into several.
    static func texts(
        _ key: String, _ field: WritableKeyPath<FigureRecord, [String]> & Sendable, dropNA: Bool = false,
        split: (@Sendable (String) -> [String])? = nil
    ) -> RecordField {
        RecordField(key: key) { record, fields, key, diagnostics throws(RecordError) in
            let items = try fields.textList(key, dropNA: dropNA)
            guard record[keyPath: field].isEmpty else { return }
            record[keyPath: field] = split.map { items.flatMap($0) } ?? items
        }
    }

    /// A decimal number (a bare YAML float or a quoted one); anything else is a warning.
    static func number(_ key: String, _ field: WritableKeyPath<FigureRecord, Double?> & Sendable) -> RecordField {
        parsed(key, field, expected: "a number") { text in Double(text).flatMap { $0.isFinite ? $0 : nil } }
    }

    /// A whole number (PFOCR quotes them: `year: '2013'`); anything else is a warning.
    static func integer(_ key: String, _ field: WritableKeyPath<FigureRecord, Int?> & Sendable) -> RecordField {
        parsed(key, field, expected: "a whole number") { Int($0) }
    }

    /// A text parsed by `parse` once trimmed; a text that does not parse is left out with a
    /// warning at its line.
    private static func parsed<Value>(
        _ key: String, _ field: WritableKeyPath<FigureRecord, Value?> & Sendable, expected: String,
        _ parse: @escaping @Sendable (String) -> Value?
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
            if record[keyPath: field] == nil { record[keyPath: field] = value }
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
        text.split(separator: "|").map { String($0).trimmingASCIIWhitespace() }.filter { !$0.isEmpty }
    }
}
