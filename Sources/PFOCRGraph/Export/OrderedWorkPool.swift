import Foundation

/// Runs `work` over `0..<count` on worker threads and hands the results to `consume` in index
/// order, never holding more than `window` results at once.
///
/// This is what makes the export both parallel and deterministic: records are read and built
/// on every core, sinks see them in figid order. Workers use large stacks so deeply nested
/// (hostile) YAML cannot overflow them.
final class OrderedWorkPool<Result>: @unchecked Sendable {
    // All mutable state is guarded by `condition`.
    private let condition = NSCondition()
    private var nextToClaim = 0
    private var nextToConsume = 0
    private var slots: [Int: Result] = [:]
    private var stopped = false
    private var runningWorkers = 0

    private let count: Int
    private let window: Int

    init(count: Int, window: Int) {
        self.count = count
        self.window = max(1, window)
    }

    func run<E: Error>(workers: Int, work: @escaping @Sendable (Int) -> Result, consume: (Result) throws(E) -> Void) throws(E) {
        guard count > 0 else { return }
        let workerCount = max(1, min(workers, count))
        condition.lock()
        runningWorkers = workerCount
        condition.unlock()
        for _ in 0..<workerCount {
            let thread = Thread { [self] in self.workerLoop(work) }
            thread.stackSize = 64 << 20
            thread.start()
        }
        defer { stopAndJoin() }
        for index in 0..<count {
            condition.lock()
            while slots[index] == nil { condition.wait() }
            let result = slots.removeValue(forKey: index)
            nextToConsume = index + 1
            condition.broadcast()
            condition.unlock()
            if let result { try consume(result) }
        }
    }

    private func workerLoop(_ work: @Sendable (Int) -> Result) {
        while true {
            condition.lock()
            while !stopped && nextToClaim < count && nextToClaim >= nextToConsume + window {
                condition.wait()
            }
            guard !stopped && nextToClaim < count else {
                runningWorkers -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let index = nextToClaim
            nextToClaim += 1
            condition.unlock()
            let result = work(index)
            condition.lock()
            slots[index] = result
            condition.broadcast()
            condition.unlock()
        }
    }

    private func stopAndJoin() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while runningWorkers > 0 { condition.wait() }
        slots.removeAll()
        condition.unlock()
    }
}
