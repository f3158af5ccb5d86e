import Foundation
import PFOCRFormats
import PFOCRRecords
import PFOCRTestSupport
import Testing

@testable import PFOCRGraph

/// Issue 12: runs that do what the user meant and say what they did — empty selections,
/// orphan side files, validated options, removed files, progress, checksums and `verify`.
@Suite struct TrustedRunTests {
    /// A corpus folder with `records` in `_figures/` and `data` in `_data/`.
    func corpus(_ records: [String: String], data: [String: String] = [:]) -> String {
        let root = TestPaths.temporaryFolder("trusted")
        for (folder, files) in [("_figures", records), ("_data", data)] {
            try? FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
            for (name, text) in files {
                _ = FileManager.default.createFile(atPath: root + "/" + folder + "/" + name, contents: Data(text.utf8))
            }
        }
        return root
    }

    func record(_ figid: String, gene: String = "1") -> String {
        "---\nfigid: \(figid)\npmcid: PMC1\ngenes:\n- word: A\n  entrez: '\(gene)'\n---\n"
    }

    func request(_ inputs: [String], formats: [String] = [], output: String? = nil) throws -> ExportRequest {
        ExportRequest(
            inputs: inputs, formats: formats.compactMap { FormatRegistry.format(named: $0) }, outputPath: output,
            jobs: 2,
            mapping: try Mapping.bundled(), toolVersion: "test")
    }

    // MARK: 1. Empty selections, organism names, --figures

    @Test func emptySelectionIsNoInputAndWritesNothing() throws {
        let output = TestPaths.temporaryFolder("empty-selection") + "/out"
        var zebrafish = try request([TestPaths.examples], formats: ["kgx-jsonl"], output: output)
        zebrafish.filter = RecordFilter(organisms: ["zebrafish"])
        var message = ""
        #expect {
            _ = try ExportDriver(zebrafish).run(diagnostic: { _ in })
        } throws: { error in
            message = (error as? ExportError)?.description ?? ""
            return (error as? ExportError)?.exitCode == 66
        }
        #expect(message.contains("no figure matched --organism 'zebrafish'"))
        #expect(message.contains("known organisms (figures): Homo sapiens (9606): 12"))
        #expect(message.contains("try 'Homo sapiens' or 9606"))
        #expect(!FileManager.default.fileExists(atPath: output))

