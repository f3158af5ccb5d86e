import PFOCRGraph
import Testing

@testable import CXExport

/// The CX lookups that replace dictionaries on the hot path answer as the dictionaries did,
/// in the order the builder gives and in any other.
@Suite struct CXLookupTests {
    /// `CXGeneTaxa` against a dictionary where the first edge of a gene wins: genes added in
    /// builder order, shuffled, with repeats, and looked up in orders that make the cursor
    /// search go round the list.
    @Test func geneTaxaAnswerAsADictionary() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<200 {
            let count = round % 17
            var edges: [(gene: Identifier, taxon: Identifier)] = (0..<count).map { index in
                (Identifier(.ncbigene, String(index * 7 + 1)), Identifier(.ncbitaxon, String(9606 + index % 3)))
            }
            if round % 2 == 1 { edges.shuffle(using: &generator) }
            if round % 3 == 2, let first = edges.first {
                edges.append((first.gene, Identifier(.ncbitaxon, "1")))  // a second edge: the first wins
            }
            var taxa = CXGeneTaxa()
            var reference: [Identifier: Identifier] = [:]
            for edge in edges {
                taxa.add(gene: edge.gene, taxon: edge.taxon)
                if reference[edge.gene] == nil { reference[edge.gene] = edge.taxon }
            }
            var queries = edges.map(\.gene) + [Identifier(.ncbigene, "999999"), Identifier(.mesh, "D1")]
            queries.shuffle(using: &generator)
            var cursor = 0
            for gene in queries {
                #expect(taxa.taxon(of: gene, cursor: &cursor) == reference[gene], "\(gene)")
                #expect(taxa[gene] == reference[gene])
            }
        }
    }

    /// A name outside the table has no key and is matched by its text; names in the table
    /// are matched by key and spelled as `JSONText` spells them.
    @Test func namesOutsideTheTableMatchByText() {
        var names = CXNames()
        let known = names.add("figureTitle")
        #expect(names.add("figureTitle").key == known.key)
        let unknown = names.name("not \"listed\"")
        #expect(unknown.key == CXNames.unknown)
        #expect(unknown.matches(key: CXNames.unknown, text: "not \"listed\""))
        #expect(!unknown.matches(key: CXNames.unknown, text: "other"))
        #expect(!unknown.matches(key: known.key, text: "not \"listed\""))
        #expect(known.matches(key: known.key, text: "anything"))
        var out: [UInt8] = []
        #expect(!names.appendJSON(key: unknown.key, to: &out) && out.isEmpty)
        #expect(names.appendJSON(key: known.key, to: &out))
        #expect(out == Array(JSONText.string("figureTitle").utf8))
    }
}
