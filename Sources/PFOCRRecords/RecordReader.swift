/// Reads one record file (and, for layout B, its side files) into a ``FigureRecord``.
///
/// Pure with respect to its inputs: it only reads files, so many readers can run at once.
/// Every problem becomes a ``Diagnostic`` with file and line; a problem with the record as a
/// whole rejects it, a problem with one entity row rejects that row only.
public struct RecordReader: Sendable {
    public var limits: ReadLimits
    /// How front matter is parsed (the scanner for PFOCR's own style by default).
    public var parsing: FrontMatterParsing

    public init(limits: ReadLimits = .default, parsing: FrontMatterParsing = .scannerFirst) {
        self.limits = limits
        self.parsing = parsing
    }

    /// Reads `source`. Never throws and never traps on bad input.
    public func read(_ source: RecordSource) -> RecordReadResult {
        var diagnostics: [Diagnostic] = []
        do {
            let record = try readRecord(source, diagnostics: &diagnostics)
            return RecordReadResult(source: source, record: record, diagnostics: diagnostics)
        } catch {
            diagnostics.append(error.diagnostic)
            return RecordReadResult(
                source: source, record: nil, diagnostics: diagnostics,
                lostSideFileRows: lostRows(of: source))
        }
    }

    /// The side-file rows that a rejected record takes with it, found by its file name.
    private func lostRows(of source: RecordSource) -> [EntityKind: Int] {
        guard FigureRecord.isPlainName(source.stem) else { return [:] }
        var lost: [EntityKind: Int] = [:]
        for file in sideFilesPresent(source, figid: source.stem) { lost[file.kind] = file.rows }
        return lost
    }

    /// Reads a record from `bytes` instead of its file (side files still come from disk).
    /// Never throws and never traps on bad input; the fuzzer drives this entry.
    public func read(_ source: RecordSource, contents bytes: [UInt8]) -> RecordReadResult {
        var diagnostics: [Diagnostic] = []
        do throws(RecordError) {
            guard bytes.count <= limits.maxRecordBytes else {
                throw RecordError(
                    SourceLocation(file: source.path, line: 0),
                    "file is \(bytes.count) bytes, over the limit of \(limits.maxRecordBytes) bytes")
            }
            let record = try parseRecord(bytes, source, diagnostics: &diagnostics)
            return RecordReadResult(source: source, record: record, diagnostics: diagnostics)
        } catch {
            diagnostics.append(error.diagnostic)
            return RecordReadResult(source: source, record: nil, diagnostics: diagnostics)
        }
    }

    private func readRecord(_ source: RecordSource, diagnostics: inout [Diagnostic]) throws(RecordError) -> FigureRecord
    {
        let bytes = try FileBytes.contents(of: source.path, limit: limits.maxRecordBytes)
        return try parseRecord(bytes, source, diagnostics: &diagnostics)
    }

    private func parseRecord(_ bytes: [UInt8], _ source: RecordSource, diagnostics: inout [Diagnostic])
        throws(RecordError) -> FigureRecord
    {
        let frontMatter = try FrontMatter(bytes: bytes, path: source.path)
        let fields = try FrontMatterFields(
            frontMatter: frontMatter, path: source.path, limits: limits, parsing: parsing)

        guard let figidValue = fields.value(.figid) else {
            throw RecordError(fields.topLocation, "record has no 'figid' key")
        }
        guard let figid = try fields.text(.figid) else {
            throw RecordError(fields.location(of: figidValue), "'figid' is empty")
        }
        let figidLocation = fields.location(of: figidValue)
        // The control characters are ASCII, so they are these bytes of the UTF-8 (every byte
        // of a longer character is 0x80 or more), read in place.
        let isControl = { (byte: UInt8) in byte < 0x20 || byte == 0x7F }
        if figid.utf8.withContiguousStorageIfAvailable({ $0.contains(where: isControl) })
            ?? figid.utf8.contains(where: isControl)
        {
            throw RecordError(figidLocation, "'figid' contains control characters")
        }

        let isInline = fields.has(.genes) || fields.has(.chemicals) || fields.has(.diseases)
        var record = FigureRecord(figid: figid, location: figidLocation, layout: isInline ? .inline : .sideFiles)
        // Every kind gets its row account: room for all at once (grown key by key, the
        // dictionary was rebuilt twice per record).
        record.rows.reserveCapacity(EntityKind.allCases.count)
        try readFigureFields(fields, into: &record, diagnostics: &diagnostics)

        if isInline {
            try readInlineEntities(fields, into: &record, diagnostics: &diagnostics)
            if record.hasPlainFigid {
                record.ignoredSideFiles = sideFilesPresent(source, figid: figid)
            } else {
                diagnostics.append(
                    .warning(
                        figidLocation,
                        "figid '\(figid)' is not a plain file name (letters, digits, '.', '_', '-'): output file names use a safe encoding of it"
                    ))
            }
        } else if record.hasPlainFigid {
            for kind in EntityKind.allCases {
                readSideFile(
                    source.sideFilePath(figid: figid, kind: kind), kind: kind, into: &record, diagnostics: &diagnostics)
            }
        } else {
            diagnostics.append(
                .error(
                    figidLocation,
                    "figid '\(figid)' is not a plain file name (letters, digits, '.', '_', '-'): its side files were not looked up"
                ))
        }
        return record
    }

