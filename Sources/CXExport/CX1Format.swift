import PFOCRGraph

/// CX1 for NDEx 2 and Cytoscape 3 desktop: `cx/<figid>.cx`, the same networks as
/// ``CX2Format`` in the classic format; `--cx-scope corpus` writes `pfocr.cx`.
public struct CX1Format: GraphFormat {
    public init() {}

    public var name: String { CXDialect.cx1.formatName }
    public var summary: String {
        "CX (version 1) networks for NDEx and Cytoscape desktop, one per figure (or one with --cx-scope corpus)"
    }
    public var files: [String] { ["cx/<figid>.cx", "pfocr.cx (--cx-scope corpus)"] }

    /// CX2 and CX1 share a sink: each network is built once and written in both dialects.
    public var family: String { CXDialect.family }
    public var options: [FormatOption] { CXDialect.options }

    public func makeSink(context: SinkContext, formats: [String]) throws(ExportError) -> any GraphSink {
        try CXSink(context: context, dialects: formats.compactMap(CXDialect.init(formatName:)))
    }
}
