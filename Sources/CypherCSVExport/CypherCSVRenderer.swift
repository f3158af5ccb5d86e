import PFOCRGraph

/// Renders one figure's CSV rows on a worker thread: the figure's row (always), a row per
/// node it reaches in its label's file (when the node is new), a row per relationship in the
/// file of its type and end label (when the edge is kept).
///
/// Files are numbered as the sink opens them: node files by ``NodeKind/order``, then the
/// relationship files in ``CypherTables/relationships`` order. Every row is its own segment,
/// tallied by ``CSVFieldWriter``'s lanes (lane 0: one row), so the sink's counts per file and
/// of changed values cover exactly the rows written.
struct CypherCSVRenderer: FigureRenderer {
    let tables: CypherTables
    let prefixes: PrefixSet
    /// `"Label"` per node table, `"TYPE"` per relationship table: plain identifiers
    /// (``CypherTables`` checks them), so the quoted field needs no escaping.
    private let labelFields: [[UInt8]]
    private let typeFields: [[UInt8]]
    /// `prefix:` of each namespace's CURIEs, when plain (the mapping loader allows only
    /// letters, digits, `_`, `-`, `.`); a namespace missing here has its CURIE built as text.
    private let curiePrefixes: [Namespace: [UInt8]]
    /// The relationship table of an (edge kind, end kind), at `edge.order * kinds + end.order`.
    private let relationshipTables: [Int?]

    init(tables: CypherTables, prefixes: PrefixSet) {
        self.tables = tables
        self.prefixes = prefixes
        labelFields = tables.nodes.map { Array("\"\($0.label)\"".utf8) }
        typeFields = tables.relationships.map { Array("\"\($0.type)\"".utf8) }
        var curiePrefixes: [Namespace: [UInt8]] = [:]
        for (namespace, entry) in prefixes.entries {
            let prefix = Array((entry.curie + ":").utf8)
            if CSVFieldWriter.isPlain(prefix) { curiePrefixes[namespace] = prefix }
        }
        self.curiePrefixes = curiePrefixes
        let kinds = NodeKind.allCases.count
        var relationshipTables = [Int?](repeating: nil, count: EdgeKind.allCases.count * kinds)
        for (index, table) in tables.relationships.enumerated() {
            relationshipTables[table.kind.order * kinds + table.endKind.order] = index
        }
        self.relationshipTables = relationshipTables
    }

    /// The sink's file index of a relationship table.
    func relationshipFile(_ table: Int) -> Int { tables.nodes.count + table }

    func render(_ subgraph: FigureSubgraph, into fragment: inout FigureFragment) {
        var fields = CSVFieldWriter()
        // About what a row takes: ids, label or type, a few properties, evidence lists.
        fragment.bytes.reserveCapacity(1024 + 128 * (subgraph.nodes.count + subgraph.edges.count))
        appendNode(subgraph.figure, fields: &fields, to: &fragment.bytes)
        fragment.endSegment(file: subgraph.figure.kind.order, tally: fields.takeTally(rows: 1))
        for (index, node) in subgraph.nodes.enumerated() where !fragment.isSettled(index) {
            appendNode(node, fields: &fields, to: &fragment.bytes)
            fragment.endSegment(file: node.kind.order, when: .newNode(index), tally: fields.takeTally(rows: 1))
        }
        for (index, edge) in subgraph.edges.enumerated() {
            // The graph builder makes only the shapes of CypherTables.relationshipShapes, and
            // both ends of every edge are nodes of the subgraph, written by this figure or an
            // earlier one; an edge of another shape would have no file, and is not rendered.
            guard let table = relationshipTables[edge.kind.order * NodeKind.allCases.count + edge.targetKind.order],
                tables.relationships[table].startKind == edge.sourceKind
            else { continue }
            appendRelationship(edge, table: table, fields: &fields, to: &fragment.bytes)
            fragment.endSegment(file: relationshipFile(table), when: .keptEdge(index), tally: fields.takeTally(rows: 1))
        }
    }

    private func appendNode(_ node: GraphNode, fields: inout CSVFieldWriter, to out: inout [UInt8]) {
        let order = node.kind.order
        appendID(node.id, kind: node.kind, fields: &fields, to: &out)
        out.append(UInt8(ascii: ","))
        out.append(contentsOf: labelFields[order])
        out.append(UInt8(ascii: ","))
        fields.appendText(node.name, to: &out)
        for property in tables.nodes[order].properties {
            out.append(UInt8(ascii: ","))
            if let value = node.value(property.name) { appendValue(value, fields: &fields, to: &out) }
        }
        out.append(UInt8(ascii: "\n"))
    }

    private func appendRelationship(
        _ edge: GraphEdge, table index: Int, fields: inout CSVFieldWriter, to out: inout [UInt8]
    ) {
        appendID(edge.source, kind: edge.sourceKind, fields: &fields, to: &out)
        out.append(UInt8(ascii: ","))
        appendID(edge.target, kind: edge.targetKind, fields: &fields, to: &out)
        out.append(UInt8(ascii: ","))
        out.append(contentsOf: typeFields[index])
        for property in tables.relationships[index].properties {
            out.append(UInt8(ascii: ","))
            if let value = edge.value(property.name) { appendValue(value, fields: &fields, to: &out) }
        }
        out.append(UInt8(ascii: "\n"))
    }

    /// A node's id in its ID space: the figid for figures, the CURIE for everything else.
    private func appendID(_ id: Identifier, kind: NodeKind, fields: inout CSVFieldWriter, to out: inout [UInt8]) {
        if kind == .figure {
            fields.appendText(id.local, to: &out)
        } else if let prefix = curiePrefixes[id.namespace] {
            fields.appendText(plainPrefix: prefix, id.local, to: &out)
        } else {
            fields.appendText(prefixes.curie(id), to: &out)
        }
    }

    /// A property value in the form its column type wants: text quoted, numbers and booleans
    /// bare, lists joined with the array delimiter. A double that is not finite (never
    /// produced by the reader) is left empty, which imports as no property.
    private func appendValue(_ value: PropertyValue, fields: inout CSVFieldWriter, to out: inout [UInt8]) {
        switch value {
        case .string(let text), .iri(let text):
            fields.appendText(text, to: &out)
        case .integer(let number):
            out.append(decimal: number)
        case .double(let number):
            if number.isFinite { out.append(utf8: PropertyValue.format(number)) }
        case .boolean(let flag):
            flag ? out.append("true") : out.append("false")
        case .stringList(let items):
            fields.appendList(items, to: &out)
        }
    }
}
