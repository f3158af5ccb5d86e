import PFOCRGraph

/// Where each graph property goes in KGX, and what every edge kind claims about its
/// provenance: the one table of KGX's Biolink slot rules (Docs/kgx.md explains each choice).
///
/// KGX records carry Biolink slot names only (Biolink 4.4, the release `kgx` 2.6.0 validates
/// against): a property with a Biolink slot of the same meaning is written under that slot,
/// an identifier becomes an `xref` CURIE, and a property Biolink has no slot for is left out
/// of KGX (every other format keeps it). A property of ``GraphSchema`` with no row here is a
/// test failure (`KGXExportTests`), so no new property is dropped unnoticed.
enum KGXSlots {
    /// What happens to one property.
    enum Rule: Sendable, Hashable {
        /// Written under this Biolink slot, its value's type kept (a list for a list).
        case slot(String)
        /// Each value is the local id of an identifier in this namespace; written as its
        /// Biolink CURIE in the node's `xref` list.
        case crossReference(Namespace)
        /// Not written: Biolink has no slot for it, or another slot already holds it.
        case omitted(because: String)
    }

    /// Every property of ``GraphSchema``, by key.
    static let rules: [PropertyKey: Rule] = [
        // Figure (biolink:Publication).
        .figid: .omitted(because: "the local part of the node id"),
        .title: .omitted(because: "the node's name"),
        .caption: .slot("description"),
        .number: .omitted(because: "no Biolink slot for a figure's label in its paper"),
        .figureType: .omitted(because: "publication_type says the node is a figure"),
        .filename: .omitted(because: "the last segment of download_url"),
        .imageURL: .slot("download_url"),
        .figureLink: .slot("url"),
        .pathwayScore: .omitted(because: "no Biolink node slot for a classifier score"),
        .pmcRankedResultIndex: .omitted(because: "no Biolink slot; a search-run detail"),
        .organisms: .omitted(because: "the mapped names are the figure's biolink:related_to edges"),
        .unmappedOrganisms: .omitted(because: "no taxon to link; listed in report.json"),
        .organismsNER: .omitted(because: "no Biolink slot for names found by NER"),
        .ndexUUID: .omitted(because: "NDEx has no prefix in Biolink's prefix map"),
        .wikiPathwaysID: .crossReference(.wikipathways),
        .wikiPathways: .omitted(because: "the WIKIPATHWAYS xref"),
        .figidAliases: .crossReference(.figure),
        .redirectFrom: .omitted(because: "old PFOCR site paths, not identifiers"),
        .unidentifiedGenes: .omitted(because: "words without an identifier; counted in report.json"),
        .unidentifiedChemicals: .omitted(because: "words without an identifier; counted in report.json"),
        .unidentifiedDiseases: .omitted(because: "words without an identifier; counted in report.json"),
        .recordLayout: .omitted(because: "a detail of the input files"),
        // Paper (biolink:Publication).
        .pmcid: .omitted(because: "the local part of the node id"),
        .reference: .omitted(because: "no Biolink slot for a citation text"),
        .year: .omitted(because: "Biolink's creation_date is a full date; the records give a year"),
        .doi: .crossReference(.doi),
        .doiLink: .omitted(because: "the doi xref"),
        .journalTitle: .omitted(because: "published_in takes a journal CURIE (ISSN), not a title"),
        .journalAbbreviation: .slot("iso_abbreviation"),
        .publisher: .omitted(because: "no Biolink slot for a publisher"),
        .keywords: .slot("keywords"),
        // Gene.
        .ncbiGeneID: .omitted(because: "the local part of the node id"),
        .symbol: .slot("symbol"),
        // Chemical, disease: the key's MeSH id is the node id; the other id an xref.
        .meshID: .omitted(because: "the local part of the node id"),
        .chebiID: .crossReference(.chebi),
        .doid: .crossReference(.doid),
        // Organism.
        .taxonID: .omitted(because: "the local part of the node id"),
        // MENTIONS edges.
        .words: .slot("supporting_text"),
        .matchedTerms: .omitted(because: "no Biolink slot for the lexicon term a word matched"),
        .sources: .omitted(because: "no Biolink slot for the lexicon that matched"),
        .evidenceCount: .slot("evidence_count"),
    ]

