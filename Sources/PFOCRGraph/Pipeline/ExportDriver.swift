import Foundation
import PFOCRRecords

/// What to export, where, and how.
public struct ExportRequest: Sendable {
    /// Record paths: repository roots, `_figures/` folders or `.md` files.
    public var inputs: [String]
    /// The formats to write; empty for `validate` and `stats`.
    public var formats: [any GraphFormat]
    /// The output folder; nil reads and checks only.
    public var outputPath: String?
    public var force = false
    /// Any error fails the run with nothing written.
    public var strict = false
    /// Worker threads for reading and building.
    public var jobs: Int
    public var limits = ReadLimits.default
    public var filter = RecordFilter()
    public var mapping: Mapping
    /// Format options (`cx-scope`, `created`, `source-version`), checked when set.
    public var formatOptions = FormatOptionValues()
    /// How data files are written (`--compress`).
    public var compression = OutputCompression.none
    /// One `pfocr-<format>.tar.gz` per format instead of its files (`--archive`).
    public var archive = false
    /// Write every file through the page cache (`--buffered-io`); by default a plain file
    /// writes its full pages with direct I/O once it fills a block (``OutputFile``).
    public var bufferedIO = false
    public var toolVersion: String
    /// The command line (after the program name) and every option in effect, by long name,
    /// recorded in report.json so the run can be repeated.
    public var arguments: [String] = []
    public var options: [String: String] = [:]

    public init(
        inputs: [String], formats: [any GraphFormat], outputPath: String?, jobs: Int, mapping: Mapping,
        toolVersion: String
    ) {
        self.inputs = inputs
        self.formats = formats
        self.outputPath = outputPath
        self.jobs = jobs
        self.mapping = mapping
        self.toolVersion = toolVersion
    }
}

/// How an export ended.
public struct ExportOutcome: Sendable {
    public var report: ExportReport
    /// 0 everything exported; 65 some input rejected or output refused (or `--strict` with
    /// any error: then nothing was written).
    public var exitCode: Int32
}

/// Runs the pipeline: Corpus → RecordReader → GraphBuilder → sinks → OutputDirectory.
///
/// Records are read, built and rendered by every format on `jobs` worker threads over a
/// bounded window; on the calling thread, in figid order, the one ``GraphRegistry`` settles
/// what is new in each figure and the sinks append the rendered segments that are due, so
/// output is byte-identical for any `jobs`. Memory is the window plus the registry.
public struct ExportDriver {
    public let request: ExportRequest

    public init(_ request: ExportRequest) {
        self.request = request
    }

    /// One record's trip through the workers.
    struct Processed: Sendable {
        var read: RecordReadResult
        var subgraph: FigureSubgraph?
        /// What the builder did with the record's rows (beside the subgraph: sinks never see it).
        var accounting = FigureAccounting()
        /// What each sink's renderer made of the subgraph (empty for a sink without one).
        var fragments: [FigureFragment] = []
        var excluded = false
        var rows: [EntityKind: RowAccount] = [:]
        /// Where the record's `figid` is (for the duplicate-figid diagnostic).
        var figidLocation: SourceLocation?
        /// What the census needs of a record that was read (nil figid: rejected).
        var figid: String?
        var organismKeys: Set<String> = []
        var year: Int?
    }

