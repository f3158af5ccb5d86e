/// One PFOCR figure record, read and normalised: every field typed, every missing marker
/// (`''`, `.na.character`, `NA` where it means missing, `[]`) already turned into nil or empty.
///
/// A plain value: it knows nothing of graphs, formats or identifiers' IRIs.
public struct FigureRecord: Sendable, Hashable {
    /// The record's identity, `<pmcid>__<filename stem>`. Untrusted text.
    public var figid: String
    /// The record file and the line of its `figid` key.
    public var location: SourceLocation
    public var layout: RecordLayout

    // The figure.
    public var title: String?
    public var caption: String?
    /// The figure's label in the paper (`F3`).
    public var number: String?
    public var filename: String?
    /// The PMC figure page, as a full https URL (the input's path normalised).
    public var figureLink: String?
    public var figureType: String?
    /// `pathway_score` (layout A) or `automl_pathway` (layout B).
    public var pathwayScore: Double?
    public var pmcRankedResultIndex: Int?
    /// Curated organism names (`organisms`), in input order, missing markers removed.
    public var organisms: [String] = []
    /// Organism names found by named-entity recognition (`organisms_ner`).
    public var organismsNER: [String] = []
    /// The figure's NDEx network UUID, when PFOCR published one.
    public var ndexUUID: String?
    /// The WikiPathways pathway id (`WP5283`) the figure was curated into.
    public var wikiPathwaysID: String?
    public var figidAliases: [String] = []
    public var redirectFrom: [String] = []

    // The paper.
    public var pmcid: String?
    public var paperTitle: String?
    public var reference: String?
    public var year: Int?
    public var doi: String?
    public var journalTitle: String?
    public var journalAbbreviation: String?
    public var publisher: String?
    public var keywords: [String] = []

    // The entity rows.
    public var genes: [GeneMention] = []
    public var chemicals: [TermMention] = []
    public var diseases: [TermMention] = []

    /// Rows read and rejected per entity kind.
    public var rows: [EntityKind: RowAccount] = [:]
    /// Side files present but not read (layout A records).
    public var ignoredSideFiles: [IgnoredSideFile] = []

    public init(figid: String, location: SourceLocation, layout: RecordLayout) {
        self.figid = figid
        self.location = location
        self.layout = layout
    }

    /// The PMC image URL, built from `pmcid` and `filename` as the PFOCR site does.
    public var imageURL: String? {
        guard let pmcid, let filename else { return nil }
        // Built in one sized string: interpolation grew it piece by piece, a few thousand
        // instructions per figure.
        let base = "https://www.ncbi.nlm.nih.gov/pmc/articles/"
        var url = String()
        url.reserveCapacity(base.utf8.count + pmcid.utf8.count + 5 + filename.utf8.count)
        url += base
        url += pmcid
        url += "/bin/"
        url += filename
        return url
    }

    /// True when the figid can be used as a path component as it is: letters, digits, `.`,
    /// `_` and `-`, not starting with a dot, at most 200 bytes.
    public var hasPlainFigid: Bool { FigureRecord.isPlainName(figid) }

    /// See ``hasPlainFigid``.
    public static func isPlainName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 200, name.utf8.first != UInt8(ascii: ".") else {
            return false
        }
        // On the bytes in place: stepping through the UTF-8 view cost some forty instructions
        // a byte, and every record asks.
        return name.utf8.withContiguousStorageIfAvailable { $0.allSatisfy(NameBytes.isNameByte) }
            ?? name.utf8.allSatisfy(NameBytes.isNameByte)
    }
}
