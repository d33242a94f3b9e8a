// swift-tools-version: 6.0
// Rudder: a Helm-compatible chart engine.
//
// Layers (dependencies point one way):
//   RudderCore  <-  CYAML <- RudderYAML
//   RudderCore  <-  RudderTemplate
//   RudderCore  <-  RudderRegex
//   RudderTemplate + swift-crypto + swift-certificates  <-  RudderCrypto
//   RudderTemplate + RudderYAML + RudderRegex + RudderCrypto  <-  RudderFunctions
//   everything  <-  RudderChart  <-  rudder (CLI)
import PackageDescription

// Release builds skip the run-time exclusivity checks of class properties
// (about 2% of a batch render); debug builds, which the tests run, keep them,
// so an overlapping access still traps there.
// They also reach generic type metadata through accessor functions instead of
// mangled names: resolving a mangled name checks the type's requirements by
// protocol conformance lookups, and this runtime repeats the whole scan of the
// binary's 5,290 conformance records for every call site that names a type
// such as `[String: Value]` (a tenth of a small render's instructions).
let fastMetadataAccess = ["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"]
let releaseSettings: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked"] + fastMetadataAccess, .when(configuration: .release))
]

let package = Package(
    name: "Rudder",
    products: [
        .executable(name: "rudder", targets: ["rudder"]),
        .library(name: "RudderChart", targets: ["RudderChart"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
    ],
    targets: [
        // The value type, source positions, diagnostics, file access. No dependencies.
        .target(name: "RudderCore", swiftSettings: releaseSettings),
        // libyaml (Debian: libyaml-dev).
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // zlib (Debian: zlib1g-dev), for chart archives.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // glibc's renameat2 and syncfs (atomic folder exchange and flushing for batch output).
        .systemLibrary(name: "CPosix"),
        // YAML and JSON: read with source positions, write as Helm's toYaml/toJson do.
        .target(name: "RudderYAML", dependencies: ["RudderCore", "CYAML"], swiftSettings: releaseSettings),
        // Go's text/template: lexer, parser, evaluator, fmt-style printing.
        .target(name: "RudderTemplate", dependencies: ["RudderCore"], swiftSettings: releaseSettings),
        // RE2-syntax regular expressions with Go's semantics, linear time.
        .target(
            name: "RudderRegex", dependencies: ["RudderCore"], exclude: ["README.md"], swiftSettings: releaseSettings),
        // Sprig's crypto, certificate, password, random and UUID functions.
        .target(
            name: "RudderCrypto",
            dependencies: [
                "RudderCore", "RudderTemplate",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            exclude: ["README.md"],
            // Optimized in debug builds too: scrypt (derivePassword) and bcrypt
            // take seconds per call unoptimized, milliseconds optimized.
            swiftSettings: [.unsafeFlags(["-O"]), .unsafeFlags(fastMetadataAccess, .when(configuration: .release))]
        ),
        // Sprig and Helm template functions.
        .target(
            name: "RudderFunctions",
            dependencies: ["RudderCore", "RudderTemplate", "RudderYAML", "RudderRegex", "RudderCrypto"],
            exclude: ["README.md"],
            swiftSettings: releaseSettings
        ),
        // Chart engine: load, values, schema, render, lint, package.
        .target(
            name: "RudderChart",
            dependencies: ["RudderCore", "RudderYAML", "RudderTemplate", "RudderFunctions", "CZlib", "CPosix"],
            swiftSettings: releaseSettings
        ),
        // The command-line tool.
        .executableTarget(
            name: "rudder",
            dependencies: [
                "RudderChart",
                "CPosix",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: releaseSettings,
            // A static executable (as Helm's own binary is): the standard library,
            // libyaml, zlib and the C libraries are linked in, so start-up has no
            // dynamic loading or symbol binding (2.8M instructions less per run than
            // -static-stdlib). lld, because it can be told to keep quiet about
            // glibc's static-linking notes (getaddrinfo, getpwnam, dlopen: used
            // only by --enable-dns and FoundationEssentials, and working here).
            // swift-argument-parser pulls in FoundationEssentials (no Foundation),
            // whose static archive needs these three beside it.
            linkerSettings: [
                .unsafeFlags(["-static-executable", "-use-ld=lld", "-Xlinker", "--no-warnings"]),
                .linkedLibrary("swiftSynchronization"),
                .linkedLibrary("_FoundationCollections"),
                .linkedLibrary("_FoundationCShims"),
            ]
        ),
        // Test support: golden case files, fixtures. Not API.
        .target(name: "_RudderTestSupport", dependencies: ["RudderCore"]),

        .testTarget(name: "RudderCoreTests", dependencies: ["RudderCore", "_RudderTestSupport"]),
        .testTarget(name: "RudderYAMLTests", dependencies: ["RudderYAML", "_RudderTestSupport"]),
        .testTarget(name: "RudderTemplateTests", dependencies: ["RudderTemplate", "_RudderTestSupport"]),
        .testTarget(name: "RudderRegexTests", dependencies: ["RudderRegex", "_RudderTestSupport"]),
        .testTarget(
            name: "RudderFunctionsTests",
            dependencies: ["RudderFunctions", "RudderTemplate", "RudderYAML", "_RudderTestSupport"]
        ),
        .testTarget(
            name: "RudderCryptoTests",
            dependencies: ["RudderCrypto", "RudderFunctions", "RudderTemplate", "RudderYAML", "_RudderTestSupport"]
        ),
        .testTarget(name: "RudderChartTests", dependencies: ["RudderChart", "_RudderTestSupport"]),
        .testTarget(name: "RudderCLITests", dependencies: ["RudderCore", "_RudderTestSupport"]),
    ]
)