    /// Runs the export. `diagnostic` gets each diagnostic as it is found, in figid order;
    /// `progress` gets (records done, records total).
    public func run(
        diagnostic: (Diagnostic) -> Void,
        progress: ((Int, Int) -> Void)? = nil
    ) throws(ExportError) -> ExportOutcome {
        let started = Date()
        let request = self.request
        let corpus = Corpus(paths: request.inputs)
        var report = ExportReport(
            version: request.toolVersion, inputs: request.inputs, formats: request.formats.map(\.name),
            prefixSet: request.mapping.prefixes.name, jobs: request.jobs, strict: request.strict)
        report.invocation = ExportReport.Invocation(
            arguments: request.arguments, options: request.options, filters: request.filter.reported,
            mappings: .init(folder: request.mapping.folder, files: request.mapping.files))
        var errorCount = 0
        func emit(_ item: Diagnostic) {
            if item.severity == .error { errorCount += 1 } else { report.diagnostics.warnings += 1 }
            diagnostic(item)
        }
        corpus.diagnostics.forEach(emit)
        for warning in unusedOptionWarnings() { emit(warning) }
        guard !corpus.sources.isEmpty else {
            throw ExportError.noInput(
                "no PFOCR record (.md file) found in \(request.inputs.isEmpty ? "the current folder" : request.inputs.joined(separator: ", "))"
            )
        }
        report.records.found = corpus.sources.count

        let output = try request.outputPath.map { (path: String) throws(ExportError) in
            try OutputDirectory(
                path: path, force: request.force, compression: request.archive ? .none : request.compression,
                threads: request.jobs, directIO: !request.bufferedIO)
        }
        var sinks: [(formats: [String], sink: any GraphSink)] = []
        do {
            if let output {
                let context = SinkContext(
                    mapping: request.mapping, output: output, options: request.formatOptions,
                    toolVersion: request.toolVersion)
                // One sink per family, in the order of its first format.
                var families: [String] = []
                for format in request.formats where !families.contains(format.family) { families.append(format.family) }
                for family in families {
                    let members = request.formats.filter { $0.family == family }
                    guard let first = members.first else { continue }
                    let sink = try first.makeSink(context: context, formats: members.map(\.name))
                    try sink.begin()
                    sinks.append((members.map(\.name), sink))
                }
            }
            let renderers = sinks.map(\.sink.renderer)
            let hasRenderers = renderers.contains { $0 != nil }

            var statistics = CorpusTally()
            let registry = GraphRegistry()
            var seenFigids: [String: String] = [:]
            let reader = RecordReader(limits: request.limits)
            let builder = GraphBuilder(
                mapping: request.mapping, geneTaxa: request.filter.geneTaxa(mapping: request.mapping))
            let sources = corpus.sources
            let filter = request.filter
            let prewriter = output?.prewriter
            let pool = OrderedWorkPool<Processed>(count: sources.count, window: 32 * max(1, request.jobs))
            var done = 0
            var census = SelectionCensus()
            try pool.run(
                workers: request.jobs,
                work: { index in
                    let read = reader.read(sources[index])
                    guard let record = read.record else { return Processed(read: read) }
                    var trimmed = read
                    trimmed.record = nil
                    let organismKeys =
                        filter.isEmpty ? [] : RecordFilter.organismKeys(of: record, mapping: request.mapping)
                    if !filter.isEmpty && !filter.accepts(record, mapping: request.mapping) {
                        return Processed(
                            read: trimmed, excluded: true, rows: record.rows, figid: record.figid,
                            organismKeys: organismKeys, year: record.year)
                    }
                    var accounting = FigureAccounting()
                    let subgraph = builder.build(record, accounting: &accounting)
                    let settled = hasRenderers ? registry.settledNodes(in: subgraph) : []
                    let fragments = renderers.map { renderer in
                        var fragment = FigureFragment(settled: settled)
                        renderer?.render(subgraph, into: &fragment)
                        if let prewriter { fragment.prewriteWholeFiles(with: prewriter, key: index) }
                        return fragment
                    }
                    return Processed(
                        read: trimmed, subgraph: subgraph, accounting: accounting, fragments: fragments,
                        rows: record.rows, figidLocation: record.location,
                        figid: record.figid, organismKeys: organismKeys, year: record.year)
                },
                consume: { (item: Processed) throws(ExportError) in
                    done += 1
                    defer { progress?(done, sources.count) }
                    item.read.diagnostics.forEach(emit)
                    if let figid = item.figid {
                        census.add(figid: figid, organisms: item.organismKeys, year: item.year)
                    }
                    guard let subgraph = item.subgraph else {
                        if item.excluded {
                            report.records.excludedByFilter += 1
                            statistics.exclude(item.rows)
                        } else {
                            // No record: the reader rejected it, with at least one error.
                            report.records.rejected += 1
                            let first = item.read.diagnostics.first { $0.severity == .error }
                            report.rejectedRecords.append(
                                .init(
                                    file: item.read.source.path, line: first?.location.line ?? 0,
                                    reason: first?.message ?? "rejected"))
                            statistics.rejectRecord(lostRows: item.read.lostSideFileRows)
                        }
                        return
                    }
                    if let earlier = seenFigids[subgraph.figid] {
                        let problem = Diagnostic.error(
                            item.figidLocation ?? SourceLocation(file: item.read.source.path, line: 0),
                            "duplicate figid '\(subgraph.figid)': already read from \(earlier); this record is rejected"
                        )
                        emit(problem)
                        report.records.rejected += 1
                        report.rejectedRecords.append(
                            .init(file: item.read.source.path, line: problem.location.line, reason: problem.message))
                        statistics.rejectDuplicate(item.rows)
                        return
                    }
                    seenFigids[subgraph.figid] = item.read.source.path
                    report.records.exported += 1
                    let news = registry.settle(subgraph)
                    statistics.add(subgraph, news, item.accounting)
                    for (index, entry) in sinks.enumerated() {
                        try entry.sink.write(
                            RenderedFigure(subgraph: subgraph, news: news, fragment: item.fragments[index]))
                    }
                    if let failure = output?.firstError { throw failure }
                })

            try checkSelection(filter, census: census, report: report, emit: emit)
            let orphans = corpus.orphanSideFiles(
                claimed: census.figids.union(sources.map(\.stem)), limits: request.limits)
            for orphan in orphans {
                emit(
                    .warning(
                        SourceLocation(file: orphan.path, line: 0),
                        "side file of no record (no record has figid '\(orphan.figid)'); its \(orphan.rows) \(orphan.kind.rawValue) rows are not exported"
                    ))
            }
            statistics.orphan(orphans)
            statistics.fill(&report)
            if let warning = ExportDriver.unmappedOrganismsWarning(report.unmappedOrganisms) { emit(warning) }
            var refused = false
            for (names, sink) in sinks {
                let summary = try sink.finish()
                for name in names { report.sinks[name] = summary }
                let name = names.joined(separator: ",")
                for note in summary.notes { emit(.warning(SourceLocation(file: name, line: 0), note)) }
                for refusal in summary.refusals {
                    refused = true
                    emit(.error(SourceLocation(file: name, line: 0), refusal))
                }
            }
            report.diagnostics.errors = errorCount
            let failed = errorCount > 0 || refused
            if let output {
                if request.strict && failed {
                    output.discard()
                } else {
                    let written = try output.closeFiles()
                    if request.archive {
                        try output.archive(ExportDriver.archives(of: written.map(\.path), formats: request.formats))
                    }
                    if let list = ExportDriver.checksumList(try output.closeFiles()) {
                        let file = try output.createPlainFile(ExportDriver.checksumFileName)
                        file.write(bytes: list)
                    }
                    let finalReport = report
                    let listing = try output.commit { listing in
                        var report = finalReport
                        ExportDriver.describeFiles(listing.written, in: &report)
                        report.removedFiles = listing.removed
                        report.setElapsed(since: started)
                        return ExportDriver.encode(report)
                    }
                    ExportDriver.describeFiles(listing.written, in: &report)
                    report.removedFiles = listing.removed
                }
            }
            report.setElapsed(since: started)
            return ExportOutcome(report: report, exitCode: failed ? 65 : 0)
        } catch {
            output?.discard()
            throw error
        }
    }

