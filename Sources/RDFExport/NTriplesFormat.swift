import PFOCRGraph

/// RDF in N-Triples (`pfocr.nt`, one triple per line, for bulk loaders) plus `void.ttl`
/// (written once when `turtle` is selected too; the first RDF format in `--format` order writes it).
public struct NTriplesFormat: GraphFormat {
    public init() {}

    public var name: String { "ntriples" }
    public var summary: String { "RDF N-Triples for bulk loading, same triples as turtle (+ void.ttl)" }
    public var files: [String] { [RDFSyntax.nTriples.fileName, "void.ttl"] }

    public func makeSink(context: SinkContext, formats: [String]) throws(ExportError) -> any GraphSink {
        try RDFSink(syntax: .nTriples, context: context)
    }
}
