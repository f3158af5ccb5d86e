import PFOCRGraph

/// Every predicate, class and datatype the renderer writes, as small integer ids into one
/// table of words, so the walk over a figure names a term once whatever the syntax, and each
/// syntax spells the whole table once (``spelling(_:)``).
///
/// Node classes, property predicates and edge predicates come from `Mappings/vocabulary.yaml`.
/// The plugin's own structural terms (the n-ary mention pattern, WikiPathways
/// cross-references, `rdfs:label`) are CURIEs over the same `rdf_prefixes`, so changing a
/// namespace there moves them too; the built-in IRIs below are used only when a prefix has
/// been removed from the vocabulary. Docs/rdf.md documents each term.
struct RDFTerms: Sendable {
    /// A property with the ids of its predicate and datatype.
    struct PropertyTerm: Sendable {
        /// The property's name in the graph (``PropertySpec/name``).
        let name: String
        let predicate: Int
        /// The datatype of literals (nil: plain string); for `iri` properties only when the
        /// vocabulary forces a literal with `rdf_datatype`.
        let datatype: Int?
        /// True when `rdf_datatype` is `xsd:gYear`: integers are padded to four digits.
        let isYear: Bool
        /// True for MENTIONS' `evidenceCount`, which the renderer takes from the edge's
        /// evidence rows itself (``RDFRenderer/evidenceCount(_:_:)``).
        var isEvidenceCount: Bool { name == PropertyKey.evidenceCount.name }
    }

    /// One entry of the table.
    enum Word: Hashable, Sendable {
        /// `rdf:type`: `a` in Turtle.
        case rdfType
        /// A CURIE over the vocabulary's prefixes (or the built-in ones).
        case curie(String)
    }

    /// Built-in namespaces for the plugin's own terms (fallbacks, see the type comment).
    static let builtIn: [String: String] = [
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "wp": "http://vocabularies.wikipathways.org/wp#",
        "pfocr": "https://pfocr.wikipathways.org/vocab#",
        "void": "http://rdfs.org/ns/void#",
        "dcterms": "http://purl.org/dc/terms/",
    ]

    /// The IRI of `curie` over the built-in namespaces; nil when its prefix is not one of them.
    static func builtInIRI(_ curie: String) -> String? {
        guard let colon = curie.firstIndex(of: ":") else { return nil }
        return builtIn[String(curie[..<colon])].map { $0 + curie[curie.index(after: colon)...] }
    }

    /// The WikiPathways RDF IRI base of Entrez (NCBI) genes and ChEBI compounds, whatever the
    /// prefix set: WikiPathways RDF links its DataNodes with exactly these IRIs.
    static let wikiPathwaysGeneBase = "https://identifiers.org/ncbigene/"
    static let wikiPathwaysChEBIBase = "https://identifiers.org/chebi/CHEBI:"

    /// The table: an id is an index. Equal words share one id.
    let words: [Word]

    let type: Int
    let label: Int
    let mentionClass: Int
    let evidenceClass: Int
    let inFigure: Int
    let mentionOf: Int
    let evidenceRow: Int
    let bdbEntrezGene: Int
    let bdbChEBI: Int
    /// Whether the vocabulary keeps the chemicals' ChEBI cross-reference (`chebiID`); without
    /// it no `wp:bdbChEBI` link is written either.
    let writesChEBI: Bool
    let xsdInteger: Int
    let xsdDouble: Int
    let xsdBoolean: Int
    let xsdAnyURI: Int

    /// Per ``NodeKind/order``.
    let nodeClasses: [[Int]]
    /// Per ``NodeKind/order``.
    let nodeProperties: [[PropertyTerm]]
    /// Per ``NodeKind/order``, parallel to ``nodeClasses``: the class is also another node
    /// kind's (same IRI).
    let sharedClasses: [[Bool]]
    /// Per ``NodeKind/order``, parallel to ``nodeProperties``: the predicate is also another
    /// node kind's, or `rdfs:label`.
    ///
    /// Two nodes of different kinds can have one IRI (``Namespace/isSharedByNodeKinds``: a
    /// MeSH id used as a chemical and as a disease). The renderer writes such a node's shared
    /// classes, its label and its shared properties only with the IRI's first node
    /// (``EmitCondition/newIdentifier(_:)``), and the rest with each node, so the two
    /// descriptions never repeat a triple; a label or shared property that differs between
    /// the two is the first node's (first figure wins, as for any node).
    let sharedProperties: [[Bool]]
    /// Per ``EdgeKind/order``.
    let edgePredicates: [Int]
    /// MENTIONS properties written on the mention resource (scalars).
    let mentionProperties: [PropertyTerm]
    /// MENTIONS properties spread over the evidence rows (string lists, element i on row i),
    /// each with the row field it holds (``GraphSchema/evidenceFields``).
    let evidenceProperties: [(term: PropertyTerm, field: @Sendable (MentionEvidence) -> String)]

