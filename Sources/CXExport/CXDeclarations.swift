/// The attributes a network uses, per aspect, with their types, in first-use order: what
/// CX2 writes as `attributeDeclarations`.
///
/// An attribute name keeps the type it was first used with; a later value of another type
/// under the same name is refused (``admit(_:_:)`` returns false) and left out, so every
/// value is typed exactly as declared. The names come from the vocabulary and from this
/// module's fixed names, so a clash only happens with an unusual Mappings/vocabulary.yaml;
/// the sink counts such values (`attributeTypeClashes`).
///
/// A network declares a few dozen names at most (the vocabulary's), so a scan of their
/// ``CXNames`` keys finds a name faster than hashing it would, and a network costs one array
/// rather than a dictionary.
struct CXDeclarations {
    private(set) var entries: [(name: String, key: Int, type: CXType)] = []

    /// Declares `name` with `type` if new; false when it is declared with another type.
    mutating func admit(_ name: CXName, _ type: CXType) -> Bool {
        for index in entries.indices where name.matches(key: entries[index].key, text: entries[index].name) {
            return entries[index].type == type
        }
        entries.append((name.text, name.key, type))
        return true
    }

    var isEmpty: Bool { entries.isEmpty }

    func contains(_ name: CXName) -> Bool {
        entries.indices.contains { name.matches(key: entries[$0].key, text: entries[$0].name) }
    }
}