    /// `--archive`: one `pfocr-<format>.tar.gz` per chosen format with the files it wrote
    /// (``GraphFormat/writes(_:)``), sorted by path; files no format claims stay as they are.
    static func archives(of paths: [String], formats: [any GraphFormat]) -> [OutputDirectory.Archive] {
        formats.map { format in
            OutputDirectory.Archive(name: "pfocr-\(format.name).tar.gz", members: paths.filter(format.writes).sorted())
        }
    }

    /// A folder with more files than this (one file per figure: `cx/`, `cx2/`) is summarised
    /// in report.json by its file count and size instead of listing every file.
    static let listedFilesPerFolder = 100

    /// The `sha256sum -c` file holding the checksums of the files of summarised folders.
    public static let checksumFileName = "SHA256SUMS"

    /// The folder of `path` (relative), nil for a file at the top.
    static func folder(of path: String) -> String? {
        // On the UTF-8 view: `String.lastIndex(of:)` walks characters, some 36,000
        // instructions a path, and the report asks this of every per-figure file.
        path.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(path[..<$0]) }
    }

    /// The folders with more than ``listedFilesPerFolder`` files, with their file count and size.
    static func summarisedFolders(_ files: [OutputDirectory.WrittenFile]) -> [String: (files: Int, bytes: Int)] {
        var folders: [String: (files: Int, bytes: Int)] = [:]
        for file in files {
            guard let name = folder(of: file.path) else { continue }
            let entry = folders[name, default: (0, 0)]
            folders[name] = (entry.files + 1, entry.bytes + file.bytes)
        }
        return folders.filter { $0.value.files > listedFilesPerFolder }
    }

    /// `SHA256SUMS` for the files of summarised folders (`<hex>  <path>` lines, the
    /// `sha256sum` format); nil when no folder is summarised.
    static func checksumList(_ files: [OutputDirectory.WrittenFile]) -> [UInt8]? {
        let summarised = summarisedFolders(files)
        guard !summarised.isEmpty else { return nil }
        var text = ""
        for file in files where folder(of: file.path).map({ summarised[$0] != nil }) ?? false {
            text += "\(file.sha256)  \(file.path)\n"
        }
        return Array(text.utf8)
    }

    /// Files listed one by one with size and SHA-256, except those of folders over
    /// ``listedFilesPerFolder``, which are summarised per folder (their checksums are in
    /// ``checksumFileName``) so the report stays small.
    static func describeFiles(_ files: [OutputDirectory.WrittenFile], in report: inout ExportReport) {
        let summarised = summarisedFolders(files)
        for file in files where folder(of: file.path).map({ summarised[$0] == nil }) ?? true {
            report.files.append(.init(path: file.path, bytes: file.bytes, sha256: file.sha256))
        }
        report.folders = summarised.keys.sorted().map { key in
            let entry = summarised[key] ?? (0, 0)
            return .init(path: key, files: entry.files, bytes: entry.bytes, checksums: checksumFileName)
        }
    }

    /// A warning for each format option that no chosen format uses (`--cx-scope` with only
    /// `turtle`): the option changes nothing, which the user likely did not mean.
    func unusedOptionWarnings() -> [Diagnostic] {
        guard !request.formats.isEmpty else { return [] }
        return request.formatOptions.given.keys.sorted().compactMap { option in
            guard !request.formats.contains(where: { $0.options.contains { $0.name == option } }) else { return nil }
            let chosen = request.formats.map(\.name).joined(separator: ", ")
            return .warning(
                SourceLocation(file: "--\(option)", line: 0),
                "no chosen format (\(chosen)) uses this option; it is ignored")
        }
    }

    /// After every record was read: warns about `--figures` entries that name no record, and
    /// fails with `noInput` (66) when the filters left no record, so an empty selection is
    /// never written as a successful empty export.
    func checkSelection(
        _ filter: RecordFilter, census: SelectionCensus, report: ExportReport, emit: (Diagnostic) -> Void
    ) throws(ExportError) {
        if let listed = filter.figids {
            let missing = listed.subtracting(census.figids).sorted()
            if !missing.isEmpty {
                let shown = missing.prefix(10).joined(separator: ", ") + (missing.count > 10 ? ", …" : "")
                emit(
                    .warning(
                        SourceLocation(file: filter.figuresFile ?? "--figures", line: 0),
                        "\(missing.count) of \(listed.count) listed figids are not among the records read: \(shown)"))
            }
        }
        if !filter.isEmpty && report.records.exported == 0 && report.records.excludedByFilter > 0 {
            throw ExportError.noInput(filter.emptySelectionMessage(census, organismTable: request.mapping.organisms))
        }
    }

    /// The warning for curated organism names no taxon was found for (nil when there are
    /// none): those figures have no ABOUT edge for the name, so the user is told how many.
    static func unmappedOrganismsWarning(_ unmapped: [String: Int]) -> Diagnostic? {
        guard !unmapped.isEmpty else { return nil }
        let uses = unmapped.values.reduce(0, +)
        return .warning(
            SourceLocation(file: Mapping.File.organisms, line: 0),
            "\(unmapped.count) curated organism names (\(uses) uses) have no NCBI Taxonomy id; their figures get no ABOUT edge for them (listed by 'pfocr-kg stats' and in report.json unmappedOrganisms; --taxonomy names.dmp maps any NCBI scientific name or synonym)"
        )
    }

    /// The report as pretty JSON with sorted keys.
    public static func encode(_ report: ExportReport) -> [UInt8] {
        var report = report
        report.dropZeroCounts()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
        return Array(data) + [0x0A]
    }
}

