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
        // Checked on the bytes in place: stepping through the UTF-8 view cost some forty
        // instructions a byte.
        let valid = local.utf8.withContiguousStorageIfAvailable(isMeSHLocal) ?? isMeSHLocal(Array(local.utf8))
        return valid ? local : nil
    }

    /// One capital letter and one to 15 digits.
    private static func isMeSHLocal(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, bytes.count >= 2, bytes.count <= 16, first >= UInt8(ascii: "A"),
            first <= UInt8(ascii: "Z")
        else { return false }
        return bytes.dropFirst().allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    private static func isMeSHLocal(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer(isMeSHLocal)
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
    ///
    /// `prefix` is lowercase ASCII letters. The text before the colon is compared byte by
    /// byte, ASCII letter case folded: no other character lowercases to, or is canonically
    /// equivalent to, one of the letters of `mesh`, `chebi` or `doid` (the Kelvin sign is to
    /// `k`), so this is `text[..<colon].lowercased() == prefix` without lowercasing the text
    /// as Unicode. (A colon followed by a combining mark is no colon as a `Character`, but
    /// the id after it then starts with that mark and is rejected either way.)
    static func stripPrefix(_ text: String, _ prefix: String) -> String {
        // On the bytes in place where they are contiguous (all but bridged strings): stepping
        // through the UTF-8 views cost some two thousand instructions per id.
        let stripped = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            prefix.utf8.withContiguousStorageIfAvailable { prefix -> String? in
                let count = prefix.count
                guard bytes.count > count, bytes[count] == UInt8(ascii: ":") else { return nil }
                for index in 0..<count where bytes[index] | 0x20 != prefix[index] { return nil }
                // After the ASCII colon: a scalar boundary, and the bytes `text[after...]` holds.
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[(count + 1)...]), as: UTF8.self)
            } ?? stripPrefixAsViews(text, prefix)
        }
        return stripped.map { $0 ?? text } ?? stripPrefixAsViews(text, prefix) ?? text
    }

    /// ``stripPrefix(_:_:)`` over the UTF-8 views (for texts whose bytes are not contiguous);
    /// nil when there is no prefix to strip.
    private static func stripPrefixAsViews(_ text: String, _ prefix: String) -> String? {
        let utf8 = text.utf8
        let count = prefix.utf8.count
        guard utf8.count > count else { return nil }
        let colon = utf8.index(utf8.startIndex, offsetBy: count)
        guard utf8[colon] == UInt8(ascii: ":") else { return nil }
        // A byte ORed with 0x20 is a given lowercase letter only when it is that letter or
        // its capital.
        guard zip(utf8[..<colon], prefix.utf8).allSatisfy({ $0 | 0x20 == $1 }) else { return nil }
        return String(text[utf8.index(after: colon)...])
    }
}
