import Foundation
import LinimasaEvaluation

#if FUZZING
/// libFuzzer's entry point (`scripts/fuzz.sh` builds with `-sanitize=fuzzer -D FUZZING`).
@_cdecl("LLVMFuzzerTestOneInput")
public func linimasaFuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzHarness.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
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
