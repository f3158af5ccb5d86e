import PFOCRGraph
import PFOCRRecords

/// The bytes of one CX file while a writer makes it, or of a network's values while the builder
/// makes them (``CXNetwork/json``): a growable buffer appended to with a capacity check and a
/// copy, nothing else.
///
/// Why not `[UInt8]`: a writer makes a file of many short pieces (a name's spelling, a value's
/// JSON, a literal run of punctuation), and `Array.append(contentsOf:)` is a call of about a
/// hundred instructions whatever the length (uniqueness check, generic path), several times
/// per attribute of every node. Here an append is a comparison and a `memcpy` (inlined for
/// literals, whose length is known). The renderer copies the finished bytes into the figure's
/// fragment at once.
///
/// It can also write into memory it is lent (``init(writingInto:)``, an array's uninitialized
/// capacity), so a file is made where it is kept, without a copy; should the memory be too
/// small, it moves to memory of its own (``isInPlace`` false).
///
/// Noncopyable, so the buffer it owns is freed exactly once.
struct CXOutput: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    /// False while the bytes are in lent memory, which is not freed here.
    private var owned = true

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
    }

    /// Writes into `buffer` (lent: not freed here) while the bytes fit.
    init(writingInto buffer: UnsafeMutableBufferPointer<UInt8>) {
        if let start = buffer.baseAddress, buffer.count > 0 {
            base = start
            capacity = buffer.count
            owned = false
        } else {
            capacity = 64
            base = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        }
    }

    deinit { if owned { base.deallocate() } }

    /// True while the bytes are in the memory given to ``init(writingInto:)``.
    var isInPlace: Bool { !owned }

    /// Room for `extra` more bytes.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if capacity &- count < extra { grow(extra) }
    }

    @inline(never)
    private mutating func grow(_ extra: Int) {
        let newCapacity = max(2 * capacity, count + extra)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        if owned { base.deallocate() }
        base = newBase
        capacity = newCapacity
        owned = true
    }

    /// Room for `extra` more bytes without growing again.
    mutating func reserveCapacity(_ extra: Int) { reserve(extra) }

    /// Forgets the bytes (keeps the memory), for the next file.
    mutating func removeAll() { count = 0 }

    /// The bytes so far.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count &+= 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        copy(source, bytes.count)
    }

    /// Appends `length` bytes from `source`. Up to 32 bytes (names, most values) are copied
    /// with two overlapping loads and stores of 4, 8 or 16 bytes, not a call to `memcpy`.
    @inline(__always)
    private mutating func copy(_ source: UnsafePointer<UInt8>, _ length: Int) {
        reserve(length)
        let from = UnsafeRawPointer(source)
        let to = UnsafeMutableRawPointer(base + count)
        if length >= 16 && length <= 32 {
            to.storeBytes(of: from.loadUnaligned(as: SIMD16<UInt8>.self), as: SIMD16<UInt8>.self)
            (to + (length &- 16)).storeBytes(
                of: (from + (length &- 16)).loadUnaligned(as: SIMD16<UInt8>.self), as: SIMD16<UInt8>.self)
        } else if length >= 8 && length < 16 {
            to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
            (to + (length &- 8)).storeBytes(of: (from + (length &- 8)).loadUnaligned(as: UInt64.self), as: UInt64.self)
        } else if length >= 4 && length < 8 {
            to.storeBytes(of: from.loadUnaligned(as: UInt32.self), as: UInt32.self)
            (to + (length &- 4)).storeBytes(of: (from + (length &- 4)).loadUnaligned(as: UInt32.self), as: UInt32.self)
        } else {
            (base + count).update(from: source, count: length)
        }
        count &+= length
    }

    /// Appends `source[range]`: a name's spelling.
    @inline(__always)
    mutating func append(_ source: [UInt8], _ range: Range<Int>) {
        source.withUnsafeBufferPointer { append(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Appends `source[range]`: a value of ``CXNetwork/json``.
    @inline(__always)
    mutating func append(_ source: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        append(UnsafeBufferPointer(rebasing: source[range]))
    }

    /// Appends a literal (its length known where this is inlined, so the copy is a few moves).
    @inline(__always)
    mutating func append(_ literal: StaticString) {
        guard literal.hasPointerRepresentation else {
            literal.withUTF8Buffer { append($0) }
            return
        }
        let length = literal.utf8CodeUnitCount
        reserve(length)
        (base + count).update(from: literal.utf8Start, count: length)
        count &+= length
    }

    /// Appends the UTF-8 of `text`.
    mutating func append(utf8 text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Appends `value` in decimal: the digits `String(value)` gives. Numbers below 1000 (node
    /// ids, coordinates' hundreds, counts: nearly all) are written inline, digit by digit.
    @inline(__always)
    mutating func append(decimal value: Int) {
        guard value >= 0 && value < 1000 else {
            appendLarge(decimal: value)
            return
        }
        reserve(3)
        let digits = UInt8(truncatingIfNeeded: value)
        if value < 10 {
            base[count] = 0x30 &+ digits
            count &+= 1
        } else if value < 100 {
            base[count] = 0x30 &+ digits / 10
            base[count &+ 1] = 0x30 &+ digits % 10
            count &+= 2
        } else {
            let rest = UInt8(truncatingIfNeeded: value % 100)
            base[count] = 0x30 &+ UInt8(truncatingIfNeeded: value / 100)
            base[count &+ 1] = 0x30 &+ rest / 10
            base[count &+ 2] = 0x30 &+ rest % 10
            count &+= 3
        }
    }

    /// ``append(decimal:)`` of a negative number or one of four digits or more.
    @inline(never)
    private mutating func appendLarge(decimal value: Int) {
        guard value >= 0 else {
            append(utf8: String(value))
            return
        }
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits &+= 1
            rest /= 10
        }
        reserve(digits)
        rest = value
        var index = count &+ digits
        while index > count {
            index &-= 1
            base[index] = UInt8(truncatingIfNeeded: rest % 10) &+ 0x30
            rest /= 10
        }
        count &+= digits
    }

    /// Appends `bytes` (JSON already).
    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Appends `text` as a JSON string literal: the bytes ``JSONText/appendString(_:to:)``
    /// writes.
    mutating func appendString(_ text: String) {
        append(UInt8(ascii: "\""))
        appendEscaped(text)
        append(UInt8(ascii: "\""))
    }

    /// Appends the inside of ``appendString(_:)``'s literal, without the quotes.
    mutating func appendEscaped(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ appendEscaped(bytes: $0) }) == nil {
            var copy = text
            copy.withUTF8 { appendEscaped(bytes: $0) }
        }
    }

    /// UTF-8 `utf8` as a JSON string literal (see ``appendEscaped(bytes:)``).
    mutating func appendString(bytes utf8: UnsafeBufferPointer<UInt8>) {
        append(UInt8(ascii: "\""))
        appendEscaped(bytes: utf8)
        append(UInt8(ascii: "\""))
    }

    /// Appends UTF-8 `utf8` escaped as ``JSONText`` escapes it (`"` and `\` with a backslash,
    /// `\n` `\r` `\t` `\b` `\f`, other controls as `\u00xx`, everything else as it is; checked
    /// against it in CXBytesTests).
    ///
    /// Nearly every text has nothing to escape: it is scanned eight bytes at a time and copied
    /// at once; the others are escaped byte by byte.
    mutating func appendEscaped(bytes utf8: UnsafeBufferPointer<UInt8>) {
        guard let source = utf8.baseAddress else { return }
        let length = utf8.count
        var index = 0
        while index &+ 8 <= length {
            let word = ByteWord.load(source, at: index)
            if ByteWord.hasByte(below: 0x20, in: word) || ByteWord.hasByte(0x22, in: word)
                || ByteWord.hasByte(0x5C, in: word)
            {
                break
            }
            index &+= 8
        }
        while index < length {
            let byte = source[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C {
                appendEscaping(utf8)
                return
            }
            index &+= 1
        }
        copy(source, length)
    }

    /// ``appendEscaped(bytes:)`` of a text with something to escape: runs without anything to
    /// escape (found eight bytes at a time) copied whole, the rest escaped byte by byte.
    @inline(never)
    private mutating func appendEscaping(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let source = utf8.baseAddress else { return }
        let length = utf8.count
        var start = 0
        var index = 0
        while index < length {
            if index &+ 8 <= length {
                let word = ByteWord.load(source, at: index)
                if !(ByteWord.hasByte(below: 0x20, in: word) || ByteWord.hasByte(0x22, in: word)
                    || ByteWord.hasByte(0x5C, in: word))
                {
                    index &+= 8
                    continue
                }
            }
            let byte = source[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else {
                index &+= 1
                continue
            }
            append(UnsafeBufferPointer(start: source + start, count: index &- start))
            index &+= 1
            start = index
            switch byte {
            case 0x22: append("\\\"")
            case 0x5C: append("\\\\")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case 0x08: append("\\b")
            case 0x0C: append("\\f")
            default:
                append("\\u00")
                append(CXOutput.hexDigit(byte >> 4))
                append(CXOutput.hexDigit(byte & 0xF))
            }
        }
        append(UnsafeBufferPointer(start: source + start, count: length &- start))
    }

    /// The lower-case hex digit of `nibble` (0...15).
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 &+ nibble : 0x57 &+ nibble
    }
}
