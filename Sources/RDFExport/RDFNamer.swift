import PFOCRGraph

/// Spells IRIs for one syntax: full `<IRI>` in N-Triples; in Turtle a prefixed name when a
/// declared prefix covers the IRI and the rest is a safe local name, else `<IRI>`.
///
/// The declared prefixes are the vocabulary's `rdf_prefixes` and the prefix set's CURIE
/// prefixes whose IRI template ends in `{id}` (figures, with their `.html` suffix, are always
/// written in full). A prefix-set name that collides with a vocabulary prefix, or that is not
/// a valid Turtle prefix name, is not declared: its IRIs are written in full.
struct RDFNamer {
    let syntax: RDFSyntax
    let prefixes: PrefixSet
    let vocabulary: Vocabulary
    /// The `@prefix` declarations, sorted by name.
    let declarations: [(prefix: String, namespace: String)]
    /// Per identifier namespace: the declared Turtle prefix and its IRI base.
    private let entityPrefixes: [Namespace: (prefix: String, base: String)]

    init(syntax: RDFSyntax, mapping: Mapping) {
        self.syntax = syntax
        prefixes = mapping.prefixes
        vocabulary = mapping.vocabulary
        var declared: [String: String] = [:]
        for entry in mapping.vocabulary.rdfPrefixes where RDFText.isValidPrefixName(entry.prefix) {
            if declared[entry.prefix] == nil { declared[entry.prefix] = entry.namespace }
        }
        var entity: [Namespace: (String, String)] = [:]
        for namespace in Namespace.allCases.sorted(by: { $0.rawValue < $1.rawValue }) {
            guard let entry = mapping.prefixes.entries[namespace], entry.iriSuffix.isEmpty,
                RDFText.isValidPrefixName(entry.curie) else { continue }
            if let existing = declared[entry.curie] {
                // Same name, same base (two namespaces sharing a prefix): usable; else not.
                if existing == entry.iriPrefix { entity[namespace] = (entry.curie, entry.iriPrefix) }
                continue
            }
            declared[entry.curie] = entry.iriPrefix
            entity[namespace] = (entry.curie, entry.iriPrefix)
        }
        declarations = declared.keys.sorted().map { ($0, declared[$0] ?? "") }
        entityPrefixes = entity
    }

    /// The full IRI of a vocabulary CURIE (`dcterms:title`); `fallback` when its prefix is
    /// not declared in the vocabulary (only for the plugin's own terms, see ``RDFTerms``).
    func expand(_ curie: String, fallback: String? = nil) -> String {
        vocabulary.expand(curie) ?? fallback ?? curie
    }

    /// A vocabulary CURIE spelled for this syntax.
    func term(_ curie: String, fallback: String? = nil) -> String {
        let full = expand(curie, fallback: fallback)
        if syntax == .turtle, let colon = curie.firstIndex(of: ":") {
            let prefix = String(curie[..<colon])
            let local = String(curie[curie.index(after: colon)...])
            if let base = declaredNamespace(prefix), base + local == full, RDFText.isSafeLocalName(local) {
                return curie
            }
        }
        return RDFText.iri(full)
    }

    private func declaredNamespace(_ prefix: String) -> String? {
        declarations.first { $0.prefix == prefix }?.namespace
    }

    /// The IRI of a node (no angle brackets).
    func fullIRI(_ id: Identifier) -> String { prefixes.iri(id) }

    /// A node's IRI spelled for this syntax, appended to `out`.
    func appendNode(_ id: Identifier, to out: inout String) {
        let iri = prefixes.iri(id)
        if syntax == .turtle, let entry = entityPrefixes[id.namespace], iri.utf8.starts(with: entry.base.utf8),
            let local = String(iri.utf8.dropFirst(entry.base.utf8.count)), RDFText.isSafeLocalName(local) {
            out.append(entry.prefix)
            out.append(":")
            out.append(local)
            return
        }
        RDFText.appendIRI(iri, to: &out)
    }

    /// A node's IRI spelled for this syntax.
    func node(_ id: Identifier) -> String {
        var out = String()
        appendNode(id, to: &out)
        return out
    }

    /// Any absolute IRI spelled for this syntax (property values such as the pathway link):
    /// in Turtle compacted with the longest declared prefix when the rest is safe.
    func appendIRI(_ iri: String, to out: inout String) {
        if syntax == .turtle {
            var best: (prefix: String, base: String)?
            for declaration in declarations where iri.utf8.starts(with: declaration.namespace.utf8) {
                if best == nil || declaration.namespace.utf8.count > (best?.base.utf8.count ?? 0) {
                    best = (declaration.prefix, declaration.namespace)
                }
            }
            if let best, let local = String(iri.utf8.dropFirst(best.base.utf8.count)), RDFText.isSafeLocalName(local) {
                out.append(best.prefix)
                out.append(":")
                out.append(local)
                return
            }
        }
        RDFText.appendIRI(iri, to: &out)
    }

    /// The Turtle `@prefix` header (empty for N-Triples).
    func header() -> String {
        guard syntax == .turtle else { return "" }
        var out = String()
        for declaration in declarations {
            out.append("@prefix \(declaration.prefix): ")
            RDFText.appendIRI(declaration.namespace, to: &out)
            out.append(" .\n")
        }
        out.append("\n")
        return out
    }
}
