/// Tests on eight bytes at once, for the scanners' and escapers' fast paths: a text is scanned
/// a `UInt64` at a time, and only a word that may hold a byte needing care is looked at byte
/// by byte (the block scanner, the JSON, CSV and KGX TSV writers).
///
/// The tests are exact for the word as a whole (a byte below `n`, a byte equal to `c`), from
/// Sean Eron Anderson's "Bit Twiddling Hacks" (`hasless`, `haszero`).
public enum ByteWord {
    @usableFromInline static let ones: UInt64 = 0x0101_0101_0101_0101
    @usableFromInline static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes of `base` from `offset` (any alignment), first byte lowest.
    @inlinable @inline(__always)
    public static func load(_ base: UnsafePointer<UInt8>, at offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// True when a byte of `word` is below `limit` (`limit` at most 128).
    @inlinable @inline(__always)
    public static func hasByte(below limit: UInt8, in word: UInt64) -> Bool {
        (word &- ones &* UInt64(limit)) & ~word & highs != 0
    }

    /// True when a byte of `word` equals `byte`.
    @inlinable @inline(__always)
    public static func hasByte(_ byte: UInt8, in word: UInt64) -> Bool {
        let matches = word ^ (ones &* UInt64(byte))
        return (matches &- ones) & ~matches & highs != 0
    }
}
