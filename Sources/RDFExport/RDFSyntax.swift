import PFOCRGraph

/// The two RDF serialisations the plugin writes. They carry the same triples in the same
/// order; only the spelling differs.
public enum RDFSyntax: String, Sendable, Hashable, CaseIterable {
    /// Turtle: `@prefix` header, prefixed names where the local part is safe, triples grouped
    /// by subject with `;` and `,`.
    case turtle
    /// N-Triples: one complete triple per line, full IRIs, so a dump can be split,
    /// concatenated and bulk-loaded in parallel.
    case nTriples

    /// The format family of both syntaxes: selected together, they share one sink.
    static let family = "rdf"
    /// The format options the RDF sink reads (dates and versions recorded in void.ttl).
    static let options = [RDFOptions.created, RDFOptions.sourceVersion]

    /// The `--format` name of this syntax.
    public var formatName: String {
        switch self {
        case .turtle: "turtle"
        case .nTriples: "ntriples"
        }
    }

    /// The syntaxes `formats` name, in their order.
    static func selected(by formats: [String]) -> [RDFSyntax] {
        formats.compactMap { name in allCases.first { $0.formatName == name } }
    }

    /// The data file, relative to the output folder.
    public var fileName: String {
        switch self {
        case .turtle: "pfocr.ttl"
        case .nTriples: "pfocr.nt"
        }
    }

    /// About how many bytes a figure takes per node and edge of its subgraph, a little over
    /// the synthetic corpus's mean: what the renderer reserves up front.
    var renderedBytesPerItem: Int {
        switch self {
        case .turtle: 384
        case .nTriples: 1024
        }
    }

    /// The W3C format IRI, for `void:feature`.
    public var formatIRI: String {
        switch self {
        case .turtle: "http://www.w3.org/ns/formats/Turtle"
        case .nTriples: "http://www.w3.org/ns/formats/N-Triples"
        }
    }
}

/// The options both RDF formats declare: what void.ttl records about the export.
public enum RDFOptions {
    /// `--created`: the creation date void.ttl records.
    public static let created = FormatOption(
        "created", .calendarDate, valueName: "date",
        help: "Creation date recorded in void.ttl: a calendar date (2026-11-26) or date-time (2026-11-26T10:00:00Z).")
    /// `--source-version`: the source corpus version void.ttl records.
    public static let sourceVersion = FormatOption(
        "source-version", .text, valueName: "text",
        help: "Source corpus version recorded in void.ttl (for example a pfocr-database commit).")
}
