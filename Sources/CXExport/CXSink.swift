import PFOCRGraph

/// Writes CX2 and/or CX1 networks for NDEx and Cytoscape: one file per figure that mentions
/// at least one identified entity (`cx2/<figid>.cx2`, `cx/<figid>.cx`; see ``CXFileName``),
/// or with `--cx-scope corpus` one network `pfocr.cx2` / `pfocr.cx`, refused (nothing
/// written, a refusal in the summary, exit 65) above ``CXCorpusNetwork/edgeLimit`` edges.
/// One sink serves both dialects (the `cx` format family): each network is built once.
///
/// Per figure the ``CXRenderer`` makes the whole file on a worker thread, where the driver also
/// writes it (``FilePrewriter``; not with `--compress`); ``write(_:)`` adopts it under its
/// final name, or creates the file and writes the bytes, and holds nothing after, so
/// memory does not grow with the number of figures. The corpus network needs every figure,
/// in order, so that scope has no renderer and builds the network here, on the consumer
/// thread (it is for subsets, at most ``CXCorpusNetwork/edgeLimit`` edges).
final class CXSink: GraphSink {
    let renderer: (any FigureRenderer)?
    private let context: SinkContext
    private let dialects: [CXDialect]
    private let scope: CXScope
    /// Renders per-figure networks (as ``renderer``) and writes the corpus network.
    private let cx: CXRenderer
    private var corpus = CXCorpusNetwork()
    /// The tallies of the networks written (``CXRenderer``'s lanes).
    private var totals = SIMD4<Int>.zero
    private var figuresWithoutEntities = 0
    /// Their figids, for report.json (few in practice: most pathway figures name a gene).
    private var figidsWithoutEntities: [String] = []
    /// The accounting tallies of the organism choice (``CXRenderer/otherTaxonLane``...).
    private var geneTotals = SIMD4<Int>.zero
    /// Figures whose every entity was a gene the organism choice left out: no file.
    private var figidsOnlyOtherGenes: [String] = []

    init(context: SinkContext, dialects: [CXDialect]) throws(ExportError) {
        self.context = context
        self.dialects = dialects
        scope = context.options.choice(CXOptions.scope, as: CXScope.self) ?? .figure
        cx = CXRenderer(mapping: context.mapping, dialects: dialects)
        renderer = scope == .figure ? cx : nil
    }

    func begin() throws(ExportError) {}

    func write(_ figure: RenderedFigure) throws(ExportError) {
        let subgraph = figure.subgraph
        let hasEntities: Bool
        switch scope {
        case .corpus:
            hasEntities = corpus.add(subgraph, builder: cx.builder)
        case .figure:
            // The renderer made no file segment for a figure without identified entities, nor
            // for one whose every entity is a gene the organism choice left out.
            var wroteFile = false
            var leftOutGenes = false
            let bytes = figure.fragment.bytes
            for (index, segment) in figure.fragment.segments.enumerated() {
                guard segment.file < dialects.count else {
                    geneTotals &+= segment.tally
                    leftOutGenes = segment.tally[CXRenderer.thinnedLane] > 0
                    continue
                }
                let path = dialects[segment.file].figurePath(subgraph.figid)
                if let prewritten = figure.fragment.prewritten(index) {
                    try context.output.adopt(prewritten, as: path)
                } else {
                    let file = try context.output.createFile(path)
                    file.write(bytes: bytes[segment.range])
                    try file.close()
                }
                totals &+= segment.tally
                wroteFile = true
            }
            if !wroteFile && leftOutGenes {
                figidsOnlyOtherGenes.append(subgraph.figid)
                return
            }
            hasEntities = wroteFile
        }
        if !hasEntities {
            figuresWithoutEntities += 1
            figidsWithoutEntities.append(subgraph.figid)
        }
    }

    func finish() throws(ExportError) -> SinkSummary {
        var refusals: [String] = []
        if scope == .corpus {
            if corpus.isOverLimit {
                refusals.append(
                    "the corpus network \(dialects.map(\.corpusPath).joined(separator: " and ")) would have \(corpus.edgeCount) edges, more than the "
                        + "\(CXCorpusNetwork.edgeLimit) NDEx and Cytoscape Web accept; nothing was written. Export a subset "
                        + "(--organism NAME, --figures FILE, --year-from YEAR / --year-to YEAR) or use --cx-scope figure"
                )
                totals[CXRenderer.typeClashesLane] += corpus.typeClashes
            } else {
                corpus.finish(builder: cx.builder)
                for dialect in dialects {
                    let bytes = cx.bytes(corpus.network, in: dialect)
                    let file = try context.output.createFile(dialect.corpusPath)
                    file.write(bytes: bytes)
                    try file.close()
                }
                totals &+= CXRenderer.tally(corpus.network)
            }
        }
        var counts = [
            "networks": totals[CXRenderer.networksLane],
            "nodes": totals[CXRenderer.nodesLane],
            "edges": totals[CXRenderer.edgesLane],
            "figuresWithoutEntities": figuresWithoutEntities,
        ]
        var notes: [String] = []
        var lists = ["figuresWithoutEntities": figidsWithoutEntities]
        if scope == .corpus {
            counts["corpusEdgesSeen"] = corpus.edgeCount
        } else {
            // One organism per figure network (Docs/cx.md): the genes left out, counted here
            // (a rule, not a problem of the input: no warning, as GMT's genesWithoutTaxon).
            counts["genesOfOtherTaxa"] = geneTotals[CXRenderer.otherTaxonLane]
            counts["genesWithoutTaxon"] = geneTotals[CXRenderer.noTaxonLane]
            counts["networksWithGenesLeftOut"] = geneTotals[CXRenderer.thinnedLane] - figidsOnlyOtherGenes.count
            counts["networksOfUncuratedOrganism"] = geneTotals[CXRenderer.uncuratedLane]
            counts["figuresWithOnlyGenesLeftOut"] = figidsOnlyOtherGenes.count
            lists["figuresWithOnlyGenesLeftOut"] = figidsOnlyOtherGenes
        }
        let typeClashes = totals[CXRenderer.typeClashesLane]
        if typeClashes > 0 {
            counts["attributeTypeClashes"] = typeClashes
            notes.append(
                "\(typeClashes) attribute values were left out because Mappings/vocabulary.yaml gives their "
                    + "name another type or a name CX reserves")
        }
        return SinkSummary(counts: counts, notes: notes, refusals: refusals, lists: lists)
    }
}
