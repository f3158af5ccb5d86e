/// How identifiers are written: the CURIE prefix and IRI template of each ``Namespace``.
///
/// Loaded from a file of `Mappings/prefixes/`. IRIs percent-encode the local id where it
/// holds characters an IRI cannot (figids and DOIs are untrusted text).
public struct PrefixSet: Sendable {
    /// One namespace's spellings.
    public struct Entry: Sendable, Hashable {
        /// The CURIE prefix (`ncbigene`).
        public var curie: String
        /// The IRI before the local id.
        public var iriPrefix: String
        /// The IRI after the local id (usually empty; `.html` for figures).
        public var iriSuffix: String
        /// The Biolink-model CURIE prefix (`NCBIGene`), used by KGX.
        public var biolink: String
    }

    /// The set's name (`identifiers`, `bioregistry`).
    public let name: String
    public let entries: [Namespace: Entry]
    /// `entries` by ``Namespace/ordinal``, for the hot paths: a dictionary keyed by a
    /// String-backed enum hashes the string on every lookup.
    private let table: [Entry]

    public init(name: String, entries: [Namespace: Entry]) {
        self.name = name
        self.entries = entries
        // Loading checks that every namespace is present; this default is never used.
        table = Namespace.allCases.map { namespace in
            entries[namespace]
                ?? Entry(
                    curie: namespace.rawValue, iriPrefix: "urn:\(namespace.rawValue):", iriSuffix: "",
                    biolink: namespace.rawValue)
        }
    }

    func entry(_ namespace: Namespace) -> Entry {
        table[namespace.ordinal]
    }

    /// Appends ``iri(_:)`` of `id` to bytes.
    public func appendIRI(_ id: Identifier, to out: inout [UInt8]) {
        let entry = table[id.namespace.ordinal]
        out.append(utf8: entry.iriPrefix)
        IRIEncoding.appendSegment(id.local, keepSlash: id.namespace.keepsSlashInIRIs, to: &out)
        out.append(utf8: entry.iriSuffix)
    }

    /// Appends ``curie(_:)`` of `id` to bytes.
    public func appendCurie(_ id: Identifier, to out: inout [UInt8]) {
        out.append(utf8: table[id.namespace.ordinal].curie)
        out.append(UInt8(ascii: ":"))
        out.append(utf8: id.local)
    }

    /// Appends ``biolinkCurie(_:)`` of `id` to bytes.
    public func appendBiolinkCurie(_ id: Identifier, to out: inout [UInt8]) {
        out.append(utf8: table[id.namespace.ordinal].biolink)
        out.append(UInt8(ascii: ":"))
        out.append(utf8: id.local)
    }

    /// The IRI of `id`, the local id percent-encoded as an IRI path segment (DOIs keep `/`).
    public func iri(_ id: Identifier) -> String {
        let entry = entry(id.namespace)
        return entry.iriPrefix + IRIEncoding.encodeSegment(id.local, keepSlash: id.namespace.keepsSlashInIRIs)
            + entry.iriSuffix
    }

    /// `prefix:local` with this set's CURIE prefix; the local id is as it is.
    public func curie(_ id: Identifier) -> String {
        Self.joined(table[id.namespace.ordinal].curie, id.local)
    }

    /// `Prefix:local` with the Biolink-model prefix (KGX).
    public func biolinkCurie(_ id: Identifier) -> String {
        Self.joined(table[id.namespace.ordinal].biolink, id.local)
    }

    /// `prefix:local` in one allocation (`+` made an intermediate string; KGX makes a CURIE
    /// per node and two per edge).
    private static func joined(_ prefix: String, _ local: String) -> String {
        var curie = String()
        curie.reserveCapacity(prefix.utf8.count + 1 + local.utf8.count)
        curie += prefix
        curie += ":"
        curie += local
        return curie
    }

    /// The CURIE prefix → IRI base pairs of the namespaces whose template ends in `{id}`
    /// (an `@context` for CX, `@prefix` lines for Turtle), sorted by prefix.
    public var contextEntries: [(prefix: String, base: String)] {
        entries.values.filter { $0.iriSuffix.isEmpty }
            .map { ($0.curie, $0.iriPrefix) }
            .sorted { $0.0 < $1.0 }
    }
}
