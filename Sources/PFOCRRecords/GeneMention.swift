/// One gene row of a record: an OCR word matched to one NCBI gene.
///
/// Layout A rows come from the record's inline `genes` list (`word`, `symbol`, `source`,
/// `hgnc_symbol`, `entrez`); layout B rows from `<figid>-genes.tsv` (`word`, `match`,
/// `ncbigene_symbol`, `ncbigene_id`, `source`, `organism_id`, `organism_name`).
public struct GeneMention: Sendable, Hashable {
    // `line` is declared first so that the memberwise initializer Swift makes, which builds
    // the value in one step, is named apart from the public one below, which calls it: that
    // one, assigning field by field, built the value on the stack and then copied it
    // (retaining and releasing its seven strings), once per gene row.

    /// Where the row is, for diagnostics.
    public var line: Int
    /// The OCR word as it appears in the figure (`Lyn/BLK`, `PLCY`). Never treated as missing.
    public var word: String
    /// The lexicon term the word matched (layout A `symbol`, layout B `match`).
    public var matchedTerm: String?
    /// The official gene symbol (layout A `hgnc_symbol`, layout B `ncbigene_symbol`).
    public var symbol: String?
    /// The NCBI Gene id, digits only; nil when the row has none (it is then unidentified).
    public var ncbiGeneID: String?
    /// The lexicon that matched (`hgnc_symbol`, `bioentities_symbol`, `ncbigene_synonym`, ...).
    public var source: String?
    /// NCBI Taxonomy id of the gene's organism (layout B only), digits only.
    public var taxonID: String?
    /// The organism's name as the side file gives it (layout B only).
    public var organismName: String?
}

extension GeneMention {
    public init(
        word: String, matchedTerm: String? = nil, symbol: String? = nil, ncbiGeneID: String? = nil,
        source: String? = nil, taxonID: String? = nil, organismName: String? = nil, line: Int = 0
    ) {
        self.init(
            line: line, word: word, matchedTerm: matchedTerm, symbol: symbol, ncbiGeneID: ncbiGeneID, source: source,
            taxonID: taxonID, organismName: organismName)
    }
}
