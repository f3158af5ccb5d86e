import PFOCRGraph

/// Renders one figure's triples on a worker thread, in every selected RDF syntax at once:
/// one walk over the subgraph whose triple events feed a ``TripleWriter`` per file
/// (``TripleFanOut``).
///
/// Per figure, in this order (Docs/rdf.md shows an example):
/// 1. the figure: its classes, `rdfs:label`, the vocabulary's properties, and one direct
///    triple per edge (`dcterms:isPartOf` paper, `wp:organism` organism, `schema:mentions`
///    entity); always written;
/// 2. each paper, gene, chemical, disease or organism, as its own segment written when the
///    node is new (``EmitCondition/newNode(_:)``), with `wp:bdbEntrezGene` / `wp:bdbChEBI`
///    links in WikiPathways RDF's IRIs; a node whose IRI two kinds share (a MeSH id used as
///    a chemical and as a disease) writes its own classes and properties first, then what
///    it has in common with other kinds (label, shared properties) only when the IRI is new
///    (``EmitCondition/newIdentifier(_:)``, see ``RDFTerms/sharedProperties``); a gene's taxon (`wp:organism`) goes inside its block
///    when the gene is new and the figure's IN_TAXON edge is written
///    (``EmitCondition/newNodeAndKeptEdge(node:edge:)``), and as a block of its own after
///    the nodes when an earlier figure described the gene without one
///    (``EmitCondition/oldNodeAndKeptEdge(node:edge:)``);
/// 3. the n-ary evidence pattern: for each mentioned entity a `pfocr:Mention` resource
///    `<figure IRI>#mention-<namespace>-<id>` (`pfocr:inFigure`, `pfocr:mentionOf`,
///    `pfocr:evidenceCount`) and one `pfocr:EvidenceRow` per input row,
///    `…#mention-<namespace>-<id>-row<n>` in input order; in a namespace two kinds share the
///    kind comes first, `#mention-chemical-mesh-<id>`, so each IRI names one (figure, kind,
///    id); with `pfocr:ocrWord`,
///    `pfocr:matchedTerm` and `pfocr:lexiconSource` (each only when the row has a value);
///    always written.
/// Edges other than IN_TAXON are always kept (``FigureNews``), so the figure's direct triples
/// and the mentions are unconditional; that also keeps Turtle's `;`/`,` joining inside the
/// figure's block independent of the news. Every IRI is minted from identifiers, so no blank
/// node is written and two runs give the same bytes. No triple is written twice (void.ttl and
/// the report count triples as written): two edges to one IRI (a chemical and a disease with
/// one MeSH id) give one direct triple, and list properties skip repeated items.
struct RDFRenderer: FigureRenderer {
    let terms: RDFTerms
    /// The spelling of each file, in the sink's file order: one or two (Turtle, N-Triples).
    let spellings: [RDFSpelling]
    let prefixes: PrefixSet
    /// `<` and the WikiPathways gene and ChEBI IRI bases, percent-encoded
    /// (``wikiPathwaysGene`` and ``wikiPathwaysChEBI``).
    private let wikiPathwaysOpens: ByteTable
    private static let wikiPathwaysGene = 0
    private static let wikiPathwaysChEBI = 1
    /// Spellings of the mention IRIs' parts: per ``NodeKind/order`` the kind in lower case and
    /// `-` (`chemical-`), then per ``Namespace/ordinal`` the namespace's internal name and `-`
    /// (`ncbigene-`), at ``namespaceWordsStart`` + ordinal.
    private let mentionWords: ByteTable
    private let namespaceWordsStart: Int

