import PFOCRFormats
import PFOCRRecords
import PFOCRTestSupport
import Testing

@testable import PFOCRGraph

/// The driver's one key set: first figure wins, one taxon per gene, ids unique across kinds
/// for the formats that need it, and the workers' skip hint.
@Suite struct GraphRegistryTests {
    let builder = GraphBuilder(mapping: try! Mapping.bundled())

    func figure(_ figid: String, genes: [(String, String?)], chemicals: [String] = [], diseases: [String] = [])
        -> FigureSubgraph
    {
        var record = FigureRecord(
            figid: figid, location: SourceLocation(file: "\(figid).md", line: 2), layout: .sideFiles)
        record.pmcid = "PMC1"
        record.genes = genes.map { GeneMention(word: "w", ncbiGeneID: $0.0, taxonID: $0.1) }
        record.chemicals = chemicals.map { TermMention(word: "c", meshID: $0) }
        record.diseases = diseases.map { TermMention(word: "d", meshID: $0) }
        return builder.build(record)
    }

    func newNodeIDs(_ subgraph: FigureSubgraph, _ news: FigureNews) -> [String] {
        news.newNodes(of: subgraph).map { "\($0.kind.rawValue):\($0.id.local)" }
    }

    @Test func firstFigureWinsAndOneTaxonPerGene() {
        let registry = GraphRegistry()
        // Gene 1 without a taxon first, then with two different taxa.
        let first = figure("PMC1__a", genes: [("1", nil)], chemicals: ["D000001"])
        let second = figure(
            "PMC1__b", genes: [("1", "9606"), ("2", "9606")], chemicals: ["D000001"], diseases: ["D000001"])
        let third = figure("PMC1__c", genes: [("1", "10090")])

        let news1 = registry.settle(first)
        #expect(newNodeIDs(first, news1) == ["Paper:PMC1", "Gene:1", "Chemical:D000001"])

        let news2 = registry.settle(second)
        // The paper, gene 1 and the chemical are old; the disease with the same MeSH id is a
        // new node but not a new identifier.
        #expect(newNodeIDs(second, news2) == ["Gene:2", "Disease:D000001", "Organism:9606"])
        let disease = second.nodes.firstIndex { $0.kind == .disease }
        #expect(disease.map { news2.newNodes[$0] && !news2.newIdentifiers[$0] } == true)
        // Both genes get their first taxon here.
        #expect(news2.keptEdges(of: second).filter { $0.kind == .inTaxon }.map(\.source.local) == ["1", "2"])

        let news3 = registry.settle(third)
        // Gene 1 already has a taxon: the mouse one is not written; the mouse organism node is.
        #expect(news3.keptEdges(of: third).filter { $0.kind == .inTaxon }.isEmpty)
        #expect(newNodeIDs(third, news3) == ["Organism:10090"])
        #expect(news3.keptEdges(of: third).filter { $0.kind == .mentions }.count == 1)
    }

    /// IN_TAXON edges out of their genes' order, or repeated, are settled as if after every
    /// node, in edge order: the first edge of a gene with no taxon yet is kept.
    @Test func taxonEdgesInAnyOrderSettleInEdgeOrder() {
        let registry = GraphRegistry()
        _ = registry.settle(figure("PMC1__a", genes: [("1", "9606")]))
        var second = figure("PMC1__b", genes: [("1", "9606"), ("2", "9606"), ("3", "10090")])
        let taxonEdges = second.edges.filter { $0.kind == .inTaxon }
        #expect(taxonEdges.map(\.source.local) == ["1", "2", "3"])
        second.edges =
            second.edges.filter { $0.kind != .inTaxon } + [taxonEdges[2], taxonEdges[1], taxonEdges[2], taxonEdges[0]]
        let news = registry.settle(second)
        let kept = second.edges.indices.filter { second.edges[$0].kind == .inTaxon }.map { news.keptEdges[$0] }
        #expect(kept == [true, true, false, false])
        #expect(newNodeIDs(second, news) == ["Gene:2", "Gene:3", "Organism:10090"])
    }

    /// The gene table keeps every key's flags through its growth, and knows no other key.
    @Test func geneFlagsKeepEveryKeyThroughGrowth() {
        var table = GeneFlags()
        var expected: [UInt64: UInt8] = [:]
        var generator = SystemRandomNumberGenerator()
        for step in 0..<20_000 {
            let key =
                step.isMultiple(of: 3)
                ? UInt64(step) : UInt64.random(in: 0..<1_000_000_000_000_000_000, using: &generator)
            let bit = UInt8(1) << UInt8(step % 8)
            table.withFlags(key) { $0 |= bit }
            expected[key, default: 0] |= bit
        }
        #expect(expected.allSatisfy { table.flags($0.key) == $0.value })
        #expect(table.flags(1_000_000_000_000_000_001) == 0)
        #expect(table.withFlags(1_000_000_000_000_000_001) { $0 } == 0)
    }

    @Test func settledNodesAreExactlyTheOnesAnEarlierFigureWrote() {
        let registry = GraphRegistry()
        let first = figure("PMC1__a", genes: [("1", "9606")])
        let second = figure("PMC1__b", genes: [("1", "9606"), ("2", nil)])
        #expect(registry.settledNodes(in: second) == [false, false, false, false])
        _ = registry.settle(first)
        let settled = registry.settledNodes(in: second)
        let news = registry.settle(second)
        // Settled implies not new, for every node.
        for index in second.nodes.indices where settled[index] { #expect(!news.newNodes[index]) }
        #expect(settled.filter { $0 }.count == 3, "paper, gene 1 and its organism")
    }

    @Test func fragmentsMergeSegmentsAndEmitOnlyWhatHolds() {
        var fragment = FigureFragment()
        fragment.bytes.append("a")
        fragment.endSegment(tally: [1, 0, 0, 0])
        fragment.bytes.append("b")
        fragment.endSegment(tally: [1, 0, 0, 0])
        fragment.bytes.append("c")
        fragment.endSegment(when: .newNode(0), tally: [0, 1, 0, 0])
        fragment.endSegment(when: .newNode(1))
        fragment.bytes.append("d")
        fragment.endSegment(when: .keptEdge(0), tally: [0, 0, 1, 0])
        #expect(fragment.segments.count == 3, "the two .always segments merge; the empty one is dropped")
        let news = FigureNews(newNodes: [false, true], newIdentifiers: [false, true], keptEdges: [true])
        #expect(fragment.tally(news) == [2, 0, 1, 0])
    }
}

/// The workers' skip hint is invisible in the output of every format that renders.
@Suite struct RendererHintTests {
    @Test(arguments: FormatRegistry.all.map(\.name))
    func hintNeverChangesABytes(format: String) throws {
        let plain = try RendererCheck.output(format: format, hinted: false)
        let hinted = try RendererCheck.output(format: format, hinted: true)
        // Compared as a Bool, so a failure prints where the bytes part, not every byte.
        let same = plain == hinted
        let firstDifference = plain.flatMap { plain in
            plain.keys.sorted().lazy.compactMap { file -> String? in
                let (a, b) = (plain[file] ?? [], hinted?[file] ?? [])
                guard a != b else { return nil }
                let offset =
                    zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
                return "file \(file): \(a.count) vs \(b.count) bytes, first difference at byte \(offset)"
            }.first
        }
        #expect(same, "\(firstDifference ?? "different files")")
        if let plain { #expect(!plain.isEmpty) }
    }
}
