import PFOCRRecords

/// Deterministic JSON text, written by hand for speed and byte-stable output (keys in the
/// order given, numbers in one canonical form, no platform-dependent escaping).
public enum JSONText {
    /// Appends `text` as a JSON string literal: `"` `\` and controls escaped (`\n`, `\t`,
    /// `\u0001`), everything else as UTF-8. The same bytes as ``appendString(_:to:)-bytes``,
    /// which does the escaping.
    public static func appendString(_ text: String, to out: inout String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 2)
        appendString(text, to: &bytes)
        out.append(String(decoding: bytes, as: UTF8.self))
    }

    /// Appends `text` as a JSON string literal to bytes, escaped as ``appendString(_:to:)``
    /// escapes it (the same bytes).
    public static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(0x22)
        appendEscaped(text, to: &out)
        out.append(0x22)
    }

    /// Appends the inside of ``appendString(_:to:)``'s literal, without the quotes: for a
    /// string whose first part is already JSON (a CURIE's `prefix:` before its local id).
    public static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({ appendEscaped(bytes: $0, to: &out) }) {
            return done
        }
        var copy = text
        copy.withUTF8 { appendEscaped(bytes: $0, to: &out) }
    }

    /// ``appendEscaped(_:to:)`` of UTF-8 bytes (the same bytes as the ``ByteBuffer`` form,
    /// which does the escaping).
    public static func appendEscaped(bytes utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard needsEscaping(utf8) else {
            out.append(contentsOf: utf8)
            return
        }
        var escaped = ByteBuffer(capacity: utf8.count + 32)
        appendEscaping(utf8, to: &escaped)
        out.append(contentsOf: escaped.bytes)
    }

    /// ``appendString(_:to:)`` into a ``ByteBuffer``: the same bytes.
    @inlinable
    public static func appendString(_ text: String, to out: inout ByteBuffer) {
        out.append(0x22)
        appendEscaped(text, to: &out)
        out.append(0x22)
    }

    /// ``appendString(_:to:)`` of UTF-8 bytes into a ``ByteBuffer``.
    @inlinable
    public static func appendString(bytes utf8: UnsafeBufferPointer<UInt8>, to out: inout ByteBuffer) {
        out.append(0x22)
        appendEscaped(bytes: utf8, to: &out)
        out.append(0x22)
    }

    /// ``appendEscaped(_:to:)`` into a ``ByteBuffer``.
    @inlinable
    public static func appendEscaped(_ text: String, to out: inout ByteBuffer) {
        withUTF8Bytes(of: text) { appendEscaped(bytes: $0, to: &out) }
    }

    /// The escaping, into a ``ByteBuffer``: `"` and `\` with a backslash, `\n` `\r` `\t` `\b`
    /// `\f`, other controls as `\u00xx`, everything else as it is. Nearly every text has
    /// nothing to escape: it is checked eight bytes at a time and copied at once.
    @inlinable
    public static func appendEscaped(bytes utf8: UnsafeBufferPointer<UInt8>, to out: inout ByteBuffer) {
        if needsEscaping(utf8) {
            appendEscaping(utf8, to: &out)
        } else {
            out.append(utf8)
        }
    }

    /// ``appendEscaped(bytes:to:)`` of a text with something to escape: runs without anything
    /// to escape (found eight bytes at a time) copied whole, the rest escaped byte by byte.
    @usableFromInline
    static func appendEscaping(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout ByteBuffer) {
        guard let base = utf8.baseAddress else { return }
        let count = utf8.count
        var start = 0
        var index = 0
        while index < count {
            if index + 8 <= count, !needsEscape(ByteWord.load(base, at: index)) {
                index += 8
                continue
            }
            let byte = base[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else {
                index += 1
                continue
            }
            out.append(UnsafeBufferPointer(start: base + start, count: index - start))
            index += 1
            start = index
            out.append(0x5C)
            switch byte {
            case 0x22: out.append(0x22)
            case 0x5C: out.append(0x5C)
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "t"))
            case 0x08: out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "f"))
            default:
                out.append(UInt8(ascii: "u"))
                out.append(0x30)
                out.append(0x30)
                out.append(Hex.lower(byte >> 4))
                out.append(Hex.lower(byte & 0xF))
            }
        }
        out.append(UnsafeBufferPointer(start: base + start, count: count - start))
    }

    /// True when `utf8` holds a byte ``appendEscaped(_:to:)`` escapes; false when the bytes are
    /// their own JSON string content (nearly every value), so a writer with its own buffer can
    /// copy them whole. Eight bytes at a time.
    @inlinable @inline(__always)
    public static func needsEscaping(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        utf8.containsWord(where: needsEscape)
    }

    /// True when one of the eight bytes of `word` is a control character, `"` or a backslash.
    @inlinable @inline(__always)
    static func needsEscape(_ word: UInt64) -> Bool {
        ByteWord.hasByte(below: 0x20, in: word) || ByteWord.hasByte(0x22, in: word) || ByteWord.hasByte(0x5C, in: word)
    }

    /// Appends a JSON array of strings to bytes.
    public static func appendArray(_ items: [String], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendString(item, to: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// Appends a property value as JSON to bytes (the same bytes as ``value(_:)``).
    public static func appendValue(_ value: PropertyValue, to out: inout [UInt8]) {
        switch value {
        case .string(let text), .iri(let text): appendString(text, to: &out)
        case .integer(let number): out.append(decimal: number)
        case .double(let number): out.append(utf8: double(number))
        case .boolean(let flag): flag ? out.append("true") : out.append("false")
        case .stringList(let items): appendArray(items, to: &out)
        }
    }

    /// `text` as a JSON string literal.
    public static func string(_ text: String) -> String {
        var out = String()
        appendString(text, to: &out)
        return out
    }

    /// A JSON array of strings.
    public static func array(_ items: [String]) -> String {
        var out = "["
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(",") }
            appendString(item, to: &out)
        }
        out.append("]")
        return out
    }

    /// A double as JSON: the shortest round-tripping form (never NaN or infinity, which the
    /// reader rejects), always with a fraction or exponent so it reads back as a double.
    public static func double(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        let text = PropertyValue.format(value)
        return text.contains(".") || text.contains("e") ? text : text + ".0"
    }

    /// A property value as JSON: lists as arrays, numbers as numbers, IRIs as strings.
    public static func value(_ value: PropertyValue) -> String {
        switch value {
        case .string(let text), .iri(let text): string(text)
        case .integer(let number): String(number)
        case .double(let number): double(number)
        case .boolean(let flag): flag ? "true" : "false"
        case .stringList(let items): array(items)
        }
    }
}
