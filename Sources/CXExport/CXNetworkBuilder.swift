import PFOCRGraph

/// Turns figure subgraphs into ``CXNetwork``s in PFOCR's NDEx conventions.
///
/// Network attributes of a figure network, in this order (the first fourteen are the names
/// PFOCR's own NDEx networks use, typed: `publicationYear` is an integer):
/// `name` (figure title), `description` (caption), `pfocrId`, `pmcId`, `figureNumber`,
/// `figureTitle`, `figureLink`, `paperLink`, `paperTitle`, `publicationYear`, `organism`
/// (the curated organisms, joined by `, `), `rights`, `networkType` (`pathway`),
/// `reference`, `ndexUUID` (PFOCR's published network of the figure, when the record names
/// one), then every other figure and paper property of Mappings/vocabulary.yaml under its
/// vocabulary name and type, then `@context`.
///
/// Nodes: one per gene, chemical and disease the figure mentions, with `name` (symbol or
/// term), `represents` (a CURIE whose prefix `@context` maps, or the full IRI for
/// namespaces whose IRIs do not end with the id), `type` (the vocabulary label in lower
/// case: `gene`, `chemical`, `disease`), the node kind's vocabulary properties and, in a
/// figure network, the MENTIONS evidence (`words`, `matchedTerms`, `sources`,
/// `evidenceCount`). No edges are invented between entities.
struct CXNetworkBuilder {
    /// PFOCR's licence statement on NDEx (one of NDEx's own `rights` choices).
    static let rights = "Waiver-No rights reserved (CC0)"
    static let networkType = "pathway"
    /// Attribute names CX reserves for the node and edge fields (`n`, `r`, `i` in CX1) and
    /// for this module's node `type`; a vocabulary property with one of them is left out.
    static let reservedNodeNames: Set<String> = ["name", "represents", "type"]
    static let reservedEdgeNames: Set<String> = ["interaction", "name"]
    /// Figure and paper properties the PFOCR-named network attributes already carry.
    static let coveredFigureProperties: Set<String> = ["figid", "title", "caption", "number", "figureLink", "organisms", "ndexUUID"]
    static let coveredPaperProperties: Set<String> = ["pmcid", "title", "reference", "year"]

    let prefixes: PrefixSet
    let vocabulary: Vocabulary
    /// Namespaces whose IRI is `base + local id`, sorted by CURIE prefix: what `@context`
    /// can map, and so the namespaces `represents` writes as CURIEs.
    let contextNamespaces: [(namespace: Namespace, prefix: String, base: String)]
    private let curieNamespaces: Set<Namespace>
    private let figureExtras: [PropertySpec]
    private let paperExtras: [PropertySpec]
    private let mentionProperties: [PropertySpec]
    private let typeNames: [NodeKind: String]
    /// The MENTIONS interaction name (`mentions`).
    let interaction: String
    /// Values left out because their name was already declared with another type.
    private(set) var typeClashes = 0

    init(mapping: Mapping) {
        prefixes = mapping.prefixes
        vocabulary = mapping.vocabulary
        contextNamespaces = Namespace.allCases.compactMap { namespace in
            guard let entry = mapping.prefixes.entries[namespace], entry.iriSuffix.isEmpty else { return nil }
            return (namespace, entry.curie, entry.iriPrefix)
        }.sorted { $0.prefix < $1.prefix }
        curieNamespaces = Set(contextNamespaces.map(\.namespace))
        figureExtras = mapping.vocabulary.node(.figure).properties.filter {
            !CXNetworkBuilder.coveredFigureProperties.contains($0.name)
        }
        paperExtras = mapping.vocabulary.node(.paper).properties.filter {
            !CXNetworkBuilder.coveredPaperProperties.contains($0.name)
        }
        mentionProperties = mapping.vocabulary.edge(.mentions).properties.filter {
            !CXNetworkBuilder.reservedNodeNames.contains($0.name)
        }
        var names: [NodeKind: String] = [:]
        for kind in NodeKind.allCases { names[kind] = CXNetworkBuilder.typeName(kind, mapping.vocabulary) }
        typeNames = names
        interaction = mapping.vocabulary.edge(.mentions).type.lowercased()
    }

    /// The node `type` value of a kind: its vocabulary label in lower case.
    static func typeName(_ kind: NodeKind, _ vocabulary: Vocabulary) -> String {
        vocabulary.node(kind).label.lowercased()
    }

