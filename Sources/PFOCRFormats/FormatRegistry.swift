import CXExport
import CypherCSVExport
import GMTExport
import GraphMLExport
import KGXExport
import PFOCRGraph
import RDFExport

/// The one list of registered output formats. Adding a format = adding a target with one
/// ``GraphFormat`` and one line here.
public enum FormatRegistry {
    /// Every format, in the order `pfocr-kg formats` lists them and `--format` defaults to.
    public static let all: [any GraphFormat] = [
        KGXJSONLinesFormat(),
        TurtleFormat(),
        NTriplesFormat(),
        GraphMLFormat(),
        CX2Format(),
        CX1Format(),
        CypherCSVFormat(),
        GMTFormat(),
        KGXTSVFormat(),
    ]

    /// Other names `--format` accepts: file extensions and tool names users reach for.
    public static let aliases: [String: String] = [
        "ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples", "kgx": "kgx-jsonl",
        "neo4j": "cypher-csv", "cypher": "cypher-csv", "cx1": "cx",
    ]

    /// The format named `name` (its name or an alias, in any letter case), if registered.
    public static func format(named name: String) -> (any GraphFormat)? {
        let key = name.lowercased()
        let canonical = aliases[key] ?? key
        return all.first { $0.name == canonical }
    }
}
