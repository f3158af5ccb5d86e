import PFOCRGraph

/// One network, as both CX dialects write it: network attributes, nodes with coordinates,
/// edges. Built per figure (on a worker thread, in a local of ``CXRenderer/render(_:into:)``)
/// or once for the corpus, and serialised by ``CX2Writer`` or ``CX1Writer``, so the two files
/// of a figure hold the same network by construction.
///
/// Every value is JSON already: each attribute value, node name, `represents` and `type` is
/// written once, as the JSON both dialects write for it, into ``json``, and the nodes and
/// attributes hold their ranges of it. Why: a figure network has about ten attributes per
/// node; holding them as `String`s and property values cost a retain and a release per
/// value when built, a switch and an escape when written (twice for the `cx` family), and a
/// release per value when the network was freed. Now nodes and attributes are plain values
/// (no references), a network costs a handful of arrays however many nodes it has, and the
/// writers copy byte ranges.
///
/// The attributes of all nodes (and of all edges) are kept back to back in one array, each
/// element holding its range of it.
struct CXNetwork: ~Copyable {
    /// The JSON text of every value, back to back (see the type's comment).
    var json = ByteBuffer(capacity: 0)
    var attributes: [CXAttribute] = []
    var nodes: [CXNode] = []
    var edges: [CXEdge] = []
    /// Every node's attributes besides `name`, `represents` and `type`, node after node.
    var nodeAttributes: [CXAttribute] = []
    /// Every edge's attributes besides `interaction`, edge after edge.
    var edgeAttributes: [CXAttribute] = []
    /// The texts of attribute names outside the export's ``CXNames`` (rare: every name the
    /// builder uses is in the table), which ``CXAttribute/unknownName`` indexes.
    var unknownNames: [String] = []
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

    /// The text of an attribute's name (for tests and messages: writers spell names by key).
    func name(of attribute: CXAttribute, in names: CXNames) -> String {
        attribute.key == CXNames.unknown ? unknownNames[attribute.unknownName] : names.text(attribute.key)
    }

    /// ``json`` of `range` as text (for tests).
    func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: json.bytes[range]), as: UTF8.self)
    }

    /// Appends `text` to ``json`` as a JSON string and returns its range.
    mutating func appendString(_ text: String) -> Range<Int> {
        let start = json.count
        JSONText.appendString(text, to: &json)
        return start..<json.count
    }

    /// Adds a network attribute of type `type`, its value written by `value` (JSON, to the
    /// bytes given), unless its name is already used (each name once).
    mutating func addNetworkAttribute(_ name: CXName, _ type: CXType, value: (inout ByteBuffer) -> Void) {
        guard !networkDeclarations.contains(name) else {
            typeClashes += 1
            return
        }
        _ = networkDeclarations.admit(name, type)
        let start = json.count
        value(&json)
        attributes.append(attribute(name, type, from: start))
    }

    /// ``addNetworkAttribute(_:_:value:)`` of a property value, typed as it is.
    mutating func addNetworkAttribute(_ name: CXName, _ value: PropertyValue) {
        addNetworkAttribute(name, CXType(value.type)) { CXJSON.appendValue(value, to: &$0) }
    }

    /// Adds an attribute of type `type` to the node whose attributes start at `start` (the
    /// last node, being built), its value written by `value`, unless the node already has that
    /// name or the name is declared with another type (then `value` is not called).
    mutating func addNodeAttribute(
        _ name: CXName, _ type: CXType, from start: Int, value: (inout ByteBuffer) -> Void
    ) {
        guard
            CXNetwork.admits(
                name, type, in: nodeAttributes, from: start, unknownNames: unknownNames,
                declarations: &nodeDeclarations, clashes: &typeClashes)
        else { return }
        let first = json.count
        value(&json)
        nodeAttributes.append(attribute(name, type, from: first))
    }

    /// ``addNodeAttribute(_:_:from:value:)`` of a property value, typed as it is.
    mutating func addNodeAttribute(_ name: CXName, _ value: PropertyValue, from start: Int) {
        addNodeAttribute(name, CXType(value.type), from: start) { CXJSON.appendValue(value, to: &$0) }
    }

    /// ``addNodeAttribute(_:_:from:value:)`` of a string.
    mutating func addNodeAttribute(_ name: CXName, string: String, from start: Int) {
        addNodeAttribute(name, .string, from: start) { JSONText.appendString(string, to: &$0) }
    }

    /// ``addNodeAttribute(_:_:from:)`` for the edge being built.
    mutating func addEdgeAttribute(_ name: CXName, _ value: PropertyValue, from start: Int) {
        let type = CXType(value.type)
        guard
            CXNetwork.admits(
                name, type, in: edgeAttributes, from: start, unknownNames: unknownNames,
                declarations: &edgeDeclarations, clashes: &typeClashes)
        else { return }
        let first = json.count
        CXJSON.appendValue(value, to: &json)
        edgeAttributes.append(attribute(name, type, from: first))
    }

    /// True when the element whose attributes start at `start` of `attributes` may take
    /// `name` with `type`; else counts the value as left out.
    private static func admits(
        _ name: CXName, _ type: CXType, in attributes: [CXAttribute], from start: Int, unknownNames: [String],
        declarations: inout CXDeclarations, clashes: inout Int
    ) -> Bool {
        // By key (see ``CXNames``): an element has about ten attributes, scanned in place.
        var index = start
        while index < attributes.count {
            if attributes[index].key == name.key
                && (name.key != CXNames.unknown || unknownNames[attributes[index].unknownName] == name.text)
            {
                clashes += 1
                return false
            }
            index += 1
        }
        guard declarations.admit(name, type) else {
            clashes += 1
            return false
        }
        return true
    }

    /// The attribute `name` of `type` whose value starts at `start` of ``json`` and ends at
    /// its end.
    private mutating func attribute(_ name: CXName, _ type: CXType, from start: Int) -> CXAttribute {
        var unknownName = -1
        if name.key == CXNames.unknown {
            unknownName = unknownNames.count
            unknownNames.append(name.text)
        }
        return CXAttribute(key: name.key, unknownName: unknownName, type: type, value: start..<json.count)
    }
}

/// One node. `name`, `represents` (a CURIE or IRI) and `type` are the attributes every node
/// has; CX1 writes the first two as the node's `n` and `r`, CX2 as ordinary attributes. Each
/// is a range of ``CXNetwork/json``.
struct CXNode {
    /// The node kind, for the layout's grouping.
    var kind: NodeKind
    var name: Range<Int>
    var represents: Range<Int>
    var type: Range<Int>
    /// Its part of ``CXNetwork/nodeAttributes``.
    var attributes: Range<Int>
    var x: Double = 0
    var y: Double = 0
}

/// One edge between two node positions of ``CXNetwork/nodes``.
struct CXEdge {
    var source: Int
    var target: Int
    /// CX1 `i`, CX2 attribute `interaction`: a range of ``CXNetwork/json``.
    var interaction: Range<Int>
    /// Its part of ``CXNetwork/edgeAttributes``.
    var attributes: Range<Int>
}

/// One attribute: a name (its ``CXNames`` key) and a typed value, the value's JSON a range of
/// ``CXNetwork/json``.
struct CXAttribute {
    /// The name's key in the export's ``CXNames``; ``CXNames/unknown`` for a name outside it,
    /// whose text is ``CXNetwork/unknownNames``[``unknownName``].
    var key: Int
    var unknownName: Int
    /// The CX data type of the value (`d`), the same in CX1 and CX2.
    var type: CXType
    var value: Range<Int>
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
