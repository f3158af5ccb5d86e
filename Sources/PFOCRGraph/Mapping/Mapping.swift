import Foundation
import PFOCRRecords
import Yams

/// Everything declarative the graph needs: identifier prefixes, the vocabulary, the
/// organism table and the gene lexicons' taxa. Loaded once, before any record is read.
///
/// The files of the repository's top-level `Mappings/` are compiled into the library
/// (``BundledMappings``), so the tool works from any folder; `--mappings DIR` reads a folder
/// with the same layout instead, and files missing there fall back to the bundled ones.
public struct Mapping: Sendable {
    public var prefixes: PrefixSet
    public var vocabulary: Vocabulary
    public var organisms: OrganismTable
    /// Gene lexicon (a gene row's `source`) → NCBI Taxonomy id, from `gene-lexicons.tsv`.
    public var geneLexicons: [String: String]
    /// The `--mappings` folder these were loaded from; nil for the bundled copy.
    public var folder: String?
    /// The files read, in reading order, with their checksums (for report.json).
    public var files: [MappingFile] = []

    /// The relative paths of the mapping files.
    public enum File {
        public static let vocabulary = "vocabulary.yaml"
        public static let organisms = "organisms.tsv"
        public static let geneLexicons = "gene-lexicons.tsv"
        public static func prefixes(_ set: String) -> String { "prefixes/\(set).yaml" }
    }

    public init(
        prefixes: PrefixSet, vocabulary: Vocabulary, organisms: OrganismTable, geneLexicons: [String: String] = [:]
    ) {
        self.prefixes = prefixes
        self.vocabulary = vocabulary
        self.organisms = organisms
        self.geneLexicons = geneLexicons
    }

    /// The NCBI Taxonomy id of a gene row: the one rule every gene's taxon comes from.
    ///
    /// The row's own organism (layout B's `organism_id`) when it has one; otherwise the taxon
    /// of the lexicon that matched it (``geneLexicons``: layout A's HGNC and FamPlex lexicons
    /// are human); nil when neither says (the row is then counted, never given a guess).
    public func geneTaxon(of gene: GeneMention) -> String? {
        if let taxon = gene.taxonID { return taxon }
        guard let source = gene.source else { return nil }
        return geneLexicons[source]
    }

    /// Loads the mappings from `directory` (nil: the bundled copy) with prefix set `prefixSet`.
    public static func load(directory: String? = nil, prefixSet: String = "identifiers") throws(MappingError) -> Mapping
    {
        var files: [MappingFile] = []
        func text(_ relative: String) throws(MappingError) -> (String, String) {
            if let directory {
                let path = directory + "/" + relative
                if FileBytes.isRegularFile(path) {
                    do {
                        let bytes = try FileBytes.contents(of: path, limit: 16 << 20)
                        files.append(MappingFile(file: relative, source: path, sha256: SHA256Digest.hexHash(bytes)))
                        return (String(decoding: bytes, as: UTF8.self), path)
                    } catch {
                        throw MappingError(error.location, error.message)
                    }
                }
            }
            guard let bundled = BundledMappings.files[relative] else {
                let known = BundledMappings.files.keys.filter { $0.hasPrefix("prefixes/") }.sorted()
                throw MappingError(
                    SourceLocation(file: (directory ?? "Mappings") + "/" + relative, line: 0),
                    "no such mapping file (known prefix sets: \(known.joined(separator: ", ")))")
            }
            // Scripts/bundle-mappings.py drops the file's final newline; hashing it with one
            // gives the checksum of the Mappings/ file the binary was built from.
            files.append(
                MappingFile(
                    file: relative, source: "bundled", sha256: SHA256Digest.hexHash(Array((bundled + "\n").utf8))))
            return (bundled, "Mappings/" + relative)
        }
        let (prefixText, prefixPath) = try text(File.prefixes(prefixSet))
        let (vocabularyText, vocabularyPath) = try text(File.vocabulary)
        let (organismText, organismPath) = try text(File.organisms)
        let (lexiconText, lexiconPath) = try text(File.geneLexicons)
        var lexicons: [String: String] = [:]
        for entry in try MappingParser.taxonTable(lexiconText, path: lexiconPath, keyColumn: "source") {
            lexicons[entry.name] = entry.taxonID
        }
        var mapping = Mapping(
            prefixes: try MappingParser.prefixSet(prefixText, path: prefixPath, name: prefixSet),
            vocabulary: try MappingParser.vocabulary(vocabularyText, path: vocabularyPath),
            organisms: OrganismTable(
                entries: try MappingParser.taxonTable(organismText, path: organismPath, keyColumn: "name")),
            geneLexicons: lexicons)
        mapping.folder = directory
        mapping.files = files
        return mapping
    }

