import PFOCRGraph

/// Every predicate, class and datatype the sinks write, spelled once for one syntax.
///
/// Node classes, property predicates and edge predicates come from `Mappings/vocabulary.yaml`.
/// The plugin's own structural terms (the n-ary mention pattern, WikiPathways
/// cross-references, `rdfs:label`) are CURIEs over the same `rdf_prefixes`, so changing a
/// namespace there moves them too; the built-in IRIs below are used only when a prefix has
/// been removed from the vocabulary. Docs/rdf.md documents each term.
struct RDFTerms {
    /// A property with its predicate and datatype spelled for the syntax.
    struct PropertyTerm {
        let spec: PropertySpec
        let predicate: String
        /// The datatype of literals (nil: plain string); for `iri` properties only when the
        /// vocabulary forces a literal with `rdf_datatype`.
        let datatype: String?
        /// True when `rdf_datatype` is `xsd:gYear`: integers are padded to four digits.
        let isYear: Bool
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

    /// The WikiPathways RDF IRI base of Entrez (NCBI) genes and ChEBI compounds, whatever the
    /// prefix set: WikiPathways RDF links its DataNodes with exactly these IRIs.
    static let wikiPathwaysGeneBase = "https://identifiers.org/ncbigene/"
    static let wikiPathwaysChEBIBase = "https://identifiers.org/chebi/CHEBI:"

    let type: String
    let label: String
    let mentionClass: String
    let evidenceClass: String
    let inFigure: String
    let mentionOf: String
    let evidenceRow: String
    let bdbEntrezGene: String
    let bdbChEBI: String
    let xsdInteger: String
    let xsdDouble: String
    let xsdBoolean: String
    let xsdAnyURI: String

    let nodeClasses: [NodeKind: [String]]
    let nodeProperties: [NodeKind: [PropertyTerm]]
    let edgePredicates: [EdgeKind: String]
    /// MENTIONS properties written on the mention resource (scalars).
    let mentionProperties: [PropertyTerm]
    /// MENTIONS properties spread over the evidence rows (string lists, element i on row i).
    let evidenceProperties: [PropertyTerm]

    init(namer: RDFNamer) {
        func own(_ curie: String) -> String {
            let colon = curie.firstIndex(of: ":") ?? curie.startIndex
            let prefix = String(curie[..<colon])
            let fallback = RDFTerms.builtIn[prefix].map { $0 + curie[curie.index(after: colon)...] }
            return namer.term(curie, fallback: fallback)
        }
        type = namer.syntax == .turtle ? "a" : RDFText.iri(RDFTerms.builtIn["rdf", default: ""] + "type")
        label = own("rdfs:label")
        mentionClass = own("pfocr:Mention")
        evidenceClass = own("pfocr:EvidenceRow")
        inFigure = own("pfocr:inFigure")
        mentionOf = own("pfocr:mentionOf")
        evidenceRow = own("pfocr:evidenceRow")
        bdbEntrezGene = own("wp:bdbEntrezGene")
        bdbChEBI = own("wp:bdbChEBI")
        xsdInteger = own("xsd:integer")
        xsdDouble = own("xsd:double")
        xsdBoolean = own("xsd:boolean")
        xsdAnyURI = own("xsd:anyURI")
        let vocabulary = namer.vocabulary
        let gYear = vocabulary.expand("xsd:gYear") ?? (RDFTerms.builtIn["xsd", default: ""] + "gYear")
        func property(_ spec: PropertySpec) -> PropertyTerm {
            let datatype: String?
            switch spec.type {
            case .integer: datatype = spec.rdfDatatype.map { own($0) } ?? own("xsd:integer")
            case .double: datatype = spec.rdfDatatype.map { own($0) } ?? own("xsd:double")
            case .boolean: datatype = spec.rdfDatatype.map { own($0) } ?? own("xsd:boolean")
            case .string, .stringList, .iri: datatype = spec.rdfDatatype.map { own($0) }
            }
            let isYear = spec.rdfDatatype.map { vocabulary.expand($0) == gYear } ?? false
            return PropertyTerm(spec: spec, predicate: own(spec.rdfPredicate), datatype: datatype, isYear: isYear)
        }
        var classes: [NodeKind: [String]] = [:]
        var properties: [NodeKind: [PropertyTerm]] = [:]
        for kind in NodeKind.allCases {
            let node = vocabulary.node(kind)
            classes[kind] = node.rdfClasses.map { own($0) }
            properties[kind] = node.properties.map(property)
        }
        nodeClasses = classes
        nodeProperties = properties
        var predicates: [EdgeKind: String] = [:]
        for kind in EdgeKind.allCases { predicates[kind] = own(vocabulary.edge(kind).rdfPredicate) }
        edgePredicates = predicates
        let mentionSpecs = vocabulary.edge(.mentions).properties.map(property)
        mentionProperties = mentionSpecs.filter { $0.spec.type != .stringList }
        evidenceProperties = mentionSpecs.filter { $0.spec.type == .stringList }
    }
}
