import PFOCRGraph

/// Spells nodes and edges as lines of one dialect, straight into bytes: each kind's
/// ``KGXRecord`` is laid out once (``KGXRecordWriter/layout(_:of:)``), and a line is then its
/// literal bytes and the values of its fields, with no record, `String` or list made per line.
///
/// Everything worked out once is kept in flat tables of plain values (pieces of one byte
/// array, index ranges, sources without payloads to retain): walking a line's steps copies no
/// array, string or closure, whose reference counting cost as much as the spelling.
struct KGXLineWriter<Writer: KGXRecordWriter>: Sendable {
    let writer: Writer
    private let prefixes: PrefixSet
    /// Every piece spelled once (literals, keys, CURIE and IRI prefixes), back to back.
    private let spelled: [UInt8]
    /// Per ``NodeKind/order`` and ``EdgeKind/order``: the line's steps.
    private let nodeLines: [KGXLine]
    private let edgeLines: [KGXLine]
    private let nodeSteps: [KGXStep]
    private let edgeSteps: [KGXStep]
    private let nodeValues: [KGXNodeValue]
    private let edgeValues: [KGXEdgeValue]
    /// What ``KGXNodeValue`` and ``KGXEdgeValue`` cases point into.
    private let constants: [KGXValue]
    private let propertyNames: [String]
    private let crossReferences: [KGXNodeSource.CrossReference]
    private let edgeProperties: [KGXEdgeProperty]
    /// Per ``Namespace/ordinal``: what a Biolink CURIE starts with (`NCBIGene:`), spelled.
    private let curiePrefixes: [KGXPiece]
    /// Per ``Namespace/ordinal``: the IRI before and after the local id, spelled; nil for a
    /// namespace the prefix set has no entry for (its IRIs are then made by
    /// ``PrefixSet/iri(_:)``).
    private let iriParts: [(prefix: KGXPiece, suffix: KGXPiece)?]
    /// Per ``EdgeKind/order``: what an edge id holds between its subject and object
    /// (`--biolink:mentions--`), spelled.
    private let edgeIDMiddles: [KGXPiece]
    /// Per ``NodeKind/order``: what ends the id of an edge to a node of the kind in a shared
    /// namespace (`--chemical`), spelled.
    private let edgeIDKindSuffixes: [KGXPiece]

    /// Collects the tables.
    private struct Tables {
        var spelled: [UInt8] = []
        var constants: [KGXValue] = []
        var propertyNames: [String] = []
        var crossReferences: [KGXNodeSource.CrossReference] = []
        var edgeProperties: [KGXEdgeProperty] = []

        /// `bytes` as they are.
        mutating func literal(_ bytes: [UInt8]) -> Range<Int> {
            spelled += bytes
            return spelled.count - bytes.count..<spelled.count
        }

        /// `text` spelled as (part of) a text value.
        mutating func text(_ text: String) -> KGXPiece {
            var line = ByteBuffer()
            let cleaned = withUTF8Bytes(of: text) { Writer.appendText($0, to: &line) }
            return KGXPiece(range: literal(Array(line.bytes)), cleaned: cleaned)
        }

        /// The steps of `layout`, each literal joined to the value after it; `compile` puts a
        /// source's payload in the tables.
        mutating func line<Source, Value>(
            _ layout: KGXLineLayout<Source>, steps: inout [KGXStep], values: inout [Value],
            _ compile: (inout Tables, Source) -> Value
        ) -> KGXLine {
            let first = steps.count
            var literal = spelled.count..<spelled.count
            for step in layout.steps {
                switch step {
                case .literal(let bytes):
                    literal = self.literal(bytes)
                case .value(let key, let sources):
                    let key = self.literal(key)
                    let start = values.count
                    for source in sources { values.append(compile(&self, source)) }
                    steps.append(KGXStep(literal: literal, key: key, values: start..<values.count))
                    literal = spelled.count..<spelled.count
                }
            }
            if !literal.isEmpty {
                steps.append(KGXStep(literal: literal, key: literal.upperBound..<literal.upperBound, values: 0..<0))
            }
            return KGXLine(steps: first..<steps.count, cleanedInLiterals: layout.cleanedInLiterals)
        }

