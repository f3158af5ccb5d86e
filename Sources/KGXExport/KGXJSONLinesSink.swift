import PFOCRGraph

/// Writes the graph as KGX JSON Lines.
///
/// Nodes: `id` (Biolink CURIE), `category` (a one-item list from the vocabulary), `name`,
/// `provided_by`, the vocabulary's properties (snake_case is not imposed: KGX keeps extra
/// properties as they are), `iri`, and `in_taxon` for genes with a taxon. Edges: `id`,
/// `subject`, `predicate`, `object`, `knowledge_level`, `agent_type`,
/// `primary_knowledge_source`, and the vocabulary's edge properties.
///
/// Choices (Biolink 4 edge provenance): OCR of figures is `agent_type: image_processing_agent`;
/// the statement "this figure mentions this gene" is `knowledge_level: knowledge_assertion`;
/// the source is `infores:pfocr`.
///
/// KGX ids are unique per file: a MeSH id mentioned both as a chemical and as a disease (two
/// nodes of the graph) is written once, with the category of its first use
/// (``EmitCondition/newIdentifier(_:)``); edges to either still resolve. An edge's id is
/// `subject--predicate--object`, and when the object's namespace is shared by node kinds
/// (``Namespace/isSharedByNodeKinds``) `--<kind>` follows (`…--MESH:D002130--chemical`), so a
/// figure mentioning one MeSH id as a chemical and as a disease has two edges with two ids.
final class KGXJSONLinesSink: GraphSink {
    static let nodesFile = 0
    static let edgesFile = 1
    private let context: SinkContext
    private var files: [OutputFile] = []
    private var totals = SIMD4<Int>.zero
    let renderer: (any FigureRenderer)?

    init(context: SinkContext) {
        self.context = context
        renderer = KGXRenderer(mapping: context.mapping)
    }

    func begin() throws(ExportError) {
        files = [try context.output.createFile("kgx/nodes.jsonl"), try context.output.createFile("kgx/edges.jsonl")]
    }

    func write(_ figure: RenderedFigure) throws(ExportError) {
        totals &+= figure.fragment.emit(figure.news, to: files)
    }

    func finish() throws(ExportError) -> SinkSummary {
        for file in files { try file.close() }
        return SinkSummary(counts: ["nodes": totals[0], "edges": totals[1]])
    }
}

/// Renders one figure's KGX lines on a worker thread: the figure's node line, one line per
/// node it reaches (written when its identifier is new), one line per edge (when kept).
/// Tally lanes: 0 nodes, 1 edges.
struct KGXRenderer: FigureRenderer {
    static let knowledgeSource = "infores:pfocr"
    let mapping: Mapping

    func render(_ subgraph: FigureSubgraph, into fragment: inout FigureFragment) {
        fragment.bytes.reserveCapacity(4096)
        appendNode(subgraph.figure, taxon: nil, to: &fragment.bytes)
        fragment.endSegment(file: KGXJSONLinesSink.nodesFile, tally: [1, 0, 0, 0])
        // A gene new in this figure has its taxon from this figure's IN_TAXON edge.
        var taxa: [Identifier: Identifier] = [:]
        for edge in subgraph.edges where edge.kind == .inTaxon { taxa[edge.source] = edge.target }
        for (index, node) in subgraph.nodes.enumerated() where !fragment.isSettled(index) {
            appendNode(node, taxon: node.kind == .gene ? taxa[node.id] : nil, to: &fragment.bytes)
            fragment.endSegment(file: KGXJSONLinesSink.nodesFile, when: .newIdentifier(index), tally: [1, 0, 0, 0])
        }
        for (index, edge) in subgraph.edges.enumerated() {
            appendEdge(edge, to: &fragment.bytes)
            fragment.endSegment(file: KGXJSONLinesSink.edgesFile, when: .keptEdge(index), tally: [0, 1, 0, 0])
        }
    }

