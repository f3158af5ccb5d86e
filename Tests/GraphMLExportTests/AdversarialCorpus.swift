import Foundation
import PFOCRTestSupport

/// A generated corpus in PFOCR's layout whose text holds everything that breaks XML writers:
/// control characters (via YAML escapes and raw in a TSV), U+FFFE/U+FFFF, `& < > " '`, `#`,
/// backslashes, tabs, CR LF, `]]>`, astral-plane characters, spaces in a figid and a DOI.
enum AdversarialCorpus {
    static let oddFigid = "PMC9000001__fig 1#a&b<c>"
    /// The figure title after removing U+0001, U+000B, U+000C, U+FFFE, U+FFFF.
    static let titleWithoutForbidden =
        "Quotes \" and 'single', backslash \\ tab\there" + "ctl" + "vt" + "ff" + "non"
        + "non & < > # astral \u{1F9EC} end"

    /// Writes the corpus into a new temporary folder and returns its root.
    static func write() throws -> String {
        let root = TestPaths.temporaryFolder("pfocr-graphml-adversarial")
        let figures = root + "/_figures"
        let data = root + "/_data"
        try FileManager.default.createDirectory(atPath: figures, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        // Layout A, inline entities; the YAML double-quoted escapes make the control characters.
        let inline = #"""
            ---
            figid: "PMC9000001__fig 1#a&b<c>"
            pmcid: PMC9000001
            figtitle: "Quotes \" and 'single', backslash \\ tab\there\x01ctl\x0Bvt\x0Cff\uFFFEnon\uFFFFnon & < > # astral \U0001F9EC end"
            caption: "line1\nline2\r\nline3 ]]> end"
            papertitle: "Paper <b>bold</b> & \"title\""
            year: '2013'
            doi: "10.1000/a b#c"
            pathway_score: 0.5
            organisms: Homo sapiens
            genes:
              - {word: "TP\x0153", symbol: TP53, source: hgnc_symbol, hgnc_symbol: TP53, entrez: '7157'}
              - {word: "A&B<C>\"D\"", symbol: EGFR, source: hgnc_symbol, hgnc_symbol: EGFR, entrez: '1956'}
            chemicals:
              - {word: "Ca2+ \U0001F600", source: MESH, identifier: D002118}
            diseases: []
            ---

            """#
        try inline.write(toFile: figures + "/PMC9000001__fig 1#a.md", atomically: true, encoding: .utf8)
        // Layout B: a side file with a raw U+0002 and markup in a word, CRLF line ends.
        let sideFiles = """
            ---
            figid: PMC9000002__g2
            pmcid: PMC9000002
            figtitle: plain
            year: '2020'
            organisms: [Homo sapiens, Mus musculus]
            automl_pathway: 0.75
            ---

            """
        try sideFiles.write(toFile: figures + "/PMC9000002__g2.md", atomically: true, encoding: .utf8)
        let genes = [
            "organism_id\torganism_name\torganism_group\tword\tmatch\tncbigene_symbol\tncbigene_id\tsource\tcount_direct\tcount_synonym\tcount_match",
            "9606\tHomo sapiens\tPrimates\tX\u{02}Y<&>\"\u{1F600}\tTP53\tTP53\t7157\tncbigene_symbol\t1\t2\t3",
            "10090\tMus musculus\tRodents\tTrp53\tTrp53\tTrp53\t22059\tncbigene_symbol\t1\tNA\t1",
        ].joined(separator: "\r\n")
        try genes.write(toFile: data + "/PMC9000002__g2-genes.tsv", atomically: true, encoding: .utf8)
        return root
    }
}
