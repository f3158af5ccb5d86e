import Testing

@testable import PFOCRRecords

@Suite struct RecordReaderTests {
    let reader = RecordReader()

    func read(_ corpus: TemporaryCorpus, _ name: String) -> RecordReadResult {
        reader.read(
            RecordSource(path: corpus.root + "/_figures/\(name).md", stem: name, dataDirectory: corpus.root + "/_data"))
    }

    @Test func readsLayoutAWithPFOCRValueRules() throws {
        let corpus = TemporaryCorpus()
        corpus.record(
            "PMC1__a",
            """
            ---
            figid: PMC1__a
            year: '2013'
            organisms: 'No'
            caption: .na.character
            figtitle: ''
            pathway_score: 0.75
            figlink: pmc/articles/PMC1/figure/F1
            genes:
            - word: NA
              symbol: na
              source: hgnc_symbol
              hgnc_symbol: na
              entrez: '42491'
            - word: X
              symbol: X
              source: hgnc_symbol
              hgnc_symbol: X
              entrez: NA
            chemicals: []
            diseases:
            - word: Cancer
              source: ''
              identifier: ''
            ---

            """)
        let result = read(corpus, "PMC1__a")
        #expect(result.diagnostics.isEmpty)
        let record = try #require(result.record)
        #expect(record.layout == .inline)
        #expect(record.year == 2013)
        #expect(record.organisms == ["No"])  // not a YAML 1.1 boolean
        #expect(record.caption == nil)
        #expect(record.title == nil)
        #expect(record.pathwayScore == 0.75)
        #expect(record.figureLink == "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1/figure/F1")
        #expect(record.genes.map(\.word) == ["NA", "X"])  // NA is a real word
        #expect(record.genes.map(\.ncbiGeneID) == ["42491", nil])
        #expect(record.diseases.count == 1 && record.diseases[0].isUnidentified)
        #expect(record.rows[.gene]?.rowsRead == 2)
    }

    /// The field table is the one list of keys the reader keeps: no key twice, none of the
    /// keys the reader reads itself; `automl_pathway` only fills in a score `pathway_score` did
    /// not give.
    /// Keywords split on bytes (ASCII text) as they split by `Character` (any text).
    @Test func keywordsSplitAsCharacters() {
        let texts = [
            "a | b | c", "|a||b|", "  ", "", "one", " x |\ty\r\n| z ", "|", "a\r\n|b",
            "caf\u{E9} | th\u{E9}", "a|\u{301}b | c", "\u{1F600} | x",
        ]
        for text in texts {
            let expected = text.split(separator: "|").map { String($0).trimmingASCIIWhitespace() }.filter {
                !$0.isEmpty
            }
            #expect(RecordField.splitKeywords(text) == expected, "\(text.debugDescription)")
        }
    }

    @Test func fieldTableIsConsistent() {
        let names = FrontMatterKey.allNames
        #expect(Set(names).count == names.count, "a key is declared twice")
        #expect(RecordField.all.allSatisfy { !["figid", "genes", "chemicals", "diseases"].contains($0.key) })
        for (position, name) in names.enumerated() {
            let key = name.utf8.map { $0 }.withUnsafeBufferPointer { FrontMatterKey.names.key(KeyText($0)) }
            #expect(key == FrontMatterKey(index: position), "\(name)")
        }
        let corpus = TemporaryCorpus()
        _ = corpus.record("PMC1__both", "---\nfigid: PMC1__both\npathway_score: 0.25\nautoml_pathway: 0.75\n---\n")
        _ = corpus.record("PMC1__automl", "---\nfigid: PMC1__automl\npathway_score: x\nautoml_pathway: 0.75\n---\n")
        #expect(read(corpus, "PMC1__both").record?.pathwayScore == 0.25)
        let fallback = read(corpus, "PMC1__automl")
        #expect(fallback.record?.pathwayScore == 0.75)
        #expect(fallback.diagnostics.map(\.message) == ["'pathway_score' is not a number ('x'); left out"])
    }

