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
        var out: [UInt8] = []
        #expect(KGXTSVWriter.appendCell("PI3K", to: &out) == 0)
        #expect(KGXTSVWriter.appendCell("a\tb\nc\rd|e", to: &out) == 1)
        #expect(String(decoding: out, as: UTF8.self) == "PI3Ka b c d¦e")
    }

    /// One record, two dialects: a list is an array in JSON Lines and `|`-joined in TSV.
    @Test func oneRecordTwoDialects() throws {
        let mapping = try Mapping.bundled()
        let slots = KGXSlots.Table(mapping)
        var record = KGXRecord()
        record.append(slots.slot("id"), "NCBIGene:207")
        record.append(slots.slot("category"), .list(["biolink:Gene"]))
        record.append(slots.slot("xref"), .list([]))
        record.append(slots.slot("provided_by"), .list(["infores:pfocr", "infores:other"]))
        var json: [UInt8] = []
        _ = KGXJSONLinesWriter().append(record, of: .nodes, to: &json)
        #expect(
            String(decoding: json, as: UTF8.self)
                == #"{"id":"NCBIGene:207","category":["biolink:Gene"],"provided_by":["infores:pfocr","infores:other"]}"#
                + "\n")
        let tsvWriter = KGXTSVWriter(mapping: mapping)
        var tsv: [UInt8] = []
        _ = tsvWriter.append(record, of: .nodes, to: &tsv)
        let cells = String(decoding: tsv, as: UTF8.self).dropLast().split(
            separator: "\t", omittingEmptySubsequences: false)
        #expect(cells.count == tsvWriter.nodeColumns.count)
        #expect(Array(cells.prefix(6)) == ["NCBIGene:207", "biolink:Gene", "", "", "", "infores:pfocr|infores:other"])
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
