/// Organism name → NCBI Taxonomy id, from `Mappings/organisms.tsv`.
public struct OrganismTable: Sendable {
    private var byName: [String: String]
    private var canonicalNames: [String: String]

    public init(entries: [(name: String, taxonID: String)]) {
        var byName: [String: String] = [:]
        var canonicalNames: [String: String] = [:]
        for entry in entries {
            byName[OrganismTable.key(entry.name)] = entry.taxonID
            if canonicalNames[entry.taxonID] == nil { canonicalNames[entry.taxonID] = entry.name }
        }
        self.byName = byName
        self.canonicalNames = canonicalNames
    }

    /// The taxon id of `name` (letter case and surrounding spaces ignored).
    public func taxonID(for name: String) -> String? { byName[OrganismTable.key(name)] }

    /// The first name listed for `taxonID`.
    public func name(for taxonID: String) -> String? { canonicalNames[taxonID] }

    public var count: Int { byName.count }

    static func key(_ name: String) -> String {
        name.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}
