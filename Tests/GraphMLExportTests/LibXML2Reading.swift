import CLibXML2

#if canImport(Glibc)
    import Glibc
#endif

/// libxml2 as the consumer in the tests: XSD validation and a small DOM read of a GraphML file.
enum LibXML2Reading {
    /// Messages collected by libxml2's structured error handler.
    final class Messages {
        var lines: [String] = []
    }

    /// Validates `path` against the XSD at `schema` with libxml2's schema validator (no
    /// network: the shared schemas import local copies). Returns the problems; empty = valid.
    static func validate(_ path: String, schema: String) -> [String] {
        let messages = Messages()
        let box = Unmanaged.passRetained(messages)
        defer { box.release() }
        let handler: xmlStructuredErrorFunc = { context, error in
            guard let context, let error else { return }
            let messages = Unmanaged<Messages>.fromOpaque(context).takeUnretainedValue()
            let text = error.pointee.message.map { String(cString: $0) } ?? "(no message)"
            messages.lines.append("line \(error.pointee.line): \(text.trimmingSuffixNewlines())")
        }
        guard let parser = xmlSchemaNewParserCtxt(schema) else { return ["cannot read schema \(schema)"] }
        defer { xmlSchemaFreeParserCtxt(parser) }
        xmlSchemaSetParserStructuredErrors(parser, handler, box.toOpaque())
        guard let parsed = xmlSchemaParse(parser) else { return ["cannot parse schema \(schema)"] + messages.lines }
        defer { xmlSchemaFree(parsed) }
        guard let validator = xmlSchemaNewValidCtxt(parsed) else { return ["cannot make a validator"] }
        defer { xmlSchemaFreeValidCtxt(validator) }
        xmlSchemaSetValidStructuredErrors(validator, handler, box.toOpaque())
        let result = xmlSchemaValidateFile(validator, path, 0)
        if result == 0 { return messages.lines }
        return ["xmlSchemaValidateFile returned \(result)"] + messages.lines
    }

    /// One `<data>`: its key and text.
    struct Data: Equatable {
        var key: String
        var text: String
    }

    /// A GraphML file as read by libxml2's parser, in document order.
    struct Document {
        struct Key: Equatable {
            var id: String
            var domain: String
            var name: String
            var type: String
        }

        struct Node {
            var id: String
            var data: [Data]
            func value(_ key: String) -> String? { data.first { $0.key == key }?.text }
        }

        struct Edge {
            var source: String
            var target: String
            var data: [Data]
            func value(_ key: String) -> String? { data.first { $0.key == key }?.text }
        }

        var keys: [Key] = []
        var edgeDefault = ""
        var nodes: [Node] = []
        var edges: [Edge] = []
        /// Element names under `<graph>` in order (`node`, `edge`, `desc`).
        var graphChildren: [String] = []
    }

    /// Parses `path` (no network, no entity expansion beyond XML's own); nil when libxml2
    /// rejects it.
    static func read(_ path: String) -> Document? {
        guard let document = xmlReadFile(path, nil, Int32(XML_PARSE_NONET.rawValue)) else { return nil }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return nil }
        var result = Document()
        for child in elements(root) {
            switch name(child) {
            case "key":
                result.keys.append(
                    Document.Key(
                        id: attribute(child, "id") ?? "", domain: attribute(child, "for") ?? "",
                        name: attribute(child, "attr.name") ?? "", type: attribute(child, "attr.type") ?? ""))
            case "graph":
                result.edgeDefault = attribute(child, "edgedefault") ?? ""
                for item in elements(child) {
                    let itemName = name(item)
                    result.graphChildren.append(itemName)
                    if itemName == "node" {
                        result.nodes.append(Document.Node(id: attribute(item, "id") ?? "", data: data(item)))
                    } else if itemName == "edge" {
                        result.edges.append(
                            Document.Edge(
                                source: attribute(item, "source") ?? "", target: attribute(item, "target") ?? "",
                                data: data(item)))
                    }
                }
            default:
                break
            }
        }
        return result
    }

    private static func elements(_ parent: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = parent.pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE { result.append(node) }
            child = node.pointee.next
        }
        return result
    }

    private static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    private static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { free(value) }
        return String(cString: value)
    }

    private static func data(_ node: xmlNodePtr) -> [Data] {
        elements(node).filter { name($0) == "data" }.map { element in
            let text: String
            if let content = xmlNodeGetContent(element) {
                text = String(cString: content)
                free(content)
            } else {
                text = ""
            }
            return Data(key: attribute(element, "key") ?? "", text: text)
        }
    }
}

extension String {
    fileprivate func trimmingSuffixNewlines() -> String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