        var future = try request([TestPaths.examples])
        future.filter = RecordFilter(yearFrom: 2030)
        #expect {
            _ = try ExportDriver(future).run(diagnostic: { _ in })
        } throws: { error in
            let text = (error as? ExportError)?.description ?? ""
            return (error as? ExportError)?.exitCode == 66
                && text.contains("no figure matched --year-from 2030; the records are from")
        }
    }

    @Test func organismFiltersTakeCommonNamesAndTaxonIDs() throws {
        let table = try Mapping.bundled().organisms
        for name in ["mouse", "Mouse", "Mus musculus", "10090", "NCBITaxon:10090"] {
            #expect(RecordFilter.taxonID(of: name, organismTable: table) == "10090", "\(name)")
        }
        let common = [
            "human": "9606", "rat": "10116", "fly": "7227", "zebrafish": "7955", "yeast": "4932", "worm": "6239",
        ]
        for (name, taxon) in common { #expect(RecordFilter.taxonID(of: name, organismTable: table) == taxon) }
        #expect(RecordFilter.taxonID(of: "mose", organismTable: table) == nil)
        var counts: [Int] = []
        for name in ["mouse", "Mus musculus", "10090"] {
            var mouse = try request([TestPaths.examples])
            mouse.filter = RecordFilter(organisms: [name])
            counts.append(try ExportDriver(mouse).run(diagnostic: { _ in }).report.records.exported)
        }
        #expect(counts == [2, 2, 2])
    }

    @Test func figuresListTakesFileNamesAndWarnsAboutUnknownFigids() throws {
        #expect(RecordFilter.figid(listed: "PMC1000003__gr3") == "PMC1000003__gr3")
        #expect(RecordFilter.figid(listed: "PMC1000003__gr3.md") == "PMC1000003__gr3")
        #expect(RecordFilter.figid(listed: "pfocr/_figures/PMC1000003__gr3.md ") == "PMC1000003__gr3")
        var listed = try request([TestPaths.examples])
        listed.filter = RecordFilter(figids: ["PMC1000003__gr3", "x", "PMC9__typo"])
        listed.filter.figuresFile = "list.txt"
        var warnings: [String] = []
        let outcome = try ExportDriver(listed).run(diagnostic: {
            if $0.severity == .warning { warnings.append($0.description) }
        })
        #expect(outcome.report.records.exported == 1)
        #expect(
            warnings.contains("list.txt:1: warning: 2 of 3 listed figids are not among the records read: PMC9__typo, x")
        )
        #expect(outcome.report.invocation?.filters.figuresListed == 3)
    }

    // MARK: 2. Orphan side files

    @Test func orphanSideFilesAreWarnedCountedAndBalanced() throws {
        let root = corpus(
            ["PMC1__a.md": record("PMC1__a")],
            data: [
                "PMC7777777__orphan-genes.tsv": "word\tncbigene_id\nB\t2\nC\t3\n",
                "PMC7777777__orphan-diseases.tsv": "word\tmesh_id\nflu\tD1\n", "notes.txt": "x",
            ])
        var warnings: [Diagnostic] = []
        let outcome = try ExportDriver(try request([root])).run(diagnostic: {
            if $0.severity == .warning { warnings.append($0) }
        })
        let orphans = outcome.report.orphanSideFiles
        #expect(orphans.files == 2)
        #expect(orphans.filesByKind == ["gene": 1, "disease": 1])
        #expect(orphans.rows == ["gene": 2, "disease": 1])
        #expect(
            orphans.paths.map { ($0 as NSString).lastPathComponent } == [
                "PMC7777777__orphan-diseases.tsv", "PMC7777777__orphan-genes.tsv",
            ])
        #expect(warnings.count == 2)
        #expect(
            warnings.allSatisfy {
                $0.message.contains("side file of no record (no record has figid 'PMC7777777__orphan')")
            })
        let genes = try #require(outcome.report.rows["gene"])
        #expect(genes.read == 3 && genes.exported == 1 && genes.orphaned == 2 && genes.balanced)
        #expect(outcome.report.rows["disease"]?.orphaned == 1 && outcome.report.rows["disease"]?.balanced == true)
        // A record named alone is no claim on the whole folder: its neighbours are not orphans.
        let single = try ExportDriver(try request([root + "/_figures/PMC1__a.md"])).run(diagnostic: { _ in })
        #expect(single.report.orphanSideFiles.files == 0)
    }

    // MARK: 3. Options

    @Test func createdMustBeACalendarDate() {
        for good in [
            "2026-11-26", "2024-02-29", "2000-02-29", "2026-11-26T10:00:00Z", "2026-11-26T23:59:59.5+02:00",
            "2026-11-26T00:00:00",
        ] {
            #expect(CalendarDate.kind(of: good) != nil, "\(good)")
        }
        for bad in [
            "2026-13-45", "2026-02-30", "2025-02-29", "1900-02-29", "2026-04-31", "2026-00-10", "2026-01-01T25:00:00Z",
            "2026-01-01T23:60:00", "2026-01-01T10:00:00+15:00", "2026-1-01", "26-11-2026", "",
        ] {
            #expect(CalendarDate.kind(of: bad) == nil, "\(bad)")
        }
        #expect(CalendarDate.kind(of: "2026-11-26") == .date)
        #expect(CalendarDate.kind(of: "2026-11-26T10:00:00Z") == .dateTime)
    }

    @Test func formatNamesTakeAliasesInAnyCase() {
        let names = [
            "ttl": "turtle", "Turtle": "turtle", "NT": "ntriples", "nt": "ntriples", "neo4j": "cypher-csv",
            "kgx": "kgx-jsonl", "KGX-JSONL": "kgx-jsonl", "cx1": "cx", "CX2": "cx2",
        ]
        for (given, canonical) in names { #expect(FormatRegistry.format(named: given)?.name == canonical, "\(given)") }
        #expect(FormatRegistry.format(named: "turtl") == nil)
    }

    @Test func prefixSetsAreListed() {
        #expect(Mapping.prefixSetNames() == ["bioregistry", "identifiers"])
    }

    @Test func anOptionNoChosenFormatUsesIsWarned() throws {
        var turtle = try request([TestPaths.examples], formats: ["turtle"], output: TestPaths.temporaryFolder("unused"))
        turtle.formatOptions = try FormatRegistry.optionValues(["cx-scope": "corpus", "created": "2026-11-26"])
        var warnings: [String] = []
        _ = try ExportDriver(turtle).run(diagnostic: { if $0.severity == .warning { warnings.append($0.description) } })
        // Only --cx-scope is warned about (the examples' unmapped organism names get their own warning).
        #expect(
            warnings.filter { $0.hasPrefix("--") } == [
                "--cx-scope:1: warning: no chosen format (turtle) uses this option; it is ignored"
            ])
    }

    // MARK: 4. Removed files

    @Test func reExportListsTheFilesItRemoved() throws {
        let folder = TestPaths.temporaryFolder("removed")
        _ = try TestExport.run([TestPaths.examples], formats: ["kgx-jsonl", "graphml"], output: folder)
        let again = try TestExport.run([TestPaths.examples], formats: ["graphml"], output: folder)
        #expect(again.outcome.report.removedFiles == ["kgx/edges.jsonl", "kgx/nodes.jsonl"])
        let written =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/report.json")))
            as? [String: Any]
        #expect(written?["removedFiles"] as? [String] == ["kgx/edges.jsonl", "kgx/nodes.jsonl"])
    }

    // MARK: 5. Progress

    @Test func progressLinesComeEveryTenSeconds() {
        var meter = ProgressMeter(style: .lines, start: 100)
        #expect(meter.update(done: 10, total: 100, now: 105) == nil)
        #expect(
            meter.update(done: 20, total: 100, now: 110) == "progress: 20 of 100 records (20%), 2 records/s, 40s left")
        #expect(meter.update(done: 30, total: 100, now: 115) == nil)
        #expect(
            meter.update(done: 60, total: 100, now: 120) == "progress: 60 of 100 records (60%), 3 records/s, 14s left")
        #expect(meter.update(done: 100, total: 100, now: 140) == nil)
        var bar = ProgressMeter(style: .bar, start: 0)
        let text = bar.update(done: 1000, total: 4000, now: 2)
        #expect(
            text?.hasPrefix("[#######-----------------------] 25% 1000/4000 records, 500 records/s, 6s left") == true)
        #expect(bar.update(done: 1001, total: 4000, now: 2.1) == nil)
        #expect(ProgressMeter.duration(3725) == "1h02m" && ProgressMeter.duration(187) == "3m07s")
    }

    // MARK: 6. Invocation and checksums

    @Test func reportRecordsTheInvocationAndChecksums() throws {
        var export = try request(
            [TestPaths.examples], formats: ["kgx-jsonl"], output: TestPaths.temporaryFolder("invocation"))
        export.arguments = ["export", TestPaths.examples, "--organism", "human"]
        export.options = ["organism": "human", "jobs": "2"]
        export.filter = RecordFilter(organisms: ["human"])
        let outcome = try ExportDriver(export).run(diagnostic: { _ in })
        let folder = try #require(export.outputPath)
        let report =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/report.json")))
            as? [String: Any]
        let invocation = try #require(report?["invocation"] as? [String: Any])
        #expect(invocation["arguments"] as? [String] == export.arguments)
        #expect((invocation["filters"] as? [String: Any])?["organisms"] as? [String] == ["human"])
        let mappings = try #require((invocation["mappings"] as? [String: Any])?["files"] as? [[String: String]])
        #expect(
            mappings.map { $0["file"] } == [
                "prefixes/identifiers.yaml", "vocabulary.yaml", "organisms.tsv", "gene-lexicons.tsv",
            ])
        let organisms = try [UInt8](Data(contentsOf: TestPaths.root.appendingPathComponent("Mappings/organisms.tsv")))
        #expect(mappings[2]["sha256"] == SHA256Digest.hexHash(organisms))
        let files = try #require(report?["files"] as? [[String: Any]])
        #expect(files.count == outcome.report.files.count && files.count == 2)
        for file in files {
            let path = folder + "/" + (file["path"] as? String ?? "")
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(file["sha256"] as? String == SHA256Digest.hexHash(bytes))
            #expect(file["bytes"] as? Int == bytes.count)
        }
        #expect(report?["recordsPerSecond"] is Int)
    }

    @Test func sha256KnownAnswers() {
        #expect(
            SHA256Digest.hexHash(Array("abc".utf8))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Digest.hexHash([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let message = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256Digest.hexHash(message) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let pieces = SHA256Digest()
        pieces.update(Array(message[..<7]))
        pieces.update(Array(message[7...]))
        #expect(pieces.finishHex() == SHA256Digest.hexHash(message))
    }

    @Test func verifyFindsTheChangedByte() throws {
        let run = try TestExport.run([TestPaths.examples], formats: ["kgx-jsonl", "graphml"])
        let good = try ExportVerifier.verify(folder: run.output)
        #expect(good.problems.isEmpty && good.checked == 3)
        try flipLastByte(run.output + "/kgx/nodes.jsonl")
        let bad = try ExportVerifier.verify(folder: run.output)
        #expect(bad.problems.count == 1)
        #expect(bad.problems.first?.location.file == run.output + "/kgx/nodes.jsonl")
        #expect(bad.problems.first?.message.contains("SHA-256") == true)
        #expect {
            _ = try ExportVerifier.verify(folder: TestPaths.temporaryFolder("no-report"))
        } throws: { ($0 as? ExportError)?.exitCode == 66 }
    }

    @Test func verifyChecksSummarisedFoldersThroughSHA256SUMS() throws {
        let count = ExportDriver.listedFilesPerFolder + 1
        var records: [String: String] = [:]
        // Human genes (an HGNC lexicon): a CX figure network keeps only genes with a taxon.
        for index in 0..<count {
            records[String(format: "PMC%04d__f.md", index)] = record(
                String(format: "PMC%04d__f", index), gene: "\(index + 1)"
            )
            .replacingOccurrences(of: "  entrez:", with: "  source: hgnc_symbol\n  entrez:")
        }
        let run = try TestExport.run([corpus(records)], formats: ["cx2"])
        #expect(run.outcome.report.folders.first?.files == count)
        let sums = try String(contentsOfFile: run.output + "/SHA256SUMS", encoding: .utf8)
        #expect(sums.split(separator: "\n").count == count)
        #expect(run.outcome.report.files.map(\.path) == ["SHA256SUMS"])
        let good = try ExportVerifier.verify(folder: run.output)
        #expect(good.problems.isEmpty && good.checked == count + 1)
        try flipLastByte(run.output + "/cx2/PMC0042__f.cx2")
        let bad = try ExportVerifier.verify(folder: run.output)
        #expect(bad.problems.map(\.location.file) == [run.output + "/cx2/PMC0042__f.cx2"])
    }

    func flipLastByte(_ path: String) throws {
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count - 1] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    // MARK: 7. Numbers

    @Test func reportLeavesOutZeroKindsAndRoundsTime() throws {
        let root = corpus(["PMC1__a.md": record("PMC1__a")])
        let run = try TestExport.run([root], formats: ["kgx-jsonl"])
        let text = try String(contentsOfFile: run.output + "/report.json", encoding: .utf8)
        let report = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let nodes = try #require(report?["nodes"] as? [String: Int])
        #expect(nodes["Chemical"] == nil && nodes["Disease"] == nil && nodes["Gene"] == 1)
        #expect((report?["rows"] as? [String: Any])?.keys.sorted() == ["gene"])
        let seconds = try #require(report?["elapsedSeconds"] as? Double)
        #expect((seconds * 1000).rounded() == seconds * 1000)
        let encoded = String(decoding: ExportDriver.encode(run.outcome.report), as: UTF8.self)
        #expect(!encoded.contains("\"Chemical\""))
        #expect(run.outcome.report.elapsedSeconds == (run.outcome.report.elapsedSeconds * 1000).rounded() / 1000)
    }
}
