import PFOCRRecords

/// Organism name → NCBI Taxonomy id: `Mappings/organisms.tsv`, and with `--taxonomy` every
/// scientific name and synonym of an NCBI taxdump `names.dmp`.
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

    /// The first name listed for `taxonID` (the scientific name, for a taxon only a taxonomy
    /// file names).
    public func name(for taxonID: String) -> String? { canonicalNames[taxonID] }

    public var count: Int { byName.count }

    /// The spelling names are matched by: lower case, runs of spaces and tabs as one space,
    /// none at either end. ASCII names (nearly all) are folded in one pass over their bytes;
    /// every figure looks its organisms up.
    static func key(_ name: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        var pendingSpace = false
        for byte in name.utf8 {
            guard byte < 0x80 else { return unicodeKey(name) }
            if byte == 0x20 || byte == 0x09 {
                pendingSpace = !bytes.isEmpty
                continue
            }
            if pendingSpace {
                bytes.append(0x20)
                pendingSpace = false
            }
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// ``key(_:)`` for any text, by Unicode lower-casing.
    static func unicodeKey(_ name: String) -> String {
        name.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// The `names.dmp` name classes that name an organism the way a curator would write it.
    /// Common names (`mouse`) are left out: they are no curated organism's spelling.
    static let taxonomyNameClasses: Set<String> = ["scientific name", "synonym", "equivalent name", "genbank synonym"]

    /// Adds the names of an NCBI taxdump `names.dmp` file (`bytes`, read from `path`): lines
    /// `tax_id\t|\tname_txt\t|\tunique name\t|\tname class\t|`.
    ///
    /// The table's own entries win (they are curated); then scientific names; then synonyms
    /// and equivalent names where no scientific name has the spelling. A spelling that names
    /// two taxa in the same rank of that order (a homonym) is left out: it cannot be placed.
    /// Taxa the table does not name get their scientific name as their display name.
    public mutating func addTaxonomy(namesDump bytes: [UInt8], path: String) throws(MappingError) {
        // Per key: the taxon, or nil once a second taxon claims the key (ambiguous).
        var scientific: [String: String?] = [:]
        var synonyms: [String: String?] = [:]
        var scientificNames: [String: String] = [:]
        var lineNumber = 0
        var start = 0
        let separator: [UInt8] = [0x09, 0x7C, 0x09]  // "\t|\t"
        while start < bytes.count {
            lineNumber += 1
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            var line = bytes[start..<end]
            start = end + 1
            if line.last == 0x0D { line = line.dropLast() }
            if line.isEmpty { continue }
            if line.count >= 2 && line.suffix(2).elementsEqual([0x09, 0x7C]) { line = line.dropLast(2) }
            var fields: [ArraySlice<UInt8>] = []
            var fieldStart = line.startIndex
            var index = line.startIndex
            while index + 3 <= line.endIndex {
                if line[index] == 0x09 && line[index + 1] == 0x7C && line[index + 2] == 0x09 {
                    fields.append(line[fieldStart..<index])
                    index += separator.count
                    fieldStart = index
                } else {
                    index += 1
                }
            }
            fields.append(line[fieldStart..<line.endIndex])
            guard fields.count == 4, let taxon = IdentifierSyntax.numeric(String(decoding: fields[0], as: UTF8.self))
            else {
                throw MappingError(
                    SourceLocation(file: path, line: lineNumber),
                    "expected 'tax_id<TAB>|<TAB>name<TAB>|<TAB>unique name<TAB>|<TAB>name class<TAB>|' (NCBI taxdump names.dmp)"
                )
            }
            let nameClass = String(decoding: fields[3], as: UTF8.self)
            guard OrganismTable.taxonomyNameClasses.contains(nameClass) else { continue }
            let name = String(decoding: fields[1], as: UTF8.self)
            let key = OrganismTable.key(name)
            guard !key.isEmpty else { continue }
            if nameClass == "scientific name" {
                scientificNames[taxon] = name
                OrganismTable.claim(&scientific, key, taxon)
            } else {
                OrganismTable.claim(&synonyms, key, taxon)
            }
        }
        for (key, taxon) in scientific {
            if let taxon, byName[key] == nil { byName[key] = taxon }
        }
        for (key, taxon) in synonyms where scientific[key] == nil {
            if let taxon, byName[key] == nil { byName[key] = taxon }
        }
        for (taxon, name) in scientificNames where canonicalNames[taxon] == nil {
            canonicalNames[taxon] = name
        }
    }

    /// Records that `taxon` uses `key`; a second taxon makes the key ambiguous (nil).
    private static func claim(_ table: inout [String: String?], _ key: String, _ taxon: String) {
        if let existing = table[key] {
            if existing != taxon { table[key] = .some(nil) }
        } else {
            table[key] = .some(taxon)
        }
    }

    /// Reads and adds a `names.dmp` file (``addTaxonomy(namesDump:path:)``); an unreadable
    /// file fails with its path.
    public mutating func addTaxonomy(file path: String) throws(MappingError) {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.contents(of: path, limit: 4 << 30)
        } catch {
            throw MappingError(error.location, error.message)
        }
        try addTaxonomy(namesDump: bytes, path: path)
    }
}
