import PFOCRGraph
import Testing

@testable import RDFExport

@Suite struct ByteBufferTests {
    private func text(_ buffer: borrowing ByteBuffer) -> String {
        String(decoding: buffer.bytes, as: UTF8.self)
    }

    @Test func decimalsAreStringsDigits() {
        for value in [0, 1, 9, 10, 99, 100, 12345, -1, -9, -10, -12345, Int.max, Int.min, 999_999_999_999_999_999] {
            var buffer = ByteBuffer(capacity: 4)
            buffer.append(decimal: value)
            #expect(text(buffer) == String(value))
        }
    }

    @Test func growingKeepsEveryByte() {
        var buffer = ByteBuffer(capacity: 16)
        var expected = ""
        for index in 0..<500 {
            buffer.append(decimal: index)
            buffer.append(",")
            expected += "\(index),"
        }
        #expect(text(buffer) == expected)
        buffer.truncate(to: 4)
        #expect(text(buffer) == "0,1,")
    }

    @Test func spillingKeepsEveryByteInOrder() {
        var buffer = ByteBuffer(spillingAt: 32)
        var expected: [UInt8] = []
        let long = Array(repeating: UInt8(ascii: "x"), count: 100)
        for index in 0..<300 {
            buffer.append(decimal: index)
            expected += Array(String(index).utf8)
            if index % 37 == 0 {
                long.withUnsafeBufferPointer { buffer.append($0) }
                expected += long
            }
        }
        var array: [UInt8] = [UInt8(ascii: "<")]
        buffer.drain(into: &array)
        #expect(array == [UInt8(ascii: "<")] + expected)
        let empty = buffer.isEmpty
        #expect(empty)
    }

    @Test func stringsMatchTheArrayWriter() {
        var texts = [
            "", "plain", "éééééééé\u{7F}ü", "ÿÿÿÿÿÿÿÿÿ", "a\"b\\c", "l1\nl2\r\nl3\tt", "🧬 𝛼 & < > #",
            String(repeating: "long ", count: 50),
        ]
        texts += (0..<128).map { "x" + String(UnicodeScalar(UInt8($0))) + "y" }
        // Every ASCII byte at every place of a word the escape test reads eight bytes at a time.
        for value in 0..<128 {
            for place in 0..<17 {
                var bytes = Array(repeating: UInt8(ascii: "a"), count: 17)
                bytes[place] = UInt8(value)
                texts.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        #expect(RDFText.wordNeedsStringEscape(0x4141_4141_4141_4141) == false)
        #expect(RDFText.containsStringEscape(UnsafeBufferPointer(start: nil, count: 0)) == false)
        for text in texts {
            var array: [UInt8] = []
            RDFText.appendString(text, to: &array)
            var buffer = ByteBuffer(capacity: 8)
            RDFText.appendString(text, to: &buffer)
            let written = Array(buffer.bytes)
            #expect(written == array, "\(text.debugDescription)")
        }
    }

    @Test func nameByteMaskMatchesTheRule() {
        for value in 0...255 {
            let byte = UInt8(value)
            let expected = RDFText.isWordByte(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
            #expect(RDFText.isNameByte(byte) == expected, "byte \(value)")
        }
    }

    @Test func evidenceCountIsTheEdgesOwnValue() {
        let row = MentionEvidence(word: "AKT1", matchedTerm: "AKT1", source: "hgnc_symbol")
        for rows in [[], [row], [row, row, row]] {
            let edge = GraphEdge(
                kind: .mentions, source: Identifier(.figure, "PMC1__f"), sourceKind: .figure,
                target: Identifier(.ncbigene, "207"), targetKind: .gene, evidence: rows)
            #expect(RDFRenderer.evidenceCount(rows) == edge.value(PropertyKey.evidenceCount.name))
        }
    }
}
