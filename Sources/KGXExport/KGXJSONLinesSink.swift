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
/// nodes of the graph) is written once, with the category of its first use; edges to either
/// still resolve.
final class KGXJSONLinesSink: GraphSink {
    static let knowledgeSource = "infores:pfocr"
    private let context: SinkContext
    private var nodesFile: OutputFile?
    private var edgesFile: OutputFile?
    private var seen = NodeDeduplicator()
    private var writtenIDs = Set<Identifier>()
    private var taxa: [Identifier: Identifier] = [:]
    private var nodeCount = 0
    private var edgeCount = 0

    init(context: SinkContext) {
        self.context = context
    }

    func begin() throws(ExportError) {
        nodesFile = try context.output.createFile("kgx/nodes.jsonl")
        edgesFile = try context.output.createFile("kgx/edges.jsonl")
    }

    func write(_ subgraph: FigureSubgraph) throws(ExportError) {
        guard let nodesFile, let edgesFile else { return }
        let fresh = seen.admit(subgraph)
        // The taxon of each new gene, for its `in_taxon` slot.
        for edge in fresh.edges where edge.kind == .inTaxon { taxa[edge.source] = edge.target }
        var buffer = String()
        buffer.reserveCapacity(4096)
        for node in [subgraph.figure] + fresh.nodes where writtenIDs.insert(node.id).inserted {
            appendNode(node, to: &buffer)
            nodeCount += 1
        }
        nodesFile.write(buffer)
        buffer.removeAll(keepingCapacity: true)
        for edge in fresh.edges { appendEdge(edge, to: &buffer) }
        edgesFile.write(buffer)
        edgeCount += fresh.edges.count
        for node in fresh.nodes where node.kind == .gene { taxa[node.id] = nil }
    }

    func finish() throws(ExportError) -> SinkSummary {
        try nodesFile?.close()
        try edgesFile?.close()
        return SinkSummary(counts: ["nodes": nodeCount, "edges": edgeCount])
    }

    private func appendNode(_ node: GraphNode, to out: inout String) {
        let prefixes = context.mapping.prefixes
        let vocabulary = context.mapping.vocabulary.node(node.kind)
        out.append("{\"id\":")
        JSONText.appendString(prefixes.biolinkCurie(node.id), to: &out)
        out.append(",\"category\":[")
        JSONText.appendString(vocabulary.kgxCategory, to: &out)
        out.append("],\"name\":")
        JSONText.appendString(node.name, to: &out)
        out.append(",\"iri\":")
        JSONText.appendString(prefixes.iri(node.id), to: &out)
        out.append(",\"provided_by\":[\"\(KGXJSONLinesSink.knowledgeSource)\"]")
        if node.kind == .gene, let taxon = taxa[node.id] {
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
        let prefixes = context.mapping.prefixes
        if case .string(let chebi) = node.value("chebiID") { return prefixes.biolinkCurie(Identifier(.chebi, chebi)) }
        if case .string(let doid) = node.value("doid") { return prefixes.biolinkCurie(Identifier(.doid, doid)) }
        return nil
    }

    private func appendEdge(_ edge: GraphEdge, to out: inout String) {
        let prefixes = context.mapping.prefixes
        let vocabulary = context.mapping.vocabulary.edge(edge.kind)
        let subject = prefixes.biolinkCurie(edge.source)
        let object = prefixes.biolinkCurie(edge.target)
        out.append("{\"id\":")
        JSONText.appendString("\(subject)--\(vocabulary.kgxPredicate)--\(object)", to: &out)
        out.append(",\"subject\":")
        JSONText.appendString(subject, to: &out)
        out.append(",\"predicate\":")
        JSONText.appendString(vocabulary.kgxPredicate, to: &out)
        out.append(",\"object\":")
        JSONText.appendString(object, to: &out)
        out.append(",\"knowledge_level\":\"knowledge_assertion\",\"agent_type\":\"image_processing_agent\"")
        out.append(",\"primary_knowledge_source\":\"\(KGXJSONLinesSink.knowledgeSource)\"")
        appendProperties(vocabulary.properties, of: edge.value, to: &out)
        out.append("}\n")
    }

    private func appendProperties(_ specs: [PropertySpec], of value: (String) -> PropertyValue?, to out: inout String) {
        for spec in specs {
            guard let value = value(spec.name) else { continue }
            out.append(",")
            JSONText.appendString(spec.name, to: &out)
            out.append(":")
            out.append(JSONText.value(value))
        }
    }
}
