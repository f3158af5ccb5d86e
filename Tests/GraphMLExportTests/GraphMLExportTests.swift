import Foundation
import PFOCRGraph
import PFOCRTestSupport
import Testing

@testable import GraphMLExport

/// The GraphML XSD (local copies whose imports resolve offline), when `../shared` is present.
let graphMLSchema: String? = {
    let path = TestPaths.root.deletingLastPathComponent().appendingPathComponent("shared/schemas/graphml/graphml.xsd")
        .path
    return FileManager.default.fileExists(atPath: path) ? path : nil
}()

@Suite("GraphML export")
struct GraphMLExportTests {
    @Test("Examples export equals the golden file at --jobs 1 and 2")
    func golden() throws {
        #expect(try Golden.check("graphml", formats: ["graphml"]) == [])
    }

    @Test(
        "Examples export is valid against the GraphML XSD (libxml2 in-process)",
        .enabled(if: graphMLSchema != nil, "../shared/schemas/graphml/graphml.xsd is absent: schema validation skipped")
    )
    func examplesAreSchemaValid() throws {
        let run = try TestExport.run([TestPaths.examples], formats: ["graphml"])
        #expect(run.outcome.exitCode == 0)
        #expect(LibXML2Reading.validate(run.output + "/pfocr.graphml", schema: try #require(graphMLSchema)) == [])
    }

    @Test(
        "The shared sample is XSD-valid and holds every node and edge the report counts",
        .enabled(if: TestPaths.sharedSample != nil, "../shared/pfocr-sample is absent: real-record checks skipped"),
        .enabled(if: graphMLSchema != nil, "../shared/schemas/graphml/graphml.xsd is absent: schema validation skipped")
    )
    func sharedSample() throws {
        let sample = try #require(TestPaths.sharedSample)
        let run = try TestExport.run([sample], formats: ["graphml"], jobs: 2)
        let path = run.output + "/pfocr.graphml"
        #expect(LibXML2Reading.validate(path, schema: try #require(graphMLSchema)) == [])
        let document = try #require(LibXML2Reading.read(path))
        let report = run.outcome.report

        // Node counts per kind and edge counts per type equal the report's.
        var nodeKinds: [String: Int] = [:]
        for node in document.nodes { nodeKinds[node.value("kind") ?? "?", default: 0] += 1 }
        // The report lists every kind, with 0 for kinds the corpus does not reach.
        #expect(nodeKinds == report.nodes.filter { $0.value > 0 })
        var edgeLabels: [String: Int] = [:]
        for edge in document.edges { edgeLabels[edge.value("label") ?? "?", default: 0] += 1 }
        #expect(edgeLabels == report.edges.filter { $0.value > 0 })
        // The sample's 34 figures reach 1,118 distinct NCBI Gene ids (pfocr_counts.py agrees).
        #expect(nodeKinds["Figure"] == 34)
        #expect(nodeKinds["Gene"] == 1118)
        #expect(report.sinks["graphml"]?.counts["nodes"] == document.nodes.count)
        #expect(report.sinks["graphml"]?.counts["edges"] == document.edges.count)
        #expect(report.sinks["graphml"]?.counts["removedCharacters"] == 0)
        checkStructure(document)
    }

