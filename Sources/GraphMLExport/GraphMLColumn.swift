/// Where one vocabulary property of a node or edge kind goes: its key and how to write it.
struct GraphMLColumn: Sendable, Hashable {
    /// The property name the builder sets (``GraphNode/value(_:)``).
    var property: String
    var key: String
    var type: GraphMLType
    var isJSONList: Bool
}
