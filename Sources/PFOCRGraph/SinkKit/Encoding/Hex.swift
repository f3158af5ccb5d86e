/// Hex digits and percent escapes: the one spelling of a byte in hex for every syntax
/// (IRI and file-name `%XX`, JSON and RDF `\u00XX`, GraphML id escapes, SHA-256 digests).
public enum Hex {
    /// An upper-case hex digit of `nibble` (0...15).
    @inline(__always)
    public static func upper(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10
    }

    /// A lower-case hex digit of `nibble` (0...15).
    @inline(__always)
    public static func lower(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    /// `%XX` with upper-case digits (RFC 3986 percent-encoding), to bytes.
    public static func appendPercentEscaped(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "%"))
        out.append(upper(byte >> 4))
        out.append(upper(byte & 0x0F))
    }

    /// `%XX` with upper-case digits (RFC 3986 percent-encoding), to a string.
    public static func appendPercentEscaped(_ byte: UInt8, to out: inout String) {
        out.unicodeScalars.append(Unicode.Scalar(UInt8(ascii: "%")))
        out.unicodeScalars.append(Unicode.Scalar(upper(byte >> 4)))
        out.unicodeScalars.append(Unicode.Scalar(upper(byte & 0x0F)))
    }

    /// `bytes` as lower-case hex, two digits a byte (the `sha256sum` spelling).
    public static func lowerString(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(lower(byte >> 4))
            out.append(lower(byte & 0x0F))
        }
        return String(decoding: out, as: UTF8.self)
    }
}
