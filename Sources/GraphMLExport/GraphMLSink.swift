import PFOCRGraph

/// Writes the whole graph as one GraphML file, `pfocr.graphml`, streamed with libxml2.
///
/// Layout: the `<key>`s of ``GraphMLKeys`` (all of them, before `<graph>`), then one
/// directed `<graph>`; per figure, in figid order, the figure node, the nodes it reaches that
/// were not written before (``NodeDeduplicator``), then its edges, so every edge follows both
/// of its nodes. Every node has `labels` (`:Gene`), `kind`, `name`, `curie`, `iri` and its
/// vocabulary properties; every edge has `label` (`MENTIONS`) as its first data child (APOC
/// reads the relationship type from it before creating the edge), then its properties.
/// Absent values are left out; nothing relies on `<default>`, which Cytoscape ignores.
final class GraphMLSink: GraphSink {
    let renderer: (any FigureRenderer)? = nil
    static let fileName = "pfocr.graphml"
    static let namespace = "http://graphml.graphdrawing.org/xmlns"
    static let schemaLocation = "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"

    private let context: SinkContext
    private let keys: GraphMLKeys
    private var file: OutputFile?
    private var writer: XMLStreamWriter?
    private var nodeCount = 0
    private var edgeCount = 0
    /// Values whose type does not fit their key (a Mappings type the builder does not
    /// produce), left out; counted per "Kind.property" for one note each.
    private var skipped: [String: Int] = [:]
    /// Forbidden characters removed from list items (the writer counts the rest).
    private var removedFromLists = 0
    /// Node labels and relationship types, per kind, computed once.
    private let nodeLabels: [NodeKind: String]
    private let edgeLabels: [EdgeKind: String]

    init(context: SinkContext) {
        self.context = context
        keys = GraphMLKeys(vocabulary: context.mapping.vocabulary)
        var nodeLabels: [NodeKind: String] = [:]
        for kind in NodeKind.allCases { nodeLabels[kind] = ":" + context.mapping.vocabulary.node(kind).label }
        self.nodeLabels = nodeLabels
        var edgeLabels: [EdgeKind: String] = [:]
        for kind in EdgeKind.allCases { edgeLabels[kind] = context.mapping.vocabulary.edge(kind).type }
        self.edgeLabels = edgeLabels
    }

    func begin() throws(ExportError) {
        let file = try context.output.createFile(GraphMLSink.fileName)
        self.file = file
        let writer = try XMLStreamWriter(file: file)
        self.writer = writer
        writer.startElement("graphml")
        writer.attribute("xmlns", GraphMLSink.namespace)
        writer.attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
        writer.attribute("xsi:schemaLocation", GraphMLSink.schemaLocation)
        for key in keys.keys {
            writer.startElement("key")
            writer.attribute("id", key.id)
            writer.attribute("for", key.domain.rawValue)
            writer.attribute("attr.name", key.id)
            writer.attribute("attr.type", key.type.rawValue)
            writer.startElement("desc")
            writer.text(key.description)
            writer.endElement()
            writer.endElement()
        }
        writer.startElement("graph")
        writer.attribute("id", "pfocr")
        writer.attribute("edgedefault", "directed")
        writer.startElement("desc")
        writer.text("PFOCR (Pathway Figure OCR) knowledge graph: figures, papers, genes, chemicals, diseases and organisms")
        writer.endElement()
    }

    func write(_ figure: RenderedFigure) throws(ExportError) {
        guard let writer else { return }
        let subgraph = figure.subgraph
        let fresh = (nodes: figure.news.newNodes(of: subgraph), edges: figure.news.keptEdges(of: subgraph))
        // Most edges start at the figure: encode its id once.
        let figureID = GraphMLNodeID.make(.figure, subgraph.figure.id)
        writeNode(subgraph.figure, id: figureID, writer)
        for node in fresh.nodes { writeNode(node, id: GraphMLNodeID.make(node.kind, node.id), writer) }
        for edge in fresh.edges {
            let source = edge.source == subgraph.figure.id ? figureID : GraphMLNodeID.make(edge.sourceKind, edge.source)
            writeEdge(edge, source: source, writer)
        }
        nodeCount += 1 + fresh.nodes.count
        edgeCount += fresh.edges.count
    }