    private func appendNode(_ node: GraphNode, taxon: Identifier?, to out: inout [UInt8]) {
        let prefixes = mapping.prefixes
        let vocabulary = mapping.vocabulary.node(node.kind)
        out.append("{\"id\":")
        appendJSON(node.id, prefixes.appendBiolinkCurie, to: &out)
        out.append(",\"category\":[")
        JSONText.appendString(vocabulary.kgxCategory, to: &out)
        out.append("],\"name\":")
        JSONText.appendString(node.name, to: &out)
        out.append(",\"iri\":")
        appendJSON(node.id, prefixes.appendIRI, to: &out)
        out.append(",\"provided_by\":[\"")
        out.append(utf8: KGXRenderer.knowledgeSource)
        out.append("\"]")
        if let taxon {
            out.append(",\"in_taxon\":[")
            JSONText.appendString(prefixes.biolinkCurie(taxon), to: &out)
            out.append("]")
        }
        if let xref = crossReference(node) {
            out.append(",\"xref\":[")
            JSONText.appendString(xref, to: &out)
            out.append("]")
        }
        appendProperties(vocabulary.properties, of: node.value, to: &out)
        out.append("}\n")
    }

    /// The ChEBI or DOID cross-reference of a MeSH-keyed chemical or disease.
    private func crossReference(_ node: GraphNode) -> String? {
        guard node.id.namespace == .mesh else { return nil }
        let prefixes = mapping.prefixes
        if case .string(let chebi) = node.value(.chebiID) { return prefixes.biolinkCurie(Identifier(.chebi, chebi)) }
        if case .string(let doid) = node.value(.doid) { return prefixes.biolinkCurie(Identifier(.doid, doid)) }
        return nil
    }

    /// Appends a CURIE or IRI of `id` as a JSON string, without making a `String`: the
    /// spelling goes to the end of `out` and is escaped in place when it holds a character
    /// JSON escapes (a figid may hold a quote).
    private func appendJSON(_ id: Identifier, _ spell: (Identifier, inout [UInt8]) -> Void, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let start = out.count
        spell(id, &out)
        if out[start...].contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            let text = String(decoding: out[start...], as: UTF8.self)
            out.removeSubrange(start...)
            JSONText.appendEscaped(text, to: &out)
        }
        out.append(UInt8(ascii: "\""))
    }

    private func appendEdge(_ edge: GraphEdge, to out: inout [UInt8]) {
        let prefixes = mapping.prefixes
        let vocabulary = mapping.vocabulary.edge(edge.kind)
        let subject = prefixes.biolinkCurie(edge.source)
        let object = prefixes.biolinkCurie(edge.target)
        var id = "\(subject)--\(vocabulary.kgxPredicate)--\(object)"
        if edge.target.namespace.isSharedByNodeKinds { id += "--" + edge.targetKind.rawValue.lowercased() }
        out.append("{\"id\":")
        JSONText.appendString(id, to: &out)
        out.append(",\"subject\":")
        JSONText.appendString(subject, to: &out)
        out.append(",\"predicate\":")
        JSONText.appendString(vocabulary.kgxPredicate, to: &out)
        out.append(",\"object\":")
        JSONText.appendString(object, to: &out)
        out.append(",\"knowledge_level\":\"knowledge_assertion\",\"agent_type\":\"image_processing_agent\"")
        out.append(",\"primary_knowledge_source\":\"")
        out.append(utf8: KGXRenderer.knowledgeSource)
        out.append("\"")
        appendProperties(vocabulary.properties, of: edge.value, to: &out)
        out.append("}\n")
    }

    private func appendProperties(_ specs: [PropertySpec], of value: (String) -> PropertyValue?, to out: inout [UInt8]) {
        for spec in specs {
            guard let value = value(spec.name) else { continue }
            out.append(",")
            JSONText.appendString(spec.name, to: &out)
            out.append(":")
            JSONText.appendValue(value, to: &out)
        }
    }
}