    /// Collects words and hands out their ids.
    struct Table {
        private(set) var words: [Word] = []
        private var ids: [Word: Int] = [:]

        mutating func id(_ word: Word) -> Int {
            if let id = ids[word] { return id }
            words.append(word)
            ids[word] = words.count - 1
            return words.count - 1
        }

        mutating func id(_ curie: String) -> Int { id(.curie(curie)) }
    }

    init(vocabulary: Vocabulary) {
        var table = Table()
        type = table.id(.rdfType)
        label = table.id("rdfs:label")
        mentionClass = table.id("pfocr:Mention")
        evidenceClass = table.id("pfocr:EvidenceRow")
        inFigure = table.id("pfocr:inFigure")
        mentionOf = table.id("pfocr:mentionOf")
        evidenceRow = table.id("pfocr:evidenceRow")
        bdbEntrezGene = table.id("wp:bdbEntrezGene")
        bdbChEBI = table.id("wp:bdbChEBI")
        writesChEBI = vocabulary.node(.chemical).properties.contains { $0.name == PropertyKey.chebiID.name }
        xsdInteger = table.id("xsd:integer")
        xsdDouble = table.id("xsd:double")
        xsdBoolean = table.id("xsd:boolean")
        xsdAnyURI = table.id("xsd:anyURI")
        let gYear = vocabulary.expand("xsd:gYear") ?? (RDFTerms.builtIn["xsd", default: ""] + "gYear")
        func property(_ spec: PropertySpec) -> PropertyTerm {
            let datatype: Int?
            switch spec.type {
            case .integer: datatype = table.id(spec.rdfDatatype ?? "xsd:integer")
            case .double: datatype = table.id(spec.rdfDatatype ?? "xsd:double")
            case .boolean: datatype = table.id(spec.rdfDatatype ?? "xsd:boolean")
            case .string, .stringList, .iri: datatype = spec.rdfDatatype.map { table.id($0) }
            }
            let isYear = spec.rdfDatatype.map { vocabulary.expand($0) == gYear } ?? false
            return PropertyTerm(
                name: spec.name, predicate: table.id(spec.rdfPredicate), datatype: datatype, isYear: isYear)
        }
        nodeClasses = NodeKind.allCases.sorted().map { vocabulary.node($0).rdfClasses.map { table.id($0) } }
        nodeProperties = NodeKind.allCases.sorted().map { vocabulary.node($0).properties.map(property) }
        let kinds = NodeKind.allCases.sorted()
        let expand = { (curie: String) in vocabulary.expand(curie) ?? RDFTerms.builtInIRI(curie) ?? curie }
        let classIRIs = kinds.map { Set(vocabulary.node($0).rdfClasses.map(expand)) }
        let predicateIRIs = kinds.map { Set(vocabulary.node($0).properties.map { expand($0.rdfPredicate) }) }
        let labelIRI = expand("rdfs:label")
        func elsewhere(_ iri: String, _ kind: NodeKind, _ sets: [Set<String>]) -> Bool {
            kinds.contains { $0 != kind && sets[$0.order].contains(iri) }
        }
        sharedClasses = kinds.map { kind in
            vocabulary.node(kind).rdfClasses.map { elsewhere(expand($0), kind, classIRIs) }
        }
        sharedProperties = kinds.map { kind in
            vocabulary.node(kind).properties.map { spec in
                let iri = expand(spec.rdfPredicate)
                return iri == labelIRI || elsewhere(iri, kind, predicateIRIs)
            }
        }
        edgePredicates = EdgeKind.allCases.sorted().map { table.id(vocabulary.edge($0).rdfPredicate) }
        let mentionSpecs = vocabulary.edge(.mentions).properties
        mentionProperties = mentionSpecs.filter { $0.type != .stringList }.map(property)
        evidenceProperties = mentionSpecs.compactMap { spec in
            GraphSchema.evidenceFields.first { $0.key.name == spec.name }.map { (property(spec), $0.value) }
        }
        words = table.words
    }

    /// True when the n-ary mention pattern is written (the vocabulary gives MENTIONS
    /// properties).
    var writesMentions: Bool { !mentionProperties.isEmpty || !evidenceProperties.isEmpty }

    /// The whole table spelled by `namer`.
    func spelling(_ namer: RDFNamer) -> RDFSpelling {
        RDFSpelling(namer: namer, words: words.map { RDFTerms.spell($0, namer) })
    }

    /// One word spelled by `namer`.
    static func spell(_ word: Word, _ namer: RDFNamer) -> [UInt8] {
        switch word {
        case .rdfType:
            namer.syntax == .turtle ? Array("a".utf8) : RDFText.iri(RDFTerms.builtIn["rdf", default: ""] + "type")
        case .curie(let curie):
            namer.term(curie)
        }
    }
}
