import Foundation
import PFOCRTestSupport
import Testing

@testable import PFOCRGraph

/// Per-figure files written on the worker threads (``FilePrewriter``) reach the export only
/// when the consumer adopts them, under the name the sink gives, listed and checked like any
/// other file.
struct PrewrittenFileTests {
    @Test func adoptedFilesAreListedAndOthersLeaveNoTrace() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = try OutputDirectory(path: folder, force: false)
        let writer = try #require(output.prewriter)
        var fragment = FigureFragment()
        fragment.bytes += Array("{\"a\":1}".utf8)
        fragment.endWholeFile(file: 0, tally: SIMD4(1, 0, 0, 0))
        fragment.bytes += Array("{\"b\":2}".utf8)
        fragment.endWholeFile(file: 0)
        fragment.bytes += Array("tail".utf8)
        fragment.endSegment(file: 0)
        #expect(fragment.segments.count == 3, "whole files are never merged")
        fragment.prewriteWholeFiles(with: writer, key: 7)
        let first = try #require(fragment.prewritten(0))
        #expect(fragment.prewritten(1) != nil)
        #expect(fragment.prewritten(2) == nil, "only whole files are prewritten")
        #expect(first.size == 7 && first.sha256 == SHA256Digest.hexHash(Array("{\"a\":1}".utf8)))

        try output.adopt(first, as: "cx2/a.cx2")
        let listing = try output.commit { _ in Array("{}".utf8) }
        #expect(listing.written.map(\.path) == ["cx2/a.cx2"])
        #expect(listing.written.first?.bytes == 7)
        #expect(listing.written.first?.sha256 == first.sha256)
        #expect(FileManager.default.contents(atPath: folder + "/cx2/a.cx2") == Data("{\"a\":1}".utf8))
        // The file not adopted went with the staging folder.
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(left == [".pfocr-kg-manifest", "cx2", "report.json"], "\(left)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/cx2") == ["a.cx2"])
    }

    /// Compressed files are compressed as the consumer writes them: nothing is prewritten.
    @Test func compressedExportsDoNotPrewrite() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = try OutputDirectory(path: folder, force: false, compression: .gzip)
        #expect(output.prewriter == nil)
        output.discard()
    }

    /// A rejected duplicate figid's network, written by a worker, is not in the export: the
    /// first record's file is, with the first record's content, and nothing else.
    @Test func aRejectedFiguresFilesAreNotExported() throws {
        let root = TestPaths.temporaryFolder("duplicate")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/_figures", withIntermediateDirectories: true)
        for (name, gene) in [("PMC6__good", "4"), ("PMC7__dup", "5")] {
            let text = """
                ---
                figid: PMC6__good
                organisms: Homo sapiens
                genes:
                - word: G\(gene)
                  source: hgnc_symbol
                  hgnc_symbol: G\(gene)
                  entrez: '\(gene)'
                ---

                """
            _ = FileManager.default.createFile(atPath: root + "/_figures/\(name).md", contents: Data(text.utf8))
        }
        for jobs in [1, 2] {
            let run = try TestExport.run([root], formats: ["cx2"], jobs: jobs)
            defer { try? FileManager.default.removeItem(atPath: run.output) }
            #expect(run.outcome.report.records.rejected == 1)
            let files = try FileManager.default.contentsOfDirectory(atPath: run.output + "/cx2")
            #expect(files == ["PMC6__good.cx2"], "\(files)")
            let network = try String(contentsOfFile: run.output + "/cx2/PMC6__good.cx2", encoding: .utf8)
            #expect(network.contains("\"G4\"") && !network.contains("\"G5\""))
            let left = try FileManager.default.contentsOfDirectory(atPath: run.output)
            #expect(!left.contains { $0.hasPrefix(".pfocr-kg-staging") }, "\(left)")
        }
    }
}
