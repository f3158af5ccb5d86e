import Foundation
import PFOCRRecords
import PFOCRTestSupport
import Testing

@testable import PFOCRGraph

@Suite struct ExportDriverTests {
    /// A corpus with one record of each broken kind among good ones.
    func brokenCorpus() -> String {
        let root = TestPaths.temporaryFolder("broken")
        let figures = root + "/_figures"
        let data = root + "/_data"
        try? FileManager.default.createDirectory(atPath: figures, withIntermediateDirectories: true)
        try? FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        func write(_ path: String, _ text: String) {
            _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        }
        write(
            figures + "/PMC1__good.md", "---\nfigid: PMC1__good\npmcid: PMC1\ngenes:\n- word: A\n  entrez: '1'\n---\n")
        write(figures + "/PMC2__yaml.md", "---\nfigid: PMC2__yaml\ncaption: [oops\n---\n")
        write(figures + "/PMC3__nofigid.md", "---\ncaption: x\n---\n")
        write(figures + "/PMC4__empty.md", "")
        write(figures + "/PMC5__ragged.md", "---\nfigid: PMC5__ragged\npmcid: PMC5\n---\n")
        write(data + "/PMC5__ragged-genes.tsv", "word\tncbigene_id\nB\t2\nC\n")
        write(figures + "/PMC6__good.md", "---\nfigid: PMC6__good\ngenes:\n- word: D\n  entrez: '4'\n---\n")
        write(figures + "/PMC7__dup.md", "---\nfigid: PMC6__good\ngenes:\n- word: E\n  entrez: '5'\n---\n")
        return root
    }

    @Test func badInputGivesOneDiagnosticEachAndExportsTheRest() throws {
        let run = try TestExport.run([brokenCorpus()], formats: ["kgx-jsonl"])
        #expect(run.outcome.exitCode == 65)
        let errors = run.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 5, "\(errors)")
        #expect(errors.allSatisfy { $0.location.file.hasSuffix(".md") || $0.location.file.hasSuffix(".tsv") })
        #expect(errors.allSatisfy { $0.location.line > 0 || $0.message.contains("empty") })
        let report = run.outcome.report
        #expect(report.records.exported == 3)
        #expect(report.records.rejected == 4)
        #expect(report.rows["gene"]?.balanced == true)
        #expect(report.rows["gene"]?.rejected["ragged row"] == 1)
        #expect(report.rows["gene"]?.rejected["duplicate figid"] == 1)
        let nodes = try String(contentsOfFile: run.output + "/kgx/nodes.jsonl", encoding: .utf8)
        #expect(nodes.contains("NCBIGene:1") && nodes.contains("NCBIGene:2") && nodes.contains("NCBIGene:4"))
        #expect(!nodes.contains("NCBIGene:5"))
    }

    @Test func strictModeWritesNothing() throws {
        let run = try TestExport.run([brokenCorpus()], formats: ["kgx-jsonl"], strict: true)
        #expect(run.outcome.exitCode == 65)
        let left = try FileManager.default.contentsOfDirectory(atPath: run.output)
        #expect(left.isEmpty, "\(left)")
    }

    @Test func outputFolderRules() throws {
        let foreign = TestPaths.temporaryFolder("foreign")
        _ = FileManager.default.createFile(atPath: foreign + "/notes.txt", contents: Data("mine".utf8))
        #expect {
            _ = try TestExport.run([TestPaths.examples], formats: ["kgx-jsonl"], output: foreign)
        } throws: { ($0 as? ExportError)?.exitCode == 64 }
        #expect(FileManager.default.fileExists(atPath: foreign + "/notes.txt"))

        // An earlier export is replaced: files it wrote and this one does not are removed,
        // a user's file is kept, stale staging folders are cleaned.
        let folder = TestPaths.temporaryFolder("replace")
        _ = try TestExport.run([TestPaths.examples], formats: ["kgx-jsonl"], output: folder)
        try FileManager.default.createDirectory(
            atPath: folder + "/.pfocr-kg-staging-99999", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: folder + "/kgx/user-notes.txt", contents: Data("keep".utf8))
        let manifest = try String(contentsOfFile: folder + "/.pfocr-kg-manifest", encoding: .utf8)
        try (manifest + "old/gone.txt\n").write(
            toFile: folder + "/.pfocr-kg-manifest", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: folder + "/old", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: folder + "/old/gone.txt", contents: Data("x".utf8))
        let again = try TestExport.run([TestPaths.examples], formats: ["kgx-jsonl"], output: folder)
        #expect(again.outcome.exitCode == 0)
        let entries = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
        #expect(entries == [".pfocr-kg-manifest", "kgx", "report.json"])
        #expect(FileManager.default.fileExists(atPath: folder + "/kgx/user-notes.txt"))
    }

    @Test func filtersExcludeAndCount() throws {
        var request = ExportRequest(
            inputs: [TestPaths.examples], formats: [], outputPath: nil, jobs: 2, mapping: try Mapping.bundled(),
            toolVersion: "test")
        request.filter = RecordFilter(organisms: ["Drosophila melanogaster"])
        let fly = try ExportDriver(request).run(diagnostic: { _ in })
        #expect(fly.report.records.exported == 1)
        #expect(fly.report.records.excludedByFilter == 13)
        #expect(fly.report.rows["gene"]?.balanced == true)
        // The fly figure's genes of other taxa are left out by default, counted with a reason.
        let flyGenes = try #require(fly.report.rows["gene"])
        let otherTaxa = flyGenes.excludedByReason[GraphBuilder.excludedOtherTaxon] ?? 0
        // Its two gene rows have no lexicon taxon (Examples/README.md): left out as taxon-less.
        #expect(flyGenes.excludedByReason[GraphBuilder.excludedNoTaxon] == 2)
        #expect(
            flyGenes.excluded == otherTaxa + 2
                + (flyGenes.excludedByReason[ExportReport.RowBalance.excludedRecord] ?? 0))
        request.filter = RecordFilter(organisms: ["Drosophila melanogaster"], keepAllGenes: true)
        let flyAll = try ExportDriver(request).run(diagnostic: { _ in })
        #expect(flyAll.report.rows["gene"]?.exported == flyGenes.exported + otherTaxa + 2)
        #expect(flyAll.report.rows["gene"]?.excludedByReason[GraphBuilder.excludedOtherTaxon] == nil)
        request.filter = RecordFilter(yearFrom: 2023, yearTo: 2023)
        let recent = try ExportDriver(request).run(diagnostic: { _ in })
        #expect(recent.report.records.exported == 3)
    }

    @Test func conservationHoldsOnExamples() throws {
        let run = try TestExport.run([TestPaths.examples], formats: [], jobs: 2)
        for kind in ["gene", "chemical", "disease"] {
            let rows = try #require(run.outcome.report.rows[kind])
            #expect(rows.balanced)
            #expect(rows.read == rows.exported + rows.unidentified + rows.rejectedTotal + rows.excluded)
        }
        #expect(run.outcome.report.ignoredSideFiles.files == 2)
        #expect(run.outcome.report.unmappedOrganisms == ["Dysidea avara": 1])
    }

    @Test func noInputIsExit66() throws {
        let empty = TestPaths.temporaryFolder("empty")
        #expect {
            _ = try TestExport.run([empty], formats: [])
        } throws: { ($0 as? ExportError)?.exitCode == 66 }
    }
}

