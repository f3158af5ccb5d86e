/// The three kinds of entity that PFOCR's OCR matching finds in a figure.
public enum EntityKind: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case gene
    case chemical
    case disease

    /// The plural used by PFOCR for list keys and side-file suffixes (`genes`, `<figid>-genes.tsv`).
    public var plural: String { rawValue + "s" }

    /// What follows the figid in the name of a side file of this kind (`-genes.tsv`).
    var sideFileSuffix: String {
        switch self {
        case .gene: "-genes.tsv"
        case .chemical: "-chemicals.tsv"
        case .disease: "-diseases.tsv"
        }
    }

    /// Genes first, then chemicals, then diseases: the order used in every output.
    var order: Int {
        switch self {
        case .gene: 0
        case .chemical: 1
        case .disease: 2
        }
    }

    public static func < (lhs: EntityKind, rhs: EntityKind) -> Bool {
        lhs.order < rhs.order
    }

    /// Hashes the case, not its raw value: the default for a `String` raw value hashed the
    /// text (`gene`) at every lookup of the per-kind counts each figure updates. Equal kinds
    /// hash alike either way; dictionary order, which this changes, is never output.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(order)
    }

    /// Compares the cases, not their raw values' texts (as ``hash(into:)``).
    public static func == (lhs: EntityKind, rhs: EntityKind) -> Bool {
        lhs.order == rhs.order
    }
}
