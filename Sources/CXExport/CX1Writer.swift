import PFOCRGraph

/// Serialises a ``CXNetwork`` as CX1 (NDEx's classic format, Cytoscape 3.x desktop):
/// `numberVerification`, `metaData` (with `idCounter`, the highest id, for nodes and
/// edges, whose entries are always present since NDEx refuses an upload without them),
/// `networkAttributes`, `nodes` (`@id`, `n`, `r`), `edges` (`@id`, `s`, `t`, `i`),
/// `nodeAttributes` and `edgeAttributes` (`po`, `n`, `v`, and `d` for every type but
/// string, the default), `cartesianLayout` in node order, `cyVisualProperties`, `status`.
/// Node names, represents and interactions are never repeated as attributes.
///
/// It appends bytes, from the network's values and its own precomputed bytes: it runs on the
/// worker threads, once per figure.
struct CX1Writer: Sendable {
    /// The style's `cyVisualProperties` elements.
    let style: [UInt8]
    let context: CXContext
    /// Spells the attribute names.
    let names: CXNames

    func write(_ network: CXNetwork, to out: inout [UInt8]) {
        let nodeAttributes = network.nodeAttributeCount
        let edgeAttributes = network.edgeAttributeCount
        out.append("[{\"numberVerification\":[{\"longNumber\":281474976710655}]},\n")
        out.append("{\"metaData\":[")
        var first = true
        func meta(_ name: StaticString, _ count: Int, idCounter: Int? = nil) {
            if !first { out.append(",") }
            first = false
            out.append("{\"name\":\"")
            out.append(name)
            out.append("\",\"version\":\"1.0\",\"elementCount\":")
            out.append(decimal: count)
            if let idCounter {
                out.append(",\"idCounter\":")
                out.append(decimal: idCounter)
            }
            out.append(",\"consistencyGroup\":1,\"properties\":[]}")
        }
        meta("networkAttributes", network.attributes.count)
        meta("nodes", network.nodes.count, idCounter: max(network.nodes.count - 1, 0))
        meta("edges", network.edges.count, idCounter: max(network.edges.count - 1, 0))
        if nodeAttributes > 0 { meta("nodeAttributes", nodeAttributes) }
        if edgeAttributes > 0 { meta("edgeAttributes", edgeAttributes) }
        if !network.nodes.isEmpty { meta("cartesianLayout", network.nodes.count) }
        meta("cyVisualProperties", CXStyle.cx1ElementCount)
        out.append("]},\n")

        out.append("{\"networkAttributes\":[")
        for index in network.attributes.indices {
            out.append(index == 0 ? "\n" : ",\n")
            out.append("{\"n\":")
            appendAttribute(network.attributes, index, to: &out)
        }
        out.append("]},\n")

        if !network.nodes.isEmpty {
            out.append("{\"nodes\":[")
            for (id, node) in network.nodes.enumerated() {
                out.append(id == 0 ? "\n" : ",\n")
                out.append("{\"@id\":")
                out.append(decimal: id)
                out.append(",\"n\":")
                JSONText.appendString(node.name, to: &out)
                out.append(",\"r\":")
                context.appendRepresents(node.id, to: &out)
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
                JSONText.appendString(edge.interaction, to: &out)
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
                out.append(count == 0 ? "\n" : ",\n")
                count += 1
                out.append("{\"po\":")
                out.append(decimal: id)
                out.append(",\"n\":\"type\",\"v\":")
                JSONText.appendString(network.nodes[id].type, to: &out)
                out.append("}")
                for index in network.nodes[id].attributes {
                    out.append(",\n{\"po\":")
                    out.append(decimal: id)
                    out.append(",\"n\":")
                    appendAttribute(network.nodeAttributes, index, to: &out)
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
                    appendAttribute(network.edgeAttributes, index, to: &out)
                }
            }
            out.append("]},\n")
        }

        if !network.nodes.isEmpty {
            out.append("{\"cartesianLayout\":[")
            for (id, node) in network.nodes.enumerated() {
                out.append(id == 0 ? "\n" : ",\n")
                out.append("{\"node\":")
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
        out.append(contentsOf: style)
        out.append("]},\n")
        out.append("{\"status\":[{\"error\":\"\",\"success\":true}]}]\n")
    }

    /// `name","v":value[,"d":type]}` after an element's opening `{"n":` (or `{"po":id,"n":`):
    /// attribute `index` of `attributes`, read in place (passing the attribute would copy it,
    /// retaining and releasing its name and value).
    private func appendAttribute(_ attributes: [CXAttribute], _ index: Int, to out: inout [UInt8]) {
        if !names.appendJSON(key: attributes[index].key, to: &out) {
            JSONText.appendString(attributes[index].name, to: &out)
        }
        out.append(",\"v\":")
        CXJSON.appendValue(attributes[index].value, to: &out)
        // The type and the closing brace as one literal each.
        switch attributes[index].type {
        case .string: out.append("}")
        case .integer: out.append(",\"d\":\"integer\"}")
        case .double: out.append(",\"d\":\"double\"}")
        case .boolean: out.append(",\"d\":\"boolean\"}")
        case .listOfString: out.append(",\"d\":\"list_of_string\"}")
        }
    }
}
