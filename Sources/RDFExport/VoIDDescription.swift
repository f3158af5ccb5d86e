import PFOCRGraph

/// The dataset description written to `void.ttl` (VoID + DCMI terms).
///
/// Deterministic: it holds only the counts, the tool version and what the options give; the
/// creation date (`--created`) and the source corpus version (`--source-version`) appear only
/// when passed, so two runs on the same input write the same bytes.
struct VoIDDescription {
    /// The dataset's IRI. PFOCR publishes no VoID of its own; this is the IRI a
    /// `/void.ttl` on the PFOCR site would give it (VoID's "hash IRI in the description" idiom).
    static let datasetIRI = "https://pfocr.wikipathways.org/void.ttl#dataset"
    static let license = "http://creativecommons.org/publicdomain/zero/1.0/"
    static let source = "https://pfocr.wikipathways.org/"
    static let title = "PFOCR: Pathway Figure OCR knowledge graph"
    static let summary =
        "Genes, chemicals and diseases found by optical character recognition in published pathway figures (PFOCR, WikiPathways), with the figures, their papers and organisms."

    /// `--created`: an `xsd:date` (`2026-11-26`) or `xsd:dateTime` (`2026-11-26T10:00:00Z`).
    enum Created: Equatable {
        case date(String)
        case dateTime(String)

        /// Parses the option; nil when it is neither form or no real calendar day or time.
        init?(_ text: String) {
            switch CalendarDate.kind(of: text) {
            case .date: self = .date(text)
            case .dateTime: self = .dateTime(text)
            case nil: return nil
            }
        }
    }

    var toolVersion: String
    var created: Created?
    var sourceVersion: String?
    var syntaxes: [RDFSyntax]
    var triples: Int
    var entities: Int
    /// Entities per class CURIE (vocabulary classes and the plugin's own classes).
    var classEntities: [String: Int]
    var exampleResource: String?

    /// The Turtle bytes of `void.ttl`.
    func turtle(mapping: Mapping) -> [UInt8] {
        let namer = RDFNamer(syntax: .turtle, mapping: mapping)
        var table = RDFTerms.Table()
        let a = table.id(.rdfType)
        let terms = (
            dataset: table.id("void:Dataset"), title: table.id("dcterms:title"),
            description: table.id("dcterms:description"),
            license: table.id("dcterms:license"), source: table.id("dcterms:source"),
            created: table.id("dcterms:created"),
            date: table.id("xsd:date"), dateTime: table.id("xsd:dateTime"),
            sourceVersion: table.id("pfocr:sourceVersion"),
            exportedBy: table.id("pfocr:exportedBy"), feature: table.id("void:feature"),
            uriSpace: table.id("void:uriSpace"),
            exampleResource: table.id("void:exampleResource"), triples: table.id("void:triples"),
            entities: table.id("void:entities"), integer: table.id("xsd:integer"),
            classPartition: table.id("void:classPartition"), voidClass: table.id("void:class")
        )
        let classes = classEntities.keys.map { (curie: $0, iri: namer.expand($0), id: table.id($0)) }.sorted {
            $0.iri < $1.iri
        }
        let spelling = RDFSpelling(namer: namer, words: table.words.map { RDFTerms.spell($0, namer) })
        var writer = TripleWriter(spelling: spelling, file: 0)
        writer.subject(iri: VoIDDescription.datasetIRI)
        writer.triple(a, .term(terms.dataset))
        writer.triple(terms.title, .string(VoIDDescription.title))
        writer.triple(terms.description, .string(VoIDDescription.summary))
        writer.triple(terms.license, iri: VoIDDescription.license)
        writer.triple(terms.source, iri: VoIDDescription.source)
        switch created {
        case .date(let text): writer.triple(terms.created, .typed(text, datatype: terms.date))
        case .dateTime(let text): writer.triple(terms.created, .typed(text, datatype: terms.dateTime))
        case nil: break
        }
        if let sourceVersion { writer.triple(terms.sourceVersion, .string(sourceVersion)) }
        writer.triple(terms.exportedBy, .string("pfocr-kg " + toolVersion))
        for syntax in syntaxes.sorted(by: { $0.formatIRI < $1.formatIRI }) {
            writer.triple(terms.feature, iri: syntax.formatIRI)
        }
        let figureBase = mapping.prefixes.entries[.figure]?.iriPrefix ?? ""
        if !figureBase.isEmpty { writer.triple(terms.uriSpace, .string(figureBase)) }
        if let exampleResource { writer.triple(terms.exampleResource, iri: exampleResource) }
        writer.triple(terms.triples, .typed(String(triples), datatype: terms.integer))
        writer.triple(terms.entities, .typed(String(entities), datatype: terms.integer))
        for entry in classes {
            writer.triple(terms.classPartition, iri: VoIDDescription.partitionIRI(entry.curie))
        }
        writer.endSubject()
        for entry in classes {
            writer.subject(iri: VoIDDescription.partitionIRI(entry.curie))
            writer.triple(terms.voidClass, .term(entry.id))
            writer.triple(terms.entities, .typed(String(classEntities[entry.curie] ?? 0), datatype: terms.integer))
            writer.endSubject()
        }
        return namer.header() + writer.takeBytes()
    }

    /// `…void.ttl#class-fabio-Figure`: one partition per class, named after its CURIE.
    static func partitionIRI(_ curie: String) -> String {
        partitionBase + IRIEncoding.encodeSegment(String(curie.map { $0 == ":" ? "-" : $0 }))
    }

    static let partitionBase = "https://pfocr.wikipathways.org/void.ttl#class-"
}
