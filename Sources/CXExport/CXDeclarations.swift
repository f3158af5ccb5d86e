/// The attributes a network uses, per aspect, with their types, in first-use order: what
/// CX2 writes as `attributeDeclarations`.
///
/// An attribute name keeps the type it was first used with; a later value of another type
/// under the same name is refused (``admit(_:_:)`` returns false) and left out, so every
/// value is typed exactly as declared. The names come from the vocabulary and from this
/// module's fixed names, so a clash only happens with an unusual Mappings/vocabulary.yaml;
/// the sink counts such values (`attributeTypeClashes`).
///
/// A network declares a few dozen names at most (the vocabulary's), so a scan finds a name
/// faster than hashing it would, and a network costs one array rather than a dictionary.
struct CXDeclarations {
    private(set) var entries: [(name: String, type: CXType)] = []

    /// Declares `name` with `type` if new; false when it is declared with another type.
    mutating func admit(_ name: String, _ type: CXType) -> Bool {
        for entry in entries where entry.name == name { return entry.type == type }
        entries.append((name, type))
        return true
    }

    var isEmpty: Bool { entries.isEmpty }

    func contains(_ name: String) -> Bool { entries.contains { $0.name == name } }
}
