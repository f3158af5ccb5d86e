/// The only corpus-wide state a sink needs: which nodes (and which node-owned edges) it has
/// already written. Memory grows with the distinct entities, not with the figures' rows.
public struct NodeDeduplicator: Sendable {
    private var written = Set<Identifier>()
    private var taxonEdges = Set<Identifier>()

    public init() {}

    /// Marks `id` written; true when it was new.
    public mutating func insert(_ id: Identifier) -> Bool {
        written.insert(id).inserted
    }

    public func contains(_ id: Identifier) -> Bool { written.contains(id) }

    /// The subgraph's nodes not written before (marking them written), excluding the figure,
    /// and the edges to write now: every edge from the figure, and each IN_TAXON edge the
    /// first time its gene has one. Order is the subgraph's order.
    public mutating func admit(_ subgraph: FigureSubgraph) -> (nodes: [GraphNode], edges: [GraphEdge]) {
        var nodes: [GraphNode] = []
        for node in subgraph.nodes where written.insert(node.id).inserted {
            nodes.append(node)
        }
        var edges: [GraphEdge] = []
        edges.reserveCapacity(subgraph.edges.count)
        for edge in subgraph.edges {
            if edge.kind == .inTaxon {
                guard taxonEdges.insert(edge.source).inserted else { continue }
            }
            edges.append(edge)
        }
        return (nodes, edges)
    }

    /// How many distinct nodes were written.
    public var count: Int { written.count }
}
