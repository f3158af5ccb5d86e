import Yams

/// The top-level keys of a record's front matter, read the PFOCR way: every scalar as a
/// string (no YAML 1.1 implicit typing: an organism called `No` stays `No`), missing markers
/// turned into nil, key order ignored, unknown keys ignored.
struct FrontMatterFields {
    let path: String
    /// File line of YAML line 1.
    let lineOffset: Int
    private(set) var values: [String: Node] = [:]

    /// Parses the YAML text of `frontMatter`; the root must be a mapping with no anchors,
    /// aliases or nesting beyond `limits.maxNestingDepth`.
    init(frontMatter: FrontMatter, path: String, limits: ReadLimits) throws(RecordError) {
        self.path = path
        self.lineOffset = frontMatter.firstLine - 1
        let root: Node?
        // Yams keeps a node's anchor in a weak reference owned by the parser: the parser must
        // outlive the structure check below, or every anchor reads as nil.
        let parser: Yams.Parser
        do {
            parser = try Yams.Parser(yaml: frontMatter.yaml, resolver: .basic)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            throw FrontMatterFields.recordError(error, path: path, lineOffset: lineOffset)
        } catch {
            throw RecordError(SourceLocation(file: path, line: frontMatter.firstLine), "YAML error: \(error)")
        }
        guard let root, case .mapping(let mapping) = root else {
            throw RecordError(SourceLocation(file: path, line: frontMatter.firstLine),
                              "front matter is not a YAML mapping of keys to values")
        }
        try withExtendedLifetime(parser) { () throws(RecordError) in
            try FrontMatterFields.checkStructure(root, depth: 0, path: path, lineOffset: lineOffset, limits: limits)
        }
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                throw RecordError(location(of: key), "a key of the front matter is not plain text")
            }
            values[scalar.string] = value
        }
    }

    /// The file location of a node.
    func location(of node: Node) -> SourceLocation {
        SourceLocation(file: path, line: (node.mark?.line ?? 1) + lineOffset)
    }

    /// The location of the top of the front matter (used for keys that are absent).
    var topLocation: SourceLocation { SourceLocation(file: path, line: lineOffset + 1) }

    func has(_ key: String) -> Bool { values[key] != nil }

    /// The text of scalar `key`, nil when absent or missing (`''`, `.na.character`).
    func text(_ key: String) throws(RecordError) -> String? {
        guard let node = values[key] else { return nil }
        guard case .scalar(let scalar) = node else {
            throw RecordError(location(of: node), "'\(key)' should be text, found \(FrontMatterFields.describe(node))")
        }
        return MissingValue.text(scalar.string)
    }

    /// A list of texts; a single scalar counts as a one-item list (PFOCR writes `organisms`
    /// both ways). `dropNA` also drops `NA` items (organism lists).
    func textList(_ key: String, dropNA: Bool = false) throws(RecordError) -> [String] {
        guard let node = values[key] else { return [] }
        switch node {
        case .scalar(let scalar):
            let value = dropNA ? MissingValue.identifier(scalar.string) : MissingValue.text(scalar.string)
            return value.map { [$0] } ?? []
        case .sequence(let sequence):
            var items: [String] = []
            for item in sequence {
                guard case .scalar(let scalar) = item else {
                    throw RecordError(location(of: item), "items of '\(key)' should be text, found \(FrontMatterFields.describe(item))")
                }
                let value = dropNA ? MissingValue.identifier(scalar.string) : MissingValue.text(scalar.string)
                if let value { items.append(value) }
            }
            return items
        default:
            throw RecordError(location(of: node), "'\(key)' should be text or a list of texts, found a mapping")
        }
    }

    /// The items of list `key` (layout A entity lists). A missing scalar (`''`) is an empty
    /// list; any other scalar, or a mapping, is an error.
    func list(_ key: String) throws(RecordError) -> [Node] {
        guard let node = values[key] else { return [] }
        switch node {
        case .sequence(let sequence):
            return Array(sequence)
        case .scalar(let scalar) where MissingValue.isMissing(scalar.string):
            return []
        default:
            throw RecordError(location(of: node), "'\(key)' should be a list, found \(FrontMatterFields.describe(node))")
        }
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "the text '\(scalar.string.prefix(40))'"
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .alias: "an alias"
        }
    }

    /// Rejects anchors and aliases (PFOCR never uses them; they are how alias bombs are made)
    /// and nesting deeper than the limit. Stops at the first problem, so a bomb costs nothing.
    private static func checkStructure(_ node: Node, depth: Int, path: String, lineOffset: Int, limits: ReadLimits) throws(RecordError) {
        func fail(_ message: String) -> RecordError {
            RecordError(SourceLocation(file: path, line: (node.mark?.line ?? 1) + lineOffset), message)
        }
        if node.anchor != nil {
            throw fail("YAML anchors and aliases are not allowed in PFOCR records")
        }
        if case .alias = node {
            throw fail("YAML anchors and aliases are not allowed in PFOCR records")
        }
        guard depth <= limits.maxNestingDepth else {
            throw fail("YAML nesting deeper than \(limits.maxNestingDepth) levels")
        }
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                try checkStructure(key, depth: depth + 1, path: path, lineOffset: lineOffset, limits: limits)
                try checkStructure(value, depth: depth + 1, path: path, lineOffset: lineOffset, limits: limits)
            }
        case .sequence(let sequence):
            for item in sequence {
                try checkStructure(item, depth: depth + 1, path: path, lineOffset: lineOffset, limits: limits)
            }
        case .scalar, .alias:
            break
        }
    }

    /// Turns a Yams error into one diagnostic at the file line where libyaml stopped.
    static func recordError(_ error: YamlError, path: String, lineOffset: Int) -> RecordError {
        let described = YAMLErrorText.describe(error)
        return RecordError(SourceLocation(file: path, line: described.line + lineOffset), "YAML error: \(described.message)")
    }
}

/// One-line text and line number for a Yams error (shared with the Mappings loader).
public enum YAMLErrorText {
    /// The line (1-based, within the YAML text) and message of `error`.
    public static func describe(_ error: YamlError) -> (line: Int, message: String) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return (mark.line, prefix + problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (context.mark.line, "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))")
        case .reader(let problem, _, _, _):
            return (1, problem)
        default:
            return (1, "\(error)")
        }
    }
}
