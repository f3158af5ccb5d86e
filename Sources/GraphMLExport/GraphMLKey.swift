/// One `<key>` declaration of the file.
struct GraphMLKey: Sendable, Hashable {
    /// Where the key applies: GraphML's `for` attribute.
    enum Domain: String, Sendable, Hashable {
        case node, edge, all
    }

    /// The key id, which is also its `attr.name`.
    var id: String
    var domain: Domain
    var type: GraphMLType
    /// Whether values are JSON array text (a `string-list` property).
    var isJSONList: Bool
    /// Whether values are IRIs.
    var isIRI: Bool
    /// The `<desc>` parts, one per kind sharing the key.
    var descriptions: [String]

    /// The `<desc>` text.
    var description: String {
        var text = descriptions.joined(separator: "; ")
        if isJSONList {
            text += ". Value: a JSON array of strings, as text (GraphML has no list type)"
        } else if isIRI {
            text += ". Value: an absolute IRI"
        }
        return text
    }
}
