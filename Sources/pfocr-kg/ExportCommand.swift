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

    @Option(help: ArgumentHelp("Comma-separated formats, any letter case (see 'pfocr-kg formats'; aliases: ttl, nt, kgx, neo4j, cx1). Default: all.", valueName: "list"))
    var format: String?

    @Flag(help: "Write into a non-empty folder that holds no earlier pfocr-kg export.")
    var force = false

    @Option(help: ArgumentHelp("Compress every data file: gzip (suffix .gz; libdeflate level 1, in parallel, deterministic) or none (the default).", valueName: "method"))
    var compress: String?

    @Flag(help: "KG-Hub packaging: one pfocr-<format>.tar.gz per format holding its files, instead of the files.")
    var archive = false

    @Option(help: ArgumentHelp("CX networks: one per figure (figure, the default) or one for the whole selection (corpus).", valueName: "scope"))
    var cxScope: String?

    @Option(help: ArgumentHelp("GMT: the fewest distinct genes (or chemicals) of a figure that make a set (default \(GMTFormat.defaultMinimum)).", valueName: "n"))
    var gmtMinGenes: Int?

    @Option(help: ArgumentHelp("Creation date recorded in void.ttl: a calendar date (2026-11-26) or date-time (2026-11-26T10:00:00Z).", valueName: "date"))
    var created: String?

    @Option(help: ArgumentHelp("Source corpus version recorded in void.ttl (for example a pfocr-database commit).", valueName: "text"))
    var sourceVersion: String?

    func validate() throws {
        if let cxScope, !["figure", "corpus"].contains(cxScope) {
            throw ValidationError("--cx-scope must be 'figure' or 'corpus', not '\(cxScope)'")
        }
        if let created, CalendarDate.kind(of: created) == nil {
            throw ValidationError("--created '\(created)' is not a calendar date (2026-11-26) or date-time (2026-11-26T10:00:00Z, optional fraction and zone)")
        }
        if let compress, OutputCompression(rawValue: compress) == nil {
            throw ValidationError("--compress must be 'gzip' or 'none', not '\(compress)'")
        }
        if archive, let compress, compress != "none" {
            throw ValidationError("--archive gzips each format's archive already; leave out --compress")
        }
        if let gmtMinGenes, gmtMinGenes < 1 { throw ValidationError("--gmt-min-genes must be at least 1") }
        _ = try formats()
    }

    /// The formats `--format` names (names or aliases, any case), in its order, each once.
    func formats() throws -> [any GraphFormat] {
        guard let format else { return FormatRegistry.all }
        var chosen: [any GraphFormat] = []
        for name in format.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let found = FormatRegistry.format(named: name) else {
                let known = FormatRegistry.all.map(\.name)
                throw ValidationError("unknown format '\(name)'\(Suggestion.phrase(for: name, among: known + FormatRegistry.aliases.keys.sorted())); known: \(known.joined(separator: ", ")) (aliases: \(FormatRegistry.aliases.keys.sorted().joined(separator: ", ")))")
            }
            if !chosen.contains(where: { $0.name == found.name }) { chosen.append(found) }
        }
        guard !chosen.isEmpty else { throw ValidationError("--format names no format") }
        return chosen
    }

    func run() throws {
        let chosen = try formats()
        var request = try input.request(formats: chosen, output: output)
        request.force = force
        request.compression = compress.flatMap(OutputCompression.init(rawValue:)) ?? .none
        request.archive = archive
        if let cxScope { request.formatOptions["cx-scope"] = cxScope }
        if let gmtMinGenes { request.formatOptions[GMTFormat.minimumOption] = String(gmtMinGenes) }
        if let created { request.formatOptions["created"] = created }
        if let sourceVersion { request.formatOptions["source-version"] = sourceVersion }
        request.options["output"] = output
        request.options["format"] = chosen.map(\.name).joined(separator: ",")
        request.options["force"] = "\(force)"
        request.options["compress"] = request.compression.rawValue
        request.options["archive"] = "\(archive)"
        request.options["cx-scope"] = cxScope ?? "figure"
        for (name, value) in request.formatOptions { request.options[name] = value }
        let outcome = try RunSupport.run(request, verb: "exported", quiet: input.quiet)
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
