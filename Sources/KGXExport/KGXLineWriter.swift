import PFOCRGraph

/// Spells nodes and edges as lines of one dialect, straight into bytes: each kind's
/// ``KGXRecord`` is laid out once (``KGXRecordWriter/layout(_:of:)``), and a line is then its
/// literal bytes and the values of its fields, with no record, `String` or list made per line.
struct KGXLineWriter<Writer: KGXRecordWriter>: Sendable {
    let writer: Writer
    private let prefixes: PrefixSet
    /// Per ``NodeKind/order`` and ``EdgeKind/order``.
    private let nodeLayouts: [KGXLineLayout<KGXNodeSource>]
    private let edgeLayouts: [KGXLineLayout<KGXEdgeSource>]
    /// Per ``Namespace/ordinal``: what a Biolink CURIE starts with (`NCBIGene:`).
    private let curiePrefixes: [[UInt8]]
    /// Per ``Namespace/ordinal``: the IRI before and after the local id; nil for a namespace
    /// the prefix set has no entry for (its IRIs are then made by ``PrefixSet/iri(_:)``).
    private let iriParts: [(prefix: [UInt8], suffix: [UInt8])?]
    /// Per ``EdgeKind/order``: what an edge id holds between its subject and object
    /// (`--biolink:mentions--`).
    private let edgeIDMiddles: [[UInt8]]
    /// Per ``NodeKind/order``: what ends the id of an edge to a node of the kind in a shared
    /// namespace (`--chemical`).
    private let edgeIDKindSuffixes: [[UInt8]]

    init(builder: KGXRecordBuilder, writer: Writer) {
        self.writer = writer
        prefixes = builder.mapping.prefixes
        nodeLayouts = builder.nodeRecords.map { writer.layout($0, of: .nodes) }
        edgeLayouts = builder.edgeRecords.map { writer.layout($0, of: .edges) }
        let prefixes = builder.mapping.prefixes
        curiePrefixes = Namespace.allCases.map { Array(prefixes.biolinkCurie(Identifier($0, "")).utf8) }
        iriParts = Namespace.allCases.map { namespace in
            prefixes.entries[namespace].map { (Array($0.iriPrefix.utf8), Array($0.iriSuffix.utf8)) }
        }
        edgeIDMiddles = builder.predicates.map { Array(("--" + $0 + "--").utf8) }
        edgeIDKindSuffixes = NodeKind.allCases.sorted().map { Array(("--" + $0.rawValue.lowercased()).utf8) }
    }

    /// Appends `node`'s line; returns how many values it had to clean (characters the dialect
    /// cannot hold), which the sink reports.
    func appendNode(_ node: GraphNode, to line: inout KGXLineBuffer) -> Int {
        let layout = nodeLayouts[node.kind.order]
        var cleaned = layout.cleanedInLiterals
        for step in layout.steps {
            switch step {
            case .literal(let bytes): line.append(bytes)
            case .value(let key, let sources):
                for source in sources {
                    let start = line.count
                    line.append(key)
                    if let valueCleaned = appendValue(source, of: node, to: &line) {
                        cleaned += valueCleaned
                        break
                    }
                    line.count = start
                }
            }
        }
        return cleaned
    }

    /// Appends `edge`'s line (`paper` is the figure's paper, cited by kinds that cite it);
    /// returns how many values it had to clean.
    func appendEdge(_ edge: GraphEdge, paper: Identifier?, to line: inout KGXLineBuffer) -> Int {
        let layout = edgeLayouts[edge.kind.order]
        var cleaned = layout.cleanedInLiterals
        for step in layout.steps {
            switch step {
            case .literal(let bytes): line.append(bytes)
            case .value(let key, let sources):
                for source in sources {
                    let start = line.count
                    line.append(key)
                    if let valueCleaned = appendValue(source, of: edge, paper: paper, to: &line) {
                        cleaned += valueCleaned
                        break
                    }
                    line.count = start
                }
            }
        }
        return cleaned
    }

    /// Appends the value of `source` for `node`: nil when it has none (nothing appended), else
    /// how many values it had to clean.
    private func appendValue(_ source: KGXNodeSource, of node: GraphNode, to line: inout KGXLineBuffer) -> Int? {
        switch source {
        case .id:
            return appendCurie(node.id, to: &line)
        case .name:
            return Self.appendText(node.name, to: &line)
        case .iri:
            return appendIRI(node.id, to: &line)
        case .constant(let value):
            return Self.appendValue(value, to: &line)
        case .property(let names):
            for name in names {
                if let value = node.value(name) { return Self.appendValue(value, to: &line) }
            }
            return nil
        case .crossReferences(let references):
            var cleaned = 0
            var items = 0
            for reference in references {
                guard let value = node.value(reference.property) else { continue }
                switch value {
                case .stringList(let locals):
                    for local in locals {
                        cleaned += appendCrossReference(
                            Identifier(reference.namespace, local), of: node, items: &items, to: &line)
                    }
                default:
                    cleaned += appendCrossReference(
                        Identifier(reference.namespace, value.text()), of: node, items: &items, to: &line)
                }
            }
            guard items > 0 else { return nil }
            Writer.closeList(&line)
            return cleaned
        }
    }

    /// Appends `id` as an item of `node`'s `xref` list unless it is the node's own id.
    private func appendCrossReference(
        _ id: Identifier, of node: GraphNode, items: inout Int, to line: inout KGXLineBuffer
    ) -> Int {
        guard id != node.id else { return 0 }
        if items == 0 { Writer.openList(&line) } else { Writer.separateItems(&line) }
        items += 1
        return appendCurie(id, to: &line)
    }

