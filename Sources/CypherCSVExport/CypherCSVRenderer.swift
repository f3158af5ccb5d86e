import PFOCRGraph

/// Renders one figure's CSV rows on a worker thread: the figure's row (always), a row per
/// node it reaches in its label's file (when the node is new), a row per relationship in the
/// file of its type and end label (when the edge is kept).
///
/// Files are numbered as the sink opens them: node files by ``NodeKind/order``, then the
/// relationship files in ``CypherTables/relationships`` order. Every row is its own segment,
/// tallied by ``CSVFieldWriter``'s lanes (lane 0: one row), so the sink's counts per file and
/// of changed values cover exactly the rows written.
///
/// Rows are spelled into one ``ByteBuffer`` (inlined appends; an `[UInt8]` append is a call of
/// about a hundred instructions) and then copied into the fragment, sized once, a row per
/// segment. What is fixed is spelled once in ``spelled``: labels, types, CURIE prefixes. The
/// figure's id, the start of most relationship rows, is spelled once per figure. MENTIONS
/// lists are written straight from the evidence rows, with no list value made.
struct CypherCSVRenderer: FigureRenderer {
    let tables: CypherTables
    let prefixes: PrefixSet
    /// Every fixed piece spelled once, back to back.
    private let spelled: [UInt8]
    /// Per node table: `,"Label",` (what follows the id, before the name). Labels and types
    /// are plain identifiers (``CypherTables`` checks them), so the quoted field needs no
    /// escaping.
    private let labelFields: [Range<Int>]
    /// Per relationship table: `,"TYPE"`.
    private let typeFields: [Range<Int>]
    /// Per ``Namespace/ordinal``: `prefix:` of the namespace's CURIEs, when plain (the mapping
    /// loader allows only letters, digits, `_`, `-`, `.`); nil has the CURIE built as text.
    private let curiePrefixes: [Range<Int>?]
    /// The relationship table of an (edge kind, end kind), at `edge.order * kinds + end.order`.
    private let relationshipTables: [Int?]
    /// Per relationship table: its start kind (reading it from the table copied the table).
    private let relationshipStartKinds: [NodeKind]
    /// The number of node files, which come before the relationship files.
    private let nodeFileCount: Int
    /// The property columns of every node table, back to back; a table's are at
    /// `nodeColumnRanges[order]`. Names are the schema's own strings where equal
    /// (``GraphSchema/nodeProperties``), the ones the builder gives nodes, so comparing a
    /// column with a node's property of that name finds the same storage and stops at once.
    private let nodeColumns: [String]
    private let nodeColumnRanges: [Range<Int>]
    /// The property columns of every relationship table, back to back; a table's are at
    /// `relationshipColumnRanges[table]`.
    private let relationshipColumns: [String]
    /// Per relationship column: the evidence it is made from, for a MENTIONS property made
    /// from the rows (kept apart from the names: reading a name retains it).
    private let relationshipEvidence: [EvidenceProperty?]
    private let relationshipColumnRanges: [Range<Int>]

    init(tables: CypherTables, prefixes: PrefixSet) {
        self.tables = tables
        self.prefixes = prefixes
        var spelled: [UInt8] = []
        func spell(_ bytes: [UInt8]) -> Range<Int> {
            spelled += bytes
            return spelled.count - bytes.count..<spelled.count
        }
        labelFields = tables.nodes.map { spell(Array(",\"\($0.label)\",".utf8)) }
        typeFields = tables.relationships.map { spell(Array(",\"\($0.type)\"".utf8)) }
        curiePrefixes = Namespace.allCases.map { namespace in
            guard let entry = prefixes.entries[namespace] else { return nil }
            let prefix = Array((entry.curie + ":").utf8)
            return CSVFieldWriter.isPlain(prefix) ? spell(prefix) : nil
        }
        self.spelled = spelled
        let kinds = NodeKind.count
        var relationshipTables = [Int?](repeating: nil, count: EdgeKind.allCases.count * kinds)
        for (index, table) in tables.relationships.enumerated() {
            relationshipTables[table.kind.order * kinds + table.endKind.order] = index
        }
        self.relationshipTables = relationshipTables
        relationshipStartKinds = tables.relationships.map(\.startKind)
        nodeFileCount = tables.nodes.count
        var nodeColumns: [String] = []
        var nodeColumnRanges: [Range<Int>] = []
        for table in tables.nodes {
            let declared = (GraphSchema.nodeProperties[table.kind] ?? []).map(\.key.name)
            let start = nodeColumns.count
            for property in table.properties {
                nodeColumns.append(declared.first { $0 == property.name } ?? property.name)
            }
            nodeColumnRanges.append(start..<nodeColumns.count)
        }
        self.nodeColumns = nodeColumns
        self.nodeColumnRanges = nodeColumnRanges
        var relationshipColumns: [String] = []
        var relationshipColumnRanges: [Range<Int>] = []
        for table in tables.relationships {
            let start = relationshipColumns.count
            for property in table.properties {
                relationshipColumns.append(property.name)
            }
            relationshipColumnRanges.append(start..<relationshipColumns.count)
        }
        self.relationshipColumns = relationshipColumns
        relationshipEvidence = relationshipColumns.map(EvidenceProperty.init(property:))
        self.relationshipColumnRanges = relationshipColumnRanges
    }

