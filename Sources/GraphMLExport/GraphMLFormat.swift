import PFOCRGraph

// Placeholder being replaced by the GraphMLExport implementation (in progress).
public struct GraphMLFormat: GraphFormat {
    public init() {}
    public var name: String { "graphml" }
    public var summary: String { "(in progress)" }
    public var files: [String] { [] }
    public func makeSink(context: SinkContext) throws(ExportError) -> any GraphSink {
        throw ExportError.usage("format graphml is not implemented yet")
    }
}
