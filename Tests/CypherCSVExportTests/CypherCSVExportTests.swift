import Foundation
import PFOCRGraph
import PFOCRTestSupport
import Testing

@Suite struct CypherCSVExportTests {
    static let nodeFiles = ["Figure", "Paper", "Gene", "Chemical", "Disease", "Organism"].map { "nodes-\($0).csv" }
    static let relationshipFiles = [
        "PART_OF-Paper", "MENTIONS-Gene", "MENTIONS-Chemical", "MENTIONS-Disease", "ABOUT-Organism",
        "IN_TAXON-Organism",
    ].map { "rels-\($0).csv" }

    @Test func goldenAndDeterministic() throws {
        #expect(try Golden.check("cypher-csv", formats: ["cypher-csv"]) == [])
    }

    @Test func writesOneFilePerLabelAndPerTypeAndEnd() throws {
        let run = try TestExport.run([TestPaths.examples], formats: ["cypher-csv"])
        let written = Set(TestExport.files(in: run.output).keys)
        let expected = Set(
            (CypherCSVExportTests.nodeFiles + CypherCSVExportTests.relationshipFiles + ["import.sh", "load.cypher"]).map
            { "neo4j/" + $0 })
        #expect(written == expected)
        #expect(
            try ExportFiles.lines(run.output, "nodes-Gene.csv").first == "id:ID(Gene),:LABEL,name,ncbiGeneID,symbol")
        #expect(
            try ExportFiles.lines(run.output, "rels-MENTIONS-Gene.csv").first
                == ":START_ID(Figure),:END_ID(Gene),:TYPE,words:string[],matchedTerms:string[],sources:string[],evidenceCount:long"
        )
        #expect(
            try ExportFiles.lines(run.output, "rels-IN_TAXON-Organism.csv").first
                == ":START_ID(Gene),:END_ID(Organism),:TYPE")
        #expect(try ExportFiles.lines(run.output, "nodes-Paper.csv").first?.contains(",year:long,") == true)
        #expect(try ExportFiles.lines(run.output, "nodes-Figure.csv").first?.contains(",pathwayScore:double,") == true)
    }

    /// Each node once; every relationship's ends among the written ids of its ID space.
    @Test func nodesOnceAndNoDanglingRelationships() throws {
        let run = try TestExport.run([TestPaths.examples], formats: ["cypher-csv"])
        var ids: [String: Set<String>] = [:]
        for file in CypherCSVExportTests.nodeFiles {
            let lines = try ExportFiles.lines(run.output, file)
            let label = String(file.dropFirst("nodes-".count).dropLast(".csv".count))
            let column = lines.dropFirst().map { firstField($0) }
            #expect(Set(column).count == column.count, "duplicate id in \(file)")
            ids[label] = Set(column)
        }
        #expect(ids["Gene"]?.count == 41)
        #expect(ids["Figure"]?.count == 14)
        #expect(ids["Gene"]?.contains("ncbigene:207") == true)
        for file in CypherCSVExportTests.relationshipFiles {
            let lines = try ExportFiles.lines(run.output, file)
            let header = lines[0].split(separator: ",").map(String.init)
            let start = header[0].dropFirst(":START_ID(".count).dropLast()
            let end = header[1].dropFirst(":END_ID(".count).dropLast()
            for line in lines.dropFirst() {
                let fields = splitFields(line)
                #expect(ids[String(start)]?.contains(fields[0]) == true, "\(file): start \(fields[0]) not written")
                #expect(ids[String(end)]?.contains(fields[1]) == true, "\(file): end \(fields[1]) not written")
            }
        }
        #expect(try ExportFiles.lines(run.output, "rels-MENTIONS-Gene.csv").count - 1 == 44)
    }

    /// Commas, quotes, semicolons, tabs, backslashes survive; line breaks become spaces; the
    /// array delimiter in an element becomes a space; each change is counted.
    @Test func hostileTextIsQuotedAndNormalised() throws {
        let corpus = TemporaryCorpus()
        corpus.record(
            "PMC9000001__hostile",
            #"""
            ---
            figid: PMC9000001__hostile
            figtitle: "A, \"quoted\"; title\twith tab \\ and end\\"
            caption: "Line one\r\nline two\nline three\u2028four\rfive"
            pmcid: PMC9000001
            papertitle: "Paper \"x\", y; z"
            reftext: 'Ref, with ''single'' quotes; and "double"'
            year: '2020'
            organisms: Homo sapiens
            pathway_score: 0.5
            genes:
            - word: "Ga12,Gaq;\"x\"\\"
              symbol: GNAQ
              source: hgnc_symbol
              hgnc_symbol: GNAQ
              entrez: '2776'
            - word: "two\nlines\tand tab"
              symbol: GNAQ
              source: hgnc_alias_symbol
              hgnc_symbol: GNAQ
              entrez: '2776'
            - word: "unit\x1fsep|pipe"
              symbol: A1BG
              source: hgnc_symbol
              hgnc_symbol: A1BG
              entrez: '1'
            chemicals: []
            diseases: []
            ---

            """#)
        let run = try TestExport.run([corpus.root], formats: ["cypher-csv"])
        let figure = try ExportFiles.lines(run.output, "nodes-Figure.csv")
        #expect(figure.count == 2)
        #expect(
            figure[1].hasPrefix(
                #""PMC9000001__hostile","Figure","A, ""quoted""; title"# + "\t"
                    + #"with tab \ and end\","PMC9000001__hostile","#))
        #expect(figure[1].contains(#","Line one line two line three four five","#))
        #expect(figure[1].contains(",0.5,"))
        #expect(figure[1].hasSuffix(#","Homo sapiens",,,,,,,,,,,"inline""#))
        let paper = try ExportFiles.lines(run.output, "nodes-Paper.csv")
        #expect(
            paper[1]
                == #""pmc:PMC9000001","Paper","Paper ""x"", y; z","PMC9000001","Paper ""x"", y; z","Ref, with 'single' quotes; and ""double""",2020,,,,,,"#
        )
        let mentions = try ExportFiles.lines(run.output, "rels-MENTIONS-Gene.csv")
        #expect(
            mentions.dropFirst() == [
                #""PMC9000001__hostile","ncbigene:1","MENTIONS","unit sep|pipe","A1BG","hgnc_symbol",1"#,
                "\"PMC9000001__hostile\",\"ncbigene:2776\",\"MENTIONS\",\"Ga12,Gaq;\"\"x\"\"\\\u{1F}two lines\tand tab\",\"GNAQ\u{1F}GNAQ\",\"hgnc_symbol\u{1F}hgnc_alias_symbol\",2",
            ])
        let counts = try #require(run.outcome.report.sinks["cypher-csv"]?.counts)
        #expect(counts["normalisedLineBreaks"] == 2)  // the caption and one OCR word
        #expect(counts["cleanedArrayElements"] == 1)
        #expect(counts["backslashQuoteFields"] == 2)  // the figure's name and title end in a backslash
        #expect(run.outcome.report.sinks["cypher-csv"]?.notes.count == 3)
    }

    /// One MeSH id as a Chemical in one figure and a Disease in another: two nodes, one per
    /// ID space, and each MENTIONS relationship finds its end.
    @Test func oneMeSHIdCanBeAChemicalAndADisease() throws {
        let corpus = TemporaryCorpus()
        for (number, kind) in [(1, "chemicals"), (2, "diseases")] {
            let figid = "PMC900000\(number)__f\(number)"
            corpus.record(
                figid,
                "---\nfigid: \(figid)\nfigtitle: Figure \(number)\npmcid: PMC900000\(number)\nyear: '2024'\norganisms: Homo sapiens\n---\n"
            )
            corpus.sideFile(
                "\(figid)-\(kind).tsv",
                "word\tmesh\tmatch\tname\t\(kind == "chemicals" ? "chebi" : "doid")\nHeme\tmesh:D006418\tHeme\theme\tNA\n"
            )
        }
        let run = try TestExport.run([corpus.root], formats: ["cypher-csv"])
        #expect(try ExportFiles.lines(run.output, "nodes-Chemical.csv").dropFirst().map(firstField) == ["mesh:D006418"])
        #expect(try ExportFiles.lines(run.output, "nodes-Disease.csv").dropFirst().map(firstField) == ["mesh:D006418"])
        #expect(
            try ExportFiles.lines(run.output, "rels-MENTIONS-Chemical.csv").dropFirst().map { splitFields($0)[0] } == [
                "PMC9000001__f1"
            ])
        #expect(
            try ExportFiles.lines(run.output, "rels-MENTIONS-Disease.csv").dropFirst().map { splitFields($0)[0] } == [
                "PMC9000002__f2"
            ])
        #expect(run.outcome.report.sinks["cypher-csv"]?.counts["droppedRelationships"] == nil)
    }

    /// Changed values are counted for the rows written: a paper two figures share is one row,
    /// so its title's line break counts once per field (`name` and `title`), not per figure.
    @Test func onlyWrittenRowsCount() throws {
        let corpus = TemporaryCorpus()
        for number in [1, 2] {
            let figid = "PMC9000001__f\(number)"
            corpus.record(
                figid,
                "---\nfigid: \(figid)\nfigtitle: Figure \(number)\npmcid: PMC9000001\npapertitle: \"two\\nlines\"\nyear: '2024'\n---\n"
            )
        }
        let run = try TestExport.run([corpus.root], formats: ["cypher-csv"])
        #expect(try ExportFiles.lines(run.output, "nodes-Paper.csv").count == 2)
        let counts = try #require(run.outcome.report.sinks["cypher-csv"]?.counts)
        #expect(counts["normalisedLineBreaks"] == 2)
        #expect(counts["nodes-Paper"] == 1 && counts["nodes-Figure"] == 2 && counts["rels-PART_OF-Paper"] == 2)
        #expect(counts["nodes"] == 3 && counts["relationships"] == 2)
    }

    @Test func importScriptNamesEveryFileWithItsFlags() throws {
        let run = try TestExport.run([TestPaths.examples], formats: ["cypher-csv"])
        let script = try ExportFiles.text(run.output, "import.sh")
        #expect(script.hasPrefix("#!/usr/bin/env bash\n"))
        for flag in [
            "--array-delimiter='U+001F'", "--multiline-fields=false", "--id-type=string",
            "--legacy-style-quoting=false", "--quote='\"'", "--delimiter=','",
        ] {
            #expect(script.contains("  \(flag) \\\n"), "\(flag)")
        }
        for file in CypherCSVExportTests.nodeFiles { #expect(script.contains("--nodes=\"$here/\(file)\" \\\n")) }
        for file in CypherCSVExportTests.relationshipFiles {
            #expect(script.contains("--relationships=\"$here/\(file)\" \\\n"))
        }
        #expect(script.contains("database import full \"$database\""))
    }

    @Test func loadScriptCreatesConstraintsFirstAndConvertsTypes() throws {
        let run = try TestExport.run([TestPaths.examples], formats: ["cypher-csv"])
        let script = try ExportFiles.text(run.output, "load.cypher")
        let firstConstraint = try #require(script.range(of: "CREATE CONSTRAINT"))
        let firstLoad = try #require(script.range(of: "\nLOAD CSV"))
        #expect(firstConstraint.lowerBound < firstLoad.lowerBound)
        #expect(script.components(separatedBy: "CREATE CONSTRAINT").count - 1 == 6)
        #expect(script.components(separatedBy: "} IN TRANSACTIONS OF 10000 ROWS;").count - 1 == 12)
        #expect(script.contains("n.year = toInteger(row.`year:long`)"))
        #expect(script.contains("n.pathwayScore = toFloat(row.`pathwayScore:double`)"))
        #expect(
            script.contains(
                "r.words = CASE WHEN row.`words:string[]` = '' THEN null ELSE split(row.`words:string[]`, '\\u001F') END"
            ))
        #expect(script.contains("MATCH (b:Gene {id: row.`:END_ID(Gene)`})"))
    }

    /// A vocabulary label that is not a plain identifier cannot be a Cypher label or a file
    /// name: refused before anything is written (exit 78).
    @Test func refusesALabelCypherCannotUse() throws {
        var mapping = try Mapping.bundled()
        mapping.vocabulary.nodes[.gene]?.label = "Gene Product"
        #expect(throws: ExportError.self) {
            _ = try TestExport.run([TestPaths.examples], formats: ["cypher-csv"], mapping: mapping)
        }
    }

    // MARK: Helpers

    /// The fields of a CSV line as written by the sink (quoted, no line breaks).
    func splitFields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = String()
        var quoted = false
        var iterator = Array(line).makeIterator()
        var pending: Character? = nil
        while let char = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if char == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" {
                            current.append("\"")
                        } else {
                            quoted = false
                            pending = next
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(char)
                }
            } else if char == "\"" {
                quoted = true
            } else if char == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(char)
            }
        }
        fields.append(current)
        return fields
    }

    func firstField(_ line: String) -> String { splitFields(line)[0] }
}
