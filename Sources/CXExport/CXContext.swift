import PFOCRGraph

/// The CURIE prefixes a network's `@context` can map, and `represents` in the form that
/// allows: a CURIE for those namespaces, the full IRI for the others (whose IRIs do not end
/// with the id, such as figures' `.html` pages).
///
/// Made once per export; every `@context` text and every CURIE prefix is precomputed, so a
/// network's nodes and attributes cost no `String` of their own.
struct CXContext: Sendable {
    /// Namespaces whose IRI is `base + local id`, sorted by CURIE prefix.
    let entries: [(namespace: Namespace, prefix: String, base: String)]
    private let prefixes: PrefixSet
    /// Per ``Namespace/ordinal``: the namespace's bit in a set of used namespaces (0 for
    /// namespaces `@context` cannot map), and its JSON-escaped `prefix:` for `represents` (nil
    /// for those). Arrays rather than dictionaries: they are read for every node, and an index
    /// costs a few instructions where hashing the namespace cost a few hundred. The prefixes
    /// are kept with the opening quote (`"ncbigene:`), back to back in one array, each
    /// namespace's range in ``curiePrefixRanges`` (nil for none).
    private let bits: [UInt16]
    private let curiePrefixes: [UInt8]
    private let curiePrefixRanges: [Range<Int>?]
    /// The `@context` text of every set of used namespaces, indexed by the set's bits (at most
    /// 2^9: the namespaces of ``Namespace``).
    private let texts: [String]

    init(prefixes: PrefixSet) {
        self.prefixes = prefixes
        entries = Namespace.allCases.compactMap { namespace in
            guard let entry = prefixes.entries[namespace], entry.iriSuffix.isEmpty else { return nil }
            return (namespace, entry.curie, entry.iriPrefix)
        }.sorted { $0.prefix < $1.prefix }
        var bits = [UInt16](repeating: 0, count: Namespace.allCases.count)
        var curiePrefixes: [UInt8] = []
        var curiePrefixRanges = [Range<Int>?](repeating: nil, count: Namespace.allCases.count)
        for (index, entry) in entries.enumerated() {
            bits[entry.namespace.ordinal] = 1 << UInt16(index)
            let start = curiePrefixes.count
            curiePrefixes.append(UInt8(ascii: "\""))
            JSONText.appendEscaped(entry.prefix + ":", to: &curiePrefixes)
            curiePrefixRanges[entry.namespace.ordinal] = start..<curiePrefixes.count
        }
        self.bits = bits
        self.curiePrefixes = curiePrefixes
        self.curiePrefixRanges = curiePrefixRanges
        let entries = entries
        texts = (0..<(1 << entries.count)).map { set in
            var text = "{"
            for (index, entry) in entries.enumerated() where set & (1 << index) != 0 {
                if text.utf8.count > 1 { text.append(",") }
                JSONText.appendString(entry.prefix, to: &text)
                text.append(":")
                JSONText.appendString(entry.base, to: &text)
            }
            text.append("}")
            return text
        }
    }

    /// The bit of `namespace` in a set of used namespaces; 0 when `@context` cannot map it.
    func bit(_ namespace: Namespace) -> UInt16 { bits[namespace.ordinal] }

    /// `@context` text: a JSON object from the CURIE prefixes of the namespaces in `used`
    /// (bits of ``bit(_:)``) to their IRI bases, sorted by prefix.
    func text(_ used: UInt16) -> String { texts[Int(used)] }

    /// Appends `represents` of `id` as a JSON string: a CURIE when `@context` can expand it,
    /// else the IRI.
    func appendRepresents(_ id: Identifier, to out: inout ByteBuffer) {
        guard let prefix = curiePrefixRanges[id.namespace.ordinal] else {
            JSONText.appendString(prefixes.iri(id), to: &out)
            return
        }
        out.append(curiePrefixes, prefix)
        JSONText.appendEscaped(id.local, to: &out)
        out.append(UInt8(ascii: "\""))
    }
}
