/// Text as XML 1.0 element content can carry it.
///
/// XML 1.0 allows only `#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`.
/// libxml2's `xmlTextWriter` escapes markup but copies a U+0001 through, which gives a file no
/// parser accepts, so forbidden characters are removed here and counted. Nothing else of the
/// text changes: `&`, `<`, `>` become `&amp;` `&lt;` `&gt;`, and CR becomes `&#13;` (a raw CR
/// would be read back as LF). `"` and `'` stay as they are, since content needs no quoting
/// (libxml2's own escaping writes `&quot;`, six bytes for every quote of the JSON lists).
/// Tabs and line feeds stay raw: parsers keep them in element content. Swift strings hold no
/// lone surrogates.
enum XMLText {
    /// `text` as escaped element content without the characters XML 1.0 forbids, and how many
    /// characters were removed.
    static func content(_ text: String) -> (text: String, removed: Int) {
        if isPlain(text) { return (text, 0) }
        var result = String()
        result.reserveCapacity(text.utf8.count + 16)
        var removed = 0
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result.append("&amp;")
            case "<": result.append("&lt;")
            case ">": result.append("&gt;")
            case "\r": result.append("&#13;")
            default:
                if isAllowed(scalar) {
                    result.unicodeScalars.append(scalar)
                } else {
                    removed += 1
                }
            }
        }
        return (result, removed)
    }

    /// `text` without the characters XML 1.0 forbids (no escaping), and how many were removed.
    static func stripped(_ text: String) -> (text: String, removed: Int) {
        if isAllowed(text) { return (text, 0) }
        var removed = 0
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isAllowed(scalar) {
                result.append(scalar)
            } else {
                removed += 1
            }
        }
        return (String(result), removed)
    }

    /// Whether `text` can be written as content as it is: no forbidden character, nothing
    /// to escape (`&`, `<`, `>`, CR). A scan of the UTF-8 bytes, the path almost every value takes.
    static func isPlain(_ text: String) -> Bool {
        scan(text, markupAllowed: false)
    }

    /// Whether XML 1.0 allows every character of `text` (a scan of the UTF-8 bytes).
    static func isAllowed(_ text: String) -> Bool {
        scan(text, markupAllowed: true)
    }

    /// The byte scan behind ``isPlain(_:)`` and ``isAllowed(_:)``: rejects characters XML 1.0
    /// forbids (controls but tab, LF, CR; U+FFFE, U+FFFF) and, unless `markupAllowed`, also
    /// the characters that need escaping as content (`&`, `<`, `>`, CR).
    private static func scan(_ text: String, markupAllowed: Bool) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte < 0x20 {
                    if byte != 0x09 && byte != 0x0A && !(markupAllowed && byte == 0x0D) { return false }
                } else if !markupAllowed && (byte == 0x26 || byte == 0x3C || byte == 0x3E) {
                    return false
                } else if byte == 0xEF, index + 2 < count, bytes[index + 1] == 0xBF, bytes[index + 2] & 0xFE == 0xBE {
                    // EF BF BE / EF BF BF: U+FFFE, U+FFFF.
                    return false
                }
                index += 1
            }
            return true
        }
    }

    /// Whether XML 1.0 allows `scalar` (surrogates cannot occur in a Unicode scalar).
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x00...0x1F: false
        case 0xFFFE, 0xFFFF: false
        default: true
        }
    }
}
