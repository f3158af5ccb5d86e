import PFOCRGraph

// Placeholder being replaced by the CXExport implementation (in progress).
public struct CX2Format: GraphFormat {
    public init() {}
    public var name: String { "cx2" }
    public var summary: String { "(in progress)" }
    public var files: [String] { [] }
    public func makeSink(context: SinkContext) throws(ExportError) -> any GraphSink {
        throw ExportError.usage("format cx2 is not implemented yet")
    }
}
