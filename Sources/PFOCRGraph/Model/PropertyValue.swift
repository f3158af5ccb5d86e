/// The value types a node or edge property can have. `Mappings/vocabulary.yaml` names them
/// (`string`, `integer`, `double`, `boolean`, `string-list`, `iri`) and each format maps
/// them to its own types.
public enum PropertyType: String, Sendable, Hashable, CaseIterable, Codable {
    case string
    case integer
    case double
    case boolean
    case stringList = "string-list"
    /// A link: an absolute IRI (RDF writes it as an IRI, other formats as text).
    case iri
}

/// A property value, typed.
public enum PropertyValue: Sendable, Hashable {
    case string(String)
    case integer(Int)
    case double(Double)
    case boolean(Bool)
    case stringList([String])
    case iri(String)

    public var type: PropertyType {
        switch self {
        case .string: .string
        case .integer: .integer
        case .double: .double
        case .boolean: .boolean
        case .stringList: .stringList
        case .iri: .iri
        }
    }

    /// The value as one text, lists joined by `separator`: for formats without the type.
    public func text(listSeparator separator: String = "|") -> String {
        switch self {
        case .string(let text), .iri(let text): text
        case .integer(let value): String(value)
        case .double(let value): PropertyValue.format(value)
        case .boolean(let value): value ? "true" : "false"
        case .stringList(let items): items.joined(separator: separator)
        }
    }

    /// The one decimal form of a double in every format: the shortest text that reads back as
    /// the same Double (Swift's `description`: `0.95`, `1e-05`, `3.0`). Property values are
    /// finite (the reader rejects `.nan`, `.inf`); each syntax's writer says what it writes
    /// for a non-finite value instead of calling this (JSON `null`, RDF `NaN`/`INF`, an empty
    /// CSV cell).
    public static func format(_ value: Double) -> String {
        value.description
    }
}

/// One named property of a node or edge.
public struct Property: Sendable, Hashable {
    public var name: String
    public var value: PropertyValue

    public init(_ name: String, _ value: PropertyValue) {
        self.name = name
        self.value = value
    }
}
