/// One node of the graph, as a figure's subgraph carries it.
///
/// Corpus-wide nodes (papers, genes, chemicals, diseases, organisms) appear in the subgraph
/// of every figure that reaches them; every format writes each once, the first time (the
/// driver's ``GraphRegistry`` decides), so the properties of its first figure in figid order
/// win.
public struct GraphNode: Sendable, Hashable {
    public var kind: NodeKind
    public var id: Identifier
    /// The human name: figure title, paper title, gene symbol, term name, organism name;
    /// never empty (falls back to the local id).
    public var name: String
    /// Properties in the order the builder sets them; absent values are not stored.
    public var properties: [Property]

    public init(kind: NodeKind, id: Identifier, name: String, properties: [Property] = []) {
        self.kind = kind
        self.id = id
        self.name = name
        self.properties = properties
    }

    /// The value of property `name`, if set.
    public func value(_ name: String) -> PropertyValue? {
        // By index: `first(where:)` would copy each property it passes over.
        for index in properties.indices where properties[index].name == name { return properties[index].value }
        return nil
    }
}

/// A node or an edge: what has properties, read by name the same way for both (the sinks
/// that write every vocabulary property of either are generic over it).
public protocol PropertyOwner {
    func value(_ name: String) -> PropertyValue?
}

extension GraphNode: PropertyOwner {}
extension GraphEdge: PropertyOwner {}

/// One edge of the graph.
public struct GraphEdge: Sendable, Hashable {
    public var kind: EdgeKind
    public var source: Identifier
    public var sourceKind: NodeKind
    public var target: Identifier
    public var targetKind: NodeKind
    public var properties: [Property]
    /// MENTIONS edges: the evidence rows, typed, in input order (empty for other kinds).
    /// The MENTIONS properties (`words`, `matchedTerms`, `sources`, `evidenceCount`) are not
    /// stored: ``value(_:)`` makes them from these rows by ``GraphSchema/mentions`` for the
    /// formats that write parallel lists, and a format that writes rows (RDF) reads them here.
    public var evidence: [MentionEvidence]

    public init(
        kind: EdgeKind, source: Identifier, sourceKind: NodeKind, target: Identifier, targetKind: NodeKind,
        properties: [Property] = [], evidence: [MentionEvidence] = []
    ) {
        self.kind = kind
        self.source = source
        self.sourceKind = sourceKind
        self.target = target
        self.targetKind = targetKind
        self.properties = properties
        self.evidence = evidence
    }

    /// The value of property `name`: a stored property, else one made from ``evidence``.
    public func value(_ name: String) -> PropertyValue? {
        for index in properties.indices where properties[index].name == name { return properties[index].value }
        guard !evidence.isEmpty else { return nil }
        return GraphSchema.mentions.first { $0.key.name == name }?.take(evidence)
    }
}

/// One evidence row of a MENTIONS edge: what OCR read, what it matched, and which lexicon.
public struct MentionEvidence: Sendable, Hashable {
    public var word: String
    /// Empty when the row had no matched term.
    public var matchedTerm: String
    /// Empty when the row had no lexicon source.
    public var source: String

    public init(word: String, matchedTerm: String?, source: String?) {
        self.word = word
        self.matchedTerm = matchedTerm ?? ""
        self.source = source ?? ""
    }
}
