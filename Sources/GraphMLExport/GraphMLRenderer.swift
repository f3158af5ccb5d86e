import PFOCRGraph

/// Renders one figure's `<node>` and `<edge>` elements on a worker thread: the figure node
/// (always written), one segment per node it reaches (written when the node is new,
/// ``EmitCondition/newNode(_:)``), one per edge (when kept). The segments come in the file's
/// order, so the consumer's ``FigureFragment/emit(_:to:)`` writes the figure node, its new
/// nodes, then its edges, every edge after both of its nodes.
///
/// Everything that does not depend on the figure (the `<data key="…">` tags, each kind's
/// `labels` and `kind` data, the edge labels) is rendered to bytes once, in `init`, into one
/// array that the layouts index by range.
///
/// Tally lanes: 0 nodes, 1 edges, 2 characters XML 1.0 forbids removed from the segment's
/// text (``XMLText``), 3 values left out because their type does not fit their key (only
/// possible with an edited vocabulary). Which properties those were is not in the tally: the
/// sink finds them again with ``countLeftOut(_:into:)`` for the rare figure whose lane 3 is
/// not 0, with the same ``fits(_:_:)`` test.
struct GraphMLRenderer: FigureRenderer {
    /// Lanes of the segment tallies.
    static let nodeLane = 0
    static let edgeLane = 1
    static let removedLane = 2
    static let leftOutLane = 3

    /// One vocabulary property of a node or edge kind (a ``GraphMLColumn`` without its key,
    /// which is in the rendered tag).
    struct Column: Sendable {
        var property: String
        var type: GraphMLType
        var isJSONList: Bool
        /// Its `   <data key="…">` in ``GraphMLRenderer/fixed``.
        var start: Range<Int>
        /// Characters XML 1.0 forbids removed from the rendered tag (0 for a key id, which is a
        /// name token), counted again each time the tag is written, as each written value was.
        var removed: Int
        /// The MENTIONS evidence the column lists, when it is one of ``GraphSchema/mentions``
        /// and written as the schema types it: then a MENTIONS edge's value is written straight
        /// from its evidence rows, not made as a list first (``GraphEdge/value(_:)``).
        var evidence: EvidenceColumn = .none
    }

    /// What a column reads from a MENTIONS edge's evidence rows.
    enum EvidenceColumn: Sendable {
        case none
        /// `GraphSchema.evidenceFields[n]` of every row, as a JSON array.
        case field(Int)
        /// A field that is one stored string of the rows (``RowField/find(_:)``), read in
        /// place: calling the field's closure per row retained and released its closure and
        /// the string it returned.
        case row(RowField)
        /// The number of rows.
        case count
    }

    /// A stored string of ``MentionEvidence``.
    enum RowField: Sendable {
        case word
        case matchedTerm
        case source

        /// The stored string `field` reads, or nil when it is not a plain read of one: the
        /// field's value of a row whose three strings all differ must be one of them (a
        /// changed schema whose field computes its value keeps the closure).
        static func find(_ field: EvidenceField) -> RowField? {
            let probe = MentionEvidence(word: "\u{1}word", matchedTerm: "\u{1}matchedTerm", source: "\u{1}source")
            switch field.value(probe) {
            case probe.word: return .word
            case probe.matchedTerm: return .matchedTerm
            case probe.source: return .source
            default: return nil
            }
        }
    }

    /// What every element of one node or edge kind starts with, and its columns.
    struct Layout: Sendable {
        /// In ``GraphMLRenderer/fixed``: for nodes, `">` closing the id, the `labels` and `kind`
        /// data and the start of `name`; for edges, `">` closing the target and the `label` data.
        var head: Range<Int>
        var headRemoved: Int
        /// In ``GraphMLRenderer/columns``.
        var columns: Range<Int>
        /// True when no two columns have the same property (the vocabulary's own kinds), so a
        /// node's values can be looked up in order (``GraphMLRenderer/value(_:in:next:inOrder:)``).
        var distinctProperties = false
    }

