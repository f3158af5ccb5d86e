/// The byte buffer renderers write into on the hot path: every RDF term, every KGX line,
/// every CX file. Growable; or spilling into an array when full (``init(spillingAt:)``); or
/// writing into memory it is lent (``init(writingInto:)``).
///
/// Why not `[UInt8]`: `Array.append(contentsOf:)` is a non-inlined generic call of about a
/// hundred instructions whatever the length (a uniqueness check, a capacity check, a generic
/// copy), and a triple is five or six appends, a KGX line some forty, a CX attribute three or
/// four. Here an append is an inlined capacity check and a copy: copies of up to 32 bytes
/// (names, most values) are two overlapping loads and stores, literals a few stores.
///
/// A spilling buffer stages bytes for an array, ``spilled``: when it is full it appends its
/// bytes there in one call and starts again. Its few kilobytes stay in the cache, and each run
/// is copied with vector moves (glibc copies runs of 4 KiB and more with `rep movsb`);
/// copying a figure's bytes only once they were all written would copy each byte from memory
/// a second time.
///
/// A buffer writing into lent memory (an array's uninitialized capacity, so a file is made
/// where it is kept) moves to memory of its own should the lent memory be too small
/// (``isInPlace`` then turns false).
///
/// Noncopyable: it owns its memory and frees it in `deinit`, so a copy that outlived the
/// original could not exist. What it holds is read through ``bytes``, valid until the next
/// change (growing moves the bytes).
public struct ByteBuffer: ~Copyable {
    @usableFromInline var start: UnsafeMutablePointer<UInt8>
    /// ``count``'s storage (a setter inlined into other modules must be usable from them).
    @usableFromInline var used = 0
    @usableFromInline var capacity: Int
    /// False while the bytes are in lent memory, which is not freed here.
    @usableFromInline var owned = true
    /// A spilling buffer's bytes before ``bytes``.
    @usableFromInline var spilled: [UInt8] = []
    /// Whether a full buffer spills rather than grows.
    @usableFromInline let spills: Bool

    /// An empty buffer with room for `capacity` bytes before it first grows.
    public init(capacity: Int = 256) {
        self.capacity = max(capacity, 16)
        start = .allocate(capacity: self.capacity)
        spills = false
    }

    /// An empty buffer of `capacity` bytes that spills when full (it grows only for a single
    /// append longer than that).
    public init(spillingAt capacity: Int) {
        self.capacity = max(capacity, 16)
        start = .allocate(capacity: self.capacity)
        spills = true
    }

    /// Writes into `memory` (lent: not freed here) while the bytes fit.
    public init(writingInto memory: UnsafeMutableBufferPointer<UInt8>) {
        spills = false
        if let base = memory.baseAddress, memory.count > 0 {
            start = base
            capacity = memory.count
            owned = false
        } else {
            capacity = 64
            start = .allocate(capacity: capacity)
        }
    }

    deinit {
        if owned { start.deallocate() }
    }

    /// The number of bytes appended since the last ``removeAll()`` (a spilling buffer: since
    /// the last spill).
    @inlinable
    public var count: Int { used }

    /// True while the bytes are in the memory given to ``init(writingInto:)``.
    public var isInPlace: Bool { !owned }

