import Foundation
import PFOCRTestSupport
import Testing

@testable import GMTExport

@Suite struct GMTExportTests {
    @Test func goldenAndDeterministic() throws {
        #expect(try Golden.check("gmt", formats: ["gmt"]) == [])
    }

    @Test func fieldsLoseTabsAndLineBreaks() {
        var out: [UInt8] = []
        #expect(GMTRenderer.appendField("a\tb\r\n\nc\u{2028}d e", to: &out) == 1)
        #expect(String(decoding: out, as: UTF8.self) == "a b c d e")
        out.removeAll()
        #expect(GMTRenderer.appendField("NF-κB “x”", to: &out) == 0)
        #expect(String(decoding: out, as: UTF8.self) == "NF-κB “x”")
    }

    @Test func fileNamesAsPFOCRs() {
        #expect(GMTSink.fileName("Homo sapiens", taxon: "9606") == "Homo_sapiens")
        #expect(
            GMTSink.fileName("Escherichia coli str. K-12 substr. MG1655", taxon: "511145")
                == "Escherichia_coli_str._K-12_substr._MG1655")
        #expect(GMTSink.fileName("../x y/", taxon: "1") == ".._x_y")
        #expect(GMTSink.fileName("人", taxon: "7") == "NCBITaxon_7")
    }

    /// Every line of every file: figid, title, then at least the minimum of distinct ids in
    /// the documented order; a set per (figure, taxon) the records give.
    @Test func linesFollowTheRules() throws {
        let run = try TestExport.run([TestPaths.examples], formats: ["gmt"], options: ["gmt-min-genes": "2"])
        let folder = run.output + "/gmt"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names.contains("pfocr-chemicals.gmt"))
        #expect(names.contains("pfocr-genes-Homo_sapiens.gmt"))
        for name in names {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            var figids: [String] = []
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                #expect(fields.count >= 4, "\(name): \(line)")
                figids.append(fields[0])
                let ids = Array(fields.dropFirst(2))
                #expect(Set(ids).count == ids.count)
                if name.hasPrefix("pfocr-genes-") {
                    #expect(ids.allSatisfy { Int($0) != nil })
                    #expect(ids.map { Int($0) ?? 0 } == ids.map { Int($0) ?? 0 }.sorted())
                } else {
                    #expect(ids.allSatisfy { $0.hasPrefix("CHEBI:") || $0.hasPrefix("MESH:") })
                }
            }
            #expect(figids == figids.sorted() && Set(figids).count == figids.count, "\(name): figid order")
        }
        let summary = try #require(run.outcome.report.sinks["gmt"])
        #expect(summary.counts["minimumSetSize"] == 2)
        #expect((summary.counts["genesWithoutTaxon"] ?? 0) == 2)
    }
}
