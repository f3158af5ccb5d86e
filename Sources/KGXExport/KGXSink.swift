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
        renderer = writer.renderer(KGXRecordBuilder(mapping: context.mapping))
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

/// Renders one figure's KGX lines on a worker thread (``KGXLineWriter/render(_:into:)``) in
/// JSON Lines. Each dialect has its own renderer type, not one generic over the dialect: the
/// driver calls it through `any FigureRenderer`, and a generic type's witness runs the
/// unspecialized code (every spelling call through the dialect's witness table, the line
/// tables' types looked up at run time), while a concrete one runs code specialized for it.
struct KGXJSONLinesRenderer: FigureRenderer {
    let lines: KGXLineWriter<KGXJSONLinesWriter>

    func render(_ subgraph: FigureSubgraph, into fragment: inout FigureFragment) {
        lines.render(subgraph, into: &fragment)
    }
}

/// ``KGXJSONLinesRenderer`` for TSV.
struct KGXTSVRenderer: FigureRenderer {
    let lines: KGXLineWriter<KGXTSVWriter>

    func render(_ subgraph: FigureSubgraph, into fragment: inout FigureFragment) {
        lines.render(subgraph, into: &fragment)
    }
}
