import PFOCRGraph

/// CX2 for NDEx 3 and Cytoscape Web: `cx2/<figid>.cx2`, one network per figure with at
/// least one identified entity, in PFOCR's NDEx conventions; `--cx-scope corpus` writes
/// one network `pfocr.cx2` instead (for subsets: at most 20,000 edges).
public struct CX2Format: GraphFormat {
    public init() {}

    public var name: String { CXDialect.cx2.formatName }
    public var summary: String {
        "CX2 networks for NDEx and Cytoscape Web, one per figure (or one with --cx-scope corpus)"
    }
    public var files: [String] { ["cx2/<figid>.cx2", "pfocr.cx2 (--cx-scope corpus)"] }

    /// CX2 and CX1 share a sink: each network is built once and written in both dialects.
    public var family: String { CXDialect.family }
    public var options: [FormatOption] { CXDialect.options }

    public func makeSink(context: SinkContext, formats: [String]) throws(ExportError) -> any GraphSink {
        try CXSink(context: context, dialects: formats.compactMap(CXDialect.init(formatName:)))
    }
}
