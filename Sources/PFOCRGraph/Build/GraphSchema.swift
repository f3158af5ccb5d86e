import PFOCRRecords

/// How one property's value is taken from what the builder knows (`Facts`): nil when absent.
public struct PropertyRule<Facts>: Sendable {
    public let key: PropertyKey
    let take: @Sendable (Facts) -> PropertyValue?

    init(_ key: PropertyKey, _ take: @escaping @Sendable (Facts) -> PropertyValue?) {
        self.key = key
        self.take = take
    }
}

/// What the builder knows when it sets a figure's and its paper's properties.
public struct FigureFacts: Sendable {
    public var record: FigureRecord
    /// Curated organism names with no taxon in the mapping.
    public var unmappedOrganisms: [String]
    /// Words of the rows with no identifier, per kind.
    public var unidentified: [EntityKind: [String]]
    public var prefixes: PrefixSet
}

/// One entity's rows in a figure (a gene's, a chemical's or a disease's), in input order.
public struct EntityFacts<Row: Sendable>: Sendable {
    public var kind: EntityKind
    public var rows: [Row]
}

/// The properties of the graph, declared once: for each node and edge kind, each property
/// (``PropertyKey``: name and type) and how its value is taken from the record, in the order
/// nodes carry them.
///
/// Everything else derives from these tables: the builder sets exactly these properties (less
/// those `Mappings/vocabulary.yaml` leaves out), the vocabulary check accepts exactly these
/// names and types, `pfocr-kg formats` lists them, and sinks reach values through the keys.
/// Adding a figure field is one row here plus its reader line in `PFOCRRecords`.
public enum GraphSchema {
    public static let figure: [PropertyRule<FigureFacts>] = [
        PropertyRule(.figid) { .string($0.record.figid) },
        PropertyRule(.title) { text($0.record.title) },
        PropertyRule(.caption) { text($0.record.caption) },
        PropertyRule(.number) { text($0.record.number) },
        PropertyRule(.figureType) { text($0.record.figureType) },
        PropertyRule(.filename) { text($0.record.filename) },
        PropertyRule(.imageURL) { $0.record.imageURL.map { .iri(GraphBuilder.safeLink($0)) } },
        PropertyRule(.figureLink) { $0.record.figureLink.map { .iri(GraphBuilder.safeLink($0)) } },
        PropertyRule(.pathwayScore) { $0.record.pathwayScore.map(PropertyValue.double) },
        PropertyRule(.pmcRankedResultIndex) { $0.record.pmcRankedResultIndex.map(PropertyValue.integer) },
        PropertyRule(.organisms) { list($0.record.organisms) },
        PropertyRule(.unmappedOrganisms) { list($0.unmappedOrganisms) },
        PropertyRule(.organismsNER) { list($0.record.organismsNER) },
        PropertyRule(.ndexUUID) { text($0.record.ndexUUID) },
        PropertyRule(.wikiPathwaysID) { text($0.record.wikiPathwaysID) },
        PropertyRule(.wikiPathways) { facts in
            facts.record.wikiPathwaysID.map { .iri(facts.prefixes.iri(Identifier(.wikipathways, $0))) }
        },
        PropertyRule(.figidAliases) { list($0.record.figidAliases) },
        PropertyRule(.redirectFrom) { list($0.record.redirectFrom) },
        PropertyRule(.unidentifiedGenes) { list($0.unidentified[.gene]) },
        PropertyRule(.unidentifiedChemicals) { list($0.unidentified[.chemical]) },
        PropertyRule(.unidentifiedDiseases) { list($0.unidentified[.disease]) },
        PropertyRule(.recordLayout) { .string($0.record.layout.rawValue) },
    ]

    /// The paper's properties, taken from the figure's record (there is a paper when the record
    /// has a `pmcid`).
    public static let paper: [PropertyRule<FigureFacts>] = [
        PropertyRule(.pmcid) { text($0.record.pmcid) },
        PropertyRule(.title) { text($0.record.paperTitle) },
        PropertyRule(.reference) { text($0.record.reference) },
        PropertyRule(.year) { $0.record.year.map(PropertyValue.integer) },
        PropertyRule(.doi) { text($0.record.doi) },
        PropertyRule(.doiLink) { facts in facts.record.doi.map { .iri(facts.prefixes.iri(Identifier(.doi, $0))) } },
        PropertyRule(.journalTitle) { text($0.record.journalTitle) },
        PropertyRule(.journalAbbreviation) { text($0.record.journalAbbreviation) },
        PropertyRule(.publisher) { text($0.record.publisher) },
        PropertyRule(.keywords) { list($0.record.keywords) },
    ]

