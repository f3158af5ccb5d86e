/// The only corpus-wide state a sink needs: which nodes (and which node-owned edges) it has
/// already written. Memory grows with the distinct entities, not with the figures' rows.
///
/// A node is its kind and its identifier: a MeSH id used as a chemical in one figure and as
/// a disease in another is a Chemical node and a Disease node (what a graph database's labels
/// expect). Formats whose ids must be unique across kinds (KGX) add their own check.
public struct NodeDeduplicator: Sendable {
    /// A node's identity in the graph.
    public struct NodeKey: Hashable, Sendable {
        public var kind: NodeKind
        public var id: Identifier

        public init(kind: NodeKind, id: Identifier) {
            self.kind = kind
            self.id = id
        }

        /// The key of `node`.
        public init(_ node: GraphNode) {
            self.init(kind: node.kind, id: node.id)
        }
    }

    private var written = Set<NodeKey>()
    private var taxonEdges = Set<Identifier>()

    public init() {}

    /// Marks `node` written; true when it was new.
    public mutating func insert(_ node: GraphNode) -> Bool {
        written.insert(NodeKey(kind: node.kind, id: node.id)).inserted
    }

    public func contains(kind: NodeKind, id: Identifier) -> Bool {
        written.contains(NodeKey(kind: kind, id: id))
    }

    /// The subgraph's nodes not written before (marking them written), excluding the figure,
    /// and the edges to write now: every edge from the figure, and each IN_TAXON edge the
    /// first time its gene has one. Order is the subgraph's order.
    public mutating func admit(_ subgraph: FigureSubgraph) -> (nodes: [GraphNode], edges: [GraphEdge]) {
        var nodes: [GraphNode] = []
        for node in subgraph.nodes where insert(node) {
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
