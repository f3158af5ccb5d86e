import PFOCRGraph

/// One network, as both CX dialects write it: network attributes, nodes with coordinates,
/// edges. Built per figure (or once for the corpus) and serialised by ``CX2Writer`` or
/// ``CX1Writer``, so the two files of a figure hold the same network by construction.
struct CXNetwork {
    var attributes: [CXAttribute] = []
    var nodes: [CXNode] = []
    var edges: [CXEdge] = []
    /// The declared type of every network, node and edge attribute, in first-use order
    /// (node `name`, `represents`, `type` and edge `interaction` included).
    var networkDeclarations = CXDeclarations()
    var nodeDeclarations = CXDeclarations()
    var edgeDeclarations = CXDeclarations()

    /// Empties the network, keeping the arrays' storage for the next figure.
    mutating func removeAll() {
        attributes.removeAll(keepingCapacity: true)
        nodes.removeAll(keepingCapacity: true)
        edges.removeAll(keepingCapacity: true)
        networkDeclarations.removeAll()
        nodeDeclarations.removeAll()
        edgeDeclarations.removeAll()
    }

    /// The number of node attributes besides `name` and `represents` (CX1 `nodeAttributes`).
    var nodeAttributeCount: Int { nodes.reduce(0) { $0 + 1 + $1.attributes.count } }

    /// The number of edge attributes besides `interaction` (CX1 `edgeAttributes`).
    var edgeAttributeCount: Int { edges.reduce(0) { $0 + $1.attributes.count } }
}

/// One node. `name`, `represents` and `type` are the attributes every node has; CX1 writes
/// the first two as the node's `n` and `r`, CX2 as ordinary attributes.
struct CXNode {
    /// The node kind, for the layout's grouping.
    var kind: NodeKind
    var name: String
    var represents: String
    var type: String
    var attributes: [CXAttribute]
    var x: Double = 0
    var y: Double = 0
}

/// One edge between two node positions of ``CXNetwork/nodes``.
struct CXEdge {
    var source: Int
    var target: Int
    /// CX1 `i`, CX2 attribute `interaction`.
    var interaction: String
    var attributes: [CXAttribute]
}

/// One attribute: a name and a typed value.
struct CXAttribute {
    var name: String
    var value: PropertyValue

    init(_ name: String, _ value: PropertyValue) {
        self.name = name
        self.value = value
    }

    /// The CX data type of the value (`d`), the same in CX1 and CX2.
    var type: CXType { CXType(value.type) }
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