    /// One namespace's CURIE prefix and IRI template from the prefix set, rendered as content:
    /// ``PrefixSet/curie(_:)`` and ``PrefixSet/iri(_:)`` without a `String` per node.
    struct Spelling: Sendable {
        var namespace: Namespace
        /// In ``GraphMLRenderer/fixed``: `prefix:`, the IRI before and after the local id.
        var curiePrefix: Range<Int>
        var iriPrefix: Range<Int>
        var iriSuffix: Range<Int>
        var curieRemoved: Int
        var iriRemoved: Int
    }

    /// The renderer's tables as buffers for one render call. They are shared by every worker
    /// thread: reading them through buffers costs no reference counting, whose atomic updates
    /// on shared cache lines took about a third of the renderer's time when the layouts held
    /// arrays of their own.
    private struct Tables {
        var fixed: UnsafeBufferPointer<UInt8>
        var columns: UnsafeBufferPointer<Column>
        var nodeLayouts: UnsafeBufferPointer<Layout>
        var edgeLayouts: UnsafeBufferPointer<Layout>
        /// Per ``Namespace/ordinal``.
        var spellings: UnsafeBufferPointer<Spelling?>
        /// Per ``NodeKind/order`` times the namespace count plus ``Namespace/ordinal``: the node
        /// id's start in ``GraphMLRenderer/fixed`` (``GraphMLNodeID/prefix(_:_:)``).
        var idPrefixes: UnsafeBufferPointer<Range<Int>>
        /// ``GraphMLNodeID/isPlain(_:)`` of every byte value.
        var plain: UnsafeBufferPointer<Bool>
        /// `Namespace.allCases.count` (whose getter makes an array).
        var namespaceCount: Int