        static func nodeValue(_ tables: inout Tables, _ source: KGXNodeSource) -> KGXNodeValue {
            switch source {
            case .id: return .id
            case .name: return .name
            case .iri: return .iri
            case .constant(let value):
                tables.constants.append(value)
                return .constant(tables.constants.count - 1)
            case .property(let names):
                tables.propertyNames += names
                return .property(tables.propertyNames.count - names.count..<tables.propertyNames.count)
            case .crossReferences(let references):
                tables.crossReferences += references
                return .crossReferences(tables.crossReferences.count - references.count..<tables.crossReferences.count)
            }
        }

        static func edgeValue(_ tables: inout Tables, _ source: KGXEdgeSource) -> KGXEdgeValue {
            switch source {
            case .id: return .id
            case .subject: return .subject
            case .object: return .object
            case .paper: return .paper
            case .constant(let value):
                tables.constants.append(value)
                return .constant(tables.constants.count - 1)
            case .property(let name, let evidence):
                tables.edgeProperties.append(KGXEdgeProperty(name: name, evidence: evidence))
                return .property(tables.edgeProperties.count - 1)
            }
        }
    }

    init(builder: KGXRecordBuilder, writer: Writer) {
        self.writer = writer
        let prefixes = builder.mapping.prefixes
        self.prefixes = prefixes
        var tables = Tables()
        var nodeSteps: [KGXStep] = []
        var nodeValues: [KGXNodeValue] = []
        nodeLines = builder.nodeRecords.map { record in
            tables.line(writer.layout(record, of: .nodes), steps: &nodeSteps, values: &nodeValues, Tables.nodeValue)
        }
        var edgeSteps: [KGXStep] = []
        var edgeValues: [KGXEdgeValue] = []
        edgeLines = builder.edgeRecords.map { record in
            tables.line(writer.layout(record, of: .edges), steps: &edgeSteps, values: &edgeValues, Tables.edgeValue)
        }
        curiePrefixes = Namespace.allCases.map { tables.text(prefixes.biolinkCurie(Identifier($0, ""))) }
        iriParts = Namespace.allCases.map { namespace in
            prefixes.entries[namespace].map { (tables.text($0.iriPrefix), tables.text($0.iriSuffix)) }
        }
        edgeIDMiddles = builder.predicates.map { tables.text("--" + $0 + "--") }
        edgeIDKindSuffixes = NodeKind.allCases.sorted().map { tables.text("--" + $0.rawValue.lowercased()) }
        self.nodeSteps = nodeSteps
        self.nodeValues = nodeValues
        self.edgeSteps = edgeSteps
        self.edgeValues = edgeValues
        spelled = tables.spelled
        constants = tables.constants
        propertyNames = tables.propertyNames
        crossReferences = tables.crossReferences
        edgeProperties = tables.edgeProperties
    }

