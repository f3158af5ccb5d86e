import PFOCRGraph

/// Writes the graph as neo4j-admin bulk-import CSV files, plus `import.sh` and `load.cypher`.
///
/// Each node is written once, the first time a figure reaches it (figid order), into its
/// label's file; each relationship goes to the file of its type and end label, and only when
/// both ends were written. Rows are built per figure in one reused buffer per file, then
/// handed to the buffered ``OutputFile``s, so memory holds only the written-id sets.
final class CypherCSVSink: GraphSink {
    let renderer: (any FigureRenderer)? = nil
    private let context: SinkContext
    private let tables: CypherTables
    private var nodeFiles: [OutputFile] = []
    private var relationshipFiles: [OutputFile] = []
    /// Reused per figure: one row buffer per file.
    private var nodeBuffers: [String]
    private var relationshipBuffers: [String]
    private var fields = CSVFieldWriter()
    private var nodeRows: [Int]
    private var relationshipRows: [Int]
    private var duplicateFigures = 0
    private var droppedRelationships = 0

    init(context: SinkContext) throws(ExportError) {
        self.context = context
        tables = try CypherTables(vocabulary: context.mapping.vocabulary)
        nodeBuffers = Array(repeating: String(), count: tables.nodes.count)
        relationshipBuffers = Array(repeating: String(), count: tables.relationships.count)
        nodeRows = Array(repeating: 0, count: tables.nodes.count)
        relationshipRows = Array(repeating: 0, count: tables.relationships.count)
    }

    func begin() throws(ExportError) {
        for table in tables.nodes {
            let file = try context.output.createFile(table.path)
            file.write(table.headerFields.joined(separator: ",") + "\n")
            nodeFiles.append(file)
        }
        for table in tables.relationships {
            let file = try context.output.createFile(table.path)
            file.write(table.headerFields.joined(separator: ",") + "\n")
            relationshipFiles.append(file)
        }
        for index in nodeBuffers.indices { nodeBuffers[index].reserveCapacity(16 * 1024) }
        for index in relationshipBuffers.indices { relationshipBuffers[index].reserveCapacity(64 * 1024) }
    }

    func write(_ figure: RenderedFigure) throws(ExportError) {
        let subgraph = figure.subgraph
        appendNode(subgraph.figure)
        for node in figure.news.newNodes(of: subgraph) {
            appendNode(node)
        }
        for edge in figure.news.keptEdges(of: subgraph) {
            guard let index = tables.relationshipIndex(edge.kind, edge.targetKind),
                tables.relationships[index].startKind == edge.sourceKind
            else {
                droppedRelationships += 1
                continue
            }
            appendRelationship(edge, table: index)
        }
        for index in nodeBuffers.indices where !nodeBuffers[index].isEmpty {
            nodeFiles[index].write(nodeBuffers[index])
            nodeBuffers[index].removeAll(keepingCapacity: true)
        }
        for index in relationshipBuffers.indices where !relationshipBuffers[index].isEmpty {
            relationshipFiles[index].write(relationshipBuffers[index])
            relationshipBuffers[index].removeAll(keepingCapacity: true)
        }
    }

    func finish() throws(ExportError) -> SinkSummary {
        for file in nodeFiles { try file.close() }
        for file in relationshipFiles { try file.close() }
        let importScript = try context.output.createFile("neo4j/import.sh")
        importScript.write(CypherScripts.importScript(tables: tables, toolVersion: context.toolVersion))
        try importScript.close()
        let loadScript = try context.output.createFile("neo4j/load.cypher")
        loadScript.write(CypherScripts.loadScript(tables: tables, toolVersion: context.toolVersion))
        try loadScript.close()

        var counts: [String: Int] = [
            "nodes": nodeRows.reduce(0, +),
            "relationships": relationshipRows.reduce(0, +),
            "normalisedLineBreaks": fields.normalisedLineBreaks,
            "cleanedArrayElements": fields.cleanedArrayElements,
            "backslashQuoteFields": fields.backslashQuoteFields,
        ]
        for table in tables.nodes { counts["nodes-\(table.label)"] = nodeRows[table.kind.order] }
        for (index, table) in tables.relationships.enumerated() {
            counts["rels-\(table.type)-\(table.endLabel)"] = relationshipRows[index]
        }
        var notes: [String] = []
        if fields.normalisedLineBreaks > 0 {
            notes.append("\(fields.normalisedLineBreaks) values had line breaks, written as spaces (neo4j-admin runs with --multiline-fields=false)")
        }
        if fields.cleanedArrayElements > 0 {
            notes.append("\(fields.cleanedArrayElements) list elements held the array delimiter U+001F, written as a space")
        }
        if fields.backslashQuoteFields > 0 {
            notes.append("\(fields.backslashQuoteFields) fields have a backslash before a quote; neo4j-admin reads them as written, LOAD CSV needs dbms.import.csv.legacy_quote_escaping=false")
        }
        if duplicateFigures > 0 {
            counts["duplicateFigures"] = duplicateFigures
            notes.append("\(duplicateFigures) figures repeated an earlier figid and were not written again")
        }
        if droppedRelationships > 0 {
            counts["droppedRelationships"] = droppedRelationships
            notes.append("\(droppedRelationships) relationships had an end that was not written and were left out")
        }
        return SinkSummary(counts: counts, notes: notes)
    }

    // MARK: Rows

    private func appendNode(_ node: GraphNode) {
        let order = node.kind.order
        let table = tables.nodes[order]
        var out = String()
        swap(&out, &nodeBuffers[order])
        appendID(node.id, kind: node.kind, to: &out)
        out.append(",")
        fields.appendText(table.label, to: &out)
        out.append(",")
        fields.appendText(node.name, to: &out)
        for property in table.properties {
            out.append(",")
            if let value = node.value(property.name) { appendValue(value, to: &out) }
        }
        out.append("\n")
        swap(&out, &nodeBuffers[order])
        nodeRows[order] += 1
    }

    private func appendRelationship(_ edge: GraphEdge, table index: Int) {
        let table = tables.relationships[index]
        var out = String()
        swap(&out, &relationshipBuffers[index])
        appendID(edge.source, kind: edge.sourceKind, to: &out)
        out.append(",")
        appendID(edge.target, kind: edge.targetKind, to: &out)
        out.append(",")
        fields.appendText(table.type, to: &out)
        for property in table.properties {
            out.append(",")
            if let value = edge.value(property.name) { appendValue(value, to: &out) }
        }
        out.append("\n")
        swap(&out, &relationshipBuffers[index])
        relationshipRows[index] += 1
    }

    /// A node's id in its ID space: the figid for figures, the CURIE for everything else.
    private func appendID(_ id: Identifier, kind: NodeKind, to out: inout String) {
        fields.appendText(kind == .figure ? id.local : context.mapping.prefixes.curie(id), to: &out)
    }

    /// A property value in the form its column type wants: text quoted, numbers and booleans
    /// bare, lists joined with the array delimiter. A double that is not finite (never
    /// produced by the reader) is left empty, which imports as no property.
    private func appendValue(_ value: PropertyValue, to out: inout String) {
        switch value {
        case .string(let text), .iri(let text):
            fields.appendText(text, to: &out)
        case .integer(let number):
            out.append(String(number))
        case .double(let number):
            if number.isFinite { out.append(PropertyValue.format(number)) }
        case .boolean(let flag):
            out.append(flag ? "true" : "false")
        case .stringList(let items):
            fields.appendList(items, to: &out)
        }
    }
}