    /// The sink's file index of a relationship table.
    func relationshipFile(_ table: Int) -> Int { nodeFileCount + table }

    /// One rendered row: where it ends in the figure's bytes, its file, when it is written,
    /// and its counts.
    private struct Row {
        var end: Int
        var file: Int
        var condition: EmitCondition
        var tally: SIMD4<Int>
    }

    func render(_ subgraph: FigureSubgraph, into fragment: inout FigureFragment) {
        let rowCount = 1 + subgraph.nodes.count + subgraph.edges.count
        // About what a row takes: ids, label or type, a few properties, evidence lists.
        var text = ByteBuffer(capacity: 1024 + 160 * rowCount)
        var rows: [Row] = []
        rows.reserveCapacity(rowCount)
        var fields = CSVFieldWriter()
        // Nodes and edges are handed on as pointers into the subgraph's arrays: handing on
        // `subgraph.edges[index]` copied the edge (retaining and releasing its strings and
        // arrays).
        spelled.withUnsafeBufferPointer { spelled in
            subgraph.nodes.withUnsafeBufferPointer { nodes in
                subgraph.edges.withUnsafeBufferPointer { edges in
                    // The figure's id field, which starts its row and most relationship rows.
                    fields.appendText(subgraph.figure.id.local, to: &text)
                    let figureField = FigureField(
                        id: subgraph.figure.id, bytes: Array(text.bytes), tally: fields.tally)
                    withUnsafePointer(to: subgraph.figure) {
                        appendNodeRest($0, spelled, fields: &fields, to: &text)
                    }
                    rows.append(
                        Row(
                            end: text.count, file: subgraph.figure.kind.order, condition: .always,
                            tally: fields.takeTally(rows: 1)))
                    for index in nodes.indices where !fragment.isSettled(index) {
                        guard let node = nodes.baseAddress.map({ $0 + index }) else { break }
                        appendID(
                            nodes[index].id, kind: nodes[index].kind, figureField, spelled, fields: &fields,
                            to: &text)
                        appendNodeRest(node, spelled, fields: &fields, to: &text)
                        rows.append(
                            Row(
                                end: text.count, file: nodes[index].kind.order, condition: .newNode(index),
                                tally: fields.takeTally(rows: 1)))
                    }
                    for index in edges.indices {
                        guard let edge = edges.baseAddress.map({ $0 + index }) else { break }
                        // The graph builder makes only the shapes of CypherTables.relationshipShapes,
                        // and both ends of every edge are nodes of the subgraph, written by this
                        // figure or an earlier one; an edge of another shape would have no file,
                        // and is not rendered.
                        guard
                            let table = relationshipTables[
                                edges[index].kind.order * NodeKind.count + edges[index].targetKind.order],
                            relationshipStartKinds[table] == edges[index].sourceKind
                        else { continue }
                        appendRelationship(edge, table: table, figureField, spelled, fields: &fields, to: &text)
                        rows.append(
                            Row(
                                end: text.count, file: relationshipFile(table), condition: .keptEdge(index),
                                tally: fields.takeTally(rows: 1)))
                    }
                }
            }
        }
        fragment.bytes.reserveCapacity(fragment.bytes.count + text.count)
        var start = 0
        for row in rows {
            text.copy(from: start, to: row.end, into: &fragment.bytes)
            fragment.endSegment(file: row.file, when: row.condition, tally: row.tally)
            start = row.end
        }
    }

    /// The figure's id field, spelled once per figure, and what spelling it counted.
    private struct FigureField {
        var id: Identifier
        var bytes: [UInt8]
        var tally: SIMD4<Int>
    }

