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
    /// Format options (`cx-scope`, `created`, `source-version`).
    public var formatOptions: [String: String] = [:]
    public var toolVersion: String

    public init(inputs: [String], formats: [any GraphFormat], outputPath: String?, jobs: Int, mapping: Mapping, toolVersion: String) {
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
        /// What each sink's renderer made of the subgraph (empty for a sink without one).
        var fragments: [FigureFragment] = []
        var excluded = false
        var rows: [EntityKind: RowAccount] = [:]
        /// Where the record's `figid` is (for the duplicate-figid diagnostic).
        var figidLocation: SourceLocation?
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
        var errorCount = 0
        func emit(_ item: Diagnostic) {
            if item.severity == .error { errorCount += 1 } else { report.diagnostics.warnings += 1 }
            diagnostic(item)
        }
        corpus.diagnostics.forEach(emit)
        guard !corpus.sources.isEmpty else {
            throw ExportError.noInput("no PFOCR record (.md file) found in \(request.inputs.isEmpty ? "the current folder" : request.inputs.joined(separator: ", "))")
        }
        report.records.found = corpus.sources.count

        let output = try request.outputPath.map { (path: String) throws(ExportError) in try OutputDirectory(path: path, force: request.force) }
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
            let builder = GraphBuilder(mapping: request.mapping, geneTaxa: request.filter.geneTaxa(mapping: request.mapping))
            let sources = corpus.sources
            let filter = request.filter
            let pool = OrderedWorkPool<Processed>(count: sources.count, window: 32 * max(1, request.jobs))
            var done = 0
            try pool.run(workers: request.jobs, work: { index in
                let read = reader.read(sources[index])
                guard let record = read.record else { return Processed(read: read) }
                var trimmed = read
                trimmed.record = nil
                if !filter.isEmpty && !filter.accepts(record, mapping: request.mapping) {
                    return Processed(read: trimmed, excluded: true, rows: record.rows)
                }
                let subgraph = builder.build(record)
                let settled = hasRenderers ? registry.settledNodes(in: subgraph) : []
                let fragments = renderers.map { renderer in
                    var fragment = FigureFragment(settled: settled)
                    renderer?.render(subgraph, into: &fragment)
                    return fragment
                }
                return Processed(read: trimmed, subgraph: subgraph, fragments: fragments, rows: record.rows, figidLocation: record.location)
            }, consume: { (item: Processed) throws(ExportError) in
                done += 1
                defer { progress?(done, sources.count) }
                item.read.diagnostics.forEach(emit)
                guard let subgraph = item.subgraph else {
                    if item.excluded {
                        report.records.excludedByFilter += 1
                        statistics.exclude(item.rows)
                    } else {
                        // No record: the reader rejected it, with at least one error.
                        report.records.rejected += 1
                        let first = item.read.diagnostics.first { $0.severity == .error }
                        report.rejectedRecords.append(.init(
                            file: item.read.source.path, line: first?.location.line ?? 0, reason: first?.message ?? "rejected"))
                        statistics.rejectRecord(lostRows: item.read.lostSideFileRows)
                    }
                    return
                }
                if let earlier = seenFigids[subgraph.figid] {
                    let problem = Diagnostic.error(
                        item.figidLocation ?? SourceLocation(file: item.read.source.path, line: 0),
                        "duplicate figid '\(subgraph.figid)': already read from \(earlier); this record is rejected")
                    emit(problem)
                    report.records.rejected += 1
                    report.rejectedRecords.append(.init(file: item.read.source.path, line: problem.location.line, reason: problem.message))
                    statistics.rejectDuplicate(item.rows)
                    return
                }
                seenFigids[subgraph.figid] = item.read.source.path
                report.records.exported += 1
                let news = registry.settle(subgraph)
                statistics.add(subgraph, news)
                for (index, entry) in sinks.enumerated() {
                    try entry.sink.write(RenderedFigure(subgraph: subgraph, news: news, fragment: item.fragments[index]))
                }
                if let failure = output?.firstError { throw failure }
            })

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
                    let finalReport = report
                    _ = try output.commit { files in
                        var report = finalReport
                        ExportDriver.describeFiles(files, in: &report)
                        report.elapsedSeconds = (Date().timeIntervalSince(started) * 1000).rounded() / 1000
                        return ExportDriver.encode(report)
                    }
                }
            }
            report.elapsedSeconds = Date().timeIntervalSince(started)
            return ExportOutcome(report: report, exitCode: failed ? 65 : 0)
        } catch {
            output?.discard()
            throw error
        }
    }

    /// A folder with more files than this (one file per figure: `cx/`, `cx2/`) is summarised
    /// in report.json by its file count and size instead of listing every file.
    static let listedFilesPerFolder = 100

    /// Files listed one by one, except those of folders over ``listedFilesPerFolder``, which
    /// are summarised per folder so the report stays small.
    static func describeFiles(_ files: [(path: String, bytes: Int)], in report: inout ExportReport) {
        func folder(_ path: String) -> String? {
            path.lastIndex(of: "/").map { String(path[..<$0]) }
        }
        var folders: [String: (files: Int, bytes: Int)] = [:]
        for file in files {
            guard let name = folder(file.path) else { continue }
            let entry = folders[name, default: (0, 0)]
            folders[name] = (entry.files + 1, entry.bytes + file.bytes)
        }
        let summarised = folders.filter { $0.value.files > listedFilesPerFolder }
        for file in files where folder(file.path).map({ summarised[$0] == nil }) ?? true {
            report.files.append(.init(path: file.path, bytes: file.bytes))
        }
        report.folders = summarised.keys.sorted().map { key in
            let entry = summarised[key] ?? (0, 0)
            return .init(path: key, files: entry.files, bytes: entry.bytes)
        }
    }

    /// The warning for curated organism names no taxon was found for (nil when there are
    /// none): those figures have no ABOUT edge for the name, so the user is told how many.
    static func unmappedOrganismsWarning(_ unmapped: [String: Int]) -> Diagnostic? {
        guard !unmapped.isEmpty else { return nil }
        let uses = unmapped.values.reduce(0, +)
        return .warning(
            SourceLocation(file: Mapping.File.organisms, line: 0),
            "\(unmapped.count) curated organism names (\(uses) uses) have no NCBI Taxonomy id; their figures get no ABOUT edge for them (listed by 'pfocr-kg stats' and in report.json unmappedOrganisms; --taxonomy names.dmp maps any NCBI scientific name or synonym)")
    }

    /// The report as pretty JSON with sorted keys.
    public static func encode(_ report: ExportReport) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
        return Array(data) + [0x0A]
    }
}

