import PFOCRGraph

/// Turns figure subgraphs into ``CXNetwork``s in PFOCR's NDEx conventions.
///
/// Network attributes of a figure network, every one a string, as wikipathways/pfocr2ndex
/// writes PFOCR's NDEx networks (notebooks/update_pfocr.ipynb; Docs/cx.md), in this order:
/// `name` (figure title), `description` (HTML: the caption and the figure image),
/// `pfocrId`, `pmcId`, `figureNumber`, `figureTitle`, `figureLink`, `paperLink`,
/// `paperTitle`, `publicationYear` (text), `organism` (the organism whose genes the network
/// holds, see ``CXOrganismChoice``), `rights`, `networkType` (`pathway`), `methods`,
/// `reference` (HTML), then `ndexUUID` (PFOCR's published network of the figure, when the
/// record names one), every other figure and paper property of Mappings/vocabulary.yaml
/// under its vocabulary name (numbers as their decimal text, lists as JSON array text),
/// then `@context`.
///
/// Nodes: one per chemical and disease the figure mentions and one per gene of the chosen
/// organism, with `name` (symbol or term), `represents` (a CURIE whose prefix `@context`
/// maps, or the full IRI for namespaces whose IRIs do not end with the id), `type` (the
/// vocabulary label in lower case: `gene`, `chemical`, `disease`), the node kind's
/// vocabulary properties (for genes PFOCR's `ncbigene`, the NCBI Gene id, in place of the
/// vocabulary's `ncbiGeneID`, then `symbol`, `organism` (the gene's taxon's name) and, in a
/// figure network, `word` (the OCR words, distinct, joined by `, `)) and, in a figure
/// network, the MENTIONS evidence (`words`, `matchedTerms`, `sources`, `evidenceCount`). No
/// edges are invented between entities. The corpus network keeps the genes of every taxon.
///
/// It is configuration only (a `Sendable` value made once per export): everything a network
/// needs while it is built lives in the ``CXNetwork``, values left out included.
struct CXNetworkBuilder: Sendable {
    /// PFOCR's licence statement on NDEx (one of NDEx's own `rights` choices).
    static let rights = "Waiver-No rights reserved (CC0)"
    static let networkType = "pathway"
    /// PFOCR's `methods` text on NDEx (pfocr2ndex, trailing space trimmed).
    static let methods = "Pathway Figure OCR, https://www.biorxiv.org/content/10.1101/2020.05.29.124503v1.full"
    /// Gene node attributes named as PFOCR's NDEx networks name them.
    static let ncbigeneAttribute = "ncbigene"
    static let wordAttribute = "word"
    static let organismAttribute = "organism"
    /// Attribute names CX reserves for the node and edge fields (`n`, `r`, `i` in CX1) and
    /// for this module's node `type`; a vocabulary property with one of them is left out.
    static let reservedNodeNames: Set<String> = ["name", "represents", "type"]
    static let reservedEdgeNames: Set<String> = ["interaction", "name"]
    /// Figure and paper properties the PFOCR-named network attributes already carry (the
    /// curated `organisms` list is not one: `organism` names the network's organism).
    static let coveredFigureProperties: Set<String> = [
        PropertyKey.figid, .title, .caption, .number, .figureLink, .ndexUUID,
    ].reduce(into: []) { $0.insert($1.name) }
    static let coveredPaperProperties: Set<String> = [PropertyKey.pmcid, .title, .reference, .year].reduce(into: []) {
        $0.insert($1.name)
    }
    /// Vocabulary properties a CX node writes under PFOCR's own name instead (`ncbigene`).
    static let renamedNodeProperties: Set<String> = [PropertyKey.ncbiGeneID.name]