    /// Appends the value of `source` for `edge`: nil when it has none (nothing appended), else
    /// how many values it had to clean.
    private func appendValue(
        _ source: KGXEdgeSource, of edge: GraphEdge, paper: Identifier?, to line: inout KGXLineBuffer
    ) -> Int? {
        switch source {
        case .id:
            Writer.openText(&line)
            var cleaned = appendCurieText(edge.source, to: &line)
            cleaned = Self.appendText(bytes: edgeIDMiddles[edge.kind.order], to: &line) || cleaned
            cleaned = appendCurieText(edge.target, to: &line) || cleaned
            if edge.target.namespace.isSharedByNodeKinds {
                cleaned = Self.appendText(bytes: edgeIDKindSuffixes[edge.targetKind.order], to: &line) || cleaned
            }
            Writer.closeText(&line)
            return cleaned ? 1 : 0
        case .subject:
            return appendCurie(edge.source, to: &line)
        case .object:
            return appendCurie(edge.target, to: &line)
        case .constant(let value):
            return Self.appendValue(value, to: &line)
        case .paper:
            guard let paper else { return nil }
            Writer.openList(&line)
            let cleaned = appendCurie(paper, to: &line)
            Writer.closeList(&line)
            return cleaned
        case .property(let name, let evidence):
            // As ``GraphEdge/value(_:)``: a stored property, else one made from the evidence rows.
            for index in edge.properties.indices where edge.properties[index].name == name {
                return Self.appendValue(edge.properties[index].value, to: &line)
            }
            guard !edge.evidence.isEmpty else { return nil }
            guard let evidence else { return edge.value(name).flatMap { Self.appendValue($0, to: &line) } }
            var cleaned = 0
            Writer.openList(&line)
            for index in edge.evidence.indices {
                if index > 0 { Writer.separateItems(&line) }
                cleaned += Self.appendText(evidence.value(edge.evidence[index]), to: &line)
            }
            Writer.closeList(&line)
            return cleaned
        }
    }

    /// Appends `id`'s Biolink CURIE as a text value; returns 1 when it had to be cleaned.
    private func appendCurie(_ id: Identifier, to line: inout KGXLineBuffer) -> Int {
        Writer.openText(&line)
        let cleaned = appendCurieText(id, to: &line)
        Writer.closeText(&line)
        return cleaned ? 1 : 0
    }

    /// Appends `id`'s Biolink CURIE as (part of) a text: its prefix, then its local id.
    private func appendCurieText(_ id: Identifier, to line: inout KGXLineBuffer) -> Bool {
        let prefixCleaned = Self.appendText(bytes: curiePrefixes[id.namespace.ordinal], to: &line)
        let localCleaned = KGXLineBuffer.withUTF8(id.local) { Writer.appendText($0, to: &line) }
        return prefixCleaned || localCleaned
    }

    /// Appends `id`'s IRI as a text value; returns 1 when it had to be cleaned.
    private func appendIRI(_ id: Identifier, to line: inout KGXLineBuffer) -> Int {
        guard let parts = iriParts[id.namespace.ordinal] else { return Self.appendText(prefixes.iri(id), to: &line) }
        let keepSlash = id.namespace.keepsSlashInIRIs
        Writer.openText(&line)
        var cleaned = Self.appendText(bytes: parts.prefix, to: &line)
        let plain = KGXLineBuffer.withUTF8(id.local) { local -> Bool in
            guard Self.isPlainIRISegment(local, keepSlash: keepSlash) else { return false }
            cleaned = Writer.appendText(local, to: &line) || cleaned
            return true
        }
        if !plain {
            let encoded = IRIEncoding.encodeSegment(id.local, keepSlash: keepSlash)
            cleaned = KGXLineBuffer.withUTF8(encoded) { Writer.appendText($0, to: &line) } || cleaned
        }
        cleaned = Self.appendText(bytes: parts.suffix, to: &line) || cleaned
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
    static func appendText(_ text: String, to line: inout KGXLineBuffer) -> Int {
        Writer.openText(&line)
        let cleaned = KGXLineBuffer.withUTF8(text) { Writer.appendText($0, to: &line) }
        Writer.closeText(&line)
        return cleaned ? 1 : 0
    }

    /// Appends `bytes` as (part of) a text.
    private static func appendText(bytes: [UInt8], to line: inout KGXLineBuffer) -> Bool {
        bytes.withUnsafeBufferPointer { Writer.appendText($0, to: &line) }
    }

    /// Appends a value: nil for an empty list (nothing appended), else how many values it had
    /// to clean (each list item is one).
    static func appendValue(_ value: KGXValue, to line: inout KGXLineBuffer) -> Int? {
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
    static func appendValue(_ value: PropertyValue, to line: inout KGXLineBuffer) -> Int? {
        switch value {
        case .string(let text), .iri(let text): return appendText(text, to: &line)
        case .integer(let number): line.append(decimal: number)
        case .double(let number): Writer.appendDouble(number, to: &line)
        case .boolean(let flag): Writer.appendBoolean(flag, to: &line)
        case .stringList(let items): return appendList(items, to: &line)
        }
        return 0
    }

    private static func appendList(_ items: [String], to line: inout KGXLineBuffer) -> Int? {
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
        var line = KGXLineBuffer(capacity: 64)
        guard let cleaned = appendValue(value, to: &line) else { return nil }
        return (line.bytes, cleaned)
    }
}
