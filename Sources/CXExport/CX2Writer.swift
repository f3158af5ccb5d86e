import PFOCRGraph

/// Serialises a ``CXNetwork`` as CX2, the way NDEx's server checks it:
/// `CXVersion` first (`hasFragments: false`), `metaData` with the exact element count of
/// every aspect written, one `attributeDeclarations` element declaring every attribute with
/// its type, one `networkAttributes` element, nodes `{id, v, x, y}`, edges `{id, s, t, v}`,
/// `visualProperties`, and `status` last. Empty aspects are left out (with their metaData).
/// One aspect per line and one node or edge per line, so diffs of two exports stay readable.
///
/// It appends bytes, from the network's values and its own precomputed bytes: it runs on the
/// worker threads, once per figure.
struct CX2Writer: Sendable {
    /// The style's `visualProperties` element.
    let style: [UInt8]
    let context: CXContext
    /// Spells the attribute names.
    let names: CXNames

    func write(_ network: CXNetwork, to out: inout [UInt8]) {
        out.append("[{\"CXVersion\":\"2.0\",\"hasFragments\":false},\n")
        let hasDeclarations =
            !(network.networkDeclarations.isEmpty && network.nodeDeclarations.isEmpty
            && network.edgeDeclarations.isEmpty)
        out.append("{\"metaData\":[")
        var first = true
        func meta(_ name: StaticString, _ count: Int) {
            if !first { out.append(",") }
            first = false
            out.append("{\"name\":\"")
            out.append(name)
            out.append("\",\"elementCount\":")
            out.append(decimal: count)
            out.append("}")
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
            func declare(_ aspect: StaticString, _ declarations: CXDeclarations) {
                guard !declarations.isEmpty else { return }
                if aspects > 0 { out.append(",") }
                aspects += 1
                out.append("\"")
                out.append(aspect)
                out.append("\":{")
                for (index, entry) in declarations.entries.enumerated() {
                    if index > 0 { out.append(",") }
                    if !names.appendJSON(key: entry.key, to: &out) { JSONText.appendString(entry.name, to: &out) }
                    out.append(":{\"d\":\"")
                    out.append(utf8: entry.type.rawValue)
                    out.append("\"}")
                }
                out.append("}")
            }
            declare("networkAttributes", network.networkDeclarations)
            declare("nodes", network.nodeDeclarations)
            declare("edges", network.edgeDeclarations)
            out.append("}]},\n")
        }

        out.append("{\"networkAttributes\":[{")
        appendAttributes(network.attributes[...], to: &out)
        out.append("}]},\n")

        if !network.nodes.isEmpty {
            out.append("{\"nodes\":[")
            for (id, node) in network.nodes.enumerated() {
                out.append(id == 0 ? "\n" : ",\n")
                out.append("{\"id\":")
                out.append(decimal: id)
                out.append(",\"v\":{\"name\":")
                JSONText.appendString(node.name, to: &out)
                out.append(",\"represents\":")
                context.appendRepresents(node.id, to: &out)
                out.append(",\"type\":")
                JSONText.appendString(node.type, to: &out)
                if !node.attributes.isEmpty { out.append(",") }
                appendAttributes(network.nodeAttributes[node.attributes], to: &out)
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
                CXJSON.appendEdgeStart("{\"id\":", id, edge, to: &out)
                out.append(",\"v\":{\"interaction\":")
                JSONText.appendString(edge.interaction, to: &out)
                if !edge.attributes.isEmpty { out.append(",") }
                appendAttributes(network.edgeAttributes[edge.attributes], to: &out)
                out.append("}}")
            }
            out.append("]},\n")
        }

        out.append("{\"visualProperties\":[")
        out.append(contentsOf: style)
        out.append("]},\n")
        out.append("{\"status\":[{\"error\":\"\",\"success\":true}]}]\n")
    }

    private func appendAttributes(_ attributes: ArraySlice<CXAttribute>, to out: inout [UInt8]) {
        var first = true
        // By index: iterating would copy each attribute, retaining and releasing its strings.
        for index in attributes.indices {
            if !first { out.append(",") }
            first = false
            if !names.appendJSON(key: attributes[index].key, to: &out) {
                JSONText.appendString(attributes[index].name, to: &out)
            }
            out.append(":")
            CXJSON.appendValue(attributes[index].value, to: &out)
        }
    }
}
