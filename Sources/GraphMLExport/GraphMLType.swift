import PFOCRGraph

/// A GraphML `attr.type`. Mappings' `integer` is written as `long` (64-bit), since counts and
/// ranks are not bounded by 2^31 and readers map `long` to their 64-bit integer type.
enum GraphMLType: String, Sendable, Hashable {
    case boolean
    case long
    case double
    case string

    init(_ type: PropertyType) {
        switch type {
        case .string, .iri, .stringList: self = .string
        case .integer: self = .long
        case .double: self = .double
        case .boolean: self = .boolean
        }
    }
}
