import PFOCRGraph
import PFOCRRecords

/// Text as XML 1.0 can carry it, appended as bytes: the escaping of every value the GraphML
/// file holds, done on the worker threads without building `String`s.
///
/// XML 1.0 allows only `#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`,
/// so the characters it forbids (controls but tab, LF, CR; U+FFFE, U+FFFF) are removed from
/// every value and counted: no parser accepts a file holding them. Swift strings hold no lone
/// surrogates, and every forbidden character is found in the UTF-8 by its bytes (a byte below
/// 0x20, or `EF BF BE`/`EF BF BF`), so one byte scan does it all; runs that need nothing are
/// copied whole. The scan first tests the text eight bytes at a time (``ByteWord``): nearly
/// every value needs nothing and is copied in one append.
///
/// The renderer writes into a ``ByteBuffer`` (inlined appends); the `[UInt8]` forms, for the
/// header and the tables rendered once, go through one.
///
/// The bytes are those the file had when libxml2's `xmlTextWriter` wrote it (the tests compare
/// them with libxml2's own output):
/// - Element content (``appendContent(_:to:)``): `&`, `<`, `>` become `&amp;` `&lt;` `&gt;`,
///   CR becomes `&#13;` (a raw CR would be read back as LF). Quotes stay as they are: content
///   needs no quoting, and libxml2's own `&quot;` would add six bytes for every quote of the
///   JSON lists. Tabs and line feeds stay raw: parsers keep them in element content.
/// - Attribute values (``appendAttribute(_:to:)``): libxml2's attribute escaping, which also
///   writes `"` as `&quot;` and tab, LF, CR as `&#9;` `&#10;` `&#13;` (attribute-value
///   normalisation would turn them into spaces). Non-ASCII stays UTF-8, as in the file libxml2
///   wrote (its document encoding was UTF-8).
/// - List items (``appendJSONArray(_:to:)``): the items without forbidden characters, as a
///   JSON array, escaped as content, so a word reads the same in a list as in a plain string.
enum XMLText {
    /// How a byte that may need escaping is written.
    private enum Mode {
        case content
        case attribute
        /// Inside a JSON string literal that is itself element content.
        case jsonContent
    }

    /// Appends `text` as escaped element content without the characters XML 1.0 forbids;
    /// returns how many characters were removed.
    @discardableResult
    static func appendContent(_ text: String, to out: inout [UInt8]) -> Int {
        appending(to: &out) { appendContent(text, to: &$0) }
    }

    /// Appends `text` as an attribute value (without its quotes), escaped as libxml2 escapes
    /// attributes, without the characters XML 1.0 forbids; returns how many were removed.
    @discardableResult
    static func appendAttribute(_ text: String, to out: inout [UInt8]) -> Int {
        appending(to: &out) { buffer in withUTF8Bytes(of: text) { append($0, .attribute, to: &buffer) } }
    }

    /// ``appendContent(_:to:)`` into a buffer.
    @discardableResult
    static func appendContent(_ text: String, to out: inout ByteBuffer) -> Int {
        withUTF8Bytes(of: text) { appendContent(bytes: $0, to: &out) }
    }

    /// ``appendContent(_:to:)`` of UTF-8 bytes.
    @inline(__always)
    static func appendContent(bytes: UnsafeBufferPointer<UInt8>, to out: inout ByteBuffer) -> Int {
        guard bytes.containsWord(where: mayNeedContent) else {
            out.append(bytes)
            return 0
        }
        return append(bytes, .content, to: &out)
    }

