import Foundation

/// A value made on a thread of its own while the caller goes on; `value()` waits for it.
final class Background<T: Sendable>: @unchecked Sendable {
    private var result: T?
    private let done = DispatchSemaphore(value: 0)

    init(_ make: @escaping @Sendable () -> T) {
        Thread {
            self.result = make()
            self.done.signal()
        }.start()
    }

    /// The value, once made (every caller after the first finds it at once).
    func value() -> T {
        done.wait()
        done.signal()
        return result!
    }
}
