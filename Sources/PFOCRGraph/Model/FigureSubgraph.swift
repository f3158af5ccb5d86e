import PFOCRRecords

/// One figure's part of the graph: the figure node, every node it reaches, every edge.
///
/// This is the unit that flows from the ``GraphBuilder`` to the sinks, in figid order.
public struct FigureSubgraph: Sendable {
    public var figure: GraphNode
    /// Paper, organisms, then genes, chemicals and diseases (each sorted by id), and the
    /// organisms of genes; the figure itself is not repeated here.
    public var nodes: [GraphNode]
    /// PART_OF, ABOUT, MENTIONS (in node order), then IN_TAXON edges of the genes.
    public var edges: [GraphEdge]

    public init(figure: GraphNode, nodes: [GraphNode], edges: [GraphEdge]) {
        self.figure = figure
        self.nodes = nodes
        self.edges = edges
    }

    /// The figid (the figure node's local id).
    public var figid: String { figure.id.local }

    /// The nodes of one kind, in subgraph order.
    public func nodes(_ kind: NodeKind) -> [GraphNode] { nodes.filter { $0.kind == kind } }

    /// The MENTIONS edges (figure → entity).
    public var mentions: [GraphEdge] { edges.filter { $0.kind == .mentions } }
}

/// How the rows of one record were used: the builder's side of the conservation count. It
/// travels beside the subgraph, to the driver's report, not to the sinks
/// (``GraphBuilder/build(_:accounting:)``).
public struct FigureAccounting: Sendable, Hashable {
    /// Rows per kind read and rejected by the reader.
    public var rows: [EntityKind: RowAccount] = [:]
    /// Rows per kind that became evidence on a MENTIONS edge.
    public var exported: [EntityKind: Int] = [:]
    /// Rows per kind with no identifier (kept on the figure as text).
    public var unidentified: [EntityKind: Int] = [:]
    /// Gene rows left out by the builder's gene selection (`--organism`), by reason.
    public var excludedGeneRows: [String: Int] = [:]
    /// Gene rows exported on a gene that got no taxon (no `organism_id`, no lexicon taxon).
    public var genesWithoutTaxon = 0
    /// Curated organism names the mapping does not know (kept on the figure as text).
    public var unmappedOrganisms: [String] = []
    /// Side files present but ignored because the record is layout A.
    public var ignoredSideFiles: [IgnoredSideFile] = []
    public var layout: RecordLayout = .inline

    public init() {}
}
