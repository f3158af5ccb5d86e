import PFOCRGraph

/// Writes the whole graph as one GraphML file, `pfocr.graphml`.
///
/// Layout: the `<key>`s of ``GraphMLKeys`` (all of them, before `<graph>`), then one
/// directed `<graph>`; per figure, in figid order, the figure node, the nodes it reaches that
/// were not written before (the driver's ``FigureNews``), then its edges, so every edge
/// follows both of its nodes. Every node has `labels` (`:Gene`), `kind`, `name`, `curie`,
/// `iri` and its vocabulary properties; every edge has `label` (`MENTIONS`) as its first data
/// child (APOC reads the relationship type from it before creating the edge), then its
/// properties. Absent values are left out; nothing relies on `<default>`, which Cytoscape
/// ignores.
///
/// The figures' elements are rendered on the worker threads by ``GraphMLRenderer``; this sink
/// writes the header and trailer (with the same ``XMLMarkup``) and appends each figure's
/// segments. The bytes are those libxml2's `xmlTextWriter` wrote when it streamed the file
/// (libxml2 is now only the tests' reader and XSD validator).
final class GraphMLSink: GraphSink {
    static let fileName = "pfocr.graphml"
    static let namespace = "http://graphml.graphdrawing.org/xmlns"
    static let schemaLocation =
        "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
    static let graphDescription =
        "PFOCR (Pathway Figure OCR) knowledge graph: figures, papers, genes, chemicals, diseases and organisms"

    let renderer: (any FigureRenderer)?
    private let context: SinkContext
    private let figureRenderer: GraphMLRenderer
    private var files: [OutputFile] = []
    /// Summed tallies of the written segments (lanes: ``GraphMLRenderer``).
    private var totals = SIMD4<Int>.zero
    /// Forbidden characters removed from the header's text.
    private var headerRemoved = 0
    /// Values whose type does not fit their key (a Mappings type the builder does not
    /// produce), left out; counted per "Kind.property" for one note each.
    private var leftOut: [String: Int] = [:]

    init(context: SinkContext) {
        self.context = context
        figureRenderer = GraphMLRenderer(mapping: context.mapping)
        renderer = figureRenderer
    }

    func begin() throws(ExportError) {
        let file = try context.output.createFile(GraphMLSink.fileName)
        files = [file]
        var bytes: [UInt8] = []
        headerRemoved = GraphMLSink.appendHeader(figureRenderer.keys, to: &bytes)
        file.write(bytes: bytes)
    }

    func write(_ figure: RenderedFigure) throws(ExportError) {
        let tally = figure.fragment.emit(figure.news, to: files)
        totals &+= tally
        if tally[GraphMLRenderer.leftOutLane] > 0 { figureRenderer.countLeftOut(figure, into: &leftOut) }
    }

    func finish() throws(ExportError) -> SinkSummary {
        if let file = files.first {
            var bytes: [UInt8] = []
            XMLMarkup.appendEndTag("graph", depth: 1, to: &bytes)
            XMLMarkup.appendEndTag("graphml", depth: 0, to: &bytes)
            file.write(bytes: bytes)
            try file.close()
        }
        files = []
        let removed = headerRemoved + totals[GraphMLRenderer.removedLane]
        var notes: [String] = []
        if removed > 0 {
            notes.append(
                "\(GraphMLSink.fileName): removed \(removed) character(s) XML 1.0 forbids (control characters, U+FFFE, U+FFFF) from text"
            )
        }
        for (property, count) in leftOut.sorted(by: { $0.key < $1.key }) {
            notes.append(
                "\(GraphMLSink.fileName): left out \(count) value(s) of \(property) whose type does not match the vocabulary's type"
            )
        }
        let counts = [
            "nodes": totals[GraphMLRenderer.nodeLane], "edges": totals[GraphMLRenderer.edgeLane],
            "keys": figureRenderer.keys.keys.count, "removedCharacters": removed,
        ]
        return SinkSummary(counts: counts, notes: notes)
    }

    /// The XML declaration, `<graphml>`, every `<key>` with its `<desc>`, and the start of the
    /// `<graph>` with its `<desc>`; returns the forbidden characters removed from their text.
    static func appendHeader(_ keys: GraphMLKeys, to out: inout [UInt8]) -> Int {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        var removed = XMLMarkup.appendStartTag(
            "graphml",
            [
                "xmlns": namespace, "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
                "xsi:schemaLocation": schemaLocation,
            ],
            depth: 0, to: &out)
        for key in keys.keys {
            removed += XMLMarkup.appendStartTag(
                "key", ["id": key.id, "for": key.domain.rawValue, "attr.name": key.id, "attr.type": key.type.rawValue],
                depth: 1, to: &out)
            removed += XMLMarkup.appendTextElement("desc", text: key.description, depth: 2, to: &out)
            XMLMarkup.appendEndTag("key", depth: 1, to: &out)
        }
        removed += XMLMarkup.appendStartTag("graph", ["id": "pfocr", "edgedefault": "directed"], depth: 1, to: &out)
        removed += XMLMarkup.appendTextElement("desc", text: graphDescription, depth: 2, to: &out)
        return removed
    }
}
