import Foundation
import PFOCRTestSupport
import XCTest

/// A golden failure must point at the first differing line, not only at byte counts.
final class GoldenReportTests: XCTestCase {
    func testTextDifferenceNamesTheLineAndBothVersions() {
        let message = Golden.firstDifference(
            expected: Data("a\nsame\nexpected line\ntail\n".utf8),
            written: Data("a\nsame\nwritten line\ntail\n".utf8))
        XCTAssertEqual(message, "first difference on line 3:\n  expected: expected line\n  written:  written line")
    }

    func testMissingTailIsReportedOnTheLineAfterTheCommonPart() {
        let message = Golden.firstDifference(expected: Data("a\nb\n".utf8), written: Data("a\n".utf8))
        XCTAssertEqual(message, "first difference on line 2:\n  expected: b\n  written:  ")
    }

    func testBinaryDifferenceNamesTheByteOffset() {
        let message = Golden.firstDifference(
            expected: Data([0x1f, 0x8b, 0xff, 0x01]), written: Data([0x1f, 0x8b, 0xff, 0x02]))
        XCTAssertEqual(message, "first difference at byte 3")
    }
}
