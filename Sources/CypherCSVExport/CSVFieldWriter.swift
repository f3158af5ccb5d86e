/// Writes CSV fields the way `neo4j-admin database import full` reads them with the options of
/// `import.sh` (and the way Kuzu and LOAD CSV read them too), counting what it had to change.
///
/// Rules (FORMATS.md, "Cypher CSV"):
/// - Every text field is quoted; a quote inside is doubled (`""`). A backslash is an ordinary
///   character: neo4j-admin runs with `--legacy-style-quoting=false`, so nothing is escaped
///   with it.
/// - No line break inside a field (`--multiline-fields=false`): CR LF, CR, LF, VT, FF, NEL,
///   U+2028 and U+2029 become one space each. The values changed are counted.
/// - Array elements are joined with ``arrayDelimiter`` (U+001F, the ASCII unit separator),
///   which neo4j-admin cannot escape; an element holding it gets a space instead, counted.
struct CSVFieldWriter {
    /// The array delimiter: U+001F, ASCII's "unit separator". neo4j-admin takes one character
    /// (`--array-delimiter=U+001F`) and Kuzu's `string_split` any string; unlike `;` or `|`
    /// (which OCR words and names contain) it never occurs in PFOCR text.
    static let arrayDelimiter: Unicode.Scalar = "\u{1F}"
    static let arrayDelimiterByte: UInt8 = 0x1F

    /// Values (fields or array elements) whose line breaks became spaces.
    private(set) var normalisedLineBreaks = 0
    /// Array elements that held the array delimiter, which became a space.
    private(set) var cleanedArrayElements = 0
    /// Fields where a backslash ends up right before a quote (`\"`): neo4j-admin reads them
    /// correctly, but LOAD CSV under its default `dbms.import.csv.legacy_quote_escaping=true`
    /// would not; the sink reports the count so the user knows whether that setting matters.
    private(set) var backslashQuoteFields = 0

    /// Appends `text` as one quoted field.
    mutating func appendText(_ text: String, to out: inout String) {
        out.append("\"")
        let scan = appendContent(text, element: false, to: &out)
        if scan.backslashQuote || scan.endsWithBackslash { backslashQuoteFields += 1 }
        out.append("\"")
    }

    /// Appends `items` as one quoted array field; nothing at all (null) for an empty list.
    ///
    /// neo4j-admin reads a field of length 0 as an empty array, which it does not store, so a
    /// one-element list holding an empty string also imports as no property.
    mutating func appendList(_ items: [String], to out: inout String) {
        guard !items.isEmpty else { return }
        out.append("\"")
        var hazard = false
        var endsWithBackslash = false
        for (index, item) in items.enumerated() {
            if index > 0 { out.unicodeScalars.append(CSVFieldWriter.arrayDelimiter) }
            let scan = appendContent(item, element: true, to: &out)
            hazard = hazard || scan.backslashQuote
            endsWithBackslash = scan.endsWithBackslash
        }
        if hazard || endsWithBackslash { backslashQuoteFields += 1 }
        out.append("\"")
    }

    /// What ``appendContent(_:element:to:)`` saw.
    private struct Scan {
        /// A backslash right before a quote inside the value.
        var backslashQuote = false
        /// The value's last character is a backslash (the closing quote may follow it).
        var endsWithBackslash = false
    }

    /// Appends the field content (no surrounding quotes). A fast path copies text that needs
    /// no change in one append; only text with a quote, a backslash, a line break, a C2/E2
    /// lead byte (NEL, U+2028, U+2029) or, in elements, the array delimiter is walked by
    /// scalar.
    private mutating func appendContent(_ text: String, element: Bool, to out: inout String) -> Scan {
        var special = false
        for byte in text.utf8 {
            switch byte {
            case 0x0A, 0x0B, 0x0C, 0x0D, 0x22, 0x5C, 0xC2, 0xE2:
                special = true
            case CSVFieldWriter.arrayDelimiterByte where element:
                special = true
            default:
                continue
            }
            break
        }
        if !special {
            out.append(text)
            return Scan()
        }
        var scan = Scan()
        var normalised = false
        var cleaned = false
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n" where previous == "\r":
                // The LF of a CR LF: the CR already became the one space.
                break
            case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}":
                out.append(" ")
                normalised = true
            case "\"":
                if previous == "\\" { scan.backslashQuote = true }
                out.append("\"\"")
            case CSVFieldWriter.arrayDelimiter where element:
                out.append(" ")
                cleaned = true
            default:
                out.unicodeScalars.append(scalar)
            }
            previous = scalar
        }
        if normalised { normalisedLineBreaks += 1 }
        if cleaned { cleanedArrayElements += 1 }
        scan.endsWithBackslash = previous == "\\"
        return scan
    }
}
