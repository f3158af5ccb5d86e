import PFOCRGraph

/// Writes the graph as RDF, streaming, in every selected syntax from one pass: Turtle
/// (`pfocr.ttl`), N-Triples (`pfocr.nt`) or both, and `void.ttl` once.
///
/// The ``RDFRenderer`` turns each figure into the triples of every file on the worker
/// threads (what is written and in which order is described there); this sink appends the
/// segments the driver's ``FigureNews`` makes due, in figid order, and counts what
/// `void.ttl` and the report need: triples, mentions and evidence rows from the segment
/// tallies, figures and new nodes per kind from the news.
final class RDFSink: GraphSink {
    let renderer: (any FigureRenderer)?
    /// The syntaxes written, in file order (`--format` order).
    private let syntaxes: [RDFSyntax]
    private let context: SinkContext
    private let terms: RDFTerms
    private let created: VoIDDescription.Created?
    private var files: [OutputFile] = []
    private var voidFile: OutputFile?
    /// Lane 0 triples, 1 mentions, 2 evidence rows (``TripleFanOut``).
    private var totals = SIMD4<Int>.zero
    private var figures = 0
    /// New nodes per ``NodeKind/order``.
    private var nodesPerKind = [Int](repeating: 0, count: NodeKind.allCases.count)
    /// New node IRIs: fewer than the new nodes when two kinds share an IRI (a MeSH id used
    /// as a chemical and as a disease is one resource of both classes).
    private var nodeResources = 0
    private var exampleResource: String?

    /// A sink writing `syntaxes` (at least one, no repeats), in that file order.
    init(syntaxes: [RDFSyntax], context: SinkContext) throws(ExportError) {
        self.syntaxes = syntaxes
        self.context = context
        let terms = RDFTerms(vocabulary: context.mapping.vocabulary)
        self.terms = terms
        let spellings = syntaxes.map { terms.spelling(RDFNamer(syntax: $0, mapping: context.mapping)) }
        renderer = RDFRenderer(terms: terms, spellings: spellings, prefixes: context.mapping.prefixes)
        if let text = context.options.text(RDFOptions.created) {
            guard let parsed = VoIDDescription.Created(text) else {
                throw ExportError.usage(
                    "--created '\(text)' is not an ISO 8601 date (2026-11-26) or date-time (2026-11-26T10:00:00Z)")
            }
            created = parsed
        } else {
            created = nil
        }
    }

    /// The sink for the family's selected `formats` (`turtle`, `ntriples`), or for `fallback`
    /// alone when they name none.
    static func make(formats: [String], fallback: RDFSyntax, context: SinkContext) throws(ExportError) -> RDFSink {
        let selected = RDFSyntax.selected(by: formats)
        return try RDFSink(syntaxes: selected.isEmpty ? [fallback] : selected, context: context)
    }

    func begin() throws(ExportError) {
        for syntax in syntaxes {
            let file = try context.output.createFile(syntax.fileName)
            file.write(bytes: RDFNamer(syntax: syntax, mapping: context.mapping).header())
            files.append(file)
        }
        voidFile = try context.output.createFile("void.ttl")
    }

    func write(_ figure: RenderedFigure) throws(ExportError) {
        totals &+= figure.fragment.emit(figure.news, to: files)
        figures += 1
        let news = figure.news
        for (index, node) in figure.subgraph.nodes.enumerated() where news.newNodes[index] {
            nodesPerKind[node.kind.order] += 1
            if news.newIdentifiers[index] { nodeResources += 1 }
        }
        if exampleResource == nil { exampleResource = context.mapping.prefixes.iri(figure.subgraph.figure.id) }
    }

    func finish() throws(ExportError) -> SinkSummary {
        for file in files { try file.close() }
        let (triples, mentions, evidenceRows) = (totals[0], totals[1], totals[2])
        let entities = figures + nodeResources + mentions + evidenceRows
        if let voidFile {
            var classes: [String: Int] = [:]
            let vocabulary = context.mapping.vocabulary
            for kind in NodeKind.allCases {
                let count = kind == .figure ? figures : nodesPerKind[kind.order]
                for curie in vocabulary.node(kind).rdfClasses { classes[curie, default: 0] += count }
            }
            if terms.writesMentions {
                classes["pfocr:Mention", default: 0] += mentions
                if !terms.evidenceProperties.isEmpty { classes["pfocr:EvidenceRow", default: 0] += evidenceRows }
            }
            let description = VoIDDescription(
                toolVersion: context.toolVersion, created: created,
                sourceVersion: context.options.text(RDFOptions.sourceVersion),
                syntaxes: syntaxes, triples: triples, entities: entities,
                classEntities: classes, exampleResource: exampleResource)
            voidFile.write(bytes: description.turtle(mapping: context.mapping))
            try voidFile.close()
        }
        return SinkSummary(counts: [
            "triples": triples, "entities": entities, "mentions": mentions, "evidenceRows": evidenceRows,
        ])
    }
}