    func typeName(_ kind: NodeKind) -> String { typeNames[kind] ?? kind.rawValue.lowercased() }

    /// `represents` of a node: a CURIE when `@context` can expand it, else the IRI.
    func represents(_ id: Identifier) -> String {
        curieNamespaces.contains(id.namespace) ? prefixes.curie(id) : prefixes.iri(id)
    }

    static func isEntity(_ kind: NodeKind) -> Bool {
        kind == .gene || kind == .chemical || kind == .disease
    }

    // MARK: Figure networks

    /// Fills `network` with the figure's network; false (and `network` left empty) when the
    /// figure mentions no identified entity.
    mutating func buildFigureNetwork(_ subgraph: FigureSubgraph, into network: inout CXNetwork) -> Bool {
        network.removeAll()
        let mentions = subgraph.edges.filter { $0.kind == .mentions && CXNetworkBuilder.isEntity($0.targetKind) }
        guard !mentions.isEmpty else { return false }
        var entities: [NodeKey: GraphNode] = [:]
        for node in subgraph.nodes where CXNetworkBuilder.isEntity(node.kind) { entities[NodeKey(node)] = node }
        // Entities in subgraph order (genes, chemicals, diseases, each sorted by id), one
        // per MENTIONS edge: the builder makes exactly one edge per (figure, entity).
        var used = Set<Namespace>()
        for mention in mentions.sorted(by: CXNetworkBuilder.entityOrder) {
            let node = entities[NodeKey(kind: mention.targetKind, id: mention.target)]
                ?? GraphNode(kind: mention.targetKind, id: mention.target, name: mention.target.local)
            used.insert(node.id.namespace)
            network.nodes.append(entityNode(node, evidence: mention, declarations: &network.nodeDeclarations))
        }
        addNetworkAttributes(figureAttributes(subgraph, asNode: false), to: &network)
        addNetworkAttribute(CXAttribute("@context", .string(contextText(used))), to: &network)
        CXLayout.arrange(&network.nodes)
        return true
    }

    /// Kind order, then the builder's order within a kind (numeric for genes).
    static func entityOrder(_ lhs: GraphEdge, _ rhs: GraphEdge) -> Bool {
        if lhs.targetKind != rhs.targetKind { return lhs.targetKind < rhs.targetKind }
        let left = lhs.target.local, right = rhs.target.local
        if lhs.targetKind == .gene { return (left.utf8.count, left) < (right.utf8.count, right) }
        return lhs.target < rhs.target
    }

    /// The figure's metadata as attributes: the network attributes of a figure network, or
    /// (`asNode`) the attributes of its node in the corpus network, which leaves out the
    /// network-level `name`, `rights`, `networkType`.
    func figureAttributes(_ subgraph: FigureSubgraph, asNode: Bool) -> [CXAttribute] {
        let figure = subgraph.figure
        let paper = subgraph.nodes.first { $0.kind == .paper }
        var attributes: [CXAttribute] = []
        attributes.reserveCapacity(32)
        func add(_ name: String, _ value: PropertyValue?) {
            if let value { attributes.append(CXAttribute(name, value)) }
        }
        if !asNode { add("name", .string(figure.name)) }
        add("description", figure.value("caption"))
        add("pfocrId", .string(subgraph.figid))
        add("pmcId", paper?.value("pmcid"))
        add("figureNumber", figure.value("number"))
        add("figureTitle", figure.value("title"))
        add("figureLink", figure.value("figureLink"))
        if let paper { add("paperLink", .iri(CXNetworkBuilder.paperLink(paper.id.local))) }
        add("paperTitle", paper?.value("title"))
        add("publicationYear", paper?.value("year"))
        if case .stringList(let organisms) = figure.value("organisms"), !organisms.isEmpty {
            add("organism", .string(organisms.joined(separator: ", ")))
        }
        if !asNode {
            add("rights", .string(CXNetworkBuilder.rights))
            add("networkType", .string(CXNetworkBuilder.networkType))
        }
        add("reference", paper?.value("reference"))
        add("ndexUUID", figure.value("ndexUUID"))
        for spec in figureExtras { add(spec.name, figure.value(spec.name)) }
        if let paper { for spec in paperExtras { add(spec.name, paper.value(spec.name)) } }
        return attributes
    }

