import PFOCRRecords

/// One declared property: its key (name and type), what it means, and the names it gets
/// where a format cannot use the key's name (an RDF predicate, a Biolink slot). These are the
/// defaults; `Mappings/vocabulary.yaml` may rename the predicate or leave the property out.
public struct PropertyDeclaration: Sendable, Hashable {
    public let key: PropertyKey
    /// The RDF predicate, a CURIE over the vocabulary's `rdf_prefixes`.
    public let rdf: String
    /// An RDF datatype CURIE overriding the one the key's type implies (`xsd:gYear`).
    public let rdfDatatype: String?
    /// Where the property goes in KGX, which takes Biolink slots only.
    public let kgx: KGXRule
    public let description: String
}

/// Where a property goes in KGX, whose records carry Biolink slot names only (Biolink 4.4,
/// the release `kgx` 2.6.0 validates against). Docs/kgx.md explains each choice.
public enum KGXRule: Sendable, Hashable {
    /// Written under this Biolink slot, its value's type kept (a list for a list).
    case slot(String)
    /// Each value is the local id of an identifier in this namespace; written as its Biolink
    /// CURIE in the node's `xref` list.
    case crossReference(Namespace)
    /// Not written: Biolink has no slot for it, or another slot already holds it. Every other
    /// format keeps the property.
    case omitted(because: String)
}

/// One row of ``GraphSchema``: a property's declaration, and how its value is taken from what
/// the builder knows (`Facts`): nil when absent.
public struct PropertyRule<Facts>: Sendable {
    public let declaration: PropertyDeclaration
    let take: @Sendable (Facts) -> PropertyValue?

    public var key: PropertyKey { declaration.key }

    /// A row; `rdf` defaults to `pfocr:<name>`, the project's own vocabulary.
    init(
        _ key: PropertyKey, rdf: String? = nil, rdfDatatype: String? = nil, kgx: KGXRule, _ description: String,
        _ take: @escaping @Sendable (Facts) -> PropertyValue?
    ) {
        declaration = PropertyDeclaration(
            key: key, rdf: rdf ?? "pfocr:" + key.name, rdfDatatype: rdfDatatype, kgx: kgx, description: description)
        self.take = take
    }
}

/// A MENTIONS list property and the evidence-row field it lists.
public struct EvidenceField: Sendable {
    public let rule: PropertyRule<[MentionEvidence]>
    public let value: @Sendable (MentionEvidence) -> String

    public var key: PropertyKey { rule.key }