    /// The bytes appended so far (a spilling buffer: since the last spill); valid until the
    /// buffer is next changed.
    @inlinable
    public var bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: start, count: count)
    }

    @inlinable
    public var isEmpty: Bool { count == 0 }

    /// Forgets the bytes, keeping the memory.
    @inlinable @inline(__always)
    public mutating func removeAll() {
        used = 0
    }

    /// Drops the bytes after the first `length`: a writer takes back what it wrote (a KGX
    /// slot's key, when its value turns out to be absent).
    @inlinable @inline(__always)
    public mutating func truncate(to length: Int) {
        used = min(used, max(0, length))
    }

    /// Room for `extra` more bytes without growing again.
    @inlinable @inline(__always)
    public mutating func reserveCapacity(_ extra: Int) {
        if capacity &- count < extra { grow(extra) }
    }

    /// Makes room for `extra` more bytes and returns where they go: the caller writes up to
    /// `extra` bytes there and then calls ``commit(_:)`` with how many it wrote.
    @inlinable @inline(__always)
    public mutating func reserve(_ extra: Int) -> UnsafeMutablePointer<UInt8> {
        if capacity &- count < extra { grow(extra) }
        return start + count
    }

    /// Counts `written` bytes stored at ``reserve(_:)``'s pointer as appended.
    @inlinable @inline(__always)
    public mutating func commit(_ written: Int) {
        used &+= written
    }

    @inlinable @inline(__always)
    public mutating func append(_ byte: UInt8) {
        reserve(1).initialize(to: byte)
        used &+= 1
    }

    @inlinable @inline(__always)
    public mutating func append(_ source: UnsafeBufferPointer<UInt8>) {
        guard let base = source.baseAddress else { return }
        copy(base, source.count)
    }

    @inlinable @inline(__always)
    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Appends `source[range]` (a name's spelling, a value among a network's values).
    @inlinable @inline(__always)
    public mutating func append(_ source: [UInt8], _ range: Range<Int>) {
        source.withUnsafeBufferPointer { append(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    @inlinable @inline(__always)
    public mutating func append(_ source: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        append(UnsafeBufferPointer(rebasing: source[range]))
    }

    @inlinable @inline(__always)
    public mutating func append(_ other: borrowing ByteBuffer) {
        append(other.bytes)
    }

    /// Appends a literal; its length is known where this is inlined, so the copy is a few
    /// moves.
    @inlinable @inline(__always)
    public mutating func append(_ literal: StaticString) {
        guard literal.hasPointerRepresentation else {
            literal.withUTF8Buffer { append($0) }
            return
        }
        copy(literal.utf8Start, literal.utf8CodeUnitCount)
    }

    /// Appends the UTF-8 of `text`, read in place.
    @inlinable
    public mutating func append(utf8 text: String) {
        withUTF8Bytes(of: text) { append($0) }
    }

    /// Appends `length` bytes from `source`. Up to 32 bytes are copied with two overlapping
    /// loads and stores of 4, 8 or 16 bytes, not a call to `memcpy`.
    @inlinable @inline(__always)
    mutating func copy(_ source: UnsafePointer<UInt8>, _ length: Int) {
        let to = UnsafeMutableRawPointer(reserve(length))
        let from = UnsafeRawPointer(source)
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
            to.copyMemory(from: from, byteCount: length)
        }
        used &+= length
    }

    /// Appends `value` in decimal: the digits `String(value)` gives, without making the
    /// string. Numbers below 1000 (node ids, coordinates, counts: nearly all) are written
    /// inline.
    @inlinable @inline(__always)
    public mutating func append(decimal value: Int) {
        guard value >= 0 && value < 1000 else {
            appendLarge(decimal: value)
            return
        }
        let out = reserve(3)
        let digits = UInt8(truncatingIfNeeded: value)
        if value < 10 {
            out[0] = 0x30 &+ digits
            used &+= 1
        } else if value < 100 {
            out[0] = 0x30 &+ digits / 10
            out[1] = 0x30 &+ digits % 10
            used &+= 2
        } else {
            let rest = UInt8(truncatingIfNeeded: value % 100)
            out[0] = 0x30 &+ UInt8(truncatingIfNeeded: value / 100)
            out[1] = 0x30 &+ rest / 10
            out[2] = 0x30 &+ rest % 10
            used &+= 3
        }
    }

    /// ``append(decimal:)`` of a negative number or one of four digits or more.
    @usableFromInline @inline(never)
    mutating func appendLarge(decimal value: Int) {
        var magnitude = value.magnitude
        var digits = 1
        var scale: UInt = 10
        // 19 digits at most (`Int.min.magnitude`); 10^19 still fits in a `UInt`.
        while digits < 19 && magnitude >= scale {
            digits += 1
            scale &*= 10
        }
        let sign = value < 0 ? 1 : 0
        let out = reserve(sign + digits)
        if sign == 1 { out.initialize(to: UInt8(ascii: "-")) }
        var position = sign + digits
        repeat {
            position -= 1
            (out + position).initialize(to: UInt8(truncatingIfNeeded: magnitude % 10) &+ UInt8(ascii: "0"))
            magnitude /= 10
        } while position > sign
        used &+= sign + digits
    }

    /// Moves the bytes into ``spilled``, leaving the buffer empty.
    public mutating func spill() {
        guard count > 0 else { return }
        spilled.append(contentsOf: bytes)
        used = 0
    }

    /// Exchanges ``spilled`` with `array`: a writer spills straight into a fragment's bytes by
    /// holding them here.
    public mutating func exchangeSpilled(_ array: inout [UInt8]) {
        swap(&spilled, &array)
    }

    /// Appends every byte, spilled and not, to `array`, leaving the buffer empty.
    public mutating func drain(into array: inout [UInt8]) {
        if !spilled.isEmpty {
            array.append(contentsOf: spilled)
            spilled.removeAll(keepingCapacity: true)
        }
        if count > 0 {
            array.append(contentsOf: bytes)
            used = 0
        }
    }

    /// Appends the bytes from offset `from` to offset `to` to `array`.
    public func copy(from lower: Int, to upper: Int, into array: inout [UInt8]) {
        array.append(contentsOf: UnsafeBufferPointer(start: start + lower, count: upper - lower))
    }

    /// Makes room for `extra` more bytes: a spilling buffer spills; a buffer still too small
    /// moves its bytes to a larger allocation (at least double), its own.
    @usableFromInline @inline(never)
    mutating func grow(_ extra: Int) {
        if spills {
            spill()
            if capacity >= extra { return }
        }
        let newCapacity = max(capacity * 2, count + extra)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        moved.initialize(from: start, count: count)
        if owned { start.deallocate() }
        start = moved
        capacity = newCapacity
        owned = true
    }
}

/// Runs `body` on the UTF-8 bytes of `text` in place (a native string's own storage; a small
/// string's copy on the stack), without the retain and release that `var copy = text;
/// copy.withUTF8` costs; a bridged string is copied first.
@inlinable @inline(__always)
public func withUTF8Bytes<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
    var copy = text
    return copy.withUTF8(body)
}
