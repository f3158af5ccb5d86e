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
        properties.first { $0.name == name }?.value
    }
}

/// One edge of the graph.
public struct GraphEdge: Sendable, Hashable {
    public var kind: EdgeKind
    public var source: Identifier
    public var sourceKind: NodeKind
    public var target: Identifier
    public var targetKind: NodeKind
    public var properties: [Property]

    public init(kind: EdgeKind, source: Identifier, sourceKind: NodeKind, target: Identifier, targetKind: NodeKind, properties: [Property] = []) {
        self.kind = kind
        self.source = source
        self.sourceKind = sourceKind
        self.target = target
        self.targetKind = targetKind
        self.properties = properties
    }

    public func value(_ name: String) -> PropertyValue? {
        properties.first { $0.name == name }?.value
    }

    /// For MENTIONS edges: the evidence rows, zipped back from the parallel lists
    /// `words`, `matchedTerms`, `sources` (empty strings where a row had no value).
    public var evidence: [MentionEvidence] {
        guard case .stringList(let words) = value(.words) else { return [] }
        let matched: [String]
        if case .stringList(let list) = value(.matchedTerms) { matched = list } else { matched = [] }
        let sources: [String]
        if case .stringList(let list) = value(.sources) { sources = list } else { sources = [] }
        return words.indices.map { index in
            MentionEvidence(
                word: words[index],
                matchedTerm: index < matched.count ? matched[index] : "",
                source: index < sources.count ? sources[index] : "")
        }
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