/// The corpus-wide counts of the report: distinct nodes, edges, and the row balance.
struct CorpusTally {
    // Indexed by the kind's `order`: one addition per node and edge of every figure, which a
    // dictionary would hash each time.
    private var nodeCounts = [Int](repeating: 0, count: NodeKind.allCases.count)
    private var edgeCounts = [Int](repeating: 0, count: EdgeKind.allCases.count)
    private var mentionPairs = [Int](repeating: 0, count: NodeKind.allCases.count)
    private var rows: [EntityKind: ExportReport.RowBalance] = [:]
    private var ignored = ExportReport.IgnoredSideFiles()
    private var orphans = ExportReport.IgnoredSideFiles()
    private var unmapped: [String: Int] = [:]
    private var genesWithoutTaxon = 0
    private var inline = 0
    private var sideFiles = 0

    mutating func add(_ subgraph: FigureSubgraph, _ news: FigureNews, _ accounting: FigureAccounting) {
        nodeCounts[NodeKind.figure.order] += 1
        // By index, reading only the kinds: iterating the elements would copy every node and
        // edge (retaining its strings and arrays) to read one field.
        let nodes = subgraph.nodes
        let edges = subgraph.edges
        for index in nodes.indices where news.newNodes[index] { nodeCounts[nodes[index].kind.order] += 1 }
        for index in edges.indices where news.keptEdges[index] {
            edgeCounts[edges[index].kind.order] += 1
            if edges[index].kind == .mentions { mentionPairs[edges[index].targetKind.order] += 1 }
        }
        if accounting.layout == .inline { inline += 1 } else { sideFiles += 1 }
        // Each kind's balance is updated in place, through the dictionary's accessor (one hash;
        // copying it out and storing it back hashed twice and copied its dictionaries).
        func update(_ balance: inout ExportReport.RowBalance, _ kind: EntityKind) {
            let account = accounting.rows[kind] ?? RowAccount()
            balance.read += account.rowsRead
            balance.exported += accounting.exported[kind] ?? 0
            balance.unidentified += accounting.unidentified[kind] ?? 0
            for (reason, count) in account.rejected { balance.rejected[reason, default: 0] += count }
            if kind == .gene {
                for (reason, count) in accounting.excludedGeneRows {
                    balance.excluded += count
                    balance.excludedByReason[reason, default: 0] += count
                }
            }
        }
        for kind in EntityKind.allCases { update(&rows[kind, default: .init()], kind) }
        for file in accounting.ignoredSideFiles {
            ignored.files += 1
            ignored.filesByKind[file.kind.rawValue, default: 0] += 1
            ignored.rows[file.kind.rawValue, default: 0] += file.rows
            ignored.paths.append(file.path)
        }
        for name in Set(accounting.unmappedOrganisms) { unmapped[name, default: 0] += 1 }
        genesWithoutTaxon += accounting.genesWithoutTaxon
    }

