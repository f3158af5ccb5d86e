import PFOCRGraph

/// Writes the graph as RDF (Turtle or N-Triples), streaming: each figure's triples are
/// written when its subgraph arrives.
///
/// Per figure, in this order (Docs/rdf.md shows an example):
/// 1. the figure: its classes, `rdfs:label`, the vocabulary's properties, and one direct
///    triple per edge (`dcterms:isPartOf` paper, `wp:organism` organism, `schema:mentions`
///    entity);
/// 2. each paper, gene, chemical, disease or organism not described before (see
///    ``NodeDeduplicator``), with `wp:bdbEntrezGene` / `wp:bdbChEBI` links in WikiPathways
///    RDF's IRIs and the gene's taxon (`wp:organism`) the first time a figure gives it;
/// 3. the n-ary evidence pattern: for each mentioned entity a `pfocr:Mention` resource
///    `<figure IRI>#mention-<namespace>-<id>` (`pfocr:inFigure`, `pfocr:mentionOf`,
///    `pfocr:evidenceCount`) and one `pfocr:EvidenceRow` per input row,
///    `…#mention-<namespace>-<id>-row<n>` in input order, with `pfocr:ocrWord`,
///    `pfocr:matchedTerm` and `pfocr:lexiconSource` (each only when the row has a value).
/// Every IRI is minted from identifiers, so no blank node is written and two runs give the
/// same bytes.
final class RDFSink: GraphSink {
    let renderer: (any FigureRenderer)? = nil
    private let syntax: RDFSyntax
    private let context: SinkContext
    private let namer: RDFNamer
    private let terms: RDFTerms
    private let created: VoIDDescription.Created?
    private var file: OutputFile?
    private var voidFile: OutputFile?
    /// Every RDF syntax this export writes, in `--format` order; the first writes `void.ttl`.
    private var exportSyntaxes: [RDFSyntax] = []
    private var writer: TripleWriter
    private var figures = 0
    private var nodesPerKind: [NodeKind: Int] = [:]
    private var mentions = 0
    private var evidenceRows = 0
    private var exampleResource: String?
    /// Reused per figure: the taxon of each gene whose IN_TAXON edge is new in the figure.
    private var newTaxa: [Identifier: Identifier] = [:]

    init(syntax: RDFSyntax, context: SinkContext) throws(ExportError) {
        self.syntax = syntax
        self.context = context
        namer = RDFNamer(syntax: syntax, mapping: context.mapping)
        terms = RDFTerms(namer: namer)
        writer = TripleWriter(syntax: syntax)
        if let text = context.options["created"] {
            guard let parsed = VoIDDescription.Created(text) else {
                throw ExportError.usage("--created '\(text)' is not an ISO 8601 date (2026-11-26) or date-time (2026-11-26T10:00:00Z)")
            }
            created = parsed
        } else {
            created = nil
        }
    }

    func begin() throws(ExportError) {
        file = try context.output.createFile(syntax.fileName)
        // Both RDF sinks write the same triples, so the counts in void.ttl do not depend on
        // which one owns it: the first in --format order does.
        exportSyntaxes = RDFSyntax.selected(by: context.formats)
        if exportSyntaxes.isEmpty { exportSyntaxes = [syntax] }
        if exportSyntaxes.first == syntax { voidFile = try context.output.createFile("void.ttl") }
        file?.write(namer.header())
    }

