import PFOCRGraph

/// RDF in Turtle (`pfocr.ttl`) plus the dataset description `void.ttl`. With `ntriples` it
/// is one family: one sink, one pass over each figure, both files and one `void.ttl`.
public struct TurtleFormat: GraphFormat {
    public init() {}

    public var name: String { "turtle" }
    public var summary: String { "RDF Turtle for SPARQL stores, joins WikiPathways RDF (+ void.ttl)" }
    public var files: [String] { [RDFSyntax.turtle.fileName, "void.ttl"] }
    public var family: String { RDFSyntax.family }
    public var options: [FormatOption] { RDFSyntax.options }

    public func makeSink(context: SinkContext, formats: [String]) throws(ExportError) -> any GraphSink {
        try RDFSink.make(formats: formats, fallback: .turtle, context: context)
    }
}