    /// `@context` and `represents`.
    let context: CXContext
    private let figureExtras: [PropertySpec]
    private let paperExtras: [PropertySpec]
    /// Per ``NodeKind/order``: the kind's vocabulary properties but the reserved names.
    private let nodeProperties: [[PropertySpec]]
    /// MENTIONS properties as node evidence (but reserved node names) and as corpus edge
    /// attributes (but reserved edge names).
    private let evidenceProperties: [PropertySpec]
    private let mentionProperties: [PropertySpec]
    /// True when the vocabulary keeps the MENTIONS `words`: then a gene in a figure network
    /// also gets PFOCR's `word` (leaving `words` out leaves out both).
    private let writesWords: Bool
    /// Per ``NodeKind/order``: the node `type`.
    private let typeNames: [String]
    /// The MENTIONS interaction name (`mentions`).
    let interaction: String
    /// Every attribute name the networks use, keyed (see ``CXNames``); the writers spell
    /// names from it.
    let names: CXNames
    /// The names of the node fields and of the edge `interaction`.
    private let nodeFieldNames: [CXName]
    private let interactionName: CXName
    private let ncbigeneName: CXName
    private let organismName: CXName
    private let wordName: CXName
    /// Parallel to ``nodeProperties``, ``evidenceProperties`` and ``mentionProperties``: the
    /// properties' attribute names.
    private let nodePropertyNames: [[CXName]]
    private let evidenceNames: [CXName]
    /// Parallel to ``evidenceProperties``: how each is made from the evidence rows, and its
    /// name as a property.
    /// How each is made from the rows; nil for one read with ``GraphEdge/value(_:)``.
    private let evidenceValues: [EvidenceProperty?]
    private let evidenceKeys: [String]
    /// Parallel to ``nodeProperties``: the properties' names, and whether the first is the
    /// gene `symbol` (read once here, not as a `PropertySpec` copied per node).
    private let nodePropertyKeys: [[String]]
    private let symbolFirst: [Bool]
    private let mentionNames: [CXName]
    /// The names of ``figureExtras`` and ``paperExtras`` (as properties and as attributes).
    private let figureExtraKeys: [String]
    private let figureExtraNames: [CXName]
    private let paperExtraKeys: [String]
    private let paperExtraNames: [CXName]
    /// The fixed attribute names of ``forEachFigureAttribute(_:asNode:organism:_:)``.
    private let fixed: FixedNames
    /// Per ``NodeKind/order``: the node `type` as a JSON string.
    private let typeJSON: [[UInt8]]

    init(mapping: Mapping) {
        let vocabulary = mapping.vocabulary
        context = CXContext(prefixes: mapping.prefixes)
        figureExtras = vocabulary.node(.figure).properties.filter {
            !CXNetworkBuilder.coveredFigureProperties.contains($0.name)
        }
        paperExtras = vocabulary.node(.paper).properties.filter {
            !CXNetworkBuilder.coveredPaperProperties.contains($0.name)
        }
        let kinds = NodeKind.allCases.sorted()
        nodeProperties = kinds.map { kind in
            vocabulary.node(kind).properties.filter {
                !CXNetworkBuilder.reservedNodeNames.contains($0.name)
                    && !CXNetworkBuilder.renamedNodeProperties.contains($0.name)
            }
        }
        evidenceProperties = vocabulary.edge(.mentions).properties.filter {
            !CXNetworkBuilder.reservedNodeNames.contains($0.name)
        }
        writesWords = evidenceProperties.contains { $0.name == PropertyKey.words.name }
        mentionProperties = vocabulary.edge(.mentions).properties.filter {
            !CXNetworkBuilder.reservedEdgeNames.contains($0.name)
        }
        typeNames = kinds.map { CXNetworkBuilder.typeName($0, vocabulary) }
        interaction = vocabulary.edge(.mentions).type.lowercased()
        var names = CXNames()
        nodeFieldNames = ["name", "represents", "type"].map { names.add($0) }
        interactionName = names.add("interaction")
        ncbigeneName = names.add(CXNetworkBuilder.ncbigeneAttribute)
        organismName = names.add(CXNetworkBuilder.organismAttribute)
        wordName = names.add(CXNetworkBuilder.wordAttribute)
        nodePropertyNames = nodeProperties.map { $0.map { names.add($0.name) } }
        evidenceNames = evidenceProperties.map { names.add($0.name) }
        evidenceValues = evidenceProperties.map { EvidenceProperty(property: $0.name) }
        evidenceKeys = evidenceProperties.map(\.name)
        nodePropertyKeys = nodeProperties.map { $0.map(\.name) }
        symbolFirst = nodeProperties.map { $0.first?.name == PropertyKey.symbol.name }
        mentionNames = mentionProperties.map { names.add($0.name) }
        for name in CXNetworkBuilder.networkAttributeNames { names.add(name) }
        fixed = FixedNames(&names)
        figureExtraKeys = figureExtras.map(\.name)
        paperExtraKeys = paperExtras.map(\.name)
        figureExtraNames = figureExtraKeys.map { names.add($0) }
        paperExtraNames = paperExtraKeys.map { names.add($0) }
        typeJSON = typeNames.map { name in
            var json: [UInt8] = []
            JSONText.appendString(name, to: &json)
            return json
        }
        self.names = names
    }

