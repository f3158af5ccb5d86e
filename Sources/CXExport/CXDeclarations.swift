/// The attributes a network uses, per aspect, with their types, in first-use order: what
/// CX2 writes as `attributeDeclarations`.
///
/// An attribute name keeps the type it was first used with; a later value of another type
/// under the same name is refused (``admit(_:_:)`` returns false) and left out, so every
/// value is typed exactly as declared. The names come from the vocabulary and from this
/// module's fixed names, so a clash only happens with an unusual Mappings/vocabulary.yaml;
/// the sink counts such values (`attributeTypeClashes`).
///
/// Names with a ``CXNames`` key are found by key in ``types`` (one array index: every
/// attribute of every node is admitted here); names outside the table, rare, by a scan of
/// ``entries``. A network costs two arrays rather than a dictionary.
struct CXDeclarations {
    /// Every declared name with its type, in first-use order.
    private(set) var entries: [(name: String, key: Int, type: CXType)] = []
    /// Per ``CXNames`` key: the name's declared type; nil when not declared (or past the end).
    private var types: [CXType?] = []

    /// Declares `name` with `type` if new; false when it is declared with another type.
    ///
    /// A name declared already, the common case (every attribute of every node is admitted),
    /// is answered inline.
    @inline(__always)
    mutating func admit(_ name: CXName, _ type: CXType) -> Bool {
        if name.key >= 0 && name.key < types.count, let declared = types[name.key] { return declared == type }
        return declare(name, type)
    }

    /// ``admit(_:_:)`` of a name not declared yet, or outside the ``CXNames`` table.
    @inline(never)
    private mutating func declare(_ name: CXName, _ type: CXType) -> Bool {
        if name.key == CXNames.unknown {
            for index in entries.indices where name.matches(key: entries[index].key, text: entries[index].name) {
                return entries[index].type == type
            }
        } else {
            if name.key < types.count, let declared = types[name.key] { return declared == type }
            if name.key >= types.count { types += repeatElement(nil, count: name.key + 1 - types.count) }
            types[name.key] = type
        }
        entries.append((name.text, name.key, type))
        return true
    }

    var isEmpty: Bool { entries.isEmpty }

    func contains(_ name: CXName) -> Bool {
        if name.key != CXNames.unknown { return name.key < types.count && types[name.key] != nil }
        return entries.indices.contains { name.matches(key: entries[$0].key, text: entries[$0].name) }
    }
}
