import Foundation
import LinimasaEvaluation

#if FUZZING
/// One input for libFuzzer (`scripts/fuzz.sh` builds with `-sanitize=fuzzer -D FUZZING`).
@_cdecl("LLVMFuzzerTestOneInput")
public func linimasaFuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    FuzzHarness.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// SwiftPM links an executable's `main` to `<module>_main`; here it hands the command line to libFuzzer.
@_cdecl("linimasa_fuzz_main")
public func linimasaFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var args = argv
    return LLVMFuzzerRunDriver(&count, &args) { data, size in linimasaFuzzOne(data, size) }
}
#else
/// Without libFuzzer: runs the given files or folders through the harness once each (to replay
/// what the fuzzer found).
@main
struct FuzzReplay {
    static func main() {
        var n = 0
        for path in CommandLine.arguments.dropFirst() {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
                n += FuzzHarness.replay(path)
            } else if let d = FileManager.default.contents(atPath: path) {
                FuzzHarness.run(Array(d))
                n += 1
            }
        }
        print("linimasa-fuzz: ran \(n) input\(n == 1 ? "" : "s")")
    }
}
#endif
