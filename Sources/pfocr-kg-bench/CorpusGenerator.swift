import Foundation

/// Writes a deterministic synthetic PFOCR corpus in the repository layout, shaped like the
/// real one (DATA.md): about 48 gene rows per figure on average with a heavy (log-normal)
/// tail, about 2.3 chemical and 0.3 disease rows, 30% layout A and 70% layout B records,
/// multi-organism gene rows, Unicode captions and OCR words, genes drawn from a 146,566-id
/// pool with skewed popularity, and several figures per paper.
///
/// The text is styled the way PFOCR's R emitter (libyaml, width 80) writes it: long scalars
/// folded at a space past column 80, continuation lines indented, and every record carries
/// the `seo` / `schema-jsonld` block of the PFOCR site (the caption again as `description`,
/// the gene symbols as `keywords`), which the reader must parse and skip. Mean record and
/// side-file sizes are checked against real records in Docs/benchmark.md.
struct CorpusGenerator {
    let figures: Int
    let seed: UInt64

    static let organisms: [(String, String, String)] = [
        ("9606", "Homo sapiens", "Primates"), ("10090", "Mus musculus", "Rodents"),
        ("10116", "Rattus norvegicus", "Rodents"), ("7227", "Drosophila melanogaster", "Insects"),
    ]
    static let words = [
        "AKT", "p53", "NF-κB", "TNF-α", "IKKβ", "PI3K", "mTORC1", "ERK1/2", "β-catenin", "Wnt",
        "STAT3", "JAK2", "IL-6", "PLCγ", "ZÁP70/Syk", "XLF!", "Mrel1/Rad50/NBS1?", "PLC,", "GSK3β", "Ca²⁺",
    ]
    static let captionParts = [
        "Schematic of the signalling cascade downstream of the receptor;",
        "arrows show activation (→) and blunt ends inhibition (⊣);",
        "the “canonical” pathway and the 'alternative' one are shown in α and β panels;",
        "5′-AMP, Ca²⁺ and H₂O₂ act as second messengers;",
        "abbreviations: TNF-α, tumour necrosis factor α; IκB, inhibitor of κB;",
    ]