    /// Renders one figure's lines: the figure's node line, one line per node it reaches
    /// (written when its identifier is new), one line per edge (when kept). Tally lanes: 0
    /// nodes, 1 edges, 2 cleaned values.
    ///
    /// Every line is spelled into one buffer first, so the fragment is given its exact size
    /// once (growing it line by line copied it several times a figure), then each line is
    /// appended in one copy and closed as its segment.
    func render(_ subgraph: FigureSubgraph, into fragment: inout FigureFragment) {
        let lineCount = 1 + subgraph.nodes.count + subgraph.edges.count
        var text = ByteBuffer(capacity: lineCount * 512)
        // Per line: where it ends in `text`, and how many values it cleaned. (No closure or
        // local function here: capturing these made every access a dynamic exclusivity check.)
        var lines: [(end: Int, cleaned: Int)] = []
        lines.reserveCapacity(lineCount)
        var cleaned = appendNode(subgraph.figure, to: &text)
        lines.append((text.count, cleaned))
        for index in subgraph.nodes.indices where !fragment.isSettled(index) {
            cleaned = appendNode(subgraph.nodes[index], to: &text)
            lines.append((text.count, cleaned))
        }
        let curies = figureCuries(subgraph.figure.id, paper: subgraph.edges.first { $0.kind == .partOf }?.target)
        for index in subgraph.edges.indices {
            cleaned = appendEdge(subgraph.edges[index], curies, to: &text)
            lines.append((text.count, cleaned))
        }

        fragment.bytes.reserveCapacity(fragment.bytes.count + text.count)
        text.copy(from: 0, to: lines[0].end, into: &fragment.bytes)
        fragment.endSegment(file: KGXFile.nodes.rawValue, tally: [1, 0, lines[0].cleaned, 0])
        var line = 1
        for index in subgraph.nodes.indices where !fragment.isSettled(index) {
            text.copy(from: lines[line - 1].end, to: lines[line].end, into: &fragment.bytes)
            fragment.endSegment(
                file: KGXFile.nodes.rawValue, when: .newIdentifier(index), tally: [1, 0, lines[line].cleaned, 0])
            line += 1
        }
        for index in subgraph.edges.indices {
            text.copy(from: lines[line - 1].end, to: lines[line].end, into: &fragment.bytes)
            fragment.endSegment(
                file: KGXFile.edges.rawValue, when: .keptEdge(index), tally: [0, 1, lines[line].cleaned, 0])
            line += 1
        }
    }

    /// Appends `node`'s line; returns how many values it had to clean (characters the dialect
    /// cannot hold), which the sink reports.
    func appendNode(_ node: GraphNode, to line: inout ByteBuffer) -> Int {
        let kind = nodeLines[node.kind.order]
        var cleaned = kind.cleanedInLiterals
        spelled.withUnsafeBufferPointer { spelled in
            for stepIndex in kind.steps {
                let step = nodeSteps[stepIndex]
                line.append(UnsafeBufferPointer(rebasing: spelled[step.literal]))
                for valueIndex in step.values {
                    let start = line.count
                    line.append(UnsafeBufferPointer(rebasing: spelled[step.key]))
                    if let valueCleaned = appendValue(nodeValues[valueIndex], of: node, spelled, to: &line) {
                        cleaned += valueCleaned
                        break
                    }
                    line.truncate(to: start)
                }
            }
        }
        return cleaned
    }

    /// Appends `edge`'s line (`paper` is the figure's paper, cited by kinds that cite it);
    /// returns how many values it had to clean.
    func appendEdge(_ edge: GraphEdge, paper: Identifier?, to line: inout ByteBuffer) -> Int {
        appendEdge(edge, figureCuries(edge.source, paper: paper), to: &line)
    }

    /// The CURIEs of `figure` and its `paper`, spelled.
    private func figureCuries(_ figure: Identifier, paper: Identifier?) -> KGXFigureCuries {
        var text = ByteBuffer(capacity: 256)
        let figureCleaned = spelled.withUnsafeBufferPointer { appendCurieText(figure, $0, to: &text) }
        let figureText = Array(text.bytes)
        text.removeAll()
        let paperCleaned = paper.map { paper in
            spelled.withUnsafeBufferPointer { appendCurieText(paper, $0, to: &text) }
        }
        return KGXFigureCuries(
            figure: figure, figureText: figureText, figureCleaned: figureCleaned, paper: paper,
            paperText: Array(text.bytes),
            paperCleaned: paperCleaned ?? false)
    }

    /// ``appendEdge(_:paper:to:)`` with the figure's CURIEs spelled.
    private func appendEdge(_ edge: GraphEdge, _ curies: KGXFigureCuries, to line: inout ByteBuffer) -> Int {
        let kind = edgeLines[edge.kind.order]
        var cleaned = kind.cleanedInLiterals
        spelled.withUnsafeBufferPointer { spelled in
            for stepIndex in kind.steps {
                let step = edgeSteps[stepIndex]
                line.append(UnsafeBufferPointer(rebasing: spelled[step.literal]))
                for valueIndex in step.values {
                    let start = line.count
                    line.append(UnsafeBufferPointer(rebasing: spelled[step.key]))
                    if let valueCleaned = appendValue(
                        edgeValues[valueIndex], of: edge, curies, spelled, to: &line)
                    {
                        cleaned += valueCleaned
                        break
                    }
                    line.truncate(to: start)
                }
            }
        }
        return cleaned
    }

