/// Normalises the identifier spellings found in PFOCR rows to bare local ids, and rejects
/// anything else so that no malformed id reaches an IRI or a database key.
public enum IdentifierSyntax {
    /// An NCBI Gene id or NCBI Taxonomy id: ASCII digits only (`2915`).
    public static func numeric(_ text: String) -> String? {
        // Most ids come trimmed already: check them as they are before trimming a copy.
        if isDigits(text) { return text }
        let trimmed = text.trimmingASCIIWhitespace()
        return isDigits(trimmed) ? trimmed : nil
    }

    /// One to 18 ASCII digits.
    private static func isDigits(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard !utf8.isEmpty, utf8.count <= 18 else { return false }
        return utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        } ?? utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// A MeSH id, with or without a `mesh:` prefix: one capital letter and digits (`D018350`).
    public static func mesh(_ text: String) -> String? {
        let local = stripPrefix(text.trimmingASCIIWhitespace(), "mesh")
        let bytes = Array(local.utf8)
        guard bytes.count >= 2, bytes.count <= 16, bytes[0] >= UInt8(ascii: "A"), bytes[0] <= UInt8(ascii: "Z"),
            bytes.dropFirst().allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        return local
    }

    /// A ChEBI id as its number: `chebi:15846`, `CHEBI:15846` and `15846` all give `15846`.
    public static func chebi(_ text: String) -> String? {
        numeric(stripPrefix(text.trimmingASCIIWhitespace(), "chebi"))
    }

    /// A Disease Ontology id as its number, leading zeros kept: `doid:0060239`, `DOID:162`.
    public static func doid(_ text: String) -> String? {
        numeric(stripPrefix(text.trimmingASCIIWhitespace(), "doid"))
    }

    /// `text` without a leading `prefix:` in any letter case.
    static func stripPrefix(_ text: String, _ prefix: String) -> String {
        guard let colon = text.firstIndex(of: ":") else { return text }
        guard text[..<colon].lowercased() == prefix else { return text }
        return String(text[text.index(after: colon)...])
    }
}