    /// The rule of the property named `name` (a vocabulary property name).
    static func rule(named name: String) -> Rule? {
        rulesByName[name]
    }

    private static let rulesByName: [String: Rule] = Dictionary(
        uniqueKeysWithValues: rules.map { ($0.key.name, $0.value) })

    /// The knowledge source of every node.
    static let pfocr = "infores:pfocr"
    /// NCBI Gene, whose records give each gene id its taxon.
    static let ncbiGene = "infores:ncbi-gene"

    /// What an edge kind claims about where its statement comes from (Biolink 4's required
    /// `knowledge_level` and `agent_type`, and the knowledge sources).
    struct Provenance: Sendable, Hashable {
        let knowledgeLevel: String
        let agentType: String
        let primaryKnowledgeSource: String
        let aggregatorKnowledgeSources: [String]
        /// Whether the edge cites the figure's paper in `publications`.
        let citesPaper: Bool
    }

    static func provenance(_ kind: EdgeKind) -> Provenance {
        switch kind {
        // "This figure mentions this gene": OCR of the figure image, matched to lexicons.
        case .mentions:
            Provenance(
                knowledgeLevel: "knowledge_assertion", agentType: "image_processing_agent",
                primaryKnowledgeSource: pfocr, aggregatorKnowledgeSources: [], citesPaper: true)
        // The figure is in the paper: PFOCR's automated harvest of PMC articles' figures.
        case .partOf:
            Provenance(
                knowledgeLevel: "knowledge_assertion", agentType: "automated_agent",
                primaryKnowledgeSource: pfocr, aggregatorKnowledgeSources: [], citesPaper: false)
        // The record's `organisms`: it does not say whether a person or a program chose them.
        case .about:
            Provenance(
                knowledgeLevel: "knowledge_assertion", agentType: "not_provided",
                primaryKnowledgeSource: pfocr, aggregatorKnowledgeSources: [], citesPaper: true)
        // A gene id's taxon is part of its NCBI Gene record (layout A's HGNC lexicons hold
        // human genes only): NCBI Gene states it, PFOCR passes it on.
        case .inTaxon:
            Provenance(
                knowledgeLevel: "knowledge_assertion", agentType: "manual_agent",
                primaryKnowledgeSource: ncbiGene, aggregatorKnowledgeSources: [pfocr], citesPaper: false)
        }
    }

    /// The node slots a record of `mapping` can carry, in KGX's TSV column order: `id`,
    /// `category`, `name`, `description`, `xref`, `provided_by`, then the others sorted by
    /// name (as kgx's own TSV sink orders columns, `TsvSink._order_node_columns`).
    static func nodeColumns(_ mapping: Mapping) -> [String] {
        var slots: Set<String> = ["iri", "publication_type"]
        for kind in NodeKind.allCases {
            for spec in mapping.vocabulary.node(kind).properties {
                if case .slot(let slot) = rule(named: spec.name) { slots.insert(slot) }
            }
        }
        let core = ["id", "category", "name", "description", "xref", "provided_by"]
        return core + slots.subtracting(core).sorted()
    }

    /// The edge slots, in KGX's TSV column order: `id`, `subject`, `predicate`, `object`,
    /// then the others sorted by name (`TsvSink._order_edge_columns`).
    static func edgeColumns(_ mapping: Mapping) -> [String] {
        var slots: Set<String> = [
            "knowledge_level", "agent_type", "primary_knowledge_source", "aggregator_knowledge_source", "publications",
        ]
        for kind in EdgeKind.allCases {
            for spec in mapping.vocabulary.edge(kind).properties {
                if case .slot(let slot) = rule(named: spec.name) { slots.insert(slot) }
            }
        }
        let core = ["id", "subject", "predicate", "object"]
        return core + slots.subtracting(core).sorted()
    }
}
