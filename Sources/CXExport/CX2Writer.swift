import PFOCRGraph

/// Serialises a ``CXNetwork`` as CX2, the way NDEx's server checks it:
/// `CXVersion` first (`hasFragments: false`), `metaData` with the exact element count of
/// every aspect written, one `attributeDeclarations` element declaring every attribute with
/// its type, one `networkAttributes` element, nodes `{id, v, x, y}`, edges `{id, s, t, v}`,
/// `visualProperties`, and `status` last. Empty aspects are left out (with their metaData).
/// One aspect per line and one node or edge per line, so diffs of two exports stay readable.
///
/// It copies bytes: the network's values are JSON already (``CXNetwork/json``) and every
/// attribute name is spelled once with what follows it; it runs on the worker threads, once
/// per figure.
struct CX2Writer: Sendable {
    /// The style's `visualProperties` element.
    let style: [UInt8]
    /// Spells the attribute names.
    let names: CXNames
    /// Per name key: the name as an object key, `"name":`, copied at once.
    private let keys: CXSpellings

    init(style: [UInt8], names: CXNames) {
        self.style = style
        self.names = names
        keys = names.spelled(followedBy: ":")
    }

    func write(_ network: borrowing CXNetwork, to out: inout ByteBuffer) {
        out.append("[{\"CXVersion\":\"2.0\",\"hasFragments\":false},\n")
        let hasDeclarations =
            !(network.networkDeclarations.isEmpty && network.nodeDeclarations.isEmpty
            && network.edgeDeclarations.isEmpty)
        out.append("{\"metaData\":[")
        if hasDeclarations { out.append("{\"name\":\"attributeDeclarations\",\"elementCount\":1},") }
        out.append("{\"name\":\"networkAttributes\",\"elementCount\":1}")
        if !network.nodes.isEmpty {
            out.append(",{\"name\":\"nodes\",\"elementCount\":")
            out.append(decimal: network.nodes.count)
            out.append("}")
        }
        if !network.edges.isEmpty {
            out.append(",{\"name\":\"edges\",\"elementCount\":")
            out.append(decimal: network.edges.count)
            out.append("}")
        }
        out.append(",{\"name\":\"visualProperties\",\"elementCount\":1}]},\n")

        if hasDeclarations {
            out.append("{\"attributeDeclarations\":[{")
            var aspects = 0
            declare("networkAttributes", network.networkDeclarations, &aspects, to: &out)
            declare("nodes", network.nodeDeclarations, &aspects, to: &out)
            declare("edges", network.edgeDeclarations, &aspects, to: &out)
            out.append("}]},\n")
        }

        out.append("{\"networkAttributes\":[{")
        appendAttributes(network.attributes, network.attributes.indices, of: network, to: &out)
        out.append("}]},\n")

        if !network.nodes.isEmpty {
            out.append("{\"nodes\":[")
            for (id, node) in network.nodes.enumerated() {
                if id == 0 { out.append("\n{\"id\":") } else { out.append(",\n{\"id\":") }
                out.append(decimal: id)
                out.append(",\"v\":{\"name\":")
                out.append(network.json.bytes, node.name)
                out.append(",\"represents\":")
                out.append(network.json.bytes, node.represents)
                out.append(",\"type\":")
                out.append(network.json.bytes, node.type)
                if !node.attributes.isEmpty { out.append(",") }
                appendAttributes(network.nodeAttributes, node.attributes, of: network, to: &out)
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
                out.append(network.json.bytes, edge.interaction)
                if !edge.attributes.isEmpty { out.append(",") }
                appendAttributes(network.edgeAttributes, edge.attributes, of: network, to: &out)
                out.append("}}")
            }
            out.append("]},\n")
        }

        out.append("{\"visualProperties\":[")
        out.append(style)
        out.append("]},\n")
        out.append("{\"status\":[{\"error\":\"\",\"success\":true}]}]\n")
    }

    /// One aspect's declarations, `"aspect":{"name":{"d":"type"},...}`, unless it has none.
    private func declare(
        _ aspect: StaticString, _ declarations: CXDeclarations, _ aspects: inout Int, to out: inout ByteBuffer
    ) {
        guard !declarations.isEmpty else { return }
        out.append(aspects > 0 ? ",\"" : "\"")
        aspects += 1
        out.append(aspect)
        out.append("\":{")
        for index in declarations.entries.indices {
            if index > 0 { out.append(",") }
            let key = declarations.entries[index].key
            if key != CXNames.unknown {
                out.append(keys.bytes, keys.ranges[key])
            } else {
                JSONText.appendString(declarations.entries[index].name, to: &out)
                out.append(":")
            }
            // The type and the closing brace as one literal each.
            switch declarations.entries[index].type {
            case .string: out.append("{\"d\":\"string\"}")
            case .integer: out.append("{\"d\":\"integer\"}")
            case .double: out.append("{\"d\":\"double\"}")
            case .boolean: out.append("{\"d\":\"boolean\"}")
            case .listOfString: out.append("{\"d\":\"list_of_string\"}")
            }
        }
        out.append("}")
    }

    /// Attributes `range` of `attributes`, comma-separated `"name":value` pairs.
    private func appendAttributes(
        _ attributes: [CXAttribute], _ range: Range<Int>, of network: borrowing CXNetwork, to out: inout ByteBuffer
    ) {
        // The arrays are opened once for the element, not once per attribute.
        let json = network.json.bytes
        keys.bytes.withUnsafeBufferPointer { spellings in
            keys.ranges.withUnsafeBufferPointer { spelled in
                attributes.withUnsafeBufferPointer { attributes in
                    for index in range {
                        if index > range.lowerBound { out.append(UInt8(ascii: ",")) }
                        let attribute = attributes[index]
                        if attribute.key != CXNames.unknown {
                            out.append(spellings, spelled[attribute.key])
                        } else {
                            JSONText.appendString(network.unknownNames[attribute.unknownName], to: &out)
                            out.append(UInt8(ascii: ":"))
                        }
                        out.append(json, attribute.value)
                    }
                }
            }
        }
    }
}
