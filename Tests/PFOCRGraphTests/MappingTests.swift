import Foundation
import PFOCRTestSupport
import Testing

@testable import PFOCRGraph

@Suite struct MappingTests {
    /// Mappings/ is the single source; the compiled-in copy must equal it.
    @Test func bundledCopyMatchesMappingsFolder() throws {
        let folder = TestPaths.root.appendingPathComponent("Mappings").path
        let enumerator = try #require(FileManager.default.enumerator(atPath: folder))
        var onDisk: [String: String] = [:]
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = folder + "/" + relative
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                !(relative as NSString).lastPathComponent.hasPrefix(".")
            else { continue }
            var text = try String(contentsOfFile: path, encoding: .utf8)
            while text.hasSuffix("\n") { text.removeLast() }
            onDisk[relative] = text
        }
        #expect(onDisk == BundledMappings.files, "Mappings/ changed: run python3 Scripts/bundle-mappings.py")
    }

    @Test func loadsBothPrefixSets() throws {
        let standard = try Mapping.load()
        #expect(standard.prefixes.iri(Identifier(.ncbigene, "2915")) == "https://identifiers.org/ncbigene/2915")
        #expect(standard.prefixes.iri(Identifier(.chebi, "15846")) == "https://identifiers.org/chebi/CHEBI:15846")
        #expect(
            standard.prefixes.iri(Identifier(.ncbitaxon, "9606")) == "http://purl.obolibrary.org/obo/NCBITaxon_9606")
        #expect(standard.prefixes.curie(Identifier(.mesh, "D018350")) == "mesh:D018350")
        #expect(
            standard.prefixes.iri(Identifier(.figure, "PMC1__a b/#"))
                == "https://pfocr.wikipathways.org/figures/PMC1__a%20b%2F%23.html")
        #expect(standard.prefixes.iri(Identifier(.doi, "10.1/x y")) == "https://doi.org/10.1/x%20y")
        let bioregistry = try Mapping.load(prefixSet: "bioregistry")
        #expect(bioregistry.prefixes.curie(Identifier(.ncbigene, "2915")) == "NCBIGene:2915")
        #expect(bioregistry.prefixes.iri(Identifier(.chebi, "15846")) == "http://purl.obolibrary.org/obo/CHEBI_15846")
        #expect(standard.organisms.taxonID(for: "homo  SAPIENS") == "9606")
    }

    @Test func malformedMappingsFailWithFileAndLine() throws {
        let folder = TestPaths.temporaryFolder("mappings")
        let vocabulary = try #require(BundledMappings.files["vocabulary.yaml"])
        /// The vocabulary with `text` added to the Gene kind.
        func gene(_ text: String) -> String {
            let kind = "  Gene:\n    rdf_class: [wp:GeneProduct]\n"
            return vocabulary.replacingOccurrences(of: kind, with: kind + "    " + text + "\n")
        }
        let cases: [(String, String, String)] = [
            (
                "vocabulary.yaml", vocabulary.replacingOccurrences(of: "  Organism:\n", with: "  Organsim:\n"),
                "unknown node kind 'Organsim'"
            ),
            ("vocabulary.yaml", gene("properties:\n      - { name: symbol, type: number }"), "unknown type 'number'"),
            ("vocabulary.yaml", gene("properties:\n      - { name: symbol, type: integer }"), "is string, not integer"),
            (
                "vocabulary.yaml", gene("properties:\n      - { name: symbol }\n      - { name: symbol }"),
                "listed twice"
            ),
            ("vocabulary.yaml", gene("properties:\n      - { name: symbol, rdf: nowhere:symbol }"), "nowhere:symbol"),
            ("vocabulary.yaml", gene("omit: [symbols]"), "no property 'symbols'"),
            ("vocabulary.yaml", gene("omit: [symbol]\n    properties: []"), "both 'properties' and 'omit'"),
            // A schema default must expand too: without `pfocr`, `pfocr:figureNumber` cannot.
            (
                "vocabulary.yaml",
                vocabulary.replacingOccurrences(of: "  pfocr: \"https://pfocr.wikipathways.org/vocab#\"\n", with: ""),
                "'pfocr:"
            ),
            ("vocabulary.yaml", "nodes: [", "YAML error"),
            ("organisms.tsv", "name\ttaxon_id\nHomo sapiens\thuman\n", "not an NCBI Taxonomy id"),
        ]
        for (file, text, message) in cases {
            try? FileManager.default.removeItem(atPath: folder)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try text.write(toFile: folder + "/" + file, atomically: true, encoding: .utf8)
            #expect {
                _ = try Mapping.load(directory: folder)
            } throws: { error in
                guard let error = error as? MappingError else { return false }
                return error.message.contains(message) && error.location.file.hasSuffix(file) && error.location.line > 0
            }
        }
        #expect(throws: MappingError.self) { _ = try Mapping.load(prefixSet: "nonexistent") }
    }

    /// A kind with no `properties` writes every declared property with the schema's defaults;
    /// `omit` leaves some out; a `properties` list gives exactly those, in its order, each
    /// overriding what it names and taking the defaults for the rest.
    @Test func vocabularyChoosesAmongTheDeclaredProperties() throws {
        let bundled = try Mapping.bundled().vocabulary
        for kind in NodeKind.allCases {
            let declared = GraphSchema.nodeProperties[kind] ?? []
            #expect(bundled.node(kind).properties == declared.map(PropertySpec.init), "\(kind)")
        }
        let vocabulary = try #require(BundledMappings.files["vocabulary.yaml"])
        let figure = "  Figure:\n    rdf_class: [fabio:Figure, schema:ImageObject]\n"
        let paper = "  Paper:\n    rdf_class: [fabio:JournalArticle]\n"
        let edited =
            vocabulary
            .replacingOccurrences(
                of: figure,
                with: figure
                    + "    properties:\n      - { name: caption, rdf: schema:caption }\n"
                    + "      - { name: figid, type: string, description: Its id }\n"
            )
            .replacingOccurrences(of: paper, with: paper + "    omit: [doi, doiLink]\n")
        let folder = TestPaths.temporaryFolder("vocabulary-choices")
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try edited.write(toFile: folder + "/vocabulary.yaml", atomically: true, encoding: .utf8)
        let custom = try Mapping.load(directory: folder).vocabulary

        let figureProperties = custom.node(.figure).properties
        #expect(figureProperties.map(\.name) == ["caption", "figid"])
        #expect(figureProperties.map(\.rdfPredicate) == ["schema:caption", "dcterms:identifier"])
        #expect(figureProperties.map(\.description) == ["Figure caption", "Its id"])
        #expect(figureProperties.first?.kgx == .slot("description"))
        let paperNames = custom.node(.paper).properties.map(\.name)
        #expect(paperNames == bundled.node(.paper).properties.map(\.name).filter { $0 != "doi" && $0 != "doiLink" })
        #expect(custom.node(.paper).properties.first { $0.name == "year" }?.rdfDatatype == "xsd:gYear")
    }
}