    func write(to root: String) throws {
        let figuresDir = root + "/_figures"
        let dataDir = root + "/_data"
        try FileManager.default.createDirectory(atPath: figuresDir, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        var random = SplitMix64(seed: seed)
        var pmc = 3_000_000
        for index in 0..<figures {
            if random.unit() < 0.85 { pmc += 1 }  // ~1.17 figures per paper
            let pmcid = "PMC\(pmc)"
            let figid = "\(pmcid)__fig\(index)-g\(random.below(9))"
            let year = 2000 + random.below(25)
            let geneRows = min(3000, Int(exp(3.37 + 1.0 * random.normal())))
            let chemicalRows = random.poisson(2.3)
            let diseaseRows = random.poisson(0.3)
            let caption = (0..<(4 + random.below(12))).map { _ in
                CorpusGenerator.captionParts[random.below(CorpusGenerator.captionParts.count)]
            }.joined(separator: " ")
            if random.unit() < 0.3 {
                let text = layoutA(
                    figid: figid, pmcid: pmcid, year: year, caption: caption, genes: geneRows, chemicals: chemicalRows,
                    diseases: diseaseRows, random: &random)
                try text.write(toFile: "\(figuresDir)/\(figid).md", atomically: false, encoding: .utf8)
            } else {
                let text = layoutB(figid: figid, pmcid: pmcid, year: year, caption: caption, random: &random)
                try text.write(toFile: "\(figuresDir)/\(figid).md", atomically: false, encoding: .utf8)
                if geneRows > 0 {
                    try geneTable(geneRows, random: &random).write(
                        toFile: "\(dataDir)/\(figid)-genes.tsv", atomically: false, encoding: .utf8)
                }
                if chemicalRows > 0 {
                    var table = "word\tmesh\tmatch\tname\tchebi\n"
                    for _ in 0..<chemicalRows {
                        let id = chemical(&random)
                        let chebi = random.unit() < 0.5 ? "chebi:\(15000 + random.below(20000))" : "NA"
                        let mesh = random.unit() < 0.2 && chebi != "NA" ? "NA" : "mesh:\(id)"
                        table += "glucose-\(random.below(50))\t\(mesh)\tGlucose\tglucose\t\(chebi)\n"
                    }
                    try table.write(toFile: "\(dataDir)/\(figid)-chemicals.tsv", atomically: false, encoding: .utf8)
                }
                if diseaseRows > 0 {
                    var table = "word\tmesh\tmatch\tname\tdoid\n"
                    for _ in 0..<diseaseRows {
                        table +=
                            "cancer\tmesh:D\(String(format: "%06d", 9000 + random.below(1162)))\tNeoplasms\tcancer\tdoid:\(162 + random.below(100))\n"
                    }
                    try table.write(toFile: "\(dataDir)/\(figid)-diseases.tsv", atomically: false, encoding: .utf8)
                }
            }
        }
    }

    /// A gene id with skewed popularity: a few thousand genes take most mentions.
    func geneID(_ random: inout SplitMix64) -> Int {
        let u = random.unit()
        return 1 + Int(Double(146_566) * u * u * u)
    }

    func chemical(_ random: inout SplitMix64) -> String {
        "D\(String(format: "%06d", random.below(10_944)))"
    }

    func word(_ random: inout SplitMix64) -> String {
        CorpusGenerator.words[random.below(CorpusGenerator.words.count)]
    }

    /// A single-quoted scalar folded as libyaml's emitter folds it: at a space, once the
    /// column passes 80, the line breaks and continues at `indent`.
    static func folded(_ text: String, column: Int, indent: Int) -> String {
        var out = "'"
        var position = column + 1
        for (index, word) in text.replacingOccurrences(of: "'", with: "''").split(separator: " ").enumerated() {
            if index > 0 {
                if position > 80 {
                    out += "\n" + String(repeating: " ", count: indent)
                    position = indent
                } else {
                    out += " "
                    position += 1
                }
            }
            out += word
            position += word.count
        }
        return out + "'"
    }

    /// The site's SEO block: the caption as `description`, the figure's symbols as `keywords`.
    static func seoBlock(figid: String, caption: String, keywords: [String]) -> String {
        var text = "seo: CreativeWork\nschema-jsonld:\n  '@context': https://schema.org/\n"
        text += "  '@id': https://pfocr.wikipathways.org/figures/\(figid).html\n  '@type': Dataset\n"
        text += "  description: \(folded(caption, column: 15, indent: 4))\n  license: CC0\n  name: CreativeWork\n"
        text += "  creator:\n    '@type': Organization\n    name: WikiPathways\n"
        text += keywords.isEmpty ? "  keywords: []\n" : "  keywords:\n" + keywords.map { "  - \($0)\n" }.joined()
        return text
    }

    func layoutA(
        figid: String, pmcid: String, year: Int, caption: String, genes: Int, chemicals: Int, diseases: Int,
        random: inout SplitMix64
    ) -> String {
        var text =
            "---\nfigid: \(figid)\nfiglink: /pmc/articles/\(pmcid)/figure/F1/\nnumber: F1\ncaption: \(CorpusGenerator.folded(caption, column: 9, indent: 2))\n"
        text +=
            "pmcid: \(pmcid)\npapertitle: 'A synthetic paper about “pathways” (\(pmcid))'\nreftext: A. Author, et al. J Synth. \(year);1(1):1-2.\n"
        text +=
            "pmc_ranked_result_index: '\(random.below(90000))'\npathway_score: 0.\(100000 + random.below(899999))\nfilename: F1.jpg\n"
        text +=
            "figtitle: Synthetic pathway figure \(figid)\nyear: '\(year)'\norganisms: Homo sapiens\nndex: ''\nannotations: []\n"
        var rows = ""
        var symbols: [String] = []
        for _ in 0..<genes {
            let id = geneID(&random)
            rows +=
                "- word: \"\(word(&random))\"\n  symbol: G\(id)\n  source: hgnc_symbol\n  hgnc_symbol: G\(id)\n  entrez: '\(id)'\n"
            if symbols.count < 40 { symbols.append("G\(id)") }
        }
        text += CorpusGenerator.seoBlock(figid: figid, caption: caption, keywords: symbols)
        text += "genes:\n" + rows
        text += chemicals == 0 ? "chemicals: []\n" : "chemicals:\n"
        for _ in 0..<chemicals {
            text += "- word: ATP\n  source: MESH\n  identifier: \(chemical(&random))\n"
        }
        text += diseases == 0 ? "diseases: []\n" : "diseases:\n"
        for _ in 0..<diseases {
            text += "- word: Cancer\n  source: ''\n  identifier: ''\n"
        }
        text += "figid_alias: \(pmcid)__F1\nredirect_from: /figures/\(pmcid)__F1\nfigtype: Figure\n---\n"
        return text
    }

    func layoutB(figid: String, pmcid: String, year: Int, caption: String, random: inout SplitMix64) -> String {
        let keywords = (0..<random.below(30)).map { _ in "G\(geneID(&random))" }
        return """
            ---
            figid: \(figid)
            figtitle: Synthetic pathway figure \(figid)
            organisms:
            - Homo sapiens
            organisms_ner:
            - Homo sapiens
            pmcid: \(pmcid)
            filename: F1.jpg
            figlink: /pmc/articles/\(pmcid)/figure/F1/
            number: F1
            caption: \(CorpusGenerator.folded(caption, column: 9, indent: 2))
            papertitle: 'A synthetic paper about “pathways” (\(pmcid))'
            reftext: A. Author, et al. J Synth. \(year);1(1):1-2.
            year: '\(year)'
            doi: 10.5555/synthetic.\(pmcid)
            journal_title: Journal of Synthetic Pathways
            journal_nlm_ta: J Synth Pathw
            publisher_name: Synthetic Press
            keywords: signalling | metabolism
            automl_pathway: 0.93
            figid_alias: \(pmcid)__F1
            figtype: Figure
            redirect_from: /figures/\(pmcid)__F1
            ndex: ''
            \(CorpusGenerator.seoBlock(figid: figid, caption: caption, keywords: keywords))---

            """
    }

    func geneTable(_ rows: Int, random: inout SplitMix64) -> String {
        var table =
            "organism_id\torganism_name\torganism_group\tword\tmatch\tncbigene_symbol\tncbigene_id\tsource\tcount_direct\tcount_synonym\tcount_match\n"
        for _ in 0..<rows {
            let organism =
                random.unit() < 0.8 ? CorpusGenerator.organisms[0] : CorpusGenerator.organisms[1 + random.below(3)]
            let id = geneID(&random)
            table +=
                "\(organism.0)\t\(organism.1)\t\(organism.2)\t\(word(&random))\tG\(id)\tG\(id)\t\(id)\tncbigene_symbol\t10\t22\t26\n"
        }
        return table
    }
}