    /// The fixed attribute names of ``forEachFigureAttribute(_:asNode:organism:_:)``, looked
    /// up once.
    private struct FixedNames {
        let name, description, pfocrId, pmcId, figureNumber, figureTitle, figureLink, paperLink: CXName
        let paperTitle, publicationYear, organism, rights, networkType, methods, reference, ndexUUID: CXName
        let context: CXName

        init(_ names: inout CXNames) {
            name = names.add("name")
            description = names.add("description")
            pfocrId = names.add("pfocrId")
            pmcId = names.add("pmcId")
            figureNumber = names.add("figureNumber")
            figureTitle = names.add("figureTitle")
            figureLink = names.add("figureLink")
            paperLink = names.add("paperLink")
            paperTitle = names.add("paperTitle")
            publicationYear = names.add("publicationYear")
            organism = names.add(CXNetworkBuilder.organismAttribute)
            rights = names.add("rights")
            networkType = names.add("networkType")
            methods = names.add("methods")
            reference = names.add("reference")
            ndexUUID = names.add("ndexUUID")
            context = names.add("@context")
        }
    }

    /// The fixed network and figure-node attribute names (``forEachFigureAttribute(_:asNode:organism:_:)``
    /// and the corpus network's), given keys up front; a name left out here would still be
    /// written right, compared by its text.
    static let networkAttributeNames = [
        "description", "pfocrId", "pmcId", "figureNumber", "figureTitle", "figureLink", "paperLink", "paperTitle",
        "publicationYear", "rights", "networkType", "methods", "reference", "ndexUUID", "@context", "figureCount",
    ]

    /// The node `type` value of a kind: its vocabulary label in lower case.
    static func typeName(_ kind: NodeKind, _ vocabulary: Vocabulary) -> String {
        vocabulary.node(kind).label.lowercased()
    }

    static func isEntity(_ kind: NodeKind) -> Bool {
        kind == .gene || kind == .chemical || kind == .disease
    }

    /// A MENTIONS edge to a gene, chemical or disease: one node (and corpus edge) each.
    static func isEntityMention(_ edge: GraphEdge) -> Bool {
        edge.kind == .mentions && isEntity(edge.targetKind)
    }

    // MARK: Figure networks

