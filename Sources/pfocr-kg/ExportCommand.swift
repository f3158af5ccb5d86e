import ArgumentParser
import CXExport
import GMTExport
import PFOCRFormats
import PFOCRGraph
import RDFExport

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

    @Option(
        help: ArgumentHelp(
            "Comma-separated formats, any letter case (see 'pfocr-kg formats'; aliases: ttl, nt, kgx, neo4j, cx1). Default: all.",
            valueName: "list"))
    var format: String?

    @Flag(help: "Write into a non-empty folder that holds no earlier pfocr-kg export.")
    var force = false

    @Option(
        help: ArgumentHelp(
            "Compress every data file: gzip (suffix .gz; libdeflate level 1), zstd (suffix .zst; level 1) or none (the default); in parallel, deterministic.",
            valueName: "method"))
    var compress: String?

    @Flag(help: "KG-Hub packaging: one pfocr-<format>.tar.gz per format holding its files, instead of the files.")
    var archive = false

    @Flag(
        help:
            "Write every file through the page cache. By default a large file's full pages are written with direct I/O (Linux), which spares the kernel's copy; the bytes are the same."
    )
    var bufferedIO = false

    // The formats' declared options (FormatOption). ArgumentParser's options are static
    // properties, so each declaration gets one property here, named, described and checked
    // by the declaration alone; `formatOptionArguments` lists them, and a test checks that
    // `export --help` offers every option `FormatRegistry.options` declares.

    @Option(name: .customLong(CXOptions.scope.name), help: .declared(CXOptions.scope))
    var cxScope: String?

    @Option(name: .customLong(GMTFormat.minimumOption.name), help: .declared(GMTFormat.minimumOption))
    var gmtMinGenes: String?

    @Option(name: .customLong(RDFOptions.created.name), help: .declared(RDFOptions.created))
    var created: String?

    @Option(name: .customLong(RDFOptions.sourceVersion.name), help: .declared(RDFOptions.sourceVersion))
    var sourceVersion: String?

    /// Each declared format option with the text given for it, if any.
    var formatOptionArguments: [(FormatOption, String?)] {
        [
            (CXOptions.scope, cxScope), (GMTFormat.minimumOption, gmtMinGenes), (RDFOptions.created, created),
            (RDFOptions.sourceVersion, sourceVersion),
        ]
    }

    /// The given format options, each checked by its declaration.
    func formatOptionValues() throws -> FormatOptionValues {
        var values = FormatOptionValues()
        for case (let option, let text?) in formatOptionArguments {
            do throws(ExportError) {
                try values.set(option, text)
            } catch .usage(let problem) {
                throw ValidationError(problem)
            } catch {
                throw error
            }
        }
        return values
    }

    func validate() throws {
        _ = try formatOptionValues()
        if let compress, OutputCompression(rawValue: compress) == nil {
            let names = OutputCompression.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            throw ValidationError("--compress must be one of \(names), not '\(compress)'")
        }
        if archive, let compress, compress != "none" {
            throw ValidationError("--archive gzips each format's archive already; leave out --compress")
        }
        _ = try formats()
    }

    /// The formats `--format` names (names or aliases, any case), in its order, each once.
    func formats() throws -> [any GraphFormat] {
        guard let format else { return FormatRegistry.all }
        var chosen: [any GraphFormat] = []
        for name in format.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let found = FormatRegistry.format(named: name) else {
                let known = FormatRegistry.all.map(\.name)
                throw ValidationError(
                    "unknown format '\(name)'\(Suggestion.phrase(for: name, among: known + FormatRegistry.aliases.keys.sorted())); known: \(known.joined(separator: ", ")) (aliases: \(FormatRegistry.aliases.keys.sorted().joined(separator: ", ")))"
                )
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
        request.bufferedIO = bufferedIO
        request.formatOptions = try formatOptionValues()
        request.options["output"] = output
        request.options["format"] = chosen.map(\.name).joined(separator: ",")
        request.options["force"] = "\(force)"
        // Every declared option in effect, given or by default, so report.json repeats the run.
        for (option, _) in formatOptionArguments {
            if let value = request.formatOptions.text(option) { request.options[option.name] = value }
        }
        request.options["compress"] = request.compression.rawValue
        request.options["archive"] = "\(archive)"
        request.options["buffered-io"] = "\(bufferedIO)"
        let outcome = try RunSupport.run(request, verb: "exported", quiet: input.quiet)
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}

extension ArgumentHelp {
    /// `--help` text of a declared format option: its help, its default, its value name.
    static func declared(_ option: FormatOption) -> ArgumentHelp {
        var text = option.help
        if case .oneOf(let words) = option.values { text += " One of: \(words.joined(separator: ", "))." }
        if let fallback = option.defaultValue { text += " Default: \(fallback)." }
        return ArgumentHelp(text, valueName: option.valueName)
    }
}
