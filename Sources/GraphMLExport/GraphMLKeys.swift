import PFOCRGraph

/// Every key of the file, derived from the vocabulary before the first node is written
/// (GraphML declares keys before `<graph>`), and the columns of each node and edge kind.
///
/// Rules: the keys `labels` (Neo4j APOC node labels), `kind`, `name`, `curie`, `iri` (nodes)
/// and `label` (APOC relationship type, edges) come first and are never shared. Then each
/// property of each node kind and edge kind, in vocabulary order: kinds that share a property
/// name with the same type share one key (`title` of figures and papers; `for="all"` when a
/// node kind and an edge kind share it). A name used with another type, or equal to a
/// reserved key, gets a key of its own named `<name>_<type>` (`<name>_list` for lists), so
/// no key ever mixes types. Key ids are the `attr.name`s, made XML name tokens.
struct GraphMLKeys: Sendable {
    static let labels = "labels"
    static let kind = "kind"
    static let name = "name"
    static let curie = "curie"
    static let iri = "iri"
    static let label = "label"

    private(set) var keys: [GraphMLKey] = []
    private(set) var nodeColumns: [NodeKind: [GraphMLColumn]] = [:]
    private(set) var edgeColumns: [EdgeKind: [GraphMLColumn]] = [:]

    init(vocabulary: Vocabulary) {
        let kinds = NodeKind.allCases.map(\.rawValue).joined(separator: ", ")
        keys = [
            reserved(
                GraphMLKeys.labels, .node,
                "Node labels in Neo4j APOC's convention (such as :Gene), read by apoc.import.graphml with readLabels: true"
            ),
            reserved(GraphMLKeys.kind, .node, "Node kind: one of \(kinds)"),
            reserved(
                GraphMLKeys.name, .node,
                "Display name: figure title, paper title, gene symbol, term name or organism name"),
            reserved(GraphMLKeys.curie, .node, "Compact identifier (CURIE) of the node, such as ncbigene:2915"),
            reserved(GraphMLKeys.iri, .node, "IRI of the node, as in the RDF export"),
            reserved(
                GraphMLKeys.label, .edge,
                "Relationship type in Neo4j APOC's convention (such as MENTIONS), read by apoc.import.graphml with readLabels: true"
            ),
        ]
        // Signature (name, type, list) → key index, for sharing; the reserved keys are not in it.
        var shared: [String: Int] = [:]
        func column(_ spec: PropertySpec, domain: GraphMLKey.Domain, owner: String) -> GraphMLColumn {
            let type = GraphMLType(spec.type)
            let isList = spec.type == .stringList
            let signature = "\(spec.name)\u{0}\(type.rawValue)\u{0}\(isList)"
            let part = spec.description.isEmpty ? owner : "\(owner): \(spec.description)"
            if let index = shared[signature] {
                if keys[index].domain != domain { keys[index].domain = .all }
                if !keys[index].descriptions.contains(part) { keys[index].descriptions.append(part) }
                if spec.type == .iri { keys[index].isIRI = true }
                return GraphMLColumn(property: spec.name, key: keys[index].id, type: type, isJSONList: isList)
            }
            let id = uniqueID(GraphMLKeys.nameToken(spec.name), suffix: isList ? "list" : type.rawValue)
            shared[signature] = keys.count
            keys.append(
                GraphMLKey(
                    id: id, domain: domain, type: type, isJSONList: isList, isIRI: spec.type == .iri,
                    descriptions: [part]))
            return GraphMLColumn(property: spec.name, key: id, type: type, isJSONList: isList)
        }
        for kind in NodeKind.allCases {
            let node = vocabulary.node(kind)
            nodeColumns[kind] = node.properties.map { column($0, domain: .node, owner: kind.rawValue) }
        }
        for kind in EdgeKind.allCases {
            let edge = vocabulary.edge(kind)
            edgeColumns[kind] = edge.properties.map { column($0, domain: .edge, owner: edge.type) }
        }
    }

    private func reserved(_ id: String, _ domain: GraphMLKey.Domain, _ description: String) -> GraphMLKey {
        GraphMLKey(
            id: id, domain: domain, type: .string, isJSONList: false, isIRI: id == GraphMLKeys.iri,
            descriptions: [description])
    }

    /// `base`, or `base_suffix`, `base_suffix2`... whichever is not yet a key id.
    private func uniqueID(_ base: String, suffix: String) -> String {
        let taken = Set(keys.map(\.id))
        if !taken.contains(base) { return base }
        var candidate = "\(base)_\(suffix)"
        var number = 2
        while taken.contains(candidate) {
            candidate = "\(base)_\(suffix)\(number)"
            number += 1
        }
        return candidate
    }

    /// `name` as an XML name token: bytes outside `[A-Za-z0-9._-]` become `_`.
    static func nameToken(_ name: String) -> String {
        if name.isEmpty { return "property" }
        if name.utf8.allSatisfy(GraphMLNodeID.isPlain) { return name }
        return String(decoding: name.utf8.map { GraphMLNodeID.isPlain($0) ? $0 : UInt8(ascii: "_") }, as: UTF8.self)
    }
}
