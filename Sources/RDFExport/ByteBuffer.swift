/// A run of bytes that the RDF writers append every term of every triple to: growable, or
/// spilling into an array when full.
///
/// Why not `[UInt8]`: `Array.append(contentsOf:)` is a non-inlined generic call of about a
/// hundred instructions whatever the length (a uniqueness check, a capacity check, a generic
/// copy), and a triple is five or six such appends. Here an append is an inlined capacity
/// check and one `memcpy`, and the punctuation is a few stores.
///
/// A spilling buffer (``init(spillingAt:)``) stages bytes for an array, ``spilled``: when it
/// is full it appends its bytes there in one call and starts again. Its few kilobytes stay in
/// the cache, and each run is copied with vector moves (glibc copies runs of 4 KiB and more
/// with `rep movsb`, a byte at a time as valgrind counts it); copying a figure's bytes only
/// once they were all written would copy each byte from memory a second time.
///
/// Noncopyable: it owns its memory and frees it in `deinit`, so a copy that outlived the
/// original could not exist. What it holds is read through ``bytes``, valid until the next
/// append (growing moves the bytes).
struct ByteBuffer: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    /// The number of bytes appended since the last ``removeAll()`` (a spilling buffer: since
    /// the last spill).
    private(set) var count = 0
    private var capacity: Int
    /// A spilling buffer's bytes before ``bytes``.
    private var spilled: [UInt8] = []
    /// Whether a full buffer spills rather than grows.
    private let spills: Bool

    /// An empty buffer with room for `capacity` bytes before it first grows.
    init(capacity: Int = 256) {
        self.capacity = max(capacity, 16)
        start = .allocate(capacity: self.capacity)
        spills = false
    }

    /// An empty buffer of `capacity` bytes that spills when full (it grows only for a single
    /// append longer than that).
    init(spillingAt capacity: Int) {
        self.capacity = max(capacity, 16)
        start = .allocate(capacity: self.capacity)
        spills = true
    }

    deinit {
        start.deallocate()
    }

    /// Moves the bytes into ``spilled``, leaving the buffer empty.
    mutating func spill() {
        guard count > 0 else { return }
        spilled.append(contentsOf: bytes)
        count = 0
    }

    /// Exchanges ``spilled`` with `array`: a writer spills straight into a fragment's bytes by
    /// holding them here.
    mutating func exchangeSpilled(_ array: inout [UInt8]) {
        swap(&spilled, &array)
    }

    /// Appends every byte, spilled and not, to `array`, leaving the buffer empty.
    mutating func drain(into array: inout [UInt8]) {
        if !spilled.isEmpty {
            array.append(contentsOf: spilled)
            spilled.removeAll(keepingCapacity: true)
        }
        if count > 0 {
            array.append(contentsOf: bytes)
            count = 0
        }
    }

    /// The bytes appended so far; valid until the buffer is next changed.
    var bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: start, count: count)
    }

    var isEmpty: Bool { count == 0 }

    /// Forgets the bytes, keeping the memory.
    @inline(__always)
    mutating func removeAll() {
        count = 0
    }

    /// Drops the bytes after the first `length` (at most ``count``).
    @inline(__always)
    mutating func truncate(to length: Int) {
        count = min(count, length)
    }

    /// Makes room for `extra` more bytes and returns where they go: the caller writes up to
    /// `extra` bytes there and then calls ``commit(_:)`` with how many it wrote.
    @inline(__always)
    mutating func reserve(_ extra: Int) -> UnsafeMutablePointer<UInt8> {
        if capacity &- count < extra { grow(extra) }
        return start + count
    }

    /// Counts `written` bytes stored at ``reserve(_:)``'s pointer as appended.
    @inline(__always)
    mutating func commit(_ written: Int) {
        count &+= written
    }

    @inline(__always)
    mutating func append(_ source: UnsafeBufferPointer<UInt8>) {
        guard let base = source.baseAddress else { return }
        let length = source.count
        reserve(length).initialize(from: base, count: length)
        count &+= length
    }

    @inline(__always)
    mutating func append(_ other: borrowing ByteBuffer) {
        append(other.bytes)
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1).initialize(to: byte)
        count &+= 1
    }

    /// Appends a literal; its length is known where this is inlined, so the copy is a few
    /// stores.
    @inline(__always)
    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { append($0) }
    }

    /// Appends `value` in decimal, the digits `String(value)` gives, without making the string.
    mutating func append(decimal value: Int) {
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
        count &+= sign + digits
    }

    /// Makes room for `extra` more bytes: a spilling buffer spills; a buffer still too small
    /// moves its bytes to a larger allocation (at least double).
    @inline(never)
    private mutating func grow(_ extra: Int) {
        if spills {
            spill()
            if capacity >= extra { return }
        }
        let newCapacity = max(capacity * 2, count + extra)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        moved.initialize(from: start, count: count)
        start.deallocate()
        start = moved
        capacity = newCapacity
    }
}

/// Runs `body` on the UTF-8 bytes of `text` in place (a copy on the stack for a small string),
/// without the retain and release that `var copy = text; copy.withUTF8` costs.
@inline(__always)
func withUTF8<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
    var copy = text
    return copy.withUTF8(body)
}
