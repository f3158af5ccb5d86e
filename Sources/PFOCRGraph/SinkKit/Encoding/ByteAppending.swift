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
    /// Literals of up to four bytes (the writers' punctuation: `,` `:` `", "`) are appended
    /// byte by byte: `append(contentsOf:)` is a call costing about a hundred instructions
    /// whatever the length, a byte append a few, and the literal's length is known where this
    /// is inlined.
    @inlinable
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
    /// Non-negative numbers are written digit by digit from a stack buffer (the same digits
    /// `String(value)` gives): ids and counts are written for every node and edge, and
    /// formatting a `String` first cost about three hundred instructions each.
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
        // Int.max has 19 digits.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        Swift.withUnsafeMutableBytes(of: &digits) { buffer in
            var rest = value
            var start = buffer.count
            while rest > 0 {
                start -= 1
                buffer[start] = UInt8(truncatingIfNeeded: rest % 10) &+ 0x30
                rest /= 10
            }
            append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start...]))
        }
    }
}