    func finish() throws(ExportError) -> SinkSummary {
        var removed = removedFromLists
        if let writer {
            // Ends </graph> and </graphml>, flushes, and releases the file.
            try writer.finish()
            removed += writer.removedCharacters
        }
        writer = nil
        try file?.close()
        file = nil
        var notes: [String] = []
        if removed > 0 {
            notes.append("\(GraphMLSink.fileName): removed \(removed) character(s) XML 1.0 forbids (control characters, U+FFFE, U+FFFF) from text")
        }
        for (property, count) in skipped.sorted(by: { $0.key < $1.key }) {
            notes.append("\(GraphMLSink.fileName): left out \(count) value(s) of \(property) whose type does not match the vocabulary's type")
        }
        return SinkSummary(counts: ["nodes": nodeCount, "edges": edgeCount, "keys": keys.keys.count, "removedCharacters": removed], notes: notes)
    }

    private func writeNode(_ node: GraphNode, id: String, _ writer: XMLStreamWriter) {
        let prefixes = context.mapping.prefixes
        writer.startElement("node")
        writer.attribute("id", id)
        writer.element("data", attribute: "key", GraphMLKeys.labels, text: nodeLabels[node.kind] ?? ":" + node.kind.rawValue)
        writer.element("data", attribute: "key", GraphMLKeys.kind, text: node.kind.rawValue)
        writer.element("data", attribute: "key", GraphMLKeys.name, text: node.name)
        writer.element("data", attribute: "key", GraphMLKeys.curie, text: prefixes.curie(node.id))
        writer.element("data", attribute: "key", GraphMLKeys.iri, text: prefixes.iri(node.id))
        for column in keys.nodeColumns[node.kind] ?? [] {
            guard let value = node.value(column.property) else { continue }
            writeData(column, value, owner: node.kind.rawValue, writer)
        }
        writer.endElement()
    }

    private func writeEdge(_ edge: GraphEdge, source: String, _ writer: XMLStreamWriter) {
        writer.startElement("edge")
        writer.attribute("source", source)
        writer.attribute("target", GraphMLNodeID.make(edge.targetKind, edge.target))
        // First data child: APOC's readLabels takes the relationship type from it.
        writer.element("data", attribute: "key", GraphMLKeys.label, text: edgeLabels[edge.kind] ?? edge.kind.rawValue)
        for column in keys.edgeColumns[edge.kind] ?? [] {
            guard let value = edge.value(column.property) else { continue }
            writeData(column, value, owner: edge.kind.rawValue, writer)
        }
        writer.endElement()
    }

    private func writeData(_ column: GraphMLColumn, _ value: PropertyValue, owner: String, _ writer: XMLStreamWriter) {
        guard let text = GraphMLSink.text(of: value, for: column, removed: &removedFromLists) else {
            skipped["\(owner).\(column.property)", default: 0] += 1
            return
        }
        writer.element("data", attribute: "key", column.key, text: text)
    }

    /// The text of `value` in a key of `column`'s type, or nil when it cannot be written
    /// there without changing its type (such as text in a `long` key).
    /// `removed` counts the forbidden characters stripped from list items.
    static func text(of value: PropertyValue, for column: GraphMLColumn, removed: inout Int) -> String? {
        switch (column.type, value) {
        case (.long, .integer(let number)):
            return String(number)
        case (.double, .double(let number)):
            return number.isFinite ? JSONText.double(number) : nil
        case (.double, .integer(let number)):
            return JSONText.double(Double(number))
        case (.boolean, .boolean(let flag)):
            return flag ? "true" : "false"
        case (.string, .stringList(let items)):
            // Items are stripped before encoding (JSON would escape a U+0001 as text), so a
            // word reads the same in a list as in a plain string.
            return JSONText.array(items.map { item in
                let (text, count) = XMLText.stripped(item)
                removed += count
                return text
            })
        case (.string, _):
            return column.isJSONList ? JSONText.array([value.text()]) : value.text()
        default:
            return nil
        }
    }
}