    /// Fills `network` (given empty) with the figure's network and returns the organism
    /// choice (whose counts say which genes were left out); `network` stays empty when the
    /// figure mentions no identified entity, or only genes the choice leaves out.
    @discardableResult
    func buildFigureNetwork(_ subgraph: FigureSubgraph, into network: inout CXNetwork) -> CXOrganismChoice {
        let choice = CXOrganismChoice(subgraph)
        // About what a node's values take on the synthetic corpus, and the network attributes.
        network.json.reserveCapacity(4096 + 512 * subgraph.edges.count)
        // Room for every entity node and its attributes at once (at most one node per edge;
        // about eight attributes a node on the synthetic corpus): growing by doubling copied
        // the arrays several times per figure.
        network.nodes.reserveCapacity(subgraph.edges.count)
        network.nodeAttributes.reserveCapacity(8 * subgraph.edges.count)
        // Entities in subgraph order (genes, chemicals, diseases, each sorted by id), one
        // per MENTIONS edge: the builder makes exactly one edge per (figure, entity).
        var used: UInt16 = 0
        var cursor = 0
        forEachMention(in: subgraph) { mention, node in
            guard node.kind != .gene || choice.keeps(gene: node.id, cursor: &cursor) else { return }
            used |= context.bit(node.id.namespace)
            appendEntityNode(node, organism: choice.name, evidence: mention, to: &network)
        }
        guard !network.nodes.isEmpty else { return choice }
        network.attributes.reserveCapacity(24 + figureExtraKeys.count + paperExtraKeys.count)
        forEachFigureAttribute(subgraph, asNode: false, organism: choice.name) { name, value in
            switch value {
            case .value(let value):
                network.addNetworkAttribute(name, .string) { CXJSON.appendText(value, to: &$0) }
            case .html(let html):
                network.addNetworkAttribute(name, .string) { out in
                    html.withUnsafeBufferPointer { JSONText.appendString(bytes: $0, to: &out) }
                }
            }
        }
        network.addNetworkAttribute(fixed.context, .string(context.text(used)))
        CXLayout.arrange(&network.nodes)
        return choice
    }

    /// Kind order, then the builder's order within a kind (numeric for genes).
    static func entityOrder(_ lhs: GraphEdge, _ rhs: GraphEdge) -> Bool {
        entityOrder(lhs.targetKind, lhs.target, rhs.targetKind, rhs.target)
    }

    /// ``entityOrder(_:_:)`` of two targets given by kind and id.
    static func entityOrder(_ lhsKind: NodeKind, _ lhs: Identifier, _ rhsKind: NodeKind, _ rhs: Identifier) -> Bool {
        if lhsKind != rhsKind { return lhsKind < rhsKind }
        let left = lhs.local
        let right = rhs.local
        if lhsKind == .gene { return (left.utf8.count, left) < (right.utf8.count, right) }
        return lhs < rhs
    }

    /// Calls `body` with every MENTIONS edge to an entity, in ``entityOrder(_:_:)``, and the
    /// node it reaches (made from the edge when the subgraph lacks it); returns their number.
    ///
    /// The graph builder already orders them so and lists the entity nodes in the same order,
    /// so this is one pass over the edges and one over the nodes, allocating nothing; a
    /// subgraph ordered otherwise is sorted (stably, as before) and searched.
    @discardableResult
    func forEachMention(in subgraph: FigureSubgraph, _ body: (GraphEdge, GraphNode) -> Void) -> Int {
        // Edges are read in place, by index and field: iterating them or passing them to the
        // order checks would copy each edge, retaining and releasing its strings and arrays.
        let edges = subgraph.edges
        func isEntityMention(_ index: Int) -> Bool {
            edges[index].kind == .mentions && CXNetworkBuilder.isEntity(edges[index].targetKind)
        }
        var inOrder = true
        var previous: Int? = nil
        for index in edges.indices where isEntityMention(index) {
            if let previous,
                CXNetworkBuilder.entityOrder(
                    edges[index].targetKind, edges[index].target, edges[previous].targetKind, edges[previous].target)
            {
                inOrder = false
                break
            }
            previous = index
        }
        var cursor = 0
        var count = 0
        func visit(_ mention: GraphEdge) {
            count += 1
            let node =
                CXNetworkBuilder.node(of: mention, in: subgraph.nodes, from: &cursor)
                ?? GraphNode(kind: mention.targetKind, id: mention.target, name: mention.target.local)
            body(mention, node)
        }
        if inOrder {
            for index in edges.indices where isEntityMention(index) { visit(edges[index]) }
        } else {
            for mention in edges.filter(CXNetworkBuilder.isEntityMention).sorted(by: CXNetworkBuilder.entityOrder) {
                visit(mention)
            }
        }
        return count
    }

