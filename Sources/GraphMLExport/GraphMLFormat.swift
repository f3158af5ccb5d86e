import PFOCRGraph

/// GraphML (`pfocr.graphml`): the whole graph in one file for Cytoscape, Gephi, yEd, networkx
/// and Neo4j (`apoc.import.graphml` with `readLabels: true`). See Docs/graphml.md.
public struct GraphMLFormat: GraphFormat {
    public init() {}

    public var name: String { "graphml" }
    public var summary: String { "GraphML for Cytoscape, Gephi, yEd, networkx and Neo4j APOC" }
    public var files: [String] { [GraphMLSink.fileName] }

    public func makeSink(context: SinkContext, formats: [String]) throws(ExportError) -> any GraphSink {
        GraphMLSink(context: context)
    }
}
