import PFOCRGraph

/// The `--cx-scope corpus` network while it is collected: figure nodes, entity nodes (each
/// once), MENTIONS edges. It is for subsets, so it may hold its nodes and edges up to
/// ``edgeLimit``; past the limit it drops them and only counts, and the sink refuses to
/// write it. Figures mentioning no identified entity get no node, as they get no file in
/// the per-figure scope (which also keeps the node count within twice the edge limit).
///
/// Unlike a figure network it keeps the genes of every taxon (each gene node carries its
/// `organism`), since it is not one figure's pathway.
///
/// It runs on the consumer thread (figid order), so it sees the figures in order. Which
/// entities are already nodes it reads from its node index, the map from entity to node
/// position that its edges need anyway: an entity's first figure adds the node, later ones
/// only an edge to it. The driver's ``FigureNews`` says the same for the subgraph's nodes,
/// but the edges would still need the positions, so the index is the one lookup.
struct CXCorpusNetwork: ~Copyable {
    /// About what NDEx and Cytoscape Web accept.
    static let edgeLimit = 20_000

    private(set) var network = CXNetwork()
    /// Node position of every entity in the network.
    private var nodeIndex: [NodeKey: Int] = [:]
    /// The namespaces of the network's nodes, as ``CXContext/bit(_:)`` bits.
    private var usedNamespaces: UInt16 = 0
    /// MENTIONS edges seen, written or not.
    private(set) var edgeCount = 0
    /// Figures with at least one identified entity.
    private(set) var figureCount = 0
    var isOverLimit: Bool { edgeCount > CXCorpusNetwork.edgeLimit }
    /// Values left out of the network, including those of figures added before it went over
    /// the limit.
    var typeClashes: Int { network.typeClashes }

    /// Adds one figure; returns false when it mentions no identified entity.
    mutating func add(_ subgraph: FigureSubgraph, builder: CXNetworkBuilder) -> Bool {
        let mentions = subgraph.edges.reduce(0) { $0 + (CXNetworkBuilder.isEntityMention($1) ? 1 : 0) }
        guard mentions > 0 else { return false }
        figureCount += 1
        edgeCount += mentions
        if isOverLimit {
            // Refused: stop holding anything but the count of values left out.
            if !network.nodes.isEmpty {
                let typeClashes = network.typeClashes
                network = CXNetwork()
                network.typeClashes = typeClashes
                nodeIndex = [:]
            }
            return true
        }
        let figureIndex = network.nodes.count
        builder.appendFigureNode(subgraph, to: &network)
        // The corpus network keeps every gene, each with its own taxon's name.
        let geneTaxa = CXOrganismChoice(subgraph).geneTaxa
        var cursor = 0
        usedNamespaces |= builder.context.bit(subgraph.figure.id.namespace)
        builder.forEachMention(in: subgraph) { mention, node in
            let key = NodeKey(kind: mention.targetKind, id: mention.target)
            let target: Int
            if let known = nodeIndex[key] {
                target = known
            } else {
                target = network.nodes.count
                nodeIndex[key] = target
                usedNamespaces |= builder.context.bit(node.id.namespace)
                let taxon = node.kind == .gene ? geneTaxa.taxon(of: node.id, cursor: &cursor) : nil
                let organism = taxon.map { CXOrganismChoice.name(of: $0, in: subgraph) }
                builder.appendEntityNode(
                    node, organism: node.kind == .gene ? organism : nil, evidence: nil, to: &network)
            }
            builder.appendMentionEdge(mention, source: figureIndex, target: target, to: &network)
        }
        return true
    }

    /// Finishes ``network``: attributes set, nodes laid out. Call once, when not over the limit.
    mutating func finish(builder: CXNetworkBuilder) {
        network.addNetworkAttribute(
            builder.names.name("name"), .string("PFOCR pathway figures (\(figureCount) figures)"))
        network.addNetworkAttribute(
            builder.names.name("description"),
            .string(
                "Pathway figures from PubMed Central (Pathway Figure OCR, WikiPathways) and the genes, chemicals "
                    + "and diseases OCR found in them: one node per figure and per entity, one mentions edge per "
                    + "figure and entity, carrying the OCR words, matched terms and lexicon sources."))
        network.addNetworkAttribute(builder.names.name("rights"), .string(CXNetworkBuilder.rights))
        network.addNetworkAttribute(builder.names.name("figureCount"), .integer(figureCount))
        network.addNetworkAttribute(builder.names.name("@context"), .string(builder.context.text(usedNamespaces)))
        CXLayout.arrange(&network.nodes)
    }
}
