import PFOCRGraph

/// Writes the graph as neo4j-admin bulk-import CSV files, plus `import.sh` and `load.cypher`.
///
/// Each node is written once, the first time a figure reaches it (figid order), into its
/// label's file; each relationship goes to the file of its type and end label. Both ends of
/// a relationship are nodes of its figure, so the driver's key set has written them by then.
/// The rows are rendered on the worker threads (``CypherCSVRenderer``); ``write(_:)`` only
/// appends the rows that are due, and the counts per file are the tallies of those rows.
final class CypherCSVSink: GraphSink {
    let renderer: (any FigureRenderer)?
    private let context: SinkContext
    private let tables: CypherTables
    /// Node files by ``NodeKind/order``, then relationship files: the renderer's numbering.
    private var files: [OutputFile] = []
    /// Per file: rows, then ``CSVFieldWriter``'s lanes, of the rows written.
    private var tallies: [SIMD4<Int>]

    init(context: SinkContext) throws(ExportError) {
        self.context = context
        tables = try CypherTables(vocabulary: context.mapping.vocabulary)
        renderer = CypherCSVRenderer(tables: tables, prefixes: context.mapping.prefixes)
        tallies = Array(repeating: .zero, count: tables.nodes.count + tables.relationships.count)
    }

    func begin() throws(ExportError) {
        let headers =
            tables.nodes.map { ($0.path, $0.headerFields) } + tables.relationships.map { ($0.path, $0.headerFields) }
        for (path, header) in headers {
            let file = try context.output.createFile(path)
            file.write(header.joined(separator: ",") + "\n")
            files.append(file)
        }
    }

    func write(_ figure: RenderedFigure) throws(ExportError) {
        figure.fragment.emit(figure.news, to: files, tallies: &tallies)
    }

    func finish() throws(ExportError) -> SinkSummary {
        for file in files { try file.close() }
        // The scripts stay plain and name the data files as written (`nodes-Gene.csv.gz` with
        // --compress gzip: neo4j-admin and LOAD CSV read gzip'd CSV).
        let output = context.output
        let fileName = { (name: String) in output.publishedPath(name) }
        let importScript = try context.output.createPlainFile("neo4j/import.sh")
        importScript.write(
            CypherScripts.importScript(tables: tables, toolVersion: context.toolVersion, fileName: fileName))
        try importScript.close()
        let loadScript = try context.output.createPlainFile("neo4j/load.cypher")
        loadScript.write(CypherScripts.loadScript(tables: tables, toolVersion: context.toolVersion, fileName: fileName))
        try loadScript.close()

        let nodeTallies = tallies[..<tables.nodes.count]
        let relationshipTallies = tallies[tables.nodes.count...]
        let changed = tallies.reduce(SIMD4<Int>.zero, &+)
        let normalisedLineBreaks = changed[CSVFieldWriter.lineBreaksLane]
        let cleanedArrayElements = changed[CSVFieldWriter.arrayElementsLane]
        let backslashQuoteFields = changed[CSVFieldWriter.backslashQuoteLane]
        let rows = CSVFieldWriter.rowsLane
        var counts: [String: Int] = [
            "nodes": nodeTallies.reduce(0) { $0 + $1[rows] },
            "relationships": relationshipTallies.reduce(0) { $0 + $1[rows] },
            "normalisedLineBreaks": normalisedLineBreaks,
            "cleanedArrayElements": cleanedArrayElements,
            "backslashQuoteFields": backslashQuoteFields,
        ]
        for table in tables.nodes { counts["nodes-\(table.label)"] = tallies[table.kind.order][rows] }
        for (index, table) in tables.relationships.enumerated() {
            counts["rels-\(table.type)-\(table.endLabel)"] = tallies[tables.nodes.count + index][rows]
        }
        var notes: [String] = []
        if normalisedLineBreaks > 0 {
            notes.append(
                "\(normalisedLineBreaks) values had line breaks, written as spaces (neo4j-admin runs with --multiline-fields=false)"
            )
        }
        if cleanedArrayElements > 0 {
            notes.append("\(cleanedArrayElements) list elements held the array delimiter U+001F, written as a space")
        }
        if backslashQuoteFields > 0 {
            notes.append(
                "\(backslashQuoteFields) fields have a backslash before a quote; neo4j-admin reads them as written, LOAD CSV needs dbms.import.csv.legacy_quote_escaping=false"
            )
        }
        return SinkSummary(counts: counts, notes: notes)
    }
}