    /// The node `edge` reaches, searched from `cursor` round to it (nodes are unique per kind
    /// and id); `cursor` moves past it, so nodes in edge order are found in one pass.
    private static func node(of edge: GraphEdge, in nodes: [GraphNode], from cursor: inout Int) -> GraphNode? {
        let count = nodes.count
        for step in 0..<count {
            var index = cursor + step
            if index >= count { index -= count }
            let node = nodes[index]
            if node.kind == edge.targetKind && node.id == edge.target {
                cursor = index + 1
                return node
            }
        }
        return nil
    }

    /// The figure's metadata as attributes, passed to `body` in order (one list for both
    /// uses, so the two cannot drift):
    /// - the network attributes of a figure network (`asNode` false): every value to be
    ///   written as a string (``text(_:)``, which ``CXJSON/appendText(_:to:)`` writes),
    ///   `description` and `reference` as pfocr2ndex's HTML, `organism` the network's organism
    ///   (`organism`; nil: the curated names, joined by `, `), the HTML given as its UTF-8
    ///   (``CXFigureValue/html(_:)``, written as JSON at once, never made a `String`);
    /// - the attributes of the figure's node in the corpus network (`asNode` true): typed, the
    ///   plain caption and reference text, the curated organisms, and without the
    ///   network-level `name`, `rights`, `networkType` and `methods`.
    func forEachFigureAttribute(
        _ subgraph: FigureSubgraph, asNode: Bool, organism: String? = nil, _ body: (CXName, CXFigureValue) -> Void
    ) {
        let figure = subgraph.figure
        let paper = subgraph.nodes.first { $0.kind == .paper }
        func add(_ name: CXName, _ value: PropertyValue?) {
            guard let value else { return }
            body(name, .value(value))
        }
        func add(_ name: CXName, _ text: String?) {
            if let text { body(name, .value(.string(text))) }
        }
        func add(_ name: CXName, html: [UInt8]?) {
            if let html { body(name, .html(html)) }
        }
        let paperLink = paper.map { CXNetworkBuilder.paperLink($0.id.local) }
        if !asNode { add(fixed.name, figure.name) }
        if asNode {
            add(fixed.description, figure.cxValue(.caption))
        } else {
            let html = CXHTML.descriptionBytes(
                caption: figure.cxValue(.caption)?.text(), image: figure.cxValue(.imageURL)?.text())
            add(fixed.description, html: html)
        }
        add(fixed.pfocrId, subgraph.figid)
        add(fixed.pmcId, paper?.cxValue(.pmcid))
        add(fixed.figureNumber, figure.cxValue(.number))
        add(fixed.figureTitle, figure.cxValue(.title))
        add(fixed.figureLink, figure.cxValue(.figureLink))
        add(fixed.paperLink, paperLink.map(PropertyValue.iri))
        add(fixed.paperTitle, paper?.cxValue(.title))
        add(fixed.publicationYear, paper?.cxValue(.year))
        let curated = CXNetworkBuilder.curatedOrganisms(figure)
        add(fixed.organism, asNode ? curated : organism ?? curated)
        if asNode {
            add(fixed.reference, paper?.cxValue(.reference))
        } else {
            add(fixed.rights, CXNetworkBuilder.rights)
            add(fixed.networkType, CXNetworkBuilder.networkType)
            add(fixed.methods, CXNetworkBuilder.methods)
            if let paper {
                let html = CXHTML.referenceBytes(
                    text: paper.cxValue(.reference)?.text(), title: paper.cxValue(.title)?.text(), link: paperLink)
                add(fixed.reference, html: html)
            }
        }
        add(fixed.ndexUUID, figure.cxValue(.ndexUUID))
        for index in figureExtraKeys.indices { add(figureExtraNames[index], figure.cxValue(figureExtraKeys[index])) }
        if let paper {
            for index in paperExtraKeys.indices { add(paperExtraNames[index], paper.cxValue(paperExtraKeys[index])) }
        }
    }

