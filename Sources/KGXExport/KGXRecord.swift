import PFOCRGraph

/// One KGX node or edge, dialect-free: Biolink slot names with typed values, in the order the
/// JSON Lines dialect writes them. ``KGXRecordBuilder`` makes records from the graph; a
/// ``KGXRecordWriter`` spells them (JSON Lines, TSV), so both dialects carry the same content.
struct KGXRecord: Sendable, Hashable {
    struct Field: Sendable, Hashable {
        let slot: KGXSlot
        let value: KGXValue
    }

    private(set) var fields: [Field] = []

    /// A record with room for `capacity` fields: a record's fields are known in number before
    /// it is made, and growing the array field by field cost a fifth of KGX's building.
    init(capacity: Int = 0) {
        fields.reserveCapacity(capacity)
    }

    /// Appends `slot`; an empty list is left out (KGX reads an absent slot and an empty list
    /// alike, and TSV cannot tell them apart).
    mutating func append(_ slot: KGXSlot, _ value: KGXValue) {
        if case .list(let items) = value, items.isEmpty { return }
        fields.append(Field(slot: slot, value: value))
    }

    mutating func append(_ slot: KGXSlot, _ text: String) {
        append(slot, .text(text))
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

    /// The value of a graph property, its type kept.
    init(_ value: PropertyValue) {
        switch value {
        case .string(let text), .iri(let text): self = .text(text)
        case .integer(let number): self = .integer(number)
        case .double(let number): self = .double(number)
        case .boolean(let flag): self = .boolean(flag)
        case .stringList(let items): self = .list(items)
        }
    }
}
