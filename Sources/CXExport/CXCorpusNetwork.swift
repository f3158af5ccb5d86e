import PFOCRGraph

/// The `--cx-scope corpus` network while it is collected: figure nodes, entity nodes (each
/// once), MENTIONS edges. It is for subsets, so it may hold its nodes and edges up to
/// ``edgeLimit``; past the limit it drops them and only counts, and the sink refuses to
/// write it. Figures mentioning no identified entity get no node, as they get no file in
/// the per-figure scope (which also keeps the node count within twice the edge limit).
struct CXCorpusNetwork {
    /// About what NDEx and Cytoscape Web accept.
    static let edgeLimit = 20_000

    private(set) var network = CXNetwork()
    private var nodeIndex: [NodeKey: Int] = [:]
    private var usedNamespaces = Set<Namespace>()
    /// MENTIONS edges seen, written or not.
    private(set) var edgeCount = 0
    /// Figures with at least one identified entity.
    private(set) var figureCount = 0
    var isOverLimit: Bool { edgeCount > CXCorpusNetwork.edgeLimit }

    /// Adds one figure; returns false when it mentions no identified entity.
    mutating func add(_ subgraph: FigureSubgraph, builder: inout CXNetworkBuilder) -> Bool {
        let mentions = subgraph.edges.filter { $0.kind == .mentions && CXNetworkBuilder.isEntity($0.targetKind) }
        guard !mentions.isEmpty else { return false }
        figureCount += 1
        edgeCount += mentions.count
        if isOverLimit {
            // Refused: stop holding anything.
            if !network.nodes.isEmpty {
                network = CXNetwork()
                nodeIndex = [:]
            }
            return true
        }
        let figureIndex = network.nodes.count
        network.nodes.append(builder.figureNode(subgraph, declarations: &network.nodeDeclarations))
        usedNamespaces.insert(subgraph.figure.id.namespace)
        var entities: [NodeKey: GraphNode] = [:]
        for node in subgraph.nodes where CXNetworkBuilder.isEntity(node.kind) { entities[NodeKey(node)] = node }
        for mention in mentions.sorted(by: CXNetworkBuilder.entityOrder) {
            let key = NodeKey(kind: mention.targetKind, id: mention.target)
            let target: Int
            if let known = nodeIndex[key] {
                target = known
            } else {
                let node = entities[key]
                    ?? GraphNode(kind: mention.targetKind, id: mention.target, name: mention.target.local)
                target = network.nodes.count
                nodeIndex[key] = target
                usedNamespaces.insert(node.id.namespace)
                network.nodes.append(builder.entityNode(node, evidence: nil, declarations: &network.nodeDeclarations))
            }
            network.edges.append(builder.mentionEdge(mention, source: figureIndex, target: target, declarations: &network.edgeDeclarations))
        }
        return true
    }

    /// The finished network: attributes set, nodes laid out. Call once, when not over the limit.
    mutating func finish(builder: inout CXNetworkBuilder) -> CXNetwork {
        let attributes = [
            CXAttribute("name", .string("PFOCR pathway figures (\(figureCount) figures)")),
            CXAttribute(
                "description",
                .string(
                    "Pathway figures from PubMed Central (Pathway Figure OCR, WikiPathways) and the genes, chemicals "
                        + "and diseases OCR found in them: one node per figure and per entity, one mentions edge per "
                        + "figure and entity, carrying the OCR words, matched terms and lexicon sources.")),
            CXAttribute("rights", .string(CXNetworkBuilder.rights)),
            CXAttribute("figureCount", .integer(figureCount)),
            CXAttribute("@context", .string(builder.contextText(usedNamespaces))),
        ]
        builder.addNetworkAttributes(attributes, to: &network)
        CXLayout.arrange(&network.nodes)
        return network
    }
}
