import PFOCRGraph
import PFOCRRecords

/// One node file: `nodes-<Label>.csv`, one ID space named after the label.
struct NodeTable: Sendable {
    var kind: NodeKind
    /// The Cypher label and the neo4j-admin ID space.
    var label: String
    var properties: [PropertySpec]

    var path: String { "neo4j/\(fileName)" }
    var fileName: String { "nodes-\(label).csv" }

    /// `id:ID(Gene),:LABEL,name,ncbiGeneID,symbol`.
    var headerFields: [String] {
        ["id:ID(\(label))", ":LABEL", "name"] + properties.map { $0.name + CypherColumnType.suffix($0.type) }
    }
}

/// One relationship file: `rels-<TYPE>-<EndLabel>.csv`.
struct RelationshipTable: Sendable {
    var kind: EdgeKind
    var startKind: NodeKind
    var endKind: NodeKind
    /// The Cypher relationship type.
    var type: String
    var startLabel: String
    var endLabel: String
    var properties: [PropertySpec]

    var path: String { "neo4j/\(fileName)" }
    var fileName: String { "rels-\(type)-\(endLabel).csv" }

    /// `:START_ID(Figure),:END_ID(Gene),:TYPE,words:string[],...`.
    var headerFields: [String] {
        [":START_ID(\(startLabel))", ":END_ID(\(endLabel))", ":TYPE"]
            + properties.map { $0.name + CypherColumnType.suffix($0.type) }
    }
}

/// The files of a Cypher CSV export, derived from the vocabulary, and the checks that make
/// the vocabulary's names usable in Cypher, neo4j-admin headers and file names.
struct CypherTables: Sendable {
    /// Indexed by ``NodeKind/order``.
    var nodes: [NodeTable]
    /// In file order: PART_OF, MENTIONS (Gene, Chemical, Disease), ABOUT, IN_TAXON.
    var relationships: [RelationshipTable]

    /// The (edge kind, start kind, end kind) triples the graph model has, in file order.
    static let relationshipShapes: [(EdgeKind, NodeKind, NodeKind)] = [
        (.partOf, .figure, .paper),
        (.mentions, .figure, .gene),
        (.mentions, .figure, .chemical),
        (.mentions, .figure, .disease),
        (.about, .figure, .organism),
        (.inTaxon, .gene, .organism),
    ]

    init(vocabulary: Vocabulary) throws(ExportError) {
        var nodes: [NodeTable] = []
        for kind in NodeKind.allCases.sorted() {
            let entry = vocabulary.node(kind)
            try CypherTables.checkName(entry.label, what: "Cypher label of \(kind.rawValue)")
            try CypherTables.checkProperties(entry.properties, owner: kind.rawValue)
            nodes.append(NodeTable(kind: kind, label: entry.label, properties: entry.properties))
        }
        let labels = nodes.map(\.label)
        if Set(labels).count != labels.count {
            throw CypherTables.error(
                "node kinds share a Cypher label (\(labels.joined(separator: ", "))); each needs its own file and ID space"
            )
        }
        var relationships: [RelationshipTable] = []
        for (kind, start, end) in CypherTables.relationshipShapes {
            let entry = vocabulary.edge(kind)
            try CypherTables.checkName(entry.type, what: "Cypher type of \(kind.rawValue)")
            try CypherTables.checkProperties(entry.properties, owner: kind.rawValue)
            relationships.append(
                RelationshipTable(
                    kind: kind, startKind: start, endKind: end, type: entry.type,
                    startLabel: nodes[start.order].label, endLabel: nodes[end.order].label, properties: entry.properties
                ))
        }
        let files = relationships.map(\.fileName)
        if Set(files).count != files.count {
            throw CypherTables.error("edge kinds share a Cypher type and end label (\(files.joined(separator: ", ")))")
        }
        self.nodes = nodes
        self.relationships = relationships
    }

    /// The relationship file of an edge, by its kind and end kind.
    func relationshipIndex(_ kind: EdgeKind, _ end: NodeKind) -> Int? {
        relationships.firstIndex { $0.kind == kind && $0.endKind == end }
    }

    /// A Cypher label, type or property name must be a plain identifier: it is used unquoted
    /// in Cypher, inside `ID(...)` of neo4j-admin headers, and in file names.
    static func checkName(_ name: String, what: String) throws(ExportError) {
        guard isPlainIdentifier(name) else {
            throw error("\(what) '\(name)' is not a plain identifier ([A-Za-z_][A-Za-z0-9_]*), which Cypher CSV needs")
        }
    }

    static func checkProperties(_ properties: [PropertySpec], owner: String) throws(ExportError) {
        var names: Set<String> = ["id", "name"]
        for property in properties {
            try checkName(property.name, what: "property of \(owner)")
            guard names.insert(property.name).inserted else {
                throw error(
                    "property '\(property.name)' of \(owner) repeats a column name (Cypher CSV already writes 'id' and 'name')"
                )
            }
        }
    }

    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(0x30...0x39).contains(first) else { return false }
        return name.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F
        }
    }

    static func error(_ message: String) -> ExportError {
        .mapping(MappingError(SourceLocation(file: "vocabulary.yaml", line: 0), message))
    }
}
