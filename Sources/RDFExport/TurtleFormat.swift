import PFOCRGraph

// Placeholder being replaced by the RDFExport implementation (in progress).
public struct TurtleFormat: GraphFormat {
    public init() {}
    public var name: String { "turtle" }
    public var summary: String { "(in progress)" }
    public var files: [String] { [] }
    public func makeSink(context: SinkContext) throws(ExportError) -> any GraphSink {
        throw ExportError.usage("format turtle is not implemented yet")
    }
}
