import PFOCRGraph

/// What every edge kind claims about its provenance in KGX, the knowledge sources, and the
/// TSV columns. Where each property goes (a Biolink slot, an `xref`, or nowhere) is part of
/// its declaration in `GraphSchema` (``KGXRule``); Docs/kgx.md explains each choice.
enum KGXSlots {
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
                if case .slot(let slot) = spec.kgx { slots.insert(slot) }
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
                if case .slot(let slot) = spec.kgx { slots.insert(slot) }
            }
        }
        let core = ["id", "subject", "predicate", "object"]
        return core + slots.subtracting(core).sorted()
    }

    /// The slots of `mapping`'s records with their TSV columns: the builder makes each slot
    /// once, so a writer finds a field's column by index, not by hashing its name per field.
    struct Table: Sendable {
        let nodeColumns: [String]
        let edgeColumns: [String]
        private let nodeIndex: [String: Int]
        private let edgeIndex: [String: Int]

        init(_ mapping: Mapping) {
            nodeColumns = KGXSlots.nodeColumns(mapping)
            edgeColumns = KGXSlots.edgeColumns(mapping)
            nodeIndex = Dictionary(uniqueKeysWithValues: nodeColumns.enumerated().map { ($1, $0) })
            edgeIndex = Dictionary(uniqueKeysWithValues: edgeColumns.enumerated().map { ($1, $0) })
        }

        /// The slot named `name` (`-1` for a file without that column).
        func slot(_ name: String) -> KGXSlot {
            KGXSlot(name: name, nodeColumn: nodeIndex[name] ?? -1, edgeColumn: edgeIndex[name] ?? -1)
        }
    }
}