    init(terms: RDFTerms, spellings: [RDFSpelling], prefixes: PrefixSet) {
        self.terms = terms
        self.spellings = spellings
        self.prefixes = prefixes
        wikiPathwaysOpens = ByteTable([
            RDFRenderer.open(RDFTerms.wikiPathwaysGeneBase), RDFRenderer.open(RDFTerms.wikiPathwaysChEBIBase),
        ])
        let kinds = NodeKind.allCases.sorted().map { Array(($0.rawValue.lowercased() + "-").utf8) }
        var namespaces = [[UInt8]](repeating: [], count: Namespace.allCases.count)
        for namespace in Namespace.allCases { namespaces[namespace.ordinal] = Array((namespace.rawValue + "-").utf8) }
        namespaceWordsStart = kinds.count
        mentionWords = ByteTable(kinds + namespaces)
    }

    private static func open(_ base: String) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "<")]
        RDFText.appendIRIText(base, to: &out)
        return out
    }

    func render(_ subgraph: FigureSubgraph, into fragment: inout FigureFragment) {
        // Room for the usual figure at once: growing by doubling copies and touches fresh
        // pages several times per figure (measured on the synthetic corpus: about 980 bytes
        // of N-Triples and 340 of Turtle per node and edge).
        let items = subgraph.nodes.count + subgraph.edges.count + 4
        fragment.bytes.reserveCapacity(spellings.reduce(0) { $0 + $1.syntax.renderedBytesPerItem } * items)
        guard let first = spellings.first else { return }
        var out = TripleFanOut(first, spellings.dropFirst().first, writingInto: &fragment)
        defer { out.finish(into: &fragment) }
        let nodes = subgraph.nodes
        let edges = subgraph.edges
        let figure = subgraph.figure
        let inTaxon = terms.edgePredicates[EdgeKind.inTaxon.order]

        // 1. The figure and its direct triples.
        out.subject(node: figure.id)
        describe(figure, &out)
        // Edges are read in place (by index) here and below: iterating the array would copy
        // each edge, retaining and releasing its strings and arrays.
        for index in edges.indices where edges[index].kind != .inTaxon && !RDFRenderer.repeatsTriple(edges, index) {
            out.triple(terms.edgePredicates[edges[index].kind.order], .node(edges[index].target))
        }
        out.endSubject()
        out.flush(into: &fragment, when: .always)

        // 2. Every node not settled by an earlier figure, written when new, with the gene taxa.
        let taxa = GeneTaxa(subgraph)
        for (index, node) in nodes.enumerated() where !fragment.isSettled(index) {
            out.subject(node: node.id)
            var closing = EmitCondition.newNode(index)
            if node.id.namespace.isSharedByNodeKinds {
                describe(node, &out, .ownToKind)
                // The block starts in whichever part has a triple; its end goes with it.
                if !out.blockHasTriples { closing = .newIdentifier(index) }
                out.flush(into: &fragment, when: .newNode(index))
                describe(node, &out, .sharedWithOtherKinds)
                out.flush(into: &fragment, when: .newIdentifier(index))
            } else {
                describe(node, &out)
            }
            if let edge = taxa.firstEdge(of: index) {
                out.flush(into: &fragment, when: .newNode(index))
                out.triple(inTaxon, .node(edges[edge].target))
                out.flush(into: &fragment, when: .newNodeAndKeptEdge(node: index, edge: edge))
            }
            out.endSubject()
            out.flush(into: &fragment, when: closing)
        }
        // Taxa of genes described by an earlier figure (one that did not give the taxon).
        for (edge, node) in taxa.edges {
            out.subject(node: edges[edge].source)
            out.triple(inTaxon, .node(edges[edge].target))
            out.endSubject()
            out.flush(into: &fragment, when: node.map { .oldNodeAndKeptEdge(node: $0, edge: edge) } ?? .keptEdge(edge))
        }

        // 3. The evidence of each mention.
        if terms.writesMentions {
            writeMentions(subgraph, &out)
            out.flush(into: &fragment, when: .always)
        }
    }

    /// Which IN_TAXON edge belongs to which gene node. The builder gives each gene at most
    /// one, in gene order, so the search starts where the last one was found; only the first
    /// IN_TAXON edge of a gene can be kept (one taxon per gene).
    private struct GeneTaxa {
        /// Per node index: the gene's first IN_TAXON edge; empty when the figure has none
        /// (layout A), so most figures allocate nothing here.
        private var firstEdges: [Int?] = []
        /// Every IN_TAXON edge with the index of its gene node (nil when the gene is not a
        /// node of the subgraph), in edge order.
        private(set) var edges: [(edge: Int, node: Int?)] = []

        init(_ subgraph: FigureSubgraph) {
            let nodes = subgraph.nodes
            let graphEdges = subgraph.edges
            var next = 0
            // By index, as in `render`: no copy of each edge.
            for index in graphEdges.indices where graphEdges[index].kind == .inTaxon {
                if firstEdges.isEmpty {
                    firstEdges = Array(repeating: nil, count: nodes.count)
                    edges.reserveCapacity(nodes.count)
                }
                let node = GeneTaxa.gene(graphEdges[index].source, in: nodes, from: next)
                if let node {
                    next = node + 1
                    if firstEdges[node] == nil { firstEdges[node] = index }
                }
                edges.append((index, node))
            }
        }

        /// The index of the gene node `id`: `next` when it is that node, else the first one.
        /// A function rather than a closure: a closure capturing the nodes retained and released
        /// them for every edge.
        private static func gene(_ id: Identifier, in nodes: [GraphNode], from next: Int) -> Int? {
            if next < nodes.count && nodes[next].kind == .gene && nodes[next].id == id { return next }
            for index in nodes.indices where nodes[index].kind == .gene && nodes[index].id == id { return index }
            return nil
        }

        /// The first IN_TAXON edge of node `index`, if it is a gene with one.
        func firstEdge(of index: Int) -> Int? {
            firstEdges.isEmpty ? nil : firstEdges[index]
        }
    }

    /// True when edge `index` gives the same figure triple as an earlier edge: two nodes of
    /// different kinds with one IRI (only in a namespace kinds share, so others skip the scan).
    /// The edges are compared in place: copying an edge retains and releases its strings and
    /// arrays, and this runs for every edge of every figure.
    static func repeatsTriple(_ edges: [GraphEdge], _ index: Int) -> Bool {
        guard edges[index].target.namespace.isSharedByNodeKinds else { return false }
        return edges.withUnsafeBufferPointer { edges in
            let kind = edges[index].kind
            for earlier in 0..<index where edges[earlier].kind == kind && edges[earlier].target == edges[index].target {
                return true
            }
            return false
        }
    }

    // MARK: Resources

    /// Which triples of a node's description ``describe(_:_:_:)`` writes.
    private enum DescriptionPart {
        case all
        /// Those no other node kind can say of the same IRI: classes and properties only
        /// this kind has, WikiPathways cross-references.
        case ownToKind
        /// The label and the classes and properties another kind has too.
        case sharedWithOtherKinds

        func includes(shared: Bool) -> Bool {
            switch self {
            case .all: true
            case .ownToKind: !shared
            case .sharedWithOtherKinds: shared
            }
        }
    }

    /// Classes, label, vocabulary properties and WikiPathways cross-references of a node
    /// (those of `part`).
    private func describe(_ node: GraphNode, _ out: inout TripleFanOut, _ part: DescriptionPart = .all) {
        let kind = node.kind.order
        for (index, rdfClass) in terms.nodeClasses[kind].enumerated()
        where part.includes(shared: terms.sharedClasses[kind][index]) {
            out.triple(terms.type, .term(rdfClass))
        }
        if part.includes(shared: true) { out.triple(terms.label, .string(node.name)) }
        for (index, property) in terms.nodeProperties[kind].enumerated()
        where part.includes(shared: terms.sharedProperties[kind][index]) {
            guard let value = node.value(property.name) else { continue }
            write(property, value, &out)
        }
        guard part.includes(shared: false) else { return }
        switch node.kind {
        case .gene where node.id.namespace == .ncbigene:
            out.triple(
                terms.bdbEntrezGene,
                .iri(open: wikiPathwaysOpens.entries[RDFRenderer.wikiPathwaysGene], segment: node.id.local))
        case .chemical where terms.writesChEBI:
            var chebi: String?
            if node.id.namespace == .chebi {
                chebi = node.id.local
            } else if case .string(let number) = node.value(.chebiID) {
                chebi = number
            }
            if let chebi {
                out.triple(
                    terms.bdbChEBI, .iri(open: wikiPathwaysOpens.entries[RDFRenderer.wikiPathwaysChEBI], segment: chebi)
                )
            }
        default:
            break
        }
    }

    /// One property value: typed literal, plain string, IRI, or one triple per list item.
    private func write(_ property: RDFTerms.PropertyTerm, _ value: PropertyValue, _ out: inout TripleFanOut) {
        let predicate = property.predicate
        switch value {
        case .string(let text):
            literal(property, text, &out)
        case .integer(let number):
            let datatype = property.datatype ?? terms.xsdInteger
            if property.isYear {
                out.triple(predicate, .typed(RDFRenderer.gYear(number), datatype: datatype))
            } else {
                out.triple(predicate, .integer(number, datatype: datatype))
            }
        case .double(let number):
            out.triple(predicate, .typed(RDFRenderer.double(number), datatype: property.datatype ?? terms.xsdDouble))
        case .boolean(let flag):
            out.triple(predicate, .typed(flag ? "true" : "false", datatype: property.datatype ?? terms.xsdBoolean))
        case .stringList(let items):
            // RDF is a set of triples: a repeated item would be one triple, so it is written
            // once and the triple count in void.ttl stays exact.
            if items.count > RDFRenderer.scannedListLength {
                var written = Set<String>()
                for item in items where !item.isEmpty && written.insert(item).inserted { literal(property, item, &out) }
            } else {
                for (index, item) in items.enumerated() where !item.isEmpty && !items[..<index].contains(item) {
                    literal(property, item, &out)
                }
            }
        case .iri(let link):
            if let datatype = property.datatype {
                out.triple(predicate, .typed(link, datatype: datatype))
            } else if RDFText.isAbsoluteIRI(link) {
                out.triple(predicate, .link(link))
            } else {
                out.triple(predicate, .typed(link, datatype: terms.xsdAnyURI))
            }
        }
    }

    /// Lists up to this long find repeated items by scanning the items before; longer ones
    /// (OCR words of a crowded figure) use a set, so the time stays linear.
    static let scannedListLength = 16

    private func literal(_ property: RDFTerms.PropertyTerm, _ text: String, _ out: inout TripleFanOut) {
        literal(property.predicate, property.datatype, text, &out)
    }

    /// ``literal(_:_:_:)`` given the property's ids (read in place: passing a property copies
    /// it, retaining and releasing its name).
    private func literal(_ predicate: Int, _ datatype: Int?, _ text: String, _ out: inout TripleFanOut) {
        if let datatype {
            out.triple(predicate, .typed(text, datatype: datatype))
        } else {
            out.triple(predicate, .string(text))
        }
    }

    /// The mention resource of each MENTIONS edge and its evidence rows.
    private func writeMentions(_ subgraph: FigureSubgraph, _ out: inout TripleFanOut) {
        out.spellFigure(subgraph.figure.id)
        let figureIRI = prefixes.iri(subgraph.figure.id)
        // `<figure IRI#mention-`: the figure IRI holds no `#` (encoded), else `-mention-`. Then
        // the mention's own part, then `>` or `-row<n>>`, each cut back after use.
        var iri = ByteBuffer()
        iri.append(UInt8(ascii: "<"))
        RDFText.appendIRIText(figureIRI, to: &iri)
        // (The encoding keeps `#`, so the IRI holds one exactly when its spelling does.)
        if iri.bytes.contains(UInt8(ascii: "#")) { iri.append("-mention-") } else { iri.append("#mention-") }
        let figureLength = iri.count
        let words = mentionWords.entries
        let edges = subgraph.edges
        for edgeIndex in edges.indices where edges[edgeIndex].kind == .mentions {
            let target = edges[edgeIndex].target
            iri.truncate(to: figureLength)
            if target.namespace.isSharedByNodeKinds { iri.append(words[edges[edgeIndex].targetKind.order]) }
            iri.append(words[namespaceWordsStart + target.namespace.ordinal])
            withUTF8Bytes(of: target.local) { bytes in
                if IRIEncoding.isPlainSegment(bytes) {
                    iri.append(bytes)
                } else {
                    withUTF8Bytes(of: IRIEncoding.encodeSegment(target.local)) { iri.append($0) }
                }
            }
            let mentionLength = iri.count
            iri.append(UInt8(ascii: ">"))
            out.tally[1] += 1
            out.subject(spelled: iri.bytes)
            out.triple(terms.type, .term(terms.mentionClass))
            out.triple(terms.inFigure, .figure)
            out.triple(terms.mentionOf, .node(target))
            let evidence = edges[edgeIndex].evidence
            for property in terms.mentionProperties {
                let value =
                    property.isEvidenceCount && edges[edgeIndex].properties.isEmpty
                    ? RDFRenderer.evidenceCount(evidence) : edges[edgeIndex].value(property.name)
                guard let value else { continue }
                write(property, value, &out)
            }
            let rows = terms.evidenceProperties.isEmpty ? 0 : evidence.count
            guard rows > 0 else {
                out.endSubject()
                continue
            }
            for row in 1...rows {
                RDFRenderer.row(row, of: &iri, mentionLength)
                out.triple(terms.evidenceRow, .spelled(iri.bytes))
            }
            out.endSubject()
            let fields = terms.evidenceProperties
            for row in 1...rows {
                RDFRenderer.row(row, of: &iri, mentionLength)
                out.tally[2] += 1
                out.subject(spelled: iri.bytes)
                out.triple(terms.type, .term(terms.evidenceClass))
                // The row read once, not once per field, and the fields by index: each read of
                // a row or of a property would copy (retain and release) its strings.
                let values = evidence[row - 1]
                for index in fields.indices {
                    let text = fields[index].field(values)
                    if !text.isEmpty { literal(fields[index].term.predicate, fields[index].term.datatype, text, &out) }
                }
                out.endSubject()
            }
        }
    }

    /// `GraphEdge.value("evidenceCount")` of an edge with these evidence rows and no stored
    /// properties (GraphSchema's MENTIONS rule), without copying the edge or looking the rule up
    /// by name for every mention. A test holds the two equal.
    static func evidenceCount(_ evidence: [MentionEvidence]) -> PropertyValue? {
        evidence.isEmpty ? nil : .integer(evidence.count)
    }

    /// Makes `iri` the IRI of evidence row `row`: the mention IRI's first `mentionLength`
    /// bytes (open, without `>`), `-row<n>`, `>`.
    private static func row(_ row: Int, of iri: inout ByteBuffer, _ mentionLength: Int) {
        iri.truncate(to: mentionLength)
        iri.append("-row")
        iri.append(decimal: row)
        iri.append(UInt8(ascii: ">"))
    }

    // MARK: Lexical forms

    /// An `xsd:gYear` lexical form: at least four digits (`0999`), a sign for years BCE.
    static func gYear(_ year: Int) -> String {
        let digits = String(year.magnitude)
        let padded = digits.count < 4 ? String(repeating: "0", count: 4 - digits.count) + digits : digits
        return year < 0 ? "-" + padded : padded
    }

    /// An `xsd:double` lexical form: Swift's shortest round-trip text (`0.95`, `1e-05`), or
    /// `INF`, `-INF`, `NaN`.
    static func double(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-INF" : "INF" }
        return PropertyValue.format(value)
    }
}
