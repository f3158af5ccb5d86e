import PFOCRGraph

// Placeholder being replaced by the CypherCSVExport implementation (in progress).
public struct CypherCSVFormat: GraphFormat {
    public init() {}
    public var name: String { "cypher-csv" }
    public var summary: String { "(in progress)" }
    public var files: [String] { [] }
    public func makeSink(context: SinkContext) throws(ExportError) -> any GraphSink {
        throw ExportError.usage("format cypher-csv is not implemented yet")
    }
}