    /// A node's row after its id: label, name, properties. (`node` points at the node: handing
    /// on the node copied it.)
    private func appendNodeRest(
        _ node: UnsafePointer<GraphNode>, _ spelled: UnsafeBufferPointer<UInt8>, fields: inout CSVFieldWriter,
        to out: inout ByteBuffer
    ) {
        let order = node.pointee.kind.order
        out.append(spelled, labelFields[order])
        fields.appendText(node.pointee.name, to: &out)
        // Properties come in the builder's order, columns in the vocabulary's: the same order
        // normally, so the property after the last one found is tried first.
        var next = 0
        let count = node.pointee.properties.count
        for column in nodeColumnRanges[order] {
            out.append(UInt8(ascii: ","))
            if next < count && CypherCSVRenderer.sameName(node.pointee.properties[next].name, nodeColumns[column]) {
                appendValue(node.pointee.properties[next].value, fields: &fields, to: &out)
                next += 1
                continue
            }
            for index in 0..<count
            where CypherCSVRenderer.sameName(node.pointee.properties[index].name, nodeColumns[column]) {
                appendValue(node.pointee.properties[index].value, fields: &fields, to: &out)
                next = index + 1
                break
            }
        }
        out.append(UInt8(ascii: "\n"))
    }

    /// Whether two property names are equal; names of different lengths (most pairs) are told
    /// apart without comparing bytes.
    @inline(__always)
    private static func sameName(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a == b
    }

    /// (`edge` points into the subgraph's edges: passing the edge itself copied it, retaining
    /// and releasing its strings and arrays.)
    @inline(__always)
    private func appendRelationship(
        _ edge: UnsafePointer<GraphEdge>, table index: Int, _ figure: FigureField,
        _ spelled: UnsafeBufferPointer<UInt8>,
        fields: inout CSVFieldWriter, to out: inout ByteBuffer
    ) {
        appendID(edge.pointee.source, kind: edge.pointee.sourceKind, figure, spelled, fields: &fields, to: &out)
        out.append(UInt8(ascii: ","))
        appendID(edge.pointee.target, kind: edge.pointee.targetKind, figure, spelled, fields: &fields, to: &out)
        out.append(spelled, typeFields[index])
        for column in relationshipColumnRanges[index] {
            out.append(UInt8(ascii: ","))
            appendColumn(column, of: edge, fields: &fields, to: &out)
        }
        out.append(UInt8(ascii: "\n"))
    }

    /// A relationship's property, as ``GraphEdge/value(_:)`` gives it: a stored property, else
    /// (MENTIONS) the one made from the evidence rows, which is read from the rows in place.
    @inline(__always)
    private func appendColumn(
        _ column: Int, of edge: UnsafePointer<GraphEdge>, fields: inout CSVFieldWriter,
        to out: inout ByteBuffer
    ) {
        guard let evidence = relationshipEvidence[column] else {
            if let value = edge.pointee.value(relationshipColumns[column]) {
                appendValue(value, fields: &fields, to: &out)
            }
            return
        }
        for index in edge.pointee.properties.indices
        where edge.pointee.properties[index].name == relationshipColumns[column] {
            appendValue(edge.pointee.properties[index].value, fields: &fields, to: &out)
            return
        }
        guard !edge.pointee.evidence.isEmpty else { return }
        var list = CSVFieldWriter.ListField()
        switch evidence {
        case .count:
            out.append(decimal: edge.pointee.evidence.count)
            return
        case .words:
            for row in edge.pointee.evidence.indices {
                fields.appendElement(edge.pointee.evidence[row].word, of: &list, to: &out)
            }
        case .matchedTerms:
            for row in edge.pointee.evidence.indices {
                fields.appendElement(edge.pointee.evidence[row].matchedTerm, of: &list, to: &out)
            }
        case .sources:
            for row in edge.pointee.evidence.indices {
                fields.appendElement(edge.pointee.evidence[row].source, of: &list, to: &out)
            }
        }
        fields.closeList(list, to: &out)
    }

    /// A node's id in its ID space: the figid for figures, the CURIE for everything else.
    @inline(__always)
    private func appendID(
        _ id: Identifier, kind: NodeKind, _ figure: FigureField, _ spelled: UnsafeBufferPointer<UInt8>,
        fields: inout CSVFieldWriter, to out: inout ByteBuffer
    ) {
        if kind == .figure {
            if id == figure.id {
                out.append(figure.bytes)
                fields.add(figure.tally)
            } else {
                fields.appendText(id.local, to: &out)
            }
        } else if let prefix = curiePrefixes[id.namespace.ordinal] {
            fields.appendText(plainPrefix: UnsafeBufferPointer(rebasing: spelled[prefix]), id.local, to: &out)
        } else {
            fields.appendText(prefixes.curie(id), to: &out)
        }
    }

    /// A property value in the form its column type wants: text quoted, numbers and booleans
    /// bare, lists joined with the array delimiter. A double that is not finite (never
    /// produced by the reader) is left empty, which imports as no property.
    private func appendValue(_ value: PropertyValue, fields: inout CSVFieldWriter, to out: inout ByteBuffer) {
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

extension NodeKind {
    /// The number of kinds (``NodeKind/allCases`` makes an array each time).
    fileprivate static let count = NodeKind.allCases.count
}
