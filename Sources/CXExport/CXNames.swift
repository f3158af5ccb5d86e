import PFOCRGraph

/// An attribute name with its key in the export's ``CXNames`` (``CXNames/unknown`` for a
/// name the table does not hold, which is then compared by its text).
struct CXName: Sendable {
    let text: String
    let key: Int

    /// True when both name the same attribute: equal keys, or equal texts for names outside
    /// the table (a known name always has its key, so the two kinds never name one attribute).
    func matches(key other: Int, text otherText: String) -> Bool {
        key == other && (key != CXNames.unknown || text == otherText)
    }
}

/// Every attribute name the export's networks can use (the fixed ones and the vocabulary's),
/// each with a small integer key and its JSON string spelled once, made with the builder.
///
/// Why: a network checks every attribute against the names its element and its aspect
/// already have, and writes every name as JSON. Comparing `String`s that differ goes through
/// the standard library's slow comparison, and escaping a name costs a call per name, for
/// every attribute of every node; integer keys and spelled names make both a few instructions.
struct CXNames: Sendable {
    /// The key of a name the table does not hold.
    static let unknown = -1

    private var keys: [String: Int] = [:]
    /// Every name's JSON string literal, back to back; ``ranges`` gives each key's.
    private var json: [UInt8] = []
    private var ranges: [Range<Int>] = []
    /// Every name's text, by key.
    private var texts: [String] = []

    /// Adds `text` if new; returns its name.
    @discardableResult
    mutating func add(_ text: String) -> CXName {
        if let key = keys[text] { return CXName(text: text, key: key) }
        let key = ranges.count
        keys[text] = key
        let start = json.count
        JSONText.appendString(text, to: &json)
        ranges.append(start..<json.count)
        texts.append(text)
        return CXName(text: text, key: key)
    }

    /// `text` as a name: with its key when the table holds it.
    func name(_ text: String) -> CXName {
        CXName(text: text, key: keys[text] ?? CXNames.unknown)
    }

    /// The text of name `key` (not ``unknown``).
    func text(_ key: Int) -> String { texts[key] }

    /// Every name spelled as a JSON string literal followed by `suffix` (`:` for a CX2 object
    /// key), for writers that copy a name and what follows it at once.
    func spelled(followedBy suffix: String) -> CXSpellings {
        var spellings = CXSpellings()
        for key in ranges.indices {
            let start = spellings.bytes.count
            spellings.bytes.append(contentsOf: json[ranges[key]])
            spellings.bytes.append(contentsOf: suffix.utf8)
            spellings.ranges.append(start..<spellings.bytes.count)
        }
        return spellings
    }

    /// Appends name `key` as a JSON string literal (the bytes ``JSONText/appendString(_:to:)``
    /// writes); false, appending nothing, for ``unknown`` (the caller writes the text). It
    /// takes the key alone so writers need not read (and copy) the attribute's name.
    func appendJSON(key: Int, to out: inout [UInt8]) -> Bool {
        guard key != CXNames.unknown else { return false }
        let range = ranges[key]
        json.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[range])) }
        return true
    }
}

/// Byte strings by index, back to back in one array (one allocation for all).
struct CXSpellings: Sendable {
    var bytes: [UInt8] = []
    var ranges: [Range<Int>] = []
}
