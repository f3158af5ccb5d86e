import PFOCRGraph

/// KGX JSON Lines (`kgx/nodes.jsonl`, `kgx/edges.jsonl`), the interchange format of the
/// Biolink-model tools (KGX, KG-Hub): one JSON object per line.
public struct KGXJSONLinesFormat: GraphFormat {
    public init() {}

    public var name: String { "kgx-jsonl" }
    public var summary: String { "KGX JSON Lines for Biolink-model tools (KGX, KG-Hub)" }
    public var files: [String] { ["kgx/nodes.jsonl", "kgx/edges.jsonl"] }

    public func makeSink(context: SinkContext, formats: [String]) throws(ExportError) -> any GraphSink {
        KGXSink(context: context, writer: KGXJSONLinesWriter())
    }
}

/// KGX TSV (`kgx/nodes.tsv`, `kgx/edges.tsv`), the form most KG-Hub graphs are published in:
/// the same records as ``KGXJSONLinesFormat`` in KGX's tab-separated dialect.
public struct KGXTSVFormat: GraphFormat {
    public init() {}

    public var name: String { "kgx-tsv" }
    public var summary: String { "KGX TSV for Biolink-model tools (KGX, KG-Hub)" }
    public var files: [String] { ["kgx/nodes.tsv", "kgx/edges.tsv"] }

    public func makeSink(context: SinkContext, formats: [String]) throws(ExportError) -> any GraphSink {
        KGXSink(context: context, writer: KGXTSVWriter(mapping: context.mapping))
    }
}

/// Writes the graph as KGX in one dialect.
///
/// KGX ids are unique per file: a MeSH id mentioned both as a chemical and as a disease (two
/// nodes of the graph) is written once, with the category of its first use
/// (``EmitCondition/newIdentifier(_:)``); edges to either still resolve. Edge ids: see
/// ``KGXEdgeSource/id``.
final class KGXSink<Writer: KGXRecordWriter>: GraphSink {
    private let context: SinkContext
    private let writer: Writer
    private var files: [OutputFile] = []
    private var totals = SIMD4<Int>.zero
    let renderer: (any FigureRenderer)?

    init(context: SinkContext, writer: Writer) {
        self.context = context
        self.writer = writer
        renderer = KGXRenderer(builder: KGXRecordBuilder(mapping: context.mapping), writer: writer)
    }

    func begin() throws(ExportError) {
        files = []
        for file in KGXFile.allCases {
            let output = try context.output.createFile("kgx/\(file.baseName).\(writer.fileExtension)")
            let header = writer.header(file)
            if !header.isEmpty { output.write(bytes: header) }
            files.append(output)
        }
    }

    func write(_ figure: RenderedFigure) throws(ExportError) {
        totals &+= figure.fragment.emit(figure.news, to: files)
    }

    func finish() throws(ExportError) -> SinkSummary {
        for file in files { try file.close() }
        var counts = ["nodes": totals[0], "edges": totals[1]]
        var notes: [String] = []
        if totals[2] > 0 {
            counts["cleanedValues"] = totals[2]
            notes.append(
                "\(totals[2]) values held a tab, line break or '|', which KGX TSV cannot hold: replaced by a space or '¦'"
            )
        }
        return SinkSummary(counts: counts, notes: notes)
    }
}

/// Renders one figure's KGX lines on a worker thread: the figure's node line, one line per
/// node it reaches (written when its identifier is new), one line per edge (when kept).
/// Tally lanes: 0 nodes, 1 edges, 2 cleaned values.
struct KGXRenderer<Writer: KGXRecordWriter>: FigureRenderer {
    let lines: KGXLineWriter<Writer>

    init(builder: KGXRecordBuilder, writer: Writer) {
        lines = KGXLineWriter(builder: builder, writer: writer)
    }

    func render(_ subgraph: FigureSubgraph, into fragment: inout FigureFragment) {
        fragment.bytes.reserveCapacity(4096)
        // Each line is spelled here, then appended to the fragment in one copy.
        var line = KGXLineBuffer(capacity: 2048)
        var cleaned = lines.appendNode(subgraph.figure, to: &line)
        line.move(to: &fragment.bytes)
        fragment.endSegment(file: KGXFile.nodes.rawValue, tally: [1, 0, cleaned, 0])
        let paper = subgraph.edges.first { $0.kind == .partOf }?.target
        for (index, node) in subgraph.nodes.enumerated() where !fragment.isSettled(index) {
            cleaned = lines.appendNode(node, to: &line)
            line.move(to: &fragment.bytes)
            fragment.endSegment(file: KGXFile.nodes.rawValue, when: .newIdentifier(index), tally: [1, 0, cleaned, 0])
        }
        for (index, edge) in subgraph.edges.enumerated() {
            cleaned = lines.appendEdge(edge, paper: paper, to: &line)
            line.move(to: &fragment.bytes)
            fragment.endSegment(file: KGXFile.edges.rawValue, when: .keptEdge(index), tally: [0, 1, cleaned, 0])
        }
    }
}