    private func readFigureFields(
        _ fields: FrontMatterFields, into record: inout FigureRecord, diagnostics: inout [Diagnostic]
    ) throws(RecordError) {
        for (position, field) in RecordField.all.enumerated() {
            try field.read(&record, fields, .field(position), &diagnostics)
        }
    }

    // MARK: Layout A

    private func readInlineEntities(
        _ fields: FrontMatterFields, into record: inout FigureRecord, diagnostics: inout [Diagnostic]
    ) throws(RecordError) {
        var geneRows = RowAccount()
        for item in try fields.list(.genes) {
            geneRows.rowsRead += 1
            let location = fields.location(of: item)
            guard case .mapping(let row?) = item.content else {
                geneRows.reject("row is not a mapping")
                diagnostics.append(
                    .error(location, "gene row is not a mapping of word, symbol, source, hgnc_symbol, entrez"))
                continue
            }
            // The id first, so the row is made whole in the append call (a `var` row given its
            // id afterwards was copied into the list, retaining its strings).
            let id: String?
            if let raw = row[.entrez], let entrez = MissingValue.identifier(raw) {
                guard let numeric = IdentifierSyntax.numeric(entrez) else {
                    geneRows.reject("gene id is not a number")
                    diagnostics.append(.error(location, "gene row: entrez '\(entrez)' is not an NCBI Gene id (digits)"))
                    continue
                }
                id = numeric
            } else {
                id = nil
            }
            record.genes.append(
                GeneMention(
                    word: row[.word] ?? "", matchedTerm: row[.symbol].flatMap(MissingValue.identifier),
                    symbol: row[.hgncSymbol].flatMap(MissingValue.identifier), ncbiGeneID: id,
                    source: row[.source].flatMap(MissingValue.identifier), line: location.line))
        }
        record.rows[.gene] = geneRows

        for kind in [EntityKind.chemical, .disease] {
            var account = RowAccount()
            var mentions: [TermMention] = []
            for item in try fields.list(kind == .chemical ? .chemicals : .diseases) {
                account.rowsRead += 1
                let location = fields.location(of: item)
                guard case .mapping(let row?) = item.content else {
                    account.reject("row is not a mapping")
                    diagnostics.append(
                        .error(location, "\(kind.rawValue) row is not a mapping of word, source, identifier"))
                    continue
                }
                switch RecordReader.legacyTerm(
                    kind: kind, word: row[.word] ?? "", source: row[.source].flatMap(MissingValue.identifier),
                    identifier: row[.identifier].flatMap(MissingValue.identifier), line: location.line)
                {
                case .success(let mention):
                    mentions.append(mention)
                case .failure(let reason):
                    account.reject(reason.reason)
                    diagnostics.append(.error(location, "\(kind.rawValue) row: \(reason.message)"))
                }
            }
            record.rows[kind] = account
            if kind == .chemical { record.chemicals = mentions } else { record.diseases = mentions }
        }
    }

    /// The side files that exist for `figid`, with their data-row counts (0 when unreadable):
    /// the ignored files of a layout A record, the lost rows of a rejected one.
    private func sideFilesPresent(_ source: RecordSource, figid: String) -> [IgnoredSideFile] {
        EntityKind.allCases.compactMap { kind in
            let path = source.sideFilePath(figid: figid, kind: kind)
            guard FileBytes.isRegularFile(path) else { return nil }
            let rows =
                (try? FileBytes.contents(of: path, limit: limits.maxSideFileBytes)).map(SideFileTable.countRows) ?? 0
            return IgnoredSideFile(path: path, kind: kind, rows: rows)
        }
    }

    // MARK: Layout B

    private func readSideFile(
        _ path: String, kind: EntityKind, into record: inout FigureRecord, diagnostics: inout [Diagnostic]
    ) {
        guard FileBytes.isRegularFile(path) else {
            record.rows[kind] = RowAccount()
            return
        }
        do {
            let bytes = try FileBytes.contents(of: path, limit: limits.maxSideFileBytes)
            readSideFile(bytes, path: path, kind: kind, into: &record, diagnostics: &diagnostics)
        } catch {
            record.rows[kind] = RowAccount()
            diagnostics.append(error.diagnostic)
        }
    }