    @Test(
        "Control characters, markup, quotes, astral-plane characters and odd figids give a valid file",
        .enabled(if: graphMLSchema != nil, "../shared/schemas/graphml/graphml.xsd is absent: schema validation skipped")
    )
    func adversarialText() throws {
        let corpus = try AdversarialCorpus.write()
        let run = try TestExport.run([corpus], formats: ["graphml"])
        #expect(run.outcome.exitCode == 0)
        let path = run.output + "/pfocr.graphml"
        #expect(LibXML2Reading.validate(path, schema: try #require(graphMLSchema)) == [])
        let document = try #require(LibXML2Reading.read(path))
        checkStructure(document)
        #expect(document.nodes.count == 10)
        #expect(document.edges.count == run.outcome.report.edges.values.reduce(0, +))

        let figure = try #require(document.nodes.first { $0.value("figid") == AdversarialCorpus.oddFigid })
        // The figid with space, #, &, < and > is an encoded name token; the text is intact.
        #expect(figure.id == "figure:PMC9000001__fig:201:23a:26b:3Cc:3E")
        #expect(figure.value("iri") == "https://pfocr.wikipathways.org/figures/PMC9000001__fig%201%23a&b%3Cc%3E.html")
        // Only the forbidden characters are gone: quotes, backslash, tab, markup, astral kept.
        #expect(figure.value("title") == AdversarialCorpus.titleWithoutForbidden)
        #expect(figure.value("name") == AdversarialCorpus.titleWithoutForbidden)
        // CR survives as &#13; (a raw CR would be read back as LF); `]]>` is harmless.
        #expect(figure.value("caption") == "line1\nline2\r\nline3 ]]> end")
        let paper = try #require(document.nodes.first { $0.id == "pmc:PMC9000001" })
        #expect(paper.value("title") == "Paper <b>bold</b> & \"title\"")
        #expect(paper.value("doi") == "10.1000/a b#c")
        #expect(paper.value("year") == "2013")
        let chemical = try #require(document.nodes.first { $0.id == "chemical.mesh:D002118" })
        #expect(chemical.value("name") == "Ca2+ \u{1F600}")

        // Evidence lists are JSON array text; the control character of a word is removed.
        let egfr = try #require(document.edges.first { $0.target == "ncbigene:1956" })
        #expect(egfr.value("words") == #"["A&B<C>\"D\""]"#)
        let tp53 = try #require(document.edges.first { $0.source == figure.id && $0.target == "ncbigene:7157" })
        #expect(tp53.value("words") == #"["TP53"]"#)
        let sideFileMention = try #require(
            document.edges.first { $0.source == "figure:PMC9000002__g2" && $0.target == "ncbigene:7157" })
        #expect(sideFileMention.value("words") == "[\"XY<&>\\\"\u{1F600}\"]")

        // 5 in the title, 5 in the name (the title again), 1 in each of two OCR words.
        #expect(run.outcome.report.sinks["graphml"]?.counts["removedCharacters"] == 12)
        #expect(run.outcome.report.sinks["graphml"]?.notes.count == 1)
    }

    /// Keys declared once with the right ids, every node once, nodes before the edges that use
    /// them, `label` first on every edge, `labels`/`kind`/`name`/`iri` on every node.
    private func checkStructure(_ document: LibXML2Reading.Document) {
        #expect(document.edgeDefault == "directed")
        let keyIDs = document.keys.map(\.id)
        #expect(Set(keyIDs).count == keyIDs.count)
        #expect(document.keys.allSatisfy { $0.id == $0.name })
        var declared = Set<String>()
        for node in document.nodes {
            #expect(declared.insert(node.id).inserted, "node \(node.id) written twice")
            #expect(node.data.first?.key == "labels")
            #expect(node.value("labels") == ":" + (node.value("kind") ?? "?"))
            #expect(node.value("name")?.isEmpty == false)
            #expect(node.value("iri")?.hasPrefix("http") == true)
            #expect(node.id.utf8.allSatisfy { GraphMLNodeID.isPlain($0) || $0 == UInt8(ascii: ":") })
        }
        // Document order: an edge's nodes come before it.
        var seen = Set<String>()
        var nodeIndex = 0
        var edgeIndex = 0
        for child in document.graphChildren {
            if child == "node" {
                seen.insert(document.nodes[nodeIndex].id)
                nodeIndex += 1
            } else if child == "edge" {
                let edge = document.edges[edgeIndex]
                #expect(
                    seen.contains(edge.source) && seen.contains(edge.target),
                    "edge \(edge.source) → \(edge.target) before its nodes")
                #expect(edge.data.first?.key == "label")
                edgeIndex += 1
            }
        }
        for data in document.nodes.flatMap(\.data) + document.edges.flatMap(\.data) {
            #expect(keyIDs.contains(data.key))
        }
    }
}