    /// Appends `items` as a JSON array of strings written as element content: each item
    /// without the characters XML 1.0 forbids (removed before JSON encoding, which would
    /// otherwise write a U+0001 as the text `\u0001`), JSON-escaped as ``JSONText`` escapes
    /// (`\"`, `\\`, `\t`, `\n`, `\r`), then `&`, `<`, `>` escaped as content. Returns how many
    /// characters were removed.
    static func appendJSONArray(_ items: some Sequence<String>, to out: inout ByteBuffer) -> Int {
        var removed = 0
        var separator = false
        out.append(UInt8(ascii: "["))
        for item in items {
            if separator { out.append(UInt8(ascii: ",")) }
            separator = true
            removed += appendJSONString(item, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        return removed
    }

    /// One item of ``appendJSONArray(_:to:)``, quoted: for a writer that walks the items
    /// itself.
    @inline(__always)
    static func appendJSONString(_ item: String, to out: inout ByteBuffer) -> Int {
        out.append(UInt8(ascii: "\""))
        let removed = withUTF8Bytes(of: item) { bytes in
            guard bytes.containsWord(where: mayNeedJSONContent) else {
                out.append(bytes)
                return 0
            }
            return append(bytes, .jsonContent, to: &out)
        }
        out.append(UInt8(ascii: "\""))
        return removed
    }

    /// ``appendJSONArray(_:to:)`` onto an array.
    static func appendJSONArray(_ items: some Sequence<String>, to out: inout [UInt8]) -> Int {
        appending(to: &out) { appendJSONArray(items, to: &$0) }
    }

    /// Runs `body` on a buffer whose bytes are then appended to `out`.
    private static func appending(to out: inout [UInt8], _ body: (inout ByteBuffer) -> Int) -> Int {
        var buffer = ByteBuffer()
        let removed = body(&buffer)
        out.append(contentsOf: buffer.bytes)
        return removed
    }

    /// True when one of the eight bytes of `word` may need something as content: a control
    /// character, `&`, `<`, `>`, or the lead byte of U+FFFE/U+FFFF.
    @inline(__always)
    private static func mayNeedContent(_ word: UInt64) -> Bool {
        candidates(word, ascii: borrows(word, 0x26) | borrows(word, 0x3C) | borrows(word, 0x3E))
    }

    /// ``mayNeedContent(_:)``, and `"` or a backslash, inside a JSON string.
    @inline(__always)
    private static func mayNeedJSONContent(_ word: UInt64) -> Bool {
        candidates(
            word,
            ascii: borrows(word, 0x26) | borrows(word, 0x3C) | borrows(word, 0x3E) | borrows(word, 0x22)
                | borrows(word, 0x5C))
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The borrows of ``ByteWord/hasByte(_:in:)``'s zero-byte test for `byte`, before its mask:
    /// the tests of several ASCII bytes share one mask (``candidates(_:ascii:)``) and one
    /// branch, where ``ByteWord``'s tests take a mask and a branch each.
    @inline(__always)
    private static func borrows(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        (word ^ (ones &* UInt64(byte))) &- ones
    }

    /// True when `word` has a byte below 0x20, one of the ASCII bytes whose ``borrows(_:_:)``
    /// are or-ed in `ascii`, or 0xEF. Exact, as each test alone: `x & ~y & highs` tests a byte
    /// of `y` for zero through its borrows `x`, and `~(word ^ c) & highs` is `~word & highs`
    /// for every `c` below 0x80, so the ASCII tests share it; 0xEF's flips the high bits.
    @inline(__always)
    private static func candidates(_ word: UInt64, ascii: UInt64) -> Bool {
        let belowSpace = word &- ones &* 0x20
        let lead = word ^ (ones &* 0xEF)
        return ((belowSpace | ascii) & ~word | (lead &- ones) & ~lead) & highs != 0
    }

    /// The scan: copies runs of bytes that need nothing, writes the escapes of `mode`, drops
    /// forbidden characters and counts them.
    private static func append(_ bytes: UnsafeBufferPointer<UInt8>, _ mode: Mode, to out: inout ByteBuffer) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var removed = 0
        var start = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = base[index]
            // Every byte that may need something is below 0x40, a backslash, or the lead byte
            // of U+FFFE/U+FFFF: the test that almost every byte takes.
            if byte >= 0x40 && byte != 0x5C && byte != 0xEF {
                index += 1
                continue
            }
            let escape: StaticString
            var length = 1
            switch byte {
            case 0x09:
                guard mode != .content else {
                    index += 1
                    continue
                }
                escape = mode == .attribute ? "&#9;" : "\\t"
            case 0x0A:
                guard mode != .content else {
                    index += 1
                    continue
                }
                escape = mode == .attribute ? "&#10;" : "\\n"
            case 0x0D:
                escape = mode == .jsonContent ? "\\r" : "&#13;"
            case 0x00..<0x20:
                escape = ""
                removed += 1
            case UInt8(ascii: "\""):
                guard mode != .content else {
                    index += 1
                    continue
                }
                escape = mode == .attribute ? "&quot;" : "\\\""
            case UInt8(ascii: "\\"):
                guard mode == .jsonContent else {
                    index += 1
                    continue
                }
                escape = "\\\\"
            case UInt8(ascii: "&"): escape = "&amp;"
            case UInt8(ascii: "<"): escape = "&lt;"
            case UInt8(ascii: ">"): escape = "&gt;"
            case 0xEF where index + 2 < count && bytes[index + 1] == 0xBF && bytes[index + 2] & 0xFE == 0xBE:
                // EF BF BE / EF BF BF: U+FFFE, U+FFFF.
                escape = ""
                length = 3
                removed += 1
            default:
                index += 1
                continue
            }
            out.append(UnsafeBufferPointer(start: base + start, count: index - start))
            out.append(escape)
            index += length
            start = index
        }
        out.append(UnsafeBufferPointer(start: base + start, count: count - start))
        return removed
    }
}
