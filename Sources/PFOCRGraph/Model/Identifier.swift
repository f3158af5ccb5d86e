/// The identifier namespaces of the graph. Each has a CURIE prefix and an IRI template in a
/// prefix set of `Mappings/prefixes/`.
public enum Namespace: String, Sendable, Hashable, CaseIterable, Codable {
    /// PFOCR figures, by figid.
    case figure
    /// PubMed Central articles, by PMC id (`PMC3246694`).
    case pmc
    case ncbigene
    case mesh
    /// ChEBI, by number (`15846`).
    case chebi
    /// Disease Ontology, by number (`162`, `0060239`).
    case doid
    case ncbitaxon
    /// WikiPathways pathways, by WP id (`WP5283`).
    case wikipathways
    case doi

    // Hashed and compared by case, not by raw value: the standard library's
    // RawRepresentable defaults would hash and compare the name's String on every lookup
    // of the export's key set.
    public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }
    public static func == (lhs: Namespace, rhs: Namespace) -> Bool { lhs.ordinal == rhs.ordinal }

    /// True when an IRI keeps `/` in this namespace's local ids (DOIs are paths); every
    /// other local id is one percent-encoded path segment.
    public var keepsSlashInIRIs: Bool { self == .doi }

    /// True when nodes of more than one kind are keyed in this namespace, so one identifier
    /// (one IRI, one KGX id) can stand for two nodes: MeSH keys both chemicals and diseases
    /// (``GraphBuilder``'s identity rules). Identifiers minted per mention (RDF mention IRIs,
    /// KGX edge ids) then name the node kind too, and RDF writes once what both nodes say.
    public var isSharedByNodeKinds: Bool { self == .mesh }

    /// The position in `allCases`: an array index for per-namespace tables.
    public var ordinal: Int {
        switch self {
        case .figure: 0
        case .pmc: 1
        case .ncbigene: 2
        case .mesh: 3
        case .chebi: 4
        case .doid: 5
        case .ncbitaxon: 6
        case .wikipathways: 7
        case .doi: 8
        }
    }
}

/// A node's identity: a namespace and a local id. Two nodes with equal identifiers are one
/// node, however many figures mention it.
public struct Identifier: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var namespace: Namespace
    /// The local id, without prefix (`2915`, `D018350`, `15846`). Untrusted for figures.
    public var local: String

    public init(_ namespace: Namespace, _ local: String) {
        self.namespace = namespace
        self.local = local
    }

    public static func < (lhs: Identifier, rhs: Identifier) -> Bool {
        (lhs.namespace.rawValue, lhs.local) < (rhs.namespace.rawValue, rhs.local)
    }

    /// `namespace:local` with the namespace's internal name; for display and diagnostics.
    /// Use ``PrefixSet/curie(_:)`` for output.
    public var description: String { "\(namespace.rawValue):\(local)" }
}