    /// Appends the value of `value` for `node`: nil when it has none (nothing appended), else
    /// how many values it had to clean.
    private func appendValue(
        _ value: KGXNodeValue, of node: GraphNode, _ spelled: UnsafeBufferPointer<UInt8>, to line: inout ByteBuffer
    ) -> Int? {
        switch value {
        case .id:
            return appendCurie(node.id, spelled, to: &line)
        case .name:
            return Self.appendText(node.name, to: &line)
        case .iri:
            return appendIRI(node.id, spelled, to: &line)
        case .constant(let index):
            return Self.appendValue(constants[index], to: &line)
        case .property(let names):
            for index in names {
                if let value = node.value(propertyNames[index]) { return Self.appendValue(value, to: &line) }
            }
            return nil
        case .crossReferences(let references):
            var cleaned = 0
            var items = 0
            for index in references {
                let reference = crossReferences[index]
                guard let value = node.value(reference.property) else { continue }
                switch value {
                case .stringList(let locals):
                    for local in locals {
                        cleaned += appendCrossReference(
                            Identifier(reference.namespace, local), of: node, spelled, items: &items, to: &line)
                    }
                default:
                    cleaned += appendCrossReference(
                        Identifier(reference.namespace, value.text()), of: node, spelled, items: &items, to: &line)
                }
            }
            guard items > 0 else { return nil }
            Writer.closeList(&line)
            return cleaned
        }
    }

    /// Appends `id` as an item of `node`'s `xref` list unless it is the node's own id.
    private func appendCrossReference(
        _ id: Identifier, of node: GraphNode, _ spelled: UnsafeBufferPointer<UInt8>, items: inout Int,
        to line: inout ByteBuffer
    ) -> Int {
        guard id != node.id else { return 0 }
        if items == 0 { Writer.openList(&line) } else { Writer.separateItems(&line) }
        items += 1
        return appendCurie(id, spelled, to: &line)
    }

    /// Appends the value of `value` for `edge`: nil when it has none (nothing appended), else
    /// how many values it had to clean.
    private func appendValue(
        _ value: KGXEdgeValue, of edge: GraphEdge, _ curies: KGXFigureCuries, _ spelled: UnsafeBufferPointer<UInt8>,
        to line: inout ByteBuffer
    ) -> Int? {
        switch value {
        case .id:
            Writer.openText(&line)
            var cleaned = appendSource(edge.source, curies, spelled, to: &line)
            cleaned = append(edgeIDMiddles[edge.kind.order], spelled, to: &line) || cleaned
            cleaned = appendCurieText(edge.target, spelled, to: &line) || cleaned
            if edge.target.namespace.isSharedByNodeKinds {
                cleaned = append(edgeIDKindSuffixes[edge.targetKind.order], spelled, to: &line) || cleaned
            }
            Writer.closeText(&line)
            return cleaned ? 1 : 0
        case .subject:
            Writer.openText(&line)
            let cleaned = appendSource(edge.source, curies, spelled, to: &line)
            Writer.closeText(&line)
            return cleaned ? 1 : 0
        case .object:
            return appendCurie(edge.target, spelled, to: &line)
        case .paper:
            guard curies.paper != nil else { return nil }
            Writer.openList(&line)
            Writer.openText(&line)
            line.append(curies.paperText)
            Writer.closeText(&line)
            Writer.closeList(&line)
            let cleaned = curies.paperCleaned ? 1 : 0
            return cleaned
        case .constant(let index):
            return Self.appendValue(constants[index], to: &line)
        case .property(let index):
            let name = edgeProperties[index].name
            // As ``GraphEdge/value(_:)``: a stored property, else one made from the evidence rows.
            for index in edge.properties.indices where edge.properties[index].name == name {
                return Self.appendValue(edge.properties[index].value, to: &line)
            }
            guard !edge.evidence.isEmpty else { return nil }
            let evidence: EvidenceProperty
            switch edgeProperties[index].evidence {
            case nil: return edge.value(name).flatMap { Self.appendValue($0, to: &line) }
            case .count:
                line.append(decimal: edge.evidence.count)
                return 0
            case let rows?: evidence = rows
            }
            var cleaned = 0
            Writer.openList(&line)
            for row in edge.evidence.indices {
                if row > 0 { Writer.separateItems(&line) }
                switch evidence {
                case .words: cleaned += Self.appendText(edge.evidence[row].word, to: &line)
                case .matchedTerms: cleaned += Self.appendText(edge.evidence[row].matchedTerm, to: &line)
                // (`.count` was spelled above.)
                case .sources, .count: cleaned += Self.appendText(edge.evidence[row].source, to: &line)
                }
            }
            Writer.closeList(&line)
            return cleaned
        }
    }