    /// The figure's curated organism names joined by `, `; nil when it has none.
    static func curatedOrganisms(_ figure: GraphNode) -> String? {
        guard case .stringList(let organisms) = figure.cxValue(.organisms), !organisms.isEmpty else { return nil }
        return organisms.joined(separator: ", ")
    }

    /// A value as a figure network's attribute: a string (pfocr2ndex writes every network
    /// attribute as one). Strings and IRIs as they are, numbers in their decimal form
    /// (``PropertyValue/text(listSeparator:)``), booleans `true`/`false`, lists as JSON
    /// array text (`["a","b"]`), which keeps items that contain commas apart.
    static func text(_ value: PropertyValue) -> PropertyValue {
        switch value {
        case .string: value
        case .stringList(let items): .string(JSONText.array(items))
        default: .string(value.text())
        }
    }

    /// PMC's page of a paper, the link PFOCR's networks give as `paperLink` (pfocr2ndex:
    /// the PMC articles URL and the PMC id, no trailing slash).
    static func paperLink(_ pmcid: String) -> String {
        "https://www.ncbi.nlm.nih.gov/pmc/articles/" + IRIEncoding.encodeSegment(pmcid)
    }

    // MARK: Nodes and edges

    /// Appends an entity node; a gene gets `ncbigene` and, when its taxon is known,
    /// `organism` (its taxon's name); with `evidence`, the gene gets `word` and the MENTIONS
    /// edge's properties become node attributes.
    func appendEntityNode(_ node: GraphNode, organism: String?, evidence: GraphEdge?, to network: inout CXNetwork) {
        declareNodeFields(&network.nodeDeclarations)
        let start = network.nodeAttributes.count
        let order = node.kind.order
        let keys = nodePropertyKeys[order]
        let propertyNames = nodePropertyNames[order]
        var pending = 0
        if node.kind == .gene {
            network.addNodeAttribute(ncbigeneName, string: node.id.local, from: start)
            // The symbol, then the gene's own attributes, then the rest of the vocabulary's.
            if symbolFirst[order] {
                if let value = node.cxValue(keys[0]) {
                    network.addNodeAttribute(propertyNames[0], value, from: start)
                }
                pending = 1
            }
            if let organism {
                network.addNodeAttribute(organismName, string: organism, from: start)
            }
            if let evidence, writesWords, let word = CXNetworkBuilder.word(evidence) {
                network.addNodeAttribute(wordName, string: word, from: start)
            }
        }
        for index in pending..<keys.count {
            guard let value = node.cxValue(keys[index]) else { continue }
            network.addNodeAttribute(propertyNames[index], value, from: start)
        }
        if let evidence {
            // Made from the rows, as `GraphEdge.value` would make them, unless the edge stores
            // properties of its own (which that would read first).
            let fromRows = evidence.properties.isEmpty && !evidence.evidence.isEmpty
            for index in evidenceValues.indices {
                if fromRows {
                    switch evidenceValues[index] {
                    case .count:
                        network.addNodeAttribute(evidenceNames[index], .integer, from: start) {
                            $0.append(decimal: evidence.evidence.count)
                        }
                        continue
                    case let list?:
                        network.addNodeAttribute(evidenceNames[index], .listOfString, from: start) {
                            CXJSON.appendEvidence(evidence.evidence, list, to: &$0)
                        }
                        continue
                    case nil:
                        break
                    }
                }
                guard let value = evidence.value(evidenceKeys[index]) else { continue }
                network.addNodeAttribute(evidenceNames[index], value, from: start)
            }
        }
        appendNode(node.kind, node.id, node.name, attributes: start, to: &network)
    }

    /// Appends the node whose attributes start at `start`, its name, `represents` and `type`
    /// written to the network's JSON.
    private func appendNode(
        _ kind: NodeKind, _ id: Identifier, _ name: String, attributes start: Int, to network: inout CXNetwork
    ) {
        let name = network.appendString(name)
        let represents = network.json.count
        context.appendRepresents(id, to: &network.json)
        let type = network.json.count
        network.json.append(typeJSON[kind.order])
        network.nodes.append(
            CXNode(
                kind: kind, name: name, represents: represents..<type, type: type..<network.json.count,
                attributes: start..<network.nodeAttributes.count))
    }

