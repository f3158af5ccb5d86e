/// The attributes a network uses, per aspect, with their types, in first-use order: what
/// CX2 writes as `attributeDeclarations`.
///
/// An attribute name keeps the type it was first used with; a later value of another type
/// under the same name is refused (``admit(_:_:)`` returns false) and left out, so every
/// value is typed exactly as declared. The names come from the vocabulary and from this
/// module's fixed names, so a clash only happens with an unusual Mappings/vocabulary.yaml;
/// the sink counts such values (`attributeTypeClashes`).
struct CXDeclarations {
    private(set) var names: [String] = []
    private(set) var types: [CXType] = []
    private var index: [String: Int] = [:]

    /// Declares `name` with `type` if new; false when it is declared with another type.
    mutating func admit(_ name: String, _ type: CXType) -> Bool {
        if let position = index[name] { return types[position] == type }
        index[name] = names.count
        names.append(name)
        types.append(type)
        return true
    }

    var isEmpty: Bool { names.isEmpty }

    func contains(_ name: String) -> Bool { index[name] != nil }

    mutating func removeAll() {
        names.removeAll(keepingCapacity: true)
        types.removeAll(keepingCapacity: true)
        index.removeAll(keepingCapacity: true)
    }
}