/// `--taxonomy names.dmp`: scientific names and synonyms map, curated entries win, homonyms
/// and common names do not map, a malformed line fails with file and line.
@Suite struct TaxonomyTests {
    /// A names.dmp in NCBI's layout; the ids of the invented names are invented.
    static let namesDump =
        [
            "9606\t|\tHomo sapiens\t|\t\t|\tscientific name\t|",
            "9606\t|\thuman\t|\t\t|\tgenbank common name\t|",
            "10090\t|\tMus musculus\t|\t\t|\tscientific name\t|",
            "10090\t|\tmouse\t|\t\t|\tcommon name\t|",
            "900001\t|\tDysidea avara\t|\t\t|\tscientific name\t|",
            "900002\t|\tNewname example\t|\t\t|\tscientific name\t|",
            "900002\t|\tOldname example\t|\t\t|\tsynonym\t|",
            "900003\t|\tTwin\t|\tTwin <animal>\t|\tscientific name\t|",
            "900004\t|\tTwin\t|\tTwin <plant>\t|\tscientific name\t|",
            "900005\t|\tHomo sapiens\t|\t\t|\tsynonym\t|",
            "900006\t|\tShared old\t|\t\t|\tsynonym\t|",
            "900007\t|\tShared old\t|\t\t|\tsynonym\t|",
            "900008\t|\tPlaced spp.\t|\t\t|\tscientific name\t|\r",
        ].joined(separator: "\n") + "\n"

