/// A property the builder can set, by name and value type: how builder, vocabulary check and
/// sinks refer to a property (`node.value(.chebiID)`), never by a string literal.
///
/// The constants below are the keys sinks and tests reach by name (today, every property of
/// the default graph); ``GraphSchema`` declares which node or edge kind carries each, how its
/// value is taken from the record and how formats name it, and may name a key inline.
/// `Mappings/vocabulary.yaml` may leave any property out, and then no format writes it.
public struct PropertyKey: Sendable, Hashable, CustomStringConvertible {
    /// The name in Cypher, GraphML, CX and KGX (and the vocabulary's `name`).
    public let name: String
    public let type: PropertyType

    public init(_ name: String, _ type: PropertyType) {
        self.name = name
        self.type = type
    }

    public var description: String { name }
}

extension PropertyKey {
    // Figure.
    public static let figid = PropertyKey("figid", .string)
    public static let title = PropertyKey("title", .string)
    public static let caption = PropertyKey("caption", .string)
    public static let number = PropertyKey("number", .string)
    public static let figureType = PropertyKey("figureType", .string)
    public static let filename = PropertyKey("filename", .string)
    public static let imageURL = PropertyKey("imageURL", .iri)
    public static let figureLink = PropertyKey("figureLink", .iri)
    public static let pathwayScore = PropertyKey("pathwayScore", .double)
    public static let pmcRankedResultIndex = PropertyKey("pmcRankedResultIndex", .integer)
    public static let organisms = PropertyKey("organisms", .stringList)
    public static let unmappedOrganisms = PropertyKey("unmappedOrganisms", .stringList)
    public static let organismsNER = PropertyKey("organismsNER", .stringList)
    public static let ndexUUID = PropertyKey("ndexUUID", .string)
    public static let wikiPathwaysID = PropertyKey("wikiPathwaysID", .string)
    public static let wikiPathways = PropertyKey("wikiPathways", .iri)
    public static let figidAliases = PropertyKey("figidAliases", .stringList)
    public static let redirectFrom = PropertyKey("redirectFrom", .stringList)
    public static let unidentifiedGenes = PropertyKey("unidentifiedGenes", .stringList)
    public static let unidentifiedChemicals = PropertyKey("unidentifiedChemicals", .stringList)
    public static let unidentifiedDiseases = PropertyKey("unidentifiedDiseases", .stringList)
    public static let recordLayout = PropertyKey("recordLayout", .string)
    // Paper (`title` is shared with the figure).
    public static let pmcid = PropertyKey("pmcid", .string)
    public static let reference = PropertyKey("reference", .string)
    public static let year = PropertyKey("year", .integer)
    public static let doi = PropertyKey("doi", .string)
    public static let doiLink = PropertyKey("doiLink", .iri)
    public static let journalTitle = PropertyKey("journalTitle", .string)
    public static let journalAbbreviation = PropertyKey("journalAbbreviation", .string)
    public static let publisher = PropertyKey("publisher", .string)
    public static let keywords = PropertyKey("keywords", .stringList)
    // Gene.
    public static let ncbiGeneID = PropertyKey("ncbiGeneID", .string)
    public static let symbol = PropertyKey("symbol", .string)
    // Chemical and disease: the key's MeSH id, and the cross-references.
    public static let meshID = PropertyKey("meshID", .string)
    public static let chebiID = PropertyKey("chebiID", .string)
    public static let doid = PropertyKey("doid", .string)
    // Organism.
    public static let taxonID = PropertyKey("taxonID", .string)
    // MENTIONS edges: the evidence rows as parallel lists, and their number.
    public static let words = PropertyKey("words", .stringList)
    public static let matchedTerms = PropertyKey("matchedTerms", .stringList)
    public static let sources = PropertyKey("sources", .stringList)
    public static let evidenceCount = PropertyKey("evidenceCount", .integer)
}

extension GraphNode {
    /// The value of `key`, if set.
    public func value(_ key: PropertyKey) -> PropertyValue? { value(key.name) }
}

extension GraphEdge {
    /// The value of `key`, if set.
    public func value(_ key: PropertyKey) -> PropertyValue? { value(key.name) }
}
