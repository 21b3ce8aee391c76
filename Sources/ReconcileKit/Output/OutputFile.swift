import Foundation

/// A file the run writes (`--out`, `--metrics-file`), checked before any call is made so that a bad path
/// never costs an apply, and written atomically (a temporary file beside it, then a rename) so that a
/// reader never sees half a file.
///
/// Refused: a path whose folder does not exist or is not writable; a folder; anything but a regular file
/// (a device such as /dev/null, a FIFO, a socket: a rename would replace the device node); a symbolic
/// link (the rename would replace the link, not what it points to); and any of the run's input files
/// (the desired-state files, the simulator's state file, the password file), which it would overwrite.
public struct OutputFile: Sendable {
    public let path: String
    /// The flag that named the file (`--out`): its errors name it.
    public let option: String

    /// Checks `path` before anything else happens.
    public init(path: String, option: String, inputs: [String]) throws(ReconcileError) {
        self.path = path
        self.option = option
        let url = URL(fileURLWithPath: path)
        let parent = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .unwritableOutput(option: option, path: path, reason: "the folder \(parent) does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: parent) else {
            throw .unwritableOutput(option: option, path: path, reason: "the folder \(parent) is not writable")
        }
        var status = stat()
        if lstat(path, &status) == 0 {
            let kind = status.st_mode & S_IFMT
            if kind == S_IFLNK {
                throw .unwritableOutput(
                    option: option, path: path,
                    reason: "it is a symbolic link; name the file it points to, or a new file")
            }
            if kind == S_IFDIR {
                throw .unwritableOutput(option: option, path: path, reason: "it is a folder; name a file in it")
            }
            if kind != S_IFREG {
                throw .unwritableOutput(
                    option: option, path: path,
                    reason: "it is not a regular file (a device, FIFO or socket); name a regular file")
            }
            if let input = inputs.first(where: { Self.sameFile($0, path) }) {
                throw .unwritableOutput(
                    option: option, path: path,
                    reason: "it is the input file \(input), which would be overwritten; name another file")
            }
            guard FileManager.default.isWritableFile(atPath: path) else {
                throw .unwritableOutput(option: option, path: path, reason: "the file is not writable")
            }
        }
    }

    /// Writes `text` atomically.
    public func write(_ text: String) throws(ReconcileError) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .unwritableOutput(option: option, path: path, reason: error.localizedDescription)
        }
    }

    /// The first two of `files` (flag, path) that would write the same file: the same path however spelled
    /// (`./`, `..`, a linked folder), or one existing file reached through a hard link; nil when all differ.
    public static func firstClash(_ files: [(option: String, path: String)]) -> (String, String)? {
        for (index, file) in files.enumerated() {
            for other in files[..<index] where sameTarget(other.path, file.path) {
                return (other.option, file.option)
            }
        }
        return nil
    }

    static func sameTarget(_ lhs: String, _ rhs: String) -> Bool {
        func resolved(_ path: String) -> String {
            let url = URL(fileURLWithPath: path)
            return url.deletingLastPathComponent().resolvingSymlinksInPath().appendingPathComponent(
                url.lastPathComponent
            )
            .standardizedFileURL.path
        }
        return resolved(lhs) == resolved(rhs) || sameFile(lhs, rhs)
    }

    /// True when both paths name the same file (device and inode), whatever links lead to it.
    static func sameFile(_ lhs: String, _ rhs: String) -> Bool {
        var left = stat()
        var right = stat()
        guard stat(lhs, &left) == 0, stat(rhs, &right) == 0 else { return false }
        return left.st_dev == right.st_dev && left.st_ino == right.st_ino
    }
}