    /// Reads the side file `bytes` (found at `path`) of `kind` into `record`: its rows, its
    /// row account, and a diagnostic per problem. Public so tools and fuzzers can feed bytes.
    public func readSideFile(
        _ bytes: [UInt8], path: String, kind: EntityKind, into record: inout FigureRecord,
        diagnostics: inout [Diagnostic]
    ) {
        var account = RowAccount()
        defer { record.rows[kind] = account }
        bytes.withUnsafeBufferPointer { buffer in
            let table: SideFileTable
            do throws(RecordError) {
                table = try SideFileTable(ByteText(buffer), path: path)
            } catch {
                let rows = SideFileTable.countRows(bytes: bytes)
                account.rowsRead = rows
                account.reject("unreadable side file", count: rows)
                diagnostics.append(error.diagnostic)
                return
            }
            switch kind {
            case .gene: readGeneTable(table, into: &record, account: &account, diagnostics: &diagnostics)
            case .chemical, .disease:
                readTermTable(table, kind: kind, into: &record, account: &account, diagnostics: &diagnostics)
            }
        }
    }

    private func missingColumns(
        _ table: SideFileTable, _ names: String, account: inout RowAccount, diagnostics: inout [Diagnostic]
    ) {
        let rows = table.rowCount
        account.rowsRead = rows
        account.reject("side file lacks a required column", count: rows)
        diagnostics.append(
            .error(
                SourceLocation(file: table.path, line: 1),
                "side file header lacks the required column \(names); its \(rows) rows were not read"))
    }

    /// Counts `row` as read, and rejects it when its cell count is not the header's.
    private func isWhole(
        _ row: SideFileTable.Row, _ table: SideFileTable, account: inout RowAccount, diagnostics: inout [Diagnostic]
    ) -> Bool {
        account.rowsRead += 1
        guard row.cellCount != table.header.count else { return true }
        account.reject("ragged row")
        diagnostics.append(
            .error(
                SourceLocation(file: table.path, line: row.line),
                "ragged row: \(row.cellCount) cells where the header has \(table.header.count); row rejected"))
        return false
    }

    private func readGeneTable(
        _ table: SideFileTable, into record: inout FigureRecord, account: inout RowAccount,
        diagnostics: inout [Diagnostic]
    ) {
        guard let wordColumn = table.column("word"), let idColumn = table.column("ncbigene_id", "entrez") else {
            missingColumns(table, "'word' and 'ncbigene_id'", account: &account, diagnostics: &diagnostics)
            return
        }
        let matchColumn = table.column("match", "symbol")
        let symbolColumn = table.column("ncbigene_symbol", "hgnc_symbol")
        let sourceColumn = table.column("source")
        let taxonColumn = table.column("organism_id")
        let organismColumn = table.column("organism_name")
        // The columns that repeat from row to row (one organism, few lexicons per file).
        var sourceMemo = SideFileTable.CellMemo()
        var organismMemo = SideFileTable.CellMemo()
        var taxonMemo = SideFileTable.CellMemo()
        // The previous row's organism_id and what it checked as: the memo hands back the same
        // text for a repeated cell, which is then not checked again.
        var previousTaxon: (raw: String, checked: String?)?
        // Sized once (one line per row at most): appended to row by row, the list grew and
        // moved a few times per file.
        record.genes.reserveCapacity(record.genes.count + table.rowCount)
        table.forEachRow { row in
            guard isWhole(row, table, account: &account, diagnostics: &diagnostics) else { return }
            // `let`s set once: as `var`s, each was retained for the row and released after it.
            let id: String?
            if let raw = row.identifier(idColumn) {
                guard let numeric = IdentifierSyntax.numeric(raw) else {
                    account.reject("gene id is not a number")
                    diagnostics.append(
                        .error(
                            SourceLocation(file: table.path, line: row.line),
                            "gene id '\(raw)' is not an NCBI Gene id (digits); row rejected"))
                    return
                }
                id = numeric
            } else {
                id = nil
            }
            let taxon: String?
            if let raw = row.identifier(taxonColumn, memo: &taxonMemo) {
                if let previousTaxon, previousTaxon.raw == raw {
                    taxon = previousTaxon.checked
                } else {
                    taxon = IdentifierSyntax.numeric(raw)
                    previousTaxon = (raw, taxon)
                }
                if taxon == nil {
                    diagnostics.append(
                        .warning(
                            SourceLocation(file: table.path, line: row.line),
                            "organism_id '\(raw)' is not an NCBI Taxonomy id; the gene row is kept without its taxon"))
                }
            } else {
                taxon = nil
            }
            let word = row.text(wordColumn)
            // Made whole in the call, so the row is moved into the list, not copied (a
            // `var` row set field by field was copied, retaining its seven strings).
            record.genes.append(
                GeneMention(
                    word: word, matchedTerm: row.identifier(matchColumn, sameAs: wordColumn, text: word),
                    symbol: row.identifier(symbolColumn), ncbiGeneID: id,
                    source: row.identifier(sourceColumn, memo: &sourceMemo), taxonID: taxon,
                    organismName: row.identifier(organismColumn, memo: &organismMemo), line: row.line))
        }
    }

