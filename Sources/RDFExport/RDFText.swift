/// The lexical rules shared by Turtle and N-Triples: IRIs, string literals, prefixed names.
///
/// Everything here follows the strict grammar (pyoxigraph and raptor are the consumers, see
/// FORMATS.md): IRIs never hold a raw character from U+0000-U+0020 or `<>"{}|^`\`` (they are
/// percent-encoded, never `\u`-escaped); strings escape `"` `\` LF CR with their short
/// escapes and every other control character with `\uXXXX`.
public enum RDFText {
    /// Appends `<iri>`, percent-encoding any character an IRI reference cannot hold raw.
    ///
    /// The inputs are already encoded by ``PrefixSet/iri(_:)`` or the builder's link
    /// cleaning; this is the last line of defence, so a bad Mappings template or a future
    /// property cannot produce a file strict parsers reject.
    public static func appendIRI(_ iri: String, to out: inout String) {
        out.append("<")
        if iri.utf8.allSatisfy({ !isForbiddenInIRI($0) }) {
            out.append(iri)
        } else {
            for scalar in iri.unicodeScalars {
                if scalar.isASCII && isForbiddenInIRI(UInt8(scalar.value)) {
                    appendPercent(UInt8(scalar.value), to: &out)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append(">")
    }

    /// `<iri>` as a new string.
    public static func iri(_ iri: String) -> String {
        var out = String()
        appendIRI(iri, to: &out)
        return out
    }

    /// Bytes an IRI reference may not hold raw (Turtle `IRIREF`, N-Triples `IRIREF`).
    static func isForbiddenInIRI(_ byte: UInt8) -> Bool {
        switch byte {
        case 0...0x20, 0x7F, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "{"),
            UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "\\"):
            return true
        default:
            return false
        }
    }

    static func appendPercent(_ byte: UInt8, to out: inout String) {
        let digits = Array("0123456789ABCDEF".unicodeScalars)
        out.append("%")
        out.unicodeScalars.append(digits[Int(byte >> 4)])
        out.unicodeScalars.append(digits[Int(byte & 0x0F)])
    }

    /// Appends `"text"` as a short string literal valid in both Turtle and N-Triples.
    ///
    /// `"` `\` LF CR TAB get their short escapes (`\b` and `\f` too); every other C0
    /// control and DEL become `\u00XX`, so the file holds no raw control character a
    /// line-oriented tool could mangle. Everything else, astral-plane characters included,
    /// is written as UTF-8.
    public static func appendString(_ text: String, to out: inout String) {
        out.append("\"")
        if !text.utf8.contains(where: needsEscape) {
            out.append(text)
            out.append("\"")
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case "\u{08}": out.append("\\b")
            case "\u{0C}": out.append("\\f")
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out.append("\\u00")
                    let digits = Array("0123456789ABCDEF".unicodeScalars)
                    out.unicodeScalars.append(digits[Int(scalar.value >> 4)])
                    out.unicodeScalars.append(digits[Int(scalar.value & 0x0F)])
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
    }

    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F
    }

    /// True when `local` can be written after `prefix:` without any escape:
    /// `[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?` (FORMATS.md's simple rule; anything
    /// else is written as a full `<IRI>`).
    public static func isSafeLocalName(_ local: String) -> Bool {
        let bytes = local.utf8
        guard let first = bytes.first, let last = bytes.last else { return false }
        guard isWordByte(first) && (isWordByte(last) || last == UInt8(ascii: "-")) else { return false }
        return bytes.allSatisfy { isWordByte($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }

    /// True when `prefix` is a Turtle `PN_PREFIX` we can declare (ASCII subset):
    /// `[A-Za-z]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?`.
    public static func isValidPrefixName(_ prefix: String) -> Bool {
        let bytes = prefix.utf8
        guard let first = bytes.first, let last = bytes.last else { return false }
        let isLetter = { (byte: UInt8) in (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        guard isLetter(first), isWordByte(last) || last == UInt8(ascii: "-") else { return false }
        return bytes.allSatisfy { isWordByte($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }

    /// True when `iri` starts with a scheme (`http:`, `urn:`): an absolute IRI, which
    /// N-Triples requires. Relative links are written as `xsd:anyURI` literals instead.
    public static func isAbsoluteIRI(_ iri: String) -> Bool {
        var sawLetter = false
        for byte in iri.utf8 {
            if byte == UInt8(ascii: ":") { return sawLetter }
            let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            if !sawLetter {
                guard isLetter else { return false }
                sawLetter = true
                continue
            }
            guard isLetter || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") else { return false }
        }
        return false
    }
}
