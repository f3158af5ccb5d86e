import PFOCRGraph
import Testing

@testable import GraphMLExport

/// The renderer's shortcuts give the bytes of the plain lookups they replace: a node's values
/// looked up in column order (``GraphNode/value(_:)``'s first match, whatever the order the
/// properties were set in) and a MENTIONS edge's lists written from its evidence rows (the
/// lists ``GraphEdge/value(_:)`` makes from them).
@Suite("GraphML renderer lookups")
struct GraphMLRendererLookupTests {
    static let tricky = LibXML2EquivalenceTests.tricky

    /// The bytes of every segment of `subgraph`'s figure node and edges.
    static func render(_ subgraph: FigureSubgraph, _ renderer: GraphMLRenderer) -> [UInt8] {
        var fragment = FigureFragment()
        renderer.render(subgraph, into: &fragment)
        return fragment.segments.flatMap { fragment.bytes[$0.range] }
    }

    static func figure(_ properties: [Property]) -> GraphNode {
        GraphNode(kind: .figure, id: Identifier(.figure, "PMC1__f1"), name: "F", properties: properties)
    }

    @Test("A node's values are its first property of each name, in any order")
    func nodeOrder() throws {
        let renderer = GraphMLRenderer(mapping: try Mapping.bundled())
        let inOrder = [
            Property("figid", .string("PMC1__f1")), Property("title", .string("T & <t>")),
            Property("pathwayScore", .double(0.5)), Property("pmcRankedResultIndex", .integer(3)),
            Property("organisms", .stringList(Self.tricky)), Property("imageURL", .iri("https://x.org/a?b&c")),
        ]
        let expected = Self.render(FigureSubgraph(figure: Self.figure(inOrder), nodes: [], edges: []), renderer)
        let shuffled =
            Array(inOrder.reversed()) + [Property("title", .string("later")), Property("figid", .integer(1))]
        #expect(Self.render(FigureSubgraph(figure: Self.figure(shuffled), nodes: [], edges: []), renderer) == expected)
        let rotated = Array(inOrder[2...] + inOrder[..<2]) + [Property("pathwayScore", .double(9))]
        #expect(Self.render(FigureSubgraph(figure: Self.figure(rotated), nodes: [], edges: []), renderer) == expected)
        // An earlier duplicate wins, as it does for GraphNode.value(_:).
        let first = [Property("title", .string("first"))] + inOrder
        var replaced = inOrder
        replaced[1] = Property("title", .string("first"))
        #expect(
            Self.render(FigureSubgraph(figure: Self.figure(first), nodes: [], edges: []), renderer)
                == Self.render(FigureSubgraph(figure: Self.figure(replaced), nodes: [], edges: []), renderer))
    }

    @Test("A MENTIONS edge written from its rows equals the edge with the lists stored")
    func evidenceRows() throws {
        let renderer = GraphMLRenderer(mapping: try Mapping.bundled())
        let figure = Self.figure([])
        let rows = Self.tricky.indices.map { index in
            MentionEvidence(
                word: Self.tricky[index], matchedTerm: Self.tricky[(index + 3) % Self.tricky.count],
                source: index.isMultiple(of: 2) ? "MESH" : "")
        }
        func edge(properties: [Property], evidence: [MentionEvidence]) -> GraphEdge {
            GraphEdge(
                kind: .mentions, source: figure.id, sourceKind: .figure, target: Identifier(.mesh, "D1"),
                targetKind: .chemical, properties: properties, evidence: evidence)
        }
        let stored = [
            Property("words", .stringList(rows.map(\.word))),
            Property("matchedTerms", .stringList(rows.map(\.matchedTerm))),
            Property("sources", .stringList(rows.map(\.source))), Property("evidenceCount", .integer(rows.count)),
        ]
        for count in [1, 2, rows.count] {
            let fromRows = edge(properties: [], evidence: Array(rows.prefix(count)))
            let listed = edge(
                properties: stored.map { property in
                    switch property.value {
                    case .stringList(let items): Property(property.name, .stringList(Array(items.prefix(count))))
                    default: Property(property.name, .integer(count))
                    }
                }, evidence: [])
            #expect(
                Self.render(FigureSubgraph(figure: figure, nodes: [], edges: [fromRows]), renderer)
                    == Self.render(FigureSubgraph(figure: figure, nodes: [], edges: [listed]), renderer))
        }
    }
}
