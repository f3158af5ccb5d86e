import Testing

@testable import PFOCRGraph

@Suite struct IRIEncodingTests {
    @Test func plainByteMaskMatchesTheRanges() {
        for value in 0...255 {
            let byte = UInt8(value)
            #expect(IRIEncoding.isPlainByte(byte) == IRIEncoding.isPlain(byte), "byte \(value)")
        }
    }

    @Test func plainSegmentsAreTheOnesEncodingLeavesAlone() {
        let isPlain = { (text: String, keepSlash: Bool) in
            Array(text.utf8).withUnsafeBufferPointer { IRIEncoding.isPlainSegment($0, keepSlash: keepSlash) }
        }
        for text in ["207", "D018350", "a b", "10.1/x", "a#b", "CHEBI:15846", "x~y(z)", ""] {
            for keepSlash in [false, true] {
                #expect(isPlain(text, keepSlash) == (IRIEncoding.encodeSegment(text, keepSlash: keepSlash) == text))
            }
        }
        // Non-ASCII text always takes the encoding path (which keeps `ucschar` letters).
        #expect(!isPlain("α", false))
    }
}