    /// The prefix sets `--prefixes` may name: the bundled ones and those in `directory`'s
    /// `prefixes/` folder, sorted.
    public static func prefixSetNames(directory: String? = nil) -> [String] {
        var names = Set(
            BundledMappings.files.keys.compactMap { key -> String? in
                guard key.hasPrefix("prefixes/"), key.hasSuffix(".yaml") else { return nil }
                return String(key.dropFirst("prefixes/".count).dropLast(".yaml".count))
            })
        if let directory, let entries = try? FileManager.default.contentsOfDirectory(atPath: directory + "/prefixes") {
            for entry in entries where entry.hasSuffix(".yaml") && !entry.hasPrefix(".") {
                names.insert(String(entry.dropLast(5)))
            }
        }
        return names.sorted()
    }

    /// The bundled mappings. They are checked by the test suite, so this cannot fail in a
    /// released build; the error path exists for a corrupted build only.
    public static func bundled() throws(MappingError) -> Mapping { try load() }
}

/// One mapping file an export read: its relative name, where it came from (a path, or
/// `bundled`) and its SHA-256.
public struct MappingFile: Sendable, Codable, Hashable {
    public var file: String
    public var source: String
    public var sha256: String
}

/// Parsers for the mapping files, each failing with file and line.
enum MappingParser {
    static func root(_ text: String, path: String) throws(MappingError) -> Node.Mapping {
        do {
            guard let node = try Yams.Parser(yaml: text, resolver: .basic).singleRoot(),
                case .mapping(let mapping) = node
            else {
                throw MappingError(SourceLocation(file: path, line: 1), "expected a YAML mapping at the top")
            }
            return mapping
        } catch let error as MappingError {
            throw error
        } catch let error as YamlError {
            let record = YAMLErrorText.describe(error)
            throw MappingError(SourceLocation(file: path, line: record.line), "YAML error: \(record.message)")
        } catch {
            throw MappingError(SourceLocation(file: path, line: 1), "YAML error: \(error)")
        }
    }

    static func line(_ node: Node, _ path: String) -> SourceLocation {
        SourceLocation(file: path, line: node.mark?.line ?? 1)
    }

