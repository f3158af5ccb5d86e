import Testing
@testable import PFOCRRecords

@Suite struct FrontMatterTests {
    @Test func acceptsBOMAndEveryLineEnding() throws {
        let text = "---\nfigid: A\ncaption: x\n---\n"
        let variants: [[UInt8]] = [
            Array(text.utf8),
            [0xEF, 0xBB, 0xBF] + Array(text.utf8),
            Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8),
            Array(text.replacingOccurrences(of: "\n", with: "\r").utf8),
            Array("---\nfigid: A\ncaption: x\n---".utf8),
        ]
        for bytes in variants {
            let frontMatter = try FrontMatter(bytes: bytes, path: "r.md")
            #expect(frontMatter.yaml == "figid: A\ncaption: x\n")
            #expect(frontMatter.firstLine == 2)
        }
    }

    @Test func rejectsBrokenFrames() {
        let cases: [(String, Int, String)] = [
            ("", 0, "empty record"),
            ("figid: A\n", 1, "does not start"),
            ("---\nfigid: A\n", 1, "never closed"),
            ("---\nfigid: A\n---\nbody text\n", 4, "text after"),
        ]
        for (text, line, message) in cases {
            #expect {
                _ = try FrontMatter(bytes: Array(text.utf8), path: "r.md")
            } throws: { error in
                guard let error = error as? RecordError else { return false }
                return error.location.line == line && error.message.contains(message)
            }
        }
    }

    @Test func reportsTheLineOfInvalidUTF8AndBinary() {
        #expect {
            _ = try FrontMatter(bytes: Array("---\nfigid: A\ncaption: ".utf8) + [0xC3, 0x28] + Array("\n---\n".utf8), path: "r.md")
        } throws: { ($0 as? RecordError)?.location.line == 3 && ($0 as? RecordError)?.message.contains("UTF-8") == true }
        #expect {
            _ = try FrontMatter(bytes: Array("---\nfigid: A\n".utf8) + [0, 1, 2], path: "r.md")
        } throws: { ($0 as? RecordError)?.message.contains("binary") == true }
    }

    @Test func validatesUTF8Strictly() {
        #expect(UTF8Validation.firstInvalidOffset(in: Array("aé€😀".utf8)) == nil)
        #expect(UTF8Validation.firstInvalidOffset(in: [0x61, 0xC0, 0x80]) == 1)  // overlong
        #expect(UTF8Validation.firstInvalidOffset(in: [0xED, 0xA0, 0x80]) == 0)  // surrogate
        #expect(UTF8Validation.firstInvalidOffset(in: [0xF4, 0x90, 0x80, 0x80]) == 0)  // > U+10FFFF
        #expect(UTF8Validation.firstInvalidOffset(in: [0x61, 0xE2, 0x82]) == 1)  // truncated
    }
}
