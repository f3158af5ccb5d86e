import PFOCRRecords

/// The kinds of node in the PFOCR graph. The raw value is the name used in `Mappings/`, as the
/// Cypher label and as the GraphML/CX node type.
public enum NodeKind: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case figure = "Figure"
    case paper = "Paper"
    case gene = "Gene"
    case chemical = "Chemical"
    case disease = "Disease"
    case organism = "Organism"

    /// The node kind of an entity mention.
    public init(_ entity: EntityKind) {
        switch entity {
        case .gene: self = .gene
        case .chemical: self = .chemical
        case .disease: self = .disease
        }
    }

    /// Position in `allCases`: the order kinds appear in every output.
    public var order: Int {
        switch self {
        case .figure: 0
        case .paper: 1
        case .gene: 2
        case .chemical: 3
        case .disease: 4
        case .organism: 5
        }
    }

    public static func < (lhs: NodeKind, rhs: NodeKind) -> Bool { lhs.order < rhs.order }
}

/// The kinds of edge in the PFOCR graph. The raw value is the Cypher relationship type.
public enum EdgeKind: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// Figure → Paper: the figure is published in the paper.
    case partOf = "PART_OF"
    /// Figure → Gene/Chemical/Disease: OCR found the entity; carries the evidence rows.
    case mentions = "MENTIONS"
    /// Figure → Organism: the record's curated `organisms`.
    case about = "ABOUT"
    /// Gene → Organism: the taxon a layout B gene row gives.
    case inTaxon = "IN_TAXON"

    public var order: Int {
        switch self {
        case .partOf: 0
        case .mentions: 1
        case .about: 2
        case .inTaxon: 3
        }
    }

    public static func < (lhs: EdgeKind, rhs: EdgeKind) -> Bool { lhs.order < rhs.order }
}
