import Foundation
import PFOCRTestSupport
import Testing

@Suite struct KGXExportTests {
    @Test func goldenAndDeterministic() throws {
        #expect(try Golden.check("kgx-jsonl", formats: ["kgx-jsonl"]) == [])
    }

    /// Every field the KGX format requires, on every line; no dangling edge.
    @Test func requiredFieldsAndNoDanglingEdges() throws {
        let run = try TestExport.run([TestPaths.examples], formats: ["kgx-jsonl"])
        let nodes = try lines(run.output + "/kgx/nodes.jsonl")
        let edges = try lines(run.output + "/kgx/edges.jsonl")
        var ids = Set<String>()
        for node in nodes {
            let id = try #require(node["id"] as? String)
            #expect(isCURIE(id), "\(id)")
            #expect(ids.insert(id).inserted, "duplicate node \(id)")
            let categories = try #require(node["category"] as? [String])
            #expect(categories.allSatisfy { $0.hasPrefix("biolink:") })
        }
        let expectedNodes = 14 + 13 + 41 + 13 + 7 + 4  // figures, papers, genes, chemicals, diseases, organisms
        #expect(nodes.count == expectedNodes)
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
        }
        let geneMentions = edges.filter { edge in
            let predicate = edge["predicate"] as? String ?? ""
            let object = edge["object"] as? String ?? ""
            return predicate == "biolink:mentions" && object.hasPrefix("NCBIGene:")
        }
        #expect(geneMentions.count == 44)
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
