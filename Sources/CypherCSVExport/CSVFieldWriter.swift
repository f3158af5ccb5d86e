import PFOCRGraph
import PFOCRRecords

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
///
/// It appends bytes and lives for one figure's rendering on a worker thread: its counts are
/// the lanes of ``tally`` that the renderer moves into each row's segment
/// (``takeTally(rows:)``), so only rows that are written count.
struct CSVFieldWriter {
    /// The array delimiter: U+001F, ASCII's "unit separator". neo4j-admin takes one character
    /// (`--array-delimiter=U+001F`) and Kuzu's `string_split` any string; unlike `;` or `|`
    /// (which OCR words and names contain) it never occurs in PFOCR text.
    static let arrayDelimiterByte: UInt8 = 0x1F

    /// Tally lanes. Lane 0 is the rows lane, which the renderer fills.
    static let rowsLane = 0
    /// Values (fields or array elements) whose line breaks became spaces.
    static let lineBreaksLane = 1
    /// Array elements that held the array delimiter, which became a space.
    static let arrayElementsLane = 2
    /// Fields where a backslash ends up right before a quote (`\"`): neo4j-admin reads them
    /// correctly, but LOAD CSV under its default `dbms.import.csv.legacy_quote_escaping=true`
    /// would not; the sink reports the count so the user knows whether that setting matters.
    static let backslashQuoteLane = 3

    /// What was changed since the last ``takeTally(rows:)``, by lane.
    private(set) var tally = SIMD4<Int>.zero

    var normalisedLineBreaks: Int { tally[CSVFieldWriter.lineBreaksLane] }
    var cleanedArrayElements: Int { tally[CSVFieldWriter.arrayElementsLane] }
    var backslashQuoteFields: Int { tally[CSVFieldWriter.backslashQuoteLane] }

    /// The counts since the last call, with `rows` in the rows lane; starts counting afresh.
    mutating func takeTally(rows: Int) -> SIMD4<Int> {
        var taken = tally
        taken[CSVFieldWriter.rowsLane] = rows
        tally = .zero
        return taken
    }

    /// Appends `text` as one quoted field.
    mutating func appendText(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let scan = appendContent(text, element: false, to: &out)
        if scan.backslashQuote || scan.endsWithBackslash { tally[CSVFieldWriter.backslashQuoteLane] += 1 }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends `prefix` and then `text` as one quoted field. `prefix` must be plain (see
    /// ``isPlain(_:)``): nothing in it is changed or counted, and it cannot end in a backslash,
    /// so the field is the one ``appendText(_:to:)`` writes for the joined text.
    mutating func appendText(plainPrefix prefix: [UInt8], _ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: prefix)
        let scan = appendContent(text, element: false, to: &out)
        if scan.backslashQuote || scan.endsWithBackslash { tally[CSVFieldWriter.backslashQuoteLane] += 1 }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends `items` as one quoted array field; nothing at all (null) for an empty list.
    ///
    /// neo4j-admin reads a field of length 0 as an empty array, which it does not store, so a
    /// one-element list holding an empty string also imports as no property.
    mutating func appendList(_ items: [String], to out: inout [UInt8]) {
        guard !items.isEmpty else { return }
        out.append(UInt8(ascii: "\""))
        var hazard = false
        var endsWithBackslash = false
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(CSVFieldWriter.arrayDelimiterByte) }
            let scan = appendContent(item, element: true, to: &out)
            hazard = hazard || scan.backslashQuote
            endsWithBackslash = scan.endsWithBackslash
        }
        if hazard || endsWithBackslash { tally[CSVFieldWriter.backslashQuoteLane] += 1 }
        out.append(UInt8(ascii: "\""))
    }

    /// True when `bytes` need no change in any field and hold no backslash: ids' CURIE
    /// prefixes, labels and types, which the renderer writes as precomputed bytes.
    static func isPlain(_ bytes: [UInt8]) -> Bool {
        !bytes.contains { isSpecial($0, element: true) }
    }

    /// Bytes that send a value down the slow path: a quote, a backslash, a line break, a
    /// C2/E2 lead byte (NEL, U+2028, U+2029) or, in elements, the array delimiter.
    @inline(__always)
    private static func isSpecial(_ byte: UInt8, element: Bool) -> Bool {
        switch byte {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x22, 0x5C, 0xC2, 0xE2: true
        case CSVFieldWriter.arrayDelimiterByte: element
        default: false
        }
    }

    /// True when one of the eight bytes of `word` may be special: a byte below 0x20 (line
    /// breaks, the array delimiter, and controls that turn out plain), a quote, a backslash,
    /// or a C2/E2 lead byte.
    @inline(__always)
    private static func maySpecial(_ word: UInt64) -> Bool {
        ByteWord.hasByte(below: 0x20, in: word) || ByteWord.hasByte(0x22, in: word)
            || ByteWord.hasByte(0x5C, in: word) || ByteWord.hasByte(0xC2, in: word) || ByteWord.hasByte(0xE2, in: word)
    }

    /// What ``appendContent(_:element:to:)`` saw.
    private struct Scan {
        /// A backslash right before a quote inside the value.
        var backslashQuote = false
        /// The value's last character is a backslash (the closing quote may follow it).
        var endsWithBackslash = false
    }

    /// Appends the field content (no surrounding quotes). Runs of bytes that need no change
    /// are found eight bytes at a time (``maySpecial(_:)``) and copied in one append; only a
    /// special byte (``isSpecial(_:element:)``) is looked at. The text is valid UTF-8, so a
    /// byte before a special one is a whole character when it is ASCII: `previous` is the
    /// last byte of the character before.
    private mutating func appendContent(_ text: String, element: Bool, to out: inout [UInt8]) -> Scan {
        var text = text
        return text.withUTF8 { utf8 in
            var scan = Scan()
            var normalised = false
            var cleaned = false
            var start = 0
            var index = 0
            let count = utf8.count
            guard let base = utf8.baseAddress else { return scan }
            while index < count {
                if index + 8 <= count, !CSVFieldWriter.maySpecial(ByteWord.load(base, at: index)) {
                    index += 8
                    continue
                }
                let byte = utf8[index]
                guard CSVFieldWriter.isSpecial(byte, element: element) else {
                    index += 1
                    continue
                }
                let previous: UInt8 = index > 0 ? utf8[index - 1] : 0x20
                // The bytes this character replaces, and what it becomes (nil: kept as is).
                var length = 1
                var replacement: StaticString? = nil
                switch byte {
                case 0x0A where previous == 0x0D:
                    // The LF of a CR LF: the CR already became the one space.
                    replacement = ""
                case 0x0A, 0x0B, 0x0C, 0x0D:
                    replacement = " "
                    normalised = true
                case 0x22:
                    if previous == 0x5C { scan.backslashQuote = true }
                    replacement = "\"\""
                case CSVFieldWriter.arrayDelimiterByte:
                    replacement = " "
                    cleaned = true
                case 0xC2 where index + 1 < count && utf8[index + 1] == 0x85:
                    length = 2
                    replacement = " "
                    normalised = true
                case 0xE2
                where index + 2 < count && utf8[index + 1] == 0x80
                    && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                    length = 3
                    replacement = " "
                    normalised = true
                default:
                    break
                }
                index += length
                guard let replacement else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<(index - length)]))
                out.append(replacement)
                start = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<count]))
            if normalised { tally[CSVFieldWriter.lineBreaksLane] += 1 }
            if cleaned { tally[CSVFieldWriter.arrayElementsLane] += 1 }
            scan.endsWithBackslash = count > 0 && utf8[count - 1] == 0x5C
            return scan
        }
    }
}
