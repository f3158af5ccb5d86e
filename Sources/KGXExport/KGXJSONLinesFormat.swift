import PFOCRGraph

/// KGX JSON Lines (`kgx/nodes.jsonl`, `kgx/edges.jsonl`), the interchange format of the
/// Biolink-model tools (KGX, KG-Hub): one JSON object per line, CURIE ids with Biolink
/// prefixes, Biolink categories and predicates.
public struct KGXJSONLinesFormat: GraphFormat {
    public init() {}

    public var name: String { "kgx-jsonl" }
    public var summary: String { "KGX JSON Lines for Biolink-model tools (KGX, KG-Hub)" }
    public var files: [String] { ["kgx/nodes.jsonl", "kgx/edges.jsonl"] }

    public func makeSink(context: SinkContext, formats: [String]) throws(ExportError) -> any GraphSink {
        KGXJSONLinesSink(context: context)
    }
}
