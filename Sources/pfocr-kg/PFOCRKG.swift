import ArgumentParser
import Foundation
import PFOCRGraph

/// `pfocr-kg`: PFOCR figure records → knowledge graph files.
@main
struct PFOCRKG: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "pfocr-kg",
        abstract: "Export PFOCR (Pathway Figure OCR) figure records as a knowledge graph.",
        discussion: """
            Reads PFOCR figure records (the pfocr-database repository layout: _figures/<figid>.md \
            with side files in _data/) and writes figures, papers, genes, chemicals, diseases and \
            organisms as RDF, GraphML, CX for NDEx, Cypher CSV for Neo4j, or KGX.

            Examples:
              pfocr-kg export pfocr-database --output out
              pfocr-kg export pfocr-database/_figures --format turtle,graphml --output out
              pfocr-kg validate pfocr-database
              pfocr-kg stats pfocr-database
              pfocr-kg formats
              pfocr-kg verify out

            Exit codes: 0 all exported; 65 some input rejected (the rest exported), or verify \
            found a changed file; 64 usage; 66 no input, or the filters selected no record; \
            73 cannot create the output folder; 74 write error; 78 bad Mappings or --taxonomy file.
            """,
        version: version,
        subcommands: [
            ExportCommand.self, ValidateCommand.self, StatsCommand.self, FormatsCommand.self, VerifyCommand.self,
        ]
    )

    /// Parses and runs, first turning a mistyped subcommand into "unknown subcommand 'exprot'
    /// (did you mean 'export'?)" (exit 64) instead of the parser's "unexpected arguments".
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let names = configuration.subcommands.map { $0._commandName } + ["help"]
        if let first = arguments.first, !first.hasPrefix("-"), !names.contains(first) {
            Terminal.error(
                "error: unknown subcommand '\(first)'\(Suggestion.phrase(for: first, among: names)); subcommands: \(names.dropLast().joined(separator: ", "))"
            )
            Terminal.error("see 'pfocr-kg --help'")
            Foundation.exit(64)
        }
        main(arguments)
    }
}
