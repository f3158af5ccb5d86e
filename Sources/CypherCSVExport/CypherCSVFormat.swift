import PFOCRGraph

/// Cypher CSV for Neo4j: `neo4j-admin database import full` files (one node file per label,
/// one relationship file per type and end label, one ID space per label), the import command
/// as `neo4j/import.sh`, and `neo4j/load.cypher` for LOAD CSV into a running server.
/// Docs/cypher-csv.md describes the files and every choice made.
public struct CypherCSVFormat: GraphFormat {
    public init() {}

    public var name: String { "cypher-csv" }
    public var summary: String { "Cypher CSV for Neo4j (neo4j-admin bulk import, LOAD CSV)" }
    public var files: [String] {
        ["neo4j/nodes-<Label>.csv", "neo4j/rels-<TYPE>-<EndLabel>.csv", "neo4j/import.sh", "neo4j/load.cypher"]
    }

    public func makeSink(context: SinkContext, formats: [String]) throws(ExportError) -> any GraphSink {
        try CypherCSVSink(context: context)
    }
}
