import PFOCRGraph

/// The lexical rules shared by Turtle and N-Triples: IRIs, string literals, prefixed names.
///
/// Everything here follows the strict grammar (pyoxigraph and raptor are the consumers, see
/// FORMATS.md): IRIs never hold a raw character from U+0000-U+0020 or `<>"{}|^`\`` (they are
/// percent-encoded, never `\u`-escaped); strings escape `"` `\` LF CR with their short
/// escapes and every other control character with `\uXXXX`.
///
/// Everything appends bytes: the renderers call these for every term of every triple on the
/// worker threads. Every character they escape is ASCII, so working on UTF-8 bytes gives the
/// same text as working on scalars (no byte of a multi-byte sequence is below 0x80).
public enum RDFText {
    /// Appends `<iri>`, percent-encoding any character an IRI reference cannot hold raw.
    ///
    /// The inputs are already encoded by ``PrefixSet/iri(_:)`` or the builder's link
    /// cleaning; this is the last line of defence, so a bad Mappings template or a future
    /// property cannot produce a file strict parsers reject.
    public static func appendIRI(_ iri: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "<"))
        appendIRIText(iri, to: &out)
        out.append(UInt8(ascii: ">"))
    }

    /// Appends the characters of `iri` without the angle brackets, percent-encoding as
    /// ``appendIRI(_:to:)`` does (for IRIs built in pieces: prefix, local id, suffix).
    static func appendIRIText(_ iri: String, to out: inout [UInt8]) {
        var iri = iri
        iri.withUTF8 { append($0, escaping: iriEscapes, to: &out) }
    }

    /// Appends `bytes` with each byte that has an entry in `escapes` replaced by it.
    private static func append(_ bytes: UnsafeBufferPointer<UInt8>, escaping escapes: ByteTable, to out: inout [UInt8])
    {
        let table = escapes.entries
        var start = 0
        for index in bytes.indices {
            let escape = table[Int(bytes[index])]
            guard !escape.isEmpty else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            out.append(contentsOf: escape)
            start = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    }

    /// Per byte value: its percent-encoding (`%20`) when an IRI reference cannot hold it raw,
    /// else empty.
    private static let iriEscapes = ByteTable(
        (0..<256).map { (value: Int) -> [UInt8] in
            isForbiddenInIRI(UInt8(value))
                ? [UInt8(ascii: "%"), Hex.upper(UInt8(value) >> 4), Hex.upper(UInt8(value) & 0x0F)] : []
        })

    /// Per byte value: its escape in a string literal, else empty. `"` `\` LF CR TAB BS FF
    /// have short escapes; every other C0 control and DEL is `\u00XX`.
    private static let stringEscapes = ByteTable(
        (0..<256).map { (value: Int) -> [UInt8] in
            let short: [Int: String] = [
                0x22: "\\\"", 0x5C: "\\\\", 0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t", 0x08: "\\b", 0x0C: "\\f",
            ]
            if let escape = short[value] { return Array(escape.utf8) }
            guard value < 0x20 || value == 0x7F else { return [] }
            return Array("\\u00".utf8) + [Hex.upper(UInt8(value) >> 4), Hex.upper(UInt8(value) & 0x0F)]
        })

    /// `<iri>` as bytes.
    public static func iri(_ iri: String) -> [UInt8] {
        var out: [UInt8] = []
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

    /// Appends `"text"` as a short string literal valid in both Turtle and N-Triples.
    ///
    /// `"` `\` LF CR TAB get their short escapes (`\b` and `\f` too); every other C0
    /// control and DEL become `\u00XX`, so the file holds no raw control character a
    /// line-oriented tool could mangle. Everything else, astral-plane characters included,
    /// is written as UTF-8.
    public static func appendString(_ text: String, to out: inout [UInt8]) {
        var text = text
        out.append(UInt8(ascii: "\""))
        text.withUTF8 { append($0, escaping: stringEscapes, to: &out) }
        out.append(UInt8(ascii: "\""))
    }

    /// ``appendString(_:to:)`` into a ``ByteBuffer``: the same bytes. Text with nothing to
    /// escape (almost every label and word) is one copy between the quotes.
    static func appendString(_ text: String, to out: inout ByteBuffer) {
        withUTF8Bytes(of: text) { bytes in
            guard let base = bytes.baseAddress, !containsStringEscape(bytes) else {
                appendEscapedString(bytes, to: &out)
                return
            }
            let count = bytes.count
            let target = out.reserve(count + 2)
            target.initialize(to: UInt8(ascii: "\""))
            (target + 1).initialize(from: base, count: count)
            (target + 1 + count).initialize(to: UInt8(ascii: "\""))
            out.commit(count + 2)
        }
    }

    /// The quoted literal of `bytes`, some of which have an entry in ``stringEscapes``.
    private static func appendEscapedString(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout ByteBuffer) {
        out.append(UInt8(ascii: "\""))
        append(bytes, escaping: stringEscapes, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// True when some byte of `bytes` is ``needsStringEscape(_:)``: eight bytes at a time
    /// (``wordNeedsStringEscape(_:)``), then byte by byte.
    @inline(__always)
    static func containsStringEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let count = bytes.count
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index &+ 8 <= count {
            if wordNeedsStringEscape(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) { return true }
            index &+= 8
        }
        while index < count {
            if needsStringEscape(base[index]) { return true }
            index &+= 1
        }
        return false
    }

    /// True when one of the eight bytes of `word` is ``needsStringEscape(_:)``: the classic
    /// "has a byte less than n" and "has a zero byte" word tests. Each may also flag a byte
    /// above one that truly matches (a borrow), never a word with no match, so the answer for
    /// the word is exact.
    @inline(__always)
    static func wordNeedsStringEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let hasZero = { (value: UInt64) in (value &- ones) & ~value & highs }
        let control = (word &- ones &* 0x20) & ~word & highs
        let quote = hasZero(word ^ (ones &* 0x22))
        let backslash = hasZero(word ^ (ones &* 0x5C))
        let delete = hasZero(word ^ (ones &* 0x7F))
        return control | quote | backslash | delete != 0
    }

    /// True for the bytes ``stringEscapes`` has an entry for: C0 controls, `"`, `\`, DEL.
    @inline(__always)
    static func needsStringEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F
    }

    /// ``appendIRI(_:to:)`` into a ``ByteBuffer``.
    static func appendIRI(_ iri: String, to out: inout ByteBuffer) {
        out.append(UInt8(ascii: "<"))
        withUTF8Bytes(of: iri) { append($0, escaping: iriEscapes, to: &out) }
        out.append(UInt8(ascii: ">"))
    }

    /// ``appendIRIText(_:to:)`` into a ``ByteBuffer``.
    static func appendIRIText(_ iri: String, to out: inout ByteBuffer) {
        withUTF8Bytes(of: iri) { append($0, escaping: iriEscapes, to: &out) }
    }

    /// ``append(_:escaping:to:)`` into a ``ByteBuffer``.
    private static func append(
        _ bytes: UnsafeBufferPointer<UInt8>, escaping escapes: ByteTable, to out: inout ByteBuffer
    ) {
        let table = escapes.entries
        var start = 0
        for index in bytes.indices {
            let escape = table[Int(bytes[index])]
            guard !escape.isEmpty else { continue }
            out.append(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            out.append(escape)
            start = index + 1
        }
        out.append(UnsafeBufferPointer(rebasing: bytes[start...]))
    }

    /// True when `local` can be written after `prefix:` without any escape:
    /// `[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?` (FORMATS.md's simple rule; anything
    /// else is written as a full `<IRI>`).
    public static func isSafeLocalName(_ local: String) -> Bool {
        isSafeLocalName(bytes: local.utf8)
    }

    static func isSafeLocalName<Bytes: BidirectionalCollection<UInt8>>(bytes: Bytes) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        guard isWordByte(first) && (isWordByte(last) || last == UInt8(ascii: "-")) else { return false }
        return bytes.allSatisfy { isWordByte($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }

    /// True when `prefix` is a Turtle `PN_PREFIX` we can declare (ASCII subset):
    /// `[A-Za-z]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?`.
    public static func isValidPrefixName(_ prefix: String) -> Bool {
        let bytes = prefix.utf8
        guard let first = bytes.first, (first | 0x20) >= UInt8(ascii: "a") && (first | 0x20) <= UInt8(ascii: "z") else {
            return false
        }
        return isSafeLocalName(bytes: bytes)
    }

    /// ``isSafeLocalName(_:)`` of UTF-8 bytes, as the writers check every node id: a mask test
    /// per byte (``isNameByte(_:)``).
    @inline(__always)
    static func isSafeLocalName(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        guard isWordByte(first) && (isWordByte(last) || last == UInt8(ascii: "-")) else { return false }
        for byte in bytes where !isNameByte(byte) { return false }
        return true
    }

    /// True for `[A-Za-z0-9_.-]`, as two bit masks over ASCII (a test checks every byte).
    @inline(__always)
    static func isNameByte(_ byte: UInt8) -> Bool {
        if byte < 64 { return (0x03FF_6000_0000_0000 as UInt64) &>> byte & 1 != 0 }
        return byte < 128 && (0x07FF_FFFE_87FF_FFFE as UInt64) &>> (byte &- 64) & 1 != 0
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
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
            guard
                isLetter || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            else { return false }
        }
        return false
    }
}

extension Array where Element == UInt8 {
    /// Appends `bytes`, borrowing them: `append(contentsOf:)` takes its argument owned, which
    /// costs a retain and a release of the source per call, for every term of every triple.
    @inline(__always)
    mutating func append(borrowing bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append(contentsOf: $0) }
    }
}
