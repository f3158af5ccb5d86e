/// Appending text to byte buffers: what renderers use on the hot path instead of building
/// `String`s. Each appends UTF-8 bytes straight from the source's storage.
extension Array where Element == UInt8 {
    /// Appends the UTF-8 of `text`.
    @inlinable
    public mutating func append(utf8 text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }

    /// Appends a literal.
    ///
    /// Literals of up to four bytes (the writers' punctuation: `,` `:` ` .\n`) are appended
    /// byte by byte: `append(contentsOf:)` costs about 120 instructions whatever the length, a
    /// byte append about 25 (measured with callgrind), so bytes win up to four. The literal's
    /// length is known where this is inlined (always: left to itself the optimizer kept it a
    /// call, and the byte loop then ran with a length unknown at the call).
    @inlinable
    @inline(__always)
    public mutating func append(_ literal: StaticString) {
        let count = literal.utf8CodeUnitCount
        if count <= 4 && literal.hasPointerRepresentation {
            let start = literal.utf8Start
            for index in 0..<count { append(start[index]) }
            return
        }
        literal.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// Appends `value` in decimal.
    ///
    /// Non-negative numbers are written digit by digit (the same digits `String(value)`
    /// gives): ids and counts are written for every node, edge and attribute, and formatting
    /// a `String` first cost about three hundred instructions each.
    @inlinable
    public mutating func append(decimal value: Int) {
        if value >= 0 && value < 10 {
            append(UInt8(truncatingIfNeeded: value) &+ 0x30)
            return
        }
        guard value > 0 else {
            append(utf8: String(value))
            return
        }
        var divisor = 10
        while divisor <= value / 10 { divisor &*= 10 }
        var rest = value
        while divisor > 0 {
            append(UInt8(truncatingIfNeeded: rest / divisor) &+ 0x30)
            rest %= divisor
            divisor /= 10
        }
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// True when `test` holds for one of the eight-byte words these bytes are read as: every
    /// byte is in some word tested and no byte outside the buffer is read (the last word
    /// overlaps the one before it; a buffer shorter than eight bytes is read as one word of its
    /// bytes, some repeated). So `test` must be a has-byte test (``ByteWord``): true when any
    /// byte of the word qualifies, whatever the others and their order.
    ///
    /// A short text, most ids and names, is one test with no loop over its bytes.
    @inlinable @inline(__always)
    public func containsWord(where test: (UInt64) -> Bool) -> Bool {
        guard let base = baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        let count = self.count
        if count >= 8 {
            var offset = 0
            while offset + 8 < count {
                if test(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) { return true }
                offset += 8
            }
            return test(raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
        }
        if count >= 4 {
            let low = UInt64(raw.loadUnaligned(as: UInt32.self))
            let high = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            return test(low | high << 32)
        }
        guard count > 0 else { return false }
        let first = UInt64(base[0])
        let middle = UInt64(base[count >> 1])
        let last = UInt64(base[count - 1])
        let half = first | middle << 8 | last << 16 | last << 24
        return test(half | half << 32)
    }
}