    /// PMC's page of a paper, the link PFOCR's networks give as `paperLink`.
    static func paperLink(_ pmcid: String) -> String {
        "https://www.ncbi.nlm.nih.gov/pmc/articles/" + IRIEncoding.encodeSegment(pmcid) + "/"
    }

    /// `@context` text: a JSON object from the CURIE prefixes of `used` to their IRI bases,
    /// sorted by prefix.
    func contextText(_ used: Set<Namespace>) -> String {
        var text = "{"
        for entry in contextNamespaces where used.contains(entry.namespace) {
            if text.utf8.count > 1 { text.append(",") }
            JSONText.appendString(entry.prefix, to: &text)
            text.append(":")
            JSONText.appendString(entry.base, to: &text)
        }
        text.append("}")
        return text
    }

    mutating func addNetworkAttributes(_ attributes: [CXAttribute], to network: inout CXNetwork) {
        for attribute in attributes { addNetworkAttribute(attribute, to: &network) }
    }

    /// Adds a network attribute unless its name is already used (each name once).
    mutating func addNetworkAttribute(_ attribute: CXAttribute, to network: inout CXNetwork) {
        guard !network.networkDeclarations.contains(attribute.name) else {
            typeClashes += 1
            return
        }
        _ = network.networkDeclarations.admit(attribute.name, attribute.type)
        network.attributes.append(attribute)
    }

    // MARK: Nodes and edges

    /// An entity node; with `evidence`, the MENTIONS edge's properties become node attributes.
    mutating func entityNode(_ node: GraphNode, evidence: GraphEdge?, declarations: inout CXDeclarations) -> CXNode {
        declareNodeFields(&declarations)
        var attributes: [CXAttribute] = []
        attributes.reserveCapacity(8)
        for spec in vocabulary.node(node.kind).properties where !CXNetworkBuilder.reservedNodeNames.contains(spec.name) {
            guard let value = node.value(spec.name) else { continue }
            append(CXAttribute(spec.name, value), to: &attributes, declarations: &declarations)
        }
        if let evidence {
            for spec in mentionProperties {
                guard let value = evidence.value(spec.name) else { continue }
                append(CXAttribute(spec.name, value), to: &attributes, declarations: &declarations)
            }
        }
        return CXNode(kind: node.kind, name: node.name, represents: represents(node.id), type: typeName(node.kind), attributes: attributes)
    }

    /// A figure's node in the corpus network.
    mutating func figureNode(_ subgraph: FigureSubgraph, declarations: inout CXDeclarations) -> CXNode {
        declareNodeFields(&declarations)
        var attributes: [CXAttribute] = []
        for attribute in figureAttributes(subgraph, asNode: true) where !CXNetworkBuilder.reservedNodeNames.contains(attribute.name) {
            append(attribute, to: &attributes, declarations: &declarations)
        }
        return CXNode(
            kind: .figure, name: subgraph.figure.name, represents: represents(subgraph.figure.id),
            type: typeName(.figure), attributes: attributes)
    }

    /// A MENTIONS edge of the corpus network, its evidence as edge attributes.
    mutating func mentionEdge(_ edge: GraphEdge, source: Int, target: Int, declarations: inout CXDeclarations) -> CXEdge {
        _ = declarations.admit("interaction", .string)
        var attributes: [CXAttribute] = []
        for spec in vocabulary.edge(.mentions).properties where !CXNetworkBuilder.reservedEdgeNames.contains(spec.name) {
            guard let value = edge.value(spec.name) else { continue }
            append(CXAttribute(spec.name, value), to: &attributes, declarations: &declarations)
        }
        return CXEdge(source: source, target: target, interaction: interaction, attributes: attributes)
    }

    private func declareNodeFields(_ declarations: inout CXDeclarations) {
        guard declarations.isEmpty else { return }
        _ = declarations.admit("name", .string)
        _ = declarations.admit("represents", .string)
        _ = declarations.admit("type", .string)
    }

    /// Appends `attribute` unless the element already has that name or the name is
    /// declared with another type.
    private mutating func append(_ attribute: CXAttribute, to attributes: inout [CXAttribute], declarations: inout CXDeclarations) {
        guard !attributes.contains(where: { $0.name == attribute.name }),
            declarations.admit(attribute.name, attribute.type)
        else {
            typeClashes += 1
            return
        }
        attributes.append(attribute)
    }
}