    init(
        _ key: PropertyKey, rdf: String, kgx: KGXRule, _ description: String,
        _ value: @escaping @Sendable (MentionEvidence) -> String
    ) {
        rule = PropertyRule(key, rdf: rdf, kgx: kgx, description) { .stringList($0.map(value)) }
        self.value = value
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

/// What the builder knows when it sets a gene's properties: its id and the first symbol
/// among its rows (in input order), which the builder finds while it makes the gene's
/// evidence. Not the rows themselves: gathering each gene's rows into an array copied every
/// row (seven strings retained and released) only for these two values.
public struct GeneFacts: Sendable {
    /// The NCBI Gene id the gene's rows share.
    public var id: String
    /// The first symbol among the gene's rows, nil when none has one.
    public var symbol: String?
}

/// One entity's rows in a figure (a chemical's or a disease's), in input order.
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
        PropertyRule(
            .figid, rdf: "dcterms:identifier", kgx: .omitted(because: "the local part of the node id"),
            "PFOCR figure id, <pmcid>__<filename stem>"
        ) { .string($0.record.figid) },
        PropertyRule(.title, rdf: "dcterms:title", kgx: .omitted(because: "the node's name"), "Figure title (figtitle)")
        { text($0.record.title) },
        PropertyRule(.caption, rdf: "dcterms:description", kgx: .slot("description"), "Figure caption") {
            text($0.record.caption)
        },
        PropertyRule(
            .number, rdf: "pfocr:figureNumber",
            kgx: .omitted(because: "no Biolink slot for a figure's label in its paper"),
            "Figure label in the paper, such as F3"
        ) { text($0.record.number) },
        PropertyRule(
            .figureType, kgx: .omitted(because: "publication_type says the node is a figure"), "figtype (Figure)"
        ) { text($0.record.figureType) },
        PropertyRule(
            .filename, rdf: "pfocr:imageFileName", kgx: .omitted(because: "the last segment of download_url"),
            "Image file name in PMC"
        ) { text($0.record.filename) },
        PropertyRule(.imageURL, rdf: "schema:contentUrl", kgx: .slot("download_url"), "PMC image URL") {
            $0.record.imageURL.map { .iri(GraphBuilder.safeLink($0)) }
        },
        PropertyRule(.figureLink, rdf: "schema:url", kgx: .slot("url"), "PMC figure page") {
            $0.record.figureLink.map { .iri(GraphBuilder.safeLink($0)) }
        },
        PropertyRule(
            .pathwayScore, kgx: .omitted(because: "no Biolink node slot for a classifier score"),
            "Classifier score that the figure is a pathway (pathway_score, automl_pathway)"
        ) { $0.record.pathwayScore.map(PropertyValue.double) },
        PropertyRule(
            .pmcRankedResultIndex, kgx: .omitted(because: "no Biolink slot; a search-run detail"),
            "Rank in the PMC search that found the figure (layout A)"
        ) { $0.record.pmcRankedResultIndex.map(PropertyValue.integer) },
        PropertyRule(
            .organisms, rdf: "pfocr:organismName",
            kgx: .omitted(because: "the mapped names are the figure's biolink:related_to edges"),
            "Curated organism names, as given"
        ) { list($0.record.organisms) },
        PropertyRule(
            .unmappedOrganisms, rdf: "pfocr:unmappedOrganismName",
            kgx: .omitted(because: "no taxon to link; listed in report.json"),
            "Curated organism names with no NCBI Taxonomy id in Mappings/organisms.tsv"
        ) { list($0.unmappedOrganisms) },
        PropertyRule(
            .organismsNER, rdf: "pfocr:nerOrganismName",
            kgx: .omitted(because: "no Biolink slot for names found by NER"),
            "Organism names found by named-entity recognition"
        ) { list($0.record.organismsNER) },
        PropertyRule(
            .ndexUUID, kgx: .omitted(because: "NDEx has no prefix in Biolink's prefix map"),
            "UUID of the figure's network on NDEx"
        ) { text($0.record.ndexUUID) },
        PropertyRule(.wikiPathwaysID, kgx: .crossReference(.wikipathways), "WikiPathways pathway id (wpid)") {
            text($0.record.wikiPathwaysID)
        },
        PropertyRule(
            .wikiPathways, rdf: "rdfs:seeAlso", kgx: .omitted(because: "the WIKIPATHWAYS xref"),
            "The WikiPathways pathway the figure was curated into"
        ) { facts in
            facts.record.wikiPathwaysID.map { .iri(facts.prefixes.iri(Identifier(.wikipathways, $0))) }
        },
        PropertyRule(
            .figidAliases, rdf: "pfocr:figidAlias", kgx: .crossReference(.figure),
            "Older figids of the figure (figid_alias)"
        ) { list($0.record.figidAliases) },
        PropertyRule(
            .redirectFrom, kgx: .omitted(because: "old PFOCR site paths, not identifiers"),
            "Old PFOCR site paths that redirect here"
        ) { list($0.record.redirectFrom) },
        PropertyRule(
            .unidentifiedGenes, rdf: "pfocr:unidentifiedGeneWord",
            kgx: .omitted(because: "words without an identifier; counted in report.json"),
            "OCR words of gene rows with no NCBI Gene id"
        ) { list($0.unidentified[.gene]) },
        PropertyRule(
            .unidentifiedChemicals, rdf: "pfocr:unidentifiedChemicalWord",
            kgx: .omitted(because: "words without an identifier; counted in report.json"),
            "OCR words of chemical rows with no MeSH or ChEBI id"
        ) { list($0.unidentified[.chemical]) },
        PropertyRule(
            .unidentifiedDiseases, rdf: "pfocr:unidentifiedDiseaseWord",
            kgx: .omitted(because: "words without an identifier; counted in report.json"),
            "OCR words of disease rows with no MeSH id or DOID"
        ) { list($0.unidentified[.disease]) },
        PropertyRule(
            .recordLayout, kgx: .omitted(because: "a detail of the input files"),
            "inline (layout A) or side-files (layout B)"
        ) { .string($0.record.layout.rawValue) },
    ]