    func write(_ figure: RenderedFigure) throws(ExportError) {
        guard let file else { return }
        let subgraph = figure.subgraph
        let fresh = (nodes: figure.news.newNodes(of: subgraph), edges: figure.news.keptEdges(of: subgraph))
        let figureIRI = namer.fullIRI(subgraph.figure.id)
        if exampleResource == nil { exampleResource = figureIRI }
        figures += 1

        // 1. The figure and its direct triples.
        writer.subject(namer.node(subgraph.figure.id))
        describe(subgraph.figure)
        for edge in fresh.edges where edge.kind != .inTaxon {
            writer.predicate(terms.edgePredicates[edge.kind] ?? "")
            namer.appendNode(edge.target, to: &writer.out)
            writer.objectDone()
        }
        writer.endSubject()

        // 2. Nodes described for the first time, with the gene taxa new in this figure.
        newTaxa.removeAll(keepingCapacity: true)
        for edge in fresh.edges where edge.kind == .inTaxon { newTaxa[edge.source] = edge.target }
        for node in fresh.nodes {
            nodesPerKind[node.kind, default: 0] += 1
            writer.subject(namer.node(node.id))
            describe(node)
            if node.kind == .gene, let taxon = newTaxa.removeValue(forKey: node.id) {
                writer.predicate(terms.edgePredicates[.inTaxon] ?? "")
                namer.appendNode(taxon, to: &writer.out)
                writer.objectDone()
            }
            writer.endSubject()
        }
        // Taxa of genes described by an earlier figure (one that did not give the taxon).
        for edge in fresh.edges where edge.kind == .inTaxon {
            guard let taxon = newTaxa[edge.source] else { continue }
            writer.subject(namer.node(edge.source))
            writer.predicate(terms.edgePredicates[.inTaxon] ?? "")
            namer.appendNode(taxon, to: &writer.out)
            writer.objectDone()
            writer.endSubject()
        }

        // 3. The evidence of each mention.
        if !terms.mentionProperties.isEmpty || !terms.evidenceProperties.isEmpty {
            let figureTerm = namer.node(subgraph.figure.id)
            let separator = figureIRI.contains("#") ? "-mention-" : "#mention-"
            for edge in fresh.edges where edge.kind == .mentions {
                writeMention(edge, base: figureIRI + separator, figure: figureTerm)
            }
        }

        file.write(writer.out)
        writer.out.removeAll(keepingCapacity: true)
    }

    func finish() throws(ExportError) -> SinkSummary {
        writer.endSubject()
        if !writer.out.isEmpty { file?.write(writer.out) }
        try file?.close()
        let entities = figures + nodesPerKind.values.reduce(0, +) + mentions + evidenceRows
        if let voidFile {
            var classes: [String: Int] = [:]
            let vocabulary = context.mapping.vocabulary
            for kind in NodeKind.allCases {
                let count = kind == .figure ? figures : nodesPerKind[kind] ?? 0
                for curie in vocabulary.node(kind).rdfClasses { classes[curie, default: 0] += count }
            }
            if !terms.mentionProperties.isEmpty || !terms.evidenceProperties.isEmpty {
                classes["pfocr:Mention", default: 0] += mentions
                if !terms.evidenceProperties.isEmpty { classes["pfocr:EvidenceRow", default: 0] += evidenceRows }
            }
            let description = VoIDDescription(
                toolVersion: context.toolVersion, created: created, sourceVersion: context.options["source-version"],
                syntaxes: exportSyntaxes, triples: writer.triples, entities: entities,
                classEntities: classes, exampleResource: exampleResource)
            voidFile.write(description.turtle(mapping: context.mapping))
            try voidFile.close()
        }
        return SinkSummary(counts: [
            "triples": writer.triples, "entities": entities, "mentions": mentions, "evidenceRows": evidenceRows,
        ])
    }

    // MARK: Resources

    /// Classes, label, vocabulary properties and WikiPathways cross-references of a node.
    private func describe(_ node: GraphNode) {
        for rdfClass in terms.nodeClasses[node.kind] ?? [] { writer.term(terms.type, rdfClass) }
        writer.string(terms.label, node.name)
        for property in terms.nodeProperties[node.kind] ?? [] {
            guard let value = node.value(property.spec.name) else { continue }
            write(property, value)
        }
        switch node.kind {
        case .gene where node.id.namespace == .ncbigene:
            writer.predicate(terms.bdbEntrezGene)
            RDFText.appendIRI(RDFTerms.wikiPathwaysGeneBase + IRIEncoding.encodeSegment(node.id.local), to: &writer.out)
            writer.objectDone()
        case .chemical:
            var chebi: String?
            if node.id.namespace == .chebi {
                chebi = node.id.local
            } else if case .string(let number) = node.value("chebiID") {
                chebi = number
            }
            if let chebi {
                writer.predicate(terms.bdbChEBI)
                RDFText.appendIRI(RDFTerms.wikiPathwaysChEBIBase + IRIEncoding.encodeSegment(chebi), to: &writer.out)
                writer.objectDone()
            }
        default:
            break
        }
    }