    static func string(_ node: Node?, _ what: String, at parent: Node, _ path: String) throws(MappingError) -> String {
        guard let node else { throw MappingError(line(parent, path), "missing '\(what)'") }
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
            throw MappingError(line(node, path), "'\(what)' must be non-empty text")
        }
        return scalar.string
    }

    static func prefixSet(_ text: String, path: String, name: String) throws(MappingError) -> PrefixSet {
        let top = try root(text, path: path)
        guard let namespacesNode = top["namespaces"], case .mapping(let namespaces) = namespacesNode else {
            throw MappingError(SourceLocation(file: path, line: 1), "missing 'namespaces' mapping")
        }
        var entries: [Namespace: PrefixSet.Entry] = [:]
        for (key, value) in namespaces {
            let keyText = key.scalar?.string ?? ""
            guard let namespace = Namespace(rawValue: keyText) else {
                throw MappingError(
                    line(key, path),
                    "unknown namespace '\(keyText)' (known: \(Namespace.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
            guard case .mapping(let fields) = value else {
                throw MappingError(
                    line(value, path), "namespace '\(keyText)' must be a mapping with curie, iri, biolink")
            }
            let curie = try string(fields["curie"], "curie", at: value, path)
            let template = try string(fields["iri"], "iri", at: value, path)
            let biolink = try string(fields["biolink"], "biolink", at: value, path)
            guard let range = template.range(of: "{id}"), template.hasPrefix("http") || template.hasPrefix("urn:")
            else {
                throw MappingError(
                    line(value, path), "'iri' of '\(keyText)' must be an absolute IRI template containing {id}")
            }
            guard curie.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }) else {
                throw MappingError(line(value, path), "'curie' of '\(keyText)' must be a plain prefix name")
            }
            entries[namespace] = PrefixSet.Entry(
                curie: curie, iriPrefix: String(template[..<range.lowerBound]),
                iriSuffix: String(template[range.upperBound...]), biolink: biolink)
        }
        let missing = Namespace.allCases.filter { entries[$0] == nil }
        guard missing.isEmpty else {
            throw MappingError(
                SourceLocation(file: path, line: namespacesNode.mark?.line ?? 1),
                "namespaces missing: \(missing.map(\.rawValue).joined(separator: ", "))")
        }
        return PrefixSet(name: name, entries: entries)
    }

    static func vocabulary(_ text: String, path: String) throws(MappingError) -> Vocabulary {
        let top = try root(text, path: path)
        var rdfPrefixes: [(prefix: String, namespace: String)] = []
        if let node = top["rdf_prefixes"] {
            guard case .mapping(let prefixes) = node else {
                throw MappingError(line(node, path), "'rdf_prefixes' must map prefixes to namespace IRIs")
            }
            for (key, value) in prefixes {
                rdfPrefixes.append(
                    (try string(key, "prefix", at: key, path), try string(value, "namespace IRI", at: value, path)))
            }
        }
        let vocabulary = Vocabulary(rdfPrefixes: rdfPrefixes, nodes: [:], edges: [:])
        func curie(_ value: String, at node: Node) throws(MappingError) -> String {
            guard vocabulary.expand(value) != nil else {
                throw MappingError(line(node, path), "'\(value)' does not use a prefix declared in rdf_prefixes")
            }
            return value
        }

        var nodes: [NodeKind: NodeVocabulary] = [:]
        guard let nodesNode = top["nodes"], case .mapping(let nodeMap) = nodesNode else {
            throw MappingError(SourceLocation(file: path, line: 1), "missing 'nodes' mapping")
        }
        for (key, value) in nodeMap {
            let name = key.scalar?.string ?? ""
            guard let kind = NodeKind(rawValue: name) else {
                throw MappingError(
                    line(key, path),
                    "unknown node kind '\(name)' (known: \(NodeKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard case .mapping(let fields) = value else {
                throw MappingError(line(value, path), "node kind '\(name)' must be a mapping")
            }
            var classes: [String] = []
            if let classNode = fields["rdf_class"] {
                let items: [Node] = classNode.sequence.map { Array($0) } ?? [classNode]
                for item in items {
                    classes.append(try curie(try string(item, "rdf_class", at: classNode, path), at: item))
                }
            }
            let label = fields["label"]?.scalar?.string ?? kind.rawValue
            let category = try string(fields["kgx_category"], "kgx_category", at: value, path)
            let properties = try propertyList(
                fields, known: GraphSchema.nodeProperties[kind] ?? [], owner: name, at: value, path: path, curie: curie)
            nodes[kind] = NodeVocabulary(
                kind: kind, label: label, rdfClasses: classes, kgxCategory: category, properties: properties)
        }
        var edges: [EdgeKind: EdgeVocabulary] = [:]
        guard let edgesNode = top["edges"], case .mapping(let edgeMap) = edgesNode else {
            throw MappingError(SourceLocation(file: path, line: 1), "missing 'edges' mapping")
        }
        for (key, value) in edgeMap {
            let name = key.scalar?.string ?? ""
            guard let kind = EdgeKind(rawValue: name) else {
                throw MappingError(
                    line(key, path),
                    "unknown edge kind '\(name)' (known: \(EdgeKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard case .mapping(let fields) = value else {
                throw MappingError(line(value, path), "edge kind '\(name)' must be a mapping")
            }
            let predicate = try curie(try string(fields["rdf"], "rdf", at: value, path), at: value)
            let kgx = try string(fields["kgx_predicate"], "kgx_predicate", at: value, path)
            let type = fields["type"]?.scalar?.string ?? kind.rawValue
            let properties = try propertyList(
                fields, known: GraphSchema.edgeProperties[kind] ?? [], owner: name, at: value, path: path, curie: curie)
            edges[kind] = EdgeVocabulary(
                kind: kind, type: type, rdfPredicate: predicate, kgxPredicate: kgx, properties: properties)
        }
        let missingNodes = NodeKind.allCases.filter { nodes[$0] == nil }.map(\.rawValue)
        let missingEdges = EdgeKind.allCases.filter { edges[$0] == nil }.map(\.rawValue)
        guard missingNodes.isEmpty && missingEdges.isEmpty else {
            throw MappingError(
                SourceLocation(file: path, line: 1),
                "kinds missing: \((missingNodes + missingEdges).joined(separator: ", "))")
        }
        return Vocabulary(rdfPrefixes: rdfPrefixes, nodes: nodes, edges: edges)
    }

    /// The properties of one kind: ``GraphSchema``'s declarations, all of them with their
    /// defaults when the kind has neither `properties` nor `omit`; less the names in `omit`;
    /// or exactly the `properties` listed, in the file's order, each taking the schema's
    /// type, predicate and description where it gives none. A listed name the schema does not
    /// declare, a type that differs from the schema's, or a name listed twice is an error.
    static func propertyList(
        _ fields: Node.Mapping, known: [PropertyDeclaration], owner: String, at parent: Node, path: String,
        curie: (String, Node) throws(MappingError) -> String
    ) throws(MappingError) -> [PropertySpec] {
        func declaration(_ name: String, at node: Node) throws(MappingError) -> PropertyDeclaration {
            guard let declared = known.first(where: { $0.key.name == name }) else {
                throw MappingError(
                    line(node, path),
                    "'\(owner)' has no property '\(name)' (known: \(known.map(\.key.name).sorted().joined(separator: ", ")))"
                )
            }
            return declared
        }
        /// The declaration with the predicate and datatype an entry gives (`rdf`, `rdf_datatype`
        /// in `entry`), else the schema's, checked against this file's prefixes at `node` (a
        /// schema default must expand here too).
        func spec(_ declared: PropertyDeclaration, at node: Node, entry: Node.Mapping? = nil) throws(MappingError)
            -> PropertySpec
        {
            var spec = PropertySpec(declared)
            let rdf = try entry?["rdf"].map { (value) throws(MappingError) in try string(value, "rdf", at: node, path) }
            spec.rdfPredicate = try curie(rdf ?? declared.rdf, node)
            let datatype = try entry?["rdf_datatype"].map { (value) throws(MappingError) in
                try string(value, "rdf_datatype", at: node, path)
            }
            spec.rdfDatatype = try (datatype ?? declared.rdfDatatype).map { (value) throws(MappingError) in
                try curie(value, node)
            }
            return spec
        }

        guard let listed = fields["properties"] else {
            // Every declaration, less those `omit` names.
            var omitted = Set<String>()
            if let omitNode = fields["omit"] {
                for item in omitNode.sequence.map({ Array($0) }) ?? [omitNode] {
                    omitted.insert(try declaration(try string(item, "omit", at: omitNode, path), at: item).key.name)
                }
            }
            var specs: [PropertySpec] = []
            for declared in known where !omitted.contains(declared.key.name) {
                specs.append(try spec(declared, at: parent))
            }
            return specs
        }
        if let omitNode = fields["omit"] {
            throw MappingError(line(omitNode, path), "'\(owner)' has both 'properties' and 'omit'; give one")
        }
        guard case .sequence(let items) = listed else {
            throw MappingError(line(listed, path), "'properties' of '\(owner)' must be a list")
        }
        var specs: [PropertySpec] = []
        for item in items {
            guard case .mapping(let fields) = item else {
                throw MappingError(line(item, path), "a property must be a mapping")
            }
            let name = try string(fields["name"], "name", at: item, path)
            let declared = try declaration(name, at: item)
            if let typeNode = fields["type"] {
                let typeName = try string(typeNode, "type", at: item, path)
                guard let type = PropertyType(rawValue: typeName) else {
                    throw MappingError(
                        line(item, path),
                        "unknown type '\(typeName)' (known: \(PropertyType.allCases.map(\.rawValue).joined(separator: ", ")))"
                    )
                }
                guard declared.key.type == type else {
                    throw MappingError(
                        line(item, path),
                        "property '\(name)' of '\(owner)' is \(declared.key.type.rawValue), not \(typeName)")
                }
            }
            guard !specs.contains(where: { $0.name == name }) else {
                throw MappingError(line(item, path), "property '\(name)' of '\(owner)' is listed twice")
            }
            var property = try spec(declared, at: item, entry: fields)
            if let description = fields["description"]?.scalar?.string { property.description = description }
            specs.append(property)
        }
        return specs
    }

    /// A two-column TSV of `keyColumn` → NCBI Taxonomy id (`organisms.tsv`, `gene-lexicons.tsv`):
    /// `#` comments and blank lines skipped, an optional header row.
    static func taxonTable(_ text: String, path: String, keyColumn: String) throws(MappingError) -> [(
        name: String, taxonID: String
    )] {
        var entries: [(name: String, taxonID: String)] = []
        var sawHeader = false
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let row = line.hasSuffix("\r") ? line.dropLast() : line
            if row.trimmingCharacters(in: " \t").isEmpty || row.hasPrefix("#") { continue }
            let cells = row.split(separator: "\t", omittingEmptySubsequences: false).map {
                String($0).trimmingCharacters(in: " ")
            }
            guard cells.count == 2 else {
                throw MappingError(
                    SourceLocation(file: path, line: index + 1),
                    "expected two tab-separated cells: \(keyColumn), taxon_id")
            }
            if !sawHeader {
                sawHeader = true
                if cells == [keyColumn, "taxon_id"] { continue }
            }
            guard IdentifierSyntax.numeric(cells[1]) != nil, !cells[0].isEmpty else {
                throw MappingError(
                    SourceLocation(file: path, line: index + 1),
                    "'\(cells[1])' is not an NCBI Taxonomy id for '\(cells[0])'")
            }
            entries.append((cells[0], cells[1]))
        }
        return entries
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var slice = Substring(self)
        while let first = slice.first, chars.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, chars.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
