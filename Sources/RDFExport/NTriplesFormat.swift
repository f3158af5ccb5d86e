import PFOCRGraph

/// RDF in N-Triples (`pfocr.nt`, one triple per line, for bulk loaders) plus `void.ttl`.
/// With `turtle` it is one family: one sink, one pass over each figure, both files and one
/// `void.ttl`.
public struct NTriplesFormat: GraphFormat {
    public init() {}

    public var name: String { "ntriples" }
    public var summary: String { "RDF N-Triples for bulk loading, same triples as turtle (+ void.ttl)" }
    public var files: [String] { [RDFSyntax.nTriples.fileName, "void.ttl"] }
    public var family: String { RDFSyntax.family }
    public var options: [FormatOption] { RDFSyntax.options }

    public func makeSink(context: SinkContext, formats: [String]) throws(ExportError) -> any GraphSink {
        try RDFSink.make(formats: formats, fallback: .nTriples, context: context)
    }
}
