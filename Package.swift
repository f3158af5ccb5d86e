// swift-tools-version:6.0
import PackageDescription

// Dependencies are kept to two (see README, "Dependencies"):
// - Yams: libyaml-backed YAML, with marks (line numbers), duplicate-key and anchor detection.
// - swift-argument-parser: the command line.
// SHA-256 (report.json's checksums, long CX file names) comes from the system's libcrypto
// (OpenSSL; `libssl-dev` on Debian), which costs no build time, unlike swift-crypto's BoringSSL;
// gzip (`--compress gzip`, `--archive`) from the system's libdeflate (`libdeflate-dev`).
let package = Package(
    name: "pfocr-kg",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "pfocr-kg", targets: ["pfocr-kg"]),
        .library(name: "PFOCRRecords", targets: ["PFOCRRecords"]),
        .library(name: "PFOCRGraph", targets: ["PFOCRGraph"]),
        .library(name: "PFOCRFormats", targets: ["PFOCRFormats"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        // Stage 1: records (files → FigureRecord + diagnostics). No graph knowledge.
        .target(name: "PFOCRRecords", dependencies: ["Yams"]),
        // Stage 2: the graph model, Mappings, GraphBuilder, GraphSink and the export driver.
        .systemLibrary(
            name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]),
        // gzip for `--compress gzip` and `--archive` (libdeflate; `libdeflate-dev` on Debian).
        .systemLibrary(
            name: "CLibDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"]), .brew(["libdeflate"])]),
        // zstd for `--compress zstd` (libzstd; `libzstd-dev` on Debian).
        .systemLibrary(name: "CLibZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"]), .brew(["zstd"])]),
        .target(name: "PFOCRGraph", dependencies: ["PFOCRRecords", "Yams", "CLibCrypto", "CLibDeflate", "CLibZstd"]),
        // Stage 3: one target per format plugin.
        .target(name: "KGXExport", dependencies: ["PFOCRGraph", "PFOCRRecords"]),
        .target(name: "RDFExport", dependencies: ["PFOCRGraph"]),
        // libxml2 through pkg-config (`libxml2-dev` on Debian; see README): the GraphML tests read
        // and XSD-validate the file with it.
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
        .target(name: "GraphMLExport", dependencies: ["PFOCRGraph", "PFOCRRecords"]),
        .target(name: "CXExport", dependencies: ["PFOCRGraph", "PFOCRRecords"]),
        .target(name: "CypherCSVExport", dependencies: ["PFOCRGraph", "PFOCRRecords"]),
        .target(name: "GMTExport", dependencies: ["PFOCRGraph"]),
        // The one list of registered formats.
        .target(
            name: "PFOCRFormats",
            dependencies: [
                "PFOCRGraph", "KGXExport", "RDFExport", "GraphMLExport", "CXExport", "CypherCSVExport", "GMTExport",
            ]),
        // The tools.
        .executableTarget(
            name: "pfocr-kg",
            dependencies: [
                "PFOCRFormats", "PFOCRGraph", "PFOCRRecords", "CXExport", "GMTExport", "RDFExport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "pfocr-kg-bench",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Shared by the test targets: in-process exports and golden-file comparison.
        .target(
            name: "PFOCRTestSupport", dependencies: ["PFOCRFormats", "PFOCRGraph", "PFOCRRecords"],
            path: "Tests/PFOCRTestSupport"),
        // libFuzzer target for the record reader (Scripts/fuzz.sh); a replay tool otherwise.
        .executableTarget(name: "pfocr-kg-fuzz", dependencies: ["PFOCRRecords"]),
        .testTarget(name: "PFOCRRecordsTests", dependencies: ["PFOCRRecords"]),
        .testTarget(
            name: "PFOCRGraphTests",
            dependencies: ["PFOCRGraph", "PFOCRRecords", "PFOCRFormats", "PFOCRTestSupport", "CLibDeflate", "CLibZstd"]),
        .testTarget(name: "KGXExportTests", dependencies: ["KGXExport", "PFOCRGraph", "PFOCRTestSupport"]),
        .testTarget(name: "RDFExportTests", dependencies: ["RDFExport", "PFOCRTestSupport"]),
        .testTarget(name: "GraphMLExportTests", dependencies: ["GraphMLExport", "PFOCRTestSupport", "CLibXML2"]),
        .testTarget(name: "CXExportTests", dependencies: ["CXExport", "PFOCRTestSupport"]),
        .testTarget(name: "CypherCSVExportTests", dependencies: ["CypherCSVExport", "PFOCRTestSupport"]),
        .testTarget(name: "GMTExportTests", dependencies: ["GMTExport", "PFOCRTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
