import PFOCRGraph

/// Serialises a ``CXNetwork`` as CX2, the way NDEx's server checks it:
/// `CXVersion` first (`hasFragments: false`), `metaData` with the exact element count of
/// every aspect written, one `attributeDeclarations` element declaring every attribute with
/// its type, one `networkAttributes` element, nodes `{id, v, x, y}`, edges `{id, s, t, v}`,
/// `visualProperties`, and `status` last. Empty aspects are left out (with their metaData).
/// One aspect per line and one node or edge per line, so diffs of two exports stay readable.
struct CX2Writer {
    /// The style's `visualProperties` element.
    let style: String

    func write(_ network: CXNetwork, to out: inout String) {
        out.append("[{\"CXVersion\":\"2.0\",\"hasFragments\":false},\n")
        let hasDeclarations = !(network.networkDeclarations.isEmpty && network.nodeDeclarations.isEmpty && network.edgeDeclarations.isEmpty)
        out.append("{\"metaData\":[")
        var first = true
        func meta(_ name: String, _ count: Int) {
            if !first { out.append(",") }
            first = false
            out.append("{\"name\":\"\(name)\",\"elementCount\":\(count)}")
        }
        if hasDeclarations { meta("attributeDeclarations", 1) }
        meta("networkAttributes", 1)
        if !network.nodes.isEmpty { meta("nodes", network.nodes.count) }
        if !network.edges.isEmpty { meta("edges", network.edges.count) }
        meta("visualProperties", 1)
        out.append("]},\n")

        if hasDeclarations {
            out.append("{\"attributeDeclarations\":[{")
            var aspects = 0
            for (aspect, declarations) in [
                ("networkAttributes", network.networkDeclarations), ("nodes", network.nodeDeclarations),
                ("edges", network.edgeDeclarations),
            ] where !declarations.isEmpty {
                if aspects > 0 { out.append(",") }
                aspects += 1
                out.append("\"\(aspect)\":{")
                for index in declarations.names.indices {
                    if index > 0 { out.append(",") }
                    JSONText.appendString(declarations.names[index], to: &out)
                    out.append(":{\"d\":\"\(declarations.types[index].rawValue)\"}")
                }
                out.append("}")
            }
            out.append("}]},\n")
        }

        out.append("{\"networkAttributes\":[{")
        appendAttributes(network.attributes, to: &out)
        out.append("}]},\n")

        if !network.nodes.isEmpty {
            out.append("{\"nodes\":[")
            for (id, node) in network.nodes.enumerated() {
                out.append(id == 0 ? "\n" : ",\n")
                out.append("{\"id\":\(id),\"v\":{\"name\":")
                JSONText.appendString(node.name, to: &out)
                out.append(",\"represents\":")
                JSONText.appendString(node.represents, to: &out)
                out.append(",\"type\":")
                JSONText.appendString(node.type, to: &out)
                if !node.attributes.isEmpty { out.append(",") }
                appendAttributes(node.attributes, to: &out)
                out.append("},\"x\":")
                CXJSON.appendCoordinate(node.x, to: &out)
                out.append(",\"y\":")
                CXJSON.appendCoordinate(node.y, to: &out)
                out.append("}")
            }
            out.append("]},\n")
        }

        if !network.edges.isEmpty {
            out.append("{\"edges\":[")
            for (id, edge) in network.edges.enumerated() {
                out.append(id == 0 ? "\n" : ",\n")
                out.append("{\"id\":\(id),\"s\":\(edge.source),\"t\":\(edge.target),\"v\":{\"interaction\":")
                JSONText.appendString(edge.interaction, to: &out)
                if !edge.attributes.isEmpty { out.append(",") }
                appendAttributes(edge.attributes, to: &out)
                out.append("}}")
            }
            out.append("]},\n")
        }

        out.append("{\"visualProperties\":[")
        out.append(style)
        out.append("]},\n")
        out.append("{\"status\":[{\"error\":\"\",\"success\":true}]}]\n")
    }

    private func appendAttributes(_ attributes: [CXAttribute], to out: inout String) {
        for (index, attribute) in attributes.enumerated() {
            if index > 0 { out.append(",") }
            JSONText.appendString(attribute.name, to: &out)
            out.append(":")
            CXJSON.appendValue(attribute.value, to: &out)
        }
    }
}
