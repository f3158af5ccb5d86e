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