@Suite struct ReportFileListTests {
    @Test func largeFoldersAreSummarisedOthersListed() {
        var report = ExportReport(
            version: "test", inputs: [], formats: [], prefixSet: "identifiers", jobs: 1, strict: false)
        let perFigure = (0...ExportDriver.listedFilesPerFolder).map {
            OutputDirectory.WrittenFile(path: "cx2/f\($0).cx2", bytes: 10, sha256: "h\($0)")
        }
        let top = [
            OutputDirectory.WrittenFile(path: "pfocr.ttl", bytes: 5, sha256: "a"),
            .init(path: "kgx/nodes.jsonl", bytes: 7, sha256: "b"),
        ]
        ExportDriver.describeFiles(top + perFigure, in: &report)
        #expect(report.files.map(\.path) == ["pfocr.ttl", "kgx/nodes.jsonl"])
        #expect(report.files.map(\.sha256) == ["a", "b"])
        #expect(report.folders.map(\.path) == ["cx2"])
        #expect(report.folders.first?.files == ExportDriver.listedFilesPerFolder + 1)
        #expect(report.folders.first?.bytes == 10 * (ExportDriver.listedFilesPerFolder + 1))
        #expect(report.folders.first?.checksums == "SHA256SUMS")
        // The checksums of the summarised folder's files, and only those, go to SHA256SUMS.
        let list = String(decoding: ExportDriver.checksumList(top + perFigure) ?? [], as: UTF8.self)
        #expect(list.split(separator: "\n").count == ExportDriver.listedFilesPerFolder + 1)
        #expect(list.hasPrefix("h0  cx2/f0.cx2\n"))
        #expect(ExportDriver.checksumList(top) == nil)
    }
}
