#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The spellings PFOCR uses for "no value".
///
/// `''` and `.na.character` (R's NA leaked into YAML) mean missing anywhere. `NA` means missing
/// only in identifier and name columns and in organism lists: it is also a real OCR word
/// (the fly gene `na`), so a `word` of `NA` is kept.
enum MissingValue {
    /// Missing anywhere: empty (after trimming) or `.na.character`.
    static func isMissing(_ text: String) -> Bool {
        isMissing(trimmed: text.trimmingASCIIWhitespace(), identifier: false)
    }

    /// Missing in identifier, name and organism positions: also `NA`.
    static func isMissingIdentifier(_ text: String) -> Bool {
        isMissing(trimmed: text.trimmingASCIIWhitespace(), identifier: true)
    }

    /// `text`, or nil when it is missing anywhere.
    static func text(_ text: String) -> String? {
        isMissing(text) ? nil : text
    }

    /// `text` trimmed, or nil when it is a missing identifier or name.
    static func identifier(_ text: String) -> String? {
        let trimmed = text.trimmingASCIIWhitespace()
        return isMissing(trimmed: trimmed, identifier: true) ? nil : trimmed
    }

    /// ``identifier(_:)`` of UTF-8 `bytes` (a side-file cell): a `String` is made only for a
    /// value that is kept.
    static func identifier(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        identifierBytes(bytes).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The bytes ``identifier(_:)`` makes its `String` of (`bytes` trimmed, never empty), nil
    /// when they are a missing identifier.
    static func identifierBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        var start = 0
        var end = bytes.count
        while start < end, isASCIISpace(bytes[start]) { start += 1 }
        while end > start, isASCIISpace(bytes[end - 1]) { end -= 1 }
        let trimmed = UnsafeBufferPointer(rebasing: bytes[start..<end])
        return isMissing(trimmed: trimmed, identifier: true) ? nil : trimmed
    }

    /// ``isMissing(trimmed:identifier:)`` of a text's UTF-8, read in place (a text whose bytes
    /// are not contiguous, a bridged one, is copied).
    private static func isMissing(trimmed: String, identifier: Bool) -> Bool {
        trimmed.utf8.withContiguousStorageIfAvailable { isMissing(trimmed: $0, identifier: identifier) }
            ?? Array(trimmed.utf8).withUnsafeBufferPointer { isMissing(trimmed: $0, identifier: identifier) }
    }

    private static let naCharacter: StaticString = ".na.character"

    /// The missing spellings, on trimmed text: empty, `.na.character`, and `NA` when
    /// `identifier`. Compared as bytes in place: `elementsEqual` with a string's UTF-8 view
    /// stepped through both sides generically, some thousand instructions for the long one.
    private static func isMissing(trimmed: UnsafeBufferPointer<UInt8>, identifier: Bool) -> Bool {
        switch trimmed.count {
        case 0:
            return true
        case 2:
            return identifier && trimmed[0] == UInt8(ascii: "N") && trimmed[1] == UInt8(ascii: "A")
        case naCharacter.utf8CodeUnitCount:
            guard let base = trimmed.baseAddress else { return false }
            return memcmp(base, naCharacter.utf8Start, naCharacter.utf8CodeUnitCount) == 0
        default:
            return false
        }
    }

    static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces, tabs, CR and LF.
    func trimmingASCIIWhitespace() -> String {
        let utf8 = self.utf8
        // Most texts have nothing to trim: the two ends decide that without a search. They are
        // read in place where the bytes are contiguous (all but bridged strings): the view's
        // generic `last` steps an index back through the string's representation.
        let ends =
            utf8.withContiguousStorageIfAvailable { bytes in
                bytes.isEmpty ? nil : (head: bytes[0], tail: bytes[bytes.count - 1])
            } ?? utf8.first.flatMap { head in utf8.last.map { (head: head, tail: $0) } }
        guard let ends else { return self }
        if !MissingValue.isASCIISpace(ends.head) && !MissingValue.isASCIISpace(ends.tail) { return self }
        guard let first = utf8.firstIndex(where: { !MissingValue.isASCIISpace($0) }) else { return "" }
        guard let last = utf8.lastIndex(where: { !MissingValue.isASCIISpace($0) }) else { return "" }
        if first == utf8.startIndex && utf8.index(after: last) == utf8.endIndex { return self }
        return String(self[first...last])
    }
}
