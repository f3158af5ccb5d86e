import PFOCRGraph

/// Spells IRIs for one syntax: full `<IRI>` in N-Triples; in Turtle a prefixed name when a
/// declared prefix covers the IRI and the rest is a safe local name, else `<IRI>`.
///
/// The declared prefixes are the vocabulary's `rdf_prefixes` and the prefix set's CURIE
/// prefixes whose IRI template ends in `{id}` (figures, with their `.html` suffix, are always
/// written in full). A prefix-set name that collides with a vocabulary prefix, or that is not
/// a valid Turtle prefix name, is not declared: its IRIs are written in full.
///
/// Node and link spellings append bytes (they run for every triple, on the worker threads);
/// their fixed parts are spelled once here. A class, immutable: the writers share it, and
/// passing it costs one reference instead of copying its many fields.
final class RDFNamer: Sendable {
    let syntax: RDFSyntax
    let prefixes: PrefixSet
    let vocabulary: Vocabulary
    /// The `@prefix` declarations, sorted by name.
    let declarations: [(prefix: String, namespace: String)]
    /// The declarations as bytes (`prefix:` and namespace), for compacting links in Turtle.
    private let compactions: [(prefixedName: [UInt8], namespace: [UInt8])]
    /// How node IRIs are spelled, three entries per namespace (at 3 × ``Namespace/ordinal``):
    /// `prefix:` when Turtle writes the namespace's safe local ids as prefixed names (else
    /// empty); `<` and the IRI template before the id, percent-encoded as
    /// ``RDFText/appendIRI(_:to:)`` would; the template after the id, encoded, and `>`. All
    /// three empty when the prefix set has no entry (never after loading; ``PrefixSet/iri(_:)``
    /// then decides).
    private let nodePieces: ByteTable

    init(syntax: RDFSyntax, mapping: Mapping) {
        self.syntax = syntax
        prefixes = mapping.prefixes
        vocabulary = mapping.vocabulary
        var declared: [String: String] = [:]
        for entry in mapping.vocabulary.rdfPrefixes where RDFText.isValidPrefixName(entry.prefix) {
            if declared[entry.prefix] == nil { declared[entry.prefix] = entry.namespace }
        }
        var entity: [Namespace: String] = [:]
        for namespace in Namespace.allCases.sorted(by: { $0.rawValue < $1.rawValue }) {
            guard let entry = mapping.prefixes.entries[namespace], entry.iriSuffix.isEmpty,
                RDFText.isValidPrefixName(entry.curie)
            else { continue }
            if let existing = declared[entry.curie] {
                // Same name, same base (two namespaces sharing a prefix): usable; else not.
                if existing == entry.iriPrefix { entity[namespace] = entry.curie }
                continue
            }
            declared[entry.curie] = entry.iriPrefix
            entity[namespace] = entry.curie
        }
        declarations = declared.keys.sorted().map { ($0, declared[$0] ?? "") }
        compactions = declarations.map { (Array(($0.prefix + ":").utf8), Array($0.namespace.utf8)) }
        var pieces = [[UInt8]](repeating: [], count: 3 * Namespace.allCases.count)
        for namespace in Namespace.allCases {
            guard let entry = mapping.prefixes.entries[namespace] else { continue }
            let slot = 3 * namespace.ordinal
            if syntax == .turtle, let prefix = entity[namespace] { pieces[slot] = Array((prefix + ":").utf8) }
            pieces[slot + 1] = [UInt8(ascii: "<")]
            RDFText.appendIRIText(entry.iriPrefix, to: &pieces[slot + 1])
            RDFText.appendIRIText(entry.iriSuffix, to: &pieces[slot + 2])
            pieces[slot + 2].append(UInt8(ascii: ">"))
        }
        nodePieces = ByteTable(pieces)
    }

    /// The full IRI of a vocabulary CURIE (`dcterms:title`); for the plugin's own terms the
    /// built-in namespace when the vocabulary does not declare the prefix (see ``RDFTerms``).
    func expand(_ curie: String) -> String {
        vocabulary.expand(curie) ?? RDFTerms.builtInIRI(curie) ?? curie
    }