        @inline(__always)
        func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: fixed[range])
        }

        /// Appends the id of node `kind`/`id` (``GraphMLNodeID``).
        @inline(__always)
        func appendNodeID(_ kind: NodeKind, _ id: Identifier, to out: inout ByteBuffer) {
            out.append(bytes(idPrefixes[kind.order &* namespaceCount &+ id.namespace.ordinal]))
            GraphMLNodeID.appendLocal(id.local, plain: plain, to: &out)
        }
    }

    let keys: GraphMLKeys
    private let prefixes: PrefixSet
    /// Every byte that does not depend on the figure, rendered once.
    private let fixed: [UInt8]
    /// Every kind's columns, back to back.
    private let columns: [Column]
    /// By ``NodeKind/order`` and ``EdgeKind/order``.
    private let nodeLayouts: [Layout]
    private let edgeLayouts: [Layout]
    /// In ``fixed``: `</data>` of the name and the start of `curie`; `</data>` of the curie
    /// and the start of `iri`.
    private let nameToCurie: Range<Int>
    private let curieToIRI: Range<Int>
    private let fixedRemoved: Int
    /// Per ``Namespace/ordinal``: the namespace's spelling, nil for one the prefix set lacks
    /// (loading requires all of them; one it lacked would be written through ``PrefixSet``).
    private let spellings: [Spelling?]
    /// Per node kind and namespace (``Tables/idPrefixes``).
    private let idPrefixes: [Range<Int>]
    private let plain: [Bool]

    init(mapping: Mapping) {
        let keys = GraphMLKeys(vocabulary: mapping.vocabulary)
        self.keys = keys
        prefixes = mapping.prefixes
        var fixed: [UInt8] = []
        var columns: [Column] = []
        /// Appends what `body` renders to `fixed` and returns its range and removed count.
        func render(_ body: (inout [UInt8]) -> Int) -> (range: Range<Int>, removed: Int) {
            let start = fixed.count
            let removed = body(&fixed)
            return (start..<fixed.count, removed)
        }
        func appendColumns(_ list: [GraphMLColumn]?) -> Range<Int> {
            let first = columns.count
            for column in list ?? [] {
                let start = render { XMLMarkup.appendTextStart("data", ["key": column.key], depth: 3, to: &$0) }
                var evidence = EvidenceColumn.none
                if column.type == .string && column.isJSONList,
                    let field = GraphSchema.evidenceFields.firstIndex(where: { $0.key.name == column.property })
                {
                    evidence = RowField.find(GraphSchema.evidenceFields[field]).map { .row($0) } ?? .field(field)
                } else if column.type == .long && column.property == PropertyKey.evidenceCount.name {
                    evidence = .count
                }
                columns.append(
                    Column(
                        property: column.property, type: column.type, isJSONList: column.isJSONList, start: start.range,
                        removed: start.removed, evidence: evidence))
            }
            return first..<columns.count
        }
        nodeLayouts = NodeKind.allCases.map { kind in
            let head = render { out in
                out.append("\">\n")
                let label = ":" + mapping.vocabulary.node(kind).label
                return XMLMarkup.appendTextElement("data", ["key": GraphMLKeys.labels], text: label, depth: 3, to: &out)
                    + XMLMarkup.appendTextElement(
                        "data", ["key": GraphMLKeys.kind], text: kind.rawValue, depth: 3, to: &out)
                    + XMLMarkup.appendTextStart("data", ["key": GraphMLKeys.name], depth: 3, to: &out)
            }
            let properties = keys.nodeColumns[kind]?.map(\.property) ?? []
            return Layout(
                head: head.range, headRemoved: head.removed, columns: appendColumns(keys.nodeColumns[kind]),
                distinctProperties: Set(properties).count == properties.count)
        }
        edgeLayouts = EdgeKind.allCases.map { kind in
            let head = render { out in
                out.append("\">\n")
                return XMLMarkup.appendTextElement(
                    "data", ["key": GraphMLKeys.label], text: mapping.vocabulary.edge(kind).type, depth: 3, to: &out)
            }
            return Layout(head: head.range, headRemoved: head.removed, columns: appendColumns(keys.edgeColumns[kind]))
        }
        let nameToCurie = render { out in
            XMLMarkup.appendTextEnd("data", to: &out)
            return XMLMarkup.appendTextStart("data", ["key": GraphMLKeys.curie], depth: 3, to: &out)
        }
        let curieToIRI = render { out in
            XMLMarkup.appendTextEnd("data", to: &out)
            return XMLMarkup.appendTextStart("data", ["key": GraphMLKeys.iri], depth: 3, to: &out)
        }
        spellings = Namespace.allCases.map { namespace in
            guard let entry = mapping.prefixes.entries[namespace] else { return nil }
            let curie = render { XMLText.appendContent(entry.curie + ":", to: &$0) }
            let iriPrefix = render { XMLText.appendContent(entry.iriPrefix, to: &$0) }
            let iriSuffix = render { XMLText.appendContent(entry.iriSuffix, to: &$0) }
            return Spelling(
                namespace: namespace, curiePrefix: curie.range, iriPrefix: iriPrefix.range, iriSuffix: iriSuffix.range,
                curieRemoved: curie.removed, iriRemoved: iriPrefix.removed + iriSuffix.removed)
        }
        idPrefixes = NodeKind.allCases.sorted { $0.order < $1.order }.flatMap { kind in
            Namespace.allCases.map { namespace in
                render { out in
                    out.append(utf8: GraphMLNodeID.prefix(kind, namespace))
                    return 0
                }.range
            }
        }
        plain = (0...255).map { GraphMLNodeID.isPlain(UInt8($0)) }
        self.nameToCurie = nameToCurie.range
        self.curieToIRI = curieToIRI.range
        fixedRemoved = nameToCurie.removed + curieToIRI.removed
        self.fixed = fixed
        self.columns = columns
    }

    func render(_ subgraph: FigureSubgraph, into fragment: inout FigureFragment) {
        // About what a figure's elements take (most are 200 to 400 bytes): a few reallocations
        // at most.
        fragment.bytes.reserveCapacity(2048 + 256 * (subgraph.nodes.count + subgraph.edges.count))
        fixed.withUnsafeBufferPointer { fixed in
            columns.withUnsafeBufferPointer { columns in
                nodeLayouts.withUnsafeBufferPointer { nodeLayouts in
                    edgeLayouts.withUnsafeBufferPointer { edgeLayouts in
                        spellings.withUnsafeBufferPointer { spellings in
                            idPrefixes.withUnsafeBufferPointer { idPrefixes in
                                plain.withUnsafeBufferPointer { plain in
                                    let tables = Tables(
                                        fixed: fixed, columns: columns, nodeLayouts: nodeLayouts,
                                        edgeLayouts: edgeLayouts, spellings: spellings, idPrefixes: idPrefixes,
                                        plain: plain, namespaceCount: Namespace.allCases.count)
                                    render(subgraph, tables, into: &fragment)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// How many bytes the renderer stages before it appends them to the fragment's: under the
    /// 4 KiB from which glibc's `memcpy` moves bytes one at a time (`rep movsb`).
    static let stagedBytes = 3 * 1024

    /// Writes into a spilling ``ByteBuffer`` that holds the fragment's bytes as the array it
    /// spills into (inlined appends, where `[UInt8]`'s were a call each); they go back to the
    /// fragment at each segment's end.
    private func render(_ subgraph: FigureSubgraph, _ tables: Tables, into fragment: inout FigureFragment) {
        var out = ByteBuffer(spillingAt: GraphMLRenderer.stagedBytes)
        out.exchangeSpilled(&fragment.bytes)
        var tally = withUnsafePointer(to: subgraph.figure) { appendNode($0, tables, to: &out) }
        GraphMLRenderer.endSegment(&out, &fragment, when: .always, tally: tally)
        // Nodes and edges are read in place through pointers: a copy of each retained and
        // released its strings and arrays (passing one `borrowing` still copied it).
        subgraph.nodes.withUnsafeBufferPointer { nodes in
            guard let base = nodes.baseAddress else { return }
            for index in nodes.indices where !fragment.isSettled(index) {
                tally = appendNode(base + index, tables, to: &out)
                GraphMLRenderer.endSegment(&out, &fragment, when: .newNode(index), tally: tally)
            }
        }
        // The figure's id, spelled once: it is the source of nearly every edge, and spelling
        // its long figid byte by byte for each took more than the rest of the edge's tag.
        let figure = FigureID(kind: subgraph.figure.kind, id: subgraph.figure.id)
        var figureID = ByteBuffer(capacity: 64)
        tables.appendNodeID(figure.kind, figure.id, to: &figureID)
        subgraph.edges.withUnsafeBufferPointer { edges in
            guard let base = edges.baseAddress else { return }
            for index in edges.indices {
                tally = appendEdge(base + index, figure, figureID.bytes, tables, to: &out)
                GraphMLRenderer.endSegment(&out, &fragment, when: .keptEdge(index), tally: tally)
            }
        }
        out.exchangeSpilled(&fragment.bytes)
    }

    /// Ends the fragment's open segment after moving the staged bytes into it; `out` holds
    /// the fragment's bytes again afterwards.
    @inline(__always)
    private static func endSegment(
        _ out: inout ByteBuffer, _ fragment: inout FigureFragment, when condition: EmitCondition, tally: SIMD4<Int>
    ) {
        out.spill()
        out.exchangeSpilled(&fragment.bytes)
        fragment.endSegment(when: condition, tally: tally)
        out.exchangeSpilled(&fragment.bytes)
    }

    /// `<node>` with `labels`, `kind`, `name`, `curie`, `iri` and the kind's properties.
    private func appendNode(_ node: UnsafePointer<GraphNode>, _ tables: Tables, to out: inout ByteBuffer)
        -> SIMD4<Int>
    {
        let layout = tables.nodeLayouts[node.pointee.kind.order]
        out.append("  <node id=\"")
        tables.appendNodeID(node.pointee.kind, node.pointee.id, to: &out)
        out.append(tables.bytes(layout.head))
        var removed = layout.headRemoved + fixedRemoved
        removed += XMLText.appendContent(node.pointee.name, to: &out)
        out.append(tables.bytes(nameToCurie))
        removed += appendCurieAndIRI(node.pointee.id, tables, to: &out)
        out.append("</data>\n")
        var tally = node.pointee.properties.withUnsafeBufferPointer { properties in
            var next = 0
            return appendColumns(layout.columns, tables, to: &out) {
                GraphMLRenderer.value($0, in: properties, next: &next, inOrder: layout.distinctProperties)
            }
        }
        out.append("  </node>\n")
        tally[GraphMLRenderer.nodeLane] = 1
        tally[GraphMLRenderer.removedLane] += removed
        return tally
    }

    /// The CURIE, the `</data>` and `<data key="iri">` between them, and the IRI, as
    /// ``PrefixSet`` writes them: the local id as it is in the CURIE, percent-encoded as an IRI
    /// path segment in the IRI (DOIs keep their `/`). Returns the characters removed.
    private func appendCurieAndIRI(_ id: Identifier, _ tables: Tables, to out: inout ByteBuffer) -> Int {
        guard let spelling = tables.spellings[id.namespace.ordinal] else {
            var removed = XMLText.appendContent(prefixes.curie(id), to: &out)
            out.append(tables.bytes(curieToIRI))
            removed += XMLText.appendContent(prefixes.iri(id), to: &out)
            return removed
        }
        out.append(tables.bytes(spelling.curiePrefix))
        let keepSlash = id.namespace.keepsSlashInIRIs
        return withUTF8Bytes(of: id.local) { local in
            var removed = spelling.curieRemoved + spelling.iriRemoved + XMLText.appendContent(bytes: local, to: &out)
            out.append(tables.bytes(curieToIRI))
            out.append(tables.bytes(spelling.iriPrefix))
            // A local id that is its own IRI segment (nearly all) is written from its bytes.
            if IRIEncoding.isPlainSegment(local, keepSlash: keepSlash) {
                removed += XMLText.appendContent(bytes: local, to: &out)
            } else {
                removed += XMLText.appendContent(IRIEncoding.encodeSegment(id.local, keepSlash: keepSlash), to: &out)
            }
            out.append(tables.bytes(spelling.iriSuffix))
            return removed
        }
    }

    /// The figure node's kind and id, which ``appendEdge(_:_:_:_:to:)`` compares an edge's
    /// ends with: an end that is the figure is written from the figure's id spelled once.
    private struct FigureID {
        var kind: NodeKind
        var id: Identifier
    }

    /// `<edge>` with `label` first (APOC's readLabels takes the relationship type from the
    /// first data child), then the kind's properties.
    private func appendEdge(
        _ edge: UnsafePointer<GraphEdge>, _ figure: FigureID, _ figureID: UnsafeBufferPointer<UInt8>, _ tables: Tables,
        to out: inout ByteBuffer
    ) -> SIMD4<Int> {
        let layout = tables.edgeLayouts[edge.pointee.kind.order]
        out.append("  <edge source=\"")
        if edge.pointee.sourceKind == figure.kind && edge.pointee.source == figure.id {
            out.append(figureID)
        } else {
            tables.appendNodeID(edge.pointee.sourceKind, edge.pointee.source, to: &out)
        }
        out.append("\" target=\"")
        if edge.pointee.targetKind == figure.kind && edge.pointee.target == figure.id {
            out.append(figureID)
        } else {
            tables.appendNodeID(edge.pointee.targetKind, edge.pointee.target, to: &out)
        }
        out.append(tables.bytes(layout.head))
        // A MENTIONS edge as the builder makes it: no stored properties, its lists in its rows.
        var tally =
            edge.pointee.properties.isEmpty && !edge.pointee.evidence.isEmpty
            ? edge.pointee.evidence.withUnsafeBufferPointer { rows in
                appendEvidenceColumns(layout.columns, of: edge, rows: rows, tables, to: &out)
            }
            : appendColumns(layout.columns, tables, to: &out) { edge.pointee.value($0) }
        out.append("  </edge>\n")
        tally[GraphMLRenderer.edgeLane] = 1
        tally[GraphMLRenderer.removedLane] += layout.headRemoved
        return tally
    }

    /// ``GraphNode/value(_:)`` read from the node's properties in place (calling it on a node
    /// behind a pointer copied the node): the first property named `name`.
    private static func value(_ name: String, in properties: UnsafeBufferPointer<Property>) -> PropertyValue? {
        for index in properties.indices where properties[index].name == name { return properties[index].value }
        return nil
    }

    /// ``value(_:in:)`` for the columns of a kind in order, `next` starting at 0: when the
    /// builder set the properties in column order, each is found at `next` with one comparison.
    ///
    /// Exact, not a guess: `next` moves past a property only when a column found it there, so
    /// every property before `next` has the name of an earlier column; when no two columns
    /// share a property (`inOrder`), none of them has `name`, and the first from `next` on
    /// that does is the first of all. Otherwise every lookup starts at the first property.
    @inline(__always)
    private static func value(
        _ name: String, in properties: UnsafeBufferPointer<Property>, next: inout Int, inOrder: Bool
    ) -> PropertyValue? {
        guard inOrder else { return value(name, in: properties) }
        for index in next..<properties.count where properties[index].name == name {
            if index == next { next += 1 }
            return properties[index].value
        }
        return nil
    }

    /// The `<data>` of every column with a value that fits, each value found by `value`
    /// (``PropertyOwner/value(_:)`` of the node or edge); the tally's removed and left-out
    /// lanes.
    private func appendColumns(
        _ range: Range<Int>, _ tables: Tables, to out: inout ByteBuffer, value: (String) -> PropertyValue?
    ) -> SIMD4<Int> {
        var tally = SIMD4<Int>.zero
        for index in range {
            // Fields are read one by one: copying the whole column would retain its property name.
            guard let value = value(tables.columns[index].property) else { continue }
            let type = tables.columns[index].type
            guard GraphMLRenderer.fits(value, type) else {
                tally[GraphMLRenderer.leftOutLane] += 1
                continue
            }
            out.append(tables.bytes(tables.columns[index].start))
            let removed = GraphMLRenderer.appendText(
                of: value, as: type, isJSONList: tables.columns[index].isJSONList, to: &out)
            tally[GraphMLRenderer.removedLane] += tables.columns[index].removed + removed
            out.append("</data>\n")
        }
        return tally
    }

    /// ``appendColumns(_:_:to:value:)`` of an edge whose values all come from its evidence rows
    /// (`rows`, its ``GraphEdge/evidence``): the same bytes, with the evidence columns written
    /// from the rows.
    private func appendEvidenceColumns(
        _ range: Range<Int>, of edge: UnsafePointer<GraphEdge>, rows: UnsafeBufferPointer<MentionEvidence>,
        _ tables: Tables, to out: inout ByteBuffer
    ) -> SIMD4<Int> {
        var tally = SIMD4<Int>.zero
        for index in range {
            switch tables.columns[index].evidence {
            case .row(let part):
                out.append(tables.bytes(tables.columns[index].start))
                let removed = GraphMLRenderer.appendJSONArray(part, of: rows, to: &out)
                tally[GraphMLRenderer.removedLane] += tables.columns[index].removed + removed
                out.append("</data>\n")
            case .field(let field):
                let value = GraphSchema.evidenceFields[field].value
                out.append(tables.bytes(tables.columns[index].start))
                let removed = XMLText.appendJSONArray(rows.lazy.map(value), to: &out)
                tally[GraphMLRenderer.removedLane] += tables.columns[index].removed + removed
                out.append("</data>\n")
            case .count:
                out.append(tables.bytes(tables.columns[index].start))
                out.append(decimal: rows.count)
                tally[GraphMLRenderer.removedLane] += tables.columns[index].removed
                out.append("</data>\n")
            case .none:
                tally &+= appendColumns(index..<index + 1, tables, to: &out) { edge.pointee.value($0) }
            }
        }
        return tally
    }

    /// ``XMLText/appendJSONArray(_:to:)`` of `part` of every row, each read in place.
    private static func appendJSONArray(
        _ part: RowField, of rows: UnsafeBufferPointer<MentionEvidence>, to out: inout ByteBuffer
    ) -> Int {
        var removed = 0
        out.append(UInt8(ascii: "["))
        for index in rows.indices {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            switch part {
            case .word: removed += XMLText.appendJSONString(rows[index].word, to: &out)
            case .matchedTerm: removed += XMLText.appendJSONString(rows[index].matchedTerm, to: &out)
            case .source: removed += XMLText.appendJSONString(rows[index].source, to: &out)
            }
        }
        out.append(UInt8(ascii: "]"))
        return removed
    }

    /// Whether `value` can be written in a key of `type` without changing its type (text fits
    /// a `string` key; nothing but an integer fits a `long` key; NaN and infinities fit no
    /// `double` key).
    static func fits(_ value: PropertyValue, _ type: GraphMLType) -> Bool {
        switch (type, value) {
        case (.string, _), (.long, .integer), (.double, .integer), (.boolean, .boolean): true
        case (.double, .double(let number)): number.isFinite
        default: false
        }
    }

    /// Appends the text of `value`, which ``fits(_:_:)`` `type`, escaped as element content;
    /// returns the characters XML 1.0 forbids that were removed. Lists are JSON array text
    /// whose items are stripped before encoding (``XMLText/appendJSONArray(_:to:)``); a single
    /// value in a list key (`isJSONList`) is a one-item array.
    static func appendText(of value: PropertyValue, as type: GraphMLType, isJSONList: Bool, to out: inout ByteBuffer)
        -> Int
    {
        switch (type, value) {
        case (.long, .integer(let number)):
            out.append(decimal: number)
        case (.double, .double(let number)):
            out.append(utf8: JSONText.double(number))
        case (.double, .integer(let number)):
            out.append(utf8: JSONText.double(Double(number)))
        case (.boolean, .boolean(let flag)):
            if flag { out.append("true") } else { out.append("false") }
        case (.string, .stringList(let items)):
            return XMLText.appendJSONArray(items, to: &out)
        case (.string, .string(let text)) where !isJSONList, (.string, .iri(let text)) where !isJSONList:
            return XMLText.appendContent(text, to: &out)
        case (.string, _):
            // JSON escapes the controls of a single value in a list key: nothing is removed.
            return XMLText.appendContent(isJSONList ? JSONText.array([value.text()]) : value.text(), to: &out)
        default:
            break
        }
        return 0
    }

    /// ``appendText(of:as:isJSONList:to:)`` onto an array.
    static func appendText(of value: PropertyValue, as type: GraphMLType, isJSONList: Bool, to out: inout [UInt8])
        -> Int
    {
        var buffer = ByteBuffer()
        let removed = appendText(of: value, as: type, isJSONList: isJSONList, to: &buffer)
        out.append(contentsOf: buffer.bytes)
        return removed
    }

    /// Adds the values of `figure` that were left out (lane 3 of its written segments), per
    /// `Kind.property`: the figure node, its new nodes and its kept edges, tested again with
    /// ``fits(_:_:)``.
    func countLeftOut(_ figure: RenderedFigure, into counts: inout [String: Int]) {
        let subgraph = figure.subgraph
        func count(_ range: Range<Int>, of item: some PropertyOwner, owner: String) {
            for column in columns[range] {
                guard let value = item.value(column.property), !GraphMLRenderer.fits(value, column.type) else {
                    continue
                }
                counts["\(owner).\(column.property)", default: 0] += 1
            }
        }
        for (index, node) in ([subgraph.figure] + subgraph.nodes).enumerated()
        where index == 0 || figure.news.newNodes[index - 1] {
            count(nodeLayouts[node.kind.order].columns, of: node, owner: node.kind.rawValue)
        }
        for (index, edge) in subgraph.edges.enumerated() where figure.news.keptEdges[index] {
            count(edgeLayouts[edge.kind.order].columns, of: edge, owner: edge.kind.rawValue)
        }
    }
}
