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
/// It appends bytes to a ``ByteBuffer`` (whose appends are inlined; the `[UInt8]` forms, for
/// tests, go through one) and lives for one figure's rendering on a worker thread: its counts
/// are the lanes of ``tally`` that the renderer moves into each row's segment
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

    /// Adds counts spelled earlier (a field spelled once and written again).
    mutating func add(_ counts: SIMD4<Int>) {
        tally &+= counts
    }

    /// Appends `text` as one quoted field.
    mutating func appendText(_ text: String, to out: inout ByteBuffer) {
        withUTF8Bytes(of: text) { appendText($0, to: &out) }
    }

    /// Appends `utf8` (valid UTF-8) as one quoted field.
    mutating func appendText(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout ByteBuffer) {
        out.append(UInt8(ascii: "\""))
        let scan = appendContent(utf8, element: false, to: &out)
        if scan.backslashQuote || scan.endsWithBackslash { tally[CSVFieldWriter.backslashQuoteLane] += 1 }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends `prefix` and then `text` as one quoted field. `prefix` must be plain (see
    /// ``isPlain(_:)``): nothing in it is changed or counted, and it cannot end in a backslash,
    /// so the field is the one ``appendText(_:to:)`` writes for the joined text.
    mutating func appendText(plainPrefix prefix: UnsafeBufferPointer<UInt8>, _ text: String, to out: inout ByteBuffer) {
        out.append(UInt8(ascii: "\""))
        out.append(prefix)
        let scan = withUTF8Bytes(of: text) { appendContent($0, element: false, to: &out) }
        if scan.backslashQuote || scan.endsWithBackslash { tally[CSVFieldWriter.backslashQuoteLane] += 1 }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends `items` as one quoted array field; nothing at all (null) for an empty list.
    ///
    /// neo4j-admin reads a field of length 0 as an empty array, which it does not store, so a
    /// one-element list holding an empty string also imports as no property.
    mutating func appendList(_ items: [String], to out: inout ByteBuffer) {
        guard !items.isEmpty else { return }
        var list = ListField()
        for index in items.indices { appendElement(items[index], of: &list, to: &out) }
        closeList(list, to: &out)
    }

    /// An array field being written (``appendElement(_:of:to:)``, ``closeList(_:to:)``): what
    /// its elements saw so far. The renderer writes MENTIONS lists this way, straight from the
    /// evidence rows, with no list of strings made.
    struct ListField {
        var isEmpty = true
        var hazard = false
        var endsWithBackslash = false
    }

    /// Appends one element of an array field (the opening quote before the first, the
    /// delimiter before the others).
    @inline(__always)
    mutating func appendElement(_ item: String, of list: inout ListField, to out: inout ByteBuffer) {
        out.append(list.isEmpty ? UInt8(ascii: "\"") : CSVFieldWriter.arrayDelimiterByte)
        list.isEmpty = false
        let scan = withUTF8Bytes(of: item) { appendContent($0, element: true, to: &out) }
        list.hazard = list.hazard || scan.backslashQuote
        list.endsWithBackslash = scan.endsWithBackslash
    }

    /// Ends an array field: the closing quote after at least one element (nothing for none),
    /// and its count when a backslash stands before a quote.
    @inline(__always)
    mutating func closeList(_ list: ListField, to out: inout ByteBuffer) {
        guard !list.isEmpty else { return }
        if list.hazard || list.endsWithBackslash { tally[CSVFieldWriter.backslashQuoteLane] += 1 }
        out.append(UInt8(ascii: "\""))
    }

    /// ``appendText(_:to:)`` into an array (tests, and spelling fixed text).
    mutating func appendText(_ text: String, to out: inout [UInt8]) {
        var buffer = ByteBuffer()
        appendText(text, to: &buffer)
        out.append(contentsOf: buffer.bytes)
    }

    /// ``appendText(plainPrefix:_:to:)`` into an array.
    mutating func appendText(plainPrefix prefix: [UInt8], _ text: String, to out: inout [UInt8]) {
        var buffer = ByteBuffer()
        prefix.withUnsafeBufferPointer { appendText(plainPrefix: $0, text, to: &buffer) }
        out.append(contentsOf: buffer.bytes)
    }

    /// ``appendList(_:to:)`` into an array.
    mutating func appendList(_ items: [String], to out: inout [UInt8]) {
        var buffer = ByteBuffer()
        appendList(items, to: &buffer)
        out.append(contentsOf: buffer.bytes)
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

    /// The bytes of `word` that may be special, as their high bits (first byte lowest): a
    /// byte below 0x20 (line breaks, the array delimiter, and controls that turn out plain), a
    /// quote, a backslash, or any byte of 0x80 and up (C2/E2 lead bytes among them; other
    /// non-ASCII bytes turn out plain). Zero when none may be. The lowest bit set is exact:
    /// the bit tricks only mark bytes falsely above a true match, so it is the first byte to
    /// look at, and every byte before it is plain.
    @inline(__always)
    private static func candidates(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        let below = word &- ones &* 0x20
        return (below | (quotes &- ones) & ~quotes | (backslashes &- ones) & ~backslashes | word)
            & 0x8080_8080_8080_8080
    }

    /// The `count` (1 to 7) bytes at `base` as a word, first byte lowest, the rest spaces
    /// (plain): read with two overlapping loads, never past the end.
    @inline(__always)
    private static func tail(_ base: UnsafePointer<UInt8>, count: Int) -> UInt64 {
        let raw = UnsafeRawPointer(base)
        var word: UInt64
        if count >= 4 {
            let low = UInt64(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
            let high = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)))
            word = low | high &<< UInt64(8 &* (count &- 4))
        } else if count >= 2 {
            let low = UInt64(UInt16(littleEndian: raw.loadUnaligned(as: UInt16.self)))
            let high = UInt64(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: count &- 2, as: UInt16.self)))
            word = low | high &<< UInt64(8 &* (count &- 2))
        } else {
            word = UInt64(base[0])
        }
        return word | 0x2020_2020_2020_2020 &<< UInt64(8 &* count)
    }

    /// What ``appendContent(_:element:to:)`` saw.
    private struct Scan {
        /// A backslash right before a quote inside the value.
        var backslashQuote = false
        /// The value's last character is a backslash (the closing quote may follow it).
        var endsWithBackslash = false
    }

    /// Appends the field content (no surrounding quotes). Up to the first byte that may be
    /// special, words are copied as they are checked. From there, the next such byte is
    /// found eight bytes at a time (``candidates(_:)``; the last bytes padded with spaces,
    /// ``tail(_:count:)``), and runs of bytes that need no change are copied in one append;
    /// only a candidate byte is looked at (``isSpecial(_:element:)``). The text is valid
    /// UTF-8, so a byte before a special one is a whole character when it is ASCII:
    /// `previous` is the last byte of the character before.
    ///
    /// The first part is inlined into the callers (most values have nothing to change); the
    /// rest, from the first candidate byte on, is ``appendChanging(_:from:element:to:)``.
    @inline(__always)
    private mutating func appendContent(
        _ utf8: UnsafeBufferPointer<UInt8>, element: Bool, to out: inout ByteBuffer
    ) -> Scan {
        var scan = Scan()
        let count = utf8.count
        guard let base = utf8.baseAddress, count > 0 else { return scan }
        // Fast path: each word checked is stored at once (all eight bytes; only the checked
        // ones are kept), so a value with nothing to change is read once and written once.
        var index = 0
        let room = UnsafeMutableRawPointer(out.reserve(count &+ 8))
        while index < count {
            let left = count &- index
            let word = left >= 8 ? ByteWord.load(base, at: index) : CSVFieldWriter.tail(base + index, count: left)
            (room + index).storeBytes(of: word.littleEndian, as: UInt64.self)
            let found = CSVFieldWriter.candidates(word)
            if found != 0 {
                index &+= found.trailingZeroBitCount &>> 3
                break
            }
            index &+= 8
        }
        if index >= count {
            out.commit(count)
            scan.endsWithBackslash = base[count &- 1] == 0x5C
            return scan
        }
        out.commit(index)
        return appendChanging(utf8, from: index, element: element, to: &out)
    }

    /// ``appendContent(_:element:to:)`` from byte `index` on, a candidate: the bytes before it
    /// are written.
    @inline(never)
    private mutating func appendChanging(
        _ utf8: UnsafeBufferPointer<UInt8>, from index: Int, element: Bool, to out: inout ByteBuffer
    ) -> Scan {
        var scan = Scan()
        let count = utf8.count
        guard let base = utf8.baseAddress, count > 0 else { return scan }
        var index = index
        var normalised = false
        var cleaned = false
        var start = index
        while index < count {
            let left = count &- index
            let word = left >= 8 ? ByteWord.load(base, at: index) : CSVFieldWriter.tail(base + index, count: left)
            let found = CSVFieldWriter.candidates(word)
            if found == 0 {
                index &+= 8
                continue
            }
            // Padding is spaces, so a candidate is a byte of the text.
            index &+= found.trailingZeroBitCount &>> 3
            let byte = base[index]
            guard CSVFieldWriter.isSpecial(byte, element: element) else {
                index &+= 1
                continue
            }
            let previous: UInt8 = index > 0 ? base[index &- 1] : 0x20
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
            case 0xC2 where index + 1 < count && base[index + 1] == 0x85:
                length = 2
                replacement = " "
                normalised = true
            case 0xE2
            where index + 2 < count && base[index + 1] == 0x80
                && (base[index + 2] == 0xA8 || base[index + 2] == 0xA9):
                length = 3
                replacement = " "
                normalised = true
            default:
                break
            }
            index += length
            guard let replacement else { continue }
            out.append(utf8, start..<(index - length))
            out.append(replacement)
            start = index
        }
        out.append(utf8, start..<count)
        if normalised { tally[CSVFieldWriter.lineBreaksLane] += 1 }
        if cleaned { tally[CSVFieldWriter.arrayElementsLane] += 1 }
        scan.endsWithBackslash = base[count - 1] == 0x5C
        return scan
    }
}
