import Testing

@testable import PFOCRRecords

@Suite struct FrontMatterTests {
    @Test func acceptsBOMAndEveryLineEndingReadingTheYAMLInPlace() throws {
        let text = "---\nfigid: A\ncaption: x\n---\n"
        let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
        let cr = text.replacingOccurrences(of: "\n", with: "\r")
        let variants: [(bytes: [UInt8], yaml: String, offset: Int)] = [
            (Array(text.utf8), "figid: A\ncaption: x\n", 4),
            ([0xEF, 0xBB, 0xBF] + Array(text.utf8), "figid: A\ncaption: x\n", 7),
            (Array(crlf.utf8), "figid: A\r\ncaption: x\r\n", 5),
            (Array(cr.utf8), "figid: A\rcaption: x\r", 4),
            (Array("---\nfigid: A\ncaption: x\n---".utf8), "figid: A\ncaption: x\n", 4),
            (Array("--- \t\nfigid: A\ncaption: x\n...  \n\n \n".utf8), "figid: A\ncaption: x\n", 6),
        ]
        for variant in variants {
            let frontMatter = try FrontMatter(bytes: variant.bytes, path: "r.md")
            #expect(String(decoding: frontMatter.yaml, as: UTF8.self) == variant.yaml)
            #expect(frontMatter.yaml.startIndex == variant.offset, "a slice of the file's bytes, not a copy")
            #expect(frontMatter.firstLine == 2)
        }
    }

    @Test func copiesWithLFOnlyARecordWithCRAndACharacterLibyamlRefuses() throws {
        // libyaml reports such a character when it decodes the 16 KB chunk holding it, so the
        // text it is given must have the byte count of the LF text.
        let bytes = Array("---\r\nfigid: A\r\ncaption: \u{7}\r\n---\r\n".utf8)
        let frontMatter = try FrontMatter(bytes: bytes, path: "r.md")
        #expect(String(decoding: frontMatter.yaml, as: UTF8.self) == "figid: A\ncaption: \u{7}\n")
        let clean = try FrontMatter(bytes: Array("---\r\nfigid: A\r\n---\r\n".utf8), path: "r.md")
        #expect(String(decoding: clean.yaml, as: UTF8.self) == "figid: A\r\n")
    }

    @Test func rejectsBrokenFrames() {
        let cases: [(String, Int, String)] = [
            ("", 0, "empty record"),
            ("figid: A\n", 1, "does not start"),
            ("---\nfigid: A\n", 1, "never closed"),
            ("---\nfigid: A\n---\nbody text\n", 4, "text after"),
            ("---\r\nfigid: A\r\n---\r\n\r\n  \r\n x\r\n", 6, "text after"),
            ("---\rfigid: A\r...\r\r\tx", 5, "text after"),
            ("---x\nfigid: A\n---\n", 1, "does not start"),
            ("\n---\nfigid: A\n---\n", 1, "does not start"),
            (" \n\r\n\t", 0, "empty record"),
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
            _ = try FrontMatter(
                bytes: Array("---\nfigid: A\ncaption: ".utf8) + [0xC3, 0x28] + Array("\n---\n".utf8), path: "r.md")
        } throws: {
            ($0 as? RecordError)?.location.line == 3 && ($0 as? RecordError)?.message.contains("UTF-8") == true
        }
        #expect {
            _ = try FrontMatter(bytes: Array("---\nfigid: A\n".utf8) + [0, 1, 2], path: "r.md")
        } throws: { ($0 as? RecordError)?.message.contains("binary") == true }
        #expect {
            _ = try FrontMatter(
                bytes: Array("---\r\nfigid: A\r\rcaption: ".utf8) + [0xFF] + Array("\r\n---\r\n".utf8), path: "r.md")
        } throws: { ($0 as? RecordError)?.location.line == 4 }
    }

    @Test func validatesUTF8Strictly() {
        #expect(UTF8Validation.firstInvalidOffset(in: Array("aé€😀".utf8)) == nil)
        #expect(UTF8Validation.firstInvalidOffset(in: [0x61, 0xC0, 0x80]) == 1)  // overlong
        #expect(UTF8Validation.firstInvalidOffset(in: [0xED, 0xA0, 0x80]) == 0)  // surrogate
        #expect(UTF8Validation.firstInvalidOffset(in: [0xF4, 0x90, 0x80, 0x80]) == 0)  // > U+10FFFF
        #expect(UTF8Validation.firstInvalidOffset(in: [0x61, 0xE2, 0x82]) == 1)  // truncated
    }
}
