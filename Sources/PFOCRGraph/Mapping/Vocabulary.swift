/// How each node kind, edge kind and property is named in every output format.
///
/// Loaded from `Mappings/vocabulary.yaml`. Sinks iterate ``NodeVocabulary/properties`` to
/// decide which properties to write, in which order and under which names and types, so the
/// file alone decides what each format contains.
public struct Vocabulary: Sendable {
    public var rdfPrefixes: [(prefix: String, namespace: String)]
    public var nodes: [NodeKind: NodeVocabulary]
    public var edges: [EdgeKind: EdgeVocabulary]

    public func node(_ kind: NodeKind) -> NodeVocabulary {
        nodes[kind]
            ?? NodeVocabulary(
                kind: kind, label: kind.rawValue, rdfClasses: [], kgxCategory: "biolink:NamedThing", properties: [])
    }

    public func edge(_ kind: EdgeKind) -> EdgeVocabulary {
        edges[kind]
            ?? EdgeVocabulary(
                kind: kind, type: kind.rawValue, rdfPredicate: "", kgxPredicate: "biolink:related_to", properties: [])
    }

    /// The IRI for a CURIE over ``rdfPrefixes`` (`dcterms:title` → full IRI); nil when the
    /// prefix is not declared.
    public func expand(_ curie: String) -> String? {
        guard let colon = curie.firstIndex(of: ":") else { return nil }
        let prefix = curie[..<colon]
        guard let base = rdfPrefixes.first(where: { $0.prefix == prefix })?.namespace else { return nil }
        return base + curie[curie.index(after: colon)...]
    }
}

/// One node kind's names.
public struct NodeVocabulary: Sendable {
    public var kind: NodeKind
    /// The Cypher label, GraphML `labels` value and CX node `type` (defaults to the kind).
    public var label: String
    /// RDF classes, as CURIEs over the vocabulary's `rdf_prefixes`.
    public var rdfClasses: [String]
    /// The Biolink category used in KGX.
    public var kgxCategory: String
    public var properties: [PropertySpec]
}

/// One edge kind's names.
public struct EdgeVocabulary: Sendable {
    public var kind: EdgeKind
    /// The Cypher relationship type and GraphML `label` value.
    public var type: String
    /// The RDF predicate of the direct triple, a CURIE.
    public var rdfPredicate: String
    /// The Biolink predicate used in KGX.
    public var kgxPredicate: String
    public var properties: [PropertySpec]
}

/// One property an export writes: its output name, type, RDF predicate, KGX rule and
/// documentation. ``GraphSchema``'s declaration, with what the vocabulary file overrides.
public struct PropertySpec: Sendable, Hashable {
    /// The name in Cypher, GraphML, CX and KGX, and the name the builder sets.
    public var name: String
    public var type: PropertyType
    /// The RDF predicate, a CURIE.
    public var rdfPredicate: String
    /// An RDF datatype CURIE overriding the one implied by ``type`` (`xsd:gYear`).
    public var rdfDatatype: String?
    /// Where KGX writes it (always the schema's: Biolink's slots are not a naming choice).
    public var kgx: KGXRule
    public var description: String

    public init(
        name: String, type: PropertyType, rdfPredicate: String, rdfDatatype: String? = nil, kgx: KGXRule,
        description: String
    ) {
        self.name = name
        self.type = type
        self.rdfPredicate = rdfPredicate
        self.rdfDatatype = rdfDatatype
        self.kgx = kgx
        self.description = description
    }

    /// The declaration as it stands, with no override.
    public init(_ declaration: PropertyDeclaration) {
        self.init(
            name: declaration.key.name, type: declaration.key.type, rdfPredicate: declaration.rdf,
            rdfDatatype: declaration.rdfDatatype, kgx: declaration.kgx, description: declaration.description)
    }
}
