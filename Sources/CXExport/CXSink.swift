import PFOCRGraph

/// Writes CX2 or CX1 networks for NDEx and Cytoscape: one file per figure that mentions at
/// least one identified entity (`cx2/<figid>.cx2`, `cx/<figid>.cx`; see ``CXFileName``),
/// or with `--cx-scope corpus` one network `pfocr.cx2` / `pfocr.cx`, refused (nothing
/// written, a refusal in the summary, exit 65) above ``CXCorpusNetwork/edgeLimit`` edges.
///
/// Per figure it reuses one network value and one text buffer, and holds nothing after
/// the figure's file is closed, so memory does not grow with the number of figures.
final class CXSink: GraphSink {
    let renderer: (any FigureRenderer)? = nil
    private let context: SinkContext
    private let dialect: CXDialect
    private let scope: CXScope
    private var builder: CXNetworkBuilder
    private let cx2Writer: CX2Writer
    private let cx1Writer: CX1Writer
    private var network = CXNetwork()
    private var buffer = String()
    private var corpus = CXCorpusNetwork()
    private var networks = 0
    private var nodes = 0
    private var edges = 0
    private var figuresWithoutEntities = 0
    /// Their figids, for report.json (few in practice: most pathway figures name a gene).
    private var figidsWithoutEntities: [String] = []

    init(context: SinkContext, dialect: CXDialect) throws(ExportError) {
        self.context = context
        self.dialect = dialect
        scope = try CXScope(options: context.options)
        builder = CXNetworkBuilder(mapping: context.mapping)
        let style = CXStyle(vocabulary: context.mapping.vocabulary)
        cx2Writer = CX2Writer(style: style.cx2Text)
        cx1Writer = CX1Writer(style: style.cx1Text)
    }

    func begin() throws(ExportError) {
        buffer.reserveCapacity(1 << 16)
    }

    func write(_ figure: RenderedFigure) throws(ExportError) {
        let subgraph = figure.subgraph
        switch scope {
        case .corpus:
            if !corpus.add(subgraph, builder: &builder) {
                figuresWithoutEntities += 1
                figidsWithoutEntities.append(subgraph.figid)
            }
        case .figure:
            guard builder.buildFigureNetwork(subgraph, into: &network) else {
                figuresWithoutEntities += 1
                figidsWithoutEntities.append(subgraph.figid)
                return
            }
            try writeFile(dialect.figurePath(subgraph.figid), network)
        }
    }

    func finish() throws(ExportError) -> SinkSummary {
        var refusals: [String] = []
        if scope == .corpus {
            if corpus.isOverLimit {
                refusals.append(
                    "the corpus network \(dialect.corpusPath) would have \(corpus.edgeCount) edges, more than the "
                        + "\(CXCorpusNetwork.edgeLimit) NDEx and Cytoscape Web accept; it was not written. Export a subset "
                        + "(--organism NAME, --figures FILE, --year-from YEAR / --year-to YEAR) or use --cx-scope figure")
            } else {
                let finished = corpus.finish(builder: &builder)
                try writeFile(dialect.corpusPath, finished)
            }
        }
        var counts = [
            "networks": networks,
            "nodes": nodes,
            "edges": edges,
            "figuresWithoutEntities": figuresWithoutEntities,
        ]
        if scope == .corpus { counts["corpusEdgesSeen"] = corpus.edgeCount }
        var notes: [String] = []
        if builder.typeClashes > 0 {
            counts["attributeTypeClashes"] = builder.typeClashes
            notes.append(
                "\(builder.typeClashes) attribute values were left out because Mappings/vocabulary.yaml gives their "
                    + "name another type or a name CX reserves")
        }
        return SinkSummary(counts: counts, notes: notes, refusals: refusals, lists: ["figuresWithoutEntities": figidsWithoutEntities])
    }

    private func writeFile(_ path: String, _ network: CXNetwork) throws(ExportError) {
        buffer.removeAll(keepingCapacity: true)
        switch dialect {
        case .cx2: cx2Writer.write(network, to: &buffer)
        case .cx1: cx1Writer.write(network, to: &buffer)
        }
        let file = try context.output.createFile(path)
        file.write(buffer)
        try file.close()
        networks += 1
        nodes += network.nodes.count
        edges += network.edges.count
    }
}