    /// One property value: typed literal, plain string, IRI, or one triple per list item.
    private func write(_ property: RDFTerms.PropertyTerm, _ value: PropertyValue) {
        let predicate = property.predicate
        switch value {
        case .string(let text):
            literal(predicate, text, property.datatype)
        case .integer(let number):
            writer.typed(predicate, property.isYear ? RDFSink.gYear(number) : String(number), property.datatype ?? terms.xsdInteger)
        case .double(let number):
            writer.typed(predicate, RDFSink.double(number), property.datatype ?? terms.xsdDouble)
        case .boolean(let flag):
            writer.typed(predicate, flag ? "true" : "false", property.datatype ?? terms.xsdBoolean)
        case .stringList(let items):
            // RDF is a set of triples: a repeated item would be one triple, so it is written
            // once and the triple count in void.ttl stays exact.
            var written = Set<String>()
            for item in items where !item.isEmpty {
                if items.count > 1 { guard written.insert(item).inserted else { continue } }
                literal(predicate, item, property.datatype)
            }
        case .iri(let link):
            if let datatype = property.datatype {
                writer.typed(predicate, link, datatype)
            } else if RDFText.isAbsoluteIRI(link) {
                writer.predicate(predicate)
                namer.appendIRI(link, to: &writer.out)
                writer.objectDone()
            } else {
                writer.typed(predicate, link, terms.xsdAnyURI)
            }
        }
    }

    private func literal(_ predicate: String, _ text: String, _ datatype: String?) {
        if let datatype {
            writer.typed(predicate, text, datatype)
        } else {
            writer.string(predicate, text)
        }
    }

    /// The mention resource of one MENTIONS edge and its evidence rows.
    private func writeMention(_ edge: GraphEdge, base: String, figure: String) {
        var mentionIRI = base
        mentionIRI.append(edge.target.namespace.rawValue)
        mentionIRI.append("-")
        mentionIRI.append(IRIEncoding.encodeSegment(edge.target.local))
        let mentionTerm = RDFText.iri(mentionIRI)
        mentions += 1
        writer.subject(mentionTerm)
        writer.term(terms.type, terms.mentionClass)
        writer.term(terms.inFigure, figure)
        writer.predicate(terms.mentionOf)
        namer.appendNode(edge.target, to: &writer.out)
        writer.objectDone()
        for property in terms.mentionProperties {
            guard let value = edge.value(property.spec.name) else { continue }
            write(property, value)
        }
        var lists: [(RDFTerms.PropertyTerm, [String])] = []
        var rows = 0
        for property in terms.evidenceProperties {
            guard case .stringList(let items) = edge.value(property.spec.name) else { continue }
            lists.append((property, items))
            rows = max(rows, items.count)
        }
        guard rows > 0 else {
            writer.endSubject()
            return
        }
        var rowTerms: [String] = []
        rowTerms.reserveCapacity(rows)
        for row in 1...rows {
            let term = RDFText.iri(mentionIRI + "-row" + String(row))
            rowTerms.append(term)
            writer.term(terms.evidenceRow, term)
        }
        writer.endSubject()
        for (index, rowTerm) in rowTerms.enumerated() {
            evidenceRows += 1
            writer.subject(rowTerm)
            writer.term(terms.type, terms.evidenceClass)
            for (property, items) in lists where index < items.count && !items[index].isEmpty {
                literal(property.predicate, items[index], property.datatype)
            }
            writer.endSubject()
        }
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
        return value.description
    }
}
