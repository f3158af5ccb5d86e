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
    ]

    /// Other names `--format` accepts: file extensions and tool names users reach for.
    public static let aliases: [String: String] = [
        "ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples", "kgx": "kgx-jsonl",
        "neo4j": "cypher-csv", "cypher": "cypher-csv", "cx1": "cx",
    ]

    /// Every format option, each once, in the order of the formats that declare them.
    public static var options: [FormatOption] {
        var seen = Set<String>()
        return all.flatMap(\.options).filter { seen.insert($0.name).inserted }
    }

    /// Format option values from `text` by option name (`["cx-scope": "corpus"]`), each
    /// checked against its declaration.
    public static func optionValues(_ text: [String: String]) throws(ExportError) -> FormatOptionValues {
        var values = FormatOptionValues()
        for name in text.keys.sorted() {
            guard let option = options.first(where: { $0.name == name }), let value = text[name] else {
                throw ExportError.usage("--\(name) is no format's option")
            }
            try values.set(option, value)
        }
        return values
    }

    /// The format named `name` (its name or an alias, in any letter case), if registered.
    public static func format(named name: String) -> (any GraphFormat)? {
        let key = name.lowercased()
        let canonical = aliases[key] ?? key
        return all.first { $0.name == canonical }
    }
}
