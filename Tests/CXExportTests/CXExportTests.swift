import Foundation
import PFOCRGraph
import PFOCRTestSupport
import Testing

@testable import CXExport

@Suite struct CXExportTests {
    @Test func goldenAndDeterministic() throws {
        #expect(try Golden.check("cx", formats: ["cx2", "cx"]) == [])
    }

    @Test func corpusScopeGoldenAndDeterministic() throws {
        #expect(try Golden.check("cx-corpus", formats: ["cx2", "cx"], options: ["cx-scope": "corpus"]) == [])
    }

    /// One file per figure with an entity, in each dialect; the counts in report.json.
    /// One sink writes both dialects from one network: each alone gives the same files and
    /// the same counts as both together.
    @Test func bothDialectsTogetherEqualEachAlone() throws {
        let both = try TestExport.run([TestPaths.examples], formats: ["cx2", "cx"])
        let bothFiles = TestExport.files(in: both.output)
        for name in ["cx2", "cx"] {
            let alone = try TestExport.run([TestPaths.examples], formats: [name])
            let files = TestExport.files(in: alone.output)
            #expect(!files.isEmpty)
            #expect(files.allSatisfy { bothFiles[$0.key] == $0.value })
            #expect(alone.outcome.report.sinks[name] == both.outcome.report.sinks[name])
        }
        #expect(
            bothFiles.count == 2
                * TestExport.files(in: try TestExport.run([TestPaths.examples], formats: ["cx"]).output).count)
    }

    @Test func oneNetworkPerFigureWithEntities() throws {
        let run = try TestExport.run([TestPaths.examples], formats: ["cx2", "cx"])
        #expect(run.outcome.exitCode == 0)
        let files = TestExport.files(in: run.output)
        let cx2 = files.keys.filter { $0.hasPrefix("cx2/") }.sorted()
        let cx1 = files.keys.filter { $0.hasPrefix("cx/") }.sorted()
        #expect(cx2.map { String($0.dropFirst(4).dropLast(4)) } == cx1.map { String($0.dropFirst(3).dropLast(3)) })
        let counts = try #require(run.outcome.report.sinks["cx2"]).counts
        #expect(counts["networks"] == cx2.count)
        #expect(counts["networks"] == 13)
        #expect(counts["figuresWithoutEntities"] == 1)
        #expect(counts["edges"] == 0)
        #expect(run.outcome.report.sinks["cx"]?.counts == counts)
    }

    /// Every network attribute is a string under pfocr2ndex's names; the description and the
    /// reference are its HTML.
    @Test func networkAttributesAreStringsAsPFOCRWritesThem() throws {
        let run = try TestExport.run([TestPaths.examples], formats: ["cx2"])
        let doc = try json(run.output + "/cx2/PMC1000001__fig1.cx2")
        #expect((doc.first as? [String: Any])?["CXVersion"] as? String == "2.0")
        let attributes = try #require(aspect(doc, "networkAttributes").first)
        #expect(attributes.values.allSatisfy { $0 is String })
        for name in [
            "name", "description", "reference", "methods", "organism", "pfocrId", "pmcId", "figureLink", "paperLink",
            "publicationYear",
            "rights",
        ] {
            #expect(attributes[name] is String, "\(name)")
        }
        #expect(attributes["publicationYear"] as? String == "2005")
        #expect(attributes["networkType"] as? String == "pathway")
        #expect(attributes["pfocrId"] as? String == "PMC1000001__fig1")
        #expect(attributes["figureTitle"] as? String == "Insulin signalling in hepatocytes")
        #expect(attributes["organism"] as? String == "Homo sapiens")
        #expect(attributes["pathwayScore"] as? String == "0.9712345")
        #expect(attributes["figidAliases"] as? String == "[\"PMC1000001__F1\"]")
        #expect(attributes["paperLink"] as? String == "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1000001")
        #expect(attributes["methods"] as? String == CXNetworkBuilder.methods)
        #expect(
            attributes["description"] as? String
                == "<p>Insulin signalling through PI3K and AKT to mTOR in hepatocytes.</p>\n"
                + "<p><img src=\"https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1000001/bin/fig1.jpg\" style=\"width: 100%;\"></p>"
        )
        #expect(
            attributes["reference"] as? String
                == "A. Author, et al. J Example Biol. 2005 Mar;12(3):100-110. <b>Insulin signalling in the liver.</b> "
                + "<a href=\"https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1000001\" target=\"_blank\">"
                + "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1000001</a>")
        let context = try #require(attributes["@context"] as? String)
        let prefixes = try #require(try JSONSerialization.jsonObject(with: Data(context.utf8)) as? [String: String])
        #expect(prefixes["ncbigene"] == "https://identifiers.org/ncbigene/")
        let declarations = try #require(aspect(doc, "attributeDeclarations").first)
        let network = try #require(declarations["networkAttributes"] as? [String: [String: String]])
        #expect(network.values.allSatisfy { $0["d"] == "string" })
        let nodes = try #require(declarations["nodes"] as? [String: [String: String]])
        #expect(nodes["words"]?["d"] == "list_of_string")
        #expect(nodes["evidenceCount"]?["d"] == "integer")
        #expect(
            nodes["ncbigene"]?["d"] == "string" && nodes["word"]?["d"] == "string"
                && nodes["organism"]?["d"] == "string")
        #expect(nodes["ncbiGeneID"] == nil)
        let akt1 = try #require(
            aspect(doc, "nodes").compactMap { $0["v"] as? [String: Any] }.first { $0["name"] as? String == "AKT1" })
        #expect(akt1["ncbigene"] as? String == "207")
        #expect(akt1["organism"] as? String == "Homo sapiens")
        #expect(akt1["word"] as? String == "Akt, AKT1/2")
        #expect(akt1["words"] as? [String] == ["Akt", "AKT1/2"])
    }

    /// Hostile text in a hand-made record: quotes, backslashes, controls, a figid with `/`
    /// and spaces. The files parse as JSON, keep the text, and sit inside the folder.
    @Test func adversarialRecord() throws {
        let corpus = TestPaths.temporaryFolder("cx-corpus")
        try FileManager.default.createDirectory(atPath: corpus + "/_figures", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: corpus + "/_data", withIntermediateDirectories: true)
        let record = """
            ---
            figid: "../x/PMC1__a b"
            figtitle: "Quote \\" backslash \\\\ tab \\t bell \\a end"
            caption: "line one\\nline two <b> & \\"q\\""
            pmcid: PMC1
            reftext: "A <i>&</i>"
            year: '1999'
            organisms: Homo sapiens
            genes:
            - word: "p53\\x01"
              symbol: TP53
              source: hgnc_symbol
              hgnc_symbol: TP53
              entrez: '7157'
            chemicals: []
            diseases:
            - word: nothing
              source: ''
              identifier: ''
            ---

            """
        try Data(record.utf8).write(to: URL(fileURLWithPath: corpus + "/_figures/odd.md"))
        try Data(
            "---\nfigid: PMC2__empty\nfigtitle: Empty\npmcid: PMC2\ngenes: []\nchemicals: []\ndiseases: []\n---\n".utf8
        )
        .write(to: URL(fileURLWithPath: corpus + "/_figures/empty.md"))
        let run = try TestExport.run([corpus], formats: ["cx2", "cx"])
        let files = TestExport.files(in: run.output).keys.sorted()
        #expect(files == ["cx/~..%2Fx%2FPMC1__a%20b.cx", "cx2/~..%2Fx%2FPMC1__a%20b.cx2"])
        #expect(run.outcome.report.sinks["cx2"]?.counts["figuresWithoutEntities"] == 1)
        let doc = try json(run.output + "/cx2/~..%2Fx%2FPMC1__a%20b.cx2")
        let attributes = try #require(aspect(doc, "networkAttributes").first)
        #expect(attributes["name"] as? String == "Quote \" backslash \\ tab \t bell \u{07} end")
        #expect(attributes["description"] as? String == "<p>line one\nline two &lt;b&gt; &amp; &quot;q&quot;</p>")
        #expect(
            attributes["reference"] as? String
                == "A &lt;i&gt;&amp;&lt;/i&gt; <a href=\"https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1\" target=\"_blank\">"
                + "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1</a>")
        #expect(attributes["pfocrId"] as? String == "../x/PMC1__a b")
        let nodes = aspect(doc, "nodes")
        #expect(nodes.count == 1)
        let values = try #require(nodes.first?["v"] as? [String: Any])
        #expect(values["words"] as? [String] == ["p53\u{01}"])
        #expect(values["represents"] as? String == "ncbigene:7157")
        _ = try json(run.output + "/cx/~..%2Fx%2FPMC1__a%20b.cx")
    }

    @Test func unknownScopeIsAUsageError() throws {
        #expect(throws: (any Error).self) {
            try TestExport.run([TestPaths.examples], formats: ["cx2"], options: ["cx-scope": "world"])
        }
    }

    // MARK: File names

    @Test func plainFigidsAreKeptOthersEncoded() {
        #expect(CXFileName.stem("PMC3246694__DRP2012-259170.002") == "PMC3246694__DRP2012-259170.002")
        #expect(CXFileName.stem("PMC1__a b") == "~PMC1__a%20b")
        #expect(CXFileName.stem("../x") == "~..%2Fx")
        #expect(CXFileName.stem(".x") == "~.x")
        #expect(CXFileName.stem("") == "~")
        #expect(CXFileName.stem("~a") == "~%7Ea")
        #expect(CXFileName.stem("a%20") == "~a%2520")
    }

    @Test func encodedNamesAreDistinctSafeAndBounded() {
        let figids = [
            "a b", "a%20b", "a/b", "a\\b", "a\u{0}b", "é", "e\u{301}", "..", ".", "~", "~~", "a~b",
            String(repeating: "x", count: 201),
            String(repeating: "x", count: 202), String(repeating: "/", count: 300), String(repeating: "/", count: 301),
            String(repeating: "é", count: 100) + "1", String(repeating: "é", count: 100) + "2",
        ]
        var seen: [String: String] = [:]
        for figid in figids {
            let stem = CXFileName.stem(figid)
            #expect(seen[stem] == nil, "\(figid) and \(seen[stem] ?? "") share \(stem)")
            seen[stem] = figid
            #expect(!stem.contains("/") && stem != "." && stem != ".." && !stem.hasPrefix("."))
            #expect(stem.utf8.count <= CXFileName.maximumLength)
            #expect(stem.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 })
        }
        #expect(seen.count == figids.count)
    }

    // MARK: Layout

    @Test func layoutGroupsByKindInBlocks() {
        var nodes = (0..<5).map { _ in
            CXNode(kind: .gene, name: 0..<0, represents: 0..<0, type: 0..<0, attributes: 0..<0)
        }
        nodes += (0..<2).map { _ in
            CXNode(kind: .chemical, name: 0..<0, represents: 0..<0, type: 0..<0, attributes: 0..<0)
        }
        CXLayout.arrange(&nodes)
        // 5 genes: 4 columns (16 >= 10), 2 rows; chemicals start below after a gap.
        #expect(nodes.map(\.x) == [0, 100, 200, 300, 0, 0, 100])
        #expect(nodes.map(\.y) == [0, 0, 0, 0, 50, 150, 150])
        #expect(CXLayout.columnCount(1) == 2)
        #expect(CXLayout.columnCount(50) == 10)
        // The layout keeps a SIMD8 lane per kind.
        #expect(NodeKind.allCases.count <= 8)
    }

    // MARK: Rendering

    /// What the renderer makes of `subgraph` in `dialect`.
    func rendered(_ subgraph: FigureSubgraph, _ dialect: CXDialect = .cx2) throws -> FigureFragment {
        let renderer = CXRenderer(mapping: try Mapping.bundled(), dialects: [dialect])
        var fragment = FigureFragment()
        renderer.render(subgraph, into: &fragment)
        return fragment
    }

    /// A hand-made figure subgraph: the figure, `genes`, one MENTIONS edge to each (with
    /// `rows` evidence rows), each gene in taxon `taxa[index]` (default 9606; nil: none), and
    /// an ABOUT edge to each of `about`.
    func subgraph(
        genes: [GraphNode], edgesReversed: Bool = false, taxa: [String?]? = nil, rows: [Int]? = nil,
        about: [String] = []
    ) -> FigureSubgraph {
        let figure = GraphNode(kind: .figure, id: Identifier(.figure, "PMC1__f"), name: "F")
        let taxa = taxa ?? genes.map { _ in "9606" }
        var edges = about.map {
            GraphEdge(
                kind: .about, source: figure.id, sourceKind: .figure, target: Identifier(.ncbitaxon, $0),
                targetKind: .organism)
        }
        var mentions: [GraphEdge] = []
        for (index, gene) in genes.enumerated() {
            let count = rows?[index] ?? 1
            let evidence = (0..<count).map { MentionEvidence(word: "w\($0 % 2)", matchedTerm: nil, source: nil) }
            mentions.append(
                GraphEdge(
                    kind: .mentions, source: figure.id, sourceKind: .figure, target: gene.id, targetKind: .gene,
                    evidence: evidence))
        }
        edges += edgesReversed ? mentions.reversed() : mentions
        var organisms: [String] = about
        for (gene, taxon) in zip(genes, taxa) {
            guard let taxon else { continue }
            edges.append(
                GraphEdge(
                    kind: .inTaxon, source: gene.id, sourceKind: .gene, target: Identifier(.ncbitaxon, taxon),
                    targetKind: .organism))
            if !organisms.contains(taxon) { organisms.append(taxon) }
        }
        let organismNodes = organisms.map {
            GraphNode(kind: .organism, id: Identifier(.ncbitaxon, $0), name: "Taxon \($0)")
        }
        return FigureSubgraph(figure: figure, nodes: organismNodes + genes, edges: edges)
    }

    func gene(_ id: String, symbol: PropertyValue) -> GraphNode {
        GraphNode(kind: .gene, id: Identifier(.ncbigene, id), name: id, properties: [Property("symbol", symbol)])
    }

    /// One `.always` segment per network, tallied networks, nodes, edges, values left out:
    /// the second gene's integer `symbol` clashes with the string the first declared.
    @Test func aNetworkIsOneTalliedSegment() throws {
        let fragment = try rendered(
            subgraph(genes: [gene("1", symbol: .string("A")), gene("2", symbol: .integer(2))], about: ["9606"]))
        let news = FigureNews(everythingNewIn: subgraph(genes: []))
        #expect(fragment.segments.count == 1)
        #expect(fragment.segments.first?.condition == .always)
        #expect(fragment.segments.first?.range == 0..<fragment.bytes.count)
        #expect(fragment.tally(news) == SIMD4(1, 2, 0, 1))
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(fragment.bytes)) as? [Any])
        #expect(aspect(doc, "nodes").compactMap { ($0["v"] as? [String: Any])?["symbol"] as? String } == ["A"])
    }

    @Test func aFigureWithoutEntitiesHasNoSegment() throws {
        let fragment = try rendered(subgraph(genes: []))
        #expect(fragment.segments.isEmpty && fragment.bytes.isEmpty)
    }

    /// Mentions out of the graph builder's order are sorted as before; a mention whose node
    /// the subgraph lacks gets a node named by its id.
    @Test func mentionsInAnyOrderGiveTheSameNetwork() throws {
        let genes = ["2", "10", "7"].map { gene($0, symbol: .string("S\($0)")) }
        let sorted = [genes[0], genes[2], genes[1]]
        for dialect in [CXDialect.cx2, .cx1] {
            let expected = try rendered(subgraph(genes: sorted), dialect).bytes
            #expect(try rendered(subgraph(genes: sorted, edgesReversed: true), dialect).bytes == expected)
            #expect(try rendered(subgraph(genes: genes), dialect).bytes == expected)
        }
        var missing = subgraph(genes: sorted)
        missing.nodes.removeLast()
        missing.edges.removeAll { $0.kind == .inTaxon && $0.source == genes[1].id }
        missing.edges.append(
            GraphEdge(
                kind: .inTaxon, source: genes[1].id, sourceKind: .gene, target: Identifier(.ncbitaxon, "9606"),
                targetKind: .organism))
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(try rendered(missing).bytes)) as? [Any])
        #expect(
            aspect(doc, "nodes").compactMap { ($0["v"] as? [String: Any])?["name"] as? String } == ["2", "7", "10"])
    }

    @Test func coordinatesAreWrittenAsJSONTextWritesDoubles() {
        for value in [0.0, 50.0, 100.0, 1150.0, 123_456_789.0, 999_999_999_999_999.0, 1e15, 9.9e15, 0.5, -50.0, -0.0] {
            var out = ByteBuffer(capacity: 0)
            CXJSON.appendCoordinate(value, to: &out)
            #expect(String(decoding: out.bytes, as: UTF8.self) == JSONText.double(value), "\(value)")
        }
    }

    // MARK: One organism per network

    /// The genes a network keeps: ids `1`... in taxa `taxa`, with `rows` rows each.
    func keptGenes(taxa: [String?], rows: [Int]? = nil, about: [String] = []) -> (
        kept: [String], choice: CXOrganismChoice
    ) {
        let genes = taxa.indices.map { gene("\($0 + 1)", symbol: .string("G\($0 + 1)")) }
        let figure = subgraph(genes: genes, taxa: taxa, rows: rows, about: about)
        var network = CXNetwork()
        let choice = try? CXNetworkBuilder(mapping: Mapping.bundled()).buildFigureNetwork(figure, into: &network)
        // `represents` is the CURIE `"ncbigene:<id>"`.
        let kept = network.nodes.map { String(network.text($0.represents).dropFirst(10).dropLast()) }
        return (kept, choice ?? CXOrganismChoice(figure))
    }

    @Test func theCuratedOrganismWinsWhenItHasGenes() {
        let (kept, choice) = keptGenes(taxa: ["10090", "9606", "9606"], rows: [1, 1, 1], about: ["10090"])
        #expect(kept == ["1"])
        #expect(choice.taxon == Identifier(.ncbitaxon, "10090") && choice.name == "Taxon 10090" && !choice.uncurated)
        #expect(choice.otherTaxonGenes == 2 && choice.genesWithoutTaxon == 0)
    }

    @Test func ofSeveralCuratedOrganismsTheOneWithMostRows() {
        // Fly has the most rows but is not curated; of human and mouse, mouse has more rows.
        let (kept, choice) = keptGenes(
            taxa: ["9606", "10090", "7227", "10090"], rows: [3, 2, 9, 2], about: ["9606", "10090"])
        #expect(kept == ["2", "4"])
        #expect(choice.otherTaxonGenes == 2 && !choice.uncurated)
    }

    @Test func aCuratedOrganismWithoutGenesFallsBackToMostRows() {
        // Curated E. coli (562), genes of the strain K-12 MG1655 (511145) and a human one.
        let (kept, choice) = keptGenes(taxa: ["511145", "511145", "9606"], rows: [1, 1, 1], about: ["562"])
        #expect(kept == ["1", "2"])
        #expect(choice.uncurated && choice.otherTaxonGenes == 1)
    }

    @Test func rowsNotGenesDecideAndTiesGoToTheLowestTaxon() {
        // Two fly genes of one row each against one human gene of three rows.
        #expect(keptGenes(taxa: ["7227", "7227", "9606"], rows: [1, 1, 3]).kept == ["3"])
        // Equal rows: 10090 < 10116 numerically (and 9606 < 10090 though "9606" > "10090" as text).
        #expect(keptGenes(taxa: ["10116", "10090"], rows: [2, 2]).kept == ["2"])
        #expect(keptGenes(taxa: ["10090", "9606"], rows: [2, 2]).kept == ["2"])
    }

    @Test func genesWithoutTaxonAreLeftOutAndCounted() {
        let (kept, choice) = keptGenes(taxa: [nil, "9606", nil])
        #expect(kept == ["2"])
        #expect(choice.genesWithoutTaxon == 2 && choice.otherTaxonGenes == 0 && choice.leftOut == 2)
        let none = keptGenes(taxa: [nil, nil])
        #expect(none.kept.isEmpty && none.choice.taxon == nil && none.choice.genesWithoutTaxon == 2)
    }

    /// The renderer tallies what the choice left out on an empty accounting segment; a figure
    /// left with no node gets that segment alone, and no file.
    @Test func leftOutGenesAreTalliedOnTheAccountingSegment() throws {
        let genes = ["1", "2", "3"].map { gene($0, symbol: .string("G\($0)")) }
        let renderer = CXRenderer(mapping: try Mapping.bundled(), dialects: [.cx2, .cx1])
        var fragment = FigureFragment()
        renderer.render(
            subgraph(genes: genes, taxa: ["9606", "10090", nil], rows: [2, 1, 1], about: ["9606", "10090"]),
            into: &fragment)
        #expect(fragment.segments.map(\.file) == [renderer.accountingFile, 0, 1])
        #expect(fragment.segments.first?.range.isEmpty == true)
        #expect(fragment.segments.first?.tally == SIMD4(1, 1, 1, 0))
        var empty = FigureFragment()
        renderer.render(subgraph(genes: genes, taxa: [nil, nil, nil]), into: &empty)
        #expect(empty.segments.map(\.file) == [renderer.accountingFile])
        #expect(empty.segments.first?.tally == SIMD4(0, 3, 1, 0))
    }

    /// `word` is made from the same rows as `words`: a vocabulary without `words` has neither.
    @Test func wordFollowsTheVocabularysWords() throws {
        let genes = [gene("1", symbol: .string("A"))]
        var mapping = try Mapping.bundled()
        func wordAttributes() -> [String] {
            var network = CXNetwork()
            let builder = CXNetworkBuilder(mapping: mapping)
            builder.buildFigureNetwork(subgraph(genes: genes, about: ["9606"]), into: &network)
            return network.nodeAttributes.map { network.name(of: $0, in: builder.names) }.filter {
                $0 == "word" || $0 == "words"
            }
        }
        #expect(wordAttributes() == ["word", "words"])
        mapping.vocabulary.edges[.mentions]?.properties.removeAll { $0.name == PropertyKey.words.name }
        #expect(wordAttributes() == [])
    }

    @Test func htmlTextIsEscaped() {
        #expect(CXHTML.escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c'")
        #expect(CXHTML.escape("plain") == "plain")
        #expect(CXHTML.description(caption: nil, image: nil) == nil)
        #expect(CXHTML.description(caption: "x", image: nil) == "<p>x</p>")
        #expect(CXHTML.reference(text: nil, title: "T", link: nil) == "<b>T</b>")
        #expect(CXNetworkBuilder.text(.stringList(["a, b", "c"])) == .string("[\"a, b\",\"c\"]"))
        #expect(CXNetworkBuilder.text(.integer(2005)) == .string("2005"))
        #expect(CXNetworkBuilder.text(.double(0.5)) == .string("0.5"))
    }

    // MARK: Helpers

    func json(_ path: String) throws -> [Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [Any])
    }

    func aspect(_ doc: [Any], _ name: String) -> [[String: Any]] {
        for element in doc {
            if let object = element as? [String: Any], let items = object[name] as? [[String: Any]] { return items }
        }
        return []
    }
}
