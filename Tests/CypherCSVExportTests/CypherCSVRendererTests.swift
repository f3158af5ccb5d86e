import PFOCRGraph
import Testing

@testable import CypherCSVExport

/// The renderer reads values in place (node properties by column, MENTIONS lists from the
/// evidence rows); these check that what it writes is what the values ``GraphNode/value(_:)``
/// and ``GraphEdge/value(_:)`` give would write.
@Suite struct CypherCSVRendererTests {
    /// A figure's rows as the renderer writes them, against rows spelled from the values by
    /// name: properties out of column order, a stored MENTIONS property, empty evidence,
    /// special characters in ids, names, lists and evidence.
    @Test func rowsAreTheValuesByName() throws {
        let mapping = try Mapping.bundled()
        let tables = try CypherTables(vocabulary: mapping.vocabulary)
        let renderer = CypherCSVRenderer(tables: tables, prefixes: mapping.prefixes)
        let figure = GraphNode(
            kind: .figure, id: Identifier(.figure, "PMC1__f\"1\\"), name: "A \"title\"\r\nnext",
            properties: [
                Property("pathwayScore", .double(0.5)),
                Property("title", .string("T\u{2028}x")),
                Property("organisms", .stringList(["Homo sapiens", "a\u{1F}b", "c\\"])),
                Property("pmcRankedResultIndex", .integer(12345)),
            ])
        let gene = GraphNode(
            kind: .gene, id: Identifier(.ncbigene, "7\"2"), name: "G",
            properties: [Property("symbol", .string("SYM")), Property("ncbiGeneID", .string("72"))])
        let paper = GraphNode(kind: .paper, id: Identifier(.pmc, "PMC1"), name: "P", properties: [])
        let edges = [
            GraphEdge(
                kind: .partOf, source: figure.id, sourceKind: .figure, target: paper.id, targetKind: .paper),
            GraphEdge(
                kind: .mentions, source: figure.id, sourceKind: .figure, target: gene.id, targetKind: .gene,
                properties: [Property("sources", .stringList(["stored"]))],
                evidence: [
                    MentionEvidence(word: "w\n1", matchedTerm: "m\"1", source: nil),
                    MentionEvidence(word: "w2\u{1F}", matchedTerm: nil, source: "s2\\"),
                ]),
            GraphEdge(
                kind: .mentions, source: figure.id, sourceKind: .figure, target: gene.id, targetKind: .gene),
        ]
        let subgraph = FigureSubgraph(figure: figure, nodes: [paper, gene], edges: edges)
        var fragment = FigureFragment()
        renderer.render(subgraph, into: &fragment)

        var expected: [(file: Int, text: String, tally: SIMD4<Int>)] = []
        for node in [figure, paper, gene] {
            var fields = CSVFieldWriter()
            var out: [UInt8] = []
            fields.appendText(node.kind == .figure ? node.id.local : mapping.prefixes.curie(node.id), to: &out)
            out += Array(",\"\(tables.nodes[node.kind.order].label)\",".utf8)
            fields.appendText(node.name, to: &out)
            for property in tables.nodes[node.kind.order].properties {
                out.append(UInt8(ascii: ","))
                if let value = node.value(property.name) { append(value, &fields, &out) }
            }
            out.append(UInt8(ascii: "\n"))
            expected.append((node.kind.order, String(decoding: out, as: UTF8.self), fields.takeTally(rows: 1)))
        }
        for edge in edges {
            let table = try #require(tables.relationshipIndex(edge.kind, edge.targetKind))
            var fields = CSVFieldWriter()
            var out: [UInt8] = []
            fields.appendText(edge.source.local, to: &out)
            out.append(UInt8(ascii: ","))
            fields.appendText(mapping.prefixes.curie(edge.target), to: &out)
            out += Array(",\"\(tables.relationships[table].type)\"".utf8)
            for property in tables.relationships[table].properties {
                out.append(UInt8(ascii: ","))
                if let value = edge.value(property.name) { append(value, &fields, &out) }
            }
            out.append(UInt8(ascii: "\n"))
            expected.append(
                (renderer.relationshipFile(table), String(decoding: out, as: UTF8.self), fields.takeTally(rows: 1)))
        }

        #expect(fragment.segments.count == expected.count)
        for (segment, row) in zip(fragment.segments, expected) {
            #expect(segment.file == row.file)
            #expect(String(decoding: fragment.bytes[segment.range], as: UTF8.self) == row.text)
            #expect(segment.tally == row.tally, "\(row.text)")
        }
    }

    /// The field writer's word-at-a-time paths (words copied as checked, the first candidate
    /// found in a word, the last bytes padded) against the rules by scalar, on values with long
    /// plain runs between the special characters.
    @Test func longValuesFollowTheScalarRules() {
        let pieces = ["abcdefghijklm", "0123456", "\r\n", "\"", "\\", "\u{1F}", "\u{2028}", "\u{2013}", "é", "x", "\n"]
        CSVFieldWriterTests.expectScalarRules(values: 2000, of: 0...8, pieces)
    }

    func append(_ value: PropertyValue, _ fields: inout CSVFieldWriter, _ out: inout [UInt8]) {
        switch value {
        case .string(let text), .iri(let text): fields.appendText(text, to: &out)
        case .integer(let number): out += Array(String(number).utf8)
        case .double(let number): out += Array(PropertyValue.format(number).utf8)
        case .boolean(let flag): out += Array((flag ? "true" : "false").utf8)
        case .stringList(let items): fields.appendList(items, to: &out)
        }
    }
}