/// The corpus-wide counts of the report: distinct nodes, edges, and the row balance.
struct CorpusTally {
    private var nodeCounts: [NodeKind: Int] = [:]
    private var edgeCounts: [EdgeKind: Int] = [:]
    private var mentionPairs: [NodeKind: Int] = [:]
    private var rows: [EntityKind: ExportReport.RowBalance] = [:]
    private var ignored = ExportReport.IgnoredSideFiles()
    private var unmapped: [String: Int] = [:]
    private var genesWithoutTaxon = 0
    private var inline = 0
    private var sideFiles = 0

    mutating func add(_ subgraph: FigureSubgraph, _ news: FigureNews) {
        nodeCounts[.figure, default: 0] += 1
        for (index, node) in subgraph.nodes.enumerated() where news.newNodes[index] { nodeCounts[node.kind, default: 0] += 1 }
        for (index, edge) in subgraph.edges.enumerated() where news.keptEdges[index] {
            edgeCounts[edge.kind, default: 0] += 1
            if edge.kind == .mentions { mentionPairs[edge.targetKind, default: 0] += 1 }
        }
        let accounting = subgraph.accounting
        if accounting.layout == .inline { inline += 1 } else { sideFiles += 1 }
        for kind in EntityKind.allCases {
            var balance = rows[kind] ?? .init()
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
            rows[kind] = balance
        }
        for file in accounting.ignoredSideFiles {
            ignored.files += 1
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
            rows[kind, default: .init()].excludedByReason[ExportReport.RowBalance.excludedRecord, default: 0] += account.rowsRead
        }
    }

    mutating func rejectDuplicate(_ accounts: [EntityKind: RowAccount]) {
        for (kind, account) in accounts {
            rows[kind, default: .init()].read += account.rowsRead
            rows[kind, default: .init()].rejected["duplicate figid", default: 0] += account.rowsRead
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
        for kind in NodeKind.allCases { report.nodes[kind.rawValue] = nodeCounts[kind] ?? 0 }
        for kind in EdgeKind.allCases { report.edges[kind.rawValue] = edgeCounts[kind] ?? 0 }
        for kind in [NodeKind.gene, .chemical, .disease] { report.mentionPairs[kind.rawValue] = mentionPairs[kind] ?? 0 }
        for kind in EntityKind.allCases {
            var balance = rows[kind] ?? .init()
            balance.rejectedTotal = balance.rejected.values.reduce(0, +)
            balance.balanced = balance.read == balance.exported + balance.unidentified + balance.rejectedTotal + balance.excluded
            report.rows[kind.rawValue] = balance
            report.unidentifiedMentions[kind.rawValue] = balance.unidentified
        }
        var ignored = self.ignored
        ignored.paths.sort()
        report.ignoredSideFiles = ignored
        report.unmappedOrganisms = unmapped
        report.genesWithoutTaxon = genesWithoutTaxon
    }
}