    /// The paper's properties, taken from the figure's record (there is a paper when the record
    /// has a `pmcid`).
    public static let paper: [PropertyRule<FigureFacts>] = [
        PropertyRule(
            .pmcid, rdf: "fabio:hasPubMedCentralId", kgx: .omitted(because: "the local part of the node id"),
            "PubMed Central id"
        ) { text($0.record.pmcid) },
        PropertyRule(.title, rdf: "dcterms:title", kgx: .omitted(because: "the node's name"), "Paper title") {
            text($0.record.paperTitle)
        },
        PropertyRule(
            .reference, rdf: "dcterms:bibliographicCitation",
            kgx: .omitted(because: "no Biolink slot for a citation text"), "Reference text (reftext), as given"
        ) { text($0.record.reference) },
        PropertyRule(
            .year, rdf: "fabio:hasPublicationYear", rdfDatatype: "xsd:gYear",
            kgx: .omitted(because: "Biolink's creation_date is a full date; the records give a year"),
            "Publication year"
        ) { $0.record.year.map(PropertyValue.integer) },
        PropertyRule(.doi, rdf: "prism:doi", kgx: .crossReference(.doi), "DOI") { text($0.record.doi) },
        PropertyRule(
            .doiLink, rdf: "schema:sameAs", kgx: .omitted(because: "the doi xref"), "The DOI as a resolvable IRI"
        ) { facts in facts.record.doi.map { .iri(facts.prefixes.iri(Identifier(.doi, $0))) } },
        PropertyRule(
            .journalTitle, rdf: "prism:publicationName",
            kgx: .omitted(because: "published_in takes a journal CURIE (ISSN), not a title"), "Journal title"
        ) { text($0.record.journalTitle) },
        PropertyRule(
            .journalAbbreviation, rdf: "fabio:hasNationalLibraryOfMedicineJournalId", kgx: .slot("iso_abbreviation"),
            "NLM title abbreviation (journal_nlm_ta)"
        ) { text($0.record.journalAbbreviation) },
        PropertyRule(
            .publisher, rdf: "pfocr:publisherName", kgx: .omitted(because: "no Biolink slot for a publisher"),
            "Publisher name"
        ) { text($0.record.publisher) },
        PropertyRule(.keywords, rdf: "schema:keywords", kgx: .slot("keywords"), "Paper keywords") {
            list($0.record.keywords)
        },
    ]

    /// A gene's properties: its id and the first symbol among its rows.
    public static let gene: [PropertyRule<GeneFacts>] = [
        PropertyRule(
            .ncbiGeneID, rdf: "dcterms:identifier", kgx: .omitted(because: "the local part of the node id"),
            "NCBI Gene id"
        ) { .string($0.id) },
        PropertyRule(.symbol, rdf: "biolink:symbol", kgx: .slot("symbol"), "Gene symbol (HGNC or NCBI)") {
            text($0.symbol)
        },
    ]

    /// A chemical's or disease's properties: the MeSH id and the ontology cross-reference
    /// (ChEBI for chemicals, DOID for diseases), the first of its rows that has one.
    public static let term: [PropertyRule<EntityFacts<TermMention>>] = [
        PropertyRule(.meshID, kgx: .omitted(because: "the local part of the node id"), "MeSH id") {
            text($0.rows.lazy.compactMap(\.meshID).first)
        },
        PropertyRule(
            .chebiID, kgx: .crossReference(.chebi),
            "ChEBI id (number), a cross-reference when the node is keyed by MeSH"
        ) { $0.kind == .chemical ? text($0.rows.lazy.compactMap(\.ontologyID).first) : nil },
        PropertyRule(
            .doid, kgx: .crossReference(.doid),
            "Disease Ontology id (number), a cross-reference when the node is keyed by MeSH"
        ) { $0.kind == .disease ? text($0.rows.lazy.compactMap(\.ontologyID).first) : nil },
    ]

    /// An organism's properties, from its NCBI Taxonomy id.
    public static let organism: [PropertyRule<String>] = [
        PropertyRule(
            .taxonID, rdf: "pfocr:ncbiTaxonID", kgx: .omitted(because: "the local part of the node id"),
            "NCBI Taxonomy id"
        ) { .string($0) }
    ]

    /// A MENTIONS edge's properties: its evidence rows as parallel lists (empty strings where a
    /// row had no value), and their number. Made on demand from the edge's typed
    /// ``GraphEdge/evidence`` (``GraphEdge/value(_:)``), only by the formats that write them.
    public static let mentions: [PropertyRule<[MentionEvidence]>] =
        evidenceFields.map(\.rule)
        + [
            PropertyRule(.evidenceCount, kgx: .slot("evidence_count"), "Number of evidence rows") {
                .integer($0.count)
            }
        ]

