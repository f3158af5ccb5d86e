import PFOCRRecords
import Testing
@testable import PFOCRGraph

@Suite struct GraphBuilderTests {
    let builder = GraphBuilder(mapping: try! Mapping.bundled())

    func record() -> FigureRecord {
        var record = FigureRecord(figid: "PMC1__f", location: SourceLocation(file: "f.md", line: 2), layout: .sideFiles)
        record.title = "A title"
        record.pmcid = "PMC1"
        record.year = 2020
        record.organisms = ["Homo sapiens", "Dysidea avara"]
        record.genes = [
            GeneMention(word: "AKT", matchedTerm: "AKT", symbol: "AKT1", ncbiGeneID: "207", source: "famplex", taxonID: "9606"),
            GeneMention(word: "AKT1/2", matchedTerm: "AKT1", symbol: "AKT1", ncbiGeneID: "207", source: "symbol", taxonID: "9606"),
            GeneMention(word: "Akt", symbol: "Akt1", ncbiGeneID: "11651", taxonID: "10090", organismName: "Mus musculus"),
            GeneMention(word: "FZD", ncbiGeneID: nil),
        ]
        record.chemicals = [
            TermMention(word: "NADPH", ontologyID: "16474"),
            TermMention(word: "ATP", meshID: "D000255", ontologyID: "15422"),
            TermMention(word: "junk"),
        ]
        record.diseases = [TermMention(word: "cancer", ontologyID: "162"), TermMention(word: "tumor", ontologyID: "162")]
        var genes = RowAccount()
        genes.rowsRead = 5
        genes.reject("ragged row")
        record.rows = [.gene: genes]
        return record
    }

    @Test func buildsNodesKeysAndOneMentionPerEntity() {
        let graph = builder.build(record())
        #expect(graph.figure.id == Identifier(.figure, "PMC1__f"))
        #expect(graph.nodes(.paper).map(\.id) == [Identifier(.pmc, "PMC1")])
        #expect(graph.nodes(.gene).map(\.id.local) == ["207", "11651"])
        #expect(graph.nodes(.chemical).map(\.id) == [Identifier(.chebi, "16474"), Identifier(.mesh, "D000255")])
        #expect(graph.nodes(.disease).map(\.id) == [Identifier(.doid, "162")])
        #expect(Set(graph.nodes(.organism).map(\.id.local)) == ["9606", "10090"])
        let akt = graph.mentions.first { $0.target == Identifier(.ncbigene, "207") }
        #expect(akt?.evidence.map(\.word) == ["AKT", "AKT1/2"])
        #expect(akt?.value("evidenceCount") == .integer(2))
        #expect(graph.edges.filter { $0.kind == .inTaxon }.count == 2)
        #expect(graph.edges.filter { $0.kind == .about }.map(\.target.local) == ["9606"])
        #expect(graph.nodes(.chemical).last?.value("chebiID") == .string("15422"))
    }

    @Test func countsEveryRow() {
        let graph = builder.build(record())
        #expect(graph.accounting.exported[.gene] == 3)
        #expect(graph.accounting.unidentified[.gene] == 1)
        #expect(graph.accounting.unidentified[.chemical] == 1)
        #expect(graph.accounting.exported[.disease] == 2)
        #expect(graph.accounting.unmappedOrganisms == ["Dysidea avara"])
        #expect(graph.figure.value("unidentifiedGenes") == .stringList(["FZD"]))
        #expect(graph.figure.value("unidentifiedChemicals") == .stringList(["junk"]))
        #expect(graph.figure.value("unmappedOrganisms") == .stringList(["Dysidea avara"]))
    }
}
