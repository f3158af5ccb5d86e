import ArgumentParser
import GMTExport
import PFOCRFormats
import PFOCRGraph

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export records as graph files into an output folder.",
        discussion: """
            Files are written to a staging folder inside --output and moved into place only when \
            the export finished; report.json says what was read, written and rejected. The output \
            folder must be empty or hold an earlier pfocr-kg export, which is replaced.
            """)

    @OptionGroup var input: InputOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The output folder.", valueName: "dir"))
    var output: String

    @Option(help: ArgumentHelp("Comma-separated formats (see 'pfocr-kg formats'). Default: all.", valueName: "list"))
    var format: String?

    @Flag(help: "Write into a non-empty folder that holds no earlier pfocr-kg export.")
    var force = false

    @Option(help: ArgumentHelp("CX networks: one per figure (figure) or one for the whole selection (corpus).", valueName: "scope"))
    var cxScope: String = "figure"

    @Option(help: ArgumentHelp("GMT: the fewest distinct genes (or chemicals) of a figure that make a set.", valueName: "n"))
    var gmtMinGenes: Int = GMTFormat.defaultMinimum

    @Option(help: ArgumentHelp("Creation date recorded in void.ttl (for example 2026-11-26).", valueName: "date"))
    var created: String?

    @Option(help: ArgumentHelp("Source corpus version recorded in void.ttl (for example a pfocr-database commit).", valueName: "text"))
    var sourceVersion: String?

    func validate() throws {
        guard ["figure", "corpus"].contains(cxScope) else { throw ValidationError("--cx-scope must be 'figure' or 'corpus'") }
        guard gmtMinGenes >= 1 else { throw ValidationError("--gmt-min-genes must be at least 1") }
        _ = try formats()
    }

    func formats() throws -> [any GraphFormat] {
        guard let format else { return FormatRegistry.all }
        var chosen: [any GraphFormat] = []
        for name in format.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let found = FormatRegistry.format(named: name) else {
                throw ValidationError("unknown format '\(name)'; known: \(FormatRegistry.all.map(\.name).joined(separator: ", "))")
            }
            if !chosen.contains(where: { $0.name == found.name }) { chosen.append(found) }
        }
        guard !chosen.isEmpty else { throw ValidationError("--format names no format") }
        return chosen
    }

    func run() throws {
        var request = try input.request(formats: try formats(), output: output)
        request.force = force
        request.formatOptions["cx-scope"] = cxScope
        request.formatOptions[GMTFormat.minimumOption] = String(gmtMinGenes)
        if let created { request.formatOptions["created"] = created }
        if let sourceVersion { request.formatOptions["source-version"] = sourceVersion }
        let outcome = try RunSupport.run(request, verb: "exported")
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