    private func readTermTable(
        _ table: SideFileTable, kind: EntityKind, into record: inout FigureRecord, account: inout RowAccount,
        diagnostics: inout [Diagnostic]
    ) {
        guard let wordColumn = table.column("word") else {
            missingColumns(table, "'word'", account: &account, diagnostics: &diagnostics)
            return
        }
        let ontologyName = kind == .chemical ? "chebi" : "doid"
        let meshColumn = table.column("mesh")
        let ontologyColumn = table.column(ontologyName)
        let legacyIdentifier = table.column("identifier")
        guard meshColumn != nil || ontologyColumn != nil || legacyIdentifier != nil else {
            missingColumns(
                table, "'mesh', '\(ontologyName)' or 'identifier'", account: &account, diagnostics: &diagnostics)
            return
        }
        let matchColumn = table.column("match")
        let nameColumn = table.column("name")
        let sourceColumn = table.column("source")
        var mentions: [TermMention] = []
        table.forEachRow { row in
            guard isWhole(row, table, account: &account, diagnostics: &diagnostics) else { return }
            let word = row.text(wordColumn)
            let result: Result<TermMention, RowProblem>
            if meshColumn != nil || ontologyColumn != nil {
                result = RecordReader.currentTerm(
                    kind: kind, word: word, mesh: row.identifier(meshColumn), ontology: row.identifier(ontologyColumn),
                    match: row.identifier(matchColumn), name: row.identifier(nameColumn), line: row.line)
            } else {
                result = RecordReader.legacyTerm(
                    kind: kind, word: word, source: row.identifier(sourceColumn),
                    identifier: row.identifier(legacyIdentifier), line: row.line)
            }
            switch result {
            case .success(let mention):
                mentions.append(mention)
            case .failure(let problem):
                account.reject(problem.reason)
                diagnostics.append(
                    .error(SourceLocation(file: table.path, line: row.line), "\(kind.rawValue) row: \(problem.message)")
                )
            }
        }
        if kind == .chemical {
            record.chemicals.append(contentsOf: mentions)
        } else {
            record.diseases.append(contentsOf: mentions)
        }
    }

    // MARK: Values

    struct RowProblem: Error {
        var reason: String
        var message: String
    }

    /// A row in the `word source identifier` columns (layout A and older side files).
    /// `source` and `identifier` are normalised by ``MissingValue/identifier(_:)``.
    static func legacyTerm(kind: EntityKind, word: String, source: String?, identifier: String?, line: Int) -> Result<
        TermMention, RowProblem
    > {
        var mention = TermMention(word: word, source: source, line: line)
        guard let id = identifier else { return .success(mention) }
        let vocabulary = (mention.source ?? "MESH").uppercased()
        switch vocabulary {
        case "CHEBI" where kind == .chemical:
            guard let chebi = IdentifierSyntax.chebi(id) else { return .failure(malformed(id, "ChEBI")) }
            mention.ontologyID = chebi
        case "DOID" where kind == .disease:
            guard let doid = IdentifierSyntax.doid(id) else { return .failure(malformed(id, "DOID")) }
            mention.ontologyID = doid
        default:
            guard let mesh = IdentifierSyntax.mesh(id) else { return .failure(malformed(id, "MeSH")) }
            mention.meshID = mesh
        }
        return .success(mention)
    }

    /// A row in the `word mesh match name chebi|doid` columns, every cell but `word`
    /// normalised by ``MissingValue/identifier(_:)``.
    static func currentTerm(
        kind: EntityKind, word: String, mesh: String?, ontology: String?, match: String?, name: String?, line: Int
    ) -> Result<TermMention, RowProblem> {
        var mention = TermMention(word: word, matchedTerm: match, name: name, line: line)
        if let raw = mesh {
            guard let id = IdentifierSyntax.mesh(raw) else { return .failure(malformed(raw, "MeSH")) }
            mention.meshID = id
        }
        if let raw = ontology {
            let parsed = kind == .chemical ? IdentifierSyntax.chebi(raw) : IdentifierSyntax.doid(raw)
            guard let id = parsed else { return .failure(malformed(raw, kind == .chemical ? "ChEBI" : "DOID")) }
            mention.ontologyID = id
        }
        return .success(mention)
    }

    static func malformed(_ id: String, _ vocabulary: String) -> RowProblem {
        RowProblem(
            reason: "malformed \(vocabulary) id", message: "'\(id.prefix(60))' is not a \(vocabulary) id; row rejected")
    }
}
