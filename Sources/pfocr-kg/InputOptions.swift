import ArgumentParser
import Foundation
import PFOCRGraph
import PFOCRRecords

/// The options every reading subcommand shares: inputs, mappings, parallelism, filters.
struct InputOptions: ParsableArguments {
    @Argument(
        help: "Repository roots (with _figures/), _figures/ folders or record .md files. Default: the current folder.")
    var paths: [String] = []

    @Option(
        name: .customLong("mappings"),
        help: ArgumentHelp("A folder overriding the bundled Mappings/ (same layout).", valueName: "dir"))
    var mappingsDirectory: String?

    @Option(
        help: ArgumentHelp(
            "An NCBI taxdump names.dmp: map any scientific name or synonym of a curated organism to its taxon (Mappings/organisms.tsv still wins).",
            valueName: "file"))
    var taxonomy: String?

    @Option(
        help: ArgumentHelp(
            "Identifier prefix set: identifiers (WikiPathways RDF IRIs) or bioregistry.", valueName: "name"))
    var prefixes: String = "identifiers"

    @Option(
        help: ArgumentHelp(
            "Worker threads for reading and building records; the default is the number of cores. Output does not depend on it.",
            valueName: "n"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Treat any rejected input as failure: exit 65, and export writes nothing.")
    var strict = false

    @Flag(name: .shortAndLong, help: "No progress display (the summary line is still printed).")
    var quiet = false

    @Option(
        name: .customLong("organism"),
        help: ArgumentHelp(
            "Keep figures about this organism: a name ('Mus musculus'), a common name (human, mouse, rat, fly, zebrafish, yeast, worm) or an NCBI Taxonomy id (10090); repeatable.",
            valueName: "name"))
    var organisms: [String] = []

    @Flag(
        help:
            "With --organism: keep the genes of every taxon in the kept figures (by default only the organism's genes are kept; the others are counted in report.json)."
    )
    var keepAllGenes = false

    @Option(
        help: ArgumentHelp(
            "Keep only the figures listed in this file, one per line: figids, figid.md names or record paths. Listed figids not found get a warning.",
            valueName: "file"))
    var figures: String?

    @Option(help: ArgumentHelp("Keep figures published in or after this year.", valueName: "year"))
    var yearFrom: Int?

    @Option(help: ArgumentHelp("Keep figures published in or before this year.", valueName: "year"))
    var yearTo: Int?

    @Option(help: ArgumentHelp("Largest record file read, in bytes.", valueName: "bytes"))
    var maxRecordSize: Int = ReadLimits.default.maxRecordBytes

    @Option(help: ArgumentHelp("Largest side file read, in bytes.", valueName: "bytes"))
    var maxSideFileSize: Int = ReadLimits.default.maxSideFileBytes

    func validate() throws {
        guard jobs >= 1 && jobs <= 256 else { throw ValidationError("--jobs must be between 1 and 256") }
        guard maxRecordSize > 0, maxSideFileSize > 0 else { throw ValidationError("size limits must be positive") }
        if let yearFrom, let yearTo, yearFrom > yearTo { throw ValidationError("--year-from is after --year-to") }
        let prefixSets = Mapping.prefixSetNames(directory: mappingsDirectory)
        guard prefixSets.contains(prefixes) else {
            throw ValidationError(
                "unknown prefix set '\(prefixes)'\(Suggestion.phrase(for: prefixes, among: prefixSets)); known: \(prefixSets.joined(separator: ", "))"
            )
        }
    }

    /// These options with the values in effect, by long name, for report.json.
    var reported: [String: String] {
        var options: [String: String] = [
            "prefixes": prefixes, "jobs": "\(jobs)", "strict": "\(strict)", "quiet": "\(quiet)",
            "max-record-size": "\(maxRecordSize)", "max-side-file-size": "\(maxSideFileSize)",
        ]
        if let mappingsDirectory { options["mappings"] = mappingsDirectory }
        if !organisms.isEmpty { options["organism"] = organisms.joined(separator: ", ") }
        if let figures { options["figures"] = figures }
        if let yearFrom { options["year-from"] = "\(yearFrom)" }
        if let yearTo { options["year-to"] = "\(yearTo)" }
        return options
    }

    /// The request for these options; mapping and figure-list problems exit as Docs/architecture.md ("Exit codes") says.
    func request(formats: [any GraphFormat], output: String?) throws -> ExportRequest {
        var mapping: Mapping
        do {
            mapping = try Mapping.load(directory: mappingsDirectory, prefixSet: prefixes)
            if let taxonomy { try mapping.organisms.addTaxonomy(file: taxonomy) }
        } catch {
            Terminal.error(error.description)
            throw ExitCode(78)
        }
        var request = ExportRequest(
            inputs: paths.isEmpty ? ["."] : paths, formats: formats, outputPath: output, jobs: jobs,
            mapping: mapping, toolVersion: PFOCRKG.version)
        request.arguments = Array(CommandLine.arguments.dropFirst())
        request.options = reported
        request.strict = strict
        request.limits = ReadLimits(maxRecordBytes: maxRecordSize, maxSideFileBytes: maxSideFileSize)
        var filter = RecordFilter(organisms: organisms, yearFrom: yearFrom, yearTo: yearTo, keepAllGenes: keepAllGenes)
        if let figures {
            guard let text = try? String(contentsOfFile: figures, encoding: .utf8) else {
                Terminal.error("\(figures): error: cannot read the --figures list")
                throw ExitCode(66)
            }
            let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            filter.figids = Set(lines.filter { !$0.isEmpty && !$0.hasPrefix("#") }.map(RecordFilter.figid(listed:)))
            filter.figuresFile = figures
        }
        request.filter = filter
        return request
    }
}
