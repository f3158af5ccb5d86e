import PFOCRGraph

/// Makes the ``KGXRecord`` of each node kind and edge kind, by the rules of ``KGXSlots``: what
/// every node or edge of the kind writes, and where each value comes from, worked out once (an
/// export has millions of them).
///
/// Nodes: `id` (the Biolink CURIE), `category` (a one-item list from the vocabulary), `name`,
/// `provided_by`, `iri`, `publication_type` for `biolink:Publication` nodes (the vocabulary's RDF
/// classes, FaBiO and schema.org terms, as Biolink's slot description suggests), `xref`, and
/// the vocabulary's properties under their Biolink slots. A gene's taxon is its
/// `biolink:in_taxon` edge only, not an `in_taxon` node slot: kgx 2.6.0 contradicts itself on
/// that slot (its reader makes any `in_taxon` value a list, as bmt's induced schema makes the
/// slot multivalued by inheritance from `related to at instance level`, and its validator then
/// rejects the list because the slot itself does not say `multivalued`), so either spelling
/// fails `kgx validate`; the edge says the same with its provenance. Edges: `id`, `subject`,
/// `predicate`, `object`, the edge kind's provenance, `publications` (the figure's paper) where
/// the kind cites it, and the vocabulary's edge properties under their Biolink slots.
///
/// Only the properties KGX writes (``PropertySpec/kgx``, declared in `GraphSchema`) are read,
/// so the MENTIONS lists KGX leaves out are never made.
struct KGXRecordBuilder: Sendable {
    let mapping: Mapping
    /// Per ``NodeKind/order``.
    let nodeRecords: [KGXRecord<KGXNodeSource>]
    /// Per ``EdgeKind/order``.
    let edgeRecords: [KGXRecord<KGXEdgeSource>]
    /// Per ``EdgeKind/order``: the Biolink predicate, which edge ids hold.
    let predicates: [String]

    /// What a property KGX writes becomes.
    private enum Written {
        case slot(KGXSlot)
        case crossReference(Namespace)
    }

    init(mapping: Mapping) {
        self.mapping = mapping
        let table = KGXSlots.Table(mapping)
        let core = CoreSlots(table)
        nodeRecords = NodeKind.allCases.sorted().map { kind in
            Self.nodeRecord(mapping.vocabulary.node(kind), core: core, table: table)
        }
        edgeRecords = EdgeKind.allCases.sorted().map { kind in
            Self.edgeRecord(
                mapping.vocabulary.edge(kind), provenance: KGXSlots.provenance(kind), core: core, table: table)
        }
        predicates = EdgeKind.allCases.sorted().map { mapping.vocabulary.edge($0).kgxPredicate }
    }

    private static func nodeRecord(_ vocabulary: NodeVocabulary, core: CoreSlots, table: KGXSlots.Table)
        -> KGXRecord<KGXNodeSource>
    {
        let written = written(vocabulary.properties, table)
        var crossReferences: [KGXNodeSource.CrossReference] = []
        var descriptions: [String] = []
        var slots: [(property: String, slot: KGXSlot)] = []
        for (property, rule) in written {
            switch rule {
            case .slot(let slot) where slot.name == core.description.name: descriptions.append(property)
            case .slot(let slot): slots.append((property, slot))
            case .crossReference(let namespace):
                crossReferences.append(KGXNodeSource.CrossReference(property: property, namespace: namespace))
            }
        }
        var record = KGXRecord<KGXNodeSource>()
        record.append(core.id, .id)
        record.append(core.category, .constant(.list([vocabulary.kgxCategory])))
        record.append(core.name, .name)
        // The first property the node has of those written under `description`.
        if !descriptions.isEmpty { record.append(core.description, .property(descriptions)) }
        if !crossReferences.isEmpty { record.append(core.xref, .crossReferences(crossReferences)) }
        record.append(core.providedBy, .constant(.list([KGXSlots.pfocr])))
        record.append(core.iri, .iri)
        if vocabulary.kgxCategory == "biolink:Publication" {
            record.append(core.publicationType, .constant(.list(vocabulary.rdfClasses)))
        }
        for (property, slot) in slots { record.append(slot, .property([property])) }
        return record
    }

    private static func edgeRecord(
        _ vocabulary: EdgeVocabulary, provenance: KGXSlots.Provenance, core: CoreSlots, table: KGXSlots.Table
    ) -> KGXRecord<KGXEdgeSource> {
        var record = KGXRecord<KGXEdgeSource>()
        record.append(core.id, .id)
        record.append(core.subject, .subject)
        record.append(core.predicate, .constant(.text(vocabulary.kgxPredicate)))
        record.append(core.object, .object)
        record.append(core.knowledgeLevel, .constant(.text(provenance.knowledgeLevel)))
        record.append(core.agentType, .constant(.text(provenance.agentType)))
        record.append(core.primaryKnowledgeSource, .constant(.text(provenance.primaryKnowledgeSource)))
        record.append(core.aggregatorKnowledgeSource, .constant(.list(provenance.aggregatorKnowledgeSources)))
        if provenance.citesPaper { record.append(core.publications, .paper) }
        for (property, rule) in written(vocabulary.properties, table) {
            guard case .slot(let slot) = rule else { continue }
            record.append(slot, .property(property, evidence: EvidenceProperty(property: property)))
        }
        return record
    }

    /// The properties of `specs` that KGX writes (a slot or a cross-reference), with their rule.
    private static func written(_ specs: [PropertySpec], _ table: KGXSlots.Table) -> [(property: String, rule: Written)]
    {
        specs.compactMap { spec in
            switch spec.kgx {
            case .omitted: nil
            case .slot(let slot): (spec.name, .slot(table.slot(slot)))
            case .crossReference(let namespace): (spec.name, .crossReference(namespace))
            }
        }
    }

    /// The slots every record of a kind has, made once.
    private struct CoreSlots {
        let id, category, name, description, xref, providedBy, iri, publicationType: KGXSlot
        let subject, predicate, object, knowledgeLevel, agentType, primaryKnowledgeSource: KGXSlot
        let aggregatorKnowledgeSource, publications: KGXSlot

        init(_ table: KGXSlots.Table) {
            id = table.slot("id")
            category = table.slot("category")
            name = table.slot("name")
            description = table.slot("description")
            xref = table.slot("xref")
            providedBy = table.slot("provided_by")
            iri = table.slot("iri")
            publicationType = table.slot("publication_type")
            subject = table.slot("subject")
            predicate = table.slot("predicate")
            object = table.slot("object")
            knowledgeLevel = table.slot("knowledge_level")
            agentType = table.slot("agent_type")
            primaryKnowledgeSource = table.slot("primary_knowledge_source")
            aggregatorKnowledgeSource = table.slot("aggregator_knowledge_source")
            publications = table.slot("publications")
        }
    }
}