    /// Appends an edge's source's Biolink CURIE as (part of) a text: the figure's, spelled once
    /// for all its edges, or another's.
    @inline(__always)
    private func appendSource(
        _ id: Identifier, _ curies: KGXFigureCuries, _ spelled: UnsafeBufferPointer<UInt8>,
        to line: inout ByteBuffer
    ) -> Bool {
        guard id == curies.figure else { return appendCurieText(id, spelled, to: &line) }
        line.append(curies.figureText)
        return curies.figureCleaned
    }

    /// Appends a spelled piece; returns whether spelling it cleaned a character.
    @inline(__always)
    private func append(_ piece: KGXPiece, _ spelled: UnsafeBufferPointer<UInt8>, to line: inout ByteBuffer) -> Bool {
        line.append(UnsafeBufferPointer(rebasing: spelled[piece.range]))
        return piece.cleaned
    }

    /// Appends `id`'s Biolink CURIE as a text value; returns 1 when it had to be cleaned.
    private func appendCurie(_ id: Identifier, _ spelled: UnsafeBufferPointer<UInt8>, to line: inout ByteBuffer)
        -> Int
    {
        Writer.openText(&line)
        let cleaned = appendCurieText(id, spelled, to: &line)
        Writer.closeText(&line)
        return cleaned ? 1 : 0
    }

    /// Appends `id`'s Biolink CURIE as (part of) a text: its prefix, then its local id.
    @inline(__always)
    private func appendCurieText(
        _ id: Identifier, _ spelled: UnsafeBufferPointer<UInt8>, to line: inout ByteBuffer
    ) -> Bool {
        let prefixCleaned = append(curiePrefixes[id.namespace.ordinal], spelled, to: &line)
        let localCleaned = withUTF8Bytes(of: id.local) { Writer.appendText($0, to: &line) }
        return prefixCleaned || localCleaned
    }

    /// Appends `id`'s IRI as a text value; returns 1 when it had to be cleaned.
    private func appendIRI(_ id: Identifier, _ spelled: UnsafeBufferPointer<UInt8>, to line: inout ByteBuffer)
        -> Int
    {
        guard let parts = iriParts[id.namespace.ordinal] else { return Self.appendText(prefixes.iri(id), to: &line) }
        let keepSlash = id.namespace.keepsSlashInIRIs
        Writer.openText(&line)
        var cleaned = append(parts.prefix, spelled, to: &line)
        let plain = withUTF8Bytes(of: id.local) { local -> Bool in
            guard Self.isPlainIRISegment(local, keepSlash: keepSlash) else { return false }
            cleaned = Writer.appendText(local, to: &line) || cleaned
            return true
        }
        if !plain {
            let encoded = IRIEncoding.encodeSegment(id.local, keepSlash: keepSlash)
            cleaned = withUTF8Bytes(of: encoded) { Writer.appendText($0, to: &line) } || cleaned
        }
        cleaned = append(parts.suffix, spelled, to: &line) || cleaned
        Writer.closeText(&line)
        return cleaned ? 1 : 0
    }

