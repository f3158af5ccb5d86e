import Foundation
import PFOCRGraph
import PFOCRTestSupport
import Testing

@testable import KGXExport

@Suite struct KGXExportTests {
    @Test func goldenAndDeterministicJSONLines() throws {
        #expect(try Golden.check("kgx-jsonl", formats: ["kgx-jsonl"]) == [])
    }

    @Test func goldenAndDeterministicTSV() throws {
        #expect(try Golden.check("kgx-tsv", formats: ["kgx-tsv"]) == [])
    }

    /// Every field the KGX format requires, on every line; no dangling edge; papers as
    /// `PMCID:`, figures as `biolink:Publication`; mentions cite the figure's paper.
    @Test func requiredFieldsAndNoDanglingEdges() throws {
        let run = try TestExport.run([TestPaths.examples], formats: ["kgx-jsonl"])
        let nodes = try lines(run.output + "/kgx/nodes.jsonl")
        let edges = try lines(run.output + "/kgx/edges.jsonl")
        var ids = Set<String>()
        for node in nodes {
            let id = try #require(node["id"] as? String)
            #expect(isCURIE(id), "\(id)")
            #expect(!id.hasPrefix("PMC:"), "\(id)")
            #expect(ids.insert(id).inserted, "duplicate node \(id)")
            let categories = try #require(node["category"] as? [String])
            #expect(categories.allSatisfy { $0.hasPrefix("biolink:") })
            if id.hasPrefix("PFOCR:") { #expect(categories == ["biolink:Publication"]) }
            #expect(node["in_taxon"] == nil, "a gene's taxon is its in_taxon edge")
        }
        let expectedNodes = 14 + 13 + 41 + 13 + 7 + 4  // figures, papers, genes, chemicals, diseases, organisms
        #expect(nodes.count == expectedNodes)
        var papers: [String: String] = [:]
        for edge in edges where edge["predicate"] as? String == "biolink:part_of" {
            papers[edge["subject"] as? String ?? ""] = edge["object"] as? String
        }
        for edge in edges {
            for key in ["subject", "predicate", "object", "knowledge_level", "agent_type", "primary_knowledge_source"] {
                #expect(edge[key] is String, "missing \(key)")
            }
            let subject = edge["subject"] as? String ?? ""
            let object = edge["object"] as? String ?? ""
            let predicate = edge["predicate"] as? String ?? ""
            #expect(ids.contains(subject))
            #expect(ids.contains(object))
            #expect(predicate.hasPrefix("biolink:"))
            if predicate == "biolink:mentions" {
                #expect(edge["publications"] as? [String] == [papers[subject] ?? "?"])
                #expect((edge["supporting_text"] as? [String])?.count == edge["evidence_count"] as? Int)
            }
        }
        let geneMentions = edges.filter { edge in
            let predicate = edge["predicate"] as? String ?? ""
            let object = edge["object"] as? String ?? ""
            return predicate == "biolink:mentions" && object.hasPrefix("NCBIGene:")
        }
        #expect(geneMentions.count == 44)
    }

    /// Every slot a record can have is a plain snake-case name, which the JSON Lines writer
    /// spells without escaping.
    @Test func slotNamesNeedNoEscaping() throws {
        let mapping = try Mapping.bundled()
        for slot in KGXSlots.nodeColumns(mapping) + KGXSlots.edgeColumns(mapping) {
            #expect(!slot.isEmpty && slot.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F }, "\(slot)")
        }
    }

    /// The TSV columns hold every slot a record has (the writer has no other place for one).
    @Test func tsvColumnsCoverEveryRecordSlot() throws {
        let mapping = try Mapping.bundled()
        let run = try TestExport.run([TestPaths.examples], formats: ["kgx-jsonl"])
        let nodeColumns = Set(KGXSlots.nodeColumns(mapping))
        let edgeColumns = Set(KGXSlots.edgeColumns(mapping))
        for node in try lines(run.output + "/kgx/nodes.jsonl") {
            #expect(Set(node.keys).isSubset(of: nodeColumns), "\(Set(node.keys).subtracting(nodeColumns))")
        }
        for edge in try lines(run.output + "/kgx/edges.jsonl") {
            #expect(Set(edge.keys).isSubset(of: edgeColumns), "\(Set(edge.keys).subtracting(edgeColumns))")
        }
    }

    /// A TSV cell cannot quote: tab, CR and LF become spaces, `|` (KGX's list separator)
    /// becomes `¦`, and the value is counted as cleaned.
    @Test func tsvCellsAreCleaned() {
        #expect(tsvCell("PI3K") == ("PI3K", false))
        #expect(tsvCell("a\tb\nc\rd|e") == ("a b c d¦e", true))
        #expect(tsvCell("sixteen bytes ok|") == ("sixteen bytes ok¦", true))
    }

    func tsvCell(_ text: String) -> (String, Bool) {
        var line = ByteBuffer()
        var copy = text
        let cleaned = copy.withUTF8 { KGXTSVWriter.appendText($0, to: &line) }
        return (String(decoding: line.bytes, as: UTF8.self), cleaned)
    }

    /// One record, two dialects: a list is an array in JSON Lines and `|`-joined in TSV, an
    /// absent value or empty list is no key and an empty cell, and a `|` in a TSV value is
    /// cleaned and counted.
    @Test func oneRecordTwoDialects() throws {
        let mapping = try Mapping.bundled()
        let builder = KGXRecordBuilder(mapping: mapping)
        let json = KGXLineWriter(builder: builder, writer: KGXJSONLinesWriter())
        let tsvWriter = KGXTSVWriter(mapping: mapping)
        let tsv = KGXLineWriter(builder: builder, writer: tsvWriter)
        let gene = GraphNode(
            kind: .gene, id: Identifier(.ncbigene, "207"), name: "AKT1",
            properties: [Property("symbol", .string("AKT1|x")), Property("ncbiGeneID", .string("207"))])
        #expect(
            line(gene, json)
                == (
                    #"{"id":"NCBIGene:207","category":["biolink:Gene"],"name":"AKT1","provided_by":["infores:pfocr"],"#
                        + #""iri":"https://identifiers.org/ncbigene/207","symbol":"AKT1|x"}"# + "\n", 0
                ))
        let (geneRow, geneCleaned) = line(gene, tsv)
        let geneCells = cells(geneRow)
        #expect(geneCleaned == 1)
        #expect(geneCells.count == tsvWriter.nodeColumns.count)
        #expect(geneCells.prefix(6) == ["NCBIGene:207", "biolink:Gene", "AKT1", "", "", "infores:pfocr"])
        #expect(geneCells[tsvWriter.nodeColumns.firstIndex(of: "symbol") ?? 0] == "AKT1¦x")

        let paper = GraphNode(
            kind: .paper, id: Identifier(.pmc, "PMC1"), name: "A \"paper\"",
            properties: [Property("keywords", .stringList(["a", "b"])), Property("doi", .string("10.1/x"))])
        #expect(
            line(paper, json).0
                == #"{"id":"PMCID:PMC1","category":["biolink:Publication"],"name":"A \"paper\"","xref":["doi:10.1/x"],"#
                + #""provided_by":["infores:pfocr"],"iri":"https://identifiers.org/pmc/PMC1","#
                + #""publication_type":["fabio:JournalArticle"],"keywords":["a","b"]}"# + "\n")
        let paperCells = cells(line(paper, tsv).0)
        #expect(paperCells[tsvWriter.nodeColumns.firstIndex(of: "keywords") ?? 0] == "a|b")
        #expect(paperCells[tsvWriter.nodeColumns.firstIndex(of: "xref") ?? 0] == "doi:10.1/x")
        #expect(paperCells[tsvWriter.nodeColumns.firstIndex(of: "symbol") ?? 0] == "")
    }