    /// The evidence-row field behind each MENTIONS list property, in property order: the
    /// lists above are these fields of the rows, and a format that writes one resource per
    /// row (RDF's evidence rows) reads the same fields from the typed rows.
    public static let evidenceFields: [EvidenceField] = [
        EvidenceField(.words, rdf: "pfocr:ocrWord", kgx: .slot("supporting_text"), "OCR word of each evidence row") {
            $0.word
        },
        EvidenceField(
            .matchedTerms, rdf: "pfocr:matchedTerm",
            kgx: .omitted(because: "no Biolink slot for the lexicon term a word matched"),
            "Lexicon term each word matched (empty when the row had none)"
        ) { $0.matchedTerm },
        EvidenceField(
            .sources, rdf: "pfocr:lexiconSource",
            kgx: .omitted(because: "no Biolink slot for the lexicon that matched"),
            "Lexicon of each match (empty when the row had none)"
        ) { $0.source },
    ]

    /// The properties of each node kind, in the order nodes carry them.
    public static let nodeProperties: [NodeKind: [PropertyDeclaration]] = [
        .figure: figure.map(\.declaration),
        .paper: paper.map(\.declaration),
        .gene: gene.map(\.declaration),
        .chemical: term.filter { $0.key != .doid }.map(\.declaration),
        .disease: term.filter { $0.key != .chebiID }.map(\.declaration),
        .organism: organism.map(\.declaration),
    ]

    /// The properties of each edge kind.
    public static let edgeProperties: [EdgeKind: [PropertyDeclaration]] = [
        .partOf: [],
        .mentions: mentions.map(\.declaration),
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
    let figure: [ActiveRule<FigureFacts>]
    let paper: [ActiveRule<FigureFacts>]
    let gene: [ActiveRule<GeneFacts>]
    let chemical: [ActiveRule<EntityFacts<TermMention>>]
    let disease: [ActiveRule<EntityFacts<TermMention>>]
    let organism: [ActiveRule<String>]

    init(_ vocabulary: Vocabulary) {
        func kept<Facts>(_ rules: [PropertyRule<Facts>], _ kind: NodeKind) -> [ActiveRule<Facts>] {
            let names = Set(vocabulary.node(kind).properties.map(\.name))
            let declared = Set((GraphSchema.nodeProperties[kind] ?? []).map(\.key))
            return rules.filter { declared.contains($0.key) && names.contains($0.key.name) }.map {
                ActiveRule(name: $0.key.name, take: $0.take)
            }
        }
        figure = kept(GraphSchema.figure, .figure)
        paper = kept(GraphSchema.paper, .paper)
        gene = kept(GraphSchema.gene, .gene)
        chemical = kept(GraphSchema.term, .chemical)
        disease = kept(GraphSchema.term, .disease)
        organism = kept(GraphSchema.organism, .organism)
    }
}

/// What building a node needs of a rule: the property's name and how its value is taken.
/// Kept apart from ``PropertyRule``, whose declaration (predicate, KGX rule, description)
/// would be retained and released with every rule run.
struct ActiveRule<Facts>: Sendable {
    let name: String
    let take: @Sendable (Facts) -> PropertyValue?
}

extension Array {
    /// The properties these rules give `facts`, in rule order; a rule with no value adds none.
    func properties<Facts>(of facts: Facts) -> [Property] where Element == ActiveRule<Facts> {
        var result: [Property] = []
        result.reserveCapacity(count)
        for index in indices {
            if let value = self[index].take(facts) { result.append(Property(self[index].name, value)) }
        }
        return result
    }
}

/// A MENTIONS property as ``GraphSchema/mentions`` makes it from an edge's evidence rows: the
/// list of one field of every row, or their number. Formats that write MENTIONS properties
/// read the rows in place by this (``GraphEdge/value(_:)`` builds each list, allocated and freed
/// per edge, only to be written once). One definition for every format; a test holds ``value(_:)``
/// equal to ``GraphEdge/value(_:)`` for every rule of ``GraphSchema/mentions``.
public enum EvidenceProperty: Sendable, Equatable {
    case words, matchedTerms, sources
    case count

    /// The evidence of the MENTIONS property `name`; nil for a property not made from the rows
    /// this way (a format then asks ``GraphEdge/value(_:)``).
    public init?(property name: String) {
        switch name {
        case PropertyKey.words.name: self = .words
        case PropertyKey.matchedTerms.name: self = .matchedTerms
        case PropertyKey.sources.name: self = .sources
        case PropertyKey.evidenceCount.name: self = .count
        default: return nil
        }
    }

    /// The value made from `rows` (not empty), as ``GraphEdge/value(_:)`` makes it.
    public func value(_ rows: [MentionEvidence]) -> PropertyValue {
        switch self {
        case .words: .stringList(rows.map(\.word))
        case .matchedTerms: .stringList(rows.map(\.matchedTerm))
        case .sources: .stringList(rows.map(\.source))
        case .count: .integer(rows.count)
        }
    }
}
