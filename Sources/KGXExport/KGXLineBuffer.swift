/// The bytes of a figure's KGX lines, written in place and then appended to the figure's
/// fragment one line at a time, each in one copy.
///
/// A line is some forty pieces (keys, CURIE prefixes, local ids, punctuation): appending each
/// to the fragment's `[UInt8]` cost about a hundred instructions a piece (`append(contentsOf:)`
/// is not inlined), a copy into this buffer a few. The buffer also lets a writer take back
/// what it wrote (``count`` is settable): a slot is spelled with its key, then dropped when
/// the value turns out to be absent.
struct KGXLineBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The bytes written; lowering it drops the last ones.
    var count = 0

    init(capacity: Int = 1024) {
        self.capacity = max(capacity, 16)
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        UnsafeMutableRawPointer(base + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Appends the UTF-8 of `text` as it is.
    mutating func append(utf8 text: String) {
        KGXLineBuffer.withUTF8(text) { append($0) }
    }

    /// Appends `value` in decimal: the digits `String(value)` gives.
    mutating func append(decimal value: Int) {
        guard value >= 0 else {
            append(utf8: String(value))
            return
        }
        if value < 10 {
            append(UInt8(truncatingIfNeeded: value) &+ 0x30)
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

    /// Appends the bytes from `start` to `end` to `out`.
    func copy(from start: Int, to end: Int, into out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: end - start))
    }

    /// The bytes written so far, as an array (for the writers' literals, made once).
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    @inline(never)
    private mutating func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Calls `body` with the UTF-8 of `text` in place (a native string's own storage, a small
    /// string's copy on the stack), without copying the `String` first.
    @inline(__always)
    static func withUTF8<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = text
        return copy.withUTF8(body)
    }
}
