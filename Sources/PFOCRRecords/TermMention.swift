/// One chemical or disease row of a record: an OCR word matched to a MeSH, ChEBI or DOID term.
///
/// Layout A rows and older side files carry `word`, `source`, `identifier` (a MeSH id); newer
/// side files carry `word`, `mesh`, `match`, `name` and `chebi` (chemicals) or `doid` (diseases).
/// Identifiers are stored without their prefix: `D018350`, `15846` (ChEBI), `0060239` (DOID).
public struct TermMention: Sendable, Hashable {
    /// The OCR word as it appears in the figure.
    public var word: String
    /// The lexicon term the word matched (`match`), when the source gives one.
    public var matchedTerm: String?
    /// The preferred name of the term (`name`), when the source gives one.
    public var name: String?
    /// The MeSH descriptor or supplementary concept id (`D018350`, `C065987`).
    public var meshID: String?
    /// The ChEBI number for chemicals, or the DOID number for diseases.
    public var ontologyID: String?
    /// The lexicon that matched (`MESH` in layout A); nil when absent.
    public var source: String?
    /// Where the row is, for diagnostics.
    public var line: Int

    public init(
        word: String, matchedTerm: String? = nil, name: String? = nil, meshID: String? = nil,
        ontologyID: String? = nil, source: String? = nil, line: Int = 0
    ) {
        self.word = word
        self.matchedTerm = matchedTerm
        self.name = name
        self.meshID = meshID
        self.ontologyID = ontologyID
        self.source = source
        self.line = line
    }

    /// True when the row names neither a MeSH id nor an ontology id: it stays on the figure
    /// as text and is counted as unidentified.
    public var isUnidentified: Bool { meshID == nil && ontologyID == nil }
}