    /// An edge's line: its id names the target's kind in a shared namespace (MeSH), and the
    /// MENTIONS lists are spelled from the evidence rows as ``GraphEdge/value(_:)`` makes them.
    @Test func edgeLines() throws {
        let mapping = try Mapping.bundled()
        let builder = KGXRecordBuilder(mapping: mapping)
        let json = KGXLineWriter(builder: builder, writer: KGXJSONLinesWriter())
        let tsvWriter = KGXTSVWriter(mapping: mapping)
        let tsv = KGXLineWriter(builder: builder, writer: tsvWriter)
        let edge = GraphEdge(
            kind: .mentions, source: Identifier(.figure, "PMC1__F1"), sourceKind: .figure,
            target: Identifier(.mesh, "D1"), targetKind: .chemical,
            evidence: [
                MentionEvidence(word: "glu|cose", matchedTerm: nil, source: nil),
                MentionEvidence(word: "Glc", matchedTerm: "glucose", source: "MeSH"),
            ])
        var out = ByteBuffer()
        _ = json.appendEdge(edge, paper: Identifier(.pmc, "PMC1"), to: &out)
        #expect(
            String(decoding: out.bytes, as: UTF8.self)
                == #"{"id":"PFOCR:PMC1__F1--biolink:mentions--MESH:D1--chemical","subject":"PFOCR:PMC1__F1","#
                + #""predicate":"biolink:mentions","object":"MESH:D1","knowledge_level":"knowledge_assertion","#
                + #""agent_type":"image_processing_agent","primary_knowledge_source":"infores:pfocr","#
                + #""publications":["PMCID:PMC1"],"supporting_text":["glu|cose","Glc"],"evidence_count":2}"# + "\n")
        out = ByteBuffer()
        let cleaned = tsv.appendEdge(edge, paper: nil, to: &out)
        let row = cells(String(decoding: out.bytes, as: UTF8.self))
        #expect(cleaned == 1)
        #expect(row.count == tsvWriter.edgeColumns.count)
        #expect(row[tsvWriter.edgeColumns.firstIndex(of: "supporting_text") ?? 0] == "glu¦cose|Glc")
        #expect(row[tsvWriter.edgeColumns.firstIndex(of: "evidence_count") ?? 0] == "2")
        #expect(row[tsvWriter.edgeColumns.firstIndex(of: "publications") ?? 0] == "")
    }

    func line<Writer>(_ node: GraphNode, _ writer: KGXLineWriter<Writer>) -> (String, Int) {
        var out = ByteBuffer()
        let cleaned = writer.appendNode(node, to: &out)
        return (String(decoding: out.bytes, as: UTF8.self), cleaned)
    }

    func cells(_ row: String) -> [Substring] {
        row.dropLast().split(separator: "\t", omittingEmptySubsequences: false)
    }

    func lines(_ path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    func isCURIE(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        return !text[..<colon].isEmpty && !text[text.index(after: colon)...].isEmpty && !text.contains(" ")
    }
}
