import PFOCRGraph

/// Makes the ``KGXRecord``s of the graph's nodes and edges, by the rules of ``KGXSlots``.
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
struct KGXRecordBuilder: Sendable {
    let mapping: Mapping
    /// Per ``NodeKind/order`` and ``EdgeKind/order``: what every node or edge of the kind
    /// writes the same way, worked out once (an export has millions of them): category or
    /// predicate, provenance, and the vocabulary properties KGX writes, each with its rule
    /// (``PropertySpec/kgx``, declared in `GraphSchema`). A property KGX omits is never read, so the MENTIONS lists KGX leaves
    /// out are not made.
    private let nodeKinds: [NodeKindRecord]
    private let edgeKinds: [EdgeKindRecord]
    /// The slots every record of a kind has, made once.
    private let core: CoreSlots

    private struct NodeKindRecord: Sendable {
        let category: String
        /// `publication_type` (the vocabulary's RDF classes) for `biolink:Publication` nodes.
        let publicationTypes: [String]?
        let rules: [(property: String, rule: Written)]
    }

    /// What a property KGX writes becomes.
    private enum Written: Sendable {
        case slot(KGXSlot)
        case crossReference(Namespace)
    }

    private struct EdgeKindRecord: Sendable {
        let predicate: String
        let provenance: KGXSlots.Provenance
        let slots: [(property: String, slot: KGXSlot)]
    }

    private struct CoreSlots: Sendable {
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

    init(mapping: Mapping) {
        self.mapping = mapping
        let table = KGXSlots.Table(mapping)
        core = CoreSlots(table)
        nodeKinds = NodeKind.allCases.sorted().map { kind in
            let vocabulary = mapping.vocabulary.node(kind)
            let isPublication = vocabulary.kgxCategory == "biolink:Publication"
            return NodeKindRecord(
                category: vocabulary.kgxCategory, publicationTypes: isPublication ? vocabulary.rdfClasses : nil,
                rules: Self.written(vocabulary.properties, table))
        }
        edgeKinds = EdgeKind.allCases.sorted().map { kind in
            let vocabulary = mapping.vocabulary.edge(kind)
            let slots = Self.written(vocabulary.properties, table).compactMap { written -> (String, KGXSlot)? in
                guard case .slot(let slot) = written.rule else { return nil }
                return (written.property, slot)
            }
            return EdgeKindRecord(
                predicate: vocabulary.kgxPredicate, provenance: KGXSlots.provenance(kind), slots: slots)
        }
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

    func node(_ node: GraphNode) -> KGXRecord {
        let prefixes = mapping.prefixes
        let kind = nodeKinds[node.kind.order]
        var record = KGXRecord(capacity: 8 + kind.rules.count)
        record.append(core.id, prefixes.biolinkCurie(node.id))
        record.append(core.category, .list([kind.category]))
        record.append(core.name, node.name)
        var xrefs: [String] = []
        var slots: [KGXRecord.Field] = []
        slots.reserveCapacity(kind.rules.count)
        for (property, rule) in kind.rules {
            guard let value = node.value(property) else { continue }
            switch rule {
            case .slot(let slot):
                slots.append(KGXRecord.Field(slot: slot, value: KGXValue(value)))
            case .crossReference(let namespace):
                for local in Self.items(value) {
                    let id = Identifier(namespace, local)
                    if id != node.id { xrefs.append(prefixes.biolinkCurie(id)) }
                }
            }
        }
        if let description = slots.first(where: { $0.slot.name == core.description.name }) {
            record.append(description.slot, description.value)
        }
        record.append(core.xref, .list(xrefs))
        record.append(core.providedBy, .list([KGXSlots.pfocr]))
        record.append(core.iri, prefixes.iri(node.id))
        if let publicationTypes = kind.publicationTypes {
            record.append(core.publicationType, .list(publicationTypes))
        }
        for field in slots where field.slot.name != core.description.name { record.append(field.slot, field.value) }
        return record
    }

    /// An edge's record; `paper` is the figure's paper, cited by kinds that cite it.
    func edge(_ edge: GraphEdge, paper: Identifier?) -> KGXRecord {
        let prefixes = mapping.prefixes
        let kind = edgeKinds[edge.kind.order]
        let provenance = kind.provenance
        let subject = prefixes.biolinkCurie(edge.source)
        let object = prefixes.biolinkCurie(edge.target)
        var record = KGXRecord(capacity: 9 + kind.slots.count)
        record.append(core.id, Self.edgeID(subject: subject, predicate: kind.predicate, object: object, edge: edge))
        record.append(core.subject, subject)
        record.append(core.predicate, kind.predicate)
        record.append(core.object, object)
        record.append(core.knowledgeLevel, provenance.knowledgeLevel)
        record.append(core.agentType, provenance.agentType)
        record.append(core.primaryKnowledgeSource, provenance.primaryKnowledgeSource)
        record.append(core.aggregatorKnowledgeSource, .list(provenance.aggregatorKnowledgeSources))
        if provenance.citesPaper, let paper {
            record.append(core.publications, .list([prefixes.biolinkCurie(paper)]))
        }
        for (property, slot) in kind.slots {
            if let value = edge.value(property) { record.append(slot, KGXValue(value)) }
        }
        return record
    }

    /// `subject--predicate--object`, unique per file: when the object's namespace is shared by
    /// node kinds (``Namespace/isSharedByNodeKinds``, MeSH) `--<kind>` follows
    /// (`…--MESH:D002130--chemical`), so a figure mentioning one MeSH id as a chemical and as a
    /// disease has two edges with two ids.
    static func edgeID(subject: String, predicate: String, object: String, edge: GraphEdge) -> String {
        var id = String()
        id.reserveCapacity(subject.utf8.count + predicate.utf8.count + object.utf8.count + 16)
        id += subject
        id += "--"
        id += predicate
        id += "--"
        id += object
        if edge.target.namespace.isSharedByNodeKinds {
            id += "--"
            id += edge.targetKind.rawValue.lowercased()
        }
        return id
    }

    private static func items(_ value: PropertyValue) -> [String] {
        switch value {
        case .stringList(let items): items
        default: [value.text()]
        }
    }
}
