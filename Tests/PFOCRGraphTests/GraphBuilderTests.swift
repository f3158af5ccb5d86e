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
            GeneMention(
                word: "AKT", matchedTerm: "AKT", symbol: "AKT1", ncbiGeneID: "207", source: "famplex", taxonID: "9606"),
            GeneMention(
                word: "AKT1/2", matchedTerm: "AKT1", symbol: "AKT1", ncbiGeneID: "207", source: "symbol",
                taxonID: "9606"),
            GeneMention(
                word: "Akt", symbol: "Akt1", ncbiGeneID: "11651", taxonID: "10090", organismName: "Mus musculus"),
            GeneMention(word: "FZD", ncbiGeneID: nil),
        ]
        record.chemicals = [
            TermMention(word: "NADPH", ontologyID: "16474"),
            TermMention(word: "ATP", meshID: "D000255", ontologyID: "15422"),
            TermMention(word: "junk"),
        ]
        record.diseases = [
            TermMention(word: "cancer", ontologyID: "162"), TermMention(word: "tumor", ontologyID: "162"),
        ]
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
        // Evidence travels typed; the parallel lists are made only when a format asks.
        #expect(akt?.properties.isEmpty == true)
        #expect(
            akt?.evidence.map(\.source)
                == (akt?.value(.sources)).flatMap { value in
                    if case .stringList(let items) = value { items } else { nil }
                })
        #expect(graph.edges.filter { $0.kind == .inTaxon }.count == 2)
        #expect(graph.edges.filter { $0.kind == .about }.map(\.target.local) == ["9606"])
        #expect(graph.nodes(.chemical).last?.value("chebiID") == .string("15422"))
    }

    @Test func countsEveryRow() {
        var accounting = FigureAccounting()
        let graph = builder.build(record(), accounting: &accounting)
        #expect(accounting.exported[.gene] == 3)
        #expect(accounting.unidentified[.gene] == 1)
        #expect(accounting.unidentified[.chemical] == 1)
        #expect(accounting.exported[.disease] == 2)
        #expect(accounting.unmappedOrganisms == ["Dysidea avara"])
        #expect(graph.figure.value("unidentifiedGenes") == .stringList(["FZD"]))
        #expect(graph.figure.value("unidentifiedChemicals") == .stringList(["junk"]))
        #expect(graph.figure.value("unmappedOrganisms") == .stringList(["Dysidea avara"]))
    }

    /// Layout A rows carry no organism: the lexicon that matched gives the taxon (HGNC and
    /// FamPlex ⇒ human); a row of an unlisted lexicon gets none and is counted.
    @Test func layoutAGenesTakeTheirLexiconsTaxon() {
        var record = FigureRecord(figid: "PMC2__a", location: SourceLocation(file: "a.md", line: 2), layout: .inline)
        record.genes = [
            GeneMention(word: "HK2", symbol: "HK2", ncbiGeneID: "3099", source: "hgnc_symbol"),
            GeneMention(word: "AKT", symbol: "AKT2", ncbiGeneID: "208", source: "bioentities_symbol"),
            GeneMention(word: "p21", symbol: "CDKN1A", ncbiGeneID: "1026", source: "hgnc_alias_symbol"),
            GeneMention(word: "KIAA", symbol: "X", ncbiGeneID: "55", source: "hgnc_prev_symbol"),
            GeneMention(word: "odd", ncbiGeneID: "77", source: "some_other_lexicon"),
        ]
        var accounting = FigureAccounting()
        let graph = builder.build(record, accounting: &accounting)
        let taxa = Dictionary(
            uniqueKeysWithValues: graph.edges.filter { $0.kind == .inTaxon }.map { ($0.source.local, $0.target.local) })
        #expect(taxa == ["55": "9606", "208": "9606", "1026": "9606", "3099": "9606"])
        #expect(graph.nodes(.organism).map(\.name) == ["Homo sapiens"])
        #expect(accounting.genesWithoutTaxon == 1)
        // organism_id wins over the lexicon.
        #expect(
            builder.mapping.geneTaxon(
                of: GeneMention(word: "x", ncbiGeneID: "1", source: "hgnc_symbol", taxonID: "10090")) == "10090")
    }

    /// `--organism` without `--keep-all-genes`: other taxa's gene rows are left out and
    /// counted by reason; the row count still balances.
    @Test func geneSelectionDropsOtherTaxaAndCountsThem() {
        var rows = record()
        rows.genes.append(GeneMention(word: "orphan", ncbiGeneID: "99", source: "ncbigene_symbol"))
        var mouseAccounting = FigureAccounting()
        let mouse = GraphBuilder(mapping: builder.mapping, geneTaxa: ["10090"]).build(
            rows, accounting: &mouseAccounting)
        #expect(mouse.nodes(.gene).map(\.id.local) == ["11651"])
        #expect(mouseAccounting.exported[.gene] == 1)
        #expect(
            mouseAccounting.excludedGeneRows == [GraphBuilder.excludedOtherTaxon: 2, GraphBuilder.excludedNoTaxon: 1])
        var allAccounting = FigureAccounting()
        _ = builder.build(rows, accounting: &allAccounting)
        #expect(allAccounting.exported[.gene] == 4)
        #expect(allAccounting.genesWithoutTaxon == 1)
        #expect(allAccounting.excludedGeneRows.isEmpty)
    }

    /// The builder sorts gene rows by integer keys when every id is digits; the order must be
    /// numericOrder's, then row order, leading zeros included; equal keys only for equal ids.
    /// An id that is not 1 to 18 digits has no key.
    @Test func geneRowKeysSortAsNumericOrder() {
        var generator = SystemRandomNumberGenerator()
        var ids = ["7", "07", "007", "10", "2", "0", "00", "05", "999999999999999999", "000000000000000000"]
        for _ in 0..<300 {
            let length = Int.random(in: 1...18, using: &generator)
            ids.append(String((0..<length).map { _ in "0123456789".randomElement(using: &generator) ?? "0" }))
        }
        for id in ["abc", "a1", "+5", "", "1000000000000000000", "\u{661}"] {
            #expect(GeneRowKey.order(of: id) == nil)
        }
        let rows =
            ids.enumerated().map { ($0.element, $0.offset) }
            + ids.enumerated().map { ($0.element, $0.offset + ids.count) }
        let expected = rows.sorted { $0.0 == $1.0 ? $0.1 < $1.1 : GraphBuilder.numericOrder($0.0, $1.0) }
        let keys = rows.map { GeneRowKey(order: GeneRowKey.order(of: $0.0) ?? 0, row: $0.1) }.sorted()
        #expect(keys.map { rows[$0.row].0 } == expected.map(\.0))
        #expect(keys.map(\.row) == expected.map(\.1))
        let orders = Dictionary(grouping: Set(ids), by: { GeneRowKey.order(of: $0) })
        #expect(orders.values.allSatisfy { $0.count == 1 })
    }

    /// Ids that are not digits (a record made in code) are sorted and grouped by their texts.
    @Test func genesWithIdsThatAreNotDigitsFollowNumericOrder() {
        var record = FigureRecord(figid: "PMC1__g", location: SourceLocation(file: "g.md", line: 2), layout: .sideFiles)
        record.genes = ["b", "10", "a", "2", "10", "b", "007"].map { GeneMention(word: "w" + $0, ncbiGeneID: $0) }
        let graph = builder.build(record)
        #expect(graph.nodes(.gene).map(\.id.local) == ["2", "a", "b", "10", "007"])
        #expect(graph.mentions.map(\.evidence.count) == [1, 1, 2, 2, 1])
        #expect(graph.mentions.map { $0.evidence.map(\.word) }[2] == ["wb", "wb"])
    }
}