    /// The one-pass ASCII key is the Unicode key for every name it takes.
    @Test func asciiKeysAreTheUnicodeKeys() {
        let names = [
            "Homo sapiens", "  homo  SAPIENS\t", "Mus\tmusculus", "E. coli K-12", "", " ", "\t\t", "No", "HIV-1 (X4)",
            "Arabidopsis thaliana Col-0", "Rattus norvegicus  ", "Ćaffeine ïon", "ΑΒΓ test",
        ]
        for name in names {
            #expect(OrganismTable.key(name) == OrganismTable.unicodeKey(name), "\(name)")
        }
    }

    @Test func mapsScientificNamesAndSynonyms() throws {
        var table = try Mapping.bundled().organisms
        let before = table.count
        try table.addTaxonomy(namesDump: Array(TaxonomyTests.namesDump.utf8), path: "names.dmp")
        #expect(table.taxonID(for: "dysidea  AVARA") == "900001")
        #expect(table.name(for: "900001") == "Dysidea avara")
        #expect(table.taxonID(for: "Oldname example") == "900002")
        #expect(table.name(for: "900002") == "Newname example")
        #expect(table.taxonID(for: "Homo sapiens") == "9606")
        #expect(table.name(for: "9606") == "Homo sapiens")
        #expect(table.taxonID(for: "Twin") == nil)
        #expect(table.taxonID(for: "Shared old") == nil)
        #expect(table.taxonID(for: "mouse") == nil && table.taxonID(for: "human") == nil)
        #expect(table.taxonID(for: "Placed spp.") == "900008")
        #expect(table.count > before)
    }

    @Test func malformedLineFailsWithFileAndLine() throws {
        var table = try Mapping.bundled().organisms
        let text = "9606\t|\tHomo sapiens\t|\t\t|\tscientific name\t|\nnine\t|\tX\t|\t\t|\tscientific name\t|\n"
        #expect {
            try table.addTaxonomy(namesDump: Array(text.utf8), path: "names.dmp")
        } throws: { error in
            guard let error = error as? MappingError else { return false }
            return error.location.file == "names.dmp" && error.location.line == 2 && error.message.contains("names.dmp")
        }
    }

    /// Through the driver: the Examples' one unmapped organism gets its ABOUT edge.
    @Test func exportMapsTheExamplesUnmappedOrganism() throws {
        var mapping = try Mapping.bundled()
        let path = TestPaths.temporaryFolder("taxonomy") + "/names.dmp"
        try TaxonomyTests.namesDump.write(toFile: path, atomically: true, encoding: .utf8)
        try mapping.organisms.addTaxonomy(file: path)
        var request = ExportRequest(
            inputs: [TestPaths.examples], formats: [], outputPath: nil, jobs: 2, mapping: mapping, toolVersion: "test")
        let with = try ExportDriver(request).run(diagnostic: { _ in })
        #expect(with.report.unmappedOrganisms.isEmpty)
        request.mapping = try Mapping.bundled()
        var warnings: [String] = []
        let without = try ExportDriver(request).run(diagnostic: {
            if $0.severity == .warning { warnings.append($0.message) }
        })
        #expect(without.report.unmappedOrganisms == ["Dysidea avara": 1])
        #expect(with.report.edges["ABOUT"] == (without.report.edges["ABOUT"] ?? 0) + 1)
        #expect(warnings.contains { $0.hasPrefix("1 curated organism names (1 uses) have no NCBI Taxonomy id") })
    }
}

/// The byte appenders of ``PrefixSet`` write exactly what the String forms return.
@Suite struct PrefixSetBytesTests {
    @Test(arguments: ["identifiers", "bioregistry"])
    func bytesEqualStrings(prefixes: String) throws {
        let set = try Mapping.load(prefixSet: prefixes).prefixes
        let locals = ["2915", "D018350", "PMC1__fig 1/ä<x>", "10.1000/a b#c", "Ω", "x%y"]
        for namespace in Namespace.allCases {
            #expect(Namespace.allCases[namespace.ordinal] == namespace)
            for local in locals {
                let id = Identifier(namespace, local)
                var iri: [UInt8] = []
                var curie: [UInt8] = []
                var biolink: [UInt8] = []
                set.appendIRI(id, to: &iri)
                set.appendCurie(id, to: &curie)
                set.appendBiolinkCurie(id, to: &biolink)
                #expect(iri == Array(set.iri(id).utf8))
                #expect(curie == Array(set.curie(id).utf8))
                #expect(biolink == Array(set.biolinkCurie(id).utf8))
            }
        }
    }
}