    mutating func exclude(_ accounts: [EntityKind: RowAccount]) {
        for (kind, account) in accounts {
            rows[kind, default: .init()].read += account.rowsRead
            rows[kind, default: .init()].excluded += account.rowsRead
            rows[kind, default: .init()].excludedByReason[ExportReport.RowBalance.excludedRecord, default: 0] +=
                account.rowsRead
        }
    }

    mutating func rejectDuplicate(_ accounts: [EntityKind: RowAccount]) {
        for (kind, account) in accounts {
            rows[kind, default: .init()].read += account.rowsRead
            rows[kind, default: .init()].rejected["duplicate figid", default: 0] += account.rowsRead
        }
    }

    /// Side files of no record: their rows are read and orphaned, so the balance holds.
    mutating func orphan(_ files: [IgnoredSideFile]) {
        for file in files {
            orphans.files += 1
            orphans.filesByKind[file.kind.rawValue, default: 0] += 1
            orphans.rows[file.kind.rawValue, default: 0] += file.rows
            orphans.paths.append(file.path)
            rows[file.kind, default: .init()].read += file.rows
            rows[file.kind, default: .init()].orphaned += file.rows
        }
    }

    mutating func rejectRecord(lostRows: [EntityKind: Int]) {
        for (kind, count) in lostRows where count > 0 {
            rows[kind, default: .init()].read += count
            rows[kind, default: .init()].rejected["record rejected", default: 0] += count
        }
    }

    func fill(_ report: inout ExportReport) {
        report.records.layoutInline = inline
        report.records.layoutSideFiles = sideFiles
        for kind in NodeKind.allCases { report.nodes[kind.rawValue] = nodeCounts[kind.order] }
        for kind in EdgeKind.allCases { report.edges[kind.rawValue] = edgeCounts[kind.order] }
        for kind in [NodeKind.gene, .chemical, .disease] {
            report.mentionPairs[kind.rawValue] = mentionPairs[kind.order]
        }
        for kind in EntityKind.allCases {
            var balance = rows[kind] ?? .init()
            balance.rejectedTotal = balance.rejected.values.reduce(0, +)
            balance.balanced =
                balance.read == balance.exported + balance.unidentified + balance.rejectedTotal + balance.excluded
                + balance.orphaned
            report.rows[kind.rawValue] = balance
            report.unidentifiedMentions[kind.rawValue] = balance.unidentified
        }
        var ignored = self.ignored
        ignored.paths.sort()
        report.ignoredSideFiles = ignored
        report.orphanSideFiles = orphans
        report.unmappedOrganisms = unmapped
        report.genesWithoutTaxon = genesWithoutTaxon
    }
}
