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

    /// The format named `name`, if registered.
    public static func format(named name: String) -> (any GraphFormat)? {
        all.first { $0.name == name }
    }
}
