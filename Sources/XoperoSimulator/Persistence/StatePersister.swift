import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes the state file back after each change, atomically: the bytes go to a temporary file in the
/// same folder, which is flushed to disk and then renamed over the state file, so a crash mid-write
/// leaves either the old file or the new one, never half of one.
struct StatePersister: Sendable {
    let path: String

    func write(_ state: SimulatorStateFile) throws(SimulatorError) {
        let data = state.encoded()
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
            throw .persistFailed(path: path, reason: "cannot create \(temporary)")
        }
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw .persistFailed(path: path, reason: error.localizedDescription)
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw .persistFailed(path: path, reason: reason)
        }
    }
}