    /// A gene's properties: its id and the first symbol among its rows.
    public static let gene: [PropertyRule<EntityFacts<GeneMention>>] = [
        PropertyRule(.ncbiGeneID) { text($0.rows.lazy.compactMap(\.ncbiGeneID).first) },
        PropertyRule(.symbol) { text($0.rows.lazy.compactMap(\.symbol).first) },
    ]

    /// A chemical's or disease's properties: the MeSH id and the ontology cross-reference
    /// (ChEBI for chemicals, DOID for diseases), the first of its rows that has one.
    public static let term: [PropertyRule<EntityFacts<TermMention>>] = [
        PropertyRule(.meshID) { text($0.rows.lazy.compactMap(\.meshID).first) },
        PropertyRule(.chebiID) { $0.kind == .chemical ? text($0.rows.lazy.compactMap(\.ontologyID).first) : nil },
        PropertyRule(.doid) { $0.kind == .disease ? text($0.rows.lazy.compactMap(\.ontologyID).first) : nil },
    ]

    /// An organism's properties, from its NCBI Taxonomy id.
    public static let organism: [PropertyRule<String>] = [
        PropertyRule(.taxonID) { .string($0) }
    ]

    /// A MENTIONS edge's properties: its evidence rows as parallel lists (empty strings where a
    /// row had no value), and their number. Made on demand from the edge's typed
    /// ``GraphEdge/evidence`` (``GraphEdge/value(_:)``), only by the formats that write them.
    public static let mentions: [PropertyRule<[MentionEvidence]>] =
        evidenceFields.map { field in PropertyRule(field.key) { .stringList($0.map(field.value)) } }
        + [PropertyRule(.evidenceCount) { .integer($0.count) }]

    /// The evidence-row field behind each MENTIONS list property, in property order: the
    /// lists above are these fields of the rows, and a format that writes one resource per
    /// row (RDF's evidence rows) reads the same fields from the typed rows.
    public static let evidenceFields: [(key: PropertyKey, value: @Sendable (MentionEvidence) -> String)] = [
        (.words, { $0.word }),
        (.matchedTerms, { $0.matchedTerm }),
        (.sources, { $0.source }),
    ]

    /// The properties of each node kind, in the order nodes carry them.
    public static let nodeProperties: [NodeKind: [PropertyKey]] = [
        .figure: figure.map(\.key),
        .paper: paper.map(\.key),
        .gene: gene.map(\.key),
        .chemical: term.filter { $0.key != .doid }.map(\.key),
        .disease: term.filter { $0.key != .chebiID }.map(\.key),
        .organism: organism.map(\.key),
    ]

    /// The properties of each edge kind.
    public static let edgeProperties: [EdgeKind: [PropertyKey]] = [
        .partOf: [],
        .mentions: mentions.map(\.key),
        .about: [],
        .inTaxon: [],
    ]

    private static func text(_ value: String?) -> PropertyValue? { value.map(PropertyValue.string) }

    private static func list(_ value: [String]?) -> PropertyValue? {
        guard let value, !value.isEmpty else { return nil }
        return .stringList(value)
    }
}

/// The schema's rules less the properties `Mappings/vocabulary.yaml` leaves out, per kind:
/// filtered once when the builder is made, so building a node runs exactly its rules and looks
/// no property name up.
struct ActiveRules: Sendable {
    let figure: [PropertyRule<FigureFacts>]
    let paper: [PropertyRule<FigureFacts>]
    let gene: [PropertyRule<EntityFacts<GeneMention>>]
    let chemical: [PropertyRule<EntityFacts<TermMention>>]
    let disease: [PropertyRule<EntityFacts<TermMention>>]
    let organism: [PropertyRule<String>]

    init(_ vocabulary: Vocabulary) {
        func kept<Facts>(_ rules: [PropertyRule<Facts>], _ kind: NodeKind) -> [PropertyRule<Facts>] {
            let names = Set(vocabulary.node(kind).properties.map(\.name))
            let declared = Set(GraphSchema.nodeProperties[kind] ?? [])
            return rules.filter { declared.contains($0.key) && names.contains($0.key.name) }
        }
        figure = kept(GraphSchema.figure, .figure)
        paper = kept(GraphSchema.paper, .paper)
        gene = kept(GraphSchema.gene, .gene)
        chemical = kept(GraphSchema.term, .chemical)
        disease = kept(GraphSchema.term, .disease)
        organism = kept(GraphSchema.organism, .organism)
    }
}

extension Array {
    /// The properties these rules give `facts`, in rule order; a rule with no value adds none.
    func properties<Facts>(of facts: Facts) -> [Property] where Element == PropertyRule<Facts> {
        var result: [Property] = []
        result.reserveCapacity(count)
        for rule in self {
            if let value = rule.take(facts) { result.append(Property(rule.key.name, value)) }
        }
        return result
    }
}
