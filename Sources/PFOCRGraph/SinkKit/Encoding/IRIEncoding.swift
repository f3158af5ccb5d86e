/// Percent-encoding for untrusted text placed inside IRIs.
///
/// Keeps RFC 3987 `iunreserved` characters (ASCII letters, digits, `-._~` and non-ASCII
/// letters outside the forbidden ranges) plus the sub-delimiters and `:@` that are safe in a
/// path segment, and percent-encodes every other byte of the UTF-8 form, so the result is
/// accepted by strict RDF parsers (no spaces, `<>"{}|^\``, controls) and never contains `/`,
/// `?` or `#` from the input.
public enum IRIEncoding {
    /// `text` encoded for one IRI path segment; `keepSlash` keeps `/` (DOIs).
    public static func encodeSegment(_ text: String, keepSlash: Bool = false) -> String {
        let isPlain = { (byte: UInt8) in IRIEncoding.isPlain(byte) || (keepSlash && byte == UInt8(ascii: "/")) }
        if text.utf8.allSatisfy(isPlain) { return text }
        var out = String()
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                if isPlain(byte) {
                    out.unicodeScalars.append(scalar)
                } else {
                    Hex.appendPercentEscaped(byte, to: &out)
                }
            } else if isUCSChar(scalar.value) {
                out.unicodeScalars.append(scalar)
            } else {
                for byte in String(scalar).utf8 { Hex.appendPercentEscaped(byte, to: &out) }
            }
        }
        return out
    }

    /// Appends ``encodeSegment(_:keepSlash:)`` of `text` to bytes; text that needs no
    /// escaping (ids, almost always) is copied as it is.
    ///
    /// The check reads the UTF-8 bytes in place and copies them from the same buffer: the
    /// renderers call this for most IRIs they write, and walking `String.UTF8View` (then
    /// reading the text again to copy it) cost several times the bytes' own work.
    public static func appendSegment(_ text: String, keepSlash: Bool = false, to out: inout [UInt8]) {
        var text = text
        let copied = text.withUTF8 { bytes -> Bool in
            for byte in bytes where !isPlain(byte) && !(keepSlash && byte == UInt8(ascii: "/")) { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if !copied { out.append(utf8: encodeSegment(text, keepSlash: keepSlash)) }
    }

    /// True when ``appendSegment(_:keepSlash:to:)`` copies `bytes` unchanged: every byte is
    /// ``isPlain(_:)`` (or `/` with `keepSlash`). For writers that append to buffers of their
    /// own: they copy the bytes when this holds and append ``encodeSegment(_:keepSlash:)``
    /// otherwise.
    @inlinable
    public static func isPlainSegment(_ bytes: UnsafeBufferPointer<UInt8>, keepSlash: Bool = false) -> Bool {
        for byte in bytes where !isPlainByte(byte) && !(keepSlash && byte == UInt8(ascii: "/")) { return false }
        return true
    }

    /// ``isPlain(_:)`` as two bit masks over ASCII (a test checks every byte): a shift and a
    /// test per byte, where the ranges cost a chain of compares.
    @inlinable
    static func isPlainByte(_ byte: UInt8) -> Bool {
        if byte < 64 { return (0x2FFF_7FD2_0000_0000 as UInt64) &>> byte & 1 != 0 }
        return byte < 128 && (0x47FF_FFFE_87FF_FFFF as UInt64) &>> (byte &- 64) & 1 != 0
    }

    static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"),
            UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
            UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
            UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "@"):
            return true
        default:
            return false
        }
    }

    /// RFC 3987 `ucschar` ranges (the private-use and non-character ranges are excluded).
    static func isUCSChar(_ value: UInt32) -> Bool {
        switch value {
        case 0xA0...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFEF,
            0x10000...0x1FFFD, 0x20000...0x2FFFD, 0x30000...0x3FFFD, 0x40000...0x4FFFD,
            0x50000...0x5FFFD, 0x60000...0x6FFFD, 0x70000...0x7FFFD, 0x80000...0x8FFFD,
            0x90000...0x9FFFD, 0xA0000...0xAFFFD, 0xB0000...0xBFFFD, 0xC0000...0xCFFFD,
            0xD0000...0xDFFFD, 0xE1000...0xEFFFD:
            return true
        default:
            return false
        }
    }
}
