import PFOCRGraph

/// One network, as both CX dialects write it: network attributes, nodes with coordinates,
/// edges. Built per figure (on a worker thread, in a local of ``CXRenderer/render(_:into:)``)
/// or once for the corpus, and serialised by ``CX2Writer`` or ``CX1Writer``, so the two files
/// of a figure hold the same network by construction.
///
/// The attributes of all nodes (and of all edges) are kept back to back in one array, each
/// element holding its range of it, so a network costs a handful of arrays however many
/// nodes it has.
struct CXNetwork {
    var attributes: [CXAttribute] = []
    var nodes: [CXNode] = []
    var edges: [CXEdge] = []
    /// Every node's attributes besides `name`, `represents` and `type`, node after node.
    var nodeAttributes: [CXAttribute] = []
    /// Every edge's attributes besides `interaction`, edge after edge.
    var edgeAttributes: [CXAttribute] = []
    /// The declared type of every network, node and edge attribute, in first-use order
    /// (node `name`, `represents`, `type` and edge `interaction` included).
    var networkDeclarations = CXDeclarations()
    var nodeDeclarations = CXDeclarations()
    var edgeDeclarations = CXDeclarations()
    /// Values left out: a name already used by the element (or the network), or declared
    /// with another type. The sink reports the sum (`attributeTypeClashes`).
    var typeClashes = 0

    /// The number of node attributes besides `name` and `represents` (CX1 `nodeAttributes`).
    var nodeAttributeCount: Int { nodes.count + nodeAttributes.count }

    /// The number of edge attributes besides `interaction` (CX1 `edgeAttributes`).
    var edgeAttributeCount: Int { edgeAttributes.count }

    /// Adds a network attribute unless its name is already used (each name once).
    mutating func addNetworkAttribute(_ name: CXName, _ value: PropertyValue) {
        guard !networkDeclarations.contains(name) else {
            typeClashes += 1
            return
        }
        _ = networkDeclarations.admit(name, CXType(value.type))
        attributes.append(CXAttribute(name, .value(value)))
    }

    /// Adds an attribute to the node whose attributes start at `start` (the last node, being
    /// built), unless the node already has that name or the name is declared with another type.
    mutating func addNodeAttribute(_ name: CXName, _ value: PropertyValue, from start: Int) {
        addNodeAttribute(name, .value(value), from: start)
    }

    /// ``addNodeAttribute(_:_:from:)`` of a value not yet made (an evidence list).
    mutating func addNodeAttribute(_ name: CXName, _ value: CXValue, from start: Int) {
        CXNetwork.add(
            (name, value), to: &nodeAttributes, from: start, declarations: &nodeDeclarations,
            clashes: &typeClashes)
    }

    /// ``addNodeAttribute(_:_:from:)`` for the edge being built.
    mutating func addEdgeAttribute(_ name: CXName, _ value: PropertyValue, from start: Int) {
        CXNetwork.add(
            (name, .value(value)), to: &edgeAttributes, from: start, declarations: &edgeDeclarations,
            clashes: &typeClashes)
    }

    private static func add(
        _ attribute: (name: CXName, value: CXValue), to attributes: inout [CXAttribute], from start: Int,
        declarations: inout CXDeclarations, clashes: inout Int
    ) {
        // By key (see ``CXNames``): an element has about ten attributes, scanned in place.
        var index = start
        while index < attributes.count {
            if attribute.name.matches(key: attributes[index].key, text: attributes[index].name) {
                clashes += 1
                return
            }
            index += 1
        }
        guard declarations.admit(attribute.name, attribute.value.type) else {
            clashes += 1
            return
        }
        attributes.append(CXAttribute(attribute.name, attribute.value))
    }
}

/// One node. `name`, `represents` (written from `id`) and `type` are the attributes every
/// node has; CX1 writes the first two as the node's `n` and `r`, CX2 as ordinary attributes.
struct CXNode {
    /// The node kind, for the layout's grouping.
    var kind: NodeKind
    var id: Identifier
    var name: String
    var type: String
    /// Its part of ``CXNetwork/nodeAttributes``.
    var attributes: Range<Int>
    var x: Double = 0
    var y: Double = 0
}

/// One edge between two node positions of ``CXNetwork/nodes``.
struct CXEdge {
    var source: Int
    var target: Int
    /// CX1 `i`, CX2 attribute `interaction`.
    var interaction: String
    /// Its part of ``CXNetwork/edgeAttributes``.
    var attributes: Range<Int>
}

/// One attribute: a name (with its ``CXNames`` key) and a typed value.
struct CXAttribute {
    var name: String
    /// The name's key in the export's ``CXNames``.
    var key: Int
    var value: CXValue

    init(_ name: CXName, _ value: CXValue) {
        self.name = name.text
        key = name.key
        self.value = value
    }

    /// The CX data type of the value (`d`), the same in CX1 and CX2.
    var type: CXType { value.type }
}

/// An attribute's value: a property value, or a MENTIONS list property still in its evidence
/// rows.
///
/// Why the second case: a figure network's gene, chemical and disease nodes each carry the
/// MENTIONS lists (`words`, `matchedTerms`, `sources`); ``GraphEdge/value(_:)`` makes each an
/// array of strings, allocated and freed per node, only to be written once as JSON. Keeping
/// the rows (one reference) and writing the list from them gives the same bytes without the
/// arrays.
enum CXValue {
    case value(PropertyValue)
    /// `.stringList` of field `field` (an index of ``GraphSchema/evidenceFields``) of every row
    /// of `rows`, as ``GraphSchema/mentions`` makes it (rows not empty).
    case evidence(_ rows: [MentionEvidence], field: Int)

    /// The CX data type (`d`).
    var type: CXType {
        switch self {
        case .value(let value): CXType(value.type)
        case .evidence: .listOfString
        }
    }
}

/// The CX attribute data types the formats use.
enum CXType: String {
    case string
    case integer
    case double
    case boolean
    case listOfString = "list_of_string"

    /// IRIs are strings in CX; integers are CX `integer` (32-bit in Cytoscape: years, counts
    /// and ranks fit).
    init(_ type: PropertyType) {
        switch type {
        case .string, .iri: self = .string
        case .integer: self = .integer
        case .double: self = .double
        case .boolean: self = .boolean
        case .stringList: self = .listOfString
        }
    }
}