    /// A vocabulary CURIE spelled for this syntax.
    func term(_ curie: String) -> [UInt8] {
        let full = expand(curie)
        if syntax == .turtle, let colon = curie.firstIndex(of: ":") {
            let prefix = curie[..<colon]
            let local = curie[curie.index(after: colon)...]
            if let base = declarations.first(where: { $0.prefix == prefix })?.namespace, base + local == full,
                RDFText.isSafeLocalName(bytes: local.utf8)
            {
                return Array(curie.utf8)
            }
        }
        return RDFText.iri(full)
    }

    /// The IRI of a node (no angle brackets).
    func fullIRI(_ id: Identifier) -> String { prefixes.iri(id) }

    /// A node's IRI spelled for this syntax, appended to `out`: the IRI is
    /// ``PrefixSet/iri(_:)``'s, written in pieces (the encoded local id needs no further
    /// escape, and a safe local id is its own encoding).
    func appendNode(_ id: Identifier, to out: inout ByteBuffer) {
        let slot = 3 * id.namespace.ordinal
        let pieces = nodePieces.entries
        guard !pieces[slot + 1].isEmpty else {
            RDFText.appendIRI(prefixes.iri(id), to: &out)
            return
        }
        let prefix = pieces[slot]
        let keepSlash = id.namespace.keepsSlashInIRIs
        let written = withUTF8Bytes(of: id.local) { bytes -> Bool in
            if !prefix.isEmpty && RDFText.isSafeLocalName(bytes) {
                out.append(prefix)
                out.append(bytes)
                return true
            }
            guard IRIEncoding.isPlainSegment(bytes, keepSlash: keepSlash) else { return false }
            out.append(pieces[slot + 1])
            out.append(bytes)
            out.append(pieces[slot + 2])
            return true
        }
        guard !written else { return }
        out.append(pieces[slot + 1])
        withUTF8Bytes(of: IRIEncoding.encodeSegment(id.local, keepSlash: keepSlash)) { out.append($0) }
        out.append(pieces[slot + 2])
    }

    /// Any absolute IRI spelled for this syntax (property values such as the pathway link):
    /// in Turtle compacted with the longest declared prefix when the rest is safe.
    func appendIRI(_ iri: String, to out: inout ByteBuffer) {
        if syntax == .turtle {
            let compacted = withUTF8Bytes(of: iri) { bytes -> Bool in
                var best: Int?
                var bestLength = -1
                for index in compactions.indices
                where compactions[index].namespace.count > bestLength
                    && bytes.starts(with: compactions[index].namespace)
                {
                    best = index
                    bestLength = compactions[index].namespace.count
                }
                guard let best else { return false }
                let local = UnsafeBufferPointer(rebasing: bytes[bestLength...])
                guard RDFText.isSafeLocalName(local) else { return false }
                compactions[best].prefixedName.withUnsafeBufferPointer { out.append($0) }
                out.append(local)
                return true
            }
            if compacted { return }
        }
        RDFText.appendIRI(iri, to: &out)
    }

    /// A node's IRI spelled for this syntax.
    func node(_ id: Identifier) -> [UInt8] {
        var out = ByteBuffer()
        appendNode(id, to: &out)
        return Array(out.bytes)
    }

    /// ``appendIRI(_:to:)`` appended to an array.
    func appendIRI(_ iri: String, to array: inout [UInt8]) {
        var out = ByteBuffer()
        appendIRI(iri, to: &out)
        array.append(contentsOf: out.bytes)
    }

    /// The Turtle `@prefix` header (empty for N-Triples).
    func header() -> [UInt8] {
        guard syntax == .turtle else { return [] }
        var out: [UInt8] = []
        for declaration in declarations {
            out.append(utf8: "@prefix \(declaration.prefix): ")
            RDFText.appendIRI(declaration.namespace, to: &out)
            out.append(" .\n")
        }
        out.append("\n")
        return out
    }
}