    /// True when `local` is its own IRI path segment: ASCII letters, digits, `-._` (and `/`
    /// where kept), a part of what ``IRIEncoding`` keeps, so every other id is encoded by it.
    private static func isPlainIRISegment(_ local: UnsafeBufferPointer<UInt8>, keepSlash: Bool) -> Bool {
        for byte in local {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"):
                continue
            case UInt8(ascii: "/") where keepSlash:
                continue
            default:
                return false
            }
        }
        return true
    }

    /// Appends `text` as a text value; returns 1 when it had to be cleaned.
    static func appendText(_ text: String, to line: inout ByteBuffer) -> Int {
        Writer.openText(&line)
        let cleaned = withUTF8Bytes(of: text) { Writer.appendText($0, to: &line) }
        Writer.closeText(&line)
        return cleaned ? 1 : 0
    }

    /// Appends a value: nil for an empty list (nothing appended), else how many values it had
    /// to clean (each list item is one).
    static func appendValue(_ value: KGXValue, to line: inout ByteBuffer) -> Int? {
        switch value {
        case .text(let text): return appendText(text, to: &line)
        case .integer(let number): line.append(decimal: number)
        case .double(let number): Writer.appendDouble(number, to: &line)
        case .boolean(let flag): Writer.appendBoolean(flag, to: &line)
        case .list(let items): return appendList(items, to: &line)
        }
        return 0
    }

    /// ``appendValue(_:to:)-(KGXValue,_)`` of a graph property's value, its type kept.
    static func appendValue(_ value: PropertyValue, to line: inout ByteBuffer) -> Int? {
        switch value {
        case .string(let text), .iri(let text): return appendText(text, to: &line)
        case .integer(let number): line.append(decimal: number)
        case .double(let number): Writer.appendDouble(number, to: &line)
        case .boolean(let flag): Writer.appendBoolean(flag, to: &line)
        case .stringList(let items): return appendList(items, to: &line)
        }
        return 0
    }

    private static func appendList(_ items: [String], to line: inout ByteBuffer) -> Int? {
        guard !items.isEmpty else { return nil }
        var cleaned = 0
        Writer.openList(&line)
        for index in items.indices {
            if index > 0 { Writer.separateItems(&line) }
            cleaned += appendText(items[index], to: &line)
        }
        Writer.closeList(&line)
        return cleaned
    }

    /// A constant's bytes and how many values they clean; nil for an empty list (left out).
    static func spell(_ value: KGXValue) -> (bytes: [UInt8], cleaned: Int)? {
        var line = ByteBuffer(capacity: 64)
        guard let cleaned = appendValue(value, to: &line) else { return nil }
        return (Array(line.bytes), cleaned)
    }
}

// The tables' element types are not nested in the generic ``KGXLineWriter``: a type nested
// in a generic one is generic too, and reading its arrays asked the runtime for its metadata
// on every access.

/// Bytes of ``KGXLineWriter``'s spelled pieces, and whether spelling them cleaned a character.
private struct KGXPiece {
    var range: Range<Int>
    var cleaned: Bool
}

/// A kind's line: its steps, and the values its literals clean.
private struct KGXLine {
    var steps: Range<Int>
    var cleanedInLiterals: Int
}

/// A literal, then `key` and the value of the first of `values` that has one (none, or
/// nothing when no value is present).
private struct KGXStep {
    var literal: Range<Int>
    var key: Range<Int>
    var values: Range<Int>
}

/// ``KGXNodeSource`` with its payload in the tables.
private enum KGXNodeValue {
    case id, name, iri
    case constant(Int)
    case property(Range<Int>)
    case crossReferences(Range<Int>)
}

/// ``KGXEdgeSource`` with its payload in the tables.
private enum KGXEdgeValue {
    case id, subject, object, paper
    case constant(Int)
    case property(Int)
}

private struct KGXEdgeProperty: Sendable {
    let name: String
    /// How a MENTIONS edge makes the property from its rows.
    let evidence: EvidenceProperty?
}

/// The CURIEs a figure's edges hold again and again, spelled once for the figure: its own (the
/// source of its edges, in their ids and subjects) and its paper's (their `publications`).
private struct KGXFigureCuries {
    let figure: Identifier
    let figureText: [UInt8]
    let figureCleaned: Bool
    let paper: Identifier?
    let paperText: [UInt8]
    let paperCleaned: Bool
}