    /// PFOCR's `word` of a gene in a figure: the OCR words of its evidence rows, each once, in
    /// input order, joined by `, ` (every word, with its row, stays in `words`); nil when no
    /// row has one.
    static func word(_ mention: GraphEdge) -> String? {
        // Most genes have one row: its word as it is, without the list and the join.
        if mention.evidence.count == 1 {
            let word = mention.evidence[0].word
            return word.isEmpty ? nil : word
        }
        var distinct: [String] = []
        for row in mention.evidence where !row.word.isEmpty && !distinct.contains(row.word) {
            distinct.append(row.word)
        }
        return distinct.isEmpty ? nil : distinct.joined(separator: ", ")
    }

    /// Appends a figure's node of the corpus network.
    func appendFigureNode(_ subgraph: FigureSubgraph, to network: inout CXNetwork) {
        declareNodeFields(&network.nodeDeclarations)
        let start = network.nodeAttributes.count
        forEachFigureAttribute(subgraph, asNode: true) { name, value in
            guard !CXNetworkBuilder.reservedNodeNames.contains(name.text) else { return }
            switch value {
            case .value(let value):
                network.addNodeAttribute(name, value, from: start)
            case .html(let html):
                network.addNodeAttribute(name, .string, from: start) { out in
                    html.withUnsafeBufferPointer { JSONText.appendString(bytes: $0, to: &out) }
                }
            }
        }
        let figure = subgraph.figure
        appendNode(.figure, figure.id, figure.name, attributes: start, to: &network)
    }

    /// Appends a MENTIONS edge of the corpus network, its evidence as edge attributes.
    func appendMentionEdge(_ edge: GraphEdge, source: Int, target: Int, to network: inout CXNetwork) {
        _ = network.edgeDeclarations.admit(interactionName, .string)
        let start = network.edgeAttributes.count
        for (index, spec) in mentionProperties.enumerated() {
            guard let value = edge.value(spec.name) else { continue }
            network.addEdgeAttribute(mentionNames[index], value, from: start)
        }
        let attributes = start..<network.edgeAttributes.count
        network.edges.append(
            CXEdge(
                source: source, target: target, interaction: network.appendString(interaction), attributes: attributes))
    }

    @inline(__always)
    private func declareNodeFields(_ declarations: inout CXDeclarations) {
        guard declarations.isEmpty else { return }
        for name in nodeFieldNames { _ = declarations.admit(name, .string) }
    }
}

/// A figure attribute as ``CXNetworkBuilder/forEachFigureAttribute(_:asNode:organism:_:)``
/// gives it: a property value, or HTML text (a figure network's `description` and
/// `reference`) as UTF-8, which is written as a JSON string.
enum CXFigureValue {
    case value(PropertyValue)
    case html([UInt8])
}

extension GraphNode {
    /// ``value(_:)``, comparing byte lengths before texts: the figure and paper nodes have a
    /// few dozen properties, looked up by name for every attribute, and most comparisons were
    /// of two different names (a call into the standard library's string comparison each).
    ///
    /// The same answer: names of different byte lengths can only be equal (canonically
    /// equivalent) when one is not ASCII; property names are the schema's ASCII keys, and a
    /// name asked for that is not ASCII is looked up by ``value(_:)`` itself.
    func cxValue(_ name: String) -> PropertyValue? {
        let length = name.utf8.count
        for index in properties.indices
        where properties[index].name.utf8.count == length && properties[index].name == name {
            return properties[index].value
        }
        guard name.utf8.allSatisfy({ $0 < 0x80 }) else { return value(name) }
        return nil
    }

    /// ``cxValue(_:)`` of a schema key.
    func cxValue(_ key: PropertyKey) -> PropertyValue? { cxValue(key.name) }
}
