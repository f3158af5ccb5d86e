import PFOCRGraph

/// The fields of a KGX node or edge record, dialect-free: Biolink slots in the order the JSON
/// Lines dialect writes them, each with where its value comes from. ``KGXRecordBuilder`` makes
/// one per node kind and per edge kind; a ``KGXRecordWriter`` lays it out as a line (JSON Lines,
/// TSV) once, and then spells every node or edge of the kind by it, straight into bytes, so
/// both dialects carry the same content.
///
/// The first field is the record's `id`, always present. A field whose value is absent, or is
/// an empty list, is left out (KGX reads an absent slot and an empty list alike, and TSV cannot
/// tell them apart).
struct KGXRecord<Source: KGXFieldSource>: Sendable {
    struct Field: Sendable {
        let slot: KGXSlot
        let source: Source
    }

    private(set) var fields: [Field] = []

    mutating func append(_ slot: KGXSlot, _ source: Source) {
        fields.append(Field(slot: slot, source: source))
    }
}

/// Where a field of a ``KGXRecord`` takes its value from.
protocol KGXFieldSource: Sendable {
    /// The value when it is the same for every record of the kind (spelled once).
    var constant: KGXValue? { get }
    /// True when every record has the value (never left out).
    var isAlwaysPresent: Bool { get }
}

/// Where a node record's field takes its value from.
enum KGXNodeSource: KGXFieldSource {
    /// The node's Biolink CURIE (``PrefixSet/biolinkCurie(_:)``).
    case id
    case name
    /// The node's IRI (``PrefixSet/iri(_:)``).
    case iri
    /// The same for every node of the kind.
    case constant(KGXValue)
    /// The first of these properties the node has (a slot that more than one property fills
    /// takes the first), its type kept.
    case property([String])
    /// The Biolink CURIEs of these properties' values, each a local id in its namespace, but
    /// the node's own id: `xref`.
    case crossReferences([CrossReference])

    struct CrossReference: Sendable {
        let property: String
        let namespace: Namespace
    }

    var constant: KGXValue? {
        if case .constant(let value) = self { value } else { nil }
    }

    var isAlwaysPresent: Bool {
        switch self {
        case .id, .name, .iri: true
        case .constant, .property, .crossReferences: false
        }
    }
}

/// Where an edge record's field takes its value from.
enum KGXEdgeSource: KGXFieldSource {
    /// `subject--predicate--object`, unique per file: when the object's namespace is shared by
    /// node kinds (``Namespace/isSharedByNodeKinds``, MeSH) `--<kind>` follows
    /// (`…--MESH:D002130--chemical`), so a figure mentioning one MeSH id as a chemical and as a
    /// disease has two edges with two ids.
    case id
    /// The source's Biolink CURIE.
    case subject
    /// The target's Biolink CURIE.
    case object
    /// The same for every edge of the kind.
    case constant(KGXValue)
    /// The figure's paper, as a one-item list; absent when the figure has none.
    case paper
    /// A property (``GraphEdge/value(_:)``), its type kept; `evidence` is how a MENTIONS edge
    /// makes it from its rows, spelled from them without making the list.
    case property(String, evidence: EvidenceProperty?)

    var constant: KGXValue? {
        if case .constant(let value) = self { value } else { nil }
    }

    var isAlwaysPresent: Bool {
        switch self {
        case .id, .subject, .object: true
        case .constant, .paper, .property: false
        }
    }
}

/// A Biolink slot a record carries, with its column in each TSV file (``KGXSlots/Table``).
struct KGXSlot: Sendable, Hashable {
    /// In snake case (`in_taxon`, `supporting_text`): letters and `_` only, so the writers
    /// spell it as it is (a test checks every slot).
    let name: String
    /// The column in `nodes.tsv` and `edges.tsv`; -1 where the file has none.
    let nodeColumn: Int
    let edgeColumn: Int
}

/// A slot value: a scalar for a single-valued Biolink slot, a list for a multivalued one
/// (Biolink's `multivalued`, which `kgx validate` checks).
enum KGXValue: Sendable, Hashable {
    case text(String)
    case integer(Int)
    case double(Double)
    case boolean(Bool)
    case list([String])
}
