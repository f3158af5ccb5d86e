import PFOCRGraph

/// The neo4j-admin header type of each vocabulary property type.
///
/// Integers are `long` (neo4j-admin's `int` is 32 bits; every Cypher integer is 64 bits
/// anyway); IRIs are plain strings; strings carry no suffix, since `string` is neo4j-admin's
/// default and LOAD CSV then sees the plain name (`row.title`).
enum CypherColumnType {
    static func suffix(_ type: PropertyType) -> String {
        switch type {
        case .string, .iri: ""
        case .integer: ":long"
        case .double: ":double"
        case .boolean: ":boolean"
        case .stringList: ":string[]"
        }
    }
}
