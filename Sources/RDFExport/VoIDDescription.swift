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
    static let summary = "Genes, chemicals and diseases found by optical character recognition in published pathway figures (PFOCR, WikiPathways), with the figures, their papers and organisms."

    /// `--created`: an `xsd:date` (`2026-11-26`) or `xsd:dateTime` (`2026-11-26T10:00:00Z`).
    enum Created: Equatable {
        case date(String)
        case dateTime(String)

        /// Parses the option; nil when it is neither form.
        init?(_ text: String) {
            let bytes = Array(text.utf8)
            func digits(_ range: Range<Int>) -> Bool {
                range.upperBound <= bytes.count && bytes[range].allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            }
            func byte(_ index: Int, _ char: Character) -> Bool {
                index < bytes.count && bytes[index] == char.asciiValue
            }
            guard bytes.count >= 10, digits(0..<4), byte(4, "-"), digits(5..<7), byte(7, "-"), digits(8..<10) else { return nil }
            if bytes.count == 10 {
                self = .date(text)
                return
            }
            guard byte(10, "T"), digits(11..<13), byte(13, ":"), digits(14..<16), byte(16, ":"), digits(17..<19) else { return nil }
            var index = 19
            if byte(index, ".") {
                index += 1
                let start = index
                while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
                guard index > start else { return nil }
            }
            if index == bytes.count || (byte(index, "Z") && index + 1 == bytes.count) {
                self = .dateTime(text)
                return
            }
            guard byte(index, "+") || byte(index, "-"), digits(index + 1..<index + 3), byte(index + 3, ":"),
                digits(index + 4..<index + 6), index + 6 == bytes.count else { return nil }
            self = .dateTime(text)
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

    /// The Turtle text of `void.ttl`.
    func turtle(mapping: Mapping) -> String {
        let namer = RDFNamer(syntax: .turtle, mapping: mapping)
        let own = { (curie: String) -> String in
            let colon = curie.firstIndex(of: ":") ?? curie.startIndex
            let fallback = RDFTerms.builtIn[String(curie[..<colon])].map { $0 + curie[curie.index(after: colon)...] }
            return namer.term(curie, fallback: fallback)
        }
        var writer = TripleWriter(syntax: .turtle)
        writer.out.append(namer.header())
        writer.subject(RDFText.iri(VoIDDescription.datasetIRI))
        writer.term("a", own("void:Dataset"))
        writer.string(own("dcterms:title"), VoIDDescription.title)
        writer.string(own("dcterms:description"), VoIDDescription.summary)
        writer.term(own("dcterms:license"), RDFText.iri(VoIDDescription.license))
        writer.term(own("dcterms:source"), RDFText.iri(VoIDDescription.source))
        switch created {
        case .date(let text): writer.typed(own("dcterms:created"), text, own("xsd:date"))
        case .dateTime(let text): writer.typed(own("dcterms:created"), text, own("xsd:dateTime"))
        case nil: break
        }
        if let sourceVersion { writer.string(own("pfocr:sourceVersion"), sourceVersion) }
        writer.string(own("pfocr:exportedBy"), "pfocr-kg " + toolVersion)
        for syntax in syntaxes.sorted(by: { $0.formatIRI < $1.formatIRI }) {
            writer.term(own("void:feature"), RDFText.iri(syntax.formatIRI))
        }
        let figureBase = mapping.prefixes.entries[.figure]?.iriPrefix ?? ""
        if !figureBase.isEmpty { writer.string(own("void:uriSpace"), figureBase) }
        if let exampleResource { writer.term(own("void:exampleResource"), RDFText.iri(exampleResource)) }
        writer.typed(own("void:triples"), String(triples), own("xsd:integer"))
        writer.typed(own("void:entities"), String(entities), own("xsd:integer"))
        let classes = classEntities.keys.map { (curie: $0, iri: namer.expand($0, fallback: VoIDDescription.expandOwn($0))) }
            .sorted { $0.iri < $1.iri }
        for entry in classes {
            writer.term(own("void:classPartition"), RDFText.iri(VoIDDescription.partitionIRI(entry.curie)))
        }
        writer.endSubject()
        for entry in classes {
            writer.subject(RDFText.iri(VoIDDescription.partitionIRI(entry.curie)))
            writer.term(own("void:class"), namer.term(entry.curie, fallback: VoIDDescription.expandOwn(entry.curie)))
            writer.typed(own("void:entities"), String(classEntities[entry.curie] ?? 0), own("xsd:integer"))
            writer.endSubject()
        }
        return writer.out
    }

    static func expandOwn(_ curie: String) -> String? {
        guard let colon = curie.firstIndex(of: ":") else { return nil }
        return RDFTerms.builtIn[String(curie[..<colon])].map { $0 + curie[curie.index(after: colon)...] }
    }

    /// `…void.ttl#class-fabio-Figure`: one partition per class, named after its CURIE.
    static func partitionIRI(_ curie: String) -> String {
        partitionBase + IRIEncoding.encodeSegment(String(curie.map { $0 == ":" ? "-" : $0 }))
    }

    static let partitionBase = "https://pfocr.wikipathways.org/void.ttl#class-"
}