    @Test func readsLayoutBSideFilesByHeaderName() throws {
        let corpus = TemporaryCorpus()
        corpus.record("PMC2__b", "---\nfigid: PMC2__b\norganisms:\n- NA\n- Homo sapiens\n---\n")
        // Columns in an unusual order, CRLF, no final newline, one ragged row.
        corpus.sideFile(
            "PMC2__b-genes.tsv",
            "ncbigene_id\tword\torganism_id\tncbigene_symbol\r\n207\tAKT\t9606\tAKT1\r\n11651\tAkt\t10090\tAkt1\r\nbroken\trow\r\nNA\tFZD\t9606\tNA"
        )
        corpus.sideFile(
            "PMC2__b-chemicals.tsv",
            "word\tmesh\tmatch\tname\tchebi\nNADPH\tNA\tNADPH\tNADPH\tchebi:16474\nATP\tmesh:D000255\tATP\tATP\tNA\n")
        corpus.sideFile("PMC2__b-diseases.tsv", "word\tsource\tidentifier\nasthma\tMESH\tD001249\n")
        let result = read(corpus, "PMC2__b")
        let record = try #require(result.record)
        #expect(record.layout == .sideFiles)
        #expect(record.organisms == ["Homo sapiens"])
        #expect(record.genes.map(\.ncbiGeneID) == ["207", "11651", nil])
        #expect(record.genes.map(\.taxonID) == ["9606", "10090", "9606"])
        #expect(record.rows[.gene]?.rowsRead == 4)
        #expect(record.rows[.gene]?.rejected == ["ragged row": 1])
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.location.line == 4)
        #expect(record.chemicals.map(\.ontologyID) == ["16474", nil])
        #expect(record.chemicals.map(\.meshID) == [nil, "D000255"])
        #expect(record.diseases.map(\.meshID) == ["D001249"])
    }

    /// Lines are counted over LF, CRLF and lone CR; blank lines (spaces and tabs only) are not
    /// rows but keep their line numbers; the header is the first line that is not blank.
    @Test func countsSideFileRowsAndLinesOverEveryLineEnding() {
        func read(_ text: String, _ kind: EntityKind = .gene) -> (FigureRecord, [Diagnostic]) {
            var record = FigureRecord(figid: "f", location: SourceLocation(file: "f.md", line: 1), layout: .sideFiles)
            var diagnostics: [Diagnostic] = []
            reader.readSideFile(Array(text.utf8), path: "f.tsv", kind: kind, into: &record, diagnostics: &diagnostics)
            return (record, diagnostics)
        }
        let (mixed, mixedDiagnostics) = read("\u{FEFF}\n \t\r\nword\tncbigene_id\r\rA\t1\rB\r\n  \nC\t2\t3\n D \t NA ")
        #expect(mixed.rows[.gene]?.rowsRead == 4)
        #expect(mixed.rows[.gene]?.rejected == ["ragged row": 2])
        #expect(mixedDiagnostics.map(\.location.line) == [6, 8])
        #expect(mixed.genes.map(\.word) == ["A", " D "])
        #expect(mixed.genes.map(\.ncbiGeneID) == ["1", nil])
        #expect(mixed.genes.map(\.line) == [5, 9])

        let (missing, missingDiagnostics) = read("foo\tbar\n\nA\tB\r\nC", .chemical)
        #expect(missing.rows[.chemical]?.rowsRead == 2)
        #expect(missing.rows[.chemical]?.rejected == ["side file lacks a required column": 2])
        #expect(missingDiagnostics.first?.message.contains("its 2 rows were not read") == true)

        let (blank, blankDiagnostics) = read(" \n\t\r\n", .disease)
        #expect(blank.rows[.disease]?.rowsRead == 0)
        #expect(blankDiagnostics.first?.message.contains("empty side file") == true)
        #expect(SideFileTable.countRows(bytes: Array("h\r\n\r\n a\rb".utf8)) == 2)
    }

    @Test func ignoresSideFilesOfLayoutARecords() throws {
        let corpus = TemporaryCorpus()
        corpus.record("PMC3__c", "---\nfigid: PMC3__c\ngenes: []\n---\n")
        corpus.sideFile("PMC3__c-genes.tsv", "word\tncbigene_id\nA\t1\nB\t2\n")
        let record = try #require(read(corpus, "PMC3__c").record)
        #expect(record.genes.isEmpty)
        #expect(record.ignoredSideFiles.map(\.rows) == [2])
    }

    @Test func rejectsBrokenRecordsWithFileAndLine() {
        let corpus = TemporaryCorpus()
        let cases: [(String, String, Int, String)] = [
            ("nofigid", "---\ncaption: x\n---\n", 2, "no 'figid'"),
            ("emptyfigid", "---\nfigid: ''\n---\n", 2, "'figid' is empty"),
            ("yaml", "---\nfigid: A\ncaption: [unclosed\n---\n", 4, "YAML error"),
            ("tabs", "---\nfigid: A\ngenes:\n\t- word: x\n---\n", 4, "YAML error"),
            ("duplicate", "---\nfigid: A\nfigid: B\n---\n", 2, "duplicate key"),
            ("anchor", "---\nfigid: &a A\nfigtitle: *a\n---\n", 2, "anchors and aliases"),
            ("genesstring", "---\nfigid: A\ngenes: TP53\n---\n", 3, "should be a list"),
            ("control", "---\nfigid: \"A\\x01B\"\n---\n", 2, "control characters"),
        ]
        for (name, text, line, message) in cases {
            corpus.record(name, text)
            let result = read(corpus, name)
            #expect(result.record == nil, "\(name) should be rejected")
            #expect(result.diagnostics.count == 1, "\(name): \(result.diagnostics)")
            #expect(result.diagnostics.first?.location.line == line, "\(name): \(result.diagnostics)")
            #expect(result.diagnostics.first?.message.contains(message) == true, "\(name): \(result.diagnostics)")
            #expect(result.diagnostics.first?.location.file.hasSuffix("\(name).md") == true)
        }
    }

    func read(_ text: String) -> RecordReadResult {
        reader.read(
            RecordSource(path: "/nonexistent/_figures/r.md", stem: "r", dataDirectory: "/nonexistent/_data"),
            contents: Array(text.utf8))
    }

    /// The diagnostics Yams' composer and the old node-tree checks gave, at the same lines:
    /// parse problems (duplicate keys at the first occurrence, when their mapping ends) before
    /// a root that is not a mapping, before anchors and nesting, before complex keys; unknown
    /// keys are checked like the others.
    @Test func reportsYAMLProblemsInTheOrderAndAtTheLinesYamsDid() {
        let cases: [(String, Int, String)] = [
            (
                "---\nfigid: A\nschema-jsonld:\n  '@id': x\n  creator:\n    name: a\n    name: b\n---\n", 6,
                "duplicate key 'name'"
            ),
            ("---\nfigid: A\nb: 1\na: 1\nb: 2\na: 2\n---\n", 4, "duplicate key 'a', 'b'"),
            ("---\nfigid: A\nx:\n  K: 1\n  \u{212A}: 2\n---\n", 4, "duplicate key 'K'"),
            ("---\nfigid: A\nx:\n  ? [a, b]\n  : 1\n  ? [a, b]\n  : 2\n---\n", 4, "duplicate key '<uncovertable>'"),
            ("---\nfigid: &a A\nm:\n  k: 1\n  k: 2\n---\n", 4, "duplicate key 'k'"),
            ("---\nfigid: A\nm: &k a\nn:\n  a: 1\n  *k : 2\n---\n", 5, "duplicate key 'a'"),
            ("---\nfigid: A\ncaption: *a\n---\n", 3, "found undefined alias"),
            ("---\nfigid: A\nx: &a [*a]\n---\n", 3, "found undefined alias"),
            ("---\nfigid: A\n--- b\n---\n", 3, "expected a single document in the stream"),
            (
                "---\nfigid: A\n" + (0..<1100).map { String(repeating: " ", count: $0) + "k:\n" }.joined() + "---\n",
                1002, "Maximum nesting level"
            ),
            ("---\nfigid: A\ncaption: a\u{1}b\n---\n", 2, "control characters are not allowed"),
            ("---\n- &a a\n---\n", 2, "not a YAML mapping"),
            ("---\n# nothing\n---\n", 2, "not a YAML mapping"),
            ("---\nfigid: A\nannotations:\n- x\n- &x a\n---\n", 5, "anchors and aliases"),
            (
                "---\nfigid: A\nx: " + String(repeating: "[", count: 17) + String(repeating: "]", count: 17)
                    + "\n---\n", 3, "nesting deeper than 16"
            ),
            ("---\n? [a]\n: 1\nfigid: &a A\n---\n", 4, "anchors and aliases"),
            ("---\n? [a]\n: 1\nfigid: A\n---\n", 2, "not plain text"),
            ("---\rfigid: A\rm:\r  k: 1\r  k: 2\rcaption: [x\r---\r", 4, "duplicate key 'k'"),
            ("---\r\nfigid: A\r\ncaption: [x\r\n---\r\n", 4, "YAML error"),
        ]
        for (text, line, message) in cases {
            let result = read(text)
            #expect(result.record == nil, "\(text.debugDescription) should be rejected")
            #expect(result.diagnostics.count == 1, "\(text.debugDescription): \(result.diagnostics)")
            #expect(result.diagnostics.first?.location.line == line, "\(text.debugDescription): \(result.diagnostics)")
            #expect(
                result.diagnostics.first?.message.contains(message) == true,
                "\(text.debugDescription): \(result.diagnostics)")
        }
    }

    /// Values as Yams gave them: tags ignored at the top level (a key repeated under another tag
    /// is not a duplicate; the last value wins), a row cell only under a `str` key, one leading
    /// byte order mark dropped from a scalar, nesting up to the limit accepted.
    @Test func readsValuesAsYamsGaveThem() throws {
        let record = try #require(
            read(
                """
                ---
                figid: A
                !!int figid: "\\uFEFFPMC1__a"
                caption: "\\uFEFF\\uFEFFx"
                x: \(String(repeating: "[", count: 16) + String(repeating: "]", count: 16))
                genes:
                - !!int word: x
                  entrez: '1'
                - ! word: y
                  'source': z
                ---
                """
            ).record)
        #expect(record.figid == "PMC1__a")
        #expect(record.caption == "\u{FEFF}x")
        #expect(record.genes.map(\.word) == ["", "y"])
        #expect(record.genes.map(\.source) == [nil, "z"])
        #expect(
            read("---\nfigid: A\n!!str figid: B\n---\n").diagnostics.first?.message.contains("duplicate key 'figid'")
                == true)
    }

    @Test func rejectsBadRowsOnly() throws {
        let corpus = TemporaryCorpus()
        corpus.record(
            "PMC4__d",
            """
            ---
            figid: PMC4__d
            genes:
            - word: A
              entrez: '12a'
            - word: B
              entrez: '7'
            - just text
            chemicals:
            - word: c
              source: MESH
              identifier: 'not an id'
            ---
            """)
        let result = read(corpus, "PMC4__d")
        let record = try #require(result.record)
        #expect(record.genes.map(\.ncbiGeneID) == ["7"])
        #expect(record.rows[.gene]?.rejectedTotal == 2)
        #expect(record.rows[.chemical]?.rejected == ["malformed MeSH id": 1])
        #expect(result.diagnostics.map(\.location.line) == [4, 8, 10])
    }

    @Test func enforcesTheSizeLimit() {
        let corpus = TemporaryCorpus()
        corpus.record("big", "---\nfigid: big\ncaption: '" + String(repeating: "x", count: 5000) + "'\n---\n")
        let small = RecordReader(limits: ReadLimits(maxRecordBytes: 1000))
        let result = small.read(
            RecordSource(path: corpus.root + "/_figures/big.md", stem: "big", dataDirectory: corpus.root + "/_data"))
        #expect(result.record == nil)
        #expect(result.diagnostics.first?.message.contains("over the limit") == true)
    }

    @Test func normalisesIdentifiers() {
        #expect(IdentifierSyntax.mesh("mesh:D009243") == "D009243")
        #expect(IdentifierSyntax.mesh("MESH:C065987") == "C065987")
        #expect(IdentifierSyntax.mesh("D00924x") == nil)
        #expect(IdentifierSyntax.chebi("CHEBI:15846") == "15846")
        #expect(IdentifierSyntax.doid("doid:0060239") == "0060239")
        #expect(IdentifierSyntax.doid("DOID:162") == "162")
        #expect(IdentifierSyntax.numeric(" 2915 ") == "2915")
        #expect(IdentifierSyntax.numeric("-1") == nil)
    }

    /// The prefix is stripped by bytes, letter case folded; the ids accepted must be those the
    /// `Character` search and Unicode lowercasing it replaced accepted.
    @Test func prefixesAreStrippedAsByLowercasing() {
        func reference(_ text: String, _ prefix: String) -> String {
            guard let colon = text.firstIndex(of: ":") else { return text }
            guard text[..<colon].lowercased() == prefix else { return text }
            return String(text[text.index(after: colon)...])
        }
        let samples = [
            "mesh:D1", "MeSh:D1", "mesh:", "mesh", "mes:D1", "meshx:D1", "m:sh:D1", "mesh:\u{301}D1", "me\u{301}sh:D1",
            "\u{212A}:1", "chebi:15846", "CHEBI:15846", "cheb\u{130}:1", "chebi:\u{301}1", "x:chebi:1", "doid:0060239",
            "DOID:162", "doid::1", ":1", "", "ｄｏｉｄ:1", "doid:1:2",
        ]
        for text in samples {
            for prefix in ["mesh", "chebi", "doid"] {
                let expected = reference(text, prefix)
                let stripped = IdentifierSyntax.stripPrefix(text, prefix)
                // Equal, or both not ids: the one difference is a colon before a combining mark.
                #expect(
                    stripped == expected
                        || (IdentifierSyntax.numeric(stripped) == nil && IdentifierSyntax.numeric(expected) == nil
                            && IdentifierSyntax.mesh(stripped) == nil && IdentifierSyntax.mesh(expected) == nil),
                    "\(text) \(prefix)")
            }
        }
    }
}
