import Foundation
import Testing

@testable import PFOCRRecords

@Suite struct CorpusTests {
    @Test func resolvesRootsFoldersAndFilesInFigidOrder() {
        let corpus = TemporaryCorpus()
        corpus.record("PMC2__b", "---\nfigid: PMC2__b\n---\n")
        corpus.record("PMC1__a", "---\nfigid: PMC1__a\n---\n")
        let fromRoot = Corpus(paths: [corpus.root])
        #expect(fromRoot.sources.map(\.stem) == ["PMC1__a", "PMC2__b"])
        #expect(fromRoot.sources.first?.dataDirectory == corpus.root + "/_data")
        let fromFolder = Corpus(paths: [corpus.root + "/_figures/"])
        #expect(fromFolder.sources.first?.dataDirectory == corpus.root + "/_data")
        let mixed = Corpus(paths: [corpus.root + "/_figures/PMC2__b.md", corpus.root])
        #expect(mixed.sources.count == 2)
        let missing = Corpus(paths: [corpus.root + "/nope"])
        #expect(missing.sources.isEmpty)
        #expect(missing.diagnostics.count == 1)
    }

    @Test func findsSiblingDataFolders() {
        #expect(Corpus.siblingData(of: "repo/_figures") == "repo/_data")
        #expect(Corpus.siblingData(of: "_figures") == "_data")
        #expect(Corpus.siblingData(of: ".") == "./../_data")
        #expect(Corpus.folder(of: "x.md") == ".")
        #expect(Corpus.fileName(of: "repo/_figures/PMC1__a.md") == "PMC1__a.md")
        #expect(Corpus.fileName(of: "x.md") == "x.md")
        #expect(Corpus.fileName(of: "a/b/") == "b")
    }
}
