/// The bytes a name keeps as they are wherever names become identifiers or file names:
/// ASCII letters, digits, `.`, `_` and `-`. One class for plain figids
/// (``FigureRecord/isPlainName(_:)``), CX file names and GraphML node ids, so the three
/// cannot drift apart.
public enum NameBytes {
    @inline(__always)
    public static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }
}
