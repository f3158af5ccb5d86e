import PFOCRGraph
import PFOCRRecords

/// File names from figids, which are untrusted input.
///
/// - A plain figid (``FigureRecord/isPlainName(_:)``: ASCII letters, digits, `.`, `_`, `-`,
///   not starting with `.`, at most 200 bytes) is the name as it is.
/// - Any other figid becomes `~` followed by its UTF-8 bytes, ASCII letters, digits, `.`,
///   `_` and `-` kept and every other byte written `%XX` (upper-case hex). Plain figids
///   never contain `~` or `%`, and the escaping is reversible, so no two figids share a name;
///   the result holds no `/` and cannot be `.` or `..`.
/// - An encoded name longer than 200 bytes keeps its first 160 bytes (never cutting an
///   escape) and ends with `~` and 32 hex digits of the figid's SHA-256. Untruncated encoded
///   names hold only one `~` (the first byte), so they never equal a truncated one; two
///   truncated names are equal only if SHA-256 collides.
///
/// On case-insensitive file systems (macOS by default) two figids differing only in case
/// would share a file; PFOCR figids are PMC ids and file stems, which do not collide so.
public enum CXFileName {
    static let maximumLength = 200
    static let keptPrefixLength = 160

    /// The file name stem (without extension) of `figid`.
    public static func stem(_ figid: String) -> String {
        if FigureRecord.isPlainName(figid) { return figid }
        var out = "~"
        out.reserveCapacity(figid.utf8.count * 3 + 1)
        for byte in figid.utf8 {
            if NameBytes.isNameByte(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                Hex.appendPercentEscaped(byte, to: &out)
            }
        }
        guard out.utf8.count > maximumLength else { return out }
        var kept = Array(out.utf8.prefix(keptPrefixLength))
        // Never cut inside `%XX`.
        if let percent = kept.suffix(2).lastIndex(of: UInt8(ascii: "%")) {
            kept.removeSubrange(percent...)
        }
        var truncated = String(decoding: kept, as: UTF8.self)
        truncated.append("~")
        truncated.append(Hex.lowerString(SHA256Digest.hash(Array(figid.utf8)).prefix(16)))
        return truncated
    }
}
