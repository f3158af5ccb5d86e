import PFOCRGraph

/// Serialises a ``CXNetwork`` as CX1 (NDEx's classic format, Cytoscape 3.x desktop):
/// `numberVerification`, `metaData` (with `idCounter`, the highest id, for nodes and
/// edges, whose entries are always present since NDEx refuses an upload without them),
/// `networkAttributes`, `nodes` (`@id`, `n`, `r`), `edges` (`@id`, `s`, `t`, `i`),
/// `nodeAttributes` and `edgeAttributes` (`po`, `n`, `v`, and `d` for every type but
/// string, the default), `cartesianLayout` in node order, `cyVisualProperties`, `status`.
/// Node names, represents and interactions are never repeated as attributes.
///
/// It copies bytes: the network's values are JSON already (``CXNetwork/json``) and every
/// attribute name is spelled once with what follows it; it runs on the worker threads, once
/// per figure.
struct CX1Writer: Sendable {
    /// The style's `cyVisualProperties` elements.
    let style: [UInt8]
    /// Spells the attribute names.
    let names: CXNames
    /// Per name key: the name and the value's key, `"name","v":`, copied at once.
    private let keys: CXSpellings

    init(style: [UInt8], names: CXNames) {
        self.style = style
        self.names = names
        keys = names.spelled(followedBy: ",\"v\":")
    }

    func write(_ network: borrowing CXNetwork, to out: inout ByteBuffer) {
        let nodeAttributes = network.nodeAttributeCount
        let edgeAttributes = network.edgeAttributeCount
        out.append("[{\"numberVerification\":[{\"longNumber\":281474976710655}]},\n")
        out.append("{\"metaData\":[")
        meta("{\"name\":\"networkAttributes", network.attributes.count, to: &out)
        meta(",{\"name\":\"nodes", network.nodes.count, idCounter: max(network.nodes.count - 1, 0), to: &out)
        meta(",{\"name\":\"edges", network.edges.count, idCounter: max(network.edges.count - 1, 0), to: &out)
        if nodeAttributes > 0 { meta(",{\"name\":\"nodeAttributes", nodeAttributes, to: &out) }
        if edgeAttributes > 0 { meta(",{\"name\":\"edgeAttributes", edgeAttributes, to: &out) }
        if !network.nodes.isEmpty { meta(",{\"name\":\"cartesianLayout", network.nodes.count, to: &out) }
        meta(",{\"name\":\"cyVisualProperties", CXStyle.cx1ElementCount, to: &out)
        out.append("]},\n")

        out.append("{\"networkAttributes\":[")
        for index in network.attributes.indices {
            out.append(index == 0 ? "\n" : ",\n")
            out.append("{\"n\":")
            appendAttribute(network.attributes, index, of: network, to: &out)
        }
        out.append("]},\n")

        if !network.nodes.isEmpty {
            out.append("{\"nodes\":[")
            for (id, node) in network.nodes.enumerated() {
                if id == 0 { out.append("\n{\"@id\":") } else { out.append(",\n{\"@id\":") }
                out.append(decimal: id)
                out.append(",\"n\":")
                out.append(network.json.bytes, node.name)
                out.append(",\"r\":")
                out.append(network.json.bytes, node.represents)
                out.append("}")
            }
            out.append("]},\n")
        }

        if !network.edges.isEmpty {
            out.append("{\"edges\":[")
            for (id, edge) in network.edges.enumerated() {
                out.append(id == 0 ? "\n" : ",\n")
                CXJSON.appendEdgeStart("{\"@id\":", id, edge, to: &out)
                out.append(",\"i\":")
                out.append(network.json.bytes, edge.interaction)
                out.append("}")
            }
            out.append("]},\n")
        }

        if nodeAttributes > 0 {
            out.append("{\"nodeAttributes\":[")
            var count = 0
            // Nodes and attributes are read in place, by index: iterating would copy each,
            // retaining and releasing its strings.
            for id in network.nodes.indices {
                if count == 0 { out.append("\n{\"po\":") } else { out.append(",\n{\"po\":") }
                count += 1
                out.append(decimal: id)
                out.append(",\"n\":\"type\",\"v\":")
                out.append(network.json.bytes, network.nodes[id].type)
                out.append("}")
                for index in network.nodes[id].attributes {
                    out.append(",\n{\"po\":")
                    out.append(decimal: id)
                    out.append(",\"n\":")
                    appendAttribute(network.nodeAttributes, index, of: network, to: &out)
                    count += 1
                }
            }
            out.append("]},\n")
        }

        if edgeAttributes > 0 {
            out.append("{\"edgeAttributes\":[")
            var count = 0
            for id in network.edges.indices {
                for index in network.edges[id].attributes {
                    out.append(count == 0 ? "\n" : ",\n")
                    count += 1
                    out.append("{\"po\":")
                    out.append(decimal: id)
                    out.append(",\"n\":")
                    appendAttribute(network.edgeAttributes, index, of: network, to: &out)
                }
            }
            out.append("]},\n")
        }

        if !network.nodes.isEmpty {
            out.append("{\"cartesianLayout\":[")
            for (id, node) in network.nodes.enumerated() {
                if id == 0 { out.append("\n{\"node\":") } else { out.append(",\n{\"node\":") }
                out.append(decimal: id)
                out.append(",\"x\":")
                CXJSON.appendCoordinate(node.x, to: &out)
                out.append(",\"y\":")
                CXJSON.appendCoordinate(node.y, to: &out)
                out.append("}")
            }
            out.append("]},\n")
        }

        out.append("{\"cyVisualProperties\":[\n")
        out.append(style)
        out.append("]},\n")
        out.append("{\"status\":[{\"error\":\"\",\"success\":true}]}]\n")
    }

    /// `name","v":value[,"d":type]}` after an element's opening `{"n":` (or `{"po":id,"n":`):
    /// attribute `index` of `attributes`.
    private func appendAttribute(
        _ attributes: [CXAttribute], _ index: Int, of network: borrowing CXNetwork, to out: inout ByteBuffer
    ) {
        let attribute = attributes[index]
        if attribute.key != CXNames.unknown {
            out.append(keys.bytes, keys.ranges[attribute.key])
        } else {
            JSONText.appendString(network.unknownNames[attribute.unknownName], to: &out)
            out.append(",\"v\":")
        }
        out.append(network.json.bytes, attribute.value)
        // The type and the closing brace as one literal each.
        switch attribute.type {
        case .string: out.append("}")
        case .integer: out.append(",\"d\":\"integer\"}")
        case .double: out.append(",\"d\":\"double\"}")
        case .boolean: out.append(",\"d\":\"boolean\"}")
        case .listOfString: out.append(",\"d\":\"list_of_string\"}")
        }
    }

    /// One aspect's `metaData` element: `opening` (the comma before it, if any, and the name's
    /// first part), then the rest.
    private func meta(_ opening: StaticString, _ count: Int, idCounter: Int? = nil, to out: inout ByteBuffer) {
        out.append(opening)
        out.append("\",\"version\":\"1.0\",\"elementCount\":")
        out.append(decimal: count)
        if let idCounter {
            out.append(",\"idCounter\":")
            out.append(decimal: idCounter)
        }
        out.append(",\"consistencyGroup\":1,\"properties\":[]}")
    }
}
