// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Linimasa",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Linimasa", targets: ["Linimasa"]),
        .executable(name: "linimasa", targets: ["linimasa"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        .target(name: "LinimasaCore"),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev", "zlib1g-dev"])]),
        .target(name: "CPageArena"),
        .target(name: "LinimasaHTML", dependencies: ["LinimasaCore", "LinimasaText", "CLibXML2", "CPageArena"]),
        .target(name: "LinimasaText", dependencies: ["LinimasaCore"]),
        .target(name: "LinimasaTime", dependencies: ["LinimasaCore", "LinimasaText"]),
        .target(name: "LinimasaIngest", dependencies: ["LinimasaCore", "LinimasaHTML"]),
        .target(name: "LinimasaExtract", dependencies: ["LinimasaCore", "LinimasaText", "LinimasaTime"]),
        .target(
            name: "LinimasaEntities", dependencies: ["LinimasaCore", "LinimasaText"],
            resources: [.copy("Resources/ner.lnm")]),
        .target(name: "LinimasaGroup", dependencies: ["LinimasaCore", "LinimasaText"]),
        .target(name: "LinimasaSummarize", dependencies: ["LinimasaCore", "LinimasaText"]),
        .target(
            name: "LinimasaTimeline",
            dependencies: ["LinimasaCore", "LinimasaText", "LinimasaEntities", "LinimasaGroup", "LinimasaSummarize"]),
        .target(
            name: "Linimasa",
            dependencies: [
                "LinimasaCore", "LinimasaText", "LinimasaTime", "LinimasaIngest", "LinimasaExtract", "LinimasaEntities",
                "LinimasaGroup", "LinimasaSummarize", "LinimasaTimeline",
            ]
        ),
        .target(name: "LinimasaEvaluation", dependencies: ["Linimasa", "LinimasaStore", "LinimasaHTML"]),
        .target(
            name: "LinimasaStore",
            dependencies: [
                "Linimasa", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(name: "LinimasaCrawl", dependencies: ["Linimasa", "LinimasaStore", "LinimasaHTML"]),
        .target(
            name: "LinimasaServer",
            dependencies: [
                "LinimasaStore", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"), .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Web")]),
        .executableTarget(
            name: "linimasa",
            dependencies: [
                "Linimasa", "LinimasaEvaluation", "LinimasaHTML", "LinimasaStore", "LinimasaServer", "LinimasaCrawl", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "linimasa-fuzz", dependencies: ["LinimasaEvaluation"]),
        .testTarget(name: "LinimasaCoreTests", dependencies: ["LinimasaCore", "LinimasaText"]),
        .testTarget(name: "LinimasaTextTests", dependencies: ["LinimasaText"]),
        .testTarget(name: "LinimasaTimeTests", dependencies: ["LinimasaTime"]),
        .testTarget(name: "LinimasaIngestTests", dependencies: ["LinimasaIngest", "LinimasaHTML"]),
        .testTarget(name: "LinimasaHTMLTests", dependencies: ["LinimasaHTML", "CPageArena"]),
        .testTarget(
            name: "LinimasaCrawlTests",
            dependencies: [
                "LinimasaCrawl", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
        .testTarget(name: "LinimasaExtractTests", dependencies: ["LinimasaExtract"]),
        .testTarget(name: "LinimasaEntitiesTests", dependencies: ["LinimasaEntities"]),
        .testTarget(name: "LinimasaGroupTests", dependencies: ["LinimasaGroup"]),
        .testTarget(name: "LinimasaSummarizeTests", dependencies: ["LinimasaSummarize"]),
        .testTarget(name: "LinimasaTests", dependencies: ["Linimasa", "LinimasaTimeline"]),
        .testTarget(name: "LinimasaEvaluationTests", dependencies: ["LinimasaEvaluation", "LinimasaStore"]),
        .testTarget(name: "LinimasaStoreTests", dependencies: ["LinimasaStore"]),
        .testTarget(
            name: "LinimasaServerTests",
            dependencies: ["LinimasaServer", .product(name: "HummingbirdTesting", package: "hummingbird")]),
    ]
)
