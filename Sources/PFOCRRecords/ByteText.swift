#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Bytes of a text file read in place, with the line rules that record and side-file readers
/// share: LF, CRLF and a lone CR each end one line; a blank line holds only spaces and tabs.
///
/// Offsets are indices into ``bytes``. The view borrows its memory: it is only valid inside the
/// `withUnsafeBufferPointer` call that made it.
struct ByteText {
    let bytes: UnsafeBufferPointer<UInt8>
    /// True when the text holds a CR anywhere; without one, lines are found with `memchr`.
    let hasCR: Bool

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.hasCR = ByteText.find(0x0D, in: bytes, from: 0, to: bytes.count) != nil
    }

    var count: Int { bytes.count }

    /// The line that starts at `start`: its content without the break, and where the next
    /// line starts (``count`` after the last line).
    @inline(__always)
    func line(at start: Int) -> (content: Range<Int>, next: Int) {
        if !hasCR {
            guard let end = ByteText.find(0x0A, in: bytes, from: start, to: count) else {
                return (start..<count, count)
            }
            return (start..<end, end + 1)
        }
        var end = start
        while end < count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        guard end < count else { return (start..<count, count) }
        let next = bytes[end] == 0x0D && end + 1 < count && bytes[end + 1] == 0x0A ? end + 2 : end + 1
        return (start..<end, next)
    }

    /// The 1-based line of `offset`, counted from `base` (line 1).
    func lineNumber(of offset: Int, from base: Int = 0) -> Int {
        var line = 1
        var index = base
        let end = min(offset, count)
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
            } else if byte == 0x0D {
                line += 1
                if index + 1 < count, bytes[index + 1] == 0x0A { index += 1 }
            }
            index += 1
        }
        return line
    }

    /// The first `byte` at or after `start`.
    func firstIndex(of byte: UInt8, from start: Int) -> Int? {
        ByteText.find(byte, in: bytes, from: start, to: count)
    }

    /// The first byte at or after `start` that is not a space, tab, CR or LF: nil when the
    /// rest of the text is blank lines.
    func firstNonBlank(from start: Int) -> Int? {
        var index = start
        while index < count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return index
            }
        }
        return nil
    }

    /// True when `range` holds only spaces and tabs.
    func isBlank(_ range: Range<Int>) -> Bool {
        for index in range where bytes[index] != 0x20 && bytes[index] != 0x09 { return false }
        return true
    }

    /// True when `range` holds a CR.
    func containsCR(in range: Range<Int>) -> Bool {
        hasCR && ByteText.find(0x0D, in: bytes, from: range.lowerBound, to: range.upperBound) != nil
    }

    /// `bytes` with every CRLF and lone CR turned into LF.
    static func withLFLineEndings(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var copy: [UInt8] = []
        copy.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            if byte == 0x0D {
                if index < bytes.endIndex, bytes[index] == 0x0A { index += 1 }
                copy.append(0x0A)
            } else {
                copy.append(byte)
            }
        }
        return copy
    }

    /// `memchr` over `bytes[start..<end]`.
    @inline(__always)
    static func find(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        guard start < end, let base = bytes.baseAddress else { return nil }
        guard let found = memchr(base + start, Int32(byte), end - start) else { return nil }
        return UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
    }
}
