import Foundation
import PFOCRFormats
import PFOCRGraph
import PFOCRRecords
import PFOCRTestSupport
import Testing

/// The property schema is the one place a property is declared: the builder sets what it
/// says with the type it says, and a property the vocabulary leaves out is in no output.
struct GraphSchemaTests {
    /// Every property the builder sets on the examples is declared for that kind, with the
    /// value type the declaration gives.
    @Test func builderSetsDeclaredPropertiesWithDeclaredTypes() throws {
        let mapping = try Mapping.bundled()
        let builder = GraphBuilder(mapping: mapping)
        var seen = Set<String>()
        for source in Corpus(paths: [TestPaths.examples]).sources {
            guard let record = RecordReader().read(source).record else { continue }
            let subgraph = builder.build(record)
            for node in [subgraph.figure] + subgraph.nodes {
                let declared = GraphSchema.nodeProperties[node.kind] ?? []
                for property in node.properties {
                    let key = declared.first { $0.key.name == property.name }?.key
                    #expect(key?.type == property.value.type, "\(node.kind) \(property.name)")
                    seen.insert("\(node.kind.rawValue).\(property.name)")
                }
            }
            for edge in subgraph.edges {
                let declared = GraphSchema.edgeProperties[edge.kind] ?? []
                for property in edge.properties {
                    #expect(
                        declared.first { $0.key.name == property.name }?.key.type == property.value.type,
                        "\(edge.kind) \(property.name)")
                }
            }
        }
        // The examples reach the cross-references, so the checks above covered them.
        #expect(seen.isSuperset(of: ["Chemical.chebiID", "Disease.doid", "Figure.title", "Paper.year", "Gene.symbol"]))
    }

    /// Each kind declares a name once, and every default predicate and datatype is a CURIE
    /// the bundled vocabulary's prefixes expand.
    @Test func declarationsAreUniqueAndExpand() throws {
        let vocabulary = try Mapping.bundled().vocabulary
        let kinds = Array(GraphSchema.nodeProperties.values) + Array(GraphSchema.edgeProperties.values)
        for declarations in kinds {
            let names = declarations.map(\.key.name)
            #expect(Set(names).count == names.count, "\(names)")
            for declaration in declarations {
                #expect(vocabulary.expand(declaration.rdf) != nil, "\(declaration.rdf)")
                if let datatype = declaration.rdfDatatype { #expect(vocabulary.expand(datatype) != nil) }
            }
        }
    }

    /// Leaving `chebiID` out of vocabulary.yaml, either way the file offers (`omit`, or a
    /// `properties` list without it), leaves the ChEBI cross-reference out of every format
    /// (KGX `xref`, RDF `wp:bdbChEBI`, every property column). What stays is the identity of
    /// the chemicals that have no MeSH id and so are keyed by their ChEBI id.
    @Test(arguments: ["    omit: [chebiID]", "    properties:\n      - { name: meshID }"])
    func aPropertyLeftOutOfTheVocabularyIsInNoFormat(_ chemicalProperties: String) throws {
        let folder = TestPaths.temporaryFolder("no-chebi-\(chemicalProperties.count)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let vocabulary = try #require(BundledMappings.files["vocabulary.yaml"])
        let chemical = "  Chemical:\n    rdf_class: [wp:Metabolite]\n"
        let trimmed = vocabulary.replacingOccurrences(of: chemical, with: chemical + chemicalProperties + "\n")
        #expect(trimmed != vocabulary)
        try trimmed.write(toFile: folder + "/vocabulary.yaml", atomically: true, encoding: .utf8)
        let withoutChEBI = try Mapping.load(directory: folder)

        let keyedByChEBI = try chebiKeyedChemicals()
        let formats = FormatRegistry.all.map(\.name)
        let before = try chebiNumbers(in: TestExport.run([TestPaths.examples], formats: formats).output)
        let after = try chebiNumbers(
            in: TestExport.run([TestPaths.examples], formats: formats, mapping: withoutChEBI).output)
        // The bundled vocabulary writes cross-references to ChEBI ids that key no node...
        #expect(!before.numbers.subtracting(keyedByChEBI).isEmpty)
        #expect(before.namesProperty)
        // ...and without `chebiID` only the keys are left.
        #expect(after.numbers.isSubset(of: keyedByChEBI), "\(after.numbers.subtracting(keyedByChEBI).sorted())")
        #expect(!after.namesProperty)
    }

    /// The ChEBI numbers of the examples' chemicals that have no MeSH id.
    private func chebiKeyedChemicals() throws -> Set<String> {
        let builder = GraphBuilder(mapping: try Mapping.bundled())
        var numbers = Set<String>()
        for source in Corpus(paths: [TestPaths.examples]).sources {
            guard let record = RecordReader().read(source).record else { continue }
            for node in builder.build(record).nodes where node.id.namespace == .chebi { numbers.insert(node.id.local) }
        }
        return numbers
    }

    /// Every ChEBI number written anywhere in `folder` (`CHEBI:N`, `CHEBI_N`, `chebi:N`), and
    /// whether a file names the property or its RDF link.
    private func chebiNumbers(in folder: String) throws -> (numbers: Set<String>, namesProperty: Bool) {
        let pattern = try NSRegularExpression(pattern: "(?i)chebi[:_/](?:chebi:)?([0-9]+)")
        var numbers = Set<String>()
        var namesProperty = false
        for (path, data) in TestExport.files(in: folder) where path != "report.json" {
            let text = String(decoding: data, as: UTF8.self)
            if text.contains("chebiID") || text.contains("bdbChEBI") { namesProperty = true }
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { numbers.insert(String(text[range])) }
            }
        }
        return (numbers, namesProperty)
    }

    /// Every MENTIONS property is made from the evidence rows as ``EvidenceProperty`` says,
    /// which the formats read in place instead of ``GraphEdge/value(_:)``.
    @Test func evidencePropertiesAreWhatTheEdgeMakes() {
        let edge = GraphEdge(
            kind: .mentions, source: Identifier(.figure, "F"), sourceKind: .figure,
            target: Identifier(.ncbigene, "1"), targetKind: .gene,
            evidence: [
                MentionEvidence(word: "w1", matchedTerm: "m1", source: "s1"),
                MentionEvidence(word: "w2", matchedTerm: nil, source: "s2"),
            ])
        for rule in GraphSchema.mentions {
            let evidence = EvidenceProperty(property: rule.key.name)
            #expect(evidence != nil, "\(rule.key.name)")
            #expect(evidence?.value(edge.evidence) == edge.value(rule.key.name), "\(rule.key.name)")
        }
        #expect(EvidenceProperty(property: "words") != nil && EvidenceProperty(property: "evidenceCount") != nil)
        #expect(EvidenceProperty(property: "notAMentionsProperty") == nil)
    }

}
