import Foundation
import PFOCRGraph
import PFOCRTestSupport
import Testing

@testable import RDFExport

@Suite struct RDFExportTests {
    private func text(_ folder: String, _ name: String) throws -> String {
        try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
    }

    @Test func goldenFilesAtOneAndTwoJobs() throws {
        #expect(try Golden.check("rdf", formats: ["turtle", "ntriples"]) == [])
    }

    @Test func turtleAndNTriplesCountTheSameTriplesAndVoIDIsWrittenOnce() throws {
        let run = try TestExport.run([TestPaths.examples], formats: ["turtle", "ntriples"])
        #expect(run.outcome.exitCode == 0)
        let turtle = try #require(run.outcome.report.sinks["turtle"])
        let ntriples = try #require(run.outcome.report.sinks["ntriples"])
        #expect(turtle.counts == ntriples.counts)
        let nt = try text(run.output, "pfocr.nt")
        let lines = nt.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == turtle.counts["triples"])
        #expect(nt.hasSuffix(" .\n"))
        #expect(lines.allSatisfy { $0.hasPrefix("<") && $0.hasSuffix(" .") })
        let files = TestExport.files(in: run.output).keys.sorted()
        #expect(files == ["pfocr.nt", "pfocr.ttl", "void.ttl"])
        let void = try text(run.output, "void.ttl")
        #expect(void.contains("void:triples \"\(lines.count)\"^^xsd:integer"))
        #expect(void.contains("dcterms:license <http://creativecommons.org/publicdomain/zero/1.0/>"))
        #expect(
            void.contains(
                "void:feature <http://www.w3.org/ns/formats/N-Triples>, <http://www.w3.org/ns/formats/Turtle>"))
        #expect(!void.contains("dcterms:created"))
        #expect(!void.contains("_:"))
    }

    @Test func examplesTurtleHasTheDocumentedShape() throws {
        let run = try TestExport.run([TestPaths.examples], formats: ["turtle"])
        let ttl = try text(run.output, "pfocr.ttl")
        #expect(ttl.hasPrefix("@prefix bibo: <http://purl.org/ontology/bibo/> .\n"))
        #expect(
            ttl.contains(
                "\nncbigene:207 a wp:GeneProduct ;\n    rdfs:label \"AKT1\" ;\n    dcterms:identifier \"207\" ;\n    biolink:symbol \"AKT1\" ;\n    wp:bdbEntrezGene <https://identifiers.org/ncbigene/207>"
            ))
        #expect(
            ttl.contains(
                "<https://pfocr.wikipathways.org/figures/PMC1000001__fig1.html#mention-ncbigene-207> a pfocr:Mention ;\n    pfocr:inFigure <https://pfocr.wikipathways.org/figures/PMC1000001__fig1.html> ;\n    pfocr:mentionOf ncbigene:207 ;\n    pfocr:evidenceCount \"2\"^^xsd:integer ;"
            ))
        #expect(ttl.contains("rdfs:seeAlso wikipathways:WP4172"))
        #expect(ttl.contains("^^xsd:gYear"))
        #expect(!ttl.contains("_:"))
        // Only Turtle was selected: void.ttl names only its format.
        let void = try text(run.output, "void.ttl")
        #expect(void.contains("void:feature <http://www.w3.org/ns/formats/Turtle> ;"))
        #expect(!void.contains("N-Triples"))
    }

    @Test func nTriplesAloneStillWritesVoID() throws {
        let run = try TestExport.run([TestPaths.examples], formats: ["ntriples"])
        #expect(TestExport.files(in: run.output).keys.sorted() == ["pfocr.nt", "void.ttl"])
    }

    @Test func createdAndSourceVersionOptions() throws {
        let run = try TestExport.run(
            [TestPaths.examples], formats: ["turtle"],
            options: ["created": "2026-11-26", "source-version": "abc \"123\""])
        let void = try text(run.output, "void.ttl")
        #expect(void.contains("dcterms:created \"2026-11-26\"^^xsd:date"))
        #expect(void.contains("pfocr:sourceVersion \"abc \\\"123\\\"\""))
        #expect(throws: ExportError.self) {
            _ = try TestExport.run([TestPaths.examples], formats: ["turtle"], options: ["created": "26/11/2026"])
        }
    }

    @Test func bioregistryPrefixSetUsesItsIRIsAndPrefixes() throws {
        let mapping = try Mapping.load(prefixSet: "bioregistry")
        let run = try TestExport.run([TestPaths.examples], formats: ["turtle", "ntriples"], mapping: mapping)
        let ttl = try text(run.output, "pfocr.ttl")
        #expect(ttl.contains("@prefix NCBIGene: <https://www.ncbi.nlm.nih.gov/gene/> ."))
        #expect(ttl.contains("\nNCBIGene:207 a wp:GeneProduct ;"))
        // The WikiPathways join link keeps identifiers.org IRIs whatever the prefix set.
        #expect(ttl.contains("wp:bdbEntrezGene <https://identifiers.org/ncbigene/207>"))
        let nt = try text(run.output, "pfocr.nt")
        #expect(
            nt.contains(
                "<https://www.ncbi.nlm.nih.gov/gene/207> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://vocabularies.wikipathways.org/wp#GeneProduct> .\n"
            ))
    }

    @Test func namerUsesPrefixedNamesOnlyForSafeLocals() throws {
        let mapping = try Mapping.bundled()
        let text = { (bytes: [UInt8]) in String(decoding: bytes, as: UTF8.self) }
        let turtle = RDFNamer(syntax: .turtle, mapping: mapping)
        #expect(text(turtle.node(Identifier(.ncbigene, "207"))) == "ncbigene:207")
        #expect(text(turtle.node(Identifier(.doi, "10.1/a b"))) == "<https://doi.org/10.1/a%20b>")
        #expect(
            text(turtle.node(Identifier(.figure, "PMC1__f"))) == "<https://pfocr.wikipathways.org/figures/PMC1__f.html>"
        )
        #expect(text(turtle.term("dcterms:title")) == "dcterms:title")
        var link: [UInt8] = []
        turtle.appendIRI("https://identifiers.org/wikipathways/WP4172", to: &link)
        #expect(text(link) == "wikipathways:WP4172")
        let ntriples = RDFNamer(syntax: .nTriples, mapping: mapping)
        #expect(text(ntriples.node(Identifier(.ncbigene, "207"))) == "<https://identifiers.org/ncbigene/207>")
        #expect(text(ntriples.node(Identifier(.ncbigene, "a b"))) == "<https://identifiers.org/ncbigene/a%20b>")
        #expect(text(ntriples.term("dcterms:title")) == "<http://purl.org/dc/terms/title>")
    }

    @Test func adversarialRecordWritesOnlyValidTerms() throws {
        let root = TestPaths.temporaryFolder("rdf-adversarial")
        try FileManager.default.createDirectory(atPath: root + "/_figures", withIntermediateDirectories: true)
        // YAML double-quoted escapes produce the hostile characters (\a bell, \x7f DEL, \x01).
        let record = #"""
            ---
            figid: "PMC9__we<ird> fig#1 \"q\" \\ end"
            figtitle: "Quotes \" back\\slash tab\t nl\n cr\r bell\a del\x7f astral 🧬 & < > #"
            organisms: Homo sapiens
            pmcid: PMC9
            filename: "we ird.jpg"
            year: '2024'
            doi: "10.1000/abc def<x>#frag"
            genes:
            - word: "AKT \"1\"\x01"
              symbol: AKT1
              source: hgnc_symbol
              hgnc_symbol: AKT1
              entrez: '207'
            chemicals: []
            diseases: []
            ---

            """#
        try record.write(toFile: root + "/_figures/PMC9__odd.md", atomically: true, encoding: .utf8)
        let run = try TestExport.run([root], formats: ["turtle", "ntriples"])
        #expect(run.outcome.report.records.exported == 1)
        let nt = try text(run.output, "pfocr.nt")
        // No raw control character anywhere; every line is one triple.
        #expect(!nt.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(nt.contains(#""Quotes \" back\\slash tab\t nl\n cr\r bell\u0007 del\u007F astral 🧬 & < > #""#))
        #expect(
            nt.contains(
                "<https://pfocr.wikipathways.org/figures/PMC9__we%3Cird%3E%20fig%231%20%22q%22%20%5C%20end.html>"))
        #expect(nt.contains("<https://doi.org/10.1000/abc%20def%3Cx%3E%23frag>"))
        #expect(nt.contains(#""AKT \"1\"\u0001""#))
        for line in nt.split(separator: "\n") {
            // Inside <...> terms there is never a space, quote, backslash or angle bracket.
            var inIRI = false
            var inString = false
            var escaped = false
            for scalar in line.unicodeScalars {
                if inString {
                    if escaped {
                        escaped = false
                    } else if scalar == "\\" {
                        escaped = true
                    } else if scalar == "\"" {
                        inString = false
                    }
                } else if inIRI {
                    #expect(!" \"\\<{}|^`".unicodeScalars.contains(scalar), "\(line)")
                    if scalar == ">" { inIRI = false }
                } else if scalar == "<" {
                    inIRI = true
                } else if scalar == "\"" {
                    inString = true
                }
            }
            #expect(!inIRI && !inString, "\(line)")
        }
    }
}
